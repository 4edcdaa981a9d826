/* out.c — see out.h */
#include "out.h"
#include "diag.h"
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

char nf_out_buf[NF_OUT_BUFSZ];
size_t nf_out_len;
unsigned char nf_tsv_special[256] = {['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r', ['\\'] = '\\'};

static void write_all(const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(STDOUT_FILENO, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE)
				_exit(nf_status); /* reader went away: not an error in itself */
			nf_err(NF_EXIT_DATA, "write error");
		}
		p += w;
		n -= (size_t)w;
	}
}

void nf_out_flush(void)
{
	if (nf_out_len)
		write_all(nf_out_buf, nf_out_len);
	nf_out_len = 0;
}

void nf_out_write_slow(const void *s, size_t n)
{
	nf_out_flush();
	if (n >= NF_OUT_BUFSZ / 2)
		write_all(s, n);
	else {
		memcpy(nf_out_buf, s, n);
		nf_out_len = n;
	}
}

void nf_out_close(void)
{
	nf_out_flush();
	if (close(STDOUT_FILENO) < 0 && errno != EINTR && errno != EBADF) {
		if (errno == EPIPE)
			_exit(nf_status);
		nf_err(NF_EXIT_DATA, "write error");
	}
}

void nf_out_field(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n, *run = p;
	for (; p < e; p++) {
		unsigned char x = nf_tsv_special[*p];
		if (x) {
			nf_out_write(run, (size_t)(p - run));
			nf_out_c('\\');
			nf_out_c((char)x);
			run = p + 1;
		}
	}
	nf_out_write(run, (size_t)(e - run));
}

void nf_out_u64(uint64_t v)
{
	char b[24], *q = b + sizeof b;
	do
		*--q = (char)('0' + v % 10);
	while (v /= 10);
	nf_out_write(q, (size_t)(b + sizeof b - q));
}
