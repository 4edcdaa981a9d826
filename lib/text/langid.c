/* langid.c — language identification with libexttextcat's fingerprints.
 *
 * libexttextcat's own classifier costs 100-700 us per document (fp_Create
 * alone takes ~35 us for 128 bytes), far over our budget, so this file only
 * uses its data (libexttextcat-data: per language, its 400 most frequent
 * n-grams of 1..5 characters, ranked) and textcat's n-gram definition, and
 * scores in its own way, in about 5 us for a Latin-script document:
 *   - the script is decided first: scripts of one language map straight to
 *     a code (Hangul -> ko, kana -> ja, other Han -> zh, Thai -> th, ...);
 *     Latin, Cyrillic, Arabic, Devanagari and Hebrew text is compared with
 *     the fingerprints of that script only;
 *   - n-grams of the first PREFIX_BYTES are found by walking a double-array
 *     trie (branch-free) and counted;
 *   - language l scores the sum over n-gram occurrences of a weight that
 *     falls with the n-gram's rank in l, log-like (Zipf), or a penalty if l
 *     lacks it.  This naive-Bayes-like score is more accurate on short text
 *     than textcat's out-of-place distance (NTREX: 100% vs 99.1% at 512
 *     bytes) and needs no sorting.
 * No allocation per call; not thread-safe (static scratch).
 */
#include "text/langid.h"
#include "core/input.h"
#include "core/script.h"
#include "core/utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef NF_TEXTCAT_DIR
#define NF_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

#define PREFIX_BYTES 512    /* bytes of text looked at (100% on NTREX; 384: 99.9%) */
#define MIN_LETTERS  20     /* fewer letters: "und" */
#define MIN_MARGIN   0.06   /* lead per n-gram (in W_SCALE units) below which
                               two languages that are not relatives are a tie */
#define NGRAM_LEN    5      /* max n-gram length in characters */
#define PROFILE      400    /* n-grams per profile (textcat MAXNGRAMS) */
#define W_SCALE      16     /* weights: 16 * (1 + ln(401 / (rank + 1))) */
#define W_ABSENT     (-16)  /* weight of an n-gram a language lacks */
#define MAX_COUNT    250    /* count of an n-gram at most (so that two fit in ACC_LIMIT) */
#define ACC_LIMIT    511    /* occurrences summed in 16 bits: 511 * 128 < 65536 */
#define MAX_STRIDE   64     /* languages per group: at most 64; rows of 16 or 64 */
#define CP_LIMIT     0x3000 /* code points that can have a symbol */
#define SYM_OTHER    0      /* symbol of characters in no fingerprint */
#define DEAD         0      /* trie state: no n-gram continues */
#define ROOT         1      /* trie state: empty n-gram */
#define NO_STATE     UINT32_MAX
#define NO_CHECK     UINT16_MAX /* check of a free cell */
#define MAX_STATES   UINT16_MAX

/* Scripts (core/script.h); the first N_GROUPS are scored against fingerprint groups. */
enum { N_GROUPS = NF_SC_GREK };

/* Code of scripts that are not scored (Han, kana, Hangul decided apart). */
static const char *const script_code[NF_N_SCRIPTS] = {
    [NF_SC_GREK] = "el", [NF_SC_ARMN] = "hy", [NF_SC_THAA] = "dv", [NF_SC_BENG] = "bn",
    [NF_SC_GURU] = "pa", [NF_SC_GUJR] = "gu", [NF_SC_ORYA] = "or", [NF_SC_TAML] = "ta",
    [NF_SC_TELU] = "te", [NF_SC_KNDA] = "kn", [NF_SC_MLYM] = "ml", [NF_SC_SINH] = "si",
    [NF_SC_THAI] = "th", [NF_SC_LAOO] = "lo", [NF_SC_TIBT] = "bo", [NF_SC_MYMR] = "my",
    [NF_SC_GEOR] = "ka", [NF_SC_HANG] = "ko", [NF_SC_ETHI] = "am", [NF_SC_KHMR] = "km",
    [NF_SC_KANA] = "ja", [NF_SC_HANI] = "zh",
};

