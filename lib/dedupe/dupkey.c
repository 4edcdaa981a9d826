/* dupkey.c — see dupkey.h */
#include "dedupe/dupkey.h"
#include "text/textnorm.h"
#include "core/strset.h"
#include "core/utf8.h"
#include <string.h>
#include <utf8proc.h>

static inline uint64_t mix64(uint64_t x) /* splitmix64's finaliser */
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

uint64_t nf_hash64(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ull ^ mix64(seed + n);
	for (; n >= 8; n -= 8, s += 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ mix64(w)) * 0x100000001b3ull;
	}
	uint64_t w = 0;
	memcpy(&w, s, n);
	return mix64(h ^ mix64(w ^ 0x9E3779B97F4A7C15ull));
}

#define NW (NF_DUP_WBANDS * NF_DUP_WROWS)
/* the hash functions, fixed from a fixed seed: NF_DUP_K for shingles, NW for words */
static uint64_t mul[NF_DUP_K], add[NF_DUP_K], wmul[NW], wadd[NW];

static void dw_load(void);
static void exact_init(void);

void nf_dupkey_init(void)
{
	uint64_t x = 0x6E6577736669ull; /* "newsfi" */
	for (int b = 0; b < NF_DUP_K; b++) {
		x += 0x9E3779B97F4A7C15ull, mul[b] = mix64(x) | 1;
		x += 0x9E3779B97F4A7C15ull, add[b] = mix64(x);
	}
	for (int b = 0; b < NW; b++) {
		x += 0x9E3779B97F4A7C15ull, wmul[b] = mix64(x) | 1;
		x += 0x9E3779B97F4A7C15ull, wadd[b] = mix64(x);
	}
	struct nf_norm_opts o = {.nfkc = 1};
	nf_norm_init(&o);
	dw_load();
	exact_init();
}

/* scripts written without spaces: one character, one word; 2 for a Han character or a Hangul
 * syllable, 1 for a letter of an alphabet (kana, Thai, Lao, Khmer, Myanmar); 0 otherwise,
 * digits of those scripts too */
static int own_word(int32_t c)
{
	if (c < 0xE00)
		return 0;
	switch (nf_script(c)) { /* core/script.h */
	case NF_SC_THAI: case NF_SC_LAOO: case NF_SC_KHMR: case NF_SC_MYMR: case NF_SC_KANA: return 1;
	case NF_SC_HANI: case NF_SC_HANG: return 2;
	}
	return 0;
}

/* a character's class and its folded form (case folded, compatibility decomposed, marks
 * stripped); the Basic Multilingual Plane's are cached on first use */
enum { C_SEP = 1, C_MARK, C_UPPER, C_LETTER, C_DIGIT, C_NUMBER, C_LOWER }; /* C_LETTER: caseless */
static uint64_t fcache[0x10000]; /* class | count << 3 | cp1 << 6 | cp2 << 27; 0: not yet */

static int fold(int32_t c, utf8proc_int32_t *out, utf8proc_ssize_t *m)
{
	uint64_t f = c < 0x10000 ? fcache[c] : 0;
	if (f) {
		*m = (utf8proc_ssize_t)(f >> 3 & 7);
		out[0] = (utf8proc_int32_t)(f >> 6 & 0x1FFFFF), out[1] = (utf8proc_int32_t)(f >> 27 & 0x1FFFFF);
		return (int)(f & 7);
	}
	int cat = utf8proc_get_property(c)->category, cls;
	if ((cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) || cat == UTF8PROC_CATEGORY_CF || c == 0x0640)
		cls = C_MARK; /* marks, format characters (soft hyphen, ZWSP, bidi), tatweel: ignored */
	else if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
		cls = C_UPPER;
	else if (cat == UTF8PROC_CATEGORY_LL)
		cls = C_LOWER;
	else if (cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_LO)
		cls = C_LETTER;
	else if (cat == UTF8PROC_CATEGORY_ND)
		cls = C_DIGIT;
	else if (cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO)
		cls = C_NUMBER;
	else
		cls = C_SEP;
	int last = 0;
	*m = cls == C_MARK || cls == C_SEP ? 0 : utf8proc_decompose_char(c, out, 8, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK, &last);
	if (cls != C_MARK && cls != C_SEP && (*m < 1 || *m > 8))
		out[0] = c, *m = 1;
	if (c < 0x10000 && *m <= 2)
		fcache[c] = (uint64_t)cls | (uint64_t)*m << 3 | (uint64_t)(*m > 0 ? out[0] : 0) << 6 | (uint64_t)(*m > 1 ? out[1] : 0) << 27;
	return cls;
}

