/* The scanning half of the Teddy-style literal filter (see walog_teddy.h; planning is in
   Prefilter.swift). For each position q the filter computes
     AND over k < width of  lo[k][data[q + k] & 15] & hi[k][data[q + k] >> 4],
   a byte whose bit j says that bucket j's fingerprints may start at q. The vector engines do
   this for 32 (AVX2) or 16 (SSSE3, NEON) positions at once with byte shuffles (NEON: table
   lookups), loading the data
   at q, q + 1, ... rather than shifting lookups across lanes. Bytes past the end read as 0
   (a padded copy of the tail); a fingerprint that runs past the end can only belong to a
   literal shorter than the width, whose missing positions accept every byte, and the
   verification checks bounds anyway. */
#include "walog_teddy.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define WALOG_TEDDY_X86 1
#include <cpuid.h>
#include <immintrin.h>
#elif defined(__aarch64__)
#define WALOG_TEDDY_ARM64 1
#include <arm_neon.h>
#if defined(__linux__)
#include <sys/auxv.h>
#endif
#endif

#define TEDDY_INLINE static inline __attribute__((always_inline))

/* Verifies the literals of the buckets in `buckets` whose fingerprint would sit at `q`: only
   those whose fingerprint begins with the byte at `q` (the nibble tables admit more bytes
   than the fingerprints'; a bucket's literals are indexed by their fingerprint's first byte). */
TEDDY_INLINE size_t teddy_verify(
  const walog_teddy_plan *plan, const uint8_t *data, size_t length, size_t q, unsigned buckets,
  walog_teddy_match *out, size_t count) {
  const uint32_t *index = plan->bucket_start + data[q];
  while (buckets) {
    unsigned j = (unsigned)__builtin_ctz(buckets);
    buckets &= buckets - 1;
    for (uint32_t e = index[j * 257]; e < index[j * 257 + 1]; e++) {
      uint32_t literal = plan->bucket_literals[e];
      size_t offset = plan->literal_offset[literal];
      if (q < offset) continue;
      size_t start = q - offset;
      size_t from = plan->literal_start[literal];
      /* The fingerprint's second byte rejects most before memcmp is called. */
      const uint8_t *bytes = plan->bytes + from;
      size_t size = plan->literal_start[literal + 1] - from;
      if (size > length - start) continue;
      if (offset + 1 < size && data[q + 1] != bytes[offset + 1]) continue;
      if (memcmp(data + start, bytes, size) == 0) {
        out[count].literal = literal;
        out[count].reserved = 0;
        out[count].start = start;
        count++;
      }
    }
  }
  return count;
}

/* Room for one more step of at most WALOG_TEDDY_RESERVE positions. */
TEDDY_INLINE int teddy_room(const walog_teddy_plan *plan, size_t count, size_t capacity) {
  return count + (size_t)WALOG_TEDDY_RESERVE * plan->literal_count <= capacity;
}

/* ---- Scalar ---------------------------------------------------------------------------- */

static size_t teddy_scan_scalar(
  const walog_teddy_plan *plan, const uint8_t *data, size_t length, size_t *cursor,
  walog_teddy_match *out, size_t capacity) {
  uint8_t table[WALOG_TEDDY_MAX_WIDTH][256];
  unsigned width = plan->width;
  for (unsigned k = 0; k < width; k++)
    for (unsigned b = 0; b < 256; b++) table[k][b] = plan->lo[k][b & 15] & plan->hi[k][b >> 4];
  size_t count = 0;
  size_t q = *cursor;
  for (; q < length; q++) {
    unsigned m = table[0][data[q]];
    if (__builtin_expect(m == 0, 1)) continue;
    for (unsigned k = 1; k < width && m; k++) m &= table[k][q + k < length ? data[q + k] : 0];
    if (!m) continue;
    if (!teddy_room(plan, count, capacity)) break;
    count = teddy_verify(plan, data, length, q, m, out, count);
  }
  *cursor = q;
  return count;
}

