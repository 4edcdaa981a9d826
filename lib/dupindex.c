/* dupindex.c — see dupindex.h */
#include "dupindex.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <zlib.h>

#define NONE UINT32_MAX
#define MAGIC "NFDUP1\n"
#define VERSION 1

struct nf_dupindex {
	struct nf_dup_params p;
	nf_dup_item *it;
	size_t n, cap;
	nf_buf ids;
	uint64_t *ek; /* exact table: key, item */
	uint32_t *ev;
	size_t ecap, en;
	uint32_t *bk, *bv; /* band table (a multimap): band key, item */
	size_t bcap, bn;
	uint32_t *bs; /* [n][bands]: the band keys of every item (its bins are kept as 8 bits only), for rebuilds */
	size_t bscap;
};

static size_t slot64(uint64_t k, size_t cap) { return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1); }
static size_t slot32(uint32_t k, size_t cap) { return (size_t)(((uint64_t)k * 0x9E3779B97F4A7C15ull) >> 24) & (cap - 1); }

static void tables_alloc(nf_dupindex *x, size_t items)
{
	size_t ec = 1024;
	while (ec * 3 < items * 4 + 4)
		ec *= 2;
	free(x->ek), free(x->ev), free(x->bk), free(x->bv);
	x->ecap = ec, x->en = 0;
	x->ek = nf_xmalloc(ec * sizeof *x->ek);
	x->ev = nf_xmalloc(ec * sizeof *x->ev);
	memset(x->ev, 0xFF, ec * sizeof *x->ev);
	x->bk = x->bv = NULL, x->bcap = x->bn = 0;
	if (x->p.near) {
		size_t bc = 1024;
		while (bc * 3 < items * x->p.bands * 4 + 4)
			bc *= 2;
		x->bcap = bc;
		x->bk = nf_xmalloc(bc * sizeof *x->bk);
		x->bv = nf_xmalloc(bc * sizeof *x->bv);
		memset(x->bv, 0xFF, bc * sizeof *x->bv);
	}
}

static void index_item(nf_dupindex *x, uint32_t i, const uint32_t *band)
{
	size_t s = slot64(x->it[i].exact, x->ecap);
	while (x->ev[s] != NONE)
		s = (s + 1) & (x->ecap - 1);
	x->ek[s] = x->it[i].exact, x->ev[s] = i, x->en++;
	for (uint32_t b = 0; band && b < x->p.bands; b++) {
		s = slot32(band[b], x->bcap);
		while (x->bv[s] != NONE)
			s = (s + 1) & (x->bcap - 1);
		x->bk[s] = band[b], x->bv[s] = i, x->bn++;
	}
}

static void rebuild(nf_dupindex *x)
{
	tables_alloc(x, x->n * 2);
	for (size_t i = 0; i < x->n; i++)
		index_item(x, (uint32_t)i, x->p.near ? x->bs + i * x->p.bands : NULL);
}

nf_dupindex *nf_dupindex_new(const struct nf_dup_params *p)
{
	nf_dupindex *x = nf_xmalloc(sizeof *x);
	memset(x, 0, sizeof *x);
	x->p = *p;
	tables_alloc(x, 0);
	return x;
}

long nf_dupindex_exact(const nf_dupindex *x, uint64_t exact, uint32_t scope)
{
	for (size_t s = slot64(exact, x->ecap); x->ev[s] != NONE; s = (s + 1) & (x->ecap - 1))
		if (x->ek[s] == exact && x->it[x->ev[s]].scope == scope)
			return x->ev[s];
	return -1;
}

long nf_dupindex_near(const nf_dupindex *x, const nf_dupkey *k, uint32_t scope, double *sim, double *numsim)
{
	long best = -1;
	double bs = -1;
	for (uint32_t b = 0; b < x->p.bands; b++)
		for (size_t s = slot32(k->band[b], x->bcap); x->bv[s] != NONE; s = (s + 1) & (x->bcap - 1)) {
			if (x->bk[s] != k->band[b] || x->it[x->bv[s]].scope != scope)
				continue;
			const nf_dup_item *it = &x->it[x->bv[s]];
			double j = nf_dupkey_sim(k->sig, it->sig);
			if (j > bs || (j == bs && (long)x->bv[s] < best))
				bs = j, best = x->bv[s];
		}
	if (best >= 0) {
		*sim = bs;
		*numsim = nf_dupkey_numsim(k->nums, x->it[best].nums);
	}
	return best;
}

