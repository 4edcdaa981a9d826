/* dupmr.c — see dupmr.h */
#include "dupmr.h"
#include "diag.h"
#include "out.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char hexd[] = "0123456789abcdef";

static void out_hex(uint64_t v, int digits)
{
	char b[16];
	for (int i = digits - 1; i >= 0; i--, v >>= 4)
		b[i] = hexd[v & 15];
	nf_out_write(b, (size_t)digits);
}

static void out_seq(uint64_t seq)
{
	char b[24];
	int n = snprintf(b, sizeof b, "%012llu", (unsigned long long)seq);
	nf_out_write(b, (size_t)n);
}

void nf_dupmr_emit(const nf_dupkey *k, int bands, uint64_t seq, const char *id, size_t idlen)
{
	for (int b = -1; b < (bands ? NF_DUP_BANDS : 0); b++) {
		if (b < 0)
			nf_out_c('e'), out_hex(k->exact ? k->exact : 1, 16);
		else
			nf_out_c('b'), out_hex(k->band[b] ? k->band[b] : 1, 8);
		nf_out_tab(), out_seq(seq), nf_out_tab();
		out_hex(k->exact, 16), nf_out_tab(), out_hex(k->nums, 16), nf_out_tab(), out_hex(k->names, 16), nf_out_tab();
		nf_out_u64(k->nsh), nf_out_tab();
		for (int i = 0; i < NF_DUP_K; i++)
			nf_out_c(hexd[k->sig[i] >> 4]), nf_out_c(hexd[k->sig[i] & 15]);
		nf_out_tab(), nf_out_write(id, idlen), nf_out_nl();
	}
}

/* ---- reduce ---- */

typedef struct {
	uint64_t seq, exact, nums, names;
	uint32_t nsh;
	uint8_t sig[NF_DUP_K];
	size_t idoff, idlen;
} row;

static int hexval(int c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; }

static int parse_hex(const char *s, size_t n, uint64_t *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return -1;
		*v = *v << 4 | (uint64_t)h;
	}
	return 0;
}

static int parse_dec(const char *s, size_t n, uint64_t *v)
{
	*v = 0;
	if (!n || n > 19)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	return 0;
}

/* split line into at most max tab-separated fields */
static int split(char *s, size_t n, const char **f, size_t *fl, int max)
{
	int k = 0;
	const char *p = s, *e = s + n;
	while (k < max) {
		const char *t = k == max - 1 ? e : memchr(p, '\t', (size_t)(e - p));
		if (!t)
			t = e;
		f[k] = p, fl[k] = (size_t)(t - p), k++;
		if (t == e)
			break;
		p = t + 1;
	}
	return k;
}

static int by_seq(const void *a, const void *b)
{
	uint64_t x = ((const row *)a)->seq, y = ((const row *)b)->seq;
	return x < y ? -1 : x > y;
}

static void out_decision(const row *nw, const row *old, int matches, char kind, const nf_buf *ids)
{
	out_seq(nw->seq), nf_out_tab(), out_seq(old->seq), nf_out_tab();
	nf_out_u64((uint64_t)matches), nf_out_tab(), nf_out_c(kind), nf_out_tab();
	nf_out_write(ids->p + old->idoff, old->idlen), nf_out_nl();
}

static void decide_group(row *g, size_t n, int exact, double t, const nf_buf *ids)
{
	qsort(g, n, sizeof *g, by_seq);
	if (exact) {
		for (size_t i = 1; i < n; i++)
			if (g[i].seq != g[0].seq)
				out_decision(&g[i], &g[0], NF_DUP_K, 'E', ids);
		return;
	}
	size_t m = 0; /* g[0..m): the group's rows without an earlier exact twin */
	for (size_t i = 0; i < n; i++) {
		int twin = 0;
		for (size_t j = 0; j < m && !twin; j++)
			twin = g[j].exact == g[i].exact || g[j].seq == g[i].seq;
		if (twin)
			continue;
		nf_dupsum a = {g[i].nums, g[i].names, g[i].nsh, g[i].sig};
		for (size_t j = 0; j < m; j++) {
			nf_dupsum b = {g[j].nums, g[j].names, g[j].nsh, g[j].sig};
			double sim;
			if (nf_dupkey_verdict(&a, &b, t, &sim))
				out_decision(&g[i], &g[j], nf_dupkey_matches(g[i].sig, g[j].sig), 'N', ids);
		}
		g[m++] = g[i];
	}
}

