/* nf-dedupe — keep the first occurrence of each text, exact or near. See dedupe.1. */
#include "core/diag.h"
#include "core/driver.h"
#include "dedupe/dupindex.h"
#include "dedupe/dupkey.h"
#include "dedupe/dupmr.h"
#include "core/input.h"
#include "text/isodate.h"
#include "core/opts.h"
#include "core/out.h"
#include "core/records.h"
#include "core/stats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
	"Usage: nf-dedupe [OPTION]... [FILE]...\n"
	"Drop rows whose text repeats an earlier row's, exactly or nearly; keep the first. Rows are\n"
	"documents, paragraphs or sentences; the output has the input's columns.\n"
	"\n"
	"      --mode MODE       near (default for documents) or exact (default when the rows have\n"
	"                        a unit column: sentences or paragraphs)\n"
	"      --threshold T     near mode: estimated Jaccard similarity of the shingles at or\n"
	"                        above which a row is a copy (default 0.5; 0.3 T when the numbers\n"
	"                        or names agree)\n"
	"      --scope COL       compare only rows with the same value in COL (e.g. id)\n"
	"      --mark            keep every row, adding dup_of (id/unit of the first), similarity\n"
	"                        and dup_kind (exact, near or paragraphs)\n"
	"      --empty-dups      rows without words are copies of each other (default: never)\n"
	"      --paragraphs      also a copy: a document 80% of whose paragraph words (lines of 8\n"
	"                        words or more) were seen before, in any earlier documents\n"
	"      --state FILE      load the index from FILE at start, save it at the end (locked:\n"
	"                        another run's turn is awaited; written to a temporary file and\n"
	"                        renamed, so a crash leaves the old state whole)\n"
	"      --no-wait         with --state: fail at once when another run holds the lock\n"
	"      --max-items N     keep at most the N newest items in the index\n"
	"      --max-age DAYS    drop items DAYS older than the newest (by the date column)\n"
	"      --in FORMAT       auto (default: TSV or CSV when the first line names the column,\n"
	"                        else plain text, a row per line), text, tsv or csv\n"
	"Across machines (pipelines/dedupe-mapreduce): the same decisions as one run from\n"
	"      --emit-keys       map: one line per exact and band key of each row\n"
	"      --reduce          reduce: key lines grouped by key in, decision lines out\n"
	"      --apply FILE      the decision lines (sorted by row) applied to the rows\n"
	"      --shard K         with --emit-keys and --apply: these rows are shard K (0, 1, ...) of\n"
	"                        an input cut in order; rows are numbered K * 10^12 + n (18 digits),\n"
	"                        so that the shards' keys never collide; --apply skips the other\n"
	"                        shards' decisions\n"
	NF_COMMON_HELP;

enum { O_MODE = NF_OPT_FIRST_FILTER, O_THRESHOLD, O_SCOPE, O_MARK, O_EMPTY, O_STATE, O_MAXITEMS, O_MAXAGE, O_IN, O_EMIT, O_REDUCE, O_APPLY, O_PARAS, O_SHARD, O_NOWAIT };
static const struct option longopts[] = {
	NF_COMMON_LONGOPTS,
	{"mode", required_argument, 0, O_MODE},
	{"threshold", required_argument, 0, O_THRESHOLD},
	{"scope", required_argument, 0, O_SCOPE},
	{"mark", no_argument, 0, O_MARK},
	{"empty-dups", no_argument, 0, O_EMPTY},
	{"state", required_argument, 0, O_STATE},
	{"no-wait", no_argument, 0, O_NOWAIT},
	{"max-items", required_argument, 0, O_MAXITEMS},
	{"max-age", required_argument, 0, O_MAXAGE},
	{"in", required_argument, 0, O_IN},
	{"emit-keys", no_argument, 0, O_EMIT},
	{"reduce", no_argument, 0, O_REDUCE},
	{"apply", required_argument, 0, O_APPLY},
	{"paragraphs", no_argument, 0, O_PARAS},
	{"shard", required_argument, 0, O_SHARD},
	{0, 0, 0, 0},
};

