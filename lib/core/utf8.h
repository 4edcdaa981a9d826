/* utf8.h — UTF-8 decoding and encoding (header only) and helpers over utf8proc.
 * The decoder is strict (no overlongs, surrogates or code points past U+10FFFF) and
 * reports each maximal invalid subpart as one error, as Unicode recommends, so that
 * every filter repairs invalid input to U+FFFD the same way. */
#ifndef NF_UTF8_H
#define NF_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"
#include "core/script.h"

#define NF_REPLACEMENT "\xEF\xBF\xBD"

/* Decode one code point at p (p < e). Returns the bytes consumed (>= 1); *cp is the code
 * point, or -1 for an invalid sequence (then the return value is its length). */
static inline size_t nf_utf8_dec(const unsigned char *p, const unsigned char *e, int32_t *cp)
{
	unsigned c = p[0], lo = 0x80, hi = 0xBF;
	size_t avail = (size_t)(e - p);
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	*cp = -1;
	if (c < 0xC2 || c > 0xF4)
		return 1;
	if (c < 0xE0) {
		if (avail < 2 || (p[1] & 0xC0) != 0x80)
			return 1;
		*cp = (int32_t)(((c & 0x1F) << 6) | (p[1] & 0x3F));
		return 2;
	}
	if (c == 0xE0) lo = 0xA0;
	else if (c == 0xED) hi = 0x9F;
	else if (c == 0xF0) lo = 0x90;
	else if (c == 0xF4) hi = 0x8F;
	if (avail < 2 || p[1] < lo || p[1] > hi)
		return 1;
	if (avail < 3 || (p[2] & 0xC0) != 0x80)
		return 2;
	if (c < 0xF0) {
		*cp = (int32_t)(((c & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3F));
		return 3;
	}
	if (avail < 4 || (p[3] & 0xC0) != 0x80)
		return 3;
	*cp = (int32_t)(((c & 0x07) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3F));
	return 4;
}

/* Encode cp (a valid scalar value) into out (>= 4 bytes); returns the length. */
static inline size_t nf_utf8_enc(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	uint32_t c = (uint32_t)cp;
	if (c < 0x80) { o[0] = (unsigned char)c; return 1; }
	if (c < 0x800) { o[0] = (unsigned char)(0xC0 | c >> 6); o[1] = (unsigned char)(0x80 | (c & 0x3F)); return 2; }
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xE0 | c >> 12); o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | c >> 18); o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F)); o[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

/* Han, kana and Hangul (core/script.h): scripts written without spaces between words */
static inline int nf_is_cjk(int32_t c)
{
	if (c < 0x1100)
		return 0;
	int s = nf_script(c);
	return s == NF_SC_HANI || s == NF_SC_KANA || s == NF_SC_HANG;
}

/* Length of the longest valid UTF-8 prefix of s[0..n) (n when all of it is valid). */
size_t nf_utf8_valid(const char *s, size_t n);
/* Append s[0..n) to dst with each invalid sequence replaced by U+FFFD; returns the number
 * of replacements and sets *first to the offset of the first one. */
size_t nf_utf8_repair(const char *s, size_t n, nf_buf *dst, size_t *first);
/* Append s[0..n) to dst with each NUL byte replaced by U+FFFD; returns the number replaced. */
size_t nf_nul_repair(const char *s, size_t n, nf_buf *dst);
/* Length of the longest prefix of s[0..n) that ends on a character boundary. */
size_t nf_utf8_clip(const char *s, size_t n);
/* Count of code points in s[0..n) (invalid bytes count one each). */
size_t nf_utf8_len(const char *s, size_t n);
/* Write the utf8proc case fold of s[0..n) into a malloc'd NUL-terminated string. */
char *nf_utf8_casefold(const char *s, size_t n, size_t *outlen);
#endif
