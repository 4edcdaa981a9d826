/* dates.c — libFuzzer harness of nf-extract-dates' per-record function (nf_dates_find,
 * lib/extract/dates.h) on a row's text, language (first byte) and reference date (before the
 * first TAB), and the same text without a reference and with every language's patterns;
 * every expression must lie in the text on character boundaries, its values terminated. */
#include "extract/dates.h"
#include "fuzz.h"

struct seen {
	const char *text;
	size_t n;
};

static void found(const struct nf_date *t, void *v)
{
	const struct seen *u = v;
	fz_span(u->text, u->n, t->start, t->end);
	if (t->start == t->end || !t->type || !t->mod || !memchr(t->value, 0, sizeof t->value) ||
	    !memchr(t->value_max, 0, sizeof t->value_max) || !t->value[0]) {
		fprintf(stderr, "date [%zu, %zu)\n", t->start, t->end);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	nf_dates_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static const char *const refs[] = {"", "2024", "2024-03", "2024-03-21", "2024-02-29T23:59:59Z", "21-MAR-1987",
	                                   "1999-12-31", "0001-01-01", "9999-12-31", "2023-02-30", "x"};
	static nf_buf b;
	struct fz_rec r;
	if (!fz_rec(&r, &b, d, n))
		return 0;
	struct seen u = {r.text, r.n};
	nf_dates_find(r.text, r.n, r.lang, strlen(r.lang), r.ref, r.refn, found, &u);
	const char *ref = refs[(r.flags >> 1) % (sizeof refs / sizeof *refs)];
	nf_dates_find(r.text, r.n, (r.flags & 1) ? "" : r.lang, (r.flags & 1) ? 0 : strlen(r.lang), ref, strlen(ref),
	              found, &u);
	return 0;
}
