/* gazetteer.c — see gazetteer.h */
#include "gazetteer.h"
#include "buf.h"
#include "strset.h"
#include <string.h>

extern const char nf_data_entities_gazetteer[], nf_data_entities_org_words[];
extern const unsigned long nf_data_entities_gazetteer_len, nf_data_entities_org_words_len;

static nf_strset *orgw;

static void load_org(char **f, int k, void *ctx)
{
	(void)ctx;
	if (k >= 1 && *f[0])
		nf_strset_add(orgw, f[0], strlen(f[0]), 1);
}

int nf_gaz_org_word(const char *w, size_t n) { return nf_strset_get(orgw, w, n) > 0; }

static nf_strset *names; /* name -> 1 + entry index */
static char **types, **canons;
static int n, maxw = 1;

static void load(char **f, int k, void *ctx)
{
	(void)ctx;
	if (k < 2 || !*f[1])
		return;
	types = nf_xrealloc(types, (size_t)(n + 1) * sizeof *types);
	canons = nf_xrealloc(canons, (size_t)(n + 1) * sizeof *canons);
	types[n] = nf_xstrdup(f[0]);
	canons[n] = nf_xstrdup(k > 2 && *f[2] ? f[2] : f[1]);
	nf_strset_add(names, f[1], strlen(f[1]), ++n);
	int w = 1;
	for (const char *p = f[1]; *p; p++)
		w += *p == ' ';
	if (w > maxw)
		maxw = w;
}

void nf_gaz_init(void)
{
	if (names)
		return;
	names = nf_strset_new();
	orgw = nf_strset_new();
	nf_table_each(nf_data_entities_gazetteer, nf_data_entities_gazetteer_len, load, NULL);
	nf_table_each(nf_data_entities_org_words, nf_data_entities_org_words_len, load_org, NULL);
}

int nf_gaz_get(const char *text, size_t len, const char **type, const char **canon)
{
	int v = nf_strset_get(names, text, len);
	if (v <= 0)
		return 0;
	*type = types[v - 1];
	*canon = canons[v - 1];
	return 1;
}

int nf_gaz_max_words(void) { return maxw; }
