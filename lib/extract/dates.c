/* dates.c — see dates.h. Each line is tokenized (lib/tokens); at every token the patterns
 * indexed by its word (or by a slot it can fill) are tried; the longest match wins and its
 * value template is filled from the captures and the reference date. */
#include "extract/dates.h"
#include "text/isodate.h"
#include "core/bloom.h"
#include "core/buf.h"
#include "core/diag.h"
#include "extract/modifiers.h"
#include "core/strset.h"
#include "text/langword.h"
#include "extract/tokens.h"
#include "core/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char nf_data_dates_patterns[], nf_data_dates_units[], nf_data_dates_seasons[],
	nf_data_dates_ordinals[], nf_data_dates_future[], nf_data_dates_weekdays[], nf_data_months[],
	nf_data_numwords[], nf_data_dates_months_extra[], nf_data_dates_words[], nf_data_dates_conventions[],
	nf_data_dates_links[], nf_data_dates_parts[], nf_data_dates_holidays[], nf_data_dates_weekdays_extra[], nf_data_dates_tense[];
extern const unsigned long nf_data_dates_patterns_len, nf_data_dates_units_len, nf_data_dates_seasons_len,
	nf_data_dates_ordinals_len, nf_data_dates_future_len, nf_data_dates_weekdays_len, nf_data_months_len,
	nf_data_numwords_len, nf_data_dates_months_extra_len, nf_data_dates_words_len,
	nf_data_dates_conventions_len, nf_data_dates_links_len, nf_data_dates_parts_len, nf_data_dates_holidays_len,
	nf_data_dates_weekdays_extra_len, nf_data_dates_tense_len;

enum { E_LIT, E_NUM, E_NUM2, E_UNIT, E_MONTH, E_YEAR, E_DAY, E_SEASON, E_ORD, E_WEEKDAY, E_LBR, E_RBR, E_NOT };
#define MAXE 14

struct elem {
	uint8_t kind, opt;
	char *lit; /* E_LIT, E_NOT: "|a|b|" */
};

struct pat {
	char lang[8];
	int lid; /* index of lang in langs[] */
	struct elem e[MAXE];
	int ne;
	const char *type;
	char *value, *value_max, *mod;
	uint64_t second; /* a bit per alternative of a required second word (0: none): a quick no */
	int second_feat; /* or the feature bits a required second slot needs (F_UNIT ...; -1 a number) */
	int first1;      /* the first element always takes one token: the filters look at the next */
	int relu;        /* value REL:{U}: a unit of the calendar is needed */
};

static uint64_t word_bit(const char *w) /* one of 64 bits by the word's FNV-1a hash */
{
	return (uint64_t)1 << (nf_fnv1a(w, strlen(w), 0) & 63);
}

static char langs[32][8];
static int nlangs;

static int lang_id(const char *l)
{
	for (int i = 0; i < nlangs; i++)
		if (strcmp(langs[i], l) == 0)
			return i;
	if (nlangs == 32)
		return -1;
	snprintf(langs[nlangs], sizeof langs[0], "%s", l);
	return nlangs++;
}

static struct pat *pats;
static int npats;
static nf_strset *by_word; /* first literal word -> 1 + index into lists */
static int **lists, *nlists, nls;
static int *slot_pats[16], nslot[16]; /* patterns that start with a slot */
static unsigned slotmask;            /* bit k: some pattern starts with slot kind k */
/* the same lists by language (a row of one language tries only its own patterns): the pattern
 * indices sorted by language, and where each language's run starts (nlangs + 1 offsets) */
struct bylang {
	int *idx, *off;
};
static struct bylang *lists_bl, slot_bl[16];
static const char *types[] = {"DATE", "TIME", "DURATION", "SET"};

/* every word of every table and the first words of the patterns, in any language, with a bit
 * per kind; behind a Bloom filter, most words of a text cost one test */
enum { F_PAT = 1 << 0, F_NUM = 1 << 1, F_ORD = 1 << 2, F_UNIT = 1 << 3, F_MONTH = 1 << 4, F_SEASON = 1 << 5,
       F_WDAY = 1 << 6 };
static nf_strset *s_feat;
static nf_bloom bloom;
/* the word lists, read through text/langword.h: the row's language, then "*" */
static nf_langword *s_unit, *s_season, *s_ord, *s_future, *s_wday, *s_month, *s_num, *s_words, *s_conv;
static nf_langword *s_tense; /* tense.tsv: T_PAST, T_PRES, T_FUT, T_NOVERB */
static nf_bloom tbloom;      /* every word, ending and beginning of future.tsv and tense.tsv */
static nf_langword *s_link, *s_part; /* links.tsv (bits), parts.tsv (1 + index in part_code) */
enum { K_TO = 1, K_AND = 2, K_BETWEEN = 4, K_AT = 8, K_PODLINK = 16, K_SKIP = 32, K_YEAR = 64, K_DET = 128, K_CLAUSE = 256 };
static const char *const part_code[] = {"MO", "AF", "EV", "NI", NULL};
enum { W_DAY = 1, W_DECADE = 2, W_AM = 4, W_PM = 8, W_HOUR = 16, W_HOURMIN = 32, W_NOTMOD = 64 }; /* words.tsv */
/* a compiled-in table with more rows than its array: stop, never drop rows silently */
static void room(int n, int cap, const char *table)
{
	if (n >= cap)
		nf_errx(NF_EXIT_DATA, "lib/data/dates/%s: more than %d rows", table, cap);
}

#define MAXCONV 256
static char convval[MAXCONV][16]; /* values of conventions.tsv, by index - 1 */
static int nconv;
static size_t maxaffix; /* bytes of the longest ending or beginning in future.tsv */

static void feat_add(const char *w, size_t n, int bit)
{
	nf_bloom_add(&bloom, w, n);
	nf_strset_add(s_feat, w, n, bit);
}

static int feat(const char *w, size_t n)
{
	if (!nf_bloom_has(&bloom, w, n))
		return 0;
	int v = nf_strset_get(s_feat, w, n);
	return v < 0 ? 0 : v;
}

static void put(nf_langword *s, const char *lang, const char *w, int v)
{
	int bit = s == s_num ? F_NUM : s == s_ord ? F_ORD : s == s_unit ? F_UNIT : s == s_month ? F_MONTH
	          : s == s_season ? F_SEASON : s == s_wday ? F_WDAY : 0;
	if (bit)
		feat_add(w, strlen(w), bit);
	nf_lw_add(s, lang, w, strlen(w), v, s == s_words ? NF_LW_OR : 0);
}

static char cur_lang[8];
static size_t cur_langn;

static int get(const nf_langword *s, const char *w, size_t n) { return nf_lw_get(s, cur_lang, cur_langn, w, n); }

/* the value of a convention (conventions.tsv) in the current language: "dmy", "capital"... */
static const char *conv(const char *key)
{
	int v = get(s_conv, key, strlen(key));
	return v > 0 && v <= nconv ? convval[v - 1] : "";
}

static void load_words(char **f, int n, void *ctx)
{
	(void)ctx;
	static const char *const kinds[] = {"day", "decade", "am", "pm", "hour", "hour-min", "not-mod", NULL};
	for (int k = 0; n >= 3 && kinds[k]; k++)
		if (strcmp(f[2], kinds[k]) == 0)
			put(s_words, f[0], f[1], 1 << k);
}

static void load_link(char **f, int n, void *ctx)
{
	(void)ctx;
	static const char *const kinds[] = {"to", "and", "between", "at", "podlink", "skip", "year", "det", "clause", NULL};
	for (int k = 0; n >= 3 && kinds[k]; k++)
		if (strcmp(f[2], kinds[k]) == 0)
			nf_lw_add(s_link, f[0], f[1], strlen(f[1]), 1 << k, NF_LW_OR);
}

static void load_part(char **f, int n, void *ctx)
{
	(void)ctx;
	for (int k = 0; n >= 3 && part_code[k]; k++)
		if (strcmp(f[2], part_code[k]) == 0)
			nf_lw_add(s_part, f[0], f[1], strlen(f[1]), k + 1, 0);
}

static void load_pat(char **f, int n, void *ctx);

/* holidays.tsv: LANG PHRASE RULE -> the patterns [PHRASE] and [PHRASE {year}] */
static void load_holiday(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	char pat[256], val[64];
	snprintf(val, sizeof val, "HOLIDAY:%s", f[2]);
	for (int k = 0; k < 2; k++) {
		snprintf(pat, sizeof pat, k ? "[%s {year}]" : "[%s]", f[1]);
		char *g[4] = {f[0], pat, "DATE", val};
		load_pat(g, 4, NULL);
	}
}

static void load_conv(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	room(nconv, MAXCONV, "conventions.tsv");
	snprintf(convval[nconv++], sizeof convval[0], "%s", f[2]);
	put(s_conv, f[0], f[1], nconv);
}

static void load_kv(char **f, int n, void *ctx)
{
	nf_langword *s = ctx;
	if (n < 3)
		return;
	int v = s == s_unit ? (strcmp(f[2], "Y") == 0 ? 1 : strcmp(f[2], "M") == 0 ? 2 : strcmp(f[2], "W") == 0 ? 3
	                       : strcmp(f[2], "D") == 0 ? 4 : strcmp(f[2], "H") == 0 ? 5 : strcmp(f[2], "MI") == 0 ? 6
	                       : strcmp(f[2], "DE") == 0 ? 7 : 8)
	        : s == s_season ? (strcmp(f[2], "SP") == 0 ? 1 : strcmp(f[2], "SU") == 0 ? 2 : strcmp(f[2], "FA") == 0 ? 3 : 4)
	        : atoi(f[2]);
	if (s == s_unit && n >= 4 && strcmp(f[3], "pl") == 0)
		v |= 16; /* a plural */
	put(s, f[0], f[1], v);
}

static int load_abbr; /* months and weekdays load in two passes: full names win */

/* the full weekday names by language, for compounds (Freitagmorgen) */
static struct wdname {
	char lang[8], name[32];
	int wday;
} *wdnames;
static int nwdnames;

static void load_month(char **f, int n, void *ctx)
{
	nf_langword *s = ctx;
	if (s == s_wday && n >= 4 && !load_abbr && strcmp(f[3], "wide") == 0 && strlen(f[0]) < 8 && strlen(f[2]) < 32) {
		wdnames = nf_xrealloc(wdnames, (size_t)(nwdnames + 1) * sizeof *wdnames);
		snprintf(wdnames[nwdnames].lang, sizeof wdnames[0].lang, "%s", f[0]);
		snprintf(wdnames[nwdnames].name, sizeof wdnames[0].name, "%s", f[2]);
		wdnames[nwdnames++].wday = atoi(f[1]);
	}
	if (n >= 4 && (strcmp(f[3], "abbr") == 0) == load_abbr) /* LANG NUM NAME FORM: abbreviations carry +100 */
		put(s, f[0], f[2], atoi(f[1]) + (load_abbr ? 100 : 0));
}

/* future.tsv: a future word anywhere near; one only right before the date (ab Montag); a since
 * word there (desde el 10 de septiembre: the latest) */
enum { FU_WORD = 1, FU_BEFORE = 2, FU_SINCE = 3 };
static void load_future(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 2)
		return;
	size_t l = strlen(f[1]);
	if (l > 1 && (f[1][0] == '-' || f[1][l - 1] == '-') && l - 1 > maxaffix)
		maxaffix = l - 1; /* -rá: an ending; سي-: a beginning */
	nf_bloom_add(&tbloom, f[1], l);
	put(s_future, f[0], f[1], n < 3 ? FU_WORD : !strcmp(f[2], "before") ? FU_BEFORE : !strcmp(f[2], "since") ? FU_SINCE : FU_WORD);
}

enum { T_NONE, T_PAST, T_PRES, T_FUT, T_NOVERB };
static void load_tense(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	nf_bloom_add(&tbloom, f[1], strlen(f[1]));
	put(s_tense, f[0], f[1], f[2][0] == 'P' ? T_PAST : f[2][0] == 'F' ? T_FUT : f[2][0] == 'X' ? T_NOVERB : T_PRES);
}

static void load_num(char **f, int n, void *ctx)
{
	(void)ctx; /* integers only, not the articles: "een jaar" is no number of years */
	if (n >= 3 && !strchr(f[2], '.') && !(n > 3 && strcmp(f[3], "article") == 0))
		put(s_num, f[0], f[1], atoi(f[2]));
}

static void index_pat(int pi)
{
	struct pat *p = &pats[pi];
	int k = 0;
	while (k < p->ne && (p->e[k].kind == E_LBR || p->e[k].kind == E_RBR))
		k++;
	if (k >= p->ne)
		return;
	const struct elem *e = &p->e[k];
	p->relu = strncmp(p->value, "REL:{U}", 7) == 0;
	int k2 = k + 1;
	while (k2 < p->ne && (p->e[k2].kind == E_LBR || p->e[k2].kind == E_RBR))
		k2++;
	p->first1 = !e->opt && (e->kind == E_LIT || e->kind == E_NUM || e->kind == E_NUM2 || e->kind == E_YEAR ||
	                        e->kind == E_UNIT || e->kind == E_ORD || e->kind == E_SEASON);
	if (p->first1 && k2 < p->ne && p->e[k2].kind == E_LIT && !p->e[k2].opt) {
		char *ws = nf_xstrdup(p->e[k2].lit + 1), *save = NULL;
		for (char *a = strtok_r(ws, "|", &save); a; a = strtok_r(NULL, "|", &save))
			p->second |= word_bit(a);
		free(ws);
	} else if (p->first1 && k2 < p->ne && !p->e[k2].opt) {
		static const int need[] = {[E_UNIT] = F_UNIT, [E_MONTH] = F_MONTH, [E_SEASON] = F_SEASON,
		                           [E_WEEKDAY] = F_WDAY, [E_NUM] = -1, [E_NUM2] = -1, [E_YEAR] = -1, [E_DAY] = -1};
		if (p->e[k2].kind < sizeof need / sizeof need[0])
			p->second_feat = need[p->e[k2].kind];
	}
	if (e->kind != E_LIT || e->opt) { /* a slot, or an optional word: tried at every token */
		int s = e->kind == E_LIT ? 15 : e->kind;
		slotmask |= 1u << s;
		slot_pats[s] = nf_xrealloc(slot_pats[s], (size_t)(nslot[s] + 1) * sizeof(int));
		slot_pats[s][nslot[s]++] = pi;
		return;
	}
	for (char *a = e->lit + 1; *a;) { /* each alternative word */
		char *b = strchr(a, '|');
		int v = nf_strset_get(by_word, a, (size_t)(b - a));
		feat_add(a, (size_t)(b - a), F_PAT);
		if (v < 0) {
			lists = nf_xrealloc(lists, (size_t)(nls + 1) * sizeof *lists);
			nlists = nf_xrealloc(nlists, (size_t)(nls + 1) * sizeof *nlists);
			lists[nls] = NULL;
			nlists[nls] = 0;
			nf_strset_add(by_word, a, (size_t)(b - a), nls + 1);
			v = ++nls;
		}
		lists[v - 1] = nf_xrealloc(lists[v - 1], (size_t)(nlists[v - 1] + 1) * sizeof(int));
		lists[v - 1][nlists[v - 1]++] = pi;
		a = b + 1;
	}
}

static int patcap;

static void grow_pats(int want) /* by doubling: the tables hold thousands of patterns */
{
	if (want <= patcap)
		return;
	while (patcap < want)
		patcap = patcap ? 2 * patcap : 256;
	pats = nf_xrealloc(pats, (size_t)patcap * sizeof *pats);
}

