/* input.c — see input.h. zlib's gz* layer reads plain data transparently. */
#include "input.h"
#include "diag.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK (256 * 1024)

struct nf_in {
	gzFile gz;
	char *name;
	char *buf;
	size_t cap, beg, end, scan;
	unsigned long lineno;
	uint64_t bytes;
	int eof, failed;
};

nf_in *nf_in_open(const char *path)
{
	int fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY);
	if (fd < 0) {
		nf_warn("%s", path);
		return NULL;
	}
	gzFile gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		nf_warnx("%s: cannot allocate reader", path);
		return NULL;
	}
	gzbuffer(gz, CHUNK);
	nf_in *in = nf_xmalloc(sizeof *in);
	memset(in, 0, sizeof *in);
	in->gz = gz;
	in->name = nf_xstrdup(strcmp(path, "-") == 0 ? "(standard input)" : path);
	return in;
}

const char *nf_in_name(const nf_in *in) { return in->name; }
unsigned long nf_in_lineno(const nf_in *in) { return in->lineno; }
uint64_t nf_in_bytes(const nf_in *in) { return in->bytes; }
int nf_in_failed(const nf_in *in) { return in->failed; }

static void report(nf_in *in)
{
	int errnum;
	const char *msg = gzerror(in->gz, &errnum);
	in->failed = 1;
	nf_fail();
	if (errnum == Z_ERRNO)
		nf_warnx("%s: read error: %s", in->name, strerror(errno));
	else if (errnum == Z_BUF_ERROR)
		nf_warnx("%s: truncated gzip input (unexpected end of file after %llu bytes)",
		         in->name, (unsigned long long)in->bytes);
	else
		nf_warnx("%s: corrupt gzip input after %llu bytes: %s", in->name,
		         (unsigned long long)in->bytes, msg);
}

/* read more into buf[end..]; returns bytes read, 0 at end or error */
static size_t fill(nf_in *in, char *dst, size_t room)
{
	if (in->eof)
		return 0;
	if (room > (1u << 30))
		room = 1u << 30;
	int n = gzread(in->gz, dst, (unsigned)room);
	if (n > 0) {
		in->bytes += (uint64_t)n;
		return (size_t)n;
	}
	in->eof = 1;
	int errnum;
	gzerror(in->gz, &errnum);
	if (n < 0 || errnum != Z_OK)
		report(in);
	return 0;
}

char *nf_in_line(nf_in *in, size_t *len)
{
	for (;;) {
		char *nl = memchr(in->buf + in->scan, '\n', in->end - in->scan);
		if (nl) {
			char *line = in->buf + in->beg;
			*len = (size_t)(nl - line);
			in->beg = in->scan = (size_t)(nl - in->buf) + 1;
			in->lineno++;
			return line;
		}
		in->scan = in->end;
		if (in->beg > 0 && in->beg == in->end)
			in->beg = in->scan = in->end = 0;
		if (in->cap - in->end < CHUNK / 2) {
			if (in->beg > 0) { /* compact */
				memmove(in->buf, in->buf + in->beg, in->end - in->beg);
				in->end -= in->beg;
				in->scan = in->end;
				in->beg = 0;
			}
			if (in->cap - in->end < CHUNK / 2) {
				in->cap = in->cap ? in->cap * 2 : CHUNK;
				in->buf = nf_xrealloc(in->buf, in->cap);
			}
		}
		size_t n = fill(in, in->buf + in->end, in->cap - in->end - 1); /* keep a spare byte */
		if (n == 0) {
			if (in->beg == in->end)
				return NULL;
			char *line = in->buf + in->beg;
			*len = in->end - in->beg;
			in->beg = in->scan = in->end;
			in->lineno++;
			return line;
		}
		in->end += n;
	}
}

int nf_in_slurp(nf_in *in, nf_buf *dst)
{
	if (in->end > in->beg) {
		nf_buf_add(dst, in->buf + in->beg, in->end - in->beg);
		in->beg = in->scan = in->end;
	}
	for (;;) {
		nf_buf_reserve(dst, CHUNK);
		size_t n = fill(in, dst->p + dst->len, dst->cap - dst->len);
		if (n == 0)
			break;
		dst->len += n;
	}
	return in->failed ? -1 : 0;
}

void nf_in_close(nf_in *in)
{
	if (!in)
		return;
	gzclose_r(in->gz);
	free(in->buf);
	free(in->name);
	free(in);
}
