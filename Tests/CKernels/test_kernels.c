/* Differential test of the CWalogSIMD kernels, in C so that it runs wherever a C compiler
   and the CPU (or qemu) do, without Swift: every engine this CPU runs (scalar, SSSE3, AVX2,
   NEON) against a naive reference, the Teddy scan over literal sets of every width, many
   lengths and buckets that hold several literals, data at every alignment, small output
   capacities that make a scan stop and resume, and the newline count over every block size.
   The pseudo-random input is seeded, so every run tests the same cases.
   Prints one line per failure and then `N passed, N failed`; exits 1 on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walog_newlines.h"
#include "walog_teddy.h"

static unsigned long long passed, failed;

static void check(int ok, const char *what, const char *engine, unsigned long long detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    if (failed <= 20) printf("FAIL %s [%s] (case %llu)\n", what, engine, detail);
  }
}

/* xorshift64*: a fixed seed, the same cases in every run. */
static unsigned long long state = 0x9E3779B97F4A7C15ull;
static unsigned next_random(unsigned bound) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return (unsigned)((state * 0x2545F4914F6CDD1Dull) >> 33) % bound;
}

static const struct {
  walog_teddy_engine engine;
  const char *name;
} engines[] = {
  {WALOG_TEDDY_SCALAR, "scalar"},
  {WALOG_TEDDY_SSSE3, "ssse3"},
  {WALOG_TEDDY_AVX2, "avx2"},
  {WALOG_TEDDY_NEON, "neon"},
};
#define ENGINE_COUNT (sizeof engines / sizeof engines[0])

/* ---- A plan, as Prefilter.swift would make one (buckets and offsets chosen at random) ---- */

#define MAX_LITERALS 40
#define MAX_LITERAL 12

typedef struct {
  walog_teddy_plan plan;
  uint32_t bucket_start[WALOG_TEDDY_BUCKETS * 257];
  uint32_t bucket_literals[MAX_LITERALS];
  uint8_t bytes[MAX_LITERALS * MAX_LITERAL];
  uint32_t literal_start[MAX_LITERALS + 1];
  uint32_t literal_offset[MAX_LITERALS];
  unsigned bucket[MAX_LITERALS];
} test_plan;

static const char alphabet[] = "ab\n:e ";

/* Fills bucket_literals and bucket_start from t->bucket: per bucket and first fingerprint
   byte, its literals, as TeddyLiterals.swift does. */
static void index_plan(test_plan *t, unsigned count) {
  unsigned entry = 0;
  for (unsigned j = 0; j < WALOG_TEDDY_BUCKETS; j++) {
    for (unsigned b = 0; b <= 256; b++) {
      t->bucket_start[j * 257 + b] = entry;
      if (b == 256) break;
      for (unsigned i = 0; i < count; i++) {
        uint8_t first = t->bytes[t->literal_start[i] + t->literal_offset[i]];
        if (t->bucket[i] == j && first == b) t->bucket_literals[entry++] = i;
      }
    }
  }
}

static void make_plan(test_plan *t, unsigned width, unsigned count, unsigned max_length) {
  memset(t, 0, sizeof *t);
  unsigned position = 0;
  for (unsigned i = 0; i < count; i++) {
    unsigned length = 1 + next_random(max_length);
    t->literal_start[i] = position;
    for (unsigned b = 0; b < length; b++) {
      /* Mostly the data's small alphabet, so that literals occur and overlap. */
      t->bytes[position++] = next_random(8) ? (uint8_t)alphabet[next_random(sizeof alphabet - 1)] : (uint8_t)next_random(256);
    }
    /* The fingerprint fits in the literal when it can, else starts at 0 and runs past it. */
    t->literal_offset[i] = length > width ? next_random(length - width + 1) : 0;
    t->bucket[i] = next_random(WALOG_TEDDY_BUCKETS);
  }
  t->literal_start[count] = position;
  index_plan(t, count);
  for (unsigned i = 0; i < count; i++) {
    uint8_t bit = (uint8_t)(1u << t->bucket[i]);
    unsigned length = t->literal_start[i + 1] - t->literal_start[i];
    for (unsigned k = 0; k < width; k++) {
      unsigned at = t->literal_offset[i] + k;
      if (at < length) {
        uint8_t byte = t->bytes[t->literal_start[i] + at];
        t->plan.lo[k][byte & 15] |= bit;
        t->plan.hi[k][byte >> 4] |= bit;
      } else {
        for (unsigned n = 0; n < 16; n++) {
          t->plan.lo[k][n] |= bit;
          t->plan.hi[k][n] |= bit;
        }
      }
    }
  }
  t->plan.width = width;
  t->plan.literal_count = count;
  t->plan.bucket_start = t->bucket_start;
  t->plan.bucket_literals = t->bucket_literals;
  t->plan.bytes = t->bytes;
  t->plan.literal_start = t->literal_start;
  t->plan.literal_offset = t->literal_offset;
}

