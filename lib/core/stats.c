/* stats.c — see stats.h. The clock is read only for stderr reports, never for output. */
#include "core/stats.h"
#include "core/diag.h"
#include "core/opts.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WIDTH 79 /* columns the progress line may take */

struct nf_stats nf_st;
static int show, drawn;
static const char *label; /* NF_PROGRESS_LABEL, or NULL */
static double t0, tlast;
static unsigned tick;
static uint64_t total, pos, bytes_seen;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void nf_stats_start(void)
{
	const char *l = getenv("NF_PROGRESS_LABEL");
	label = l && *l ? l : NULL;
	show = !nf_opt.quiet && (nf_opt.progress || isatty(STDERR_FILENO));
	if (show)
		nf_before_warn = nf_progress_clear; /* every filter's messages start on a clean line */
	t0 = now();
	tlast = t0 - 1; /* the first look at the clock draws: a slow start shows at once */
}

void nf_progress_total(uint64_t t) { total = t; }
void nf_progress_pos(uint64_t p) { pos = p; }

/* ", 42%, ETA 0:13" (no ETA before the first byte or after the last) */
static void percent(char *b, size_t n, double elapsed)
{
	uint64_t p = pos < total ? pos : total;
	int k = snprintf(b, n, ", %d%%", (int)(100.0 * (double)p / (double)total));
	if (p == 0 || p == total || k < 0 || (size_t)k >= n)
		return;
	unsigned long s = (unsigned long)(elapsed * (double)(total - p) / (double)p + 0.5);
	if (s >= 3600)
		snprintf(b + k, n - (size_t)k, ", ETA %lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(b + k, n - (size_t)k, ", ETA %lu:%02lu", s / 60, s % 60);
}

/* Counts first, then the MB figures as room allows, the percent last; never over WIDTH. */
static void draw(double t)
{
	char head[WIDTH + 1], mb[48], pc[48] = "";
	double el = t - t0 > 1e-9 ? t - t0 : 1e-9;
	int hn = snprintf(head, sizeof head, "%.24s: %llu %s in, %llu out", label ? label : nf_progname,
	                  (unsigned long long)nf_st.rows_in, label ? "documents" : "rows",
	                  (unsigned long long)nf_st.rows_out);
	size_t used = hn < 0 ? 0 : (size_t)hn < sizeof head ? (size_t)hn : sizeof head - 1;
	if (total)
		percent(pc, sizeof pc, el);
	snprintf(mb, sizeof mb, ", %.1f MB, %.1f MB/s", nf_st.bytes_in / 1e6, nf_st.bytes_in / 1e6 / el);
	if (used + strlen(mb) + strlen(pc) > WIDTH)
		snprintf(mb, sizeof mb, ", %.1f MB", nf_st.bytes_in / 1e6);
	if (used + strlen(mb) + strlen(pc) > WIDTH)
		mb[0] = 0;
	if (used + strlen(pc) > WIDTH)
		pc[0] = 0;
	fprintf(stderr, "\r%s%s%s\033[K", head, mb, pc);
	drawn = 1;
}

void nf_progress_tick(void)
{
	/* the clock is read every 256 records, or after each MB of text when records are big */
	if (!show || ((++tick & 255) && nf_st.bytes_in - bytes_seen < (1u << 20)))
		return;
	bytes_seen = nf_st.bytes_in;
	double t = now();
	if (t - tlast < 0.25)
		return;
	tlast = t;
	draw(t);
}

void nf_progress_clear(void)
{
	if (drawn)
		fputs("\r\033[K", stderr);
	drawn = 0;
}

void nf_stats_finish(const char *extra)
{
	nf_progress_clear();
	if (!nf_opt.verbose)
		return;
	double dt = now() - t0;
	fprintf(stderr, "%s: %llu rows in, %llu rows out, %llu rejected, %.2f MB in %.2f s (%.1f MB/s), %llu repairs%s%s\n",
	        nf_progname, (unsigned long long)nf_st.rows_in, (unsigned long long)nf_st.rows_out,
	        (unsigned long long)nf_st.rejected, nf_st.bytes_in / 1e6, dt,
	        nf_st.bytes_in / 1e6 / (dt > 1e-9 ? dt : 1e-9), (unsigned long long)nf_st.repairs,
	        extra && *extra ? ", " : "", extra ? extra : "");
}
