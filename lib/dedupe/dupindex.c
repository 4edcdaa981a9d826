/* dupindex.c — see dupindex.h */
#include "dedupe/dupindex.h"
#include "core/input.h"
#include "core/diag.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <zlib.h>

#define NONE UINT32_MAX
#define MAGIC "NFDUP1\n"
#define VERSION 3 /* 3: date and time parts apart from the number sets, in a set of their own */
/* grow a table by an eighth (doubled while small) when this full: the band table, 14 entries
 * per item, is kept dense; the key tables are probed on every row and kept shorter */
#define LOAD32 0.9
#define LOAD64 0.75

/* open addressing, Robin Hood probing; key 0 marks an empty slot (a key 0 is stored as 1) */
typedef struct {
	uint64_t *k;
	uint32_t *v; /* the item, when items are kept */
	uint16_t *d; /* else the day */
	size_t cap, n;
} tab64;
typedef struct {
	uint32_t *k, *v;
	size_t cap, n;
} tab32;

struct nf_dupindex {
	struct nf_dup_params p;
	int items;     /* per-item arrays kept: near mode, or ids */
	size_t n, cap; /* items (or keys when there are none) */
	uint8_t *sig;
	uint64_t *nums, *dates, *names;
	uint32_t *nsh, *idoff;
	uint16_t *day;
	nf_buf ids;
	tab64 et, pt; /* exact keys, paragraph keys */
	tab32 bt;
	uint32_t *seen; /* nf_dupindex_paras: words per item */
	size_t seencap;
};

struct nf_dup_params nf_dup_params_of(int near, int ids, int paras)
{
	struct nf_dup_params p = {(uint32_t)near, NF_DUP_K, NF_DUP_SBANDS, NF_DUP_SROWS, NF_DUP_WBANDS, NF_DUP_WROWS, NF_DUP_SHINGLE, (uint32_t)ids, (uint32_t)paras};
	return p;
}

static size_t home64(uint64_t k, size_t cap) { return (size_t)((((k * 0x9E3779B97F4A7C15ull) >> 32) * cap) >> 32); }
static size_t home32(uint32_t k, size_t cap) { return (size_t)(((((uint64_t)k * 0x9E3779B97F4A7C15ull) >> 32) * cap) >> 32); }
static size_t next(size_t s, size_t cap) { return s + 1 == cap ? 0 : s + 1; }
static size_t dist(size_t s, size_t h, size_t cap) { return s >= h ? s - h : s + cap - h; }
static size_t grown(size_t cap, size_t want, double load)
{
	while (cap < 1024 || (double)want > load * (double)cap)
		cap = cap < 1024 ? 1024 : cap < 16384 ? cap * 2 : cap + cap / 8;
	return cap;
}

static void t64_init(tab64 *t, size_t cap, int vals, int days)
{
	t->cap = cap, t->n = 0;
	t->k = nf_xmalloc(cap * sizeof *t->k);
	memset(t->k, 0, cap * sizeof *t->k);
	t->v = vals ? nf_xmalloc(cap * sizeof *t->v) : NULL;
	t->d = days ? nf_xmalloc(cap * sizeof *t->d) : NULL;
}

/* put key from slot s on, di slots from its home (t64_put: its home, 0) */
static void t64_put_at(tab64 *t, size_t s, size_t di, uint64_t key, uint32_t v, uint16_t d)
{
	size_t cap = t->cap;
	for (;; s = next(s, cap), di++) {
		if (!t->k[s]) {
			t->k[s] = key, t->n++;
			if (t->v) t->v[s] = v;
			if (t->d) t->d[s] = d;
			return;
		}
		size_t ds = dist(s, home64(t->k[s], cap), cap);
		if (ds < di) { /* the richer entry moves on */
			uint64_t tk = t->k[s];
			t->k[s] = key, key = tk;
			if (t->v) { uint32_t tv = t->v[s]; t->v[s] = v, v = tv; }
			if (t->d) { uint16_t td = t->d[s]; t->d[s] = d, d = td; }
			di = ds;
		}
	}
}

static void t64_put(tab64 *t, uint64_t key, uint32_t v, uint16_t d) { t64_put_at(t, home64(key, t->cap), 0, key, v, d); }