static void load_pat(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 4)
		return;
	grow_pats(npats + 1);
	struct pat *p = &pats[npats];
	memset(p, 0, sizeof *p);
	snprintf(p->lang, sizeof p->lang, "%s", f[0]);
	p->lid = lang_id(p->lang);
	char *w = nf_xstrdup(f[1]), *save = NULL;
	for (char *tok = strtok_r(w, " ", &save); tok && p->ne < MAXE; tok = strtok_r(NULL, " ", &save)) {
		size_t tl = strlen(tok);
		if (tok[0] == '[') { /* "[word": the span starts here */
			p->e[p->ne++].kind = E_LBR;
			tok++, tl--;
		}
		int close = tl && tok[tl - 1] == ']'; /* "word]": and ends after it */
		if (close)
			tok[--tl] = 0;
		struct elem *e = &p->e[p->ne];
		if (tl > 1 && tok[tl - 1] == '?' && tok[0] != '{') { /* "word?": optional */
			e->opt = 1;
			tok[--tl] = 0;
		}
		if (!tl || p->ne >= MAXE) {
			if (close && p->ne < MAXE)
				p->e[p->ne++].kind = E_RBR;
			continue;
		}
		static const char *const slots[] = {"{num}", "{num2}", "{unit}", "{month}", "{year}", "{day}", "{season}",
		                                    "{ord}", "{weekday}", NULL};
		e->kind = E_LIT;
		for (int k = 0; slots[k]; k++)
			if (strcmp(tok, slots[k]) == 0)
				e->kind = (uint8_t)(E_NUM + k);
		if (e->kind == E_LIT) {
			int neg = tok[0] == '~';
			nf_buf b = {0};
			nf_buf_addc(&b, '|');
			nf_buf_add(&b, tok + neg, tl - (size_t)neg);
			nf_buf_addc(&b, '|');
			nf_buf_addc(&b, 0);
			e->lit = b.p;
			if (neg)
				e->kind = E_NOT;
		}
		p->ne++;
		if (close && p->ne < MAXE)
			p->e[p->ne++].kind = E_RBR;
	}
	free(w);
	p->type = strcmp(f[2], "TIME") == 0 ? types[1] : strcmp(f[2], "DURATION") == 0 ? types[2]
	          : strcmp(f[2], "SET") == 0 ? types[3] : types[0];
	p->value = nf_xstrdup(f[3]);
	p->value_max = nf_xstrdup(n > 4 ? f[4] : "");
	p->mod = nf_xstrdup(n > 5 ? f[5] : "");
	/* an optional first word: index the pattern with it required, and a copy without it */
	int k = 0;
	while (k < p->ne && p->e[k].kind == E_LBR)
		k++;
	if (k < p->ne && p->e[k].opt && p->e[k].kind == E_LIT) {
		p->e[k].opt = 0;
		grow_pats(npats + 2);
		p = &pats[npats];
		struct pat *q = &pats[npats + 1];
		*q = *p;
		memmove(&q->e[k], &q->e[k + 1], (size_t)(q->ne - k - 1) * sizeof q->e[0]);
		q->ne--;
		index_pat(npats++);
	}
	index_pat(npats++);
}

static void clock_init(void); /* the clock's words, zones and eras (below numeric_at) */

static void by_lang(const int *lst, int n, struct bylang *o)
{
	o->idx = nf_xrealloc(NULL, (size_t)(n + 1) * sizeof *o->idx);
	o->off = nf_xrealloc(NULL, (size_t)(nlangs + 1) * sizeof *o->off);
	int k = 0;
	for (int l = 0; l < nlangs; l++) {
		o->off[l] = k;
		for (int q = 0; q < n; q++)
			if (pats[lst[q]].lid == l)
				o->idx[k++] = lst[q];
	}
	o->off[nlangs] = k;
}

void nf_dates_init(void)
{
	if (pats)
		return;
	nf_tokens_init();
	nf_mod_init();
	s_unit = nf_lw_new(), s_season = nf_lw_new(), s_ord = nf_lw_new(), s_future = nf_lw_new();
	s_wday = nf_lw_new(), s_month = nf_lw_new(), s_num = nf_lw_new(), by_word = nf_strset_new();
	s_words = nf_lw_new(), s_conv = nf_lw_new();
	s_feat = nf_strset_new();
	nf_table_each(nf_data_dates_words, nf_data_dates_words_len, load_words, NULL);
	s_link = nf_lw_new(), s_part = nf_lw_new();
	nf_table_each(nf_data_dates_links, nf_data_dates_links_len, load_link, NULL);
	nf_table_each(nf_data_dates_parts, nf_data_dates_parts_len, load_part, NULL);
	nf_table_each(nf_data_dates_conventions, nf_data_dates_conventions_len, load_conv, NULL);
	nf_table_each(nf_data_dates_units, nf_data_dates_units_len, load_kv, s_unit);
	nf_table_each(nf_data_dates_seasons, nf_data_dates_seasons_len, load_kv, s_season);
	nf_table_each(nf_data_dates_ordinals, nf_data_dates_ordinals_len, load_kv, s_ord);
	for (load_abbr = 0; load_abbr < 2; load_abbr++) {
		nf_table_each(nf_data_dates_weekdays, nf_data_dates_weekdays_len, load_month, s_wday);
		nf_table_each(nf_data_dates_weekdays_extra, nf_data_dates_weekdays_extra_len, load_month, s_wday);
		nf_table_each(nf_data_months, nf_data_months_len, load_month, s_month);
		nf_table_each(nf_data_dates_months_extra, nf_data_dates_months_extra_len, load_month, s_month);
	}
	nf_table_each(nf_data_dates_future, nf_data_dates_future_len, load_future, NULL);
	s_tense = nf_lw_new();
	nf_table_each(nf_data_dates_tense, nf_data_dates_tense_len, load_tense, NULL);
	nf_table_each(nf_data_numwords, nf_data_numwords_len, load_num, NULL);
	nf_table_each(nf_data_dates_patterns, nf_data_dates_patterns_len, load_pat, NULL);
	nf_table_each(nf_data_dates_holidays, nf_data_dates_holidays_len, load_holiday, NULL);
	clock_init();
	lists_bl = nf_xrealloc(NULL, (size_t)(nls + 1) * sizeof *lists_bl);
	for (int k = 0; k < nls; k++)
		by_lang(lists[k], nlists[k], &lists_bl[k]);
	for (int k = 0; k < 16; k++)
		by_lang(slot_pats[k], nslot[k], &slot_bl[k]);
}

/* ---- matching ---- */

static nf_toks TK;
static nf_buf low;       /* lower-cased words of the line, NUL-separated */
static size_t *lowoff;   /* offset of each token's lower form in low */
static size_t lowcap;
static const char *txt;

static int *tfeat;      /* feature bits of each token */
static const char *lw(size_t i) { return low.p + lowoff[i]; }

struct cap {
	int n, n2, unit, plural, month, year, day, season, ord, wday;
	size_t from, to; /* span tokens [from, to) */
};

static int num_at(size_t i, int *v)
{
	const struct nf_tok *t = &TK.t[i];
	if (t->kind == NF_T_NUM) {
		int x = 0;
		size_t l;
		for (size_t p = t->s; p < t->e; p += l) {
			int32_t c;
			l = nf_utf8_dec((const unsigned char *)txt + p, (const unsigned char *)txt + t->e, &c);
			int dgt = c >= '0' && c <= '9' ? c - '0' : c >= 0x660 && c <= 0x669 ? c - 0x660
			          : c >= 0x6F0 && c <= 0x6F9 ? c - 0x6F0 : -1;
			if (dgt < 0 || x > 100000)
				return 0;
			x = x * 10 + dgt;
		}
		*v = x;
		return 1;
	}
	int w = get(s_num, lw(i), strlen(lw(i)));
	if (t->kind == NF_T_WORD && w > 0) {
		*v = w;
		return 1;
	}
	return 0;
}

static int lit_has(const char *lit, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = lit; (p = strchr(p, '|')) && p[1]; p++)
		if (strncmp(p + 1, w, n) == 0 && p[1 + n] == '|')
			return 1;
	return 0;
}

/* how many tokens slot kind k takes at token i (0: no match) */
static int slot(int k, size_t i, struct cap *c)
{
	const struct nf_tok *t = &TK.t[i];
	const char *w = lw(i);
	size_t wl = strlen(w);
	int v;
	switch (k) {
	case E_NUM: return num_at(i, &c->n) && c->n > 0 && c->n < 10000;
	case E_NUM2: return num_at(i, &c->n2) && c->n2 > 0 && c->n2 < 10000;
	case E_UNIT:
		if (t->kind != NF_T_WORD || (v = get(s_unit, w, wl)) <= 0)
			return 0;
		c->unit = v & 15, c->plural = v >> 4;
		return 1;
	case E_SEASON: return t->kind == NF_T_WORD && (c->season = get(s_season, w, wl)) > 0;
	case E_ORD:
		if (t->kind == NF_T_NUM && num_at(i, &v) && v >= 1 && v <= 4)
			return c->ord = v, 1;
		return t->kind == NF_T_WORD && (c->ord = get(s_ord, w, wl)) > 0;
	case E_WEEKDAY:
		if (t->kind != NF_T_WORD || (v = get(s_wday, w, wl)) <= 0)
			return 0;
		c->wday = v % 100;
		if (v > 100) { /* an abbreviation (Mon, di, mar): only before a date (Sun., Oct. 22; Mon 5 March) */
			size_t j = i + 1;
			while (j < TK.n && j < i + 3 && TK.t[j].kind == NF_T_PUNCT && strchr(".,", txt[TK.t[j].s]))
				j++;
			if (j >= TK.n || !(TK.t[j].kind == NF_T_NUM || (tfeat[j] & F_MONTH)))
				return 0;
			return i + 1 < TK.n && !TK.t[i + 1].sp && txt[TK.t[i + 1].s] == '.' ? 2 : 1;
		}
		return 1;
	case E_MONTH:
		if (t->kind != NF_T_WORD || (v = get(s_month, w, wl)) <= 0)
			return 0;
		if (v > 100) { /* an abbreviation: a period or a number must follow ("Mar" the name) */
			const struct nf_tok *x = i + 1 < TK.n ? &TK.t[i + 1] : NULL;
			if (!x || !(x->kind == NF_T_NUM || (x->kind == NF_T_PUNCT && txt[x->s] == '.' && !x->sp)))
				return 0;
			c->month = v - 100;
			return x->kind == NF_T_PUNCT ? 2 : 1;
		}
		if (txt[t->s] >= 'a' && txt[t->s] <= 'z' && strcmp(conv("months"), "capital") == 0)
			return 0; /* English months are capitalised: "may" is a verb */
		return c->month = v, 1;
	case E_YEAR:
		if (t->kind != NF_T_NUM || t->e - t->s > 8 || !num_at(i, &v) || v < 1000 || v > 2999)
			return 0;
		if (i + 1 < TK.n && !TK.t[i + 1].sp && (TK.t[i + 1].kind == NF_T_WORD || TK.t[i + 1].kind == NF_T_SYM))
			return 0; /* 2024s, 1990er, 2020€ */
		return c->year = v, 1;
	case E_DAY:
		if (t->kind != NF_T_NUM || t->e - t->s > 4 || !num_at(i, &v) || v < 1 || v > 31)
			return 0;
		c->day = v;
		if (i + 1 < TK.n && !TK.t[i + 1].sp && TK.t[i + 1].kind == NF_T_WORD) { /* 1st, 2nd, 1er */
			const char *sfx = lw(i + 1);
			int k = get(s_words, sfx, strlen(sfx));
			if (k > 0 && (k & W_DAY))
				return 2;
			return 0;
		}
		return 1;
	}
	return 0;
}

/* match pattern p from element k at token i; returns the token after, or -1 */
static long match(const struct pat *p, int k, size_t i, struct cap *c)
{
	if (k == p->ne)
		return (long)i;
	const struct elem *e = &p->e[k];
	if (e->kind == E_LBR) {
		c->from = i;
		return match(p, k + 1, i, c);
	}
	if (e->kind == E_RBR) {
		c->to = i;
		return match(p, k + 1, i, c);
	}
	if (e->kind == E_NOT)
		return i < TK.n && TK.t[i].kind == NF_T_WORD && lit_has(e->lit, lw(i)) ? -1 : match(p, k + 1, i, c);
	long r = -1;
	if (i < TK.n) {
		int used = 0;
		if (e->kind == E_LIT)
			used = lit_has(e->lit, lw(i));
		else
			used = slot(e->kind, i, c);
		if (used)
			r = match(p, k + 1, i + (size_t)used, c);
	}
	if (r < 0 && e->opt)
		r = match(p, k + 1, i, c);
	return r;
}

/* ---- values ---- */

struct ref {
	int y, m, d, ok;
};

static int days_in(int y, int m)
{
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : md[m - 1];
}


static void iso_week(long z, int *wy, int *w)
{
	int y, m, d;
	nf_civil_from_days(z, &y, &m, &d);
	int wd = (int)(((z % 7) + 7 + 3) % 7) + 1; /* 1970-01-01 was a Thursday: Monday = 1 */
	long thu = z - wd + 4;
	nf_civil_from_days(thu, &y, &m, &d);
	*wy = y;
	*w = (int)((thu - nf_days_from_civil(y, 1, 1)) / 7 + 1);
}

static void rel(char *out, size_t n, char unit, int off, const struct ref *r)
{
	if (!r->ok) {
		snprintf(out, n, "%s", unit == 'D' ? "XXXX-XX-XX" : unit == 'W' ? "XXXX-WXX" : unit == 'M' ? "XXXX-XX"
		                           : unit == 'Q' ? "XXXX-QX" : unit == 'E' ? "XXX" : "XXXX");
		return;
	}
	int y = r->y, m = r->m, d = r->d ? r->d : 1; /* a month-only reference is its first day */
	long z = nf_days_from_civil(y, m, d);
	switch (unit) {
	case 'D': nf_civil_from_days(z + off, &y, &m, &d); snprintf(out, n, "%04d-%02d-%02d", y, m, d); break;
	case 'W': {
		int wy, w;
		iso_week(z + 7L * off, &wy, &w);
		snprintf(out, n, "%04d-W%02d", wy, w);
		break;
	}
	case 'M': {
		int t = y * 12 + (m - 1) + off;
		snprintf(out, n, "%04d-%02d", t / 12, t % 12 + 1);
		break;
	}
	case 'Q': {
		int t = y * 4 + (m - 1) / 3 + off;
		snprintf(out, n, "%04d-Q%d", t / 4, t % 4 + 1);
		break;
	}
	case 'E': snprintf(out, n, "%03d", (y + 10 * off) / 10); break; /* decades: 201 */
	default: snprintf(out, n, "%04d", y + off); break;
	}
}

#define TENSE_WINDOW 8
#define TENSE_LONG 20
static int link_at(size_t i);

static int is_cut(size_t i) /* a clause ends at . ! ? ; , and a colon before a space (not 11:15) */
{
	if (TK.t[i].kind != NF_T_PUNCT)
		return 0;
	char ch = txt[TK.t[i].s];
	return strchr(".!?;,", ch) || (ch == ':' && (i + 1 >= TK.n || TK.t[i + 1].sp));
}

static signed char *tcache; /* tense_of of each token of the line, -1 until asked (a mention's
                             * window overlaps its neighbours': ask each token once) */
static int tense_word(size_t i);
static int tense_of(size_t i)
{
	if (tcache[i] < 0)
		tcache[i] = (signed char)tense_word(i);
	return tcache[i];
}

