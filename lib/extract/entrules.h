/* entrules.h — the rules of a row on top of the entity tagger (internal to entities.c,
 * with the state they share: callers use entities.h). nf_entr_decode: the tagger's mentions of a
 * line, trimmed (punctuation, a colon or semicolon inside, lead words; a hyphenated name kept
 * whole; one letter or no name letter dropped); nf_entr_gazetteer: gazetteer names type
 * mentions and add the untagged ones; nf_entr_products: named products; nf_entr_rules: company
 * words, sentence starters and common nouns alone, a trailing number, cue words, and the
 * company prefixes and person suffixes of the row. */
#ifndef NF_ENTRULES_H
#define NF_ENTRULES_H
#include "core/buf.h"
#include "core/strset.h"
#include "core/utf8.h"
#include "extract/entities.h"
#include "extract/enttokens.h"
#include "extract/ner.h"
#include "extract/nermodels.h"
#include "extract/tokens.h"
#include "text/segment.h"
#include <stddef.h>
#include <stdint.h>
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
	unsigned long fallbacks;  /* rows tagged with the English model for want of their own */
	unsigned long unscripted; /* rows in a script that no model reads: no model run on them */
	const nf_enttok_lang *tl; /* the token rules of the row's language */
	const nf_ner *m;          /* the row's model, or NULL (none for its script) */
	const char *lang;         /* the row's language code, langn bytes */
	size_t langn;
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
	nf_strset *doc_last;      /* the last word of each full name -> its offset in doc_names */
};

/* is sub-token k a punctuation mark that never belongs to a name? */
static inline int punct_sub(nf_ents *c, const char *text, size_t k)
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

static inline int upper_start(nf_ents *c, const char *text, size_t k)
{
	int32_t ch;
	const unsigned char *p = (const unsigned char *)text + c->st.v[k].s;
	nf_utf8_dec(p, (const unsigned char *)text + c->st.v[k].e, &ch);
	int cat = utf8proc_get_property(ch < 0 ? 0xFFFD : ch)->category;
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}


static inline int glued(nf_ents *c, size_t k) { return c->st.v[k].s == c->st.v[k - 1].e; } /* no space before token k */

/* each takes the row's mentions ents[0..ne) (e0: the first of the line; sorted within the
 * line) and the line's tokens a..z, and returns the new count; *cap grows with *ents.
 * nf_entr_decode tags the line's tokens a..a+n with m and appends to c->ents. */
#define NF_ENTR_PIECE 1000 /* tokens the tagger decodes at once, at most (see nf_entr_decode) */
size_t nf_entr_decode(nf_ents *c, const nf_ner *m, const char *text, size_t a, size_t n, size_t ne);
size_t nf_entr_gazetteer(nf_ents *c, const char *text, struct ent **ents, size_t e0, size_t ne, size_t *cap, size_t a, size_t z);
size_t nf_entr_products(nf_ents *c, const char *text, struct ent **ents, size_t e0, size_t ne, size_t *cap, size_t a, size_t z);
/* the whole row (text[0..tn)) after its lines: drops and retypes mentions in place */
size_t nf_entr_rules(nf_ents *c, const char *text, size_t tn, struct ent *en, size_t ne, const nf_seg_lang *L);
#endif
