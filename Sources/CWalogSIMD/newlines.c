/* Newline counting for line numbers: every byte of the input passes through here once, so it
   gets the same runtime dispatch as the Teddy kernels (walog_teddy_best_engine). */
#define _GNU_SOURCE /* memrchr */
#include <string.h>

#include "walog_newlines.h"
#include "walog_teddy.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

/* 128 bytes per step: four compares, four movemasks, four popcounts. */
static __attribute__((target("avx2,popcnt"))) size_t count_avx2(const uint8_t *data, size_t length) {
  const __m256i newline = _mm256_set1_epi8('\n');
  size_t total = 0, i = 0;
  for (; i + 128 <= length; i += 128) {
    unsigned a = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(data + i)), newline));
    unsigned b = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(data + i + 32)), newline));
    unsigned c = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(data + i + 64)), newline));
    unsigned d = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(data + i + 96)), newline));
    total += (size_t)(__builtin_popcount(a) + __builtin_popcount(b) + __builtin_popcount(c) + __builtin_popcount(d));
  }
  for (; i + 32 <= length; i += 32) {
    unsigned a = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(data + i)), newline));
    total += (size_t)__builtin_popcount(a);
  }
  for (; i < length; i++) total += data[i] == '\n';
  return total;
}

/* SSE2 is part of x86-64: compares give 0xFF per newline, subtracted from byte counters that
   are summed with psadbw before they can overflow. */
static size_t count_sse2(const uint8_t *data, size_t length) {
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  size_t total = 0, i = 0;
  while (i + 16 <= length) {
    __m128i counts = zero;
    for (int round = 0; round < 255 && i + 16 <= length; round++, i += 16)
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(data + i)), newline));
    __m128i sums = _mm_sad_epu8(counts, zero);
    total += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
  }
  for (; i < length; i++) total += data[i] == '\n';
  return total;
}

#elif defined(__aarch64__)
#include <arm_neon.h>

/* As count_sse2, 64 bytes per step in four byte counters, each summed across its lanes
   (at most 16 × 255, which fits the uint16_t of vaddlvq_u8) before it can overflow. */
static size_t count_neon(const uint8_t *data, size_t length) {
  const uint8x16_t newline = vdupq_n_u8('\n');
  size_t total = 0, i = 0;
  while (i + 64 <= length) {
    uint8x16_t a = vdupq_n_u8(0), b = a, c = a, d = a;
    for (int round = 0; round < 255 && i + 64 <= length; round++, i += 64) {
      a = vsubq_u8(a, vceqq_u8(vld1q_u8(data + i), newline));
      b = vsubq_u8(b, vceqq_u8(vld1q_u8(data + i + 16), newline));
      c = vsubq_u8(c, vceqq_u8(vld1q_u8(data + i + 32), newline));
      d = vsubq_u8(d, vceqq_u8(vld1q_u8(data + i + 48), newline));
    }
    total += (size_t)vaddlvq_u8(a) + vaddlvq_u8(b) + vaddlvq_u8(c) + vaddlvq_u8(d);
  }
  for (; i + 16 <= length; i += 16)
    total += vaddlvq_u8(vshrq_n_u8(vceqq_u8(vld1q_u8(data + i), newline), 7));
  for (; i < length; i++) total += data[i] == '\n';
  return total;
}

#endif

static size_t count_scalar(const uint8_t *data, size_t length) {
  size_t total = 0;
  for (size_t i = 0; i < length; i++) total += data[i] == '\n';
  return total;
}

/* `engine` must be one this CPU runs. */
static size_t count_with(walog_teddy_engine engine, const uint8_t *data, size_t length) {
#if defined(__x86_64__) || defined(__i386__)
  if (engine == WALOG_TEDDY_AVX2) return count_avx2(data, length);
  if (engine == WALOG_TEDDY_SSSE3) return count_sse2(data, length);
#elif defined(__aarch64__)
  if (engine == WALOG_TEDDY_NEON) return count_neon(data, length);
#endif
  (void)engine;
  return count_scalar(data, length);
}

size_t walog_count_newlines_with(walog_teddy_engine engine, const uint8_t *data, size_t length) {
  if (!walog_teddy_engine_available(engine)) engine = walog_teddy_best_engine();
  return count_with(engine, data, length);
}

/* Called between every two prefilter candidates: the best engine without the check. */
size_t walog_count_newlines(const uint8_t *data, size_t length) {
  return count_with(walog_teddy_best_engine(), data, length);
}

ptrdiff_t walog_last_newline(const uint8_t *data, size_t length) {
#if defined(__GLIBC__)
  const uint8_t *hit = memrchr(data, '\n', length);
  return hit ? hit - data : -1;
#else
  while (length > 0)
    if (data[--length] == '\n') return (ptrdiff_t)length;
  return -1;
#endif
}