/* ---- The reference: every literal at every position, ordered as the kernels promise ---- */

typedef struct {
  uint64_t q; /* fingerprint position */
  uint32_t literal;
  uint32_t zero; /* no padding: occurrences are compared with memcmp */
  uint64_t start;
} occurrence;

static int by_position(const void *a, const void *b) {
  const occurrence *x = a, *y = b;
  if (x->q != y->q) return x->q < y->q ? -1 : 1;
  if (x->literal != y->literal) return x->literal < y->literal ? -1 : 1;
  return 0;
}

static size_t reference(const test_plan *t, const uint8_t *data, size_t length, occurrence *out) {
  size_t count = 0;
  for (uint32_t i = 0; i < t->plan.literal_count; i++) {
    size_t size = t->literal_start[i + 1] - t->literal_start[i];
    for (size_t start = 0; start + size <= length; start++)
      if (memcmp(data + start, t->bytes + t->literal_start[i], size) == 0)
        out[count++] = (occurrence){start + t->literal_offset[i], i, 0, start};
  }
  qsort(out, count, sizeof *out, by_position);
  return count;
}

/* Runs one engine to the end with `capacity` slots per call; the occurrences it reported,
   sorted within each fingerprint position (whose order among literals is unspecified), or
   (size_t)-1 when its own order is not ascending in fingerprint position or a call made no
   progress. */
static size_t run_engine(
  const test_plan *t, walog_teddy_engine engine, const uint8_t *data, size_t length, size_t capacity,
  walog_teddy_match *buffer, occurrence *out) {
  size_t count = 0, cursor = 0;
  uint64_t last_q = 0;
  while (cursor < length) {
    size_t before = cursor;
    size_t found = walog_teddy_scan(&t->plan, engine, data, length, &cursor, buffer, capacity);
    if (found == 0 && cursor == before) return (size_t)-1;
    for (size_t m = 0; m < found; m++) {
      uint32_t literal = buffer[m].literal;
      uint64_t q = buffer[m].start + t->literal_offset[literal];
      if (q < last_q) return (size_t)-1;
      last_q = q;
      out[count++] = (occurrence){q, literal, 0, buffer[m].start};
    }
  }
  qsort(out, count, sizeof *out, by_position);
  return count;
}

#define MAX_DATA 4096

static void test_teddy(void) {
  static uint8_t storage[MAX_DATA + 64];
  static occurrence want[MAX_DATA * MAX_LITERALS], got[MAX_DATA * MAX_LITERALS];
  static walog_teddy_match buffer[WALOG_TEDDY_RESERVE * MAX_LITERALS * 4];
  static const unsigned lengths[] = {0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 63, 64, 65, 66, 67, 95, 127, 128, 129, 200, 1000, 4096};
  static const unsigned literal_counts[] = {1, 2, 3, 8, 9, 16, 40};
  unsigned long long case_number = 0;
  for (unsigned width = 1; width <= WALOG_TEDDY_MAX_WIDTH; width++) {
    for (unsigned lc = 0; lc < sizeof literal_counts / sizeof literal_counts[0]; lc++) {
      for (unsigned variant = 0; variant < 6; variant++) {
        test_plan t;
        make_plan(&t, width, literal_counts[lc], variant < 3 ? 4 : MAX_LITERAL);
        for (unsigned li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
          size_t length = lengths[li];
          unsigned align = next_random(64);
          uint8_t *data = storage + align;
          /* Bytes past the end must not count: fill them with the literals' first byte. */
          memset(storage, t.bytes[0], sizeof storage);
          for (size_t i = 0; i < length; i++)
            data[i] = next_random(16) ? (uint8_t)alphabet[next_random(sizeof alphabet - 1)] : (uint8_t)next_random(256);
          /* Plant literals, at the very end too. */
          for (unsigned plant = 0; length > MAX_LITERAL && plant < 1 + length / 64; plant++) {
            uint32_t i = next_random(t.plan.literal_count);
            size_t size = t.literal_start[i + 1] - t.literal_start[i];
            size_t at = plant == 0 ? length - size : next_random((unsigned)(length - size + 1));
            memcpy(data + at, t.bytes + t.literal_start[i], size);
          }
          size_t expected = reference(&t, data, length, want);
          /* The smallest capacity a call accepts, and a roomy one. */
          size_t capacities[] = {(size_t)WALOG_TEDDY_RESERVE * t.plan.literal_count, sizeof buffer / sizeof buffer[0]};
          for (unsigned e = 0; e < ENGINE_COUNT; e++) {
            if (!walog_teddy_engine_available(engines[e].engine)) continue;
            for (unsigned c = 0; c < 2; c++) {
              size_t n = run_engine(&t, engines[e].engine, data, length, capacities[c], buffer, got);
              int same = n == expected && (n == 0 || memcmp(got, want, n * sizeof *got) == 0);
              check(same, "teddy scan", engines[e].name, case_number);
            }
          }
          case_number++;
        }
      }
    }
  }
}

