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
	"full one). Consecutive rows with the same id are one document, read whole (up to 8 MB)\n"
	"before its first row is tagged.\n"
	"The model is chosen by the row's lang (en nl it ar es de el fr pl pt ru tr); other\n"
	"languages use the English model (counted with -v). Models (ner-LANG.model) are looked\n"
	"up in $NF_MODEL_DIR, else in BIN/../lib/data/models (the build tree), then\n"
	"BIN/../share/newsfilters/models (make install), BIN being the program's folder.\n"
	"\n"
	"      --lang CODE    language of every row (default: the lang column)\n"
	"      --in FORMAT    auto (default), text, tsv or csv\n"
	NF_COMMON_HELP;

static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	NF_LOOP_LONGOPTS,
	{0, 0, 0, 0},
};

/* the rows of the current document, kept until it ends (or READAHEAD bytes), so that its
 * words are all in the tagger's document context before its first row is tagged */
#define READAHEAD (8u << 20)
struct held {
	size_t keys, kn, text, tn, lang, ln; /* offsets in hold */
};
static nf_buf hold;
static struct held *held;
static size_t nheld, capheld;

static void put(const struct nf_ent *e, void *v)
{
	const struct held *r = v;
	nf_mention_begin_keys(hold.p + r->keys, r->kn, hold.p + r->text, e->start, e->end, e->type);
	nf_out_field(e->value, e->value_len);
	nf_out_nl();
	nf_st.rows_out++;
}

static void keep(const nf_doc *d, const char *lang, size_t langn)
{
	if (nheld == capheld) {
		capheld = capheld ? 2 * capheld : 64;
		held = nf_xrealloc(held, capheld * sizeof *held);
	}
	struct held *r = &held[nheld++];
	r->keys = hold.len;
	nf_mention_keys(d, &hold);
	r->kn = hold.len - r->keys;
	r->text = hold.len;
	nf_buf_add(&hold, d->text, d->text_len);
	r->tn = d->text_len;
	r->lang = hold.len;
	nf_buf_add(&hold, lang, langn);
	r->ln = langn;
}

/* tag the kept rows: every later one looked at first */
static void flush(nf_ents *ents)
{
	for (size_t i = 1; i < nheld; i++)
		nf_ents_look(ents, hold.p + held[i].text, held[i].tn, hold.p + held[i].lang, held[i].ln);
	for (size_t i = 0; i < nheld; i++)
		nf_ents_tag(ents, hold.p + held[i].text, held[i].tn, hold.p + held[i].lang, held[i].ln, put, &held[i]);
	nheld = 0;
	hold.len = 0;
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
			flush(ents);
			doc_id.len = 0; /* a new document */
			nf_ents_doc(ents);
			if (idf)
				nf_buf_add(&doc_id, idf->p, idf->n);
		} else if (hold.len > READAHEAD)
			flush(ents); /* a very long document: the rest reads on from here */
		keep(d, L.lang, L.langn);
	}
	flush(ents);
	nf_loop_end(&L);
	nf_buf_free(&doc_id);
	nf_buf_free(&hold);
	free(held);
	char extra[200];
	snprintf(extra, sizeof extra, "%lu rows tagged with the English model for want of their own, "
	         "%lu rows in a script it does not read left to the gazetteer", nf_ents_fallbacks(ents), nf_ents_unscripted(ents));
	nf_ents_free(ents);
	return nf_loop_finish(extra);
}