/* Fingerprints by script group; earlier entries win ties. */
static const struct { const char *file, *code; uint8_t group; } langs[] = {
    {"en", "en", NF_SC_LATN}, {"es", "es", NF_SC_LATN}, {"fr", "fr", NF_SC_LATN},
    {"de", "de", NF_SC_LATN}, {"pt", "pt", NF_SC_LATN}, {"it", "it", NF_SC_LATN},
    {"nl", "nl", NF_SC_LATN}, {"id", "id", NF_SC_LATN}, {"tr", "tr", NF_SC_LATN},
    {"pl", "pl", NF_SC_LATN}, {"vi", "vi", NF_SC_LATN}, {"sw", "sw", NF_SC_LATN},
    {"ro", "ro", NF_SC_LATN}, {"cs", "cs", NF_SC_LATN}, {"sv", "sv", NF_SC_LATN},
    {"hu", "hu", NF_SC_LATN}, {"da", "da", NF_SC_LATN}, {"nb", "nb", NF_SC_LATN},
    {"nn", "nn", NF_SC_LATN}, {"fi", "fi", NF_SC_LATN}, {"sk", "sk", NF_SC_LATN},
    {"hr", "hr", NF_SC_LATN}, {"bs", "bs", NF_SC_LATN}, {"sr-Latn", "sr", NF_SC_LATN},
    {"sl", "sl", NF_SC_LATN}, {"lt", "lt", NF_SC_LATN}, {"lv", "lv", NF_SC_LATN},
    {"et", "et", NF_SC_LATN}, {"ca", "ca", NF_SC_LATN}, {"gl", "gl", NF_SC_LATN},
    {"eu", "eu", NF_SC_LATN}, {"ms", "ms", NF_SC_LATN}, {"tl", "tl", NF_SC_LATN},
    {"af", "af", NF_SC_LATN}, {"sq", "sq", NF_SC_LATN}, {"az", "az", NF_SC_LATN},
    {"uz", "uz", NF_SC_LATN}, {"tk", "tk", NF_SC_LATN}, {"is", "is", NF_SC_LATN},
    {"ga", "ga", NF_SC_LATN}, {"cy", "cy", NF_SC_LATN}, {"gd", "gd", NF_SC_LATN},
    {"mt", "mt", NF_SC_LATN}, {"lb", "lb", NF_SC_LATN}, {"fy", "fy", NF_SC_LATN},
    {"eo", "eo", NF_SC_LATN}, {"la", "la", NF_SC_LATN}, {"so", "so", NF_SC_LATN},
    {"ha-NG", "ha", NF_SC_LATN}, {"yo", "yo", NF_SC_LATN}, {"zu", "zu", NF_SC_LATN},
    {"xh", "xh", NF_SC_LATN}, {"rw", "rw", NF_SC_LATN}, {"ny", "ny", NF_SC_LATN},
    {"st", "st", NF_SC_LATN}, {"tn", "tn", NF_SC_LATN}, {"plt", "mg", NF_SC_LATN},
    {"ht", "ht", NF_SC_LATN}, {"mi", "mi", NF_SC_LATN},
    {"ru", "ru", NF_SC_CYRL}, {"uk", "uk", NF_SC_CYRL}, {"bg", "bg", NF_SC_CYRL},
    {"sr-Cyrl", "sr", NF_SC_CYRL}, {"mk", "mk", NF_SC_CYRL}, {"be", "be", NF_SC_CYRL},
    {"kk", "kk", NF_SC_CYRL}, {"ky", "ky", NF_SC_CYRL}, {"tg", "tg", NF_SC_CYRL},
    {"tt", "tt", NF_SC_CYRL}, {"mn", "mn", NF_SC_CYRL},
    {"ar", "ar", NF_SC_ARAB}, {"fa", "fa", NF_SC_ARAB}, {"ur", "ur", NF_SC_ARAB},
    {"ckb", "ckb", NF_SC_ARAB}, {"sd", "sd", NF_SC_ARAB}, {"ug", "ug", NF_SC_ARAB},
    {"hi", "hi", NF_SC_DEVA}, {"mr", "mr", NF_SC_DEVA}, {"ne", "ne", NF_SC_DEVA},
    {"he", "he", NF_SC_HEBR}, {"yi", "yi", NF_SC_HEBR},
};
#define N_LANGS (sizeof langs / sizeof langs[0])

/* One group's n-gram index: a double-array trie over symbols, where state
   t = da[s].base + sym is the child of s if da[t].check == s (both in one
   4-byte cell, so a step is one load, mostly from L1); each state has a
   row with its weight in every language of the group (a dense matrix, so
   that scoring is a short vectorizable loop). */
typedef struct {
    struct da { uint16_t base, check; } *da;
    uint32_t n_states, top; /* cells; highest state in use */
    uint8_t *w;              /* (top + 1) x stride weights - W_ABSENT, by state */
    int first, nlang, stride;/* languages langs[first .. first+nlang) */
} group_t;

static struct {
    int ready;
    uint8_t loaded[N_LANGS];
    uint16_t *symtab;        /* code point -> symbol */
    uint32_t n_syms;
    uint16_t sym_b;          /* symbol of the word boundary '_' */
    uint16_t *lower;         /* symbol -> symbol of its lower case */
    group_t g[N_GROUPS];
    uint16_t *count;         /* per call: occurrences of a state */
} S;

