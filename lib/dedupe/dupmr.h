/* dupmr.h — nf-dedupe as map, shuffle and reduce; any grouping by key (sort on
 * one machine, the shuffle of Hadoop Streaming or Spark's pipe on many) gives the decisions of
 * a single run.
 *
 * A single run calls a text a copy when an earlier text (kept or dropped, but not an exact
 * repeat) has its exact key, else when it shares a band key with earlier texts it is a copy of
 * (nf_dupkey_verdict), and then names the most similar of them (the first on a tie). Every
 * pair that decides this shares a key, so:
 *  map     (--emit-keys) one line per key of a row, no header:
 *          KEY \t SEQ \t EXACT \t NUMS \t NAMES \t NSH \t SIG \t ID
 *          (with --paragraphs also p + 16 hex digits, a paragraph's key, with its words as NUMS
 *          and the row's paragraph words as NAMES);
 *          KEY is e + 16 hex digits (exact key) or b + 8 hex digits (band key), SEQ the row's
 *          number in the input (12 digits, from 1), EXACT and NAMES 16 hex digits, NUMS 32 (the
 *          number set, then the date set; 16 on p lines), NSH decimal,
 *          SIG 2 * NF_DUP_K hex digits, ID the id/unit written in dup_of;
 *  shuffle group the lines by KEY (their order within a group does not matter);
 *  reduce  (--reduce) for every pair of a group where the later row is a copy of the earlier
 *          (in a band group, the earlier one among its first NF_DUP_BAND_CAP rows without an
 *          earlier exact twin: the rows a single run's band key indexes):
 *          SEQ \t OLDSEQ \t MATCHES \t KIND \t OLDID
 *          (KIND E: same exact key, with the group's first row only; N: near, MATCHES the equal
 *          signature values; P: a paragraph first seen in OLDSEQ, MATCHES is WORDS/TOTAL, its
 *          words and all the row's paragraph words); rows repeating an earlier row's exact key
 *          in a band group are left to their exact group;
 *  apply   (--apply FILE) the decision lines sorted by SEQ and the input again: each row's best
 *          decision (E, else the most MATCHES, else the lowest OLDSEQ; else, when the P lines
 *          cover NF_DUP_PARA_SHARE of its paragraph words, the holder of the most).
 * Shards (--shard K, for inputs cut in order over several machines): row n of shard K is
 *          SEQ K * 10^12 + n, written with 18 digits, so that every shard's rows sort after the
 *          rows of the shards before it and the decisions are those of one run over the whole;
 *          K < NF_DUPMR_MAX_SHARDS, n < 10^12 (more rows is an error); --reduce writes SEQ with
 *          as many digits as it reads; --apply on shard K skips the decision lines of the other
 *          shards (so every shard may be given all the decisions, or only its own). */
#ifndef NF_DUPMR_H
#define NF_DUPMR_H
#include "dedupe/dupkey.h"
#include "core/input.h"
#include "core/tsv.h"
#include <stdint.h>

#define NF_DUPMR_SHARD_ROWS 1000000000000ULL /* rows per shard: SEQ = K * this + n */
#define NF_DUPMR_MAX_SHARDS 1000000
void nf_dupmr_shard_seq(void); /* SEQ written with 18 digits (shards), not 12 */
void nf_dupmr_emit(const nf_dupkey *k, int bands, uint64_t seq, const char *id, size_t idlen);
/* reads key lines from in, writes decision lines; 0, or -1 after a message (a bad line) */
int nf_dupmr_reduce(nf_in *in, double t);

typedef struct {
	nf_in *in;
	uint64_t seq, old, prev;   /* the decision line read ahead (seq 0: none left) */
	int kind, matches;         /* E, N or P; N: equal signature values */
	uint32_t words, total;     /* P: the paragraph's words, the row's paragraph words */
	nf_buf id, pids;
	nf_row row;                /* scratch: the fields of a line */
	void *hold;                /* scratch: the paragraph holders of a row */
	size_t holdcap;
} nf_dupmr_decisions;
/* 0, or -1 after a message; the file is read in step with the rows */
int nf_dupmr_open(nf_dupmr_decisions *d, const char *path);
/* is row seq a copy? 1 with its first's id (*id, *idlen), similarity (*sim) and kind (*kind:
 * E exact, N near, P paragraphs), 0 if not, -1 after a message (a bad or unsorted line) */
int nf_dupmr_decide(nf_dupmr_decisions *d, uint64_t seq, nf_buf *id, double *sim, char *kind);
void nf_dupmr_close(nf_dupmr_decisions *d);
#endif
