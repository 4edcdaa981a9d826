/* nf-extract-dates — dates, times, durations and sets, one row per mention. See extract-dates.1. */
#include "extract/dates.h"
#include "core/diag.h"
#include "core/driver.h"
#include "extract/mention.h"
#include "core/opts.h"
#include "core/out.h"
#include "core/records.h"
#include "core/stats.h"
#include "core/buf.h"
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"Usage: nf-extract-dates [OPTION]... [FILE]...\n"
	"Find temporal expressions in documents or sentences (TSV with a header naming the text\n"
	"column, or plain text): one row per mention with the key columns, start end type surface\n"
	"value (type DATE TIME DURATION SET; value a TIMEX3 value), then value_max (the end of\n"
	"a range: 2014 to 2018, P6Y to P7Y) and mod (START MID END APPROX MORE_THAN LESS_THAN).\n"
	"Relative expressions resolve against the row's date column (YYYY-MM or YYYY-MM-DD; a month\n"
	"is anchored to its first day), else --ref-date; without either they keep X placeholders.\n"
	"\n"
	"      --lang CODE      language of every row (default: the lang column, else all languages)\n"
	"      --ref-date DATE  reference date (YYYY-MM or YYYY-MM-DD) for rows without one\n"
	"      --in FORMAT      auto (default), text, tsv or csv\n"
	NF_COMMON_HELP;

enum { O_REF = NF_OPT_FIRST_FILTER };
static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	NF_LOOP_LONGOPTS,
	{"ref-date", required_argument, 0, O_REF},
	{0, 0, 0, 0},
};

static void put(const struct nf_date *m, void *v)
{
	const nf_doc *d = v;
	nf_mention_begin(d, m->start, m->end, m->type);
	nf_out_s(m->value);
	nf_out_tab();
	nf_out_s(m->value_max);
	nf_out_tab();
	nf_out_s(m->mod);
	nf_out_nl();
	nf_st.rows_out++;
}

int main(int argc, char **argv)
{
	nf_setprog(argv[0]);
	int c;
	nf_loop L = NF_LOOP_INIT;
	const char *ref = "";
	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (nf_opt_common(c, optarg, usage) || nf_loop_opt(&L, c, optarg))
			continue;
		if (c != O_REF)
			nf_usage_error("unknown option");
		ref = optarg;
	}
	nf_dates_init();
	if (*ref && nf_dates_find("", 0, "", 0, ref, strlen(ref), NULL, NULL) < 0)
		nf_usage_error("--ref-date: '%s' is not a date (YYYY-MM or YYYY-MM-DD)", ref);
	long tc;
	const nf_row *h = nf_loop_open(&L, argc, argv, optind, &tc);
	if (!nf_opt.no_header)
		nf_mention_header(h, tc, "value_max\tmod");
	unsigned long bad_dates = 0, bad_line = 0;
	char *bad_file = NULL; /* a copy: the input is closed by the time we report */
	while (nf_loop_next(&L)) {
		const nf_doc *d = &L.d;
		const char *rd = d->date_len ? d->date : ref;
		size_t rdn = d->date_len ? d->date_len : strlen(ref);
		if (nf_dates_find(d->text, d->text_len, L.lang, L.langn, rd, rdn, put, (void *)d) < 0 && bad_dates++ == 0) {
			bad_file = nf_xstrdup(d->file); /* the row was read as undated */
			bad_line = d->line;
		}
	}
	if (bad_dates)
		nf_warn_at(bad_file, bad_line, "%lu date value%s not understood; %s processed as undated (first here)",
		           bad_dates, bad_dates == 1 ? "" : "s", bad_dates == 1 ? "its row was" : "their rows were");
	free(bad_file);
	nf_loop_end(&L);
	return nf_loop_finish(NULL);
}
