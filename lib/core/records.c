/* records.c — see records.h */
#include "core/records.h"
#include "core/out.h"
#include "core/diag.h"
#include "core/input.h"
#include "core/opts.h"
#include "core/stats.h"
#include "core/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_START, M_TSV, M_PLAIN, M_LINES, M_DONE };

struct nf_reader {
	char **files;
	const char *field;
	enum nf_in_fmt fmt;
	int no_header;
	/* the current input */
	nf_in *in;
	int mode;
	char *stem;
	unsigned long nbad, bad_line;
	/* the header: the first input's (kept), the current one's columns */
	nf_buf hdr_store;
	nf_row hdr;
	int have_hdr;
	long text_col, lang_col, date_col;
	size_t ncols;
	/* buffers */
	nf_row row;
	nf_buf text, plain, idesc;
	char *first;        /* first line of a plain-text input, read while sniffing */
	size_t first_len;
	int first_pending;  /* a headerless first line still to be read as a record */
	int lines;          /* plain text: a record per line (nf_reader_lines) */
	int plain_pending;  /* ... and the first one, in plain, still to be returned */
};

void nf_reader_lines(nf_reader *r) { r->lines = 1; }

nf_reader *nf_reader_new(char **files, const char *field, enum nf_in_fmt fmt, int no_header)
{
	nf_reader *r = nf_xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	r->files = files;
	r->field = field;
	r->fmt = fmt;
	r->no_header = no_header;
	r->text_col = r->lang_col = r->date_col = -1;
	return r;
}

static void close_input(nf_reader *r)
{
	if (r->nbad)
		nf_warn_at(nf_in_name(r->in), r->bad_line, "invalid UTF-8: %lu sequence%s replaced by U+FFFD (first here)",
		           r->nbad, r->nbad == 1 ? "" : "s");
	nf_in_close(r->in);
	r->in = NULL;
	free(r->stem);
	r->stem = NULL;
}

/* Set (first input) or check (later inputs) the header; 0 ok, -1 mismatch (reported). */
static int use_header(nf_reader *r, const char *line, size_t len)
{
	if (!r->have_hdr) {
		r->have_hdr = 1;
		nf_buf_add(&r->hdr_store, line, len);
		nf_row_split(&r->hdr, r->hdr_store.p, r->hdr_store.len);
		r->ncols = r->hdr.n;
		r->text_col = r->no_header ? nf_col_num(r->field) : nf_col_find(&r->hdr, r->field);
		if (!r->no_header) {
			r->lang_col = nf_col_find(&r->hdr, "lang");
			r->date_col = nf_col_find(&r->hdr, "date");
			if (r->lang_col == r->text_col) r->lang_col = -1;
			if (r->date_col == r->text_col) r->date_col = -1;
		}
		return 0;
	}
	if (len == r->hdr_store.len && memcmp(line, r->hdr_store.p, len) == 0)
		return 0;
	nf_warn_at(nf_in_name(r->in), 1, "its header differs from the first input's; input skipped");
	nf_fail();
	return -1;
}

static const char plain_header[] = "id\ttext";
static void sniff(nf_reader *r);

/* open the next input and read its first line; 0 when there are no more */
static int open_next(nf_reader *r)
{
	while (*r->files) {
		const char *path = *r->files++;
		if (!(r->in = nf_in_open(path))) {
			nf_fail();
			continue;
		}
		r->stem = nf_path_stem(path, 0);
		r->nbad = 0;
		r->mode = M_START;
		sniff(r);
		return 1;
	}
	return 0;
}

static int use_plain_header(nf_reader *r)
{
	int first = !r->have_hdr;
	if (use_header(r, plain_header, sizeof plain_header - 1) < 0)
		return -1;
	if (first) {
		r->text_col = 1;
		r->lang_col = r->date_col = -1;
	}
	return 0;
}

