/* tsv.h — the record format, UTF-8 TSV. A header of column names; field values escaped as
 * \t \n \r \\ (PostgreSQL COPY text / Miller TSV). Rows are split in place into field
 * views; columns are found by name or 1-based number. */
#ifndef NF_TSV_H
#define NF_TSV_H
#include <stddef.h>

typedef struct {
	char *p;
	size_t n;
} nf_field;

typedef struct {
	nf_field *f;
	size_t n, cap;
} nf_row;

void nf_row_split(nf_row *r, char *line, size_t len); /* split on TAB, no unescaping */
void nf_row_push(nf_row *r, nf_field f);               /* append a field view */
size_t nf_unescape(char *s, size_t n);                 /* in place; returns the new length */
/* Column index (0-based) of spec in the header row: a name (a leading '#' on a header
 * name is ignored, so "#id" matches "id"), or a 1-based number. -1 when absent. */
long nf_col_find(const nf_row *hdr, const char *spec);
long nf_col_num(const char *spec); /* 1-based number as 0-based index, or -1 if not a number */
void nf_row_free(nf_row *r);
#endif
