#ifndef WALOG_NEWLINES_H
#define WALOG_NEWLINES_H

#include <stddef.h>
#include <stdint.h>

#include "walog_teddy.h"

/* The number of '\n' bytes in data[0 ..< length]: AVX2 where the CPU has it, SSE2 otherwise
   on x86-64, NEON on AArch64, a plain loop elsewhere. */
size_t walog_count_newlines(const uint8_t *data, size_t length);

/* The same with a given engine (SSSE3 stands for the SSE2 code), for tests; an engine this
   CPU lacks falls back to the best one it has. */
size_t walog_count_newlines_with(walog_teddy_engine engine, const uint8_t *data, size_t length);

/* The index of the last '\n' in data[0 ..< length], or -1: memrchr where the C library has it
   (a block's end is checked for an open record by walking back a few dozen lines). */
ptrdiff_t walog_last_newline(const uint8_t *data, size_t length);

#endif
