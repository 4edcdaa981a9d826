/* langid.c — language identification over libexttextcat's fingerprints.
 *
 * libexttextcat's own classifier costs 100-700 us per document (fp_Create
 * alone is ~35 us for 128 bytes), far over our budget, so this file reads
 * its fingerprint files (libexttextcat-data: ranked lists of the 400 most
 * frequent 1..5-character n-grams per language) and scores them with the
 * same Cavnar-Trenkle out-of-place measure, but with a hashed n-gram index
 * and no allocation per call.
 *
 * A document's script is decided first: scripts used by one language map
 * directly to a code (Hangul -> ko, kana -> ja, other Han -> zh, Thai -> th,
 * ...); Latin, Cyrillic, Arabic, Devanagari and Hebrew text is scored only
 * against the fingerprints of that script.
 */
#include "langid.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef NF_TEXTCAT_DIR
#define NF_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

#define PREFIX_BYTES 1024   /* bytes of text looked at */
#define MIN_LETTERS  20     /* fewer letters: "und" */
#define NGRAM_LEN    5      /* max n-gram length in characters */
#define PROFILE      400    /* n-grams per profile (textcat MAXNGRAMS) */
#define OUTOFPLACE   400    /* penalty for a missing n-gram */
#define BOUNDARY     '_'    /* token for runs of spaces and digits */

/* Scripts; the first ones are scored against fingerprint groups. */
enum {
    SC_LATN, SC_CYRL, SC_ARAB, SC_DEVA, SC_HEBR, N_GROUPS,
    SC_GREK = N_GROUPS, SC_ARMN, SC_THAA, SC_BENG, SC_GURU, SC_GUJR,
    SC_ORYA, SC_TAML, SC_TELU, SC_KNDA, SC_MLYM, SC_SINH, SC_THAI,
    SC_LAOO, SC_TIBT, SC_MYMR, SC_GEOR, SC_HANG, SC_ETHI, SC_KHMR,
    SC_KANA, SC_HANI, N_SCRIPTS, SC_NONE = N_SCRIPTS
};

/* Code for scripts that are not scored (SC_KANA/SC_HANI decided apart). */
static const char *const script_code[N_SCRIPTS] = {
    [SC_GREK] = "el", [SC_ARMN] = "hy", [SC_THAA] = "dv", [SC_BENG] = "bn",
    [SC_GURU] = "pa", [SC_GUJR] = "gu", [SC_ORYA] = "or", [SC_TAML] = "ta",
    [SC_TELU] = "te", [SC_KNDA] = "kn", [SC_MLYM] = "ml", [SC_SINH] = "si",
    [SC_THAI] = "th", [SC_LAOO] = "lo", [SC_TIBT] = "bo", [SC_MYMR] = "my",
    [SC_GEOR] = "ka", [SC_HANG] = "ko", [SC_ETHI] = "am", [SC_KHMR] = "km",
    [SC_KANA] = "ja", [SC_HANI] = "zh",
};