/* Every position a match: the output fills up on every call. */
static void test_teddy_dense(void) {
  static uint8_t data[3000];
  static occurrence want[3000 * 2], got[3000 * 2];
  static walog_teddy_match buffer[WALOG_TEDDY_RESERVE * 2];
  memset(data, 'a', sizeof data);
  for (unsigned width = 1; width <= WALOG_TEDDY_MAX_WIDTH; width++) {
    test_plan t;
    make_plan(&t, width, 2, 1);
    memcpy(t.bytes, "aaa", 3);
    t.literal_start[1] = 1, t.literal_start[2] = 3; /* "a" and "aa" */
    t.literal_offset[0] = t.literal_offset[1] = 0;
    t.bucket[0] = t.bucket[1] = 0;
    index_plan(&t, 2);
    memset(t.plan.lo, 0xff, sizeof t.plan.lo);
    memset(t.plan.hi, 0xff, sizeof t.plan.hi);
    for (size_t length = 2990; length <= sizeof data; length++) {
      size_t expected = reference(&t, data, length, want);
      for (unsigned e = 0; e < ENGINE_COUNT; e++) {
        if (!walog_teddy_engine_available(engines[e].engine)) continue;
        size_t n = run_engine(&t, engines[e].engine, data, length, sizeof buffer / sizeof buffer[0], buffer, got);
        check(n == expected && memcmp(got, want, n * sizeof *got) == 0, "teddy dense", engines[e].name, length);
      }
    }
  }
}

static void test_newlines(void) {
  static uint8_t storage[70000 + 64];
  for (size_t length = 0; length < 70000; length += length < 600 ? 1 : 997) {
    unsigned align = next_random(64);
    uint8_t *data = storage + align;
    memset(storage, '\n', sizeof storage); /* outside the block: must not count */
    unsigned density = 1 + next_random(4);
    size_t want = 0;
    for (size_t i = 0; i < length; i++) {
      /* Every density: from all newlines (the byte counters' overflow) to few. */
      data[i] = density == 1 || next_random(density * 8) == 0 ? '\n' : (uint8_t)next_random(256);
      want += data[i] == '\n';
    }
    for (unsigned e = 0; e < ENGINE_COUNT; e++) {
      if (!walog_teddy_engine_available(engines[e].engine)) continue;
      check(walog_count_newlines_with(engines[e].engine, data, length) == want, "newline count", engines[e].name, length);
    }
    check(walog_count_newlines(data, length) == want, "newline count", "best", length);
    ptrdiff_t last = -1;
    for (size_t i = 0; i < length; i++)
      if (data[i] == '\n') last = (ptrdiff_t)i;
    check(walog_last_newline(data, length) == last, "last newline", "best", length);
  }
}

int main(void) {
  printf("engines:");
  for (unsigned e = 0; e < ENGINE_COUNT; e++)
    if (walog_teddy_engine_available(engines[e].engine)) printf(" %s", engines[e].name);
  walog_teddy_engine best = walog_teddy_best_engine();
  for (unsigned e = 0; e < ENGINE_COUNT; e++)
    if (engines[e].engine == best) printf(" (best: %s)\n", engines[e].name);
  test_teddy();
  test_teddy_dense();
  test_newlines();
  printf("%llu passed, %llu failed\n", passed, failed);
  return failed ? 1 : 0;
}
