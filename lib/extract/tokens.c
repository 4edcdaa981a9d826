/* tokens.c — see tokens.h */
#include "extract/tokens.h"
#include "core/buf.h"
#include "core/strset.h"
#include "core/utf8.h"
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

enum { C_OTHER, C_LETTER, C_DIGIT, C_SPACE, C_SYM, C_MARK };
static uint8_t ccls[0x10000];

void nf_tokens_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	for (int32_t c = 0; c < 0x10000; c++) {
		const utf8proc_property_t *p = utf8proc_get_property(c);
		int k = p->category;
		ccls[c] = (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9) ? C_DIGIT
		          : k == UTF8PROC_CATEGORY_ZS || c == ' ' || c == '\t' || c == '\n' || c == '\r' ? C_SPACE
		          : k == UTF8PROC_CATEGORY_SC ? C_SYM
		          : k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC ? C_MARK
		          : k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO ? C_LETTER : C_OTHER;
	}
}

static int32_t dec(const char *t, size_t i, size_t e, size_t *l)
{
	int32_t c;
	*l = nf_utf8_dec((const unsigned char *)t + i, (const unsigned char *)t + e, &c);
	return c;
}

static int cls(int32_t c) { return c < 0 ? C_OTHER : c < 0x10000 ? ccls[c] : C_LETTER; }

int nf_tok_is_digit(int32_t c) { return c >= 0 && c < 0x10000 && ccls[c] == C_DIGIT; }

static void push(nf_toks *tk, size_t s, size_t e, int kind, int sp)
{
	if (tk->n == tk->cap) {
		tk->cap = tk->cap ? tk->cap * 2 : 256;
		tk->t = nf_xrealloc(tk->t, tk->cap * sizeof *tk->t);
	}
	tk->t[tk->n++] = (struct nf_tok){(uint32_t)s, (uint32_t)e, (uint8_t)kind, (uint8_t)sp};
}

size_t nf_tok_lower(const char *t, size_t s, size_t e, char *out)
{
	size_t k = 0, l;
	for (size_t i = s; i < e; i += l) {
		int32_t c = dec(t, i, e, &l);
		if (c < 0)
			return 0;
		c = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : utf8proc_tolower(c);
		if (c == 0x2019)
			c = '\'';
		if (k + 4 >= 127)
			return 0;
		k += nf_utf8_enc(c, out + k);
	}
	out[k] = 0;
	return k;
}

/* tokens of t[s..e) (one line); offsets are relative to t */
void nf_tokenize(nf_toks *tk, const char *t, size_t s, size_t e)
{
	size_t i = s, l;
	int sp = 1;
	tk->n = 0;
	while (i < e) {
		int32_t c = dec(t, i, e, &l);
		int k = cls(c);
		if (k == C_SPACE) {
			sp = 1;
			i += l;
			continue;
		}
		size_t b = i;
		if (k == C_DIGIT) { /* digits with single . , ' ٫ ٬ between digit groups */
			i += l;
			for (;;) {
				if (i < e && cls(dec(t, i, e, &l)) == C_DIGIT) {
					i += l;
					continue;
				}
				int32_t d = i < e ? dec(t, i, e, &l) : -1;
				size_t l2;
				if ((d == '.' || d == ',' || d == '\'' || d == 0x66B || d == 0x66C || d == 0x2019) && i + l < e &&
				    cls(dec(t, i + l, e, &l2)) == C_DIGIT) {
					i += l;
					continue;
				}
				break;
			}
			push(tk, b, i, NF_T_NUM, sp);
		} else if ((k == C_LETTER) && nf_is_cjk(c)) { /* Han, kana, Hangul: one token each */
			i += l;
			push(tk, b, i, NF_T_WORD, sp);
		} else if (k == C_LETTER || k == C_MARK) { /* letters, marks, inner hyphens and apostrophes */
			i += l;
			while (i < e) {
				int32_t d = dec(t, i, e, &l);
				int kd = cls(d);
				if ((kd == C_LETTER && !nf_is_cjk(d)) || kd == C_MARK) {
					i += l;
					continue;
				}
				size_t l2;
				if ((d == '-' || d == '\'' || d == 0x2019 || d == '.') && i + l < e &&
				    cls(dec(t, i + l, e, &l2)) == C_LETTER && (d != '.' || (i + l + l2 < e && t[i + l + l2] == '.'))) {
					i += l; /* US-Dollar, d’euros, U.S. (a period only inside dotted initials) */
					continue;
				}
				if ((d == '\'' || d == 0x2019) && i - b <= 2) { /* d’ before a non-letter */
					i += l;
				}
				break;
			}
			push(tk, b, i, NF_T_WORD, sp);
		} else {
			i += l;
			push(tk, b, i, k == C_SYM ? NF_T_SYM : NF_T_PUNCT, sp);
		}
		sp = 0;
	}
}


/* ---- Arabic proclitics ---- */

extern const char nf_data_proclitics[];
extern const unsigned long nf_data_proclitics_len;

enum { PRO_CONJ, PRO_PREP, PRO_ARTICLE, PRO_PREP_ARTICLE, PRO_NAME, PRO_NAME_ARTICLE, PRO_KINDS };
static char pro[PRO_KINDS][8][8]; /* [kind][entry]: NUL-terminated prefixes */
static int npro[PRO_KINDS], pro_loaded;

