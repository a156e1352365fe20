/* gzip through ISA-L's inflate (Intel's Intelligent Storage Acceleration Library), loaded at run
 * time: the binary runs where ISA-L is not installed, and walog falls back to zlib there.
 *
 * One inflater decodes gzip members one after the other; the caller hands it input and output
 * space and reads back how much of each was used. Every call is safe without ISA-L: the
 * constructor then returns NULL. */
#ifndef WALOG_ISAL_H
#define WALOG_ISAL_H
#include <stddef.h>
#include <stdint.h>

typedef struct walog_isal_inflater walog_isal_inflater;

/* Outcome of one walog_isal_inflate call. */
enum {
  WALOG_ISAL_OK = 0,          /* progress, or waiting for more input */
  WALOG_ISAL_MEMBER_END = 1,  /* a member ended, its trailer checked; more may follow */
};
/* Negative results are ISA-L's errors (ISAL_INVALID_BLOCK …); walog_isal_error names them. */

/* Whether ISA-L's inflate could be loaded (once per process; thread-safe). */
int walog_isal_available(void);

/* A new inflater at the start of a gzip member, or NULL without ISA-L or memory. */
walog_isal_inflater *walog_isal_inflater_new(void);
void walog_isal_inflater_free(walog_isal_inflater *inflater);

/* Starts the next member (after WALOG_ISAL_MEMBER_END). */
void walog_isal_inflater_next_member(walog_isal_inflater *inflater);

/* Decodes from `*input` (`*input_left` bytes) into `*output` (`*output_left` bytes), moving
 * both pointers and counts on by what was used. */
int walog_isal_inflate(
  walog_isal_inflater *inflater, const uint8_t **input, size_t *input_left, uint8_t **output, size_t *output_left);

/* A short English description of a negative result. */
const char *walog_isal_error(int result);
#endif
