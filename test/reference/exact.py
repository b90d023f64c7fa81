"""Independent reference for the exact permutation test of two small NPS samples:
every way of dealing the pooled answers into two samples of the same sizes, by brute force.
Run: python3 test/reference/exact.py  (samples as detractors, passives, promoters)."""
import itertools, json
def nps(xs): return (sum(1 for x in xs if x==1)-sum(1 for x in xs if x==-1))/len(xs)
def exact(a,b):
    # a,b = (det,pas,pro); brute force over all index subsets
    A=[-1]*a[0]+[0]*a[1]+[1]*a[2]; B=[-1]*b[0]+[0]*b[1]+[1]*b[2]
    pool=A+B; n=len(A); seen=abs(nps(B)-nps(A))-1e-9; hit=tot=0
    for idx in itertools.combinations(range(len(pool)),n):
        s=set(idx); x=[pool[i] for i in idx]; y=[pool[i] for i in range(len(pool)) if i not in s]
        tot+=1; hit+= abs(nps(y)-nps(x))>=seen
    return hit/tot
cases=[((1,0,0),(0,0,1)),((2,1,0),(0,1,3)),((1,2,3),(0,1,5)),((3,0,1),(1,2,6)),((0,4,2),(3,3,6))]
print(json.dumps([[list(a),list(b),exact(a,b)] for a,b in cases]))