int nf_dupmr_reduce(nf_in *in, double t)
{
	row *g = NULL;
	size_t n = 0, cap = 0;
	nf_buf key = {0}, ids = {0};
	int rc = 0;
	char *line;
	size_t len;
	while ((line = nf_in_line(in, &len))) {
		const char *f[8];
		size_t fl[8];
		row r;
		uint64_t nsh;
		if (split(line, len, f, fl, 8) != 8 || !(fl[0] == 17 || fl[0] == 9) || (f[0][0] != 'e' && f[0][0] != 'b') ||
		    parse_dec(f[1], fl[1], &r.seq) || fl[2] != 16 || parse_hex(f[2], 16, &r.exact) || fl[3] != 16 ||
		    parse_hex(f[3], 16, &r.nums) || fl[4] != 16 || parse_hex(f[4], 16, &r.names) ||
		    parse_dec(f[5], fl[5], &nsh) || nsh > UINT32_MAX || fl[6] != 2 * NF_DUP_K) {
			nf_warnx("%s:%lu: not a key line of nf-dedupe --emit-keys", nf_in_name(in), nf_in_lineno(in));
			rc = -1;
			break;
		}
		r.nsh = (uint32_t)nsh;
		int bad = 0;
		for (int i = 0; i < NF_DUP_K; i++) {
			int hi = hexval(f[6][2 * i]), lo = hexval(f[6][2 * i + 1]);
			bad |= hi < 0 || lo < 0;
			r.sig[i] = (uint8_t)(hi << 4 | (lo & 15));
		}
		if (bad) {
			nf_warnx("%s:%lu: not a key line of nf-dedupe --emit-keys (signature)", nf_in_name(in), nf_in_lineno(in));
			rc = -1;
			break;
		}
		if (n && (key.len != fl[0] || memcmp(key.p, f[0], fl[0]) != 0)) {
			decide_group(g, n, key.p[0] == 'e', t, &ids);
			n = 0, ids.len = 0;
		}
		if (!n)
			key.len = 0, nf_buf_add(&key, f[0], fl[0]);
		r.idoff = ids.len, r.idlen = fl[7];
		nf_buf_add(&ids, f[7], fl[7]);
		if (n == cap)
			cap = cap ? cap * 2 : 64, g = nf_xrealloc(g, cap * sizeof *g);
		g[n++] = r;
	}
	if (n && !rc)
		decide_group(g, n, key.p[0] == 'e', t, &ids);
	if (nf_in_failed(in))
		rc = -1;
	free(g);
	nf_buf_free(&key);
	nf_buf_free(&ids);
	return rc;
}

/* ---- apply ---- */

static int read_decision(nf_dupmr_decisions *d)
{
	size_t len;
	char *line = nf_in_line(d->in, &len);
	if (!line) {
		d->seq = 0;
		return nf_in_failed(d->in) ? -1 : 0;
	}
	const char *f[5];
	size_t fl[5];
	uint64_t m;
	if (split(line, len, f, fl, 5) != 5 || parse_dec(f[0], fl[0], &d->seq) || parse_dec(f[1], fl[1], &d->old) ||
	    parse_dec(f[2], fl[2], &m) || m > NF_DUP_K || fl[3] != 1 || (f[3][0] != 'E' && f[3][0] != 'N') || !d->seq) {
		nf_warnx("%s:%lu: not a decision line of nf-dedupe --reduce", nf_in_name(d->in), nf_in_lineno(d->in));
		return -1;
	}
	if (d->seq < d->prev) {
		nf_warnx("%s:%lu: decision lines not sorted by row number (sort -k1,1)", nf_in_name(d->in), nf_in_lineno(d->in));
		return -1;
	}
	d->prev = d->seq, d->matches = (int)m, d->exact = f[3][0] == 'E';
	d->id.len = 0;
	nf_buf_add(&d->id, f[4], fl[4]);
	return 0;
}

int nf_dupmr_open(nf_dupmr_decisions *d, const char *path)
{
	memset(d, 0, sizeof *d);
	if (!(d->in = nf_in_open(path)))
		return -1;
	return read_decision(d);
}

int nf_dupmr_decide(nf_dupmr_decisions *d, uint64_t seq, nf_buf *id, double *sim)
{
	int found = 0, exact = 0, best = -1;
	uint64_t bold = 0;
	while (d->seq && d->seq < seq)
		if (read_decision(d) < 0) /* decisions for rows that do not exist come out at the end */
			return -1;
	for (; d->seq == seq && seq; found = 1) {
		if (!exact && (d->exact || d->matches > best || (d->matches == best && d->old < bold))) {
			exact = d->exact, best = d->matches, bold = d->old;
			id->len = 0;
			nf_buf_add(id, d->id.p, d->id.len);
		}
		if (read_decision(d) < 0)
			return -1;
	}
	*sim = exact ? 1 : found ? nf_dupkey_sim_of(best) : 0;
	return found;
}

void nf_dupmr_close(nf_dupmr_decisions *d)
{
	if (d->in)
		nf_in_close(d->in);
	nf_buf_free(&d->id);
}
