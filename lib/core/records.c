/* records.c — see records.h */
#include "core/records.h"
#include "core/csvin.h"
#include "core/out.h"
#include "core/diag.h"
#include "core/input.h"
#include "core/opts.h"
#include "core/stats.h"
#include "core/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_TSV, M_CSV, M_PLAIN, M_LINES, M_DONE };

struct nf_reader {
	char **files;
	const char *field;
	enum nf_in_fmt fmt;
	int no_header, lines;
	nf_reader_opts o;
	/* the current input */
	nf_in *in;
	nf_csv *csv;
	int mode;
	char *stem;
	unsigned long nbad, bad_line, nnul, nul_line;
	/* the header: the first input's (kept; each_input: the current one's) and its columns */
	nf_buf hdr_store;
	nf_row hdr;
	int have_hdr;
	long text_col, lang_col, date_col, id_col;
	size_t ncols;
	/* buffers */
	nf_row row, rec;
	nf_buf text, text2, plain, idesc, esc;
	int first_pending;  /* -N: the first line (TSV: in plain) or record (CSV: in rec) is a row */
	int plain_pending;  /* lines: the first line, in plain, still to be returned */
	unsigned long first_line, blank;
};

void nf_reader_lines(nf_reader *r) { r->lines = 1; }
void nf_reader_set(nf_reader *r, const nf_reader_opts *o) { r->o = *o; }
const char *nf_reader_stem(const nf_reader *r) { return r->stem ? r->stem : ""; }
uint64_t nf_reader_pos(const nf_reader *r) { return r->in ? nf_in_pos(r->in) : 0; }
unsigned long nf_reader_blank(const nf_reader *r) { return r->blank; }
int nf_reader_in_table(const nf_reader *r) { return r->mode == M_TSV || r->mode == M_CSV; }

nf_reader *nf_reader_new(char **files, const char *field, enum nf_in_fmt fmt, int no_header)
{
	nf_reader *r = nf_xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	r->files = files;
	r->field = field;
	r->fmt = fmt;
	r->no_header = no_header;
	r->text_col = r->lang_col = r->date_col = r->id_col = -1;
	return r;
}

static void close_input(nf_reader *r)
{
	if (r->nbad)
		nf_warn_at(nf_in_name(r->in), r->bad_line, "invalid UTF-8: %lu sequence%s replaced by U+FFFD (first here)",
		           r->nbad, r->nbad == 1 ? "" : "s");
	if (r->nnul)
		nf_warn_at(nf_in_name(r->in), r->nul_line, "%lu NUL byte%s in the text replaced by U+FFFD (first here)",
		           r->nnul, r->nnul == 1 ? "" : "s");
	if (r->o.on_close)
		r->o.on_close(r->o.ctx, nf_in_name(r->in), nf_in_pos(r->in));
	nf_csv_close(r->csv);
	r->csv = NULL;
	nf_in_close(r->in);
	r->in = NULL;
	free(r->stem);
	r->stem = NULL;
}

/* a column by name or number; with -N by number only, within the row's width */
static long column(const nf_reader *r, const char *spec)
{
	if (!r->no_header)
		return nf_col_find(&r->hdr, spec);
	long k = nf_col_num(spec);
	return k >= 0 && (size_t)k < r->hdr.n ? k : -1;
}

static void find_columns(nf_reader *r)
{
	r->ncols = r->hdr.n;
	r->text_col = column(r, r->field);
	r->id_col = column(r, r->o.id_col ? r->o.id_col : "id");
	r->date_col = column(r, r->o.date_col ? r->o.date_col : "date");
	r->lang_col = r->no_header ? -1 : nf_col_find(&r->hdr, "lang");
	if (r->lang_col == r->text_col) r->lang_col = -1;
	if (r->date_col == r->text_col) r->date_col = -1;
	if (r->id_col == r->text_col) r->id_col = -1;
}

/* Set (first input, or every input with each_input) or check (later inputs) the header;
 * 0 ok, -1 mismatch (reported). */
static int use_header(nf_reader *r, const char *line, size_t len)
{
	if (!r->have_hdr || r->o.each_input) {
		r->have_hdr = 1;
		r->hdr_store.len = 0;
		nf_buf_reserve(&r->hdr_store, len + 1); /* never NULL, even for an empty line */
		nf_buf_add(&r->hdr_store, line, len);
		nf_row_split(&r->hdr, r->hdr_store.p, r->hdr_store.len);
		find_columns(r);
		return 0;
	}
	if (len == r->hdr_store.len && memcmp(line, r->hdr_store.p, len) == 0)
		return 0;
	nf_warn_at(nf_in_name(r->in), 1, "its header differs from the first input's; input skipped");
	nf_fail();
	return -1;
}

