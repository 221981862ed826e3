/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-colors"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vs-surface-colors.h"

/* Per-vertex colours, composited on the CPU: curvature shading underneath (gyri light, sulci
 * dark, as FreeSurfer's sign convention has it), then each overlay in order with its colormap,
 * range, threshold and opacity.  NaN means no data and leaves what is below. */

static int
compare_floats (const void *a, const void *b)
{
  float x = *(const float *) a, y = *(const float *) b;
  return x < y ? -1 : x > y;
}

/* Defaults a person expects: label colours for parcellations, else hot over the robust 2–98 %
 * range of the finite values. */
void
vs_surface_overlay_init_for (VsSurfaceOverlay *overlay,
                             VsVertexData     *data)
{
  guint n = vs_vertex_data_get_n_vertices (data);
  const float *values = vs_vertex_data_get_column (data, 0);
  g_autofree float *sorted = g_new (float, MAX (n, 1));
  guint m = 0;

  memset (overlay, 0, sizeof *overlay);
  overlay->data = data;
  overlay->opacity = 1.0;
  if (vs_vertex_data_is_label (data))
    {
      overlay->colormap = VS_COLORMAP_LABELS;
      return;
    }
  overlay->colormap = VS_COLORMAP_HOT;
  for (guint v = 0; v < n; v++)
    if (isfinite (values[v]))
      sorted[m++] = values[v];
  if (m == 0)
    {
      overlay->max = 1;
      return;
    }
  qsort (sorted, m, sizeof (float), compare_floats);
  overlay->min = sorted[(gsize) (0.02 * (m - 1))];
  overlay->max = sorted[(gsize) (0.98 * (m - 1))];
  if (overlay->max <= overlay->min)
    {
      overlay->min = sorted[0];
      overlay->max = sorted[m - 1] > sorted[0] ? sorted[m - 1] : sorted[0] + 1;
    }
}

static gboolean *
label_borders (VsSurface *surface, const float *labels)
{
  guint n = vs_surface_get_n_vertices (surface), nt = vs_surface_get_n_triangles (surface);
  const guint32 *t = vs_surface_get_triangles (surface);
  gboolean *border = g_new0 (gboolean, n);

  for (guint i = 0; i < nt; i++)
    {
      guint32 a = t[3 * i], b = t[3 * i + 1], c = t[3 * i + 2];
      if (labels[a] != labels[b] || labels[b] != labels[c] || labels[a] != labels[c])
        border[a] = border[b] = border[c] = TRUE;
    }
  return border;
}

void
vs_surface_colors_compute (VsSurface              *surface,
                           VsVertexData           *curvature,
                           const VsSurfaceOverlay *overlays,
                           guint                   n_overlays,
                           guint8                 *rgba)
{
  guint n = vs_surface_get_n_vertices (surface);
  g_autofree double *rgb = g_new (double, (gsize) n * 3);

  for (guint v = 0; v < n; v++)
    {
      double grey = 0.72;
      if (curvature != NULL)
        grey = vs_vertex_data_get_column (curvature, 0)[v] > 0 ? 0.42 : 0.72;
      rgb[3 * v] = rgb[3 * v + 1] = rgb[3 * v + 2] = grey;
    }

  for (guint o = 0; o < n_overlays; o++)
    {
      const VsSurfaceOverlay *overlay = &overlays[o];
      const float *values = vs_vertex_data_get_column (overlay->data, overlay->column);
      VsLabelTable *table = vs_vertex_data_get_label_table (overlay->data);
      g_autofree gboolean *border = NULL;

      if (vs_vertex_data_get_n_vertices (overlay->data) != n || overlay->opacity <= 0)
        continue;
      if (table != NULL && overlay->border_only)
        border = label_borders (surface, values);
      for (guint v = 0; v < n; v++)
        {
          double value = values[v], color[3];
          if (!isfinite (value))
            continue;
          if (table != NULL)
            {
              const VsLabel *label;
              guint8 palette[4];
              if (value <= 0 || (border != NULL && !border[v]))
                continue;
              label = vs_label_table_lookup (table, (guint32) value);
              if (label == NULL)
                vs_label_palette_color ((guint32) value, palette);
              else if (label->rgba[3] == 0)
                continue;
              for (int c = 0; c < 3; c++)
                color[c] = (label != NULL ? label->rgba[c] : palette[c]) / 255.0;
            }
          else
            {
              double t;
              if (fabs (value) < overlay->threshold)
                continue;
              t = overlay->max > overlay->min ? (value - overlay->min) / (overlay->max - overlay->min)
                                              : value >= overlay->max;
              vs_colormap_eval (overlay->colormap, t, color);
            }
          for (int c = 0; c < 3; c++)
            rgb[3 * v + c] = (1 - overlay->opacity) * rgb[3 * v + c] + overlay->opacity * color[c];
        }
    }
  for (guint v = 0; v < n; v++)
    {
      for (int c = 0; c < 3; c++)
        rgba[4 * v + c] = (guint8) lround (CLAMP (rgb[3 * v + c], 0.0, 1.0) * 255);
      rgba[4 * v + 3] = 255;
    }
}