/* Letter ranges by script (sorted; gaps are not letters). */
static const struct { uint32_t lo, hi; uint8_t sc; } ranges[] = {
    {0x00C0, 0x00D6, SC_LATN}, {0x00D8, 0x00F6, SC_LATN},
    {0x00F8, 0x024F, SC_LATN}, {0x0370, 0x037D, SC_GREK},
    {0x0386, 0x03FF, SC_GREK}, {0x0400, 0x052F, SC_CYRL},
    {0x0531, 0x058F, SC_ARMN}, {0x05D0, 0x05F4, SC_HEBR},
    {0x0620, 0x065F, SC_ARAB}, {0x066E, 0x06D3, SC_ARAB},
    {0x06D5, 0x06EF, SC_ARAB}, {0x06FA, 0x06FF, SC_ARAB},
    {0x0750, 0x077F, SC_ARAB}, {0x0780, 0x07BF, SC_THAA},
    {0x08A0, 0x08FF, SC_ARAB}, {0x0900, 0x0963, SC_DEVA},
    {0x0970, 0x097F, SC_DEVA}, {0x0980, 0x09E5, SC_BENG},
    {0x09F0, 0x09FF, SC_BENG}, {0x0A00, 0x0A65, SC_GURU},
    {0x0A70, 0x0A7F, SC_GURU}, {0x0A80, 0x0AE5, SC_GUJR},
    {0x0AF0, 0x0AFF, SC_GUJR}, {0x0B00, 0x0B65, SC_ORYA},
    {0x0B70, 0x0B7F, SC_ORYA}, {0x0B80, 0x0BE5, SC_TAML},
    {0x0BF0, 0x0BFF, SC_TAML}, {0x0C00, 0x0C65, SC_TELU},
    {0x0C70, 0x0C7F, SC_TELU}, {0x0C80, 0x0CE5, SC_KNDA},
    {0x0CF0, 0x0CFF, SC_KNDA}, {0x0D00, 0x0D65, SC_MLYM},
    {0x0D70, 0x0D7F, SC_MLYM}, {0x0D80, 0x0DFF, SC_SINH},
    {0x0E00, 0x0E4F, SC_THAI}, {0x0E80, 0x0ECF, SC_LAOO},
    {0x0F00, 0x0FFF, SC_TIBT}, {0x1000, 0x103F, SC_MYMR},
    {0x104A, 0x109F, SC_MYMR}, {0x10A0, 0x10FF, SC_GEOR},
    {0x1100, 0x11FF, SC_HANG}, {0x1200, 0x139F, SC_ETHI},
    {0x1780, 0x17DF, SC_KHMR}, {0x1C90, 0x1CBF, SC_GEOR},
    {0x1E00, 0x1EFF, SC_LATN}, {0x1F00, 0x1FFF, SC_GREK},
    {0x2D00, 0x2D2F, SC_GEOR}, {0x2D80, 0x2DDF, SC_ETHI},
    {0x3040, 0x30FF, SC_KANA}, {0x3130, 0x318F, SC_HANG},
    {0x31F0, 0x31FF, SC_KANA}, {0x3400, 0x4DBF, SC_HANI},
    {0x4E00, 0x9FFF, SC_HANI}, {0xA960, 0xA97F, SC_HANG},
    {0xAB00, 0xAB2F, SC_ETHI}, {0xAC00, 0xD7FF, SC_HANG},
    {0xF900, 0xFAFF, SC_HANI}, {0xFB1D, 0xFB4F, SC_HEBR},
    {0xFB50, 0xFDFF, SC_ARAB}, {0xFE70, 0xFEFF, SC_ARAB},
    {0xFF21, 0xFF3A, SC_LATN}, {0xFF41, 0xFF5A, SC_LATN},
    {0xFF66, 0xFF9F, SC_KANA}, {0x20000, 0x3FFFF, SC_HANI},
};

