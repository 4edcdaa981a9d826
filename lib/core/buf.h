/* buf.h — growable byte buffer (header only). Grows by doubling, never shrinks, so a
 * buffer reused across records allocates only until it reaches the largest record. */
#ifndef NF_BUF_H
#define NF_BUF_H
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *p;
	size_t len, cap;
} nf_buf;

void nf_buf_grow(nf_buf *b, size_t need); /* ensure cap >= len + need; exits on ENOMEM */
void *nf_xmalloc(size_t n);               /* malloc that exits on failure */
void *nf_xrealloc(void *p, size_t n);
char *nf_xstrdup(const char *s);

static inline void nf_buf_reserve(nf_buf *b, size_t need)
{
	if (b->cap - b->len < need)
		nf_buf_grow(b, need);
}
static inline void nf_buf_add(nf_buf *b, const void *s, size_t n)
{
	if (n == 0)
		return; /* memcpy to a buffer not yet allocated is undefined even for 0 bytes */
	nf_buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}
static inline void nf_buf_addc(nf_buf *b, char c)
{
	nf_buf_reserve(b, 1);
	b->p[b->len++] = c;
}
static inline void nf_buf_free(nf_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
#endif
