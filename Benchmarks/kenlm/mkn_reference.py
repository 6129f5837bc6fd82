# Naive reference of KenLM lmplz modified Kneser-Ney and query scoring, written from
# ../shared/reference/kenlm-conventions.md (float64, discounts in float32). Usage: mkn_reference.py TRAIN TEST ORDER
import sys, math, numpy as np
from collections import defaultdict
def train(lines, N, quirk=True, fallback=(0.5,1,1.5)):
    sents=[l.split() for l in lines]
    c=[defaultdict(int) for _ in range(N+1)]
    first={}; 
    for s in sents:
        t=['<s>']+s+['</s>']
        for w in t:
            if w not in first: first[w]=len(first)
        for k in range(1,N+1):
            for i in range(len(t)-k+1):
                g=tuple(t[i:i+k])
                if '<s>' in g[1:]: continue
                c[k][g]+=1
    vocab=set(g[0] for g in c[1])|{'<unk>','</s>'}; vocab.discard('<s>')
    a=[dict() for _ in range(N+1)]
    for k in range(1,N+1):
        for g in c[k]:
            if k==N or g[0]=='<s>': a[k][g]=c[k][g]
            else: a[k][g]=0
    for k in range(1,N):
        for g in c[k+1]:
            s=g[1:]
            if s[0]!='<s>' or k==N: pass
            if not (k<N and s[0]=='<s>'):
                a[k][s]+=1
    a[1][('<s>',)]=0; a[1][('<unk>',)]=0
    # kenlm ids
    kid={'<unk>':0,'<s>':1,'</s>':2}
    for s in sents:
        for w in s:
            if w not in kid: kid[w]=len(kid)
    coc=[]
    for k in range(1,N+1):
        n=[0]*5
        for g,v in a[k].items():
            if 1<=v<=4: n[v]+=1
        coc.append(n)
    q=[]
    if quirk and N>=2:
        # last N-gram in suffix order among padded windows
        best=None
        for s in sents:
            t=['<s>']*(N-1)+s+['</s>']
            for i in range(len(t)-N+1):
                g=t[i:i+N]
                if g[-1]=='<s>': continue
                key=tuple(kid[x] for x in reversed(g))
                if best is None or key>best[0]: best=(key,g)
        g=best[1]
        for j in range(1,N):
            suf=tuple(g[N-j:])
            if '<s>' in suf[1:]: break
            q.append(suf)
            if suf[0]=='<s>': break
        for suf in q:
            k=len(suf); av=a[k][suf]; cv=c[k][suf]
            if 1<=av<=4: coc[k-1][av]-=1
            if 1<=cv<=4: coc[k-1][cv]+=1
    D=[]; fell=[]
    for k in range(1,N+1):
        n=coc[k-1]; f32=np.float32
        ok=all(n[j]>0 for j in (1,2,3))
        d=None
        if ok:
            y=f32(n[1])/f32(n[1]+2.0*n[2]); d=[0.0]
            for j in (1,2,3):
                dj=f32(j)-f32(j+1)*y*f32(n[j+1])/f32(n[j])
                if dj<0 or dj>j: ok=False
                d.append(float(dj))
        if not ok: d=[0.0]+list(fallback); fell.append(k)
        D.append(d)
    V=len(vocab)
    # probabilities
    p=[dict() for _ in range(N+1)]; bo=[dict() for _ in range(N+1)]
    for k in range(1,N+1):
        ctx=defaultdict(list)
        for g in a[k]: ctx[g[:-1]].append(g)
        for h,gs in ctx.items():
            den=sum(a[k][g] for g in gs)
            d=D[k-1]
            n1=sum(1 for g in gs if a[k][g]==1); n2=sum(1 for g in gs if a[k][g]==2); n3=sum(1 for g in gs if a[k][g]>=3)
            gam=(d[1]*n1+d[2]*n2+d[3]*n3)/den
            for g in gs:
                u=(a[k][g]-d[min(a[k][g],3)])/den
                low=1.0/V if k==1 else p[k-1][g[1:]]
                p[k][g]=u+gam*low
            if k>=2: bo[k-1][h]=gam
        if k==1: p[1][('<s>',)]=1.0
    return dict(N=N,c=c,a=a,coc=coc,D=D,fell=fell,p=p,bo=bo,V=V,vocab=vocab,quirk=q)
def score(m, lines):
    N=m['N']; p=m['p']; bo=m['bo']; tot=0.0; oovsum=0.0; toks=0; oov=0; per=[]
    for l in lines:
        h=['<s>']
        for w in l.split()+['</s>']:
            isoov = w not in m['vocab']
            ww='<unk>' if isoov else w
            ctx=tuple(h[-(N-1):]) if N>1 else ()
            lp=0.0
            for m_ in range(len(ctx),-1,-1):
                g=ctx[len(ctx)-m_:]+(ww,)
                if g in p[len(g)]:
                    lp+=math.log10(p[len(g)][g]); break
                lp+=math.log10(bo[len(g)-1].get(ctx[len(ctx)-m_:],1.0)) if m_>0 else 0
            tot+=lp; toks+=1; per.append(lp)
            if isoov: oov+=1; oovsum+=lp; h=[]
            else: h.append(w)
            if w=='</s>': h=['<s>']
    return dict(tokens=toks,oov=oov,ppl=10**(-tot/toks),ppl_excl=10**(-(tot-oovsum)/(toks-oov)),per=per)
if __name__=='__main__':
    tr=open(sys.argv[1]).read().split('\n')[:-1]; te=open(sys.argv[2]).read().split('\n')[:-1]; N=int(sys.argv[3])
    m=train(tr,N); r=score(m,te)
    print('D',m['D'],'fell',m['fell'],'coc',m['coc'],'quirk',m['quirk'])
    print('tokens',r['tokens'],'oov',r['oov'],'ppl %.10g excl %.10g'%(r['ppl'],r['ppl_excl']))
