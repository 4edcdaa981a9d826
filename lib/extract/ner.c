/* ner.c — see ner.h */
#include "extract/ner.h"
#include "core/input.h"
#include "core/buf.h"
#include "core/crc32c.h"
#include "core/strset.h"
#include "extract/tokens.h"
#include "core/utf8.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#ifdef NF_NER_HBITS /* the fuzzing build of the model loader only (Makefile: fuzz-build) */
#define HBITS NF_NER_HBITS
#else
#define HBITS 18
#endif
#define H (1u << HBITS)
#define MAXF 64 /* features per token */
#define MAGIC2 "NFNER2\n"
#define MAGIC "NFNER4\n" /* 8 bytes with the NUL */
#define GAZMAX 6 /* tokens in the longest name matched */
#define GAZ_PREFIX 32 /* name-list value of the first words of a longer name */

/* the last tag slot holds the model's options (saved with the tags in both formats):
 * "#history" for the prediction-history features */
#define OPTSLOT (NF_NER_MAXTAGS - 1)

struct nf_ner {
	int nt;
	int hist; /* the options */
	char tags[NF_NER_MAXTAGS][16];
	float *w;                /* [H][nt] */
	float trans[NF_NER_MAXTAGS + 1][NF_NER_MAXTAGS]; /* [prev or start][tag] */
	/* training only: averaging */
	double *acc;
	uint32_t *ts;
	double tacc[NF_NER_MAXTAGS + 1][NF_NER_MAXTAGS];
	uint32_t tts[NF_NER_MAXTAGS + 1][NF_NER_MAXTAGS];
	uint32_t step;
	char ok[NF_NER_MAXTAGS + 1][NF_NER_MAXTAGS]; /* allowed transitions */
	nf_strset *names; /* lower-cased names, tokens joined by ' ' -> type bits */
	nf_buf ntext;     /* the same as "TYPE\tname\n" lines, as saved */
	/* a loaded model: the quantised weights and the name hash table, mapped from the file */
	const int16_t *q; /* [H][nt], times scale */
	float scale;
	int16_t *qown;    /* q read from an NFNER2 file (ner-tool convert) */
	const unsigned char *slots; /* nslots x {u32 key offset + 1 (0: empty), u16 length, u16 value} */
	uint32_t nslots;
	const char *keys;
	void *map;
	size_t maplen;
};

nf_ner *nf_ner_new(void)
{
	nf_ner *m = nf_xmalloc(sizeof *m);
	memset(m, 0, sizeof *m);
	return m;
}

int nf_ner_tag_id(nf_ner *m, const char *tag)
{
	for (int i = 0; i < m->nt; i++)
		if (strcmp(m->tags[i], tag) == 0)
			return i;
	if (m->nt == OPTSLOT || strlen(tag) >= sizeof m->tags[0])
		return -1;
	snprintf(m->tags[m->nt], sizeof m->tags[0], "%s", tag);
	return m->nt++;
}

void nf_ner_set_history(nf_ner *m)
{
	snprintf(m->tags[OPTSLOT], sizeof m->tags[0], "#history");
	m->hist = 1;
}

int nf_ner_history(const nf_ner *m) { return m->hist; }

const char *nf_ner_tag_name(const nf_ner *m, int id) { return id >= 0 && id < m->nt ? m->tags[id] : "O"; }
int nf_ner_ntags(const nf_ner *m) { return m->nt; }

size_t nf_ner_spans(const nf_ner *m, const int *tags, size_t n, struct nf_ner_span *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		const char *tn = nf_ner_tag_name(m, tags[i]);
		if (tn[0] != 'B' && tn[0] != 'I') {
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < n && nf_ner_tag_name(m, tags[j])[0] == 'I' && !strcmp(nf_ner_tag_name(m, tags[j]) + 2, tn + 2))
			j++;
		out[k++] = (struct nf_ner_span){i, j, tn + 2};
		i = j;
	}
	return k;
}

/* ---- features ---- */

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static uint32_t fidx(int tmpl, const char *s, size_t n)
{
	uint64_t h = fnv(14695981039346656037ull ^ (uint64_t)tmpl * 0x9E3779B97F4A7C15ull, s, n);
	return (uint32_t)(h ^ (h >> 29)) & (H - 1);
}

/* a feature of two strings: tmpl, a, a separator, b */
static uint32_t fidx2(int tmpl, const char *a, size_t an, const char *b, size_t bn)
{
	uint64_t h = fnv(14695981039346656037ull ^ (uint64_t)tmpl * 0x9E3779B97F4A7C15ull, a, an);
	h = fnv(h, "\x01", 1);
	h = fnv(h, b, bn);
	return (uint32_t)(h ^ (h >> 29)) & (H - 1);
}

struct tokinfo {
	char low[64], shape[16], surf[64];
	size_t lown, shapen, surfn;
	int caps, allcaps, digit, hyphen, script; /* script: 0 Latin/other, 1 Arabic, 2 CJK */
	int gpos, gmask, one; /* name-list match: 0 none, 1 first token, 2 later token; its types; the word alone */
	int cl; /* word clusters: 0 none, else 1 + fine + 1024 * coarse */
};

