/* dates.h — temporal expressions in text, normalized to TIMEX3 values: dates (absolute,
 * relative to the reference date, months and seasons without a year, quarters, halves,
 * decades, deictic PRESENT_REF/PAST_REF/FUTURE_REF), clock times, durations (with ranges)
 * and sets. The vocabulary and the per-language patterns are in lib/data/dates/ and
 * lib/data/months.tsv. Without a reference date, relative values keep X placeholders at
 * their granularity (XXXX-WXX, XXXX-03); the clock is never read. */
#ifndef NF_DATES_H
#define NF_DATES_H
#include <stddef.h>

struct nf_date {
	size_t start, end;              /* byte offsets in the text, end exclusive */
	const char *type;               /* DATE TIME DURATION SET */
	char value[64], value_max[64];  /* value_max: the end of a range (of durations, dates, times) */
	const char *mod;                /* START MID END APPROX MORE_THAN LESS_THAN or "" */
};

typedef void (*nf_date_cb)(const struct nf_date *d, void *ctx);

void nf_dates_init(void);
/* lang: ISO 639-1 or "" (then every language's patterns); ref: the reference date as
 * YYYY-MM or YYYY-MM-DD (a longer ISO value is cut), or "" for none. Returns -1 (and finds
 * nothing relative) when ref is given but is not a date. */
int nf_dates_find(const char *text, size_t n, const char *lang, size_t langn, const char *ref,
                  size_t refn, nf_date_cb cb, void *ctx);
#endif