#define MIN_NEAR_WORDS 8   /* shorter texts are compared exactly only */

static double number_arg(const char *opt, const char *s, double lo, double hi)
{
	char *e;
	double v = strtod(s, &e);
	if (!*s || *e || !(v >= lo && v <= hi))
		nf_usage_error("%s: '%s' is not a number from %g to %g", opt, s, lo, hi);
	return v;
}

/* days since 1970-01-01 of a date column's value, in any form nf_iso_date reads (0: no day) */
static uint16_t day_of(const char *s, size_t n)
{
	char iso[NF_ISODATE_MAX];
	if (!nf_iso_date(s, n, iso) || strlen(iso) < 10)
		return 0;
	int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
	if (y < 1970 || y > 2148)
		return 0;
	return (uint16_t)nf_days_from_civil(y, m, d);
}

/* reduce: key lines from the files (or stdin) to decision lines */
static int reduce(int argc, char **argv, int first, double threshold)
{
	for (int i = first; i < argc || i == first; i++) {
		nf_in *in = nf_in_open(i < argc ? argv[i] : "-");
		if (!in || nf_dupmr_reduce(in, threshold) != 0)
			nf_errx(NF_EXIT_DATA, "--reduce: stopped");
		nf_in_close(in);
	}
	nf_out_close();
	return nf_status;
}

/* Exact mode alone (no --mark, --paragraphs, --emit-keys or --apply): the loop of main for
 * many short rows. Each row's key is computed as soon as the row is read and its slot in the
 * key table fetched (a hint); the row is written to the output buffer ahead of its verdict,
 * which comes once the next row has been read and keyed, and a repeat is then taken back out
 * of the buffer (nothing is flushed in between). So the table's cache misses overlap the next
 * row's work. A row whose text has nothing to escape and was not changed on the way in is
 * written as read, without a second look at its text. The same decisions, output and state
 * as main's loop. */
typedef struct {
	int empty_dups, state;
	long scopec, datec;
	uint16_t today, newest;
	unsigned long dups, empties;
} xrun;

static void exact_loop(nf_loop *L, nf_dupindex *ix, xrun *x)
{
	const nf_doc *d = &L->d;
	nf_dupkey k = {0};
	int pend = 0;         /* a row written, its verdict to come */
	uint64_t pkey = 0;    /* its key, day and place in the output buffer */
	uint16_t pday = 0;
	size_t pmark = 0;
	for (;;) {
		int more = nf_loop_next(L), words = 0, as_read = 0;
		uint16_t day = 0;
		if (more) {
			uint64_t seed = 0;
			if (x->scopec >= 0 && (size_t)x->scopec < d->f.n)
				seed = nf_hash64(d->f.f[x->scopec].p, d->f.f[x->scopec].n, 0x5C09E) | 1;
			int fast = nf_dupkey_exact_fast(&k, d->text, d->text_len, seed);
			if (!fast)
				nf_dupkey_make_slow(&k, d->text, d->text_len, 0, seed);
			/* a text the reader left as read (no escape, no repair) with nothing to escape:
			 * the row is written as read */
			const nf_field *tf = &d->f.f[d->text_col];
			as_read = fast == 1 && d->text == tf->p && d->text_len == tf->n;
			words = k.ntok > 0 || x->empty_dups;
			x->empties += !words;
			if (words) {
				nf_dupindex_prefetch(ix, k.exact);
				if (x->state && x->datec >= 0 && (size_t)x->datec < d->f.n)
					day = day_of(d->f.f[x->datec].p, d->f.f[x->datec].n);
				if (!day)
					day = x->today;
			}
		}
		if (pend) { /* the verdict on the row before */
			if (nf_dupindex_seen(ix, pkey, pday))
				nf_out_len = pmark, x->dups++;
			else {
				nf_st.rows_out++;
				if (pday > x->newest)
					x->newest = pday;
			}
			pend = 0;
		}
		if (!more)
			break;
		/* the most this row can take in the output buffer (its text escaped, which a repair
		 * may have made longer than read): all of it must fit, unflushed */
		size_t most = d->f.n + 2 * d->text_len + 1;
		for (size_t i = 0; i < d->f.n; i++)
			most += d->f.f[i].n;
		if (words && most > NF_OUT_BUFSZ / 2) { /* too long to take back: decided now */
			if (nf_dupindex_seen(ix, k.exact, day)) {
				x->dups++;
				continue;
			}
			if (day > x->newest)
				x->newest = day;
			words = 0;
		}
		if (most > NF_OUT_BUFSZ - nf_out_len)
			nf_out_flush();
		if (words)
			pend = 1, pkey = k.exact, pday = day, pmark = nf_out_len;
		else
			nf_st.rows_out++;
		if (as_read && nf_reader_in_table(L->r)) /* in one piece */
			nf_out_write(d->f.f[0].p, (size_t)(d->f.f[d->f.n - 1].p + d->f.f[d->f.n - 1].n - d->f.f[0].p));
		else if (as_read)
			nf_row_write(&d->f);
		else
			nf_doc_write(d, d->text, d->text_len);
		nf_out_nl();
	}
	nf_dupkey_free(&k);
}

