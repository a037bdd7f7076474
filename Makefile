# Kafka Lab. The two commands a newcomer needs are `make serve` and `make test`; both install
# whatever is missing first (scripts/setup.sh: tools go into .tools/, the browser from apt).
SHELL := /bin/bash
# Project-local tools first; the rest of PATH as it is (never /usr/bin first: see TOOLCHAIN).
export PATH := $(CURDIR)/.tools/bin:$(PATH)

TRUNK_FLAGS := --release --offline=true

.PHONY: help setup build serve test test-native test-wasm test-e2e bench fuzz lint golden clean

help:
	@echo "make serve   build the lab and serve it on http://127.0.0.1:8080"
	@echo "make test    every test: native, wasm in headless Chromium, end-to-end"
	@echo "make bench   speed and size figures (events/s native vs wasm, bundle, frame time)"
	@echo "make fuzz    fuzz the segment and link decoders for FUZZ_SECONDS each (default 300; needs nightly)"
	@echo "make lint    rustfmt and clippy"
	@echo "make golden  rewrite the scenario transcripts after an intended change"

setup:
	@scripts/setup.sh

build: setup
	trunk build $(TRUNK_FLAGS)

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
fuzz:
	@rustup run nightly rustc --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd core/fuzz && cargo +nightly fuzz run decode_log -- -max_total_time=$(FUZZ_SECONDS)
	cd core/fuzz && cargo +nightly fuzz run decode_link -- -max_total_time=$(FUZZ_SECONDS)

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
