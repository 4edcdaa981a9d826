/* money.c — see money.h. Each paragraph (up to a blank line) is cut into tokens (words, numbers, currency symbols,
 * punctuation; each knows whether white space precedes it), then every number, currency
 * symbol or code and number word is tried as the start of a mention. Words are looked up
 * through text/langword.h (open tables): the language's rows, then those of every language
 * ("*"), then every language's. */
#include "extract/money.h"
#include "core/bloom.h"
#include "core/buf.h"
#include "core/strset.h"
#include "text/langword.h"
#include "extract/tokens.h"
#include "extract/modifiers.h"
#include "core/utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

extern const char nf_data_money_currencies_cldr[], nf_data_money_currencies[], nf_data_money_scales[],
	nf_data_numwords[], nf_data_money_links[], nf_data_money_decimals[], nf_data_money_historical[],
	nf_data_money_numparts[];
extern const unsigned long nf_data_money_currencies_cldr_len, nf_data_money_currencies_len,
	nf_data_money_scales_len, nf_data_numwords_len, nf_data_money_links_len,
	nf_data_money_decimals_len, nf_data_money_historical_len, nf_data_money_numparts_len;

/* ---- tables ---- */

static nf_strset *t_dec; /* LANG -> 1 point, 2 comma, | 4 groups */
static nf_langword *t_sname, *t_lname, *t_name, *t_sym, *t_code, *t_scale, *t_num, *t_link, *t_minor;
static nf_strset *t_scode; /* codes with a scale letter: MUSD, kEUR -> power * 4096 + code index+1 */
static char **ctxs; /* context phrases of ¥ (currencies.tsv), and their codes */
static char (*ctxcode)[4];
static int nctx;
static char (*codes)[4];
static int ncodes;
static unsigned long long *nummilli; /* the value of number word k+1, in thousandths */
static int nnumvals, maxphrase = 1, maxnumphrase = 1;
static nf_langword *t_part; /* numparts.tsv: pieces of compound number words only */
#define PART_AND 1000000 /* value of a connector piece (und, en) */
#define MILLI_MAX 1000000000000000000ULL
/* Sets that share the Bloom filter below (bloom), each with its hash XORed by a salt: one
 * filter takes fewer cache lines than one each */
enum {
	B_PAIR = 0x85ebca6bu,   /* the first two words of the phrases of numwords.tsv (a quarter) */
	B_PIECE = 0xc2b2ae35u,  /* every piece a compound may have: number words, parts, thousands */
	B_SPECIAL = 0x27d4eb2fu /* the words of the minor and historical tables: most phrases skip them */
};
enum { L_RANGE = 1, L_AND = 2, L_BETWEEN = 4, L_LINK = 8 }; /* bits: a word may have several */
#define ARTICLE 100000 /* number-word values above this are articles: 1 only before a scale word */

/* Bloom filter of the words that can start a mention (number words, codes, symbols that are
 * words), over their bytes with ASCII in lower case: most words of a text skip every lookup */
static nf_bloom bloom;

static void bloom_add(const char *w, size_t n) { nf_bloom_add(&bloom, w, n); }

/* The first 3 and 4 bytes of the number words a compound may begin with (bits of a hash of
 * those bytes, read as an integer with 0x20 ORed into every byte: ASCII in lower case): a word
 * (siebenhundert, duecentomila) is tried as a compound only when it begins like one. */
static uint64_t headbits[1024];

static inline uint32_t head_key(const char *w, size_t n) /* n 3 or 4 */
{
	unsigned char b[4] = {0, 0, 0, 0};
	memcpy(b, w, n);
	for (size_t k = 0; k < n; k++)
		b[k] |= 0x20;
	uint32_t x;
	memcpy(&x, b, 4);
	return (x * 2654435761u) >> 16;
}

static inline int head_has(const char *w) /* w has at least 4 bytes */
{
	uint32_t a = head_key(w, 4), b = head_key(w, 3);
	return (headbits[a >> 6] >> (a & 63) & 1) || (headbits[b >> 6] >> (b & 63) & 1);
}

static void badd(uint32_t salt, const char *w, size_t n)
{
	uint32_t h = nf_fnv1a(w, n, 1) ^ salt;
	bloom.b[(h & 0xFFFF) >> 6] |= 1ull << (h & 63);
	bloom.b[(h >> 16) >> 6] |= 1ull << ((h >> 16) & 63);
}

/* nf_bloom_has with the hash (nf_fnv1a, folded) already computed */
static inline int bloom_bits(const nf_bloom *f, uint32_t h)
{
	return (f->b[(h & 0xFFFF) >> 6] >> (h & 63) & 1) && (f->b[(h >> 16) >> 6] >> ((h >> 16) & 63) & 1);
}

static int bhas(uint32_t salt, const char *w, size_t n) { return bloom_bits(&bloom, nf_fnv1a(w, n, 1) ^ salt); }

/* nf_fnv1a continued over w[0..n) */
static inline uint32_t fnv_more(uint32_t h, const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 16777619u;
	}
	return h;
}

static int code_index(const char *c)
{
	for (int i = 0; i < ncodes; i++)
		if (memcmp(codes[i], c, 4) == 0)
			return i;
	codes = nf_xrealloc(codes, (size_t)(ncodes + 1) * sizeof *codes);
	memset(codes[ncodes], 0, 4);
	memcpy(codes[ncodes], c, strlen(c) < 3 ? strlen(c) : 3);
	return ncodes++;
}

enum { P_FIRST = 0, P_OR = NF_LW_OR, P_ONLY = NF_LW_NOUNION };

/* P_OR combines the values of a word listed more than once (links), else the first value
 * stays; P_ONLY: a row seen by its language only */
static void put_mode(nf_langword *s, const char *lang, const char *w, int v, int mode)
{
	nf_lw_add(s, lang, w, strlen(w), v, mode);
}

static void put(nf_langword *s, const char *lang, const char *w, int v) { put_mode(s, lang, w, v, P_FIRST); }