static void info(const char *w, struct tokinfo *t)
{
	memset(t, 0, sizeof *t);
	const unsigned char *p = (const unsigned char *)w, *e = p + strlen(w);
	int letters = 0, upper = 0;
	char last = 0;
	size_t hint = 0; /* the script range of the last letter: the next is most often in it */
	while (p < e) {
		int32_t c;
		size_t k;
		int cat;
		if (*p < 0x80) { /* ASCII without the Unicode tables */
			c = *p, k = 1;
			cat = c >= 'A' && c <= 'Z' ? UTF8PROC_CATEGORY_LU : c >= 'a' && c <= 'z' ? UTF8PROC_CATEGORY_LL
			      : c >= '0' && c <= '9' ? UTF8PROC_CATEGORY_ND : UTF8PROC_CATEGORY_PO;
		} else {
			k = nf_utf8_dec(p, e, &c);
			cat = utf8proc_get_property(c < 0 ? 0xFFFD : c)->category;
		}
		char sc = cat == UTF8PROC_CATEGORY_LU ? 'X' : (cat >= UTF8PROC_CATEGORY_LL && cat <= UTF8PROC_CATEGORY_LO) ? 'x'
		          : cat == UTF8PROC_CATEGORY_ND ? 'd' : c == '-' ? '-' : c == '.' ? '.' : '#';
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
			letters++;
			upper += cat == UTF8PROC_CATEGORY_LU;
			if (c < 0x80)
				; /* Latin */
			else if (nf_script_hint(c, &hint) == NF_SC_ARAB)
				t->script = 1;
			else if (nf_is_cjk(c))
				t->script = 2;
		}
		if (sc == 'd')
			t->digit = 1;
		if (c == '-')
			t->hyphen = 1;
		if (sc != last && t->shapen < sizeof t->shape - 1) /* Xxxx -> Xx */
			t->shape[t->shapen++] = sc;
		last = sc;
		int32_t lc = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : utf8proc_tolower(c < 0 ? 0xFFFD : c);
		if (t->lown + 4 < sizeof t->low)
			t->lown += nf_utf8_enc(lc, t->low + t->lown);
		p += k;
	}
	t->low[t->lown] = 0;
	t->surfn = strlen(w) < sizeof t->surf ? strlen(w) : 0;
	memcpy(t->surf, w, t->surfn);
	t->shape[t->shapen] = 0;
	t->caps = upper > 0 && letters > 0 && t->shape[0] == 'X';
	t->allcaps = letters > 1 && upper == letters;
}

/* ---- the document ---- */

#define DOCCTX 8 /* neighbours remembered per capitalised word */
struct docctx {
	uint32_t prev[DOCCTX], next[DOCCTX];
	unsigned char np, nn;
};

struct nf_ner_doc {
	nf_strset *w; /* lower case -> 1 capitalised inside a sentence, 2 lower case, 4 capitalised first word */
	nf_strset *ix; /* a capitalised word -> its entry in ctx */
	nf_strset *hist; /* a capitalised word -> the types its earlier mentions were tagged (bits) */
	nf_buf ctx;    /* struct docctx: the words seen before and after it in the document */
};

static uint32_t whash(const char *s, size_t n) { return (uint32_t)fnv(14695981039346656037ull, s, n); }

static void ctx_add(uint32_t *v, unsigned char *n, uint32_t h)
{
	for (unsigned k = 0; k < *n; k++)
		if (v[k] == h)
			return;
	if (*n < DOCCTX)
		v[(*n)++] = h;
}

nf_ner_doc *nf_ner_doc_new(void)
{
	nf_ner_doc *d = nf_xmalloc(sizeof *d);
	d->w = nf_strset_new();
	d->ix = nf_strset_new();
	d->hist = nf_strset_new();
	memset(&d->ctx, 0, sizeof d->ctx);
	return d;
}

void nf_ner_doc_add(nf_ner_doc *d, const struct nf_ner_sent *s)
{
	struct tokinfo t;
	uint32_t prev = whash("<s>", 3);
	for (size_t i = 0; i < s->n; i++) {
		if (strlen(s->tok[i]) >= sizeof t.low - 4) {
			prev = 0;
			continue;
		}
		info(s->tok[i], &t);
		int v = t.caps ? (i ? 1 : 4) : t.shape[0] == 'x' ? 2 : 0;
		if (v)
			nf_strset_add(d->w, t.low, t.lown, v);
		uint32_t h = whash(t.low, t.lown);
		if (t.caps) { /* context aggregation: its neighbours here */
			int k = nf_strset_get(d->ix, t.low, t.lown);
			if (k < 0) {
				k = (int)(d->ctx.len / sizeof(struct docctx));
				nf_strset_add(d->ix, t.low, t.lown, k);
				struct docctx z = {0};
				nf_buf_add(&d->ctx, &z, sizeof z);
			}
			struct docctx *c = (struct docctx *)(void *)d->ctx.p + k;
			if (prev)
				ctx_add(c->prev, &c->np, prev);
			char nl[64];
			size_t nn = i + 1 < s->n ? nf_ner_key(s->tok[i + 1], nl, sizeof nl) : 0;
			ctx_add(c->next, &c->nn, i + 1 < s->n ? whash(nl, nn) : whash("</s>", 4));
		}
		prev = h;
	}
}

void nf_ner_doc_clear(nf_ner_doc *d)
{
	nf_strset_clear(d->w);
	nf_strset_clear(d->ix);
	nf_strset_clear(d->hist);
	d->ctx.len = 0;
}

void nf_ner_doc_forget(nf_ner_doc *d) { nf_strset_clear(d->hist); }

/* the type bit of a tag: PER 1, ORG 2, LOC 4, MISC 8, O 16 */
static int type_bit(const char *tn)
{
	if (tn[0] == 'O' || !tn[1])
		return 16;
	static const char *const ty[] = {"PER", "ORG", "LOC", "MISC"};
	for (int k = 0; k < 4; k++)
		if (!strcmp(tn + 2, ty[k]))
			return 1 << k;
	return 8;
}

void nf_ner_doc_learn(nf_ner_doc *d, const nf_ner *m, const struct nf_ner_sent *s, const int *tags)
{
	if (!m->hist)
		return;
	struct tokinfo t;
	for (size_t i = 0; i < s->n; i++) {
		if (strlen(s->tok[i]) >= sizeof t.low - 4)
			continue;
		info(s->tok[i], &t);
		if (t.caps)
			nf_strset_add(d->hist, t.low, t.lown, type_bit(m->tags[tags[i]]));
	}
}

void nf_ner_doc_free(nf_ner_doc *d)
{
	if (d) {
		nf_strset_free(d->w);
		nf_strset_free(d->ix);
		nf_strset_free(d->hist);
		nf_buf_free(&d->ctx);
		free(d);
	}
}

/* ---- the name list ---- */

static const char *const gtypes[] = {"PER", "LOC", "ORG", "MISC", "FIRST"};

