/* norm.c — libFuzzer harness of the text path of nf-normalize: textnorm, the date header and
 * date column parsers, and langid. `make fuzz` builds and runs it with clang (ASan+UBSan),
 * then again with FZ_MODE=k for NFKC + --ascii-punct instead of --html. */
#include "text/isodate.h"
#include "text/langid.h"
#include "text/textnorm.h"
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static int ready;
	static nf_buf out;
	if (!ready) {
		const char *m = getenv("FZ_MODE");
		struct nf_norm_opts o = {.html = 1};
		if (m && *m == 'k')
			o = (struct nf_norm_opts){.nfkc = 1, .ascii_punct = 1};
		nf_norm_init(&o);
		nf_langid_init();
		ready = 1;
	}
	struct nf_norm_stats st = {0};
	char date[NF_ISODATE_MAX];
	out.len = 0;
	nf_norm_text((const char *)d, n, &out, &st);
	nf_iso_date((const char *)d, n < 64 ? n : 64, date);
	nf_date_header(out.p ? out.p : "", out.len, date);
	nf_langid(out.p ? out.p : "", out.len);
	return 0;
}
