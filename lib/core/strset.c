/* strset.c — see strset.h */
#include "core/strset.h"
#include "core/bloom.h"
#include "core/buf.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	uint32_t hash, len;
	size_t off; /* key in the arena */
	int val, used;
};

struct nf_strset {
	struct slot *t;
	size_t cap, n;
	nf_buf arena;
};

static uint32_t fnv(const char *k, size_t n) { return nf_fnv1a(k, n, 0); }

nf_strset *nf_strset_new(void)
{
	nf_strset *s = nf_xmalloc(sizeof *s);
	memset(s, 0, sizeof *s);
	s->cap = 64;
	s->t = nf_xmalloc(s->cap * sizeof *s->t);
	memset(s->t, 0, s->cap * sizeof *s->t);
	return s;
}

static struct slot *find(const nf_strset *s, const char *k, size_t n, uint32_t h)
{
	for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		struct slot *sl = &s->t[i];
		if (!sl->used || (sl->hash == h && sl->len == n && memcmp(s->arena.p + sl->off, k, n) == 0))
			return sl;
	}
}

static void grow(nf_strset *s)
{
	struct slot *old = s->t;
	size_t oc = s->cap;
	s->cap *= 2;
	s->t = nf_xmalloc(s->cap * sizeof *s->t);
	memset(s->t, 0, s->cap * sizeof *s->t);
	for (size_t i = 0; i < oc; i++)
		if (old[i].used)
			*find(s, s->arena.p + old[i].off, old[i].len, old[i].hash) = old[i];
	free(old);
}

void nf_strset_add(nf_strset *s, const char *k, size_t n, int val)
{
	uint32_t h = fnv(k, n);
	struct slot *sl = find(s, k, n, h);
	if (sl->used) {
		sl->val |= val;
		return;
	}
	*sl = (struct slot){.hash = h, .len = (uint32_t)n, .off = s->arena.len, .val = val, .used = 1};
	nf_buf_add(&s->arena, k, n);
	if (++s->n * 2 > s->cap)
		grow(s);
}

int nf_strset_get(const nf_strset *s, const char *k, size_t n)
{
	if (!s)
		return -1;
	const struct slot *sl = find(s, k, n, fnv(k, n));
	return sl->used ? sl->val : -1;
}

size_t nf_strset_size(const nf_strset *s) { return s ? s->n : 0; }

void nf_strset_clear(nf_strset *s)
{
	if (!s->n)
		return;
	memset(s->t, 0, s->cap * sizeof *s->t);
	s->n = 0;
	s->arena.len = 0;
}

void nf_strset_free(nf_strset *s)
{
	if (!s)
		return;
	free(s->t);
	nf_buf_free(&s->arena);
	free(s);
}

void nf_table_each(const char *data, unsigned long len, nf_table_fn fn, void *ctx)
{
	const char *p = data, *e = data + len;
	nf_buf line = {0};
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		const char *le = nl ? nl : e;
		if (le > p && *p != '#') {
			line.len = 0;
			nf_buf_add(&line, p, (size_t)(le - p));
			nf_buf_addc(&line, 0);
			char *f[8];
			int nf = 0;
			for (char *q = line.p; nf < 8;) {
				f[nf++] = q;
				char *t = strchr(q, '\t');
				if (!t)
					break;
				*t = 0;
				q = t + 1;
			}
			fn(f, nf, ctx);
		}
		p = le + 1;
	}
	nf_buf_free(&line);
}
