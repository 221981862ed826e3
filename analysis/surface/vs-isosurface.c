/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-isosurface"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-isosurface.h"

/* A surface where a volume crosses a threshold, for people without FreeSurfer: a brain from a
 * T1, a neuron from a microscopy stack.  Marching cubes with each cube cut into the six Kuhn
 * tetrahedra around its main diagonal: every cube uses the same cut, so neighbouring cubes agree on
 * their shared faces and the mesh is closed with no ambiguous cases.  Vertices live on grid edges
 * and are shared through a hash keyed by the edge, so the mesh is manifold; each triangle faces
 * from the inside (values above the threshold) out.  Optional Gaussian smoothing first. */

typedef struct {
  guint64 *keys;     /* 0 = empty; stored as key + 1 */
  guint32 *values;
  gsize    capacity;
  gsize    count;
} EdgeMap;

static void
edge_map_init (EdgeMap *map)
{
  map->capacity = 1 << 16;
  map->count = 0;
  map->keys = g_new0 (guint64, map->capacity);
  map->values = g_new (guint32, map->capacity);
}

static void
edge_map_clear (EdgeMap *map)
{
  g_free (map->keys);
  g_free (map->values);
}

static gsize
hash64 (guint64 key)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key;
}

static void edge_map_insert (EdgeMap *map, guint64 key, guint32 value);

static void
edge_map_grow (EdgeMap *map)
{
  EdgeMap bigger = { g_new0 (guint64, map->capacity * 2), g_new (guint32, map->capacity * 2),
                     map->capacity * 2, 0 };
  for (gsize i = 0; i < map->capacity; i++)
    if (map->keys[i] != 0)
      edge_map_insert (&bigger, map->keys[i] - 1, map->values[i]);
  edge_map_clear (map);
  *map = bigger;
}

static void
edge_map_insert (EdgeMap *map, guint64 key, guint32 value)
{
  gsize i;

  if ((map->count + 1) * 2 > map->capacity)
    edge_map_grow (map);
  for (i = hash64 (key) & (map->capacity - 1); map->keys[i] != 0; i = (i + 1) & (map->capacity - 1))
    ;
  map->keys[i] = key + 1;
  map->values[i] = value;
  map->count++;
}

static gboolean
edge_map_lookup (EdgeMap *map, guint64 key, guint32 *value)
{
  for (gsize i = hash64 (key) & (map->capacity - 1); map->keys[i] != 0;
       i = (i + 1) & (map->capacity - 1))
    if (map->keys[i] == key + 1)
      {
        *value = map->values[i];
        return TRUE;
      }
  return FALSE;
}

typedef struct {
  const float *field;
  gint64       nx, ny, nz;
  double       threshold;
  EdgeMap      edges;
  GArray      *positions;  /* float × 3, voxel coordinates */
  GArray      *triangles;  /* guint32 × 3 */
} Extraction;

static guint32
edge_vertex (Extraction *x, guint64 a, guint64 b)
{
  guint64 lo = MIN (a, b), hi = MAX (a, b), key;
  guint32 index;
  double fa, fb, t;
  float p[3];

  /* An edge is its lower grid point and one of the seven directions the Kuhn cut uses. */
  key = lo * 8 + (hi - lo <= 1 ? 0 : hi - lo == (guint64) x->nx ? 1 :
                   hi - lo == (guint64) (x->nx + 1) ? 2 : hi - lo == (guint64) (x->nx * x->ny) ? 3 :
                   hi - lo == (guint64) (x->nx * x->ny + 1) ? 4 :
                   hi - lo == (guint64) (x->nx * x->ny + x->nx) ? 5 : 6);
  if (edge_map_lookup (&x->edges, key, &index))
    return index;

  fa = x->field[lo];
  fb = x->field[hi];
  t = fb != fa ? (x->threshold - fa) / (fb - fa) : 0.5;
  t = CLAMP (t, 0.0, 1.0);
  {
    gint64 ia = (gint64) (lo % x->nx), ja = (gint64) ((lo / x->nx) % x->ny),
           ka = (gint64) (lo / (x->nx * x->ny));
    gint64 ib = (gint64) (hi % x->nx), jb = (gint64) ((hi / x->nx) % x->ny),
           kb = (gint64) (hi / (x->nx * x->ny));
    p[0] = (float) (ia + t * (ib - ia));
    p[1] = (float) (ja + t * (jb - ja));
    p[2] = (float) (ka + t * (kb - ka));
  }
  index = x->positions->len / 3;
  g_array_append_vals (x->positions, p, 3);
  edge_map_insert (&x->edges, key, index);
  return index;
}

