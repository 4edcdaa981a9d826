/* utf8.c — see utf8.h */
#include "core/utf8.h"
#include "core/buf.h"
#include "core/diag.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t nf_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	const uint64_t H = 0x8080808080808080u;
	while (p < e) {
		while (e - p >= 8) { /* 8 bytes at a time: ASCII ... */
			uint64_t v;
			memcpy(&v, p, 8);
			if (!(v & H)) {
				p += 8;
				continue;
			}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* ... and two-byte characters (Latin, Greek, Cyrillic, Arabic, Hebrew): every lead
			 * byte (11xxxxxx) is C2..DF and followed by a continuation byte (10xxxxxx), and every
			 * continuation byte follows a lead; a lead in the last byte is left for the next 8 */
			uint64_t b6 = (v << 1) & H, lead = v & b6, cont = v & H & ~b6;
			uint64_t t = v & 0x1E1E1E1E1E1E1E1Eu, low = (t - 0x0101010101010101u) & ~t & H; /* C0, C1 */
			uint64_t last = lead & (0x80ull << 56);
			if (!(lead & ((v << 2) | low)) && ((lead ^ last) << 8) == cont) {
				p += last ? 7 : 8;
				continue;
			}
#endif
			break;
		}
		if (p >= e)
			break;
		do { /* a character the loop above does not take, and the three- and four-byte ones after it */
			int32_t cp;
			size_t k = nf_utf8_dec(p, e, &cp);
			if (cp < 0)
				return (size_t)(p - (const unsigned char *)s);
			p += k;
		} while (p < e && *p >= 0xE0);
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

size_t nf_nul_repair(const char *s, size_t n, nf_buf *dst)
{
	size_t k = 0;
	nf_buf_reserve(dst, n + 16);
	for (const char *e = s + n; s < e;) {
		const char *z = memchr(s, 0, (size_t)(e - s));
		size_t run = (size_t)((z ? z : e) - s);
		nf_buf_add(dst, s, run);
		if (!z)
			break;
		nf_buf_add(dst, NF_REPLACEMENT, 3);
		k++;
		s = z + 1;
	}
	return k;
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
