/* mention.c — see mention.h */
#include "extract/mention.h"
#include "core/out.h"

void nf_mention_header(const nf_row *hdr, long text_col, const char *extra)
{
	for (size_t i = 0; i < hdr->n; i++)
		if ((long)i != text_col) {
			nf_out_write(hdr->f[i].p, hdr->f[i].n);
			nf_out_tab();
		}
	nf_out_s("start\tend\ttype\tsurface\tvalue");
	if (extra && *extra) {
		nf_out_tab();
		nf_out_s(extra);
	}
	nf_out_nl();
}

void nf_mention_keys(const nf_doc *d, nf_buf *out)
{
	for (size_t i = 0; i < d->f.n; i++)
		if ((long)i != d->text_col) {
			nf_buf_add(out, d->f.f[i].p, d->f.f[i].n);
			nf_buf_addc(out, '\t');
		}
}

/* start, end, type, surface and a TAB */
static void begin_rest(const char *text, size_t start, size_t end, const char *type)
{
	nf_out_u64(start);
	nf_out_tab();
	nf_out_u64(end);
	nf_out_tab();
	nf_out_s(type);
	nf_out_tab();
	nf_out_field(text + start, end - start);
	nf_out_tab();
}

void nf_mention_begin_keys(const char *keys, size_t kn, const char *text, size_t start, size_t end, const char *type)
{
	nf_out_write(keys, kn);
	begin_rest(text, start, end, type);
}

void nf_mention_begin(const nf_doc *d, size_t start, size_t end, const char *type)
{
	for (size_t i = 0; i < d->f.n; i++)
		if ((long)i != d->text_col) {
			nf_out_write(d->f.f[i].p, d->f.f[i].n);
			nf_out_tab();
		}
	begin_rest(d->text, start, end, type);
}
