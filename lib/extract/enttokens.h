/* enttokens.h — the tokens of the entity tagger: the extractors' words (tokens.h) cut
 * further at hyphens, after an elided article or preposition (l’, d’) and before a possessive
 * ending (’s), by the per-language rows of lib/data/entities/tokens.tsv, which also name the
 * lower-case letters that may begin a name (iPhone, eBay). */
#ifndef NF_ENTTOKENS_H
#define NF_ENTTOKENS_H
#include "extract/tokens.h"
#include <stddef.h>

typedef struct nf_enttok_lang nf_enttok_lang;

struct nf_enttok {
	size_t s, e; /* byte offsets, end exclusive */
};
typedef struct {
	struct nf_enttok *v;
	size_t n, cap; /* reused: no allocation once it has grown */
} nf_enttoks;

void nf_enttok_init(void);
/* the rows of a language (ISO 639-1 code), or those of "*"; never NULL */
const nf_enttok_lang *nf_enttok_lang_get(const char *code, size_t n);
void nf_enttok_add(nf_enttoks *out, size_t s, size_t e);             /* text[s..e), if not empty */
void nf_enttok_word(nf_enttoks *out, const nf_enttok_lang *L, const char *t, size_t s, size_t e); /* a word */
/* the tagger's tokens of one line text[s..e): the extractors' words (tk, reused) cut by
 * nf_enttok_word, other tokens as they are; appended to out. The filter and the trainer
 * (ner-tool) both cut text this way, so that a model learns the tokens it will see. */
void nf_enttok_line(nf_enttoks *out, nf_toks *tk, const nf_enttok_lang *L, const char *text, size_t s, size_t e);
/* may the generated place list (places-cldr.tsv) retype a mention the tagger found, in this
 * language? (the place-retype rows) */
int nf_enttok_place_retype(const nf_enttok_lang *L);
/* does a lower-case word that the tagger put first in a name stay there (università di
 * Bologna), or is it cut off as a cue (chinesischen Zellherstellers)? (the lower-head rows) */
int nf_enttok_lower_head(const nf_enttok_lang *L);
/* do names lose the Arabic proclitics glued to them (وتويوتا -> تويوتا: the proclitics rows)? */
int nf_enttok_proclitics(const nf_enttok_lang *L);
/* does w[0..n) begin with a capital, or with a lower-brand letter and a capital (iPhone)? */
int nf_enttok_name_start(const nf_enttok_lang *L, const char *w, size_t n);
#endif
