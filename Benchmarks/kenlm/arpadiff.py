import sys
def load(p, charmode=False):
    d={}; order=0
    for line in open(p, encoding='utf-8'):
        line=line.rstrip('\n')
        if line.startswith('\\') and line.endswith('-grams:'): order=int(line[1:line.index('-')]); continue
        if not line or line.startswith('\\') or line.startswith('ngram ') or order==0: continue
        f=line.split('\t'); toks=tuple(f[1].split(' ')) if len(f)>1 and ' ' in f[1] else tuple(f[1:1+order]) if len(f)>=1+order and ' ' not in f[1] else None
        if len(f)==2 or len(f)==3: toks=tuple(f[1].split(' '))
        else: toks=tuple(f[1:1+order])
        bo=float(f[-1]) if len(f)==len(toks)+2 or (len(f)==3 and ' ' in f[1]) else 0.0
        d[toks]=(float(f[0]),bo)
    return d
a=load(sys.argv[1]); b=load(sys.argv[2])
print('ngrams', len(a), len(b), 'missing', len(set(a)-set(b)), 'extra', len(set(b)-set(a)))
mp=max(abs(a[g][0]-b[g][0]) for g in a if g in b and a[g][0]>-90)
mb=max(abs(a[g][1]-b[g][1]) for g in a if g in b)
print('max |dlog10 p| %.3g  max |dlog10 b| %.3g' % (mp, mb))
