/* ents-two.c — two entity contexts used at once (entities.bats): reads TSV rows "doc text"
 * (doc 0 or 1) and tags each with the context of its document, interleaved as they come;
 * prints "doc start end type surface value" per mention. The output must equal that of one
 * context per document in turn. Usage: ents-two MODEL_DIR < rows */
#include "extract/entities.h"
#include <stdio.h>
#include <string.h>

static void put(const struct nf_ent *e, void *arg)
{
	const char *text = ((const char **)arg)[0], *doc = ((const char **)arg)[1];
	printf("%s\t%zu\t%zu\t%s\t%.*s\t%.*s\n", doc, e->start, e->end, e->type, (int)(e->end - e->start),
	       text + e->start, (int)e->value_len, e->value);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	nf_ents *c[2] = {nf_ents_new(argv[1]), nf_ents_new(argv[1])};
	char line[4096];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = 0;
		char *tab = strchr(line, '\t');
		if (!tab || (line[0] != '0' && line[0] != '1'))
			continue;
		const char *arg[2] = {tab + 1, line[0] == '0' ? "0" : "1"};
		*tab = 0;
		nf_ents_tag(c[line[0] - '0'], arg[0], strlen(arg[0]), "en", 2, put, arg);
	}
	nf_ents_free(c[0]);
	nf_ents_free(c[1]);
	return 0;
}
