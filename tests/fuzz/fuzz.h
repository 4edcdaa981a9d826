/* fuzz.h — what the libFuzzer harnesses of tests/fuzz/ share (header only): the input as
 * the filters hand it to a per-record function (valid UTF-8, no NUL: what nf_reader makes of
 * any bytes), a language picked from a byte, and the bytes as a file, for the readers and
 * loaders that take a path. `make fuzz` builds and runs them (see the Makefile). */
#ifndef NF_FUZZ_H
#define NF_FUZZ_H
#include "core/buf.h"
#include "core/utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the bytes repaired as the reader repairs them: invalid sequences and NUL become U+FFFD */
static inline void fz_utf8(nf_buf *b, const uint8_t *d, size_t n)
{
	const unsigned char *p = d, *e = d + n;
	b->len = 0;
	nf_buf_reserve(b, 3 * n + 1);
	while (p < e) {
		int32_t cp;
		size_t k = nf_utf8_dec(p, e, &cp);
		if (cp <= 0)
			nf_buf_add(b, NF_REPLACEMENT, 3);
		else
			nf_buf_add(b, p, k);
		p += k;
	}
	b->p[b->len] = 0;
}

/* a language code for the rows: the filters' languages, none, unknown, and odd ones */
static inline const char *fz_lang(uint8_t c)
{
	static const char *const langs[] = {"",   "und", "en", "de", "fr", "nl", "it", "es", "ar", "pt",
	                                    "pl", "ru",  "el", "tr", "ja", "zh", "ko", "th", "hi", "x",
	                                    "EN", "de-AT", "zz", "fa"};
	return langs[c % (sizeof langs / sizeof *langs)];
}

static char fz_paths[4][256];
static void fz_unlink(void)
{
	for (int i = 0; i < 4; i++)
		if (fz_paths[i][0])
			unlink(fz_paths[i]);
}

/* the bytes as a file, rewritten for each input: its path (one per process and slot 0-3,
 * removed at exit) */
static inline const char *fz_file(int slot, const char *name, const uint8_t *d, size_t n)
{
	static int once;
	char *path = fz_paths[slot];
	if (!once++)
		atexit(fz_unlink);
	snprintf(path, sizeof fz_paths[0], "%s/nf-fuzz-%ld-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), name);
	FILE *f = fopen(path, "wb");
	if (!f || (n && fwrite(d, 1, n, f) != n) || fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

/* an input of the per-record harnesses: d[0] the language, d[1] flags, then "REF<TAB>TEXT"
 * (REF the row's date, at most 40 bytes; without a TAB there, no date and all is text) */
struct fz_rec {
	const char *lang;
	unsigned flags;
	const char *ref, *text;
	size_t refn, n;
};
static inline int fz_rec(struct fz_rec *r, nf_buf *b, const uint8_t *d, size_t n)
{
	if (n < 2)
		return 0;
	r->lang = fz_lang(d[0]);
	r->flags = d[1];
	fz_utf8(b, d + 2, n - 2);
	const char *t = memchr(b->p, '\t', b->len < 41 ? b->len : 41);
	r->ref = b->p;
	r->refn = t ? (size_t)(t - b->p) : 0;
	r->text = t ? t + 1 : b->p;
	r->n = b->len - (size_t)(r->text - b->p);
	return 1;
}

/* a span [s, e) of text[0..n) as the filters' output needs it: in order, inside, on
 * character boundaries */
static inline void fz_span(const char *text, size_t n, size_t s, size_t e)
{
	if (s > e || e > n || (s < n && ((unsigned char)text[s] & 0xC0) == 0x80) ||
	    (e < n && ((unsigned char)text[e] & 0xC0) == 0x80)) {
		fprintf(stderr, "bad span [%zu, %zu) of %zu bytes\n", s, e, n);
		abort();
	}
}
#endif
