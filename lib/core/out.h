/* out.h — checked, buffered standard output and the TSV writer.
 * A closed pipe (EPIPE, as under `| head`) ends the program quietly with status 0;
 * any other write error (a full disk) is reported and exits 1. nf_out_close() must be
 * called at the end: it flushes and checks that stdout really took the data.
 * Field values are written with the escapes \t \n \r \\ (PostgreSQL COPY / Miller TSV). */
#ifndef NF_OUT_H
#define NF_OUT_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define NF_OUT_BUFSZ (256 * 1024)
extern char nf_out_buf[NF_OUT_BUFSZ];
extern size_t nf_out_len;
extern unsigned char nf_tsv_special[256]; /* non-zero for TAB LF CR and backslash */

void nf_out_flush(void);
void nf_out_close(void); /* flush, fsync-free check of stdout; exits 1 on error */
void nf_out_write_slow(const void *s, size_t n);

static inline void nf_out_write(const void *s, size_t n)
{
	if (n == 0)
		return;
	if (n <= NF_OUT_BUFSZ - nf_out_len) {
		memcpy(nf_out_buf + nf_out_len, s, n);
		nf_out_len += n;
	} else
		nf_out_write_slow(s, n);
}
static inline void nf_out_c(char c)
{
	if (nf_out_len == NF_OUT_BUFSZ)
		nf_out_flush();
	nf_out_buf[nf_out_len++] = c;
}
static inline void nf_out_s(const char *s) { nf_out_write(s, strlen(s)); }
static inline void nf_out_tab(void) { nf_out_c('\t'); }
static inline void nf_out_nl(void) { nf_out_c('\n'); }

void nf_out_field(const char *s, size_t n); /* write s escaped */
static inline void nf_out_fields(const char *s) { nf_out_field(s, strlen(s)); }
void nf_out_u64(uint64_t v);
#endif