/* t64_get, then t64_put when the key is missing, in one walk: the put passes the slots the get
 * saw without a swap, so it goes on from where the get stops. 1: the key was there. */
static int t64_get_put(tab64 *t, uint64_t key, uint32_t v, uint16_t d)
{
	size_t cap = t->cap, s = home64(key, cap), di = 0;
	for (;; s = next(s, cap), di++) {
		uint64_t ks = t->k[s];
		if (ks == key)
			return 1;
		if (!ks || dist(s, home64(ks, cap), cap) < di) {
			t64_put_at(t, s, di, key, v, d);
			return 0;
		}
	}
}

static long t64_get(const tab64 *t, uint64_t key)
{
	size_t cap = t->cap, s = home64(key, cap), di = 0;
	for (;; s = next(s, cap), di++) {
		if (!t->k[s] || dist(s, home64(t->k[s], cap), cap) < di)
			return -1;
		if (t->k[s] == key)
			return (long)s;
	}
}

static void t64_free(tab64 *t) { free(t->k), free(t->v), free(t->d), t->k = NULL, t->v = NULL, t->d = NULL; }

/* rehash into cap slots, keeping the entries keep() accepts (remapping their items) */
static void t64_rehash(tab64 *t, size_t cap, const uint32_t *remap, uint16_t min_day)
{
	tab64 o = *t;
	t64_init(t, cap, o.v != NULL, o.d != NULL);
	for (size_t s = 0; s < o.cap; s++) {
		if (!o.k[s] || (o.d && o.d[s] < min_day))
			continue;
		uint32_t v = o.v ? o.v[s] : 0;
		if (remap && (v = remap[v]) == NONE)
			continue;
		t64_put(t, o.k[s], v, o.d ? o.d[s] : 0);
	}
	t64_free(&o);
}

static void t32_init(tab32 *t, size_t cap)
{
	t->cap = cap, t->n = 0;
	t->k = nf_xmalloc(cap * sizeof *t->k);
	memset(t->k, 0, cap * sizeof *t->k);
	t->v = nf_xmalloc(cap * sizeof *t->v);
}

/* a band entry: not when the key has the item already (two bands of a text with one key) or
 * holds NF_DUP_BAND_CAP items; the walk to the slot passes every entry of the key */
static void t32_put(tab32 *t, uint32_t key, uint32_t v)
{
	size_t cap = t->cap, s = home32(key, cap), di = 0, same = 0;
	int placed = 0; /* then key, v is an entry moved along */
	for (;; s = next(s, cap), di++) {
		if (!t->k[s]) {
			t->k[s] = key, t->v[s] = v, t->n++;
			return;
		}
		if (!placed && t->k[s] == key && (t->v[s] == v || ++same >= NF_DUP_BAND_CAP))
			return;
		size_t ds = dist(s, home32(t->k[s], cap), cap);
		if (ds < di) {
			uint32_t tk = t->k[s], tv = t->v[s];
			t->k[s] = key, t->v[s] = v, key = tk, v = tv, di = ds, placed = 1;
		}
	}
}

static void t32_rehash(tab32 *t, size_t cap, const uint32_t *remap)
{
	tab32 o = *t;
	t32_init(t, cap);
	for (size_t s = 0; s < o.cap; s++) {
		uint32_t v = o.v[s];
		if (o.k[s] && (!remap || (v = remap[v]) != NONE))
			t32_put(t, o.k[s], v);
	}
	free(o.k), free(o.v);
}

static uint64_t key64(uint64_t k) { return k ? k : 1; }
static uint32_t key32(uint32_t k) { return k ? k : 1; }

nf_dupindex *nf_dupindex_new(const struct nf_dup_params *p)
{
	nf_dupindex *x = nf_xmalloc(sizeof *x);
	memset(x, 0, sizeof *x);
	x->p = *p;
	x->items = p->near || p->ids || p->paras;
	t64_init(&x->et, grown(0, 0, LOAD64), x->items, !x->items);
	if (p->near)
		t32_init(&x->bt, grown(0, 0, LOAD32));
	if (p->paras)
		t64_init(&x->pt, grown(0, 0, LOAD64), 1, 0);
	return x;
}

