/* dupkey.h — what nf-dedupe compares: the words of a text after cleaning (nf_norm_text with
 * NFKC: mojibake, entities, NBSP and soft hyphens gone), case folding and accent stripping,
 * with punctuation and spacing dropped and digits kept. Han, kana, Hangul, Thai, Lao, Khmer
 * and Myanmar characters are one word each, so that every script has words to shingle.
 * From the words:
 *  - exact: a 64-bit hash of all the words run together (the exact-mode key);
 *  - nums:  a 64-bit set of the number words (templates differ in their numbers);
 *  - sig:   a MinHash signature of the word 3-shingles (NF_DUP_K multiply-shift hash
 *           functions); the minima are kept as 8 bits (b-bit MinHash);
 *  - band:  NF_DUP_BANDS LSH band keys of NF_DUP_ROWS bins each (full 32-bit bin values).
 * Nothing is allocated once the buffers have grown. */
#ifndef NF_DUPKEY_H
#define NF_DUPKEY_H
#include "buf.h"
#include <stddef.h>
#include <stdint.h>

#define NF_DUP_K 64
#define NF_DUP_BANDS 16
#define NF_DUP_ROWS 2
#define NF_DUP_SHINGLE 3

typedef struct {
	nf_buf clean;          /* scratch: the cleaned text */
	uint64_t *tok;         /* word hashes */
	size_t ntok, cap;
	uint64_t exact, nums;
	int nnum;
	uint32_t bins[NF_DUP_K];
	uint8_t sig[NF_DUP_K];
	uint32_t band[NF_DUP_BANDS];
} nf_dupkey;

void nf_dupkey_init(void); /* once */
/* the words, exact key and number set of text[0..n); with near, the signature and bands too;
 * seed mixes a scope into every key (0 for none) */
void nf_dupkey_make(nf_dupkey *k, const char *text, size_t n, int near, uint64_t seed);
/* estimated Jaccard similarity of two signatures (corrected for 8-bit collisions) */
double nf_dupkey_sim(const uint8_t *a, const uint8_t *b);
/* the share of the smaller number set found in the other (a new dateline adds numbers to a
 * copy, a template replaces them); 1 when either has fewer than two numbers */
double nf_dupkey_numsim(uint64_t a, uint64_t b);
uint64_t nf_hash64(const void *p, size_t n, uint64_t seed);
void nf_dupkey_free(nf_dupkey *k);
#endif
