/* nf-tag-entities — people, organisations, places (and MISC) with a trained tagger. See tag-entities.1. */
#include "core/buf.h"
#include "core/diag.h"
#include "extract/gazetteer.h"
#include "extract/mention.h"
#include "extract/ner.h"
#include "core/opts.h"
#include "core/out.h"
#include "core/records.h"
#include "text/segment.h"
#include "core/stats.h"
#include "core/strset.h"
#include "extract/tokens.h"
#include "core/utf8.h"
#include <utf8proc.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"Usage: nf-tag-entities [OPTION]... [FILE]...\n"
	"Tag named entities in documents or sentences (TSV with a header naming the text column, or\n"
	"plain text): one row per mention with the key columns, start end type surface value (type\n"
	"PER ORG LOC MISC; value the canonical name: a later partial name takes the earlier full one).\n"
	"The model is chosen by the row's lang (nl en it ar es de); other languages use the English\n"
	"model (counted with -v). Models are looked up in $NF_MODEL_DIR, then next to the program.\n"
	"\n"
	"      --lang CODE    language of every row (default: the lang column)\n"
	"      --in FORMAT    auto (default), tsv or text\n"
	NF_COMMON_HELP;

enum { O_LANG = NF_OPT_FIRST_FILTER, O_IN };
static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	{"lang", required_argument, 0, O_LANG},
	{"in", required_argument, 0, O_IN},
	{0, 0, 0, 0},
};

static const char *const langs[] = {"en", "nl", "it", "ar", "es", "de", NULL};
static nf_ner *models[8];
static int tried[8];
static char model_dir[PATH_MAX];
static unsigned long fallback_rows;

