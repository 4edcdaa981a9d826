/* diag.h — diagnostics in the err(3)/warn(3) style, naming program, file and line,
 * and the exit statuses every filter shares:
 *   0 success, 1 data or I/O error (after processing what could be), 2 usage error. */
#ifndef NF_DIAG_H
#define NF_DIAG_H
#include <stdarg.h>

enum nf_exit {
	NF_EXIT_OK = 0,    /* everything read and written */
	NF_EXIT_DATA = 1,  /* bad input, unreadable file, write error: reported on stderr */
	NF_EXIT_USAGE = 2, /* bad option or argument */
};

extern const char *nf_progname;
/* called before every message, when set: the progress line (stats.c) clears itself there */
extern void (*nf_before_warn)(void);
extern int nf_status; /* sticky exit status: the worst seen so far */

void nf_setprog(const char *argv0);
void nf_fail(void); /* mark the run as failed (exit 1 at the end) */

/* "prog: msg" / "prog: msg: strerror(errno)" */
void nf_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void nf_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: file:line: msg"; line 0 leaves the line out */
void nf_warn_at(const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
_Noreturn void nf_errx(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void nf_err(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "prog: msg" then "Try 'prog --help'." and exit 2 */
_Noreturn void nf_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