/* -N: the columns are named by their numbers, "1 2 3 ..." */
static int use_numbers(nf_reader *r, size_t cols)
{
	if (r->have_hdr && !r->o.each_input)
		return 0; /* the rows of later inputs are checked against the first one's width */
	r->esc.len = 0;
	for (size_t i = 0; i < cols; i++) {
		char b[24];
		int k = snprintf(b, sizeof b, "%s%zu", i ? "\t" : "", i + 1);
		nf_buf_add(&r->esc, b, (size_t)k);
	}
	return use_header(r, r->esc.p, r->esc.len);
}

static const char plain_header[] = "id\ttext";

static int use_plain_header(nf_reader *r)
{
	int first = !r->have_hdr || r->o.each_input;
	if (use_header(r, plain_header, sizeof plain_header - 1) < 0)
		return -1;
	if (first) {
		r->ncols = 2;
		r->id_col = 0;
		r->text_col = 1;
		r->lang_col = r->date_col = -1;
	}
	return 0;
}

/* Whether the line, read as a CSV header (RFC 4180 quoting, on this one line), has two fields
 * or more and one of them names the text column. A number as -f does not count here: too
 * many lines of prose have that many commas. */
static int csv_names_text(nf_reader *r, const char *l, size_t n)
{
	nf_buf *names = &r->esc;
	nf_row *hdr = &r->row;
	names->len = hdr->n = 0;
	nf_buf_reserve(names, n + 1); /* the names are never longer than the line: no realloc */
	for (size_t i = 0;; i++) { /* i: the start of a field */
		size_t start = names->len;
		if (i < n && l[i] == '"') {
			for (i++;; i++) {
				if (i >= n)
					return 0; /* the quote is still open: not a one-line header */
				if (l[i] == '"' && (i + 1 >= n || l[i + 1] != '"'))
					break;
				i += l[i] == '"';
				names->p[names->len++] = l[i];
			}
			if (++i < n && l[i] != ',')
				return 0; /* text after the closing quote */
		} else
			for (; i < n && l[i] != ','; i++) {
				if (l[i] == '"')
					return 0; /* a quote inside an unquoted field */
				names->p[names->len++] = l[i];
			}
		nf_row_push(hdr, (nf_field){names->p + start, names->len - start});
		if (i >= n)
			break;
	}
	if (hdr->n < 2 || nf_col_num(r->field) >= 0)
		return 0;
	return nf_col_find(hdr, r->field) >= 0;
}

/* a name that says table: .tsv .tab .csv, maybe .gz */
static int table_name(const char *path)
{
	static const char *const ends[] = {".tsv", ".tab", ".csv", ".tsv.gz", ".tab.gz", ".csv.gz"};
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		size_t k = strlen(ends[i]);
		if (n > k && strcmp(path + n - k, ends[i]) == 0)
			return 1;
	}
	return 0;
}

/* --in auto, from the first line (BOM and CR off): TSV when it has a TAB and is a header
 * naming the text column (-N: a row with that column), CSV when it reads as a CSV header
 * naming it, else plain text: a one-column table needs --in tsv, for a first line "text" is
 * more often prose. A warning when the line looks like column names or the file's name says
 * table: most likely -f does not name its column. */