/* a word of future.tsv or tense.tsv (the Bloom filter first: most words are in neither) */
static int fget(const char *w, size_t n) { return nf_bloom_has(&tbloom, w, n) ? get(s_future, w, n) : 0; }
static int tget(const char *w, size_t n)
{
	return nf_bloom_has(&tbloom, w, n) ? nf_lw_get_own(s_tense, cur_lang, cur_langn, w, n) : 0; /* its language's only */
}

static int tense_word(size_t i)
{
	const char *w = lw(i);
	size_t wl = strlen(w);
	int fu = fget(w, wl);
	if (fu == FU_WORD)
		return T_FUT;
	if (fu == FU_BEFORE || fu == FU_SINCE) /* only right before the date (not "schlossen ... ab") */
		return T_NONE;
	int t = tget(w, wl);
	if (t == T_NOVERB) /* سيارة: no future verb, whatever its first letters */
		return T_NONE;
	if (t > 0)
		return t;
	char k[32]; /* an ending (ouvrira, aprirà, abrirá: -ra) or a beginning (سيـ: سي-) */
	for (size_t l = 1; l <= maxaffix && l < sizeof k && wl > l + 2; l++) {
		k[0] = '-';
		memcpy(k + 1, w + wl - l, l);
		if (fget(k, l + 1) > 0)
			return T_FUT;
		memcpy(k, w, l);
		k[l] = '-';
		if (fget(k, l + 1) > 0)
			return T_FUT;
	}
	for (size_t l = 4; t <= 0 && l >= 2; l--) /* an ending of tense.tsv: -ió, -ava, -erde */
		if (wl > l + 2) {
			k[0] = '-';
			memcpy(k + 1, w + wl - l, l);
			t = tget(k, l + 1);
		}
	return t > 0 && t != T_NOVERB ? t : T_NONE;
}

static size_t clause_start(size_t a, size_t max)
{
	size_t s = a;
	while (s > 0 && a - s < max && !is_cut(s - 1) && !(link_at(s - 1) & K_CLAUSE))
		s--; /* "... aangekondigd dat James zondag zal spelen": the clause after dat */
	return s;
}

static size_t clause_end(size_t b, size_t max)
{
	size_t e = b;
	while (e < TK.n && e - b < max && !is_cut(e) && !(link_at(e) & K_CLAUSE))
		e++;
	return e;
}

/* the nearest verb form of tense.tsv in [s, e) outside [a, b): the one before first */
static int nearest_tense(size_t s, size_t e, size_t a, size_t b)
{
	int near = T_NONE;
	size_t dist = (size_t)-1;
	for (size_t i = s; i < e; i++) {
		if (TK.t[i].kind != NF_T_WORD || (i >= a && i < b)) /* not the mention's own words: May */
			continue;
		int t = tense_of(i);
		size_t d = i < a ? a - i : TENSE_LONG + i - b + 1;
		if (t != T_NONE && d < dist)
			near = t, dist = d;
	}
	return near;
}

/* the tense of the clause around tokens [a, b): T_FUT or T_PAST by a before or since word of
 * future.tsv right before it (ab Montag, desde el 10); T_FUT when a future word (or a future form
 * of tense.tsv) is within eight tokens either side, in the clause ("liet in maart al weten dat
 * ... gaat steken" is past: 8, not 4 or 12: NTREX +24 mentions, TimeBank and MEANTIME unchanged);
 * else the tense of the nearest verb form of tense.tsv before the mention ("said Tuesday",
 * "findet am Sonntag statt", "broke out on Sunday and is ongoing"), or after it when none is
 * before; with none within eight tokens, the same in the rest of the clause; T_NONE without one. */
static int tense(size_t a, size_t b)
{
	size_t s = clause_start(a, TENSE_WINDOW), e = clause_end(b, TENSE_WINDOW);
	for (size_t i = a >= 2 ? a - 2 : 0; i < a; i++) { /* ab Montag, a partir de mayo; since May */
		int fu = TK.t[i].kind == NF_T_WORD ? fget(lw(i), strlen(lw(i))) : 0;
		if (fu == FU_BEFORE || fu == FU_SINCE)
			return fu == FU_BEFORE ? T_FUT : T_PAST;
	}
	for (size_t i = s; i < e; i++)
		if (TK.t[i].kind == NF_T_WORD && (i < a || i >= b) && tense_of(i) == T_FUT)
			return T_FUT;
	int t = nearest_tense(s, e, a, b);
	if (t != T_NONE)
		return t;
	/* no verb near: the rest of the clause (Rosa dejará ... en México el lunes), and after a
	 * fronted time and its comma (El domingo, Mickelson superará la marca) */
	size_t s2 = clause_start(a, TENSE_LONG), e2 = clause_end(b, TENSE_LONG);
	if (e2 == b && e2 < TK.n && TK.t[e2].kind == NF_T_PUNCT && txt[TK.t[e2].s] == ',' && s2 + 2 >= a)
		e2 = clause_end(b + 1, TENSE_LONG);
	return nearest_tense(s2, e2, a, b);
}

static int future(size_t a, size_t b) { return tense(a, b) == T_FUT; }

static const char unit_ch[] = "?YMWDHIDQ";

static int weekday_of(long z) { return (int)(((z % 7) + 7 + 3) % 7) + 1; } /* Monday = 1 */

/* WDAY:W+1 (that day of next week: next Monday), W-1, W0 (this Monday), NEXT (the first such
 * day after the reference: coming Monday), PREV (the latest before it: afgelopen maandag) */
static int wday_rel(const char *spec, const struct cap *c, const struct ref *r, char *out, size_t n)
{
	if (c->wday < 1 || c->wday > 7)
		return 0;
	if (!r->ok || !r->d) { /* a month is no anchor for a weekday */
		snprintf(out, n, "XXXX-WXX-%d", c->wday);
		return 1;
	}
	long z = nf_days_from_civil(r->y, r->m, r->d);
	int wd = weekday_of(z);
	long t;
	if (spec[0] == 'W')
		t = z - (wd - 1) + 7L * atoi(spec + 1) + (c->wday - 1);
	else if (strcmp(spec, "NEXT") == 0)
		t = z + ((c->wday - wd + 6) % 7 + 1);
	else
		t = z - ((wd - c->wday + 6) % 7 + 1);
	int y, m, d;
	nf_civil_from_days(t, &y, &m, &d);
	snprintf(out, n, "%04d-%02d-%02d", y, m, d);
	return 1;
}

/* Easter Sunday of year y (the Gregorian computus, Meeus/Jones/Butcher) */
static void easter(int y, int *m, int *d)
{
	int a = y % 19, b = y / 100, cc = y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - dd - g + 15) % 30, i = cc / 4, k = cc % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int mm = (a + 11 * h + 22 * l) / 451;
	*m = (h + l - 7 * mm + 114) / 31;
	*d = (h + l - 7 * mm + 114) % 31 + 1;
}

/* the day of a holiday rule in year y: MM-DD (fixed), E+N / E-N (days from Easter), MM-W-N (the
 * N-th weekday W of month MM; N = 5: the last) */
static long hijri_days(int y, int m, int d);

static long holiday_day(const char *rule, int y)
{
	int m, d, w, k;
	if (rule[0] == 'H' && sscanf(rule + 1, "%d-%d", &m, &d) == 2) { /* H09-01: a day of the Hijri year */
		int hy = (int)((y - 622) * 33L / 32);
		for (int q = hy - 1; q <= hy + 2; q++) {
			long z = hijri_days(q, m, d);
			int gy, gm, gd;
			nf_civil_from_days(z, &gy, &gm, &gd);
			if (gy == y)
				return z;
		}
		return -1000000;
	}
	if (rule[0] == 'E') {
		easter(y, &m, &d);
		return nf_days_from_civil(y, m, d) + atoi(rule + 1);
	}
	if (sscanf(rule, "%d-%d-%d", &m, &w, &k) == 3 && m >= 1 && m <= 12 && w >= 1 && w <= 7) {
		long z = nf_days_from_civil(y, m, 1);
		z += (w - weekday_of(z) + 7) % 7 + 7L * (k - 1);
		while (k == 5 && nf_days_from_civil(y, m, 1) + days_in(y, m) <= z)
			z -= 7;
		return z;
	}
	if (sscanf(rule, "%d-%d", &m, &d) == 2 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m))
		return nf_days_from_civil(y, m, d);
	return -1000000;
}

/* HOLIDAY:RULE: in the year said ({year}), else the latest before the reference date, or the next
 * one in a future clause (like a day and month without a year) */
static int holiday(const char *rule, const struct cap *c, const struct ref *r, size_t a, size_t b, char *out,
                   size_t n)
{
	int y = c->year ? c->year : r->ok ? r->y : 0, m, d;
	if (!y) {
		if (rule[0] == 'E' || strlen(rule) > 5)
			snprintf(out, n, "XXXX-XX-XX");
		else
			snprintf(out, n, "XXXX-%.5s", rule);
		return 1;
	}
	long z = holiday_day(rule, y);
	if (z == -1000000)
		return 0;
	if (!c->year) {
		long zr = nf_days_from_civil(r->y, r->m, r->d ? r->d : 1);
		int fut = future(a, b);
		if (fut && z < zr)
			z = holiday_day(rule, y + 1);
		else if (!fut && z > zr && !(r->d == 0 && z < zr + days_in(r->y, r->m)))
			z = holiday_day(rule, y - 1);
	}
	nf_civil_from_days(z, &y, &m, &d);
	snprintf(out, n, "%04d-%02d-%02d", y, m, d);
	return 1;
}

static int fill(const struct pat *p, const char *tpl, const struct cap *c, const struct ref *r, size_t a, size_t b,
                char *out, size_t n)
{
	static const char *const seas[] = {"", "SP", "SU", "FA", "WI"};
	const char *u = c->unit == 5 ? "H" : c->unit == 6 ? "M" : c->unit == 7 ? "DE" : c->unit == 8 ? "Q" : NULL;
	char us[3] = {unit_ch[c->unit > 0 && c->unit < 9 ? c->unit : 0], 0, 0};
	if (!u)
		u = us;
	int time_unit = c->unit == 5 || c->unit == 6;
	(void)p;
	if (!*tpl) {
		*out = 0;
		return 1;
	}
	if (strncmp(tpl, "REL:", 4) == 0) { /* REL:U:OFF, REL:{U}:-{N} (two weeks ago), then a time suffix (TEV) */
		char uc = tpl[4];
		const char *o = tpl + 6;
		if (strncmp(tpl + 4, "{U}", 3) == 0) {
			if (c->unit < 1 || c->unit > 8 || c->unit == 5 || c->unit == 6)
				return 0; /* hours and minutes need the clock, which is never read */
			uc = c->unit == 7 ? 'E' : unit_ch[c->unit];
			o = tpl + 8;
		}
		int off = *o == '-' || *o == '+' ? (o[1] == '{' ? c->n : atoi(o + 1)) : atoi(o);
		if (*o == '-')
			off = -off;
		rel(out, n, uc, off, r);
		const char *t = o + (*o == '-' || *o == '+'); /* the suffix after the offset: TEV, -WE */
		if (*t == '{')
			t = strchr(t, '}') + 1;
		while (*t >= '0' && *t <= '9')
			t++;
		char sfx[32]; /* the suffix is a template too: -Q{O} */
		if (*t && fill(p, t, c, r, a, b, sfx, sizeof sfx) && strlen(out) + strlen(sfx) < n)
			strcat(out, sfx);
		return 1;
	}
	if (strncmp(tpl, "POD:", 4) == 0) { /* a part of the day (in the morning): the reference day */
		if (r->ok && r->d)
			snprintf(out, n, "%04d-%02d-%02dT%.2s", r->y, r->m, r->d, tpl + 4);
		else
			snprintf(out, n, "XXXX-XX-XXT%.2s", tpl + 4);
		return 1;
	}
	if (strncmp(tpl, "WDAY:", 5) == 0)
		return wday_rel(tpl + 5, c, r, out, n);
	if (strncmp(tpl, "HOLIDAY:", 8) == 0)
		return holiday(tpl + 8, c, r, a, b, out, n);
	if (strncmp(tpl, "MONTH", 5) == 0 || strncmp(tpl, "DAYMONTH", 8) == 0) { /* :NEXT, :PREV force the tense */
		int day = tpl[0] == 'D' ? c->day : 0;
		const char *force = strchr(tpl, ':');
		if (!r->ok) {
			if (day)
				snprintf(out, n, "XXXX-%02d-%02d", c->month, day);
			else if (strchr(tpl, '-'))
				snprintf(out, n, "XXXX-%02d-W%02d", c->month, c->ord);
			else
				snprintf(out, n, "XXXX-%02d", c->month);
			return 1;
		}
		int rd = r->d ? r->d : 1, y = r->y;
		int after = c->month > r->m || (c->month == r->m && r->d && day > rd);
		int tn = force ? 0 : tense(a, b);
		int fut = force ? force[1] == 'N' : tn == T_FUT || tn == T_PRES;
		if (fut && !after && !(c->month == r->m && (!day || day == rd)))
			y++; /* the next such month */
		else if (!fut && after)
			y--; /* the latest such month */
		if (day && day > days_in(y, c->month))
			return 0;
		if (day)
			snprintf(out, n, "%04d-%02d-%02d", y, c->month, day);
		else
			snprintf(out, n, "%04d-%02d", y, c->month);
		const char *sfx = strchr(tpl, '-'); /* MONTH-W{O}: the first week of March */
		char t[16];
		if (sfx && fill(p, sfx, c, r, a, b, t, sizeof t) && strlen(out) + strlen(t) < n)
			strcat(out, t);
		return 1;
	}
	if (strcmp(tpl, "SEASON") == 0) {
		if (r->ok)
			snprintf(out, n, "%04d-%s", r->y, seas[c->season]);
		else
			snprintf(out, n, "XXXX-%s", seas[c->season]);
		return 1;
	}
	if (strncmp(tpl, "WEEKDAY", 7) == 0) { /* the latest such day on or before the reference, or the next */
		const char *part = tpl[7] == '-' ? tpl + 8 : ""; /* WEEKDAY-TMO: a part of that day */
		if (!r->ok) {
			snprintf(out, n, "XXXX-WXX-%d%s", c->wday, part);
			return 1;
		}
		long z = nf_days_from_civil(r->y, r->m, r->d ? r->d : 1);
		int wd = (int)(((z % 7) + 7 + 3) % 7) + 1; /* Monday = 1 */
		int t = tense(a, b); /* "on Sunday" in a clause in the present is the coming one */
		long delta = t == T_FUT || t == T_PRES ? (c->wday - wd + 7) % 7 : -((wd - c->wday + 7) % 7);
		if (t == T_FUT && delta == 0)
			delta = 7;
		int y, m, d;
		nf_civil_from_days(z + delta, &y, &m, &d);
		snprintf(out, n, "%04d-%02d-%02d%s", y, m, d, part);
		return 1;
	}
	if (strcmp(tpl, "P1{U}") == 0 && c->plural)
		tpl = "PX{U}"; /* the coming days: some days */
	else if (strcmp(tpl, "PX{U}") == 0 && !c->plural && c->unit)
		tpl = "P1{U}"; /* de komende week: one week */
	else if (strcmp(tpl, "SOME{U}") == 0)
		tpl = "PX{U}"; /* plusieurs mois: a unit whose plural is its singular */
	/* a template with {X} fields */
	size_t k = 0;
	for (const char *q = tpl; *q && k + 8 < n;) {
		if (*q != '{') {
			out[k++] = *q++;
			continue;
		}
		const char *e = strchr(q, '}');
		if (!e)
			break;
		char f[8] = "";
		snprintf(f, sizeof f, "%.*s", (int)(e - q - 1), q + 1);
		int w = 0;
		if (!strcmp(f, "N"))
			w = snprintf(out + k, n - k, "%d", c->n);
		else if (!strcmp(f, "N2"))
			w = snprintf(out + k, n - k, "%d", c->n2);
		else if (!strcmp(f, "U"))
			w = snprintf(out + k, n - k, "%s", u);
		else if (!strcmp(f, "Y"))
			w = snprintf(out + k, n - k, "%04d", c->year);
		else if (!strcmp(f, "MO"))
			w = snprintf(out + k, n - k, "%02d", c->month);
		else if (!strcmp(f, "DEC") && c->year % 10 == 0) /* les années 1980: 198 */
			w = snprintf(out + k, n - k, "%03d", c->year / 10);
		else if (!strcmp(f, "DEC"))
			return 0;
		else if (!strcmp(f, "N1") && c->n % 10 == 0 && c->n < 100) /* anni '80: 19{N1} = 198 */
			w = snprintf(out + k, n - k, "%d", c->n / 10);
		else if (!strcmp(f, "N1"))
			return 0;
		else if (!strcmp(f, "HH") && c->n <= 24) /* de 9 a 17 horas */
			w = snprintf(out + k, n - k, "%02d", c->n);
		else if (!strcmp(f, "HH2") && c->n2 <= 24)
			w = snprintf(out + k, n - k, "%02d", c->n2);
		else if (!strcmp(f, "HH") || !strcmp(f, "HH2"))
			return 0;
		else if (!strcmp(f, "WD"))
			w = snprintf(out + k, n - k, "%d", c->wday);
		else if (!strcmp(f, "DC")) /* the 19th century: 18 */
			w = snprintf(out + k, n - k, "%02d", c->day - 1);
		else if (!strcmp(f, "OC") && c->ord > 1) /* le XIXe siècle: 18 */
			w = snprintf(out + k, n - k, "%02d", c->ord - 1);
		else if (!strcmp(f, "OC"))
			return 0;
		else if (!strcmp(f, "D"))
			w = snprintf(out + k, n - k, "%02d", c->day);
		else if (!strcmp(f, "O"))
			w = snprintf(out + k, n - k, "%d", c->ord);
		else if (!strcmp(f, "S"))
			w = snprintf(out + k, n - k, "%s", seas[c->season]);
		if (w < 0)
			return 0;
		k += (size_t)w;
		q = e + 1;
	}
	out[k] = 0;
	if (time_unit && out[0] == 'P' && out[1] != 'T') { /* P5H -> PT5H */
		memmove(out + 2, out + 1, strlen(out));
		out[1] = 'T';
	}
	if (c->day && c->month && c->year && strstr(tpl, "{D}") && c->day > days_in(c->year, c->month))
		return 0; /* 31 February */
	return 1;
}

