/* nf-extract-dates — dates, times, durations and sets, one row per mention. See extract-dates.1. */
#include "extract/dates.h"
#include "core/diag.h"
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
	"value (type DATE TIME DURATION SET; value a TIMEX3 value), then value_max (the upper end of\n"
	"a range of durations) and mod (START MID END APPROX MORE_THAN LESS_THAN).\n"
	"Relative expressions resolve against the row's date column (YYYY-MM or YYYY-MM-DD; a month\n"
	"is anchored to its first day), else --ref-date; without either they keep X placeholders.\n"
	"\n"
	"      --lang CODE      language of every row (default: the lang column, else all languages)\n"
	"      --ref-date DATE  reference date (YYYY-MM or YYYY-MM-DD) for rows without one\n"
	"      --in FORMAT      auto (default), tsv or text\n"
	NF_COMMON_HELP;

enum { O_LANG = NF_OPT_FIRST_FILTER, O_REF, O_IN };
static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	{"lang", required_argument, 0, O_LANG},
	{"ref-date", required_argument, 0, O_REF},
	{"in", required_argument, 0, O_IN},
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
	enum nf_in_fmt fmt = NF_IN_AUTO;
	const char *force_lang = NULL, *ref = "";
	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (nf_opt_common(c, optarg, usage))
			continue;
		switch (c) {
		case O_LANG: force_lang = optarg; break;
		case O_REF: ref = optarg; break;
		case O_IN: fmt = nf_in_fmt_parse(optarg); break;
		default: nf_usage_error("unknown option");
		}
	}
	nf_dates_init();
	if (*ref && nf_dates_find("", 0, "", 0, ref, strlen(ref), NULL, NULL) < 0)
		nf_usage_error("--ref-date: '%s' is not a date (YYYY-MM or YYYY-MM-DD)", ref);
	nf_stats_start();
	nf_reader *r = nf_reader_args(argc, argv, optind, fmt);
	long tc;
	const nf_row *h = nf_reader_header(r, &tc);
	if (!nf_opt.no_header)
		nf_mention_header(h, tc, "value_max\tmod");
	nf_doc d;
	unsigned long bad_dates = 0, bad_line = 0;
	char *bad_file = NULL; /* a copy: the input is closed by the time we report */
	while (nf_reader_next(r, &d)) {
		nf_st.rows_in++;
		nf_st.bytes_in += d.text_len;
		const char *lg = force_lang ? force_lang : d.lang;
		size_t lgn = force_lang ? strlen(force_lang) : d.lang_len;
		const char *rd = d.date_len ? d.date : ref;
		size_t rdn = d.date_len ? d.date_len : strlen(ref);
		if (nf_dates_find(d.text, d.text_len, lg, lgn, rd, rdn, put, &d) < 0 && bad_dates++ == 0) {
			bad_file = nf_xstrdup(d.file); /* the row was read as undated */
			bad_line = d.line;
		}
		nf_progress_tick();
	}
	if (bad_dates)
		nf_warn_at(bad_file, bad_line, "%lu date value%s not understood; %s processed as undated (first here)",
		           bad_dates, bad_dates == 1 ? "" : "s", bad_dates == 1 ? "its row was" : "their rows were");
	free(bad_file);
	nf_reader_free(r);
	nf_out_close();
	nf_stats_finish(NULL);
	return nf_status;
}
