/* langword.h — the one language-aware word lookup of the language tables (lib/data/,
 * rows LANG<TAB>WORD...): a word is looked up in the rows of the text's language, then in
 * the rows for every language ("*"), then, for a text whose language the table does not
 * know ("", "und", a code without rows) or in an open table, in every language's rows (the
 * first loaded wins). Open tables (money's, modifiers) let a text read words of another
 * language (dlrs, naira in an English text tagged French); closed ones (dates: "Mars" in
 * English is no month) do not. */
#ifndef NF_LANGWORD_H
#define NF_LANGWORD_H
#include <stddef.h>

typedef struct nf_langword nf_langword;

enum {
	NF_LW_OR = 1,      /* a word listed again ORs its values (bit sets), else the first stays */
	NF_LW_NOUNION = 2, /* the row is not seen by texts of other languages */
};

nf_langword *nf_lw_new(void); /* a closed table */
void nf_lw_open(nf_langword *t);  /* make it an open table */
/* add word w[0..n) of language lang ("*": every language) with value v (> 0) */
void nf_lw_add(nf_langword *t, const char *lang, const char *w, size_t n, int v, int flags);
/* declare a language known to the table although it has no row in it */
void nf_lw_know(nf_langword *t, const char *lang);
int nf_lw_knows(const nf_langword *t, const char *lang, size_t langn);
/* the value of w[0..n) for a text in language lang[0..langn) by the rule above; -1 if none */
int nf_lw_get(const nf_langword *t, const char *lang, size_t langn, const char *w, size_t n);
/* the value of w[0..n) in the rows of lang itself only; -1 if none */
int nf_lw_get_own(const nf_langword *t, const char *lang, size_t langn, const char *w, size_t n);
#endif
