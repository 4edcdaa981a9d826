/* ner.h — named-entity tagging with a structured averaged perceptron: hashed token features
 * (word, lower case, prefixes, suffixes, shape, capitalisation, script, digits, hyphens, the
 * neighbouring words and their shapes, position in the sentence, the word clusters of the
 * word and its neighbours, and of the document: how it writes the word, which words stand
 * around it elsewhere) scored per BIO tag, plus tag transitions, decoded with Viterbi. A list
 * of names (places, people, organisations, given names) stored in the model adds features
 * for the tokens of the longest names it matches.
 * Models are files in two formats, each with a checksum of it all, so that a truncated or
 * corrupt model is refused rather than half-loaded: "NFNER2" (nf_ner_save: the tag set, the
 * weights quantised to 16 bits, the name list and the clusters, compressed with zlib, CRC-32;
 * what training writes and the repository keeps) and "NFNER4" (nf_ner_save_mapped, made by
 * the build: the same weights flat, little-endian, with a prebuilt hash table of the names
 * and clusters, CRC-32C, read in place with mmap, so that loading costs a few milliseconds).
 * nf_ner_load reads either. */
#ifndef NF_NER_H
#define NF_NER_H
#include <stddef.h>

#define NF_NER_MAXTAGS 16

typedef struct nf_ner nf_ner;

/* The words of a document as it writes them (capitalised inside a sentence, lower case), for
 * features that see past the sentence: "Xiaomi" at the start of a sentence is a name when the
 * document writes it capitalised elsewhere. */
typedef struct nf_ner_doc nf_ner_doc;

/* a sentence: n tokens, each a NUL-terminated string (the surface form); doc may be NULL */
struct nf_ner_sent {
	const char **tok;
	size_t n;
	const nf_ner_doc *doc;
};

nf_ner_doc *nf_ner_doc_new(void);
void nf_ner_doc_add(nf_ner_doc *d, const struct nf_ner_sent *s); /* each sentence, before decoding */
void nf_ner_doc_clear(nf_ner_doc *d);                            /* at the start of a document */
/* prediction history: after each sentence is decoded, the types its capitalised words were
 * given, which later sentences of the document see as features; forget drops them alone */
void nf_ner_doc_learn(nf_ner_doc *d, const nf_ner *m, const struct nf_ner_sent *s, const int *tags);
void nf_ner_doc_forget(nf_ner_doc *d);
void nf_ner_doc_free(nf_ner_doc *d);

/* Training: tags are strings ("O", "B-PER", "I-ORG", ...). epochs passes, shuffled with seed. */
nf_ner *nf_ner_new(void);
int nf_ner_tag_id(nf_ner *m, const char *tag);  /* adds the tag when new */
/* before training: the model also learns from what it made of the earlier sentences of the
 * document (the types each capitalised word was given: nf_ner_doc_learn); saved with it */
void nf_ner_set_history(nf_ner *m);
int nf_ner_history(const nf_ner *m);
/* a name for the name-list features (before training; saved in the model): TYPE is PER, LOC,
 * ORG, MISC or FIRST (a given name), name its tokens separated by spaces; -1 if unusable */
int nf_ner_add_name(nf_ner *m, const char *type, const char *name);
/* a word's cluster (from nf-clusters, trained on unlabeled text) for the cluster features:
 * value 1 + fine + 1024 * coarse (fine < 1024, coarse < 64); saved in the model. -1 if unusable
 * or the word has one already. */
int nf_ner_add_cluster(nf_ner *m, const char *word, unsigned value);
/* the key the model looks words up by (lower case, as the features see it); 0 if too long */
size_t nf_ner_key(const char *tok, char *out, size_t cap);
/* does the word w[0..n) begin a name of the model's name list (a name of one word, the first
 * word of a longer one, or a given name)? */
int nf_ner_name_start(const nf_ner *m, const char *w, size_t n);
void nf_ner_train(nf_ner *m, const struct nf_ner_sent *s, const int *const *gold, size_t nsent, int epochs,
                  unsigned seed);
int nf_ner_save(const nf_ner *m, const char *path); /* 0 ok, -1 (errno) */

/* Use: returns NULL and sets *err to a message when the file is missing, truncated or corrupt. */
nf_ner *nf_ner_load(const char *path, const char **err);
/* the model as NFNER4 (what nf_ner_load maps in place), with the same int16 weights */
int nf_ner_save_mapped(const nf_ner *m, const char *path); /* 0 ok, -1 (errno) */
void nf_ner_decode(const nf_ner *m, const struct nf_ner_sent *s, int *tags); /* tags[n] */
const char *nf_ner_tag_name(const nf_ner *m, int id);
int nf_ner_ntags(const nf_ner *m);

/* BIO tags to entities: a B- or I- tag starts one, the I- tags of the same type after it
 * continue it. out needs room for n spans; returns how many it wrote. */
struct nf_ner_span {
	size_t start, end;  /* token indices, end exclusive */
	const char *type;   /* "PER", ... (the tag name after "B-"; lives as long as m) */
};
size_t nf_ner_spans(const nf_ner *m, const int *tags, size_t n, struct nf_ner_span *out);
void nf_ner_free(nf_ner *m);
#endif
