/* records.h — the input side of the filters that read documents or sentences (split and the
 * extractors): TSV with a header, or plain text.
 *
 * Each input (files or stdin, plain or gzip) is read as TSV when its first line is a header
 * that names the text column (-f, default "text"), or with -N as headerless rows (the column
 * by number); otherwise — or with --in text — the whole input is one document of plain text,
 * presented as the columns `id text` (id = the file's base name, "stdin" for stdin).
 * Every record gives its raw (still escaped) fields for pass-through, and its text unescaped
 * and valid UTF-8: invalid sequences become U+FFFD, counted and reported once per input with
 * the first line. A row whose field count differs from the header's is reported with its
 * line and skipped (exit status 1 at the end). Later inputs must have the first one's header. */
#ifndef NF_RECORDS_H
#define NF_RECORDS_H
#include "core/buf.h"
#include "core/tsv.h"

enum nf_in_fmt { NF_IN_AUTO, NF_IN_TEXT, NF_IN_TSV };

typedef struct {
	nf_row f;            /* the raw fields, escaped as read (the text field too) */
	long text_col;       /* index of the text column in f */
	const char *text;    /* the text, unescaped and valid UTF-8 */
	size_t text_len;
	const char *lang;    /* the lang column's value ("" if none), and date's */
	size_t lang_len;
	const char *date;
	size_t date_len;
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
void nf_reader_free(nf_reader *r);
/* the value of --in: auto, tsv or text (a usage error otherwise) */
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
