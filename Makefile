# soc2 — build, test and demo. `make demo` and `make test` work on a fresh
# Debian 12 machine: they install what is missing first (scripts/deps.sh).

SHELL := /bin/bash
CARGO ?= cargo
PHP ?= php
PHP_CONFIG ?= php-config
SO := target/release/libsoc2.so
CLI := target/release/soc2
RUN_TESTS = $(shell $(PHP_CONFIG) --extension-dir 2>/dev/null)/build/run-tests.php
PHP_WITH_SOC2 = $(PHP) -n -d extension=$(CURDIR)/$(SO)
JOBS ?= 2
# Debian's Python: it has the peers (python3-jwt, -nacl, -cryptography, -argon2, -bcrypt).
PYTHON ?= /usr/bin/python3

.PHONY: all deps build demo load test test-rust test-php test-interop test-load lint install bench check-memory check-memory-short fuzz clean

all: build

deps:
	@scripts/deps.sh

build: deps
	$(CARGO) build --release --locked --workspace

# Load and fault test against the demo under PHP-FPM (examples/app/load.php);
# `make test` runs a short form (test-load).
LOAD_REQUESTS ?= 20000
load: build
	examples/app/load.sh $(CURDIR)/$(SO) $(CURDIR)/$(CLI) $(LOAD_REQUESTS)

test-load:
	examples/app/load.sh $(CURDIR)/$(SO) $(CURDIR)/$(CLI) 600

# The demo application under nginx + PHP-FPM on 127.0.0.1:8089 (examples/app).
demo: build
	examples/app/demo.sh $(CURDIR)/$(SO) $(CURDIR)/$(CLI)

test: build
	$(MAKE) --no-print-directory lint test-rust test-php test-interop test-load check-memory-short
	@echo "make test: all suites passed"

test-rust:
	$(CARGO) test --release --locked --workspace

# PHP's own test runner against the freshly built extension. -n: no php.ini, so
# only what each test's --INI-- section sets is in force.
test-php:
	@rm -f php-tests/*.diff php-tests/*.out
	TEST_PHP_EXECUTABLE=$$(command -v $(PHP)) NO_INTERACTION=1 REPORT_EXIT_STATUS=1 \
	  SOC2_CLI=$(CURDIR)/$(CLI) SOC2_SO=$(CURDIR)/$(SO) \
	  $(PHP) -n $(RUN_TESTS) -n -d extension=$(CURDIR)/$(SO) -j$(JOBS) -q --show-diff php-tests

# The phpt suite under valgrind, PHP's way (run-tests.php -m). The Zend allocator is
# off so valgrind sees every allocation; PCRE's JIT is off because its generated code
# reads past buffers on purpose (a known valgrind false positive, not soc2's).
# run-tests.php runs valgrind without leak checking; VALGRIND_OPTS adds it, with
# definite leaks counted as errors and php-tests/valgrind.supp (each entry explained).
# MEMORY_TESTS narrows the run, e.g. MEMORY_TESTS="php-tests/hardening_*.phpt".
MEMORY_TESTS ?= php-tests
VALGRIND_LEAKS = --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
  --suppressions=$(CURDIR)/php-tests/valgrind.supp
check-memory: build
	@command -v valgrind >/dev/null || { echo "valgrind is required"; exit 1; }
	@rm -f php-tests/*.mem
	VALGRIND_OPTS="$(VALGRIND_LEAKS)" USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 TEST_PHP_EXECUTABLE=$$(command -v $(PHP)) NO_INTERACTION=1 \
	  REPORT_EXIT_STATUS=1 SOC2_CLI=$(CURDIR)/$(CLI) SOC2_SO=$(CURDIR)/$(SO) \
	  $(PHP) -n $(RUN_TESTS) -n -d extension=$(CURDIR)/$(SO) -d pcre.jit=0 -m -j$(JOBS) -q --show-diff $(MEMORY_TESTS)
	@! ls php-tests/*.mem >/dev/null 2>&1 || { cat php-tests/*.mem; exit 1; }

# cargo-fuzz over every core parser and verifier (core/fuzz, docs/FUZZING.md):
# FUZZ_SECONDS per target, seeds from core/fuzz/seeds, the growing corpus in
# core/fuzz/corpus. libFuzzer needs the nightly toolchain (`cargo install cargo-fuzz`).
# Safe Rust cannot have the bugs AddressSanitizer finds, so it is off by default;
# debug assertions (overflow checks) are on. FUZZ_TARGETS="a b" runs a subset.
FUZZ_SECONDS ?= 60
FUZZ_SANITIZER ?= none
FUZZ_TARGETS ?= $(basename $(notdir $(wildcard core/fuzz/fuzz_targets/*.rs)))
fuzz:
	@command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz is required: cargo install cargo-fuzz"; exit 1; }
	cd core/fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$t seeds/$$t && \
	  $(CARGO) +nightly fuzz run -s $(FUZZ_SANITIZER) -a $$t corpus/$$t seeds/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	  || exit 1; done

# A representative handful under valgrind (about 30 s), part of `make test`; the
# whole suite (`make check-memory`) runs as its own CI job.
MEMORY_SHORT = hardening_secret_hygiene crypto_roundtrip crypto_tamper jwt_sign_verify audit_record password_check
check-memory-short:
	$(MAKE) --no-print-directory check-memory MEMORY_TESTS="$(MEMORY_SHORT:%=php-tests/%.phpt)"

test-interop:
	SOC2_SO=$(CURDIR)/$(SO) SOC2_CLI=$(CURDIR)/$(CLI) $(PYTHON) -m pytest -q tests/interop

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

install: build
	install -m 0755 $(SO) $$($(PHP_CONFIG) --extension-dir)/soc2.so
	@echo "Installed soc2.so into $$($(PHP_CONFIG) --extension-dir)."
	@echo "Enable it by adding this line to php.ini (or a conf.d/*.ini file):"
	@echo "    extension=soc2.so"

bench: build
	$(PHP_WITH_SOC2) bench/run.php $(AREAS)

clean:
	$(CARGO) clean
