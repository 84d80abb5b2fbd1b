#!/usr/bin/env python3
"""Prints the two tables of src/log_factorial.rs, correctly rounded to f64:
LN_FACT, ln k! for k = 0..255, and STIRLING_ERR, the Stirling error
E(k) = ln k! - ((k + 1/2) ln k - k + 1/2 ln 2 pi) for k = 1..255 (entry 0 a
placeholder). Python's decimal at 60 digits; no other dependency.

    python3 tools/gen_tables.py ln_fact
    python3 tools/gen_tables.py stirling_err
"""
import sys
from decimal import Decimal, getcontext

getcontext().prec = 60
PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494")
HALF_LN_2PI = (2 * PI).ln() / 2


def ln_fact(k: int) -> Decimal:
    return sum((Decimal(i).ln() for i in range(2, k + 1)), Decimal(0))


def stirling_err(k: int) -> Decimal:
    x = Decimal(k)
    return ln_fact(k) - ((x + Decimal("0.5")) * x.ln() - x + HALF_LN_2PI)


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "ln_fact"
    if which == "ln_fact":
        values = [float(ln_fact(k)) for k in range(256)]
    elif which == "stirling_err":
        values = [0.0] + [float(stirling_err(k)) for k in range(1, 256)]
    else:
        sys.exit("usage: gen_tables.py ln_fact|stirling_err")
    for i in range(0, 256, 4):
        print("    " + ", ".join(repr(v) for v in values[i : i + 4]) + ",")


if __name__ == "__main__":
    main()
