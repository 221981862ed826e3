/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-distance-watershed"

#include "config.h"

#include <string.h>

#include "vs-analysis-error.h"
#include "vs-distance-watershed.h"

/* The distance transform of a mask and two watersheds on it, which split shapes where they are
 * thinnest: one grown from given seeds (the label editor's split), one from every maximum of the
 * distance that rises at least a given depth above the neck joining it to a higher one (the
 * segmentation baseline's split of touching neurons — h-maxima, by flooding with merging by
 * dynamics).  Volumes are x fastest; neighbours are the 26 around a voxel. */

#define AT(x, y, z) ((gsize) (((z) * dims[1] + (y)) * dims[0] + (x)))

/* The indices of the (up to 26) neighbours of @index inside the volume; returns how many. */
static guint
neighbours_of (const gint64 dims[3], gsize index, gsize out[26])
{
  gint64 x = (gint64) (index % (gsize) dims[0]);
  gint64 y = (gint64) ((index / (gsize) dims[0]) % (gsize) dims[1]);
  gint64 z = (gint64) (index / (gsize) (dims[0] * dims[1]));
  guint n = 0;

  for (gint64 zz = MAX (z - 1, 0); zz <= MIN (z + 1, dims[2] - 1); zz++)
    for (gint64 yy = MAX (y - 1, 0); yy <= MIN (y + 1, dims[1] - 1); yy++)
      for (gint64 xx = MAX (x - 1, 0); xx <= MIN (x + 1, dims[0] - 1); xx++)
        if (xx != x || yy != y || zz != z)
          out[n++] = AT (xx, yy, zz);
  return n;
}

/* For every labelled voxel the 3-4-5 chamfer distance to the nearest voxel of another label or
 * none (beyond the volume's border counts as none); 0 where @labels is 0.  Two passes over the
 * volume, each taking the 13 neighbours the pass has already visited. */
guint32 *
vs_chamfer_distance (const guint32 *labels,
                     const gint64   dims[3],
                     GCancellable  *cancellable,
                     GError       **error)
{
  gsize n = (gsize) (dims[0] * dims[1] * dims[2]);
  guint32 *dist = g_try_new (guint32, n);

  if (dist == NULL)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "not enough memory for the distance transform of %" G_GSIZE_FORMAT " voxels", n);
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    dist[i] = labels[i] != 0 ? G_MAXUINT32 / 2 : 0;
  for (int pass = 0; pass < 2; pass++)
    for (gint64 k = 0; k < dims[2]; k++)
      {
        gint64 z = pass == 0 ? k : dims[2] - 1 - k;
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          {
            g_free (dist);
            return NULL;
          }
        for (gint64 j = 0; j < dims[1]; j++)
          for (gint64 i = 0; i < dims[0]; i++)
            {
              gint64 y = pass == 0 ? j : dims[1] - 1 - j;
              gint64 x = pass == 0 ? i : dims[0] - 1 - i;
              gsize v = AT (x, y, z);
              guint32 *d = &dist[v];
              if (*d == 0)
                continue;
              /* Next to the border: the outside is one step away. */
              if (x == 0 || y == 0 || z == 0 || x == dims[0] - 1 || y == dims[1] - 1 ||
                  z == dims[2] - 1)
                *d = MIN (*d, 3u);
              for (int dz = -1; dz <= 0; dz++)
                for (int dy = -1; dy <= 1; dy++)
                  for (int dx = -1; dx <= 1; dx++)
                    {
                      int s = pass == 0 ? 1 : -1;
                      gint64 xx = x + s * dx, yy = y + s * dy, zz = z + s * dz;
                      if ((dz == 0 && (dy > 0 || (dy == 0 && dx >= 0))) || xx < 0 || yy < 0 ||
                          zz < 0 || xx >= dims[0] || yy >= dims[1] || zz >= dims[2])
                        continue;   /* only neighbours this pass has visited */
                      gsize u = AT (xx, yy, zz);
                      guint32 du = labels[u] == labels[v] ? dist[u] : 0;
                      *d = MIN (*d, du + (guint32) (2 + (dx != 0) + (dy != 0) + (dz != 0)));
                    }
            }
      }
  return dist;
}

/* Grows the nonzero @regions (seeds) over every voxel of nonzero @distance they reach, the
 * voxels deepest inside first, a bucket per depth: the fronts from all seeds advance alike, so
 * two regions meet where the shape is thinnest between their seeds. */
