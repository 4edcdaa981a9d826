/* segment.c — see segment.h. One pass over each line; the byte table `hot` marks the only
 * bytes that can start a terminator or a line break, so most bytes cost one lookup. */
#include "text/segment.h"
#include "core/buf.h"
#include "core/strset.h"
#include "text/langword.h"
#include "core/utf8.h"
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

extern const char nf_data_split_abbrev_cldr[], nf_data_split_abbrev[], nf_data_split_starters[],
	nf_data_split_starters_extra[], nf_data_split_speech_verbs[], nf_data_split_lower[],
	nf_data_months[], nf_data_split_conventions[], nf_data_split_prepositions[];
extern const unsigned long nf_data_split_abbrev_cldr_len, nf_data_split_abbrev_len,
	nf_data_split_starters_len, nf_data_split_starters_extra_len, nf_data_split_speech_verbs_len,
	nf_data_split_lower_len, nf_data_months_len, nf_data_split_conventions_len,
	nf_data_split_prepositions_len;

enum { ABBR = 1, TITLE = 2, NOT = 4, TIME = 8, LETTER = 16 };
#define MAXLANG 32
#define SOFT_WRAP_MIN 40 /* a wrapped line is at least this long */

/* the word lists, read through text/langword.h (closed tables): the language's rows, then
 * "*"; a text of a language without rows in any of them reads every language's. Unknown
 * languages read the abbreviations as "any", a pseudo-language holding those of every
 * language, where a title no longer vetoes a sentence end (a title in one language may end a
 * sentence in another). */
struct nf_seg_lang {
	char code[8];
	int known;
};

static struct nf_seg_lang langs[MAXLANG], all = {.code = "any"}, none = {.code = ""};
static int nlangs;
static nf_langword *t_abbr, *t_start, *t_month, *t_speech, *t_lower, *t_conv, *t_prep;
static unsigned char hot[256];

static struct nf_seg_lang *lang_slot(const char *code)
{
	for (int i = 0; i < nlangs; i++)
		if (strcmp(langs[i].code, code) == 0)
			return &langs[i];
	if (nlangs == MAXLANG || strlen(code) >= sizeof langs[0].code)
		return NULL;
	struct nf_seg_lang *l = &langs[nlangs++];
	strcpy(l->code, code);
	l->known = 1;
	return l;
}

static void add_abbr(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 2)
		return;
	int v = n > 2 && strcmp(f[2], "not") == 0 ? NOT
		: ABBR | (n > 2 && strcmp(f[2], "title") == 0 ? TITLE : 0) | (n > 2 && strcmp(f[2], "time") == 0 ? TIME : 0) |
		  (n > 2 && strcmp(f[2], "letter") == 0 ? LETTER : 0);
	size_t k = strlen(f[1]);
	int star = strcmp(f[0], "*") == 0;
	if (star || lang_slot(f[0]))
		nf_lw_add(t_abbr, f[0], f[1], k, v, NF_LW_OR | NF_LW_NOUNION);
	if (!star)
		nf_lw_add(t_abbr, all.code, f[1], k, v & ~TITLE, NF_LW_OR | NF_LW_NOUNION);
}

static void add_word(char **f, int n, void *ctx)
{
	nf_langword *t = ctx;
	int col = t == t_month ? 2 : 1; /* months.tsv: LANG NUM NAME FORM */
	if (n > col && lang_slot(f[0]))
		nf_lw_add(t, f[0], f[col], strlen(f[col]), 1, NF_LW_OR);
}

void nf_seg_init(void)
{
	if (t_abbr)
		return;
	t_abbr = nf_lw_new(), t_start = nf_lw_new(), t_month = nf_lw_new(), t_speech = nf_lw_new();
	t_conv = nf_lw_new(), t_prep = nf_lw_new(); /* t_lower (20,000 words) on first use: only the splitter needs it */
	nf_table_each(nf_data_split_abbrev_cldr, nf_data_split_abbrev_cldr_len, add_abbr, NULL);
	nf_table_each(nf_data_split_abbrev, nf_data_split_abbrev_len, add_abbr, NULL);
	nf_table_each(nf_data_split_starters, nf_data_split_starters_len, add_word, t_start);
	nf_table_each(nf_data_split_starters_extra, nf_data_split_starters_extra_len, add_word, t_start);
	nf_table_each(nf_data_split_speech_verbs, nf_data_split_speech_verbs_len, add_word, t_speech);
	nf_table_each(nf_data_months, nf_data_months_len, add_word, t_month);
	nf_table_each(nf_data_split_conventions, nf_data_split_conventions_len, add_word, t_conv);
	nf_table_each(nf_data_split_prepositions, nf_data_split_prepositions_len, add_word, t_prep);
	/* a language with rows in one list knows the others: no rows there is an empty list */
	nf_langword *const lists[] = {t_abbr, t_start, t_speech, t_conv, t_prep};
	for (int i = 0; i < nlangs; i++)
		for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
			nf_lw_know(lists[k], langs[i].code);
	hot['.'] = hot['!'] = hot['?'] = hot['\n'] = hot[')'] = 1;
	/* lead bytes of the multi-byte terminators */
	hot[0xE2] = hot[0xDB] = hot[0xE3] = hot[0xEF] = hot[0xE0] = hot[0xD6] = hot[0xE1] = 1;
	hot[0x9F] = 1; /* ؟ is D8 9F: its second byte is much rarer in Arabic text than D8 */
}

