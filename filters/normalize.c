/* nf-normalize — raw articles (text files, .gz, CSV/TSV exports) to one clean document per
 * row: id date lang text. See normalize.1. */
#include "text/boiler.h"
#include "core/diag.h"
#include "core/input.h"
#include "core/records.h"
#include "text/isodate.h"
#include "text/langid.h"
#include "core/opts.h"
#include "core/out.h"
#include "core/stats.h"
#include "text/textnorm.h"
#include "core/tsv.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"Usage: nf-normalize [OPTION]... [FILE]...\n"
	"Clean raw news articles into one TSV row per document: id date lang text.\n"
	"Each FILE (plain or gzip) is a TSV or CSV table whose header names the text\n"
	"column, or else one document of plain text; with no FILE, or FILE -, read stdin.\n"
	"\n"
	"Input:\n"
	"      --in FORMAT        auto (the default: per file, from its first line),\n"
	"                         text, csv or tsv (a header line; escaped TSV)\n"
	"      --lines            plain text, one document per input line\n"
	"      --text-col COL     csv/tsv column with the text (name or number; default text)\n"
	"      --id-col COL       csv/tsv column with the id (default id)\n"
	"      --date-col COL     csv/tsv column with the date (default date)\n"
	"      --rows A-B         only the records starting on lines A to B of each FILE\n"
	"                         (1 is the header line; A- and -B leave an end open)\n"
	"Cleaning:\n"
	"      --nfkc             NFKC instead of NFC (folds ligatures, superscripts, ...)\n"
	"      --ascii-punct      curly quotes, dashes, ellipsis and bullets to ASCII\n"
	"      --html             drop HTML tags (block tags become line breaks)\n"
	"      --no-entities      leave HTML character entities (&amp; ...) as they are\n"
	"      --strip-boilerplate  drop trailing comment prompts, share and tag lines\n"
	"      --lang CODE        set lang instead of detecting it\n"
	"      --id-path          use the path as given as id (default: base name without .txt/.gz)\n"
	"Common:\n" NF_COMMON_HELP;

enum { O_LINES = NF_OPT_FIRST_FILTER, O_IN, O_TEXTCOL, O_IDCOL, O_DATECOL, O_NFKC, O_ASCII, O_HTML,
       O_NOENT, O_BOILER, O_LANG, O_IDPATH, O_ROWS };

static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	{"lines", no_argument, 0, O_LINES},
	{"in", required_argument, 0, O_IN},
	{"text-col", required_argument, 0, O_TEXTCOL},
	{"id-col", required_argument, 0, O_IDCOL},
	{"date-col", required_argument, 0, O_DATECOL},
	{"nfkc", no_argument, 0, O_NFKC},
	{"ascii-punct", no_argument, 0, O_ASCII},
	{"html", no_argument, 0, O_HTML},
	{"no-entities", no_argument, 0, O_NOENT},
	{"strip-boilerplate", no_argument, 0, O_BOILER},
	{"lang", required_argument, 0, O_LANG},
	{"id-path", no_argument, 0, O_IDPATH},
	{"rows", required_argument, 0, O_ROWS},
	{0, 0, 0, 0},
};

static enum nf_in_fmt fmt = NF_IN_AUTO;
static int lines_mode, strip_boiler, id_path, langid_ok;
static const char *id_col = "id", *date_col = "date", *force_lang;
/* --rows: the input lines whose records are processed (a record's first line, 1-based) */
static unsigned long rows_lo = 1, rows_hi = ULONG_MAX;

/* the input being read: how, and what its cleaning found (reported when it closes) */
struct file {
	const char *name; /* for messages */
	enum nf_in_fmt fmt;
	long c_text, c_id, c_date, c_lang;
	struct nf_norm_stats ns;
	unsigned long bad_line, ctrl_line, bad_dates, bad_date_line, empty, empty_line;
};
static struct file cur;
static nf_reader *rd;

static nf_buf text, idbuf;
static int header_done, first_text; /* the header is written; a plain-text file's */
static size_t npass; /* passthrough columns of the header written */
static unsigned long boiler_dropped, tot_empty;
static uint64_t tot_moji, tot_ent;
/* progress: with --rows ...B, lines of the range read (each file counts B - A + 1), else
 * bytes of the files read; done is what the inputs already closed count */
