/* failshim.c — an LD_PRELOAD shim that makes the Nth call of one kind fail, for the fault
 * sweep of tests/faults.bats (the way jq's and SQLite's suites inject I/O and malloc faults).
 *
 *   NF_FAIL_CALL=KIND   the kind of call to fail: read write open malloc rename fsync mmap
 *   NF_FAIL_AT=N        fail the Nth call of that kind (1-based, counted from the shim's load)
 *   NF_FAIL_PERSIST=1   fail every call of that kind from the Nth on (a full disk, memory gone);
 *                       by default only the Nth fails (a recovery that hides the error shows)
 *   NF_FAIL_ERRNO=NAME  the errno set: EIO, ENOSPC, ENOMEM, EACCES, EINTR, EAGAIN (default:
 *                       ENOMEM for malloc and mmap, ENOSPC for write and fsync, EIO else)
 *   NF_FAIL_COUNT=FILE  at exit, append "PROG KIND COUNT" for every kind to FILE (a run with no
 *                       NF_FAIL_AT only counts: the sweep's range)
 *   NF_FAIL_LOG=FILE    append "PROG KIND N" to FILE when the fault is injected
 *   NF_FAIL_PROG=NAME   act only in the process of that name (default: any nf-* program, so
 *                       the shells, sort and awk of a pipeline run untouched)
 *
 * Kinds and the calls counted as one kind:
 *   read    read, fread (fread fails with its error flag set, as a failed read(2) leaves it)
 *   write   write, fwrite
 *   open    open, open64, openat, openat64, fopen, fopen64
 *   malloc  malloc, calloc, realloc, aligned_alloc, posix_memalign
 *   rename  rename, renameat
 *   fsync   fsync, fdatasync
 *   mmap    mmap, mmap64
 * Every call through the dynamic linker is counted, the program's and its libraries' (zlib,
 * PCRE2, stdio's buffers), not the C library's calls to itself (stdio's own read and write
 * of its buffers, the loader's mmap): the sweep takes its range from a counting run, so it
 * covers whatever is counted. glibc only (program_invocation_short_name, __libc_malloc). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

enum kind { K_READ, K_WRITE, K_OPEN, K_MALLOC, K_RENAME, K_FSYNC, K_MMAP, NKIND };
static const char *const kname[NKIND] = {"read", "write", "open", "malloc", "rename", "fsync", "mmap"};

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static int state;              /* 0 not yet read, 1 inactive, 2 active */
static int fail_kind = -1;     /* the kind to fail, or -1 (count only) */
static unsigned long fail_at;  /* the call to fail */
static int persist, fail_errno;
static unsigned long count[NKIND];
static char count_file[512], log_file[512];

static int errno_named(const char *s, int dflt)
{
	static const struct { const char *n; int e; } t[] = {
		{"EIO", EIO}, {"ENOSPC", ENOSPC}, {"ENOMEM", ENOMEM}, {"EACCES", EACCES},
		{"EINTR", EINTR}, {"EAGAIN", EAGAIN}, {"EMFILE", EMFILE}, {"EDQUOT", EDQUOT},
	};
	for (size_t i = 0; s && i < sizeof t / sizeof t[0]; i++)
		if (strcmp(s, t[i].n) == 0)
			return t[i].e;
	return dflt;
}

static void setup(void)
{
	const char *prog = program_invocation_short_name;
	const char *want = getenv("NF_FAIL_PROG");
	if (!prog || !*prog)
		return; /* called before the C library's start-up (ASan's preinit): decide later */
	state = 1;
	if (want && *want ? strcmp(prog, want) != 0 : strncmp(prog, "nf-", 3) != 0)
		return;
	const char *c = getenv("NF_FAIL_CALL"), *at = getenv("NF_FAIL_AT");
	const char *cf = getenv("NF_FAIL_COUNT"), *lf = getenv("NF_FAIL_LOG");
	for (int k = 0; c && k < NKIND; k++)
		if (strcmp(c, kname[k]) == 0)
			fail_kind = k;
	fail_at = at ? strtoul(at, NULL, 10) : 0;
	if (!fail_at)
		fail_kind = -1;
	persist = getenv("NF_FAIL_PERSIST") && strcmp(getenv("NF_FAIL_PERSIST"), "1") == 0;
	fail_errno = errno_named(getenv("NF_FAIL_ERRNO"),
		fail_kind == K_MALLOC || fail_kind == K_MMAP ? ENOMEM :
		fail_kind == K_WRITE || fail_kind == K_FSYNC ? ENOSPC : EIO);
	if (cf)
		snprintf(count_file, sizeof count_file, "%s", cf);
	if (lf)
		snprintf(log_file, sizeof log_file, "%s", lf);
	state = 2;
}

/* the lines go out with the real open(2) and write(2) (no stdio, no malloc), found at load */
static int (*ropen)(const char *, int, ...);
static ssize_t (*rwrite)(int, const void *, size_t);

__attribute__((constructor)) static void init(void)
{
	ropen = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	rwrite = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (state == 0)
		setup();
}

static void append_line(const char *path, const char *line)
{
	if (!ropen || !rwrite)
		return;
	int fd = ropen(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		(void)!rwrite(fd, line, strlen(line));
		close(fd);
	}
}