#if WALOG_TEDDY_X86

/* ---- AVX2: 32 positions per vector, two vectors per step -------------------------------- */

#define AVX2 __attribute__((target("avx2")))

TEDDY_INLINE AVX2 __m256i teddy_avx2_chunk(const uint8_t *p, const __m256i *lo, const __m256i *hi, unsigned width) {
  const __m256i nibble = _mm256_set1_epi8(15);
  __m256i m = _mm256_set1_epi8(-1);
  for (unsigned k = 0; k < width; k++) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(p + k));
    __m256i l = _mm256_shuffle_epi8(lo[k], _mm256_and_si256(v, nibble));
    __m256i h = _mm256_shuffle_epi8(hi[k], _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
    m = _mm256_and_si256(m, _mm256_and_si256(l, h));
  }
  return m;
}

TEDDY_INLINE AVX2 size_t teddy_avx2_report(
  const walog_teddy_plan *plan, __m256i m, const uint8_t *data, size_t length, size_t base,
  walog_teddy_match *out, size_t count) {
  uint8_t buckets[32];
  _mm256_storeu_si256((__m256i *)buckets, m);
  unsigned positions = ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(m, _mm256_setzero_si256()));
  while (positions) {
    unsigned i = (unsigned)__builtin_ctz(positions);
    positions &= positions - 1;
    if (base + i >= length) break;
    count = teddy_verify(plan, data, length, base + i, buckets[i], out, count);
  }
  return count;
}

TEDDY_INLINE AVX2 size_t teddy_scan_avx2_width(
  const walog_teddy_plan *plan, const uint8_t *data, size_t length, size_t *cursor,
  walog_teddy_match *out, size_t capacity, const unsigned width) {
  __m256i lo[WALOG_TEDDY_MAX_WIDTH], hi[WALOG_TEDDY_MAX_WIDTH];
  for (unsigned k = 0; k < width; k++) {
    lo[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)plan->lo[k]));
    hi[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)plan->hi[k]));
  }
  size_t count = 0;
  size_t q = *cursor;
  while (q + 64 + width - 1 <= length) {
    if (!teddy_room(plan, count, capacity)) {
      *cursor = q;
      return count;
    }
    __m256i a = teddy_avx2_chunk(data + q, lo, hi, width);
    __m256i b = teddy_avx2_chunk(data + q + 32, lo, hi, width);
    __m256i any = _mm256_or_si256(a, b);
    if (__builtin_expect(!_mm256_testz_si256(any, any), 0)) {
      count = teddy_avx2_report(plan, a, data, length, q, out, count);
      count = teddy_avx2_report(plan, b, data, length, q + 32, out, count);
    }
    q += 64;
  }
  if (q < length) {
    /* Fewer than 64 + width - 1 bytes left: scan a zero-padded copy. */
    if (!teddy_room(plan, count, capacity)) {
      *cursor = q;
      return count;
    }
    uint8_t tail[128];
    memset(tail, 0, sizeof tail);
    memcpy(tail, data + q, length - q);
    for (size_t at = 0; q + at < length; at += 32) {
      __m256i a = teddy_avx2_chunk(tail + at, lo, hi, width);
      if (!_mm256_testz_si256(a, a)) count = teddy_avx2_report(plan, a, data, length, q + at, out, count);
    }
  }
  *cursor = length;
  return count;
}

static AVX2 size_t teddy_scan_avx2(
  const walog_teddy_plan *plan, const uint8_t *data, size_t length, size_t *cursor,
  walog_teddy_match *out, size_t capacity) {
  switch (plan->width) {
  case 1: return teddy_scan_avx2_width(plan, data, length, cursor, out, capacity, 1);
  case 2: return teddy_scan_avx2_width(plan, data, length, cursor, out, capacity, 2);
  case 3: return teddy_scan_avx2_width(plan, data, length, cursor, out, capacity, 3);
  default: return teddy_scan_avx2_width(plan, data, length, cursor, out, capacity, 4);
  }
}

