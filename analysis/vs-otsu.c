/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-otsu"

#include "config.h"

#include <math.h>

#include "vs-otsu.h"

/* Otsu's threshold over 256 bins between the smallest and largest finite values. */
float
vs_otsu_threshold (const float *data,
                   gsize        n)
{
  double lo = INFINITY, hi = -INFINITY, total = 0, sum = 0, sum_b = 0, w_b = 0, best = -1;
  guint64 hist[256] = { 0 };
  float threshold = 0;

  for (gsize i = 0; i < n; i++)
    if (isfinite (data[i]))
      {
        lo = MIN (lo, data[i]);
        hi = MAX (hi, data[i]);
      }
  if (!(hi > lo))
    return (float) lo;
  for (gsize i = 0; i < n; i++)
    if (isfinite (data[i]))
      hist[MIN ((int) ((data[i] - lo) / (hi - lo) * 256), 255)]++;
  for (int b = 0; b < 256; b++)
    {
      total += hist[b];
      sum += b * (double) hist[b];
    }
  for (int b = 0; b < 255; b++)
    {
      double w_f, m_b, m_f, between;
      w_b += hist[b];
      sum_b += b * (double) hist[b];
      w_f = total - w_b;
      if (w_b == 0 || w_f == 0)
        continue;
      m_b = sum_b / w_b;
      m_f = (sum - sum_b) / w_f;
      between = w_b * w_f * (m_b - m_f) * (m_b - m_f);
      if (between > best)
        {
          best = between;
          threshold = (float) (lo + (b + 1) * (hi - lo) / 256);
        }
    }
  return threshold;
}
