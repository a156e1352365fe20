#ifndef CWALOGYAML_SHIM_H
#define CWALOGYAML_SHIM_H
/* libyaml's parser; the library is linked by WalogCore's linker settings (Package.swift). */
#include <yaml.h>
#endif
