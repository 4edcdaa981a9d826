/* strset.h — a set of byte strings with a small integer value each (open addressing,
 * FNV-1a), for word lists loaded once at start-up: abbreviations, sentence starters,
 * month names, gazetteers. Lookups do not allocate. */
#ifndef NF_STRSET_H
#define NF_STRSET_H
#include <stddef.h>

typedef struct nf_strset nf_strset;

nf_strset *nf_strset_new(void);
/* add key (or OR val into the value of an existing key) */
void nf_strset_add(nf_strset *s, const char *key, size_t n, int val);
int nf_strset_get(const nf_strset *s, const char *key, size_t n); /* value, or -1 if absent */
size_t nf_strset_size(const nf_strset *s);
void nf_strset_clear(nf_strset *s); /* empty, keeping the memory */
void nf_strset_free(nf_strset *s);

/* Call fn(lang, fields, nfields, ctx) for each line of an embedded TSV table that is not
 * empty and does not start with '#'. fields point into a copy that lives until the call
 * returns. At most 8 fields. */
typedef void (*nf_table_fn)(char **fields, int n, void *ctx);
void nf_table_each(const char *data, unsigned long len, nf_table_fn fn, void *ctx);
#endif
