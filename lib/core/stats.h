/* stats.h — run counters, the progress line (stderr, only when it is a terminal unless
 * --progress; never with -q) and the -v summary: rows in/out, bytes, repairs, MB/s.
 *
 * The progress line reads "PROG: N rows in, N out, X MB, X MB/s", plus ", P%, ETA M:SS" when
 * the filter has told how much input there is. With NF_PROGRESS_LABEL set in the environment
 * the line (and nothing else) says that label instead of the program's name, and documents
 * instead of rows: a pipeline shows one line, under its own name, from its first stage. */
#ifndef NF_STATS_H
#define NF_STATS_H
#include <stdint.h>

struct nf_stats {
	uint64_t rows_in, rows_out, bytes_in, repairs, rejected;
};
extern struct nf_stats nf_st;

void nf_stats_start(void);    /* decide whether to show progress; start the clock */
void nf_progress_tick(void);  /* call once per record: cheap, redraws at most 4 times a second */
/* For the percent and the ETA: how much input there is in all (bytes of the files given, or
 * any unit the filter counts in; 0, the default, when it is not known, e.g. a pipe) and how
 * much of it has been consumed so far, in the same unit. Cheap: call it before each tick. */
void nf_progress_total(uint64_t total);
void nf_progress_pos(uint64_t pos);
/* Clear the progress line when one is shown, so that a message written next starts on a line
 * of its own (the next tick draws the line again): call it before any warning. */
void nf_progress_clear(void);
void nf_stats_finish(const char *extra); /* clear the progress line; print the -v summary */
#endif
