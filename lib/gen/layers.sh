#!/bin/sh
# Check that lib/ keeps its layers: a file includes headers of its own layer or of the layers
# below it, never above.  core < text < extract, and core < text < dedupe (extract and dedupe
# are siblings: neither includes the other).  Prints each upward include and exits 1 on one.
cd "$(dirname "$0")/../.." || exit 2
allowed() {
	case $1 in
	core) echo "core" ;;
	text) echo "core text" ;;
	extract) echo "core text extract" ;;
	dedupe) echo "core text dedupe" ;;
	esac
}
bad=0
for layer in core text extract dedupe; do
	ok=$(allowed "$layer")
	for f in lib/$layer/*.[ch]; do
		grep -n '#include "' "$f" | while IFS= read -r line; do
			inc=$(printf '%s\n' "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
			case $inc in
			*/*) l=${inc%%/*} ;;
			*) echo "$f: include \"$inc\" names no layer (write \"LAYER/$inc\")"; exit 1 ;;
			esac
			case " $ok " in
			*" $l "*) ;;
			*) echo "$f:${line%%:*}: layer $layer includes $inc (layer $l is not below it)"; exit 1 ;;
			esac
		done || bad=1
	done
done
[ -d lib/gen ] && for f in lib/*.[ch]; do
	[ -e "$f" ] && { echo "$f: lib/ files live in a layer folder ($(echo core text extract dedupe))"; bad=1; }
done
[ $bad = 0 ] && echo "lib layers: ok (core < text < extract, dedupe)"
exit $bad