int main(int argc, char **argv)
{
	nf_setprog(argv[0]);
	int c, mode = -1, mark = 0, empty_dups = 0, emit = 0, do_reduce = 0, paras = 0, shard = -1;
	double threshold = 0.5;
	const char *scope_col = NULL, *state = NULL, *apply = NULL;
	int nowait = 0;
	size_t max_items = 0;
	uint32_t max_age = 0;
	enum nf_in_fmt fmt = NF_IN_AUTO;
	while ((c = getopt_long(argc, argv, NF_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (nf_opt_common(c, optarg, usage))
			continue;
		switch (c) {
		case O_MODE:
			if (strcmp(optarg, "near") == 0) mode = 1;
			else if (strcmp(optarg, "exact") == 0) mode = 0;
			else nf_usage_error("--mode: '%s' is not near or exact", optarg);
			break;
		case O_THRESHOLD: threshold = number_arg("--threshold", optarg, 0, 1); break;
		case O_SCOPE: scope_col = optarg; break;
		case O_MARK: mark = 1; break;
		case O_EMPTY: empty_dups = 1; break;
		case O_STATE: state = optarg; break;
		case O_NOWAIT: nowait = 1; break;
		case O_MAXITEMS: max_items = (size_t)number_arg("--max-items", optarg, 1, 4e9); break;
		case O_MAXAGE: max_age = (uint32_t)number_arg("--max-age", optarg, 0, 1e6); break;
		case O_IN: fmt = nf_in_fmt_parse(optarg); break;
		case O_EMIT: emit = 1; break;
		case O_REDUCE: do_reduce = 1; break;
		case O_APPLY: apply = optarg; break;
		case O_PARAS: paras = 1; break;
		case O_SHARD: shard = (int)number_arg("--shard", optarg, 0, NF_DUPMR_MAX_SHARDS - 1); break;
		default: nf_usage_error("unknown option");
		}
	}
	if (emit + do_reduce + !!apply > 1 || ((emit || do_reduce || apply) && state))
		nf_usage_error("--emit-keys, --reduce, --apply and --state go one at a time");
	if (shard >= 0 && !emit && !apply)
		nf_usage_error("--shard numbers the rows of --emit-keys and --apply only");
	if (shard >= 0)
		nf_dupmr_shard_seq();
	nf_dupkey_init();
	if (do_reduce)
		return reduce(argc, argv, optind, threshold);
	nf_loop L = NF_LOOP_INIT;
	L.fmt = fmt;
	L.lines = 1; /* plain text: a line is a record */
	long tc;
	const nf_row *h = nf_loop_open(&L, argc, argv, optind, &tc);
	const nf_doc *dp = &L.d;
	long idc = nf_opt.no_header ? -1 : nf_col_find(h, "id"), unitc = nf_opt.no_header ? -1 : nf_col_find(h, "unit");
	long datec = nf_opt.no_header ? -1 : nf_col_find(h, "date"), scopec = -1;
	if (scope_col && (scopec = nf_col_find(h, scope_col)) < 0)
		nf_errx(NF_EXIT_USAGE, "--scope: no column '%s' in the header", scope_col);
	if (mode < 0)
		mode = unitc < 0; /* documents: near; sentences and paragraphs: exact */
	struct nf_dup_params par = nf_dup_params_of(mode, mark, paras);
	nf_dupindex *ix = NULL;
	nf_dupmr_decisions dec;
	if (apply && nf_dupmr_open(&dec, apply) != 0)
		nf_errx(NF_EXIT_DATA, "--apply: cannot use %s", apply);
	if (state) {
		const char *err;
		if (nf_dupstate_lock(state, !nowait, &err) != 0)
			nf_errx(NF_EXIT_DATA, "%s: %s", state, err);
		int lr = nf_dupstate_load(state, &par, &ix, &err);
		if (lr < 0)
			nf_errx(NF_EXIT_DATA, "%s: %s; not overwritten", state, err);
	}
	if (!ix)
		ix = nf_dupindex_new(&par);
	size_t loaded = nf_dupindex_size(ix);
	if (!nf_opt.no_header && !emit) {
		nf_row_write(h);
		if (mark)
			nf_out_s("\tdup_of\tsimilarity\tdup_kind");
		nf_out_nl();
	}
	uint16_t newest = 0, today = (uint16_t)(time(NULL) / 86400);
	nf_dupkey k = {0}, lk = {0};
	nf_buf idb = {0}, did = {0};
	unsigned long dups = 0, exact_dups = 0, empties = 0, para_dups = 0;
	int alone = !mode && !mark && !paras && !emit && !apply; /* exact mode alone: exact_loop */
	if (alone) {
		xrun x = {empty_dups, !!state, scopec, datec, today, 0, 0, 0};
		exact_loop(&L, ix, &x);
		dups = exact_dups = x.dups, empties = x.empties, newest = x.newest;
	}
	/* the rows of shard K are K * 10^12 + 1, + 2, ... (dupmr.h) */
	uint64_t seq = shard >= 0 ? (uint64_t)shard * NF_DUPMR_SHARD_ROWS : 0;
	const uint64_t seq_end = shard >= 0 ? seq + NF_DUPMR_SHARD_ROWS : UINT64_MAX;
	while (!alone && nf_loop_next(&L)) {
		const nf_doc d = *dp;
		if (++seq == seq_end) /* 10^12 rows: the next would be the next shard's first */
			nf_errx(NF_EXIT_DATA, "--shard %d: more than %llu rows; cut the input into more shards", shard,
			        (unsigned long long)(NF_DUPMR_SHARD_ROWS - 1));
		uint64_t seed = 0;
		if (scopec >= 0 && (size_t)scopec < d.f.n)
			seed = nf_hash64(d.f.f[scopec].p, d.f.f[scopec].n, 0x5C09E) | 1;
		idb.len = 0; /* the id/unit, written in dup_of: kept with --mark, sent by --emit-keys */
		if ((mark || emit) && idc >= 0 && (size_t)idc < d.f.n)
			nf_buf_add(&idb, d.f.f[idc].p, d.f.f[idc].n);
		if ((mark || emit) && unitc >= 0 && (size_t)unitc < d.f.n) {
			nf_buf_addc(&idb, '/');
			nf_buf_add(&idb, d.f.f[unitc].p, d.f.f[unitc].n);
		}
		int copy = 0;
		double sim = 0;
		char kind = 0;
		const char *of = "";
		size_t oflen = 0;
		if (apply) {
			if ((copy = nf_dupmr_decide(&dec, seq, &did, &sim, &kind)) < 0)
				nf_errx(NF_EXIT_DATA, "--apply: stopped");
			of = did.p, oflen = did.len;
			dups += copy;
			exact_dups += copy && sim == 1;
		} else {
			nf_dupkey_make(&k, d.text, d.text_len, mode, seed);
			/* a stub (a teaser: dupkey.h) is compared exactly only */
			int words = k.ntok > 0 || empty_dups, bands = mode && k.ntok >= MIN_NEAR_WORDS && !k.stub;
			k.npara = k.parawords = 0;
			if (paras && k.ntok > 0)
				nf_dupkey_paras(&k, &lk, d.text, d.text_len, seed);
			empties += !words;
			if (emit) {
				if (words)
					nf_dupmr_emit(&k, bands, seq, idb.p ? idb.p : "", idb.len);
				continue;
			}
			long first = -1;
			if (words) {
				uint16_t day = state && datec >= 0 && (size_t)datec < d.f.n ? day_of(d.f.f[datec].p, d.f.f[datec].n) : 0;
				if (!day)
					day = today;
				first = nf_dupindex_decide(ix, &k, bands, paras, threshold, day, idb.p ? idb.p : "", idb.len, &sim, &kind);
				if (kind != 'E' && day > newest)
					newest = day;
				exact_dups += kind == 'E';
				para_dups += kind == 'P';
			}
			copy = first >= 0;
			dups += copy;
			if (copy && mark) {
				of = nf_dupindex_id(ix, first, &oflen);
			}
		}
		if (!copy || mark) {
			nf_doc_write(&d, d.text, d.text_len);
			if (mark) {
				nf_out_tab();
				if (copy) {
					if (oflen)
						nf_out_write(of, oflen);
					else
						nf_out_s("?");
					char sb[16];
					snprintf(sb, sizeof sb, "\t%.3f", sim);
					nf_out_s(sb);
					nf_out_s(kind == 'E' ? "\texact" : kind == 'P' ? "\tparagraphs" : "\tnear");
				} else
					nf_out_s("\t\t");
			}
			nf_out_nl();
			nf_st.rows_out++;
		}
	}
	nf_loop_end(&L);
	if (apply) {
		if (dec.seq && dec.seq < seq_end) /* a later shard's decisions are not for these rows */
			nf_errx(NF_EXIT_DATA, "--apply: %s has decisions for row %llu, beyond the %llu rows read", apply,
			        (unsigned long long)dec.seq, (unsigned long long)seq);
		nf_dupmr_close(&dec);
	}
	nf_out_close();
	if (state) {
		if (max_age || max_items)
			nf_dupindex_prune(ix, (uint16_t)(max_age && newest > max_age ? newest - max_age : 0), max_items);
		const char *err;
		if (nf_dupstate_save(state, ix, &err) != 0)
			nf_errx(NF_EXIT_DATA, "%s: cannot save the state (%s); the previous state is kept", state, err);
	}
	size_t items = nf_dupindex_size(ix);
	char extra[256];
	snprintf(extra, sizeof extra,
	         "%lu duplicates (%lu exact, %lu by paragraphs), %lu rows without words, %s mode, %zu items in the index (%zu from the state), %.0f bytes per item",
	         dups, exact_dups, para_dups, empties, mode ? "near" : "exact", items, loaded,
	         items ? (double)nf_dupindex_bytes(ix) / (double)items : 0.0);
	nf_dupkey_free(&k);
	nf_dupkey_free(&lk);
	nf_buf_free(&idb);
	nf_buf_free(&did);
	nf_dupindex_free(ix);
	return nf_loop_finish(extra);
}
