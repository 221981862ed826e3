/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A dense row-major float64 matrix: what BLAS and LAPACK calls take. */
typedef struct {
  gsize   rows;
  gsize   cols;
  double *data;
} VsMatrix;

VsMatrix *vs_matrix_new       (gsize        rows,
                               gsize        cols,
                               GError     **error);
void      vs_matrix_free      (VsMatrix    *matrix);
VsMatrix *vs_matrix_copy      (const VsMatrix *matrix);
VsMatrix *vs_matrix_take_rows (const VsMatrix *matrix,
                               const gsize *rows,
                               gsize        n_rows);

static inline double *
vs_matrix_row (const VsMatrix *matrix, gsize row)
{
  return matrix->data + row * matrix->cols;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsMatrix, vs_matrix_free)

G_END_DECLS
