#ifndef WALOG_BLANKS_H
#define WALOG_BLANKS_H

#include <stddef.h>
#include <stdint.h>

/* The index of the first space in data[from ..< length] that is followed by a space or a
   tab (where a trailing note may begin, TrailingNote.swift), or `length` when there is none.
   SSE2 on x86-64, a plain loop elsewhere. */
size_t walog_find_blank_pair(const uint8_t *data, size_t length, size_t from);

#endif
