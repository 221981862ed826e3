/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-slice"

#include "config.h"

#include "vs-surface-slice.h"

/* Where a surface crosses a plane (normal · p = offset): line segments, six doubles each (two
 * world points), for drawing the surface's outline on a slice. */
GArray *
vs_surface_intersect_plane (VsSurface    *surface,
                            guint         geometry,
                            const double  normal[3],
                            double        offset)
{
  const float *p = vs_surface_get_positions (surface, geometry);
  const guint32 *t = vs_surface_get_triangles (surface);
  guint n = vs_surface_get_n_triangles (surface);
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    {
      double d[3], points[6];
      int found = 0;

      for (int k = 0; k < 3; k++)
        {
          const float *v = p + 3 * t[3 * i + k];
          d[k] = normal[0] * v[0] + normal[1] * v[1] + normal[2] * v[2] - offset;
          /* A vertex exactly on the plane counts as just above it; otherwise triangles touching
           * the plane at a vertex give zero-length segments and the outline breaks up. */
          if (d[k] == 0.0)
            d[k] = 1e-9;
        }
      if ((d[0] > 0 && d[1] > 0 && d[2] > 0) || (d[0] <= 0 && d[1] <= 0 && d[2] <= 0))
        continue;
      for (int k = 0; k < 3 && found < 2; k++)
        {
          int l = (k + 1) % 3;
          if ((d[k] > 0) != (d[l] > 0))
            {
              const float *a = p + 3 * t[3 * i + k], *b = p + 3 * t[3 * i + l];
              double s = d[k] / (d[k] - d[l]);
              for (int c = 0; c < 3; c++)
                points[3 * found + c] = a[c] + s * (b[c] - a[c]);
              found++;
            }
        }
      if (found == 2)
        g_array_append_vals (segments, points, 6);
    }
  return segments;
}
