// Every stackalloc in this assembly is written before it is read (the tests of each normalizer and of the hashing
// paths check the bytes that come out), so the runtime need not zero it first: the hash batch alone stackallocs 1 KiB
// per value, which was zeroed 8 times per checkout event before this (see docs/benchmarks.md).
[module: System.Runtime.CompilerServices.SkipLocalsInit]