/* ---- SSSE3: 16 positions per vector, two vectors per step ------------------------------- */

#define SSSE3 __attribute__((target("ssse3")))

TEDDY_INLINE SSSE3 __m128i teddy_ssse3_chunk(const uint8_t *p, const __m128i *lo, const __m128i *hi, unsigned width) {
  const __m128i nibble = _mm_set1_epi8(15);
  __m128i m = _mm_set1_epi8(-1);
  for (unsigned k = 0; k < width; k++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(p + k));
    __m128i l = _mm_shuffle_epi8(lo[k], _mm_and_si128(v, nibble));
    __m128i h = _mm_shuffle_epi8(hi[k], _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
    m = _mm_and_si128(m, _mm_and_si128(l, h));
  }
  return m;
}

TEDDY_INLINE SSSE3 unsigned teddy_ssse3_positions(__m128i m) {
  return ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(m, _mm_setzero_si128())) & 0xffff;
}

TEDDY_INLINE SSSE3 size_t teddy_ssse3_report(
  const walog_teddy_plan *plan, __m128i m, const uint8_t *data, size_t length, size_t base,
  walog_teddy_match *out, size_t count) {
  uint8_t buckets[16];
  _mm_storeu_si128((__m128i *)buckets, m);
  unsigned positions = teddy_ssse3_positions(m);
  while (positions) {
    unsigned i = (unsigned)__builtin_ctz(positions);
    positions &= positions - 1;
    if (base + i >= length) break;
    count = teddy_verify(plan, data, length, base + i, buckets[i], out, count);
  }
  return count;
}

TEDDY_INLINE SSSE3 size_t teddy_scan_ssse3_width(
  const walog_teddy_plan *plan, const uint8_t *data, size_t length, size_t *cursor,
  walog_teddy_match *out, size_t capacity, const unsigned width) {
  __m128i lo[WALOG_TEDDY_MAX_WIDTH], hi[WALOG_TEDDY_MAX_WIDTH];
  for (unsigned k = 0; k < width; k++) {
    lo[k] = _mm_loadu_si128((const __m128i *)plan->lo[k]);
    hi[k] = _mm_loadu_si128((const __m128i *)plan->hi[k]);
  }
  size_t count = 0;
  size_t q = *cursor;
  while (q + 32 + width - 1 <= length) {
    if (!teddy_room(plan, count, capacity)) {
      *cursor = q;
      return count;
    }
    __m128i a = teddy_ssse3_chunk(data + q, lo, hi, width);
    __m128i b = teddy_ssse3_chunk(data + q + 16, lo, hi, width);
    if (__builtin_expect(teddy_ssse3_positions(_mm_or_si128(a, b)) != 0, 0)) {
      count = teddy_ssse3_report(plan, a, data, length, q, out, count);
      count = teddy_ssse3_report(plan, b, data, length, q + 16, out, count);
    }
    q += 32;
  }
  if (q < length) {
    if (!teddy_room(plan, count, capacity)) {
      *cursor = q;
      return count;
    }
    uint8_t tail[64];
    memset(tail, 0, sizeof tail);
    memcpy(tail, data + q, length - q);
    for (size_t at = 0; q + at < length; at += 16) {
      __m128i a = teddy_ssse3_chunk(tail + at, lo, hi, width);
      count = teddy_ssse3_report(plan, a, data, length, q + at, out, count);
    }
  }
  *cursor = length;
  return count;
}

static SSSE3 size_t teddy_scan_ssse3(
  const walog_teddy_plan *plan, const uint8_t *data, size_t length, size_t *cursor,
  walog_teddy_match *out, size_t capacity) {
  switch (plan->width) {
  case 1: return teddy_scan_ssse3_width(plan, data, length, cursor, out, capacity, 1);
  case 2: return teddy_scan_ssse3_width(plan, data, length, cursor, out, capacity, 2);
  case 3: return teddy_scan_ssse3_width(plan, data, length, cursor, out, capacity, 3);
  default: return teddy_scan_ssse3_width(plan, data, length, cursor, out, capacity, 4);
  }
}

