/* entities.c — see entities.h */
#include "extract/entities.h"
#include "core/buf.h"
#include "core/strset.h"
#include "core/utf8.h"
#include "extract/enttokens.h"
#include "extract/gazetteer.h"
#include "extract/ner.h"
#include "extract/nermodels.h"
#include "extract/tokens.h"
#include "text/segment.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct ent {
	size_t s, e;
	char type[8];
	const char *canon; /* from the gazetteer, or NULL */
	int strong;        /* typed by a gazetteer, a cue word or a company word: the document keeps it */
};

struct nf_ents {
	nf_ner_models *models;
	unsigned long fallbacks;
	const nf_enttok_lang *tl; /* the token rules of the row's language */
	nf_toks tk;               /* the words of a line */
	nf_enttoks st;            /* the tagger's tokens of the row */
	nf_enttoks lines;         /* each line's tokens: st.v[s..e) */
	nf_buf strs;              /* the tokens as NUL-terminated strings */
	const char **toks;
	int *tags;
	struct nf_ner_span *spans;
	size_t captok;
	struct ent *ents;
	size_t capent;
	nf_strset *rowset;        /* scratch for the rules of one row */
	int (*cnt)[5], *idx;      /* majority's counts */
	size_t capcnt;
	/* the document so far (its rows come one after another): its words, for the tagger's
	 * document features; the types it has settled; its full person names, NUL-separated */
	nf_ner_doc *docctx;
	nf_strset *doc_types;
	nf_buf doc_names;
};

static const char *const tnames[] = {"PER", "ORG", "LOC", "MISC", "PRODUCT"};

/* is sub-token k a punctuation mark that never belongs to a name? */
static int punct_sub(nf_ents *c, const char *text, size_t k)
{
	const char *p = text + c->st.v[k].s;
	size_t n = c->st.v[k].e - c->st.v[k].s;
	if (n == 1)
		return strchr(":;,()[]{}\"!?/|<>*=+", *p) != NULL;
	static const char *const q[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xC2\xAB", "\xC2\xBB",
	                                "\xE2\x80\x93", "\xE2\x80\x94", NULL};
	for (int i = 0; q[i]; i++)
		if (n == strlen(q[i]) && memcmp(p, q[i], n) == 0)
			return 1;
	return 0;
}

