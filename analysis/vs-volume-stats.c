/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-volume-stats"

#include "config.h"

#include <math.h>

#include "vs-volume-stats.h"

/* Two passes: the range, then a fine histogram (4096 bins) from which the percentiles are read
 * to within 1/4096 of the range; the coarse histogram for display is folded from the fine one. */

#define FINE_BINS 4096
#define CHUNK (1 << 20)

void
vs_volume_stats_free (VsVolumeStats *stats)
{
  g_free (stats);
}

static double
percentile_from_histogram (const guint64 *bins,
                           guint64        total,
                           double         lo,
                           double         hi,
                           double         fraction)
{
  guint64 target = (guint64) ceil (fraction * (double) total);
  guint64 cumulative = 0;
  double width = (hi - lo) / FINE_BINS;

  if (total == 0)
    return lo;
  target = MAX (target, 1);
  for (guint b = 0; b < FINE_BINS; b++)
    {
      if (cumulative + bins[b] >= target)
        {
          double inside = bins[b] > 0 ? (double) (target - cumulative) / (double) bins[b] : 0.0;
          return lo + width * (b + inside);
        }
      cumulative += bins[b];
    }
  return hi;
}

/* 8- and 16-bit integers: one pass counting every raw value, from which range and percentiles
 * are exact.  Most anatomical and label volumes are stored this way. */
static gboolean
compute_small_integer (VsVolume      *volume,
                       gconstpointer  data,
                       gsize          n,
                       VsVolumeStats *stats,
                       VsProgress    *progress,
                       GCancellable  *cancellable,
                       GError       **error)
{
  VsDatatype type = vs_volume_get_datatype (volume);
  g_autofree guint64 *counts = g_new0 (guint64, 65536);
  int offset = type == VS_DATATYPE_INT8 ? 128 : type == VS_DATATYPE_INT16 ? 32768 : 0;
  int first = -1, last = -1;
  double slope, intercept;
  guint64 zero_count, cumulative = 0;

  for (gsize start = 0; start < n; start += CHUNK)
    {
      gsize end = MIN (n, start + CHUNK);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      switch (type)
        {
        case VS_DATATYPE_UINT8:
          for (gsize i = start; i < end; i++)
            counts[((const guint8 *) data)[i]]++;
          break;
        case VS_DATATYPE_INT8:
          for (gsize i = start; i < end; i++)
            counts[((const gint8 *) data)[i] + 128]++;
          break;
        case VS_DATATYPE_UINT16:
          for (gsize i = start; i < end; i++)
            counts[((const guint16 *) data)[i]]++;
          break;
        default:
          for (gsize i = start; i < end; i++)
            counts[((const gint16 *) data)[i] + 32768]++;
          break;
        }
      vs_progress_update (progress, (double) end / n);
    }

  vs_volume_get_scaling (volume, &slope, &intercept);
  for (int v = 0; v < 65536; v++)
    if (counts[v] > 0)
      {
        if (first < 0)
          first = v;
        last = v;
      }
  stats->n_finite = n;
  /* "Zero" means a real value of 0, as in the general path. */
  zero_count = 0;
  for (int v = first; v <= last; v++)
    if ((v - offset) * slope + intercept == 0.0)
      zero_count += counts[v];
  stats->n_nonzero = n - zero_count;
  {
    double a = (first - offset) * slope + intercept, b = (last - offset) * slope + intercept;
    stats->min = MIN (a, b);
    stats->max = MAX (a, b);
  }
  for (int v = first; v <= last; v++)
    {
      double real = (v - offset) * slope + intercept;
      guint b = stats->max > stats->min ?
                (guint) MIN ((real - stats->min) / (stats->max - stats->min) *
                             VS_VOLUME_STATS_BINS, VS_VOLUME_STATS_BINS - 1) : 0;
      stats->histogram[b] += counts[v];
    }

  if (stats->n_nonzero == 0)
    {
      stats->robust_min = stats->median = stats->min;
      stats->robust_max = stats->bright = stats->max;
      return TRUE;
    }
  /* Percentiles of the non-zero voxels, walking raw values in order of real value. */
  {
    const double fractions[4] = { 0.02, 0.5, 0.98, 0.999 };
    double *outs[4] = { &stats->robust_min, &stats->median, &stats->robust_max, &stats->bright };
    guint next = 0;
    for (int k = 0; k <= last - first && next < 4; k++)
      {
        int v = slope >= 0 ? first + k : last - k;
        double real = (v - offset) * slope + intercept;
        if (real == 0.0)
          continue;
        cumulative += counts[v];
        while (next < 4 && cumulative >= MAX ((guint64) ceil (fractions[next] * stats->n_nonzero), 1))
          *outs[next++] = real;
      }
  }
  if (stats->robust_max <= stats->robust_min)
    {
      stats->robust_min = stats->min;
      stats->robust_max = stats->max;
    }
  return TRUE;
}

