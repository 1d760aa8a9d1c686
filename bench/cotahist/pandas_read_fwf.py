"""The peer: pandas.read_fwf with the official COTAHIST column specs (Debian python3-pandas).

usage: /usr/bin/python3 pandas_read_fwf.py FILE  -> prints one JSON line {ms, rows, maxRssMb, pandas}
"""
import json
import resource
import sys
import time

import pandas as pd

# Official layout (1-based inclusive positions) -> 0-based half-open colspecs.
FIELDS = [
    ("TIPREG", 1, 2), ("DATA", 3, 10), ("CODBDI", 11, 12), ("CODNEG", 13, 24), ("TPMERC", 25, 27),
    ("NOMRES", 28, 39), ("ESPECI", 40, 49), ("PRAZOT", 50, 52), ("MODREF", 53, 56), ("PREABE", 57, 69),
    ("PREMAX", 70, 82), ("PREMIN", 83, 95), ("PREMED", 96, 108), ("PREULT", 109, 121), ("PREOFC", 122, 134),
    ("PREOFV", 135, 147), ("TOTNEG", 148, 152), ("QUATOT", 153, 170), ("VOLTOT", 171, 188), ("PREEXE", 189, 201),
    ("INDOPC", 202, 202), ("DATVEN", 203, 210), ("FATCOT", 211, 217), ("PTOEXE", 218, 230), ("CODISI", 231, 242),
    ("DISMES", 243, 245),
]

path = sys.argv[1]
t = time.perf_counter()
df = pd.read_fwf(
    path,
    colspecs=[(a - 1, b) for _, a, b in FIELDS],
    names=[n for n, _, _ in FIELDS],
    header=None,
    dtype={"CODBDI": str, "TPMERC": str, "TIPREG": str},
    encoding="latin-1",
)
ms = (time.perf_counter() - t) * 1000
print(json.dumps({
    "ms": ms,
    "rows": int(len(df)),
    "maxRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "pandas": pd.__version__,
}))