/* would nf_norm_text change the words of s? Only with an entity, a control character, or what
 * looks like mojibake: a Latin-1 reading of a UTF-8 lead byte (U+00C2..U+00F4) followed by
 * that of a continuation byte (U+0080..U+00BF or a Windows-1252 symbol). The format characters
 * it removes (soft hyphen, zero-width space, BOM, bidi controls, tatweel) are ignored below. */
static int needs_clean(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	for (size_t i = 0; i < n; i++) {
		while (i + 8 <= n) { /* 8 plain ASCII bytes at a time: no high bit, no '&', no control */
			uint64_t v, amp, del;
			memcpy(&v, s + i, 8);
			amp = v ^ (ones * '&'), del = v ^ (ones * 0x7F);
			if ((v | ((v - ones * 0x20) & ~v) | ((amp - ones) & ~amp) | ((del - ones) & ~del)) & highs)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned b = s[i];
		if (b < 0x80) {
			if (b == '&' || (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)
				return 1;
			continue;
		}
		if (b == 0xC2 && i + 1 < n && s[i + 1] < 0xA0)
			return 1; /* a C1 control */
		if (b == 0xC3 && i + 2 < n && s[i + 1] >= 0x82 && s[i + 1] <= 0xB4) {
			unsigned c = s[i + 2];
			if (c == 0xC2 || c == 0xC5 || c == 0xC6 || c == 0xCB || c == 0xE2)
				return 1;
		}
	}
	return 0;
}

static const unsigned char ascii_fold[128] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
#define L(c) [c] = c, [c - 32] = c
	L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'), L('m'),
	L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
};

static void push(nf_dupkey *k, uint64_t h, int light)
{
	if (k->ntok == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 1024;
		k->tok = nf_xrealloc(k->tok, k->cap * sizeof *k->tok);
	}
	k->tok[k->ntok++] = (mix64(h) & ~1ull) | (uint64_t)light;
}
#define UNITS(t) ((t) & 1 ? 3 : 4)

/* MinHash over the shingles of NF_DUP_SHINGLE units (the whole text when shorter): NF_DUP_K
 * multiply-shift hash functions of the shingle's 64-bit hash into bins; and over the words (two
 * letters of an alphabet make one) into wbins, for the word bands. Returns the shingles. The
 * loops vectorise; a clone for AVX-512 (64-bit multiplies) is chosen at run time where the
 * processor has it, with the same results. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v4", "default")))
#endif
static uint32_t minhash(const uint64_t *t, size_t nt, uint64_t seed, uint32_t *bins, uint32_t *wbins)
{
	uint32_t nsh = 0;
	for (int b = 0; b < NF_DUP_K; b++)
		bins[b] = UINT32_MAX;
	for (int b = 0; b < NW; b++)
		wbins[b] = UINT32_MAX;
	for (size_t i = 0; i < nt; i++) {
		uint64_t sh = seed;
		unsigned u = 0;
		size_t j = i;
		for (; j < nt && u < NF_DUP_SHINGLE; j++)
			sh = mix64(sh ^ t[j]) + (j - i), u += UNITS(t[j]);
		if (u < NF_DUP_SHINGLE && i > 0)
			break;
		nsh++;
		for (int b = 0; b < NF_DUP_K; b++) {
			uint32_t v = (uint32_t)((sh * mul[b] + add[b]) >> 32);
			bins[b] = v < bins[b] ? v : bins[b];
		}
	}
	for (size_t i = 0; i < nt; i++) {
		uint64_t w = t[i];
		if ((w & 1) && i + 1 < nt && (t[i + 1] & 1))
			w = mix64(w ^ t[i + 1]);
		w ^= seed;
		for (int b = 0; b < NW; b++) {
			uint32_t v = (uint32_t)((w * wmul[b] + wadd[b]) >> 32);
			wbins[b] = v < wbins[b] ? v : wbins[b];
		}
	}
	return nsh;
}

/* ---- dates and times: numbers that never count against a pair ----
 * A number word is a date part when it is shaped like one where the words are cut: d-m-y,
 * d/m/y, d.m.y, y-m-d (one separator between the parts, plausible values), hh:mm[:ss], a day
 * or a year beside a month name (lib/data/months.tsv), a number before 年/月/日 and the like,
 * a year after (c), © or Copyright (lib/data/dedupe/datewords.tsv). Its bit is then taken out
 * of the number set (the words still make shingles). */
enum { DW_MONTH = 1, DW_BEFORE = 2, DW_LINK = 4, DW_Y = 8, DW_M = 16, DW_D = 32, DW_H = 64 }; /* DW_Y..DW_H: after a number */
#define DW_CAP 2048 /* a power of two, over four times the words */
static uint64_t dw_key[DW_CAP];
static uint8_t dw_kind[DW_CAP];
static uint64_t dw_c; /* the word "c", a copyright sign when it follows '(' */
extern const char nf_data_months[], nf_data_dedupe_datewords[], nf_data_dedupe_teasers[];
extern const unsigned long nf_data_months_len, nf_data_dedupe_datewords_len, nf_data_dedupe_teasers_len;

/* the token nf_dupkey_make makes of the next word from *pp on (without the weight bit), *pp
 * moved past it; 0: no word left */
static uint64_t next_tok(const unsigned char **pp, const unsigned char *e)
{
	const unsigned char *p = *pp;
	const uint64_t P = 0x100000001b3ull;
	uint64_t h = 0xcbf29ce484222325ull;
	int any = 0;
	while (p < e) {
		int32_t c = *p;
		int len = 1;
		if (c < 0x80) {
			if ((c | 32) >= 'a' && (c | 32) <= 'z')
				c |= 32;
			else if (!(c >= '0' && c <= '9')) {
				p++;
				if (any)
					break;
				continue;
			}
			p++;
			h = (h ^ (uint64_t)c) * P, any = 1;
			continue;
		}
		len = nf_utf8_dec(p, e, &c);
		if (c < 0) {
			p += len;
			break;
		}
		utf8proc_int32_t out[8];
		utf8proc_ssize_t m;
		int cls = fold(c, out, &m), own = own_word(c);
		if (own && any)
			break; /* left for the next call */
		p += len;
		if (cls == C_MARK)
			continue;
		if (cls == C_SEP) {
			if (any)
				break;
			continue;
		}
		for (utf8proc_ssize_t i = 0; i < m; i++)
			h = (h ^ (uint64_t)out[i]) * P;
		any = 1;
		if (own)
			break;
	}
	*pp = p;
	return any ? mix64(h) & ~1ull : 0;
}

static uint64_t word_tok(const char *s) /* the token of the first word of s */
{
	const unsigned char *p = (const unsigned char *)s;
	return next_tok(&p, p + strlen(s));
}

/* teasers' links: hashes of their token sequences */
#define TZ_MAX 6
#define TZ_CAP 256
static uint64_t tz_key[TZ_CAP];
static uint64_t seq_hash(const uint64_t *t, int n)
{
	uint64_t x = (uint64_t)n;
	for (int i = 0; i < n; i++)
		x = mix64(x ^ (t[i] & ~1ull));
	return x | 1;
}

static void tz_add(char **f, int n, void *ctx) /* teasers.tsv: LANG PHRASE */
{
	(void)ctx;
	if (n < 2)
		return;
	uint64_t t[TZ_MAX + 1];
	int nt = 0;
	const unsigned char *p = (const unsigned char *)f[1], *e = p + strlen(f[1]);
	for (uint64_t x; nt <= TZ_MAX && (x = next_tok(&p, e));)
		t[nt++] = x;
	if (nt < 1 || nt > TZ_MAX)
		return; /* a longer phrase is left out */
	uint64_t h = seq_hash(t, nt);
	size_t s = (size_t)(h >> 40) & (TZ_CAP - 1);
	while (tz_key[s] && tz_key[s] != h)
		s = (s + 1) & (TZ_CAP - 1);
	tz_key[s] = h;
}

/* the tokens of the teaser's link that ends k, 0 if none */
static int ends_teaser(const nf_dupkey *k)
{
	for (int n = 1; n <= TZ_MAX && (size_t)n < k->ntok; n++) {
		uint64_t h = seq_hash(k->tok + k->ntok - n, n);
		for (size_t s = (size_t)(h >> 40) & (TZ_CAP - 1); tz_key[s]; s = (s + 1) & (TZ_CAP - 1))
			if (tz_key[s] == h)
				return n;
	}
	return 0;
}

static void dw_add(uint64_t t, int kind)
{
	if (!t)
		return;
	size_t s = (size_t)(t >> 40) & (DW_CAP - 1);
	while (dw_key[s] && dw_key[s] != t)
		s = (s + 1) & (DW_CAP - 1);
	dw_key[s] = t, dw_kind[s] |= (uint8_t)kind;
}

static int dw_get(uint64_t t) /* t: a token, weight bit and all */
{
	t &= ~1ull;
	for (size_t s = (size_t)(t >> 40) & (DW_CAP - 1); dw_key[s]; s = (s + 1) & (DW_CAP - 1))
		if (dw_key[s] == t)
			return dw_kind[s];
	return 0;
}

static void dw_month(char **f, int n, void *ctx) /* months.tsv: LANG NUM NAME FORM */
{
	(void)ctx;
	if (n > 2)
		dw_add(word_tok(f[2]), DW_MONTH);
}

static void dw_word(char **f, int n, void *ctx) /* datewords.tsv: WORD KIND */
{
	static const char *const kinds[] = {"before", "link", "year", "month", "day", "hour"}; /* DW_BEFORE... */
	(void)ctx;
	for (int i = 0; n > 1 && i < 6; i++)
		if (strcmp(f[1], kinds[i]) == 0)
			dw_add(word_tok(f[0]), DW_BEFORE << i);
}

static void dw_load(void)
{
	if (dw_c)
		return;
	nf_table_each(nf_data_months, nf_data_months_len, dw_month, NULL);
	nf_table_each(nf_data_dedupe_datewords, nf_data_dedupe_datewords_len, dw_word, NULL);
	nf_table_each(nf_data_dedupe_teasers, nf_data_dedupe_teasers_len, tz_add, NULL);
	dw_c = word_tok("c");
}

typedef struct {
	size_t tok;      /* its token */
	uint32_t val;    /* its value (when nd <= 4) */
	uint8_t nd, sep; /* digits; the one separator before it (0: none or several) */
	uint8_t bit, date;
} dnum;

typedef struct {
	dnum r[3];         /* the last three number words, newest first */
	int nr;
	size_t copy_at;    /* a token just after a copyright sign (+1; 0: none) */
	uint32_t cnt[64];  /* number words per bit of the number set, less the date parts */
	uint8_t dbit[64];  /* the bits of the first 64 date parts */
	int ndates;
} dstate;

static void dmark(dstate *d, dnum *r)
{
	if (r->date)
		return;
	r->date = 1, d->cnt[r->bit]--;
	if (d->ndates < 64)
		d->dbit[d->ndates++] = r->bit;
}

static int is_year(const dnum *r) { return r->nd == 4 && r->val >= 1900 && r->val <= 2099; }
static int is_day(const dnum *r) { return r->nd <= 2 && r->val >= 1 && r->val <= 31; }

/* a number word ends: token t of k, its value, digits and the separator before it */
static void dnum_end(dstate *d, const nf_dupkey *k, size_t t, uint32_t val, int nd, int sep)
{
	d->r[2] = d->r[1], d->r[1] = d->r[0];
	dnum *n = &d->r[0], *r1 = &d->r[1], *r2 = &d->r[2];
	n->tok = t, n->val = val, n->nd = (uint8_t)(nd > 9 ? 9 : nd), n->sep = (uint8_t)sep;
	n->bit = (uint8_t)(k->tok[t] >> 58), n->date = 0;
	d->cnt[n->bit]++;
	d->nr += d->nr < 3;
	int p1 = d->nr > 1 && r1->tok + 1 == t, p2 = p1 && d->nr > 2 && r2->tok + 2 == t;
	if (p1 && sep == ':' && nd == 2 && val <= 59 && ((r1->nd <= 2 && r1->val <= 24) || (r1->date && r1->sep == ':'))) {
		dmark(d, r1), dmark(d, n); /* hh:mm, hh:mm:ss */
		return;
	}
	if (p2 && sep == r1->sep && (sep == '-' || sep == '/' || sep == '.') &&
	    ((is_year(r2) && r1->nd <= 2 && r1->val >= 1 && r1->val <= 12 && is_day(n)) ||
	     (is_day(r2) && is_day(r1) && (r2->val <= 12 || r1->val <= 12) && (nd == 4 ? is_year(n) : nd == 2)))) {
		dmark(d, r2), dmark(d, r1), dmark(d, n); /* y-m-d, d-m-y, m/d/y, d.m.yy */
		return;
	}
	int w1 = t >= 1 ? dw_get(k->tok[t - 1]) : 0;
	if (is_year(n)) {
		if (d->copy_at == t + 1 || (w1 & (DW_BEFORE | DW_MONTH)) || (t >= 2 && (dw_get(k->tok[t - 2]) & DW_MONTH)) ||
		    (p1 && r1->date && (sep == '-' || sep == '/')))
			dmark(d, n); /* (c) 2024, March 2024, 5 de marzo de 2024, March 5, 2024, 2015-2024 */
	} else if (is_day(n) && (w1 & DW_MONTH))
		dmark(d, n); /* March 5 */
}

/* a word that is not a number ends: token t; sep: the separator before it */
static void dword_end(dstate *d, const nf_dupkey *k, size_t t, int sep)
{
	if (sep == '(' && (k->tok[t] & ~1ull) == dw_c)
		d->copy_at = t + 2; /* (c): the next token */
	if (!d->nr)
		return;
	dnum *r = &d->r[0];
	if (r->tok + 1 == t && !r->date) {
		int w = dw_get(k->tok[t]);
		if (((w & DW_Y) && r->nd <= 4) || ((w & DW_M) && r->nd <= 2 && r->val >= 1 && r->val <= 12) ||
		    ((w & (DW_D | DW_MONTH)) && is_day(r)) || ((w & DW_H) && r->nd <= 2 && r->val <= 24))
			dmark(d, r); /* 2024年, 3月, 5日, 14時, 5 March, 5. März */
	} else if (r->tok + 2 == t && !r->date && is_day(r) && (dw_get(k->tok[t - 1]) & DW_LINK) && (dw_get(k->tok[t]) & DW_MONTH))
		dmark(d, r); /* 5 de marzo */
}

/* ---- exact mode in one pass ----
 * The key and the words of a text that needs no cleaning, as the general loop below computes
 * them (the same folded characters hashed in the same order, the same word ends), with
 * needs_clean's tests made on the way: a '&', a control character, DEL, a C1 control
 * (C2 80..9F), the mojibake pattern (C3 82..B4 then C2, C5, C6, CB or E2). Valid UTF-8 only:
 * there C2 and C3 are lead bytes, so testing them at each character's start is testing them at
 * every byte, as needs_clean does. It declines (0, nothing set) a text that needs cleaning or
 * holds an invalid or four-byte sequence: the general path then reads it from its start. */
static unsigned char ascii_x[128]; /* ascii_fold; 0xFF: needs cleaning; 0xFE: a separator TSV escapes */
static uint8_t own_x[0x10000];     /* own_word(c) + 1 for c >= 0xE00; 0: not yet */

static void exact_init(void)
{
	for (int b = 0; b < 128; b++)
		ascii_x[b] = b == '&' || (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F ? 0xFF
		             : b == '\t' || b == '\n' || b == '\r' || b == '\\' ? 0xFE : ascii_fold[b];
}

static int exact_fast(nf_dupkey *k, const unsigned char *p, size_t n, uint64_t seed)
{
	const unsigned char *e = p + n;
	const uint64_t P = 0x100000001b3ull;
	uint64_t ex = 0xcbf29ce484222325ull ^ seed;
	size_t words = 0, in = 0;
	int esc = 0;
	while (p < e) {
		unsigned b = *p;
		if (b < 0x80) { /* without a branch on the letter: word ends are not predictable */
			unsigned f = ascii_x[b];
			p++;
			if (f >= 0xFE) {
				if (f == 0xFF)
					return 0;
				esc = 1;
			}
			size_t letter = f - 1 < 0x7F; /* a letter or digit, folded */
			uint64_t h = (ex ^ f) * P;
			ex = letter ? h : ex;
			words += in & ~letter, in = letter;
			continue;
		}
		int32_t c;
		if (b < 0xE0) {
			if (b < 0xC2 || e - p < 2 || (p[1] & 0xC0) != 0x80 || (b == 0xC2 && p[1] < 0xA0))
				return 0; /* invalid, or a C1 control */
			if (b == 0xC3 && p[1] >= 0x82 && p[1] <= 0xB4 && e - p > 2 &&
			    (p[2] == 0xC2 || p[2] == 0xC5 || p[2] == 0xC6 || p[2] == 0xCB || p[2] == 0xE2))
				return 0; /* mojibake */
			c = (int32_t)((b & 0x1F) << 6 | (p[1] & 0x3F));
			p += 2;
		} else if (b < 0xF0) {
			if (e - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (b == 0xE0 && p[1] < 0xA0) ||
			    (b == 0xED && p[1] > 0x9F))
				return 0;
			c = (int32_t)((b & 0x0F) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3F));
			p += 3;
		} else
			return 0;
		uint64_t f = fcache[c];
		utf8proc_int32_t o[8];
		utf8proc_ssize_t m = 0;
		if (!f) {
			int cls = fold(c, o, &m);
			if (!(f = fcache[c]))
				f = (uint64_t)cls; /* folds to more than two characters, in o[0..m) */
		}
		int cls = (int)(f & 7);
		if (cls == C_MARK)
			continue;
		if (cls == C_SEP) {
			words += in, in = 0;
			continue;
		}
		int own = 0;
		if (c >= 0xE00) {
			if (!own_x[c])
				own_x[c] = (uint8_t)(own_word(c) + 1);
			own = own_x[c] - 1;
		}
		if (own) /* a word of its own */
			words += in + 1, in = 0;
		else
			in = 1;
		if (!(f >> 3)) {
			for (utf8proc_ssize_t i = 0; i < m; i++)
				ex = (ex ^ (uint64_t)o[i]) * P;
			continue;
		}
		ex = (ex ^ (f >> 6 & 0x1FFFFF)) * P;
		if ((f >> 3 & 7) == 2)
			ex = (ex ^ (f >> 27 & 0x1FFFFF)) * P;
	}
	k->clean.len = 0;
	k->ntok = words + in, k->stub = 0;
	k->nums = k->dates = k->names = 0;
	k->nsh = 0;
	k->exact = mix64(ex);
	return 1 + 2 * esc;
}

int nf_dupkey_exact_fast(nf_dupkey *k, const char *text, size_t n, uint64_t seed)
{
	return exact_fast(k, (const unsigned char *)text, n, seed);
}

void nf_dupkey_make(nf_dupkey *k, const char *text, size_t n, int near, uint64_t seed)
{
	if (!near && exact_fast(k, (const unsigned char *)text, n, seed))
		return;
	nf_dupkey_make_slow(k, text, n, near, seed);
}

void nf_dupkey_make_slow(nf_dupkey *k, const char *text, size_t n, int near, uint64_t seed)
{
	struct nf_norm_stats st = {0};
	k->clean.len = 0;
	const unsigned char *p, *e;
	if (!needs_clean((const unsigned char *)text, n))
		p = (const unsigned char *)text, e = p + n;
	else {
		nf_norm_text(text, n, &k->clean, &st);
		p = (const unsigned char *)k->clean.p, e = p + k->clean.len;
	}
	k->ntok = 0, k->stub = 0;
	k->nums = k->dates = k->names = 0;
	k->nsh = 0;
	const uint64_t P = 0x100000001b3ull;
	uint64_t ex = 0xcbf29ce484222325ull ^ seed, h = 0;
	/* facts: number words, and capitalised words not at the start of a sentence (names) in a
	 * text whose words are mostly in a cased script (a Latin name in a Korean text tells little) */
	int in = 0, digits = 1, light = 0, cap = 0, start = 1, letter = 0, cased = 0;
	size_t nletter = 0, ncased = 0;
	/* dates: a number word's value and digits, the separators since the last word (their
	 * count, the last of them) */
	uint32_t val = 0;
	int nd = 0, nsep = 0, sepc = 0;
	size_t nown = 0; /* words of a character each */
	dstate ds;
	if (near)
		memset(&ds, 0, sizeof ds);
#define END_WORD()                                                                             \
	do {                                                                                       \
		if (in && !near) /* exact mode: the number of words only */                            \
			k->ntok++;                                                                         \
		else if (in) {                                                                         \
			push(k, h, light);                                                                 \
			int sep1 = nsep == 1 ? sepc : 0;                                                   \
			if (digits)                                                                        \
				dnum_end(&ds, k, k->ntok - 1, val, nd, sep1);                                  \
			else {                                                                             \
				if (cap)                                                                       \
					k->names |= 1ull << (k->tok[k->ntok - 1] >> 58);                           \
				if ((ds.nr && !ds.r[0].date && ds.r[0].tok + 3 > k->ntok) || (nsep && sepc == '(')) \
					dword_end(&ds, k, k->ntok - 1, nsep && sepc == '(' ? '(' : sep1);          \
			}                                                                                  \
			nletter += (size_t)letter, ncased += (size_t)cased;                                \
			start = 0, nsep = 0;                                                               \
		}                                                                                      \
		in = 0, h = 0xcbf29ce484222325ull, digits = 1, light = 0, cap = 0, letter = cased = 0; \
		val = 0, nd = 0;                                                                       \
	} while (0)
	h = 0xcbf29ce484222325ull;
	while (p < e) {
		if (!near) { /* exact mode: the key and the number of words only, ASCII by table, two-byte
		              * characters (Latin, Greek, Cyrillic, Arabic, Hebrew) by the fold cache */
			size_t words = 0;
			for (;;) {
				while (p < e && *p < 0x80) {
					unsigned f = ascii_fold[*p++];
					if (f)
						ex = (ex ^ f) * P, in = 1;
					else
						words += (size_t)in, in = 0;
				}
				if (p + 1 >= e || (*p & 0xE0) != 0xC0 || (p[1] & 0xC0) != 0x80 || *p < 0xC2)
					break;
				int32_t c2 = (*p & 0x1F) << 6 | (p[1] & 0x3F);
				uint64_t f = fcache[c2];
				if (!f) {
					utf8proc_int32_t o[8];
					utf8proc_ssize_t m;
					fold(c2, o, &m);
					if (!(f = fcache[c2]))
						break; /* folds to more than two characters */
				}
				p += 2;
				int cls = (int)(f & 7);
				if (cls == C_MARK)
					continue;
				if (cls == C_SEP) {
					words += (size_t)in, in = 0;
					continue;
				}
				ex = (ex ^ (f >> 6 & 0x1FFFFF)) * P, in = 1;
				if ((f >> 3 & 7) == 2)
					ex = (ex ^ (f >> 27 & 0x1FFFFF)) * P;
			}
			k->ntok += words;
			if (p >= e)
				break;
		}
		int32_t c = *p;
		if (c < 0x80) {
			p++;
			if ((c | 32) >= 'a' && (c | 32) <= 'z') {
				if (!in)
					cap = c <= 'Z' && !start, letter = cased = 1;
				c |= 32, digits = 0;
			} else if (c >= '0' && c <= '9')
				val = val * 10 + (uint32_t)(c - '0'), nd++;
			else {
				END_WORD();
				nsep++, sepc = c;
				if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n')
					start = 1;
				continue;
			}
			h = (h ^ (uint64_t)c) * P, ex = (ex ^ (uint64_t)c) * P, in = 1;
			continue;
		}
		p += nf_utf8_dec(p, e, &c);
		if (c < 0)
			continue;
		utf8proc_int32_t out[8];
		utf8proc_ssize_t m;
		int cls = fold(c, out, &m);
		if (cls == C_MARK)
			continue; /* a mark: harakat, accents */
		if (cls == C_SEP) {
			END_WORD();
			nsep++, sepc = c;
			if (c == 0xA9 && near)
				ds.copy_at = k->ntok + 1; /* ©: the next token */
			if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x061F || c == 0x06D4 || c == 0x0964)
				start = 1;
			continue;
		}
		int own = own_word(c);
		if (own)
			END_WORD();
		if (!in) {
			cap = cls == C_UPPER && !start;
			letter = cls == C_UPPER || cls == C_LOWER || cls == C_LETTER;
			cased = cls == C_UPPER || cls == C_LOWER;
			light = own == 1;
		}
		for (utf8proc_ssize_t i = 0; i < m; i++)
			h = (h ^ (uint64_t)out[i]) * P, ex = (ex ^ (uint64_t)out[i]) * P;
		if (cls != C_DIGIT || own)
			digits = 0; /* a Myanmar or Thai digit alone is no number (Zawgyi text uses them as letters) */
		else { /* ASCII once folded (full-width), Arabic-Indic; other digits make no date */
			int32_t dv = out[0] >= '0' && out[0] <= '9' ? out[0] - '0' : c >= 0x660 && c <= 0x669 ? c - 0x660 : c >= 0x6F0 && c <= 0x6F9 ? c - 0x6F0 : -1;
			val = val * 10 + (uint32_t)(dv < 0 ? 0 : dv), nd += dv < 0 ? 10 : 1;
		}
		in = 1;
		if (own) {
			nown++;
			END_WORD();
		}
	}
	END_WORD();
#undef END_WORD
	k->exact = mix64(ex);
	if (!near)
		return;
	for (int b = 0; b < 64; b++)
		k->nums |= (uint64_t)(ds.cnt[b] > 0) << b;
	for (int i = 0; i < ds.ndates; i++)
		k->dates |= 1ull << ds.dbit[i];
	if (k->ntok - nown + nown / 2 < NF_DUP_STUB_WORDS + TZ_MAX) { /* words before the link */
		size_t link = (size_t)ends_teaser(k), own = nown < link ? nown : link; /* its own-word tokens */
		k->stub = link && k->ntok - link - (nown - own) + (nown - own) / 2 < NF_DUP_STUB_WORDS;
	}
	if (ncased * 2 < nletter)
		k->names = 0;
	uint32_t bins[NF_DUP_K], wbins[NW];
	k->nsh = minhash(k->tok, k->ntok, seed, bins, wbins);
	for (int b = 0; b < NF_DUP_K; b++)
		k->sig[b] = (uint8_t)mix64(bins[b]);
	for (int b = 0; b < NF_DUP_BANDS; b++) {
		uint64_t x = seed ^ (uint64_t)(b + 1) * 0x9E3779B97F4A7C15ull;
		if (b < NF_DUP_SBANDS)
			for (int r = 0; r < NF_DUP_SROWS; r++)
				x = mix64(x ^ bins[b * NF_DUP_SROWS + r]);
		else
			for (int r = 0; r < NF_DUP_WROWS; r++)
				x = mix64(x ^ wbins[(b - NF_DUP_SBANDS) * NF_DUP_WROWS + r]);
		k->band[b] = (uint32_t)x;
	}
}

