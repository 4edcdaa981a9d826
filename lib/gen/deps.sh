#!/bin/sh
# deps.sh — check the build and test dependencies; install the missing Debian packages
# when run as root, else print the exact command. Usage: deps.sh build|test
set -u
need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
have_hdr() { printf '#include <%s>\nint main(void){return 0;}\n' "$1" | ${CC:-cc} -x c - -o /dev/null -fsyntax-only 2>/dev/null; }
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v ${CC:-cc} >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
command -v ${CC:-cc} >/dev/null 2>&1 && ! have_hdr stdio.h && need="$need libc6-dev"
have_pc libpcre2-8 || need="$need libpcre2-dev"
have_pc libutf8proc || need="$need libutf8proc-dev"
have_pc zlib || need="$need zlib1g-dev"
[ -f /usr/share/libexttextcat/fpdb.conf ] || need="$need libexttextcat-data"
have_hdr csv.h || need="$need libcsv-dev"
if [ "${1:-build}" = test ]; then
	command -v bats >/dev/null 2>&1 || need="$need bats"
	[ -d /usr/lib/bats/bats-assert ] || need="$need bats-assert bats-support"
	command -v python3 >/dev/null 2>&1 || need="$need python3"
	command -v mlr >/dev/null 2>&1 || need="$need miller" # man page examples, pipelines/report
	command -v gnuplot >/dev/null 2>&1 || need="$need gnuplot-nox" # pipelines/report's charts
	# tests/slurm.bats starts a one-node Slurm cluster (as root; it skips without these)
	if [ "$(id -u)" = 0 ]; then
		command -v slurmctld >/dev/null 2>&1 || need="$need slurmctld"
		command -v slurmd >/dev/null 2>&1 || need="$need slurmd"
		command -v sbatch >/dev/null 2>&1 || need="$need slurm-client"
		command -v munged >/dev/null 2>&1 || need="$need munge"
		# tests/report.bats renders the report in headless Chromium (it skips without it)
		command -v chromium >/dev/null 2>&1 || need="$need chromium"
	fi
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $need >/dev/null || {
		echo "deps: apt-get install$need failed" >&2; exit 1; }
	exit 0
fi
echo "deps: missing packages; install them with:" >&2
echo "  sudo apt-get install$need" >&2
exit 1