void nf_dupindex_add(nf_dupindex *x, const nf_dupkey *k, uint32_t scope, uint32_t day, const char *id, size_t idlen)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		x->it = nf_xrealloc(x->it, x->cap * sizeof *x->it);
	}
	if (x->p.near && (x->n + 1) * x->p.bands > x->bscap) {
		x->bscap = x->bscap ? x->bscap * 2 : 1024 * x->p.bands;
		x->bs = nf_xrealloc(x->bs, x->bscap * sizeof *x->bs);
	}
	nf_dup_item *it = &x->it[x->n];
	memset(it, 0, sizeof *it);
	it->exact = k->exact, it->nums = k->nums, it->scope = scope, it->day = day;
	if (x->p.near)
		memcpy(it->sig, k->sig, sizeof it->sig), memcpy(x->bs + x->n * x->p.bands, k->band, x->p.bands * sizeof *x->bs);
	if (x->p.ids) {
		it->idoff = (uint32_t)x->ids.len, it->idlen = (uint32_t)idlen;
		nf_buf_add(&x->ids, id, idlen);
	}
	x->n++;
	if ((x->en + 1) * 4 > x->ecap * 3 || (x->p.near && (x->bn + x->p.bands) * 4 > x->bcap * 3))
		rebuild(x);
	else
		index_item(x, (uint32_t)(x->n - 1), x->p.near ? x->bs + (x->n - 1) * x->p.bands : NULL);
}

const nf_dup_item *nf_dupindex_item(const nf_dupindex *x, long i) { return &x->it[i]; }
const char *nf_dupindex_id(const nf_dupindex *x, const nf_dup_item *it) { return x->ids.p ? x->ids.p + it->idoff : ""; }
size_t nf_dupindex_size(const nf_dupindex *x) { return x->n; }

size_t nf_dupindex_bytes(const nf_dupindex *x)
{
	return x->n * sizeof *x->it + x->ids.len + x->ecap * (sizeof *x->ek + sizeof *x->ev) +
	       x->bcap * (sizeof *x->bk + sizeof *x->bv) + (x->p.near ? x->n * x->p.bands * sizeof *x->bs : 0);
}

void nf_dupindex_prune(nf_dupindex *x, uint32_t min_day, size_t max_items)
{
	size_t first = 0;
	if (max_items && x->n > max_items)
		first = x->n - max_items;
	size_t o = 0, idl = 0;
	for (size_t i = first; i < x->n; i++) {
		if (min_day && x->it[i].day < min_day)
			continue;
		nf_dup_item it = x->it[i];
		if (x->p.ids) {
			memmove(x->ids.p + idl, x->ids.p + it.idoff, it.idlen);
			it.idoff = (uint32_t)idl;
			idl += it.idlen;
		}
		if (x->p.near)
			memmove(x->bs + o * x->p.bands, x->bs + i * x->p.bands, x->p.bands * sizeof *x->bs);
		x->it[o++] = it;
	}
	if (o == x->n)
		return;
	x->n = o;
	x->ids.len = idl;
	rebuild(x);
}

/* ---- state files ---- */

static void put32(unsigned char *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> 8 * i); }
static uint32_t get32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static void put64(unsigned char *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> 8 * i); }
static uint64_t get64(const unsigned char *p) { return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32; }

#define HEAD (8 + 4 + 6 * 4 + 8 + 8 + 4 + 4)

static void params_put(unsigned char *p, const struct nf_dup_params *q)
{
	put32(p, q->near), put32(p + 4, q->k), put32(p + 8, q->bands), put32(p + 12, q->rows), put32(p + 16, q->shingle),
		put32(p + 20, q->ids);
}

