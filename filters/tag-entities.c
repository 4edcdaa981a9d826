/* nf-tag-entities — people, organisations, places, products (and MISC) with a trained tagger. See tag-entities.1. */
#include "core/buf.h"
#include "core/diag.h"
#include "core/driver.h"
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
	"      --in FORMAT    auto (default), text, tsv or csv\n"
	NF_COMMON_HELP;

static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	NF_LOOP_LONGOPTS,
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
	nf_loop L = NF_LOOP_INIT;
	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1)
		if (!nf_opt_common(c, optarg, usage) && !nf_loop_opt(&L, c, optarg))
			nf_usage_error("unknown option");
	char *dir = nf_ner_model_dir(argv[0]);
	nf_ents *ents = nf_ents_new(dir);
	free(dir);
	long tc;
	const nf_row *h = nf_loop_open(&L, argc, argv, optind, &tc);
	if (!nf_opt.no_header)
		nf_mention_header(h, tc, NULL);
	long idc = nf_opt.no_header ? -1 : nf_col_find(h, "id");
	nf_buf doc_id = {0};
	while (nf_loop_next(&L)) {
		const nf_doc *d = &L.d;
		const nf_field *idf = idc >= 0 && (size_t)idc < d->f.n ? &d->f.f[idc] : NULL;
		if (!idf || idf->n != doc_id.len || memcmp(idf->p, doc_id.p ? doc_id.p : "", idf->n) != 0) {
			doc_id.len = 0; /* a new document */
			nf_ents_doc(ents);
			if (idf)
				nf_buf_add(&doc_id, idf->p, idf->n);
		}
		nf_ents_tag(ents, d->text, d->text_len, L.lang, L.langn, put, (void *)d);
	}
	nf_loop_end(&L);
	nf_buf_free(&doc_id);
	char extra[200];
	snprintf(extra, sizeof extra, "%lu rows tagged with the English model for want of their own, "
	         "%lu rows in a script it does not read left to the gazetteer", nf_ents_fallbacks(ents), nf_ents_unscripted(ents));
	nf_ents_free(ents);
	return nf_loop_finish(extra);
}