static void load_cur(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 4 || strlen(f[3]) != 3)
		return;
	int v = code_index(f[3]) + 1;
	if (strcmp(f[1], "name") == 0) {
		put(t_name, f[0], f[2], v);
		int words = 1;
		for (const char *p = f[2]; *p; p++)
			words += *p == ' ';
		if (words > maxphrase)
			maxphrase = words;
	} else if (strcmp(f[1], "symbol") == 0) {
		put(t_sym, "*", f[2], v);
		size_t k = 0; /* the word part of a symbol: RMB, Rs, SFr */
		while (f[2][k] && (unsigned char)f[2][k] != '$' && f[2][k] != '.' && f[2][k] != ' ')
			k++;
		if (k)
			bloom_add(f[2], k);
	} else if (strcmp(f[1], "scaled") == 0) {
		put(t_sname, f[0], f[2], v);
	} else if (strcmp(f[1], "linked") == 0) {
		put(t_lname, f[0], f[2], v);
	} else if (strcmp(f[1], "prefix") == 0) {
		put_mode(t_sym, f[0], f[2], v, P_ONLY);
		bloom_add(f[2], strlen(f[2]));
	} else if (strcmp(f[1], "scaledcode") == 0 && n > 4) {
		nf_strset_add(t_scode, f[2], strlen(f[2]), atoi(f[4]) * 4096 + v);
	} else if (strcmp(f[1], "minor") == 0) { /* one letter (p): its language only (1080p) */
		put_mode(t_minor, f[0], f[2], v, strlen(f[2]) == 1 ? P_ONLY : P_FIRST);
		badd(B_SPECIAL, f[2], strlen(f[2]));
	} else if (strcmp(f[1], "code") == 0) {
		put(t_code, "*", f[2], v);
		bloom_add(f[2], strlen(f[2]));
	} else if (strcmp(f[1], "context") == 0) {
		ctxs = nf_xrealloc(ctxs, (size_t)(nctx + 1) * sizeof *ctxs);
		ctxcode = nf_xrealloc(ctxcode, (size_t)(nctx + 1) * sizeof *ctxcode);
		ctxs[nctx] = nf_xstrdup(f[2]);
		memcpy(ctxcode[nctx++], codes[v - 1], 4);
	}
}

/* historical.tsv: what a currency word means by the document's date and context. Rows of the
 * same word are chained in file order; the first that applies wins. */
struct hrow {
	char lang[8];
	int from, until; /* YYYYMMDD, inclusive; 0 and 99999999 when open */
	int code;        /* code index+1; 0: the word is no currency then */
	char *ctx;       /* "" or phrases joined by |, ^ for the start of the text */
	int next;        /* the next row of the word, -1 */
};
static struct hrow *hrows;
static int nhrows;
static nf_strset *t_hist; /* word -> its first row */
static signed char *hctx; /* per document: has row k's context been seen? -1 not tried yet */

static int date_field(const char *s)
{
	if (strcmp(s, "-") == 0 || !*s)
		return -1;
	int y = 0, m = 0, d = 0;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	return y * 10000 + m * 100 + d;
}

static void load_hist(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 5 || strlen(f[0]) >= sizeof hrows[0].lang)
		return;
	hrows = nf_xrealloc(hrows, (size_t)(nhrows + 1) * sizeof *hrows);
	struct hrow *r = &hrows[nhrows];
	strcpy(r->lang, f[0]);
	int a = date_field(f[2]), b = date_field(f[3]);
	r->from = a < 0 ? 0 : a;
	r->until = b < 0 ? 99999999 : b;
	r->code = strlen(f[4]) == 3 ? code_index(f[4]) + 1 : 0;
	r->ctx = nf_xstrdup(n > 5 ? f[5] : "");
	r->next = -1;
	badd(B_SPECIAL, f[1], strlen(f[1]));
	int first = nf_strset_get(t_hist, f[1], strlen(f[1]));
	if (first < 0)
		nf_strset_add(t_hist, f[1], strlen(f[1]), nhrows);
	else {
		while (hrows[first].next >= 0)
			first = hrows[first].next;
		hrows[first].next = nhrows;
	}
	nhrows++;
}

static struct { char lang[8]; int comma; } declangs[64];
static int ndeclangs;

static void load_dec(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 2 || strlen(f[0]) >= sizeof declangs[0].lang)
		return;
	int comma = strcmp(f[1], "comma") == 0;
	nf_strset_add(t_dec, f[0], strlen(f[0]), (comma ? 2 : 1) | (n > 2 && strcmp(f[2], "groups") == 0 ? 4 : 0));
	if (ndeclangs < 64) {
		strcpy(declangs[ndeclangs].lang, f[0]);
		declangs[ndeclangs++].comma = comma;
	}
}

static void load_scale(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n >= 3)
		put(t_scale, f[0], f[1], atoi(f[2]));
	if (n >= 3 && atoi(f[2]) == 3)
		badd(B_PIECE, f[1], strlen(f[1]));
}

/* "2", "0.5", "0.25" in thousandths */
static unsigned long long milli_of(const char *s)
{
	unsigned long long v = 0;
	int frac = -1;
	for (; *s && v < MILLI_MAX / 10; s++)
		if (*s == '.')
			frac = 0;
		else if (*s >= '0' && *s <= '9' && frac < 3) {
			v = v * 10 + (unsigned)(*s - '0');
			frac += frac >= 0;
		}
	for (frac = frac < 0 ? 0 : frac; frac < 3; frac++)
		v *= 10;
	return v;
}

/* a number word that may begin a compound: its first bytes go into headbits (not phrases, nor
 * Arabic words with an article or a proclitic in front: الثلاث would make every word in ال a
 * candidate) */
static void head_add(const char *w)
{
	size_t n = strlen(w);
	if (strchr(w, ' '))
		return;
	badd(B_PIECE, w, n);
	char pad[160]; /* padded: the three letters a proclitic must leave do not hide the article of الست */
	if (n + 7 > sizeof pad)
		return;
	memcpy(pad, w, n);
	memcpy(pad + n, "xxxxxx", 7);
	if (nf_tok_proclitics(pad, n + 6, 1) == 0)
		if (n >= 3) {
			uint32_t a = head_key(w, n < 4 ? n : 4);
			headbits[a >> 6] |= 1ull << (a & 63);
		}
}

static void load_num(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	nummilli = nf_xrealloc(nummilli, (size_t)(nnumvals + 1) * sizeof *nummilli);
	nummilli[nnumvals++] = milli_of(f[2]);
	put(t_num, f[0], f[1], n > 3 && strcmp(f[3], "article") == 0 ? ARTICLE + nnumvals : nnumvals);
	bloom_add(f[1], strlen(f[1]));
	if (nummilli[nnumvals - 1] >= 1000 && nummilli[nnumvals - 1] <= 100000)
		head_add(f[1]); /* a compound begins with a unit, a ten or a hundred: not عدة (0), mil */
	else if (!strchr(f[1], ' '))
		badd(B_PIECE, f[1], strlen(f[1]));
	int words = 1;
	const char *sp2 = NULL;
	for (const char *p = f[1]; *p; p++)
		if (*p == ' ' && ++words == 3)
			sp2 = p;
	if (words > 1)
		badd(B_PAIR, f[1], sp2 ? (size_t)(sp2 - f[1]) : strlen(f[1]));
	if (words > maxnumphrase)
		maxnumphrase = words;
}

static void load_part(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	int v = strcmp(f[2], "and") == 0 ? PART_AND : atoi(f[2]);
	put(t_part, f[0], f[1], v);
	if (v != PART_AND)
		head_add(f[1]);
	else
		badd(B_PIECE, f[1], strlen(f[1]));
}

static void load_link(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	int v = strcmp(f[2], "range") == 0 ? L_RANGE : strcmp(f[2], "and") == 0 ? L_AND
	        : strcmp(f[2], "between") == 0 ? L_BETWEEN : L_LINK;
	put_mode(t_link, f[0], f[1], v, P_OR);
}