static enum nf_in_fmt detect(nf_reader *r, const char *path, const char *l, size_t n)
{
	r->esc.len = 0;
	nf_buf_reserve(&r->esc, n + 1); /* never NULL, even for an empty line */
	nf_buf_add(&r->esc, l, n);
	nf_row_split(&r->row, r->esc.p, r->esc.len);
	size_t cols = r->row.n;
	long c = r->no_header ? nf_col_num(r->field) : nf_col_find(&r->row, r->field);
	if (c >= 0 && (size_t)c < cols && cols > 1)
		return NF_IN_TSV;
	if (!r->no_header && csv_names_text(r, l, n))
		return NF_IN_CSV;
	if (nf_opt.field_given && nf_opt.field == r->field) /* -f NAME: the user expects a table */
		nf_errx(NF_EXIT_USAGE, "%s:1: no column %s%s%s in the first line (%zu field%s); -f names a column of a "
		        "TSV or CSV header (-N: a field number); without -f the text is read as plain text",
		        nf_in_name(r->in), r->no_header ? "" : "'", r->field, r->no_header ? "" : "'", cols, cols == 1 ? "" : "s");
	int names = cols > 1; /* fields that look like column names: short, no spaces */
	for (size_t i = 0; names && i < cols; i++)
		names = r->row.f[i].n > 0 && r->row.f[i].n <= 64 && !memchr(r->row.f[i].p, ' ', r->row.f[i].n);
	if (names || table_name(path))
		nf_warn_at(nf_in_name(r->in), 1, "no column '%s' in the first line: read as plain text, %s "
		           "(-f names the column; --in tsv or --in csv insists on a table)",
		           r->field, r->lines ? "a record per line" : "one document");
	return NF_IN_TEXT;
}

/* CSV fields, escaped as TSV fields, into r->esc; r->row the views */
static void escape_csv(nf_reader *r, const nf_row *rec)
{
	r->esc.len = 0;
	for (size_t i = 0; i < rec->n; i++) {
		const unsigned char *p = (const unsigned char *)rec->f[i].p;
		nf_buf_reserve(&r->esc, 2 * rec->f[i].n + 1);
		for (size_t k = 0; k < rec->f[i].n; k++) {
			unsigned char x = nf_tsv_special[p[k]];
			if (x)
				r->esc.p[r->esc.len++] = '\\', r->esc.p[r->esc.len++] = (char)x;
			else
				r->esc.p[r->esc.len++] = (char)p[k];
		}
		if (i + 1 < rec->n)
			r->esc.p[r->esc.len++] = '\t';
	}
	nf_row_split(&r->row, r->esc.p, r->esc.len);
}

/* the header of a TSV or CSV input: 0 ok, -1 the input is skipped (reported) */
static int table_header(nf_reader *r)
{
	unsigned long ln;
	if (r->mode == M_CSV) {
		r->csv = nf_csv_open(r->in, ',');
		if (nf_csv_next(r->csv, &r->rec, &ln) <= 0)
			return -1; /* empty, or a parse error (reported) */
		if (r->no_header) {
			r->first_pending = 1;
			r->first_line = ln;
			return use_numbers(r, r->rec.n);
		}
		escape_csv(r, &r->rec);
		return use_header(r, r->esc.p, r->esc.len);
	}
	size_t n;
	char *l = nf_in_line(r->in, &n);
	if (!l)
		return -1;
	if (n >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0)
		l += 3, n -= 3;
	if (n && l[n - 1] == '\r')
		n--;
	if (r->no_header) {
		r->plain.len = 0;
		nf_buf_add(&r->plain, l, n);
		r->first_pending = 1;
		r->first_line = 1;
		nf_row_split(&r->row, l, n);
		return use_numbers(r, r->row.n);
	}
	return use_header(r, l, n);
}

/* decide how to read the input just opened, and read its header */
static void sniff(nf_reader *r, const char *path)
{
	size_t n;
	const char *l = nf_in_peek_line(r->in, &n);
	enum nf_in_fmt f = r->fmt;
	r->first_pending = r->plain_pending = 0;
	if (!l && (f == NF_IN_TSV || f == NF_IN_CSV || !r->o.raw)) {
		r->mode = M_DONE; /* empty input: no record */
		return;
	}
	if (l && n >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0)
		l += 3, n -= 3;
	if (n && l[n - 1] == '\r')
		n--;
	if (f == NF_IN_AUTO)
		f = l ? detect(r, path, l, n) : NF_IN_TEXT;
	if (f == NF_IN_TEXT) {
		r->mode = r->lines ? M_LINES : M_PLAIN;
		if ((!r->lines && r->o.rows_lo > 1) || use_plain_header(r) < 0)
			r->mode = M_DONE; /* --rows: the document is the record of line 1 */
	} else {
		r->mode = f == NF_IN_CSV ? M_CSV : M_TSV;
		if (table_header(r) < 0) {
			r->mode = M_DONE;
			return;
		}
		if (r->text_col < 0) {
			if (nf_opt.field_given && nf_opt.field == r->field)
				nf_errx(NF_EXIT_USAGE, "%s:%lu: no column %s%s%s in the %s (%zu fields); -f names a column",
				        nf_in_name(r->in), r->no_header ? r->first_line : 1, r->no_header ? "" : "'", r->field,
				        r->no_header ? "" : "'", r->no_header ? "first row" : "header", r->hdr.n);
			if (r->no_header)
				nf_warn_at(nf_in_name(r->in), r->first_line, "no column %s in the first row (%zu fields); input skipped",
				           r->field, r->hdr.n);
			else
				nf_warn_at(nf_in_name(r->in), 1, "no column '%s' in the header; input skipped", r->field);
			nf_fail();
			r->mode = M_DONE;
			return;
		}
	}
	if (r->o.on_open) {
		nf_input_info in = {nf_in_name(r->in), f, r->no_header || f == NF_IN_TEXT ? NULL : &r->hdr,
		                    r->text_col, r->id_col, r->date_col, r->lang_col, r->ncols};
		if (r->o.on_open(r->o.ctx, &in))
			r->mode = M_DONE;
	}
}

