#!/usr/bin/env python3
"""Prints the constant tables used by src/log_factorial.rs.

Values are computed with mpmath at 60 significant digits and rounded once to
the nearest f64, so each entry is the correctly rounded value.
"""
import mpmath as mp

mp.mp.dps = 60
N = 256
half_ln_2pi = mp.log(2 * mp.pi) / 2


def f64(x):
    return repr(float(x))


print("const LN_FACT: [f64; %d] = [" % N)
for k in range(N):
    print("    %s," % f64(mp.log(mp.factorial(k))))
print("];")
print()
print("const STIRLING_ERR: [f64; %d] = [" % N)
print("    0.0,")
for k in range(1, N):
    k_ = mp.mpf(k)
    v = mp.log(mp.factorial(k)) - ((k_ + mp.mpf(1) / 2) * mp.log(k_) - k_ + half_ln_2pi)
    print("    %s," % f64(v))
print("];")
print()
print("// half_ln_2pi =", f64(half_ln_2pi))
# Reference values for tests.
for k in [170, 1000, 10**6, 10**10, 10**15]:
    print("// ln(%d!) =" % k, mp.nstr(mp.loggamma(k + 1), 25), f64(mp.loggamma(k + 1)))
for x in ["0.5", "1.5", "2.25", "7.75", "300.5"]:
    print("// lngamma(%s+1) =" % x, f64(mp.loggamma(mp.mpf(x) + 1)))