/* ---- numeric dates, quarters, decades and clock times ---- */

static int glued(size_t i, char ch) { return i < TK.n && !TK.t[i].sp && TK.t[i].kind == NF_T_PUNCT && txt[TK.t[i].s] == ch; }

static int valid_ymd(int y, int m, int d) { return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m); }

/* the words of clock times (the kinds of words.tsv that load_words leaves), the zones
 * (zones.tsv) and the eras (eras.tsv): loaded on the first numeric_at or time_at */
extern const char nf_data_dates_zones[], nf_data_dates_eras[], nf_data_dates_hijri_months[];
extern const unsigned long nf_data_dates_zones_len, nf_data_dates_eras_len, nf_data_dates_hijri_months_len;

enum { C_AT = 1 << 0, C_BARE = 1 << 1, C_BAREIN = 1 << 2, C_FOR = 1 << 3, C_HOURS = 1 << 4, C_MIL = 1 << 5,
       C_AND = 1 << 6, C_MINUS = 1 << 7, C_QUARTER = 1 << 8, C_HALF = 1 << 9, C_HALFTO = 1 << 10, C_PAST = 1 << 11,
       C_TO = 1 << 12, C_NOON = 1 << 13, C_MIDNIGHT = 1 << 14, C_CTX = 1 << 15, C_NEAR = 1 << 16, C_LINK = 1 << 17,
       C_MORNING = 1 << 18, C_EVENING = 1 << 19, C_NIGHT = 1 << 20, C_MEASURE = 1 << 21,
       C_NOTAMPM = 1 << 22 };
static nf_langword *s_clock;
/* the kinds a clock time can start with, and their feature bit (tfeat: the scan's one test) */
#define C_START (C_BAREIN | C_QUARTER | C_HALF | C_HALFTO | C_NOON | C_MIDNIGHT)
#define F_CLOCK (1 << 15)
static nf_bloom clock_bloom; /* a word that is no clock word costs one test */
static nf_bloom first_bloom; /* the first tokens of eras, Hijri months and zones: the same */

struct zone {
	char lang[8], name[40], off[8];
};
static struct zone zones[64];
static int nzones;

struct era {
	char lang[8], tok[8][24], era; /* era: B (BC), A (AD), H (Hijri) */
	int nt;
};
static struct era eras[48], hmonths[32]; /* hmonths: era is the month number */
static int neras, nhmonths;

static void load_clock(char **f, int n, void *ctx)
{
	(void)ctx;
	static const char *const kinds[] = {"at", "bare", "bare-in", "for", "hours", "mil", "and", "minus", "quarter",
		"half", "half-to", "past", "to", "noon", "midnight", "ctx", "near", "link", "morning", "evening", "night",
		"measure", "not-ampm", NULL};
	for (int k = 0; n >= 3 && kinds[k]; k++)
		if (strcmp(f[2], kinds[k]) == 0) {
			nf_lw_add(s_clock, f[0], f[1], strlen(f[1]), 1 << k, NF_LW_OR);
			nf_bloom_add(&clock_bloom, f[1], strlen(f[1]));
			if ((1 << k) & C_START)
				feat_add(f[1], strlen(f[1]), F_CLOCK);
		}
}

static void load_zone(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	room(nzones, (int)(sizeof zones / sizeof zones[0]), "zones.tsv");
	snprintf(zones[nzones].lang, sizeof zones[0].lang, "%s", f[0]);
	nf_bloom_add(&first_bloom, f[1], strcspn(f[1], " "));
	snprintf(zones[nzones].name, sizeof zones[0].name, "%s", f[1]);
	snprintf(zones[nzones++].off, sizeof zones[0].off, "%s", f[2]);
}

/* an entry of eras.tsv or hijri-months.tsv: its language and words (the first into first_bloom) */
static int era_words(struct era *e, const char *lang, char *words, char era)
{
	snprintf(e->lang, sizeof e->lang, "%s", lang);
	e->era = era;
	e->nt = 0;
	char *save = NULL;
	for (char *t = strtok_r(words, " ", &save); t && e->nt < 8; t = strtok_r(NULL, " ", &save))
		snprintf(e->tok[e->nt++], sizeof e->tok[0], "%s", t);
	if (e->nt > 0)
		nf_bloom_add(&first_bloom, e->tok[0], strlen(e->tok[0]));
	return e->nt > 0;
}

static void load_era(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	room(neras, (int)(sizeof eras / sizeof eras[0]), "eras.tsv");
	neras += era_words(&eras[neras], f[0], f[1], strcmp(f[2], "AH") == 0 ? 'H' : f[2][0]); /* B, A or H */
}

static void load_hmonth(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 3)
		return;
	room(nhmonths, (int)(sizeof hmonths / sizeof hmonths[0]), "hijri-months.tsv");
	int m = atoi(f[1]); /* the month number stands in the era field */
	nhmonths += era_words(&hmonths[nhmonths], f[0], f[2], (char)m) && m >= 1 && m <= 12;
}

static void clock_init(void)
{
	if (s_clock)
		return;
	s_clock = nf_lw_new();
	nf_table_each(nf_data_dates_words, nf_data_dates_words_len, load_clock, NULL);
	nf_table_each(nf_data_dates_zones, nf_data_dates_zones_len, load_zone, NULL);
	nf_table_each(nf_data_dates_eras, nf_data_dates_eras_len, load_era, NULL);
	nf_table_each(nf_data_dates_hijri_months, nf_data_dates_hijri_months_len, load_hmonth, NULL);
}

/* the clock kinds of token i (0: none, or not a word) */
static int cget(size_t i)
{
	if (i >= TK.n || TK.t[i].kind != NF_T_WORD)
		return 0;
	const char *w = lw(i);
	size_t l = strlen(w);
	if (!l || !nf_bloom_has(&clock_bloom, w, l))
		return 0;
	int v = get(s_clock, w, l);
	return v < 0 ? 0 : v;
}

/* the era written from token i on (2350 BC, 1436هـ, 2015م): B, A or H, and its tokens in *used */
static char words_at(const struct era *tab, int ntab, size_t i, size_t *used)
{
	if (i >= TK.n || TK.t[i].kind == NF_T_NUM || !nf_bloom_has(&first_bloom, lw(i), strlen(lw(i))))
		return 0;
	for (int k = 0; k < ntab; k++) {
		const struct era *e = &tab[k];
		if (cur_langn && strcmp(e->lang, "*") != 0 && strcmp(e->lang, cur_lang) != 0)
			continue;
		int t = 0;
		while (t < e->nt && i + (size_t)t < TK.n && strcmp(lw(i + (size_t)t), e->tok[t]) == 0)
			t++;
		if (t == e->nt) {
			*used = (size_t)t;
			return e->era;
		}
	}
	return 0;
}

static char era_at(size_t i, size_t *used) { return words_at(eras, neras, i, used); }

/* a Hijri date to the Gregorian one, by the tabular (arithmetic) Islamic calendar with the
 * astronomical epoch (Thursday 15 July 622 Julian: day -492149 from 1970-01-01 is 1 Muharram 1):
 * the Saudi papers' Umm al-Qura dates with a weekday agree with it 56 times in 76 (the civil
 * epoch, a day later: 13) */
static long hijri_days(int y, int m, int d) { return d + (59L * (m - 1) + 1) / 2 + (y - 1) * 354L + (3 + 11L * y) / 30 - 492150; }

static int hijri_ymd(int y, int m, int d, char *v, size_t n)
{
	if (y < 1300 || y > 1600 || m < 1 || m > 12 || d < 1 || d > 30)
		return 0;
	long z = hijri_days(y, m, d);
	int gy, gm, gd;
	nf_civil_from_days(z, &gy, &gm, &gd);
	snprintf(v, n, "%04d-%02d-%02d", gy, gm, gd);
	return 1;
}

/* a two-digit year ('95, 4-Jul-95): the one at most 20 years after the reference (or 2030) */
static int year2(int yy, const struct ref *r)
{
	int y = 2000 + yy;
	return y > (r && r->ok ? r->y : 2010) + 20 ? y - 100 : y;
}

/* the month named by token i (Dec, JUL, März), or 0; English month names are capitalised */
static int month_word(size_t i)
{
	if (i >= TK.n || TK.t[i].kind != NF_T_WORD)
		return 0;
	int v = get(s_month, lw(i), strlen(lw(i)));
	if (v <= 0)
		return 0;
	if (v < 100 && txt[TK.t[i].s] >= 'a' && txt[TK.t[i].s] <= 'z' && strcmp(conv("months"), "capital") == 0)
		return 0;
	return v % 100;
}

static int is_num(size_t i, size_t len) { return i < TK.n && TK.t[i].kind == NF_T_NUM && (!len || TK.t[i].e - TK.t[i].s == len); }

/* token i is ASCII digits only (not 13.6, not ٢٠٢٤) */
static int digits(size_t i)
{
	if (!is_num(i, 0))
		return 0;
	for (size_t p = TK.t[i].s; p < TK.t[i].e; p++)
		if (txt[p] < '0' || txt[p] > '9')
			return 0;
	return 1;
}

struct clock {
	int h, m, s, secs;
	char zone[8];
};
static size_t time_at(size_t i, struct clock *ck);

/* Dec-2018, 4-Jul-95, 12-Mar-2024, Jul '95: tokens used */
static size_t month_name_at(size_t i, char *v, size_t n, const struct ref *r)
{
	int mo, d, y;
	if ((mo = month_word(i)) > 0) {
		if (glued(i + 1, '-') && is_num(i + 2, 4) && !TK.t[i + 2].sp && (y = atoi(txt + TK.t[i + 2].s)) >= 1000 &&
		    y <= 2999 && !glued(i + 3, '-')) {
			snprintf(v, n, "%04d-%02d", y, mo);
			return 3;
		}
		if (i + 2 < TK.n && TK.t[i + 1].kind == NF_T_PUNCT && (txt[TK.t[i + 1].s] == '\'' ||
		    memcmp(txt + TK.t[i + 1].s, "\xe2\x80\x99", 3) == 0) && is_num(i + 2, 2) && !TK.t[i + 2].sp) {
			snprintf(v, n, "%04d-%02d", year2(atoi(txt + TK.t[i + 2].s), r), mo);
			return 3;
		}
		return 0;
	}
	if (is_num(i, 0) && TK.t[i].e - TK.t[i].s <= 2 && glued(i + 1, '-') && !TK.t[i + 2].sp &&
	    (mo = month_word(i + 2)) > 0 && glued(i + 3, '-') && i + 4 < TK.n && !TK.t[i + 4].sp &&
	    (is_num(i + 4, 2) || is_num(i + 4, 4))) {
		d = atoi(txt + TK.t[i].s);
		y = atoi(txt + TK.t[i + 4].s);
		if (TK.t[i + 4].e - TK.t[i + 4].s == 2)
			y = year2(y, r);
		if (!valid_ymd(y, mo, d))
			return 0;
		snprintf(v, n, "%04d-%02d-%02d", y, mo, d);
		return 5;
	}
	return 0;
}

/* 22/04, 22.04.: a day and month without a year, where the language writes them so
 * (conventions.tsv daymonth); never beside another number, slash or sign (3/4 of, 24/7) */
static size_t daymonth_at(size_t i, char *v, size_t n, const struct ref *r)
{
	const struct nf_tok *t = &TK.t[i];
	const char *how = conv("daymonth");
	struct cap c = {0};
	size_t used = 0;
	if (i > 0 && !t->sp && TK.t[i - 1].kind != NF_T_WORD)
		return 0;
	if (i > 0 && TK.t[i - 1].kind == NF_T_NUM)
		return 0;
	if (strcmp(how, "slash") == 0 && t->e - t->s <= 2 && glued(i + 1, '/') && is_num(i + 2, 2) && !TK.t[i + 2].sp) {
		c.day = atoi(txt + t->s);
		c.month = atoi(txt + TK.t[i + 2].s);
		used = 3;
	} else if (strcmp(how, "dot") == 0 && t->e - t->s >= 3 && t->e - t->s <= 5 && glued(i + 1, '.')) {
		char buf[8];
		int d, m, k = 0;
		memcpy(buf, txt + t->s, t->e - t->s);
		buf[t->e - t->s] = 0;
		if (sscanf(buf, "%2d.%2d%n", &d, &m, &k) != 2 || buf[k] || buf[1 + (d > 9)] != '.')
			return 0;
		c.day = d, c.month = m;
		used = 2;
	} else
		return 0;
	size_t j = i + used;
	if (j < TK.n && !TK.t[j].sp && used == 3)
		return 0; /* 22/04/ 22/04%, 22/04x */
	if (j < TK.n && TK.t[j].kind == NF_T_NUM)
		return 0;
	if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31)
		return 0;
	if (!fill(NULL, "DAYMONTH", &c, r, i, j, v, n))
		return 0;
	return used;
}

