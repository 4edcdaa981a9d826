/* nf-tag-entities — people, organisations, places, products (and MISC) with a trained tagger. See tag-entities.1. */
#include "core/buf.h"
#include "core/diag.h"
#include "core/opts.h"
#include "core/out.h"
#include "core/records.h"
#include "core/stats.h"
#include "extract/entities.h"
#include "extract/mention.h"
#include "extract/nermodels.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: nf-tag-entities [OPTION]... [FILE]...\n"
	"Tag named entities in documents or sentences (TSV with a header naming the text column, or\n"
	"plain text): one row per mention with the key columns, start end type surface value (type\n"
	"PER ORG LOC MISC PRODUCT; value the canonical name: a later partial name takes the earlier\n"
	"full one). Consecutive rows with the same id are one document.\n"
	"The model is chosen by the row's lang (nl en it ar es de); other languages use the English\n"
	"model (counted with -v). Models (ner-LANG.model) are looked up in $NF_MODEL_DIR, else in\n"
	"BIN/../lib/data/models (the build tree), then BIN/../share/newsfilters/models (make\n"
	"install), BIN being the program's folder.\n"
	"\n"
	"      --lang CODE    language of every row (default: the lang column)\n"
	"      --in FORMAT    auto (default), tsv or text\n"
	NF_COMMON_HELP;

enum { O_LANG = NF_OPT_FIRST_FILTER, O_IN };
static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	{"lang", required_argument, 0, O_LANG},
	{"in", required_argument, 0, O_IN},
	{0, 0, 0, 0},
};

static void put(const struct nf_ent *e, void *v)
{
	nf_mention_begin(v, e->start, e->end, e->type);
	nf_out_field(e->value, e->value_len);
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
	char *dir = nf_ner_model_dir(argv[0]);
	nf_ents *ents = nf_ents_new(dir);
	free(dir);
	nf_stats_start();
	nf_reader *r = nf_reader_args(argc, argv, optind, fmt);
	long tc;
	const nf_row *h = nf_reader_header(r, &tc);
	if (!nf_opt.no_header)
		nf_mention_header(h, tc, NULL);
	long idc = nf_opt.no_header ? -1 : nf_col_find(h, "id");
	nf_buf doc_id = {0};
	nf_doc d;
	while (nf_reader_next(r, &d)) {
		nf_st.rows_in++;
		nf_st.bytes_in += d.text_len;
		const nf_field *idf = idc >= 0 && (size_t)idc < d.f.n ? &d.f.f[idc] : NULL;
		if (!idf || idf->n != doc_id.len || memcmp(idf->p, doc_id.p ? doc_id.p : "", idf->n) != 0) {
			doc_id.len = 0; /* a new document */
			nf_ents_doc(ents);
			if (idf)
				nf_buf_add(&doc_id, idf->p, idf->n);
		}
		if (force_lang)
			nf_ents_tag(ents, d.text, d.text_len, force_lang, strlen(force_lang), put, &d);
		else
			nf_ents_tag(ents, d.text, d.text_len, d.lang, d.lang_len, put, &d);
		nf_progress_tick();
	}
	nf_reader_free(r);
	nf_buf_free(&doc_id);
	char extra[96];
	snprintf(extra, sizeof extra, "%lu rows tagged with the English model for want of their own", nf_ents_fallbacks(ents));
	nf_ents_free(ents);
	nf_out_close();
	nf_stats_finish(extra);
	return nf_status;
}
