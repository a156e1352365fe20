/* The trailing-note search runs on every candidate line's message, and most messages hold no
   two blanks in a row: sixteen positions per step. */
#include "walog_blanks.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t walog_find_blank_pair(const uint8_t *data, size_t length, size_t from) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  for (; i + 17 <= length; i += 16) {
    __m128i here = _mm_loadu_si128((const __m128i *)(data + i));
    __m128i next = _mm_loadu_si128((const __m128i *)(data + i + 1));
    __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(next, space), _mm_cmpeq_epi8(next, tab));
    unsigned hits = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(here, space), blank));
    if (hits) return i + (size_t)__builtin_ctz(hits);
  }
#endif
  for (; i + 1 < length; i++)
    if (data[i] == ' ' && (data[i + 1] == ' ' || data[i + 1] == '\t')) return i;
  return length;
}
