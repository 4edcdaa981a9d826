/* driver.h — the per-record loop of split and the extractors, as an iterator:
 *
 *	nf_loop L = NF_LOOP_INIT;
 *	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1)
 *		if (!nf_opt_common(c, optarg, usage) && !nf_loop_opt(&L, c, optarg)) ...
 *	const nf_row *h = nf_loop_open(&L, argc, argv, optind, &tc);   (then the header)
 *	while (nf_loop_next(&L)) ... L.d is the record, L.lang/L.langn its language
 *	nf_loop_end(&L);
 *	return nf_loop_finish(extra);
 *
 * --lang CODE (every row's language, else the row's lang column) and --in auto|text|tsv|csv are
 * the loop's own options (NF_LOOP_LONGOPTS); the loop counts rows and bytes in and draws the
 * progress line; nf_loop_finish closes the output, prints the -v summary (with the filter's
 * extra text) and returns the exit status. */
#ifndef NF_DRIVER_H
#define NF_DRIVER_H
#include "core/records.h"
#include <stddef.h>

enum { NF_LOOP_O_LANG = 1050, NF_LOOP_O_IN };
#define NF_LOOP_LONGOPTS \
	{"lang", required_argument, 0, NF_LOOP_O_LANG}, {"in", required_argument, 0, NF_LOOP_O_IN}

typedef struct {
	enum nf_in_fmt fmt;     /* --in */
	int lines;              /* plain text: a record per line (nf_reader_lines), set before open */
	const char *force_lang; /* --lang, or NULL */
	nf_reader *r;
	nf_doc d;               /* the current record */
	const char *lang;       /* its language: --lang, else its lang column ("" if none) */
	size_t langn;
	int started;
} nf_loop;
#define NF_LOOP_INIT {.fmt = NF_IN_AUTO}

/* 1 when c was --lang or --in (taken), 0 otherwise; a bad --in value is a usage error */
int nf_loop_opt(nf_loop *L, int c, const char *arg);
/* start the counters, open the reader over argv[optind..] (stdin when none) and return the
 * header row, with the text column's index in *text_col */
const nf_row *nf_loop_open(nf_loop *L, int argc, char **argv, int optind, long *text_col);
/* 1 with the next record in L->d (counted), 0 at the end */
int nf_loop_next(nf_loop *L);
/* close the reader (its end-of-input reports come now) */
void nf_loop_end(nf_loop *L);
/* close the output, print the -v summary (extra: the filter's own counts, or NULL) and return
 * the exit status */
int nf_loop_finish(const char *extra);
#endif
