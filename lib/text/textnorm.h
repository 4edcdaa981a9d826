/* textnorm.h — clean one text in a single pass, ASCII fast path first:
 *  - invalid UTF-8 -> U+FFFD (counted); C0/C1 controls except TAB and LF removed (counted);
 *  - mojibake (UTF-8 read as Latin-1/Windows-1252: "CafÃ©", "â€™") repaired when the bytes
 *    it stands for are valid UTF-8 for a character such text usually holds (Latin, Greek,
 *    Cyrillic, Hebrew, Arabic, punctuation, currency and common symbols), and only with
 *    strong evidence ("Ã©", "â€™") or at least 3 candidates in the same text, so that a
 *    lone Norwegian "Å" before NBSP is not read as a misread "Š" (counted);
 *  - HTML character entities decoded ("&amp;", "&nbsp;", "&#8217;"), and with html set,
 *    tags dropped (block tags become line breaks; script/style content dropped);
 *  - NBSP, narrow, thin and other spaces -> space; soft hyphen, zero-width space, BOM,
 *    bidi controls, Arabic tatweel removed (ZWJ/ZWNJ kept); CRLF, CR, U+2028/2029/0085 -> LF;
 *    full-width ASCII folded; NFC (or NFKC);
 *  - with ascii_punct, curly quotes, dashes, ellipsis and bullets -> ASCII;
 *  - lines trimmed, runs of spaces collapsed, at most one blank line between paragraphs,
 *    no leading or trailing blank lines. */
#ifndef NF_TEXTNORM_H
#define NF_TEXTNORM_H
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"

struct nf_norm_opts {
	int nfkc, ascii_punct, html, no_entities;
};

struct nf_norm_stats {
	uint64_t invalid, controls, mojibake, entities;
	size_t first_invalid;   /* byte offset in the input of the first invalid sequence */
	size_t first_control;   /* ... of the first removed control character */
};

void nf_norm_init(const struct nf_norm_opts *o); /* once, before any nf_norm_text */
/* Append the cleaned form of src[0..n) to dst. Stats are added to st (first_* are set
 * only when the matching counter was zero). */
void nf_norm_text(const char *src, size_t n, nf_buf *dst, struct nf_norm_stats *st);
#endif