/* Per-call scratch. */
static uint16_t sym[PREFIX_BYTES + NGRAM_LEN + 16];
static uint32_t touched[(PREFIX_BYTES + 4) * NGRAM_LEN];

/* One UTF-8 character at s (n > 0 bytes left), by core/utf8.h's decoder; returns its
   length. An invalid byte reads as 0xDC00 + byte, one byte at a time. */
static size_t utf8_dec(const unsigned char *s, size_t n, uint32_t *cp)
{
    int32_t c;
    size_t len = nf_utf8_dec(s, s + n, &c);
    if (c < 0) {
        *cp = 0xDC00 + s[0];
        return 1;
    }
    *cp = (uint32_t)c;
    return len;
}

/* Non-ASCII characters that separate words, like textcat's isspace and
   isdigit: spaces and the digits of Arabic, Persian, Devanagari, Bengali. */
static int is_sep(uint32_t cp)
{
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0xFEFF ||
           (cp >= 0x660 && cp <= 0x669) || (cp >= 0x6F0 && cp <= 0x6F9) ||
           (cp >= 0x966 && cp <= 0x96F) || (cp >= 0x9E6 && cp <= 0x9EF) ||
           (cp >= 0xFF10 && cp <= 0xFF19);
}

/* ASCII classes: bit 0 letter, bit 1 separator (space, digit, '_'),
   bit 2 white space, bit 3 capital. */
static uint8_t ascii_cls[128];

static uint8_t ascii_class(unsigned c)
{
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 2 | 4;
    if ((c >= '0' && c <= '9') || c == '_')
        return 2;
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? (c < 'a' ? 1 | 8 : 1) : 0;
}

/* ---- loading ---- */

/* Build-time trie: child lists for the breadth-first layout, a hash of
   (parent, symbol) -> child for insertion, and each node's final cell. */
typedef struct {
    uint32_t n, cap;
    uint32_t *child, *next, *cell;
    uint16_t *sym;
    uint64_t *hkey;          /* gen << 48 | parent << 16 | symbol, 0 = free */
    uint32_t *hval, hmask, hn, gen;
} ttrie_t;

/* A fingerprint entry: n-gram node, language in the group, rank. */
typedef struct { uint32_t node; uint16_t rank; uint8_t lang; } entry_t;

static uint32_t tt_add(ttrie_t *t, uint32_t parent, uint16_t s)
{
    uint64_t key = (uint64_t)t->gen << 48 | (uint64_t)parent << 16 | s;
    uint32_t i = (uint32_t)((key * 0x9E3779B97F4A7C15ULL) >> 40) & t->hmask;
    while (t->hkey[i] != 0) {
        if (t->hkey[i] == key)
            return t->hval[i];
        i = (i + 1) & t->hmask;
    }
    if (t->n == t->cap || 4 * (t->hn + 1) > 3 * (t->hmask + 1))
        return NO_STATE;   /* full: the n-gram is left out */
    uint32_t c = t->n++;
    t->hn++;
    t->sym[c] = s;
    t->child[c] = NO_STATE;
    t->next[c] = t->child[parent];
    t->child[parent] = c;
    t->hkey[i] = key;
    t->hval[i] = c;
    return c;
}

/* Lower case of the capitals of Latin, Greek and Cyrillic (folding makes
   headlines in capitals work; fingerprints are mostly lower case). */
static uint32_t fold(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
        (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
        return cp + 32;
    if (cp == 0x130)
        return 'i';
    if (cp == 0x178)
        return 0xFF;
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177) ||
        (cp >= 0x218 && cp <= 0x21B) || (cp >= 0x460 && cp <= 0x4BF) ||
        (cp >= 0x4D0 && cp <= 0x4FF) || (cp >= 0x1E00 && cp <= 0x1EFF))
        return cp | 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp + (cp & 1);
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    if (cp == 0x386)
        return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A)
        return cp + 37;
    if (cp == 0x38C || cp == 0x38E || cp == 0x38F)
        return cp + (cp == 0x38C ? 64 : 63);
    return cp;
}

static uint16_t symbol(uint32_t cp)
{
    if (cp >= CP_LIMIT)
        return SYM_OTHER;
    if (S.symtab[cp] == SYM_OTHER && S.n_syms < UINT16_MAX)
        S.symtab[cp] = (uint16_t)S.n_syms++;
    return S.symtab[cp];
}

/* tr.lm was made from text with ı ş ğ written "&i;" "&s;" "&g;": decodes
   them in place; 0 if a piece of such an entity is left. */