int nf_dupkey_matches(const uint8_t *a, const uint8_t *b)
{
	int m = 0;
	for (int i = 0; i < NF_DUP_K; i++)
		m += a[i] == b[i];
	return m;
}

double nf_dupkey_sim_of(int matches)
{
	double f = (double)matches / NF_DUP_K, c = 1.0 / 256;
	double j = (f - c) / (1 - c);
	return j < 0 ? 0 : j;
}

double nf_dupkey_sim(const uint8_t *a, const uint8_t *b) { return nf_dupkey_sim_of(nf_dupkey_matches(a, b)); }

static int minpop(uint64_t a, uint64_t b) /* the size of the smaller set */
{
	int na = __builtin_popcountll(a), nb = __builtin_popcountll(b);
	return na < nb ? na : nb;
}

double nf_dupkey_numsim(uint64_t a, uint64_t b)
{
	int na = __builtin_popcountll(a), nb = __builtin_popcountll(b), m = minpop(a, b);
	double chance = (double)na * nb / 64;
	if (m < 2 || m - chance < 1)
		return -1; /* too few numbers, or so many that any two sets overlap */
	double s = ((double)__builtin_popcountll(a & b) - chance) / (m - chance);
	return s < 0 ? 0 : s;
}

int nf_dupkey_verdict(const nf_dupsum *nw, const nf_dupsum *old, double t, double *sim)
{
	double j = nf_dupkey_sim(nw->sig, old->sig), ns = nf_dupkey_numsim(nw->nums, old->nums);
	*sim = j;
	int nn = minpop(nw->nums, old->nums), lost = nn - __builtin_popcountll(nw->nums & old->nums);
	/* the numbers with the dates: they count for a pair, never against it */
	uint64_t fa = nw->nums | nw->dates, fb = old->nums | old->dates;
	int fn = minpop(fa, fb), flost = fn - __builtin_popcountll(fa & fb);
	double fs = nf_dupkey_numsim(fa, fb);
	int fagainst = fs >= 0 && fs < NF_DUP_MIN_NUM_SHARE && flost >= 2;
	if (ns >= 0 && ns < NF_DUP_MIN_NUM_SHARE && lost >= 2 && fagainst)
		return 0; /* the same frame with other numbers: a template. The numbers disagree with
		           * the dates and without them (a copy on another site has other dates; a
		           * shared date still counts for a pair) */
	/* the facts agree: the numbers (two or more on both sides, NF_DUP_FACT_NUM_SHARE of them),
	 * unless the names disagree (the same rate raised by another bank); or many names, with no
	 * number against them. Only in texts long enough (wire briefs share their few numbers).
	 * Here the dates count, for and against: they never make a pair a template, but the
	 * lower threshold needs them to agree too, or the same wire report of another day (a
	 * central bank's tender, a bond issue, a dividend) passes on its names and its few other
	 * numbers (on Reuters-21578: 72 more pairs, most of them such reports, without this). */
	int mn = minpop(nw->names, old->names);
	double nm = nf_dupkey_numsim(nw->names, old->names);
	int facts = ((fn >= 2 && fs >= NF_DUP_FACT_NUM_SHARE && (nm < 0 || nm >= NF_DUP_NAMES_AGAINST)) ||
	             (mn >= NF_DUP_MIN_NAMES && nm >= NF_DUP_MIN_NAME_SHARE && !fagainst)) &&
	            nw->nsh >= NF_DUP_FACT_MIN_SHINGLES && old->nsh >= NF_DUP_FACT_MIN_SHINGLES;
	if (j >= (facts ? t * NF_DUP_FACTS_SHARE : t))
		return 1;
	/* a truncated copy, either way: the smaller text's shingles almost all in the larger one
	 * (estimated from the similarity and the sizes; too noisy when one is much the smaller).
	 * The newer may be the larger: the truncated copy came first, the full text after it */
	double a = nw->nsh, b = old->nsh, lo = a < b ? a : b;
	if (lo < 0.4 * (a + b - lo))
		return 0;
	/* and the smaller's numbers (dates aside) in the larger: a template with other facts
	 * after a truncated copy of its story shares much of its frame but none of its numbers */
	uint64_t sn = a < b ? nw->nums : old->nums, ln = a < b ? old->nums : nw->nums;
	if (4 * __builtin_popcountll(sn & ~ln) > __builtin_popcountll(sn))
		return 0;
	return j * (a + b) / ((1 + j) * lo) >= NF_DUP_CONTAINED;
}

