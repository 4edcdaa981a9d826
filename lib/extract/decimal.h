/* decimal.h — exact decimal numbers as digit strings (no binary floating point), for amounts:
 * "1,15 miljard" is 115 with 2 fractional digits, times 10^9, printed 1150000000. */
#ifndef NF_DECIMAL_H
#define NF_DECIMAL_H
#include <stddef.h>

#define NF_DEC_MAX 160 /* significant digits kept; longer numbers are not amounts */

typedef struct {
	char d[NF_DEC_MAX]; /* ASCII digits, most significant first, no leading zeros */
	int n;              /* number of digits */
	int frac;           /* the last frac digits are after the decimal point (may exceed n) */
} nf_dec;

/* From ASCII digits with frac of them fractional; 0 ok, -1 too long. */
int nf_dec_set(nf_dec *x, const char *digits, size_t n, int frac);
void nf_dec_shift(nf_dec *x, int pow10);       /* multiply by 10^pow10 */
int nf_dec_cmp(const nf_dec *a, const nf_dec *b); /* -1 0 1 */
int nf_dec_is_zero(const nf_dec *x);
/* Plain decimal: no exponent, no leading zeros, no trailing fractional zeros ("2500000000",
 * "1.38", "0.5"). Returns the length; out needs 2*NF_DEC_MAX+4 bytes. */
size_t nf_dec_format(const nf_dec *x, char *out);
#endif
