/* money.c — libFuzzer harness of nf-extract-money's per-record function (lib/extract/money.h)
 * on a row's text, language (first byte) and date (before the first TAB); every amount
 * must lie in the text on character boundaries, with an ISO code and a number. */
#include "extract/money.h"
#include "fuzz.h"

struct seen {
	const char *text;
	size_t n;
};

static void found(const struct nf_money *m, void *v)
{
	const struct seen *u = v;
	fz_span(u->text, u->n, m->start, m->end);
	if (m->start == m->end || strlen(m->currency) != 3 || !m->amount[0] || !m->mod) {
		fprintf(stderr, "money [%zu, %zu) %s %s\n", m->start, m->end, m->amount, m->currency);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	nf_money_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static nf_buf b;
	struct fz_rec r;
	if (!fz_rec(&r, &b, d, n))
		return 0;
	struct seen u = {r.text, r.n};
	nf_money_find(r.text, r.n, r.lang, strlen(r.lang), r.ref, r.refn, found, &u);
	if (r.flags & 1) /* undated, unknown language */
		nf_money_find(r.text, r.n, "", 0, "", 0, found, &u);
	return 0;
}
