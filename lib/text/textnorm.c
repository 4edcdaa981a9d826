/* textnorm.c — see textnorm.h.
 *
 * One pass over the input. Every code point has a class (a 64 KB table for the BMP, built
 * once from utf8proc's properties and the tables of foldtab.c). The common case — printable
 * ASCII and "inert" characters, which are already NFC and cannot combine with a neighbour —
 * is copied in runs with one memcpy. A character that may need composition opens a "dirty"
 * region that starts at the preceding starter; the region is handed to utf8proc when the
 * next inert character, space or line break arrives. Whitespace is not written when seen
 * but remembered (one pending blank, up to two pending line breaks) and written before the
 * next visible character, which trims lines and collapses runs for free. */
#include "text/textnorm.h"
#include "text/foldtab.h"
#include "core/utf8.h"
#include "core/diag.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { K_COPY, K_NORM, K_SPACE, K_DROP, K_NL, K_CTRL, K_MOJI, K_MAP };
#define NONE ((size_t)-1)
#define SECOND_LIMIT 0x30000

static uint8_t cls_bmp[0x10000];
static uint8_t second[SECOND_LIMIT / 8]; /* may be the second part of a canonical composition */
static unsigned char plain[256];        /* printable ASCII copied as is */
static struct nf_norm_opts opt;
static utf8proc_option_t map_flags;

#include "text/htmlent-tab.h"

static int in_ranges(const struct nf_cprange *r, int32_t cp)
{
	for (; r->lo || r->hi; r++)
		if (cp >= r->lo && cp <= r->hi)
			return 1;
	return 0;
}

static int is_second(int32_t cp)
{
	return cp < SECOND_LIMIT && (second[cp >> 3] >> (cp & 7) & 1);
}

/* class from Unicode properties alone: inert (COPY) or needs normalization (NORM) */
static int uni_class(int32_t cp)
{
	const utf8proc_property_t *pr = utf8proc_get_property(cp);
	if (pr->combining_class || is_second(cp))
		return K_NORM;
	if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF))
		return K_NORM; /* conjoining jamo */
	if (pr->decomp_seqindex != UINT16_MAX) {
		if (pr->decomp_type && !opt.nfkc)
			return K_COPY; /* a compatibility decomposition: NFC leaves it */
		/* inert only if NFC (NFKC) maps it to itself: not so for singletons (U+212B)
		 * and composition exclusions (U+0958, U+0F73) */
		char b[4];
		utf8proc_uint8_t *r = NULL;
		size_t n = nf_utf8_enc(cp, b);
		utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)b, (utf8proc_ssize_t)n, &r, map_flags);
		int same = k == (utf8proc_ssize_t)n && memcmp(r, b, n) == 0;
		free(r);
		return same ? K_COPY : K_NORM;
	}
	return K_COPY;
}