#endif

#if WALOG_TEDDY_ARM64

/* ---- NEON: 16 positions per vector, two vectors per step -------------------------------- */

TEDDY_INLINE uint8x16_t teddy_neon_chunk(const uint8_t *p, const uint8x16_t *lo, const uint8x16_t *hi, unsigned width) {
  const uint8x16_t nibble = vdupq_n_u8(15);
  uint8x16_t m = vdupq_n_u8(0xff);
  for (unsigned k = 0; k < width; k++) {
    uint8x16_t v = vld1q_u8(p + k);
    uint8x16_t l = vqtbl1q_u8(lo[k], vandq_u8(v, nibble));
    uint8x16_t h = vqtbl1q_u8(hi[k], vshrq_n_u8(v, 4));
    m = vandq_u8(m, vandq_u8(l, h));
  }
  return m;
}

/* NEON has no movemask: narrowing the 0x00/0xFF lanes by 4 bits gives 4 bits per position;
   bit 4 i + 3 says that position i fired. */
TEDDY_INLINE uint64_t teddy_neon_positions(uint8x16_t m) {
  uint8x8_t narrowed = vshrn_n_u16(vreinterpretq_u16_u8(vtstq_u8(m, m)), 4);
  return vget_lane_u64(vreinterpret_u64_u8(narrowed), 0) & 0x8888888888888888ull;
}

TEDDY_INLINE size_t teddy_neon_report(
  const walog_teddy_plan *plan, uint8x16_t m, const uint8_t *data, size_t length, size_t base,
  walog_teddy_match *out, size_t count) {
  uint8_t buckets[16];
  vst1q_u8(buckets, m);
  uint64_t positions = teddy_neon_positions(m);
  while (positions) {
    unsigned i = (unsigned)__builtin_ctzll(positions) >> 2;
    positions &= positions - 1;
    if (base + i >= length) break;
    count = teddy_verify(plan, data, length, base + i, buckets[i], out, count);
  }
  return count;
}

TEDDY_INLINE size_t teddy_scan_neon_width(
  const walog_teddy_plan *plan, const uint8_t *data, size_t length, size_t *cursor,
  walog_teddy_match *out, size_t capacity, const unsigned width) {
  uint8x16_t lo[WALOG_TEDDY_MAX_WIDTH], hi[WALOG_TEDDY_MAX_WIDTH];
  for (unsigned k = 0; k < width; k++) {
    lo[k] = vld1q_u8(plan->lo[k]);
    hi[k] = vld1q_u8(plan->hi[k]);
  }
  size_t count = 0;
  size_t q = *cursor;
  while (q + 32 + width - 1 <= length) {
    if (!teddy_room(plan, count, capacity)) {
      *cursor = q;
      return count;
    }
    uint8x16_t a = teddy_neon_chunk(data + q, lo, hi, width);
    uint8x16_t b = teddy_neon_chunk(data + q + 16, lo, hi, width);
    if (__builtin_expect(vmaxvq_u8(vorrq_u8(a, b)) != 0, 0)) {
      count = teddy_neon_report(plan, a, data, length, q, out, count);
      count = teddy_neon_report(plan, b, data, length, q + 16, out, count);
    }
    q += 32;
  }
  if (q < length) {
    if (!teddy_room(plan, count, capacity)) {
      *cursor = q;
      return count;
    }
    uint8_t tail[64];
    memset(tail, 0, sizeof tail);
    memcpy(tail, data + q, length - q);
    for (size_t at = 0; q + at < length; at += 16) {
      uint8x16_t a = teddy_neon_chunk(tail + at, lo, hi, width);
      count = teddy_neon_report(plan, a, data, length, q + at, out, count);
    }
  }
  *cursor = length;
  return count;
}

