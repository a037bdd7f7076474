#!/usr/bin/env python3
"""`make bench`: the same benchmark program's figures natively, under Node and in headless
Chromium, each the median of several runs with its spread, and wasm's time against native's.

  scripts/bench-engines.py NATIVE.txt NODE.txt CHROMIUM.txt [NODE-DEFAULT.txt]

NODE.txt is Node with `--single-threaded` (what `make bench`'s other parts use), NODE-DEFAULT.txt
Node with V8's default flags (optimizing compiles on background threads).

Each file holds the outputs of several runs of core/examples/bench.rs (key=value lines), each
run ended by a line `--- run K`. Every figure is a time (lower is better): seconds or ms for a
fixed amount of work; rates are turned into a time per million items.
"""
import statistics
import sys

BUDGET = 1.6


def figures(line):
    kv = dict(p.split("=", 1) for p in line.split() if "=" in p)
    if "assignor" in kv:
        out = [(f"assignor {kv['assignor']} (ms)", float(kv["ms"]))]
        if "warm_ms" in kv:
            out.append((f"assignor {kv['assignor']} warm (ms)", float(kv["warm_ms"])))
        return out
    if "rebalance" in kv:
        return [(f"rebalance {kv['rebalance']} (ms)", float(kv["ms"]))]
    if "kraft_events" in kv:
        return [("KRaft failover (s)", float(kv["seconds"]))]
    if "lookups_per_sec" in kv:
        return [("index lookups (s per M)", 1e6 / float(kv["lookups_per_sec"]))]
    if "ours_records_per_sec" in kv:
        return [("batch encode+decode (s per M records)", 1e6 / float(kv["ours_records_per_sec"]))]
    if "batches" in kv:
        return [("producer pipeline (s)", float(kv["seconds"]))]
    if "records" in kv:
        return [("replication (s)", float(kv["seconds"]))]
    if "events_per_sec" in kv:
        return [("failover simulation (s)", float(kv["seconds"]))]
    return []


def runs(path):
    """figure -> list of values, one per run."""
    out = {}
    for line in open(path, encoding="utf-8"):
        for name, value in figures(line):
            out.setdefault(name, []).append(value)
    return out


def digests(path):
    """The digests of the first run's final states, in order."""
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("--- run"):
            break
        out += [p.split("=", 1)[1] for p in line.split() if p.startswith("digest=")]
    return out


def cell(values):
    if not values:
        return f"{'-':>26}"
    med = statistics.median(values)
    return f"{med:>9.4g} ({min(values):.4g}-{max(values):.4g})".rjust(26)


def main():
    native = runs(sys.argv[1])
    engines = [("node --single-threaded", sys.argv[2]), ("chromium (V8)", sys.argv[3])]
    if len(sys.argv) > 4:
        engines.insert(1, ("node (default flags)", sys.argv[4]))
    for _, path in engines:
        if digests(path) and digests(path) != digests(sys.argv[1]):
            sys.exit(f"bench: the final states differ between {sys.argv[1]} and {path}")
    loaded = [(name, runs(path)) for name, path in engines]
    n = max((len(v) for v in native.values()), default=0)
    print(f"wasm speed by engine: median of {n} interleaved rounds (min-max), each run best of 3; "
          f"wasm/native = median/median (budget <= {BUDGET}x)")
    print(f"{'figure':<38} {'native':>26}" + "".join(f" {name:>26} {'/native':>12}" for name, _ in loaded))
    missed = {name: [] for name, _ in loaded}
    for fig, nv in native.items():
        nm = statistics.median(nv)
        row = f"{fig:<38} {cell(nv)}"
        for name, engine in loaded:
            v = engine.get(fig, [])
            ratio = statistics.median(v) / nm if v else float("nan")
            mark = "ok" if ratio <= BUDGET else ("OVER" if v else "-")
            if mark == "OVER":
                missed[name].append(fig)
            row += f" {cell(v)} {ratio:>5.2f}x {mark:<4}"
        print(row)
    for name, engine in loaded:
        rounds = max((len(v) for v in engine.values()), default=0)
        print(f"{name} ({rounds} runs) within {BUDGET}x of native: "
              + ("every figure" if not missed[name]
                 else f"missed for {len(missed[name])}: {', '.join(missed[name])}"))


if __name__ == "__main__":
    main()
