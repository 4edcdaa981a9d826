/* csvin.c — see csvin.h. libcsv is fed one physical line at a time, so the line number
 * of each record's start is known exactly. */
#include "core/csvin.h"
#include "core/diag.h"
#include <csv.h>
#include <stdlib.h>
#include <string.h>

struct st {
	nf_row row;
	nf_buf data;    /* field bytes of the record being built, NUL-separated */
	size_t *offs;   /* start of each field in data */
	size_t noffs, capoffs;
	unsigned long line, start;
	nf_csv_cb cb;
	void *ctx;
	int stop;
};

static void on_field(void *s, size_t n, void *v)
{
	struct st *st = v;
	if (st->noffs == st->capoffs) {
		st->capoffs = st->capoffs ? st->capoffs * 2 : 16;
		st->offs = nf_xrealloc(st->offs, st->capoffs * sizeof *st->offs);
	}
	st->offs[st->noffs++] = st->data.len;
	if (n)
		nf_buf_add(&st->data, s, n);
	nf_buf_addc(&st->data, '\0');
}

static void on_record(int c, void *v)
{
	struct st *st = v;
	(void)c;
	if (st->stop)
		goto reset;
	if (st->row.cap < st->noffs) {
		st->row.cap = st->noffs;
		st->row.f = nf_xrealloc(st->row.f, st->row.cap * sizeof *st->row.f);
	}
	st->row.n = st->noffs;
	for (size_t i = 0; i < st->noffs; i++) {
		size_t end = i + 1 < st->noffs ? st->offs[i + 1] : st->data.len;
		st->row.f[i].p = st->data.p + st->offs[i];
		st->row.f[i].n = end - st->offs[i] - 1;
	}
	if (st->noffs)
		st->stop = st->cb(&st->row, st->start ? st->start : st->line, st->ctx);
reset:
	st->noffs = 0;
	st->data.len = 0;
	st->start = 0;
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0; /* RFC 4180: spaces are part of the field */
}

int nf_csv_read(nf_in *in, char delim, nf_csv_cb cb, void *ctx)
{
	struct csv_parser p;
	struct st st = {.cb = cb, .ctx = ctx};
	int rc = 0;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		nf_errx(NF_EXIT_DATA, "cannot initialise the CSV parser");
	csv_set_delim(&p, (unsigned char)delim);
	csv_set_space_func(&p, no_space);
	char *line;
	size_t len;
	while (!st.stop && (line = nf_in_line(in, &len))) {
		st.line = nf_in_lineno(in);
		if (st.line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			line += 3, len -= 3; /* BOM */
		if (p.pstate == 0 && st.noffs == 0) /* ROW_NOT_BEGUN: a record starts here */
			st.start = st.line;
		line[len] = '\n'; /* the line buffer always has the newline's byte */
		if (csv_parse(&p, line, len + 1, on_field, on_record, &st) != len + 1) {
			nf_warn_at(nf_in_name(in), st.line, "malformed CSV: %s (a quote inside an unquoted field, or text after a closing quote)",
			           csv_strerror(csv_error(&p)));
			rc = -1;
			break;
		}
	}
	if (rc == 0 && !st.stop && csv_fini(&p, on_field, on_record, &st) != 0) {
		nf_warn_at(nf_in_name(in), st.start ? st.start : st.line,
		           "unbalanced quote: the quoted field opened here is never closed; "
		           "the record from this line to the end of the input was not imported");
		rc = -1;
	}
	if (rc)
		nf_fail();
	csv_free(&p);
	free(st.offs);
	free(st.data.p);
	free(st.row.f);
	return rc;
}