static int gtype_bit(const char *type)
{
	for (int b = 0; b < 5; b++)
		if (strcmp(type, gtypes[b]) == 0)
			return 1 << b;
	return 0;
}

/* the key of a name: each space-separated token lower-cased as info() does it */
static size_t name_key(const char *name, char *out, size_t cap)
{
	size_t n = 0;
	struct tokinfo t;
	char tok[64];
	while (*name) {
		while (*name == ' ')
			name++;
		size_t l = strcspn(name, " ");
		if (!l)
			break;
		if (l >= sizeof tok || n + 66 > cap)
			return 0;
		memcpy(tok, name, l);
		tok[l] = 0;
		info(tok, &t);
		if (n)
			out[n++] = ' ';
		memcpy(out + n, t.low, t.lown);
		n += t.lown;
		name += l;
	}
	return n;
}

int nf_ner_add_name(nf_ner *m, const char *type, const char *name)
{
	int bit = gtype_bit(type);
	char key[GAZMAX * 66];
	size_t kn;
	if (!bit || !(kn = name_key(name, key, sizeof key)))
		return -1;
	if (!m->names)
		m->names = nf_strset_new();
	nf_strset_add(m->names, key, kn, bit);
	for (size_t i = 0; i < kn; i++) /* its first words, so that the matcher stops early */
		if (key[i] == ' ')
			nf_strset_add(m->names, key, i, GAZ_PREFIX);
	nf_buf_add(&m->ntext, type, strlen(type));
	nf_buf_add(&m->ntext, "\t", 1);
	nf_buf_add(&m->ntext, name, strlen(name));
	nf_buf_add(&m->ntext, "\n", 1);
	return 0;
}

/* a word cluster is a name-table entry keyed by CLKEY and the word's key; it is saved as a
 * line "C<value>\tword" among the names */
#define CLKEY '\x01'

size_t nf_ner_key(const char *tok, char *out, size_t cap)
{
	struct tokinfo t;
	if (strlen(tok) >= sizeof t.low - 4)
		return 0;
	info(tok, &t);
	if (t.lown + 1 > cap)
		return 0;
	memcpy(out, t.low, t.lown + 1);
	return t.lown;
}

static int add_cluster_key(nf_ner *m, unsigned value, const char *word, char *key, size_t *kn)
{
	if (!value || value > 65535 || strchr(word, ' ') || !(*kn = nf_ner_key(word, key + 1, 62)))
		return -1;
	key[0] = CLKEY;
	(*kn)++;
	if (!m->names)
		m->names = nf_strset_new();
	if (nf_strset_get(m->names, key, *kn) >= 0)
		return -1; /* the first value of a word wins */
	nf_strset_add(m->names, key, *kn, (int)value);
	return 0;
}

int nf_ner_add_cluster(nf_ner *m, const char *word, unsigned value)
{
	char key[64];
	size_t kn;
	if (add_cluster_key(m, value, word, key, &kn) != 0)
		return -1;
	char line[32];
	int ln = snprintf(line, sizeof line, "C%u\t", value);
	nf_buf_add(&m->ntext, line, (size_t)ln);
	nf_buf_add(&m->ntext, word, strlen(word));
	nf_buf_add(&m->ntext, "\n", 1);
	return 0;
}

/* a "C<value>" type of a saved line: its value, else 0 */
static unsigned cluster_type(const char *type)
{
	if (type[0] != 'C' || !type[1])
		return 0;
	char *end;
	unsigned long v = strtoul(type + 1, &end, 10);
	return *end || v > 65535 ? 0 : (unsigned)v;
}

static uint32_t hname(const char *k, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

/* the value of a name key, or -1: from the mapped table of a loaded model, else the training set */
static int names_get(const nf_ner *m, const char *k, size_t n)
{
	if (!m->slots)
		return nf_strset_get(m->names, k, n);
	for (uint32_t i = hname(k, n) & (m->nslots - 1);; i = (i + 1) & (m->nslots - 1)) {
		const unsigned char *sl = m->slots + 8 * (size_t)i;
		uint32_t off;
		uint16_t len, val;
		memcpy(&off, sl, 4);
		memcpy(&len, sl + 4, 2);
		memcpy(&val, sl + 6, 2);
		if (!off)
			return -1;
		if (len == n && !memcmp(m->keys + off - 1, k, n))
			return val;
	}
}

int nf_ner_name_start(const nf_ner *m, const char *w, size_t n)
{
	char tok[64], key[64];
	if ((!m->names && !m->slots) || n >= sizeof tok)
		return 0;
	memcpy(tok, w, n);
	tok[n] = 0;
	size_t kn = nf_ner_key(tok, key, sizeof key);
	int v = kn ? names_get(m, key, kn) : -1;
	return v > 0 && (v & (31 | GAZ_PREFIX)) != 0;
}

/* longest names from the left, not overlapping */
static void gaz(const nf_ner *m, struct tokinfo *ti, size_t n)
{
	if (!m->names && !m->slots)
		return;
	char key[GAZMAX * 66];
	for (size_t i = 0; i < n;) {
		size_t kn = 0, best = 0;
		int bmask = 0;
		for (size_t l = 1; l <= GAZMAX && i + l <= n; l++) {
			const struct tokinfo *t = &ti[i + l - 1];
			if (l > 1)
				key[kn++] = ' ';
			memcpy(key + kn, t->low, t->lown);
			kn += t->lown;
			int v = names_get(m, key, kn);
			if (v < 0)
				break; /* no name goes on with these words */
			if (l == 1)
				ti[i].one = v;
			if (v > 0 && (v & 15))
				best = l, bmask = v & 15;
		}
		if (!best) {
			i++;
			continue;
		}
		for (size_t l = 0; l < best; l++)
			ti[i + l].gpos = l ? 2 : 1, ti[i + l].gmask = bmask;
		i += best;
	}
}

/* the clusters of the words */
static void clusters(const nf_ner *m, struct tokinfo *ti, size_t n)
{
	if (!m->names && !m->slots)
		return;
	char key[64];
	key[0] = CLKEY;
	for (size_t i = 0; i < n; i++) {
		if (ti[i].lown + 1 > sizeof key)
			continue;
		memcpy(key + 1, ti[i].low, ti[i].lown);
		int v = names_get(m, key, ti[i].lown + 1);
		ti[i].cl = v > 0 ? v : 0;
	}
}

/* byte length of the first k characters of s */
static size_t chars(const char *s, size_t n, int k)
{
	size_t i = 0;
	while (i < n && k > 0) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		k--;
	}
	return i;
}

