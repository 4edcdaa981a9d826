/* ner.c — libFuzzer harness of the entity model loader (nf_ner_load, lib/extract/ner.h): the
 * bytes as a model file as they are (foreign, truncated, corrupt: refused with a message);
 * then as the parts of a model whose checksums and lengths are made right here, so that the
 * loader's checks past the CRC are reached: an NFNER2 file (d[0] the tag count, the tags,
 * then the name list "TYPE<TAB>name<LF>...", the weights zero, compressed here) and an NFNER4
 * file (the tags, the name table's slots and its keys from the bytes). A model that loads
 * tags a sentence made of the bytes' words. Built, with the loader, for 2^NF_NER_HBITS weights
 * per tag (Makefile: FUZZ_NER_HBITS), not the real 2^18: the same code, but an execution is
 * not spent on megabytes of zero weights (real models are refused there as of another size). */
#include "core/crc32c.h"
#include "extract/ner.h"
#include "fuzz.h"
#include <zlib.h>

#define H (1u << NF_NER_HBITS) /* the loader is built with the same (Makefile: FUZZ_NER_HBITS) */
#define TAGS (16 * 16)
#define TRANS (17 * 16 * 4)

static void put32(unsigned char *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> 8 * i); }

static void use(const char *path, const uint8_t *d, size_t n)
{
	const char *err = NULL;
	nf_ner *m = nf_ner_load(path, &err);
	if (!m) {
		if (!err)
			abort();
		return;
	}
	/* a sentence: the words of the bytes (at most 64) */
	static nf_buf b;
	fz_utf8(&b, d, n);
	const char *tok[64];
	size_t nt = 0;
	char *save = NULL;
	for (char *p = b.p, *w; nt < 64 && (w = strtok_r(p, " \t\n", &save)); p = NULL)
		tok[nt++] = w;
	if (!nt)
		tok[nt++] = "Word";
	struct nf_ner_sent s = {tok, nt, NULL};
	int tags[64];
	nf_ner_decode(m, &s, tags);
	struct nf_ner_span sp[64];
	size_t ns = nf_ner_spans(m, tags, nt, sp);
	for (size_t i = 0; i < ns; i++)
		if (sp[i].start >= sp[i].end || sp[i].end > nt || !sp[i].type)
			abort();
	for (int t = 0; t < nf_ner_ntags(m); t++)
		(void)strlen(nf_ner_tag_name(m, t));
	nf_ner_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static nf_buf f;
	use(fz_file(0, "model", d, n), d, n);
	if (n < 2)
		return 0;
	uint32_t nt = 1 + d[0] % 3;
	const uint8_t *rest = d + 1;
	size_t rn = n - 1;
	unsigned char tags[TAGS] = {0};
	if (d[1] & 1) { /* the tags from the bytes */
		size_t k = rn < TAGS ? rn : TAGS;
		memcpy(tags, rest, k), rest += k, rn -= k;
	} else {
		memcpy(tags, "O", 2), memcpy(tags + 16, "B-PER", 6), memcpy(tags + 32, "I-PER", 6);
	}
	size_t W = (size_t)H * nt;

	/* NFNER2: header, then zlib of (HBITS nt scale nl, tags, trans, weights, names) */
	f.len = 0;
	size_t rl = 16 + TAGS + TRANS + 2 * W + rn;
	unsigned char *raw = calloc(1, rl);
	put32(raw, NF_NER_HBITS), put32(raw + 4, nt), put32(raw + 12, (uint32_t)rn);
	memcpy(raw + 16, tags, TAGS);
	if (rn)
		memcpy(raw + rl - rn, rest, rn);
	uLongf cl = compressBound((uLong)rl);
	nf_buf_reserve(&f, 20 + cl);
	if (compress2((Bytef *)f.p + 20, &cl, raw, (uLong)rl, 1) != Z_OK)
		abort();
	free(raw);
	memcpy(f.p, "NFNER2\n", 8);
	put32((unsigned char *)f.p + 8, (uint32_t)rl), put32((unsigned char *)f.p + 12, (uint32_t)cl);
	put32((unsigned char *)f.p + 16, (uint32_t)crc32(0, (Bytef *)f.p + 20, (uInt)cl));
	use(fz_file(1, "model2", (uint8_t *)f.p, 20 + cl), rest, rn);

	/* NFNER4: header (MAGIC HBITS nt scale nslots kl crc32c), tags, trans, slots, weights, keys */
	uint32_t nslots = 16u << (d[0] / 3 % 4);
	size_t sl = 8 * (size_t)nslots, slb = rn < sl ? rn : sl;
	size_t kl = rn - slb, len = 32 + TAGS + TRANS + sl + 2 * W + kl;
	unsigned char *p = calloc(1, len);
	memcpy(p, "NFNER4\n", 8);
	put32(p + 8, NF_NER_HBITS), put32(p + 12, nt), put32(p + 20, nslots), put32(p + 24, (uint32_t)kl);
	memcpy(p + 32, tags, TAGS);
	memcpy(p + 32 + TAGS + TRANS, rest, slb);
	memcpy(p + len - kl, rest + slb, kl);
	put32(p + 28, nf_crc32c(0, p + 32, len - 32));
	use(fz_file(2, "model4", p, len), rest, rn);
	free(p);
	return 0;
}
