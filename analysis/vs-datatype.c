/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-datatype"

#include "config.h"

#include <math.h>

#include "vs-datatype.h"

/* NIfTI datatype codes, spelled out here so this file needs no nifti header. */
enum {
  NIFTI_UINT8 = 2, NIFTI_INT16 = 4, NIFTI_INT32 = 8, NIFTI_FLOAT32 = 16, NIFTI_FLOAT64 = 64,
  NIFTI_RGB24 = 128, NIFTI_INT8 = 256, NIFTI_UINT16 = 512, NIFTI_UINT32 = 768,
  NIFTI_INT64 = 1024, NIFTI_UINT64 = 1280,
};

static const struct {
  VsDatatype  type;
  int         nifti_code;
  gsize       size;
  const char *name;
  gboolean    integer;
} datatypes[] = {
  { VS_DATATYPE_UINT8,   NIFTI_UINT8,   1, "uint8",   TRUE },
  { VS_DATATYPE_INT8,    NIFTI_INT8,    1, "int8",    TRUE },
  { VS_DATATYPE_UINT16,  NIFTI_UINT16,  2, "uint16",  TRUE },
  { VS_DATATYPE_INT16,   NIFTI_INT16,   2, "int16",   TRUE },
  { VS_DATATYPE_UINT32,  NIFTI_UINT32,  4, "uint32",  TRUE },
  { VS_DATATYPE_INT32,   NIFTI_INT32,   4, "int32",   TRUE },
  { VS_DATATYPE_UINT64,  NIFTI_UINT64,  8, "uint64",  TRUE },
  { VS_DATATYPE_INT64,   NIFTI_INT64,   8, "int64",   TRUE },
  { VS_DATATYPE_FLOAT32, NIFTI_FLOAT32, 4, "float32", FALSE },
  { VS_DATATYPE_FLOAT64, NIFTI_FLOAT64, 8, "float64", FALSE },
  { VS_DATATYPE_RGB24,   NIFTI_RGB24,   3, "rgb24",   FALSE },
};

gsize
vs_datatype_get_size (VsDatatype type)
{
  g_return_val_if_fail (type <= VS_DATATYPE_RGB24, 0);
  return datatypes[type].size;
}

const char *
vs_datatype_get_name (VsDatatype type)
{
  g_return_val_if_fail (type <= VS_DATATYPE_RGB24, NULL);
  return datatypes[type].name;
}

gboolean
vs_datatype_is_integer (VsDatatype type)
{
  g_return_val_if_fail (type <= VS_DATATYPE_RGB24, FALSE);
  return datatypes[type].integer;
}

/* The NumPy type string (.npy "descr", Zarr "dtype"), little-endian; NULL for RGB. */
const char *
vs_datatype_get_numpy_descr (VsDatatype type)
{
  switch (type)
    {
    case VS_DATATYPE_UINT8: return "|u1";
    case VS_DATATYPE_INT8: return "|i1";
    case VS_DATATYPE_UINT16: return "<u2";
    case VS_DATATYPE_INT16: return "<i2";
    case VS_DATATYPE_UINT32: return "<u4";
    case VS_DATATYPE_INT32: return "<i4";
    case VS_DATATYPE_UINT64: return "<u8";
    case VS_DATATYPE_INT64: return "<i8";
    case VS_DATATYPE_FLOAT32: return "<f4";
    case VS_DATATYPE_FLOAT64: return "<f8";
    default: return NULL;
    }
}

gboolean
vs_datatype_from_nifti (int         nifti_code,
                        VsDatatype *out_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (datatypes); i++)
    if (datatypes[i].nifti_code == nifti_code)
      {
        *out_type = datatypes[i].type;
        return TRUE;
      }
  return FALSE;
}

/* The raw (unscaled) value of element @index; RGB24 reads as luminance. */
double
vs_datatype_read (VsDatatype    type,
                  gconstpointer data,
                  gsize         index)
{
  switch (type)
    {
    case VS_DATATYPE_UINT8:   return ((const guint8 *) data)[index];
    case VS_DATATYPE_INT8:    return ((const gint8 *) data)[index];
    case VS_DATATYPE_UINT16:  return ((const guint16 *) data)[index];
    case VS_DATATYPE_INT16:   return ((const gint16 *) data)[index];
    case VS_DATATYPE_UINT32:  return ((const guint32 *) data)[index];
    case VS_DATATYPE_INT32:   return ((const gint32 *) data)[index];
    case VS_DATATYPE_UINT64:  return (double) ((const guint64 *) data)[index];
    case VS_DATATYPE_INT64:   return (double) ((const gint64 *) data)[index];
    case VS_DATATYPE_FLOAT32: return ((const float *) data)[index];
    case VS_DATATYPE_FLOAT64: return ((const double *) data)[index];
    case VS_DATATYPE_RGB24:
      {
        const guint8 *p = (const guint8 *) data + 3 * index;
        return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
      }
    default:
      g_assert_not_reached ();
    }
}

/* Stores @value at @index, rounded and clamped to the type's range for integers (NaN → 0). */
void
vs_datatype_write (VsDatatype type,
                   gpointer   data,
                   gsize      index,
                   double     value)
{
#define CLAMPED(lo, hi) (isnan (value) ? 0 : value < (lo) ? (lo) : value > (hi) ? (hi) : round (value))
  switch (type)
    {
    case VS_DATATYPE_UINT8:   ((guint8 *) data)[index] = (guint8) CLAMPED (0, G_MAXUINT8); break;
    case VS_DATATYPE_INT8:    ((gint8 *) data)[index] = (gint8) CLAMPED (G_MININT8, G_MAXINT8); break;
    case VS_DATATYPE_UINT16:  ((guint16 *) data)[index] = (guint16) CLAMPED (0, G_MAXUINT16); break;
    case VS_DATATYPE_INT16:   ((gint16 *) data)[index] = (gint16) CLAMPED (G_MININT16, G_MAXINT16); break;
    case VS_DATATYPE_UINT32:  ((guint32 *) data)[index] = (guint32) CLAMPED (0, G_MAXUINT32); break;
    case VS_DATATYPE_INT32:   ((gint32 *) data)[index] = (gint32) CLAMPED (G_MININT32, G_MAXINT32); break;
    case VS_DATATYPE_UINT64:  ((guint64 *) data)[index] = (guint64) CLAMPED (0, 1.8446744073709550e19); break;
    case VS_DATATYPE_INT64:   ((gint64 *) data)[index] = (gint64) CLAMPED (-9.2233720368547758e18, 9.2233720368547748e18); break;
    case VS_DATATYPE_FLOAT32: ((float *) data)[index] = (float) value; break;
    case VS_DATATYPE_FLOAT64: ((double *) data)[index] = value; break;
    case VS_DATATYPE_RGB24:
      {
        guint8 *p = (guint8 *) data + 3 * index;
        p[0] = p[1] = p[2] = (guint8) CLAMPED (0, 255);
        break;
      }
    default:
      g_assert_not_reached ();
    }
#undef CLAMPED
}
