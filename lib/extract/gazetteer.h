/* gazetteer.h — names with a fixed entity type and canonical form: lib/data/entities/
 * gazetteer.tsv by hand (companies the taggers cannot know, aliases and exonyms, products) and
 * places-cldr.tsv generated from CLDR (countries, regions, cities, with their English names).
 * Cue words (cues.tsv: titles, roles, kinds of company and place) type the name after them;
 * ISO currency codes join the words that are no entity alone (not-entities.tsv); the words of
 * not-alone.tsv are no entity as a whole mention only. Phrases are matched case-sensitively on token boundaries, the longest first. */
#ifndef NF_GAZETTEER_H
#define NF_GAZETTEER_H
#include <stddef.h>

void nf_gaz_init(void);
/* the entry for text[0..n): 1 with its type and canonical name (NUL-terminated), else 0;
 * *soft is set for the generated place names (places-cldr.tsv), which yield to a person's
 * name of several words ("Michael Jordan") */
int nf_gaz_get(const char *text, size_t n, const char **type, const char **canon, int *soft);
/* may the entry of text[0..n) be found in a row of language lang? A generated place name
 * only in the languages that write it so (Indien is India in German, if in Dutch), or in a
 * language the place list does not know; the hand-made names everywhere */
int nf_gaz_in_lang(const char *text, size_t n, const char *lang, size_t langn);
int nf_gaz_max_words(void);
/* is w[0..n) a word that is no entity on its own (EV, CEO, RMB: lib/data/entities/not-entities.tsv)? */
int nf_gaz_not_entity(const char *w, size_t n);
/* is w[0..n), the whole of a mention of type type in a text of language lang[0..langn), no
 * entity (REUTER, Inc, ريال alone: lib/data/entities/not-alone.tsv)? The word is never cut
 * from a longer mention. */
int nf_gaz_not_alone(const char *lang, size_t langn, const char *w, size_t n, const char *type);
/* can a name start with the word w[0..n)? (a cheap test before nf_gaz_get) */
int nf_gaz_first_word(const char *w, size_t n);
/* is w[0..n) a legal form or a usual last word of company names (lib/data/entities/org-words.tsv)? */
int nf_gaz_org_word(const char *w, size_t n);
/* the type ("PER", "ORG", "LOC") a cue word w[0..n) gives the name right after it, or with
 * after_prep the name after it and a preposition (lib/data/entities/cues.tsv); NULL if none */
const char *nf_gaz_cue(const char *w, size_t n, int after_prep);
int nf_gaz_prep(const char *w, size_t n); /* of, de, van, di, von ... */
/* products.tsv: is w[0..n) a product cue word (kind 1), a model-name suffix (2), a code that is
 * no product (4), a month name (8, any case; lib/data/months.tsv)? */
enum { NF_PROD_CUE = 1, NF_PROD_SUFFIX = 2, NF_PROD_NOT = 4, NF_PROD_MONTH = 8 };
int nf_gaz_product_word(const char *w, size_t n, int kind);
#endif