/* Fingerprints loaded, by script group; earlier entries win ties. */
static const struct { const char *file, *code; uint8_t group; } langs[] = {
    {"en", "en", SC_LATN}, {"es", "es", SC_LATN}, {"fr", "fr", SC_LATN},
    {"de", "de", SC_LATN}, {"pt", "pt", SC_LATN}, {"it", "it", SC_LATN},
    {"nl", "nl", SC_LATN}, {"id", "id", SC_LATN}, {"tr", "tr", SC_LATN},
    {"pl", "pl", SC_LATN}, {"vi", "vi", SC_LATN}, {"sw", "sw", SC_LATN},
    {"ro", "ro", SC_LATN}, {"cs", "cs", SC_LATN}, {"sv", "sv", SC_LATN},
    {"hu", "hu", SC_LATN}, {"da", "da", SC_LATN}, {"nb", "nb", SC_LATN},
    {"nn", "nn", SC_LATN}, {"fi", "fi", SC_LATN}, {"sk", "sk", SC_LATN},
    {"hr", "hr", SC_LATN}, {"bs", "bs", SC_LATN}, {"sr-Latn", "sr", SC_LATN},
    {"sl", "sl", SC_LATN}, {"lt", "lt", SC_LATN}, {"lv", "lv", SC_LATN},
    {"et", "et", SC_LATN}, {"ca", "ca", SC_LATN}, {"gl", "gl", SC_LATN},
    {"eu", "eu", SC_LATN}, {"ms", "ms", SC_LATN}, {"tl", "tl", SC_LATN},
    {"af", "af", SC_LATN}, {"sq", "sq", SC_LATN}, {"az", "az", SC_LATN},
    {"uz", "uz", SC_LATN}, {"tk", "tk", SC_LATN}, {"is", "is", SC_LATN},
    {"ga", "ga", SC_LATN}, {"cy", "cy", SC_LATN}, {"gd", "gd", SC_LATN},
    {"mt", "mt", SC_LATN}, {"lb", "lb", SC_LATN}, {"fy", "fy", SC_LATN},
    {"eo", "eo", SC_LATN}, {"la", "la", SC_LATN}, {"so", "so", SC_LATN},
    {"ha-NG", "ha", SC_LATN}, {"yo", "yo", SC_LATN}, {"zu", "zu", SC_LATN},
    {"xh", "xh", SC_LATN}, {"rw", "rw", SC_LATN}, {"ny", "ny", SC_LATN},
    {"st", "st", SC_LATN}, {"tn", "tn", SC_LATN}, {"plt", "mg", SC_LATN},
    {"ht", "ht", SC_LATN}, {"mi", "mi", SC_LATN},
    {"ru", "ru", SC_CYRL}, {"uk", "uk", SC_CYRL}, {"bg", "bg", SC_CYRL},
    {"sr-Cyrl", "sr", SC_CYRL}, {"mk", "mk", SC_CYRL}, {"be", "be", SC_CYRL},
    {"kk", "kk", SC_CYRL}, {"ky", "ky", SC_CYRL}, {"tg", "tg", SC_CYRL},
    {"tt", "tt", SC_CYRL}, {"mn", "mn", SC_CYRL},
    {"ar", "ar", SC_ARAB}, {"fa", "fa", SC_ARAB}, {"ur", "ur", SC_ARAB},
    {"ckb", "ckb", SC_ARAB}, {"sd", "sd", SC_ARAB}, {"ug", "ug", SC_ARAB},
    {"hi", "hi", SC_DEVA}, {"mr", "mr", SC_DEVA}, {"ne", "ne", SC_DEVA},
    {"he", "he", SC_HEBR}, {"yi", "yi", SC_HEBR},
};
#define N_LANGS (sizeof langs / sizeof langs[0])

#define MAX_STRIDE 64        /* languages per group, rounded up to 8 */
#define ABSENT     0x7FFF    /* rank of an n-gram a fingerprint lacks */

/* One n-gram index per scored script group; row i holds the rank of n-gram
   i in each language of the group (a dense matrix so that scoring is a
   short vectorizable loop). */
typedef struct {
    uint64_t *keys;          /* n-gram hashes, 0 = empty slot */
    uint32_t *ids;
    uint64_t mask;
    uint32_t n_ids;
    int16_t *rows;           /* n_ids x stride ranks */
    int first, nlang, stride;/* languages langs[first .. first+nlang) */
} group_t;

static struct {
    int ready;
    uint8_t loaded[N_LANGS];
    group_t g[N_GROUPS];
    uint16_t *count;         /* per call: occurrences of an id */
} S;

/* Per-call scratch. */
static uint32_t tok[PREFIX_BYTES + 4];
static uint32_t touched[PREFIX_BYTES * NGRAM_LEN + 8];
static uint32_t above[PREFIX_BYTES + 8];

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static inline uint64_t hstep(uint64_t h, uint32_t t)
{
    return (h ^ t) * 0x100000001b3ULL;
}

#define HSEED 0xcbf29ce484222325ULL

static inline uint32_t lookup(const group_t *g, uint64_t h)
{
    uint64_t i = mix(h) & g->mask;
    for (;;) {
        uint64_t k = g->keys[i];
        if (k == h)
            return g->ids[i];
        if (k == 0)
            return UINT32_MAX;
        i = (i + 1) & g->mask;
    }
}

/* Decodes one UTF-8 character at s (n > 0 bytes left); returns its length.
   Invalid bytes decode to 0xDC00 + byte. */
static size_t utf8_dec(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    size_t len;
    uint32_t v;
    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; }
    else goto bad;
    if (len > n)
        goto bad;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto bad;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
        (len == 4 && (v < 0x10000 || v > 0x10FFFF)))
        goto bad;
    *cp = v;
    return len;