/* read the first line and decide how to read this input */
static void sniff(nf_reader *r)
{
	size_t n;
	char *l = nf_in_line(r->in, &n);
	r->mode = M_TSV;
	if (!l) {
		r->mode = M_DONE; /* empty input: no record */
		return;
	}
	if (n >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0)
		l += 3, n -= 3;
	if (n && l[n - 1] == '\r')
		n--;
	if (r->fmt != NF_IN_TEXT && r->no_header) {
		if (!r->have_hdr) { /* column names are numbers: synthesize "1 2 3 ..." */
			nf_row tmp = {0};
			nf_row_split(&tmp, l, n);
			nf_buf names = {0};
			for (size_t i = 0; i < tmp.n; i++) {
				char b[24];
				int k = snprintf(b, sizeof b, "%s%zu", i ? "\t" : "", i + 1);
				nf_buf_add(&names, b, (size_t)k);
			}
			use_header(r, names.p, names.len);
			nf_buf_free(&names);
			nf_row_free(&tmp);
		}
		r->first = l;
		r->first_len = n;
		r->first_pending = 1;
		return;
	}
	if (r->fmt != NF_IN_TEXT) {
		nf_row tmp = {0};
		nf_row_split(&tmp, l, n);
		long c = nf_col_find(&tmp, r->field);
		size_t cols = tmp.n;
		nf_row_free(&tmp);
		/* a header naming the column, or (-f NUMBER) any header that has that column */
		if (c >= 0 && (nf_col_num(r->field) < 0 || cols > 1 || r->fmt == NF_IN_TSV)) {
			if (use_header(r, l, n) < 0)
				r->mode = M_DONE;
			return;
		}
		if (r->fmt == NF_IN_TSV) {
			nf_warn_at(nf_in_name(r->in), 1, "no column '%s' in the header; input skipped", r->field);
			nf_fail();
			r->mode = M_DONE;
			return;
		}
		if (cols > 1)
			nf_warn_at(nf_in_name(r->in), 1, "the first line looks like a TSV header without a column '%s'; "
			           "reading the input as plain text (--in tsv makes this an error)", r->field);
	}
	/* plain text: this line is the start of the one document (or the first record) */
	r->mode = r->lines ? M_LINES : M_PLAIN;
	if (use_plain_header(r) < 0) {
		r->mode = M_DONE;
		return;
	}
	r->plain.len = 0;
	nf_buf_add(&r->plain, l, n);
	if (r->lines)
		r->plain_pending = 1;
	else
		nf_buf_addc(&r->plain, '\n');
}

/* the fields of a plain-text record: id (the file's stem, escaped, with :LINE when line is not
 * 0) and an empty text placeholder */
static void plain_id(nf_reader *r, unsigned long line)
{
	r->idesc.len = 0;
	for (const char *p = r->stem; *p; p++) {
		if (*p == '\t' || *p == '\\' || *p == '\n')
			nf_buf_addc(&r->idesc, '\\');
		nf_buf_addc(&r->idesc, *p == '\t' ? 't' : *p == '\n' ? 'n' : *p);
	}
	if (line) {
		char b[24];
		int k = snprintf(b, sizeof b, ":%lu", line);
		nf_buf_add(&r->idesc, b, (size_t)k);
	}
	r->row.n = 0;
	nf_row_push(&r->row, (nf_field){r->idesc.p, r->idesc.len});
	nf_row_push(&r->row, (nf_field){NULL, 0});
}

/* the text of the record: unescape (TSV) and repair invalid UTF-8 */
static void set_text(nf_reader *r, nf_doc *d, char *s, size_t n, int escaped)
{
	if (escaped)
		n = nf_unescape(s, n);
	size_t ok = nf_utf8_valid(s, n);
	if (ok == n) {
		d->text = s;
		d->text_len = n;
		return;
	}
	size_t first = 0;
	r->text.len = 0;
	if (r->nbad == 0) { /* a TSV record's line, or in plain text the line of the bad byte */
		r->bad_line = d->line;
		if (!escaped)
			for (size_t i = 0; i < ok; i++)
				r->bad_line += s[i] == '\n';
	}
	size_t bad = nf_utf8_repair(s, n, &r->text, &first);
	r->nbad += bad;
	nf_st.repairs += bad;
	d->text = r->text.p;
	d->text_len = r->text.len;
}

static void meta(const nf_reader *r, nf_doc *d)
{
	d->lang = d->date = "";
	d->lang_len = d->date_len = 0;
	if (r->lang_col >= 0 && (size_t)r->lang_col < d->f.n) {
		d->lang = d->f.f[r->lang_col].p;
		d->lang_len = d->f.f[r->lang_col].n;
	}
	if (r->date_col >= 0 && (size_t)r->date_col < d->f.n) {
		d->date = d->f.f[r->date_col].p;
		d->date_len = d->f.f[r->date_col].n;
	}
}

