/* A Teddy-style literal filter: nibble-table lookups over a few fingerprint bytes per literal,
   32 bytes at a time (AVX2) or 16 (SSSE3, NEON), or byte by byte, then each surviving position is
   verified against the literals of the buckets that fired. The tables are planned by the
   caller (Swift, Prefilter.swift); this file only scans. */
#ifndef WALOG_TEDDY_H
#define WALOG_TEDDY_H

#include <stddef.h>
#include <stdint.h>

#define WALOG_TEDDY_MAX_WIDTH 4
#define WALOG_TEDDY_BUCKETS 8
/* Positions one call may examine after checking that `capacity` still has room: a call
   stops early rather than overflow `out`, so `capacity` must be at least
   WALOG_TEDDY_RESERVE * literal_count. */
#define WALOG_TEDDY_RESERVE 72

typedef enum walog_teddy_engine {
  WALOG_TEDDY_SCALAR = 0,
  WALOG_TEDDY_SSSE3 = 1,
  WALOG_TEDDY_AVX2 = 2,
  /* AArch64's Advanced SIMD. */
  WALOG_TEDDY_NEON = 3,
} walog_teddy_engine;

typedef struct walog_teddy_plan {
  /* Fingerprint bytes per literal, 1 ... WALOG_TEDDY_MAX_WIDTH. */
  uint32_t width;
  uint32_t literal_count;
  /* Per fingerprint position k: the buckets (bit j = bucket j) whose fingerprints may have
     a byte with this low (lo) or high (hi) nibble there. A byte at position k passes for
     bucket j when both its nibbles have bit j set. */
  uint8_t lo[WALOG_TEDDY_MAX_WIDTH][16];
  uint8_t hi[WALOG_TEDDY_MAX_WIDTH][16];
  /* bucket_start[j * 257 + b] ..< bucket_start[j * 257 + b + 1]: the entries in
     bucket_literals of bucket j's literals whose fingerprint begins with the byte b, so that a
     position that fires is checked only against the literals its own byte can start. */
  const uint32_t *bucket_start;
  const uint32_t *bucket_literals;
  /* Literal i is bytes[literal_start[i] ..< literal_start[i + 1]]; its fingerprint starts
     literal_offset[i] bytes into it. */
  const uint8_t *bytes;
  const uint32_t *literal_start;
  const uint32_t *literal_offset;
} walog_teddy_plan;

typedef struct walog_teddy_match {
  uint32_t literal;
  uint32_t reserved;
  /* Offset of the literal's first byte in the data. */
  uint64_t start;
} walog_teddy_match;

/* The fastest engine this CPU runs. */
walog_teddy_engine walog_teddy_best_engine(void);

/* Whether this build and this CPU run `engine` (the scalar one always). */
int walog_teddy_engine_available(walog_teddy_engine engine);

/* Reports every occurrence of every literal starting at or after the fingerprint position
   `*cursor`, in ascending order of fingerprint position, into `out`; returns how many.
   Advances `*cursor`; the scan is complete when it equals `length`, otherwise call again
   after consuming `out`. An engine this CPU lacks falls back to the best one it has. */
size_t walog_teddy_scan(
  const walog_teddy_plan *plan, walog_teddy_engine engine, const uint8_t *data, size_t length,
  size_t *cursor, walog_teddy_match *out, size_t capacity);

#endif