void nf_money_init(void)
{
	if (t_name)
		return;
	nf_tokens_init(); /* first: head_add asks for the proclitics */
	t_name = nf_lw_new(), t_sym = nf_lw_new(), t_code = nf_lw_new(), t_lname = nf_lw_new(), t_sname = nf_lw_new();
	t_dec = nf_strset_new(), t_scode = nf_strset_new();
	nf_table_each(nf_data_money_decimals, nf_data_money_decimals_len, load_dec, NULL);
	t_scale = nf_lw_new(), t_num = nf_lw_new(), t_link = nf_lw_new(), t_minor = nf_lw_new(), t_part = nf_lw_new();
	nf_langword *open[] = {t_name, t_sym, t_code, t_lname, t_sname, t_scale, t_num, t_link, t_minor, t_part};
	for (size_t k = 0; k < sizeof open / sizeof open[0]; k++)
		nf_lw_open(open[k]); /* words of other languages count too: dlrs in an English text */
	nf_table_each(nf_data_money_currencies, nf_data_money_currencies_len, load_cur, NULL);
	nf_table_each(nf_data_money_currencies_cldr, nf_data_money_currencies_cldr_len, load_cur, NULL);
	nf_table_each(nf_data_money_scales, nf_data_money_scales_len, load_scale, NULL);
	nf_table_each(nf_data_numwords, nf_data_numwords_len, load_num, NULL);
	nf_table_each(nf_data_money_numparts, nf_data_money_numparts_len, load_part, NULL);
	nf_mod_init();
	nf_table_each(nf_data_money_links, nf_data_money_links_len, load_link, NULL);
	t_hist = nf_strset_new();
	nf_table_each(nf_data_money_historical, nf_data_money_historical_len, load_hist, NULL);
	hctx = nf_xmalloc((size_t)nhrows + 1);
}

/* ---- tokens ---- */

static nf_toks TK;
#define T (TK.t)
#define nt (TK.n)
enum { T_WORD = NF_T_WORD, T_NUM = NF_T_NUM, T_SYM = NF_T_SYM, T_PUNCT = NF_T_PUNCT };

static int32_t dec(const char *t, size_t i, size_t e, size_t *l)
{
	int32_t c;
	*l = nf_utf8_dec((const unsigned char *)t + i, (const unsigned char *)t + e, &c);
	return c;
}

/* ---- word lookups ---- */

#define lower nf_tok_lower

static char lang[8];

static size_t langlen;

static int tget(const nf_langword *s, const char *w, size_t n) { return nf_lw_get(s, lang, langlen, w, n); }

/* lower-cased word of token i, with a glued "." appended when dot (Mrd., ca.) */
static int word_key(const char *t, size_t i, int dot, char *out, size_t *n)
{
	if (i >= nt || T[i].kind != T_WORD)
		return 0;
	*n = lower(t, T[i].s, T[i].e, out);
	if (!*n)
		return 0;
	if (dot) {
		if (i + 1 >= nt || T[i + 1].sp || t[T[i + 1].s] != '.' || T[i + 1].kind != T_PUNCT)
			return 0;
		out[(*n)++] = '.';
		out[*n] = 0;
	}
	return 1;
}

/* the same word without an elided article (d’euros) or an Arabic proclitic (بالدولار) */
static size_t strip_clitic(const char *w, size_t n)
{
	for (size_t i = 1; i <= 3 && i < n; i++)
		if (w[i] == '\'')
			return i + 1;
	return nf_tok_proclitics(w, n, 1);
}

/* scale word at token i: returns its power (and the tokens it spans), 0 if none */
static int scale_at(const char *t, size_t i, size_t *len)
{
	char w[128];
	size_t n;
	if (!word_key(t, i, 0, w, &n))
		return 0;
	int v;
	if (word_key(t, i, 1, w, &n) && (v = tget(t_scale, w, n)) > 0) { /* Mrd. */
		*len = 2;
		return v;
	}
	word_key(t, i, 0, w, &n);
	if ((v = tget(t_scale, w, n)) <= 0)
		return 0;
	if (n == 1 && T[i].sp && !(i + 1 < nt && T[i + 1].kind == T_SYM && !T[i + 1].sp))
		return 0; /* k, m, b only glued to the number ("10 m" may be metres), or to a symbol: 60 M€ */
	*len = 1;
	return v;
}

/* ---- numbers ---- */

static int comma_decimal; /* 1: the language writes 1.500,75; 0: 1,500.75; -1 unknown */
static int dot_groups;    /* 368.000 is 368,000 unless a scale word follows (decimals.tsv) */

/* Without a language: the decimal convention of the languages that have the scale or currency
 * word at token i ("1.500 millones": Spanish, comma), if they all agree; -1 otherwise. */
static int word_convention(const char *t, size_t i)
{
	char w[128];
	size_t n;
	if (!word_key(t, i, 0, w, &n))
		return -1;
	int seen = -1;
	for (int d = 0; d < ndeclangs; d++) {
		const char *dl = declangs[d].lang;
		size_t ll = strlen(dl);
		if (nf_lw_get_own(t_scale, dl, ll, w, n) >= 0 || nf_lw_get_own(t_name, dl, ll, w, n) >= 0) {
			if (seen >= 0 && seen != declangs[d].comma)
				return -1;
			seen = declangs[d].comma;
		}
	}
	return seen;
}