static size_t last_chars(const char *s, size_t n, int k)
{
	size_t i = n;
	while (i > 0 && k > 0) {
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		k--;
	}
	return n - i;
}

static int features(const struct tokinfo *ti, size_t n, size_t i, const nf_ner_doc *doc, int hist, uint32_t *f)
{
	int k = 0;
	const struct tokinfo *t = &ti[i];
	static const char B[] = "<s>", E[] = "</s>";
	f[k++] = fidx(0, "", 0);
	f[k++] = fidx(1, t->low, t->lown);
	for (int a = 1; a <= 3; a++)
		f[k++] = fidx(2 + a, t->low, chars(t->low, t->lown, a));
	for (int a = 1; a <= 4; a++) {
		size_t l = last_chars(t->low, t->lown, a);
		f[k++] = fidx(6 + a, t->low + t->lown - l, l);
	}
	f[k++] = fidx(11, t->shape, t->shapen);
	char flags[6] = {(char)('0' + t->caps), (char)('0' + t->allcaps), (char)('0' + t->digit), (char)('0' + t->hyphen),
	                 (char)('0' + t->script), (char)('0' + (i == 0))};
	f[k++] = fidx(12, flags, 6);
	f[k++] = fidx(13, flags, 1) ^ fidx(14, flags + 5, 1);
	for (int d = -2; d <= 2; d++) {
		if (!d)
			continue;
		long j = (long)i + d;
		const char *w = j < 0 ? B : j >= (long)n ? E : ti[j].low;
		size_t wl = j < 0 || j >= (long)n ? strlen(w) : ti[j].lown;
		f[k++] = fidx(20 + d, w, wl);
		if (d == -1 || d == 1) {
			const char *sh = j < 0 || j >= (long)n ? w : ti[j].shape;
			f[k++] = fidx(30 + d, sh, strlen(sh));
			f[k++] = fidx2(40 + d, t->shape, t->shapen, sh, strlen(sh));
		}
	}
	f[k++] = fidx(60, ti[i].surf, ti[i].surfn);
	if (t->gmask) {
		char g[4] = {(char)('0' + t->gpos), (char)('a' + t->gmask), (char)('0' + t->caps), (char)('0' + (i == 0))};
		f[k++] = fidx(70, g, 2);
		f[k++] = fidx(71, g, 3);
		f[k++] = fidx(72, g, 4);
	}
	if (t->script == 1) {
		size_t pl = nf_tok_proclitics(t->low, t->lown, 1); /* the word without و ب ال */
		const char *st = t->low + pl;
		size_t sl = t->lown - pl;
		if (pl) {
			f[k++] = fidx(80, st, sl);
			size_t l = last_chars(st, sl, 2);
			f[k++] = fidx(81, st + sl - l, l);
		}
	}
	if (doc && t->shape[0] == 'X') {
		int v = nf_strset_get(doc->w, t->low, t->lown);
		char g[3] = {(char)('a' + (v < 0 ? 0 : v)), (char)('0' + (i == 0)), (char)('0' + t->allcaps)};
		f[k++] = fidx(90, g, 3);
	}
	if (doc && t->caps) { /* the neighbours of the word elsewhere in the document */
		int x = nf_strset_get(doc->ix, t->low, t->lown);
		if (x >= 0) {
			const struct docctx *c = (const struct docctx *)(const void *)doc->ctx.p + x;
			for (unsigned q = 0; q < c->np; q++)
				f[k++] = fidx(110, (const char *)&c->prev[q], 4);
			for (unsigned q = 0; q < c->nn; q++)
				f[k++] = fidx(111, (const char *)&c->next[q], 4);
		}
	}
	if (doc && t->caps && hist) { /* what the earlier mentions of the word were tagged */
		int v = nf_strset_get(doc->hist, t->low, t->lown);
		char h = (char)(v > 0 ? v : 0);
		f[k++] = fidx(120, &h, 1);
	}
	if (t->one & 16)
		f[k++] = fidx(73, flags, 1);
	for (int d = -1; d <= 1; d += 2) {
		long j = (long)i + d;
		if (j >= 0 && j < (long)n && ti[j].gmask) {
			char g[2] = {(char)('0' + ti[j].gpos), (char)('a' + ti[j].gmask)};
			f[k++] = fidx(75 + d, g, 2);
		}
	}
	if (i + 1 < n) { /* this word with the next one */
		f[k++] = fidx2(51, t->low, t->lown, ti[i + 1].low, ti[i + 1].lown);
	}
	for (int d = -1; d <= 1; d += 2) {
		long j = (long)i + d;
		if (j >= 0 && j < (long)n) {
			size_t l = last_chars(ti[j].low, ti[j].lown, 3);
			f[k++] = fidx(62 + d, ti[j].low + ti[j].lown - l, l);
		}
	}
	if (i > 0) { /* the previous word with this one */
		f[k++] = fidx2(50, ti[i - 1].low, ti[i - 1].lown, t->low, t->lown);
	}
	for (int d = -1; d <= 1; d++) { /* word clusters: fine and coarse, of this word and its neighbours */
		long j = (long)i + d;
		if (j < 0 || j >= (long)n || !ti[j].cl)
			continue;
		unsigned fine = (unsigned)(ti[j].cl - 1) % 1024, coarse = (unsigned)(ti[j].cl - 1) / 1024;
		char c[3] = {(char)(fine & 255), (char)(fine >> 8), (char)coarse};
		f[k++] = fidx(101 + d, c, 2);
		f[k++] = fidx(104 + d, c + 2, 1);
	}
	return k;
}

/* ---- decoding ---- */

