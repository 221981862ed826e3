/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-midplane"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-datatype.h"
#include "vs-midplane.h"
#include "vs-symmetry-search.h"

/* The mid-sagittal plane of a head or brain volume (frame 0), by the symmetry search, and what
 * follows from it: reflections, the angles to the image axes, the asymmetry map. */

static float *
frame_as_float (VsVolume *volume)
{
  gsize n = vs_volume_get_frame_voxels (volume);
  float *out = g_new (float, n);
  double slope, intercept;

  vs_volume_get_scaling (volume, &slope, &intercept);
  if (vs_volume_get_datatype (volume) == VS_DATATYPE_FLOAT32 && slope == 1 && intercept == 0)
    {
      memcpy (out, vs_volume_get_data (volume), n * sizeof (float));
      return out;
    }
  for (gsize i = 0; i < n; i++)
    out[i] = (float) (vs_datatype_read (vs_volume_get_datatype (volume), vs_volume_get_data (volume),
                                        i) * slope + intercept);
  return out;
}

/* Fills @plane from a normal (normalised here) and offset, with the angles to @volume's axes:
 * 0° when the plane is exactly one of the image's sagittal planes. */
void
vs_midplane_set (VsMidplane   *plane,
                 VsVolume     *volume,
                 const double  normal[3],
                 double        offset)
{
  double affine[16], len = sqrt (normal[0] * normal[0] + normal[1] * normal[1] +
                                 normal[2] * normal[2]);

  for (int a = 0; a < 3; a++)
    plane->normal[a] = normal[a] / len;
  plane->offset = offset / len;
  vs_volume_get_affine (volume, affine);
  for (int axis = 0; axis < 3; axis++)
    {
      double d[3] = { affine[axis], affine[4 + axis], affine[8 + axis] }, dot = 0, dl = 0;
      for (int a = 0; a < 3; a++)
        {
          dot += d[a] * plane->normal[a];
          dl += d[a] * d[a];
        }
      plane->angles[axis] = acos (MIN (fabs (dot) / sqrt (dl), 1.0)) * 180 / G_PI;
    }
}

gboolean
vs_midplane_estimate (VsVolume      *volume,
                      VsMidplane    *plane,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree float *data = frame_as_float (volume);
  VsSymmetryImage image = { data, { 0 }, { 0 }, FALSE, 30, NAN };
  VsSymmetryResult result;
  gint64 dims[4];

  vs_volume_get_dims (volume, dims);
  if (dims[0] < 8 || dims[1] < 8 || dims[2] < 8)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "a mid-sagittal plane needs a 3D volume of at least 8 voxels along each axis "
                   "(this one is %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT
                   "); for 2D images use per-slice midlines", dims[0], dims[1], dims[2]);
      return FALSE;
    }
  memcpy (image.dims, dims, sizeof image.dims);
  vs_volume_get_affine (volume, image.affine);
  if (!vs_symmetry_search (&image, &result, cancellable, error))
    return FALSE;
  vs_midplane_set (plane, volume, result.normal, result.offset);
  plane->score = result.score;
  return TRUE;
}

void
vs_midplane_reflect (const VsMidplane *plane,
                     const double      in[3],
                     double            out[3])
{
  double t = 2 * (plane->normal[0] * in[0] + plane->normal[1] * in[1] + plane->normal[2] * in[2] -
                  plane->offset);

  for (int a = 0; a < 3; a++)
    out[a] = in[a] - t * plane->normal[a];
}

/* Degrees between two planes' normals (orientation ignored). */
double
vs_midplane_angle_between (const VsMidplane *a,
                           const VsMidplane *b)
{
  double dot = fabs (a->normal[0] * b->normal[0] + a->normal[1] * b->normal[1] +
                     a->normal[2] * b->normal[2]);

  return acos (MIN (dot, 1.0)) * 180 / G_PI;
}

/* |I − I reflected| inside the head mask, divided by the mask's 99th percentile of I; 0 outside. */
VsVolume *
vs_midplane_asymmetry (VsVolume         *volume,
                       const VsMidplane *plane,
                       GError          **error)
{
  g_autofree float *data = frame_as_float (volume);
  gint64 dims[4];
  VsSymmetryImage image = { data, { 0 }, { 0 }, FALSE, 0, NAN };
  g_autofree guint8 *mask = NULL;
  g_autoptr(GArray) inside = g_array_new (FALSE, FALSE, sizeof (float));
  VsVolume *map = vs_volume_new_like (volume, VS_DATATYPE_FLOAT32, 1, error);
  float *out;
  double scale;

  if (map == NULL)
    return NULL;
  vs_volume_get_dims (volume, dims);
  memcpy (image.dims, dims, sizeof image.dims);
  vs_volume_get_affine (volume, image.affine);
  mask = vs_symmetry_mask (&image, NULL);
  for (gsize i = 0; i < vs_volume_get_frame_voxels (volume); i++)
    if (mask[i])
      g_array_append_val (inside, data[i]);
  if (inside->len == 0)
    return map;
  {
    /* The 99th percentile by a partial sort is not needed at this precision: a histogram. */
    float lo = INFINITY, hi = -INFINITY;
    guint64 hist[1024] = { 0 }, seen = 0;
    for (guint i = 0; i < inside->len; i++)
      {
        lo = MIN (lo, g_array_index (inside, float, i));
        hi = MAX (hi, g_array_index (inside, float, i));
      }
    for (guint i = 0; i < inside->len; i++)
      hist[hi > lo ? MIN ((int) ((g_array_index (inside, float, i) - lo) / (hi - lo) * 1024), 1023)
                   : 0]++;
    scale = hi;
    for (int b = 0; b < 1024; b++)
      if ((seen += hist[b]) >= 0.99 * inside->len)
        {
          scale = lo + (b + 1) * (hi - lo) / 1024;
          break;
        }
  }
  out = vs_volume_get_data_mutable (map);
  for (gint64 k = 0; k < dims[2]; k++)
    for (gint64 j = 0; j < dims[1]; j++)
      for (gint64 i = 0; i < dims[0]; i++)
        {
          gsize at = (gsize) (i + dims[0] * (j + dims[1] * k));
          double ijk[3] = { i, j, k }, xyz[3], mirrored[3], value;
          if (!mask[at])
            continue;
          vs_volume_voxel_to_world (volume, ijk, xyz);
          vs_midplane_reflect (plane, xyz, mirrored);
          if (!vs_volume_sample_trilinear (volume, mirrored, 0, &value))
            continue;
          out[at] = (float) (fabs (data[at] - value) / (scale > 0 ? scale : 1));
        }
  vs_volume_set_intent (map, VS_VOLUME_INTENT_STATISTIC);
  return map;
}

/* The head mask's threshold for the whole volume (Otsu), e.g. to judge its slices by. */
double
vs_midplane_head_threshold (VsVolume *volume)
{
  g_autofree float *data = frame_as_float (volume);
  VsSymmetryImage image = { data, { 0 }, { 0 }, FALSE, 0, NAN };
  g_autofree guint8 *mask = NULL;
  gint64 dims[4];
  float threshold;

  vs_volume_get_dims (volume, dims);
  memcpy (image.dims, dims, sizeof image.dims);
  mask = vs_symmetry_mask (&image, &threshold);
  return threshold;
}
