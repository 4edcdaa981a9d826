/* langid.h — language of a text, ISO 639-1 code or "und" (libexttextcat). */
#ifndef NF_LANGID_H
#define NF_LANGID_H

#include <stddef.h>

/* Loads the libexttextcat fingerprints (libexttextcat-data).
   0 ok, -1 if the fingerprint data cannot be loaded (caller warns and emits "und"). */
int nf_langid_init(void);

/* Language of text[0..len): static string "nl", "en", "ar", ... or "und"
   (too short, unknown or unsure). Looks at a bounded prefix only. Not thread-safe. */
const char *nf_langid(const char *text, size_t len);

void nf_langid_free(void);

#endif
