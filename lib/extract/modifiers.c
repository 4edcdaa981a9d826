/* modifiers.c — see modifiers.h */
#include "extract/modifiers.h"
#include "core/strset.h"
#include <stdio.h>
#include <string.h>

extern const char nf_data_modifiers[];
extern const unsigned long nf_data_modifiers_len;

static nf_strset *mods; /* "lang\tphrase" and "\tphrase" */
static const char *const names[] = {"", "APPROX", "MORE_THAN", "LESS_THAN"};

static void load(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	int v = strcmp(f[2], "APPROX") == 0 ? 1 : strcmp(f[2], "MORE_THAN") == 0 ? 2 : 3;
	char k[256];
	int kn = snprintf(k, sizeof k, "%s\t%s", f[0], f[1]);
	if (kn <= 0 || (size_t)kn >= sizeof k)
		return;
	nf_strset_add(mods, k, (size_t)kn, v);
	size_t ll = strlen(f[0]);
	if (nf_strset_get(mods, k + ll, (size_t)kn - ll) < 0)
		nf_strset_add(mods, k + ll, (size_t)kn - ll, v);
}

void nf_mod_init(void)
{
	if (mods)
		return;
	mods = nf_strset_new();
	nf_table_each(nf_data_modifiers, nf_data_modifiers_len, load, NULL);
}

static int get(const char *lang, const char *w, size_t n)
{
	char k[300];
	size_t ll = strlen(lang);
	if (ll + n + 2 > sizeof k)
		return -1;
	int v;
	memcpy(k, lang, ll);
	k[ll] = '\t';
	memcpy(k + ll + 1, w, n);
	if (ll && (v = nf_strset_get(mods, k, ll + 1 + n)) > 0)
		return v;
	return nf_strset_get(mods, k + ll, n + 1);
}

const char *nf_mod_before(const char *t, const nf_toks *tk, size_t i, const char *lang, size_t *first)
{
	char w[256];
	const char *best = "";
	*first = i;
	for (size_t m = 1; m <= 4 && m <= i; m++) {
		size_t n = 0;
		int ok = 1;
		for (size_t k = i - m; k < i && ok; k++) {
			const struct nf_tok *x = &tk->t[k];
			if (x->kind == NF_T_WORD) {
				char one[128];
				size_t on = nf_tok_lower(t, x->s, x->e, one);
				if (!on || n + on + 2 >= sizeof w)
					ok = 0;
				else {
					if (n && x->sp)
						w[n++] = ' ';
					memcpy(w + n, one, on);
					n += on;
				}
			} else if (x->kind == NF_T_PUNCT && t[x->s] == '.' && !x->sp && n)
				w[n++] = '.';
			else
				ok = 0;
		}
		if (!ok)
			continue; /* "ca." is two tokens: a lone "." is no modifier */
		int v;
		size_t off = nf_tok_proclitics(w, n, 0); /* بنحو */
		if ((v = get(lang, w, n)) > 0 || (off && (v = get(lang, w + off, n - off)) > 0)) {
			best = names[v];
			*first = i - m;
		}
	}
	return best;
}
