/* gazetteer.c — see gazetteer.h */
#include "extract/gazetteer.h"
#include "core/buf.h"
#include "core/strset.h"
#include "extract/tokens.h"
#include "text/langword.h"
#include <stdio.h>
#include <string.h>

extern const char nf_data_entities_gazetteer[], nf_data_entities_org_words[], nf_data_entities_places_cldr[],
	nf_data_entities_not_entities[], nf_data_entities_cues[], nf_data_money_currencies_cldr[],
	nf_data_entities_products[], nf_data_months[], nf_data_entities_not_alone[];
extern const unsigned long nf_data_entities_gazetteer_len, nf_data_entities_org_words_len,
	nf_data_entities_places_cldr_len, nf_data_entities_not_entities_len, nf_data_entities_cues_len,
	nf_data_money_currencies_cldr_len, nf_data_entities_products_len, nf_data_months_len,
	nf_data_entities_not_alone_len;

static nf_strset *orgw, *firsts, *nots, *cues, *preps, *prods; /* prods: 1 cue, 2 suffix, 4 not */

static void load_prod(char **f, int k, void *ctx)
{
	(void)ctx;
	if (k >= 2)
		nf_strset_add(prods, f[1], strlen(f[1]), !strcmp(f[0], "cue") ? 1 : !strcmp(f[0], "suffix") ? 2 : 4);
}

static void load_month(char **f, int k, void *ctx) /* months head no model name: "March 11" */
{
	(void)ctx;
	if (k >= 3)
		nf_strset_add(prods, f[2], strlen(f[2]), NF_PROD_MONTH);
}

int nf_gaz_product_word(const char *w, size_t n, int kind)
{
	int v = nf_strset_get(prods, w, n);
	if (kind == NF_PROD_MONTH) {
		char low[128];
		size_t l = nf_tok_lower(w, 0, n, low);
		v = l ? nf_strset_get(prods, low, l) : -1;
	}
	return v > 0 && (v & kind) != 0;
}

/* type codes of the cue table: 1 PER, 2 ORG, 3 LOC */
static const char *const cue_types[] = {"", "PER", "ORG", "LOC"};

static int cue_code(const char *t)
{
	for (int k = 1; k < 4; k++)
		if (strcmp(t, cue_types[k]) == 0)
			return k;
	return 0;
}

static void load_cue(char **f, int k, void *ctx)
{
	(void)ctx;
	if (k == 2 && strcmp(f[0], "prep") == 0)
		nf_strset_add(preps, f[1], strlen(f[1]), 1);
	else if (k >= 3)
		nf_strset_add(cues, f[0], strlen(f[0]), cue_code(f[1]) | cue_code(f[2]) << 2);
}

const char *nf_gaz_cue(const char *w, size_t n, int after_prep)
{
	int v = nf_strset_get(cues, w, n);
	if (v < 0)
		return NULL;
	v = after_prep ? v >> 2 : v & 3;
	return v ? cue_types[v] : NULL;
}

int nf_gaz_prep(const char *w, size_t n) { return nf_strset_get(preps, w, n) > 0; }

static void load_code(char **f, int k, void *ctx) /* ISO currency codes: no entity alone */
{
	(void)ctx;
	if (k >= 4 && strlen(f[3]) == 3)
		nf_strset_add(nots, f[3], 3, 1);
}

static void load_not(char **f, int k, void *ctx)
{
	(void)ctx;
	if (k >= 1 && *f[0])
		nf_strset_add(nots, f[0], strlen(f[0]), 1);
}

int nf_gaz_not_entity(const char *w, size_t n) { return nf_strset_get(nots, w, n) > 0; }

/* not-alone.tsv: LANG, WORD, TYPES -> the bit set of the types (1 PER, 2 ORG, 4 LOC, 8 MISC,
 * 16 PRODUCT; empty: all), by the rule of text/langword.h: a LANG row is seen by texts of that
 * language and by those of a language without rows here (und, da: a results-table line
 * of English copy is often read as another language) */
static nf_langword *alone;
static const char *const alone_types[] = {"PER", "ORG", "LOC", "MISC", "PRODUCT"};

static int alone_type(const char *t, size_t n)
{
	for (int k = 0; k < 5; k++)
		if (strlen(alone_types[k]) == n && memcmp(t, alone_types[k], n) == 0)
			return 1 << k;
	return 0;
}

static void load_alone(char **f, int k, void *ctx)
{
	(void)ctx;
	if (k < 2 || !*f[0] || !*f[1])
		return;
	int v = 0;
	for (const char *p = k > 2 ? f[2] : ""; *p;) {
		size_t n = strcspn(p, ",");
		v |= alone_type(p, n);
		p += n + (p[n] == ',');
	}
	nf_lw_add(alone, f[0], f[1], strlen(f[1]), v ? v : 31, NF_LW_OR);
}

