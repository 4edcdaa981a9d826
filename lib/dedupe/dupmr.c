/* dupmr.c — see dupmr.h */
#include "dedupe/dupmr.h"
#include "core/diag.h"
#include "core/out.h"
#include "core/tsv.h"
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

static int seq_digits = 12; /* 18 with shards: the width sorts by number */

void nf_dupmr_shard_seq(void) { seq_digits = 18; }

static void out_seq(uint64_t seq)
{
	char b[24];
	int n = snprintf(b, sizeof b, "%0*llu", seq_digits, (unsigned long long)seq);
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
		out_hex(k->exact, 16), nf_out_tab(), out_hex(k->nums, 16), out_hex(k->dates, 16), nf_out_tab(), out_hex(k->names, 16), nf_out_tab();
		nf_out_u64(k->nsh), nf_out_tab();
		for (int i = 0; i < NF_DUP_K; i++)
			nf_out_c(hexd[k->sig[i] >> 4]), nf_out_c(hexd[k->sig[i] & 15]);
		nf_out_tab(), nf_out_write(id, idlen), nf_out_nl();
	}
	for (size_t j = 0; j < k->npara; j++) { /* the paragraphs: words and the text's total */
		nf_out_c('p'), out_hex(k->para[j].key ? k->para[j].key : 1, 16), nf_out_tab(), out_seq(seq), nf_out_tab();
		out_hex(k->exact, 16), nf_out_tab(), out_hex(k->para[j].words, 16), nf_out_tab(), out_hex(k->parawords, 16);
		nf_out_s("\t0\t");
		for (int i = 0; i < NF_DUP_K; i++)
			nf_out_s("00");
		nf_out_tab(), nf_out_write(id, idlen), nf_out_nl();
	}
}

/* ---- reduce ---- */