static int progress_lines;
static uint64_t progress_done;

static unsigned long line_of(const char *s, size_t off)
{
	unsigned long l = 1;
	for (const char *p = s, *e = s + off; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		l++;
	return l;
}

static uint64_t range_len(void) { return (uint64_t)rows_hi - rows_lo + 1; }

/* how far the reading of f is, in the unit of nf_progress_total */
static uint64_t progress_at(unsigned long line)
{
	if (!progress_lines)
		return nf_reader_pos(rd);
	if (line < rows_lo)
		return 0;
	return line > rows_hi ? range_len() : line - rows_lo + 1;
}

/* once per record */
static void progress(unsigned long line)
{
	nf_progress_pos(progress_done + progress_at(line ? line : 1));
	nf_progress_tick();
}

static void write_header(void)
{
	if (!header_done && !nf_opt.no_header)
		nf_out_s("id\tdate\tlang\ttext\n");
	header_done = 1;
}

/* Normalize one document and write its row. line is the input line of the record (0 for a
 * whole file); pass holds the passthrough fields, already escaped when pass_escaped. */
static void emit(struct file *f, unsigned long line, const char *id, size_t idn, const char *date,
                 size_t daten, const char *lang, const char *raw, size_t rawn, const nf_row *pass,
                 int pass_escaped)
{
	struct nf_norm_stats before = f->ns;
	progress(line);
	nf_st.rows_in++;
	nf_st.bytes_in += rawn;
	text.len = 0;
	nf_norm_text(raw, rawn, &text, &f->ns);
	if (f->ns.invalid > before.invalid && !f->bad_line)
		f->bad_line = line ? line : line_of(raw, f->ns.first_invalid);
	if (f->ns.controls > before.controls && !f->ctrl_line)
		f->ctrl_line = line ? line : line_of(raw, f->ns.first_control);
	nf_st.repairs += (f->ns.invalid - before.invalid) + (f->ns.controls - before.controls) +
	                 (f->ns.mojibake - before.mojibake);
	if (nf_opt.strict && (f->ns.invalid > before.invalid || f->ns.controls > before.controls ||
	                      f->ns.mojibake > before.mojibake)) {
		nf_warn_at(f->name, line, "document %.*s rejected (--strict): invalid UTF-8, control characters or mojibake",
		           (int)idn, id);
		nf_st.rejected++;
		nf_fail();
		return;
	}
	char hdate[NF_ISODATE_MAX], cdate[NF_ISODATE_MAX];
	const char *t = text.p;
	size_t tn = text.len, hl = nf_date_header(t, tn, hdate);
	t += hl;
	tn -= hl;
	if (strip_boiler)
		tn = nf_boiler_strip(t, tn, &boiler_dropped);
	if (daten) {
		if (nf_iso_date(date, daten, cdate)) {
			date = cdate;
			daten = strlen(cdate);
		} else {
			if (f->bad_dates++ == 0)
				f->bad_date_line = line;
			daten = 0;
		}
	}
	if (!daten && hl) {
		date = hdate;
		daten = strlen(hdate);
	}
	if (tn == 0) { /* nothing left: no row, reported (whole files at once, records per file) */
		if (f->empty++ == 0)
			f->empty_line = line;
		if (!line && (rawn > 0 || strcmp(f->name, "(standard input)") != 0))
			nf_warnx("%s: empty document, no row written", f->name);
		return;
	}
	if (!lang || !*lang)
		lang = force_lang ? force_lang : langid_ok ? nf_langid(t, tn) : "und";
	for (size_t i = 0; !pass && i < npass; i++) /* plain text under a table's header */
		nf_out_tab();
	for (size_t i = 0; pass && i < pass->n; i++) {
		if (pass_escaped)
			nf_out_write(pass->f[i].p, pass->f[i].n);
		else
			nf_out_field(pass->f[i].p, pass->f[i].n);
		nf_out_tab();
	}
	nf_out_field(id, idn);
	nf_out_tab();
	nf_out_write(date, daten);
	nf_out_tab();
	nf_out_s(lang);
	nf_out_tab();
	nf_out_field(t, tn);
	nf_out_nl();
	nf_st.rows_out++;
}

/* the id of a record without one: NAME:LINE */
static nf_field record_id(const struct file *f, unsigned long line)
{
	char num[32];
	int k = snprintf(num, sizeof num, ":%lu", line);
	idbuf.len = 0;
	(void)f;
	nf_buf_add(&idbuf, nf_reader_stem(rd), strlen(nf_reader_stem(rd)));
	nf_buf_add(&idbuf, num, (size_t)k);
	return (nf_field){idbuf.p, idbuf.len};
}

static int is_special(const struct file *f, size_t i)
{
	return (long)i == f->c_text || (long)i == f->c_id || (long)i == f->c_date || (long)i == f->c_lang;
}

/* passthrough header: every column but text/id/date/lang, as an escaped TSV prefix; the
 * first file's is written, later files must have the same */
static nf_buf hdr_first, hdr_this;

static int check_header(struct file *f, const nf_row *h, int escaped)
{
	nf_buf *hb = header_done ? &hdr_this : &hdr_first;
	hb->len = 0;
	for (size_t i = 0; h && i < h->n; i++)
		if (!is_special(f, i)) {
			if (escaped)
				nf_buf_add(hb, h->f[i].p, h->f[i].n);
			else
				for (size_t k = 0; k < h->f[i].n; k++) {
					unsigned char c = (unsigned char)h->f[i].p[k], x = nf_tsv_special[c];
					if (x)
						nf_buf_addc(hb, '\\'), nf_buf_addc(hb, (char)x);
					else
						nf_buf_addc(hb, (char)c);
				}
			nf_buf_addc(hb, '\t');
		}
	if (!header_done) {
		header_done = 1;
		for (size_t i = 0; i < hb->len; i++)
			npass += hb->p[i] == '\t';
		if (!nf_opt.no_header) {
			nf_out_write(hb->p, hb->len);
			nf_out_s("id\tdate\tlang\ttext\n");
		}
		return 0;
	}
	if (hb->len != hdr_first.len || (hb->len && memcmp(hb->p, hdr_first.p, hb->len) != 0)) {
		nf_warn_at(f->name, 1, "its other columns differ from the first file's; file skipped%s",
		           first_text ? " (plain text has no other columns: give the tables first)" : "");
		nf_fail();
		return -1;
	}
	return 0;
}

static nf_row pass_row;

/* a copy of an escaped field, unescaped */
static nf_field unescaped(nf_buf *b, const char *p, size_t n)
{
	if (n == 0)
		return (nf_field){"", 0};
	b->len = 0;
	nf_buf_add(b, p, n);
	return (nf_field){b->p, nf_unescape(b->p, n)};
}

/* one record of a table: its other columns pass through, its id, date and lang are used */
static void emit_record(struct file *f, const nf_doc *d, unsigned long line)
{
	static nf_buf idb, dateb;
	pass_row.n = 0;
	for (size_t i = 0; i < d->f.n; i++)
		if (!is_special(f, i))
			nf_row_push(&pass_row, d->f.f[i]);
	nf_field id = d->id ? unescaped(&idb, d->id, d->id_len) : (nf_field){NULL, 0};
	nf_field dt = f->c_date >= 0 ? unescaped(&dateb, d->date, d->date_len) : (nf_field){NULL, 0};
	char lang[16] = "";
	if (d->lang_len < sizeof lang) { /* a language code, else detect */
		size_t k = 0;
		const char *lf = d->lang;
		while (k < d->lang_len && (((lf[k] | 32) >= 'a' && (lf[k] | 32) <= 'z') || lf[k] == '-' || lf[k] == '_'))
			k++;
		if (k == d->lang_len) {
			memcpy(lang, lf, k);
			lang[k] = 0;
		}
	}
	if (!id.n)
		id = record_id(f, line);
	emit(f, line, id.p, id.n, dt.p, dt.n, lang, d->text, d->text_len, &pass_row, 1);
}

/* the reader has opened an input: write or check the header; non-zero skips the input */
static int on_open(void *ctx, const nf_input_info *in)
{
	(void)ctx;
	cur.name = in->file;
	cur.fmt = in->fmt;
	cur.c_text = in->text_col;
	cur.c_id = in->id_col;
	cur.c_date = in->date_col;
	cur.c_lang = in->lang_col;
	if (in->fmt == NF_IN_TEXT) {
		first_text |= !header_done;
		write_header();
		return 0;
	}
	return check_header(&cur, in->hdr, 1);
}

static void report(struct file *f);

/* the reader is done with an input: its report, and the progress of what is closed */
static void on_close(void *ctx, const char *file, uint64_t pos)
{
	(void)ctx;
	cur.name = file;
	report(&cur);
	progress_done += progress_lines ? range_len() : pos;
	memset(&cur, 0, sizeof cur);
}

static void report(struct file *f)
{
	if (f->ns.invalid)
		nf_warn_at(f->name, f->bad_line, "invalid UTF-8: %llu sequence%s replaced by U+FFFD (first here)",
		           (unsigned long long)f->ns.invalid, f->ns.invalid == 1 ? "" : "s");
	if (f->ns.controls)
		nf_warn_at(f->name, f->ctrl_line, "%llu control character%s (NUL, ESC ...) removed (first here)",
		           (unsigned long long)f->ns.controls, f->ns.controls == 1 ? "" : "s");
	if (f->bad_dates)
		nf_warn_at(f->name, f->bad_date_line, "%lu date value%s not understood, left empty (first here)",
		           f->bad_dates, f->bad_dates == 1 ? "" : "s");
	if (f->empty && f->empty_line)
		nf_warn_at(f->name, f->empty_line, "%lu record%s with no text left after cleaning, no row written (first here)",
		           f->empty, f->empty == 1 ? "" : "s");
	tot_empty += f->empty;
	tot_moji += f->ns.mojibake;
	tot_ent += f->ns.entities;
}

/* --rows A-B, A- or -B: line numbers from 1, A <= B */
static void parse_rows(const char *arg)
{
	const char *dash = strchr(arg, '-');
	unsigned long v[2] = {1, ULONG_MAX};
	const char *part[2] = {arg, dash ? dash + 1 : NULL};
	size_t len[2] = {dash ? (size_t)(dash - arg) : 0, dash ? strlen(dash + 1) : 0};
	for (int i = 0; dash && i < 2; i++) {
		if (len[i] == 0)
			continue; /* an open end */
		if (strspn(part[i], "0123456789") != len[i] || len[i] > 18)
			dash = NULL;
		else if ((v[i] = strtoul(part[i], NULL, 10)) == 0)
			nf_usage_error("--rows: '%s': line numbers start at 1", arg);
	}
	if (!dash)
		nf_usage_error("--rows: '%s' is not a range of input lines A-B, A- or -B (e.g. 5001-10000)", arg);
	if (v[0] > v[1])
		nf_usage_error("--rows: '%s' is empty (%lu is past %lu)", arg, v[0], v[1]);
	rows_lo = v[0];
	rows_hi = v[1];
}

/* The input's size for the percent: bytes of the regular files (stdin too when it is one),
 * 0 when one of them is a pipe or a device. Files that cannot be read count 0. */
static uint64_t input_size(char **files)
{
	uint64_t sum = 0;
	for (; *files; files++) {
		struct stat st;
		int is_stdin = strcmp(*files, "-") == 0;
		if ((is_stdin ? fstat(STDIN_FILENO, &st) : stat(*files, &st)) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			continue; /* reported and skipped when opened */
		if (!S_ISREG(st.st_mode))
			return 0;
		off_t at = is_stdin ? lseek(STDIN_FILENO, 0, SEEK_CUR) : 0;
		sum += (uint64_t)st.st_size - (at > 0 && at <= st.st_size ? (uint64_t)at : 0);
	}
	return sum;
}

int main(int argc, char **argv)
{
	nf_setprog(argv[0]);
	struct nf_norm_opts no = {0};
	int c;
	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (nf_opt_common(c, optarg, usage))
			continue;
		switch (c) {
		case O_LINES: lines_mode = 1; break;
		case O_IN: fmt = nf_in_fmt_parse(optarg); break;
		case O_TEXTCOL: nf_opt.field = optarg; break;
		case O_IDCOL: id_col = optarg; break;
		case O_DATECOL: date_col = optarg; break;
		case O_NFKC: no.nfkc = 1; break;
		case O_ASCII: no.ascii_punct = 1; break;
		case O_HTML: no.html = 1; break;
		case O_NOENT: no.no_entities = 1; break;
		case O_BOILER: strip_boiler = 1; break;
		case O_LANG:
			if (strlen(optarg) < 2 || strlen(optarg) > 8 || strpbrk(optarg, "\t\n\\"))
				nf_usage_error("--lang: '%s' is not a language code", optarg);
			force_lang = optarg;
			break;
		case O_IDPATH: id_path = 1; break;
		case O_ROWS: parse_rows(optarg); break;
		default: nf_usage_error("unknown option");
		}
	}
	if (lines_mode && (fmt == NF_IN_CSV || fmt == NF_IN_TSV))
		nf_usage_error("--lines reads plain text; it cannot be combined with --in %s", fmt == NF_IN_CSV ? "csv" : "tsv");
	if (nf_opt.no_header && (fmt == NF_IN_CSV || fmt == NF_IN_TSV) && nf_col_num(nf_opt.field) < 0)
		nf_usage_error("with -N, --text-col must be a column number, not '%s'", nf_opt.field);
	nf_norm_init(&no);
	if (strip_boiler)
		nf_boiler_init();
	if (!force_lang) {
		int r = nf_langid_init();
		langid_ok = r == 0;
		if (r == -1)
			nf_warnx("language identification unavailable (libexttextcat-data missing?); lang is und");
		else if (r < 0) {
			nf_warnx("cannot load the language fingerprints: %s; lang is und", strerror(errno));
			nf_fail();
		}
	}
	nf_stats_start();
	if (fmt == NF_IN_TEXT || lines_mode) {
		first_text = 1;
		write_header();
	}
	char *stdin_only[] = {"-", NULL};
	char **files = optind < argc ? argv + optind : stdin_only;
	progress_lines = rows_hi != ULONG_MAX;
	if (progress_lines)
		nf_progress_total((uint64_t)(argc - optind > 0 ? argc - optind : 1) * range_len());
	else
		nf_progress_total(input_size(files));
	rd = nf_reader_new(files, nf_opt.field, lines_mode ? NF_IN_TEXT : fmt, nf_opt.no_header);
	if (lines_mode)
		nf_reader_lines(rd);
	nf_reader_set(rd, &(nf_reader_opts){.id_col = id_col, .date_col = date_col, .raw = 1, .each_input = 1,
	                                    .keep_dir = id_path, .rows_lo = rows_lo,
	                                    .rows_hi = rows_hi == ULONG_MAX ? 0 : rows_hi,
	                                    .on_open = on_open, .on_close = on_close});
	nf_doc d;
	while (nf_reader_next(rd, &d)) {
		if (cur.fmt != NF_IN_TEXT) {
			emit_record(&cur, &d, d.line);
			continue;
		}
		/* plain text: a whole input (line 0) or a line; the reader's id is escaped */
		unsigned long line = lines_mode ? d.line : 0;
		nf_field id = unescaped(&idbuf, d.id, d.id_len);
		emit(&cur, line, id.p, id.n, NULL, 0, NULL, d.text, d.text_len, NULL, 0);
	}
	tot_empty += nf_reader_blank(rd);
	nf_reader_free(rd);
	if (!header_done)
		write_header();
	nf_out_close();
	char extra[200];
	snprintf(extra, sizeof extra, "%llu mojibake repairs, %llu entities decoded, %lu boilerplate lines dropped, %lu empty or blank skipped",
	         (unsigned long long)tot_moji, (unsigned long long)tot_ent, boiler_dropped, tot_empty);
	nf_stats_finish(extra);
	return nf_status;
}
