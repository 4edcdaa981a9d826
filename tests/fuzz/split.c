/* split.c — libFuzzer harness of nf-split's per-record functions (lib/text/segment.h):
 * sentences (with and without --unwrap) in the language of the first byte, and paragraphs;
 * every unit must lie in the text, in order, on character boundaries. */
#include "fuzz.h"
#include "text/segment.h"

struct seen {
	const char *text;
	size_t n, last;
};

static void unit(size_t s, size_t e, void *v)
{
	struct seen *u = v;
	fz_span(u->text, u->n, s, e);
	if (s < u->last || e == s) {
		fprintf(stderr, "unit [%zu, %zu) after %zu, or empty\n", s, e, u->last);
		abort();
	}
	u->last = e;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	nf_seg_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static nf_buf b;
	struct fz_rec r;
	if (!fz_rec(&r, &b, d, n))
		return 0;
	const nf_seg_lang *L = nf_seg_lang_get(r.lang, strlen(r.lang));
	struct seen u = {r.text, r.n, 0};
	nf_seg_sentences(r.text, r.n, L, r.flags & 1, unit, &u);
	u.last = 0;
	nf_seg_paragraphs(r.text, r.n, unit, &u);
	/* the language from the bytes themselves */
	L = nf_seg_lang_get(r.ref, r.refn);
	u.last = 0;
	nf_seg_sentences(r.text, r.n, L, !(r.flags & 1), unit, &u);
	return 0;
}