long nf_dupindex_exact(const nf_dupindex *x, uint64_t exact)
{
	long s = t64_get(&x->et, key64(exact));
	return s < 0 ? -1 : x->items ? (long)x->et.v[s] : 0;
}

int nf_dupindex_seen(nf_dupindex *x, uint64_t exact, uint16_t day)
{
	uint64_t key = key64(exact);
	if (x->et.n + 1 > LOAD64 * (double)x->et.cap) { /* a new key grows the table first */
		if (t64_get(&x->et, key) >= 0)
			return 1;
		t64_rehash(&x->et, grown(x->et.cap, x->et.n + 1, LOAD64), NULL, 0);
	}
	if (t64_get_put(&x->et, key, 0, day))
		return 1;
	x->n++;
	return 0;
}

void nf_dupindex_prefetch(const nf_dupindex *x, uint64_t exact)
{
#ifdef __GNUC__
	size_t s = home64(key64(exact), x->et.cap);
	__builtin_prefetch(x->et.k + s, 1);
	if (x->et.d)
		__builtin_prefetch(x->et.d + s, 1);
#else
	(void)x, (void)exact;
#endif
}

long nf_dupindex_near(const nf_dupindex *x, const nf_dupkey *k, double t, double *sim)
{
	long best = -1;
	double bs = -1;
	nf_dupsum q = {k->nums, k->dates, k->names, k->nsh, k->sig};
	const tab32 *bt = &x->bt;
	for (int b = 0; b < NF_DUP_BANDS; b++) {
		uint32_t key = key32(k->band[b]);
		size_t s = home32(key, bt->cap), di = 0;
		for (; bt->k[s] && dist(s, home32(bt->k[s], bt->cap), bt->cap) >= di; s = next(s, bt->cap), di++) {
			if (bt->k[s] != key)
				continue;
			uint32_t i = bt->v[s];
			nf_dupsum o = {x->nums[i], x->dates[i], x->names[i], x->nsh[i], x->sig + (size_t)i * NF_DUP_K};
			double j;
			if (nf_dupkey_verdict(&q, &o, t, &j) && (j > bs || (j == bs && (long)i < best)))
				bs = j, best = i;
		}
	}
	if (best >= 0)
		*sim = bs;
	return best;
}

static void items_grow(nf_dupindex *x, size_t want)
{
	if (want <= x->cap)
		return;
	size_t c = x->cap ? x->cap : 1024;
	while (c < want)
		c += c / 2;
	x->day = nf_xrealloc(x->day, c * sizeof *x->day);
	if (x->p.ids)
		x->idoff = nf_xrealloc(x->idoff, c * sizeof *x->idoff);
	if (x->p.near) {
		x->sig = nf_xrealloc(x->sig, c * NF_DUP_K);
		x->nums = nf_xrealloc(x->nums, c * sizeof *x->nums);
		x->dates = nf_xrealloc(x->dates, c * sizeof *x->dates);
		x->names = nf_xrealloc(x->names, c * sizeof *x->names);
		x->nsh = nf_xrealloc(x->nsh, c * sizeof *x->nsh);
	}
	x->cap = c;
}

void nf_dupindex_add(nf_dupindex *x, const nf_dupkey *k, int bands, uint16_t day, const char *id, size_t idlen)
{
	uint32_t i = (uint32_t)x->n;
	if (x->items) {
		items_grow(x, x->n + 1);
		x->day[i] = day;
		if (x->p.ids)
			x->idoff[i] = (uint32_t)x->ids.len, nf_buf_add(&x->ids, id, idlen);
		if (x->p.near)
			memcpy(x->sig + (size_t)i * NF_DUP_K, k->sig, NF_DUP_K), x->nums[i] = k->nums, x->dates[i] = k->dates, x->names[i] = k->names, x->nsh[i] = k->nsh;
	}
	if (x->et.n + 1 > LOAD64 * (double)x->et.cap)
		t64_rehash(&x->et, grown(x->et.cap, x->et.n + 1, LOAD64), NULL, 0);
	t64_put(&x->et, key64(k->exact), i, day);
	if (x->p.near && bands) {
		if (x->bt.n + NF_DUP_BANDS > LOAD32 * (double)x->bt.cap)
			t32_rehash(&x->bt, grown(x->bt.cap, x->bt.n + NF_DUP_BANDS, LOAD32), NULL);
		for (int b = 0; b < NF_DUP_BANDS; b++)
			t32_put(&x->bt, key32(k->band[b]), i);
	}
	for (size_t j = 0; x->p.paras && j < k->npara; j++) {
		uint64_t key = key64(k->para[j].key);
		if (t64_get(&x->pt, key) >= 0)
			continue; /* the first text with a paragraph holds it */
		if (x->pt.n + 1 > LOAD64 * (double)x->pt.cap)
			t64_rehash(&x->pt, grown(x->pt.cap, x->pt.n + 1, LOAD64), NULL, 0);
		t64_put(&x->pt, key, i, 0);
	}
	x->n++;
}

