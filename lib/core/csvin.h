/* csvin.h — CSV import over libcsv: RFC 4180 quoting ("" inside quotes), embedded newlines
 * and CRLF. Each record is handed to a callback as field views with the line number where
 * it starts. A quote left open at the end of the input is an error naming that line. */
#ifndef NF_CSVIN_H
#define NF_CSVIN_H
#include "core/input.h"
#include "core/tsv.h"

/* called once per record; return non-zero to stop reading */
typedef int (*nf_csv_cb)(const nf_row *rec, unsigned long line, void *ctx);

/* Reads all records of in. Returns 0, or -1 after reporting a parse error (the records
 * before the error have been delivered). */
int nf_csv_read(nf_in *in, char delim, nf_csv_cb cb, void *ctx);
#endif
