/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-image-reader"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "vs-image-reader.h"

/* 2D images (PNG, JPEG, whatever gdk-pixbuf reads) as one-slice float32 volumes of grey levels
 * (Rec. 601 luma of RGB; alpha ignored): voxel (x, y, 0) is the pixel in column x, row y, and the
 * affine is the identity, so world coordinates are pixel coordinates. */
VsVolume *
vs_image_read_grey (const char  *path,
                    GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &local);
  gint64 dims[4];
  VsVolume *volume;
  float *grey;
  const guint8 *pixels;
  int stride, channels;

  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a readable image (%s)",
                   display, local->message);
      return NULL;
    }
  dims[0] = gdk_pixbuf_get_width (pixbuf);
  dims[1] = gdk_pixbuf_get_height (pixbuf);
  dims[2] = 1;
  dims[3] = 1;
  volume = vs_volume_new (VS_DATATYPE_FLOAT32, dims, error);
  if (volume == NULL)
    return NULL;
  grey = vs_volume_get_data_mutable (volume);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  for (gint64 y = 0; y < dims[1]; y++)
    for (gint64 x = 0; x < dims[0]; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        grey[x + dims[0] * y] = (float) (0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]);
      }
  vs_volume_set_path (volume, path);
  return volume;
}

/* A picture as a one-slice volume the axial view shows upright: world y = (height − 1) − row;
 * the voxel indices stay pixel (column, row). */
VsVolume *
vs_image_read_upright (const char  *path,
                       GError     **error)
{
  g_autoptr(VsVolume) volume = vs_image_read_grey (path, error);
  double affine[16] = { 1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 };
  gint64 dims[4];

  if (volume == NULL)
    return NULL;
  vs_volume_get_dims (volume, dims);
  affine[7] = (double) (dims[1] - 1);
  if (!vs_volume_set_affine (volume, affine, error))
    return NULL;
  return g_steal_pointer (&volume);
}
