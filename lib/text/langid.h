/* langid.h — language of a text, ISO 639-1 code or "und" (libexttextcat). */
#ifndef NF_LANGID_H
#define NF_LANGID_H

#include <stddef.h>

/* Loads the libexttextcat fingerprints (package libexttextcat-data, from
   /usr/share/libexttextcat/, or the directory in $NF_TEXTCAT_DIR).
   0 ok, -1 if the fingerprint data is not installed (caller warns and emits "und"),
   -2 if it is there but cannot be loaded: a read error, out of memory (errno says which;
   the caller reports it and fails: a language missing would change the output). */
int nf_langid_init(void);

/* Language of text[0..len) (UTF-8): a static string, "nl", "en", "ar", ...
   (a 639-2/3 code such as "ckb" where there is no 639-1 one), or "und" when
   too short, not prose, or unsure.  Looks at the first 512 bytes only, after
   leading white space (strip a " date" header first: text/isodate.h).  Not thread-safe. */
const char *nf_langid(const char *text, size_t len);

void nf_langid_free(void);

#endif
