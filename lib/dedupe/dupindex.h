/* dupindex.h — the memory of nf-dedupe: every text seen (but exact repeats), and the state
 * file that carries it from one run to the next.
 *
 * Near mode keeps per item its MinHash signature, number, date and name sets, shingle count
 * and day (94 bytes), an exact-key table (key, item) and a band table (band key, item) over them.
 * Exact mode keeps only the exact-key table (key, day). Row ids are kept only when asked
 * (--mark). The tables are open-addressed with Robin Hood probing, grown by an eighth (doubled
 * while small) when full (band table 90%, key tables 75%), so that the bytes per item stay near
 * the figures in nf-dedupe(1) at any size.
 * Scopes need no field: the scope is mixed into every key. With paras (--paragraphs) a third
 * table maps the exact key of each paragraph to the first text that had it (about 10 bytes
 * per paragraph of NF_DUP_PARA_WORDS words or more).
 *
 * State file: "NFDUP1\n" and a NUL, a header (format version, the parameters the index was
 * built with, lengths, CRC-32 of the data, CRC-32 of the header), then the tables compressed
 * with zlib (the tables in the machine's byte order: a state file moves between machines of the
 * same kind). It is written to a temporary file in the same directory, flushed with fsync and
 * renamed over the old one, so that a crash or a full disk leaves the previous state whole;
 * FILE.lock (flock) keeps a second run out. */
#ifndef NF_DUPINDEX_H
#define NF_DUPINDEX_H
#include "dedupe/dupkey.h"
#include <stddef.h>
#include <stdint.h>

struct nf_dup_params {
	uint32_t near, k, sbands, srows, wbands, wrows, shingle, ids, paras; /* ids: the items keep their row ids */
};
/* the parameters of this build for a mode */
struct nf_dup_params nf_dup_params_of(int near, int ids, int paras);

typedef struct nf_dupindex nf_dupindex;

nf_dupindex *nf_dupindex_new(const struct nf_dup_params *p);
/* a text with this exact key was seen: its item (0 when items are not kept), else -1 */
long nf_dupindex_exact(const nf_dupindex *x, uint64_t exact);
/* exact mode without items (no --mark, no --paragraphs): nf_dupindex_decide on a text of
 * this exact key, in one walk of the key table: 1 when the key was seen, else 0 and the key
 * is remembered with its day */
int nf_dupindex_seen(nf_dupindex *x, uint64_t exact, uint16_t day);
/* a hint: the slot of this exact key is about to be looked up (its cache lines are fetched) */
void nf_dupindex_prefetch(const nf_dupindex *x, uint64_t exact);
/* near mode: of the items sharing a band with k that k is a copy of (nf_dupkey_verdict with
 * threshold t), the most similar (the first on a tie), its similarity in *sim; -1 if none */
long nf_dupindex_near(const nf_dupindex *x, const nf_dupkey *k, double t, double *sim);
/* remember k (with its bands when bands is set); day: days since 1970 */
void nf_dupindex_add(nf_dupindex *x, const nf_dupkey *k, int bands, uint16_t day, const char *id, size_t idlen);
/* with paras: the share of k's paragraph words (k->para) seen in earlier texts, and the text
 * that holds the most of them (the first on a tie); -1 if none */
long nf_dupindex_paras(const nf_dupindex *x, const nf_dupkey *k, double *share);
/* The decision of a single run (dupmr.h) for a text with key k: the earlier text it copies,
 * or -1. Same exact key first (*kind 'E', *sim 1); else, with bands, the most similar near
 * copy among the texts sharing a band ('N'); else, with paras, the holder of the most of its
 * paragraph words when they are NF_DUP_PARA_MIN or more and NF_DUP_PARA_SHARE of them were
 * seen ('P', *sim the share). A text that is not an exact repeat is then remembered (with
 * its day and id, as nf_dupindex_add). */
long nf_dupindex_decide(nf_dupindex *x, const nf_dupkey *k, int bands, int paras, double t, uint16_t day,
                        const char *id, size_t idlen, double *sim, char *kind);
const char *nf_dupindex_id(const nf_dupindex *x, long i, size_t *len);
size_t nf_dupindex_size(const nf_dupindex *x);
size_t nf_dupindex_bytes(const nf_dupindex *x); /* memory held, without the ids */
/* keep only what was seen on min_day or later (0: all), then the newest max_items (0: all;
 * in exact mode, by whole days) */
void nf_dupindex_prune(nf_dupindex *x, uint16_t min_day, size_t max_items);

/* State files. lock: take FILE.lock, creating the folders of FILE when they are missing (a
 * first run with --state ~/.cache/news.dedupe); when another run holds it, wait for it (a note
 * on stderr) or, with wait 0, fail: 0, or -1 with *err. Under the lock, temporary files that a
 * killed run left (FILE.tmp.PID) are removed.
 * load: 0 and the index, 1 when the file does not exist (a new state), -1 with *err
 * (unreadable, foreign, truncated, corrupt, or built with other parameters: never
 * overwritten then). save: 0, or -1 with *err (the old file is untouched). */
int nf_dupstate_lock(const char *path, int wait, const char **err);
int nf_dupstate_load(const char *path, const struct nf_dup_params *p, nf_dupindex **out, const char **err);
int nf_dupstate_save(const char *path, const nf_dupindex *x, const char **err);
void nf_dupindex_free(nf_dupindex *x);
#endif