void
vs_seeded_watershed (const guint32 *distance,
                     const gint64   dims[3],
                     guint32       *regions)
{
  gsize n = (gsize) (dims[0] * dims[1] * dims[2]);
  guint32 max_dist = 0;
  GArray **buckets;

  for (gsize i = 0; i < n; i++)
    max_dist = MAX (max_dist, distance[i]);
  buckets = g_new0 (GArray *, max_dist + 1);
  for (guint32 d = 0; d <= max_dist; d++)
    buckets[d] = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (gsize i = 0; i < n; i++)
    if (regions[i] != 0)
      g_array_append_val (buckets[max_dist - distance[i]], i);
  /* First in, first out within a level: a level both fronts reach (a plateau, the neck) is
   * shared between them. */
  for (guint32 level = 0; level <= max_dist; level++)
    for (guint head = 0; head < buckets[level]->len; head++)
      {
        gsize b = g_array_index (buckets[level], gsize, head), around[26];
        guint n_around = neighbours_of (dims, b, around);
        for (guint k = 0; k < n_around; k++)
          {
            gsize nb = around[k];
            if (distance[nb] == 0 || regions[nb] != 0)
              continue;
            regions[nb] = regions[b];
            /* Never above the level being flooded: a basin fills before it spills. */
            g_array_append_val (buckets[MAX (level, max_dist - distance[nb])], nb);
          }
      }
  for (guint32 d = 0; d <= max_dist; d++)
    g_array_unref (buckets[d]);
  g_free (buckets);
}

static guint32
find (guint32 *parent, guint32 b)
{
  while (parent[b] != b)
    b = parent[b] = parent[parent[b]];
  return b;
}

/* Floods the voxels of nonzero @distance from the top down, so that every maximum starts a basin
 * (neighbours are only those of the same label: a basin never crosses into another instance);
 * where two basins meet, the one with the lower peak joins the other unless its peak rises at
 * least @min_dynamic above the level they meet at.  Basins that stay apart stay apart below too
 * (the rise only grows), and each voxel goes to the basin of its neighbour with the highest
 * peak.  @basins gets 1…n by first voxel, 0 outside; returns n. */
guint32
vs_watershed_by_dynamics (const guint32 *distance,
                          const guint32 *labels,
                          const gint64   dims[3],
                          guint32        min_dynamic,
                          guint32       *basins,
                          GCancellable  *cancellable,
                          GError       **error)
{
  gsize n = (gsize) (dims[0] * dims[1] * dims[2]), n_inside = 0;
  guint32 max_dist = 0, n_basins = 0, n_out = 0;
  g_autofree gsize *start = NULL, *order = NULL;
  g_autoptr(GArray) parent = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) peak = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *renumber = NULL;

  for (gsize i = 0; i < n; i++)
    {
      max_dist = MAX (max_dist, distance[i]);
      n_inside += distance[i] != 0;
    }
  /* The inside voxels by falling distance (a counting sort), scan order within a level. */
  start = g_new0 (gsize, (gsize) max_dist + 2);
  for (gsize i = 0; i < n; i++)
    if (distance[i] != 0)
      start[max_dist - distance[i] + 1]++;
  for (guint32 d = 1; d <= max_dist + 1; d++)
    start[d] += start[d - 1];
  order = g_try_new (gsize, MAX (n_inside, 1));
  if (order == NULL)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "not enough memory for the watershed of %" G_GSIZE_FORMAT " voxels", n_inside);
      return 0;
    }
  for (gsize i = 0; i < n; i++)
    if (distance[i] != 0)
      order[start[max_dist - distance[i]]++] = i;

  g_array_append_val (parent, n_basins);   /* basin 0: none */
  g_array_append_val (peak, n_basins);
  memset (basins, 0, n * sizeof (guint32));
  for (gsize o = 0; o < n_inside; o++)
    {
      gsize v = order[o], around[26];
      guint32 level = distance[v], best = 0;
      guint32 *p, *h;
      guint n_around = 0;

      if ((o & 0xfffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return 0;
      p = (guint32 *) parent->data;
      h = (guint32 *) peak->data;
      /* The neighbours of this instance flooded already, the highest basin among them … */
      {
        gsize all[26];
        guint n_all = neighbours_of (dims, v, all);
        for (guint k = 0; k < n_all; k++)
          if (basins[all[k]] != 0 && labels[all[k]] == labels[v])
            around[n_around++] = all[k];
      }
      for (guint k = 0; k < n_around; k++)
        {
          guint32 b = find (p, basins[around[k]]);
          if (best == 0 || h[b] > h[best])
            best = b;
        }
      /* … which the lower ones join unless they rise far enough above this level. */
      for (guint k = 0; k < n_around; k++)
        {
          guint32 b = find (p, basins[around[k]]);
          if (b != best && h[b] - level < min_dynamic)
            p[b] = best;
        }
      if (best == 0)
        {
          best = ++n_basins;
          g_array_append_val (parent, best);
          g_array_append_val (peak, level);
        }
      basins[v] = best;
    }

  /* Every voxel to its basin's root, numbered by first voxel. */
  renumber = g_new0 (guint32, (gsize) n_basins + 1);
  for (gsize i = 0; i < n; i++)
    if (basins[i] != 0)
      {
        guint32 b = find ((guint32 *) parent->data, basins[i]);
        if (renumber[b] == 0)
          renumber[b] = ++n_out;
        basins[i] = renumber[b];
      }
  return n_out;
}
