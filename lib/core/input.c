/* input.c — see input.h. Gzip is inflated here with zlib's inflate() rather than gzread(),
 * so that the data before a corrupt or truncated spot is kept and the error is exact. */
#include "core/input.h"
#include "core/diag.h"
#include "core/stats.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK (256 * 1024)

struct nf_in {
	int fd, gz, eof, failed, ended;
	z_stream zs;
	unsigned char *zbuf; /* compressed input, or the first plain bytes read while sniffing */
	size_t zpend;        /* plain mode: bytes of zbuf not yet handed out */
	char *name;
	char *buf;
	size_t cap, beg, end, scan;
	unsigned long lineno;
	uint64_t bytes, raw; /* decompressed bytes handed to the buffers; bytes read from fd */
};

/* The buffers of the last input closed, handed to the next one opened: a run over thousands
 * of small files allocates them once, instead of taking 512 KB from the system and giving it
 * back (brk and fresh zeroed pages) for every file. */
static struct {
	unsigned char *zbuf;
	char *buf;
	size_t cap;
} spare;

static ssize_t xread(nf_in *in, void *p, size_t n)
{
	ssize_t r;
	do
		r = read(in->fd, p, n);
	while (r < 0 && errno == EINTR);
	if (r > 0)
		in->raw += (uint64_t)r;
	return r;
}

static void fail(nf_in *in, const char *fmt, const char *detail)
{
	in->failed = in->eof = 1;
	nf_fail();
	nf_warnx(fmt, in->name, (unsigned long long)in->bytes, detail);
}

nf_in *nf_in_open(const char *path)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
	if (fd < 0) {
		nf_warn("%s", path);
		return NULL;
	}
	nf_in *in = nf_xmalloc(sizeof *in);
	memset(in, 0, sizeof *in);
	in->fd = fd;
	in->name = nf_xstrdup(strcmp(path, "-") == 0 ? "(standard input)" : path);
	if (spare.zbuf) {
		in->zbuf = spare.zbuf;
		in->buf = spare.buf;
		in->cap = spare.cap;
		spare.zbuf = NULL;
		spare.buf = NULL;
	} else {
		in->zbuf = nf_xmalloc(CHUNK);
		in->cap = CHUNK;
		in->buf = nf_xmalloc(in->cap);
	}
	/* sniff: gzip is 1f 8b, whatever the name */
	size_t got = 0;
	while (got < 2) {
		ssize_t r = xread(in, in->zbuf + got, CHUNK - got);
		if (r < 0) {
			fail(in, "%s: read error after %llu bytes: %s", strerror(errno));
			return in;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (got >= 2 && in->zbuf[0] == 0x1f && in->zbuf[1] == 0x8b) {
		in->gz = 1;
		if (inflateInit2(&in->zs, 16 + MAX_WBITS) != Z_OK)
			nf_errx(NF_EXIT_DATA, "%s: cannot initialise zlib", in->name);
		in->zs.next_in = in->zbuf;
		in->zs.avail_in = (uInt)got;
	} else {
		in->zpend = got;
		if (got == 0)
			in->eof = 1;
	}
	return in;
}

const char *nf_in_name(const nf_in *in) { return in->name; }
unsigned long nf_in_lineno(const nf_in *in) { return in->lineno; }
uint64_t nf_in_bytes(const nf_in *in) { return in->bytes; }

/* read-ahead not yet handed out is taken off: exactly for plain input; for gzip only the
 * compressed bytes not yet inflated (inflated bytes not handed out do not map back) */
uint64_t nf_in_pos(const nf_in *in)
{
	uint64_t ahead = in->gz ? in->zs.avail_in : in->zpend + (in->end - in->beg);
	return in->raw > ahead ? in->raw - ahead : 0;
}
int nf_in_failed(const nf_in *in) { return in->failed; }

static size_t fill_plain(nf_in *in, char *dst, size_t room)
{
	if (in->zpend) {
		size_t n = in->zpend < room ? in->zpend : room;
		memcpy(dst, in->zbuf, n);
		memmove(in->zbuf, in->zbuf + n, in->zpend - n);
		in->zpend -= n;
		return n;
	}
	ssize_t r = xread(in, dst, room);
	if (r < 0)
		fail(in, "%s: read error after %llu bytes: %s", strerror(errno));
	else if (r == 0)
		in->eof = 1;
	return r > 0 ? (size_t)r : 0;
}

/* Inflate into dst. Whatever was decoded before damage is returned; the damage is reported
 * and ends the input. Concatenated gzip members are read as one stream. */
static size_t fill_gz(nf_in *in, char *dst, size_t room)
{
	z_stream *zs = &in->zs;
	zs->next_out = (Bytef *)dst;
	zs->avail_out = (uInt)room;
	while (zs->avail_out == room && !in->eof) {
		if (zs->avail_in == 0) {
			ssize_t r = xread(in, in->zbuf, CHUNK);
			if (r < 0) {
				fail(in, "%s: read error after %llu bytes: %s", strerror(errno));
				break;
			}
			if (r == 0) {
				in->eof = 1;
				if (!in->ended)
					fail(in, "%s: truncated gzip input (unexpected end of file after %llu bytes%s)", "");
				break;
			}
			zs->next_in = in->zbuf;
			zs->avail_in = (uInt)r;
		}
		if (in->ended) { /* another member, or trailing garbage */
			if (zs->avail_in >= 2 && zs->next_in[0] == 0x1f && zs->next_in[1] == 0x8b) {
				inflateReset(zs);
				in->ended = 0;
			} else {
				in->eof = 1;
				nf_warnx("%s: data after the end of the gzip stream ignored", in->name);
				break;
			}
		}
		int ret = inflate(zs, Z_NO_FLUSH);
		if (ret == Z_STREAM_END)
			in->ended = 1;
		else if (ret != Z_OK && ret != Z_BUF_ERROR) {
			in->bytes += room - zs->avail_out;
			fail(in, "%s: corrupt gzip input after %llu bytes: %s", zs->msg ? zs->msg : "bad data");
			in->bytes -= room - zs->avail_out;
			break;
		}
	}
	return room - zs->avail_out;
}

/* read more into dst; returns bytes read, 0 at end or error */
static size_t fill(nf_in *in, char *dst, size_t room)
{
	if (in->eof && !in->zpend)
		return 0;
	if (room > (1u << 30))
		room = 1u << 30;
	size_t n = in->gz ? fill_gz(in, dst, room) : fill_plain(in, dst, room);
	in->bytes += n;
	return n;
}

/* Read more after buf[end], first making room (compacting, or growing the buffer); returns
 * the bytes read, 0 at the end. The bytes not yet handed out, [beg, end), move to the front. */
static size_t more(nf_in *in)
{
	if (in->beg > 0 && in->beg == in->end)
		in->beg = in->scan = in->end = 0;
	if (in->cap - in->end < CHUNK / 2) {
		if (in->beg > 0) { /* compact */
			memmove(in->buf, in->buf + in->beg, in->end - in->beg);
			in->end -= in->beg;
			in->scan -= in->beg;
			in->beg = 0;
		}
		if (in->cap - in->end < CHUNK / 2) {
			in->cap = in->cap ? in->cap * 2 : CHUNK;
			in->buf = nf_xrealloc(in->buf, in->cap);
		}
	}
	size_t n = fill(in, in->buf + in->end, in->cap - in->end - 1); /* keep a spare byte */
	in->end += n;
	return n;
}

/* [beg, scan) never holds a '\n': a line's end is searched for only in bytes not yet seen */
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
		if (more(in) == 0) {
			if (in->beg == in->end)
				return NULL;
			if (in->failed) { /* cut off by the damage: a part of a row is not a row */
				nf_warnx("%s:%lu: the last line is incomplete (%zu bytes before the damage); dropped",
				         in->name, in->lineno + 1, in->end - in->beg);
				nf_st.rows_in++;
				nf_st.rejected++;
				in->beg = in->scan = in->end;
				return NULL;
			}
			char *line = in->buf + in->beg;
			*len = in->end - in->beg;
			in->beg = in->scan = in->end;
			in->lineno++;
			return line;
		}
	}
}

