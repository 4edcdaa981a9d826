#!/usr/bin/env bats
# fuzz.bats — the libFuzzer harnesses of tests/fuzz/ (one per filter and loader) build with
# `make fuzz-build` (clang with libFuzzer, ASan+UBSan), and each runs over its seed corpus
# once without a finding (-runs=0: the seeds alone, nothing mutated, a few seconds). `make
# fuzz` is the real, time-bounded run. Without clang or libFuzzer the tests skip, saying so.

load helpers

ROOT=$BATS_TEST_DIRNAME/..
FUZZERS="reader split money dates entities dedupe ner norm"

setup_file() {
	export FUZZ_SKIP="" FUZZ_BUILT=0
	if ! command -v clang > /dev/null 2>&1; then
		FUZZ_SKIP="no clang: the fuzz harnesses need clang with libFuzzer (make fuzz-build)"
		return 0
	fi
	printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' \
		> "$BATS_FILE_TMPDIR/probe.c"
	if ! clang -fsanitize=fuzzer,address,undefined "$BATS_FILE_TMPDIR/probe.c" -o "$BATS_FILE_TMPDIR/probe" \
		> "$BATS_FILE_TMPDIR/probe.log" 2>&1; then
		FUZZ_SKIP="clang cannot link -fsanitize=fuzzer (libFuzzer missing: on Debian, libclang-rt-dev or a full clang)"
		return 0
	fi
	make -C "$ROOT" fuzz-build > "$BATS_FILE_TMPDIR/build.log" 2>&1 && FUZZ_BUILT=1
	return 0
}

need_fuzz() {
	[ -z "$FUZZ_SKIP" ] || skip "$FUZZ_SKIP"
}

@test "fuzz: make fuzz-build builds every harness and its seed corpus" {
	need_fuzz
	[ "$FUZZ_BUILT" = 1 ] || { tail -20 "$BATS_FILE_TMPDIR/build.log"; false; }
	for h in $FUZZERS; do
		[ -x "$ROOT/build-fuzz/fuzz-$h" ]
		[ -n "$(ls "$ROOT/build-fuzz/seeds/$h")" ]
	done
}

# fuzz_seeds NAME: the harness over its seeds once (a crash, a sanitizer report or a
# failed check inside the harness makes it exit non-zero)
fuzz_seeds() {
	need_fuzz
	[ "$FUZZ_BUILT" = 1 ] || skip "make fuzz-build failed (first test)"
	cd "$ROOT"
	run build-fuzz/fuzz-$1 -runs=0 -max_len=4096 -timeout=10 -close_fd_mask=2 \
		-artifact_prefix="$BATS_TEST_TMPDIR/" build-fuzz/seeds/$1
	assert_success
	assert_output --partial "DONE"
	refute_output --partial "ERROR:"
}

@test "fuzz: the record reader, every input mode, over its seeds" { fuzz_seeds reader; }
@test "fuzz: nf-split's segmenter over its seeds" { fuzz_seeds split; }
@test "fuzz: nf-extract-money's finder over its seeds" { fuzz_seeds money; }
@test "fuzz: nf-extract-dates' finder over its seeds" { fuzz_seeds dates; }
@test "fuzz: nf-tag-entities' tagger (the real models) over its seeds" { fuzz_seeds entities; }
@test "fuzz: nf-dedupe's keys and state file loader over its seeds" { fuzz_seeds dedupe; }
@test "fuzz: the entity model loader over its seeds" { fuzz_seeds ner; }
@test "fuzz: nf-normalize's text path over its seeds" { fuzz_seeds norm; }