static const char *ascii_punct(int32_t cp)
{
	size_t lo = 0, hi = 0;
	while (nf_fold_ascii_punct[hi].to)
		hi++;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (nf_fold_ascii_punct[mid].cp == cp)
			return nf_fold_ascii_punct[mid].to;
		if (nf_fold_ascii_punct[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int full_class(int32_t cp)
{
	if (in_ranges(nf_fold_newline, cp))
		return K_NL;
	if (cp >= 0x80 && cp <= 0x9F)
		return K_CTRL;
	if (in_ranges(nf_fold_space, cp))
		return K_SPACE;
	if (in_ranges(nf_fold_drop, cp))
		return K_DROP;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return K_MAP;
	if (opt.ascii_punct && ascii_punct(cp))
		return K_MAP;
	if (cp >= 0xC2 && cp <= 0xF4)
		return K_MOJI;
	return uni_class(cp);
}

void nf_norm_init(const struct nf_norm_opts *o)
{
	opt = *o;
	map_flags = UTF8PROC_STABLE | UTF8PROC_COMPOSE | (opt.nfkc ? UTF8PROC_COMPAT : 0);
	memset(second, 0, sizeof second);
	for (int32_t cp = 0xC0; cp < SECOND_LIMIT; cp++) {
		const utf8proc_property_t *pr = utf8proc_get_property(cp);
		if (pr->decomp_seqindex == UINT16_MAX || pr->decomp_type)
			continue;
		utf8proc_int32_t d[8];
		utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, NULL);
		for (utf8proc_ssize_t i = 1; i < n && i < 8; i++)
			if (d[i] < SECOND_LIMIT)
				second[d[i] >> 3] |= (uint8_t)(1u << (d[i] & 7));
	}
	for (int32_t v = 0x1161; v <= 0x11C2; v++) /* Hangul V and T jamo */
		second[v >> 3] |= (uint8_t)(1u << (v & 7));
	for (int32_t cp = 0; cp < 0x10000; cp++)
		cls_bmp[cp] = cp < 0x80 ? K_COPY : (cp >= 0xD800 && cp <= 0xDFFF) ? K_COPY : (uint8_t)full_class(cp);
	for (int c = 0x21; c < 0x7F; c++)
		plain[c] = 1;
	if (!opt.no_entities)
		plain['&'] = 0;
	if (opt.html)
		plain['<'] = 0;
}

static inline int cls_of(int32_t cp)
{
	return cp < 0x10000 ? cls_bmp[cp] : uni_class(cp);
}

/* ---- writer state ---- */
struct w {
	nf_buf *d;
	size_t base, starter, dirty;
	int ws, nls, line_has;
	struct nf_norm_stats *st;
};

static void fixup_(struct w *w)
{
	utf8proc_uint8_t *r = NULL;
	size_t n = w->d->len - w->dirty;
	utf8proc_ssize_t k = utf8proc_map((utf8proc_uint8_t *)w->d->p + w->dirty, (utf8proc_ssize_t)n, &r, map_flags);
	if (k == UTF8PROC_ERROR_NOMEM) /* not a text left unnormalized with exit 0 */
		nf_errx(NF_EXIT_DATA, "out of memory normalizing %zu bytes", n);
	if (k >= 0) {
		w->d->len = w->dirty;
		nf_buf_add(w->d, r, (size_t)k);
	}
	free(r);
	w->dirty = NONE;
}

static inline void fixup(struct w *w)
{
	if (w->dirty != NONE)
		fixup_(w);
}

/* write pending whitespace before visible content */
static inline void prelude(struct w *w)
{
	if (w->nls | w->ws) {
		nf_buf_reserve(w->d, 2);
		if (w->nls) {
			if (w->d->len > w->base) {
				w->d->p[w->d->len++] = '\n';
				if (w->nls > 1)
					w->d->p[w->d->len++] = '\n';
			}
		} else
			w->d->p[w->d->len++] = (char)w->ws;
		w->nls = w->ws = 0;
	}
	w->line_has = 1;
}

static inline void emit_copy(struct w *w, const void *s, size_t n)
{
	fixup(w);
	prelude(w);
	w->starter = w->d->len;
	nf_buf_add(w->d, s, n);
}

static void emit_norm(struct w *w, const void *s, size_t n)
{
	if (w->dirty == NONE) {
		if (!w->ws && !w->nls && w->starter != NONE)
			w->dirty = w->starter;
		else {
			prelude(w);
			w->dirty = w->d->len;
		}
	}
	w->line_has = 1;
	w->starter = NONE;
	nf_buf_add(w->d, s, n);
}

static void blank(struct w *w, int c)
{
	fixup(w);
	if (w->line_has)
		w->ws = (c == '\t' || w->ws == '\t') ? '\t' : ' ';
	w->starter = NONE;
}

static void newline(struct w *w)
{
	fixup(w);
	w->ws = 0;
	if (w->line_has) {
		w->nls = 1;
		w->line_has = 0;
	} else if (w->nls)
		w->nls = 2;
	w->starter = NONE;
}

static void control(struct w *w, size_t off)
{
	if (w->st->controls++ == 0)
		w->st->first_control = off;
}

/* a code point from a repair or an entity: dispatch on its class */
static void put_cp(struct w *w, int32_t cp, size_t off)
{
	char b[4];
	size_t n = nf_utf8_enc(cp, b);
	const char *m;
	if (cp < 0x80) {
		if (cp == '\n') newline(w);
		else if (cp == ' ' || cp == '\t') blank(w, cp);
		else if (cp < 0x20 || cp == 0x7F) control(w, off);
		else emit_copy(w, b, 1);
		return;
	}
	switch (cls_of(cp)) {
	case K_NORM: emit_norm(w, b, n); break;
	case K_SPACE: blank(w, ' '); break;
	case K_DROP: break;
	case K_NL: newline(w); break;
	case K_CTRL: control(w, off); break;
	case K_MAP:
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			b[0] = (char)(cp - 0xFEE0);
			emit_copy(w, b, 1);
		} else if ((m = ascii_punct(cp)))
			emit_copy(w, m, strlen(m));
		break;
	default: emit_copy(w, b, n); break;
	}
}

/* byte that a Latin-1/Windows-1252 decoder turned into cp, or -1 */
static int cp1252_byte(int32_t cp)
{
	if (cp >= 0x80 && cp <= 0xBF && (cp >= 0xA0 || nf_cp1252_high[cp - 0x80] < 0))
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (nf_cp1252_high[i] == cp)
			return 0x80 + i;
	return -1;
}

/* p points after a lead character lead (U+00C2..U+00F4). If the next characters are the
 * Windows-1252 images of continuation bytes that complete a valid UTF-8 sequence for a
 * non-control character, return that character and advance *pp. */
static int32_t mojibake(int32_t lead, const unsigned char **pp, const unsigned char *e)
{
	unsigned char bytes[4] = {(unsigned char)lead};
	size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
	const unsigned char *p = *pp;
	for (size_t i = 1; i <= need; i++) {
		if (p >= e)
			return -1;
		int32_t c;
		size_t k = nf_utf8_dec(p, e, &c);
		int b = c < 0 ? -1 : cp1252_byte(c);
		if (b < 0)
			return -1;
		bytes[i] = (unsigned char)b;
		p += k;
	}
	int32_t cp;
	if (nf_utf8_dec(bytes, bytes + need + 1, &cp) != need + 1 || !in_ranges(nf_mojibake_targets, cp))
		return -1;
	*pp = p;
	return cp;
}

static int is_alpha(unsigned c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* Strong evidence of mojibake: a 3- or 4-byte sequence ("â€™"), or Ã/Â with a continuation
 * other than NBSP ("Ã©"). Correct text almost never holds these. Other candidates ("Å" +
 * NBSP, which may be Norwegian "Å" or a misread "Š") are weak. */
static int moji_strong(int32_t lead, const unsigned char *next, const unsigned char *e)
{
	int32_t c;
	if (lead >= 0xE0)
		return 1;
	nf_utf8_dec(next, e, &c);
	return (lead == 0xC2 || lead == 0xC3) && c != 0xA0;
}

/* Whole-text check, made once per text at its first weak candidate: weak candidates are
 * repaired only where the text also holds strong evidence or at least 3 candidates. */
static int moji_prescan(const unsigned char *p, const unsigned char *e)
{
	int weak = 0;
	while ((p = memchr(p, 0xC3, (size_t)(e - p)))) { /* U+00C2..U+00F4 are C3 xx */
		int32_t cp;
		size_t k = nf_utf8_dec(p, e, &cp);
		const unsigned char *q = p + k;
		if (cp >= 0xC2 && cp <= 0xF4 && mojibake(cp, &q, e) >= 0) {
			if (moji_strong(cp, p + k, e) || ++weak >= 3)
				return 1;
			p = q;
		} else
			p += k;
	}
	return -1;
}

static int entity_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct nf_entity *)e)->name);
}

