/* out.c — see out.h */
#include "core/out.h"
#include "core/diag.h"
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

/* non-zero when one of the 8 bytes of v is TAB, LF, CR or backslash (SWAR) */
static inline uint64_t has_special(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t t = v ^ (ones * '\t'), l = v ^ (ones * '\n'), r = v ^ (ones * '\r'), b = v ^ (ones * '\\');
	return (((t - ones) & ~t) | ((l - ones) & ~l) | ((r - ones) & ~r) | ((b - ones) & ~b)) & high;
}

void nf_out_field(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n, *run = p;
	while (p < e) {
		while (e - p >= 8) { /* skip 8 plain bytes at a time */
			uint64_t v;
			memcpy(&v, p, 8);
			if (has_special(v))
				break;
			p += 8;
		}
		if (p >= e)
			break;
		unsigned char x = nf_tsv_special[*p];
		if (x) {
			nf_out_write(run, (size_t)(p - run));
			nf_out_c('\\');
			nf_out_c((char)x);
			run = p + 1;
		}
		p++;
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
