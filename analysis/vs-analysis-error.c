/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-analysis-error"

#include "config.h"

#include "vs-analysis-error.h"

G_DEFINE_QUARK (vs-analysis-error-quark, vs_analysis_error)
