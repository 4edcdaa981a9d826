/* foldtab.h — the character folding tables used by textnorm: which code points become a
 * space, a line break or nothing, and the ASCII forms used by --ascii-punct. Data only. */
#ifndef NF_FOLDTAB_H
#define NF_FOLDTAB_H
#include <stdint.h>

struct nf_cprange { int32_t lo, hi; };
struct nf_cpmap { int32_t cp; const char *to; };

extern const struct nf_cprange nf_fold_space[];   /* -> " " */
extern const struct nf_cprange nf_fold_drop[];    /* -> removed (format characters) */
extern const struct nf_cprange nf_fold_newline[]; /* -> "\n" */
extern const struct nf_cpmap nf_fold_ascii_punct[]; /* sorted by cp */
extern const int32_t nf_cp1252_high[32];          /* Windows-1252 bytes 0x80..0x9F; -1 undefined */
extern const struct nf_cprange nf_mojibake_targets[]; /* what a mojibake repair may produce */
extern const char *const nf_html_block_tags[];    /* tags that become a line break */
#endif