/* 2350 BC, 1436 هـ (a Hijri year alone: left out, v empty), 02/10/1436هـ: tokens used */
static size_t era_year_at(size_t i, char *v, size_t n)
{
	const struct nf_tok *t = &TK.t[i];
	size_t used = 0;
	char e;
	int y;
	if (!digits(i) || t->e - t->s > 4 || !(e = era_at(i + 1, &used)) || e == 'A' || (y = atoi(txt + t->s)) < 1)
		return 0;
	if (i + 1 + used < TK.n && !TK.t[i + 1 + used].sp && TK.t[i + 1 + used].kind != NF_T_PUNCT)
		return 0; /* #9BC85F: a colour */
	if (e == 'B')
		snprintf(v, n, "BC%04d", y);
	else
		*v = 0;
	return 1 + used;
}

/* 21 شوال 1436, 21 شوال 1436 هـ, 21 شوال (the latest such day before the reference, the next
 * in a future clause; without a reference left out): tokens used */
static size_t hijri_month_at(size_t i, char *v, size_t n, const struct ref *r)
{
	size_t mu = 0, eu = 0, j;
	int d, m, y;
	if (!digits(i) || TK.t[i].e - TK.t[i].s > 2 || (d = atoi(txt + TK.t[i].s)) < 1 || d > 30 ||
	    (m = words_at(hmonths, nhmonths, i + 1, &mu)) <= 0)
		return 0;
	j = i + 1 + mu;
	if (is_num(j, 4) && num_at(j, &y) && y >= 1300 && y <= 1600) {
		j++;
		if (era_at(j, &eu) == 'H')
			j += eu;
		return hijri_ymd(y, m, d, v, n) ? j - i : 0;
	}
	*v = 0;
	if (!r->ok)
		return j - i;
	long zr = nf_days_from_civil(r->y, r->m, r->d ? r->d : 1), best = 0;
	int fut = future(i, j), hy = (int)((r->y - 622) * 1.030684) + 1;
	for (int k = hy - 2; k <= hy + 2; k++) {
		long z = hijri_days(k, m, d);
		if (fut ? z >= zr && (!best || z < best) : z <= zr && (!best || z > best))
			best = z;
	}
	int gy, gm, gd;
	nf_civil_from_days(best, &gy, &gm, &gd);
	snprintf(v, n, "%04d-%02d-%02d", gy, gm, gd);
	return j - i;
}

/* returns tokens used (0: none); fills value (empty: read, and left out) */
static size_t numeric_at(size_t i, char *v, size_t n, const struct ref *r)
{
	const struct nf_tok *t = &TK.t[i];
	int a, b, c;
	char buf[32];
	size_t u;
	clock_init();
	if (t->kind == NF_T_NUM && t->e - t->s < sizeof buf) {
		memcpy(buf, txt + t->s, t->e - t->s);
		buf[t->e - t->s] = 0;
		/* 21.03.2024 */
		if (sscanf(buf, "%2d.%2d.%4d", &a, &b, &c) == 3 && strlen(buf) >= 8 && valid_ymd(c, b, a)) {
			snprintf(v, n, "%04d-%02d-%02d", c, b, a);
			return 1;
		}
		/* 2024-03-21, 21/03/2024, 03/21/2024, 02/10/1436هـ; then 2024-03-21T10:00 or 2024-03-21 10:00 */
		if (i + 4 < TK.n && (glued(i + 1, '-') || glued(i + 1, '/')) && TK.t[i + 2].kind == NF_T_NUM && !TK.t[i + 2].sp &&
		    glued(i + 3, txt[TK.t[i + 1].s]) && TK.t[i + 4].kind == NF_T_NUM && !TK.t[i + 4].sp) {
			int x = atoi(buf), y = atoi(txt + TK.t[i + 2].s), z = atoi(txt + TK.t[i + 4].s);
			size_t l1 = t->e - t->s, l3 = TK.t[i + 4].e - TK.t[i + 4].s, eu = 0;
			if (era_at(i + 5, &eu) == 'H') /* the Hijri calendar: day first, or year first */
				return (l3 == 4 ? hijri_ymd(z, y, x, v, n) : l1 == 4 ? hijri_ymd(x, y, z, v, n) : 0) ? 5 + eu : 0;
			if ((l1 == 4 && x >= 1300 && x < 1500) || (l3 == 4 && z >= 1300 && z < 1500)) {
				*v = 0; /* a Hijri year without its mark: left out */
				return 5;
			}
			u = 0;
			if (l1 == 4 && valid_ymd(x, y, z)) {
				snprintf(v, n, "%04d-%02d-%02d", x, y, z);
				u = 5;
			} else if (l3 == 4) {
				/* day first, as everywhere but in English (03/21/2024); a part over 12 decides */
				int month_first = strcmp(conv("numeric"), "mdy") == 0;
				if (x > 12)
					month_first = 0;
				else if (y > 12)
					month_first = 1;
				int d = month_first ? y : x, m = month_first ? x : y;
				if (valid_ymd(z, m, d)) {
					snprintf(v, n, "%04d-%02d-%02d", z, m, d);
					u = 5;
				}
			}
			if (!u)
				return 0;
			/* a clock time right after: one TIME (2024-03-21T10:00:00Z, 2024-03-21 10:00) */
			size_t j = i + 5, tu;
			struct clock ck;
			if (j + 1 < TK.n && !TK.t[j].sp && (txt[TK.t[j].s] == 'T' || txt[TK.t[j].s] == 't') &&
			    TK.t[j].e - TK.t[j].s == 1 && !TK.t[j + 1].sp && glued(j + 2, ':'))
				j++;
			else if (!(j < TK.n && TK.t[j].sp && is_num(j, 0) && glued(j + 1, ':')))
				return u;
			if ((tu = time_at(j, &ck)) == 0)
				return u;
			size_t l = strlen(v);
			l += (size_t)snprintf(v + l, n - l, "T%02d:%02d", ck.h, ck.m);
			if (ck.secs && l < n)
				l += (size_t)snprintf(v + l, n - l, ":%02d", ck.s);
			if (l < n)
				snprintf(v + l, n - l, "%s", ck.zone);
			return j + tu - i;
		}
		/* 2350 BC, 1436 هـ, 21 شوال 1436 */
		if ((u = era_year_at(i, v, n)) > 0 || (u = hijri_month_at(i, v, n, r)) > 0)
			return u;
		/* عام 1435: a Hijri year where the language's years in that range are (read, left out) */
		int hy;
		size_t au = 0;
		if (num_at(i, &hy) && hy >= 1000 && hy <= 1600 && hy >= atoi(conv("hijri-from")) && hy <= atoi(conv("hijri-to")) &&
		    era_at(i + 1, &au) != 'A' && !(i + 1 < TK.n && !TK.t[i + 1].sp && TK.t[i + 1].kind != NF_T_PUNCT)) {
			*v = 0;
			return 1;
		}
		/* 1500 dollars, 1987 tonnes: a quantity, not the year of "of {year}" (read, left out) */
		if (t->e - t->s == 4 && digits(i) && (cget(i + 1) & C_MEASURE) && TK.t[i + 1].sp) {
			*v = 0;
			return 1;
		}
		/* the 1990s, 1990er */
		int k;
		if (t->e - t->s == 4 && i + 1 < TK.n && !TK.t[i + 1].sp && TK.t[i + 1].kind == NF_T_WORD &&
		    (k = get(s_words, lw(i + 1), strlen(lw(i + 1)))) > 0 && (k & W_DECADE) && buf[3] == '0') {
			snprintf(v, n, "%.3s", buf);
			return 2;
		}
		if ((u = daymonth_at(i, v, n, r)) > 0 || (u = month_name_at(i, v, n, r)) > 0)
			return u;
	}
	if (t->kind == NF_T_WORD && (tfeat[i] & F_MONTH) && (u = month_name_at(i, v, n, r)) > 0)
		return u;
	/* Q2 2025, H2 2025, Q2/2025 */
	if (t->kind == NF_T_WORD && (lw(i)[0] == 'q' || lw(i)[0] == 'h') && !lw(i)[1] && i + 2 < TK.n &&
	    TK.t[i + 1].kind == NF_T_NUM && !TK.t[i + 1].sp && TK.t[i + 1].e - TK.t[i + 1].s == 1) {
		int q = txt[TK.t[i + 1].s] - '0';
		size_t j = i + 2;
		if (glued(j, '/') || glued(j, '-'))
			j++;
		if (j < TK.n && TK.t[j].kind == NF_T_NUM && TK.t[j].e - TK.t[j].s == 4 && q >= 1 && q <= (lw(i)[0] == 'q' ? 4 : 2)) {
			snprintf(v, n, "%.4s-%c%d", txt + TK.t[j].s, lw(i)[0] == 'q' ? 'Q' : 'H', q);
			return j + 1 - i;
		}
	}
	return 0;
}

/* tokens of zone name nm (words separated by spaces, as written) from token j; 0 if not there */
static size_t zone_name(size_t j, const char *nm)
{
	size_t u = 0;
	for (const char *p = nm; *p; u++) {
		size_t l = strcspn(p, " ");
		if (j + u >= TK.n || TK.t[j + u].kind != NF_T_WORD || TK.t[j + u].e - TK.t[j + u].s != l ||
		    memcmp(txt + TK.t[j + u].s, p, l) != 0)
			return 0;
		p += l;
		p += *p == ' ';
	}
	return u;
}

/* a zone after a clock time from token j (EST, MEZ, UTC+2, GMT-05:00, a glued Z): tokens used,
 * the TIMEX3 offset in off. Matched in the table's case: ET is a zone, et a word. */
static size_t zone_at(size_t j, char *off, size_t n)
{
	if (j >= TK.n || TK.t[j].kind != NF_T_WORD)
		return 0;
	size_t l = TK.t[j].e - TK.t[j].s;
	const char *w = txt + TK.t[j].s;
	if (l == 1 && *w == 'Z' && !TK.t[j].sp) { /* ISO 8601: 10:00Z */
		snprintf(off, n, "Z");
		return 1;
	}
	if (!nf_bloom_has(&first_bloom, w, l))
		return 0;
	for (int k = 0; k < nzones; k++) {
		size_t zn = zone_name(j, zones[k].name);
		if (!zn || (cur_langn && strcmp(zones[k].lang, "*") != 0 && strcmp(zones[k].lang, cur_lang) != 0))
			continue;
		snprintf(off, n, "%s", zones[k].off);
		if (zn > 1) /* بتوقيت غرينتش: a name of words */
			return zn;
		if (strcmp(off, "Z") != 0 || !(glued(j + 1, '+') || glued(j + 1, '-')) || !is_num(j + 2, 0) || TK.t[j + 2].sp)
			return 1;
		/* UTC+2, GMT+0530, UTC+05:30 */
		char sign = txt[TK.t[j + 1].s];
		int h = atoi(txt + TK.t[j + 2].s), m = 0;
		size_t ln = TK.t[j + 2].e - TK.t[j + 2].s, u = 3;
		if (ln == 4)
			m = h % 100, h /= 100;
		else if (ln > 2)
			return 1;
		if (ln <= 2 && glued(j + 3, ':') && is_num(j + 4, 2) && !TK.t[j + 4].sp)
			m = atoi(txt + TK.t[j + 4].s), u = 5;
		if (h > 14 || m > 59)
			return 1;
		char o[32];
		snprintf(o, sizeof o, "%c%02d:%02d", sign, h, m);
		if (h || m)
			snprintf(off, n, "%.6s", o);
		return u;
	}
	return 0;
}

/* a part of the day after the hour from token j (8 in the morning, 8 de la tarde, 8 Uhr abends,
 * 8 uur 's avonds): tokens used; the hour made a 24-hour one */
static size_t daypart_at(size_t j, int *h)
{
	size_t k = j;
	while (k < TK.n && k - j < 3 && ((cget(k) & C_LINK) || (TK.t[k].kind == NF_T_PUNCT && txt[TK.t[k].s] == '\'')))
		k++;
	int c = cget(k);
	if (c & C_MORNING)
		*h = *h == 12 ? 0 : *h;
	else if (c & C_EVENING)
		*h = *h < 12 ? *h + 12 : *h;
	else if (c & C_NIGHT)
		*h = *h >= 6 && *h < 12 ? *h + 12 : *h == 12 ? 0 : *h;
	else
		return 0;
	return k + 1 - j;
}

/* an hour (0 to 24) at token i: one or two digits, or a number word (drie, trois) */
static int hour_at(size_t i, int *h)
{
	int v;
	if (i >= TK.n || (TK.t[i].kind == NF_T_NUM && TK.t[i].e - TK.t[i].s > 2) || !num_at(i, &v) || v > 24)
		return 0;
	*h = v;
	return 1;
}

/* clock times that start with a word: ore 20, noon, à midi, kwart over drie, half negen */
static size_t clock_word_at(size_t i, struct clock *ck)
{
	int c = cget(i), prev, h;
	size_t u;
	if (!c)
		return 0; /* most words: one test */
	prev = i > 0 ? cget(i - 1) : 0;
	if ((c & C_BAREIN) && is_num(i + 1, 0) && (u = time_at(i + 1, ck)) > 0)
		return 1 + u;
	if (c & (C_NOON | C_MIDNIGHT)) {
		if ((c & C_CTX) && !(prev & (C_AT | C_NEAR | C_BARE)))
			return 0; /* le Midi, il Mezzogiorno: the South */
		ck->h = c & C_NOON ? 12 : 24;
		return 1;
	}
	if ((c & (C_QUARTER | C_HALF)) && (cget(i + 1) & (C_PAST | C_TO)) && hour_at(i + 2, &h) && h >= 1 && h <= 12) {
		int to = (cget(i + 1) & C_TO) != 0;
		ck->m = c & C_QUARTER ? 15 : 30;
		if (to && (c & C_HALF))
			return 0; /* "half to" is no time */
		if (to)
			ck->h = h - 1, ck->m = 60 - ck->m;
		else
			ck->h = h;
		u = 3;
		if (cget(i + u) & C_HOURS || (get(s_words, lw(i + u), strlen(lw(i + u))) > 0 &&
		    (get(s_words, lw(i + u), strlen(lw(i + u))) & (W_HOUR | W_HOURMIN))))
			u++;
		return u + daypart_at(i + u, &ck->h);
	}
	if ((c & C_HALFTO) && hour_at(i + 1, &h) && h >= 1 && h <= 12 &&
	    !(i + 2 < TK.n && (TK.t[i + 2].kind == NF_T_NUM || TK.t[i + 2].kind == NF_T_SYM || get(s_unit, lw(i + 2), strlen(lw(i + 2))) > 0))) {
		ck->h = h == 1 ? 12 : h - 1; /* half negen: 08:30 */
		ck->m = 30;
		u = 2;
		if (get(s_words, lw(i + u), strlen(lw(i + u))) > 0 && (get(s_words, lw(i + u), strlen(lw(i + u))) & W_HOUR))
			u++;
		return u + daypart_at(i + u, &ck->h);
	}
	return 0;
}

/* 14.00 uur, 11:30, 7:56:30 pm, 10 a.m. ET, 10 Uhr, 9 h 30, à 14 heures, alle 15, 1530 GMT,
 * dos y media, 8 in the morning: tokens used, and the time in ck */
