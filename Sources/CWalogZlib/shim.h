#ifndef CWALOGZLIB_SHIM_H
#define CWALOGZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro Swift cannot call. 15 + 16: a gzip wrapper, the largest window. */
static inline int cwalog_inflate_init_gzip(z_streamp stream) {
  return inflateInit2(stream, 15 + 16);
}
#endif
