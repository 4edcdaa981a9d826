/* ner-tool.c — train and evaluate the entity models (make models, make eval).
 *   ner-tool train OUT.model EPOCHS SEED FILE... [--names NAMES.tsv] [--clusters CLUSTERS.tsv] [--history]
 *                  [--dev DEV...]
 *   ner-tool eval MODEL DEV...
 *   ner-tool convert MODEL OUT.nfm   (a model as NFNER4, mapped by the filter: the same weights)
 * FILEs are CoNLL-style: one token per line, the token first and the BIO (or IOB1) tag last,
 * blank lines between sentences, -DOCSTART- lines ignored, "nl:" style prefixes (WikiANN)
 * stripped, PERS read as PER. eval prints conlleval-style entity precision, recall and F1.
 * With --tokens LANG (before train or eval), every sentence is cut as nf-tag-entities cuts text
 * (nf_enttok_line over the tokens joined by spaces) and its tags carried over to the pieces
 * (the first piece of a B- token keeps B-, the others I-, a possessive O), so that a model
 * learns from the tokens the filter will give it: U.S. is U . S . there, Soeharto's is
 * Soeharto 's. */
#include "extract/ner.h"
#include "extract/enttokens.h"
#include "core/buf.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct corpus {
	struct nf_ner_sent *s;
	int **g;
	char ***own;
	long *doc; /* document number of each sentence, -1 where the file marks none */
	size_t n, cap;
	long ndoc, cur;
};

static void norm_tag(char *t)
{
	char *dash = strchr(t, '-');
	if (dash && strcmp(dash + 1, "PERS") == 0)
		strcpy(dash + 1, "PER");
}

static const nf_enttok_lang *tok_lang; /* --tokens LANG, or NULL: the data's own tokens */

/* is piece w an apostrophe ending ('s, ’s, ')? */
static int apostrophe(const char *w)
{
	return w[0] == '\'' || ((unsigned char)w[0] == 0xE2 && (unsigned char)w[1] == 0x80 && (unsigned char)w[2] == 0x99);
}

/* Cut the sentence toks[0..n) as the filter does; the pieces (malloc'd) and their tags
 * replace toks and tags (the arrays grow as needed); returns the number of pieces.
 * A possessive piece (Xiaomi’s) is O: the name ends before it, as the project's gold has
 * it (seeds strict F1 0.919 without this, 0.944 with; Dutch dev -0.5, whose data keep the
 * 's). A hyphenated compound (BMW-executive, MISC in the Dutch data) keeps the data's tags
 * on every piece: tagging the name alone, as the project's gold does, cost 3.7 points of
 * Dutch dev F1 (and gained 0.017 on the seeds), so the data's convention wins. */
static size_t retokenize(char ***toks, char ***tags, size_t n, size_t *cap)
{
	static nf_buf text;
	static nf_toks tk;
	static nf_enttoks st;
	static size_t *start;
	static size_t capstart;
	text.len = 0;
	if (n > capstart) {
		capstart = n * 2;
		start = nf_xrealloc(start, (capstart + 1) * sizeof *start);
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			nf_buf_addc(&text, ' ');
		start[i] = text.len;
		nf_buf_add(&text, (*toks)[i], strlen((*toks)[i]));
	}
	start[n] = text.len + 1;
	nf_buf_addc(&text, 0);
	st.n = 0;
	nf_enttok_line(&st, &tk, tok_lang, text.p, 0, text.len - 1);
	size_t m = st.n, k = 0, out = 0;
	char **nt = nf_xmalloc((m + n + 1) * sizeof *nt), **ng = nf_xmalloc((m + n + 1) * sizeof *ng);
	int pending_b = 0; /* a B- token that gave no piece: the next piece of its entity begins it */
	for (size_t i = 0; i < n; i++) {
		size_t first = k;
		while (k < m && st.v[k].s < start[i + 1])
			k++;
		size_t np = k - first;
		const char *t = (*tags)[i];
		int ent = t[0] != 'O' && t[1];
		if (np == 0) {
			pending_b |= ent && t[0] == 'B';
			continue;
		}
		for (size_t j = first; j < k; j++) {
			char buf[40];
			int poss = np > 1 && j == k - 1 && apostrophe(text.p + st.v[j].s);
			if (!ent || poss)
				snprintf(buf, sizeof buf, "O");
			else if (j == first && (t[0] == 'B' || pending_b))
				snprintf(buf, sizeof buf, "B%s", t + 1);
			else
				snprintf(buf, sizeof buf, "I%s", t + 1);
			nt[out] = nf_xmalloc(st.v[j].e - st.v[j].s + 1);
			memcpy(nt[out], text.p + st.v[j].s, st.v[j].e - st.v[j].s);
			nt[out][st.v[j].e - st.v[j].s] = 0;
			ng[out++] = nf_xstrdup(buf);
		}
		pending_b = 0;
	}
	for (size_t i = 0; i < n; i++)
		free((*toks)[i]), free((*tags)[i]);
	if (out > *cap) {
		*cap = out;
		*toks = nf_xrealloc(*toks, out * sizeof **toks);
		*tags = nf_xrealloc(*tags, out * sizeof **tags);
	}
	memcpy(*toks, nt, out * sizeof *nt);
	memcpy(*tags, ng, out * sizeof *ng);
	free(nt), free(ng);
	return out;
}

