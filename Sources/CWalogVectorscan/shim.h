#ifndef CWALOGVECTORSCAN_SHIM_H
#define CWALOGVECTORSCAN_SHIM_H
/* Vectorscan (Debian libvectorscan-dev), the portable Hyperscan: the prefilter's literal engine. */
#include <hs/hs.h>
#endif