static size_t fix_entities(char *s, size_t n)
{
    static const char *const ent[][2] = {
        {"&i;", "\xC4\xB1"}, {"&s;", "\xC5\x9F"}, {"&g;", "\xC4\x9F"},
        {"&I;", "\xC4\xB0"}, {"&S;", "\xC5\x9E"}, {"&G;", "\xC4\x9E"},
    };
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t e = 0;
        while (e < 6 && (n - i < 3 || memcmp(s + i, ent[e][0], 3) != 0))
            e++;
        if (e < 6) {
            memcpy(s + w, ent[e][1], 2);
            w += 2;
            i += 3;
        } else if (s[i] == '&' || s[i] == ';') {
            return 0;
        } else {
            s[w++] = s[i++];
        }
    }
    return w;
}

/* Adds fingerprint li (the group's l-th) to trie t and its entries to e;
   -1 if it is missing or empty (a data package without that language),
   -2 if it is there but cannot be read (errno says why). */
static int load_file(const char *dir, size_t li, int l, ttrie_t *t, entry_t *e,
                     size_t *ne)
{
    char path[512];
    static char buf[1 << 16];
    snprintf(path, sizeof path, "%s%s.lm", dir, langs[li].file);
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? -1 : -2;
    size_t len = nf_fread(buf, sizeof buf - 1, f);
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        errno = e;
        return -2;
    }
    fclose(f);
    buf[len] = '\n';
    int rank = 0, entities = strcmp(langs[li].file, "tr") == 0;
    for (char *line = buf, *end; rank < PROFILE && line < buf + len; line = end + 1) {
        end = memchr(line, '\n', (size_t)(buf + len + 1 - line));
        size_t n = strcspn(line, " \t\r\n");
        if (n == 0 || n > 20)   /* textcat skips n-grams over 20 bytes */
            continue;
        if (entities && (n = fix_entities(line, n)) == 0) {
            rank++;
            continue;
        }
        uint32_t node = 0;      /* build-time root */
        int k = 0;
        for (size_t i = 0; i < n && node != NO_STATE; k++) {
            uint32_t cp;
            i += utf8_dec((const unsigned char *)line + i, n - i, &cp);
            uint16_t sy = symbol(cp);
            node = (sy == SYM_OTHER || k == NGRAM_LEN) ? NO_STATE : tt_add(t, node, sy);
        }
        if (node != NO_STATE && node != 0) {
            e[*ne].node = node;
            e[*ne].rank = (uint16_t)rank;
            e[*ne].lang = (uint8_t)l;
            (*ne)++;
        }
        rank++;
    }
    return rank > 0 ? 0 : -1;
}

/* Resizes g->da to need cells; new cells are free. */
static int da_resize(group_t *g, uint32_t need)
{
    if (need > MAX_STATES)
        return -1;
    struct da *d = realloc(g->da, need * sizeof *d);
    if (!d)
        return -1;
    g->da = d;
    for (uint32_t i = g->n_states; i < need; i++) {   /* if it grew */
        g->da[i].base = 0;
        g->da[i].check = NO_CHECK;
    }
    g->n_states = need;
    return 0;
}

/* First free cell at or after i (skip pointers with path compression). */
static uint32_t next_free(const uint8_t *used, uint32_t *skip, uint32_t i)
{
    uint32_t r = i;
    while (used[r])
        r = skip[r];
    while (i != r) {
        uint32_t nx = skip[i];
        skip[i] = r;
        i = nx;
    }
    return r;
}

/* Lays the build-time trie out as a double array (first fit, breadth
   first) and sets t->cell. */
static int build_da(group_t *g, ttrie_t *t)
{
    /* first fit packs densely: nodes + symbols + slack cells suffice */
    uint32_t cap = 2 * t->n + 2 * S.n_syms + 1024;
    cap = cap < MAX_STATES ? cap : MAX_STATES;
    uint8_t *used = calloc(cap + 1, 1);
    uint32_t *skip = malloc(sizeof *skip * (cap + 1));
    uint32_t *queue = malloc(sizeof *queue * t->n);
    uint16_t *cs = malloc(sizeof *cs * S.n_syms);
    int rc = -1;
    if (!used || !skip || !queue || !cs || da_resize(g, cap) < 0)
        goto out;
    for (uint32_t i = 0; i < cap; i++)
        skip[i] = i + 1;
    used[cap] = 0;   /* sentinel: the search ends there */
    used[DEAD] = used[ROOT] = 1;
    uint32_t qh = 0, qt = 0, top = ROOT;
    t->cell[0] = ROOT;
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t v = queue[qh++], s = t->cell[v];
        int nc = 0;
        uint16_t minc = UINT16_MAX;
        for (uint32_t c = t->child[v]; c != NO_STATE; c = t->next[c]) {
            cs[nc++] = t->sym[c];
            if (t->sym[c] < minc)
                minc = t->sym[c];
        }
        if (nc == 0)
            continue;
        uint32_t b = 0, pos = next_free(used, skip, minc > 2 ? minc : 2);
        for (;; pos = next_free(used, skip, pos + 1)) {
            if (pos + S.n_syms + 2 >= cap)
                goto out;
            b = pos - minc;
            int ok = 1;
            for (int i = 0; i < nc && ok; i++)
                ok = !used[b + cs[i]];
            if (ok)
                break;
        }
        g->da[s].base = (uint16_t)b;
        for (uint32_t c = t->child[v]; c != NO_STATE; c = t->next[c]) {
            uint32_t cell = b + t->sym[c];
            used[cell] = 1;
            g->da[cell].check = (uint16_t)s;
            t->cell[c] = cell;
            queue[qt++] = c;
            if (cell > top)
                top = cell;
        }
    }
    g->top = top;
    rc = 0;