/* the number of token i (several tokens for "1 200" grouped by spaces) */
static int number_at(const char *t, size_t i, nf_dec *x, size_t *used)
{
	char digits[NF_DEC_MAX + 1];
	size_t nd = 0, l;
	int seps[64], nsep = 0; /* digits before each separator */
	int32_t sepc[64];
	size_t j = i;
	for (;;) {
		for (size_t p = T[j].s; p < T[j].e; p += l) {
			int32_t c = dec(t, p, T[j].e, &l);
			if (nf_tok_is_digit(c)) {
				if (nd >= NF_DEC_MAX)
					return 0;
				digits[nd++] = (char)(c <= '9' ? c : c >= 0x6F0 ? '0' + (c - 0x6F0) : '0' + (c - 0x660));
			} else {
				if (nsep == 64)
					return 0;
				seps[nsep] = (int)nd;
				sepc[nsep++] = c;
			}
		}
		j++;
		/* "1 200 millions": a space between groups of three, in languages that do that */
		size_t lead = 0;
		while (j < nt && T[j].s + lead < T[j].e && t[T[j].s + lead] >= '0' && t[T[j].s + lead] <= '9')
			lead++;
		int spaced_only = 1;
		for (int k = 0; k < nsep; k++)
			spaced_only &= sepc[k] == ' ';
		if (j < nt && T[j].kind == T_NUM && T[j].sp && comma_decimal != 0 && lead == 3 &&
		    (T[j].s + 3 == T[j].e || t[T[j].s + 3] == ',') && spaced_only &&
		    (nsep ? (int)nd - seps[nsep - 1] == 3 : nd <= 3) && j + 1 < nt && T[j + 1].kind != T_NUM) {
			size_t k = j + 1, sl;
			if (!scale_at(t, k, &sl) && T[k].kind != T_SYM && T[k].kind != T_WORD)
				break;
			seps[nsep] = (int)nd;
			sepc[nsep++] = ' ';
			continue;
		}
		break;
	}
	*used = j - i;
	int frac = 0, wc;
	size_t sl0;
	if (nsep) {
		/* which separator is the decimal one? */
		int32_t last = sepc[nsep - 1];
		int after = (int)nd - seps[nsep - 1], mixed = 0;
		for (int k = 0; k < nsep; k++)
			if (sepc[k] != last)
				mixed = 1;
		int decimal;
		if (last == 0x66B)
			decimal = 1;
		else if (last == 0x66C || last == ' ' || last == '\'' || last == 0x2019)
			decimal = 0;
		else if (mixed)
			decimal = 1; /* 1.500,75 / 1,500.75: the last one */
		else if (nsep > 1)
			decimal = 0; /* 1.500.000 */
		else if (after != 3)
			decimal = 1;
		else if (comma_decimal < 0 && (wc = word_convention(t, j)) >= 0)
			decimal = (last == ',') == (wc == 1); /* the words around decide: 1.500 millones */
		else if (comma_decimal < 0)
			decimal = 0; /* 2.000 / 2,000 without a language: grouping */
		else if (dot_groups && last == '.' && !scale_at(t, j, &sl0))
			decimal = 0; /* Arabic press: 368.000 دولار is 368,000; 1.5 مليار is a decimal */
		else
			decimal = (last == ',') == (comma_decimal == 1);
		/* groups must have three digits */
		for (int k = 0; k < nsep - decimal; k++) {
			int g = (k + 1 < nsep ? seps[k + 1] : (int)nd) - seps[k];
			if (g != 3)
				return 0; /* 1.2.3.4.5 */
		}
		if (decimal)
			frac = after;
	}
	return nf_dec_set(x, digits, nd, frac) == 0;
}

/* "1⁄2", "21⁄2" (NFKC of ½ and 2½): NUM, a glued fraction slash, NUM. A numerator of several
 * digits over a one-digit denominator is a mixed number (2 + 1/2). Only denominators that give
 * an exact decimal (2 4 5 8 10 20 25). */
static int fraction_at(const char *t, size_t i, nf_dec *x)
{
	if (i + 2 >= nt || T[i + 1].sp || T[i + 2].sp || T[i + 2].kind != T_NUM ||
	    T[i + 1].e - T[i + 1].s != 3 || memcmp(t + T[i + 1].s, "\xE2\x81\x84", 3) != 0)
		return 0;
	size_t nn = T[i].e - T[i].s, dn = T[i + 2].e - T[i + 2].s;
	if (nn > 15 || dn > 2)
		return 0;
	unsigned long long num = 0, den = 0, whole = 0;
	for (size_t k = T[i].s; k < T[i].e; k++)
		if (t[k] < '0' || t[k] > '9')
			return 0;
		else
			num = num * 10 + (unsigned)(t[k] - '0');
	for (size_t k = T[i + 2].s; k < T[i + 2].e; k++)
		if (t[k] < '0' || t[k] > '9')
			return 0;
		else
			den = den * 10 + (unsigned)(t[k] - '0');
	if (den == 0 || 1000 % den)
		return 0;
	if (nn > 1 && dn == 1) { /* 21⁄2 = 2 1/2 */
		whole = num / 10;
		num %= 10;
	}
	if (num >= den)
		return 0;
	unsigned long long milli = whole * 1000 + num * (1000 / den);
	char b[32];
	int k = snprintf(b, sizeof b, "%llu", milli);
	return nf_dec_set(x, b, (size_t)k, 3) == 0;
}

struct qty {
	nf_dec v;
	int exp, has_scale;
	size_t end; /* token after */
};

/* ---- number words ---- */

/* The value (thousandths) of the compound number word w[0..n) from position at, pieces of
 * numwords.tsv, numparts.tsv and thousands (siebenhundert, duecentomila, vijfentwintig,
 * quatre-vingt-dix): longest pieces first, with backtracking; *cur and *tot carry the
 * value so far. 1 when the rest of the word is covered. */
static int compound(const char *w, size_t n, size_t at, unsigned long long cur, unsigned long long tot,
                    int pieces, unsigned long long *out)
{
	if (at == n) {
		if (!pieces || tot + cur > MILLI_MAX)
			return 0;
		*out = tot + cur;
		return 1;
	}
	if (pieces >= 8)
		return 0;
	if (w[at] == '-') /* vingt-cinq, twenty-five */
		return pieces && at + 1 < n && compound(w, n, at + 1, cur, tot, pieces, out);
	for (size_t l = n - at < 24 ? n - at : 24; l >= 2; l--) {
		if (!bhas(B_PIECE, w + at, l))
			continue;
		int v = tget(t_num, w + at, l), p;
		unsigned long long c = cur, tt = tot;
		if (v > 0) {
			unsigned long long x = nummilli[(v > ARTICLE ? v - ARTICLE : v) - 1];
			if (x == 100000 && cur && cur < 100000)
				c = cur * 100; /* sieben|hundert */
			else if (x >= 1000000 && x % 1000000 == 0)
				tt += (cur ? cur : 1000) / 1000 * x, c = 0; /* es mil */
			else
				c += x;
		} else if ((p = tget(t_part, w + at, l)) > 0) {
			if (p == PART_AND) {
				if (!pieces)
					continue;
			} else
				c += (unsigned long long)p * 1000;
		} else if (pieces && (p = tget(t_scale, w + at, l)) == 3)
			tt += (cur ? cur : 1000) * 1000, c = 0; /* due|cento|mila, zwei|tausend */
		else
			continue;
		if (c > MILLI_MAX || tt > MILLI_MAX)
			continue;
		if (compound(w, n, at + l, c, tt, pieces + 1, out))
			return 1;
	}
	return 0;
}

/* One piece of a number at token i: a phrase of numwords.tsv (half a, a quarter of a, a
 * hundred), a number word or a compound one. Its value (thousandths), the tokens used, whether
 * it is a lone article (a, een, un) or begins with a glued "and" (Arabic وعشرين). */