int nf_gaz_not_alone(const char *lang, size_t langn, const char *w, size_t n, const char *type)
{
	int v = nf_lw_get(alone, lang, langn, w, n);
	return v > 0 && (v & alone_type(type, strlen(type))) != 0;
}

static void load_org(char **f, int k, void *ctx)
{
	(void)ctx;
	if (k >= 1 && *f[0])
		nf_strset_add(orgw, f[0], strlen(f[0]), 1);
}

int nf_gaz_org_word(const char *w, size_t n) { return nf_strset_get(orgw, w, n) > 0; }

static nf_strset *names; /* name -> 1 + entry index */
static char **types, **canons;
static char *softs;
static char **glangs; /* the languages of a generated name ("de,fr"), or NULL */
static char known[64] = ","; /* the languages of the place list, ",en,nl," */
static int n, maxw = 1, loading_soft;

static void load(char **f, int k, void *ctx)
{
	(void)ctx;
	if (k < 2 || !*f[1] || nf_strset_get(names, f[1], strlen(f[1])) > 0)
		return; /* the hand-made table comes first and wins */
	softs = nf_xrealloc(softs, (size_t)(n + 1));
	softs[n] = (char)loading_soft;
	types = nf_xrealloc(types, (size_t)(n + 1) * sizeof *types);
	canons = nf_xrealloc(canons, (size_t)(n + 1) * sizeof *canons);
	types[n] = nf_xstrdup(f[0]);
	canons[n] = nf_xstrdup(k > 2 && *f[2] ? f[2] : f[1]);
	glangs = nf_xrealloc(glangs, (size_t)(n + 1) * sizeof *glangs);
	glangs[n] = NULL;
	if (loading_soft && k > 3 && *f[3]) {
		size_t l = strlen(f[3]);
		glangs[n] = nf_xmalloc(l + 3);
		snprintf(glangs[n], l + 3, ",%s,", f[3]);
		for (char *t = strtok(f[3], ","); t; t = strtok(NULL, ",")) { /* remember each language */
			char key[16];
			snprintf(key, sizeof key, ",%s,", t);
			if (!strstr(known, key) && strlen(known) + strlen(t) + 2 < sizeof known)
				strcat(strcat(known, t), ",");
		}
	}
	nf_strset_add(names, f[1], strlen(f[1]), ++n);
	size_t fw = strcspn(f[1], " -");
	nf_strset_add(firsts, f[1], fw, 1);
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
	firsts = nf_strset_new();
	nots = nf_strset_new();
	cues = nf_strset_new();
	preps = nf_strset_new();
	prods = nf_strset_new();
	alone = nf_lw_new();
	nf_table_each(nf_data_entities_not_alone, nf_data_entities_not_alone_len, load_alone, NULL);
	nf_table_each(nf_data_entities_products, nf_data_entities_products_len, load_prod, NULL);
	nf_table_each(nf_data_months, nf_data_months_len, load_month, NULL);
	nf_table_each(nf_data_entities_cues, nf_data_entities_cues_len, load_cue, NULL);
	nf_table_each(nf_data_money_currencies_cldr, nf_data_money_currencies_cldr_len, load_code, NULL);
	nf_table_each(nf_data_entities_not_entities, nf_data_entities_not_entities_len, load_not, NULL);
	nf_table_each(nf_data_entities_gazetteer, nf_data_entities_gazetteer_len, load, NULL);
	loading_soft = 1;
	nf_table_each(nf_data_entities_places_cldr, nf_data_entities_places_cldr_len, load, NULL);
	nf_table_each(nf_data_entities_org_words, nf_data_entities_org_words_len, load_org, NULL);
}

int nf_gaz_get(const char *text, size_t len, const char **type, const char **canon, int *soft)
{
	int v = nf_strset_get(names, text, len);
	if (v <= 0)
		return 0;
	*soft = softs[v - 1];
	*type = types[v - 1];
	*canon = canons[v - 1];
	return 1;
}

int nf_gaz_in_lang(const char *text, size_t len, const char *lang, size_t langn)
{
	int v = nf_strset_get(names, text, len);
	if (v <= 0 || !glangs[v - 1] || !langn || langn > 8)
		return 1;
	char key[16];
	snprintf(key, sizeof key, ",%.*s,", (int)langn, lang);
	return strstr(glangs[v - 1], key) || !strstr(known, key);
}

int nf_gaz_max_words(void) { return maxw; }

int nf_gaz_first_word(const char *w, size_t n) { return nf_strset_get(firsts, w, n) > 0; }