bad:
    *cp = 0xDC00 + c;
    return 1;
}

static int script_of(uint32_t cp)
{
    if (cp < 0x80) {
        uint32_t l = cp | 0x20;
        return (l >= 'a' && l <= 'z') ? SC_LATN : SC_NONE;
    }
    size_t lo = 0, hi = sizeof ranges / sizeof ranges[0];
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (cp < ranges[m].lo)
            hi = m;
        else if (cp > ranges[m].hi)
            lo = m + 1;
        else
            return ranges[m].sc;
    }
    return SC_NONE;
}

/* Characters that separate words, like textcat's isspace/isdigit. */
static int is_sep(uint32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r') || (cp >= '0' && cp <= '9');
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* ---- loading ---- */

typedef struct { uint64_t h; uint8_t lang; uint16_t rank; } triple_t;

/* Appends the n-grams of fingerprint li to t; -1 if it cannot be read. */
static int load_file(const char *dir, size_t li, triple_t *t, size_t *nt)
{
    char path[512], line[256];
    snprintf(path, sizeof path, "%s%s.lm", dir, langs[li].file);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int rank = 0;
    while (rank < PROFILE && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, " \t\r\n");
        if (n == 0 || n > 20)   /* textcat skips n-grams over 20 bytes */
            continue;
        uint64_t h = HSEED;
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            i += utf8_dec((const unsigned char *)line + i, n - i, &cp);
            h = hstep(h, cp);
        }
        t[*nt].h = h ? h : 1;
        t[*nt].lang = (uint8_t)li;
        t[*nt].rank = (uint16_t)rank++;
        (*nt)++;
    }
    fclose(f);
    return rank > 0 ? 0 : -1;
}

/* Builds group g's index from the triples t[0..nt). */
static int build_group(group_t *g, const triple_t *t, size_t nt)
{
    uint64_t cap = 1024;
    while (cap < 2 * nt)
        cap *= 2;
    g->mask = cap - 1;
    g->keys = calloc(cap, sizeof *g->keys);
    g->ids = calloc(cap, sizeof *g->ids);
    if (!g->keys || !g->ids)
        return -1;
    for (size_t k = 0; k < nt; k++) {
        uint64_t i = mix(t[k].h) & g->mask;
        while (g->keys[i] != 0 && g->keys[i] != t[k].h)
            i = (i + 1) & g->mask;
        if (g->keys[i] == 0) {
            g->keys[i] = t[k].h;
            g->ids[i] = g->n_ids++;
        }
    }
    g->rows = malloc(sizeof *g->rows * g->stride * (g->n_ids + 1));
    if (!g->rows)
        return -1;
    for (size_t i = 0; i < (size_t)g->stride * (g->n_ids + 1); i++)
        g->rows[i] = ABSENT;
    for (size_t k = 0; k < nt; k++) {
        int16_t *r = &g->rows[(size_t)lookup(g, t[k].h) * g->stride +
                              (t[k].lang - g->first)];
        if (*r == ABSENT)   /* a repeated n-gram keeps its first rank */
            *r = (int16_t)t[k].rank;
    }
    return 0;
}

int nf_langid_init(void)
{
    if (S.ready)
        return 0;
    const char *dir = getenv("NF_TEXTCAT_DIR");
    char dbuf[400];
    if (!dir || !*dir)
        dir = NF_TEXTCAT_DIR;
    if (dir[strlen(dir) - 1] != '/') {
        snprintf(dbuf, sizeof dbuf, "%s/", dir);
        dir = dbuf;
    }
    triple_t *t = malloc(sizeof *t * N_LANGS * PROFILE);
    size_t nloaded = 0, maxids = 0;
    if (!t)
        goto fail;
    for (int gi = 0; gi < N_GROUPS; gi++) {
        group_t *g = &S.g[gi];
        size_t nt = 0;
        g->first = -1;
        for (size_t i = 0; i < N_LANGS; i++) {
            if (langs[i].group != gi)
                continue;
            if (g->first < 0)
                g->first = (int)i;
            g->nlang = (int)i - g->first + 1;
            if (load_file(dir, i, t, &nt) == 0) {
                S.loaded[i] = 1;
                nloaded++;
            }
        }
        g->stride = (g->nlang + 7) / 8 * 8;
        if (g->first < 0 || g->stride > MAX_STRIDE || build_group(g, t, nt) < 0)
            goto fail;
        if (S.g[gi].n_ids > maxids)
            maxids = S.g[gi].n_ids;
    }
    S.count = calloc(maxids + 1, sizeof *S.count);
    if (nloaded == 0 || !S.count)
        goto fail;
    free(t);
    S.ready = 1;
    return 0;
fail:
    free(t);
    nf_langid_free();
    return -1;
}

