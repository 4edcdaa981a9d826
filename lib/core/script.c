/* script.c — see script.h */
#include "core/script.h"

/* letters by script, sorted (gaps are digits, punctuation, marks...) */
static const struct {
	uint32_t lo, hi;
	uint8_t sc;
} ranges[] = {
	{0x00C0, 0x00D6, NF_SC_LATN}, {0x00D8, 0x00F6, NF_SC_LATN},
	{0x00F8, 0x024F, NF_SC_LATN}, {0x0370, 0x037D, NF_SC_GREK},
	{0x0386, 0x03FF, NF_SC_GREK}, {0x0400, 0x052F, NF_SC_CYRL},
	{0x0531, 0x058F, NF_SC_ARMN}, {0x0591, 0x05F4, NF_SC_HEBR},
	{0x0620, 0x065F, NF_SC_ARAB}, {0x066E, 0x06D3, NF_SC_ARAB},
	{0x06D5, 0x06EF, NF_SC_ARAB}, {0x06FA, 0x06FF, NF_SC_ARAB},
	{0x0750, 0x077F, NF_SC_ARAB}, {0x0780, 0x07BF, NF_SC_THAA},
	{0x08A0, 0x08FF, NF_SC_ARAB}, {0x0900, 0x0963, NF_SC_DEVA},
	{0x0970, 0x097F, NF_SC_DEVA}, {0x0980, 0x09E5, NF_SC_BENG},
	{0x09F0, 0x09FF, NF_SC_BENG}, {0x0A00, 0x0A65, NF_SC_GURU},
	{0x0A70, 0x0A7F, NF_SC_GURU}, {0x0A80, 0x0AE5, NF_SC_GUJR},
	{0x0AF0, 0x0AFF, NF_SC_GUJR}, {0x0B00, 0x0B65, NF_SC_ORYA},
	{0x0B70, 0x0B7F, NF_SC_ORYA}, {0x0B80, 0x0BE5, NF_SC_TAML},
	{0x0BF0, 0x0BFF, NF_SC_TAML}, {0x0C00, 0x0C65, NF_SC_TELU},
	{0x0C70, 0x0C7F, NF_SC_TELU}, {0x0C80, 0x0CE5, NF_SC_KNDA},
	{0x0CF0, 0x0CFF, NF_SC_KNDA}, {0x0D00, 0x0D65, NF_SC_MLYM},
	{0x0D70, 0x0D7F, NF_SC_MLYM}, {0x0D80, 0x0DFF, NF_SC_SINH},
	{0x0E00, 0x0E4F, NF_SC_THAI}, {0x0E80, 0x0ECF, NF_SC_LAOO},
	{0x0F00, 0x0FFF, NF_SC_TIBT}, {0x1000, 0x103F, NF_SC_MYMR},
	{0x104A, 0x109F, NF_SC_MYMR}, {0x10A0, 0x10FF, NF_SC_GEOR},
	{0x1100, 0x11FF, NF_SC_HANG}, {0x1200, 0x139F, NF_SC_ETHI},
	{0x1780, 0x17DF, NF_SC_KHMR}, {0x1C90, 0x1CBF, NF_SC_GEOR},
	{0x1E00, 0x1EFF, NF_SC_LATN}, {0x1F00, 0x1FFF, NF_SC_GREK},
	{0x2D00, 0x2D2F, NF_SC_GEOR}, {0x2D80, 0x2DDF, NF_SC_ETHI},
	{0x3040, 0x30FF, NF_SC_KANA}, {0x3130, 0x318F, NF_SC_HANG},
	{0x31F0, 0x31FF, NF_SC_KANA}, {0x3400, 0x4DBF, NF_SC_HANI},
	{0x4E00, 0x9FFF, NF_SC_HANI}, {0xA960, 0xA97F, NF_SC_HANG},
	{0xAB00, 0xAB2F, NF_SC_ETHI}, {0xAC00, 0xD7FF, NF_SC_HANG},
	{0xF900, 0xFAFF, NF_SC_HANI}, {0xFB1D, 0xFB4F, NF_SC_HEBR},
	{0xFB50, 0xFDFF, NF_SC_ARAB}, {0xFE70, 0xFEFF, NF_SC_ARAB},
	{0xFF21, 0xFF3A, NF_SC_LATN}, {0xFF41, 0xFF5A, NF_SC_LATN},
	{0xFF66, 0xFF9F, NF_SC_KANA}, {0x20000, 0x3FFFF, NF_SC_HANI},
};

int nf_script_hint(int32_t c, size_t *hint)
{
	uint32_t cp = (uint32_t)c;
	size_t lo = 0, hi = sizeof ranges / sizeof ranges[0];
	if (c < 0)
		return NF_SC_NONE;
	if (cp >= ranges[*hint].lo && cp <= ranges[*hint].hi)
		return ranges[*hint].sc;
	while (lo < hi) {
		size_t m = (lo + hi) / 2;
		if (cp < ranges[m].lo)
			hi = m;
		else if (cp > ranges[m].hi)
			lo = m + 1;
		else {
			*hint = m;
			return ranges[m].sc;
		}
	}
	return NF_SC_NONE;
}

int nf_script(int32_t cp)
{
	size_t hint = 0;
	return nf_script_hint(cp, &hint);
}