VsVolumeStats *
vs_volume_stats_compute (VsVolume      *volume,
                         gint64         frame,
                         VsProgress    *progress,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(VsVolumeStats) stats = g_new0 (VsVolumeStats, 1);
  g_autofree guint64 *fine = g_new0 (guint64, FINE_BINS);
  g_autofree guint64 *fine_nonzero = g_new0 (guint64, FINE_BINS);
  VsDatatype type;
  gconstpointer data;
  gsize n;
  double slope, intercept, scale;

  g_return_val_if_fail (VS_IS_VOLUME (volume), NULL);

  type = vs_volume_get_datatype (volume);
  data = vs_volume_get_frame_data (volume, CLAMP (frame, 0, vs_volume_get_n_frames (volume) - 1));
  n = vs_volume_get_frame_voxels (volume);
  vs_volume_get_scaling (volume, &slope, &intercept);

  if (type == VS_DATATYPE_UINT8 || type == VS_DATATYPE_INT8 || type == VS_DATATYPE_UINT16 ||
      type == VS_DATATYPE_INT16)
    {
      if (!compute_small_integer (volume, data, n, stats, progress, cancellable, error))
        return NULL;
      return g_steal_pointer (&stats);
    }

  stats->min = G_MAXDOUBLE;
  stats->max = -G_MAXDOUBLE;
  for (gsize start = 0; start < n; start += CHUNK)
    {
      gsize end = MIN (n, start + CHUNK);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      for (gsize i = start; i < end; i++)
        {
          double v = vs_datatype_read (type, data, i) * slope + intercept;
          if (!isfinite (v))
            continue;
          stats->n_finite++;
          if (v != 0.0)
            stats->n_nonzero++;
          stats->min = MIN (stats->min, v);
          stats->max = MAX (stats->max, v);
        }
      vs_progress_update (progress, 0.5 * end / n);
    }

  if (stats->n_finite == 0)
    {
      stats->min = stats->max = stats->robust_min = stats->robust_max = 0.0;
      return g_steal_pointer (&stats);
    }

  scale = stats->max > stats->min ? FINE_BINS / (stats->max - stats->min) : 0.0;
  for (gsize start = 0; start < n; start += CHUNK)
    {
      gsize end = MIN (n, start + CHUNK);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      for (gsize i = start; i < end; i++)
        {
          double v = vs_datatype_read (type, data, i) * slope + intercept;
          guint b;
          if (!isfinite (v))
            continue;
          b = (guint) MIN ((v - stats->min) * scale, FINE_BINS - 1);
          fine[b]++;
          if (v != 0.0)
            fine_nonzero[b]++;
        }
      vs_progress_update (progress, 0.5 + 0.5 * end / n);
    }

  for (guint b = 0; b < FINE_BINS; b++)
    stats->histogram[b * VS_VOLUME_STATS_BINS / FINE_BINS] += fine[b];

  if (stats->n_nonzero > 0)
    {
      stats->robust_min = percentile_from_histogram (fine_nonzero, stats->n_nonzero,
                                                     stats->min, stats->max, 0.02);
      stats->robust_max = percentile_from_histogram (fine_nonzero, stats->n_nonzero,
                                                     stats->min, stats->max, 0.98);
      stats->median = percentile_from_histogram (fine_nonzero, stats->n_nonzero, stats->min,
                                                 stats->max, 0.5);
      stats->bright = percentile_from_histogram (fine_nonzero, stats->n_nonzero, stats->min,
                                                 stats->max, 0.999);
    }
  else
    stats->robust_min = stats->robust_max = stats->median = stats->bright = 0.0;

  /* Integer data: the percentile lands on a whole value. */
  if (vs_datatype_is_integer (type) && slope == 1.0 && intercept == 0.0)
    {
      stats->robust_min = floor (stats->robust_min);
      stats->robust_max = ceil (stats->robust_max);
    }
  if (stats->robust_max <= stats->robust_min)
    {
      stats->robust_min = stats->min;
      stats->robust_max = stats->max;
    }
  return g_steal_pointer (&stats);
}