/* p points at '&'. Decode a character reference ending in ';' and advance *pp. */
static int entity(struct w *w, const unsigned char **pp, const unsigned char *e, size_t off)
{
	const unsigned char *p = *pp + 1;
	char name[40];
	size_t n = 0;
	if (p < e && *p == '#') {
		int hex = p + 1 < e && (p[1] == 'x' || p[1] == 'X');
		p += 1 + hex;
		uint32_t v = 0;
		const unsigned char *d = p;
		for (; p < e && p - d < 8; p++) {
			int x = *p >= '0' && *p <= '9' ? *p - '0'
			        : hex && (*p | 32) >= 'a' && (*p | 32) <= 'f' ? (*p | 32) - 'a' + 10 : -1;
			if (x < 0)
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)x;
		}
		if (p == d || p >= e || *p != ';')
			return 0;
		if (v >= 0x80 && v <= 0x9F && nf_cp1252_high[v - 0x80] > 0)
			v = (uint32_t)nf_cp1252_high[v - 0x80]; /* as browsers do */
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		*pp = p + 1;
		w->st->entities++;
		put_cp(w, (int32_t)v, off);
		return 1;
	}
	for (; p < e && n < sizeof name - 1 && (is_alpha(*p) || (*p >= '0' && *p <= '9')); p++)
		name[n++] = (char)*p;
	if (n == 0 || p >= e || *p != ';')
		return 0;
	name[n] = 0;
	const struct nf_entity *ent = bsearch(name, nf_entities, sizeof nf_entities / sizeof *nf_entities,
	                                      sizeof *nf_entities, entity_cmp);
	if (!ent)
		return 0;
	*pp = p + 1;
	w->st->entities++;
	const unsigned char *s = (const unsigned char *)ent->utf8, *se = s + strlen(ent->utf8);
	while (s < se) {
		int32_t cp;
		s += nf_utf8_dec(s, se, &cp);
		put_cp(w, cp, off);
	}
	return 1;
}

