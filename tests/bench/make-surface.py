#!/usr/bin/env python3
"""Writes lh.pial (an icosphere, 163,842 vertices by default), lh.curv and lh.thickness in
FreeSurfer's binary formats into the folder given, for the 3D benchmarks."""
import os, sys
import numpy as np, struct
t=(1+5**0.5)/2
v=[(-1,t,0),(1,t,0),(-1,-t,0),(1,-t,0),(0,-1,t),(0,1,t),(0,-1,-t),(0,1,-t),(t,0,-1),(t,0,1),(-t,0,-1),(-t,0,1)]
f=[(0,11,5),(0,5,1),(0,1,7),(0,7,10),(0,10,11),(1,5,9),(5,11,4),(11,10,2),(10,7,6),(7,1,8),(3,9,4),(3,4,2),(3,2,6),(3,6,8),(3,8,9),(4,9,5),(2,4,11),(6,2,10),(8,6,7),(9,8,1)]
v=[np.array(p)/np.linalg.norm(p) for p in v]
for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 7):
    cache={}; nf=[]
    def mid(a,b):
        k=(min(a,b),max(a,b))
        if k not in cache:
            m=(v[a]+v[b]); v.append(m/np.linalg.norm(m)); cache[k]=len(v)-1
        return cache[k]
    for a,b,c in f:
        ab,bc,ca=mid(a,b),mid(b,c),mid(c,a); nf+= [(a,ab,ca),(b,bc,ab),(c,ca,bc),(ab,bc,ca)]
    f=nf
V=np.array(v)*60.0; V[:,0]=V[:,0]*0.55-35; F=np.array(f)
def surf(path,V,F):
    with open(path,'wb') as o:
        o.write(b'\xff\xff\xfe'+b'created by test\n\n'); o.write(struct.pack('>ii',len(V),len(F)))
        o.write(V.astype('>f4').tobytes()); o.write(F.astype('>i4').tobytes())
def curv(path,x):
    with open(path,'wb') as o:
        o.write(b'\xff\xff\xff'); o.write(struct.pack('>iii',len(x),len(F),1)); o.write(np.asarray(x).astype('>f4').tobytes())
os.makedirs(sys.argv[1], exist_ok=True)
os.chdir(sys.argv[1])
surf('lh.pial',V,F)
n=np.array(v)
curv('lh.curv', np.sin(8*n[:,1])*np.cos(6*n[:,2]))
curv('lh.thickness', 2.5+ n[:,1]*1.0)   # thick anteriorly
print(len(V),len(F))