const char *nf_in_peek_line(nf_in *in, size_t *len)
{
	for (;;) {
		char *nl = memchr(in->buf + in->scan, '\n', in->end - in->scan);
		if (nl) {
			*len = (size_t)(nl - (in->buf + in->beg));
			return in->buf + in->beg;
		}
		in->scan = in->end;
		if (in->end - in->beg >= NF_IN_PEEK_MAX || more(in) == 0) {
			if (in->end == in->beg) {
				*len = 0;
				return NULL; /* the end of the input */
			}
			*len = in->end - in->beg < NF_IN_PEEK_MAX ? in->end - in->beg : NF_IN_PEEK_MAX;
			return in->buf + in->beg;
		}
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

char *nf_path_stem(const char *path, int keep_dir)
{
	if (strcmp(path, "-") == 0)
		return nf_xstrdup("stdin");
	const char *b = keep_dir || !strrchr(path, '/') ? path : strrchr(path, '/') + 1;
	char *s = nf_xstrdup(b);
	size_t n = strlen(s);
	if (n > 3 && strcmp(s + n - 3, ".gz") == 0)
		s[n -= 3] = 0;
	if (n > 4 && strcmp(s + n - 4, ".txt") == 0)
		s[n -= 4] = 0;
	return s;
}

void nf_in_close(nf_in *in)
{
	if (!in)
		return;
	if (in->gz)
		inflateEnd(&in->zs);
	if (in->fd != STDIN_FILENO)
		close(in->fd);
	if (!spare.zbuf && in->cap <= 16 * CHUNK) { /* kept for the next input (not a huge one) */
		spare.zbuf = in->zbuf;
		spare.buf = in->buf;
		spare.cap = in->cap;
	} else {
		free(in->zbuf);
		free(in->buf);
	}
	free(in->name);
	free(in);
}

size_t nf_fread(void *p, size_t n, FILE *f)
{
	size_t got = 0;
	while (got < n) {
		errno = 0;
		size_t r = fread((char *)p + got, 1, n - got, f);
		got += r;
		if (got < n && ferror(f) && errno == EINTR) {
			clearerr(f);
			continue;
		}
		if (r == 0 || got < n)
			break;
	}
	return got;
}
