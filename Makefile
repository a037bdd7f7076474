# Kafka Lab. The two commands a newcomer needs are `make serve` and `make test`; both install
# whatever is missing first (scripts/setup.sh: tools go into .tools/, the browser from apt).
SHELL := /bin/bash
# Project-local tools first; the rest of PATH as it is (never /usr/bin first: see TOOLCHAIN).
export PATH := $(CURDIR)/.tools/bin:$(PATH)

TRUNK_FLAGS := --release --offline=true

.PHONY: help setup build dist serve test test-native test-wasm test-e2e bench fuzz soak lint golden clean

help:
	@echo "make serve   build the lab and serve it on http://127.0.0.1:8080"
	@echo "make test    every test: native, wasm in headless Chromium, end-to-end"
	@echo "make dist    build dist/: the static site, with precompressed .gz and .br files"
	@echo "make bench   speed and size figures (events/s native vs wasm, bundle, frame time)"
	@echo "make fuzz    fuzz every parser (FUZZ_TARGETS) for FUZZ_SECONDS each (default 300; nightly)"
	@echo "make soak    the safe-configuration property over SOAK_CASES (default 100000) fault schedules"
	@echo "make lint    rustfmt and clippy"
	@echo "make golden  rewrite the scenario transcripts after an intended change"

setup:
	@scripts/setup.sh

build: setup
	trunk build $(TRUNK_FLAGS)

# A self-contained static site in dist/: every file beside its .gz and .br.
dist: setup
	trunk build $(TRUNK_FLAGS)
	node scripts/precompress.mjs dist

serve: setup
	@echo "Kafka Lab on http://127.0.0.1:8080 (Ctrl-C stops it)"
	trunk serve $(TRUNK_FLAGS) --address 127.0.0.1 --port 8080

test: setup test-native test-wasm test-e2e

test-native:
	cargo test --workspace

test-wasm:
	cargo test -p kafka-lab-web --target wasm32-unknown-unknown

test-e2e:
	trunk build $(TRUNK_FLAGS)
	node --test tests/e2e/

bench: setup
	scripts/bench.sh

FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= decode_log decode_link decode_metadata console_line klab_script
# Each target in turn for FUZZ_SECONDS; the console and script targets start from the
# scenario files cut into pieces of 8 lines, decode_metadata from a KRaft run's metadata logs
# and checkpoints (core/examples/fuzz_seeds.rs; these corpora are not committed): whole scenarios as
# seeds made every input a long script (klab_script ran 160 inputs/s; with these seeds, and so
# libFuzzer's max_len, small, about 15 times more).
fuzz:
	@rustup run nightly rustc --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@for t in console_line klab_script; do mkdir -p core/fuzz/corpus/$$t && rm -f core/fuzz/corpus/$$t/*.klab && \
	  for f in tests/scenarios/*.klab; do split -l 8 -d -a 3 --additional-suffix=.klab $$f core/fuzz/corpus/$$t/$$(basename $$f .klab)-; done; done
	@rm -rf core/fuzz/corpus/decode_metadata && cargo run -q -p kafka-lab-core --example fuzz_seeds -- core/fuzz/corpus/decode_metadata
	@set -eo pipefail; for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  (cd core/fuzz && cargo +nightly fuzz run -s none $$t -- -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 2>&1 | tail -n 25); \
	done

# The safe-configuration property (no acknowledged record lost, invariants hold, convergence,
# exact replay) over SOAK_CASES seeded fault schedules, built optimized with the invariant
# checks on (profile `soak`).
SOAK_CASES ?= 100000
soak:
	@start=$$(date +%s); \
	PROPTEST_CASES=$(SOAK_CASES) cargo test --profile soak -p kafka-lab-core --test property \
	  the_safe_configuration_never_loses_an_acked_record -- --nocapture; rc=$$?; \
	echo "make soak: $(SOAK_CASES) schedules in $$(( $$(date +%s) - start )) s (rc=$$rc)"; exit $$rc

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p kafka-lab-web --target wasm32-unknown-unknown --all-targets -- -D warnings

golden:
	UPDATE_GOLDEN=1 cargo test -p kafka-lab-tests --test scenarios
	git diff --stat tests/scenarios

clean:
	cargo clean
	rm -rf dist tests/e2e/screenshots
