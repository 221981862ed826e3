/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-matrix"

#include "config.h"

#include <string.h>

#include "vs-analysis-error.h"
#include "vs-matrix.h"
#include "vs-system-memory.h"

VsMatrix *
vs_matrix_new (gsize    rows,
               gsize    cols,
               GError **error)
{
  VsMatrix *matrix;
  gsize n, bytes;
  guint64 available = vs_system_memory_available ();

  if (!g_size_checked_mul (&n, rows, cols) || !g_size_checked_mul (&bytes, n, sizeof (double)) ||
      (available > 0 && bytes > available))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "a %" G_GSIZE_FORMAT "×%" G_GSIZE_FORMAT " matrix does not fit in memory",
                   rows, cols);
      return NULL;
    }
  matrix = g_new0 (VsMatrix, 1);
  matrix->rows = rows;
  matrix->cols = cols;
  matrix->data = g_try_malloc0 (MAX (bytes, 1));
  if (matrix->data == NULL)
    {
      g_free (matrix);
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "could not allocate a %" G_GSIZE_FORMAT "×%" G_GSIZE_FORMAT " matrix",
                   rows, cols);
      return NULL;
    }
  return matrix;
}

void
vs_matrix_free (VsMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_free (matrix->data);
  g_free (matrix);
}

VsMatrix *
vs_matrix_copy (const VsMatrix *matrix)
{
  VsMatrix *copy = vs_matrix_new (matrix->rows, matrix->cols, NULL);

  g_assert (copy != NULL);
  memcpy (copy->data, matrix->data, matrix->rows * matrix->cols * sizeof (double));
  return copy;
}

/* The rows listed, in that order. */
VsMatrix *
vs_matrix_take_rows (const VsMatrix *matrix,
                     const gsize    *rows,
                     gsize           n_rows)
{
  VsMatrix *out = vs_matrix_new (n_rows, matrix->cols, NULL);

  g_assert (out != NULL);
  for (gsize r = 0; r < n_rows; r++)
    {
      g_assert (rows[r] < matrix->rows);
      memcpy (vs_matrix_row (out, r), vs_matrix_row (matrix, rows[r]),
              matrix->cols * sizeof (double));
    }
  return out;
}
