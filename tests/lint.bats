#!/usr/bin/env bats
# The suite checks itself: patterns that make a test unable to fail are refused here.

load helpers

TESTS=$BATS_TEST_DIRNAME

@test "lint: no bare '!' inside a test (bats does not fail on it): use run !, refute_* or [ ... ]" {
	run grep -n '^[[:space:]]*![[:space:]]' "$TESTS"/*.bats "$TESTS"/*.bash
	assert_failure 1
}

@test "lint: every 'bash -c' pipeline sets pipefail, so a failing filter is not hidden behind cut or head" {
	run grep -n 'bash -[c] ' "$TESTS"/*.bats "$TESTS"/*.bash
	assert_failure 1
}

@test "lint: the helpers fix the locale (LC_ALL=C.UTF-8)" {
	grep -q '^export LC_ALL=C.UTF-8$' "$TESTS/helpers.bash"
	[ "$LC_ALL" = C.UTF-8 ]
}

@test "lint: lib/ keeps its layers and the README lists its headers" {
	run sh "$TESTS/../lib/gen/layers.sh"
	assert_success
	run sh "$TESTS/../lib/gen/layout.sh" --check
	assert_success
}
