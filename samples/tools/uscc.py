#!/usr/bin/env python3
"""Unified social credit codes (GB 32100-2015) for the sample corpus.

The samples need credit codes that pass the standard's check (GB 32100 position 18 and the
GB 11714 organisation-code check over positions 9-17), built from a real GB/T 2260 region code,
so that only the mistakes planted on purpose are reported. The codes are invented; they are not
claimed to belong to any real company.

    python3 uscc.py 91 310115 MA1K3BTP     -> prints the full 18-symbol code
"""
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_check(body8):
    s = sum(ORG_ALPHABET.index(c) * w for c, w in zip(body8, ORG_WEIGHTS))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def make(prefix2, region6, body8):
    """prefix2: department + category (91 enterprise, 92 individual business, 93 cooperative)."""
    assert len(prefix2) == 2 and len(region6) == 6 and len(body8) == 8
    first17 = prefix2 + region6 + body8 + org_check(body8)
    for ch in first17:
        if ch not in ALPHABET:
            raise ValueError(f"{ch!r} is not allowed in a credit code (I, O, S, V, Z): {first17}")
    s = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + ALPHABET[(31 - s % 31) % 31]


def valid(code):
    if len(code) != 18 or any(c not in ALPHABET for c in code):
        return False
    return make(code[:2], code[2:8], code[8:16]) == code


if __name__ == "__main__":
    print(make(sys.argv[1], sys.argv[2], sys.argv[3]))
