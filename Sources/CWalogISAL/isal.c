/* See walog_isal.h. The header of ISA-L (Debian `libisal-dev`, Homebrew `isa-l`) gives the
 * state's layout at build time; the library itself is opened with dlopen, so that it stays
 * optional at run time. Without the header this file builds an inflater that is never
 * available, and walog reads gzip with zlib. */
#include "walog_isal.h"

#include <stdlib.h>

#if __has_include(<isa-l/igzip_lib.h>)
#include <dlfcn.h>
#include <pthread.h>
#include <isa-l/igzip_lib.h>

struct walog_isal_inflater {
  struct inflate_state state;
};

static void (*inflate_init)(struct inflate_state *);
static void (*inflate_reset)(struct inflate_state *);
static int (*inflate_run)(struct inflate_state *);
static int loaded;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* Debian and Ubuntu ship the library as libisal.so.2 (package libisal2), Homebrew as
 * libisal.2.dylib under its prefix. WALOG_ISAL=off leaves it unloaded (the tests run both). */
static void load(void) {
  const char *setting = getenv("WALOG_ISAL");
  if (setting != NULL && (setting[0] == '0' || setting[0] == 'o' || setting[0] == 'n')) return;
  static const char *names[] = {
    "libisal.so.2", "libisal.2.dylib", "/opt/homebrew/lib/libisal.2.dylib", "/usr/local/lib/libisal.2.dylib",
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    void *library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) continue;
    inflate_init = (void (*)(struct inflate_state *))dlsym(library, "isal_inflate_init");
    inflate_reset = (void (*)(struct inflate_state *))dlsym(library, "isal_inflate_reset");
    inflate_run = (int (*)(struct inflate_state *))dlsym(library, "isal_inflate");
    if (inflate_init != NULL && inflate_reset != NULL && inflate_run != NULL) {
      loaded = 1;
      return;
    }
    dlclose(library);
  }
}

int walog_isal_available(void) {
  pthread_once(&load_once, load);
  return loaded;
}

walog_isal_inflater *walog_isal_inflater_new(void) {
  if (!walog_isal_available()) return NULL;
  walog_isal_inflater *inflater = malloc(sizeof *inflater);
  if (inflater == NULL) return NULL;
  inflate_init(&inflater->state);
  inflater->state.crc_flag = ISAL_GZIP; /* header, CRC-32 and length checked by ISA-L */
  return inflater;
}

void walog_isal_inflater_free(walog_isal_inflater *inflater) { free(inflater); }

void walog_isal_inflater_next_member(walog_isal_inflater *inflater) {
  inflate_reset(&inflater->state);
  inflater->state.crc_flag = ISAL_GZIP;
}

int walog_isal_inflate(
  walog_isal_inflater *inflater, const uint8_t **input, size_t *input_left, uint8_t **output, size_t *output_left) {
  struct inflate_state *state = &inflater->state;
  /* ISA-L counts in 32 bits. */
  uint32_t in = *input_left > UINT32_MAX ? UINT32_MAX : (uint32_t)*input_left;
  uint32_t out = *output_left > UINT32_MAX ? UINT32_MAX : (uint32_t)*output_left;
  state->next_in = (uint8_t *)*input;
  state->avail_in = in;
  state->next_out = *output;
  state->avail_out = out;
  int result = inflate_run(state);
  /* ISA-L may hand back bits it held from an earlier call (at a member's end or on an error),
     leaving more input available than this call gave it: never count that as negative. */
  uint32_t used = state->avail_in <= in ? in - state->avail_in : in;
  uint32_t made = state->avail_out <= out ? out - state->avail_out : 0;
  *input += used;
  *input_left -= used;
  *output += made;
  *output_left -= made;
  if (result < 0) return result;
  return state->block_state == ISAL_BLOCK_FINISH ? WALOG_ISAL_MEMBER_END : WALOG_ISAL_OK;
}

const char *walog_isal_error(int result) {
  switch (result) {
  case ISAL_INVALID_BLOCK: return "invalid deflate block";
  case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
  case ISAL_INVALID_LOOKBACK: return "invalid distance too far back";
  case ISAL_INVALID_WRAPPER: return "invalid gzip header";
  case ISAL_UNSUPPORTED_METHOD: return "unknown compression method";
  case ISAL_INCORRECT_CHECKSUM: return "incorrect data check";
  default: return "ISA-L inflate error";
  }
}

#else

int walog_isal_available(void) { return 0; }
walog_isal_inflater *walog_isal_inflater_new(void) { return NULL; }
void walog_isal_inflater_free(walog_isal_inflater *inflater) { (void)inflater; }
void walog_isal_inflater_next_member(walog_isal_inflater *inflater) { (void)inflater; }
int walog_isal_inflate(
  walog_isal_inflater *inflater, const uint8_t **input, size_t *input_left, uint8_t **output, size_t *output_left) {
  (void)inflater, (void)input, (void)input_left, (void)output, (void)output_left;
  return -1;
}
const char *walog_isal_error(int result) { (void)result; return "ISA-L is not available"; }

#endif