out:
    free(used);
    free(skip);
    free(queue);
    free(cs);
    return rc;
}

/* ln(x) for x >= 1, without libm: x = 2^k * m, ln m = 2 atanh((m-1)/(m+1)). */
static double ln(double x)
{
    int k = 0;
    while (x >= 2.0) {
        x /= 2.0;
        k++;
    }
    double y = (x - 1.0) / (x + 1.0), y2 = y * y, sum = 0.0, term = y;
    for (int i = 1; i < 40; i += 2) {
        sum += term / i;
        term *= y2;
    }
    return k * 0.69314718055994530942 + 2.0 * sum;
}

/* Fills g->w from the entries: a language's n-gram of rank r weighs about
   1 + ln(401 / (r + 1)) (Zipf: the log of its frequency, plus a bonus for
   being there), a missing one -1; scaled by W_SCALE and stored minus
   W_ABSENT, so in 0..128, one byte.  Cells that are no fingerprint n-gram
   keep zeros (missing everywhere), so that every state has a row. */
static int set_weights(group_t *g, const ttrie_t *t, const entry_t *e, size_t ne)
{
    static uint8_t w[PROFILE];
    size_t stride = (size_t)g->stride;
    if (w[0] == 0)
        for (int r = 0; r < PROFILE; r++)
            w[r] = (uint8_t)((int)(W_SCALE * (1.0 + ln((PROFILE + 1.0) / (r + 1.0))) + 0.5) - W_ABSENT);
    size_t size = ((g->top + 1) * stride + 63) / 64 * 64;
    g->w = aligned_alloc(64, size);   /* rows of 64 languages: one cache line */
    if (!g->w)
        return -1;
    memset(g->w, 0, size);
    for (size_t k = 0; k < ne; k++) {
        uint8_t *x = &g->w[t->cell[e[k].node] * stride + e[k].lang];
        if (w[e[k].rank] > *x)   /* a repeated n-gram keeps its best rank */
            *x = w[e[k].rank];
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
    size_t nloaded = 0, max_states = 0;
    int err = ENOMEM;   /* the failure, when not a missing data package */
    ttrie_t t = {.n = 0};
    t.cap = MAX_STATES;
    t.hmask = (1u << 15) - 1;   /* all groups' nodes, ~14000 */
    t.child = malloc(sizeof *t.child * t.cap);
    t.next = malloc(sizeof *t.next * t.cap);
    t.cell = malloc(sizeof *t.cell * t.cap);
    t.sym = malloc(sizeof *t.sym * t.cap);
    t.hkey = calloc(t.hmask + 1, sizeof *t.hkey);
    t.hval = malloc(sizeof *t.hval * (t.hmask + 1));
    entry_t *e = malloc(sizeof *e * MAX_STRIDE * PROFILE);
    S.symtab = calloc(CP_LIMIT, sizeof *S.symtab);
    if (!t.child || !t.next || !t.cell || !t.sym || !t.hkey || !t.hval || !e || !S.symtab)
        goto fail;
    S.n_syms = 1;
    S.sym_b = symbol('_');
    for (unsigned c = 0; c < 128; c++) {
        ascii_cls[c] = ascii_class(c);
        if (ascii_cls[c] & 2)
            S.symtab[c] = S.sym_b;   /* separators read as the boundary */
    }
    for (uint32_t c = 0; c < CP_LIMIT; c++) {   /* capitals and lower case */
        if (fold(c) != c) {
            symbol(fold(c));
            symbol(c);
        }
    }
    for (int gi = 0; gi < N_GROUPS; gi++) {
        group_t *g = &S.g[gi];
        g->first = -1;
        for (size_t i = 0; i < N_LANGS; i++) {
            if (langs[i].group == gi) {
                if (g->first < 0)
                    g->first = (int)i;
                g->nlang = (int)i - g->first + 1;
            }
        }
        g->stride = g->nlang <= 16 ? 16 : MAX_STRIDE;
        if (g->first < 0 || g->nlang > MAX_STRIDE)
            goto fail;
        size_t ne = 0;
        t.n = 1;   /* the root */
        t.gen = (uint32_t)gi + 1;
        t.child[0] = t.next[0] = NO_STATE;
        for (int l = 0; l < g->nlang; l++) {
            int r = load_file(dir, (size_t)(g->first + l), l, &t, e, &ne);
            if (r == 0) {
                S.loaded[g->first + l] = 1;
                nloaded++;
            } else if (r == -2) {   /* a language silently lost would change the output */
                err = errno;
                goto fail;
            }
        }
        if (build_da(g, &t) < 0 || set_weights(g, &t, e, ne) < 0)
            goto fail;
    }
    /* capitals -> lower case, for text in capitals */
    S.lower = malloc(sizeof *S.lower * S.n_syms);
    if (!S.lower)
        goto fail;
    for (uint32_t i = 0; i < S.n_syms; i++)
        S.lower[i] = (uint16_t)i;
    for (uint32_t c = 0; c < CP_LIMIT; c++)
        if (fold(c) != c)
            S.lower[S.symtab[c]] = S.symtab[fold(c)];
    /* just room for every base + symbol, symbols of later groups too */
    for (int gi = 0; gi < N_GROUPS; gi++) {
        if (da_resize(&S.g[gi], S.g[gi].top + S.n_syms + 2) < 0)
            goto fail;
        if (S.g[gi].n_states > max_states)
            max_states = S.g[gi].n_states;
    }
    S.count = calloc(max_states, sizeof *S.count);
    if (!S.count)
        goto fail;
    if (nloaded == 0) {
        err = 0;
        goto fail;
    }
    S.ready = 1;
fail:   /* and success */
    free(t.child);
    free(t.next);
    free(t.cell);
    free(t.sym);
    free(t.hkey);
    free(t.hval);
    free(e);
    if (!S.ready) {
        nf_langid_free();
        errno = err;
        return err ? -2 : -1;
    }
    return 0;
}

void nf_langid_free(void)
{
    for (int gi = 0; gi < N_GROUPS; gi++) {
        free(S.g[gi].da);
        free(S.g[gi].w);
    }
    free(S.symtab);
    free(S.lower);
    free(S.count);
    memset(&S, 0, sizeof S);
}

/* ---- classification ---- */

/* Skips leading space (the " date YYYY-MM[-DD]" header is text/isodate.c's, which
   nf-normalize strips before it asks for the language). */
static size_t skip_space(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

typedef struct {
    int best, second;        /* language indexes, second may be -1 */
    uint32_t occurrences;    /* n-gram occurrences scored */
    double fit, margin;      /* per occurrence: best's weight, lead over second */
} verdict_t;

/* score[l] = sum over the m distinct states in touched of their count
   times their weight in language l, for the STRIDE languages of a group (a
   compile-time constant once inlined, so that the loops vectorize); resets
   the counts and returns the number of occurrences. */
static inline uint32_t add_rows(uint32_t *restrict score, const group_t *g,
                                size_t m, const int STRIDE)
{
    uint16_t acc[MAX_STRIDE] = {0};
    uint32_t pending = 0, total = 0;
    touched[m] = ROOT;   /* an even number of rows; ROOT weighs 0 */
    for (size_t k = 0; k < m; k += 2) {   /* two rows at a time */
        uint32_t s0 = touched[k], s1 = touched[k + 1];
        uint32_t c0 = S.count[s0], c1 = S.count[s1];
        const uint8_t *r0 = g->w + (size_t)s0 * STRIDE, *r1 = g->w + (size_t)s1 * STRIDE;
        S.count[s0] = S.count[s1] = 0;
        c0 = c0 < MAX_COUNT ? c0 : MAX_COUNT;
        c1 = c1 < MAX_COUNT ? c1 : MAX_COUNT;
        if (pending + c0 + c1 > ACC_LIMIT) {   /* keep acc within 16 bits */
            for (int l = 0; l < STRIDE; l++) {
                score[l] += acc[l];
                acc[l] = 0;
            }
            pending = 0;
        }
        pending += c0 + c1;
        total += c0 + c1;
        for (int l = 0; l < STRIDE; l++)
            acc[l] = (uint16_t)(acc[l] + c0 * r0[l] + c1 * r1[l]);
    }
    for (int l = 0; l < STRIDE; l++)
        score[l] += acc[l];
    return total;
}

/* Scores the n-grams of sym[0..n) against the fingerprints of group gi:
   language l gets the sum over n-gram occurrences of weight(rank in l). */
static int score_group(size_t n, int gi, verdict_t *v)
{
    const group_t *g = &S.g[gi];
    const struct da *da = g->da;
    uint16_t *count = S.count;
    size_t nt = 0;
    /* every n-gram starting at p, walking the trie; DEAD absorbs the ones
       in no fingerprint.  Branch-free, four positions at a time for
       parallelism, and counted in a second pass: that keeps it fast. */
    for (size_t i = n; i < n + NGRAM_LEN + 4; i++)
        sym[i] = SYM_OTHER;
    for (size_t p = 0; p < n; p += 4) {
        uint32_t s0 = ROOT, s1 = ROOT, s2 = ROOT, s3 = ROOT;
        for (int k = 0; k < NGRAM_LEN; k++) {
            uint32_t c0 = (uint32_t)da[s0].base + sym[p + k];
            uint32_t c1 = (uint32_t)da[s1].base + sym[p + 1 + k];
            uint32_t c2 = (uint32_t)da[s2].base + sym[p + 2 + k];
            uint32_t c3 = (uint32_t)da[s3].base + sym[p + 3 + k];
            s0 = c0 & -(uint32_t)(da[c0].check == s0);   /* DEAD is 0 */
            s1 = c1 & -(uint32_t)(da[c1].check == s1);
            s2 = c2 & -(uint32_t)(da[c2].check == s2);
            s3 = c3 & -(uint32_t)(da[c3].check == s3);
            touched[nt] = s0;
            nt += s0 != DEAD;
            touched[nt] = s1;
            nt += s1 != DEAD;
            touched[nt] = s2;
            nt += s2 != DEAD;
            touched[nt] = s3;
            nt += s3 != DEAD;
        }
    }
    /* count; keep the distinct states */
    size_t m = 0;
    for (size_t k = 0; k < nt; k++) {
        uint32_t s = touched[k];
        touched[m] = s;
        m += count[s]++ == 0;
    }
    if (m == 0)
        return -1;
    uint32_t score[MAX_STRIDE] = {0}, total;
    if (g->stride == MAX_STRIDE)
        total = add_rows(score, g, m, MAX_STRIDE);
    else
        total = add_rows(score, g, m, 16);
    int b = -1, s = -1;
    for (int l = 0; l < g->nlang; l++) {
        if (!S.loaded[g->first + l])
            continue;
        if (b < 0 || score[l] > score[b]) {
            s = b;
            b = l;
        } else if (s < 0 || score[l] > score[s]) {
            s = l;
        }
    }
    if (b < 0)
        return -1;
    v->best = g->first + b;
    v->second = s >= 0 ? g->first + s : -1;
    v->occurrences = total;
    /* per n-gram occurrence: the best's weight, and its lead over the second */
    v->fit = ((double)score[b] / total + W_ABSENT) / W_SCALE;
    v->margin = s >= 0 ? (double)(score[b] - score[s]) / ((double)total * W_SCALE) : 1.0;
    return 0;
}

/* Cyrillic letters of Ukrainian (not Russian, Bulgarian...) and of
   Russian (not Ukrainian, Bulgarian, Macedonian, Serbian). */
static uint32_t n_uk, n_ru;

static void cyrillic_letter(uint32_t cp)
{
    switch (cp) {
    case 0x0456: case 0x0457: case 0x0454: case 0x0491:   /* і ї є ґ */
    case 0x0406: case 0x0407: case 0x0404: case 0x0490:
        n_uk++;
        break;
    case 0x044B: case 0x044D: case 0x0451:   /* ы э ё */
    case 0x042B: case 0x042D: case 0x0401:
        n_ru++;
        break;
    default:
        break;
    }
}

/* Close relatives, which a small margin between does not make unsure. */
static int relatives(const char *a, const char *b)
{
    static const char *const fam[] = {
        " nb nn da sv ", " id ms ", " hr bs sr sl ", " cs sk ", " es gl ca pt it oc ",
        " nl af fy ", " tr az tk ", " zu xh ", " st tn ", " ru uk be bg ",
        " sr mk bg ", " hi mr ne ", " fa ur ", " ur sd ", " kk ky tt ",
    };
    char ka[8], kb[8];
    snprintf(ka, sizeof ka, " %s ", a);
    snprintf(kb, sizeof kb, " %s ", b);
    for (size_t i = 0; i < sizeof fam / sizeof fam[0]; i++)
        if (strstr(fam[i], ka) && strstr(fam[i], kb))
            return 1;
    return 0;
}

const char *nf_langid(const char *text, size_t len)
{
    if (!S.ready || !text)
        return "und";
    size_t start = skip_space(text, len);
    const unsigned char *s = (const unsigned char *)text + start;
    size_t n = len - start;
    if (n > PREFIX_BYTES) {   /* cut at a space, else a character boundary */
        size_t cut = PREFIX_BYTES;
        while (cut > PREFIX_BYTES - 48 && s[cut] != ' ' && s[cut] != '\n')
            cut--;
        if (s[cut] != ' ' && s[cut] != '\n')
            for (cut = PREFIX_BYTES; cut > 0 && (s[cut] & 0xC0) == 0x80;)
                cut--;
        n = cut;
    }
    /* symbols for the n-grams; letters by script, weighted by UTF-8 length */
    uint32_t w[NF_N_SCRIPTS + 1] = {0};
    size_t ns = 0, letters = 0, visible = 0, caps = 0, hint = 0;
    int boundary = 1;
    n_uk = n_ru = 0;
    sym[ns++] = S.sym_b;
    for (size_t i = 0; i < n;) {
        uint32_t cp = s[i];
        if (cp < 0x80) {   /* branch-free: text is mostly ASCII */
            unsigned cl = ascii_cls[cp], sep = (cl >> 1) & 1;
            i++;
            sym[ns] = S.symtab[cp];
            ns += !(sep & boundary);
            boundary = (int)sep;
            letters += cl & 1;
            w[NF_SC_LATN] += cl & 1;
            visible += !(cl & 4);
            caps += cl >> 3;
            continue;
        }
        size_t cl = utf8_dec(s + i, n - i, &cp);
        i += cl;
        if (is_sep(cp)) {
            if (!boundary)
                sym[ns++] = S.sym_b;
            boundary = 1;
            continue;
        }
        visible++;
        int sc = nf_script_hint((int32_t)cp, &hint);
        if (sc != NF_SC_NONE) {
            letters++;
            w[sc] += (uint32_t)cl;
            if (sc == NF_SC_CYRL)
                cyrillic_letter(cp);
            if (sc == NF_SC_LATN || sc == NF_SC_CYRL || sc == NF_SC_GREK)
                caps += fold(cp) != cp;
        } else if (cp >= 0x300 && cp <= 0x36F) {
            visible--;   /* combining marks (decomposed text) */
        }
        sym[ns++] = cp < CP_LIMIT ? S.symtab[cp] : SYM_OTHER;
        boundary = 0;
    }
    if (!boundary)
        sym[ns++] = S.sym_b;
    /* too short (a Han, kana or Hangul character counts as 3 letters), or
       not prose: most of what is not space is digits or punctuation */
    if (letters + 2 * (w[NF_SC_HANI] + w[NF_SC_KANA] + w[NF_SC_HANG]) / 3 < MIN_LETTERS ||
        2 * letters < visible)
        return "und";
    if (2 * caps > letters)   /* in capitals: compare in lower case */
        for (size_t i = 0; i < ns; i++)
            sym[i] = S.lower[sym[i]];
    int top = 0;
    for (int sc = 1; sc < NF_N_SCRIPTS; sc++)
        if (w[sc] > w[top])
            top = sc;
    /* Han, kana, Hangul: Japanese if kana is a real share */
    if (top == NF_SC_HANI || top == NF_SC_KANA || top == NF_SC_HANG) {
        uint32_t cjk = w[NF_SC_HANI] + w[NF_SC_KANA] + w[NF_SC_HANG];
        if (w[NF_SC_HANG] * 4 > cjk)
            return "ko";
        return w[NF_SC_KANA] * 10 >= cjk ? "ja" : "zh";
    }
    if (top >= N_GROUPS)
        return script_code[top];
    verdict_t v;
    if (score_group(ns, top, &v) < 0)
        return "und";
    const char *best = langs[v.best].code;
    const char *second = v.second >= 0 ? langs[v.second].code : "und";
#ifdef NF_LANGID_DEBUG
    fprintf(stderr, "langid: %s %s fit %.3f margin %.4f occ %u uk=%u ru=%u\n",
            best, second, v.fit, v.margin, v.occurrences, n_uk, n_ru);
#endif
    /* letters that only Ukrainian, or only Russian, of these have */
    if (top == NF_SC_CYRL && strstr(" ru uk bg mk sr ", best)) {
        if (n_uk >= 2 && n_ru * 8 < n_uk)
            return "uk";
        if (n_ru >= 2 && n_uk * 8 < n_ru)
            return "ru";
    }
    /* the Malay fingerprint is weak: Indonesian unless clearly Malay */
    if (strcmp(best, "ms") == 0 && strcmp(second, "id") == 0 && v.margin < 0.05)
        return "id";
    /* a near tie between languages that are not relatives: unsure */
    if (v.margin < MIN_MARGIN && !relatives(best, second))
        return "und";
    return best;
}
