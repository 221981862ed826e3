/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-instance-stats"

#include "config.h"

#include <math.h>

#include "vs-instance-set.h"
#include "vs-instance-stats.h"

/* Per instance of a label volume (or of one-mask-per-frame ground truth): its voxel count, the
 * length of its skeleton — the minimum spanning tree of its voxels joined to their 26
 * neighbours, each edge as long as the distance between the voxel centres in the volume's
 * units (so a diagonal step is not counted twice where the skeleton turns a corner) — its
 * bounding box, and a point on its skeleton near the centroid to centre the views on. */

typedef struct {
  double  length;
  guint32 a, b;   /* positions in the skeleton list */
} Edge;

static gint
compare_edges (gconstpointer x, gconstpointer y)
{
  const Edge *e = x, *f = y;
  return (e->length > f->length) - (e->length < f->length);
}

static guint32
root_of (guint32 *parent, guint32 i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static void
to_coords (gsize index, const gint64 dims[4], gint64 c[3])
{
  c[0] = (gint64) (index % (gsize) dims[0]);
  c[1] = (gint64) (index / (gsize) dims[0] % (gsize) dims[1]);
  c[2] = (gint64) (index / ((gsize) dims[0] * (gsize) dims[1]));
}

GArray *
vs_instance_stats_compute (VsVolume      *labels,
                           GCancellable  *cancellable,
                           GError       **error)
{
  VsInstanceSet set = { 0 };
  GArray *stats;
  gint64 dims[4];
  double size[3];

  if (!vs_instance_set_init (labels, &set, TRUE, cancellable, error))
    return NULL;
  vs_volume_get_dims (labels, dims);
  vs_volume_get_voxel_size (labels, size);
  stats = g_array_sized_new (FALSE, TRUE, sizeof (VsInstanceStats), set.items->len);
  for (guint k = 0; k < set.items->len; k++)
    {
      const VsInstance *inst = &g_array_index (set.items, VsInstance, k);
      VsInstanceStats st = { inst->label, inst->n, 0, { G_MAXINT64, G_MAXINT64, G_MAXINT64 },
                             { -1, -1, -1 }, { 0, 0, 0 } };
      double mean[3] = { 0, 0, 0 }, best = INFINITY;

      for (gsize v = 0; v < inst->n; v++)
        {
          gint64 c[3];
          to_coords (inst->voxels[v], dims, c);
          for (int a = 0; a < 3; a++)
            {
              st.lo[a] = MIN (st.lo[a], c[a]);
              st.hi[a] = MAX (st.hi[a], c[a]);
              mean[a] += (double) c[a] / (double) inst->n;
            }
        }
      {
        g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
        g_autofree guint32 *parent = g_new (guint32, MAX (inst->n_skeleton, 1));
        for (gsize s = 0; s < inst->n_skeleton; s++)
          {
            gint64 c[3];
            double d2 = 0, ijk[3];
            parent[s] = (guint32) s;
            to_coords (inst->skeleton[s], dims, c);
            for (int dz = -1; dz <= 1; dz++)
              for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                  {
                    gint64 x = c[0] + dx, y = c[1] + dy, z = c[2] + dz;
                    gsize other, at;
                    if (x < 0 || y < 0 || z < 0 || x >= dims[0] || y >= dims[1] || z >= dims[2])
                      continue;
                    other = (gsize) (x + dims[0] * (y + dims[1] * z));
                    if (other <= inst->skeleton[s])
                      continue;
                    at = vs_instance_find (inst->skeleton, inst->n_skeleton, other);
                    if (at < inst->n_skeleton)
                      {
                        Edge e = { sqrt (dx * dx * size[0] * size[0] + dy * dy * size[1] * size[1] +
                                         dz * dz * size[2] * size[2]), (guint32) s, (guint32) at };
                        g_array_append_val (edges, e);
                      }
                  }
            for (int a = 0; a < 3; a++)
              d2 += (c[a] - mean[a]) * (c[a] - mean[a]);
            if (d2 < best)
              {
                best = d2;
                for (int a = 0; a < 3; a++)
                  ijk[a] = (double) c[a];
                vs_volume_voxel_to_world (labels, ijk, st.centre);
              }
          }
        /* Kruskal: the shortest edges first, each joining two trees. */
        g_array_sort (edges, compare_edges);
        for (guint e = 0; e < edges->len; e++)
          {
            const Edge *edge = &g_array_index (edges, Edge, e);
            guint32 ra = root_of (parent, edge->a), rb = root_of (parent, edge->b);
            if (ra != rb)
              {
                parent[ra] = rb;
                st.skeleton_length += edge->length;
              }
          }
      }
      g_array_append_val (stats, st);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          vs_instance_set_clear (&set);
          g_array_unref (stats);
          return NULL;
        }
    }
  vs_instance_set_clear (&set);
  return stats;
}
