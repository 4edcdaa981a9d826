/* nf-extract-money — amounts of money, one row per mention. See extract-money.1. */
#include "core/diag.h"
#include "extract/mention.h"
#include "extract/money.h"
#include "core/opts.h"
#include "core/out.h"
#include "core/records.h"
#include "core/stats.h"
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"Usage: nf-extract-money [OPTION]... [FILE]...\n"
	"Find amounts of money in documents or sentences (TSV with a header naming the text column,\n"
	"or plain text): one row per mention with the key columns (every input column but the\n"
	"text), start end type surface value, then amount amount_max currency mod.\n"
	"amount is a plain decimal, fully expanded; amount_max is set for ranges; currency is ISO\n"
	"4217; mod is APPROX, MORE_THAN or LESS_THAN for an approximator or comparative in front.\n"
	"\n"
	"      --lang CODE    language of every row (default: the lang column; it chooses the\n"
	"                     decimal convention and the vocabulary; without one, all languages)\n"
	"      --in FORMAT    auto (default), tsv or text\n"
	NF_COMMON_HELP;

enum { O_LANG = NF_OPT_FIRST_FILTER, O_IN };
static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	{"lang", required_argument, 0, O_LANG},
	{"in", required_argument, 0, O_IN},
	{0, 0, 0, 0},
};

static void put(const struct nf_money *m, void *v)
{
	const nf_doc *d = v;
	nf_mention_begin(d, m->start, m->end, "MONEY");
	nf_out_s(m->amount);
	if (*m->amount_max) {
		nf_out_c('-');
		nf_out_s(m->amount_max);
	}
	nf_out_c(' ');
	nf_out_s(m->currency);
	nf_out_tab();
	nf_out_s(m->amount);
	nf_out_tab();
	nf_out_s(m->amount_max);
	nf_out_tab();
	nf_out_s(m->currency);
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
	const char *force_lang = NULL;
	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (nf_opt_common(c, optarg, usage))
			continue;
		switch (c) {
		case O_LANG: force_lang = optarg; break;
		case O_IN: fmt = nf_in_fmt_parse(optarg); break;
		default: nf_usage_error("unknown option");
		}
	}
	nf_money_init();
	nf_stats_start();
	nf_reader *r = nf_reader_args(argc, argv, optind, fmt);
	long tc;
	const nf_row *h = nf_reader_header(r, &tc);
	if (!nf_opt.no_header)
		nf_mention_header(h, tc, "amount\tamount_max\tcurrency\tmod");
	nf_doc d;
	while (nf_reader_next(r, &d)) {
		nf_st.rows_in++;
		nf_st.bytes_in += d.text_len;
		if (force_lang)
			nf_money_find(d.text, d.text_len, force_lang, strlen(force_lang), put, &d);
		else
			nf_money_find(d.text, d.text_len, d.lang, d.lang_len, put, &d);
		nf_progress_tick();
	}
	nf_reader_free(r);
	nf_out_close();
	nf_stats_finish(NULL);
	return nf_status;
}
