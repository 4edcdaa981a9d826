/* entrules.c — see entrules.h */
#include "extract/entrules.h"
#include "extract/gazetteer.h"
#include <stdio.h>
#include <stdlib.h>
/* is w[0..n) written in capitals only (CEO, EV)? ASCII letters decide */
static int all_upper(const char *w, size_t n)
{
	int up = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i] >= 'a' && w[i] <= 'z')
			return 0;
		up += w[i] >= 'A' && w[i] <= 'Z';
	}
	return up > 1;
}

/* a word that does not begin a name: lower case (de, la), a title or role (Mme, CEO), a
 * preposition; the rules read it as the mention's cue */
static int lead_word(nf_ents *c, const char *text, size_t k, const char *type)
{
	const char *w = text + c->st.v[k].s;
	size_t n = c->st.v[k].e - c->st.v[k].s;
	int32_t ch;
	nf_utf8_dec((const unsigned char *)w, (const unsigned char *)w + n, &ch);
	if (utf8proc_get_property(ch < 0 ? 0xFFFD : ch)->category == UTF8PROC_CATEGORY_LL &&
	    (!nf_enttok_lower_head(c->tl) || nf_gaz_prep(w, n)))
		return 1; /* tokens.tsv lower-head: measured per language */
	const struct nf_enttok *nx = k + 1 < c->st.n ? &c->st.v[k + 1] : NULL;
	if (n >= 2 && nx && nx->s == c->st.v[k].e && nx->e == nx->s + 1 && text[nx->s] == '.')
		n++; /* the title's period, a token of its own: Dr. Jane Doe (not the initial M.: it cost
		      * 0.2 of English dev F1, M. Butcher) */
	const char *cue = nf_gaz_cue(w, n, 0); /* a kind of company or place may begin a name: Banco Santander */
	if (nf_gaz_prep(w, n))
		return 1;
	int title = (cue && !strcmp(cue, "PER")) || (nf_gaz_not_entity(w, n) && !nf_gaz_org_word(w, n));
	/* a title (President, Premier) is cut off a person only: Premier League keeps it; an
	 * acronym (CEO, EV) off any name */
	return title && (!strcmp(type, "PER") || all_upper(w, n));
}

/* does text[a..b) hold an upper-case letter, or a letter of a script without case (or, with
 * lower, any letter)? */
static int has_name_letter(const char *text, size_t a, size_t b, int lower)
{
	const unsigned char *p = (const unsigned char *)text + a, *e = (const unsigned char *)text + b;
	while (p < e) {
		if (*p < 0x80) {
			if ((*p >= 'A' && *p <= 'Z') || (lower && *p >= 'a' && *p <= 'z'))
				return 1;
			p++;
			continue;
		}
		int32_t c;
		p += nf_utf8_dec(p, e, &c);
		int cat = utf8proc_get_property(c < 0 ? 0xFFFD : c)->category;
		if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO ||
		    (lower && cat == UTF8PROC_CATEGORY_LL))
			return 1;
	}
	return 0;
}


/* may the word w[0..n) begin with Arabic proclitics that a name loses? (the row's language
 * says so in tokens.tsv, and w begins with a letter of U+0600-U+067F, where they are) */
static int proclitic_names(const nf_ents *c, const char *w, size_t n)
{
	return nf_enttok_proclitics(c->tl) && n >= 3 && ((unsigned char)w[0] == 0xD8 || (unsigned char)w[0] == 0xD9);
}

/* the bytes of Arabic proclitics to cut off w[0..n), the first word of a name, in a language
 * whose names lose them (tokens.tsv): a cut that leaves the first word of a gazetteer name
 * (وتويوتا, فالصين) or a word in Latin letters (وGeely); for a mention the tagger found
 * (tagged), also one that leaves the first word of a name of the model's list (وفورد, ومحمد),
 * or و ب before the article (والولايات, بالرياض). 0 when none, or when w itself may begin a
 * name of either list (بكين, واشنطن, وليد, وليام: not Liam) */
static size_t name_cut(const nf_ents *c, const char *w, size_t n, int tagged)
{
	size_t cut[2];
	int art, k;
	if (!proclitic_names(c, w, n) || nf_gaz_first_word(w, n) || (c->m && nf_ner_name_start(c->m, w, n)) ||
	    !(k = nf_tok_proclitic_cuts(w, n, cut, &art)))
		return 0;
	for (int i = k; i-- > 0;) /* the shortest first: وبروسيا is Prussia, not Russia */
		if (nf_gaz_first_word(w + cut[i], n - cut[i]) || ((w[cut[i]] | 32) >= 'a' && (w[cut[i]] | 32) <= 'z') ||
		    (tagged && c->m && nf_ner_name_start(c->m, w + cut[i], n - cut[i])))
			return cut[i];
	for (int i = 0; i < k && tagged; i++)
		if (art & 1 << i)
			return cut[i];
	return 0;
}

