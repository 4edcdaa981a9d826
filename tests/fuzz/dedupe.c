/* dedupe.c — libFuzzer harness of nf-dedupe: the keys of the bytes as a text (exact and near,
 * with and without a scope, the paragraphs; the one-pass exact path must agree with the
 * general one), then the bytes but the last as a state file (nf_dupstate_load) in the mode
 * the last byte picks: as they are, with their checksums made right (so that a corrupt header
 * or table is read past the CRC), or with what follows the 72-byte header taken as the
 * uncompressed tables (compressed and summed here); a state that loads is used (a decision, a
 * prune). Must never crash. */
#include "dedupe/dupindex.h"
#include "fuzz.h"
#include <zlib.h>

#define HEAD 72

static nf_dupkey k, k2, line;

static void load(const char *path, const struct nf_dup_params *p)
{
	nf_dupindex *x = NULL;
	const char *err = NULL;
	int rc = nf_dupstate_load(path, p, &x, &err);
	if (rc < 0 && !err)
		abort();
	if (rc != 0)
		return;
	double sim;
	char kind;
	nf_dupindex_decide(x, &k, p->near, p->paras, 0.5, 20000, "x", 1, &sim, &kind);
	size_t len;
	if (p->ids && nf_dupindex_size(x))
		(void)nf_dupindex_id(x, 0, &len);
	nf_dupindex_prune(x, 19000, 2);
	nf_dupindex_free(x);
}

static void put32(unsigned char *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> 8 * i); }
static void put64(unsigned char *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> 8 * i); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	nf_dupkey_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static nf_buf text, file;
	fz_utf8(&text, d, n);
	for (int i = 0; i < 2; i++) {
		uint64_t seed = i ? 0x5C09Eull | 1 : 0;
		nf_dupkey_make_slow(&k2, text.p, text.len, 0, seed);
		if (nf_dupkey_exact_fast(&k, text.p, text.len, seed) && (k.exact != k2.exact || k.ntok != k2.ntok)) {
			fprintf(stderr, "exact paths differ: fast %zu words, general %zu words\n", k.ntok, k2.ntok);
			abort();
		}
	}
	nf_dupkey_paras(&k2, &line, text.p, text.len, 0);
	nf_dupkey_make(&k, text.p, text.len, 1, 0);
	(void)nf_dupkey_verdict(&(nf_dupsum){k.nums, k.dates, k.names, k.nsh, k.sig},
	                        &(nf_dupsum){k2.nums, k2.dates, k2.names, k2.nsh, k2.sig}, 0.5, &(double){0});

	/* the state reading from the last byte: one of the 8 modes (near, ids, paragraphs), and the
	 * bytes before it as they are, with their checksums made right, or with what follows the
	 * header taken as the tables (libFuzzer's coverage feedback tells them apart) */
	if (n < 1)
		return 0;
	unsigned sel = d[--n], m = sel & 7, how = (sel >> 3) % 3;
	struct nf_dup_params ps = nf_dup_params_of(m & 1, !!(m & 2), !!(m & 4));
	if (how == 0) {
		load(fz_file(0, "state", d, n), &ps);
		return 0;
	}
	if (n < HEAD)
		return 0;
	unsigned char *h;
	if (how == 1) { /* the checksums made right */
		file.len = 0;
		nf_buf_add(&file, d, n);
		h = (unsigned char *)file.p;
		put32(h + 64, (uint32_t)crc32(0, h + HEAD, (uInt)(n - HEAD)));
		put32(h + 68, (uint32_t)crc32(0, h, 68));
		load(fz_file(0, "state", h, n), &ps);
		return 0;
	}
	/* the rest as the tables, compressed here */
	uLongf cl = compressBound((uLong)(n - HEAD));
	file.len = 0;
	nf_buf_reserve(&file, HEAD + cl);
	memcpy(file.p, d, HEAD);
	if (compress((Bytef *)file.p + HEAD, &cl, d + HEAD, (uLong)(n - HEAD)) != Z_OK)
		abort();
	h = (unsigned char *)file.p;
	memcpy(h, "NFDUP1\n", 8);
	put64(h + 48, n - HEAD);
	put64(h + 56, cl);
	put32(h + 64, (uint32_t)crc32(0, h + HEAD, (uInt)cl));
	if (!(d[1] & 1)) /* the parameters of the mode, as in a real state (else as the bytes say) */
		memcpy(h + 12, (uint32_t[9]){ps.near, ps.k, ps.sbands, ps.srows, ps.wbands, ps.wrows, ps.shingle, ps.ids, ps.paras},
		       36), put32(h + 8, 3);
	put32(h + 68, (uint32_t)crc32(0, h, 68));
	load(fz_file(0, "state", h, HEAD + cl), &ps);
	return 0;
}
