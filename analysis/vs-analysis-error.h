/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VS_ANALYSIS_ERROR (vs_analysis_error_quark ())

typedef enum {
  VS_ANALYSIS_ERROR_NOT_SUPPORTED,   /* a file we do not understand */
  VS_ANALYSIS_ERROR_CORRUPT,         /* a file that says one thing and holds another */
  VS_ANALYSIS_ERROR_TRUNCATED,       /* the data ends before the header says it does */
  VS_ANALYSIS_ERROR_TOO_LARGE,       /* sizes overflow or exceed the memory we have */
  VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
  VS_ANALYSIS_ERROR_IO,
} VsAnalysisError;

GQuark vs_analysis_error_quark (void);

G_END_DECLS
