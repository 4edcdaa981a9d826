/* stats.c — see stats.h. The clock is read only for stderr reports, never for output. */
#include "stats.h"
#include "diag.h"
#include "opts.h"
#include <stdio.h>
#include <time.h>
#include <unistd.h>

struct nf_stats nf_st;
static int show;
static double t0, tlast;
static unsigned tick;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void nf_stats_start(void)
{
	show = !nf_opt.quiet && (nf_opt.progress || isatty(STDERR_FILENO));
	t0 = tlast = now();
}

void nf_progress_tick(void)
{
	if (!show || (++tick & 255))
		return;
	double t = now();
	if (t - tlast < 0.25)
		return;
	tlast = t;
	fprintf(stderr, "\r%s: %llu rows in, %llu out, %.1f MB, %.1f MB/s ", nf_progname,
	        (unsigned long long)nf_st.rows_in, (unsigned long long)nf_st.rows_out,
	        nf_st.bytes_in / 1e6, nf_st.bytes_in / 1e6 / (t - t0 + 1e-9));
}

void nf_stats_finish(const char *extra)
{
	if (show && tick >= 256)
		fputs("\r\033[K", stderr);
	if (!nf_opt.verbose)
		return;
	double dt = now() - t0;
	fprintf(stderr, "%s: %llu rows in, %llu rows out, %llu rejected, %.2f MB in %.2f s (%.1f MB/s), %llu repairs%s%s\n",
	        nf_progname, (unsigned long long)nf_st.rows_in, (unsigned long long)nf_st.rows_out,
	        (unsigned long long)nf_st.rejected, nf_st.bytes_in / 1e6, dt,
	        nf_st.bytes_in / 1e6 / (dt > 1e-9 ? dt : 1e-9), (unsigned long long)nf_st.repairs,
	        extra && *extra ? ", " : "", extra ? extra : "");
}