void nf_langid_free(void)
{
    for (int gi = 0; gi < N_GROUPS; gi++) {
        free(S.g[gi].keys);
        free(S.g[gi].ids);
        free(S.g[gi].rows);
    }
    free(S.count);
    memset(&S, 0, sizeof S);
}

/* ---- classification ---- */

/* Skips a leading " date YYYY-MM[-DD]" header. */
static size_t skip_header(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    if (len - i > 5 && memcmp(s + i, "date", 4) == 0 &&
        (s[i + 4] == ' ' || s[i + 4] == '\t')) {
        size_t j = i + 4;
        while (j < len && (s[j] == ' ' || s[j] == '\t'))
            j++;
        if (j < len && s[j] >= '0' && s[j] <= '9') {
            while (j < len && ((s[j] >= '0' && s[j] <= '9') || s[j] == '-'))
                j++;
            return j;
        }
    }
    return i;
}

typedef struct {
    int best, second;        /* language indexes, second may be -1 */
    double dbest, dsecond;   /* out-of-place distance / maximum, 0..1 */
} verdict_t;

/* Adds the out-of-place gains of n-gram row to acc, 8 languages at a time
   (a fixed-size inner loop, so that compilers vectorize it at -O2). */
static inline void add_row(uint16_t *restrict acc, const int16_t *restrict row,
                           int16_t r, int stride)
{
    for (int b = 0; b < stride; b += 8) {
        for (int l = b; l < b + 8; l++) {
            int16_t d = (int16_t)(r - row[l]);
            d = d < 0 ? (int16_t)-d : d;
            int16_t v = (int16_t)(OUTOFPLACE - d);
            acc[l] = (uint16_t)(acc[l] + (v > 0 ? v : 0));
        }
    }
}

/* Scores the n-grams of tok[0..n) against the fingerprints of group gi. */
static int score_group(size_t n, int gi, verdict_t *v)
{
    const group_t *g = &S.g[gi];
    size_t nt = 0;
    uint32_t maxc = 0;
    for (size_t p = 0; p < n; p++) {
        uint64_t h = HSEED;
        size_t end = p + NGRAM_LEN < n ? p + NGRAM_LEN : n;
        for (size_t q = p; q < end; q++) {
            h = hstep(h, tok[q]);
            uint32_t id = lookup(g, h ? h : 1);
            /* a fingerprint holding an n-gram holds its prefix (it is at
               least as frequent), so a miss ends the extensions */
            if (id == UINT32_MAX)
                break;
            uint32_t c = ++S.count[id];
            if (c == 1)
                touched[nt++] = id;
            if (c > maxc)
                maxc = c;
            if (q > p && tok[q] == BOUNDARY)
                break;
        }
    }
    if (nt == 0)
        return -1;
    /* rank by count, ties by first occurrence (touched is in that order) */
    memset(above, 0, (maxc + 2) * sizeof *above);
    for (size_t k = 0; k < nt; k++)
        above[S.count[touched[k]]]++;
    uint32_t acc = 0;
    for (uint32_t c = maxc + 1; c-- > 0;) {
        uint32_t h = above[c];
        above[c] = acc;
        acc += h;
    }
    uint16_t acc16[MAX_STRIDE] = {0};
    uint32_t gain[MAX_STRIDE] = {0};
    int used = 0, batch = 0;
    for (size_t k = 0; k < nt; k++) {
        uint32_t id = touched[k];
        uint32_t r = above[S.count[id]]++;
        S.count[id] = 0;
        if (r >= PROFILE)
            continue;
        used++;
        add_row(acc16, g->rows + (size_t)id * g->stride, (int16_t)r, g->stride);
        if (++batch == 160) {   /* 160 * 400 fits in 16 bits */
            for (int l = 0; l < g->stride; l++) {
                gain[l] += acc16[l];
                acc16[l] = 0;
            }
            batch = 0;
        }
    }
    for (int l = 0; l < g->stride; l++)
        gain[l] += acc16[l];
    int b = -1, s = -1;
    for (int l = 0; l < g->nlang; l++) {
        if (!S.loaded[g->first + l])
            continue;
        if (b < 0 || gain[l] > gain[b]) {
            s = b;
            b = l;
        } else if (s < 0 || gain[l] > gain[s]) {
            s = l;
        }
    }
    if (b < 0 || used == 0)
        return -1;
    double total = (double)used * OUTOFPLACE;
    v->best = g->first + b;
    v->second = s >= 0 ? g->first + s : -1;
    v->dbest = 1.0 - gain[b] / total;
    v->dsecond = s >= 0 ? 1.0 - gain[s] / total : 1.0;
    return 0;
}