static void load_pro(char **f, int k, void *ctx)
{
	(void)ctx;
	static const char *const kinds[] = {"conj", "prep", "article", "prep+article", "name", "name-article"};
	for (int i = 0; k >= 2 && i < PRO_KINDS; i++)
		if (!strcmp(f[0], kinds[i]) && npro[i] < 8 && strlen(f[1]) < 8)
			snprintf(pro[i][npro[i]++], 8, "%s", f[1]);
}

/* the length of the prefix of kind at w[at..n) that leaves more than 4 bytes, or 0 */
static size_t pro_at(int kind, const char *w, size_t at, size_t n)
{
	for (int i = 0; i < npro[kind]; i++) {
		size_t l = strlen(pro[kind][i]);
		if (n - at > l + 4 && memcmp(w + at, pro[kind][i], l) == 0)
			return l;
	}
	return 0;
}

static void pro_init(void)
{
	if (!pro_loaded) {
		pro_loaded = 1;
		nf_table_each(nf_data_proclitics, nf_data_proclitics_len, load_pro, NULL);
	}
}

/* can w start with an entry of kind? (its first two bytes: most words end here) */
static int pro_starts(int kind, const char *w, size_t n)
{
	for (int i = 0; i < npro[kind]; i++)
		if (n >= 2 && w[0] == pro[kind][i][0] && w[1] == pro[kind][i][1])
			return 1;
	return 0;
}

size_t nf_tok_proclitics(const char *w, size_t n, int article)
{
	pro_init();
	if (!pro_starts(PRO_CONJ, w, n) && !pro_starts(PRO_PREP, w, n) &&
	    !(article && (pro_starts(PRO_ARTICLE, w, n) || pro_starts(PRO_PREP_ARTICLE, w, n))))
		return 0;
	size_t at = pro_at(PRO_CONJ, w, 0, n), l;
	if (article && (l = pro_at(PRO_PREP_ARTICLE, w, at, n)))
		return at + l;
	at += pro_at(PRO_PREP, w, at, n);
	if (article)
		at += pro_at(PRO_ARTICLE, w, at, n);
	return at;
}

int nf_tok_is_proclitic(const char *w, size_t n)
{
	pro_init();
	if (n >= 2 && memcmp(w + n - 2, "\xD9\x80", 2) == 0) /* tatweel: بـ */
		n -= 2;
	size_t at = 0;
	for (int kind = PRO_CONJ; kind <= PRO_PREP; kind++)
		for (int i = 0; i < npro[kind]; i++) {
			size_t l = strlen(pro[kind][i]);
			if (n - at >= l && memcmp(w + at, pro[kind][i], l) == 0) {
				at += l;
				break;
			}
		}
	return at > 0 && at == n;
}

/* is w[0..n) wholly one of the proclitics of kind? */
static int pro_is(int kind, const char *w, size_t n)
{
	for (int i = 0; i < npro[kind]; i++)
		if (strlen(pro[kind][i]) == n && memcmp(w, pro[kind][i], n) == 0)
			return 1;
	return 0;
}

int nf_tok_proclitic_cuts(const char *w, size_t n, size_t cut[2], int *art)
{
	pro_init();
	*art = 0;
	if (!pro_starts(PRO_CONJ, w, n) && !pro_starts(PRO_PREP, w, n))
		return 0;
	size_t c = 0, p = 0, l;
	for (int i = 0; i < npro[PRO_CONJ] && !c; i++)
		if (n > (l = strlen(pro[PRO_CONJ][i])) && memcmp(w, pro[PRO_CONJ][i], l) == 0)
			c = l;
	for (int i = 0; i < npro[PRO_PREP] && !p; i++)
		if (n > c + (l = strlen(pro[PRO_PREP][i])) && memcmp(w + c, pro[PRO_PREP][i], l) == 0)
			p = l;
	const size_t cand[2] = {c + p, p ? c : 0};
	int k = 0;
	for (int i = 0; i < 2; i++) {
		size_t x = cand[i], rest = n - x;
		if (!x)
			continue;
		int latin = (w[x] | 32) >= 'a' && (w[x] | 32) <= 'z';
		if (!(latin ? rest >= 2 : rest > 4))
			continue; /* three letters stay, or two Latin ones */
		int kind[2] = {PRO_NAME, PRO_NAME_ARTICLE}, ok[2];
		for (int j = 0; j < 2; j++) /* each proclitic of the cut of that kind */
			ok[j] = (x == c || pro_is(kind[j], w + c, x - c)) && (!c || pro_is(kind[j], w, c));
		if (!ok[0])
			continue;
		if (ok[1] && pro_at(PRO_ARTICLE, w, x, n))
			*art |= 1 << k;
		cut[k++] = x;
	}
	return k;
}

size_t nf_tok_article_form(const char *w, size_t n, size_t *conj, char *out, size_t cap)
{
	pro_init();
	size_t c = pro_at(PRO_CONJ, w, 0, n), l = pro_at(PRO_PREP_ARTICLE, w, c, n);
	if (!l || !npro[PRO_ARTICLE])
		return 0;
	size_t al = strlen(pro[PRO_ARTICLE][0]), rest = n - c - l;
	if (al + rest > cap)
		return 0;
	memcpy(out, pro[PRO_ARTICLE][0], al);
	memcpy(out + al, w + c + l, rest);
	*conj = c;
	return al + rest;
}
