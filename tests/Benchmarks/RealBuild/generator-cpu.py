"""CPU samples of one generator in `perf script` output: the samples whose stack holds a frame of the generator
(its namespace, `marker`), leaving out those whose outermost such frame is an analyzer (`analyzers`), split by what
runs below the generator's innermost frame: the JIT, Roslyn, the runtime, or the generator's own code.

    python3 generator-cpu.py perf.txt <marker> <analyzer marker or "">
"""
import collections,sys
path,marker,analyzers=sys.argv[1],sys.argv[2],sys.argv[3]
samples=open(path).read().split('\n\n')
cat=collections.Counter(); n=0
for s in samples:
    lines=[l.strip() for l in s.split('\n')[1:] if l.strip()]
    ours=[i for i,l in enumerate(lines) if marker in l]
    if not ours: continue
    if analyzers and analyzers in lines[ours[-1]]: continue  # outermost frame is an analyzer
    n+=1
    below=lines[:ours[0]]
    libs=[l.rsplit('(',1)[-1] for l in below]
    if any('libclrjit' in l for l in libs): c='JIT compiling'
    elif any('Microsoft.CodeAnalysis' in l for l in libs): c='Roslyn (binding, symbols, syntax)'
    elif not below: c='own code'
    elif any('perf-' in l for l in libs) and not any('.dll' in l for l in libs): c='own code / JIT-ed callees'
    else: c='runtime, GC, other'
    cat[c]+=1
print(f'{marker}: {n} samples at 4 kHz = {n/4000:.3f} s of CPU on its stacks')
for k,v in cat.most_common(): print(f'  {v:5} {100*v/n:5.1f}%  {k}')
