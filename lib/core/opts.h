/* opts.h — the options every filter shares, parsed with getopt_long:
 *   -f/--field NAME  input column (default "text")     -N/--no-header  headerless rows
 *   -q/--quiet       no progress, no warnings summary   -v/--verbose    summary at exit
 *   --progress       progress even when stderr is not a terminal
 *   --strict         any repair of the input is an error (exit 1)
 *   -h/--help        usage on stdout, exit 0            --version       version, exit 0
 * A filter lists NF_COMMON_LONGOPTS in its own option table, appends NF_COMMON_SHORTOPTS to
 * its short options, and passes every option to nf_opt_common() first. */
#ifndef NF_OPTS_H
#define NF_OPTS_H
#include <getopt.h>

#define NF_VERSION "0.1.0"

struct nf_opts {
	const char *field;
	int no_header, quiet, verbose, progress, strict;
	int field_given; /* -f was on the command line: a missing column is a usage error */
};
extern struct nf_opts nf_opt;

enum { NF_OPT_PROGRESS = 1000, NF_OPT_VERSION, NF_OPT_STRICT, NF_OPT_FIRST_FILTER = 1100 };

#define NF_COMMON_SHORTOPTS "f:Nqvh"
#define NF_COMMON_LONGOPTS                                                                    \
	{"field", required_argument, 0, 'f'}, {"no-header", no_argument, 0, 'N'},               \
	    {"quiet", no_argument, 0, 'q'}, {"verbose", no_argument, 0, 'v'},                   \
	    {"progress", no_argument, 0, NF_OPT_PROGRESS}, {"strict", no_argument, 0, NF_OPT_STRICT}, \
	    {"help", no_argument, 0, 'h'}, {"version", no_argument, 0, NF_OPT_VERSION}

/* Handles a common option (returns 1), or returns 0 for the filter to handle. '?' from
 * getopt (an unknown option or a missing argument) exits with status 2. usage is the
 * filter's --help text. */
int nf_opt_common(int c, const char *arg, const char *usage);
/* The common part of every --help text. */
#define NF_COMMON_HELP                                                                        \
	"  -f, --field NAME  input column holding the text (name or number; default text)\n"    \
	"  -N, --no-header   input and output have no header line\n"                            \
	"  -q, --quiet       no progress display\n"                                             \
	"  -v, --verbose     print a summary line on stderr at the end\n"                       \
	"      --progress    show progress on stderr even when it is not a terminal\n"          \
	"      --strict      treat any repair of the input (invalid UTF-8 ...) as an error\n"   \
	"  -h, --help        show this help and exit\n"                                         \
	"      --version     show the version and exit\n"                                       \
	"\nExit status: 0 success, 1 data or I/O error (after processing the rest), 2 usage error.\n"
#endif
