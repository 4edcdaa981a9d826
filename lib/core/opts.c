/* opts.c — see opts.h */
#include "core/opts.h"
#include "core/diag.h"
#include <stdio.h>
#include <stdlib.h>

struct nf_opts nf_opt = {.field = "text"};

int nf_opt_common(int c, const char *arg, const char *usage)
{
	switch (c) {
	case 'f':
		if (!*arg)
			nf_usage_error("--field needs a column name or number");
		nf_opt.field = arg;
		nf_opt.field_given = 1;
		return 1;
	case 'N': nf_opt.no_header = 1; return 1;
	case 'q': nf_opt.quiet = 1; nf_opt.progress = 0; return 1;
	case 'v': nf_opt.verbose = 1; return 1;
	case NF_OPT_PROGRESS: nf_opt.progress = 1; nf_opt.quiet = 0; return 1;
	case NF_OPT_STRICT: nf_opt.strict = 1; return 1;
	case 'h':
		fputs(usage, stdout);
		exit(fflush(stdout) == 0 && !ferror(stdout) ? NF_EXIT_OK : NF_EXIT_DATA);
	case NF_OPT_VERSION:
		printf("%s (newsfilters) %s\n", nf_progname, NF_VERSION);
		exit(fflush(stdout) == 0 && !ferror(stdout) ? NF_EXIT_OK : NF_EXIT_DATA);
	case '?':
	case ':':
		fprintf(stderr, "Try '%s --help' for more information.\n", nf_progname);
		exit(NF_EXIT_USAGE);
	}
	return 0;
}