static const unsigned char *find(const unsigned char *p, const unsigned char *e, const char *needle, int fold)
{
	size_t n = strlen(needle);
	for (; p + n <= e; p++) {
		size_t i = 0;
		while (i < n && (fold ? (p[i] | 32) : p[i]) == (unsigned char)needle[i])
			i++;
		if (i == n)
			return p;
	}
	return NULL;
}

/* p points at '<' (html mode). Drop a tag or a comment, and a script or style element
 * with its content; block-level tags become a line break. 0 if this is no tag. */
static int tag(struct w *w, const unsigned char **pp, const unsigned char *e)
{
	const unsigned char *p = *pp + 1, *end;
	if (e - p >= 3 && p[0] == '!' && p[1] == '-' && p[2] == '-') {
		if (!(end = find(p + 3, e, "-->", 0)))
			return 0;
		*pp = end + 3;
		return 1;
	}
	int closing = p < e && *p == '/';
	if (p < e && (*p == '/' || *p == '!'))
		p++;
	if (p >= e || !is_alpha(*p))
		return 0;
	char name[16];
	size_t n = 0;
	while (p < e && n < sizeof name - 1 && (is_alpha(*p) || (*p >= '0' && *p <= '9')))
		name[n++] = (char)(*p++ | 32);
	name[n] = 0;
	const unsigned char *lim = e - p < 4096 ? e : p + 4096;
	for (end = p; end < lim && *end != '>'; end++)
		if (*end == '"' || *end == '\'') { /* quoted attribute values may hold '>' */
			const unsigned char *q = memchr(end + 1, *end, (size_t)(lim - end - 1));
			if (!q)
				return 0;
			end = q;
		}
	if (end >= lim)
		return 0;
	*pp = end + 1;
	if (!closing && end[-1] != '/' && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)) {
		const unsigned char *c = find(*pp, e, name[1] == 'c' ? "</script" : "</style", 1);
		const unsigned char *gt = c ? memchr(c, '>', (size_t)(e - c)) : NULL;
		*pp = gt ? gt + 1 : e;
	}
	for (const char *const *b = nf_html_block_tags; *b; b++)
		if (strcmp(name, *b) == 0) {
			newline(w);
			break;
		}
	return 1;
}

