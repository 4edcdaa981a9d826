/* input.h — read files and stdin alike, plain or gzip (detected by content, not name),
 * as lines or as a whole; look at the first line before deciding how to read the rest. A
 * truncated or corrupt .gz is reported naming the file; the complete lines before the damage are
 * still returned, the cut-off part of the last one is reported and dropped (nf_in_line), and
 * nf_in_slurp fails. Memory grows only to the longest line. */
#ifndef NF_INPUT_H
#define NF_INPUT_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "core/buf.h"

typedef struct nf_in nf_in;

nf_in *nf_in_open(const char *path); /* "-" is stdin; NULL (and a warning) on failure */
const char *nf_in_name(const nf_in *in); /* for messages: the path, or "(standard input)" */
/* Next line without its '\n' (a final line without one is returned too); NULL at end.
 * The pointer is valid until the next call; the line and the byte after it are writable. */
char *nf_in_line(nf_in *in, size_t *len);
unsigned long nf_in_lineno(const nf_in *in); /* number of the line last returned */
/* The next line without consuming it: nf_in_line, nf_in_slurp and readers over them still see
 * all of it. Without its '\n'; at most NF_IN_PEEK_MAX bytes when the line is longer; NULL (and
 * *len 0) at the end of the input. Valid until the next call on in. */
#define NF_IN_PEEK_MAX (1u << 20)
const char *nf_in_peek_line(nf_in *in, size_t *len);
int nf_in_slurp(nf_in *in, nf_buf *dst);     /* append everything left; 0 ok, -1 error */
uint64_t nf_in_bytes(const nf_in *in);        /* decompressed bytes read so far */
/* how far into the file the reading is, in bytes of the file as stored (compressed bytes for
 * gzip), for progress against its size: exact for plain input, for gzip up to a buffer ahead */
uint64_t nf_in_pos(const nf_in *in);
int nf_in_failed(const nf_in *in);            /* a read or gzip error was reported */
void nf_in_close(nf_in *in);
/* The id of a file: its base name without .gz and .txt ("stdin" for "-"); with keep_dir the
 * path as given without those endings. Returns a malloc'd string. */
char *nf_path_stem(const char *path, int keep_dir);
/* fread of n bytes that goes on after a read interrupted by a signal (EINTR), as the record
 * reader does: for the loaders of state files, models and tables. Returns the bytes read (n
 * unless the end of the file or an error came first; ferror(f) then tells which). */
size_t nf_fread(void *p, size_t n, FILE *f);
#endif
