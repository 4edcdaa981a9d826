/* isodate.c — see isodate.h. Locale-free, no clock. */
#include "text/isodate.h"
#include <stdio.h>
#include <string.h>

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

struct cur {
	const char *p, *e;
};

static int digits(struct cur *c, int min, int max, int *v)
{
	int n = 0;
	*v = 0;
	while (c->p < c->e && n < max && *c->p >= '0' && *c->p <= '9') {
		*v = *v * 10 + (*c->p++ - '0');
		n++;
	}
	return n >= min;
}

static int lit(struct cur *c, char ch)
{
	if (c->p < c->e && *c->p == ch) {
		c->p++;
		return 1;
	}
	return 0;
}

static void skip_blank(struct cur *c)
{
	while (c->p < c->e && (*c->p == ' ' || *c->p == ','))
		c->p++;
}

static int month_name(struct cur *c, int *m)
{
	if (c->e - c->p < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if ((c->p[0] | 32) == months[i][0] && (c->p[1] | 32) == months[i][1] && (c->p[2] | 32) == months[i][2]) {
			c->p += 3;
			while (c->p < c->e && ((*c->p | 32) >= 'a' && (*c->p | 32) <= 'z'))
				c->p++; /* full name */
			lit(c, '.');
			*m = i + 1;
			return 1;
		}
	return 0;
}

static int valid(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1000 || y > 9999 || m < 1 || m > 12)
		return 0;
	if (d == 0)
		return 1;
	if (d < 1 || d > mdays[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* optional time and zone after a date */
static int timepart(struct cur *c, char *t, size_t tn)
{
	int hh, mm, ss = -1;
	struct cur s = *c;
	*t = 0;
	if (!(lit(&s, 'T') || lit(&s, ' ')))
		return 1;
	skip_blank(&s);
	if (!digits(&s, 2, 2, &hh) || !lit(&s, ':') || !digits(&s, 2, 2, &mm))
		return 1;
	if (lit(&s, ':') && !digits(&s, 2, 2, &ss))
		return 1;
	if (hh > 23 || mm > 59 || ss > 60)
		return 0;
	if (lit(&s, '.') || lit(&s, ','))
		while (s.p < s.e && *s.p >= '0' && *s.p <= '9')
			s.p++;
	char zone[16] = "";
	skip_blank(&s);
	if (lit(&s, 'Z'))
		strcpy(zone, "Z");
	else if (s.p < s.e && (*s.p == '+' || *s.p == '-')) {
		char sign = *s.p++;
		int zh, zm = 0;
		if (digits(&s, 2, 2, &zh)) {
			lit(&s, ':');
			digits(&s, 2, 2, &zm);
			snprintf(zone, sizeof zone, "%c%02d:%02d", sign, zh % 100, zm % 100);
		}
	} else if (s.e - s.p >= 3 && (memcmp(s.p, "GMT", 3) == 0 || memcmp(s.p, "UTC", 3) == 0)) {
		s.p += 3;
		strcpy(zone, "Z");
	}
	if (ss >= 0)
		snprintf(t, tn, "T%02d:%02d:%02d%.6s", hh, mm, ss, zone);
	else
		snprintf(t, tn, "T%02d:%02d%.6s", hh, mm, zone);
	*c = s;
	return 1;
}

static int finish(struct cur *c, int y, int m, int d, char *out)
{
	char t[64];
	if (!valid(y, m, d) || !timepart(c, t, sizeof t))
		return 0;
	skip_blank(c);
	/* after a full date, trailing junk that is not a word is ignored ("...59.13&#5;RM") */
	if (c->p != c->e && !(d && !((*c->p | 32) >= 'a' && (*c->p | 32) <= 'z') && !(*c->p >= '0' && *c->p <= '9')))
		return 0;
	if (m == 0)
		snprintf(out, NF_ISODATE_MAX, "%04d", y);
	else if (d == 0)
		snprintf(out, NF_ISODATE_MAX, "%04d-%02d", y, m);
	else
		snprintf(out, NF_ISODATE_MAX, "%04d-%02d-%02d%.40s", y, m, d, t);
	return 1;
}

long nf_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void nf_civil_from_days(long days, int *y, int *m, int *d)
{
	days += 719468;
	long era = (days >= 0 ? days : days - 146096) / 146097;
	long doe = days - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int nf_iso_date(const char *s, size_t n, char out[NF_ISODATE_MAX])
{
	struct cur c = {s, s + n}, c0;
	int a, b, y, m = 0, d = 0;
	while (c.p < c.e && *c.p == ' ')
		c.p++;
	while (c.e > c.p && c.e[-1] == ' ')
		c.e--;
	if (c.p == c.e)
		return 0;
	c0 = c;
	/* weekday prefix: "Tue, " */
	if (c.e - c.p > 5 && c.p[3] == ',' && ((c.p[0] | 32) >= 'a' && (c.p[0] | 32) <= 'z')) {
		c.p += 4;
		skip_blank(&c);
		c0 = c;
	}
	if (month_name(&c, &m)) { /* Jul 21, 2015 */
		skip_blank(&c);
		if (digits(&c, 1, 2, &d)) {
			skip_blank(&c);
			if (digits(&c, 4, 4, &y))
				return finish(&c, y, m, d, out);
		}
		return 0;
	}
	c = c0;
	int nd = 0;
	while (c.p + nd < c.e && c.p[nd] >= '0' && c.p[nd] <= '9')
		nd++;
	if ((nd == 9 || nd == 10) && c.p + nd == c.e) { /* Unix seconds */
		long long t = 0;
		for (int i = 0; i < nd; i++)
			t = t * 10 + (c.p[i] - '0');
		long long days = t / 86400, sec = t % 86400;
		nf_civil_from_days(days, &y, &m, &d);
		snprintf(out, NF_ISODATE_MAX, "%04d-%02d-%02dT%02lld:%02lld:%02lldZ", y, m, d, sec / 3600, sec / 60 % 60, sec % 60);
		return 1;
	}
	if (nd == 8 && c.p + nd == c.e) { /* 20150721 */
		digits(&c, 4, 4, &y);
		digits(&c, 2, 2, &m);
		digits(&c, 2, 2, &d);
		return finish(&c, y, m, d, out);
	}
	if (nd == 4) { /* 2015[-/]07[-/]21 */
		digits(&c, 4, 4, &y);
		if (c.p == c.e)
			return finish(&c, y, 0, 0, out);
		char sep = *c.p;
		if ((sep != '-' && sep != '/' && sep != '.') || !(c.p++, digits(&c, 1, 2, &m)))
			return 0;
		if (!lit(&c, sep))
			return finish(&c, y, m, 0, out);
		if (!digits(&c, 1, 2, &d))
			return 0;
		return finish(&c, y, m, d, out);
	}
	if (nd == 1 || nd == 2) {
		digits(&c, 1, 2, &a);
		if (c.p >= c.e)
			return 0;
		char sep = *c.p;
		if (sep == ' ' || sep == '-') { /* 21 Jul 2015, 26-FEB-1987 */
			struct cur t = c;
			t.p++;
			if (month_name(&t, &m)) {
				if (t.p < t.e && (*t.p == sep || *t.p == ' '))
					t.p++;
				if (digits(&t, 4, 4, &y))
					return finish(&t, y, m, a, out);
				return 0;
			}
		}
		if (sep != '/' && sep != '.' && sep != '-')
			return 0;
		c.p++;
		if (!digits(&c, 1, 2, &b) || !lit(&c, sep) || !digits(&c, 4, 4, &y))
			return 0;
		if (b > 12 && a <= 12) /* 07/21/2015: month first */
			return finish(&c, y, a, b, out);
		return finish(&c, y, b, a, out);
	}
	return 0;
}

size_t nf_date_header(const char *s, size_t n, char out[NF_ISODATE_MAX])
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i < 12 || memcmp(s + i, "date ", 5) != 0)
		return 0;
	i += 5;
	while (i < n && s[i] == ' ')
		i++;
	size_t j = i;
	while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '-'))
		j++;
	if (j - i != 7 && j - i != 10)
		return 0;
	if (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n')
		return 0;
	struct cur c = {s + i, s + j};
	int y, m, d = 0;
	if (!digits(&c, 4, 4, &y) || !lit(&c, '-') || !digits(&c, 2, 2, &m))
		return 0;
	if (j - i == 10 && (!lit(&c, '-') || !digits(&c, 2, 2, &d)))
		return 0;
	if (!valid(y, m, d))
		return 0;
	memcpy(out, s + i, j - i);
	out[j - i] = 0;
	while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n'))
		j++;
	return j;
}
