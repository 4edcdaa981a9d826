/* money.h — amounts of money in text, in any of the languages of lib/data/money/:
 * [modifier] [-] [currency] NUMBER [SCALE...] [range NUMBER [SCALE...]] [link] [currency]
 * [[and] NUMBER sub-unit], with a currency before or after (symbol, ISO code, name or sub-unit:
 * 34 cts = 0.34 USD), numbers in the language's decimal convention (or Arabic-Indic digits, or
 * number words, compound ones too: siebenhundert, two hundred and fifty, half a), scale words
 * spread over both ends of a range, modifiers (about, ruim, plus de ...) outside the span and
 * reported as mod. An amount may span one line break, not a blank line. The document's date
 * decides what old currency names mean (historical.tsv). Amounts are exact decimals. */
#ifndef NF_MONEY_H
#define NF_MONEY_H
#include <stddef.h>
#include "extract/decimal.h"

struct nf_money {
	size_t start, end;        /* byte offsets in the text, end exclusive */
	char amount[2 * NF_DEC_MAX + 4], amount_max[2 * NF_DEC_MAX + 4]; /* amount_max "" unless a range */
	char currency[4];         /* ISO 4217 */
	const char *mod;          /* "", "APPROX", "MORE_THAN", "LESS_THAN" */
};

typedef void (*nf_money_cb)(const struct nf_money *m, void *ctx);

void nf_money_init(void);
/* lang: the row's ISO 639-1 code ("" or "und" when unknown); date: the row's date (ISO 8601
 * YYYY[-MM[-DD]]..., or Reuters' DD-MON-YYYY ...; empty or not a date: undated), which decides
 * what a currency word of lib/data/money/historical.tsv means (marks: DEM before the euro) */
void nf_money_find(const char *text, size_t n, const char *lang, size_t langn, const char *date, size_t daten,
                   nf_money_cb cb, void *ctx);
#endif
