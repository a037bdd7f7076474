#!/usr/bin/env bash
# Installs whatever Kafka Lab's build and tests need and is missing, idempotently.
#
# Everything but the browser goes into .tools/ inside the project (git-ignored):
#   .tools/bin      trunk, wasm-bindgen (cargo install --root .tools)
#   .tools/npm      wasm-opt from the npm package binaryen
#   tests/e2e/node_modules   playwright-core (drives the system Chromium; never downloads one)
# The browser and its driver come from the system: Debian's chromium + chromium-driver are
# installed with apt-get when missing; elsewhere set CHROME and CHROMEDRIVER or install them.
#
# With everything present this takes about a second: each tool's `--version` is compared
# with the pinned version below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"          # 0.22 needs rustc >= 1.96.1
BINARYEN_VERSION="132.0.0"       # Debian's binaryen 108 cannot parse current rustc output
WHAT="${1:-all}"                 # all | build (no browser, no e2e driver)

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf '\033[1;31msetup: %s\033[0m\n' "$*" >&2; exit 1; }

for c in cargo rustup node npm; do
  command -v "$c" >/dev/null 2>&1 || die "'$c' is not on PATH. Install rustup (https://rustup.rs) and Node.js 18+ first."
done

# 1. The wasm target's std.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk, pinned.
if [ "$("$TOOLS/bin/trunk" --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION into .tools (about 5 minutes, once)"
  cargo install --quiet --root "$TOOLS" trunk --version "=$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen CLI: exactly the version in Cargo.lock, or Trunk would try to download one.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' "$ROOT/Cargo.lock")"
[ -n "$WB_VERSION" ] || die "cannot read the wasm-bindgen version from Cargo.lock"
if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION into .tools (about 2 minutes, once)"
  # --locked fails for some releases (a pinned dependency was yanked, or the registry index is
  # behind the release's lock file); then resolve afresh. The first attempt's error is kept in
  # a log and shown only if the second attempt fails too.
  WB_LOG="$TOOLS/wasm-bindgen-locked.log"
  if ! cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "=$WB_VERSION" --locked \
    2>"$WB_LOG"; then
    say "wasm-bindgen-cli's own lock file does not resolve here; resolving its dependencies afresh"
    cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "=$WB_VERSION" \
      || { cat "$WB_LOG" >&2; die "could not install wasm-bindgen-cli $WB_VERSION"; }
  fi
  rm -f "$WB_LOG"
fi

# 4. wasm-opt from npm's binaryen, pinned (Trunk.toml pins version_132 too).
if [ "$("$TOOLS/npm/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}' || true)" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) into .tools/npm"
  mkdir -p "$TOOLS/npm"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/npm" "binaryen@$BINARYEN_VERSION" >/dev/null
fi
mkdir -p "$TOOLS/bin"
# Relative, so the link stays right when the project folder (or .tools) is reached another way.
ln -sfn ../npm/node_modules/.bin/wasm-opt "$TOOLS/bin/wasm-opt"

# 5. Crates for the wasm build, so Trunk can run offline (it never downloads tools then).
cargo fetch --quiet --target wasm32-unknown-unknown

[ "$WHAT" = "build" ] && exit 0

# 6. A browser and its driver, from the system.
find_chrome() {
  if [ -n "${CHROME:-}" ]; then echo "$CHROME"; return; fi
  for c in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return; fi
  done
  local mac="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
  [ -x "$mac" ] && echo "$mac"
}
if [ -z "$(find_chrome)" ] || ! command -v "${CHROMEDRIVER:-chromedriver}" >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    say "installing chromium and chromium-driver with apt-get (about a minute, once)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    die "Chromium (or Chrome) and a matching chromedriver are needed for the browser tests. Install them, or set CHROME and CHROMEDRIVER."
  fi
fi

# A CJK font, so that the page's Chinese reads in headless screenshots (desktops have one).
if command -v apt-get >/dev/null 2>&1 && command -v fc-list >/dev/null 2>&1 \
   && ! fc-list 2>/dev/null | grep -qi 'CJK'; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  say "installing fonts-noto-cjk (Chinese text in screenshots)"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null || say "no CJK font: Chinese shows as boxes in screenshots"
fi

# 7. playwright-core for the end-to-end tests (it drives the system Chromium above).
if [ ! -f "$ROOT/tests/e2e/node_modules/playwright-core/package.json" ] \
   || [ "$ROOT/tests/e2e/package-lock.json" -nt "$ROOT/tests/e2e/node_modules/.package-lock.json" ]; then
  say "installing the end-to-end test driver (playwright-core) into tests/e2e/node_modules"
  (cd "$ROOT/tests/e2e" && npm ci --silent --no-audit --no-fund >/dev/null)
fi