long nf_dupindex_paras(const nf_dupindex *x, const nf_dupkey *k, double *share)
{
	nf_dupindex *w = (nf_dupindex *)x; /* the scratch counts only */
	uint64_t found = 0;
	long best = -1;
	*share = 0;
	if (!x->p.paras || !k->parawords)
		return -1;
	if (w->seencap < x->n) {
		w->seencap = x->n + x->n / 2 + 64;
		w->seen = nf_xrealloc(w->seen, w->seencap * sizeof *w->seen);
		memset(w->seen, 0, w->seencap * sizeof *w->seen);
	}
	for (size_t j = 0; j < k->npara; j++) {
		long s = t64_get(&x->pt, key64(k->para[j].key));
		if (s < 0)
			continue;
		uint32_t i = x->pt.v[s];
		found += k->para[j].words;
		w->seen[i] += k->para[j].words;
		if (best < 0 || w->seen[i] > w->seen[best] || (w->seen[i] == w->seen[best] && (long)i < best))
			best = i;
	}
	for (size_t j = 0; j < k->npara; j++) { /* back to zeros */
		long s = t64_get(&x->pt, key64(k->para[j].key));
		if (s >= 0)
			w->seen[x->pt.v[s]] = 0;
	}
	*share = (double)found / k->parawords;
	return best;
}

const char *nf_dupindex_id(const nf_dupindex *x, long i, size_t *len)
{
	if (!x->p.ids || i < 0 || (size_t)i >= x->n) {
		*len = 0;
		return "";
	}
	size_t end = (size_t)i + 1 < x->n ? x->idoff[i + 1] : x->ids.len;
	*len = end - x->idoff[i];
	return x->ids.p + x->idoff[i];
}

size_t nf_dupindex_size(const nf_dupindex *x) { return x->n; }

size_t nf_dupindex_bytes(const nf_dupindex *x)
{
	size_t per = 0;
	if (x->items)
		per = sizeof *x->day + (x->p.ids ? sizeof *x->idoff : 0) + (x->p.near ? NF_DUP_K + 3 * sizeof *x->nums + sizeof *x->nsh : 0);
	return x->n * per + x->et.cap * (sizeof *x->et.k + (x->et.v ? sizeof *x->et.v : 0) + (x->et.d ? sizeof *x->et.d : 0)) +
	       x->bt.cap * (sizeof *x->bt.k + sizeof *x->bt.v) + x->pt.cap * (sizeof *x->pt.k + sizeof *x->pt.v) +
	       x->seencap * sizeof *x->seen;
}

/* the entries of a table whose item remap keeps */
static size_t kept32(const tab32 *t, const uint32_t *remap)
{
	size_t n = 0;
	for (size_t s = 0; s < t->cap; s++)
		n += t->k[s] && remap[t->v[s]] != NONE;
	return n;
}

static size_t kept64(const tab64 *t, const uint32_t *remap)
{
	size_t n = 0;
	for (size_t s = 0; s < t->cap; s++)
		n += t->k[s] && remap[t->v[s]] != NONE;
	return n;
}

