/* segment.h — sentence and paragraph segmentation of a document's text.
 *
 * Sentences: every line break ends a unit (paragraphs, headings, bullets, tag lines); with
 * unwrap set, except a soft wrap (a line of 40+ bytes without final punctuation followed by a
 * line that starts in lower case, as in hard-wrapped wire copy). Inside a line a unit ends after . ! ? … ؟ ۔
 * 。 ！ ？ । ॥ ։ ። ။ ‼ ⁇ ⁈ ⁉ and the closing quotes and brackets that follow, when white
 * space and a new sentence follow (CJK full stops need no space). No split before a word in
 * lower case, after an abbreviation, an initial, an ordinal or list number, inside numbers,
 * URLs, e-mail addresses and file names (no space follows), or at : and ;. An abbreviation,
 * initial or ordinal ends a sentence only when the next word is a usual sentence starter of
 * the language ("... the U.S. In April ..."). An ellipsis ends one only before a capital.
 *
 * Language data (lib/data/split/, lib/data/months.tsv) is per language; an unknown language
 * ("und", "") uses the union of all lists. */
#ifndef NF_SEGMENT_H
#define NF_SEGMENT_H
#include <stddef.h>

typedef struct nf_seg_lang nf_seg_lang;

void nf_seg_init(void);
const nf_seg_lang *nf_seg_lang_get(const char *code, size_t n); /* never NULL */

/* called for each unit with its byte offsets in text, end exclusive, white space trimmed */
typedef void (*nf_seg_cb)(size_t start, size_t end, void *ctx);
void nf_seg_sentences(const char *text, size_t n, const nf_seg_lang *L, int unwrap, nf_seg_cb cb, void *ctx);
/* is w[0..n) a usual sentence-starting function word of the language ("Les", "The")? */
int nf_seg_is_starter(const nf_seg_lang *L, const char *w, size_t n);
/* paragraphs: blocks of lines separated by blank lines */
void nf_seg_paragraphs(const char *text, size_t n, nf_seg_cb cb, void *ctx);
#endif
