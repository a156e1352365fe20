#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
/* Select PCRE2's 8-bit API (the *_8 symbols); the define must live in the header
   because Swift's Clang importer ignores cSettings of a system-library target. */
#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

/* PCRE2_UNSET is a cast macro Swift cannot import. */
static inline PCRE2_SIZE cpcre2_unset(void) { return PCRE2_UNSET; }
#endif