static int lang_index(const char *code)
{
    for (size_t l = 0; l < N_LANGS; l++)
        if (strcmp(langs[l].code, code) == 0)
            return (int)l;
    return -1;
}

/* Cyrillic letters that tell Ukrainian and Russian apart. */
static uint32_t n_uk, n_ru;

static void cyrillic_letter(uint32_t cp)
{
    switch (cp) {
    case 0x0456: case 0x0457: case 0x0454: case 0x0491:   /* і ї є ґ */
    case 0x0406: case 0x0407: case 0x0404: case 0x0490:
        n_uk++;
        break;
    case 0x044B: case 0x044D: case 0x044A: case 0x0451:   /* ы э ъ ё */
    case 0x042B: case 0x042D: case 0x042A: case 0x0401:
        n_ru++;
        break;
    default:
        break;
    }
}

const char *nf_langid(const char *text, size_t len)
{
    if (!S.ready || !text)
        return "und";
    size_t start = skip_header(text, len);
    const unsigned char *s = (const unsigned char *)text + start;
    size_t n = len - start;
    if (n > PREFIX_BYTES) {
        n = PREFIX_BYTES;
        while (n > 0 && (s[n] & 0xC0) == 0x80)
            n--;
    }
    /* tokens for the n-grams; letters by script, weighted by UTF-8 length */
    uint32_t w[N_SCRIPTS + 1] = {0};
    size_t nt = 0, letters = 0;
    n_uk = n_ru = 0;
    tok[nt++] = BOUNDARY;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t cl = utf8_dec(s + i, n - i, &cp);
        i += cl;
        if (is_sep(cp)) {
            if (tok[nt - 1] != BOUNDARY)
                tok[nt++] = BOUNDARY;
            continue;
        }
        tok[nt++] = cp;
        int sc = script_of(cp);
        w[sc] += (uint32_t)cl;
        if (sc != SC_NONE)
            letters++;
        if (sc == SC_CYRL)
            cyrillic_letter(cp);
    }
    if (tok[nt - 1] != BOUNDARY)
        tok[nt++] = BOUNDARY;
    if (letters < MIN_LETTERS)
        return "und";
    int top = 0;
    for (int sc = 1; sc < N_SCRIPTS; sc++)
        if (w[sc] > w[top])
            top = sc;
    /* Han and kana: Japanese if kana is a real share */
    if (top == SC_HANI || top == SC_KANA || top == SC_HANG) {
        uint32_t cjk = w[SC_HANI] + w[SC_KANA] + w[SC_HANG];
        if (w[SC_HANG] * 4 > cjk)
            return "ko";
        return w[SC_KANA] * 10 >= cjk ? "ja" : "zh";
    }
    if (top >= N_GROUPS)
        return script_code[top];
    verdict_t v;
    if (score_group(nt, top, &v) < 0)
        return "und";
#ifdef NF_LANGID_DEBUG
    fprintf(stderr, "langid: %s %.4f %s %.4f uk=%u ru=%u\n", langs[v.best].code,
            v.dbest, v.second >= 0 ? langs[v.second].code : "-", v.dsecond,
            n_uk, n_ru);
#endif
    const char *code = langs[v.best].code;
    (void)lang_index;
    return code;
}