void nf_norm_text(const char *src, size_t n, nf_buf *dst, struct nf_norm_stats *st)
{
	const unsigned char *p = (const unsigned char *)src, *e = p + n, *s0 = p;
	struct w w = {.d = dst, .base = dst->len, .starter = NONE, .dirty = NONE, .st = st};
	int moji_ok = 0; /* weak mojibake candidates: 0 not yet decided, 1 repair, -1 leave */
	nf_buf_reserve(dst, n + n / 2 + 64);
	while (p < e) {
		unsigned c = *p;
		if (plain[c] || c >= 0xC0) {
			/* the fast run: plain ASCII, inert characters, single spaces between them */
			const unsigned char *q = p, *last = p;
			for (;;) {
				if (q >= e)
					break;
				c = *q;
				if (plain[c]) {
					last = q++;
					continue;
				}
				if (c >= 0xC0) {
					int32_t cp;
					size_t k = nf_utf8_dec(q, e, &cp);
					if (cp < 0 || cls_of(cp) != K_COPY)
						break;
					last = q;
					q += k;
					continue;
				}
				if (c == ' ' && q > p && q + 1 < e) {
					if (plain[q[1]]) {
						q++;
						continue;
					}
					if (q[1] >= 0xC0) {
						int32_t cp;
						size_t k = nf_utf8_dec(q + 1, e, &cp);
						if (cp >= 0 && cls_of(cp) == K_COPY) {
							last = q + 1;
							q += 1 + k;
							continue;
						}
					}
				}
				break;
			}
			if (q > p) {
				emit_copy(&w, p, (size_t)(q - p));
				w.starter = dst->len - (size_t)(q - last);
				p = q;
				continue;
			}
		}
		c = *p;
		if (c < 0x80) {
			size_t off = (size_t)(p - s0);
			p++;
			switch (c) {
			case ' ': case '\t': blank(&w, (int)c); break;
			case '\n': newline(&w); break;
			case '\r':
				newline(&w);
				if (p < e && *p == '\n')
					p++;
				break;
			case '&':
				p--;
				if (!entity(&w, &p, e, off)) {
					emit_copy(&w, "&", 1);
					p++;
				}
				break;
			case '<':
				p--;
				if (!tag(&w, &p, e)) {
					emit_copy(&w, "<", 1);
					p++;
				}
				break;
			default: control(&w, off); break; /* C0 controls, DEL */
			}
			continue;
		}
		int32_t cp;
		size_t k = nf_utf8_dec(p, e, &cp), off = (size_t)(p - s0);
		if (cp < 0) {
			if (st->invalid++ == 0)
				st->first_invalid = off;
			emit_copy(&w, NF_REPLACEMENT, 3);
			p += k;
			continue;
		}
		int cl = cls_of(cp);
		const unsigned char *q = p + k;
		if (cl == K_MOJI) {
			int32_t r = mojibake(cp, &q, e);
			if (r >= 0 && !moji_strong(cp, p + k, e)) {
				if (!moji_ok)
					moji_ok = moji_prescan(s0, e);
				if (moji_ok < 0) {
					r = -1;
					q = p + k;
				}
			}
			if (r >= 0) {
				st->mojibake++;
				p = q;
				put_cp(&w, r, off);
				continue;
			}
			emit_copy(&w, p, k);
		} else if (cl == K_NORM)
			emit_norm(&w, p, k);
		else if (cl == K_COPY)
			emit_copy(&w, p, k);
		else
			put_cp(&w, cp, off);
		p = q;
	}
	fixup(&w);
}
