# fuzz_lmplz.py N: N random small corpora, lmplz vs seqbench (see README.md).
import random, subprocess, sys

import os
K=os.environ.get('KENLM_BIN','/tmp/kenlm/build/bin'); SB=os.path.abspath(os.environ.get('SEQBENCH','.build/release/seqbench'))
import tempfile; os.chdir(tempfile.mkdtemp(prefix='ngram-fuzz-'))
def load(p):
    d={}; order=0
    for line in open(p):
        line=line.rstrip('\n')
        if line.startswith('\\') and line.endswith('-grams:'): order=int(line[1:line.index('-')]); continue
        if not line or line.startswith('\\') or line.startswith('ngram ') or order==0: continue
        f=line.split('\t'); toks=tuple(f[1].split(' ')) if ' ' in f[1] else tuple(f[1:1+order])
        bo=float(f[-1]) if (len(f)==3 and ' ' in f[1]) or len(f)==order+2 else 0.0
        d[toks]=(float(f[0]),bo)
    return d
worst=[0,0,0]
for trial in range(int(sys.argv[1])):
    rng=random.Random(trial)
    V=rng.choice([3,5,8,20]); words=['w%d'%i for i in range(V)]
    lines=[]
    for _ in range(rng.randint(5,60)):
        n=rng.choice([0,1,2,3,5,8]) if rng.random()<0.9 else 0
        lines.append(' '.join(rng.choice(words[:max(1,int(V*rng.random())+1)]) for _ in range(n)))
    test=[' '.join(rng.choice(words+['oov1','oov2']) for _ in range(rng.randint(0,6))) for _ in range(10)]
    open('tr.txt','w').write('\n'.join(lines)+'\n'); open('te.txt','w').write('\n'.join(test)+'\n')
    order=rng.randint(2,6)
    r=subprocess.run(f'{K}/lmplz -o {order} -S 100M --discount_fallback < tr.txt > k.arpa',shell=True,capture_output=True,text=True)
    if r.returncode!=0: print('lmplz failed', trial, r.stderr[-300:]); continue
    q=subprocess.run(f'{K}/query k.arpa < te.txt',shell=True,capture_output=True,text=True).stdout.split('\n')
    kp=float([l for l in q if l.startswith('Perplexity including')][0].split('\t')[1])
    subprocess.run(f'{SB} ngram bench --train tr.txt --test te.txt --order {order} --sample 10 --arpa o.arpa > o.json',shell=True,check=True)
    import json; e=json.load(open('o.json'))['eval']
    a=load('k.arpa'); b=load('o.arpa')
    if set(a)!=set(b): print('ngram sets differ', trial, len(a), len(b), list(set(a)^set(b))[:5]); continue
    dp=max(abs(a[g][0]-b[g][0]) for g in a if a[g][0]>-90); db=max(abs(a[g][1]-b[g][1]) for g in a)
    rel=abs(kp-e['perplexity'])/kp
    worst=[max(worst[0],dp),max(worst[1],db),max(worst[2],rel)]
    if dp>2e-6 or db>2e-6 or rel>1e-6: print('MISMATCH', trial, order, dp, db, kp, e['perplexity'])
print('trials', sys.argv[1], 'worst |dlog10p| %.2g |dlog10b| %.2g ppl rel %.2g' % tuple(worst))
