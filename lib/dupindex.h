/* dupindex.h — the memory of nf-dedupe: the items kept so far (exact key, number set, scope,
 * day, MinHash signature, optional id), an exact-key table and an LSH band table over them,
 * and the state file that carries them from one run to the next.
 *
 * State file: "NFDUP1\n" and a NUL, a header of the parameters the index was built with,
 * then the items compressed with zlib, its CRC-32 and lengths. It is written to a temporary
 * file in the same directory, flushed with fsync and renamed over the old one, so that a crash
 * or a full disk leaves the previous state whole; FILE.lock (flock) keeps a second run out. */
#ifndef NF_DUPINDEX_H
#define NF_DUPINDEX_H
#include "dupkey.h"
#include <stddef.h>
#include <stdint.h>

struct nf_dup_params {
	uint32_t near, k, bands, rows, shingle, ids; /* ids: the items keep their row ids */
};

typedef struct {
	uint64_t exact, nums;
	uint32_t scope, day, idoff, idlen;
	uint8_t sig[NF_DUP_K];
} nf_dup_item;

typedef struct nf_dupindex nf_dupindex;

nf_dupindex *nf_dupindex_new(const struct nf_dup_params *p);
/* the item with this exact key and scope, or -1 */
long nf_dupindex_exact(const nf_dupindex *x, uint64_t exact, uint32_t scope);
/* the best near candidate sharing a band with k (same scope): its similarity in *sim; -1 if none */
long nf_dupindex_near(const nf_dupindex *x, const nf_dupkey *k, uint32_t scope, double *sim, double *numsim);
void nf_dupindex_add(nf_dupindex *x, const nf_dupkey *k, uint32_t scope, uint32_t day, const char *id, size_t idlen);
const nf_dup_item *nf_dupindex_item(const nf_dupindex *x, long i);
const char *nf_dupindex_id(const nf_dupindex *x, const nf_dup_item *it);
size_t nf_dupindex_size(const nf_dupindex *x);
size_t nf_dupindex_bytes(const nf_dupindex *x); /* memory held */
/* keep only items with day >= min_day (0: all) and then the newest max_items (0: all) */
void nf_dupindex_prune(nf_dupindex *x, uint32_t min_day, size_t max_items);

/* State files. lock: take FILE.lock (0, or -1 with *err when another run holds it).
 * load: 0 and the index, 1 when the file does not exist (a new state), -1 with *err
 * (unreadable, foreign, truncated, corrupt, or built with other parameters: never
 * overwritten then). save: 0, or -1 with *err (the old file is untouched). */
int nf_dupstate_lock(const char *path, const char **err);
int nf_dupstate_load(const char *path, const struct nf_dup_params *p, nf_dupindex **out, const char **err);
int nf_dupstate_save(const char *path, const nf_dupindex *x, const char **err);
void nf_dupindex_free(nf_dupindex *x);
#endif
