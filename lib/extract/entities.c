/* entities.c — see entities.h; the rules of a row are in entrules.c */
#include "extract/entities.h"
#include "extract/entrules.h"
#include "extract/gazetteer.h"
#include "core/script.h"
#include "core/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const tnames[] = {"PER", "ORG", "LOC", "MISC", "PRODUCT"};

static int by_start(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s;
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
	const char *sp = NULL;
	for (size_t i = n; i > 0 && !sp; i--)
		if (name[i - 1] == ' ')
			sp = name + i - 1;
	size_t off = c->doc_names.len;
	nf_buf_add(&c->doc_names, name, n);
	nf_buf_addc(&c->doc_names, 0);
	/* indexed by the last word: the first full name wins, and a lookup is one probe, not a
	 * scan of every name of the document (quadratic on a dump read as one document) */
	if (sp && off <= (size_t)INT32_MAX && nf_strset_get(c->doc_last, sp + 1, n - (size_t)(sp + 1 - name)) < 0)
		nf_strset_add(c->doc_last, sp + 1, n - (size_t)(sp + 1 - name), (int)off);
}

static int recall(nf_ents *c, const char *w, size_t l, const char **full, size_t *fl)
{
	int off = nf_strset_get(c->doc_last, w, l);
	if (off < 0)
		return 0;
	*full = c->doc_names.p + off;
	*fl = strlen(*full);
	return 1;
}

/* a mention that is wholly a word of not-alone.tsv (REUTER, Inc, ريال) is dropped; last, so
 * that no rule of the document brings it back (الله after عبد الله) */
static size_t drop_alone(const char *text, struct ent *en, size_t ne, const char *lang, size_t langn)
{
	size_t out = 0;
	for (size_t k = 0; k < ne; k++)
		if (en[k].canon || !nf_gaz_not_alone(lang, langn, text + en[k].s, en[k].e - en[k].s, en[k].type))
			en[out++] = en[k];
	return out;
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
		else if (!en[k].canon && !strcmp(en[k].type, "PER") && !memchr(surf, ' ', sl))
			recall(c, surf, sl, &canon, &cl); /* an earlier sentence or mention has the full name */
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
	c->doc_last = nf_strset_new();
	return c;
}

void nf_ents_doc(nf_ents *c)
{
	c->doc_names.len = 0;
	nf_ner_doc_clear(c->docctx);
	nf_strset_clear(c->doc_types);
	nf_strset_clear(c->doc_last);
}

unsigned long nf_ents_fallbacks(const nf_ents *c) { return c->fallbacks; }
unsigned long nf_ents_unscripted(const nf_ents *c) { return c->unscripted; }

/* are most letters of text[0..n) Latin (or has it none)? The English model, the fallback,
 * reads nothing else: on Greek or Cyrillic it finds nonsense (Κυριακή, Sunday, as a PER) */
static int latin_text(const char *text, size_t n)
{
	const unsigned char *p = (const unsigned char *)text, *e = p + n;
	size_t latin = 0, other = 0, hint = 0;
	while (p < e) {
		if (*p < 0x80) {
			latin += ((*p | 32) >= 'a' && (*p | 32) <= 'z');
			p++;
			continue;
		}
		int32_t cp;
		p += nf_utf8_dec(p, e, &cp);
		int sc = nf_script_hint(cp, &hint);
		if (sc == NF_SC_LATN)
			latin++;
		else if (sc != NF_SC_NONE)
			other++;
	}
	return latin >= other;
}


/* the row's lines as tagger sentences (c->st, c->lines, c->toks), added to the document
 * context: all tokens first, so that the context holds every line before the first is decoded */
static void row_tokens(nf_ents *c, const char *text, size_t tn, const char *lang, size_t langn)
{
	c->tl = nf_enttok_lang_get(lang, langn);
	c->st.n = c->lines.n = 0;
	for (size_t ls = 0; ls < tn;) {
		const char *nl = memchr(text + ls, '\n', tn - ls);
		size_t le = nl ? (size_t)(nl - text) : tn;
		size_t first = c->st.n;
		nf_enttok_line(&c->st, &c->tk, c->tl, text, ls, le);
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
		if (c->lines.v[k].e > c->lines.v[k].s) /* no tokens: toks may be unallocated yet */
			nf_ner_doc_add(c->docctx, &(struct nf_ner_sent){c->toks + c->lines.v[k].s, c->lines.v[k].e - c->lines.v[k].s, NULL});
}

void nf_ents_look(nf_ents *c, const char *text, size_t tn, const char *lang, size_t langn)
{
	row_tokens(c, text, tn, lang, langn);
}

void nf_ents_tag(nf_ents *c, const char *text, size_t tn, const char *lang, size_t langn, nf_ents_cb cb, void *arg)
{
	int fb;
	const nf_ner *m = nf_ner_models_get(c->models, lang, langn, &fb);
	if (fb && !latin_text(text, tn)) {
		m = NULL; /* the gazetteer and the rules only */
		c->unscripted++;
	} else
		c->fallbacks += (unsigned long)fb;
	row_tokens(c, text, tn, lang, langn);
	c->lang = lang, c->langn = langn, c->m = m;
	size_t ne = 0;
	for (size_t k = 0; k < c->lines.n; k++) {
		size_t a = c->lines.v[k].s, n = c->lines.v[k].e - a, line_first = ne;
		if (m)
			ne = nf_entr_decode(c, m, text, a, n, ne);
		ne = nf_entr_gazetteer(c, text, &c->ents, line_first, ne, &c->capent, a, a + n);
		ne = nf_entr_products(c, text, &c->ents, line_first, ne, &c->capent, a, a + n);
	}
	ne = nf_entr_rules(c, text, tn, c->ents, ne, nf_seg_lang_get(lang, langn));
	doc_typing(c, text, c->ents, ne);
	ne = doc_names_add(c, text, &c->ents, ne, &c->capent);
	majority(c, text, c->ents, ne);
	ne = drop_alone(text, c->ents, ne, lang, langn);
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
	nf_strset_free(c->doc_last);
	free(c->cnt);
	free(c->idx);
	nf_ner_doc_free(c->docctx);
	nf_strset_free(c->doc_types);
	nf_buf_free(&c->doc_names);
	free(c);
}
