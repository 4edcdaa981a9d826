/* boiler.h — trailing boilerplate of scraped articles (comment prompts, share buttons,
 * tag and category lines, copyright lines): the per-language patterns of
 * lib/data/boilerplate.tsv, compiled once into one PCRE2 pattern with JIT. */
#ifndef NF_BOILER_H
#define NF_BOILER_H
#include <stddef.h>

void nf_boiler_init(void);
/* Length of text[0..n) without its trailing boilerplate lines (and the blank lines between
 * them); *dropped is incremented by the number of lines removed. */
size_t nf_boiler_strip(const char *text, size_t n, unsigned long *dropped);
#endif
