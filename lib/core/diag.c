/* diag.c — see diag.h */
#include "core/diag.h"
#include "core/buf.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *nf_progname = "nf";
int nf_status = NF_EXIT_OK;
void (*nf_before_warn)(void);

void nf_setprog(const char *argv0)
{
	const char *s = strrchr(argv0, '/');
	nf_progname = s ? s + 1 : argv0;
}

void nf_fail(void)
{
	if (nf_status == NF_EXIT_OK)
		nf_status = NF_EXIT_DATA;
}

static void vwarn_(const char *file, unsigned long line, int errnum, const char *fmt, va_list ap)
{
	if (nf_before_warn)
		nf_before_warn();
	fprintf(stderr, "%s: ", nf_progname);
	if (file) {
		if (line)
			fprintf(stderr, "%s:%lu: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	vfprintf(stderr, fmt, ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void nf_warnx(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_(NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void nf_warn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	va_start(ap, fmt);
	vwarn_(NULL, 0, e, fmt, ap);
	va_end(ap);
}

void nf_warn_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_(file, line, 0, fmt, ap);
	va_end(ap);
}

void nf_errx(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_(NULL, 0, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void nf_err(int status, const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	va_start(ap, fmt);
	vwarn_(NULL, 0, e, fmt, ap);
	va_end(ap);
	exit(status);
}

void nf_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_(NULL, 0, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", nf_progname);
	exit(NF_EXIT_USAGE);
}

/* allocation helpers of buf.h live here: running out of memory is a diagnostic */
void *nf_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		nf_err(NF_EXIT_DATA, "out of memory allocating %zu bytes", n);
	return p;
}

void *nf_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		nf_err(NF_EXIT_DATA, "out of memory allocating %zu bytes", n);
	return p;
}

char *nf_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(nf_xmalloc(n), s, n);
}

void nf_buf_grow(nf_buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 4096;
	while (cap - b->len < need) {
		if (cap > ((size_t)-1) / 2)
			nf_errx(NF_EXIT_DATA, "record too large");
		cap *= 2;
	}
	b->p = nf_xrealloc(b->p, cap);
	b->cap = cap;
}
