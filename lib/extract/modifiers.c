/* modifiers.c — see modifiers.h */
#include "extract/modifiers.h"
#include "core/strset.h"
#include "text/langword.h"
#include <stdio.h>
#include <string.h>

extern const char nf_data_modifiers[];
extern const unsigned long nf_data_modifiers_len;

static nf_langword *mods; /* text/langword.h, an open table */
static const char *const names[] = {"", "APPROX", "MORE_THAN", "LESS_THAN"};

static void load(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	int v = strcmp(f[2], "APPROX") == 0 ? 1 : strcmp(f[2], "MORE_THAN") == 0 ? 2 : 3;
	nf_lw_add(mods, f[0], f[1], strlen(f[1]), v, 0);
}

void nf_mod_init(void)
{
	if (mods)
		return;
	mods = nf_lw_new();
	nf_lw_open(mods); /* a modifier of another language counts too */
	nf_table_each(nf_data_modifiers, nf_data_modifiers_len, load, NULL);
}

static int get(const char *lang, const char *w, size_t n) { return nf_lw_get(mods, lang, strlen(lang), w, n); }

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
