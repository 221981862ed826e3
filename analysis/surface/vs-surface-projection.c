/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-projection"

#include "config.h"

#include <math.h>

#include "vs-analysis-error.h"
#include "vs-surface-projection.h"

/* A volume seen from the cortex: each vertex takes the volume's value at its position (nearest or
 * trilinear), or the mean or maximum over points from the white to the pial surface, so a map
 * sampled only at mid-thickness does not miss what lies deeper or shallower.  Vertices outside the
 * volume get NaN, which draws as "no data". */

void
vs_projection_options_init (VsProjectionOptions *options)
{
  options->sampling = VS_PROJECTION_TRILINEAR;
  options->geometry = 0;
  options->outer_geometry = -1;
  options->n_depths = 5;
  options->reduce = VS_PROJECTION_DEPTH_MEAN;
  options->frame = 0;
}

static gboolean
sample (VsVolume *volume, const VsProjectionOptions *options, const double xyz[3], double *value)
{
  if (options->sampling == VS_PROJECTION_NEAREST)
    return vs_volume_sample_world (volume, xyz, options->frame, value, NULL);
  return vs_volume_sample_trilinear (volume, xyz, options->frame, value);
}

VsVertexData *
vs_surface_project_volume (VsSurface                 *surface,
                           VsVolume                  *volume,
                           const VsProjectionOptions *options,
                           VsProgress                *progress,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  g_autoptr(VsVertexData) data = NULL;
  g_autofree char *name = NULL;
  guint n = vs_surface_get_n_vertices (surface);
  guint n_geometries = vs_surface_get_n_geometries (surface);
  const float *inner, *outer = NULL;
  guint depths;
  float *out;

  g_return_val_if_fail (VS_IS_SURFACE (surface), NULL);
  g_return_val_if_fail (VS_IS_VOLUME (volume), NULL);

  if (options->geometry < 0 || (guint) options->geometry >= n_geometries ||
      (options->outer_geometry >= 0 && (guint) options->outer_geometry >= n_geometries))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the surface has %u geometries; geometry %d does not exist", n_geometries,
                   (guint) options->geometry >= n_geometries ? options->geometry
                                                             : options->outer_geometry);
      return NULL;
    }
  inner = vs_surface_get_positions (surface, options->geometry);
  if (options->outer_geometry >= 0)
    outer = vs_surface_get_positions (surface, options->outer_geometry);
  depths = outer != NULL ? MAX (options->n_depths, 2) : 1;

  name = vs_volume_dup_display_name (volume);
  data = vs_vertex_data_new (name, n, 1);
  out = vs_vertex_data_get_column (data, 0);
  if (vs_volume_get_label_table (volume) != NULL)
    vs_vertex_data_set_label_table (data, vs_volume_get_label_table (volume));

  for (guint v = 0; v < n; v++)
    {
      double acc = options->reduce == VS_PROJECTION_DEPTH_MAX ? -INFINITY : 0;
      guint got = 0;

      if ((v & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          vs_progress_update (progress, (double) v / n);
        }
      for (guint d = 0; d < depths; d++)
        {
          double t = depths > 1 ? (double) d / (depths - 1) : 0, xyz[3], value;
          for (int a = 0; a < 3; a++)
            xyz[a] = inner[3 * v + a] + (outer != NULL ? t * (outer[3 * v + a] - inner[3 * v + a])
                                                       : 0);
          if (!sample (volume, options, xyz, &value) || !isfinite (value))
            continue;
          if (options->reduce == VS_PROJECTION_DEPTH_MAX)
            acc = MAX (acc, value);
          else
            acc += value;
          got++;
        }
      out[v] = got == 0 ? NAN : (float) (options->reduce == VS_PROJECTION_DEPTH_MAX ? acc
                                                                                   : acc / got);
    }
  vs_progress_update (progress, 1.0);
  return g_steal_pointer (&data);
}