static size_t teddy_scan_neon(
  const walog_teddy_plan *plan, const uint8_t *data, size_t length, size_t *cursor,
  walog_teddy_match *out, size_t capacity) {
  switch (plan->width) {
  case 1: return teddy_scan_neon_width(plan, data, length, cursor, out, capacity, 1);
  case 2: return teddy_scan_neon_width(plan, data, length, cursor, out, capacity, 2);
  case 3: return teddy_scan_neon_width(plan, data, length, cursor, out, capacity, 3);
  default: return teddy_scan_neon_width(plan, data, length, cursor, out, capacity, 4);
  }
}

#endif

/* ---- Dispatch --------------------------------------------------------------------------- */

#if WALOG_TEDDY_X86

static walog_teddy_engine teddy_detect(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return WALOG_TEDDY_SCALAR;
  int ssse3 = (c >> 9) & 1;
  int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
  if (osxsave && avx && __get_cpuid_max(0, 0) >= 7) {
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) == 6) { /* The OS saves XMM and YMM state. */
      __cpuid_count(7, 0, a, b, c, d);
      if ((b >> 5) & 1) return WALOG_TEDDY_AVX2;
    }
  }
  return ssse3 ? WALOG_TEDDY_SSSE3 : WALOG_TEDDY_SCALAR;
}

#elif WALOG_TEDDY_ARM64

/* Advanced SIMD is part of every AArch64 CPU that Linux or macOS runs on; Linux still says so
   in its hardware capabilities, which are asked rather than assumed. */
static walog_teddy_engine teddy_detect(void) {
#if defined(__linux__) && defined(HWCAP_ASIMD)
  if (!(getauxval(AT_HWCAP) & HWCAP_ASIMD)) return WALOG_TEDDY_SCALAR;
#endif
  return WALOG_TEDDY_NEON;
}

#else

static walog_teddy_engine teddy_detect(void) { return WALOG_TEDDY_SCALAR; }

#endif

walog_teddy_engine walog_teddy_best_engine(void) {
  static int detected = -1;
  int engine = __atomic_load_n(&detected, __ATOMIC_RELAXED);
  if (engine < 0) {
    engine = (int)teddy_detect();
    __atomic_store_n(&detected, engine, __ATOMIC_RELAXED);
  }
  return (walog_teddy_engine)engine;
}

int walog_teddy_engine_available(walog_teddy_engine engine) {
  walog_teddy_engine best = walog_teddy_best_engine();
  switch (engine) {
  case WALOG_TEDDY_SCALAR: return 1;
  case WALOG_TEDDY_SSSE3: return best == WALOG_TEDDY_SSSE3 || best == WALOG_TEDDY_AVX2;
  case WALOG_TEDDY_AVX2: return best == WALOG_TEDDY_AVX2;
  case WALOG_TEDDY_NEON: return best == WALOG_TEDDY_NEON;
  }
  return 0;
}

size_t walog_teddy_scan(
  const walog_teddy_plan *plan, walog_teddy_engine engine, const uint8_t *data, size_t length,
  size_t *cursor, walog_teddy_match *out, size_t capacity) {
  if (plan->width < 1 || plan->width > WALOG_TEDDY_MAX_WIDTH || *cursor >= length) {
    *cursor = length;
    return 0;
  }
  if (!walog_teddy_engine_available(engine)) engine = walog_teddy_best_engine();
#if WALOG_TEDDY_X86
  if (engine == WALOG_TEDDY_AVX2) return teddy_scan_avx2(plan, data, length, cursor, out, capacity);
  if (engine == WALOG_TEDDY_SSSE3) return teddy_scan_ssse3(plan, data, length, cursor, out, capacity);
#elif WALOG_TEDDY_ARM64
  if (engine == WALOG_TEDDY_NEON) return teddy_scan_neon(plan, data, length, cursor, out, capacity);
#endif
  return teddy_scan_scalar(plan, data, length, cursor, out, capacity);
}