static size_t piece_at(const char *t, size_t i, unsigned long long *val, int *article, int *glued_and)
{
	char w[256], one[128];
	size_t n = 0, on;
	*article = *glued_and = 0;
	if (i >= nt || T[i].kind != T_WORD)
		return 0;
	int phrase = 0; /* do the first two words begin a phrase? (the Bloom filter folds ASCII case) */
	size_t l0 = T[i].e - T[i].s, l1 = i + 1 < nt ? T[i + 1].e - T[i + 1].s : 0;
	if (i + 1 < nt && T[i + 1].kind == T_WORD && T[i + 1].sp && l0 + l1 + 1 < sizeof w) {
		memcpy(w, t + T[i].s, l0);
		w[l0] = ' ';
		memcpy(w + l0 + 1, t + T[i + 1].s, l1);
		phrase = bhas(B_PAIR, w, l0 + 1 + l1);
	}
	for (size_t m = phrase ? maxnumphrase : 0; m >= 2; m--) { /* phrases, longest first */
		n = 0;
		size_t k;
		for (k = i; k < i + m && k < nt && T[k].kind == T_WORD && (k == i || T[k].sp); k++) {
			if (!word_key(t, k, 0, one, &on) || n + on + 2 > sizeof w)
				break;
			if (n)
				w[n++] = ' ';
			memcpy(w + n, one, on);
			n += on;
		}
		int v;
		if (k == i + m && (v = tget(t_num, w, n)) > 0) {
			*val = nummilli[(v > ARTICLE ? v - ARTICLE : v) - 1];
			return m;
		}
	}
	if (!word_key(t, i, 0, w, &n))
		return 0;
	int v = tget(t_num, w, n);
	if (v > 0) {
		*article = v > ARTICLE;
		*val = nummilli[(v > ARTICLE ? v - ARTICLE : v) - 1];
		return 1;
	}
	if (n >= 5 && head_has(w) && compound(w, n, 0, 0, 0, 0, val))
		return 1;
	size_t off = nf_tok_proclitics(w, n, 0); /* و + a number word: "and" */
	if (off == 2 && memcmp(w, "\xD9\x88", 2) == 0 && (v = tget(t_num, w + off, n - off)) > 0 && v < ARTICLE) {
		*glued_and = 1;
		*val = nummilli[v - 1];
		return 1;
	}
	return 0;
}

static int is_and(const char *t, size_t i)
{
	char w[128];
	size_t n;
	int lk;
	return word_key(t, i, 0, w, &n) && (lk = tget(t_link, w, n)) > 0 && (lk & L_AND);
}

/* May piece v follow the value so far (cur: since the last thousand) as part of one number?
 * conn: an "and" word between. Units after tens (twenty five, treinta y cinco, vingt et un),
 * anything below a hundred after hundreds (two hundred and fifty), a fraction after "and" (one
 * and a half), hundred after units (two hundred); tens after units only with a glued "and"
 * (Arabic خمسة وعشرين); "three and five" is two numbers (a range). */
static int joins(unsigned long long cur, unsigned long long v, int conn, int glued)
{
	if (glued)
		return cur && cur < 10000 && v % 10000 == 0 && v < 100000;
	if (v < 1000)
		return conn && cur && cur % 1000 == 0;
	if (v == 100000 && !conn)
		return cur && cur < 100000 && cur % 1000 == 0;
	if (cur && cur % 100000 == 0)
		return v < 100000;
	if (cur >= 20000 && cur < 100000 && cur % 10000 == 0)
		return v < 10000 && v % 1000 == 0;
	return 0;
}

/* Number words at token i (twenty-five, siebenhundert, two hundred and fifty, one and a half,
 * half a): the value in thousandths, whether it is a lone article, and the tokens used (0: none) */
static size_t words_at(const char *t, size_t i, unsigned long long *val, int *article)
{
	unsigned long long cur = 0, tot = 0, v;
	size_t k = i, used, sl;
	int art, glued, pieces = 0;
	*article = 0;
	while (k < nt) {
		size_t c = k;
		int conn = 0;
		if (pieces && (*article || T[k].kind != T_WORD))
			break; /* a lone article is a number only before a scale word */
		if (pieces && T[k].e - T[k].s <= 4 && is_and(t, k))
			conn = 1, c++;
		if (pieces && scale_at(t, c, &sl))
			break;
		if (!(used = piece_at(t, c, &v, &art, &glued)))
			break;
		if (pieces && ((art && !conn) || !joins(cur, v, conn, glued)))
			break;
		if (!pieces)
			*article = art;
		else
			*article = 0;
		if (pieces && v == 100000 && cur < 100000)
			cur *= 100;
		else
			cur += v;
		if (cur > MILLI_MAX)
			return 0;
		pieces++;
		k = c + used;
	}
	*val = tot + cur;
	return k - i;
}

/* "un million et demi", "un milione e mezzo", "un millón y medio": an "and" word and half
 * after the scale word add 0.5 to the number x (an integer; not "and a quarter of the shares"); returns
 * the token after them, or i */
static size_t half_after(const char *t, size_t i, nf_dec *x)
{
	unsigned long long v;
	int art, glued;
	size_t used;
	if (i + 1 >= nt || !is_and(t, i) || !(used = piece_at(t, i + 1, &v, &art, &glued)) || v != 500 ||
	    x->frac != 0 || x->n > 15)
		return i;
	unsigned long long whole = 0;
	for (int k = 0; k < x->n; k++)
		whole = whole * 10 + (unsigned)(x->d[k] - '0');
	char b[32];
	int k = snprintf(b, sizeof b, "%llu", whole * 1000 + v);
	return nf_dec_set(x, b, (size_t)k, 3) == 0 ? i + 1 + used : i;
}

/* NUMBER [SCALE...] or NUMBER-WORD SCALE... at token i */
static int qty_at(const char *t, size_t i, struct qty *q)
{
	size_t used, sl;
	q->exp = 0;
	q->has_scale = 0;
	if (i >= nt)
		return 0;
	if (T[i].kind == T_NUM) {
		if (!number_at(t, i, &q->v, &used))
			return 0;
		i += used;
		if (used == 1 && fraction_at(t, i - 1, &q->v))
			i += 2;
	} else if (T[i].kind == T_WORD) {
		unsigned long long milli;
		int article;
		if (!(used = words_at(t, i, &milli, &article)))
			return 0;
		char b[32];
		int k = snprintf(b, sizeof b, "%llu", milli);
		nf_dec_set(&q->v, b, (size_t)k, 3);
		i += used;
		if (!scale_at(t, i, &sl) && (article || !(i < nt && T[i].kind == T_WORD)))
			return 0; /* number words need a scale word or a currency name after them */
	} else
		return 0;
	int p;
	while (i < nt && (p = scale_at(t, i, &sl)) > 0) {
		q->exp += p;
		q->has_scale = 1;
		i += sl;
	}
	if (q->has_scale)
		i = half_after(t, i, &q->v);
	q->end = i;
	return 1;
}

/* ---- currencies ---- */