static void emissions(const nf_ner *m, const uint32_t *f, int nf, float *sc)
{
	for (int t = 0; t < m->nt; t++)
		sc[t] = 0;
	if (m->q) { /* the int16 weights summed exactly, scaled once: the same in both formats */
		int32_t acc[NF_NER_MAXTAGS] = {0};
		for (int k = 0; k < nf; k++)
			__builtin_prefetch(m->q + (size_t)f[k] * (size_t)m->nt);
		for (int k = 0; k < nf; k++) {
			const int16_t *q = m->q + (size_t)f[k] * (size_t)m->nt;
			for (int t = 0; t < m->nt; t++)
				acc[t] += q[t];
		}
		for (int t = 0; t < m->nt; t++)
			sc[t] = (float)acc[t] * m->scale;
		return;
	}
	for (int k = 0; k < nf; k++) {
		const float *w = m->w + (size_t)f[k] * (size_t)m->nt;
		for (int t = 0; t < m->nt; t++)
			sc[t] += w[t];
	}
}

/* BIO: I-X only after B-X or I-X */
static int allowed_slow(const nf_ner *m, int prev, int t)
{
	const char *tn = m->tags[t];
	if (tn[0] != 'I')
		return 1;
	if (prev < 0)
		return 0;
	const char *pn = m->tags[prev];
	return pn[0] != 'O' && strcmp(pn + 1, tn + 1) == 0;
}

/* allowed transitions, computed once per model: [prev + 1][t], prev -1 for the start */
static int allowed(const nf_ner *m, int prev, int t)
{
	return m->ok[prev + 1][t];
}

static void set_allowed(nf_ner *m)
{
	for (int p = -1; p < m->nt; p++)
		for (int t = 0; t < m->nt; t++)
			m->ok[p + 1][t] = (char)allowed_slow(m, p, t);
}

static void viterbi(const nf_ner *m, const float *em, size_t n, int *out)
{
	int T = m->nt;
	float *v = nf_xmalloc(n * (size_t)T * sizeof *v);
	int *bp = nf_xmalloc(n * (size_t)T * sizeof *bp);
	for (size_t i = 0; i < n; i++)
		for (int t = 0; t < T; t++) {
			float best = -1e30f;
			int arg = 0;
			if (i == 0) {
				best = allowed(m, -1, t) ? m->trans[NF_NER_MAXTAGS][t] : -1e30f;
			} else
				for (int p = 0; p < T; p++) {
					float s = v[(i - 1) * T + p] + m->trans[p][t];
					if (!allowed(m, p, t))
						s = -1e30f;
					if (s > best)
						best = s, arg = p;
				}
			v[i * T + t] = best + em[i * T + t];
			bp[i * T + t] = arg;
		}
	int t = 0;
	for (int k = 1; k < T; k++)
		if (v[(n - 1) * T + k] > v[(n - 1) * T + t])
			t = k;
	for (size_t i = n; i-- > 0;) {
		out[i] = t;
		t = bp[i * T + t];
	}
	free(v);
	free(bp);
}

void nf_ner_decode(const nf_ner *m, const struct nf_ner_sent *s, int *tags)
{
	static nf_buf bti, bem; /* reused: they grow to the longest sentence */
	if (!s->n)
		return;
	bti.len = bem.len = 0;
	nf_buf_reserve(&bti, s->n * sizeof(struct tokinfo));
	nf_buf_reserve(&bem, s->n * (size_t)m->nt * sizeof(float));
	struct tokinfo *ti = (struct tokinfo *)(void *)bti.p;
	float *em = (float *)(void *)bem.p;
	uint32_t f[MAXF];
	for (size_t i = 0; i < s->n; i++)
		info(s->tok[i], &ti[i]);
	gaz(m, ti, s->n);
	clusters(m, ti, s->n);
	for (size_t i = 0; i < s->n; i++) {
		int nf = features(ti, s->n, i, s->doc, m->hist, f);
		emissions(m, f, nf, em + i * (size_t)m->nt);
	}
	viterbi(m, em, s->n, tags);
}

/* ---- training ---- */

static void upd(nf_ner *m, uint32_t f, int t, float d)
{
	size_t k = (size_t)f * (size_t)m->nt + (size_t)t;
	m->acc[k] += (double)(m->step - m->ts[k]) * m->w[k];
	m->ts[k] = m->step;
	m->w[k] += d;
}

static void tupd(nf_ner *m, int p, int t, float d)
{
	m->tacc[p][t] += (double)(m->step - m->tts[p][t]) * m->trans[p][t];
	m->tts[p][t] = m->step;
	m->trans[p][t] += d;
}

