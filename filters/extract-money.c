/* nf-extract-money — amounts of money, one row per mention. See extract-money.1. */
#include "core/diag.h"
#include "core/driver.h"
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
	"A date column (YYYY-MM-DD or DD-MON-YYYY) decides the historical currencies: marks are DEM\n"
	"before the euro, francs FRF, BEF or CHF by the dateline or country named.\n"
	"\n"
	"      --lang CODE    language of every row (default: the lang column; it chooses the\n"
	"                     decimal convention and the vocabulary; without one, all languages)\n"
	"      --in FORMAT    auto (default), text, tsv or csv\n"
	NF_COMMON_HELP;

static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	NF_LOOP_LONGOPTS,
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
	nf_loop L = NF_LOOP_INIT;
	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1)
		if (!nf_opt_common(c, optarg, usage) && !nf_loop_opt(&L, c, optarg))
			nf_usage_error("unknown option");
	nf_money_init();
	long tc;
	const nf_row *h = nf_loop_open(&L, argc, argv, optind, &tc);
	if (!nf_opt.no_header)
		nf_mention_header(h, tc, "amount\tamount_max\tcurrency\tmod");
	while (nf_loop_next(&L))
		nf_money_find(L.d.text, L.d.text_len, L.lang, L.langn, L.d.date, L.d.date_len, put, &L.d);
	nf_loop_end(&L);
	return nf_loop_finish(NULL);
}