const nf_seg_lang *nf_seg_lang_get(const char *code, size_t n)
{
	for (int i = 0; i < nlangs; i++)
		if (strlen(langs[i].code) == n && memcmp(langs[i].code, code, n) == 0)
			return &langs[i];
	return &all;
}

/* ---- characters ---- */

static int32_t cp_at(const char *t, size_t i, size_t e, size_t *len)
{
	int32_t cp;
	*len = nf_utf8_dec((const unsigned char *)t + i, (const unsigned char *)t + e, &cp);
	return cp;
}

static int is_term(int32_t c)
{
	switch (c) {
	case '.': case '!': case '?': case 0x2026: case 0x061F: case 0x06D4: case 0x3002: case 0xFF01:
	case 0xFF1F: case 0xFF61: case 0x0964: case 0x0965: case 0x0589: case 0x1362: case 0x104B:
	case 0x203C: case 0x2047: case 0x2048: case 0x2049:
		return 1;
	}
	return 0;
}

static int is_cjk_term(int32_t c) { return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61; }

static int is_closer(int32_t c)
{
	switch (c) {
	case '"': case '\'': case ')': case ']': case '}': case 0x201D: case 0x2019: case 0x00BB:
	case 0x203A: case 0x300D: case 0x300F: case 0xFF09: case 0x3009: case 0x300B: case 0x201C:
	case 0x00AB: case 0x2039: /* German »...« : closing when glued to the terminator */
	case 0x2018: /* German ‚...‘ */
		return 1;
	}
	return 0;
}

static int is_opener(int32_t c)
{
	switch (c) {
	case '"': case '\'': case '(': case '[': case '{': case 0x201C: case 0x2018: case 0x00AB:
	case 0x2039: case 0x201E: case 0x201A: case 0x300C: case 0x300E: case 0x00BF: case 0x00A1:
	case 0xFF08: case '-': case 0x2013: case 0x2014: case 0x2022: case '*':
		return 1;
	}
	return 0;
}

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int category(int32_t c)
{
	if (c < 0x80) {
		if (c >= 'a' && c <= 'z') return UTF8PROC_CATEGORY_LL;
		if (c >= 'A' && c <= 'Z') return UTF8PROC_CATEGORY_LU;
		if (c >= '0' && c <= '9') return UTF8PROC_CATEGORY_ND;
		return UTF8PROC_CATEGORY_PO;
	}
	return c < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_get_property(c)->category;
}

