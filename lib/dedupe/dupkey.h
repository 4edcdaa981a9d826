/* dupkey.h — what nf-dedupe compares, and when two texts are copies.
 *
 * Words: the text after cleaning (nf_norm_text with NFKC: mojibake, entities, NBSP and soft
 * hyphens gone), case folding and accent stripping, punctuation and spacing dropped, digits
 * kept. Han, kana, Hangul, Thai, Lao, Khmer and Myanmar characters are one word each. A word
 * weighs 4 units, except a kana, Thai, Lao, Khmer or Myanmar character (a letter of an
 * alphabet: 3 units), so that a shingle of NF_DUP_SHINGLE = 12 units is three words, three Han
 * characters or four Thai letters.
 * From the words:
 *  - exact: a 64-bit hash of all the words run together (the exact key);
 *  - nums:  a 64-bit set of the number words but date and time parts (templates differ in
 *           their numbers; a copy on another site carries other dates);
 *  - dates:  a 64-bit set of the date and time parts (2024-03-05, 14:22, 5 March 2024,
 *           2024年3月5日, (c) 2024: see nf_dupkey_make), recognised as the words are cut;
 *  - names: a 64-bit set of the capitalised words not at the start of a sentence;
 *  - nsh:   the number of shingles;
 *  - sig:   a MinHash signature of the 12-unit shingles (NF_DUP_K multiply-shift hash
 *           functions, minima kept as 8 bits: b-bit MinHash);
 *  - band:  NF_DUP_BANDS LSH band keys: NF_DUP_SBANDS of 2 full shingle minima each (found
 *           when the Jaccard similarity is about 0.4 or more), then NF_DUP_WBANDS of 4 word
 *           minima each (found when most words are shared, however reworded: heavy edits).
 * Nothing is allocated once the buffers have grown. */
#ifndef NF_DUPKEY_H
#define NF_DUPKEY_H
#include "core/buf.h"
#include <stddef.h>
#include <stdint.h>

#define NF_DUP_K 64
#define NF_DUP_SBANDS 7
#define NF_DUP_SROWS 2
#define NF_DUP_WBANDS 7
#define NF_DUP_WROWS 4
#define NF_DUP_BANDS (NF_DUP_SBANDS + NF_DUP_WBANDS)
/* a band key indexes at most this many texts (the first ones): a flood of near-identical
 * template items (thousands sharing band keys) costs a bounded time per text, not one that
 * grows with the flood; the later ones are still found as copies of the first */
#define NF_DUP_BAND_CAP 64
#define NF_DUP_SHINGLE 12 /* units: a word 4, a letter of an alphabet without spaces 3 */

typedef struct {
	uint64_t key;   /* the paragraph's exact key */
	uint32_t words;
} nf_duppara;

typedef struct {
	nf_buf clean;          /* scratch: the cleaned text */
	uint64_t *tok;         /* word hashes; bit 0 set for a 1-unit word */
	size_t ntok, cap;
	uint64_t exact, nums, dates, names;
	uint32_t nsh;
	uint8_t sig[NF_DUP_K];
	uint32_t band[NF_DUP_BANDS];
	nf_duppara *para;      /* nf_dupkey_paras: the paragraphs of NF_DUP_PARA_WORDS words or more */
	size_t npara, paracap;
	uint32_t parawords;    /* their words */
	int stub;              /* near mode: a teaser (see NF_DUP_STUB_WORDS) */
} nf_dupkey;
/* a stub: a text of fewer than this many words (two Han, kana, Hangul, Thai ... characters
 * make one) that ends in a teaser's link (lib/data/dedupe/teasers.tsv: "Continue reading");
 * it opens an article but is no copy of it: nf-dedupe gives it no band keys, so that it is
 * compared exactly only, and no later text is a near copy of it */
#define NF_DUP_STUB_WORDS 20
#define NF_DUP_PARA_WORDS 8
#define NF_DUP_PARA_SHARE 0.8 /* a copy: this share of its paragraph words seen before */
#define NF_DUP_PARA_MIN 40    /* of at least this many */

/* what a verdict needs of a text: kept in the index, written by --emit-keys */
typedef struct {
	uint64_t nums, dates, names;
	uint32_t nsh;
	const uint8_t *sig;
} nf_dupsum;

void nf_dupkey_init(void); /* once */
/* the words, exact key and number set of text[0..n); with near, nsh, the signature and bands
 * too; seed mixes a scope into every key (0 for none) */
void nf_dupkey_make(nf_dupkey *k, const char *text, size_t n, int near, uint64_t seed);
/* exact mode's two ways to the same key and words (what nf_dupkey_make does without near):
 * the one-pass fast path, which declines (0, k untouched) a text that needs cleaning or that
 * it does not read, and else returns 1, or 3 when the text holds a TAB, LF, CR or backslash
 * (what a TSV writer escapes); and the general path, which reads any text (tests compare
 * the two) */
int nf_dupkey_exact_fast(nf_dupkey *k, const char *text, size_t n, uint64_t seed);
void nf_dupkey_make_slow(nf_dupkey *k, const char *text, size_t n, int near, uint64_t seed);
/* estimated Jaccard similarity of two signatures (corrected for 8-bit collisions) */
double nf_dupkey_sim(const uint8_t *a, const uint8_t *b);
int nf_dupkey_matches(const uint8_t *a, const uint8_t *b); /* equal signature values */
double nf_dupkey_sim_of(int matches);
/* the share of the smaller number set found in the other, less what two sets of that size
 * share by chance in 64 bits; -1 when it cannot tell (fewer than two numbers, full sets) */
double nf_dupkey_numsim(uint64_t a, uint64_t b);
/* is the newer text a copy of the older one? t is the Jaccard threshold: a copy has
 * similarity >= t, or >= t * NF_DUP_FACTS_SHARE when the facts agree (both long enough, with
 * numbers that agree, dates counted or not, and names that do not disagree, or with many
 * names that agree), or the shingles of the smaller text are almost all in the other, and
 * three quarters of its numbers (dates aside) too (a truncated copy, whichever came first:
 * the full text after its truncated copy is a copy);
 * texts whose numbers (dates never counted) disagree are never copies (templates). The
 * estimated similarity goes to *sim. */
int nf_dupkey_verdict(const nf_dupsum *newer, const nf_dupsum *older, double t, double *sim);
#define NF_DUP_MIN_NUM_SHARE 0.7     /* below: the numbers disagree (beyond chance) */
#define NF_DUP_FACT_NUM_SHARE 0.85   /* the numbers agree */
#define NF_DUP_MIN_NAME_SHARE 0.9    /* the names agree: this share of the smaller set, */
#define NF_DUP_MIN_NAMES 4           /* of at least this many on both sides */
#define NF_DUP_NAMES_AGAINST 0.5     /* numbers agree but the names less than this: no facts */
#define NF_DUP_FACT_MIN_SHINGLES 60  /* facts count in texts of this many shingles or more */
#define NF_DUP_FACTS_SHARE 0.3       /* facts agree: the threshold times this */
#define NF_DUP_CONTAINED 0.8         /* a truncated copy: this share of the smaller's shingles */
/* the paragraphs of text[0..n) (parted by blank lines, or by line breaks in a text without
 * blank lines) with NF_DUP_PARA_WORDS words or more into k->para:
 * their exact keys (as nf_dupkey_make's) and word counts; line is scratch for the work */
void nf_dupkey_paras(nf_dupkey *k, nf_dupkey *line, const char *text, size_t n, uint64_t seed);
uint64_t nf_hash64(const void *p, size_t n, uint64_t seed);
void nf_dupkey_free(nf_dupkey *k);
#endif
