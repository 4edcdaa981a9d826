/* ner.h — named-entity tagging with a structured averaged perceptron: hashed token features
 * (word, lower case, prefixes, suffixes, shape, capitalisation, script, digits, hyphens, the
 * neighbouring words and their shapes, position in the sentence) scored per BIO tag, plus tag
 * transitions, decoded with Viterbi. Models are files: "NFNER1", the tag set, the weights
 * quantised to 16 bits, compressed with zlib, and a CRC-32 of it all, so that a truncated or
 * corrupt model is refused rather than half-loaded. */
#ifndef NF_NER_H
#define NF_NER_H
#include <stddef.h>

#define NF_NER_MAXTAGS 16

typedef struct nf_ner nf_ner;

/* a sentence: n tokens, each a NUL-terminated string (the surface form) */
struct nf_ner_sent {
	const char **tok;
	size_t n;
};

/* Training: tags are strings ("O", "B-PER", "I-ORG", ...). epochs passes, shuffled with seed. */
nf_ner *nf_ner_new(void);
int nf_ner_tag_id(nf_ner *m, const char *tag);  /* adds the tag when new */
void nf_ner_train(nf_ner *m, const struct nf_ner_sent *s, const int *const *gold, size_t nsent, int epochs,
                  unsigned seed);
int nf_ner_save(const nf_ner *m, const char *path); /* 0 ok, -1 (errno) */

/* Use: returns NULL and sets *err to a message when the file is missing, truncated or corrupt. */
nf_ner *nf_ner_load(const char *path, const char **err);
void nf_ner_decode(const nf_ner *m, const struct nf_ner_sent *s, int *tags); /* tags[n] */
const char *nf_ner_tag_name(const nf_ner *m, int id);
int nf_ner_ntags(const nf_ner *m);
void nf_ner_free(nf_ner *m);
#endif
