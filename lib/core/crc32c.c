/* crc32c.c — see crc32c.h */
#include "core/crc32c.h"
#include <string.h>

static uint32_t table[256];

static uint32_t soft(uint32_t c, const unsigned char *p, size_t n)
{
	if (!table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t x = i;
			for (int k = 0; k < 8; k++)
				x = x & 1 ? (x >> 1) ^ 0x82F63B78u : x >> 1; /* the reflected Castagnoli polynomial */
			table[i] = x;
		}
	while (n--)
		c = table[(c ^ *p++) & 255] ^ (c >> 8);
	return c;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <nmmintrin.h>
__attribute__((target("sse4.2"))) static uint32_t hard(uint32_t c, const unsigned char *p, size_t n)
{
	uint64_t x = c;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		x = _mm_crc32_u64(x, v);
	}
	c = (uint32_t)x;
	for (; n; p++, n--)
		c = _mm_crc32_u8(c, *p);
	return c;
}
#define HAVE_HARD() __builtin_cpu_supports("sse4.2")
#else
#define hard soft
#define HAVE_HARD() 0
#endif

uint32_t nf_crc32c(uint32_t crc, const void *p, size_t n)
{
	static int hw = -1;
	if (hw < 0)
		hw = HAVE_HARD() ? 1 : 0;
	uint32_t c = ~crc;
	c = hw ? hard(c, p, n) : soft(c, p, n);
	return ~c;
}
