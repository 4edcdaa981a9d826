/* nf-split — documents to one row per sentence (or paragraph). See split.1. */
#include "core/diag.h"
#include "core/driver.h"
#include "core/opts.h"
#include "core/out.h"
#include "core/records.h"
#include "text/segment.h"
#include "core/stats.h"
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"Usage: nf-split [OPTION]... [FILE]...\n"
	"Split documents into sentences (or paragraphs): one row per unit, the input columns with\n"
	"the text replaced by the unit, plus unit (1-based), unit_start and unit_end (byte offsets\n"
	"of the unit in the document's text, end exclusive). Input: TSV with a header naming the\n"
	"text column (nf-normalize output), or plain text (one document per input).\n"
	"\n"
	"      --by UNIT      sentence (default) or paragraph (blocks between blank lines)\n"
	"      --in FORMAT    auto (default: TSV or CSV when the first line names the column,\n"
	"                     else text), text, tsv or csv\n"
	"      --lang CODE    language of every row (default: the lang column, else all languages)\n"
	"      --unwrap       join hard-wrapped lines: a line of 40+ bytes without final punctuation\n"
	"                     and a next line that starts in lower case are one block\n"
	NF_COMMON_HELP;

enum { O_BY = NF_OPT_FIRST_FILTER, O_UNWRAP };
static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	{"by", required_argument, 0, O_BY},
	NF_LOOP_LONGOPTS,
	{"unwrap", no_argument, 0, O_UNWRAP},
	{0, 0, 0, 0},
};

struct unit_ctx {
	const nf_doc *d;
	unsigned long n;
};

static void put_unit(size_t s, size_t e, void *v)
{
	struct unit_ctx *u = v;
	const nf_doc *d = u->d;
	nf_doc_write(d, d->text + s, e - s);
	nf_out_tab();
	nf_out_u64(++u->n);
	nf_out_tab();
	nf_out_u64(s);
	nf_out_tab();
	nf_out_u64(e);
	nf_out_nl();
	nf_st.rows_out++;
}

int main(int argc, char **argv)
{
	nf_setprog(argv[0]);
	int by_para = 0, unwrap = 0, c;
	nf_loop L = NF_LOOP_INIT;
	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (nf_opt_common(c, optarg, usage) || nf_loop_opt(&L, c, optarg))
			continue;
		switch (c) {
		case O_BY:
			if (strcmp(optarg, "sentence") == 0) by_para = 0;
			else if (strcmp(optarg, "paragraph") == 0) by_para = 1;
			else nf_usage_error("--by: '%s' is not sentence or paragraph", optarg);
			break;
		case O_UNWRAP: unwrap = 1; break;
		default: nf_usage_error("unknown option");
		}
	}
	nf_seg_init();
	long tc;
	const nf_row *h = nf_loop_open(&L, argc, argv, optind, &tc);
	if (!nf_opt.no_header) {
		nf_row_write(h);
		nf_out_s("\tunit\tunit_start\tunit_end\n");
	}
	unsigned long no_text = 0;
	while (nf_loop_next(&L)) {
		struct unit_ctx u = {&L.d, 0};
		if (by_para)
			nf_seg_paragraphs(L.d.text, L.d.text_len, put_unit, &u);
		else
			nf_seg_sentences(L.d.text, L.d.text_len, nf_seg_lang_get(L.lang, L.langn), unwrap, put_unit, &u);
		no_text += u.n == 0;
	}
	nf_loop_end(&L);
	char extra[64];
	snprintf(extra, sizeof extra, "%lu rows without text", no_text);
	return nf_loop_finish(extra);
}
