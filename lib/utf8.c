/* utf8.c — see utf8.h */
#include "utf8.h"
#include "buf.h"
#include <stdlib.h>
#include <utf8proc.h>

size_t nf_utf8_clip(const char *s, size_t n)
{
	size_t i = n;
	while (i > 0 && n - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return 0;
	int32_t cp;
	size_t k = nf_utf8_dec((const unsigned char *)s + i - 1, (const unsigned char *)s + n, &cp);
	return (i - 1 + k == n) ? n : i - 1;
}

size_t nf_utf8_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	size_t k = 0;
	int32_t cp;
	while (p < e) {
		p += nf_utf8_dec(p, e, &cp);
		k++;
	}
	return k;
}

char *nf_utf8_casefold(const char *s, size_t n, size_t *outlen)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &r,
	                                  UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (k < 0) {
		char *c = nf_xmalloc(n + 1);
		memcpy(c, s, n);
		c[n] = 0;
		*outlen = n;
		return c;
	}
	*outlen = (size_t)k;
	return (char *)r;
}