static const char *blank_line(const char *p, const char *e) /* the next "\n\n" */
{
	for (const char *q; p < e && (q = memchr(p, '\n', (size_t)(e - p))); p = q + 1)
		if (q + 1 < e && q[1] == '\n')
			return q;
	return NULL;
}

void nf_dupkey_paras(nf_dupkey *k, nf_dupkey *line, const char *text, size_t n, uint64_t seed)
{
	k->npara = 0, k->parawords = 0;
	int blank = blank_line(text, text + n) != NULL; /* blank lines part paragraphs, else lines do */
	for (const char *p = text, *e = text + n; p < e;) {
		const char *nl = blank ? blank_line(p, e) : memchr(p, '\n', (size_t)(e - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(e - p);
		nf_dupkey_make(line, p, len, 0, seed);
		if (line->ntok >= NF_DUP_PARA_WORDS) {
			if (k->npara == k->paracap) {
				k->paracap = k->paracap ? k->paracap * 2 : 64;
				k->para = nf_xrealloc(k->para, k->paracap * sizeof *k->para);
			}
			k->para[k->npara].key = line->exact, k->para[k->npara++].words = (uint32_t)line->ntok;
			k->parawords += (uint32_t)line->ntok;
		}
		p += len + (blank ? 2 : 1);
	}
}

void nf_dupkey_free(nf_dupkey *k)
{
	free(k->para);
	k->para = NULL;
	k->npara = k->paracap = 0;
	nf_buf_free(&k->clean);
	free(k->tok);
	k->tok = NULL;
	k->ntok = k->cap = 0;
}