void nf_ner_train(nf_ner *m, const struct nf_ner_sent *s, const int *const *gold, size_t nsent, int epochs,
                  unsigned seed)
{
	size_t W = (size_t)H * (size_t)m->nt;
	set_allowed(m);
	m->w = calloc(W, sizeof *m->w);
	m->acc = calloc(W, sizeof *m->acc);
	m->ts = calloc(W, sizeof *m->ts);
	if (!m->w || !m->acc || !m->ts) {
		fprintf(stderr, "ner: out of memory\n");
		exit(1);
	}
	size_t *order = nf_xmalloc(nsent * sizeof *order);
	for (size_t i = 0; i < nsent; i++)
		order[i] = i;
	uint64_t rnd = seed ? seed : 1;
	nf_buf fb = {0};
	for (int ep = 0; ep < epochs; ep++) {
		for (size_t i = nsent; i > 1; i--) { /* Fisher-Yates with a fixed xorshift: same bytes every run */
			rnd ^= rnd << 13, rnd ^= rnd >> 7, rnd ^= rnd << 17;
			size_t j = (size_t)(rnd % i), tmp = order[i - 1];
			order[i - 1] = order[j], order[j] = tmp;
		}
		if (m->hist) { /* documents in that shuffled order, each one's sentences in its order, so
		                * that the history holds what the model made of the earlier ones */
			size_t *o2 = nf_xmalloc(nsent * sizeof *o2), k = 0;
			char *done = calloc(nsent, 1);
			for (size_t q = 0; q < nsent; q++) {
				size_t a = order[q];
				if (done[a])
					continue;
				while (a > 0 && s[a - 1].doc && s[a - 1].doc == s[a].doc)
					a--;
				for (size_t b = a; b < nsent && (b == a || (s[b].doc && s[b].doc == s[a].doc)); b++)
					o2[k++] = b, done[b] = 1;
			}
			memcpy(order, o2, nsent * sizeof *order);
			free(o2), free(done);
		}
		size_t errs = 0, toks = 0;
		for (size_t q = 0; q < nsent; q++) {
			const struct nf_ner_sent *x = &s[order[q]];
			const int *g = gold[order[q]];
			if (x->doc && (q == 0 || s[order[q - 1]].doc != x->doc))
				nf_ner_doc_forget((nf_ner_doc *)x->doc); /* a document begins */
			if (!x->n)
				continue;
			m->step++;
			struct tokinfo *ti = nf_xmalloc(x->n * sizeof *ti);
			for (size_t i = 0; i < x->n; i++)
				info(x->tok[i], &ti[i]);
			gaz(m, ti, x->n);
			clusters(m, ti, x->n);
			fb.len = 0;
			nf_buf_reserve(&fb, x->n * MAXF * sizeof(uint32_t) + x->n * sizeof(int));
			uint32_t *F = (uint32_t *)fb.p;
			int *nf = (int *)(F + x->n * MAXF);
			float *em = nf_xmalloc(x->n * (size_t)m->nt * sizeof *em);
			int *pred = nf_xmalloc(x->n * sizeof *pred);
			for (size_t i = 0; i < x->n; i++) {
				nf[i] = features(ti, x->n, i, x->doc, m->hist, F + i * MAXF);
				emissions(m, F + i * MAXF, nf[i], em + i * (size_t)m->nt);
			}
			viterbi(m, em, x->n, pred);
			if (x->doc)
				nf_ner_doc_learn((nf_ner_doc *)x->doc, m, x, pred);
			for (size_t i = 0; i < x->n; i++) {
				toks++;
				int pp = i ? pred[i - 1] : NF_NER_MAXTAGS, gp = i ? g[i - 1] : NF_NER_MAXTAGS;
				if (pred[i] != g[i]) {
					errs++;
					for (int k = 0; k < nf[i]; k++) {
						upd(m, F[i * MAXF + k], g[i], 1);
						upd(m, F[i * MAXF + k], pred[i], -1);
					}
				}
				if (pred[i] != g[i] || pp != gp) {
					tupd(m, gp, g[i], 1);
					tupd(m, pp, pred[i], -1);
				}
			}
			free(ti);
			free(em);
			free(pred);
		}
		fprintf(stderr, "ner: epoch %d: %.2f%% token errors\n", ep + 1, toks ? 100.0 * (double)errs / (double)toks : 0);
	}
	/* the averaged weights */
	for (size_t k = 0; k < W; k++)
		m->w[k] = (float)((m->acc[k] + (double)(m->step - m->ts[k]) * m->w[k]) / (double)m->step);
	for (int p = 0; p <= NF_NER_MAXTAGS; p++)
		for (int t = 0; t < NF_NER_MAXTAGS; t++)
			m->trans[p][t] = (float)((m->tacc[p][t] + (double)(m->step - m->tts[p][t]) * m->trans[p][t]) / (double)m->step);
	free(m->acc);
	free(m->ts);
	m->acc = NULL;
	m->ts = NULL;
	free(order);
	nf_buf_free(&fb);
}

/* ---- files ---- */

static void put32(unsigned char *p, uint32_t v) { p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8), p[2] = (unsigned char)(v >> 16), p[3] = (unsigned char)(v >> 24); }
static uint32_t get32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* NFNER4, little-endian, read in place (mmap): a 32-byte header (MAGIC, HBITS, nt, scale,
 * nslots, key bytes, CRC-32C of all that follows), the tags, the transitions, the name hash
 * table (nslots slots of 8 bytes, FNV-1a, linear probing: the names and the word clusters),
 * the int16 weights, the keys. NFNER3 (a CRC-32, no word clusters) is read no more: make
 * converts the .model again. */
#define HEAD3 32
#define TABLES3 (sizeof(((nf_ner *)0)->tags) + sizeof(((nf_ner *)0)->trans))

static void put16(unsigned char *p, uint32_t v) { p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8); }

/* the scale of the 16-bit weights: a loaded model's, or the largest trained weight / 32767 */
static float weight_scale(const nf_ner *m)
{
	if (m->q)
		return m->scale;
	size_t W = (size_t)H * (size_t)m->nt;
	float mx = 1e-9f;
	for (size_t k = 0; k < W; k++)
		if (m->w[k] > mx || -m->w[k] > mx)
			mx = m->w[k] > 0 ? m->w[k] : -m->w[k];
	return mx / 32767.0f;
}

