/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-texel-format"

#include "config.h"

#include <string.h>

#include "vs-texel-format.h"

/* Converts one frame to float32 when no GL format holds the native type. */
static float *
frame_as_float (VsVolume *volume, gconstpointer frame_data, gsize n)
{
  VsDatatype type = vs_volume_get_datatype (volume);
  float *out = g_try_new (float, n);

  if (out == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    out[i] = (float) vs_datatype_read (type, frame_data, i);
  return out;
}

static guint32 *
frame_as_labels (VsVolume *volume, gconstpointer frame_data, gsize n)
{
  VsDatatype type = vs_volume_get_datatype (volume);
  guint32 *out = g_try_new (guint32, n);

  if (out == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    {
      double v = vs_datatype_read (type, frame_data, i);
      out[i] = v > 0 && v < 4294967295.0 ? (guint32) v : 0;
    }
  return out;
}

static void
set (VsTexelFormat *out, GLint internal, GLenum format, GLenum type, gsize bytes, double norm)
{
  *out = (VsTexelFormat) { internal, format, type, bytes, norm };
}

/* The texels of @frame of @volume as @kind: the volume's own memory when a GL format holds its
 * type (8 and 16 bits stay 8 and 16 bits on the GPU), else a copy in *@converted (freed by the
 * caller).  NULL when there is no memory for the copy. */
gconstpointer
vs_texel_format_prepare (VsVolume      *volume,
                         gint64         frame,
                         VsTexelKind    kind,
                         VsTexelFormat *out,
                         gpointer      *converted)
{
  VsDatatype type = vs_volume_get_datatype (volume);
  gsize n = vs_volume_get_frame_voxels (volume);
  gconstpointer data = vs_volume_get_frame_data (volume, CLAMP (frame, 0,
                                                                vs_volume_get_n_frames (volume) - 1));

  *converted = NULL;
  if (kind == VS_TEXELS_LABEL)
    {
      if (type == VS_DATATYPE_UINT8)
        set (out, GL_R8UI, GL_RED_INTEGER, GL_UNSIGNED_BYTE, 1, 1);
      else if (type == VS_DATATYPE_UINT16)
        set (out, GL_R16UI, GL_RED_INTEGER, GL_UNSIGNED_SHORT, 2, 1);
      else
        {
          set (out, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, 4, 1);
          if (type != VS_DATATYPE_UINT32)
            data = *converted = frame_as_labels (volume, data, n);
        }
      return data;
    }
  if (kind == VS_TEXELS_RGB)
    {
      set (out, GL_RGB8, GL_RGB, GL_UNSIGNED_BYTE, 3, 1);
      return data;
    }
  switch (type)
    {
    case VS_DATATYPE_UINT8:
      set (out, GL_R8, GL_RED, GL_UNSIGNED_BYTE, 1, 255.0);
      return data;
    case VS_DATATYPE_UINT16:
      set (out, GL_R16, GL_RED, GL_UNSIGNED_SHORT, 2, 65535.0);
      return data;
    case VS_DATATYPE_INT16:
      set (out, GL_R16_SNORM, GL_RED, GL_SHORT, 2, 32767.0);
      return data;
    case VS_DATATYPE_FLOAT32:
      set (out, GL_R32F, GL_RED, GL_FLOAT, 4, 1);
      return data;
    default:
      set (out, GL_R32F, GL_RED, GL_FLOAT, 4, 1);
      return *converted = frame_as_float (volume, data, n);
    }
}

/* The ids of the box @lo…@hi (inclusive) of @frame of a label volume, x fastest, in the texel
 * format vs_texel_format_prepare gives it (so an edit can be uploaded alone). */
gpointer
vs_texel_format_extract_label_box (VsVolume     *volume,
                                   gint64        frame,
                                   const gint64  lo[3],
                                   const gint64  hi[3])
{
  VsDatatype type = vs_volume_get_datatype (volume);
  gconstpointer data = vs_volume_get_frame_data (volume, frame);
  gint64 dims[4], bw = hi[0] - lo[0] + 1, bh = hi[1] - lo[1] + 1, bd = hi[2] - lo[2] + 1;
  gsize size = type == VS_DATATYPE_UINT8 ? 1 : type == VS_DATATYPE_UINT16 ? 2 : 4;
  guint8 *box = g_malloc ((gsize) (bw * bh * bd) * size);

  vs_volume_get_dims (volume, dims);
  for (gint64 z = 0; z < bd; z++)
    for (gint64 y = 0; y < bh; y++)
      {
        gsize from = (gsize) (((lo[2] + z) * dims[1] + lo[1] + y) * dims[0] + lo[0]);
        guint8 *to = box + (gsize) ((z * bh + y) * bw) * size;
        if (type == VS_DATATYPE_UINT8 || type == VS_DATATYPE_UINT16 || type == VS_DATATYPE_UINT32)
          memcpy (to, (const guint8 *) data + from * size, (gsize) bw * size);
        else
          for (gint64 x = 0; x < bw; x++)
            {
              double v = vs_datatype_read (type, data, from + (gsize) x);
              ((guint32 *) to)[x] = v > 0 && v < 4294967295.0 ? (guint32) v : 0;
            }
      }
  return box;
}
