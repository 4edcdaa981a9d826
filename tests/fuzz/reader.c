/* reader.c — libFuzzer harness of the record reader (lib/core/records.h), what every filter
 * reads its input with: the bytes as a file (plain or gzip, whatever they hold), read in each
 * input mode (--in auto, text, tsv, csv; -N with a column number; a record per line as
 * nf-dedupe reads; nf-normalize's raw reading with each input's own header and --rows: the
 * input's last byte picks one), twice in a row as two inputs, every field of every record touched; the text must come out valid
 * UTF-8 without NUL, as the contract says. */
#include "core/opts.h"
#include "core/records.h"
#include "fuzz.h"

static volatile unsigned long sink;

static void touch(const char *p, size_t n)
{
	unsigned long s = 0;
	for (size_t i = 0; i < n; i++)
		s += (unsigned char)p[i];
	sink += s;
}

static void check_text(const nf_doc *d, int raw)
{
	const unsigned char *p = (const unsigned char *)d->text, *e = p + d->text_len;
	touch(d->text, d->text_len);
	while (!raw && p < e) {
		int32_t cp;
		p += nf_utf8_dec(p, e, &cp);
		if (cp <= 0)
			abort(); /* the reader promises valid UTF-8 and no NUL */
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	nf_opt.field = "text";
	nf_opt.quiet = 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static const struct {
		enum nf_in_fmt fmt;
		int no_header, lines, raw;
		const char *field;
	} modes[] = {
		{NF_IN_AUTO, 0, 0, 0, "text"}, {NF_IN_AUTO, 0, 1, 0, "text"}, {NF_IN_TEXT, 0, 0, 0, "text"},
		{NF_IN_TEXT, 0, 1, 0, "text"}, {NF_IN_TSV, 0, 0, 0, "text"},  {NF_IN_CSV, 0, 0, 0, "text"},
		{NF_IN_AUTO, 1, 0, 0, "2"},    {NF_IN_TSV, 1, 0, 0, "1"},     {NF_IN_CSV, 1, 0, 0, "3"},
		{NF_IN_AUTO, 0, 0, 1, "text"}, {NF_IN_TSV, 0, 0, 1, "body"},  {NF_IN_AUTO, 0, 0, 2, "text"},
	};
	if (n < 1)
		return 0;
	/* the mode from the last byte (libFuzzer's coverage feedback then tells the modes apart,
	 * and an execution reads the file twice, not 24 times) */
	size_t m = d[n - 1] % (sizeof modes / sizeof *modes);
	const char *path = fz_file(0, "reader", d, n - 1);
	char *files[] = {(char *)path, (char *)path, NULL};
	{
		nf_reader *r = nf_reader_new(files, modes[m].field, modes[m].fmt, modes[m].no_header);
		if (modes[m].lines)
			nf_reader_lines(r);
		if (modes[m].raw) {
			nf_reader_opts o = {.id_col = "id", .date_col = "date", .raw = 1, .each_input = 1};
			if (modes[m].raw == 2)
				o = (nf_reader_opts){.rows_lo = 2, .rows_hi = 4, .keep_dir = 1};
			nf_reader_set(r, &o);
		}
		nf_doc doc;
		while (nf_reader_next(r, &doc)) {
			for (size_t i = 0; i < doc.f.n; i++)
				touch(doc.f.f[i].p, doc.f.f[i].n);
			check_text(&doc, modes[m].raw == 1);
			touch(doc.lang, doc.lang_len);
			touch(doc.date, doc.date_len);
			if (doc.id)
				touch(doc.id, doc.id_len);
			sink += doc.line + (unsigned long)nf_reader_in_table(r) + nf_reader_pos(r);
			touch(nf_reader_stem(r), strlen(nf_reader_stem(r)));
		}
		long tc;
		const nf_row *h = nf_reader_header(r, &tc);
		for (size_t i = 0; h && i < h->n; i++)
			touch(h->f[i].p, h->f[i].n);
		sink += nf_reader_blank(r);
		nf_reader_free(r);
	}
	return 0;
}