static void find_model_dir(const char *argv0)
{
	const char *env = getenv("NF_MODEL_DIR");
	if (env && *env) {
		snprintf(model_dir, sizeof model_dir, "%s", env);
		return;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		n = (ssize_t)snprintf(exe, sizeof exe, "%s", argv0);
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = 0;
	static const char *const rel[] = {"/../lib/data/models", "/../share/newsfilters/models", NULL};
	for (int k = 0; rel[k]; k++) {
		size_t el = strlen(exe), rl = strlen(rel[k]);
		if (el + rl >= sizeof model_dir)
			continue;
		memcpy(model_dir, exe, el);
		memcpy(model_dir + el, rel[k], rl + 1);
		if (access(model_dir, R_OK) == 0)
			return;
	}
}

/* the model of a language (loaded once); a missing or broken model is an error (exit 1) */
static nf_ner *model_for(const char *lang, size_t n, int *fallback)
{
	int k = 0;
	*fallback = 0;
	for (; langs[k]; k++)
		if (strlen(langs[k]) == n && memcmp(langs[k], lang, n) == 0)
			break;
	if (!langs[k]) {
		k = 0; /* English for the rest */
		*fallback = 1;
	}
	if (!tried[k]) {
		tried[k] = 1;
		char path[PATH_MAX + 32];
		snprintf(path, sizeof path, "%s/ner-%s.model", model_dir, langs[k]);
		const char *err = "";
		if (!(models[k] = nf_ner_load(path, &err)))
			nf_errx(NF_EXIT_DATA, "%s: %s (set NF_MODEL_DIR, or run make models)", path, err);
	}
	return models[k];
}

/* ---- tokens for the tagger: possessives, elisions and hyphenated compounds split ---- */

struct sub {
	size_t s, e;
};
static struct sub *subs;
static size_t nsub, capsub;
static nf_buf strs;

static void add_sub(size_t s, size_t e)
{
	if (e <= s)
		return;
	if (nsub == capsub) {
		capsub = capsub ? capsub * 2 : 256;
		subs = nf_xrealloc(subs, capsub * sizeof *subs);
	}
	subs[nsub++] = (struct sub){s, e};
}

static struct sub *lines; /* the sub-tokens of each line of the row */
static size_t nlines, caplines;

static void add_line(size_t s, size_t e)
{
	if (nlines == caplines) {
		caplines = caplines ? caplines * 2 : 64;
		lines = nf_xrealloc(lines, caplines * sizeof *lines);
	}
	lines[nlines++] = (struct sub){s, e};
}

static void split_word(const char *t, size_t s, size_t e)
{
	size_t p = s;
	for (size_t i = s; i < e; i++) {
		int apo = t[i] == '\'' || (i + 2 < e && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
		                           (unsigned char)t[i + 2] == 0x99);
		size_t al = t[i] == '\'' ? 1 : 3;
		if (t[i] == '-') { /* BMW-executive */
			add_sub(p, i);
			add_sub(i, i + 1);
			p = i + 1;
		} else if (apo && i - p <= 3 && i > p) { /* l’azienda, d’euros */
			add_sub(p, i + al);
			p = i + al;
			i += al - 1;
		} else if (apo && e - (i + al) == 1 && (t[i + al] | 32) == 's') { /* Xiaomi’s */
			add_sub(p, i);
			add_sub(i, e);
			p = e;
			break;
		}
	}
	add_sub(p, e);
}

static const char *const tnames[] = {"PER", "ORG", "LOC", "MISC", "PRODUCT"};
static nf_strset *rowset; /* scratch for the rules of one row */

struct ent {
	size_t s, e;
	char type[8];
	const char *canon; /* from the gazetteer, or NULL */
	int strong;        /* typed by a gazetteer, a cue word or a company word: the document keeps it */
};

/* is sub-token k a punctuation mark that never belongs to a name? */
static int punct_sub(const char *text, size_t k)
{
	const char *p = text + subs[k].s;
	size_t n = subs[k].e - subs[k].s;
	if (n == 1)
		return strchr(":;,()[]{}\"!?/|<>*=+", *p) != NULL;
	static const char *const q[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xC2\xAB", "\xC2\xBB",
	                                "\xE2\x80\x93", "\xE2\x80\x94", NULL};
	for (int i = 0; q[i]; i++)
		if (n == strlen(q[i]) && memcmp(p, q[i], n) == 0)
			return 1;
	return 0;
}

static int upper_start(const char *text, size_t k)
{
	int32_t c;
	const unsigned char *p = (const unsigned char *)text + subs[k].s;
	nf_utf8_dec(p, (const unsigned char *)text + subs[k].e, &c);
	int cat = utf8proc_get_property(c < 0 ? 0xFFFD : c)->category;
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* a word that does not begin a name: lower case (de, la), a title or role (Mme, CEO), a
 * preposition; the rules read it as the mention's cue */
static int lead_word(const char *text, size_t k)
{
	const char *w = text + subs[k].s;
	size_t n = subs[k].e - subs[k].s;
	int32_t c;
	nf_utf8_dec((const unsigned char *)w, (const unsigned char *)w + n, &c);
	if (utf8proc_get_property(c < 0 ? 0xFFFD : c)->category == UTF8PROC_CATEGORY_LL)
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
static size_t apply_gazetteer(const char *text, struct ent **ents, size_t e0, size_t ne, size_t *cap, size_t s0, size_t sn)
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
		if (!nf_gaz_first_word(text + subs[i].s, subs[i].e - subs[i].s))
			continue;
		for (int w = nf_gaz_max_words(); w >= 1; w--) {
			/* w words: sub-tokens i.. spanning w-1 spaces */
			size_t j = i, words = 1;
			while (j + 1 < sn && words < (size_t)w) {
				j++;
				if (text[subs[j].s - 1] == ' ')
					words++;
			}
			if (words != (size_t)w)
				continue;
			size_t a = subs[i].s, b = subs[j].e;
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

static int sub_is(const char *text, size_t k, const char *w)
{
	return subs[k].e - subs[k].s == strlen(w) && memcmp(text + subs[k].s, w, strlen(w)) == 0;
}
static int glued(size_t k) { return subs[k].s == subs[k - 1].e; } /* no space before sub-token k */
static int num_sub(const char *text, size_t k, size_t maxlen)
{
	size_t n = subs[k].e - subs[k].s;
	for (size_t i = 0; i < n; i++)
		if (text[subs[k].s + i] < '0' || text[subs[k].s + i] > '9')
			return 0;
	return n > 0 && n <= maxlen;
}
static int letter_start(const char *text, size_t k) /* a word: upper case, or iPhone / eBay */
{
	const char *w = text + subs[k].s;
	size_t n = subs[k].e - subs[k].s;
	return upper_start(text, k) || (n > 1 && (w[0] == 'i' || w[0] == 'e') && w[1] >= 'A' && w[1] <= 'Z');
}

static int all_caps(const char *text, size_t k)
{
	for (size_t i = subs[k].s; i < subs[k].e; i++)
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

static size_t products(const char *text, struct ent **ents, size_t e0, size_t ne, size_t *cap, size_t a, size_t z)
{
	for (size_t k = a; k < z; k++) {
		if (!letter_start(text, k) || nf_gaz_not_entity(text + subs[k].s, subs[k].e - subs[k].s))
			continue; /* not "RMB 10" */
		size_t e = k + 1;
		int kind;
		if (e < z && glued(e) && num_sub(text, e, 4))
			e++, kind = 1; /* SU7 */
		else if (e + 1 < z && sub_is(text, e, ".") && glued(e) && glued(e + 1) && num_sub(text, e + 1, 3))
			e += 2, kind = 1; /* ID.3 */
		else if (e < z && !glued(e) && num_sub(text, e, 3) && !(e + 1 < z && glued(e + 1)))
			e++, kind = 2; /* Atto 3, not "Artikel 3,5" */
		else if (e < z && !glued(e) && subs[e].e - subs[e].s == 1 && upper_start(text, e) && !(e + 1 < z && glued(e + 1)))
			e++, kind = 3; /* Seal U, not "J. Smith" */
		else
			continue;
		if (kind == 1 && nf_gaz_product_word(text + subs[k].s, subs[e - 1].e - subs[k].s, NF_PROD_NOT))
			continue;
		for (;;) { /* E-Tech, Pro */
			if (e < z && !glued(e) && nf_gaz_product_word(text + subs[e].s, subs[e].e - subs[e].s, NF_PROD_SUFFIX))
				e++;
			else if (e + 2 < z && !glued(e) && upper_start(text, e) && sub_is(text, e + 1, "-") && glued(e + 1) &&
			         glued(e + 2) && upper_start(text, e + 2) && subs[e].e - subs[e].s <= 2)
				e += 3;
			else
				break;
		}
		size_t start = subs[k].s, end = subs[e - 1].e;
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
		    (all_caps(text, k) || nf_gaz_product_word(text + subs[k].s, subs[k].e - subs[k].s, NF_PROD_MONTH)))
			continue; /* MEXICO 37: a table; March 11: a date */
		for (size_t q = k >= a + 4 ? k - 4 : a; q < e + 3 && q < z && !cue; q++)
			cue = (q < k || q >= e) && nf_gaz_product_word(text + subs[q].s, subs[q].e - subs[q].s, NF_PROD_CUE);
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
static size_t rules(const char *text, size_t tn, struct ent *en, size_t ne, const nf_seg_lang *L)
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
	nf_strset_clear(rowset); /* the word prefixes of companies (1), the word suffixes of people (2) */
	for (size_t j = 0; j < out; j++) {
		const char *o = text + en[j].s;
		size_t m = en[j].e - en[j].s;
		int org = !strcmp(en[j].type, "ORG"), per = !strcmp(en[j].type, "PER");
		for (size_t p = 0; p < m && (org || per); p++)
			if (o[p] == ' ') {
				if (org)
					nf_strset_add(rowset, o, p, 1);
				else
					nf_strset_add(rowset, o + p + 1, m - p - 1, 2);
			}
	}
	for (size_t k = 0; k < out; k++) {
		if (en[k].canon)
			continue;
		int v = nf_strset_get(rowset, text + en[k].s, en[k].e - en[k].s);
		if (v > 0)
			snprintf(en[k].type, sizeof en[k].type, "%s", v & 1 ? "ORG" : "PER");
	}
	return out;
}

/* the types the document has settled (its rows come one after another with the same id):
 * a mention typed by a gazetteer, a cue or a company word, and the name inside a company's
 * ("Corvane" of Corvane Semiconductor Inc.) or the last name of a person's full name; later
 * mentions of the same surface take that type */
static nf_strset *doc_types;

static void settle(const char *w, size_t n, const char *type)
{
	for (int t = 0; t < 5; t++)
		if (!strcmp(type, tnames[t]))
			nf_strset_add(doc_types, w, n, 1 << t);
}

static void doc_typing(const char *text, struct ent *en, size_t ne)
{
	for (size_t k = 0; k < ne; k++) {
		const char *w = text + en[k].s;
		size_t n = en[k].e - en[k].s;
		if (en[k].strong)
			settle(w, n, en[k].type);
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
				settle(w, m, "ORG");
			}
		} else if (!strcmp(en[k].type, "PER")) {
			const char *sp = NULL;
			for (size_t i = n; i-- > 0;)
				if (w[i] == ' ') {
					sp = w + i;
					break;
				}
			if (sp)
				settle(sp + 1, (size_t)(w + n - sp - 1), "PER");
		}
	}
	for (size_t k = 0; k < ne; k++) {
		if (en[k].strong || en[k].canon)
			continue;
		int v = nf_strset_get(doc_types, text + en[k].s, en[k].e - en[k].s);
		for (int t = 0; t < 5; t++)
			if (v == 1 << t)
				snprintf(en[k].type, sizeof en[k].type, "%s", tnames[t]);
	}
}

/* words of the row that the document has settled as names but the tagger missed ("Corvane
 * will also expand." after Corvane Semiconductor Inc.) */
static size_t doc_names_add(const char *text, struct ent **ents, size_t ne, size_t *cap)
{
	size_t n0 = ne;
	for (size_t i = 0, k = 0; i < nsub; i++) {
		while (k < n0 && (*ents)[k].e <= subs[i].s)
			k++;
		if (k < n0 && (*ents)[k].s < subs[i].e)
			continue; /* inside a mention */
		if (!upper_start(text, i) || (i + 1 < nsub && glued(i + 1) && !punct_sub(text, i + 1) && text[subs[i + 1].s] != '.'))
			continue;
		int v = nf_strset_get(doc_types, text + subs[i].s, subs[i].e - subs[i].s);
		for (int t = 0; t < 5; t++)
			if (v == 1 << t && t != 2) /* a person or company; a place stays the tagger's call */
				ne = add_ent(ents, ne, cap, subs[i].s, subs[i].e, tnames[t]);
	}
	if (ne > n0)
		qsort(*ents, ne, sizeof **ents, by_start);
	return ne;
}

/* one surface, one type in a row: the type it has most often */
static void majority(const char *text, struct ent *en, size_t ne)
{
	static int (*cnt)[5], *idx; /* reused: they grow to the most mentions in a row */
	static size_t cap;
	if (ne > cap) {
		cap = ne * 2;
		cnt = nf_xrealloc(cnt, cap * sizeof *cnt);
		idx = nf_xrealloc(idx, cap * sizeof *idx);
	}
	nf_strset_clear(rowset);
	size_t n = 0;
	for (size_t k = 0; k < ne; k++) {
		const char *w = text + en[k].s;
		size_t l = en[k].e - en[k].s;
		int v = nf_strset_get(rowset, w, l);
		if (v < 0) {
			v = (int)++n;
			nf_strset_add(rowset, w, l, v);
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

/* the words of the current document so far (its rows come one after another with the same
 * id), for the tagger's document features */
static nf_ner_doc *docctx;

/* full person names seen so far in the current document (its rows come one after another
 * with the same id), NUL-separated: a later "Dittrich" in another sentence takes "Rudolf Dittrich" */
static nf_buf doc_id, doc_names;

static void remember(const char *name, size_t n)
{
	nf_buf_add(&doc_names, name, n);
	nf_buf_addc(&doc_names, 0);
}

static int recall(const char *w, size_t l, const char **full, size_t *fl)
{
	for (const char *p = doc_names.p, *e = doc_names.p + doc_names.len; p && p < e; p += strlen(p) + 1) {
		size_t m = strlen(p);
		if (m > l + 1 && p[m - l - 1] == ' ' && memcmp(p + m - l, w, l) == 0) {
			*full = p;
			*fl = m;
			return 1;
		}
	}
	return 0;
}

static void emit(const nf_doc *d, const struct ent *en, size_t ne)
{
	for (size_t k = 0; k < ne; k++) {
		const char *surf = d->text + en[k].s;
		size_t sl = en[k].e - en[k].s;
		const char *canon = en[k].canon ? en[k].canon : surf;
		size_t cl = en[k].canon ? strlen(en[k].canon) : sl;
		/* a one-word PER that ends an earlier longer PER takes its name: Jun -> Lei Jun */
		if (!strcmp(en[k].type, "PER") && memchr(surf, ' ', sl))
			remember(surf, sl);
		else if (!en[k].canon && !strcmp(en[k].type, "PER") && !memchr(surf, ' ', sl) && recall(surf, sl, &canon, &cl))
			; /* an earlier sentence of the document has the full name */
		else if (!en[k].canon && !strcmp(en[k].type, "PER") && !memchr(surf, ' ', sl))
			for (size_t j = 0; j < k; j++) {
				const char *o = d->text + en[j].s;
				size_t ol = en[j].e - en[j].s;
				if (!strcmp(en[j].type, "PER") && ol > sl + 1 && o[ol - sl - 1] == ' ' &&
				    memcmp(o + ol - sl, surf, sl) == 0) {
					canon = o;
					cl = ol;
					break;
				}
			}
		nf_mention_begin(d, en[k].s, en[k].e, en[k].type);
		nf_out_field(canon, cl);
		nf_out_nl();
		nf_st.rows_out++;
	}
}

int main(int argc, char **argv)
{
	nf_setprog(argv[0]);
	int c;
	enum nf_in_fmt fmt = NF_IN_AUTO;
	const char *force_lang = NULL;
	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (nf_opt_common(c, optarg, usage))
			continue;
		switch (c) {
		case O_LANG: force_lang = optarg; break;
		case O_IN: fmt = nf_in_fmt_parse(optarg); break;
		default: nf_usage_error("unknown option");
		}
	}
	nf_tokens_init();
	nf_gaz_init();
	docctx = nf_ner_doc_new();
	doc_types = nf_strset_new();
	rowset = nf_strset_new();
	nf_seg_init();
	find_model_dir(argv[0]);
	nf_stats_start();
	nf_reader *r = nf_reader_args(argc, argv, optind, fmt);
	long tc;
	const nf_row *h = nf_reader_header(r, &tc);
	if (!nf_opt.no_header)
		nf_mention_header(h, tc, NULL);
	long idc = nf_opt.no_header ? -1 : nf_col_find(h, "id");
	nf_doc d;
	nf_toks tk = {0};
	const char **toks = NULL;
	int *tags = NULL;
	size_t captok = 0;
	struct ent *ents = NULL;
	size_t capent = 0;
	while (nf_reader_next(r, &d)) {
		nf_st.rows_in++;
		nf_st.bytes_in += d.text_len;
		const nf_field *idf = idc >= 0 && (size_t)idc < d.f.n ? &d.f.f[idc] : NULL;
		if (!idf || idf->n != doc_id.len || memcmp(idf->p, doc_id.p ? doc_id.p : "", idf->n) != 0) {
			doc_id.len = doc_names.len = 0; /* a new document */
			nf_ner_doc_clear(docctx);
			nf_strset_clear(doc_types);
			if (idf)
				nf_buf_add(&doc_id, idf->p, idf->n);
		}
		int fb;
		const char *lg = force_lang ? force_lang : d.lang;
		nf_ner *m = model_for(lg, force_lang ? strlen(force_lang) : d.lang_len, &fb);
		fallback_rows += (unsigned long)fb;
		/* the row's lines as tagger sentences: all sub-tokens first, so that the document
		 * context holds every line before the first is decoded */
		nsub = nlines = 0;
		for (size_t ls = 0; ls < d.text_len;) {
			const char *nl = memchr(d.text + ls, '\n', d.text_len - ls);
			size_t le = nl ? (size_t)(nl - d.text) : d.text_len;
			nf_tokenize(&tk, d.text, ls, le);
			size_t first = nsub;
			for (size_t i = 0; i < tk.n; i++)
				if (tk.t[i].kind == NF_T_WORD)
					split_word(d.text, tk.t[i].s, tk.t[i].e);
				else
					add_sub(tk.t[i].s, tk.t[i].e);
			add_line(first, nsub);
			ls = le + 1;
		}
		if (nsub > captok) {
			captok = nsub;
			toks = nf_xrealloc(toks, captok * sizeof *toks);
			tags = nf_xrealloc(tags, captok * sizeof *tags);
		}
		strs.len = 0;
		for (size_t i = 0; i < nsub; i++) { /* offsets first: strs may move while it grows */
			toks[i] = (const char *)(uintptr_t)strs.len;
			nf_buf_add(&strs, d.text + subs[i].s, subs[i].e - subs[i].s);
			nf_buf_addc(&strs, 0);
		}
		for (size_t i = 0; i < nsub; i++)
			toks[i] = strs.p + (uintptr_t)toks[i];
		for (size_t k = 0; k < nlines; k++)
			nf_ner_doc_add(docctx, &(struct nf_ner_sent){toks + lines[k].s, lines[k].e - lines[k].s, NULL});
		size_t ne = 0;
		for (size_t k = 0; k < nlines; k++) {
			size_t a = lines[k].s, n = lines[k].e - a;
			struct nf_ner_sent sent = {toks + a, n, docctx};
			size_t line_first = ne;
			nf_ner_decode(m, &sent, tags + a);
			for (size_t i = a; i < a + n;) {
				const char *tn = nf_ner_tag_name(m, tags[i]);
				if (tn[0] != 'B' && tn[0] != 'I') {
					i++;
					continue;
				}
				size_t j = i + 1;
				while (j < a + n && nf_ner_tag_name(m, tags[j])[0] == 'I' && !strcmp(nf_ner_tag_name(m, tags[j]) + 2, tn + 2))
					j++;
				if (ne == capent) {
					capent = capent ? capent * 2 : 64;
					ents = nf_xrealloc(ents, capent * sizeof *ents);
				}
				size_t b = i, c = j; /* no punctuation at the ends, none of : ; inside */
				while (b < c && punct_sub(d.text, b))
					b++;
				for (size_t q = b; q < c; q++)
					if (subs[q].e - subs[q].s == 1 && (d.text[subs[q].s] == ':' || d.text[subs[q].s] == ';'))
						c = q;
				while (c > b && punct_sub(d.text, c - 1))
					c--;
				while (b + 1 < c && lead_word(d.text, b)) /* "CEO Elaine Brooks", "de la Commission" */
					b++;
				while (b >= a + 2 && subs[b - 1].e - subs[b - 1].s == 1 && d.text[subs[b - 1].s] == '-' &&
				       subs[b - 1].s == subs[b - 2].e && subs[b].s == subs[b - 1].e && upper_start(d.text, b - 2))
					b -= 2; /* Noord-Brabant, Mercedes-Benz: the tagger saw the second part */
				i = j;
				if (c == b + 1 && subs[b].e - subs[b].s == 1)
					continue; /* one letter */
				if (c == b || !has_name_letter(d.text, subs[b].s, subs[c - 1].e))
					continue; /* "betont:" */
				ents[ne].s = subs[b].s;
				ents[ne].e = subs[c - 1].e;
				ents[ne].canon = NULL;
				ents[ne].strong = 0;
				snprintf(ents[ne].type, sizeof ents[ne].type, "%s", tn + 2);
				ne++;
			}
			ne = apply_gazetteer(d.text, &ents, line_first, ne, &capent, a, a + n);
			ne = products(d.text, &ents, line_first, ne, &capent, a, a + n);
		}
		ne = rules(d.text, d.text_len, ents, ne, nf_seg_lang_get(lg, force_lang ? strlen(force_lang) : d.lang_len));
		doc_typing(d.text, ents, ne);
		ne = doc_names_add(d.text, &ents, ne, &capent);
		majority(d.text, ents, ne);
		emit(&d, ents, ne);
		nf_progress_tick();
	}
	nf_reader_free(r);
	free(tk.t);
	free(toks);
	free(tags);
	free(ents);
	free(subs);
	free(lines);
	nf_ner_doc_free(docctx);
	nf_strset_free(doc_types);
	nf_strset_free(rowset);
	nf_buf_free(&strs);
	nf_buf_free(&doc_id);
	nf_buf_free(&doc_names);
	for (int k = 0; langs[k]; k++)
		nf_ner_free(models[k]);
	nf_out_close();
	char extra[96];
	snprintf(extra, sizeof extra, "%lu rows tagged with the English model for want of their own", fallback_rows);
	nf_stats_finish(extra);
	return nf_status;
}
