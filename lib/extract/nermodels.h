/* nermodels.h — where the entity models are and which one a row's language uses.
 *
 * Search path: $NF_MODEL_DIR when set and not empty; else, beside the program (its path read
 * from /proc/self/exe, or argv[0] without /proc), the build tree's BIN/../lib/data/models,
 * then the install prefix's BIN/../share/newsfilters/models (where make install puts them);
 * the first folder that can be read is taken (the last one when none can, for the message).
 * The languages with a model of their own are listed in lib/data/entities/models.tsv (en nl
 * it ar es de); the other languages use the first one's (English). A model is loaded on first use: ner-LANG.nfm
 * (NFNER4, mapped in place; make builds it from the .model) when it is there and not older
 * than ner-LANG.model, else ner-LANG.model (NFNER2, inflated). A missing or broken model is
 * an error (exit 1) that names the file. */
#ifndef NF_NERMODELS_H
#define NF_NERMODELS_H
#include <stddef.h>
#include "extract/ner.h"

/* the model folder by the search path above (malloc'd; no length limit) */
char *nf_ner_model_dir(const char *argv0);

typedef struct nf_ner_models nf_ner_models;
nf_ner_models *nf_ner_models_new(const char *dir);
/* the model of lang[0..n); *fallback set when it is the English one for want of its own */
const nf_ner *nf_ner_models_get(nf_ner_models *ms, const char *lang, size_t n, int *fallback);
const char *nf_ner_models_dir(const nf_ner_models *ms);
void nf_ner_models_free(nf_ner_models *ms);
#endif
