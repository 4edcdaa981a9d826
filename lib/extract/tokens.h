/* tokens.h — the word tokenizer of the extractors: one line of text cut into words (letters,
 * marks, inner hyphens and apostrophes, dotted initials; Han, kana and Hangul one character
 * each), numbers (digits, Arabic-Indic digits, with single . , ' ٫ ٬ between digit groups),
 * currency symbols and single punctuation characters. Each token knows whether white space
 * precedes it. The token array is reused: no allocation once it has grown. */
#ifndef NF_TOKENS_H
#define NF_TOKENS_H
#include <stddef.h>
#include <stdint.h>

enum { NF_T_WORD, NF_T_NUM, NF_T_SYM, NF_T_PUNCT };

struct nf_tok {
	uint32_t s, e;    /* byte offsets in the text, end exclusive */
	uint8_t kind, sp; /* sp: white space (or the line start) before the token */
};

typedef struct {
	struct nf_tok *t;
	size_t n, cap;
} nf_toks;

void nf_tokens_init(void);
void nf_tokenize(nf_toks *tk, const char *text, size_t start, size_t end); /* one line */
/* lower case of text[s..e) into out (128 bytes; ’ as '); 0 when longer */
size_t nf_tok_lower(const char *text, size_t s, size_t e, char *out);
int nf_tok_is_digit(int32_t c); /* 0-9 and the Arabic-Indic digits */
/* Arabic proclitics (lib/data/proclitics.tsv): the length in bytes of the conjunction, then
 * preposition, then (with article) article in front of w[0..n), leaving at least three
 * letters; 0 if none (وبالدولار -> 6, بنحو -> 2) */
size_t nf_tok_proclitics(const char *w, size_t n, int article);
/* the cuts of Arabic proclitics off the front of a name w[0..n) to try, longest first: after
 * the conjunction and preposition, after the conjunction alone (وبكين: 4, 2; وGeely: 2),
 * each of "name" proclitics only (not كلاوس) and leaving three letters (two Latin ones);
 * returns how many (0-2). Bit i of *art: cut i is of "name-article" proclitics only and the
 * article follows with three letters after it (والولايات, بالرياض; not فالنسيا, كاليفورنيا, واليد) */
int nf_tok_proclitic_cuts(const char *w, size_t n, size_t cut[2], int *art);
/* a preposition fused with the article, maybe after a conjunction, in front of w[0..n) and
 * leaving three letters (لل of للعراق: ل + ال with its alif dropped; وللعراق): the rest with
 * the article in front written to out (العراق, at most cap bytes), its length, and in *conj
 * the bytes of the conjunction (0 or 2); 0 if none, or longer than cap */
size_t nf_tok_article_form(const char *w, size_t n, size_t *conj, char *out, size_t cap);
/* is w[0..n) nothing but proclitics, maybe with a tatweel (و, وب, بـ glued to a number)? */
int nf_tok_is_proclitic(const char *w, size_t n);
#endif
