#!/usr/bin/env python3
"""Where the bundle's bytes are: sums `twiggy top -f csv` rows by area.

  twiggy top -n 1000000 -f csv WASM | scripts/bundle-areas.py [--gzip WASM]

An area is one of our modules (`kafka_lab::cli`, `kafka_lab_web::components`, ...), a
dependency crate (yew, serde, plotters, wasm-bindgen, ...), the standard library's generic
code by family (stable/unstable sort, B-tree, fmt, ...) or the data segment (the texts). A
generic std function built with `-C symbol-mangling-version=v0` names the types it was
instantiated for; the second table credits those to the first of our modules named in it.
"""
import csv
import re
import sys
from collections import defaultdict

OURS = ("kafka_lab_web", "kafka_lab")
STD = ("core", "alloc", "std")
FAMILIES = [
    ("std sort (stable)", ("::slice::sort::stable", "driftsort", "merge_sort")),
    ("std sort (unstable)", ("::slice::sort::unstable", "::slice::sort::shared", "sort_unstable", "ipnsort", "quicksort")),
    ("std B-tree", ("::collections::btree",)),
    ("std fmt / Debug", ("::fmt", "Debug")),
    ("std hash / HashMap", ("hashbrown", "::hash::")),
    ("std Vec / String / iter", ("::vec::", "::string::", "::iter::", "::slice::", "::str::", "raw_vec")),
    ("std Rc / Box / clone / drop", ("::rc::", "::boxed::", "::clone::", "drop_in_place", "::ptr::")),
]
CRATES = {
    "yew": "yew", "implicit_clone": "yew", "prokio": "yew", "slab": "yew", "gloo": "gloo",
    "gloo_events": "gloo", "gloo_timers": "gloo", "gloo_utils": "gloo", "gloo_file": "gloo",
    "wasm_bindgen": "wasm-bindgen / js-sys / web-sys", "js_sys": "wasm-bindgen / js-sys / web-sys",
    "web_sys": "wasm-bindgen / js-sys / web-sys", "wasm_bindgen_futures": "wasm-bindgen / js-sys / web-sys",
    "serde": "serde / serde_json", "serde_json": "serde / serde_json", "serde_wasm_bindgen": "serde / serde_json",
    "plotters": "plotters", "plotters_canvas": "plotters", "plotters_backend": "plotters",
    "miniz_oxide": "miniz_oxide (deflate)", "adler2": "miniz_oxide (deflate)", "crc32fast": "crc",
    "dlmalloc": "allocator", "console_error_panic_hook": "panic hook",
    "hashbrown": "std hash / HashMap", "compiler_builtins": "compiler builtins",
}
PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_{][A-Za-z0-9_#{}]*)+")


def our_module(name):
    """The first of our modules named in `name`, as crate::module, or None."""
    for m in PATH.finditer(name):
        parts = m.group(0).split("::")
        if parts[0] in OURS:
            mod = parts[1] if len(parts) > 2 else "(crate root)"
            if mod.startswith("{") or mod.startswith("_"):
                mod = "(crate root)"
            return f"{parts[0]}::{mod}"
    return None


def area(name):
    if name.startswith("data segment") or name.startswith("data["):
        return "data (texts, tables)"
    if name.startswith("custom section") or "function names" in name or name.startswith('"'):
        return None  # not shipped
    # The self type of `<T as Trait>::f`, else the path of `a::b::f`.
    m = PATH.search(name)
    first = m.group(0).split("::")[0] if m else ""
    if first in OURS:
        return our_module(name)
    if first in STD or not first:
        for fam, keys in FAMILIES:
            if any(k in name for k in keys):
                return fam
        return "std other" if first else "other (no symbol)"
    return CRATES.get(first, f"other crates ({first})" if False else "other crates")


def main():
    rows = list(csv.DictReader(sys.stdin))
    by_area = defaultdict(lambda: [0, 0])
    generic_for = defaultdict(int)
    total = 0
    for r in rows:
        # v0 names carry each crate's disambiguator: core[c5930c85a12de822]::...
        name, size = re.sub(r"\[[0-9a-f]{6,}\]", "", r["Name"]), int(r["ShallowSize"])
        if name.startswith("Σ") or name.startswith("... and"):
            continue
        a = area(name)
        if a is None:
            continue
        by_area[a][0] += size
        by_area[a][1] += 1
        total += size
        if a.startswith("std ") or a == "yew":
            mod = our_module(name)
            if mod:
                generic_for[mod] += size
    print(f"bundle contributors by area (twiggy, shallow bytes; total {total:,} bytes; "
          f"custom sections left out)")
    print(f"{'area':<44} {'bytes':>10} {'share':>6} {'items':>6}")
    for a, (size, n) in sorted(by_area.items(), key=lambda kv: -kv[1][0]):
        if size * 1000 < total * 3:  # under 0.3%
            continue
        print(f"{a:<44} {size:>10,} {100 * size / total:>5.1f}% {n:>6}")
    small = [(a, v) for a, v in by_area.items() if v[0] * 1000 < total * 3]
    if small:
        print(f"{'(%d smaller areas)' % len(small):<44} {sum(v[0] for _, v in small):>10,}")
    if generic_for:
        print("generic std and yew code instantiated for our types, by the first of our modules named:")
        for mod, size in sorted(generic_for.items(), key=lambda kv: -kv[1])[:12]:
            print(f"  {mod:<42} {size:>10,}")


if __name__ == "__main__":
    main()
