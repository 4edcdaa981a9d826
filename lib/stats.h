/* stats.h — run counters, the progress line (stderr, only when it is a terminal unless
 * --progress; never with -q) and the -v summary: rows in/out, bytes, repairs, MB/s. */
#ifndef NF_STATS_H
#define NF_STATS_H
#include <stdint.h>

struct nf_stats {
	uint64_t rows_in, rows_out, bytes_in, repairs, rejected;
};
extern struct nf_stats nf_st;

void nf_stats_start(void);    /* decide whether to show progress; start the clock */
void nf_progress_tick(void);  /* call once per record: cheap, redraws at most 4 times a second */
void nf_stats_finish(const char *extra); /* clear the progress line; print the -v summary */
#endif