/* the W weights as little-endian int16 (a loaded model's as they are, trained ones rounded) */
static void add_weights(nf_buf *raw, const nf_ner *m, size_t W, float scale)
{
	for (size_t k = 0; k < W; k++) {
		int16_t v;
		if (m->q)
			v = m->q[k];
		else {
			float x = m->w[k] / scale;
			long q = (long)(x + (x >= 0 ? 0.5f : -0.5f));
			v = (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
		}
		unsigned char b[2] = {(unsigned char)v, (unsigned char)((uint16_t)v >> 8)};
		nf_buf_add(raw, b, 2);
	}
}

int nf_ner_save(const nf_ner *m, const char *path)
{
	size_t W = (size_t)H * (size_t)m->nt;
	float scale = weight_scale(m);
	nf_buf raw = {0};
	unsigned char hdr[16];
	put32(hdr, HBITS);
	put32(hdr + 4, (uint32_t)m->nt);
	memcpy(hdr + 8, &scale, 4);
	put32(hdr + 12, (uint32_t)m->ntext.len);
	nf_buf_add(&raw, hdr, 16);
	nf_buf_add(&raw, m->tags, sizeof m->tags);
	nf_buf_add(&raw, m->trans, sizeof m->trans);
	add_weights(&raw, m, W, scale);
	nf_buf_add(&raw, m->ntext.p, m->ntext.len);
	uLongf cl = compressBound(raw.len);
	unsigned char *comp = nf_xmalloc(cl);
	if (compress2(comp, &cl, (const Bytef *)raw.p, raw.len, 9) != Z_OK) {
		free(comp);
		nf_buf_free(&raw);
		errno = ENOMEM;
		return -1;
	}
	unsigned char head[8 + 12];
	memcpy(head, MAGIC2, 8);
	put32(head + 8, (uint32_t)raw.len);
	put32(head + 12, (uint32_t)cl);
	put32(head + 16, (uint32_t)crc32(0, comp, (uInt)cl));
	FILE *f = fopen(path, "wb");
	int rc = f && fwrite(head, 1, sizeof head, f) == sizeof head && fwrite(comp, 1, cl, f) == cl ? 0 : -1;
	if (f && fclose(f) != 0)
		rc = -1;
	free(comp);
	nf_buf_free(&raw);
	return rc;
}

int nf_ner_save_mapped(const nf_ner *m, const char *path)
{
	size_t W = (size_t)H * (size_t)m->nt;
	float scale = weight_scale(m);
	/* the name table: the keys of nf_ner_add_name again, each once, with its final value */
	size_t nn = nf_strset_size(m->names);
	uint32_t nslots = 16;
	while (nslots < 2 * nn + 1)
		nslots *= 2;
	unsigned char *slots = calloc(nslots, 8);
	nf_buf keys = {0};
	if (!slots) {
		errno = ENOMEM;
		return -1;
	}
	for (const char *p = m->ntext.p, *e = p + m->ntext.len; p && p < e;) {
		const char *nlp = memchr(p, '\n', (size_t)(e - p)), *tab = memchr(p, '\t', (size_t)(e - p));
		char type[8], name[400], key[GAZMAX * 66];
		size_t kn;
		if (!nlp || !tab || tab > nlp || tab - p > 7 || nlp - tab > 400)
			break;
		memcpy(type, p, (size_t)(tab - p));
		type[tab - p] = 0;
		memcpy(name, tab + 1, (size_t)(nlp - tab - 1));
		name[nlp - tab - 1] = 0;
		p = nlp + 1;
		int cluster = 0;
		if (cluster_type(type)) {
			if (!(kn = nf_ner_key(name, key + 1, sizeof key - 1)))
				continue;
			key[0] = CLKEY, kn++, cluster = 1;
		} else if (!gtype_bit(type) || !(kn = name_key(name, key, sizeof key)))
			continue;
		for (size_t i = cluster ? kn : 0; i <= kn; i++) {
			if (i < kn && key[i] != ' ')
				continue;
			uint32_t h = hname(key, i) & (nslots - 1);
			for (;; h = (h + 1) & (nslots - 1)) {
				unsigned char *sl = slots + 8 * (size_t)h;
				uint32_t off = get32(sl);
				if (!off) {
					put32(sl, (uint32_t)keys.len + 1);
					put16(sl + 4, (uint32_t)i);
					put16(sl + 6, (uint32_t)nf_strset_get(m->names, key, i));
					nf_buf_add(&keys, key, i);
					break;
				}
				if ((sl[4] | sl[5] << 8) == (int)i && !memcmp(keys.p + off - 1, key, i))
					break;
			}
		}
	}
	nf_buf raw = {0};
	nf_buf_add(&raw, m->tags, sizeof m->tags);
	nf_buf_add(&raw, m->trans, sizeof m->trans);
	nf_buf_add(&raw, slots, 8 * (size_t)nslots);
	add_weights(&raw, m, W, scale);
	nf_buf_add(&raw, keys.p, keys.len);
	unsigned char head[HEAD3];
	memcpy(head, MAGIC, 8);
	put32(head + 8, HBITS);
	put32(head + 12, (uint32_t)m->nt);
	memcpy(head + 16, &scale, 4);
	put32(head + 20, nslots);
	put32(head + 24, (uint32_t)keys.len);
	put32(head + 28, nf_crc32c(0, raw.p, raw.len));
	FILE *f = fopen(path, "wb");
	int rc = f && fwrite(head, 1, sizeof head, f) == sizeof head && fwrite(raw.p, 1, raw.len, f) == raw.len ? 0 : -1;
	if (f && fclose(f) != 0)
		rc = -1;
	free(slots);
	nf_buf_free(&keys);
	nf_buf_free(&raw);
	return rc;
}

static nf_ner *load3(const char *path, const char **err)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		*err = strerror(errno);
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*err = strerror(errno);
		close(fd);
		return NULL;
	}
	size_t len = (size_t)st.st_size;
