/* tsv.c — see tsv.h */
#include "core/tsv.h"
#include "core/buf.h"
#include <stdlib.h>
#include <string.h>

void nf_row_push(nf_row *r, nf_field f)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->f = nf_xrealloc(r->f, r->cap * sizeof *r->f);
	}
	r->f[r->n++] = f;
}

void nf_row_split(nf_row *r, char *line, size_t len)
{
	char *p = line, *e = line + len;
	r->n = 0;
	for (;;) {
		char *t = memchr(p, '\t', (size_t)(e - p));
		nf_row_push(r, (nf_field){p, (size_t)((t ? t : e) - p)});
		if (!t)
			break;
		p = t + 1;
	}
}

size_t nf_unescape(char *s, size_t n)
{
	char *q = memchr(s, '\\', n);
	if (!q)
		return n;
	char *p = q, *e = s + n;
	while (p < e) { /* p is at a backslash; q <= p */
		char c = p + 1 < e ? p[1] : 0;
		char x = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c == '\\' ? '\\' : 0;
		if (x) {
			*q++ = x;
			p += 2;
		} else
			*q++ = *p++; /* unknown escape: kept as written */
		char *b = memchr(p, '\\', (size_t)(e - p));
		size_t k = (size_t)((b ? b : e) - p);
		memmove(q, p, k);
		q += k;
		p += k;
	}
	return (size_t)(q - s);
}

long nf_col_num(const char *spec)
{
	if (!*spec)
		return -1;
	long v = 0;
	for (const char *p = spec; *p; p++) {
		if (*p < '0' || *p > '9' || v > 1000000)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v >= 1 ? v - 1 : -1;
}

long nf_col_find(const nf_row *hdr, const char *spec)
{
	size_t sl = strlen(spec);
	for (size_t i = 0; i < hdr->n; i++) {
		const char *h = hdr->f[i].p;
		size_t hl = hdr->f[i].n;
		if (hl == sl && memcmp(h, spec, sl) == 0)
			return (long)i;
		if (hl == sl + 1 && h[0] == '#' && memcmp(h + 1, spec, sl) == 0)
			return (long)i;
	}
	long k = nf_col_num(spec);
	return k >= 0 && (size_t)k < hdr->n ? k : -1;
}

void nf_row_free(nf_row *r)
{
	free(r->f);
	r->f = NULL;
	r->n = r->cap = 0;
}
