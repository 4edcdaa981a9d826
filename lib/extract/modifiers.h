/* modifiers.h — approximators and comparatives in front of a mention (about, ruim, plus de,
 * mehr als, نحو ...: lib/data/modifiers.tsv): outside the span, reported as a mod. */
#ifndef NF_MODIFIERS_H
#define NF_MODIFIERS_H
#include "extract/tokens.h"

void nf_mod_init(void);
/* The mod ("APPROX", "MORE_THAN", "LESS_THAN" or "") of the words just before token i of a
 * line of text, in language lang ("" for any); *first is the first token of the modifier. */
const char *nf_mod_before(const char *text, const nf_toks *tk, size_t i, const char *lang, size_t *first);
#endif
