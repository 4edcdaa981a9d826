#!/bin/sh
# Print the lib/ part of the README's Layout section from the headers themselves: each layer
# folder, then each header with the first clause of its opening comment.
#   layout.sh           print it
#   layout.sh --check   exit 1 (showing the difference) when README.md holds another text
#                       between its "<!-- lib-layout -->" and "<!-- /lib-layout -->" lines
cd "$(dirname "$0")/../.." || exit 2
gen() {
	echo '```'
	for layer in core text extract dedupe; do
		case $layer in
		core) what="the record stream: input, TSV/CSV, output, messages, options, progress" ;;
		text) what="text: cleaning, language, sentences (uses core)" ;;
		extract) what="the extractors: tokens, numbers, money, dates, entities (uses core, text)" ;;
		dedupe) what="nf-dedupe's keys, memory and map/reduce (uses core, text)" ;;
		esac
		printf 'lib/%s/  %s\n' "$layer" "$what"
		for h in lib/$layer/*.h; do
			s=$(head -n 1 "$h" | sed 's|^/\* *[A-Za-z0-9_-]*\.h *— *||; s| *\*/ *$||;
				s|: .*||; s|\. .*||; s|;.*||; s| *([^)]*)||g; s| *(.*||; s|[.,:]$||')
			printf '    %-15s %s\n' "$(basename "$h")" "$s" | cut -c1-92
		done
	done
	echo '```'
}
case ${1:-} in
--check)
	want=$(gen)
	have=$(sed -n '/^<!-- lib-layout -->$/,/^<!-- \/lib-layout -->$/p' README.md | sed '1d;$d')
	if [ "$want" = "$have" ]; then
		echo "README layout: ok (matches lib/*/*.h)"
	else
		echo "README.md: the lib/ layout differs from the headers; regenerate with lib/gen/layout.sh:"
		printf '%s\n' "$want" >/tmp/layout.want.$$
		printf '%s\n' "$have" | diff - /tmp/layout.want.$$
		rm -f /tmp/layout.want.$$
		exit 1
	fi ;;
*) gen ;;
esac
