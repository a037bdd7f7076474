#!/usr/bin/env bash
# Where the page's frame time goes, by function: a release build that keeps the wasm's names
# (no wasm-opt, debug info on) in target/profdist, opened in headless Chromium on a scenario
# (12 brokers × 120 partitions, a producer stream at ×100 by default), then a CPU profile of
# PROFILE_MS of play after WARM_MS, printed as self time and inclusive time per function.
#   TAB=storage WARM_MS=30000 PROFILE_MS=8000 BROKERS=12 PARTITIONS=120 SPEED=100 scripts/profile-page.sh
# The profile is kept in target/profdist/profile.cpuprofile (open it in Chrome's DevTools).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.tools/bin:$PATH"
sed 's/data-wasm-opt="z"/data-wasm-opt="0" data-keep-debug/' web/index.html > web/index-prof.html
CARGO_PROFILE_RELEASE_DEBUG=1 trunk build --release --offline=true --dist target/profdist web/index-prof.html >&2
[ -f target/profdist/index.html ] || mv target/profdist/index-prof.html target/profdist/index.html
cd tests/e2e
[ -d node_modules ] || npm ci --no-audit --no-fund >&2
KLAB_DIST="$ROOT/target/profdist" node ../../scripts/profile-page.mjs
