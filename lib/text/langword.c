/* langword.c — see langword.h. One strset holds "LANG\tword" for each row, "*\tword" for
 * the rows of every language and "\tword" for the union; a short list the languages known. */
#include "text/langword.h"
#include "core/buf.h"
#include "core/strset.h"
#include <string.h>

#define MAXLANGS 64

struct nf_langword {
	nf_strset *w;
	char langs[MAXLANGS][8]; /* the languages known, NUL-padded */
	int nlangs, open, star;  /* star: the table has "*" rows */
};

#define KEYMAX 512

nf_langword *nf_lw_new(void)
{
	nf_langword *t = nf_xmalloc(sizeof *t);
	memset(t, 0, sizeof *t);
	t->w = nf_strset_new();
	return t;
}

void nf_lw_open(nf_langword *t) { t->open = 1; }

int nf_lw_knows(const nf_langword *t, const char *lang, size_t langn)
{
	if (!langn || langn >= sizeof t->langs[0])
		return 0;
	for (int i = 0; i < t->nlangs; i++)
		if (memcmp(t->langs[i], lang, langn) == 0 && !t->langs[i][langn])
			return 1;
	return 0;
}

void nf_lw_know(nf_langword *t, const char *lang)
{
	size_t n = strlen(lang);
	if (n && strcmp(lang, "*") != 0 && n < sizeof t->langs[0] && t->nlangs < MAXLANGS && !nf_lw_knows(t, lang, n))
		memcpy(t->langs[t->nlangs++], lang, n); /* the rest stays NUL */
}

static void put(nf_strset *s, const char *k, size_t n, int v, int flags)
{
	if ((flags & NF_LW_OR) || nf_strset_get(s, k, n) < 0)
		nf_strset_add(s, k, n, v);
}

void nf_lw_add(nf_langword *t, const char *lang, const char *w, size_t n, int v, int flags)
{
	char k[KEYMAX];
	size_t ll = strlen(lang);
	if (ll + 1 + n > sizeof k)
		return;
	nf_lw_know(t, lang);
	if (strcmp(lang, "*") == 0)
		t->star = 1;
	memcpy(k, lang, ll);
	k[ll] = '\t';
	memcpy(k + ll + 1, w, n);
	put(t->w, k, ll + 1 + n, v, flags);
	if (!(flags & NF_LW_NOUNION))
		put(t->w, k + ll, 1 + n, v, flags);
}

static int lookup(const nf_strset *s, const char *lang, size_t ll, const char *w, size_t n)
{
	char k[KEYMAX];
	if (ll + 1 + n > sizeof k)
		return -1;
	memcpy(k, lang, ll);
	k[ll] = '\t';
	memcpy(k + ll + 1, w, n);
	return nf_strset_get(s, k, ll + 1 + n);
}

int nf_lw_get_own(const nf_langword *t, const char *lang, size_t langn, const char *w, size_t n)
{
	return lookup(t->w, lang, langn, w, n);
}

int nf_lw_get(const nf_langword *t, const char *lang, size_t langn, const char *w, size_t n)
{
	int v, known = nf_lw_knows(t, lang, langn);
	if (known && (v = lookup(t->w, lang, langn, w, n)) >= 0)
		return v;
	if (t->star && (v = lookup(t->w, "*", 1, w, n)) >= 0)
		return v;
	return known && !t->open ? -1 : lookup(t->w, "", 0, w, n);
}