static int upper_start(nf_ents *c, const char *text, size_t k)
{
	int32_t ch;
	const unsigned char *p = (const unsigned char *)text + c->st.v[k].s;
	nf_utf8_dec(p, (const unsigned char *)text + c->st.v[k].e, &ch);
	int cat = utf8proc_get_property(ch < 0 ? 0xFFFD : ch)->category;
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* a word that does not begin a name: lower case (de, la), a title or role (Mme, CEO), a
 * preposition; the rules read it as the mention's cue */
static int lead_word(nf_ents *c, const char *text, size_t k)
{
	const char *w = text + c->st.v[k].s;
	size_t n = c->st.v[k].e - c->st.v[k].s;
	int32_t ch;
	nf_utf8_dec((const unsigned char *)w, (const unsigned char *)w + n, &ch);
	if (utf8proc_get_property(ch < 0 ? 0xFFFD : ch)->category == UTF8PROC_CATEGORY_LL)
		return 1;
	const char *cue = nf_gaz_cue(w, n, 0); /* a kind of company or place may begin a name: Banco Santander */
	return (cue && !strcmp(cue, "PER")) || nf_gaz_prep(w, n) ||
	       (nf_gaz_not_entity(w, n) && !nf_gaz_org_word(w, n));
}

/* does text[a..b) hold an upper-case letter, or a letter of a script without case? */
static int has_name_letter(const char *text, size_t a, size_t b)
{
	const unsigned char *p = (const unsigned char *)text + a, *e = (const unsigned char *)text + b;
	while (p < e) {
		if (*p < 0x80) {
			if (*p >= 'A' && *p <= 'Z')
				return 1;
			p++;
			continue;
		}
		int32_t c;
		p += nf_utf8_dec(p, e, &c);
		int cat = utf8proc_get_property(c < 0 ? 0xFFFD : c)->category;
		if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO)
			return 1;
	}
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Gazetteer names fix the type of a tagged mention and add the untagged ones (the longest
 * first); then one surface keeps one type in a document: the one it has most often. */
/* the first of the sorted, non-overlapping mentions en[lo..hi) that ends after pos */
static size_t ends_after(const struct ent *en, size_t lo, size_t hi, size_t pos)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (en[mid].e <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* insert x into the sorted en[e0..ne) */
static size_t insert_ent(struct ent **ents, size_t e0, size_t ne, size_t *cap, const struct ent *x)
{
	if (ne == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*ents = nf_xrealloc(*ents, *cap * sizeof **ents);
	}
	size_t at = ends_after(*ents, e0, ne, x->s);
	memmove(*ents + at + 1, *ents + at, (ne - at) * sizeof **ents);
	(*ents)[at] = *x;
	return ne + 1;
}

/* Gazetteer names fix the type of a tagged mention of the line (en[e0..ne), sorted) and add
 * the untagged ones (the longest first); a name replaces tagged parts of it */
static size_t apply_gazetteer(nf_ents *c, const char *text, struct ent **ents, size_t e0, size_t ne, size_t *cap, size_t s0, size_t sn)
{
	const char *type, *canon;
	int soft;
	for (size_t k = e0; k < ne; k++)
		if (nf_gaz_get(text + (*ents)[k].s, (*ents)[k].e - (*ents)[k].s, &type, &canon, &soft) &&
		    !(soft && !strcmp((*ents)[k].type, "PER") && memchr(text + (*ents)[k].s, ' ', (*ents)[k].e - (*ents)[k].s))) {
			snprintf((*ents)[k].type, sizeof (*ents)[k].type, "%s", type);
			(*ents)[k].canon = canon;
			(*ents)[k].strong = !soft;
		}
	for (size_t i = s0; i < sn; i++) {
		if (!nf_gaz_first_word(text + c->st.v[i].s, c->st.v[i].e - c->st.v[i].s))
			continue;
		for (int w = nf_gaz_max_words(); w >= 1; w--) {
			/* w words: sub-tokens i.. spanning w-1 spaces */
			size_t j = i, words = 1;
			while (j + 1 < sn && words < (size_t)w) {
				j++;
				if (text[c->st.v[j].s - 1] == ' ')
					words++;
			}
			if (words != (size_t)w)
				continue;
			size_t a = c->st.v[i].s, b = c->st.v[j].e;
			if (!nf_gaz_get(text + a, b - a, &type, &canon, &soft))
				continue;
			int overlap = 0, inside = 0; /* tagged mentions across the name, within it */
			size_t k0 = ends_after(*ents, e0, ne, a), k1 = k0;
			for (; k1 < ne && (*ents)[k1].s < b; k1++) {
				if (a <= (*ents)[k1].s && (*ents)[k1].e <= b && (*ents)[k1].e - (*ents)[k1].s < b - a)
					inside++;
				else
					overlap++;
			}
			if (inside && !overlap) { /* the tagger found a part of it: "Lei" of Lei Jun */
				memmove(*ents + k0, *ents + k1, (ne - k1) * sizeof **ents);
				ne -= k1 - k0;
			}
			if (!overlap) {
				struct ent x = {.s = a, .e = b, .canon = canon, .strong = !soft};
				snprintf(x.type, sizeof x.type, "%s", type);
				ne = insert_ent(ents, e0, ne, cap, &x);
			}
			i = j;
			break;
		}
	}
	return ne;
}

/* ---- named products: SU7, Xiaomi SU7, ID.3, Atto 3, Renault 5 E-Tech, Seal U ---- */

static int sub_is(nf_ents *c, const char *text, size_t k, const char *w)
{
	return c->st.v[k].e - c->st.v[k].s == strlen(w) && memcmp(text + c->st.v[k].s, w, strlen(w)) == 0;
}
static int glued(nf_ents *c, size_t k) { return c->st.v[k].s == c->st.v[k - 1].e; } /* no space before sub-token k */
static int num_sub(nf_ents *c, const char *text, size_t k, size_t maxlen)
{
	size_t n = c->st.v[k].e - c->st.v[k].s;
	for (size_t i = 0; i < n; i++)
		if (text[c->st.v[k].s + i] < '0' || text[c->st.v[k].s + i] > '9')
			return 0;
	return n > 0 && n <= maxlen;
}
static int letter_start(nf_ents *c, const char *text, size_t k) /* a word: upper case, or iPhone / eBay */
{
	return nf_enttok_name_start(c->tl, text + c->st.v[k].s, c->st.v[k].e - c->st.v[k].s);
}

static int all_caps(nf_ents *c, const char *text, size_t k)
{
	for (size_t i = c->st.v[k].s; i < c->st.v[k].e; i++)
		if (text[i] >= 'a' && text[i] <= 'z')
			return 0;
	return 1;
}

static size_t add_ent(struct ent **ents, size_t ne, size_t *cap, size_t s, size_t e, const char *type)
{
	if (ne == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*ents = nf_xrealloc(*ents, *cap * sizeof **ents);
	}
	(*ents)[ne] = (struct ent){.s = s, .e = e, .strong = 1};
	snprintf((*ents)[ne].type, sizeof (*ents)[ne].type, "%s", type);
	return ne + 1;
}

static size_t products(nf_ents *c, const char *text, struct ent **ents, size_t e0, size_t ne, size_t *cap, size_t a, size_t z)
{
	for (size_t k = a; k < z; k++) {
		if (!letter_start(c, text, k) || nf_gaz_not_entity(text + c->st.v[k].s, c->st.v[k].e - c->st.v[k].s))
			continue; /* not "RMB 10" */
		size_t e = k + 1;
		int kind;
		if (e < z && glued(c, e) && num_sub(c, text, e, 4))
			e++, kind = 1; /* SU7 */
		else if (e + 1 < z && sub_is(c, text, e, ".") && glued(c, e) && glued(c, e + 1) && num_sub(c, text, e + 1, 3))
			e += 2, kind = 1; /* ID.3 */
		else if (e < z && !glued(c, e) && num_sub(c, text, e, 3) && !(e + 1 < z && glued(c, e + 1)))
			e++, kind = 2; /* Atto 3, not "Artikel 3,5" */
		else if (e < z && !glued(c, e) && c->st.v[e].e - c->st.v[e].s == 1 && upper_start(c, text, e) && !(e + 1 < z && glued(c, e + 1)))
			e++, kind = 3; /* Seal U, not "J. Smith" */
		else
			continue;
		if (kind == 1 && nf_gaz_product_word(text + c->st.v[k].s, c->st.v[e - 1].e - c->st.v[k].s, NF_PROD_NOT))
			continue;
		for (;;) { /* E-Tech, Pro */
			if (e < z && !glued(c, e) && nf_gaz_product_word(text + c->st.v[e].s, c->st.v[e].e - c->st.v[e].s, NF_PROD_SUFFIX))
				e++;
			else if (e + 2 < z && !glued(c, e) && upper_start(c, text, e) && sub_is(c, text, e + 1, "-") && glued(c, e + 1) &&
			         glued(c, e + 2) && upper_start(c, text, e + 2) && c->st.v[e].e - c->st.v[e].s <= 2)
				e += 3;
			else
				break;
		}
		size_t start = c->st.v[k].s, end = c->st.v[e - 1].e;
		int brand = 0, self = 0, cue = 0;
		for (size_t q = ends_after(*ents, e0, ne, start >= 2 ? start - 2 : 0); q < ne && (*ents)[q].s <= start; q++) {
			if (kind == 1 && (*ents)[q].s < start && (*ents)[q].e > start && (*ents)[q].e < end)
				brand = 1, start = (*ents)[q].s; /* the tagger's "Volkswagen ID" of Volkswagen ID.3 */
			if (strcmp((*ents)[q].type, "ORG") != 0)
				continue;
			if ((*ents)[q].e + 1 == start && text[start - 1] == ' ' && !memchr(text + (*ents)[q].s, ' ', (*ents)[q].e - (*ents)[q].s) &&
			    (kind == 1 || (*ents)[q].strong))
				brand = 1, start = (*ents)[q].s; /* Xiaomi SU7 */
			if ((*ents)[q].s == start && (*ents)[q].e <= end && (*ents)[q].strong)
				self = 1; /* Renault 5: a known brand */
		}
		if (kind == 2 && !brand && !self &&
		    (all_caps(c, text, k) || nf_gaz_product_word(text + c->st.v[k].s, c->st.v[k].e - c->st.v[k].s, NF_PROD_MONTH)))
			continue; /* MEXICO 37: a table; March 11: a date */
		for (size_t q = k >= a + 4 ? k - 4 : a; q < e + 3 && q < z && !cue; q++)
			cue = (q < k || q >= e) && nf_gaz_product_word(text + c->st.v[q].s, c->st.v[q].e - c->st.v[q].s, NF_PROD_CUE);
		if (!(kind == 3 ? cue : brand || self || cue))
			continue;
		size_t k0 = ends_after(*ents, e0, ne, start), k1 = k0; /* it replaces what the tagger made of it */
		while (k1 < ne && (*ents)[k1].s < end)
			k1++;
		memmove(*ents + k0, *ents + k1, (ne - k1) * sizeof **ents);
		ne -= k1 - k0;
		struct ent x = {.s = start, .e = end, .strong = 1};
		snprintf(x.type, sizeof x.type, "PRODUCT");
		ne = insert_ent(ents, e0, ne, cap, &x);
		k = e - 1;
	}
	return ne;
}

/* the word before text[at]: the one right before it, or the part attached to it (d’Oddo) */
static size_t word_before(const char *text, size_t at, size_t *start)
{
	size_t e = at;
	if (e > 0 && text[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\n' && text[b - 1] != '(' && text[b - 1] != '"')
		b--;
	*start = b;
	return e - b;
}

/* a cue word before the mention (Mme, PDG de, la société, à) types it */
static void cue(const char *text, struct ent *x)
{
	size_t a, n = word_before(text, x->s, &a);
	if (!n)
		return;
	const char *t = NULL;
	int prep = 0;
	if (nf_gaz_prep(text + a, n)) {
		size_t a2, n2 = word_before(text, a, &a2);
		if (n2 && a2 < a && (t = nf_gaz_cue(text + a2, n2, 1)))
			prep = 1;
	} else
		t = nf_gaz_cue(text + a, n, 0);
	if (!t || !strcmp(t, x->type))
		return;
	int is_per = !strcmp(x->type, "PER"), is_misc = !strcmp(x->type, "MISC"), is_loc = !strcmp(x->type, "LOC");
	int ok = prep ? is_per || is_misc
	              : !strcmp(t, "PER") || (!strcmp(t, "ORG") && (is_per || is_misc || is_loc)) ||
	                    (!strcmp(t, "LOC") && (is_per || is_misc));
	if (ok) {
		snprintf(x->type, sizeof x->type, "%s", t);
		x->strong = 1;
	}
}

/* the rules on top of the tagger: company words make ORG, a lone sentence-starting function
 * word is no entity, and within the document a name that begins an ORG is ORG, one that ends a
 * PER is PER */
static size_t rules(nf_ents *c, const char *text, size_t tn, struct ent *en, size_t ne, const nf_seg_lang *L)
{
	size_t out = 0;
	for (size_t k = 0; k < ne; k++) {
		struct ent *x = &en[k];
		size_t l = x->e - x->s;
		const char *lastw = text + x->e; /* the last word of the mention */
		while (lastw > text + x->s && lastw[-1] != ' ')
			lastw--;
		size_t lwn = (size_t)(text + x->e - lastw);
		if (x->e < tn && text[x->e] == '.' && lwn < 16 &&
		    nf_gaz_org_word(lastw, lwn + 1))
			x->e++, lwn++; /* the period of Inc., Corp., N.V. belongs to the name */
		if (!x->canon && nf_gaz_org_word(lastw, lwn)) {
			snprintf(x->type, sizeof x->type, "ORG");
			x->strong = lastw > text + x->s;
		}
		else if (!x->canon && x->e + 1 < tn && text[x->e] == ' ') { /* Lumaris SA */
			size_t a = x->e + 1, b = a;
			while (b < tn && text[b] != ' ' && text[b] != ',' && text[b] != '\n' && text[b] != ')')
				b++;
			if (b > a && text[b - 1] == '.' && !nf_gaz_org_word(text + a, b - a))
				b--;
			if (nf_gaz_org_word(text + a, b - a)) {
				snprintf(x->type, sizeof x->type, "ORG");
				x->e = b;
				x->strong = 1;
			}
		}
		while (x->e > x->s + 1 && (text[x->e - 1] == '\'' || (x->e >= x->s + 3 && !memcmp(text + x->e - 3, "\xE2\x80\x99", 3))))
			x->e -= text[x->e - 1] == '\'' ? 1 : 3; /* EV’ */
		l = x->e - x->s;
		if (!x->canon && !memchr(text + x->s, ' ', l) && (nf_seg_is_starter(L, text + x->s, l) || nf_gaz_not_entity(text + x->s, l)))
			continue; /* "Les", "The": a capitalised article; EV, CEO: common nouns */
		if (!x->canon && strcmp(x->type, "PRODUCT") != 0) { /* "CNY 2", "Kapazität 40": no number at the end */
			size_t b = x->e;
			while (b > x->s && text[b - 1] >= '0' && text[b - 1] <= '9')
				b--;
			if (b < x->e && b > x->s + 1 && text[b - 1] == ' ') {
				x->e = b - 1;
				l = x->e - x->s;
				if (!memchr(text + x->s, ' ', l) && nf_gaz_not_entity(text + x->s, l))
					continue;
			}
		}
		if (!x->canon)
			cue(text, x);
		en[out++] = *x;
	}
	nf_strset_clear(c->rowset); /* the word prefixes of companies (1), the word suffixes of people (2) */
	for (size_t j = 0; j < out; j++) {
		const char *o = text + en[j].s;
		size_t m = en[j].e - en[j].s;
		int org = !strcmp(en[j].type, "ORG"), per = !strcmp(en[j].type, "PER");
		for (size_t p = 0; p < m && (org || per); p++)
			if (o[p] == ' ') {
				if (org)
					nf_strset_add(c->rowset, o, p, 1);
				else
					nf_strset_add(c->rowset, o + p + 1, m - p - 1, 2);
			}
	}
	for (size_t k = 0; k < out; k++) {
		if (en[k].canon)
			continue;
		int v = nf_strset_get(c->rowset, text + en[k].s, en[k].e - en[k].s);
		if (v > 0)
			snprintf(en[k].type, sizeof en[k].type, "%s", v & 1 ? "ORG" : "PER");
	}
	return out;
}

/* the types the document has settled (its rows come one after another with the same id):
 * a mention typed by a gazetteer, a cue or a company word, and the name inside a company's
 * ("Corvane" of Corvane Semiconductor Inc.) or the last name of a person's full name; later
 * mentions of the same surface take that type */

static void settle(nf_ents *c, const char *w, size_t n, const char *type)
{
	for (int t = 0; t < 5; t++)
		if (!strcmp(type, tnames[t]))
			nf_strset_add(c->doc_types, w, n, 1 << t);
}

static void doc_typing(nf_ents *c, const char *text, struct ent *en, size_t ne)
{
	for (size_t k = 0; k < ne; k++) {
		const char *w = text + en[k].s;
		size_t n = en[k].e - en[k].s;
		if (en[k].strong)
			settle(c, w, n, en[k].type);
		if (!strcmp(en[k].type, "ORG") && en[k].strong) {
			size_t m = n;
			for (;;) { /* the company words off the end */
				const char *sp = NULL;
				for (size_t i = m; i-- > 0;)
					if (w[i] == ' ') {
						sp = w + i;
						break;
					}
				if (!sp || !nf_gaz_org_word(sp + 1, (size_t)(w + m - sp - 1)))
					break;
				m = (size_t)(sp - w);
				settle(c, w, m, "ORG");
			}
		} else if (!strcmp(en[k].type, "PER")) {
			const char *sp = NULL;
			for (size_t i = n; i-- > 0;)
				if (w[i] == ' ') {
					sp = w + i;
					break;
				}
			if (sp)
				settle(c, sp + 1, (size_t)(w + n - sp - 1), "PER");
		}
	}
	for (size_t k = 0; k < ne; k++) {
		if (en[k].strong || en[k].canon)
			continue;
		int v = nf_strset_get(c->doc_types, text + en[k].s, en[k].e - en[k].s);
		for (int t = 0; t < 5; t++)
			if (v == 1 << t)
				snprintf(en[k].type, sizeof en[k].type, "%s", tnames[t]);
	}
}

/* words of the row that the document has settled as names but the tagger missed ("Corvane
 * will also expand." after Corvane Semiconductor Inc.) */
static size_t doc_names_add(nf_ents *c, const char *text, struct ent **ents, size_t ne, size_t *cap)
{
	size_t n0 = ne;
	for (size_t i = 0, k = 0; i < c->st.n; i++) {
		while (k < n0 && (*ents)[k].e <= c->st.v[i].s)
			k++;
		if (k < n0 && (*ents)[k].s < c->st.v[i].e)
			continue; /* inside a mention */
		if (!upper_start(c, text, i) || (i + 1 < c->st.n && glued(c, i + 1) && !punct_sub(c, text, i + 1) && text[c->st.v[i + 1].s] != '.'))
			continue;
		int v = nf_strset_get(c->doc_types, text + c->st.v[i].s, c->st.v[i].e - c->st.v[i].s);
		for (int t = 0; t < 5; t++)
			if (v == 1 << t && t != 2) /* a person or company; a place stays the tagger's call */
				ne = add_ent(ents, ne, cap, c->st.v[i].s, c->st.v[i].e, tnames[t]);
	}
	if (ne > n0)
		qsort(*ents, ne, sizeof **ents, by_start);
	return ne;
}

/* one surface, one type in a row: the type it has most often */
static void majority(nf_ents *c, const char *text, struct ent *en, size_t ne)
{
	int (*cnt)[5] = c->cnt, *idx = c->idx; /* reused: they grow to the most mentions in a row */
	if (ne > c->capcnt) {
		c->capcnt = ne * 2;
		cnt = c->cnt = nf_xrealloc(c->cnt, c->capcnt * sizeof *cnt);
		idx = c->idx = nf_xrealloc(c->idx, c->capcnt * sizeof *idx);
	}
	nf_strset_clear(c->rowset);
	size_t n = 0;
	for (size_t k = 0; k < ne; k++) {
		const char *w = text + en[k].s;
		size_t l = en[k].e - en[k].s;
		int v = nf_strset_get(c->rowset, w, l);
		if (v < 0) {
			v = (int)++n;
			nf_strset_add(c->rowset, w, l, v);
			memset(cnt[v - 1], 0, sizeof cnt[0]);
		}
		idx[k] = v - 1;
		for (int t = 0; t < 5; t++)
			cnt[v - 1][t] += strcmp(en[k].type, tnames[t]) == 0;
	}
	for (size_t k = 0; k < ne; k++) {
		if (en[k].canon || en[k].strong)
			continue;
		const int *c = cnt[idx[k]];
		int best = 0;
		for (int t = 1; t < 5; t++)
			if (c[t] > c[best])
				best = t;
		if (c[best] > 0)
			snprintf(en[k].type, sizeof en[k].type, "%s", tnames[best]);
	}
}

/* full person names seen so far in the current document (its rows come one after another
 * with the same id), NUL-separated: a later "Dittrich" in another sentence takes "Rudolf Dittrich" */

static void remember(nf_ents *c, const char *name, size_t n)
{
	nf_buf_add(&c->doc_names, name, n);
	nf_buf_addc(&c->doc_names, 0);
}

static int recall(nf_ents *c, const char *w, size_t l, const char **full, size_t *fl)
{
	for (const char *p = c->doc_names.p, *e = c->doc_names.p + c->doc_names.len; p && p < e; p += strlen(p) + 1) {
		size_t m = strlen(p);
		if (m > l + 1 && p[m - l - 1] == ' ' && memcmp(p + m - l, w, l) == 0) {
			*full = p;
			*fl = m;
			return 1;
		}
	}
	return 0;
}

static void emit(nf_ents *c, const char *text, const struct ent *en, size_t ne, nf_ents_cb cb, void *arg)
{
	for (size_t k = 0; k < ne; k++) {
		const char *surf = text + en[k].s;
		size_t sl = en[k].e - en[k].s;
		const char *canon = en[k].canon ? en[k].canon : surf;
		size_t cl = en[k].canon ? strlen(en[k].canon) : sl;
		/* a one-word PER that ends an earlier longer PER takes its name: Jun -> Lei Jun */
		if (!strcmp(en[k].type, "PER") && memchr(surf, ' ', sl))
			remember(c, surf, sl);
		else if (!en[k].canon && !strcmp(en[k].type, "PER") && !memchr(surf, ' ', sl) && recall(c, surf, sl, &canon, &cl))
			; /* an earlier sentence of the document has the full name */
		else if (!en[k].canon && !strcmp(en[k].type, "PER") && !memchr(surf, ' ', sl))
			for (size_t j = 0; j < k; j++) {
				const char *o = text + en[j].s;
				size_t ol = en[j].e - en[j].s;
				if (!strcmp(en[j].type, "PER") && ol > sl + 1 && o[ol - sl - 1] == ' ' &&
				    memcmp(o + ol - sl, surf, sl) == 0) {
					canon = o;
					cl = ol;
					break;
				}
			}
		cb(&(struct nf_ent){en[k].s, en[k].e, en[k].type, canon, cl}, arg);
	}
}
nf_ents *nf_ents_new(const char *model_dir)
{
	nf_tokens_init();
	nf_gaz_init();
	nf_seg_init();
	nf_enttok_init();
	nf_ents *c = nf_xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	c->models = nf_ner_models_new(model_dir);
	c->docctx = nf_ner_doc_new();
	c->doc_types = nf_strset_new();
	c->rowset = nf_strset_new();
	return c;
}

void nf_ents_doc(nf_ents *c)
{
	c->doc_names.len = 0;
	nf_ner_doc_clear(c->docctx);
	nf_strset_clear(c->doc_types);
}

unsigned long nf_ents_fallbacks(const nf_ents *c) { return c->fallbacks; }

/* the tagger's mentions of line k (tokens a..a+n), trimmed, appended to c->ents */
static size_t decode_line(nf_ents *c, const nf_ner *m, const char *text, size_t a, size_t n, size_t ne)
{
	struct nf_ner_sent sent = {c->toks + a, n, c->docctx};
	nf_ner_decode(m, &sent, c->tags + a);
	size_t ns = nf_ner_spans(m, c->tags + a, n, c->spans);
	const struct nf_enttok *st = c->st.v;
	for (size_t q = 0; q < ns; q++) {
		size_t b = a + c->spans[q].start, e = a + c->spans[q].end; /* no punctuation at the ends, none of : ; inside */
		while (b < e && punct_sub(c, text, b))
			b++;
		for (size_t p = b; p < e; p++)
			if (st[p].e - st[p].s == 1 && (text[st[p].s] == ':' || text[st[p].s] == ';'))
				e = p;
		while (e > b && punct_sub(c, text, e - 1))
			e--;
		while (b + 1 < e && lead_word(c, text, b)) /* "CEO Elaine Brooks", "de la Commission" */
			b++;
		while (b >= a + 2 && st[b - 1].e - st[b - 1].s == 1 && text[st[b - 1].s] == '-' &&
		       st[b - 1].s == st[b - 2].e && st[b].s == st[b - 1].e && upper_start(c, text, b - 2))
			b -= 2; /* Noord-Brabant, Mercedes-Benz: the tagger saw the second part */
		if (e == b + 1 && st[b].e - st[b].s == 1)
			continue; /* one letter */
		if (e == b || !has_name_letter(text, st[b].s, st[e - 1].e))
			continue; /* "betont:" */
		if (ne == c->capent) {
			c->capent = c->capent ? c->capent * 2 : 64;
			c->ents = nf_xrealloc(c->ents, c->capent * sizeof *c->ents);
		}
		c->ents[ne] = (struct ent){.s = st[b].s, .e = st[e - 1].e};
		snprintf(c->ents[ne].type, sizeof c->ents[ne].type, "%s", c->spans[q].type);
		ne++;
	}
	return ne;
}

void nf_ents_tag(nf_ents *c, const char *text, size_t tn, const char *lang, size_t langn, nf_ents_cb cb, void *arg)
{
	int fb;
	const nf_ner *m = nf_ner_models_get(c->models, lang, langn, &fb);
	c->fallbacks += (unsigned long)fb;
	c->tl = nf_enttok_lang_get(lang, langn);
	/* the row's lines as tagger sentences: all tokens first, so that the document context
	 * holds every line before the first is decoded */
	c->st.n = c->lines.n = 0;
	for (size_t ls = 0; ls < tn;) {
		const char *nl = memchr(text + ls, '\n', tn - ls);
		size_t le = nl ? (size_t)(nl - text) : tn;
		nf_tokenize(&c->tk, text, ls, le);
		size_t first = c->st.n;
		for (size_t i = 0; i < c->tk.n; i++)
			if (c->tk.t[i].kind == NF_T_WORD)
				nf_enttok_word(&c->st, c->tl, text, c->tk.t[i].s, c->tk.t[i].e);
			else
				nf_enttok_add(&c->st, c->tk.t[i].s, c->tk.t[i].e);
		if (c->lines.n == c->lines.cap) { /* a line may have no tokens: not nf_enttok_add */
			c->lines.cap = c->lines.cap ? c->lines.cap * 2 : 64;
			c->lines.v = nf_xrealloc(c->lines.v, c->lines.cap * sizeof *c->lines.v);
		}
		c->lines.v[c->lines.n++] = (struct nf_enttok){first, c->st.n};
		ls = le + 1;
	}
	size_t nsub = c->st.n;
	if (nsub > c->captok) {
		c->captok = nsub;
		c->toks = nf_xrealloc(c->toks, c->captok * sizeof *c->toks);
		c->tags = nf_xrealloc(c->tags, c->captok * sizeof *c->tags);
		c->spans = nf_xrealloc(c->spans, c->captok * sizeof *c->spans);
	}
	c->strs.len = 0;
	for (size_t i = 0; i < nsub; i++) { /* offsets first: strs may move while it grows */
		c->toks[i] = (const char *)(uintptr_t)c->strs.len;
		nf_buf_add(&c->strs, text + c->st.v[i].s, c->st.v[i].e - c->st.v[i].s);
		nf_buf_addc(&c->strs, 0);
	}
	for (size_t i = 0; i < nsub; i++)
		c->toks[i] = c->strs.p + (uintptr_t)c->toks[i];
	for (size_t k = 0; k < c->lines.n; k++)
		nf_ner_doc_add(c->docctx, &(struct nf_ner_sent){c->toks + c->lines.v[k].s, c->lines.v[k].e - c->lines.v[k].s, NULL});
	size_t ne = 0;
	for (size_t k = 0; k < c->lines.n; k++) {
		size_t a = c->lines.v[k].s, n = c->lines.v[k].e - a, line_first = ne;
		ne = decode_line(c, m, text, a, n, ne);
		ne = apply_gazetteer(c, text, &c->ents, line_first, ne, &c->capent, a, a + n);
		ne = products(c, text, &c->ents, line_first, ne, &c->capent, a, a + n);
	}
	ne = rules(c, text, tn, c->ents, ne, nf_seg_lang_get(lang, langn));
	doc_typing(c, text, c->ents, ne);
	ne = doc_names_add(c, text, &c->ents, ne, &c->capent);
	majority(c, text, c->ents, ne);
	emit(c, text, c->ents, ne, cb, arg);
}

void nf_ents_free(nf_ents *c)
{
	if (!c)
		return;
	nf_ner_models_free(c->models);
	free(c->tk.t);
	free(c->st.v);
	free(c->lines.v);
	nf_buf_free(&c->strs);
	free(c->toks);
	free(c->tags);
	free(c->spans);
	free(c->ents);
	nf_strset_free(c->rowset);
	free(c->cnt);
	free(c->idx);
	nf_ner_doc_free(c->docctx);
	nf_strset_free(c->doc_types);
	nf_buf_free(&c->doc_names);
	free(c);
}
