/* mention.h — the output side of the extractors (money, dates, entities): one row per
 * mention with the key columns (every input column but the text), then
 * start end type surface value, then the extractor's own columns. */
#ifndef NF_MENTION_H
#define NF_MENTION_H
#include "core/buf.h"
#include "core/records.h"

/* the header line: key columns, "start end type surface value", then extra ("amount ...") */
void nf_mention_header(const nf_row *hdr, long text_col, const char *extra);
/* key columns, start, end, type, surface and a TAB; the caller writes value, the extra
 * columns and the line end */
void nf_mention_begin(const nf_doc *d, size_t start, size_t end, const char *type);
/* the same from a row's key columns kept by nf_mention_keys (each field and a TAB), for rows
 * written after the reader has moved on */
void nf_mention_keys(const nf_doc *d, nf_buf *out);
void nf_mention_begin_keys(const char *keys, size_t kn, const char *text, size_t start, size_t end, const char *type);
#endif