static void add_sent(struct corpus *c, char ***toksp, char ***tagsp, size_t n, size_t *cap, nf_ner *m)
{
	if (!n)
		return;
	char **tags = *tagsp;
	char prev[32] = "O";
	for (size_t i = 0; i < n; i++) { /* PERS as PER, IOB1 as BIO */
		char t[32];
		snprintf(t, sizeof t, "%s", tags[i]);
		norm_tag(t);
		if (t[0] == 'I' && (prev[0] == 'O' || strcmp(prev + 1, t + 1) != 0))
			t[0] = 'B';
		snprintf(prev, sizeof prev, "%s", t);
		free(tags[i]);
		tags[i] = nf_xstrdup(t);
	}
	if (tok_lang && !(n = retokenize(toksp, tagsp, n, cap)))
		return;
	char **toks = *toksp;
	tags = *tagsp;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->s = nf_xrealloc(c->s, c->cap * sizeof *c->s);
		c->g = nf_xrealloc(c->g, c->cap * sizeof *c->g);
		c->own = nf_xrealloc(c->own, c->cap * sizeof *c->own);
		c->doc = nf_xrealloc(c->doc, c->cap * sizeof *c->doc);
	}
	c->doc[c->n] = c->cur;
	char **tk = nf_xmalloc(n * sizeof *tk);
	int *g = nf_xmalloc(n * sizeof *g);
	for (size_t i = 0; i < n; i++) {
		tk[i] = toks[i];
		g[i] = nf_ner_tag_id(m, tags[i]);
		if (g[i] < 0)
			g[i] = nf_ner_tag_id(m, "O");
		free(tags[i]);
	}
	c->s[c->n] = (struct nf_ner_sent){(const char **)tk, n, NULL};
	c->g[c->n] = g;
	c->own[c->n] = tk;
	c->n++;
}

static int digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static void read_conll(const char *path, struct corpus *c, nf_ner *m)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	char line[4096];
	char **toks = NULL, **tags = NULL;
	size_t n = 0, cap = 0;
	int idxform = -1;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		char *fields[8];
		int nf = 0;
		for (char *p = strtok(line, " \t"); p && nf < 8; p = strtok(NULL, " \t"))
			fields[nf++] = p;
		if (nf == 0 || strncmp(fields[0], "-DOCSTART-", 10) == 0) {
			add_sent(c, &toks, &tags, n, &cap, m);
			n = 0;
			if (nf)
				c->cur = c->ndoc++;
			continue;
		}
		if (nf < 2)
			continue;
		/* a file is in index form (idx<TAB>token<TAB>tag, CoNLL-U style) when its first token
		 * line is "0 token tag" or "1 token tag"; elsewhere a number is a token ("24 Num O" in
		 * the Dutch CoNLL-2002 is the token 24, its POS and its tag) */
		if (idxform < 0)
			idxform = nf == 3 && digits(fields[0]) && fields[0][0] <= '1' && !fields[0][1];
		char *tok = idxform && nf >= 3 && digits(fields[0]) ? fields[1] : fields[0];
		if (strlen(tok) > 3 && tok[2] == ':' && tok[0] >= 'a' && tok[0] <= 'z')
			tok += 3; /* WikiANN "nl:Amsterdam" */
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			toks = nf_xrealloc(toks, cap * sizeof *toks);
			tags = nf_xrealloc(tags, cap * sizeof *tags);
		}
		toks[n] = nf_xstrdup(tok);
		tags[n] = nf_xstrdup(fields[nf - 1]);
		n++;
	}
	add_sent(c, &toks, &tags, n, &cap, m);
	c->cur = -1;
	free(toks);
	free(tags);
	fclose(f);
}

