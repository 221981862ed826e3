/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Voxel types kept natively in memory. */
typedef enum {
  VS_DATATYPE_UINT8,
  VS_DATATYPE_INT8,
  VS_DATATYPE_UINT16,
  VS_DATATYPE_INT16,
  VS_DATATYPE_UINT32,
  VS_DATATYPE_INT32,
  VS_DATATYPE_UINT64,
  VS_DATATYPE_INT64,
  VS_DATATYPE_FLOAT32,
  VS_DATATYPE_FLOAT64,
  VS_DATATYPE_RGB24,
} VsDatatype;

gsize       vs_datatype_get_size       (VsDatatype type);
const char *vs_datatype_get_name       (VsDatatype type);
gboolean    vs_datatype_is_integer     (VsDatatype type);
const char *vs_datatype_get_numpy_descr (VsDatatype type);
double      vs_datatype_read           (VsDatatype    type,
                                        gconstpointer data,
                                        gsize         index);
void        vs_datatype_write          (VsDatatype    type,
                                        gpointer      data,
                                        gsize         index,
                                        double        value);
gboolean    vs_datatype_from_nifti     (int           nifti_code,
                                        VsDatatype   *out_type);

G_END_DECLS
