#ifndef CWALOGARCHIVE_SHIM_H
#define CWALOGARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#endif