/* 1 when this call is to fail (errno set), 0 to go on to the real call */
static int should_fail(enum kind k)
{
	if (state == 0)
		setup();
	if (state != 2)
		return 0;
	unsigned long n = ++count[k];
	if ((int)k != fail_kind || n < fail_at || (n > fail_at && !persist))
		return 0;
	if (n == fail_at && log_file[0]) {
		char line[128];
		snprintf(line, sizeof line, "%s %s %lu\n", program_invocation_short_name, kname[k], n);
		append_line(log_file, line);
	}
	errno = fail_errno;
	return 1;
}

__attribute__((destructor)) static void report(void)
{
	if (state != 2 || !count_file[0])
		return;
	char line[512];
	size_t len = 0;
	for (int k = 0; k < NKIND; k++)
		len += (size_t)snprintf(line + len, sizeof line - len, "%s %s %lu\n",
			program_invocation_short_name, kname[k], count[k]);
	state = 1; /* the report's own open and write are not counted */
	append_line(count_file, line);
}

/* real_: the next definition of the function NAME (the C library's) */
#define REAL(name) \
	static __typeof__(&name) real_; \
	if (!real_) \
		real_ = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

/* ---- malloc: glibc's own entry points, so dlsym's allocations never come back here ---- */
void *malloc(size_t n)
{
	if (should_fail(K_MALLOC))
		return NULL;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	if (should_fail(K_MALLOC))
		return NULL;
	return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	if (should_fail(K_MALLOC))
		return NULL;
	return __libc_realloc(p, n);
}

void *aligned_alloc(size_t a, size_t n)
{
	if (should_fail(K_MALLOC))
		return NULL;
	return __libc_memalign(a, n);
}

int posix_memalign(void **out, size_t a, size_t n)
{
	if (should_fail(K_MALLOC))
		return ENOMEM;
	void *p = __libc_memalign(a, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

/* ---- read ---- */
ssize_t read(int fd, void *buf, size_t n)
{
	REAL(read);
	if (should_fail(K_READ))
		return -1;
	return real_(fd, buf, n);
}

size_t fread(void *buf, size_t size, size_t n, FILE *f)
{
	REAL(fread);
	if (should_fail(K_READ)) {
		f->_flags |= _IO_ERR_SEEN;
		return 0;
	}
	return real_(buf, size, n, f);
}

/* ---- write ---- */
ssize_t write(int fd, const void *buf, size_t n)
{
	REAL(write);
	if (should_fail(K_WRITE))
		return -1;
	return real_(fd, buf, n);
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
	REAL(fwrite);
	if (should_fail(K_WRITE)) {
		f->_flags |= _IO_ERR_SEEN;
		return 0;
	}
	return real_(buf, size, n, f);
}

/* ---- open ---- */
static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
	REAL(open);
	va_list ap;
	va_start(ap, flags);
	mode_t m = mode_arg(flags, ap);
	va_end(ap);
	if (should_fail(K_OPEN))
		return -1;
	return real_(path, flags, m);
}

int open64(const char *path, int flags, ...)
{
	REAL(open64);
	va_list ap;
	va_start(ap, flags);
	mode_t m = mode_arg(flags, ap);
	va_end(ap);
	if (should_fail(K_OPEN))
		return -1;
	return real_(path, flags, m);
}

int openat(int dir, const char *path, int flags, ...)
{
	REAL(openat);
	va_list ap;
	va_start(ap, flags);
	mode_t m = mode_arg(flags, ap);
	va_end(ap);
	if (should_fail(K_OPEN))
		return -1;
	return real_(dir, path, flags, m);
}

int openat64(int dir, const char *path, int flags, ...)
{
	REAL(openat64);
	va_list ap;
	va_start(ap, flags);
	mode_t m = mode_arg(flags, ap);
	va_end(ap);
	if (should_fail(K_OPEN))
		return -1;
	return real_(dir, path, flags, m);
}

FILE *fopen(const char *path, const char *mode)
{
	REAL(fopen);
	if (should_fail(K_OPEN))
		return NULL;
	return real_(path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
	REAL(fopen64);
	if (should_fail(K_OPEN))
		return NULL;
	return real_(path, mode);
}

/* ---- rename ---- */
int rename(const char *from, const char *to)
{
	REAL(rename);
	if (should_fail(K_RENAME))
		return -1;
	return real_(from, to);
}

int renameat(int fd1, const char *from, int fd2, const char *to)
{
	REAL(renameat);
	if (should_fail(K_RENAME))
		return -1;
	return real_(fd1, from, fd2, to);
}

/* ---- fsync ---- */
int fsync(int fd)
{
	REAL(fsync);
	if (should_fail(K_FSYNC))
		return -1;
	return real_(fd);
}

int fdatasync(int fd)
{
	REAL(fdatasync);
	if (should_fail(K_FSYNC))
		return -1;
	return real_(fd);
}

/* ---- mmap ---- */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	REAL(mmap);
	if (should_fail(K_MMAP))
		return MAP_FAILED;
	return real_(addr, len, prot, flags, fd, off);
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	REAL(mmap64);
	if (should_fail(K_MMAP))
		return MAP_FAILED;
	return real_(addr, len, prot, flags, fd, off);
}
