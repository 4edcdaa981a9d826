/* clusters.c — word clusters for the entity tagger from unlabeled text (make clusters).
 *   nf-clusters LANG FINE COARSE [ITERATIONS] < TEXT > clusters-LANG.tsv
 * TEXT is plain text, a sentence or paragraph per line, cut into words as nf-tag-entities cuts
 * them (nf_enttok_line) and looked up as the model looks them up (nf_ner_key: lower case).
 * Each word is put in one of FINE classes and, in a second run, one of COARSE classes by the
 * predictive exchange algorithm (Uszkoreit and Brants 2008, "Distributed word clustering for
 * large scale class-based language modeling in machine translation"): words move, one at a
 * time, to the class that most raises the likelihood of the class bigram model
 * p(w | v) = p(class(w) | v) p(w | class(w)), that is
 *   sum over words v and classes c of N(v,c) log N(v,c)  -  sum over c of N(c) log N(c),
 * N(v,c) the count of v followed by a word of class c. Words that occur with the same
 * neighbours end in the same class (Monday, Tuesday; Rome, Milan), which is what a tagger
 * needs to know of the words its training data never showed it. No randomness: words start in
 * class (frequency rank mod C) and move in frequency order, so every run writes the same file.
 * Output: "word TAB fine TAB coarse", most frequent first, words seen at least MINCOUNT times,
 * at most MAXWORDS of them; a '#' header line says what was read. */
#include "extract/enttokens.h"
#include "extract/ner.h"
#include "core/buf.h"
#include "core/strset.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MINCOUNT 3
#define MAXWORDS 120000
#define FTAB (1u << 20)

static double *ftab; /* x log x for small x */

static double F(int64_t x)
{
	return x < (int64_t)FTAB ? ftab[x] : (double)x * log((double)x);
}

struct pred {
	uint32_t v, n;
};

static uint32_t nwords;      /* ids 0 <s>, 1 the rare words, 2.. the kept words by frequency */
static uint32_t *pstart;     /* [nwords + 1]: preds of w are pv[pstart[w] .. pstart[w+1]) */
static struct pred *pv;
static int64_t *cnt;         /* count of w after a word (its unigram count) */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int64_t *cc; /* the counts by_count sorts by */

static int by_count(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return cc[x] != cc[y] ? (cc[x] > cc[y] ? -1 : 1) : (x > y) - (x < y);
}

static void exchange(uint32_t C, int iters, uint32_t *cls)
{
	int32_t *N = calloc((size_t)nwords * C, sizeof *N);
	int64_t *Nc = calloc(C, sizeof *Nc);
	double *gain = malloc(C * sizeof *gain);
	if (!N || !Nc || !gain) {
		fputs("nf-clusters: out of memory\n", stderr);
		exit(1);
	}
	for (uint32_t w = 1; w < nwords; w++)
		cls[w] = (w - 1) % C;
	for (uint32_t w = 1; w < nwords; w++) {
		for (uint32_t k = pstart[w]; k < pstart[w + 1]; k++)
			N[(size_t)pv[k].v * C + cls[w]] += (int32_t)pv[k].n;
		Nc[cls[w]] += cnt[w];
	}
	for (int it = 0; it < iters; it++) {
		size_t moved = 0;
		for (uint32_t w = 1; w < nwords; w++) {
			uint32_t a = cls[w];
			for (uint32_t k = pstart[w]; k < pstart[w + 1]; k++)
				N[(size_t)pv[k].v * C + a] -= (int32_t)pv[k].n;
			Nc[a] -= cnt[w];
			for (uint32_t c = 0; c < C; c++)
				gain[c] = F(Nc[c]) - F(Nc[c] + cnt[w]);
			for (uint32_t k = pstart[w]; k < pstart[w + 1]; k++) {
				const int32_t *row = N + (size_t)pv[k].v * C;
				int64_t n = pv[k].n;
				for (uint32_t c = 0; c < C; c++)
					gain[c] += F(row[c] + n) - F(row[c]);
			}
			uint32_t best = a;
			for (uint32_t c = 0; c < C; c++)
				if (gain[c] > gain[best] + 1e-9)
					best = c;
			moved += best != a;
			cls[w] = best;
			for (uint32_t k = pstart[w]; k < pstart[w + 1]; k++)
				N[(size_t)pv[k].v * C + best] += (int32_t)pv[k].n;
			Nc[best] += cnt[w];
		}
		fprintf(stderr, "nf-clusters: %u classes, iteration %d: %zu words moved\n", C, it + 1, moved);
		if (moved < nwords / 1000)
			break;
	}
	free(N);
	free(Nc);
	free(gain);
}