/* the gazetteer entry of the name text[a..b), found in the row's language; in a language
 * whose names lose proclitics, a name after لل (ل with the article, its alif dropped:
 * للعراق, للولايات المتحدة) is looked up with the article (العراق: Iraq), and *conj gets the
 * conjunction before لل (وللعراق: 2 bytes), which the name loses; else *conj is 0 */
static int gaz_find(const nf_ents *c, const char *text, size_t a, size_t b, size_t *conj, const char **type,
                    const char **canon, int *soft)
{
	char key[256];
	size_t kn;
	*conj = 0;
	if (nf_gaz_get(text + a, b - a, type, canon, soft))
		return nf_gaz_in_lang(text + a, b - a, c->lang, c->langn);
	return proclitic_names(c, text + a, b - a) && (kn = nf_tok_article_form(text + a, b - a, conj, key, sizeof key)) &&
	       nf_gaz_get(key, kn, type, canon, soft) && nf_gaz_in_lang(key, kn, c->lang, c->langn);
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
size_t nf_entr_gazetteer(nf_ents *c, const char *text, struct ent **ents, size_t e0, size_t ne, size_t *cap, size_t s0, size_t sn)
{
	const char *type, *canon;
	int soft;
	size_t conj;
	for (size_t k = e0; k < ne; k++) {
		if (gaz_find(c, text, (*ents)[k].s, (*ents)[k].e, &conj, &type, &canon, &soft) &&
		    !(soft && !strcmp((*ents)[k].type, "PER") && memchr(text + (*ents)[k].s, ' ', (*ents)[k].e - (*ents)[k].s))) {
			if (!soft || nf_enttok_place_retype(c->tl)) /* tokens.tsv: measured per language */
				snprintf((*ents)[k].type, sizeof (*ents)[k].type, "%s", type);
			(*ents)[k].s += conj; /* وللعراق: للعراق, Iraq */
			(*ents)[k].canon = canon;
			(*ents)[k].strong = !soft;
		}
	}
	for (size_t i = s0; i < sn; i++) {
		const char *tw = text + c->st.v[i].s;
		size_t tn = c->st.v[i].e - c->st.v[i].s, cut = 0, kn; /* cut: the proclitics in front (وتويوتا) */
		char key[64];
		if (!nf_gaz_first_word(tw, tn) && !(cut = name_cut(c, tw, tn, 0)) &&
		    !(proclitic_names(c, tw, tn) && (kn = nf_tok_article_form(tw, tn, &cut, key, sizeof key)) &&
		      nf_gaz_first_word(key, kn))) /* للعراق: العراق begins a name */
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
			size_t a = c->st.v[i].s + cut, b = c->st.v[j].e;
			if (!gaz_find(c, text, a, b, &conj, &type, &canon, &soft))
				continue;
			a += conj;
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


size_t nf_entr_products(nf_ents *c, const char *text, struct ent **ents, size_t e0, size_t ne, size_t *cap, size_t a, size_t z)
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
			if (kind == 1 && (*ents)[q].s < start && (*ents)[q].e > start && (*ents)[q].e <= end)
				brand = 1, start = (*ents)[q].s; /* the tagger's "Volkswagen ID" or "Volkswagen ID.3" */
			if (strcmp((*ents)[q].type, "ORG") != 0)
				continue;
			if ((*ents)[q].e + 1 == start && text[start - 1] == ' ' && !memchr(text + (*ents)[q].s, ' ', (*ents)[q].e - (*ents)[q].s) &&
			    (kind == 1 || (*ents)[q].strong))
				brand = 1, start = (*ents)[q].s; /* Xiaomi SU7 */
			if ((*ents)[q].s == start && (*ents)[q].e <= end && (*ents)[q].strong)
				self = 1; /* Renault 5: a known brand */
		}
		const char *gt, *gc;
		int gs;
		if (!self && nf_gaz_get(text + c->st.v[k].s, c->st.v[k].e - c->st.v[k].s, &gt, &gc, &gs) && !gs && !strcmp(gt, "ORG"))
			self = 1; /* Renault 5 E-Tech, whatever the tagger made of it (the French model: one ORG) */
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
/* three ASCII capitals: a currency code (CNY, USD) */
static int upper3(const char *w)
{
	return w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z' && w[2] >= 'A' && w[2] <= 'Z';
}

size_t nf_entr_rules(nf_ents *c, const char *text, size_t tn, struct ent *en, size_t ne, const nf_seg_lang *L)
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
		if (!x->canon && strcmp(x->type, "PRODUCT") != 0) { /* "CNY 2", "Kapazität 40" */
			size_t b = x->e;
			while (b > x->s && text[b - 1] >= '0' && text[b - 1] <= '9')
				b--;
			if (b < x->e && b > x->s + 1 && text[b - 1] == ' ' && !memchr(text + x->s, ' ', b - 1 - x->s)) {
				/* a number after one word: cut only after a currency code, drop after a common
				 * noun; a name keeps its number (Radio 1, Euro 2000, Apollo 13): trimming every
				 * number cost nl 0.6, de 0.9, ar 0.3 of dev F1 */
				size_t hl = b - 1 - x->s;
				if (nf_gaz_not_entity(text + x->s, hl))
					continue;
				if (hl == 3 && upper3(text + x->s)) {
					x->e = b - 1;
					l = hl;
				}
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

/* the tagger's mentions of tokens a..a+n, trimmed, appended to c->ents */
static size_t decode_piece(nf_ents *c, const nf_ner *m, const char *text, size_t a, size_t n, size_t ne)
{
	if (!n)
		return ne; /* a line without tokens (its buffers may not be allocated yet) */
	struct nf_ner_sent sent = {c->toks + a, n, c->docctx};
	nf_ner_decode(m, &sent, c->tags + a);
	nf_ner_doc_learn(c->docctx, m, &sent, c->tags + a);
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
		while (b + 1 < e && lead_word(c, text, b, c->spans[q].type)) { /* "CEO Elaine Brooks", "de la Commission" */
			b++;
			if (b + 1 < e && st[b].e - st[b].s == 1 && text[st[b].s] == '.')
				b++; /* the period of "M." */
		}
		while (b >= a + 2 && st[b - 1].e - st[b - 1].s == 1 && text[st[b - 1].s] == '-' &&
		       st[b - 1].s == st[b - 2].e && st[b].s == st[b - 1].e && upper_start(c, text, b - 2))
			b -= 2; /* Noord-Brabant, Mercedes-Benz: the tagger saw the second part */
		while (b + 1 < e && nf_enttok_proclitics(c->tl) && nf_tok_is_proclitic(text + st[b].s, st[b].e - st[b].s))
			b++; /* و مرسيدس */
		if (e == b + 1 && st[b].e - st[b].s == 1)
			continue; /* one letter */
		if (e == b || !has_name_letter(text, st[b].s, st[e - 1].e, nf_enttok_lower_head(c->tl)))
			continue; /* "betont:" */
		if (ne == c->capent) {
			c->capent = c->capent ? c->capent * 2 : 64;
			c->ents = nf_xrealloc(c->ents, c->capent * sizeof *c->ents);
		}
		c->ents[ne] = (struct ent){.s = st[b].s + name_cut(c, text + st[b].s, st[b].e - st[b].s, 1), .e = st[e - 1].e};
		snprintf(c->ents[ne].type, sizeof c->ents[ne].type, "%s", c->spans[q].type);
		ne++;
	}
	return ne;
}

/* a token that ends a sentence: . ! ? … and the Arabic, Chinese and Japanese marks */
static int sentence_end(const nf_ents *c, const char *text, size_t k)
{
	const char *p = text + c->st.v[k].s;
	size_t n = c->st.v[k].e - c->st.v[k].s;
	if (n == 1)
		return *p == '.' || *p == '!' || *p == '?';
	static const char *const q[] = {"\xE2\x80\xA6", "\xD8\x9F", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", NULL};
	for (int i = 0; q[i]; i++)
		if (n == strlen(q[i]) && memcmp(p, q[i], n) == 0)
			return 1;
	return 0;
}

/* The tagger decodes a line whole, but a line of more than NF_ENTR_PIECE tokens (a dump read
 * as one document) a piece at a time, each ending at the last sentence end of its second half
 * (else after NF_ENTR_PIECE tokens): its buffers stay bounded and news paragraphs, far
 * shorter, are decoded as before. */
size_t nf_entr_decode(nf_ents *c, const nf_ner *m, const char *text, size_t a, size_t n, size_t ne)
{
	while (n > NF_ENTR_PIECE) {
		size_t cut = NF_ENTR_PIECE;
		for (size_t k = NF_ENTR_PIECE; k > NF_ENTR_PIECE / 2; k--)
			if (sentence_end(c, text, a + k - 1)) {
				cut = k;
				break;
			}
		ne = decode_piece(c, m, text, a, cut, ne);
		a += cut;
		n -= cut;
	}
	return decode_piece(c, m, text, a, n, ne);
}
