/* entities.c — libFuzzer harness of nf-tag-entities' per-record functions (lib/extract/
 * entities.h) with the real models (found as nf-tag-entities finds them: $NF_MODEL_DIR, else
 * lib/data/models beside build-fuzz/, loaded once): the text is a document whose rows are
 * parted by 0x1E, in the language of the first byte; every row is looked at, then tagged, as
 * the filter does; every mention must lie in its row on character boundaries. */
#include "extract/entities.h"
#include "extract/nermodels.h"
#include "fuzz.h"

static nf_ents *ents;

struct seen {
	const char *text;
	size_t n;
};

static void found(const struct nf_ent *e, void *v)
{
	const struct seen *u = v;
	fz_span(u->text, u->n, e->start, e->end);
	if (e->start == e->end || !e->type || (e->value_len && !e->value)) {
		fprintf(stderr, "entity [%zu, %zu)\n", e->start, e->end);
		abort();
	}
	for (size_t i = 0; i < e->value_len; i++)
		if (!e->value[i])
			abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	char *dir = nf_ner_model_dir((*argv)[0]);
	ents = nf_ents_new(dir);
	free(dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static nf_buf b;
	struct fz_rec r;
	if (!fz_rec(&r, &b, d, n))
		return 0;
	enum { MAXROWS = 16 };
	const char *row[MAXROWS];
	size_t len[MAXROWS], rows = 0;
	for (const char *p = r.text, *e = r.text + r.n; rows < MAXROWS;) {
		const char *q = memchr(p, 0x1E, (size_t)(e - p));
		if (!q || rows == MAXROWS - 1)
			q = e;
		row[rows] = p, len[rows++] = (size_t)(q - p);
		if (q == e)
			break;
		p = q + 1;
	}
	const char *lang = r.refn ? r.ref : r.lang;
	size_t langn = r.refn ? r.refn : strlen(r.lang);
	if (!(r.flags & 2))
		nf_ents_doc(ents); /* else: the same document as the last input */
	for (size_t i = 1; i < rows && (r.flags & 1); i++)
		nf_ents_look(ents, row[i], len[i], lang, langn);
	for (size_t i = 0; i < rows; i++) {
		struct seen u = {row[i], len[i]};
		nf_ents_tag(ents, row[i], len[i], lang, langn, found, &u);
	}
	return 0;
}