int main(int argc, char **argv)
{
	if (argc < 4 || atoi(argv[2]) < 2 || atoi(argv[2]) > 1024 || atoi(argv[3]) < 2 || atoi(argv[3]) > 62) {
		fputs("usage: nf-clusters LANG FINE(2-1024) COARSE(2-62) [ITERATIONS] < TEXT > CLUSTERS.tsv\n", stderr);
		return 2;
	}
	int iters = argc > 4 ? atoi(argv[4]) : 15;
	nf_tokens_init();
	nf_enttok_init();
	const nf_enttok_lang *L = nf_enttok_lang_get(argv[1], strlen(argv[1]));
	nf_strset *ids = nf_strset_new();
	nf_buf words = {0}, offs = {0}, stream = {0};
	size_t nlines = 0, ntok = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	nf_toks tk = {0};
	nf_enttoks et = {0};
	uint32_t nid = 0;
	int64_t *rawcnt = NULL;
	size_t rawcap = 0;
	while ((len = getline(&line, &cap, stdin)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		et.n = 0;
		nf_enttok_line(&et, &tk, L, line, 0, (size_t)len);
		if (!et.n)
			continue;
		nlines++;
		uint32_t bos = UINT32_MAX;
		nf_buf_add(&stream, &bos, sizeof bos);
		for (size_t i = 0; i < et.n; i++) {
			char tok[256], key[256];
			size_t tl = et.v[i].e - et.v[i].s, kn;
			if (tl >= sizeof tok)
				continue;
			memcpy(tok, line + et.v[i].s, tl);
			tok[tl] = 0;
			if (!(kn = nf_ner_key(tok, key, sizeof key)))
				continue;
			int id = nf_strset_get(ids, key, kn);
			if (id < 0) {
				id = (int)nid++;
				nf_strset_add(ids, key, kn, id);
				uint32_t off = (uint32_t)words.len;
				nf_buf_add(&offs, &off, sizeof off);
				nf_buf_add(&words, key, kn + 1);
				if (nid > rawcap) {
					rawcap = rawcap ? 2 * rawcap : 65536;
					rawcnt = realloc(rawcnt, rawcap * sizeof *rawcnt);
				}
				rawcnt[id] = 0;
			}
			rawcnt[id]++;
			ntok++;
			uint32_t u = (uint32_t)id;
			nf_buf_add(&stream, &u, sizeof u);
		}
	}
	free(line);
	/* the kept words, most frequent first (ties: first seen) */
	uint32_t *order = malloc((nid + 1) * sizeof *order);
	for (uint32_t i = 0; i < nid; i++)
		order[i] = i;
	cc = rawcnt;
	qsort(order, nid, sizeof *order, by_count);
	uint32_t kept = 0;
	while (kept < nid && kept < MAXWORDS && rawcnt[order[kept]] >= MINCOUNT)
		kept++;
	uint32_t *map = malloc((nid + 1) * sizeof *map);
	for (uint32_t i = 0; i < nid; i++)
		map[i] = 1;
	for (uint32_t r = 0; r < kept; r++)
		map[order[r]] = r + 2;
	nwords = kept + 2;
	/* bigrams (previous, word), sorted by word */
	const uint32_t *st = (const uint32_t *)(const void *)stream.p;
	size_t ns = stream.len / sizeof *st, nb = 0;
	uint64_t *bg = malloc((ns + 1) * sizeof *bg);
	for (size_t i = 0; i < ns; i++) {
		if (st[i] == UINT32_MAX)
			continue;
		uint32_t v = i && st[i - 1] != UINT32_MAX ? map[st[i - 1]] : 0, w = map[st[i]];
		bg[nb++] = (uint64_t)w << 32 | v;
	}
	qsort(bg, nb, sizeof *bg, cmp_u64);
	pstart = calloc(nwords + 1, sizeof *pstart);
	pv = malloc((nb + 1) * sizeof *pv);
	cnt = calloc(nwords, sizeof *cnt);
	size_t np = 0;
	for (size_t i = 0; i < nb;) {
		size_t j = i;
		while (j < nb && bg[j] == bg[i])
			j++;
		uint32_t w = (uint32_t)(bg[i] >> 32);
		pv[np].v = (uint32_t)bg[i];
		pv[np].n = (uint32_t)(j - i);
		np++;
		pstart[w + 1] = (uint32_t)np;
		cnt[w] += (int64_t)(j - i);
		i = j;
	}
	for (uint32_t w = 1; w <= nwords; w++) /* words with no bigram: empty ranges */
		if (pstart[w] < pstart[w - 1])
			pstart[w] = pstart[w - 1];
	free(bg);
	ftab = malloc(FTAB * sizeof *ftab);
	ftab[0] = 0;
	for (uint32_t x = 1; x < FTAB; x++)
		ftab[x] = (double)x * log((double)x);
	uint32_t *fine = calloc(nwords, sizeof *fine), *coarse = calloc(nwords, sizeof *coarse);
	fprintf(stderr, "nf-clusters: %zu lines, %zu words, %u distinct, %u kept, %zu bigrams\n", nlines, ntok, nid, kept, np);
	exchange((uint32_t)atoi(argv[2]), iters, fine);
	exchange((uint32_t)atoi(argv[3]), iters, coarse);
	printf("# nf-clusters %s %s %s: %zu lines, %zu words, %u distinct; word, fine class, coarse class\n", argv[1], argv[2],
	       argv[3], nlines, ntok, nid);
	const uint32_t *off = (const uint32_t *)(const void *)offs.p;
	for (uint32_t r = 0; r < kept; r++)
		printf("%s\t%u\t%u\n", words.p + off[order[r]], fine[r + 2], coarse[r + 2]);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