/* currency before a number at token i: code index+1 and tokens used, 0 if none */
static int prefix_at(const char *t, size_t i, size_t *len)
{
	if (i >= nt)
		return 0;
	char k[64];
	int v;
	size_t a = T[i].s;
	/* US$, NT$, HK$ (word glued to a symbol), US $, $US */
	if (T[i].kind == T_WORD && i + 1 < nt && T[i + 1].kind == T_SYM && T[i].e - T[i].s <= 6) {
		size_t n = T[i + 1].e - a;
		if (n < sizeof k) {
			memcpy(k, t + a, n);
			if ((v = tget(t_sym, k, n)) > 0) {
				*len = 2;
				return v;
			}
		}
	}
	if (T[i].kind == T_SYM) {
		if (i + 1 < nt && T[i + 1].kind == T_WORD && T[i + 1].e - a < sizeof k) {
			/* $CAD glued, or $ CA after a space (15 $ CA): the key has one space */
			size_t sn = T[i].e - a, wn = T[i + 1].e - T[i + 1].s;
			memcpy(k, t + a, sn);
			if (T[i + 1].sp)
				k[sn++] = ' ';
			memcpy(k + sn, t + T[i + 1].s, wn);
			if ((v = tget(t_sym, k, sn + wn)) > 0) {
				*len = 2;
				return v;
			}
		}
		if ((v = tget(t_sym, t + a, T[i].e - a)) > 0) {
			*len = 1;
			return v;
		}
		return 0;
	}
	if (T[i].kind == T_WORD) {
		size_t n = T[i].e - a;
		if (i + 1 < nt && !T[i + 1].sp && t[T[i + 1].s] == '.' && n + 1 < sizeof k) { /* Rs. SFr. */
			memcpy(k, t + a, n);
			k[n] = '.';
			if ((v = tget(t_sym, k, n + 1)) > 0) {
				*len = 2;
				return v;
			}
		}
		if ((v = tget(t_code, t + a, n)) > 0 || (v = tget(t_sym, t + a, n)) > 0) {
			*len = 1;
			return v;
		}
	}
	return 0;
}

/* ---- the document: its text, date and the contexts of historical.tsv ---- */

static const char *dtext;
static size_t dlen;
static int ddate; /* YYYYMMDD, 0 when the document has no date */

