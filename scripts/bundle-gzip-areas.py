#!/usr/bin/env python3
"""What each area of the bundle costs after gzip -9: the shipped wasm's bytes by area, and what
the whole file's gzip -9 would lose without them.

  scripts/bundle-gzip-areas.py NAMED.wasm

NAMED.wasm is the release wasm through wasm-bindgen and `wasm-opt -Oz -g` (the shipped code
with its name section, as `make bench` builds it). Areas are `bundle-areas.py`'s. For each
area: its raw bytes (function bodies, or data segments), the gzip -9 of those bytes alone, and
the drop of the gzip -9 of all the code and data when they are left out ("saved"): the
figure a change removing that area would gain. twiggy's shallow sizes give the raw bytes too;
this script is for the compressed ones, since code that repeats (monomorphized copies)
compresses far better than the texts.
"""
import importlib.util
import os
import re
import sys
import zlib
from collections import defaultdict

spec = importlib.util.spec_from_file_location(
    "areas", os.path.join(os.path.dirname(__file__), "bundle-areas.py"))
areas = importlib.util.module_from_spec(spec)
spec.loader.exec_module(areas)


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def parse(b):
    assert b[:4] == b"\0asm"
    i = 8
    n_imported = 0
    bodies, data, names = [], [], {}
    while i < len(b):
        sid = b[i]
        size, i = leb(b, i + 1)
        end = i + size
        if sid == 2:  # imports: count the imported functions (they come first in the index space)
            n, j = leb(b, i)
            for _ in range(n):
                for _ in range(2):
                    ln, j = leb(b, j)
                    j += ln
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    n_imported += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 2:
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:
                    j += 2
                else:
                    raise ValueError(f"import kind {kind}")
        elif sid == 10:
            n, j = leb(b, i)
            for _ in range(n):
                ln, j = leb(b, j)
                bodies.append(b[j:j + ln])
                j += ln
        elif sid == 11:
            data.append(b[i:end])
        elif sid == 0:
            ln, j = leb(b, i)
            if b[j:j + ln] == b"name":
                j += ln
                while j < end:
                    sub = b[j]
                    sl, j = leb(b, j + 1)
                    if sub == 1:
                        k = j
                        n, k = leb(b, k)
                        for _ in range(n):
                            idx, k = leb(b, k)
                            nl, k = leb(b, k)
                            names[idx] = b[k:k + nl].decode("utf-8", "replace")
                            k += nl
                    j += sl
        i = end
    return n_imported, bodies, data, names


def gz(parts):
    return len(zlib.compress(b"".join(parts), 9))


def main():
    b = open(sys.argv[1], "rb").read()
    n_imported, bodies, data, names = parse(b)
    by_area = defaultdict(list)
    for k, body in enumerate(bodies):
        name = re.sub(r"\[[0-9a-f]{6,}\]", "", names.get(n_imported + k, ""))
        a = areas.area(name) if name else "other (no symbol)"
        by_area[a or "other (no symbol)"].append(k)
    whole = gz(bodies + data)
    print(f"code {sum(map(len, bodies)):,} B in {len(bodies)} functions, data {sum(map(len, data)):,} B; "
          f"gzip -9 of code + data {whole:,} B")
    rows = []
    for a, ks in by_area.items():
        raw = sum(len(bodies[k]) for k in ks)
        if raw * 1000 < len(b) * 3:
            continue
        keep = set(ks)
        without = gz([x for k, x in enumerate(bodies) if k not in keep] + data)
        rows.append((a, raw, gz([bodies[k] for k in ks]), whole - without, len(ks)))
    raw_data = sum(map(len, data))
    rows.append(("data (texts, tables)", raw_data, gz(data), whole - gz(bodies), len(data)))
    print(f"{'area':<44} {'raw':>10} {'alone gz':>9} {'saved gz':>9} {'items':>6}")
    for a, raw, alone, saved, n in sorted(rows, key=lambda r: -r[3]):
        print(f"{a:<44} {raw:>10,} {alone:>9,} {saved:>9,} {n:>6}")


if __name__ == "__main__":
    main()