int nf_reader_next(nf_reader *r, nf_doc *d)
{
	for (;;) {
		if (!r->in && !open_next(r))
			return 0;
		d->file = nf_in_name(r->in);
		if (r->mode == M_DONE) {
			close_input(r);
			continue;
		}
		if (r->mode == M_LINES) { /* a record per line: id FILE:LINE */
			char *l = r->plain.p;
			size_t n = r->plain.len;
			unsigned long ln = 1;
			if (!r->plain_pending) {
				if (!(l = nf_in_line(r->in, &n))) {
					close_input(r);
					continue;
				}
				ln = nf_in_lineno(r->in);
			}
			r->plain_pending = 0;
			if (n && l[n - 1] == '\r')
				n--;
			if (n == 0)
				continue; /* blank line: no record */
			d->line = ln;
			plain_id(r, ln);
			d->f = r->row;
			d->text_col = 1;
			meta(r, d);
			set_text(r, d, l, n, 0);
			if (nf_opt.strict && r->nbad) {
				nf_warn_at(d->file, r->bad_line, "line rejected (--strict): invalid UTF-8");
				nf_st.rejected++;
				nf_fail();
				continue;
			}
			return 1;
		}
		if (r->mode == M_PLAIN) {
			nf_in_slurp(r->in, &r->plain);
			r->mode = M_DONE;
			d->line = 1;
			plain_id(r, 0);
			d->f = r->row;
			d->text_col = 1;
			meta(r, d);
			set_text(r, d, r->plain.p, r->plain.len, 0);
			if (nf_opt.strict && r->nbad) {
				nf_warn_at(d->file, r->bad_line, "document rejected (--strict): invalid UTF-8");
				nf_st.rejected++;
				nf_fail();
				continue;
			}
			return 1;
		}
		char *l;
		size_t n;
		if (r->first_pending) {
			l = r->first;
			n = r->first_len;
			r->first_pending = 0;
		} else if (!(l = nf_in_line(r->in, &n))) {
			close_input(r);
			continue;
		}
		if (n && l[n - 1] == '\r')
			n--;
		d->line = nf_in_lineno(r->in);
		if (n == 0)
			continue; /* blank line: no record */
		nf_row_split(&r->row, l, n);
		if (r->row.n != r->ncols || r->text_col < 0 || (size_t)r->text_col >= r->row.n) {
			if (r->text_col < 0)
				nf_warn_at(d->file, d->line, "with -N, -f must be a column number");
			else
				nf_warn_at(d->file, d->line, "%zu fields where the header has %zu; row skipped", r->row.n, r->ncols);
			nf_fail();
			continue;
		}
		d->f = r->row;
		d->text_col = r->text_col;
		meta(r, d);
		unsigned long before = r->nbad;
		set_text(r, d, r->row.f[r->text_col].p, r->row.f[r->text_col].n, 1);
		if (nf_opt.strict && r->nbad > before) {
			nf_warn_at(d->file, d->line, "row rejected (--strict): invalid UTF-8");
			nf_st.rejected++;
			nf_fail();
			continue;
		}
		return 1;
	}
}

const nf_row *nf_reader_header(nf_reader *r, long *text_col)
{
	while (!r->have_hdr && open_next(r)) /* open inputs until one has a header */
		if (!r->have_hdr)
			close_input(r);
	if (!r->have_hdr) /* nothing at all: plain text of no document */
		use_plain_header(r);
	*text_col = r->text_col;
	return &r->hdr;
}

enum nf_in_fmt nf_in_fmt_parse(const char *arg)
{
	if (strcmp(arg, "auto") == 0)
		return NF_IN_AUTO;
	if (strcmp(arg, "tsv") == 0)
		return NF_IN_TSV;
	if (strcmp(arg, "text") == 0)
		return NF_IN_TEXT;
	nf_usage_error("--in: '%s' is not auto, tsv or text", arg);
}

nf_reader *nf_reader_args(int argc, char **argv, int optind, enum nf_in_fmt fmt)
{
	static char *stdin_only[] = {"-", NULL};
	if (nf_opt.no_header && nf_col_num(nf_opt.field) < 0)
		nf_usage_error("with -N, -f must be a column number, not '%s'", nf_opt.field);
	return nf_reader_new(optind < argc ? argv + optind : stdin_only, nf_opt.field, fmt, nf_opt.no_header);
}

void nf_reader_free(nf_reader *r)
{
	if (r->in)
		close_input(r);
	nf_row_free(&r->hdr);
	nf_row_free(&r->row);
	nf_buf_free(&r->hdr_store);
	nf_buf_free(&r->text);
	nf_buf_free(&r->plain);
	nf_buf_free(&r->idesc);
	free(r);
}

void nf_row_write(const nf_row *r)
{
	for (size_t i = 0; i < r->n; i++) {
		if (i)
			nf_out_tab();
		nf_out_write(r->f[i].p, r->f[i].n);
	}
}

void nf_doc_write(const nf_doc *d, const char *text, size_t n)
{
	for (size_t i = 0; i < d->f.n; i++) {
		if (i)
			nf_out_tab();
		if ((long)i == d->text_col)
			nf_out_field(text, n);
		else
			nf_out_write(d->f.f[i].p, d->f.f[i].n);
	}
}
