/* script.h — the script of a letter: one table of letter ranges by script (Latin, Arabic,
 * Han, kana, Hangul...), sorted, for the language identifier, the tokenizer's "written
 * without spaces" test (nf_is_cjk) and the NER's script feature. */
#ifndef NF_SCRIPT_H
#define NF_SCRIPT_H
#include <stddef.h>
#include <stdint.h>

/* the first five are the scripts whose languages text/langid.c scores */
enum {
	NF_SC_LATN, NF_SC_CYRL, NF_SC_ARAB, NF_SC_DEVA, NF_SC_HEBR,
	NF_SC_GREK, NF_SC_ARMN, NF_SC_THAA, NF_SC_BENG, NF_SC_GURU, NF_SC_GUJR,
	NF_SC_ORYA, NF_SC_TAML, NF_SC_TELU, NF_SC_KNDA, NF_SC_MLYM, NF_SC_SINH, NF_SC_THAI,
	NF_SC_LAOO, NF_SC_TIBT, NF_SC_MYMR, NF_SC_GEOR, NF_SC_HANG, NF_SC_ETHI, NF_SC_KHMR,
	NF_SC_KANA, NF_SC_HANI, NF_N_SCRIPTS, NF_SC_NONE = NF_N_SCRIPTS
};

/* script of a non-ASCII letter cp (NF_SC_NONE for digits, punctuation, marks, ASCII);
 * *hint caches the range last found (start it at 0) */
int nf_script_hint(int32_t cp, size_t *hint);
int nf_script(int32_t cp);
#endif
