/* csvin.h — CSV import over libcsv: RFC 4180 quoting ("" inside quotes), embedded newlines
 * and CRLF, a BOM at the start skipped. Records are pulled one at a time as field views,
 * with the line number where each starts. A malformed line, or a quote left open at the end
 * of the input, is reported naming its line (the records before it have been returned). */
#ifndef NF_CSVIN_H
#define NF_CSVIN_H
#include "core/input.h"
#include "core/tsv.h"

typedef struct nf_csv nf_csv;

/* a CSV reader over in (which stays the caller's); delim is ',' for CSV */
nf_csv *nf_csv_open(nf_in *in, char delim);
/* 1 with the next record in *rec (views valid until the next call) and its first line in
 * *line; 0 at the end; -1 after a parse error, reported (nothing more is read) */
int nf_csv_next(nf_csv *c, nf_row *rec, unsigned long *line);
void nf_csv_close(nf_csv *c);
#endif
