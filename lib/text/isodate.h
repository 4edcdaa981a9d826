/* isodate.h — dates in document metadata.
 *  nf_date_header: the leading " date YYYY-MM[-DD]" line of scraped articles (the date may be
 *    glued to the first sentence on the same line); returns the bytes it spans, including
 *    the blank after it, and writes the date; 0 when the text has no such header.
 *  nf_iso_date: a date column value in a common export form -> ISO 8601:
 *    2015-07-21, 2015/07/21, 2015-07-21 02:51:32, 2015-07-21T02:51:32Z, 20150721,
 *    26-FEB-1987 15:01:01.79, 21 Jul 2015, Jul 21, 2015, Tue, 21 Jul 2015 10:00:00 +0300,
 *    21.07.2015, 21/07/2015 (day first; 07/21/2015 is read month first because 21 > 12),
 *    Unix seconds (9-10 digits). The output is YYYY[-MM[-DD]] with Thh:mm[:ss][zone] when
 *    the value has a time. Returns 1, or 0 when the value is not a date. */
#ifndef NF_ISODATE_H
#define NF_ISODATE_H
#include <stddef.h>

#define NF_ISODATE_MAX 128
size_t nf_date_header(const char *s, size_t n, char out[NF_ISODATE_MAX]);
int nf_iso_date(const char *s, size_t n, char out[NF_ISODATE_MAX]);
/* proleptic Gregorian dates and days since 1970-01-01 (H. Hinnant's algorithms) */
long nf_days_from_civil(int y, int m, int d);
void nf_civil_from_days(long days, int *y, int *m, int *d);
#endif
