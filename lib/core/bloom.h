/* bloom.h — the FNV-1a hash (core/strset's) and a Bloom filter of words over it, with ASCII
 * in lower case: one cheap test says a word is certainly in no list. Header only. */
#ifndef NF_BLOOM_H
#define NF_BLOOM_H
#include <stddef.h>
#include <stdint.h>

/* FNV-1a of k[0..n); fold: ASCII A-Z read as a-z */
static inline uint32_t nf_fnv1a(const char *k, size_t n, int fold)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)k[i];
		h = (h ^ (fold && c >= 'A' && c <= 'Z' ? c + 32u : c)) * 16777619u;
	}
	return h;
}

/* two bits of 65536 per word */
typedef struct {
	uint64_t b[1024];
} nf_bloom;

static inline void nf_bloom_add(nf_bloom *f, const char *w, size_t n)
{
	uint32_t h = nf_fnv1a(w, n, 1);
	f->b[(h & 0xFFFF) >> 6] |= 1ull << (h & 63);
	f->b[(h >> 16) >> 6] |= 1ull << ((h >> 16) & 63);
}

static inline int nf_bloom_has(const nf_bloom *f, const char *w, size_t n)
{
	uint32_t h = nf_fnv1a(w, n, 1);
	return (f->b[(h & 0xFFFF) >> 6] >> (h & 63) & 1) && (f->b[(h >> 16) >> 6] >> ((h >> 16) & 63) & 1);
}
#endif
