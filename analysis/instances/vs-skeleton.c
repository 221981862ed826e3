/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-skeleton"

#include "config.h"

#include <string.h>

#include "vs-skeleton.h"

/* Curve skeletons by 3D thinning (Lee, Kashyap and Chu 1994, "Building skeleton models via 3-D
 * medial surface/axis thinning algorithms"), the method scikit-image's skeletonize uses for 3D
 * images and with it the FISBe benchmark's centerline metrics.  The image is thinned in sweeps
 * over the six border directions (in the order −y, +y, +x, −x, +z, −z); in each, the border
 * voxels that are not endpoints, keep the Euler characteristic and are simple are collected,
 * then deleted one after another if they are still simple.  Sweeps repeat until none of the
 * directions deletes anything.
 *
 * The 27-neighbourhood is numbered as in the paper's Fig. 1 (and scikit-image): index =
 * 9·(dz+1) + 3·(dx+1) + (dy+1), y fastest, the centre being 13. */

/* Lee's δG₂₆ table (Table 2 of the paper), for the odd indices of the octant codes below. */
static const signed char euler_delta[128] = {
  1, -1, -1, 1, -3, -1, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1, -3, -1, 3, 1, 1, -1, 3, 1, -1, 1, 1,
  -1, 3, 1, 1, -1, -3, 3, -1, 1, 1, 3, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1, 1, 3, 3, 1, 5, 3, 3,
  1, -1, 1, 1, -1, 3, 1, 1, -1, -7, -1, -1, 1, -3, -1, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1, -3,
  -1, 3, 1, 1, -1, 3, 1, -1, 1, 1, -1, 3, 1, 1, -1, -3, 3, -1, 1, 1, 3, -1, 1, -1, 1, 1, -1,
  3, 1, 1, -1, 1, 3, 3, 1, 5, 3, 3, 1, -1, 1, 1, -1, 3, 1, 1, -1
};

/* Each octant (2×2×2 block around the centre) as its 7 other voxels, in the order of the bits
 * 128, 64, …, 2 of its code (bit 1 is the centre, always set). */
static const guint8 octants[8][7] = {
  { 2, 1, 11, 10, 5, 4, 14 },
  { 0, 9, 3, 12, 1, 10, 4 },
  { 8, 7, 17, 16, 5, 4, 14 },
  { 6, 15, 7, 16, 3, 12, 4 },
  { 20, 23, 19, 22, 11, 14, 10 },
  { 18, 21, 9, 12, 19, 22, 10 },
  { 26, 23, 17, 14, 25, 22, 16 },
  { 24, 25, 15, 16, 21, 22, 12 },
};

static gboolean
is_euler_invariant (const guint8 n[27])
{
  int sum = 0;

  for (int o = 0; o < 8; o++)
    {
      int code = 1;
      for (int k = 0; k < 7; k++)
        if (n[octants[o][k]])
          code |= 128 >> k;
      sum += euler_delta[code >> 1];
    }
  return sum == 0;
}

static gboolean
is_endpoint (const guint8 n[27])
{
  int s = 0;

  for (int i = 0; i < 27; i++)
    s += n[i];
  return s == 2;   /* the centre and one neighbour */
}

/* Simple: without the centre, the foreground of the 26-neighbourhood is at most one
 * 26-connected component (two neighbours of the centre are 26-adjacent exactly when some octant
 * holds both, which is how Lee's octree labelling joins them). */
static gboolean
is_simple (const guint8 n[27])
{
  guint8 seen[27] = { 0 };
  int stack[27], components = 0;

  for (int start = 0; start < 27; start++)
    {
      int top = 0;
      if (start == 13 || !n[start] || seen[start])
        continue;
      if (++components > 1)
        return FALSE;
      seen[start] = 1;
      stack[top++] = start;
      while (top > 0)
        {
          int v = stack[--top];
          int vx = v % 3, vy = v / 3 % 3, vz = v / 9;
          for (int w = 0; w < 27; w++)
            {
              int wx = w % 3, wy = w / 3 % 3, wz = w / 9;
              if (w == 13 || !n[w] || seen[w] || ABS (wx - vx) > 1 || ABS (wy - vy) > 1 ||
                  ABS (wz - vz) > 1)
                continue;
              seen[w] = 1;
              stack[top++] = w;
            }
        }
    }
  return TRUE;
}