static int is_letter(int32_t c)
{
	int k = category(c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

/* ---- word lists ---- */

static int get(const nf_langword *t, const nf_seg_lang *L, const char *w, size_t n)
{
	return nf_lw_get(t, L->code, strlen(L->code), w, n);
}

/* flags of the abbreviation w (with its final period), trying "Ca." as "ca." too */
static int abbrev1(const nf_seg_lang *L, const char *w, size_t n)
{
	int v = get(t_abbr, L, w, n);
	if (v < 0 && n < 32 && w[0] >= 'A' && w[0] <= 'Z') {
		char b[32];
		memcpy(b, w, n);
		b[0] = (char)(b[0] | 32);
		v = get(t_abbr, L, b, n);
	}
	return v >= 0 && (v & NOT) ? -1 : v;
}

static int abbrev(const nf_seg_lang *L, const char *w, size_t n)
{
	int v = abbrev1(L, w, n);
	for (size_t i = 0; v < 0 && i + 1 < n && i < 5; i++) /* elided article: l’art., dell’art. */
		if (w[i] == '\'')
			return abbrev1(L, w + i + 1, n - i - 1);
		else if (i + 3 < n && memcmp(w + i, "\xE2\x80\x99", 3) == 0)
			return abbrev1(L, w + i + 3, n - i - 3);
	return v;
}

/* w[0..n) (with its period) in capitals, three letters or more, a title when written as in a
 * sentence ("GEN." as "Gen."), and the next word x in capitals too? */
static int caps_title(const nf_seg_lang *L, const char *w, size_t n, const char *x, size_t xn)
{
	char b[32];
	if (n < 4 || n >= sizeof b || xn < 2 || !(x[0] >= 'A' && x[0] <= 'Z') || !(x[1] >= 'A' && x[1] <= 'Z'))
		return 0;
	b[0] = w[0];
	for (size_t q = 0; q + 1 < n; q++)
		if (w[q] < 'A' || w[q] > 'Z')
			return 0;
		else if (q)
			b[q] = (char)(w[q] | 32);
	b[n - 1] = '.';
	int v = get(t_abbr, L, b, n);
	return v >= 0 && (v & TITLE) && !(v & NOT);
}

/* is the word before t[ws] a spelled letter (abbrev.tsv "letter") written without its period? */
static int letter_before(const nf_seg_lang *L, const char *t, size_t bs, size_t ws)
{
	size_t pe = ws, ps;
	while (pe > bs && t[pe - 1] == ' ')
		pe--;
	for (ps = pe; ps > bs && !is_space((unsigned char)t[ps - 1]);)
		ps--;
	char b[32];
	if (ps == pe || pe - ps >= sizeof b)
		return 0;
	memcpy(b, t + ps, pe - ps);
	b[pe - ps] = '.';
	int v = abbrev(L, b, pe - ps + 1);
	return v >= 0 && (v & LETTER);
}

/* length of the word (letters, marks) at t[k..e) */
static size_t word_len(const char *t, size_t k, size_t e)
{
	size_t i = k, l;
	while (i < e) {
		int32_t c = cp_at(t, i, e, &l);
		int cat = category(c);
		if (!(is_letter(c) || cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC))
			break;
		i += l;
	}
	return i - k;
}

static int is_starter(const nf_seg_lang *L, const char *w, size_t n)
{
	return n && get(t_start, L, w, n) >= 0;
}

int nf_seg_is_starter(const nf_seg_lang *L, const char *w, size_t n) { return is_starter(L, w, n); }

static int is_month(const nf_seg_lang *L, const char *w, size_t n)
{
	(void)L; /* the months of every language */
	if (!n || n > 40)
		return 0;
	size_t fl;
	char *f = nf_utf8_casefold(w, n, &fl);
	int r = get(t_month, &none, f, fl) >= 0; /* the months of every language: "12. September" */
	free(f);
	return r;
}

/* from the verb of saying at t[k]: does the attribution end within a few words ("CNN
 * reported.", "said Mr. Smith, adding")? Not when a colon or a quotation follows it ("She
 * continued, \"I"), nor when it runs on ("She said no one had told her") */
static int attribution_ends(const char *t, size_t k, size_t e)
{
	for (int w = 0; w < 5; w++) {
		size_t s = k, p, l;
		while (k < e && !is_space((unsigned char)t[k]))
			k++;
		for (p = k; p > s && ((unsigned char)t[p - 1] & 0xC0) == 0x80;)
			p--;
		int32_t c = p > s ? cp_at(t, p - 1, k, &l) : 0;
		while (k < e && is_space((unsigned char)t[k]))
			k++;
		if (c == ':')
			return 0;
		if (c == ',' || c == 0x060C) /* a comma, unless a quotation opens after it */
			return k >= e || !is_opener(cp_at(t, k, e, &l));
		if (is_term(c) || c == ';' || k >= e)
			return 1;
	}
	return 0;
}

/* a verb of saying among the next three words, before any terminator, whose clause ends soon */
static int speech_follows(const nf_seg_lang *L, const char *t, size_t k, size_t e)
{
	for (int w = 0; w < 3 && k < e; w++) {
		size_t n = word_len(t, k, e), l;
		if (n == 0)
			return 0;
		if (get(t_speech, L, t + k, n) >= 0)
			return attribution_ends(t, k, e);
		k += n;
		while (k < e && t[k] == ' ')
			k++;
		if (k < e && is_term(cp_at(t, k, e, &l)))
			return 0;
	}
	return 0;
}

enum { LOWER = 1, NAME = 2 };

/* lower.tsv: LANG WORD [name] */
static void add_lower(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n > 1 && lang_slot(f[0]))
		nf_lw_add(t_lower, f[0], f[1], strlen(f[1]), n > 2 && strcmp(f[2], "name") == 0 ? NAME : LOWER, NF_LW_OR);
}

static void load_lower(void)
{
	t_lower = nf_lw_new();
	nf_table_each(nf_data_split_lower, nf_data_split_lower_len, add_lower, NULL);
	for (int i = 0; i < nlangs; i++)
		nf_lw_know(t_lower, langs[i].code);
}

/* a capitalised word that is usually written in lower case ("Demand") starts a sentence,
 * unless it is also a word of names ("the U.S. Government said"): its lower.tsv flags, 0 if none */
static int lower_word(const nf_seg_lang *L, const char *w, size_t n)
{
	if (!t_lower)
		load_lower();
	if (!n || n > 40 || !L->known)
		return 0; /* without a language, the union of lists would hold too much ("euro") */
	for (size_t i = 1; i < n; i++)
		if (w[i] >= 'A' && w[i] <= 'Z')
			return 0; /* not in the usual capitalised form: KG, IBM */
	size_t fl;
	char *f = nf_utf8_casefold(w, n, &fl);
	int r = get(t_lower, L, f, fl);
	free(f);
	return r < 0 ? 0 : r;
}

/* after an abbreviation or an initial: does the next word start a sentence? Not when it is
 * an initial itself ("В. В. Иванов": В is also a preposition). In a script without case
 * (Arabic), a usual starter does ("... 1436 ه. وأضاف") */
static int starts_sentence(const nf_seg_lang *L, const char *w, size_t n, size_t avail, int upper, int caseless)
{
	if (n < avail && w[n] == '.')
		return 0;
	if (upper && !is_starter(L, w, n) && lower_word(L, w, n) == LOWER) {
		size_t p = n, l;
		while (p < avail && w[p] == ' ')
			p++; /* a name of capitalised words goes on: "the U.S. Drought Monitor" */
		return p == n || p >= avail || category(cp_at(w, p, avail, &l)) != UTF8PROC_CATEGORY_LU ||
		       is_starter(L, w + p, word_len(w, p, avail));
	}
	return (upper && is_starter(L, w, n)) || (caseless && is_starter(L, w, n));
}

/* ---- the decision at a terminator ---- */

/* is the word at ws an item of a list: after ":" or a bullet? ("steps: 1. Cut", "• 9. The") */
static int list_context(const char *t, size_t bs, size_t ws)
{
	while (ws > bs && t[ws - 1] == ' ')
		ws--;
	if (ws == bs)
		return 1;
	if (t[ws - 1] == ':')
		return 1;
	return ws - bs >= 3 && memcmp(t + ws - 3, "\xE2\x80\xA2", 3) == 0;
}

static const char *const roman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"};

/* the marker before m[0..n) in its sequence (2 -> 1, b -> a, iii -> ii) into p; its length, 0 if none */
static size_t marker_before(const char *m, size_t n, char *p, int roman_ok)
{
	if (n <= 3 && m[0] >= '0' && m[0] <= '9') {
		int v = 0;
		for (size_t q = 0; q < n; q++) {
			if (m[q] < '0' || m[q] > '9')
				return 0;
			v = v * 10 + m[q] - '0';
		}
		return v >= 2 ? (size_t)snprintf(p, 8, "%d", v - 1) : 0;
	}
	if (roman_ok)
		for (size_t r = 1; r < sizeof roman / sizeof roman[0]; r++)
			if (strlen(roman[r]) == n && memcmp(roman[r], m, n) == 0)
				return (size_t)snprintf(p, 8, "%s", roman[r - 1]);
	if (n == 1 && m[0] > 'a' && m[0] <= 'z') { /* not capitals: initials, "H. K. L. Bhagat" */
		p[0] = (char)(m[0] - 1);
		return 1;
	}
	return 0;
}

/* An inline list: is t[ms..me) (a number, letter or roman numeral; punctuation pe) the next
 * marker of a list whose previous marker, with the same punctuation, is in t[us..ms)?
 * ("1.) ... 2.)", "a. ... b.", "i) ... ii)") */
static int list_marker(const char *t, size_t us, size_t ms, size_t me, size_t pe)
{
	char p[8];
	size_t n = marker_before(t + ms, me - ms, p, 1), pn = pe - me;
	if (!n || ms <= us)
		return 0;
	for (size_t q = us; q + n + pn <= ms; q++)
		if ((q == us || t[q - 1] == ' ') && memcmp(t + q, p, n) == 0 && memcmp(t + q + n, t + me, pn) == 0 &&
		    q + n + pn < ms && t[q + n + pn] == ' ')
			return 1;
	return 0;
}

/* at t[i], '.' or ')': the end of a list marker (after a space, an item in capitals after
 * it) that continues a list begun in t[us..)? Then its first byte, else 0. */
static size_t list_split(const char *t, size_t us, size_t i, size_t e)
{
	size_t pe = i + 1, ms = i, l;
	if (t[i] == '.' && pe < e && t[pe] == ')')
		pe++;
	if (pe + 1 >= e || t[pe] != ' ')
		return 0;
	int cat = category(cp_at(t, pe + 1, e, &l));
	if (cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LT)
		return 0;
	while (ms > us && ms + 4 > i && t[ms - 1] != ' ')
		ms--;
	if (ms == i || ms <= us || t[ms - 1] != ' ')
		return 0;
	return list_marker(t, us, ms, i, pe) ? ms : 0;
}

/* does the unit at us begin the text or follow a sentence's end (not a line cut inside one)? */
static int after_end(const char *t, size_t us)
{
	while (us > 0 && is_space((unsigned char)t[us - 1]))
		us--;
	if (us == 0)
		return 1;
	size_t p = us - 1, l;
	while (p > 0 && ((unsigned char)t[p] & 0xC0) == 0x80)
		p--; /* the last character's first byte */
	int32_t c = cp_at(t, p, us, &l);
	return is_term(c) || is_closer(c) || c == ':';
}

/* a bracketed aside standing as a sentence: t[k] is '(' (the opener before the word at k2), and
 * its ')' is followed by a terminator or the end: "partecipare. (applausi dai banchi). Quindi" */
static int aside(const char *t, size_t k, size_t k2, size_t e)
{
	if (t[k] != '(' || k2 != k + 1)
		return 0;
	size_t l;
	for (size_t p = k2; p < e && p < k2 + 200; p += l) {
		int32_t c = cp_at(t, p, e, &l);
		if (c == ')')
			return p + 1 >= e || is_term(cp_at(t, p + 1, e, &l));
		if (c == '(' || is_term(c))
			return 0;
	}
	return 0;
}

/* t[i..j) is the terminator run with its closers, k the first byte of the next token, bs the
 * first byte of the block. Does a sentence end at j? */
static int boundary(const char *t, size_t bs, size_t i, size_t j, size_t k, size_t e, const nf_seg_lang *L)
{
	size_t l, k2 = k;
	int32_t c = cp_at(t, k2, e, &l);
	while ((is_opener(c) || (c == ',' && k2 + 2 < e && t[k2 + 1] == ',')) && k2 + l < e) {
		/* “The, (In, ¿Qué, — Dit, ,,Dit (Dutch quotes typed in ASCII) */
		if (c == ',' && !L->known)
			L = nf_seg_lang_get("nl", 2); /* only Dutch types ,,: a text without a language
			                               * reads the Dutch lists there ("zei hij o.a. ,,Wij") */
		k2 += c == ',' ? 2 : l;
		for (;;) /* spaces, and the no-break spaces of French typing ("«\u00A0Je") */
			if (k2 < e && t[k2] == ' ')
				k2++;
			else if (k2 + 1 < e && memcmp(t + k2, "\xC2\xA0", 2) == 0)
				k2 += 2;
			else if (k2 + 2 < e && memcmp(t + k2, "\xE2\x80\xAF", 3) == 0)
				k2 += 3;
			else
				break;
		c = cp_at(t, k2, e, &l);
	}
	int cat = category(c);
	int upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT, caseless = cat == UTF8PROC_CATEGORY_LO && !nf_is_cjk(c);
	if (cat == UTF8PROC_CATEGORY_LL) { /* lower case, unless a name like eBay or iPhone */
		size_t p = k2 + l, wl;
		int32_t d = p < e ? cp_at(t, p, e, &wl) : 0;
		if (category(d) != UTF8PROC_CATEGORY_LU && !aside(t, k, k2, e))
			return 0;
		upper = 1;
	}
	if (c == 0x3068 && k2 == j) { /* Japanese quotative: 「...。」と */
		int32_t q = cp_at(t, j >= i + 3 ? j - 3 : i, j, &l); /* not j - 3 below 0 */
		if (q == 0x300D || q == 0x300F)
			return 0;
	}
	/* what the run holds */
	int periods = 0, other = 0, quoted = 0;
	for (size_t p = i; p < j;) {
		int32_t r = cp_at(t, p, j, &l);
		if (r == '.')
			periods++;
		else if (r == 0x2026)
			periods += 3;
		else if (is_term(r))
			other++;
		else if (is_closer(r) && r != ')' && r != ']' && r != '}')
			quoted = 1;
		p += l;
	}
	if (other) /* ! ? ؟ ..., unless a quotation's attribution follows: "Ready?" CNN reported. */
		return !(quoted && speech_follows(L, t, k2, e));
	if (periods > 1)
		return upper; /* an ellipsis ends a sentence only before a capital */
	size_t nw = word_len(t, k2, e);
	/* the word before the period, without opening quotes or brackets */
	size_t ws = i;
	while (ws > bs && !is_space((unsigned char)t[ws - 1]) && !(ws - bs >= 2 && memcmp(t + ws - 2, "\xC2\xA0", 2) == 0) &&
	       !(ws - bs >= 3 && memcmp(t + ws - 3, "\xE2\x80\xAF", 3) == 0))
		ws--; /* back to a space or a no-break space ("U.\u00A0S.") */
	for (;;) {
		int32_t o = cp_at(t, ws, i + 1, &l);
		if (ws < i && is_opener(o) && o != '-')
			ws += l;
		else
			break;
	}
	size_t wn = i + 1 - ws; /* with the period */
	if (wn == 1)
		return 1; /* a period standing alone: "opgericht ." */
	int digits = 1;
	for (size_t p = ws; p < i; p++)
		if (t[p] < '0' || t[p] > '9')
			digits = 0;
	if (digits) {
		size_t fs = bs;
		while (fs < i && is_space((unsigned char)t[fs]))
			fs++;
		if (ws == fs && (wn <= 4 || after_end(t, bs)))
			return 0; /* a number alone is no sentence: a list or an article number, "1. R&D-centrum",
			           * "edificio. 1012. Usurpazioni durante l'usufrutto" (not a year that
			           * begins a wrapped line: "until his retirement in\n1980. He will") */
		if (wn > 4)
			return 1; /* a year or amount: "in 2024. The" */
		if (list_context(t, bs, ws))
			return 0; /* a list number: "steps: 1. Cut" */
		if (is_month(L, t + k2, nw))
			return 0; /* a date: "12. September" */
		if (upper && !is_starter(L, t + k2, nw) && get(t_conv, L, "ordinal", 7) > 0)
			return 0; /* a German ordinal: "zum 3. Mal" */
		return 1;
	}
	int v = abbrev(L, t + ws, wn);
	if (v >= 0 && (v & TITLE))
		return 0;
	if (v < 0 && caps_title(L, t + ws, wn, t + k2, e - k2))
		return 0; /* a line in capitals: "ARGUMENT OF GEN. ELIZABETH PRELOGAR" */
	if (caseless && wn == 2 && (unsigned char)t[ws] < 0x80 && is_letter((unsigned char)t[ws]))
		return 1; /* a Latin letter, then a script without case: "لحرف u. وذكرت" */
	if (v >= 0 && (v & LETTER) && letter_before(L, t, bs, ws))
		return 1; /* the last letter of a name spelled out: "إم إس إن بي سي." */
	if (is_month(L, t + ws, wn - 1)) /* "Jun. 5" goes on, "Lei Jun. Xiaomi" ends */
		return cat != UTF8PROC_CATEGORY_ND;
	if (v >= 0 && (v & TIME) && upper && k2 + nw < e && t[k2 + nw] == '.') {
		int v2 = abbrev(L, t + k2, nw + 1); /* "5 p.m. Mr. Smith": a title after a time */
		if (v2 >= 0 && !(v2 & TIME)) {
			size_t fs = bs;
			while (fs < i && (is_space((unsigned char)t[fs]) || is_opener(cp_at(t, fs, i, &l))))
				fs += is_space((unsigned char)t[fs]) ? 1 : l;
			return get(t_prep, L, t + fs, word_len(t, fs, i)) < 0; /* not "At 5 a.m. Mr." */
		}
	}
	if (v >= 0)
		return starts_sentence(L, t + k2, nw, e - k2, upper, caseless);
	/* an initial ("J. R. Smith") or letters with periods ("A.B.") */
	int initial = 1;
	for (size_t p = ws; p < i;) {
		int32_t r = cp_at(t, p, i, &l);
		size_t q = p + l;
		if (!is_letter(r) || (q < i && t[q] != '.'))
			initial = 0;
		p = q < i && t[q] == '.' ? q + 1 : q;
	}
	if (initial && wn == 2 && (ws == bs || list_context(t, bs, ws)))
		return 0; /* a one-letter item: "choose: a. The red one" */
	if (initial)
		return starts_sentence(L, t + k2, nw, e - k2, upper, caseless);
	return 1;
}

/* ---- units ---- */

static void emit(const char *t, size_t s, size_t e, nf_seg_cb cb, void *ctx)
{
	while (s < e && is_space((unsigned char)t[s]))
		s++;
	while (e > s && is_space((unsigned char)t[e - 1]))
		e--;
	if (e > s)
		cb(s, e, ctx);
}

/* a run with ! or ? (full-width forms that nf-normalize folded to ASCII) */
static int other_term(const char *t, size_t i, size_t j)
{
	for (size_t p = i; p < j; p++)
		if (t[p] == '!' || t[p] == '?')
			return 1;
	return 0;
}

/* is the ASCII quotation mark q ('' or ") open at i? '': an opening ,, or '' in t[bs..i) (the
 * Dutch marks); ": an odd number of them in t[bs..i) */
static int quote_opened(const char *t, size_t bs, size_t i, char q)
{
	int n = 0;
	for (size_t p = bs; p < i; p++)
		if (q == '"')
			n += t[p] == '"';
		else if (p + 1 < i && (t[p] == ',' || t[p] == '\'') && t[p + 1] == t[p])
			return 1;
	return n & 1;
}

/* after an omission "(...)": does a usual sentence starter follow ("(...) We hebben")? */
static int omission_ends(const char *t, size_t k, size_t e, const nf_seg_lang *L)
{
	size_t l;
	if (k >= e || t[k] != ' ')
		return 0;
	while (k < e && t[k] == ' ')
		k++;
	int cat = k < e ? category(cp_at(t, k, e, &l)) : 0;
	return cat == UTF8PROC_CATEGORY_LU && is_starter(L, t + k, word_len(t, k, e));
}

/* another bullet • in the unit, before i or after it */
static int bullet_again(const char *t, size_t us, size_t i, size_t e)
{
	for (size_t p = us; p + 2 < e; p++)
		if (p != i && memcmp(t + p, "\xE2\x80\xA2", 3) == 0)
			return 1;
	return 0;
}

/* footnote marks after a sentence, "Dulwich. [17] Placed", "1805. [6][7]": the end of the
 * last one, else j */
static size_t footnotes(const char *t, size_t j, size_t e)
{
	size_t s = j;
	while (s < e && t[s] == ' ')
		s++;
	size_t r = s;
	while (r + 2 < e && t[r] == '[' && t[r + 1] >= '0' && t[r + 1] <= '9') {
		size_t q = r + 1;
		while (q < e && q < r + 4 && t[q] >= '0' && t[q] <= '9')
			q++;
		if (q >= e || t[q] != ']')
			break;
		r = q + 1;
	}
	return r > s && (r >= e || is_space((unsigned char)t[r])) ? r : j;
}

static int is_arabic_letter(int32_t c) { return c >= 0x0620 && c <= 0x064A; }

/* Arabic typed without a space after the terminator t[i..j): between two Arabic words, ؟ or !
 * ends a sentence, and a single period does before a usual starter ("الحريق.وأكد"), not inside
 * letters ("بي.بي.سي") or names ("العربية.نت") */
static int glued_arabic(const char *t, size_t bs, size_t i, size_t j, size_t e, const nf_seg_lang *L)
{
	size_t p = i, l;
	if (p == bs || j >= e)
		return 0;
	do
		p--;
	while (p > bs && ((unsigned char)t[p] & 0xC0) == 0x80);
	if (!is_arabic_letter(cp_at(t, p, i, &l)) || !is_arabic_letter(cp_at(t, j, e, &l)))
		return 0;
	for (size_t q = i; q < j; q += l) {
		int32_t r = cp_at(t, q, j, &l);
		if (r == '!' || r == '?' || r == 0x061F)
			return 1;
	}
	return j == i + 1 && t[i] == '.' && is_starter(L, t + j, word_len(t, j, e));
}

static void scan_block(const char *t, size_t bs, size_t e, const nf_seg_lang *L, nf_seg_cb cb, void *ctx)
{
	size_t us = bs, i = bs, l;
	while (i < e) {
		while (i < e && !hot[(unsigned char)t[i]]) /* the fast path: most bytes */
			i++;
		if (i >= e)
			break;
		unsigned char b = (unsigned char)t[i];
		if (b == 0x9F) {
			if (i == bs || (unsigned char)t[i - 1] != 0xD8) {
				i++;
				continue;
			}
			i--; /* ؟ */
		}
		int32_t c = cp_at(t, i, e, &l);
		size_t ms;
		if ((b == '.' || b == ')') && (ms = list_split(t, us, i, e))) {
			emit(t, us, ms, cb, ctx); /* "... first item 2.) The second item" */
			us = ms;
		} else if (c == 0x2022 && i > us && t[i - 1] == ' ' && bullet_again(t, us, i, e)) {
			emit(t, us, i, cb, ctx); /* "Highlights • Revenue up • Margin" */
			us = i;
		}
		if (!is_term(c)) {
			i += l;
			continue;
		}
		/* the run: more terminators, then closing quotes and brackets */
		size_t j = i + l;
		int cjk = is_cjk_term(c);
		while (j < e && is_term(c = cp_at(t, j, e, &l)))
			j += l, cjk |= is_cjk_term(c);
		if (t[i] == '.') /* a spaced ellipsis ". . ." is one run: one end at most, after it */
			for (size_t s = j; s < e && t[s] == ' ';) {
				while (s < e && t[s] == ' ')
					s++;
				if (s >= e || t[s] != '.')
					break;
				j = ++s;
				while (j < e && t[j] == '.')
					j++;
				s = j;
			}
		if (i > bs && (t[i - 1] == '[' || t[i - 1] == '(') && j < e && (t[j] == ']' || t[j] == ')') &&
		    !other_term(t, i, j) && !omission_ends(t, j + 1, e, L)) {
			i = j; /* an omission, [...] or (…), ends nothing, unless a usual starter follows */
			continue;
		}
		while (j < e && is_closer(c = cp_at(t, j, e, &l)))
			j += l;
		for (;;) { /* French spacing: "secteur. » La" — a spaced » or › that closes */
			size_t s = j;
			while (s < e && t[s] == ' ')
				s++;
			if (s == j || s >= e || ((c = cp_at(t, s, e, &l)) != 0x00BB && c != 0x203A) ||
			    !(s + l >= e || is_space((unsigned char)t[s + l])))
				break;
			j = s + l;
		}
		{ /* spaced closing quote: "streep. ''" (Dutch typing), "misleiden. \"" — a '' or "
		   * standing alone after the terminator closes a quotation opened before it */
			size_t s = j, q = 0;
			while (s < e && t[s] == ' ')
				s++;
			if (s > j && s < e && t[s] == '"')
				q = 1;
			else if (s > j && s + 1 < e && t[s] == '\'' && t[s + 1] == '\'')
				q = 2;
			if (q && (s + q >= e || is_space((unsigned char)t[s + q])) && quote_opened(t, bs, i, t[s]))
				j = s + q;
		}
		j = footnotes(t, j, e);
		if (j >= e)
			break;
		size_t k = j;
		while (k < e && is_space((unsigned char)t[k]))
			k++;
		if (k == j && !cjk && !(c > 0x7F && nf_is_cjk(c) && other_term(t, i, j))) {
			if (glued_arabic(t, bs, i, j, e, L)) {
				emit(t, us, j, cb, ctx); /* "الحريق.وأكد", "النووي؟الأمير" */
				us = j;
			}
			i = j;
			continue;
		}
		if (k >= e || boundary(t, us, i, j, k, e, L)) {
			emit(t, us, j, cb, ctx);
			us = k;
		}
		i = k;
	}
	emit(t, us, e, cb, ctx);
}

static int ends_open(const char *t, size_t s, size_t e)
{ /* the line ends without final punctuation and is long enough to be a wrapped line */
	while (e > s && is_space((unsigned char)t[e - 1]))
		e--;
	if (e - s < SOFT_WRAP_MIN)
		return 0;
	unsigned char c = (unsigned char)t[e - 1];
	return !(c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c >= 0x80 || c == '"' || c == ')');
}

static int starts_lower(const char *t, size_t s, size_t e)
{
	size_t l;
	while (s < e && (t[s] == ' ' || t[s] == '\t'))
		s++;
	return s < e && category(cp_at(t, s, e, &l)) == UTF8PROC_CATEGORY_LL;
}

void nf_seg_sentences(const char *t, size_t n, const nf_seg_lang *L, int unwrap, nf_seg_cb cb, void *ctx)
{
	size_t ls = 0;
	while (ls < n) {
		const char *nl = memchr(t + ls, '\n', n - ls);
		size_t le = nl ? (size_t)(nl - t) : n, bs = ls;
		/* join soft-wrapped lines into one block */
		while (unwrap && le < n) {
			const char *nn = memchr(t + le + 1, '\n', n - le - 1);
			size_t ne = nn ? (size_t)(nn - t) : n;
			if (!ends_open(t, ls, le) || !starts_lower(t, le + 1, ne))
				break;
			ls = le + 1;
			le = ne;
		}
		scan_block(t, bs, le, L, cb, ctx);
		ls = le + 1;
	}
}

void nf_seg_paragraphs(const char *t, size_t n, nf_seg_cb cb, void *ctx)
{
	size_t ps = 0, ls = 0;
	while (ls <= n) {
		const char *nl = ls < n ? memchr(t + ls, '\n', n - ls) : NULL;
		size_t le = nl ? (size_t)(nl - t) : n, k = ls;
		while (k < le && is_space((unsigned char)t[k]))
			k++;
		if (k == le) { /* a blank line ends the paragraph */
			emit(t, ps, ls, cb, ctx);
			ps = le + 1;
		}
		if (!nl)
			break;
		ls = le + 1;
	}
	if (ps < n)
		emit(t, ps, n, cb, ctx);
}
