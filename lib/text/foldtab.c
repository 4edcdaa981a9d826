/* foldtab.c — see foldtab.h. Ranges end with {0, 0}; maps with {0, NULL}. */
#include "text/foldtab.h"
#include <stddef.h>

const struct nf_cprange nf_fold_space[] = {
	{0x00A0, 0x00A0}, /* NO-BREAK SPACE */
	{0x1680, 0x1680}, /* OGHAM SPACE MARK */
	{0x2000, 0x200A}, /* EN QUAD .. HAIR SPACE (incl. thin space U+2009) */
	{0x202F, 0x202F}, /* NARROW NO-BREAK SPACE */
	{0x205F, 0x205F}, /* MEDIUM MATHEMATICAL SPACE */
	{0x3000, 0x3000}, /* IDEOGRAPHIC SPACE */
	{0, 0},
};

const struct nf_cprange nf_fold_drop[] = {
	{0x00AD, 0x00AD}, /* SOFT HYPHEN */
	{0x061C, 0x061C}, /* ARABIC LETTER MARK */
	{0x0640, 0x0640}, /* ARABIC TATWEEL */
	{0x180E, 0x180E}, /* MONGOLIAN VOWEL SEPARATOR */
	{0x200B, 0x200B}, /* ZERO WIDTH SPACE (ZWNJ 200C and ZWJ 200D are kept) */
	{0x200E, 0x200F}, /* LRM, RLM */
	{0x202A, 0x202E}, /* LRE, RLE, PDF, LRO, RLO */
	{0x2060, 0x2060}, /* WORD JOINER */
	{0x2066, 0x2069}, /* LRI, RLI, FSI, PDI */
	{0xFEFF, 0xFEFF}, /* BOM / ZERO WIDTH NO-BREAK SPACE */
	{0, 0},
};

const struct nf_cprange nf_fold_newline[] = {
	{0x0085, 0x0085}, /* NEXT LINE */
	{0x2028, 0x2029}, /* LINE SEPARATOR, PARAGRAPH SEPARATOR */
	{0, 0},
};

const struct nf_cpmap nf_fold_ascii_punct[] = {
	{0x00AB, "\""}, {0x00B7, "*"}, {0x00BB, "\""},
	{0x2010, "-"}, {0x2011, "-"}, {0x2012, "-"}, {0x2013, "-"}, {0x2014, "-"}, {0x2015, "-"},
	{0x2018, "'"}, {0x2019, "'"}, {0x201A, "'"}, {0x201B, "'"},
	{0x201C, "\""}, {0x201D, "\""}, {0x201E, "\""}, {0x201F, "\""},
	{0x2022, "*"}, {0x2023, "*"}, {0x2026, "..."}, {0x2032, "'"}, {0x2033, "\""},
	{0x2039, "'"}, {0x203A, "'"}, {0x2043, "-"}, {0x2212, "-"}, {0x25CF, "*"}, {0x25E6, "*"},
	{0x2E3A, "-"}, {0x2E3B, "-"}, {0x300C, "\""}, {0x300D, "\""},
	{0, NULL},
};

const int32_t nf_cp1252_high[32] = {
	0x20AC, -1,     0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, -1,     0x017D, -1,
	-1,     0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, -1,     0x017E, 0x0178,
};

/* Characters that UTF-8 text misread as Windows-1252 typically held. A sequence that
 * "decodes" to anything else (CJK, NKo ...) is correct text that happens to look like
 * mojibake, such as French "é" + NBSP + "»" (would be U+983B). */
const struct nf_cprange nf_mojibake_targets[] = {
	{0x00A0, 0x024F}, /* Latin-1 Supplement, Latin Extended-A and -B */
	{0x0370, 0x052F}, /* Greek, Cyrillic */
	{0x0590, 0x06FF}, /* Hebrew, Arabic */
	{0x1E00, 0x1EFF}, /* Latin Extended Additional (Vietnamese) */
	{0x2000, 0x20CF}, /* General Punctuation, super/subscripts, currency signs */
	{0x2100, 0x215F}, /* letterlike symbols (™, №), number forms */
	{0x2190, 0x21FF}, /* arrows */
	{0x2500, 0x25FF}, /* box drawing, geometric shapes (bullets) */
	{0, 0},
};

const char *const nf_html_block_tags[] = {
	"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
	"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
	"nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", NULL,
};
