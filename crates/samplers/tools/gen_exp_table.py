#!/usr/bin/env python3
"""Prints the table of src/exp.rs: 2^(j/256) for j = 0..255, correctly
rounded to f64 (Python's decimal at 50 digits; no other dependency)."""
from decimal import Decimal, getcontext

getcontext().prec = 50
LN2 = Decimal(2).ln()
values = [float((LN2 * j / 256).exp()) for j in range(256)]
for i in range(0, 256, 4):
    print("    " + ", ".join(repr(v) for v in values[i : i + 4]) + ",")
