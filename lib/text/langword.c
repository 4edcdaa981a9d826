/* langword.c — see langword.h. One strset holds "LANG\tword" for each row, "*\tword" for
 * the rows of every language and "\tword" for the union; another the languages known. */
#include "text/langword.h"
#include "core/buf.h"
#include "core/strset.h"
#include <string.h>

struct nf_langword {
	nf_strset *w, *langs;
	int open;
};

#define KEYMAX 512

nf_langword *nf_lw_new(void)
{
	nf_langword *t = nf_xmalloc(sizeof *t);
	t->w = nf_strset_new();
	t->langs = nf_strset_new();
	t->open = 0;
	return t;
}

void nf_lw_open(nf_langword *t) { t->open = 1; }

void nf_lw_know(nf_langword *t, const char *lang)
{
	if (*lang && strcmp(lang, "*") != 0 && nf_strset_get(t->langs, lang, strlen(lang)) < 0)
		nf_strset_add(t->langs, lang, strlen(lang), 1);
}

int nf_lw_knows(const nf_langword *t, const char *lang, size_t langn)
{
	return langn && nf_strset_get(t->langs, lang, langn) >= 0;
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
	int v;
	if (nf_lw_knows(t, lang, langn) && (v = lookup(t->w, lang, langn, w, n)) >= 0)
		return v;
	if ((v = lookup(t->w, "*", 1, w, n)) >= 0)
		return v;
	return nf_lw_knows(t, lang, langn) && !t->open ? -1 : lookup(t->w, "", 0, w, n);
}
