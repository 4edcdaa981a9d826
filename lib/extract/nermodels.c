/* nermodels.c — see nermodels.h */
#include "extract/nermodels.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/strset.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const char nf_data_entities_models[];
extern const unsigned long nf_data_entities_models_len;

/* the languages with a model of their own (lib/data/entities/models.tsv); the first is the fallback */
enum { MAXLANGS = 64 };
static char langs[MAXLANGS][8];
static int nlangs;

static void load_lang(char **f, int n, void *ctx)
{
	(void)ctx;
	if (n < 1 || !*f[0])
		return;
	if (nlangs == MAXLANGS || strlen(f[0]) >= sizeof langs[0])
		nf_errx(NF_EXIT_DATA, "entities/models.tsv: too many languages, or a long code: %s", f[0]);
	snprintf(langs[nlangs++], sizeof langs[0], "%s", f[0]);
}

struct nf_ner_models {
	char *dir;
	nf_ner *m[MAXLANGS];
	int tried[MAXLANGS];
};

/* the program's path: /proc/self/exe, else argv0 (malloc'd) */
static char *exe_path(const char *argv0)
{
	for (size_t cap = 256;; cap *= 2) {
		char *p = nf_xmalloc(cap);
		ssize_t n = readlink("/proc/self/exe", p, cap);
		if (n <= 0) {
			free(p);
			return nf_xstrdup(argv0 ? argv0 : "");
		}
		if ((size_t)n < cap) {
			p[n] = 0;
			return p;
		}
		free(p); /* truncated: try a larger buffer */
	}
}

char *nf_ner_model_dir(const char *argv0)
{
	const char *env = getenv("NF_MODEL_DIR");
	if (env && *env)
		return nf_xstrdup(env);
	char *exe = exe_path(argv0);
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(exe, ".");
	static const char *const rel[] = {"/../lib/data/models", "/../share/newsfilters/models", NULL};
	char *dir = NULL;
	for (int k = 0; rel[k]; k++) {
		free(dir);
		size_t el = strlen(exe), rl = strlen(rel[k]);
		dir = nf_xmalloc(el + rl + 1);
		memcpy(dir, exe, el);
		memcpy(dir + el, rel[k], rl + 1);
		if (access(dir, R_OK) == 0)
			break;
	}
	free(exe);
	return dir;
}

nf_ner_models *nf_ner_models_new(const char *dir)
{
	if (!nlangs)
		nf_table_each(nf_data_entities_models, nf_data_entities_models_len, load_lang, NULL);
	if (!nlangs)
		nf_errx(NF_EXIT_DATA, "entities/models.tsv: no language");
	nf_ner_models *ms = nf_xmalloc(sizeof *ms);
	memset(ms, 0, sizeof *ms);
	ms->dir = nf_xstrdup(dir);
	return ms;
}

const char *nf_ner_models_dir(const nf_ner_models *ms) { return ms->dir; }

const nf_ner *nf_ner_models_get(nf_ner_models *ms, const char *lang, size_t n, int *fallback)
{
	int k = 0;
	*fallback = 0;
	for (; k < nlangs; k++)
		if (strlen(langs[k]) == n && memcmp(langs[k], lang, n) == 0)
			break;
	if (k == nlangs) {
		k = 0;
		*fallback = 1;
	}
	if (!ms->tried[k]) {
		ms->tried[k] = 1;
		nf_buf path = {0}, mapped = {0};
		nf_buf_add(&path, ms->dir, strlen(ms->dir));
		nf_buf_add(&path, "/ner-", 5);
		nf_buf_add(&path, langs[k], strlen(langs[k]));
		nf_buf_add(&mapped, path.p, path.len);
		nf_buf_add(&path, ".model", 7); /* with the NUL */
		nf_buf_add(&mapped, ".nfm", 5);
		/* the mapped form the build made beside it (ner-tool convert), unless it is older */
		struct stat sm, sn;
		int use_mapped = stat(mapped.p, &sm) == 0 && (stat(path.p, &sn) != 0 || sm.st_mtime >= sn.st_mtime);
		const char *p = use_mapped ? mapped.p : path.p, *err = "";
		if (!(ms->m[k] = nf_ner_load(p, &err)))
			nf_errx(NF_EXIT_DATA, "%s: %s (set NF_MODEL_DIR, or run make models)", p, err);
		nf_buf_free(&path);
		nf_buf_free(&mapped);
	}
	return ms->m[k];
}

void nf_ner_models_free(nf_ner_models *ms)
{
	if (!ms)
		return;
	for (int k = 0; k < nlangs; k++)
		nf_ner_free(ms->m[k]);
	free(ms->dir);
	free(ms);
}