/* the date column: YYYY[-MM[-DD]]... (ISO 8601) or D-MON-YYYY... (Reuters); 0 if neither */
static int parse_date(const char *d, size_t n)
{
	static const char mon[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
	int y = 0, m = 1, day = 1;
	size_t k = 0;
	while (k < n && k < 4 && d[k] >= '0' && d[k] <= '9')
		y = y * 10 + d[k++] - '0';
	if (k == 4 && (n == 4 || d[4] == '-' || d[4] == 'T')) {
		if (n >= 7 && d[4] == '-' && d[5] >= '0' && d[5] <= '1' && d[6] >= '0' && d[6] <= '9')
			m = (d[5] - '0') * 10 + d[6] - '0';
		if (n >= 10 && d[7] == '-' && d[8] >= '0' && d[8] <= '3' && d[9] >= '0' && d[9] <= '9')
			day = (d[8] - '0') * 10 + d[9] - '0';
	} else if (k >= 1 && k <= 2 && n >= k + 9 && d[k] == '-' && d[k + 4] == '-') { /* D-MON-YYYY */
		day = y;
		char u[3];
		for (int c = 0; c < 3; c++)
			u[c] = (char)(d[k + 1 + c] >= 'a' && d[k + 1 + c] <= 'z' ? d[k + 1 + c] - 32 : d[k + 1 + c]);
		m = 0;
		for (int c = 0; c < 12; c++)
			if (memcmp(mon + 3 * c, u, 3) == 0)
				m = c + 1;
		y = 0;
		for (size_t e = k + 5; e < k + 9; e++)
			y = d[e] >= '0' && d[e] <= '9' ? y * 10 + d[e] - '0' : -1000000;
	} else
		return 0;
	if (y < 1000 || m < 1 || m > 12 || day < 1 || day > 31)
		return 0;
	return y * 10000 + m * 100 + day;
}

static int find_bytes(const char *t, size_t n, const char *k, size_t kl)
{
	for (const char *p = t; p + kl <= t + n; p++) {
		p = memchr(p, k[0], (size_t)(t + n - p));
		if (!p || p + kl > t + n)
			return 0;
		if (memcmp(p, k, kl) == 0)
			return 1;
	}
	return 0;
}

/* is one of the phrases of ctx (joined by |; ^ at the text's start, after white space) in
 * the document? */
static int context_seen(const char *ctx)
{
	if (!*ctx)
		return 1;
	size_t lead = 0;
	while (lead < dlen && (dtext[lead] == ' ' || dtext[lead] == '\n' || dtext[lead] == '\t'))
		lead++;
	for (const char *p = ctx; *p;) {
		const char *e = strchr(p, '|');
		size_t pl = e ? (size_t)(e - p) : strlen(p);
		if (*p == '^') {
			if (pl - 1 <= dlen - lead && memcmp(dtext + lead, p + 1, pl - 1) == 0)
				return 1;
		} else if (pl && find_bytes(dtext, dlen, p, pl))
			return 1;
		p += pl + (e != NULL);
	}
	return 0;
}

/* The meaning of currency word w by the document's date and context (historical.tsv): 1 with
 * *code (code index+1, or 0 for no currency) when a row applies, 0 when none does. An undated
 * document is matched only by rows open at both ends. */
static int hist_get(const char *w, size_t n, int *code)
{
	int k = nf_strset_get(t_hist, w, n);
	for (; k >= 0; k = hrows[k].next) {
		const struct hrow *r = &hrows[k];
		if (r->lang[0] != '*' && strcmp(r->lang, lang) != 0)
			continue;
		if (ddate ? ddate < r->from || ddate > r->until : r->from != 0 || r->until != 99999999)
			continue;
		if (hctx[k] < 0)
			hctx[k] = (signed char)context_seen(r->ctx);
		if (!hctx[k])
			continue;
		*code = r->code;
		return 1;
	}
	return 0;
}

/* currency after a number at token i: symbol, code, or [link] name phrase; *minor is set when
 * the name is a sub-unit (cts, pence, centimes: a hundredth) */
static int suffix_at(const char *t, size_t i, size_t *len, int scaled, int *minor)
{
	*minor = 0;
	if (i >= nt)
		return 0;
	int v;
	size_t l;
	if (T[i].kind == T_SYM || (T[i].kind == T_WORD && T[i].e - T[i].s <= 4)) {
		if ((v = prefix_at(t, i, &l)) > 0 && !(i + l < nt && T[i + l].kind == T_NUM)) { /* 10 €, 10 $US, 10 million USD, not "2024 $5 billion" */
			*len = l;
			return v;
		}
	}
	char w[512];
	size_t n = 0, start = i;
	char k1[128];
	size_t kn;
	int linked = 0;
	if (word_key(t, i, 0, k1, &kn) && (tget(t_link, k1, kn) & L_LINK) && tget(t_link, k1, kn) > 0)
		i++, linked = 1; /* millones de euros, miliardi di euro */
	if (linked && i < nt && (T[i].kind == T_SYM || (T[i].kind == T_WORD && T[i].e - T[i].s <= 4)) &&
	    (v = prefix_at(t, i, &l)) > 0 && !(i + l < nt && T[i + l].kind == T_NUM)) {
		*len = i + l - start; /* 3 millions de $, 2000 millones de USD */
		return v;
	}
	int best = 0, bestminor = 0;
	size_t bestlen = 0;
	size_t k = i; /* the phrase's next token: a word, or the "." after dotted initials (U.S.) */
	uint32_t h = 2166136261u; /* nf_fnv1a of w, as it grows */
	for (size_t m = 0; m < (size_t)maxphrase + 2 && k < nt; m++, k++) {
		size_t l2;
		int cjk = nf_is_cjk(dec(t, T[k].s, T[k].e, &l2));
		if (T[k].kind != T_WORD || (m && T[k].sp == 0 && !cjk))
			break;
		if (!word_key(t, k, 0, k1, &kn) || n + kn + 3 >= sizeof w)
			break;
		size_t n0 = n;
		if (m && T[k].sp)
			w[n++] = ' ';
		memcpy(w + n, k1, kn);
		n += kn;
		if (memchr(k1, '.', kn) && k + 1 < nt && !T[k + 1].sp && t[T[k + 1].s] == '.' && T[k + 1].kind == T_PUNCT)
			w[n++] = '.', k++; /* U.S. Dlrs, N.Z. dlrs: the tokenizer leaves the last period out */
		h = fnv_more(h, w + n0, n - n0);
		size_t off = m ? 0 : strip_clitic(w, n);
		int sp = bloom_bits(&bloom, h ^ B_SPECIAL);
		int mv = sp ? tget(t_minor, w, n) : 0, hc;
		if (mv > 0 && n == 1 && T[i].sp)
			continue; /* p for pence only glued: 12p */
		if (sp && hist_get(w, n, &hc)) {
			if (hc) {
				best = hc, bestminor = mv > 0;
				bestlen = k + 1 - start;
			}
		} else if (mv > 0 || (v = tget(t_name, w, n)) > 0 || (off && (v = tget(t_name, w + off, n - off)) > 0) ||
		           (linked && (v = tget(t_lname, w, n)) > 0) || (scaled && (v = tget(t_sname, w, n)) > 0)) {
			best = mv > 0 ? mv : v, bestminor = mv > 0;
			bestlen = k + 1 - start;
		}
	}
	*len = bestlen;
	*minor = best && bestminor;
	return best;
}

/* ---- mentions ---- */

/* the currency the text names for ¥ (a context phrase of currencies.tsv), 0 if none */
static int yen_context(const char *t, size_t n)
{
	for (int k = 0; k < nctx; k++) {
		size_t kl = strlen(ctxs[k]);
		for (const char *p = t; p + kl <= t + n; p++) {
			p = memchr(p, ctxs[k][0], (size_t)(t + n - p));
			if (!p || p + kl > t + n)
				break;
			if (memcmp(p, ctxs[k], kl) == 0)
				return k + 1;
		}
	}
	return 0;
}

static int between_before(const char *t, size_t i)
{
	char w[256];
	for (size_t m = 1; m <= 2 && m <= i; m++) {
		size_t n = 0;
		for (size_t k = i - m; k < i; k++) {
			char one[128];
			size_t on = T[k].kind == T_WORD ? lower(t, T[k].s, T[k].e, one) : 0;
			if (!on || n + on + 2 >= sizeof w)
				return 0;
			if (n)
				w[n++] = ' ';
			memcpy(w + n, one, on);
			n += on;
		}
		int bv = tget(t_link, w, n);
		if (bv > 0 && (bv & L_BETWEEN))
			return 1;
	}
	return 0;
}

/* Major and minor units: "15 dollars 50", "2 dlrs 50 cts", "3 euro en 50 cent". After the
 * currency name at token k (code), an integer of one or two digits with a sub-unit of the same
 * currency, or two digits alone before punctuation or the end, maybe after an "and" word;
 * adds it to amount (an integer) and returns the token after it, else k. */
static size_t minor_after(const char *t, size_t k, int code, char *amount)
{
	size_t j = k, l;
	char w[128];
	size_t n;
	int lk;
	if (strchr(amount, '.') || strlen(amount) > NF_DEC_MAX)
		return k;
	if (word_key(t, j, 0, w, &n) && (lk = tget(t_link, w, n)) > 0 && (lk & L_AND))
		j++;
	if (j >= nt || T[j].kind != T_NUM || T[j].e - T[j].s > 2 || t[T[j].s] < '0' || t[T[j].s] > '9' ||
	    t[T[j].e - 1] < '0' || t[T[j].e - 1] > '9')
		return k;
	size_t after = j + 1;
	int minor = 0, c = 0;
	if (after < nt && T[after].kind == T_WORD)
		c = suffix_at(t, after, &l, 0, &minor);
	if (c == code && minor)
		after += l;
	else if (j > k || T[j].e - T[j].s != 2 || (after < nt && T[after].kind != T_PUNCT))
		return k;
	size_t an = strlen(amount);
	if (T[j].e - T[j].s == 1)
		amount[an++] = '0';
	memcpy(amount + an, t + T[j].s, T[j].e - T[j].s);
	an += T[j].e - T[j].s;
	amount[an] = 0;
	nf_dec x;
	if (nf_dec_set(&x, amount, an, 2) == 0)
		nf_dec_format(&x, amount);
	return after;
}

/* a minus sign glued in front of token i, itself after white space (or first) and not after a
 * number: "-12 euro", "−12 €" (a dash between two numbers is a range) */
static int minus_before(const char *t, size_t i)
{
	if (i == 0 || T[i].sp)
		return 0;
	const struct nf_tok *p = &T[i - 1];
	size_t l = p->e - p->s;
	if (!((l == 1 && t[p->s] == '-') || (l == 3 && memcmp(t + p->s, "\xE2\x88\x92", 3) == 0)))
		return 0;
	return (i == 1 || p->sp) && !(i >= 2 && T[i - 2].kind == T_NUM);
}

/* try a mention starting at token i; returns the token after it, or 0 */
static size_t mention_at(const char *t, size_t i, nf_money_cb cb, void *ctx, const char *text, size_t tn, int *cn)
{
	size_t j = i, pl = 0;
	int pre = prefix_at(t, i, &pl);
	if (pre)
		j += pl;
	if (j >= nt || (pre && T[j].kind != T_NUM && T[j].kind != T_WORD))
		return 0;
	if (T[j].kind == T_NUM && !T[j].sp && j > 0 && !pre) { /* glued to a word: SU7, A4, but و300 */
		const struct nf_tok *p = &T[j - 1];
		size_t cl;
		int clitic = p->kind == T_WORD && /* و300, بـ500 */
		             (nf_tok_is_proclitic(t + p->s, p->e - p->s) || nf_is_cjk(dec(t, p->s, p->e, &cl)));
		if (p->kind == T_WORD && !clitic)
			return 0;
	}
	struct qty q1, q2;
	if (!qty_at(t, j, &q1))
		return 0;
	j = q1.end;
	int ranged = 0, pre2 = 0;
	/* a range: X to Y, X - Y, between X and Y */
	if (j < nt) {
		char w[128];
		size_t n, k = j;
		int lk = 0;
		if (T[k].kind == T_PUNCT) /* - – — */
			lk = tget(t_link, t + T[k].s, T[k].e - T[k].s);
		else if (word_key(t, k, 0, w, &n))
			lk = tget(t_link, w, n);
		if (lk < 0)
			lk = 0;
		if ((lk & L_AND) && !(lk & L_RANGE) && !between_before(t, i))
			lk = 0;
		if (lk & (L_RANGE | L_AND)) {
			k++;
			size_t p2l = 0;
			pre2 = prefix_at(t, k, &p2l);
			if (pre2 && pre && pre2 != pre)
				pre2 = -1;
			if (pre2 >= 0 && qty_at(t, k + p2l, &q2) && (!pre2 || pre)) {
				/* a range only if the upper end is larger ("2019-2020" is not one) */
				nf_dec a = q1.v, b = q2.v;
				nf_dec_shift(&a, q2.has_scale && !q1.has_scale ? q2.exp : q1.exp);
				nf_dec_shift(&b, q2.exp);
				if (nf_dec_cmp(&b, &a) > 0) {
					ranged = 1;
					j = q2.end;
				}
			}
		}
	}
	size_t sl = 0;
	int minor, sc;
	int post = suffix_at(t, j, &sl, q1.has_scale || (ranged && q2.has_scale), &minor);
	if (!post && j < nt && T[j].kind == T_WORD && (sc = nf_strset_get(t_scode, t + T[j].s, T[j].e - T[j].s)) > 0) {
		post = sc % 4096, sl = 1; /* 80 MUSD, 12 kEUR: the scale letter glued to the code */
		q1.exp += sc / 4096, q1.has_scale = 1;
		if (ranged)
			q2.exp += sc / 4096, q2.has_scale = 1;
	}
	if (!pre && !post)
		return 0;
	size_t end_tok = post ? j + sl : j;
	/* scale words spread over the range */
	if (ranged && q2.has_scale && !q1.has_scale)
		q1.exp = q2.exp;
	if (minor && !pre) { /* 34 cts: a hundredth of the main unit */
		q1.exp -= 2;
		if (ranged)
			q2.exp -= 2;
	}
	struct nf_money m;
	nf_dec_shift(&q1.v, q1.exp);
	nf_dec_format(&q1.v, m.amount);
	m.amount_max[0] = 0;
	if (ranged) {
		nf_dec_shift(&q2.v, q2.exp);
		nf_dec_format(&q2.v, m.amount_max);
	} else if (post && !minor && !q1.has_scale)
		end_tok = minor_after(t, end_tok, post, m.amount);
	int code = post ? post : pre;
	memcpy(m.currency, codes[code - 1], 4);
	/* ¥ is the yen unless the text names another currency (the Chinese one) */
	if (!post && T[i].kind == T_SYM && memcmp(t + T[i].s, "\xC2\xA5", 2) == 0) {
		if (*cn < 0)
			*cn = yen_context(text, tn);
		if (*cn)
			memcpy(m.currency, ctxcode[*cn - 1], 4);
	}
	m.start = T[i].s;
	m.end = T[end_tok - 1].e;
	size_t mfirst, first = i;
	if (minus_before(t, i) && strcmp(m.amount, "0") != 0 && !ranged && strlen(m.amount) + 2 < sizeof m.amount) {
		memmove(m.amount + 1, m.amount, strlen(m.amount) + 1);
		m.amount[0] = '-';
		m.start = T[--first].s;
	}
	m.mod = nf_mod_before(t, &TK, first, lang, &mfirst);
	cb(&m, ctx);
	return end_tok;
}

static int compound_word(const char *t, size_t i)
{
	unsigned long long v;
	char w[128];
	size_t n;
	return word_key(t, i, 0, w, &n) && compound(w, n, 0, 0, 0, 0, &v);
}

static int trigger(const char *t, size_t i)
{
	if (T[i].kind == T_NUM || T[i].kind == T_SYM)
		return 1;
	if (T[i].kind != T_WORD || T[i].e - T[i].s > 40)
		return 0;
	const char *p = t + T[i].s;
	size_t wl = T[i].e - T[i].s;
	if (!bloom_bits(&bloom, fnv_more(2166136261u, p, wl))) /* a compound number word? siebenhundert */
		return wl >= 5 && head_has(p) && compound_word(t, i);
	size_t l;
	if (prefix_at(t, i, &l))
		return 1;
	char w[128];
	size_t n;
	return word_key(t, i, 0, w, &n) && tget(t_num, w, n) > 0;
}

/* The end of the paragraph at ls: the next blank line (a line break, maybe spaces, a line
 * break), or n. An amount may be wrapped over a single line break (newswire: "7.5 mln\ndlrs");
 * the tokenizer counts the break as white space, and offsets stay those of the text. */
static size_t para_end(const char *text, size_t ls, size_t n)
{
	for (const char *p = text + ls;; p++) {
		p = memchr(p, '\n', (size_t)(text + n - p));
		if (!p)
			return n;
		const char *q = p + 1;
		while (q < text + n && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q == text + n || *q == '\n')
			return (size_t)(p - text);
	}
}

void nf_money_find(const char *text, size_t n, const char *lg, size_t lgn, const char *date, size_t daten,
                   nf_money_cb cb, void *ctx)
{
	dtext = text, dlen = n;
	ddate = daten ? parse_date(date, daten) : 0;
	memset(hctx, 0xff, (size_t)nhrows + 1);
	lang[0] = 0;
	if (lgn && lgn < sizeof lang && !(lgn == 3 && memcmp(lg, "und", 3) == 0)) {
		memcpy(lang, lg, lgn);
		lang[lgn] = 0;
	}
	langlen = strlen(lang);
	int d = langlen ? nf_strset_get(t_dec, lang, langlen) : -1;
	comma_decimal = d < 0 ? -1 : (d & 3) == 2; /* lib/data/money/decimals.tsv */
	dot_groups = d > 0 && (d & 4);
	int cn = -1;
	size_t ls = 0;
	while (ls < n) {
		size_t le = para_end(text, ls, n);
		nf_tokenize(&TK, text, ls, le); /* the pre-filter is trigger(): most words cost one Bloom test */
		for (size_t i = 0; i < nt;) {
			size_t next = 0, pl;
			if (trigger(text, i)) {
				/* US$ 10, US $ 10, NT$: the symbol's word comes first */
				if (T[i].kind == T_SYM && i > 0 && T[i - 1].kind == T_WORD && prefix_at(text, i - 1, &pl) && pl == 2)
					next = mention_at(text, i - 1, cb, ctx, text, n, &cn);
				if (!next)
					next = mention_at(text, i, cb, ctx, text, n, &cn);
			}
			i = next > i ? next : i + 1;
		}
		ls = le + 1;
	}
}
