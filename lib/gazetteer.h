/* gazetteer.h — names with a fixed entity type and canonical form (lib/data/entities/
 * gazetteer.tsv): companies the taggers cannot know, aliases and exonyms, products. Phrases
 * are matched case-sensitively on token boundaries, the longest first. */
#ifndef NF_GAZETTEER_H
#define NF_GAZETTEER_H
#include <stddef.h>

void nf_gaz_init(void);
/* the entry for text[0..n): 1 with its type and canonical name (NUL-terminated), else 0 */
int nf_gaz_get(const char *text, size_t n, const char **type, const char **canon);
int nf_gaz_max_words(void);
/* is w[0..n) a legal form or a usual last word of company names (lib/data/entities/org-words.tsv)? */
int nf_gaz_org_word(const char *w, size_t n);
#endif