static void
emit (Extraction *x, guint32 a, guint32 b, guint32 c, const double outward[3])
{
  const float *p = (const float *) x->positions->data;
  double u[3], w[3], n[3];
  guint32 tri[3] = { a, b, c };

  if (a == b || b == c || a == c)
    return;
  for (int k = 0; k < 3; k++)
    {
      u[k] = p[3 * b + k] - p[3 * a + k];
      w[k] = p[3 * c + k] - p[3 * a + k];
    }
  n[0] = u[1] * w[2] - u[2] * w[1];
  n[1] = u[2] * w[0] - u[0] * w[2];
  n[2] = u[0] * w[1] - u[1] * w[0];
  if (n[0] * outward[0] + n[1] * outward[1] + n[2] * outward[2] < 0)
    {
      tri[1] = c;
      tri[2] = b;
    }
  g_array_append_vals (x->triangles, tri, 3);
}

static void
tetrahedron (Extraction *x, const guint64 index[4], const double corner[4][3])
{
  int inside[4], n_in = 0, in[4], out[4], n_out = 0;
  double outward[3] = { 0, 0, 0 };

  for (int v = 0; v < 4; v++)
    {
      inside[v] = x->field[index[v]] > x->threshold;
      if (inside[v])
        in[n_in++] = v;
      else
        out[n_out++] = v;
    }
  if (n_in == 0 || n_in == 4)
    return;
  for (int k = 0; k < 3; k++)
    {
      for (int v = 0; v < n_out; v++)
        outward[k] += corner[out[v]][k] / n_out;
      for (int v = 0; v < n_in; v++)
        outward[k] -= corner[in[v]][k] / n_in;
    }
  if (n_in == 1 || n_in == 3)
    {
      int lone = n_in == 1 ? in[0] : out[0];
      int *others = n_in == 1 ? out : in;
      guint32 a = edge_vertex (x, index[lone], index[others[0]]);
      guint32 b = edge_vertex (x, index[lone], index[others[1]]);
      guint32 c = edge_vertex (x, index[lone], index[others[2]]);
      emit (x, a, b, c, outward);
    }
  else
    {
      guint32 ac = edge_vertex (x, index[in[0]], index[out[0]]);
      guint32 ad = edge_vertex (x, index[in[0]], index[out[1]]);
      guint32 bd = edge_vertex (x, index[in[1]], index[out[1]]);
      guint32 bc = edge_vertex (x, index[in[1]], index[out[0]]);
      emit (x, ac, ad, bd, outward);
      emit (x, ac, bd, bc, outward);
    }
}

/* Separable Gaussian with sigma in voxels per axis. */
static void
smooth (float *field, const gint64 dims[3], const double sigma[3])
{
  gint64 n = dims[0] * dims[1] * dims[2];
  g_autofree float *tmp = g_new (float, n);

  for (int axis = 0; axis < 3; axis++)
    {
      int radius = (int) ceil (3 * sigma[axis]);
      g_autofree double *kernel = NULL;
      gint64 stride = axis == 0 ? 1 : axis == 1 ? dims[0] : dims[0] * dims[1];
      double sum = 0;

      if (sigma[axis] <= 0 || radius < 1)
        continue;
      kernel = g_new (double, 2 * radius + 1);
      for (int r = -radius; r <= radius; r++)
        sum += kernel[r + radius] = exp (-0.5 * r * r / (sigma[axis] * sigma[axis]));
      for (int r = 0; r <= 2 * radius; r++)
        kernel[r] /= sum;
      for (gint64 i = 0; i < n; i++)
        {
          gint64 coordinate = (i / stride) % dims[axis];
          double acc = 0;
          for (int r = -radius; r <= radius; r++)
            {
              gint64 c = CLAMP (coordinate + r, 0, dims[axis] - 1);
              acc += kernel[r + radius] * field[i + (c - coordinate) * stride];
            }
          tmp[i] = (float) acc;
        }
      memcpy (field, tmp, n * sizeof (float));
    }
}