#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif
	/* populated at once: the checksum reads every page anyway, and one call maps them faster
	 * than a fault each */
	unsigned char *p = len >= 8 ? mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0) : NULL;
	int e = errno;
	close(fd);
	const uint16_t one = 1;
	if (p == MAP_FAILED) {
		*err = strerror(e); /* not "bad header" */
		return NULL;
	}
	if (!p || memcmp(p, MAGIC, 8) != 0) {
		*err = "not a newsfilters model (bad header)";
	} else if (len < HEAD3)
		*err = "truncated model";
	else if (!*(const unsigned char *)&one)
		*err = "NFNER4 models are little-endian; this machine is not";
	else {
		uint32_t hb = get32(p + 8), nt = get32(p + 12), nslots = get32(p + 20), kl = get32(p + 24);
		size_t W = (size_t)H * nt;
		if (hb != HBITS || nt == 0 || nt > NF_NER_MAXTAGS || nslots < 16 || nslots > (1u << 26) || (nslots & (nslots - 1)))
			*err = "model of another version or size";
		else if (len != HEAD3 + TABLES3 + 8 * (size_t)nslots + 2 * W + kl)
			*err = len < HEAD3 + TABLES3 + 8 * (size_t)nslots + 2 * W + kl ? "truncated model" : "model of another size (trailing bytes)";
		else if (nf_crc32c(0, p + HEAD3, len - HEAD3) != get32(p + 28))
			*err = "corrupt model (checksum mismatch)";
		else {
			nf_ner *m = nf_ner_new();
			m->nt = (int)nt;
			memcpy(&m->scale, p + 16, 4);
			memcpy(m->tags, p + HEAD3, sizeof m->tags);
			m->hist = !strncmp(m->tags[OPTSLOT], "#history", sizeof m->tags[0]);
			memcpy(m->trans, p + HEAD3 + sizeof m->tags, sizeof m->trans);
			m->slots = p + HEAD3 + TABLES3;
			m->nslots = nslots;
			m->q = (const int16_t *)(const void *)(m->slots + 8 * (size_t)nslots);
			m->keys = (const char *)(p + HEAD3 + TABLES3 + 8 * (size_t)nslots + 2 * W);
			m->map = p;
			m->maplen = len;
			int bad = 0;
			for (int t = 0; t < m->nt; t++)
				bad |= memchr(m->tags[t], 0, sizeof m->tags[t]) == NULL;
			for (uint32_t i = 0; i < nslots && !bad; i++) { /* every key inside the file */
				uint32_t off = get32(m->slots + 8 * (size_t)i), kn = m->slots[8 * (size_t)i + 4] | (uint32_t)m->slots[8 * (size_t)i + 5] << 8;
				bad = off && (off - 1 > kl || kn > kl - (off - 1));
			}
			if (!bad) {
				set_allowed(m);
				return m;
			}
			*err = "corrupt model (tags or name table)";
			nf_ner_free(m);
			return NULL;
		}
	}
	if (p)
		munmap(p, len);
	return NULL;
}

static nf_ner *load2(const char *path, const char **err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = strerror(errno);
		return NULL;
	}
	unsigned char head[20];
	nf_ner *m = NULL;
	unsigned char *comp = NULL, *raw = NULL;
	if (nf_fread(head, sizeof head, f) != sizeof head || memcmp(head, MAGIC2, 8) != 0) {
		*err = ferror(f) ? strerror(errno) : "not a newsfilters model (bad header)";
		goto out;
	}
	uint32_t rl = get32(head + 8), cl = get32(head + 12), crc = get32(head + 16);
	if (rl < 16 || rl > (1u << 30) || cl > (1u << 30)) {
		*err = "corrupt model header";
		goto out;
	}
	comp = nf_xmalloc(cl ? cl : 1);
	if (nf_fread(comp, cl, f) != cl) {
		*err = ferror(f) ? strerror(errno) : "truncated model";
		goto out;
	}
	if ((uint32_t)crc32(0, comp, cl) != crc) {
		*err = "corrupt model (checksum mismatch)";
		goto out;
	}
	raw = nf_xmalloc(rl);
	uLongf got = rl;
	int zr = uncompress(raw, &got, comp, cl);
	if (zr != Z_OK || got != rl) {
		*err = zr == Z_MEM_ERROR ? "out of memory while decompressing" : "corrupt model (cannot decompress)";
		goto out;
	}
	m = nf_ner_new();
	uint32_t hb = get32(raw), nt = get32(raw + 4), nl = get32(raw + 12);
	float scale;
	memcpy(&scale, raw + 8, 4);
	size_t W = (size_t)H * nt;
	if (hb != HBITS || nt == 0 || nt > NF_NER_MAXTAGS || nl > rl || rl != 16 + sizeof m->tags + sizeof m->trans + 2 * W + nl) {
		*err = "model of another version or size";
		nf_ner_free(m);
		m = NULL;
		goto out;
	}
	m->nt = (int)nt;
	memcpy(m->tags, raw + 16, sizeof m->tags);
	m->hist = !strncmp(m->tags[OPTSLOT], "#history", sizeof m->tags[0]);
	set_allowed(m);
	memcpy(m->trans, raw + 16 + sizeof m->tags, sizeof m->trans);
	m->scale = scale;
	m->qown = nf_xmalloc(W * sizeof *m->qown);
	const unsigned char *q = raw + 16 + sizeof m->tags + sizeof m->trans;
	for (size_t k = 0; k < W; k++)
		m->qown[k] = (int16_t)(q[2 * k] | q[2 * k + 1] << 8);
	m->q = m->qown;
	for (const char *p = (const char *)q + 2 * W, *e = p + nl; p < e;) { /* TYPE\tname\n */
		const char *nlp = memchr(p, '\n', (size_t)(e - p)), *tab = memchr(p, '\t', (size_t)(e - p));
		if (!nlp || !tab || tab > nlp || tab - p > 7 || nlp - tab > 400) {
			*err = "corrupt model (name list)";
			nf_ner_free(m);
			m = NULL;
			goto out;
		}
		char type[8], name[400];
		memcpy(type, p, (size_t)(tab - p));
		type[tab - p] = 0;
		memcpy(name, tab + 1, (size_t)(nlp - tab - 1));
		name[nlp - tab - 1] = 0;
		unsigned cv = cluster_type(type);
		if (cv)
			nf_ner_add_cluster(m, name, cv);
		else
			nf_ner_add_name(m, type, name); /* names it cannot use are skipped, as in training */
		p = nlp + 1;
	}
out:
	fclose(f);
	free(comp);
	free(raw);
	return m;
}

nf_ner *nf_ner_load(const char *path, const char **err)
{
	FILE *f = fopen(path, "rb");
	char magic[8] = "";
	if (!f) {
		*err = strerror(errno);
		return NULL;
	}
	size_t got = nf_fread(magic, sizeof magic, f);
	if (ferror(f)) {
		*err = strerror(errno);
		fclose(f);
		return NULL;
	}
	fclose(f);
	if (got == sizeof magic && !memcmp(magic, MAGIC2, 8))
		return load2(path, err);
	return load3(path, err);
}

void nf_ner_free(nf_ner *m)
{
	if (!m)
		return;
	free(m->w);
	free(m->qown);
	if (m->map)
		munmap(m->map, m->maplen);
	free(m->acc);
	free(m->ts);
	if (m->names)
		nf_strset_free(m->names);
	nf_buf_free(&m->ntext);
	free(m);
}
