/* enttokens.c — see enttokens.h */
#include "extract/enttokens.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/strset.h"
#include "core/utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

extern const char nf_data_entities_tokens[];
extern const unsigned long nf_data_entities_tokens_len;

enum { K_ELISION, K_POSS, K_BRAND, K_PLACES, K_LOWER, K_PROCL, NKINDS };
static const char *const kinds[] = {"elision", "possessive", "lower-brand", "place-retype", "lower-head", "proclitics"};

struct nf_enttok_lang {
	char code[8];
	int has[NKINDS];    /* rows of the kind seen */
	size_t elision;     /* longest elided word, bytes */
	char poss[512];     /* possessive endings, each NUL-terminated, "" after the last */
	size_t possn;
	char brand[32];     /* lower-brand letters */
	int place_retype;   /* the place list may retype what the tagger found */
	int lower_head;     /* a lower-case word the tagger put first in a name stays */
	int proclitics;     /* names lose the Arabic proclitics glued to them */
};

#define MAXLANGS 64
static struct nf_enttok_lang langs[MAXLANGS]; /* langs[0] is "*" */
static int nlangs;

static struct nf_enttok_lang *lang_slot(const char *code)
{
	for (int k = 0; k < nlangs; k++)
		if (!strcmp(langs[k].code, code))
			return &langs[k];
	if (nlangs == MAXLANGS || strlen(code) >= sizeof langs[0].code)
		nf_errx(NF_EXIT_DATA, "entities/tokens.tsv: too many languages, or a long code: %s", code);
	struct nf_enttok_lang *L = &langs[nlangs++];
	snprintf(L->code, sizeof L->code, "%s", code);
	return L;
}

static void load(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	int k = 0;
	while (k < NKINDS && strcmp(f[1], kinds[k]))
		k++;
	if (k == NKINDS)
		nf_errx(NF_EXIT_DATA, "entities/tokens.tsv: unknown kind %s", f[1]);
	struct nf_enttok_lang *L = lang_slot(f[0]);
	size_t vl = strlen(f[2]);
	L->has[k] = 1;
	if (k == K_ELISION)
		L->elision = (size_t)strtoul(f[2], NULL, 10);
	else if (k == K_POSS && vl && L->possn + vl + 2 <= sizeof L->poss) {
		memcpy(L->poss + L->possn, f[2], vl + 1);
		L->possn += vl + 1;
	} else if (k == K_BRAND && vl == 1 && strlen(L->brand) + 1 < sizeof L->brand)
		L->brand[strlen(L->brand)] = f[2][0];
	else if (k == K_PLACES)
		L->place_retype = strcmp(f[2], "yes") == 0;
	else if (k == K_LOWER)
		L->lower_head = strcmp(f[2], "yes") == 0;
	else if (k == K_PROCL)
		L->proclitics = strcmp(f[2], "yes") == 0;
}

void nf_enttok_init(void)
{
	if (nlangs)
		return;
	lang_slot("*");
	nf_table_each(nf_data_entities_tokens, nf_data_entities_tokens_len, load, NULL);
	for (int k = 1; k < nlangs; k++) { /* the kinds a language has no rows of: those of "*" */
		struct nf_enttok_lang *L = &langs[k];
		if (!L->has[K_ELISION])
			L->elision = langs[0].elision;
		if (!L->has[K_POSS])
			memcpy(L->poss, langs[0].poss, sizeof L->poss);
		if (!L->has[K_BRAND])
			memcpy(L->brand, langs[0].brand, sizeof L->brand);
		if (!L->has[K_PLACES])
			L->place_retype = langs[0].place_retype;
		if (!L->has[K_LOWER])
			L->lower_head = langs[0].lower_head;
		if (!L->has[K_PROCL])
			L->proclitics = langs[0].proclitics;
	}
}

const nf_enttok_lang *nf_enttok_lang_get(const char *code, size_t n)
{
	for (int k = 1; k < nlangs; k++)
		if (strlen(langs[k].code) == n && memcmp(langs[k].code, code, n) == 0)
			return &langs[k];
	return &langs[0];
}

int nf_enttok_place_retype(const nf_enttok_lang *L) { return L->place_retype; }
int nf_enttok_lower_head(const nf_enttok_lang *L) { return L->lower_head; }
int nf_enttok_proclitics(const nf_enttok_lang *L) { return L->proclitics; }

void nf_enttok_add(nf_enttoks *out, size_t s, size_t e)
{
	if (e <= s)
		return;
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 256;
		out->v = nf_xrealloc(out->v, out->cap * sizeof *out->v);
	}
	out->v[out->n++] = (struct nf_enttok){s, e};
}

/* is t[a..e) one of the possessive endings (ASCII case folded)? */
static int possessive(const nf_enttok_lang *L, const char *t, size_t a, size_t e)
{
	for (const char *p = L->poss; *p; p += strlen(p) + 1) {
		size_t m = strlen(p);
		if (e - a != m)
			continue;
		size_t i = 0;
		while (i < m && (t[a + i] | 32) == (p[i] | 32))
			i++;
		if (i == m)
			return 1;
	}
	return 0;
}

void nf_enttok_word(nf_enttoks *out, const nf_enttok_lang *L, const char *t, size_t s, size_t e)
{
	size_t p = s;
	for (size_t i = s; i < e; i++) {
		int apo = t[i] == '\'' || (i + 2 < e && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
		                           (unsigned char)t[i + 2] == 0x99);
		size_t al = t[i] == '\'' ? 1 : 3;
		if (t[i] == '-') { /* BMW-executive */
			nf_enttok_add(out, p, i);
			nf_enttok_add(out, i, i + 1);
			p = i + 1;
		} else if (apo && i - p <= L->elision && i > p) { /* l’azienda, d’euros */
			nf_enttok_add(out, p, i + al);
			p = i + al;
			i += al - 1;
		} else if (apo && possessive(L, t, i + al, e)) { /* Xiaomi’s */
			nf_enttok_add(out, p, i);
			nf_enttok_add(out, i, e);
			p = e;
			break;
		}
	}
	nf_enttok_add(out, p, e);
}

void nf_enttok_line(nf_enttoks *out, nf_toks *tk, const nf_enttok_lang *L, const char *text, size_t s, size_t e)
{
	nf_tokenize(tk, text, s, e);
	for (size_t i = 0; i < tk->n; i++)
		if (tk->t[i].kind == NF_T_WORD)
			nf_enttok_word(out, L, text, tk->t[i].s, tk->t[i].e);
		else
			nf_enttok_add(out, tk->t[i].s, tk->t[i].e);
}

int nf_enttok_name_start(const nf_enttok_lang *L, const char *w, size_t n)
{
	if (!n)
		return 0;
	int32_t c;
	nf_utf8_dec((const unsigned char *)w, (const unsigned char *)w + n, &c);
	int cat = utf8proc_get_property(c < 0 ? 0xFFFD : c)->category;
	if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
		return 1;
	return n > 1 && w[0] && strchr(L->brand, w[0]) && w[1] >= 'A' && w[1] <= 'Z';
}