/* the document context of each sentence of a file with -DOCSTART- marks */
static void docs(struct corpus *c)
{
	nf_ner_doc **d = nf_xmalloc(((size_t)c->ndoc + 1) * sizeof *d);
	for (long k = 0; k < c->ndoc; k++)
		d[k] = nf_ner_doc_new();
	for (size_t q = 0; q < c->n; q++)
		if (c->doc[q] >= 0)
			nf_ner_doc_add(d[c->doc[q]], &c->s[q]);
	for (size_t q = 0; q < c->n; q++)
		if (c->doc[q] >= 0)
			c->s[q].doc = d[c->doc[q]];
		else { /* no marks: the sentence is its own document, as ner-filter-eval.py makes it */
			nf_ner_doc *one = nf_ner_doc_new();
			nf_ner_doc_add(one, &c->s[q]);
			c->s[q].doc = one;
		}
}

static void eval(nf_ner *m, struct corpus *dev, nf_ner *tagset)
{
	size_t tp = 0, np = 0, ng = 0;
	for (size_t q = 0; q < dev->n; q++) {
		size_t n = dev->s[q].n;
		int *pred = nf_xmalloc(n * sizeof *pred);
		if (dev->s[q].doc && (q == 0 || dev->s[q - 1].doc != dev->s[q].doc))
			nf_ner_doc_forget((nf_ner_doc *)dev->s[q].doc);
		nf_ner_decode(m, &dev->s[q], pred);
		if (dev->s[q].doc)
			nf_ner_doc_learn((nf_ner_doc *)dev->s[q].doc, m, &dev->s[q], pred);
		struct nf_ner_span *ps = nf_xmalloc((n + 1) * sizeof *ps), *gs = nf_xmalloc((n + 1) * sizeof *gs);
		size_t kp = nf_ner_spans(m, pred, n, ps), kg = nf_ner_spans(tagset, dev->g[q], n, gs);
		for (size_t a = 0; a < kp; a++)
			for (size_t b = 0; b < kg; b++)
				if (ps[a].start == gs[b].start && ps[a].end == gs[b].end && !strcmp(ps[a].type, gs[b].type))
					tp++;
		np += kp, ng += kg;
		free(pred), free(ps), free(gs);
	}
	double P = np ? (double)tp / (double)np : 0, R = ng ? (double)tp / (double)ng : 0;
	printf("entities: P=%.3f R=%.3f F1=%.3f (%zu predicted, %zu gold)\n", P, R, P + R ? 2 * P * R / (P + R) : 0, np, ng);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "--tokens") == 0) { /* ner-tool --tokens LANG train|eval ... */
		nf_tokens_init();
		nf_enttok_init();
		tok_lang = nf_enttok_lang_get(argv[2], strlen(argv[2]));
		argv[2] = argv[0];
		argv += 2;
		argc -= 2;
	}
	if (argc == 4 && strcmp(argv[1], "convert") == 0) { /* any model -> NFNER4, the same weights */
		const char *err;
		nf_ner *m = nf_ner_load(argv[2], &err);
		if (!m) {
			fprintf(stderr, "ner-tool: %s: %s\n", argv[2], err);
			return 1;
		}
		if (nf_ner_save_mapped(m, argv[3]) != 0) {
			fprintf(stderr, "ner-tool: %s: %s\n", argv[3], strerror(errno));
			remove(argv[3]);
			return 1;
		}
		nf_ner_free(m);
		return 0;
	}
	if (argc >= 4 && strcmp(argv[1], "eval") == 0) {
		const char *err;
		nf_ner *m = nf_ner_load(argv[2], &err);
		if (!m) {
			fprintf(stderr, "ner-tool: %s: %s\n", argv[2], err);
			return 1;
		}
		nf_ner *tags = nf_ner_new();
		for (int t = 0; t < nf_ner_ntags(m); t++)
			nf_ner_tag_id(tags, nf_ner_tag_name(m, t));
		struct corpus dev = {.cur = -1};
		for (int i = 3; i < argc; i++)
			read_conll(argv[i], &dev, tags);
		docs(&dev);
		eval(m, &dev, tags);
		return 0;
	}
	if (argc < 6 || strcmp(argv[1], "train") != 0) {
		fputs("usage: ner-tool [--tokens LANG] train OUT EPOCHS SEED FILE... [--names F] [--clusters F] [--history] [--dev DEV] | ner-tool eval MODEL DEV...\n"
		      "       ner-tool convert MODEL OUT.nfm\n", stderr);
		return 2;
	}
	nf_ner *m = nf_ner_new();
	nf_ner_tag_id(m, "O");
	struct corpus tr = {.cur = -1}, dev = {.cur = -1};
	int i = 5;
	for (; i < argc && strcmp(argv[i], "--dev") != 0; i++) {
		if (strcmp(argv[i], "--names") == 0 && i + 1 < argc) {
			FILE *f = fopen(argv[++i], "r");
			if (!f) {
				perror(argv[i]);
				return 1;
			}
			char line[1024];
			size_t used = 0;
			while (fgets(line, sizeof line, f)) {
				line[strcspn(line, "\r\n")] = 0;
				char *tab = strchr(line, '\t');
				if (tab && (*tab = 0, nf_ner_add_name(m, line, tab + 1) == 0))
					used++;
			}
			fclose(f);
			fprintf(stderr, "ner-tool: %zu names\n", used);
			continue;
		}
		if (strcmp(argv[i], "--history") == 0) { /* prediction history (nf_ner_set_history) */
			nf_ner_set_history(m);
			continue;
		}
		if (strcmp(argv[i], "--clusters") == 0 && i + 1 < argc) { /* word\tfine\tcoarse (nf-clusters) */
			FILE *f = fopen(argv[++i], "r");
			if (!f) {
				perror(argv[i]);
				return 1;
			}
			char line[512];
			size_t used = 0;
			while (fgets(line, sizeof line, f)) {
				char w[256];
				unsigned fine, coarse;
				if (line[0] != '#' && sscanf(line, "%255[^\t]\t%u\t%u", w, &fine, &coarse) == 3 && fine < 1024 &&
				    coarse < 63 && nf_ner_add_cluster(m, w, 1 + fine + 1024 * coarse) == 0)
					used++;
			}
			fclose(f);
			fprintf(stderr, "ner-tool: %zu clustered words\n", used);
			continue;
		}
		read_conll(argv[i], &tr, m);
	}
	docs(&tr);
	fprintf(stderr, "ner-tool: %zu training sentences, %d tags\n", tr.n, nf_ner_ntags(m));
	nf_ner_train(m, tr.s, (const int *const *)tr.g, tr.n, atoi(argv[3]), (unsigned)atoi(argv[4]));
	if (nf_ner_save(m, argv[2]) != 0) {
		perror(argv[2]);
		return 1;
	}
	if (i + 1 < argc) {
		nf_ner *tags = nf_ner_new();
		for (int t = 0; t < nf_ner_ntags(m); t++)
			nf_ner_tag_id(tags, nf_ner_tag_name(m, t));
		for (int k = i + 1; k < argc; k++)
			read_conll(argv[k], &dev, tags);
		docs(&dev);
		nf_ner *loaded;
		const char *err;
		if (!(loaded = nf_ner_load(argv[2], &err))) {
			fprintf(stderr, "ner-tool: %s: %s\n", argv[2], err);
			return 1;
		}
		eval(loaded, &dev, tags);
	}
	return 0;
}