static size_t time_at(size_t i, struct clock *ck)
{
	const struct nf_tok *t = &TK.t[i];
	memset(ck, 0, sizeof *ck);
	clock_init();
	if (t->kind == NF_T_WORD) {
		if (!(tfeat[i] & (F_CLOCK | F_NUM)))
			return 0;
		size_t u = clock_word_at(i, ck);
		if (u || !(tfeat[i] & F_NUM))
			return u;
	} else if (t->kind != NF_T_NUM || t->e - t->s > 5)
		return 0;
	int h = 0, m = 0, k = 0, w, c, prev = i > 0 ? cget(i - 1) : 0;
	size_t j = i + 1, len = t->e - t->s;
	char buf[8];
	int dotted = 0, colon = 0, mil = 0, word = t->kind == NF_T_WORD;
	if (word) {
		if (!hour_at(i, &h))
			return 0;
	} else {
		memcpy(buf, txt + t->s, len);
		buf[len] = 0;
		dotted = sscanf(buf, "%2d.%2d", &h, &m) == 2 && strlen(buf) == 4 + (size_t)(h > 9);
		if (!dotted && sscanf(buf, "%4d", &h) != 1)
			return 0;
		if (!dotted && len == 4 && strchr(buf, '.') == NULL) /* 1530 GMT, 0930 hrs */
			mil = 1, m = h % 100, h /= 100;
		else if (!dotted && len > 2)
			return 0;
	}
	if (!dotted && !mil && !word && glued(j, ':') && is_num(j + 1, 2) && !TK.t[j + 1].sp) {
		m = atoi(txt + TK.t[j + 1].s);
		j += 2;
		k = colon = 1; /* 11:30 is a time by itself */
		if (glued(j, ':') && is_num(j + 1, 2) && !TK.t[j + 1].sp) { /* 7:56:30 */
			ck->s = atoi(txt + TK.t[j + 1].s);
			ck->secs = 1;
			j += 2;
		}
	}
	if (h > 24 || m > 59 || ck->s > 59 || (h == 24 && m))
		return 0;
	w = j < TK.n && TK.t[j].kind == NF_T_WORD ? get(s_words, lw(j), strlen(lw(j))) : 0;
	w = w < 0 ? 0 : w;
	c = cget(j);
	if (word && !(prev & (C_AT | C_NEAR | C_BARE | C_BAREIN)) &&
	    (get(s_unit, lw(j), strlen(lw(j))) > 0 || !(w & (W_HOUR | W_HOURMIN))))
		return 0; /* drie uur later: three hours; الحادية عشرة ليلاً: eleven, not ten */
	int h2 = h; /* 6 heures du matin: a clock time without "à" */
	size_t dp2 = (c & C_HOURS) && j + 1 < TK.n ? daypart_at(j + 1, &h2) : 0;
	if (!mil && !dotted && h == 12 && m == 0 && (c & (C_NOON | C_MIDNIGHT))) { /* 12 noon, 12 midnight */
		h = c & C_NOON ? 12 : 24;
		j++;
		k = 1;
	} else if (!mil && (w & (W_AM | W_PM)) && h <= 12 && !(c & C_NOTAMPM)) {
		if ((w & W_PM) && h < 12)
			h += 12;
		if ((w & W_AM) && h == 12)
			h = 0;
		j++;
		if (glued(j, '.'))
			j++;
		k = 1;
	} else if ((!mil && (w & (W_HOUR | W_HOURMIN))) || ((c & C_HOURS) && ((prev & C_AT) || dp2)) || (mil && (c & C_MIL) &&
	           (get(s_unit, lw(j), strlen(lw(j))) <= 0 || (prev & (C_AT | C_NEAR))))) {
		if (prev & C_FOR)
			return 0; /* pour 3 heures, für 3 Uhr: a duration */
		j++;
		/* 9 h 30, 16 Uhr 30, 14 heures 30 */
		if (!colon && !dotted && !mil && ((w & W_HOURMIN) || (c & C_HOURS)) && is_num(j, 2))
			m = atoi(txt + TK.t[j].s), j++;
		k = 1;
	} else if (!k && !word && !mil && (prev & (C_BARE | C_BAREIN)) &&
	           !(j < TK.n && (TK.t[j].kind == NF_T_NUM || TK.t[j].kind == NF_T_SYM ||
	                          (TK.t[j].kind == NF_T_WORD && !(c & (C_AND | C_MINUS | C_LINK)) && !zone_at(j, ck->zone, sizeof ck->zone))))) {
		k = 1; /* alle 15, a las 9, ore 20.30 */
	}
	if (m > 59)
		return 0;
	/* dos y media, tres menos cuarto, trois heures et quart */
	c = cget(j);
	if (!colon && !mil && m == 0 && (k || (prev & (C_AT | C_BARE | C_BAREIN))) && (c & (C_AND | C_MINUS)) &&
	    (cget(j + 1) & (C_QUARTER | C_HALF)) && !(cget(j + 1) & C_HALFTO) && h >= 1) {
		m = cget(j + 1) & C_QUARTER ? 15 : 30;
		if (c & C_MINUS) {
			if (m == 30)
				return 0;
			h--, m = 45;
		}
		j += 2;
		k = 1;
	}
	/* 8 in the morning, 8 de la tarde, 8 Uhr abends, 7.55 صباحًا */
	if (!mil && h <= 12 && (k || (!dotted && !colon) || (dotted && j == i + 1))) {
		size_t dp = daypart_at(j, &h);
		if (dp)
			j += dp, k = 1;
	}
	if ((k || mil) && !word) {
		size_t z = zone_at(j, ck->zone, sizeof ck->zone);
		if (z && strcmp(ck->zone, "-") == 0) /* 1330 local time: a time, the words out of the span */
			ck->zone[0] = 0, k = 1;
		else if (z)
			j += z, k = 1;
		else
			ck->zone[0] = 0;
	}
	if (!k)
		return 0;
	ck->h = h;
	ck->m = m;
	return j - i;
}

/* a full date later in the clause of a clock time that has none before it (at 11:30 on March
 * 5, 2024): its value in out (YYYY-MM-DD), else out empty. Only a few tokens on. */
static long best_at(size_t i, int lid, struct cap *bc, const struct pat **bp);

static void day_after(size_t i, const struct ref *r, int lid, char *out, size_t n)
{
	char v[64];
	*out = 0;
	for (size_t j = i, k = 0; j < TK.n && k < 6; j++, k++) {
		if (TK.t[j].kind == NF_T_PUNCT && strchr(".!?;", txt[TK.t[j].s]))
			return;
		struct cap c;
		const struct pat *p = NULL;
		long e;
		if (numeric_at(j, v, sizeof v, r) > 0) {
			if (strlen(v) == 10)
				snprintf(out, n, "%.10s", v);
			return;
		}
		if ((e = best_at(j, lid, &c, &p)) > (long)j && p && c.to > c.from) {
			if (fill(p, p->value, &c, r, c.from, c.to, v, sizeof v) && strlen(v) == 10 && v[4] == '-' && v[0] != 'X')
				snprintf(out, n, "%.10s", v);
			return;
		}
	}
}

/* ---- the scan ---- */

/* the longest match at token i among the patterns of language lang ("" for all) */
static int row_lid; /* the row's language: -2 every language, -1 one without patterns */

static int lid_of(const char *lang)
{
	if (!*lang)
		return -2;
	for (int k = 0; k < nlangs; k++)
		if (strcmp(langs[k], lang) == 0)
			return k;
	return -1;
}

/* lid: a language id (lid_of), the row's or another one (then its word lists are used) */
static long best_at(size_t i, int lid, struct cap *bc, const struct pat **bp)
{
	long best = -1;
	int w = -1;
	char saved[8];
	size_t savedn = cur_langn;
	memcpy(saved, cur_lang, sizeof saved);
	if (lid != row_lid && lid >= 0) { /* the word lists of the language tried */
		memcpy(cur_lang, langs[lid], sizeof cur_lang);
		cur_langn = strlen(cur_lang);
	}
	*bp = NULL;
	memset(bc, 0, sizeof *bc);
	if ((TK.t[i].kind == NF_T_WORD || TK.t[i].kind == NF_T_PUNCT) && (tfeat[i] & F_PAT))
		w = nf_strset_get(by_word, lw(i), strlen(lw(i)));
	int f = tfeat[i]; /* the slot kinds this token can fill, among those that start patterns */
	unsigned fill = 1u << 15 | (f & F_NUM ? 1u << E_NUM | 1u << E_NUM2 | 1u << E_DAY | 1u << E_YEAR : 0) |
	                (f & F_ORD ? 1u << E_ORD : 0) | (f & F_UNIT ? 1u << E_UNIT : 0) | (f & F_MONTH ? 1u << E_MONTH : 0) |
	                (f & F_SEASON ? 1u << E_SEASON : 0) | (f & F_WDAY ? 1u << E_WEEKDAY : 0);
	fill &= slotmask;
	for (int src = 0; src < 17; src++) {
		int *lst, nl2;
		if (src == 0) {
			if (w <= 0)
				continue;
			lst = lists[w - 1];
			nl2 = nlists[w - 1];
		} else {
			if (!(fill >> (src - 1)))
				break;
			if (!(fill & 1u << (src - 1)))
				continue;
			struct cap tmp = {0};
			if (src - 1 >= E_NUM && src - 1 <= E_WEEKDAY && !slot(src - 1, i, &tmp))
				continue; /* the slot every pattern of the list starts with cannot be filled here */
			lst = slot_pats[src - 1];
			nl2 = nslot[src - 1];
		}
		if (lid >= 0 && lid < nlangs) { /* only this language's run */
			const struct bylang *b = src == 0 ? &lists_bl[w - 1] : &slot_bl[src - 1];
			lst = b->idx + b->off[lid];
			nl2 = b->off[lid + 1] - b->off[lid];
		} else if (lid != -2)
			continue;
		uint64_t nb = i + 1 < TK.n ? word_bit(lw(i + 1)) : 0;
		int nf = i + 1 < TK.n ? tfeat[i + 1] : 0, nnum = i + 1 < TK.n && TK.t[i + 1].kind == NF_T_NUM;
		for (int q = 0; q < nl2; q++) {
			const struct pat *p = &pats[lst[q]];
			if (p->first1 && ((p->second && !(p->second & nb)) || (p->second_feat > 0 && !(p->second_feat & nf)) ||
			                  (p->second_feat < 0 && !nnum && !(nf & F_NUM))))
				continue; /* the next token cannot be its second element */
			struct cap c = {0};
			c.from = i;
			c.to = (size_t)-1;
			long e = match(p, 0, i, &c);
			if (e > (long)i && p->relu && (c.unit < 1 || c.unit == 5 || c.unit == 6))
				continue; /* two hours ago: the clock is never read; the duration stays */
			if (c.to == (size_t)-1)
				c.to = (size_t)(e < 0 ? i : (size_t)e);
			/* the longest match; of equal ones, the widest span ("eind 2025" over "eind [2025]"), then
			 * a year over a count ("2018 roku", "2018 года": the year 2018, not 2018 years) */
			if (e > best || (e == best && e > (long)i && c.to - c.from > bc->to - bc->from) ||
			    (e == best && e > (long)i && c.to - c.from == bc->to - bc->from && c.year && !bc->year && bc->n)) {
				best = e;
				*bc = c;
				*bp = p;
			}
		}
	}
	memcpy(cur_lang, saved, sizeof saved);
	cur_langn = savedn;
	return best;
}

/* ---- joining the mentions of a line: weekday + date, date + clock or part of the day, ranges ---- */

enum { LM_CLOCK = 1, LM_POD = 2, LM_WDAY = 4, LM_NOYEAR = 8 }; /* NOYEAR: a month or day whose year was guessed */
struct lm {
	struct nf_date d;
	size_t ti, tj; /* tokens [ti, tj) */
	int flags, dead;
};
static struct lm *lms;
static size_t nlm, lmcap;

static void push(const struct nf_date *d, size_t ti, size_t tj, int flags)
{
	if (nlm == lmcap) {
		lmcap = lmcap ? 2 * lmcap : 16;
		lms = nf_xrealloc(lms, lmcap * sizeof *lms);
	}
	lms[nlm++] = (struct lm){*d, ti, tj, flags, 0};
}

/* a mention found after the scan: into its place in text order */
static void insert(const struct nf_date *d, size_t ti, size_t tj)
{
	size_t at = 0;
	while (at < nlm && lms[at].ti < ti)
		at++;
	push(d, ti, tj, 0);
	struct lm m = lms[nlm - 1];
	memmove(&lms[at + 1], &lms[at], (nlm - 1 - at) * sizeof *lms);
	lms[at] = m;
}

static int link_at(size_t i) /* links.tsv bits of token i */
{
	if (i >= TK.n || TK.t[i].kind == NF_T_NUM)
		return 0;
	int v = get(s_link, lw(i), strlen(lw(i)));
	return v > 0 ? v : 0;
}

static int part_at(size_t i) /* parts.tsv: 1 + index in part_code, or 0 */
{
	if (i >= TK.n || TK.t[i].kind != NF_T_WORD)
		return 0;
	int v = get(s_part, lw(i), strlen(lw(i)));
	return v > 0 ? v : 0;
}

static int covered(size_t t) /* is token t in a live mention? */
{
	for (size_t k = 0; k < nlm; k++)
		if (!lms[k].dead && t >= lms[k].ti && t < lms[k].tj)
			return 1;
	return 0;
}

static int is_day(const char *v) { return strlen(v) == 10 && v[4] == '-' && v[7] == '-'; }
static int is_year(const char *v) { return strlen(v) == 4 && v[0] >= '0' && v[0] <= '9'; }

/* a number token: its value (digits only), else -1 */
static int plain_num(size_t i, size_t maxlen)
{
	if (i >= TK.n || TK.t[i].kind != NF_T_NUM || TK.t[i].e - TK.t[i].s > maxlen)
		return -1;
	int v;
	return num_at(i, &v) ? v : -1;
}

static void extend(struct lm *a, const struct lm *b)
{
	a->d.end = b->d.end;
	a->tj = b->tj;
}

/* the next live mention after k that starts at token t, or NULL */
static struct lm *mention_at(size_t k, size_t t)
{
	for (size_t q = k + 1; q < nlm; q++)
		if (!lms[q].dead)
			return lms[q].ti == t ? &lms[q] : NULL;
	return NULL;
}