typedef struct {
	uint64_t seq, exact, nums, dates, names;
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

static void decide_group(row *g, size_t n, int kind, double t, const nf_buf *ids)
{
	qsort(g, n, sizeof *g, by_seq);
	if (kind == 'p') { /* a paragraph: every later text found it in the first (an exact twin's
	                    * line is harmless: its E decision comes first); linear in the group */
		for (size_t i = 1; i < n; i++) {
			if (g[i].seq == g[0].seq)
				continue; /* the first text has the paragraph twice */
			out_seq(g[i].seq), nf_out_tab(), out_seq(g[0].seq), nf_out_tab();
			nf_out_u64(g[i].nums), nf_out_c('/'), nf_out_u64(g[i].names), nf_out_s("\tP\t");
			nf_out_write(ids->p + g[0].idoff, g[0].idlen), nf_out_nl();
		}
		return;
	}
	if (kind == 'e') {
		for (size_t i = 1; i < n; i++)
			if (g[i].seq != g[0].seq)
				out_decision(&g[i], &g[0], NF_DUP_K, 'E', ids);
		return;
	}
	size_t m = 0; /* g[0..m): the group's first rows without an earlier exact twin (NF_DUP_BAND_CAP at most) */
	for (size_t i = 0; i < n; i++) {
		int twin = 0;
		for (size_t j = 0; j < m && !twin; j++)
			twin = g[j].exact == g[i].exact || g[j].seq == g[i].seq;
		if (twin)
			continue;
		nf_dupsum a = {g[i].nums, g[i].dates, g[i].names, g[i].nsh, g[i].sig};
		for (size_t j = 0; j < m; j++) {
			nf_dupsum b = {g[j].nums, g[j].dates, g[j].names, g[j].nsh, g[j].sig};
			double sim;
			if (nf_dupkey_verdict(&a, &b, t, &sim))
				out_decision(&g[i], &g[j], nf_dupkey_matches(g[i].sig, g[j].sig), 'N', ids);
		}
		if (m < NF_DUP_BAND_CAP) /* a single run's band key indexes the first ones only */
			g[m++] = g[i];
	}
}

int nf_dupmr_reduce(nf_in *in, double t)
{
	row *g = NULL;
	size_t n = 0, cap = 0;
	nf_buf key = {0}, ids = {0};
	nf_row fr = {0};
	int rc = 0;
	char *line;
	size_t len;
	while ((line = nf_in_line(in, &len))) {
		nf_row_split(&fr, line, len);
		const char *f[8];
		size_t fl[8];
		for (size_t i = 0; i < 8 && i < fr.n; i++)
			f[i] = fr.f[i].p, fl[i] = fr.f[i].n;
		row r;
		r.dates = 0;
		uint64_t nsh;
		if (fr.n != 8 || !(fl[0] == 17 || fl[0] == 9) || !strchr("ebp", f[0][0]) ||
		    parse_dec(f[1], fl[1], &r.seq) || fl[2] != 16 || parse_hex(f[2], 16, &r.exact) || (fl[3] != (f[0][0] == 'p' ? 16 : 32)) ||
		    parse_hex(f[3], 16, &r.nums) || (fl[3] == 32 && parse_hex(f[3] + 16, 16, &r.dates)) || fl[4] != 16 || parse_hex(f[4], 16, &r.names) ||
		    parse_dec(f[5], fl[5], &nsh) || nsh > UINT32_MAX || fl[6] != 2 * NF_DUP_K) {
			nf_warnx("%s:%lu: not a key line of nf-dedupe --emit-keys", nf_in_name(in), nf_in_lineno(in));
			rc = -1;
			break;
		}
		r.nsh = (uint32_t)nsh;
		if (fl[1] > 12) /* shards: decisions as wide as the keys */
			seq_digits = 18;
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
			decide_group(g, n, key.p[0], t, &ids);
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
		decide_group(g, n, key.p[0], t, &ids);
	if (nf_in_failed(in))
		rc = -1;
	free(g);
	nf_row_free(&fr);
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
	nf_row_split(&d->row, line, len);
	const char *f[5];
	size_t fl[5];
	for (size_t i = 0; i < 5 && i < d->row.n; i++)
		f[i] = d->row.f[i].p, fl[i] = d->row.f[i].n;
	uint64_t m = 0, w = 0, tot = 0;
	int ok = d->row.n == 5 && !parse_dec(f[0], fl[0], &d->seq) && !parse_dec(f[1], fl[1], &d->old) &&
	         fl[3] == 1 && d->seq;
	if (ok && f[3][0] == 'P') {
		const char *sl = memchr(f[2], '/', fl[2]);
		ok = sl && !parse_dec(f[2], (size_t)(sl - f[2]), &w) && !parse_dec(sl + 1, fl[2] - (size_t)(sl - f[2]) - 1, &tot) &&
		     w <= tot && tot <= UINT32_MAX;
	} else
		ok = ok && (f[3][0] == 'E' || f[3][0] == 'N') && !parse_dec(f[2], fl[2], &m) && m <= NF_DUP_K;
	if (!ok) {
		nf_warnx("%s:%lu: not a decision line of nf-dedupe --reduce", nf_in_name(d->in), nf_in_lineno(d->in));
		return -1;
	}
	if (d->seq < d->prev) {
		nf_warnx("%s:%lu: decision lines not sorted by row number (sort -k1,1)", nf_in_name(d->in), nf_in_lineno(d->in));
		return -1;
	}
	d->prev = d->seq, d->kind = f[3][0], d->matches = (int)m, d->words = (uint32_t)w, d->total = (uint32_t)tot;
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

/* the paragraph holders of the current row: words found in each */
struct holder {
	uint64_t old;
	uint32_t words;
	size_t idoff, idlen;
};

int nf_dupmr_decide(nf_dupmr_decisions *d, uint64_t seq, nf_buf *id, double *sim, char *kind)
{
	int exact = 0, best = -1;
	uint64_t bold = 0, found = 0, total = 0;
	size_t nh = 0;
	d->pids.len = 0;
	id->len = 0;
	while (d->seq && d->seq < seq)
		if (read_decision(d) < 0)
			return -1;
	for (; d->seq == seq && seq;) {
		if (d->kind == 'P') {
			size_t h = 0;
			while (h < nh && ((struct holder *)d->hold)[h].old != d->old)
				h++;
			if (h == nh) {
				if (nh == d->holdcap)
					d->holdcap = d->holdcap ? d->holdcap * 2 : 16, d->hold = nf_xrealloc(d->hold, d->holdcap * sizeof(struct holder));
				struct holder *o = &((struct holder *)d->hold)[nh++];
				o->old = d->old, o->words = 0, o->idoff = d->pids.len, o->idlen = d->id.len;
				nf_buf_add(&d->pids, d->id.p, d->id.len);
			}
			((struct holder *)d->hold)[h].words += d->words;
			found += d->words, total = d->total;
		} else if (!exact && (d->kind == 'E' || d->matches > best || (d->matches == best && d->old < bold))) {
			exact = d->kind == 'E', best = d->matches, bold = d->old;
			id->len = 0;
			nf_buf_add(id, d->id.p, d->id.len);
		}
		if (read_decision(d) < 0)
			return -1;
	}
	if (exact || best >= 0) {
		*sim = exact ? 1 : nf_dupkey_sim_of(best);
		*kind = exact ? 'E' : 'N';
		return 1;
	}
	*sim = 0;
	*kind = 0;
	if (!nh || total < NF_DUP_PARA_MIN || (double)found < NF_DUP_PARA_SHARE * (double)total)
		return 0;
	const struct holder *hb = NULL;
	for (size_t h = 0; h < nh; h++) {
		const struct holder *o = &((struct holder *)d->hold)[h];
		if (!hb || o->words > hb->words || (o->words == hb->words && o->old < hb->old))
			hb = o;
	}
	nf_buf_add(id, d->pids.p + hb->idoff, hb->idlen);
	*sim = (double)found / (double)total;
	*kind = 'P';
	return 1;
}

void nf_dupmr_close(nf_dupmr_decisions *d)
{
	if (d->in)
		nf_in_close(d->in);
	nf_buf_free(&d->id);
	nf_buf_free(&d->pids);
	nf_row_free(&d->row);
	free(d->hold);
}
