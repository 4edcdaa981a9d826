/* csvin.c — see csvin.h. libcsv is fed one physical line at a time, so the line number
 * of each record's start is known exactly. A line completes at most a few records (a bare CR
 * also ends one); they wait in a small queue until pulled. */
#include "core/csvin.h"
#include "core/diag.h"
#include <csv.h>
#include <stdlib.h>
#include <string.h>

struct span {
	size_t off, len;
};
struct rec {
	size_t first, n; /* fields q[first .. first+n) */
	unsigned long line;
};

struct nf_csv {
	struct csv_parser p;
	nf_in *in;
	nf_buf data;          /* field bytes of the records completed and being built */
	struct span *f;       /* fields, of all queued records then of the one being built */
	size_t nf, capf, cur; /* cur: first field of the record being built */
	struct rec *q;        /* completed records, q[head .. nq) not yet pulled */
	size_t nq, capq, head;
	unsigned long line, start;
	int state;            /* 0 reading, 1 at the end, -1 after an error */
};

static void on_field(void *s, size_t n, void *v)
{
	nf_csv *c = v;
	if (c->nf == c->capf) {
		c->capf = c->capf ? c->capf * 2 : 16;
		c->f = nf_xrealloc(c->f, c->capf * sizeof *c->f);
	}
	c->f[c->nf++] = (struct span){c->data.len, n};
	nf_buf_reserve(&c->data, n + 1); /* never NULL, even when every field is empty */
	nf_buf_add(&c->data, s, n);
}

static void on_record(int ch, void *v)
{
	nf_csv *c = v;
	(void)ch;
	if (c->nf > c->cur) { /* a blank line makes no record */
		if (c->nq == c->capq) {
			c->capq = c->capq ? c->capq * 2 : 4;
			c->q = nf_xrealloc(c->q, c->capq * sizeof *c->q);
		}
		c->q[c->nq++] = (struct rec){c->cur, c->nf - c->cur, c->start ? c->start : c->line};
	}
	c->cur = c->nf;
	c->start = 0;
}

static int no_space(unsigned char ch)
{
	(void)ch;
	return 0; /* RFC 4180: spaces are part of the field */
}

nf_csv *nf_csv_open(nf_in *in, char delim)
{
	nf_csv *c = nf_xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	c->in = in;
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		nf_errx(NF_EXIT_DATA, "cannot initialise the CSV parser");
	csv_set_delim(&c->p, (unsigned char)delim);
	csv_set_space_func(&c->p, no_space);
	return c;
}

/* feed lines until a record is queued or the input ends */
static void feed(nf_csv *c)
{
	char *line;
	size_t len;
	while (c->state == 0 && c->head == c->nq) {
		if (!(line = nf_in_line(c->in, &len))) {
			c->state = 1;
			if (csv_fini(&c->p, on_field, on_record, c) != 0) {
				nf_warn_at(nf_in_name(c->in), c->start ? c->start : c->line,
				           "unbalanced quote: the quoted field opened here is never closed; "
				           "the record from this line to the end of the input was not imported");
				c->state = -1;
				nf_fail();
			}
			return;
		}
		c->line = nf_in_lineno(c->in);
		if (c->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			line += 3, len -= 3; /* BOM */
		if (c->p.pstate == 0 && c->nf == c->cur) /* ROW_NOT_BEGUN: a record starts here */
			c->start = c->line;
		line[len] = '\n'; /* the line buffer always has the newline's byte */
		if (csv_parse(&c->p, line, len + 1, on_field, on_record, c) != len + 1) {
			nf_warn_at(nf_in_name(c->in), c->line, "malformed CSV: %s (a quote inside an unquoted field, or text after a closing quote)",
			           csv_strerror(csv_error(&c->p)));
			c->state = -1;
			c->nq = c->head; /* records completed on the bad line are not returned */
			nf_fail();
		}
	}
}

int nf_csv_next(nf_csv *c, nf_row *rec, unsigned long *line)
{
	if (c->head == c->nq) { /* all pulled: start the buffers over, keeping a partial record */
		size_t keep = c->cur < c->nf ? c->f[c->cur].off : c->data.len;
		if (keep) {
			memmove(c->data.p, c->data.p + keep, c->data.len - keep);
			c->data.len -= keep;
		}
		for (size_t i = c->cur; i < c->nf; i++)
			c->f[i - c->cur] = (struct span){c->f[i].off - keep, c->f[i].len};
		c->nf -= c->cur;
		c->cur = c->head = c->nq = 0;
		feed(c);
	}
	if (c->head == c->nq)
		return c->state < 0 ? -1 : 0;
	struct rec r = c->q[c->head++];
	if (rec->cap < r.n) {
		rec->cap = r.n;
		rec->f = nf_xrealloc(rec->f, rec->cap * sizeof *rec->f);
	}
	rec->n = r.n;
	for (size_t i = 0; i < r.n; i++)
		rec->f[i] = (nf_field){c->data.p + c->f[r.first + i].off, c->f[r.first + i].len};
	*line = r.line;
	return 1;
}

void nf_csv_close(nf_csv *c)
{
	if (!c)
		return;
	csv_free(&c->p);
	free(c->data.p);
	free(c->f);
	free(c->q);
	free(c);
}