static void join_time(struct lm *a)
{
	/* a date of a day, then a clock time or a part of the day: one TIME */
	size_t j = a->tj;
	if (glued(j, ','))
		j++;
	int at = 0;
	struct lm *b = mention_at((size_t)(a - lms), j);
	if (!b || !(b->flags & LM_POD)) { /* a part of the day whose span holds its link (por la mañana) */
		while (j < a->tj + 3 && (link_at(j) & (K_AT | K_PODLINK)))
			at |= link_at(j++);
		b = mention_at((size_t)(a - lms), j);
	}
	char tail[16] = "";
	if (b && (b->flags & LM_CLOCK)) { /* a clock time of its own stays one (TimeML): it takes the day */
		char *t = strchr(b->d.value, 'T');
		if (t && a->d.value[0] != 'X' && strlen(t) < sizeof b->d.value - 10) {
			memmove(b->d.value + 10, t, strlen(t) + 1);
			memcpy(b->d.value, a->d.value, 10);
		}
		return;
	} else if (b && !(b->flags & LM_POD) && (at & K_PODLINK) && b->tj == b->ti + 1 && part_at(b->ti)) {
		snprintf(tail, sizeof tail, "T%s", part_code[part_at(b->ti) - 1]); /* el viernes por la mañana */
		extend(a, b);
		b->dead = 1;
	} else if (b && (b->flags & LM_POD)) {
		snprintf(tail, sizeof tail, "%s", strchr(b->d.value, 'T'));
		extend(a, b);
		b->dead = 1;
	} else if (!b && (at & K_AT) && plain_num(j, 2) >= 0 && plain_num(j, 2) <= 24 && !covered(j) &&
	           !(j + 1 < TK.n && (TK.t[j + 1].kind == NF_T_WORD || TK.t[j + 1].kind == NF_T_SYM) &&
	             !part_at(j + 1))) {
		snprintf(tail, sizeof tail, "T%02d:00", plain_num(j, 2)); /* tomorrow at 8 */
		a->d.end = TK.t[j].e;
		a->tj = j + 1;
	} else if (!b && part_at(j) && !covered(j)) {
		snprintf(tail, sizeof tail, "T%s", part_code[part_at(j) - 1]); /* Friday evening */
		a->d.end = TK.t[j].e;
		a->tj = j + 1;
	}
	if (!*tail)
		return;
	a->d.value[10] = 0;
	snprintf(a->d.value + 10, sizeof a->d.value - 10, "%s", tail);
	a->d.type = types[1];
	a->flags |= LM_CLOCK;
}

/* a clock time, then a part of the day: 8 in the evening = 20:00 */
static void join_pod(struct lm *a)
{
	size_t j = a->tj;
	while (j < a->tj + 3 && (link_at(j) & K_PODLINK))
		j++;
	struct lm *b = mention_at((size_t)(a - lms), j);
	int p = b && (b->flags & LM_POD) ? (int)(strchr(b->d.value, 'T')[1]) : 0;
	if (!p && !b && part_at(j) && !covered(j))
		p = part_code[part_at(j) - 1][0];
	char *t = strrchr(a->d.value, 'T');
	if (!p || !t || strlen(t) != 6)
		return;
	int h = atoi(t + 1);
	if ((p == 'A' || p == 'E' || (p == 'N' && h >= 6)) && h < 12)
		t[1] = (char)('0' + (h + 12) / 10), t[2] = (char)('0' + (h + 12) % 10);
	if (b) {
		extend(a, b);
		b->dead = 1;
	} else {
		a->d.end = TK.t[j].e;
		a->tj = j + 1;
	}
}

/* A to B, between A and B, A-B: one mention from A to B; a bare number on either side takes
 * the rest of its value from the other (May 3 to 5, 3 to 5 May, between 2 and 4 pm) */
static int capital_word(size_t i);

static struct ref line_ref; /* the row's reference date, for the joins */

static void join_range(size_t k)
{
	struct lm *a = &lms[k];
	if (a->dead || (a->d.type != types[0] && a->d.type != types[1]) || a->d.value_max[0])
		return;
	size_t j = a->tj, b0 = a->ti;
	while (b0 > 0 && (link_at(b0 - 1) & K_SKIP))
		b0--;
	int between = b0 > 0 && (link_at(b0 - 1) & K_BETWEEN);
	int l = link_at(j), range = (l & K_TO) || ((l & K_AND) && between);
	if (!range && !(l & K_AND))
		return;
	if ((l & K_TO) && TK.t[j].kind == NF_T_PUNCT && (TK.t[j].sp != (j + 1 < TK.n && TK.t[j + 1].sp)))
		return; /* a dash is a range between two parts: 3-5, 3 - 5, not "3 -5" */
	j++;
	while (j < TK.n && (link_at(j) & K_SKIP))
		j++;
	struct lm *b = mention_at(k, j);
	char v[64] = "";
	size_t end = 0, tj = 0;
	if (range && b && is_day(a->d.value) && is_day(b->d.value) && (a->flags & b->flags & LM_WDAY) && a->d.value[0] != 'X') {
		long za = nf_days_from_civil(atoi(a->d.value), atoi(a->d.value + 5), atoi(a->d.value + 8));
		long zb = nf_days_from_civil(atoi(b->d.value), atoi(b->d.value + 5), atoi(b->d.value + 8));
		while (zb <= za) /* Monday to Friday: the first Friday after that Monday */
			zb += 7;
		while (zb > za + 7)
			zb -= 7;
		long zr = line_ref.ok && line_ref.d ? nf_days_from_civil(line_ref.y, line_ref.m, line_ref.d) : za;
		if (za > zr && zb - 7 >= zr && tense(a->ti, a->tj) == T_PRES) { /* läuft von Montag bis Freitag: */
			za -= 7, zb -= 7;                                          /* the week it is in */
			int y, m, d;
			nf_civil_from_days(za, &y, &m, &d);
			snprintf(a->d.value, sizeof a->d.value, "%04d-%02d-%02d", y, m, d);
		}
		int y, m, d;
		nf_civil_from_days(zb, &y, &m, &d);
		snprintf(b->d.value, sizeof b->d.value, "%04d-%02d-%02d", y, m, d);
	}
	if (b && (a->flags & LM_NOYEAR) && !(b->flags & LM_NOYEAR) && strlen(a->d.value) == strlen(b->d.value) &&
	    strlen(a->d.value) >= 7 && a->d.value[0] != 'X' && b->d.value[0] != 'X') {
		memcpy(a->d.value, b->d.value, 4); /* June to August 2018, March and April 2018: June 2018 */
		if (strcmp(a->d.value, b->d.value) > 0) {
			char y[8];
			snprintf(y, sizeof y, "%04d", (atoi(b->d.value) - 1) % 10000);
			memcpy(a->d.value, y, 4);
		}
		a->flags &= ~LM_NOYEAR;
	}
	if (!range)
		return;
	if (b && b->d.type == a->d.type && !b->d.value_max[0] && strlen(b->d.value) == strlen(a->d.value) &&
	    strcmp(b->d.value, a->d.value) > 0) {
		snprintf(v, sizeof v, "%s", b->d.value);
		end = b->d.end, tj = b->tj;
		b->dead = 1;
	} else if (!b && !covered(j)) {
		int x = plain_num(j, 4);
		const char *av = a->d.value;
		struct cap c = {0};
		size_t after = j + 1; /* May 3 to 5 in Paris, not May 3 to 5 million shares */
		int counted = after < TK.n && TK.t[after].kind == NF_T_WORD && !capital_word(after) && !link_at(after) &&
		              !(tfeat[after] & (F_MONTH | F_WDAY)) && TK.t[after].sp;
		if (is_day(av) && av[5] != 'X' && av[8] != 'X' && x > atoi(av + 8) && x <= 31 && slot(E_DAY, j, &c) && !counted &&
		    x <= days_in(atoi(av), atoi(av + 5))) {
			snprintf(v, sizeof v, "%.8s%02d", av, x); /* May 3 to 5 */
			tj = j + (size_t)slot(E_DAY, j, &c);
		} else if (is_year(av) && TK.t[j].e - TK.t[j].s == 4 && x > atoi(av) && x < atoi(av) + 200) {
			snprintf(v, sizeof v, "%04d", x); /* from 2014 to 2018 */
			tj = j + 1;
		} else if (is_year(av) && TK.t[j].e - TK.t[j].s == 2 && (l & K_TO) && x > atoi(av) % 100) {
			snprintf(v, sizeof v, "%.2s%02d", av, x); /* 2014-18 */
			tj = j + 1;
		}
		if (tj)
			end = TK.t[tj - 1].e;
	}
	if (!*v)
		return;
	snprintf(a->d.value_max, sizeof a->d.value_max, "%s", v);
	a->d.end = end;
	a->tj = tj;
}

/* a bare number, a range word, then mention b: the number is the start (3 to 5 May, 2 and 4 pm) */
static void join_range_before(size_t k)
{
	struct lm *b = &lms[k];
	if (b->dead || b->ti < 2 || (b->d.type != types[0] && b->d.type != types[1]) || b->d.value_max[0])
		return;
	size_t j = b->ti;
	while (j > 0 && (link_at(j - 1) & K_SKIP))
		j--;
	if (j < 2)
		return;
	int l = link_at(j - 1);
	size_t n0 = j - 2, b0;
	if (n0 > 0 && TK.t[n0].kind == NF_T_PUNCT && txt[TK.t[n0].s] == '.' && !TK.t[n0].sp && TK.t[n0 - 1].kind == NF_T_NUM)
		n0--; /* vom 3. bis 5. März */
	b0 = n0;
	while (b0 > 0 && (link_at(b0 - 1) & K_SKIP))
		b0--;
	int between = b0 > 0 && (link_at(b0 - 1) & K_BETWEEN);
	if (!((l & K_TO) || ((l & K_AND) && between)) || covered(n0))
		return;
	int x = plain_num(n0, 4);
	const char *bv = b->d.value;
	char v[64] = "";
	struct cap c = {0};
	char *t = strrchr(bv, 'T');
	if (x < 0)
		return;
	if (is_day(bv) && x >= 1 && x < atoi(bv + 8) && slot(E_DAY, n0, &c) == 1)
		snprintf(v, sizeof v, "%.8s%02d", bv, x);
	else if (is_year(bv) && TK.t[n0].e - TK.t[n0].s == 4 && x < atoi(bv) && x > atoi(bv) - 200)
		snprintf(v, sizeof v, "%04d", x);
	else if ((b->flags & LM_CLOCK) && t && strlen(t) == 6 && x <= 24 && TK.t[n0].e - TK.t[n0].s <= 2) {
		int h = atoi(t + 1);
		if (h >= 13 && x < 12 && x + 12 <= h)
			x += 12; /* between 2 and 4 pm */
		snprintf(v, sizeof v, "%.*sT%02d:00", (int)(t - bv), bv, x);
		if (strcmp(v, bv) >= 0)
			return;
	}
	if (!*v)
		return;
	snprintf(b->d.value_max, sizeof b->d.value_max, "%s", bv);
	snprintf(b->d.value, sizeof b->d.value, "%s", v);
	b->d.start = TK.t[n0].s;
	b->ti = n0;
}

/* two bare years joined by a range word, neither found alone: 2014 to 2018, between 2014 and 2018 */
static void bare_year_ranges(void)
{
	for (size_t i = 0; i + 2 < TK.n; i++) {
		if (TK.t[i].kind != NF_T_NUM || TK.t[i].e - TK.t[i].s != 4 || TK.t[i + 2].kind != NF_T_NUM)
			continue;
		int x = plain_num(i, 4), y = plain_num(i + 2, 4), l;
		if (x < 1000 || x > 2999 || y <= x || y >= x + 200 || TK.t[i + 2].e - TK.t[i + 2].s != 4 ||
		    covered(i) || covered(i + 2))
			continue;
		l = link_at(i + 1);
		int between = i > 0 && (link_at(i - 1) & K_BETWEEN);
		if (!((l & K_TO) || ((l & K_AND) && between)))
			continue;
		if (TK.t[i + 1].kind == NF_T_PUNCT && (TK.t[i + 1].sp != TK.t[i + 2].sp))
			continue;
		if (i + 3 < TK.n && !TK.t[i + 3].sp && TK.t[i + 3].kind != NF_T_PUNCT)
			continue;
		struct nf_date d = {.mod = "", .type = types[0]};
		snprintf(d.value, sizeof d.value, "%04d", x);
		snprintf(d.value_max, sizeof d.value_max, "%04d", y);
		d.start = TK.t[i].s, d.end = TK.t[i + 2].e;
		insert(&d, i, i + 3);
		i += 2;
	}
}

static int capital_word(size_t i)
{
	return i < TK.n && TK.t[i].kind == NF_T_WORD && txt[TK.t[i].s] >= 'A' && txt[TK.t[i].s] <= 'Z';
}

static int ends_clause(size_t i) /* the end of the line, . , ; : ) " or a spaced dash */
{
	return i >= TK.n || (TK.t[i].kind == NF_T_PUNCT && (strchr(".,;:)\"", txt[TK.t[i].s]) ||
	                                                   (TK.t[i].sp && (txt[TK.t[i].s] == '-' || /* London 2012 - as */
	                                                                   !strncmp(txt + TK.t[i].s, "\xE2\x80\x93", 3)))));
}

/* a bare year without a preposition, where the context says year: el 2018, nel 2016, (1967),
 * Londres 2012., the 2012 Olympics (English: a capitalised name follows) */
/* the row's conventions, read once per row: German writes every noun capitalised (a count is
 * followed by its noun: 2000 Menschen; a year between two lower-case words is a year: den er
 * 2013 kennenlernte); English capitalises names and months (the 2012 Olympics) */
static int row_nouncase, row_capmonths;

static void bare_years(void)
{
	for (size_t i = 0; i < TK.n; i++) {
		if (TK.t[i].kind != NF_T_NUM || TK.t[i].e - TK.t[i].s != 4)
			continue;
		int y = plain_num(i, 4);
		if (y < 1900 || y > 2099 || TK.t[i].e - TK.t[i].s != 4 || covered(i) ||
		    (i + 1 < TK.n && !TK.t[i + 1].sp && !ends_clause(i + 1)) || (i > 0 && !TK.t[i].sp && txt[TK.t[i - 1].s] != '('))
			continue;
		int ok = (i > 0 && (link_at(i - 1) & K_YEAR) && !(i + 1 < TK.n && TK.t[i + 1].kind == NF_T_NUM)) ||
		         (glued(i + 1, ')') && i > 0 && TK.t[i - 1].kind == NF_T_PUNCT && txt[TK.t[i - 1].s] == '(') ||
		         (i > 0 && capital_word(i - 1) && !(link_at(i - 1) & ~K_YEAR) &&
		          (ends_clause(i + 1) || (y % 100 && y >= 1950 && y < 2040 && i + 1 < TK.n &&
		                                  TK.t[i + 1].kind == NF_T_WORD && !(tfeat[i + 1] & ~F_PAT)))) ||
		         (row_nouncase && y % 100 && y >= 1900 && y < 2040 && i > 0 && TK.t[i - 1].kind == NF_T_WORD &&
		          !capital_word(i - 1) && !(link_at(i - 1) & K_TO) && (ends_clause(i + 1) ||
		          (TK.t[i + 1].kind == NF_T_WORD && !capital_word(i + 1) && !(tfeat[i + 1] & ~F_PAT)))) ||
		         (y % 100 && y >= 1900 && y < 2040 && i > 0 && TK.t[i - 1].kind == NF_T_WORD &&
		          (link_at(i - 1) & K_DET) && i + 1 < TK.n && TK.t[i + 1].kind == NF_T_WORD && !tfeat[i + 1]) ||
		         (row_capmonths && capital_word(i + 1) && i > 0 && TK.t[i - 1].kind == NF_T_WORD &&
		          (link_at(i - 1) & K_DET)) ||
		         (y % 100 && y >= 1900 && y < 2040 && (i == 0 || ends_clause(i - 1)) && i + 1 < TK.n &&
		          TK.t[i + 1].kind == NF_T_WORD && tense_of(i + 1) != T_NONE); /* 2016 was a better year: a verb follows */
		if (!ok)
			continue;
		struct nf_date d = {.mod = "", .type = types[0]};
		snprintf(d.value, sizeof d.value, "%04d", y);
		d.start = TK.t[i].s, d.end = TK.t[i].e;
		insert(&d, i, i + 1);
	}
}