void nf_dupindex_prune(nf_dupindex *x, uint16_t min_day, size_t max_items)
{
	if (!x->items) { /* the exact table alone: the newest whole days, then some of the next */
		uint32_t *per = nf_xmalloc(65536 * sizeof *per);
		memset(per, 0, 65536 * sizeof *per);
		for (size_t s = 0; s < x->et.cap; s++)
			if (x->et.k[s] && x->et.d[s] >= min_day)
				per[x->et.d[s]]++;
		size_t kept = 0, room = 0;
		int d = 65535;
		for (; d >= min_day && (!max_items || kept + per[d] <= max_items); d--)
			kept += per[d];
		if (d >= min_day) /* day d does not fit whole: its first keys in table order fill the room */
			room = max_items - kept;
		free(per);
		tab64 o = x->et;
		t64_init(&x->et, grown(0, kept + room, LOAD64), 0, 1);
		for (size_t s = 0; s < o.cap; s++) {
			if (!o.k[s] || o.d[s] < min_day || (int)o.d[s] < d || ((int)o.d[s] == d && !room))
				continue;
			if ((int)o.d[s] == d)
				room--;
			t64_put(&x->et, o.k[s], 0, o.d[s]);
		}
		t64_free(&o);
		x->n = x->et.n;
		return;
	}
	size_t first = max_items && x->n > max_items ? x->n - max_items : 0, o = 0, idl = 0;
	uint32_t *remap = nf_xmalloc((x->n ? x->n : 1) * sizeof *remap);
	for (size_t i = 0; i < x->n; i++) {
		if (i < first || x->day[i] < min_day) {
			remap[i] = NONE;
			continue;
		}
		remap[i] = (uint32_t)o;
		x->day[o] = x->day[i];
		if (x->p.ids) {
			size_t len, off = x->idoff[i];
			nf_dupindex_id(x, (long)i, &len);
			memmove(x->ids.p + idl, x->ids.p + off, len);
			x->idoff[o] = (uint32_t)idl, idl += len;
		}
		if (x->p.near) {
			memmove(x->sig + o * NF_DUP_K, x->sig + i * NF_DUP_K, NF_DUP_K);
			x->nums[o] = x->nums[i], x->dates[o] = x->dates[i], x->names[o] = x->names[i], x->nsh[o] = x->nsh[i];
		}
		o++;
	}
	if (o < x->n) {
		x->n = o, x->ids.len = idl;
		t64_rehash(&x->et, grown(0, o, LOAD64), remap, 0);
		if (x->p.near)
			t32_rehash(&x->bt, grown(0, kept32(&x->bt, remap), LOAD32), remap);
		if (x->p.paras)
			t64_rehash(&x->pt, grown(0, kept64(&x->pt, remap), LOAD64), remap, 0);
		free(x->seen), x->seen = NULL, x->seencap = 0;
	}
	free(remap);
}

/* ---- state files ---- */

static void put32(unsigned char *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> 8 * i); }
static uint32_t get32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static void put64(unsigned char *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> 8 * i); }
static uint64_t get64(const unsigned char *p) { return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32; }

#define NPAR 9
#define HEAD (8 + 4 + NPAR * 4 + 8 + 8 + 4 + 4)

static void params_put(unsigned char *p, const struct nf_dup_params *q)
{
	const uint32_t v[NPAR] = {q->near, q->k, q->sbands, q->srows, q->wbands, q->wrows, q->shingle, q->ids, q->paras};
	for (int i = 0; i < NPAR; i++)
		put32(p + 4 * i, v[i]);
}

