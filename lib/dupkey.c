/* dupkey.c — see dupkey.h */
#include "dupkey.h"
#include "textnorm.h"
#include "utf8.h"
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

static uint64_t mul[NF_DUP_K], add[NF_DUP_K]; /* the hash functions: fixed, from a fixed seed */

void nf_dupkey_init(void)
{
	uint64_t x = 0x6E6577736669ull; /* "newsfi" */
	for (int b = 0; b < NF_DUP_K; b++) {
		x += 0x9E3779B97F4A7C15ull, mul[b] = mix64(x) | 1;
		x += 0x9E3779B97F4A7C15ull, add[b] = mix64(x);
	}
	struct nf_norm_opts o = {.nfkc = 1};
	nf_norm_init(&o);
}

static int own_word(int32_t c) /* scripts written without spaces: one character, one word */
{
	return nf_is_cjk(c) || (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1780 && c <= 0x17FF) || (c >= 0x1000 && c <= 0x109F);
}

static void push(nf_dupkey *k, uint64_t h)
{
	if (k->ntok == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 1024;
		k->tok = nf_xrealloc(k->tok, k->cap * sizeof *k->tok);
	}
	k->tok[k->ntok++] = mix64(h);
}

void nf_dupkey_make(nf_dupkey *k, const char *text, size_t n, int near, uint64_t seed)
{
	struct nf_norm_stats st = {0};
	k->clean.len = 0;
	size_t i = 0; /* ASCII without entities: cleaning would not change its words */
	while (i < n && (unsigned char)text[i] < 0x80 && text[i] != '&')
		i++;
	const unsigned char *p, *e;
	if (i == n)
		p = (const unsigned char *)text, e = p + n;
	else {
		nf_norm_text(text, n, &k->clean, &st);
		p = (const unsigned char *)k->clean.p, e = p + k->clean.len;
	}
	k->ntok = 0;
	k->nums = 0;
	k->nnum = 0;
	const uint64_t P = 0x100000001b3ull;
	uint64_t ex = 0xcbf29ce484222325ull ^ seed, h = 0;
	int in = 0, digits = 1;
#define END_WORD()                                                                             \
	do {                                                                                       \
		if (in) {                                                                              \
			push(k, h);                                                                        \
			if (digits)                                                                        \
				k->nums |= 1ull << (k->tok[k->ntok - 1] & 63), k->nnum++;                      \
		}                                                                                      \
		in = 0, h = 0xcbf29ce484222325ull, digits = 1;                                         \
	} while (0)
	h = 0xcbf29ce484222325ull;
	while (p < e) {
		int32_t c = *p;
		if (c < 0x80) {
			p++;
			if ((c | 32) >= 'a' && (c | 32) <= 'z')
				c |= 32, digits = 0;
			else if (!(c >= '0' && c <= '9')) {
				END_WORD();
				continue;
			}
			h = (h ^ (uint64_t)c) * P, ex = (ex ^ (uint64_t)c) * P, in = 1;
			continue;
		}
		p += nf_utf8_dec(p, e, &c);
		if (c < 0)
			continue;
		int cat = utf8proc_get_property(c)->category;
		if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)
			continue; /* a mark: harakat, accents */
		if (!((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) || (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))) {
			END_WORD();
			continue;
		}
		utf8proc_int32_t out[8];
		int last = 0;
		utf8proc_ssize_t m = utf8proc_decompose_char(c, out, 8, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK, &last);
		if (m < 1 || m > 8)
			out[0] = c, m = 1;
		int own = own_word(c);
		if (own)
			END_WORD();
		for (utf8proc_ssize_t i = 0; i < m; i++)
			h = (h ^ (uint64_t)out[i]) * P, ex = (ex ^ (uint64_t)out[i]) * P;
		if (cat != UTF8PROC_CATEGORY_ND)
			digits = 0;
		in = 1;
		if (own)
			END_WORD();
	}
	END_WORD();
#undef END_WORD
	k->exact = mix64(ex);
	if (!near)
		return;
	/* MinHash over the word 3-shingles (the whole text when shorter): NF_DUP_K multiply-shift
	 * hash functions of the shingle's 64-bit hash */
	for (int b = 0; b < NF_DUP_K; b++)
		k->bins[b] = UINT32_MAX;
	size_t ns = k->ntok >= NF_DUP_SHINGLE ? k->ntok - NF_DUP_SHINGLE + 1 : k->ntok ? 1 : 0;
	for (size_t i = 0; i < ns; i++) {
		uint64_t sh = seed;
		for (size_t j = i; j < i + NF_DUP_SHINGLE && j < k->ntok; j++)
			sh = mix64(sh ^ k->tok[j]) + j - i;
		for (int b = 0; b < NF_DUP_K; b++) {
			uint32_t v = (uint32_t)((sh * mul[b] + add[b]) >> 32);
			k->bins[b] = v < k->bins[b] ? v : k->bins[b];
		}
	}
	for (int b = 0; b < NF_DUP_K; b++)
		k->sig[b] = (uint8_t)mix64(k->bins[b]);
	for (int b = 0; b < NF_DUP_BANDS; b++) {
		uint64_t x = seed ^ (uint64_t)(b + 1) * 0x9E3779B97F4A7C15ull;
		for (int r = 0; r < NF_DUP_ROWS; r++)
			x = mix64(x ^ k->bins[b * NF_DUP_ROWS + r]);
		k->band[b] = (uint32_t)x;
	}
}

double nf_dupkey_sim(const uint8_t *a, const uint8_t *b)
{
	int m = 0;
	for (int i = 0; i < NF_DUP_K; i++)
		m += a[i] == b[i];
	double f = (double)m / NF_DUP_K, c = 1.0 / 256;
	double j = (f - c) / (1 - c);
	return j < 0 ? 0 : j;
}

double nf_dupkey_numsim(uint64_t a, uint64_t b)
{
	int na = __builtin_popcountll(a), nb = __builtin_popcountll(b), m = na < nb ? na : nb;
	if (m < 2)
		return 1; /* too few numbers to tell */
	return (double)__builtin_popcountll(a & b) / (double)m;
}

void nf_dupkey_free(nf_dupkey *k)
{
	nf_buf_free(&k->clean);
	free(k->tok);
	k->tok = NULL;
	k->ntok = k->cap = 0;
}