/* open the next input; 0 when there are no more */
static int open_next(nf_reader *r)
{
	while (*r->files) {
		const char *path = *r->files++;
		if (!(r->in = nf_in_open(path))) {
			nf_fail();
			continue;
		}
		r->stem = nf_path_stem(path, r->o.keep_dir);
		r->nbad = r->nnul = 0;
		sniff(r, path);
		return 1;
	}
	return 0;
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

/* the line of byte i of a record's text: a TSV record's line, or in plain text the line of
 * the byte itself */
static unsigned long line_of(const nf_doc *d, const char *s, size_t i, int escaped)
{
	unsigned long ln = d->line;
	if (!escaped)
		for (size_t k = 0; k < i; k++)
			ln += s[k] == '\n';
	return ln;
}

/* the text of the record: unescape (TSV), repair invalid UTF-8 and NUL bytes (unless raw) */
static void set_text(nf_reader *r, nf_doc *d, char *s, size_t n, int escaped)
{
	if (escaped)
		n = nf_unescape(s, n);
	size_t ok = r->o.raw ? n : nf_utf8_valid(s, n);
	const char *nul = r->o.raw || !n ? NULL : memchr(s, 0, n);
	if (ok == n && !nul) {
		d->text = s ? s : "";
		d->text_len = n;
		return;
	}
	const char *t = s;
	size_t tn = n, first = 0;
	if (ok < n) {
		r->text.len = 0;
		if (r->nbad == 0)
			r->bad_line = line_of(d, s, ok, escaped);
		size_t bad = nf_utf8_repair(s, n, &r->text, &first);
		r->nbad += bad;
		nf_st.repairs += bad;
		t = r->text.p;
		tn = r->text.len;
	}
	if (nul) { /* not text: a NUL byte would cut the field short for C tools downstream */
		if (r->nnul == 0)
			r->nul_line = line_of(d, s, (size_t)(nul - s), escaped);
		nf_buf *dst = t == r->text.p ? &r->text2 : &r->text;
		dst->len = 0;
		size_t k = nf_nul_repair(t, tn, dst);
		r->nnul += k;
		nf_st.repairs += k;
		t = dst->p;
		tn = dst->len;
	}
	d->text = t;
	d->text_len = tn;
}

static void meta(const nf_reader *r, nf_doc *d)
{
	d->lang = d->date = "";
	d->lang_len = d->date_len = 0;
	d->id = NULL;
	d->id_len = 0;
	if (r->lang_col >= 0 && (size_t)r->lang_col < d->f.n) {
		d->lang = d->f.f[r->lang_col].p;
		d->lang_len = d->f.f[r->lang_col].n;
	}
	if (r->date_col >= 0 && (size_t)r->date_col < d->f.n) {
		d->date = d->f.f[r->date_col].p;
		d->date_len = d->f.f[r->date_col].n;
	}
	if (r->id_col >= 0 && (size_t)r->id_col < d->f.n) {
		d->id = d->f.f[r->id_col].p;
		d->id_len = d->f.f[r->id_col].n;
	}
}

/* every CR before an LF, and a CR at the end, dropped in place; the new length */
static size_t crlf_to_lf(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r' || (i + 1 < n && s[i + 1] != '\n'))
			s[o++] = s[i];
	return o;
}

/* a row the reader cannot use: counted in and rejected, the exit status 1 */
static void reject(void)
{
	nf_st.rows_in++;
	nf_st.rejected++;
	nf_fail();
}

/* fill d from r->row; 0 when --strict rejects it */
static int record(nf_reader *r, nf_doc *d, int escaped, const char *what)
{
	d->f = r->row;
	d->text_col = r->text_col;
	meta(r, d);
	unsigned long before = r->nbad, nbefore = r->nnul;
	set_text(r, d, r->row.f[r->text_col].p, r->row.f[r->text_col].n, escaped);
	if (nf_opt.strict && !r->o.raw && (r->nbad > before || r->nnul > nbefore)) {
		nf_warn_at(d->file, r->nbad > before ? (escaped ? d->line : r->bad_line) : (escaped ? d->line : r->nul_line),
		           "%s rejected (--strict): %s", what, r->nbad > before ? "invalid UTF-8" : "a NUL byte");
		reject();
		return 0;
	}
	return 1;
}

/* --rows: 1 when a record starting on line ln is outside; past the end, the input is done */
static int outside(nf_reader *r, unsigned long ln)
{
	if (ln < r->o.rows_lo)
		return 1;
	if (r->o.rows_hi && ln > r->o.rows_hi) {
		r->mode = M_DONE;
		return 1;
	}
	return 0;
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
		char *l;
		size_t n;
		if (r->mode == M_PLAIN) { /* the whole input, one document */
			r->mode = M_DONE;
			r->plain.len = 0;
			if (nf_in_slurp(r->in, &r->plain) < 0) { /* the read error has been reported */
				if (r->plain.len > 0) { /* the part before the damage is not the document */
					nf_warn_at(d->file, 1, "the document is incomplete (%zu bytes before the damage); dropped",
					           r->plain.len);
					reject();
				}
				continue;
			}
			l = r->plain.p;
			n = r->plain.len;
			if (!r->o.raw && n >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0)
				l += 3, n -= 3;
			if (!r->o.raw && memchr(l, '\r', n)) /* CRLF line ends: LF, as in TSV */
				n = crlf_to_lf(l, n);
			if (n == 0 && !r->o.raw)
				continue; /* nothing: no record */
			d->line = 1;
			plain_id(r, 0);
			r->row.f[1] = (nf_field){l, n};
			if (!record(r, d, 0, "document"))
				continue;
			return 1;
		}
		if (r->mode == M_LINES) { /* a record per line: id FILE:LINE */
			if (!(l = nf_in_line(r->in, &n))) {
				close_input(r);
				continue;
			}
			unsigned long ln = nf_in_lineno(r->in);
			if (ln == 1 && n >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0)
				l += 3, n -= 3;
			if (n && l[n - 1] == '\r')
				n--;
			if (outside(r, ln))
				continue;
			if (n == 0) {
				r->blank++;
				continue; /* blank line: no record */
			}
			d->line = ln;
			plain_id(r, ln);
			r->row.f[1] = (nf_field){l, n};
			if (!record(r, d, 0, "line"))
				continue;
			return 1;
		}
		unsigned long ln;
		if (r->mode == M_CSV) {
			if (r->first_pending)
				ln = r->first_line;
			else if (nf_csv_next(r->csv, &r->rec, &ln) <= 0) {
				close_input(r);
				continue;
			}
			r->first_pending = 0;
			d->line = ln;
			if (outside(r, ln))
				continue;
			escape_csv(r, &r->rec);
		} else {
			if (r->first_pending) {
				l = r->plain.p;
				n = r->plain.len;
				r->first_pending = 0;
			} else if (!(l = nf_in_line(r->in, &n))) {
				close_input(r);
				continue;
			}
			if (n && l[n - 1] == '\r')
				n--;
			d->line = ln = nf_in_lineno(r->in);
			if (outside(r, ln))
				continue;
			if (n == 0) {
				r->blank++;
				continue; /* blank line: no record */
			}
			nf_row_split(&r->row, l, n);
		}
		if (r->row.n != r->ncols) {
			nf_warn_at(d->file, d->line, "%zu fields where the header has %zu; row skipped", r->row.n, r->ncols);
			reject();
			continue;
		}
		if (!record(r, d, 1, "row"))
			continue;
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
	if (strcmp(arg, "csv") == 0)
		return NF_IN_CSV;
	nf_usage_error("--in: '%s' is not auto, text, tsv or csv", arg);
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
	nf_row_free(&r->rec);
	nf_buf_free(&r->esc);
	nf_buf_free(&r->hdr_store);
	nf_buf_free(&r->text);
	nf_buf_free(&r->text2);
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
