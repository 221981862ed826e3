/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-midline"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-midline.h"
#include "vs-symmetry-search.h"

/* Midlines of 2D images (a PNG slice, or one slice of a volume) by the same symmetry search as the
 * 3D plane, the normal kept in the image plane; the line's endpoints are where it enters and
 * leaves the head mask. */

/* Endpoints: the extreme projections onto the line of the mask pixels within a pixel of it. */
static void
clip_to_mask (VsMidline *line, const guint8 *mask, gint64 width, gint64 height)
{
  double dir[2] = { -line->normal[1], line->normal[0] }, foot[2];
  double lo = INFINITY, hi = -INFINITY;

  foot[0] = line->normal[0] * line->offset;
  foot[1] = line->normal[1] * line->offset;
  for (gint64 y = 0; y < height; y++)
    for (gint64 x = 0; x < width; x++)
      {
        double distance, t;
        if (!mask[x + width * y])
          continue;
        distance = line->normal[0] * x + line->normal[1] * y - line->offset;
        if (fabs (distance) > 1)
          continue;
        t = (x - foot[0]) * dir[0] + (y - foot[1]) * dir[1];
        lo = MIN (lo, t);
        hi = MAX (hi, t);
      }
  if (!(hi >= lo))
    lo = hi = 0;
  /* From the smaller coordinate along the line's main direction to the larger. */
  if (fabs (dir[1]) > fabs (dir[0]) ? dir[1] < 0 : dir[0] < 0)
    {
      double swap = lo;
      lo = -hi;
      hi = -swap;
      dir[0] = -dir[0];
      dir[1] = -dir[1];
    }
  for (int a = 0; a < 2; a++)
    {
      line->p0[a] = foot[a] + lo * dir[a];
      line->p1[a] = foot[a] + hi * dir[a];
    }
}

/* @threshold: the head is what is brighter, e.g. the whole volume's threshold for its slices;
 * NAN for the image's own (Otsu). */
gboolean
vs_midline_estimate (const float  *pixels,
                     gint64        width,
                     gint64        height,
                     double        threshold,
                     VsMidline    *line,
                     GCancellable *cancellable,
                     GError      **error)
{
  VsSymmetryImage image = { pixels, { width, height, 1 },
                            { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 }, TRUE, 30,
                            threshold };
  VsSymmetryResult result;
  g_autofree guint8 *mask = NULL;

  if (!vs_symmetry_search (&image, &result, cancellable, error))
    return FALSE;
  line->normal[0] = result.normal[0];
  line->normal[1] = result.normal[1];
  line->offset = result.offset;
  line->score = result.score;
  mask = vs_symmetry_mask (&image, NULL);
  clip_to_mask (line, mask, width, height);
  return TRUE;
}

/* A line through two points (e.g. edited by hand); its score is unknown. */
void
vs_midline_set_endpoints (VsMidline    *line,
                          const double  p0[2],
                          const double  p1[2])
{
  double dx = p1[0] - p0[0], dy = p1[1] - p0[1], len = sqrt (dx * dx + dy * dy);

  memcpy (line->p0, p0, sizeof line->p0);
  memcpy (line->p1, p1, sizeof line->p1);
  if (len == 0)
    len = 1, dy = 1;
  line->normal[0] = dy / len;
  line->normal[1] = -dx / len;
  line->offset = line->normal[0] * p0[0] + line->normal[1] * p0[1];
  line->score = NAN;
}

double
vs_midline_angle_between (const VsMidline *a,
                          const VsMidline *b)
{
  double dot = fabs (a->normal[0] * b->normal[0] + a->normal[1] * b->normal[1]);

  return acos (MIN (dot, 1.0)) * 180 / G_PI;
}

double
vs_midline_distance (const VsMidline *line,
                     const double     point[2])
{
  return fabs (line->normal[0] * point[0] + line->normal[1] * point[1] - line->offset);
}
