/* dupkey-paths.c — exact mode's fast path against its general path (dedupe.bats): for each
 * text, the one-pass fast path (nf_dupkey_exact_fast) and the general path
 * (nf_dupkey_make_slow) must give the same exact key and the same number of words, with and
 * without a scope seed, whenever the fast path takes the text.
 * Usage: dupkey-paths < lines        (a text per line, as read: no unescaping)
 *        dupkey-paths --random N     (N texts drawn from fragments of many scripts and forms)
 * Prints "N texts, F fast, D declined, X differ" and each text that differs; exit 1 if any. */
#include "dedupe/dupkey.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long texts, fast, declined, differ;

static void check(const char *s, size_t n)
{
	static nf_dupkey a, b;
	texts++;
	for (int i = 0; i < 2; i++) {
		uint64_t seed = i ? 0x5C09Eull | 1 : 0;
		nf_dupkey_make_slow(&b, s, n, 0, seed);
		if (!nf_dupkey_exact_fast(&a, s, n, seed)) {
			declined += i == 0;
			continue;
		}
		fast += i == 0;
		if (a.exact != b.exact || a.ntok != b.ntok) {
			differ++;
			printf("differ (seed %d): fast %016llx %zu words, general %016llx %zu words: %.*s\n", i,
			       (unsigned long long)a.exact, a.ntok, (unsigned long long)b.exact, b.ntok, (int)n, s);
		}
	}
}

/* pieces of text: what the fast path reads (ASCII, two- and three-byte letters, marks,
 * separators, own-word scripts, letters folding to two characters or more) and what it must
 * decline (entities, controls, C1 controls, mojibake, invalid bytes, four-byte characters) */
static const char *const frag[] = {
	"a", "Z", "q", "7", "0", " ", "  ", ".", ",", "-", "'", "\t", "\r", "\\", "\"", "(", ")", "/", ":",
	"The", "MARKET", "rose", "3.5%", "U.S.", "e-mail", "don't",
	"\xC3\xA9", "e\xCC\x81", "\xC3\x89", "E\xCC\x81", "\xC3\xB1", "n\xCC\x83", "\xC3\x9F", "\xE1\xBA\x9E", /* é e+acute É E+acute ñ n+tilde ß ẞ */
	"\xC4\xB0", "\xC4\xB1", "\xC5\x89", "\xC7\x84", "\xC7\x85", "\xEF\xAC\x81", "\xEF\xAC\x83", /* İ ı ŉ Ǆ ǅ ﬁ ﬃ */
	"\xCE\xA3", "\xCF\x82", "\xCF\x83", "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", /* Σ ς σ Москва */
	"\xD8\xA7\xD9\x84\xD8\xB3\xD8\xB9\xD9\x88\xD8\xAF\xD9\x8A\xD8\xA9", "\xD9\x8E", "\xD9\x80", "\xD8\x8C", "\xD9\xA3", "\xDB\xB5", /* السعودية fatha tatweel ، ٣ ۵ */
	"\xEF\xB7\xBA", "\xEF\xB7\xB2", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", /* ﷺ ﷲ שלום */
	"\xE4\xB8\xAD", "\xE6\x96\x87", "\xE3\x81\x82", "\xE3\x82\xAB", "\xED\x95\x9C", "\xE0\xB8\x81", "\xE0\xB8\xB2", /* 中 文 あ カ 한 ก า */
	"\xE0\xA4\xB9\xE0\xA4\xBF", "\xE3\x80\x82", "\xEF\xBC\xA1", "\xEF\xBC\x91", "\xE2\x91\xA0", "\xE2\x91\xA9", "\xE3\x88\xB1", /* हि 。 Ａ １ ① ⑩ ㈱ */
	"\xC2\xA0", "\xC2\xAD", "\xE2\x80\x8B", "\xE2\x80\x94", "\xE2\x80\x9C", "\xC2\xA9", "\xE2\x82\xAC", "\xEF\xBB\xBF", /* NBSP SHY ZWSP — “ © € BOM */
	"&", "&amp;", "&#233;", "\x01", "\x7F", "\xC2\x85", "\xC3\xA2\xE2\x82\xAC", "\xC3\xA9\xC2", "\xC3\x83\xC2\xA9", /* to decline */
	"\xF0\x9F\x98\x80", "\xF0\xA0\x80\x80", "\xC3", "\xE4\xB8", "\x80", "\xC0\xAF", "\xED\xA0\x80", "\xE0\x80\xAF", "\xFF",
};

int main(int argc, char **argv)
{
	nf_dupkey_init();
	if (argc == 3 && strcmp(argv[1], "--random") == 0) {
		unsigned long n = strtoul(argv[2], NULL, 10);
		uint64_t r = 0x9E3779B97F4A7C15ull;
		size_t nf = sizeof frag / sizeof *frag, clean = 0;
		while (strcmp(frag[clean], "&") != 0) /* frag[0..clean): what the fast path reads */
			clean++;
		char buf[4096];
		for (unsigned long i = 0; i < n; i++) {
			size_t len = 0;
			r = r * 6364136223846793005ull + 1442695040888963407ull;
			int parts = (int)(r >> 58) + 1;
			size_t from = (r >> 40 & 3) ? clean : nf; /* three texts in four: clean pieces only */
			for (int j = 0; j < parts; j++) {
				r = r * 6364136223846793005ull + 1442695040888963407ull;
				const char *f = frag[(r >> 33) % from];
				size_t fl = strlen(f);
				if (len + fl < sizeof buf)
					memcpy(buf + len, f, fl), len += fl;
			}
			check(buf, len);
		}
	} else {
		char *line = NULL;
		size_t cap = 0;
		ssize_t got;
		while ((got = getline(&line, &cap, stdin)) >= 0) {
			size_t n = (size_t)got;
			if (n && line[n - 1] == '\n')
				n--;
			check(line, n);
		}
		free(line);
	}
	printf("%lu texts, %lu fast, %lu declined, %lu differ\n", texts, fast, declined, differ);
	return differ != 0;
}