static void join_line(void)
{
	bare_years();
	for (size_t k = 0; k < nlm; k++) { /* Monday, March 5: the date */
		struct lm *a = &lms[k], *b;
		if (a->dead || !(a->flags & LM_WDAY))
			continue;
		size_t j = a->tj + glued(a->tj, ',');
		if ((b = mention_at(k, j)) && is_day(b->d.value) && b->d.type == types[0]) {
			b->d.start = a->d.start, b->ti = a->ti;
			a->dead = 1;
		}
	}
	for (size_t k = 0; k < nlm; k++)
		if (!lms[k].dead && lms[k].d.type == types[0] && (is_day(lms[k].d.value) ||
		    strncmp(lms[k].d.value, "XXXX-WXX-", 9) == 0))
			join_time(&lms[k]);
	for (size_t k = 0; k < nlm; k++)
		if (!lms[k].dead && (lms[k].flags & LM_CLOCK))
			join_pod(&lms[k]);
	for (size_t k = 0; k < nlm; k++) { /* at 8 in the evening: a bare hour before a part of the day */
		struct lm *b = &lms[k];
		size_t j = b->ti;
		while (j > 0 && (link_at(j - 1) & K_PODLINK))
			j--;
		int h = j > 1 ? plain_num(j - 1, 2) : -1;
		char *t = strchr(b->d.value, 'T');
		if (b->dead || !(b->flags & LM_POD) || j == b->ti || h < 1 || h > 12 || !(link_at(j - 2) & K_AT) ||
		    covered(j - 1) || !t || t[1] < 'A')
			continue;
		if (t[1] != 'M' && !(t[1] == 'N' && h < 6) && h < 12)
			h += 12;
		snprintf(t, sizeof b->d.value - (size_t)(t - b->d.value), "T%02d:00", h);
		b->d.start = TK.t[j - 1].s, b->ti = j - 1;
		b->flags = LM_CLOCK;
	}
	for (size_t k = 0; k + 1 < nlm; k++) { /* 3 p.m. on Wednesday: the clock takes that day */
		struct lm *a = &lms[k], *b = &lms[k + 1];
		char *t = strchr(a->d.value, 'T');
		if (!a->dead && !b->dead && (a->flags & LM_CLOCK) && t && t - a->d.value == 10 && b->ti <= a->tj + 2 &&
		    b->d.type == types[0] && is_day(b->d.value) && b->d.value[0] != 'X') {
			memcpy(a->d.value, b->d.value, 10);
		}
	}
	for (size_t k = 0; k < nlm; k++)
		join_range(k);
	for (size_t k = 0; k < nlm; k++)
		join_range_before(k);
	bare_year_ranges();
}

/* a weekday and a part of the day in one word (Freitagmorgen, maandagavond): a TIME mention */
static int wd_from, wd_to; /* the row language's names in wdnames */

static int compound_at(size_t i, const struct ref *r, struct nf_date *d)
{
	if (TK.t[i].kind != NF_T_WORD || TK.t[i].e - TK.t[i].s < 7)
		return 0;
	const char *w = lw(i);
	size_t wl = strlen(w);
	for (int k = wd_from; k < wd_to; k++) {
		size_t l = strlen(wdnames[k].name);
		int p;
		if (l + 3 > wl || memcmp(w, wdnames[k].name, l))
			continue;
		if ((p = get(s_part, w + l, wl - l)) <= 0)
			return 0;
		struct cap c = {0};
		c.wday = wdnames[k].wday;
		if (!fill(NULL, "WEEKDAY", &c, r, i, i + 1, d->value, sizeof d->value))
			return 0;
		size_t vl = strlen(d->value);
		snprintf(d->value + vl, sizeof d->value - vl, "T%s", part_code[p - 1]);
		d->type = types[1];
		d->start = TK.t[i].s, d->end = TK.t[i].e;
		return 1;
	}
	return 0;
}

/* A line longer than LINE_PIECE bytes (a whole dump as one line; news paragraphs are far
 * shorter) is read in pieces, each ending after the last sentence end (. ! ? and a space) of
 * its second half, else at its last space: the rules of a line look at its mentions pairwise,
 * which must stay cheap. A piece is read PIECE_OVER bytes further, so that a mention across
 * its end is whole; it keeps the mentions that start before its end, and the next piece
 * starts after the last of them. The end of the piece that starts at ls: */
#define LINE_PIECE (64 * 1024)
#define PIECE_OVER 1024 /* bytes read past a piece's end: no mention is longer */
static size_t piece_end(const char *text, size_t ls)
{
	size_t hi = ls + LINE_PIECE, lo = ls + LINE_PIECE / 2, sp = 0;
	for (size_t i = hi; i > lo; i--)
		if (text[i] == ' ') {
			if (text[i - 1] == '.' || text[i - 1] == '!' || text[i - 1] == '?')
				return i;
			if (!sp)
				sp = i;
		}
	if (sp)
		return sp;
	while (hi > lo && ((unsigned char)text[hi] & 0xC0) == 0x80)
		hi--; /* not inside a character */
	return hi;
}

int nf_dates_find(const char *text, size_t n, const char *lang, size_t langn, const char *refs, size_t refn,
                  nf_date_cb cb, void *ctx)
{
	struct ref r = {0};
	int rc = 0;
	cur_langn = 0;
	cur_lang[0] = 0;
	if (langn && langn < sizeof cur_lang && !(langn == 3 && memcmp(lang, "und", 3) == 0)) {
		memcpy(cur_lang, lang, langn);
		cur_lang[langn] = 0;
		cur_langn = langn;
	}
	if (refn) { /* YYYY-MM or YYYY-MM-DD, optionally followed by a time: 2024-03-21T10:00 */
		int y = 0, m = 0, d = 0, ok = refn >= 7 && refs[4] == '-';
		for (size_t k = 0; ok && k < (refn < 10 ? refn : 10); k++)
			ok = (k == 4 || k == 7) ? refs[k] == '-' : refs[k] >= '0' && refs[k] <= '9';
		ok = ok && (refn == 7 || refn == 10 || (refn > 10 && (refs[10] == 'T' || refs[10] == ' ')));
		if (ok) {
			y = atoi(refs), m = atoi(refs + 5), d = refn >= 10 ? atoi(refs + 8) : 0;
			ok = y >= 1000 && m >= 1 && m <= 12 && (!d || d <= days_in(y, m)) && (refn == 7 || d >= 1);
		}
		if (ok)
			r = (struct ref){y, m, d, 1};
		else
			rc = -1;
	}
	line_ref = r;
	txt = text;
	row_lid = cur_langn ? lid_of(cur_lang) : -2;
	int quoted_lid = lid_of(conv("quoted")); /* the language of quoted phrases: English */
	int compounds = strcmp(conv("compounds"), "yes") == 0, proclitics = strcmp(conv("proclitics"), "yes") == 0;
	row_nouncase = strcmp(conv("nouns"), "capital") == 0;
	row_capmonths = strcmp(conv("months"), "capital") == 0;
	for (wd_from = 0; compounds && wd_from < nwdnames && strcmp(wdnames[wd_from].lang, cur_lang); wd_from++)
		;
	for (wd_to = wd_from; compounds && wd_to < nwdnames && !strcmp(wdnames[wd_to].lang, cur_lang); wd_to++)
		;
	char last_day[16] = ""; /* the last full date of the line, for clock times */
	for (size_t ls = 0; ls < n;) {
		const char *nl = memchr(text + ls, '\n', n - ls);
		size_t le = nl ? (size_t)(nl - text) : n, next = le + 1, line_end = le, commit = (size_t)-1;
		if (le - ls > LINE_PIECE) { /* a dump as one line: a piece at a time */
			commit = piece_end(text, ls); /* the mentions that start before it are this piece's */
			size_t over = commit + PIECE_OVER; /* read on a little, for those that end after it */
			while (over < le && text[over] != ' ')
				over++;
			if (over < le)
				le = over;
		}
		nf_tokenize(&TK, text, ls, le);
		last_day[0] = 0;
		nlm = 0;
		if (lowcap < TK.n + 1) {
			lowcap = TK.n + 1;
			lowoff = nf_xrealloc(lowoff, lowcap * sizeof *lowoff);
			tfeat = nf_xrealloc(tfeat, lowcap * sizeof *tfeat);
			tcache = nf_xrealloc(tcache, lowcap * sizeof *tcache);
		}
		low.len = 0;
		for (size_t i = 0; i < TK.n; i++) {
			char w[128];
			size_t k = TK.t[i].kind == NF_T_NUM ? 0 : nf_tok_lower(text, TK.t[i].s, TK.t[i].e, w);
			lowoff[i] = low.len;
			nf_buf_add(&low, w, k);
			nf_buf_addc(&low, 0);
			tfeat[i] = TK.t[i].kind == NF_T_NUM ? F_NUM | F_ORD : feat(w, k);
			size_t pl;
			if (!tfeat[i] && k > 4 && w[k - 2] == '\'' && w[k - 1] == 's' && (tfeat[i] = feat(w, k - 2))) {
				low.len = lowoff[i]; /* Saturday's crash, tonight's rally: the word without its 's */
				nf_buf_add(&low, w, k - 2);
				nf_buf_addc(&low, 0);
			} else if (proclitics && !tfeat[i] && TK.t[i].kind == NF_T_WORD &&
			           (pl = nf_tok_proclitics(w, k, 0)) > 0 &&
			    (tfeat[i] = feat(w + pl, k - pl))) { /* وأمس, بالأمس, وهذا: the word without its proclitics */
				low.len = lowoff[i];
				nf_buf_add(&low, w + pl, k - pl);
				nf_buf_addc(&low, 0);
				TK.t[i].s += (uint32_t)pl;
			}
		}
		memset(tcache, -1, TK.n + 1);
		lowoff[TK.n] = low.len; /* one past the last token: an empty word, no feature ("in years one */
		nf_buf_addc(&low, 0);    /* and two": a look-ahead at the line's end reads nothing) */
		tfeat[TK.n] = 0;
		for (size_t i = 0; i < TK.n;) {
			struct nf_date d; /* set field by field: zeroing it costs as much as a token's lookups */
			d.mod = "";
			d.type = NULL;
			d.start = d.end = 0;
			d.value[0] = d.value_max[0] = 0;
			size_t used = 0, hh_used;
			struct clock ck;
			/* clock times and numeric dates first */
			if ((hh_used = time_at(i, &ck)) > 0) {
				d.type = types[1];
				char hm[48];
				int l = snprintf(hm, sizeof hm, "T%02d:%02d", ck.h, ck.m);
				if (ck.secs)
					l += snprintf(hm + l, sizeof hm - (size_t)l, ":%02d", ck.s);
				snprintf(hm + l, sizeof hm - (size_t)l, "%s", ck.zone);
				char later[16];
				if (!last_day[0])
					day_after(i + hh_used, &r, row_lid, later, sizeof later);
				if (last_day[0])
					snprintf(d.value, sizeof d.value, "%s%s", last_day, hm);
				else if (later[0])
					snprintf(d.value, sizeof d.value, "%s%s", later, hm);
				else if (r.ok && r.d)
					snprintf(d.value, sizeof d.value, "%04d-%02d-%02d%s", r.y, r.m, r.d, hm);
				else
					snprintf(d.value, sizeof d.value, "XXXX-XX-XX%s", hm);
				d.start = TK.t[i].s;
				d.end = TK.t[i + hh_used - 1].e;
				if (glued(i + hh_used, '.') && hh_used && lw(i + hh_used - 1)[0] && strchr(lw(i + hh_used - 1), '.'))
					d.end = TK.t[i + hh_used].e;
				push(&d, i, i + hh_used, LM_CLOCK);
				i += hh_used;
				continue;
			}
			if ((used = numeric_at(i, d.value, sizeof d.value, &r)) > 0) {
				d.type = strchr(d.value, 'T') ? types[1] : types[0];
				d.start = TK.t[i].s;
				d.end = TK.t[i + used - 1].e;
				if (strlen(d.value) == 10)
					snprintf(last_day, sizeof last_day, "%.10s", d.value);
				if (d.value[0])
					push(&d, i, i + used, 0);
				i += used;
				continue;
			}
			/* a context word before them (by 1530 EST, in 2350 BC, in 2024-03-21): not the bare
			 * year of a pattern "by {year}", unless a pattern reads further */
			if (i + 1 < TK.n && (tfeat[i] & F_PAT) && TK.t[i + 1].kind == NF_T_NUM) {
				char v2[64];
				size_t u2 = time_at(i + 1, &ck);
				if (!u2)
					u2 = numeric_at(i + 1, v2, sizeof v2, &r);
				if (u2) {
					struct cap c3;
					const struct pat *p3 = NULL;
					long b3 = best_at(i, row_lid, &c3, &p3);
					if (b3 > (long)(i + 1) && b3 <= (long)(i + 1 + u2)) { /* it would take the number */
						i++;
						continue;
					}
				}
			}
			struct cap bc;
			const struct pat *bp = NULL;
			long best = best_at(i, row_lid, &bc, &bp);
			if (best > (long)i && bc.from > i) { /* context words first: is there a longer match from the span? */
				struct cap c2;
				const struct pat *p2 = NULL;
				long b2 = best_at(bc.from, row_lid, &c2, &p2);
				if (b2 > best)
					best = b2, bc = c2, bp = p2;
			}
			if (best <= (long)i && row_lid >= 0 && row_lid != quoted_lid && quoted_lid >= 0 && tfeat[i]) {
				/* an English phrase quoted in another language: multi-word English patterns only */
				long b2 = best_at(i, quoted_lid, &bc, &bp);
				if (b2 > (long)i && bc.to - bc.from >= 2)
					best = b2;
			}
			if (best > (long)i && bp && bc.to > bc.from) {
				d.type = bp->type;
				if (fill(bp, bp->value, &bc, &r, bc.from, bc.to, d.value, sizeof d.value) &&
				    fill(bp, bp->value_max, &bc, &r, bc.from, bc.to, d.value_max, sizeof d.value_max)) {
					d.start = TK.t[bc.from].s;
					d.end = TK.t[bc.to - 1].e;
					d.mod = bp->mod;
					if (!*d.mod && d.type == types[2]) {
						size_t first;
						d.mod = nf_mod_before(text, &TK, bc.from, cur_lang, &first);
						int k;
						if (first < bc.from && (k = get(s_words, lw(first), strlen(lw(first)))) > 0 && (k & W_NOTMOD))
							d.mod = ""; /* over the next 10 years, over tien jaar: not "more than" */
					}
					if (strlen(d.value) == 10 && d.value[4] == '-' && d.value[0] != 'X')
						snprintf(last_day, sizeof last_day, "%.10s", d.value);
					push(&d, bc.from, bc.to, strncmp(bp->value, "POD:", 4) == 0 ? LM_POD
					     : strstr(bp->value, "WEEKDAY") || strncmp(bp->value, "WDAY:", 5) == 0 ? LM_WDAY
					     : strncmp(bp->value, "MONTH", 5) == 0 || strncmp(bp->value, "DAYMONTH", 8) == 0 ? LM_NOYEAR : 0);
				}
				i = (size_t)best;
				continue;
			}
			if (compounds && compound_at(i, &r, &d))
				push(&d, i, i + 1, 0);
			i++;
		}
		join_line();
		size_t reach = commit;
		for (size_t k = 0; k < nlm; k++)
			if (!lms[k].dead && lms[k].d.start < commit) {
				cb(&lms[k].d, ctx);
				if (commit != (size_t)-1 && lms[k].d.end > reach)
					reach = lms[k].d.end;
			}
		nlm = 0;
		if (commit != (size_t)-1) /* the next piece starts after the last mention taken */
			next = reach < line_end ? reach : line_end + 1;
		ls = next;
	}
	return rc;
}
