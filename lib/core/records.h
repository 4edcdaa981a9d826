/* records.h — the input side of every filter: TSV with a header, CSV, or plain text.
 *
 * Each input (files or stdin, plain or gzip) is read, with --in auto (the default), as TSV
 * when its first line is a header that names the text column (-f, default "text"; with -N
 * headerless rows and the column by number), as CSV (RFC 4180, over libcsv) when that line
 * reads as a CSV header naming it, and otherwise as plain text: the whole input one document,
 * presented as the columns `id text` (id = the file's base name, "stdin" for stdin), or with
 * lines a record per non-blank line (id FILE:LINE). --in text, tsv or csv forces a format.
 * Every record gives its raw fields, escaped as TSV (CSV fields are escaped on the way in)
 * for pass-through, its id, date and lang columns, and its text unescaped and valid UTF-8:
 * invalid sequences become U+FFFD, counted and reported once per input with the first line.
 * A row whose field count differs from the header's is reported with its line, counted as
 * rejected and skipped (exit status 1 at the end). Later inputs must have the first one's
 * header, unless each_input is set (nf-normalize: its callback checks every input's). */
#ifndef NF_RECORDS_H
#define NF_RECORDS_H
#include "core/buf.h"
#include "core/tsv.h"

enum nf_in_fmt { NF_IN_AUTO, NF_IN_TEXT, NF_IN_TSV, NF_IN_CSV };
#include <stdint.h>

typedef struct {
	nf_row f;            /* the raw fields, escaped as read (the text field too) */
	long text_col;       /* index of the text column in f */
	const char *text;    /* the text, unescaped and valid UTF-8 */
	size_t text_len;
	const char *lang;    /* the lang column's value ("" if none), and date's */
	size_t lang_len;
	const char *date;
	size_t date_len;
	const char *id;      /* the id column's raw value (NULL when there is no id column) */
	size_t id_len;
	const char *file;    /* for messages */
	unsigned long line;  /* line of the record in its input */
} nf_doc;

typedef struct nf_reader nf_reader;

/* files: NULL-terminated list ("-" is stdin); field: the text column's name or number */
nf_reader *nf_reader_new(char **files, const char *field, enum nf_in_fmt fmt, int no_header);
/* The header row (escaped names) and the text column's index, known once the first record
 * has been read (or at the end of an empty input); plain text gives "id text". */
const nf_row *nf_reader_header(nf_reader *r, long *text_col);
int nf_reader_next(nf_reader *r, nf_doc *d); /* 1 with a record, 0 at the end */
/* before the header: plain text gives a record per non-blank line (id FILE:LINE), not one
 * document per input (nf-dedupe, whose records are lines as for sort -u) */
void nf_reader_lines(nf_reader *r);

/* What the reader knows of an input it has just opened, for nf_reader_opts.on_open. */
typedef struct {
	const char *file;    /* for messages */
	enum nf_in_fmt fmt;  /* NF_IN_TEXT, NF_IN_TSV or NF_IN_CSV */
	const nf_row *hdr;   /* its header (escaped names); NULL for plain text and with -N */
	long text_col, id_col, date_col, lang_col; /* -1 when absent */
	size_t ncols;        /* 0 with -N until the first row */
} nf_input_info;

/* Settings beyond the common ones, for a reader that does more than pass records on
 * (nf-normalize); set before the first record. Zero is the default of each. */
typedef struct {
	const char *id_col, *date_col; /* names or numbers of the id and date columns: id, date */
	int raw;         /* the text unescaped but not repaired nor --strict checked (the caller
	                  * cleans and counts); a plain-text input is a document even when empty */
	int each_input;  /* every input has its own header, not checked against the first's */
	int keep_dir;    /* ids of plain text keep the path's folders (nf_path_stem) */
	unsigned long rows_lo, rows_hi; /* only records whose first line is in [lo, hi]; a plain
	                  * document is the record of line 1 (0: no bound) */
	/* after an input is opened and its header read: non-zero skips it (it was reported) */
	int (*on_open)(void *ctx, const nf_input_info *in);
	/* after its last record, before it is closed; pos: nf_in_pos at its end */
	void (*on_close)(void *ctx, const char *file, uint64_t pos);
	void *ctx;
} nf_reader_opts;
void nf_reader_set(nf_reader *r, const nf_reader_opts *o);
const char *nf_reader_stem(const nf_reader *r); /* the current input's id stem */
uint64_t nf_reader_pos(const nf_reader *r);     /* nf_in_pos of the current input (0: none) */
unsigned long nf_reader_blank(const nf_reader *r); /* blank lines and rows skipped so far */
/* the last record came from a TSV or CSV input: its fields lie in one buffer, each after the
 * one before and a TAB (the row as read, its text column unescaped in place) */
int nf_reader_in_table(const nf_reader *r);
void nf_reader_free(nf_reader *r);
/* the value of --in: auto, text, tsv or csv (a usage error otherwise) */
enum nf_in_fmt nf_in_fmt_parse(const char *arg);
/* a reader over argv[optind..] (stdin when there are none), with the common options -f and -N
 * (with -N, -f must be a number: a usage error otherwise) */
nf_reader *nf_reader_args(int argc, char **argv, int optind, enum nf_in_fmt fmt);
/* Pass-through output. nf_row_write: the fields of r as read, TAB-separated (a header).
 * nf_doc_write: the fields of d as read, with the text column replaced by text[0..n) escaped
 * (a unit of it, or the cleaned text). Neither ends the line. */
void nf_row_write(const nf_row *r);
void nf_doc_write(const nf_doc *d, const char *text, size_t n);
#endif
