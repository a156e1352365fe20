/* The module's umbrella header: every kernel the Swift code calls. */
#include "walog_blanks.h"
#include "walog_newlines.h"
#include "walog_teddy.h"
