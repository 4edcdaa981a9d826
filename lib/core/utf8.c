/* utf8.c — see utf8.h */
#include "core/utf8.h"
#include "core/buf.h"
#include "core/diag.h"
#include <stdlib.h>
#include <utf8proc.h>

size_t nf_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		while (e - p >= 8) { /* ASCII fast path */
			uint64_t v;
			memcpy(&v, p, 8);
			if (v & 0x8080808080808080u)
				break;
			p += 8;
		}
		if (p >= e)
			break;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF && p + 1 < e && (p[1] & 0xC0) == 0x80) { /* 2 bytes: Arabic, Cyrillic ... */
			p += 2;
			continue;
		}
		int32_t cp;
		size_t k = nf_utf8_dec(p, e, &cp);
		if (cp < 0)
			return (size_t)(p - (const unsigned char *)s);
		p += k;
	}
	return n;
}

size_t nf_utf8_repair(const char *s, size_t n, nf_buf *dst, size_t *first)
{
	size_t bad = 0, i = 0;
	nf_buf_reserve(dst, n + 16);
	while (i < n) {
		size_t ok = nf_utf8_valid(s + i, n - i);
		nf_buf_add(dst, s + i, ok);
		i += ok;
		if (i >= n)
			break;
		int32_t cp;
		size_t k = nf_utf8_dec((const unsigned char *)s + i, (const unsigned char *)s + n, &cp);
		if (bad++ == 0)
			*first = i;
		nf_buf_add(dst, NF_REPLACEMENT, 3);
		i += k;
	}
	return bad;
}

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
	if (k == UTF8PROC_ERROR_NOMEM) /* not the text uncased with exit 0 */
		nf_errx(NF_EXIT_DATA, "out of memory casefolding %zu bytes", n);
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