/* mkdir -p of the folder holding path (path itself excluded); 0, or -1 with errno */
static int make_parents(const char *path)
{
	nf_buf d = {0};
	nf_buf_add(&d, path, strlen(path) + 1);
	int rc = 0;
	for (char *p = d.p + 1; rc == 0 && (p = strchr(p, '/')) != NULL; p++) {
		*p = 0;
		if (mkdir(d.p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	nf_buf_free(&d);
	return rc;
}

/* the temporary files of runs killed while saving (FILE.tmp.PID): only under the lock, when
 * no other run can be writing one */
static void remove_stale(const char *path)
{
	const char *slash = strrchr(path, '/');
	nf_buf dir = {0}, f = {0};
	if (slash)
		nf_buf_add(&dir, path, (size_t)(slash - path) + 1);
	else
		nf_buf_add(&dir, "./", 2);
	nf_buf_addc(&dir, 0);
	const char *base = slash ? slash + 1 : path;
	size_t bl = strlen(base);
	DIR *d = opendir(dir.p);
	for (struct dirent *e; d && (e = readdir(d));) {
		const char *n = e->d_name;
		if (strncmp(n, base, bl) != 0 || strncmp(n + bl, ".tmp.", 5) != 0 || !n[bl + 5] ||
		    strspn(n + bl + 5, "0123456789") != strlen(n + bl + 5))
			continue;
		f.len = 0;
		nf_buf_add(&f, dir.p, strlen(dir.p));
		nf_buf_add(&f, n, strlen(n));
		nf_buf_addc(&f, 0);
		if (unlink(f.p) == 0)
			nf_warnx("%s: removed %s, left by a run killed while saving", path, n);
	}
	if (d)
		closedir(d);
	nf_buf_free(&dir);
	nf_buf_free(&f);
}

int nf_dupstate_lock(const char *path, int wait, const char **err)
{
	static char msg[64];
	nf_buf lp = {0};
	nf_buf_add(&lp, path, strlen(path));
	nf_buf_add(&lp, ".lock", 6);
	int fd = open(lp.p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT && make_parents(lp.p) == 0) /* a first run: ~/.cache/x */
		fd = open(lp.p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	nf_buf_free(&lp);
	if (fd < 0) {
		*err = strerror(errno);
		return -1;
	}
	int r = flock(fd, LOCK_EX | LOCK_NB);
	if (r != 0 && errno == EWOULDBLOCK && wait) {
		nf_warnx("%s: another run holds its lock (%s.lock); waiting", path, path);
		while ((r = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
			;
	}
	if (r != 0) {
		snprintf(msg, sizeof msg, "%s", errno == EWOULDBLOCK ? "another run holds its lock (FILE.lock; --no-wait)" : strerror(errno));
		*err = msg;
		close(fd);
		return -1;
	}
	remove_stale(path);
	return 0; /* the descriptor stays open: the lock lasts until the process ends */
}

int nf_dupstate_load(const char *path, const struct nf_dup_params *p, nf_dupindex **out, const char **err)
{
	static char msg[256];
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
	size_t got = nf_fread(h, HEAD, f);
	if (ferror(f)) { /* a read error is not "not a state file" */
		*err = strerror(errno);
		goto out;
	}
	if (got == 0 && feof(f)) {
		*err = "empty file (not a state file)";
		goto out;
	}
	if (got < 8 || memcmp(h, MAGIC, 8) != 0) {
		*err = "not an nf-dedupe state file";
		goto out;
	}
	/* version 2 differs in the number sets of near mode only: an exact-mode state reads as is */
	if (got >= 12 && get32(h + 8) != VERSION && !(get32(h + 8) == 2 && got >= 16 && get32(h + 12) == 0)) {
		snprintf(msg, sizeof msg, "state file of format version %u (this program reads %u%s); start a new state, or use the nf-dedupe that wrote it",
		         get32(h + 8), VERSION, get32(h + 8) < VERSION ? ": its number sets still hold dates" : "");
		*err = msg;
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
	unsigned char want[NPAR * 4];
	params_put(want, p);
	if (memcmp(want, h + 12, NPAR * 4) != 0) {
		snprintf(msg, sizeof msg, "state file built with other parameters (mode %s, ids %s, paragraphs %s); this run: mode %s, ids %s, paragraphs %s",
		         get32(h + 12) ? "near" : "exact", get32(h + 12 + 4 * 7) ? "kept" : "not kept", get32(h + 12 + 4 * 8) ? "on" : "off",
		         p->near ? "near" : "exact", p->ids ? "kept" : "not kept", p->paras ? "on" : "off");
		*err = msg;
		goto out;
	}
	const unsigned char *q = h + 12 + NPAR * 4;
	uint64_t rl = get64(q), cl = get64(q + 8);
	uint32_t crc = get32(q + 16);
	if (rl > (1ull << 40) || cl > (1ull << 40) || rl > cl * 1032 + 64) { /* 1032: deflate's largest ratio */
		*err = "corrupt state file (lengths)";
		goto out;
	}
	struct stat st; /* the lengths are checked against the file before anything is allocated */
	if (fstat(fileno(f), &st) == 0 && (uint64_t)st.st_size - HEAD < cl) {
		*err = "truncated state file";
		goto out;
	}
	comp = nf_xmalloc(cl ? cl : 1);
	if (nf_fread(comp, cl, f) != cl) {
		*err = ferror(f) ? strerror(errno) : "truncated state file";
		goto out;
	}
	if ((uint32_t)crc32(0, comp, (uInt)cl) != crc) {
		*err = "corrupt state file (checksum mismatch)";
		goto out;
	}
	raw = nf_xmalloc(rl ? rl : 1);
	uLongf rlen = rl;
	int zr = uncompress(raw, &rlen, comp, cl);
	if (zr != Z_OK || rlen != rl || rl < 40) {
		*err = zr == Z_MEM_ERROR ? "out of memory while decompressing" : "corrupt state file (cannot decompress)";
		goto out;
	}
	uint64_t n = get64(raw), en = get64(raw + 8), bn = get64(raw + 16), il = get64(raw + 24), pn = get64(raw + 32);
	int items = p->near || p->ids || p->paras;
	uint64_t per = items ? 2 + (p->ids ? 4 : 0) + (p->near ? NF_DUP_K + 28 : 0) : 0;
	if (n > (1ull << 32) || en > (1ull << 32) || bn > (1ull << 36) || il > (1ull << 40) || pn > (1ull << 36) ||
	    rl != 40 + en * (8 + (items ? 4 : 2)) + n * per + bn * 8 + pn * 12 + il || (!items && n != en) || (!p->near && bn) ||
	    (!p->paras && pn)) {
		*err = "corrupt state file (tables)";
		goto out;
	}
	nf_dupindex *x = nf_dupindex_new(p);
	const unsigned char *r = raw + 40;
	t64_free(&x->et);
	t64_init(&x->et, grown(0, en, LOAD64), items, !items);
	const unsigned char *vs = r + en * 8;
	for (uint64_t e = 0; e < en; e++) {
		uint64_t key;
		uint32_t v = 0;
		uint16_t d = 0;
		memcpy(&key, r + e * 8, 8);
		if (items)
			memcpy(&v, vs + e * 4, 4);
		else
			memcpy(&d, vs + e * 2, 2);
		if (!key || (items && v >= n))
			goto bad;
		t64_put(&x->et, key, v, d);
	}
	r = vs + en * (items ? 4 : 2);
	if (items && n) { /* a state of no items has no arrays to fill (memcpy of NULL is undefined) */
		items_grow(x, n);
		x->n = n;
		memcpy(x->day, r, n * 2), r += n * 2;
		if (p->ids)
			memcpy(x->idoff, r, n * 4), r += n * 4;
		if (p->near) {
			memcpy(x->sig, r, n * NF_DUP_K), r += n * NF_DUP_K;
			memcpy(x->nums, r, n * 8), r += n * 8;
			memcpy(x->dates, r, n * 8), r += n * 8;
			memcpy(x->names, r, n * 8), r += n * 8;
			memcpy(x->nsh, r, n * 4), r += n * 4;
		}
		for (uint64_t i = 0; p->ids && i < n; i++)
			if (x->idoff[i] > il || (i && x->idoff[i] < x->idoff[i - 1]))
				goto bad;
	} else if (!items)
		x->n = en;
	if (p->near) {
		free(x->bt.k), free(x->bt.v);
		t32_init(&x->bt, grown(0, bn, LOAD32));
		for (uint64_t e = 0; e < bn; e++) {
			uint32_t key, v;
			memcpy(&key, r + e * 4, 4);
			memcpy(&v, r + bn * 4 + e * 4, 4);
			if (!key || v >= n)
				goto bad;
			t32_put(&x->bt, key, v);
		}
		r += bn * 8;
	}
	if (p->paras) {
		t64_free(&x->pt);
		t64_init(&x->pt, grown(0, pn, LOAD64), 1, 0);
		for (uint64_t e = 0; e < pn; e++) {
			uint64_t key;
			uint32_t v;
			memcpy(&key, r + e * 8, 8);
			memcpy(&v, r + pn * 8 + e * 4, 4);
			if (!key || v >= n)
				goto bad;
			t64_put(&x->pt, key, v, 0);
		}
		r += pn * 12;
	}
	nf_buf_add(&x->ids, r, il);
	*out = x;
	rc = 0;
	goto out;
bad:
	nf_dupindex_free(x);
	*err = "corrupt state file (tables)";
out:
	fclose(f);
	free(comp);
	free(raw);
	return rc;
}

static void add64(nf_buf *b, uint64_t v)
{
	unsigned char t[8];
	put64(t, v);
	nf_buf_add(b, t, 8);
}

int nf_dupstate_save(const char *path, const nf_dupindex *x, const char **err)
{
	static char tmp[4096];
	nf_buf raw = {0};
	add64(&raw, x->n), add64(&raw, x->et.n), add64(&raw, x->p.near ? x->bt.n : 0), add64(&raw, x->ids.len);
	add64(&raw, x->p.paras ? x->pt.n : 0);
	for (size_t s = 0; s < x->et.cap; s++)
		if (x->et.k[s])
			nf_buf_add(&raw, &x->et.k[s], 8);
	for (size_t s = 0; s < x->et.cap; s++)
		if (x->et.k[s])
			nf_buf_add(&raw, x->items ? (const void *)&x->et.v[s] : (const void *)&x->et.d[s], x->items ? 4 : 2);
	if (x->items) {
		nf_buf_add(&raw, x->day, x->n * 2);
		if (x->p.ids)
			nf_buf_add(&raw, x->idoff, x->n * 4);
		if (x->p.near) {
			nf_buf_add(&raw, x->sig, x->n * NF_DUP_K);
			nf_buf_add(&raw, x->nums, x->n * 8);
			nf_buf_add(&raw, x->dates, x->n * 8);
			nf_buf_add(&raw, x->names, x->n * 8);
			nf_buf_add(&raw, x->nsh, x->n * 4);
		}
	}
	if (x->p.near) {
		for (size_t s = 0; s < x->bt.cap; s++)
			if (x->bt.k[s])
				nf_buf_add(&raw, &x->bt.k[s], 4);
		for (size_t s = 0; s < x->bt.cap; s++)
			if (x->bt.k[s])
				nf_buf_add(&raw, &x->bt.v[s], 4);
	}
	for (size_t s = 0; x->p.paras && s < x->pt.cap; s++)
		if (x->pt.k[s])
			nf_buf_add(&raw, &x->pt.k[s], 8);
	for (size_t s = 0; x->p.paras && s < x->pt.cap; s++)
		if (x->pt.k[s])
			nf_buf_add(&raw, &x->pt.v[s], 4);
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
	unsigned char *q = h + 12 + NPAR * 4;
	put64(q, raw.len), put64(q + 8, cl), put32(q + 16, (uint32_t)crc32(0, comp, (uInt)cl));
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
	free(x->sig), free(x->nums), free(x->dates), free(x->names), free(x->nsh), free(x->idoff), free(x->day);
	t64_free(&x->et);
	t64_free(&x->pt);
	free(x->bt.k), free(x->bt.v), free(x->seen);
	nf_buf_free(&x->ids);
	free(x);
}

long nf_dupindex_decide(nf_dupindex *x, const nf_dupkey *k, int bands, int paras, double t, uint16_t day,
                        const char *id, size_t idlen, double *sim, char *kind)
{
	long first = nf_dupindex_exact(x, k->exact);
	*sim = 0;
	*kind = 0;
	if (first >= 0) {
		*sim = 1;
		*kind = 'E';
		return first;
	}
	if (bands && (first = nf_dupindex_near(x, k, t, sim)) >= 0)
		*kind = 'N';
	if (first < 0 && paras) {
		double share;
		long holder = nf_dupindex_paras(x, k, &share);
		if (holder >= 0 && k->parawords >= NF_DUP_PARA_MIN && share >= NF_DUP_PARA_SHARE)
			first = holder, *sim = share, *kind = 'P';
	}
	nf_dupindex_add(x, k, bands, day, id, idlen);
	return first;
}
