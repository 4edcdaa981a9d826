/* driver.c — see driver.h. */
#include "core/driver.h"
#include "core/opts.h"
#include "core/out.h"
#include "core/diag.h"
#include "core/stats.h"
#include <string.h>

int nf_loop_opt(nf_loop *L, int c, const char *arg)
{
	switch (c) {
	case NF_LOOP_O_LANG: L->force_lang = arg; return 1;
	case NF_LOOP_O_IN: L->fmt = nf_in_fmt_parse(arg); return 1;
	default: return 0;
	}
}

const nf_row *nf_loop_open(nf_loop *L, int argc, char **argv, int optind, long *text_col)
{
	nf_stats_start();
	L->r = nf_reader_args(argc, argv, optind, L->fmt);
	if (L->lines)
		nf_reader_lines(L->r);
	return nf_reader_header(L->r, text_col);
}

int nf_loop_next(nf_loop *L)
{
	if (L->started)
		nf_progress_tick(); /* for the record just done */
	if (!nf_reader_next(L->r, &L->d))
		return 0;
	L->started = 1;
	nf_st.rows_in++;
	nf_st.bytes_in += L->d.text_len;
	if (L->force_lang) {
		L->lang = L->force_lang;
		L->langn = strlen(L->force_lang);
	} else {
		L->lang = L->d.lang;
		L->langn = L->d.lang_len;
	}
	return 1;
}

void nf_loop_end(nf_loop *L)
{
	nf_reader_free(L->r);
	L->r = NULL;
}

int nf_loop_finish(const char *extra)
{
	nf_out_close();
	nf_stats_finish(extra);
	return nf_status;
}
