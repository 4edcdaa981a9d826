/* decimal.c — see decimal.h */
#include "extract/decimal.h"
#include <string.h>

static void trim(nf_dec *x)
{
	int lead = 0;
	while (lead < x->n - 1 && lead < x->n - x->frac && x->d[lead] == '0')
		lead++;
	if (lead) {
		memmove(x->d, x->d + lead, (size_t)(x->n - lead));
		x->n -= lead;
	}
	while (x->frac > 0 && x->n > 1 && x->d[x->n - 1] == '0') { /* trailing fractional zeros */
		x->n--;
		x->frac--;
	}
	if (x->n == 1 && x->d[0] == '0')
		x->frac = 0;
}

int nf_dec_set(nf_dec *x, const char *digits, size_t n, int frac)
{
	while (n > 1 && *digits == '0' && (int)n > frac + 1)
		digits++, n--;
	if (n == 0 || n > NF_DEC_MAX)
		return -1;
	memcpy(x->d, digits, n);
	x->n = (int)n;
	x->frac = frac;
	trim(x);
	return 0;
}

void nf_dec_shift(nf_dec *x, int k)
{
	x->frac -= k;
	while (x->frac < 0 && x->n < NF_DEC_MAX) { /* make the zeros explicit */
		x->d[x->n++] = '0';
		x->frac++;
	}
	if (x->frac < 0)
		x->frac = 0; /* beyond NF_DEC_MAX digits: cannot happen for amounts we accept */
	trim(x);
}

int nf_dec_is_zero(const nf_dec *x)
{
	for (int i = 0; i < x->n; i++)
		if (x->d[i] != '0')
			return 0;
	return 1;
}

int nf_dec_cmp(const nf_dec *a, const nf_dec *b)
{
	int ia = a->n - a->frac, ib = b->n - b->frac; /* integer digits (may be <= 0) */
	if (nf_dec_is_zero(a) || nf_dec_is_zero(b))
		return nf_dec_is_zero(a) ? (nf_dec_is_zero(b) ? 0 : -1) : 1;
	if (ia != ib)
		return ia < ib ? -1 : 1;
	int m = a->n > b->n ? a->n : b->n;
	for (int i = 0; i < m; i++) {
		char ca = i < a->n ? a->d[i] : '0', cb = i < b->n ? b->d[i] : '0';
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return 0;
}

size_t nf_dec_format(const nf_dec *x, char *out)
{
	size_t k = 0;
	int ip = x->n - x->frac;
	if (ip <= 0) {
		out[k++] = '0';
		out[k++] = '.';
		for (int i = 0; i < -ip; i++)
			out[k++] = '0';
		memcpy(out + k, x->d, (size_t)x->n);
		k += (size_t)x->n;
	} else {
		memcpy(out, x->d, (size_t)ip);
		k = (size_t)ip;
		if (x->frac > 0) {
			out[k++] = '.';
			memcpy(out + k, x->d + ip, (size_t)x->frac);
			k += (size_t)x->frac;
		}
	}
	out[k] = 0;
	return k;
}