static void
neighbourhood (const guint8 *img, gsize i, gsize sx, gsize sy, guint8 n[27])
{
  int k = 0;

  for (int dz = -1; dz <= 1; dz++)
    for (int dx = -1; dx <= 1; dx++)
      for (int dy = -1; dy <= 1; dy++)
        n[k++] = img[i + dz * (gssize) (sx * sy) + dy * (gssize) sx + dx];
}

/* The skeleton of the nonzero voxels of @mask (x fastest, @dims x, y, z): a new 0/1 mask of the
 * same size; *@n_voxels gets its voxel count. */
guint8 *
vs_skeletonize (const guint8 *mask,
                const gint64  dims[3],
                gsize        *n_voxels)
{
  gsize sx = (gsize) dims[0] + 2, sy = (gsize) dims[1] + 2, sz = (gsize) dims[2] + 2;
  g_autofree guint8 *img = g_malloc0 (sx * sy * sz);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (gsize));
  /* −y, +y, +x, −x, +z, −z: scikit-image's (and ImageJ's) order. */
  const gssize steps[6] = { -(gssize) sx, (gssize) sx, 1, -1, (gssize) (sx * sy),
                            -(gssize) (sx * sy) };
  int n_borders = dims[2] == 1 ? 4 : 6, unchanged = 0;
  guint8 *out;
  gsize count = 0;

  /* Padded by one voxel of background on every side. */
  for (gint64 z = 0; z < dims[2]; z++)
    for (gint64 y = 0; y < dims[1]; y++)
      for (gint64 x = 0; x < dims[0]; x++)
        img[(gsize) (x + 1) + sx * ((gsize) (y + 1) + sy * (gsize) (z + 1))] =
          mask[x + dims[0] * (y + dims[1] * z)] != 0;

  /* The foreground in scan order; only it is visited, and it only shrinks, so thinning costs
   * what the object costs, not its bounding box. */
  for (gsize i = 0; i < sx * sy * sz; i++)
    if (img[i])
      g_array_append_val (active, i);

  while (unchanged < n_borders)
    {
      unchanged = 0;
      for (int b = 0; b < n_borders; b++)
        {
          gboolean changed = FALSE;
          guint8 n[27];
          guint kept = 0;

          g_array_set_size (candidates, 0);
          for (guint a = 0; a < active->len; a++)
            {
              gsize i = g_array_index (active, gsize, a);
              if (img[i + steps[b]] != 0)
                continue;
              neighbourhood (img, i, sx, sy, n);
              if (is_endpoint (n) || !is_euler_invariant (n) || !is_simple (n))
                continue;
              g_array_append_val (candidates, i);
            }
          /* Sequential re-check: deleting in parallel could disconnect. */
          for (guint c = 0; c < candidates->len; c++)
            {
              gsize i = g_array_index (candidates, gsize, c);
              neighbourhood (img, i, sx, sy, n);
              if (is_simple (n))
                {
                  img[i] = 0;
                  changed = TRUE;
                }
            }
          if (!changed)
            unchanged++;
          else
            {
              for (guint a = 0; a < active->len; a++)
                if (img[g_array_index (active, gsize, a)])
                  g_array_index (active, gsize, kept++) = g_array_index (active, gsize, a);
              g_array_set_size (active, kept);
            }
        }
    }

  out = g_malloc ((gsize) (dims[0] * dims[1] * dims[2]));
  for (gint64 z = 0; z < dims[2]; z++)
    for (gint64 y = 0; y < dims[1]; y++)
      for (gint64 x = 0; x < dims[0]; x++)
        {
          guint8 v = img[(gsize) (x + 1) + sx * ((gsize) (y + 1) + sy * (gsize) (z + 1))];
          out[x + dims[0] * (y + dims[1] * z)] = v;
          count += v;
        }
  if (n_voxels != NULL)
    *n_voxels = count;
  return out;
}