int nf_dupstate_lock(const char *path, const char **err)
{
	static char msg[64];
	nf_buf lp = {0};
	nf_buf_add(&lp, path, strlen(path));
	nf_buf_add(&lp, ".lock", 6);
	int fd = open(lp.p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	nf_buf_free(&lp);
	if (fd < 0) {
		*err = strerror(errno);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		snprintf(msg, sizeof msg, "%s", errno == EWOULDBLOCK ? "another run holds its lock (FILE.lock)" : strerror(errno));
		*err = msg;
		close(fd);
		return -1;
	}
	return 0; /* the descriptor stays open: the lock lasts until the process ends */
}

int nf_dupstate_load(const char *path, const struct nf_dup_params *p, nf_dupindex **out, const char **err)
{
	static char msg[160];
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return 1;
		*err = strerror(errno);
		return -1;
	}
	unsigned char h[HEAD];
	unsigned char *comp = NULL, *raw = NULL;
	int rc = -1;
	size_t got = fread(h, 1, HEAD, f);
	if (got == 0 && feof(f)) {
		*err = "empty file (not a state file)";
		goto out;
	}
	if (got < 8 || memcmp(h, MAGIC, 8) != 0) {
		*err = "not an nf-dedupe state file";
		goto out;
	}
	if (got != HEAD) {
		*err = "truncated state file";
		goto out;
	}
	if (get32(h + HEAD - 4) != (uint32_t)crc32(0, h, HEAD - 4)) {
		*err = "corrupt state file (header checksum)";
		goto out;
	}
	if (get32(h + 8) != VERSION) {
		snprintf(msg, sizeof msg, "state file of format version %u (this program reads %u)", get32(h + 8), VERSION);
		*err = msg;
		goto out;
	}
	unsigned char want[24];
	params_put(want, p);
	if (memcmp(want, h + 12, 24) != 0) {
		snprintf(msg, sizeof msg, "state file built with other parameters (mode %s, ids %s); this run: mode %s, ids %s",
		         get32(h + 12) ? "near" : "exact", get32(h + 32) ? "kept" : "not kept", p->near ? "near" : "exact",
		         p->ids ? "kept" : "not kept");
		*err = msg;
		goto out;
	}
	uint64_t rl = get64(h + 36), cl = get64(h + 44);
	uint32_t crc = get32(h + 52);
	if (rl > (1ull << 40) || cl > (1ull << 40)) {
		*err = "corrupt state file (lengths)";
		goto out;
	}
	comp = nf_xmalloc(cl ? cl : 1);
	if (fread(comp, 1, cl, f) != cl) {
		*err = "truncated state file";
		goto out;
	}
	if ((uint32_t)crc32(0, comp, (uInt)cl) != crc) {
		*err = "corrupt state file (checksum mismatch)";
		goto out;
	}
	raw = nf_xmalloc(rl ? rl : 1);
	uLongf rlen = rl;
	if (uncompress(raw, &rlen, comp, cl) != Z_OK || rlen != rl || rl < 8) {
		*err = "corrupt state file (cannot decompress)";
		goto out;
	}
	uint64_t n = get64(raw), bands = p->near ? p->bands : 0;
	size_t need = 8 + n * (sizeof(nf_dup_item) + bands * 4) + 8;
	if (n > (1ull << 32) || rl < need || rl != need + get64(raw + need - 8)) {
		*err = "corrupt state file (item table)";
		goto out;
	}
	nf_dupindex *x = nf_dupindex_new(p);
	x->n = x->cap = n;
	x->it = nf_xmalloc((n ? n : 1) * sizeof *x->it);
	memcpy(x->it, raw + 8, n * sizeof *x->it);
	if (bands) {
		x->bscap = (n + 1) * bands;
		x->bs = nf_xrealloc(x->bs, x->bscap * sizeof *x->bs);
		memcpy(x->bs, raw + 8 + n * sizeof *x->it, n * bands * 4);
	}
	nf_buf_add(&x->ids, raw + need, rl - need);
	rebuild(x);
	*out = x;
	rc = 0;
out:
	fclose(f);
	free(comp);
	free(raw);
	return rc;
}

int nf_dupstate_save(const char *path, const nf_dupindex *x, const char **err)
{
	static char tmp[4096];
	uint64_t bands = x->p.near ? x->p.bands : 0;
	nf_buf raw = {0};
	unsigned char b8[8];
	put64(b8, x->n);
	nf_buf_add(&raw, b8, 8);
	nf_buf_add(&raw, x->it, x->n * sizeof *x->it);
	if (bands)
		nf_buf_add(&raw, x->bs, x->n * bands * 4);
	put64(b8, x->ids.len);
	nf_buf_add(&raw, b8, 8);
	nf_buf_add(&raw, x->ids.p, x->ids.len);
	uLongf cl = compressBound(raw.len);
	unsigned char *comp = nf_xmalloc(cl);
	if (compress2(comp, &cl, (const Bytef *)raw.p, raw.len, 1) != Z_OK) {
		free(comp), nf_buf_free(&raw);
		*err = "out of memory while compressing";
		return -1;
	}
	unsigned char h[HEAD];
	memcpy(h, MAGIC, 8);
	put32(h + 8, VERSION);
	params_put(h + 12, &x->p);
	put64(h + 36, raw.len), put64(h + 44, cl), put32(h + 52, (uint32_t)crc32(0, comp, (uInt)cl));
	put32(h + HEAD - 4, (uint32_t)crc32(0, h, HEAD - 4));
	snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int ok = fd >= 0;
	for (size_t off = 0, tot = HEAD + cl; ok && off < tot;) {
		const unsigned char *src = off < HEAD ? h + off : comp + (off - HEAD);
		size_t len = off < HEAD ? HEAD - off : tot - off;
		ssize_t w = write(fd, src, len);
		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		off += w > 0 ? (size_t)w : 0;
	}
	int e = errno;
	if (ok && fsync(fd) != 0)
		ok = 0, e = errno;
	if (fd >= 0 && close(fd) != 0 && ok)
		ok = 0, e = errno;
	if (ok && rename(tmp, path) != 0)
		ok = 0, e = errno;
	if (!ok) {
		if (fd >= 0)
			unlink(tmp);
		*err = strerror(e ? e : EIO);
	}
	free(comp);
	nf_buf_free(&raw);
	return ok ? 0 : -1;
}

void nf_dupindex_free(nf_dupindex *x)
{
	if (!x)
		return;
	free(x->it), free(x->ek), free(x->ev), free(x->bk), free(x->bv), free(x->bs);
	nf_buf_free(&x->ids);
	free(x);
}
