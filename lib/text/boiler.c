/* boiler.c — see boiler.h */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "text/boiler.h"
#include "core/buf.h"
#include "core/diag.h"
#include <pcre2.h>
#include <string.h>

extern const char nf_data_boilerplate[];
extern const unsigned long nf_data_boilerplate_len;

static pcre2_code *re;
static pcre2_match_data *md;

void nf_boiler_init(void)
{
	nf_buf pat = {0};
	const char *p = nf_data_boilerplate, *e = p + nf_data_boilerplate_len;
	nf_buf_add(&pat, "^(?:", 4);
	int first = 1;
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		const char *le = nl ? nl : e;
		const char *tab = memchr(p, '\t', (size_t)(le - p));
		if (*p != '#' && tab && tab + 1 < le) {
			if (!first)
				nf_buf_addc(&pat, '|');
			nf_buf_add(&pat, "(?:", 3);
			nf_buf_add(&pat, tab + 1, (size_t)(le - tab - 1));
			nf_buf_addc(&pat, ')');
			first = 0;
		}
		p = le + 1;
	}
	nf_buf_add(&pat, ")$", 2);
	int err;
	PCRE2_SIZE off;
	re = pcre2_compile((PCRE2_SPTR)pat.p, pat.len, PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_NO_UTF_CHECK,
	                   &err, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof msg);
		nf_errx(NF_EXIT_DATA, "boilerplate patterns: %s at offset %zu", (char *)msg, (size_t)off);
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	md = pcre2_match_data_create_from_pattern(re, NULL);
	if (!md)
		nf_errx(NF_EXIT_DATA, "boilerplate patterns: out of memory");
	nf_buf_free(&pat);
}

size_t nf_boiler_strip(const char *text, size_t n, unsigned long *dropped)
{
	for (;;) {
		while (n > 0 && text[n - 1] == '\n')
			n--;
		if (n == 0)
			return 0;
		const char *ls = text + n;
		while (ls > text && ls[-1] != '\n')
			ls--;
		size_t ll = (size_t)(text + n - ls);
		int rc = ll > 200 ? PCRE2_ERROR_NOMATCH : pcre2_match(re, (PCRE2_SPTR)ls, ll, 0, PCRE2_NO_UTF_CHECK, md, NULL);
		if (rc == PCRE2_ERROR_NOMEMORY) /* not a boilerplate line kept with exit 0 */
			nf_errx(NF_EXIT_DATA, "boilerplate patterns: out of memory");
		if (rc < 0)
			return n;
		n = (size_t)(ls - text);
		(*dropped)++;
	}
}
