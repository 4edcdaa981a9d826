/* entities.h — named entities (PER ORG LOC MISC PRODUCT) of the rows of a document: the
 * trained tagger (ner.h, the model of the row's language: nermodels.h) on the tokens of
 * enttokens.h, its BIO tags decoded to mentions trimmed of punctuation, lead words (lower
 * case, titles, prepositions) and one-letter or letterless ones; then the rules: gazetteer
 * names fix the type and canonical name and add untagged mentions, named products (Xiaomi
 * SU7, ID.3, Atto 3), company words make ORG (Inc., SA; the period of Inc. joins the name),
 * a lone sentence starter or common-noun acronym is dropped, a number at the end is cut, a
 * cue word before the name types it (Mme, PDG de, la société), and a name that begins an ORG
 * of the row is ORG, one that ends a PER is PER.
 *
 * A context keeps what the document settled in its earlier rows (no globals; two contexts
 * can be used at once): the words of the document for the tagger, the types of the names
 * typed by a gazetteer, a cue or a company word (and the parts of companies and people's
 * last names), which later mentions take — and which are added where the tagger missed them
 * — and full person names, which a later one-word mention ("Dittrich") takes as its value.
 * Within a row one surface keeps one type, the one it has most often. */
#ifndef NF_ENTITIES_H
#define NF_ENTITIES_H
#include <stddef.h>

typedef struct nf_ents nf_ents;

struct nf_ent {
	size_t start, end;   /* byte offsets in the row's text, end exclusive */
	const char *type;    /* "PER", "ORG", "LOC", "MISC" or "PRODUCT" */
	const char *value;   /* the canonical name, value_len bytes (not NUL-terminated) */
	size_t value_len;
};
/* called for each mention of a row, in text order; e and what it points to live until it returns */
typedef void (*nf_ents_cb)(const struct nf_ent *e, void *arg);

/* models from model_dir (nf_ner_model_dir() gives the usual one), loaded on first use */
nf_ents *nf_ents_new(const char *model_dir);
void nf_ents_doc(nf_ents *c); /* a new document begins: forget the last one's names */
/* the mentions of text[0..n), one row of the current document; lang its ISO 639-1 code
 * (it chooses the model, the sentence starters and the token rules) */
void nf_ents_tag(nf_ents *c, const char *text, size_t n, const char *lang, size_t langn, nf_ents_cb cb, void *arg);
/* a later row of the current document, read ahead before its first row is tagged: its words
 * join the document context (how each word is written, what stands around it), so that the
 * tagger sees the whole document, as the models were trained; nothing is tagged */
void nf_ents_look(nf_ents *c, const char *text, size_t n, const char *lang, size_t langn);
/* how many rows so far were tagged with the English model for want of their own */
unsigned long nf_ents_fallbacks(const nf_ents *c);
/* how many rows were in a language without a model and a script other than Latin: the
 * English model is not run on them (the gazetteer and the rules still are) */
unsigned long nf_ents_unscripted(const nf_ents *c);
void nf_ents_free(nf_ents *c);
#endif