VsSurface *
vs_isosurface_extract (VsVolume      *volume,
                       gint64         frame,
                       double         threshold,
                       double         smoothing_mm,
                       VsProgress    *progress,
                       GCancellable  *cancellable,
                       GError       **error)
{
  static const int axes[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 },
                                  { 2, 0, 1 }, { 2, 1, 0 } };
  g_autofree float *field = NULL;
  g_autoptr(VsSurface) surface = NULL;
  Extraction x = { 0 };
  gint64 dims[4], nx, ny, nz;
  double affine[16], size[3], det;
  VsDatatype type;
  gconstpointer data;
  double slope, intercept;
  gsize n;
  float *positions;
  guint n_vertices, n_triangles;

  g_return_val_if_fail (VS_IS_VOLUME (volume), NULL);

  vs_volume_get_dims (volume, dims);
  nx = dims[0] + 2;  /* a border of "outside" so the surface closes at the grid's edge */
  ny = dims[1] + 2;
  nz = dims[2] + 2;
  n = (gsize) (nx * ny * nz);
  field = g_try_new (float, n);
  if (field == NULL)
    {
      g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                           "not enough memory for the isosurface's working copy");
      return NULL;
    }
  type = vs_volume_get_datatype (volume);
  data = vs_volume_get_frame_data (volume, CLAMP (frame, 0, dims[3] - 1));
  vs_volume_get_scaling (volume, &slope, &intercept);
  for (gsize i = 0; i < n; i++)
    field[i] = (float) (threshold - 1.0 - fabs (threshold));
  for (gint64 k = 0; k < dims[2]; k++)
    for (gint64 j = 0; j < dims[1]; j++)
      for (gint64 i = 0; i < dims[0]; i++)
        {
          double v = vs_datatype_read (type, data, i + dims[0] * (j + dims[1] * k)) * slope +
                     intercept;
          field[(i + 1) + nx * ((j + 1) + ny * (k + 1))] = isfinite (v) ? (float) v :
                                                          field[0];
        }
  vs_volume_get_voxel_size (volume, size);
  if (smoothing_mm > 0)
    {
      const gint64 padded[3] = { nx, ny, nz };
      double sigma[3] = { smoothing_mm / size[0], smoothing_mm / size[1], smoothing_mm / size[2] };
      smooth (field, padded, sigma);
    }

  x.field = field;
  x.nx = nx;
  x.ny = ny;
  x.nz = nz;
  x.threshold = threshold;
  edge_map_init (&x.edges);
  x.positions = g_array_new (FALSE, FALSE, sizeof (float));
  x.triangles = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (gint64 k = 0; k < nz - 1; k++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      for (gint64 j = 0; j < ny - 1; j++)
        for (gint64 i = 0; i < nx - 1; i++)
          {
            guint64 base = (guint64) (i + nx * (j + ny * k));
            guint64 corner_index[8];
            double corner[8][3];
            gboolean any_in = FALSE, any_out = FALSE;

            for (int c = 0; c < 8; c++)
              {
                gint64 di = c & 1, dj = (c >> 1) & 1, dk = (c >> 2) & 1;
                corner_index[c] = base + di + nx * (dj + ny * dk);
                corner[c][0] = di;
                corner[c][1] = dj;
                corner[c][2] = dk;
                if (field[corner_index[c]] > threshold)
                  any_in = TRUE;
                else
                  any_out = TRUE;
              }
            if (!any_in || !any_out)
              continue;
            for (int t = 0; t < 6; t++)
              {
                int v1 = 1 << axes[t][0], v2 = v1 | (1 << axes[t][1]);
                int vertex[4] = { 0, v1, v2, 7 };
                guint64 index[4];
                double tc[4][3];
                for (int v = 0; v < 4; v++)
                  {
                    index[v] = corner_index[vertex[v]];
                    memcpy (tc[v], corner[vertex[v]], sizeof tc[v]);
                  }
                tetrahedron (&x, index, tc);
              }
          }
      vs_progress_update (progress, (double) (k + 1) / (nz - 1));
    }

  n_vertices = x.positions->len / 3;
  n_triangles = x.triangles->len / 3;
  if (n_triangles == 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "no voxel crosses the threshold %g", threshold);
      goto fail;
    }

  /* Voxel coordinates (shifted by the border) to world millimetres. */
  vs_volume_get_affine (volume, affine);
  positions = (float *) x.positions->data;
  for (guint v = 0; v < n_vertices; v++)
    {
      double ijk[3] = { positions[3 * v] - 1, positions[3 * v + 1] - 1, positions[3 * v + 2] - 1 };
      double xyz[3];
      vs_affine_multiply_point (affine, ijk, xyz);
      for (int a = 0; a < 3; a++)
        positions[3 * v + a] = (float) xyz[a];
    }
  /* A mirroring affine turns the triangles inside out; turn them back. */
  det = affine[0] * (affine[5] * affine[10] - affine[6] * affine[9]) -
        affine[1] * (affine[4] * affine[10] - affine[6] * affine[8]) +
        affine[2] * (affine[4] * affine[9] - affine[5] * affine[8]);
  if (det < 0)
    {
      guint32 *t = (guint32 *) x.triangles->data;
      for (guint i = 0; i < n_triangles; i++)
        {
          guint32 s = t[3 * i + 1];
          t[3 * i + 1] = t[3 * i + 2];
          t[3 * i + 2] = s;
        }
    }

  surface = vs_surface_new (n_vertices, (guint32 *) x.triangles->data, n_triangles, error);
  if (surface == NULL || !vs_surface_add_geometry (surface, "isosurface", positions, error))
    goto fail;
  edge_map_clear (&x.edges);
  g_array_unref (x.positions);
  g_array_unref (x.triangles);
  return g_steal_pointer (&surface);

fail:
  edge_map_clear (&x.edges);
  g_array_unref (x.positions);
  g_array_unref (x.triangles);
  return NULL;
}
