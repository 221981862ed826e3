/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-surface.h"

typedef struct {
  char  *name;
  float *positions;  /* 3 × n_vertices */
  float *normals;    /* 3 × n_vertices, area-weighted */
} Geometry;

struct _VsSurface
{
  GObject    parent_instance;
  guint      n_vertices;
  guint      n_triangles;
  guint32   *triangles;
  GPtrArray *geometries;  /* Geometry */
  GPtrArray *data;        /* VsVertexData */
  char      *structure;
  char      *path;
};

G_DEFINE_FINAL_TYPE (VsSurface, vs_surface, G_TYPE_OBJECT)

static void
geometry_free (gpointer data)
{
  Geometry *g = data;
  g_free (g->name);
  g_free (g->positions);
  g_free (g->normals);
  g_free (g);
}

static void
vs_surface_dispose (GObject *object)
{
  VsSurface *self = VS_SURFACE (object);

  g_clear_pointer (&self->data, g_ptr_array_unref);
  G_OBJECT_CLASS (vs_surface_parent_class)->dispose (object);
}

static void
vs_surface_finalize (GObject *object)
{
  VsSurface *self = VS_SURFACE (object);

  g_clear_pointer (&self->geometries, g_ptr_array_unref);
  g_free (self->triangles);
  g_free (self->structure);
  g_free (self->path);
  G_OBJECT_CLASS (vs_surface_parent_class)->finalize (object);
}

static void
vs_surface_class_init (VsSurfaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vs_surface_dispose;
  object_class->finalize = vs_surface_finalize;
}

static void
vs_surface_init (VsSurface *self)
{
  self->geometries = g_ptr_array_new_with_free_func (geometry_free);
  self->data = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Checks every index, so a corrupt mesh is refused here rather than drawn out of bounds. */
VsSurface *
vs_surface_new (guint          n_vertices,
                const guint32 *triangles,
                guint          n_triangles,
                GError       **error)
{
  VsSurface *self;

  for (gsize i = 0; i < (gsize) n_triangles * 3; i++)
    if (triangles[i] >= n_vertices)
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                     "triangle %" G_GSIZE_FORMAT " uses vertex %u but the surface has %u vertices",
                     i / 3, triangles[i], n_vertices);
        return NULL;
      }
  self = g_object_new (VS_TYPE_SURFACE, NULL);
  self->n_vertices = n_vertices;
  self->n_triangles = n_triangles;
  self->triangles = g_memdup2 (triangles, (gsize) n_triangles * 3 * sizeof (guint32));
  return self;
}

guint
vs_surface_get_n_vertices (VsSurface *self)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), 0);
  return self->n_vertices;
}

guint
vs_surface_get_n_triangles (VsSurface *self)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), 0);
  return self->n_triangles;
}

const guint32 *
vs_surface_get_triangles (VsSurface *self)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), NULL);
  return self->triangles;
}

static void
compute_normals (VsSurface *self, Geometry *g)
{
  g->normals = g_new0 (float, (gsize) self->n_vertices * 3);
  for (guint t = 0; t < self->n_triangles; t++)
    {
      const guint32 *tri = self->triangles + 3 * t;
      const float *a = g->positions + 3 * tri[0], *b = g->positions + 3 * tri[1],
                  *c = g->positions + 3 * tri[2];
      float u[3] = { b[0] - a[0], b[1] - a[1], b[2] - a[2] };
      float w[3] = { c[0] - a[0], c[1] - a[1], c[2] - a[2] };
      float n[3] = { u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2],
                     u[0] * w[1] - u[1] * w[0] };
      for (int k = 0; k < 3; k++)
        for (int a2 = 0; a2 < 3; a2++)
          g->normals[3 * tri[k] + a2] += n[a2];
    }
  for (guint v = 0; v < self->n_vertices; v++)
    {
      float *n = g->normals + 3 * v;
      float length = sqrtf (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
      if (length > 0)
        n[0] /= length, n[1] /= length, n[2] /= length;
    }
}

gboolean
vs_surface_add_geometry (VsSurface    *self,
                         const char   *name,
                         const float  *positions,
                         GError      **error)
{
  Geometry *g;

  g_return_val_if_fail (VS_IS_SURFACE (self), FALSE);
  for (gsize i = 0; i < (gsize) self->n_vertices * 3; i++)
    if (!isfinite (positions[i]))
      {
        g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                     "vertex %" G_GSIZE_FORMAT " of geometry “%s” has a NaN or infinite "
                     "coordinate", i / 3, name);
        return FALSE;
      }
  g = g_new0 (Geometry, 1);
  g->name = g_strdup (name);
  g->positions = g_memdup2 (positions, (gsize) self->n_vertices * 3 * sizeof (float));
  compute_normals (self, g);
  g_ptr_array_add (self->geometries, g);
  return TRUE;
}

guint
vs_surface_get_n_geometries (VsSurface *self)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), 0);
  return self->geometries->len;
}

const char *
vs_surface_get_geometry_name (VsSurface *self,
                              guint      index)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), NULL);
  g_return_val_if_fail (index < self->geometries->len, NULL);
  return ((Geometry *) g_ptr_array_index (self->geometries, index))->name;
}

int
vs_surface_find_geometry (VsSurface  *self,
                          const char *name)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), -1);
  for (guint i = 0; i < self->geometries->len; i++)
    if (g_strcmp0 (((Geometry *) g_ptr_array_index (self->geometries, i))->name, name) == 0)
      return (int) i;
  return -1;
}

const float *
vs_surface_get_positions (VsSurface *self,
                          guint      geometry)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), NULL);
  g_return_val_if_fail (geometry < self->geometries->len, NULL);
  return ((Geometry *) g_ptr_array_index (self->geometries, geometry))->positions;
}

const float *
vs_surface_get_normals (VsSurface *self,
                        guint      geometry)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), NULL);
  g_return_val_if_fail (geometry < self->geometries->len, NULL);
  return ((Geometry *) g_ptr_array_index (self->geometries, geometry))->normals;
}

void
vs_surface_get_bounds (VsSurface *self,
                       guint      geometry,
                       double     lo[3],
                       double     hi[3])
{
  const float *p = vs_surface_get_positions (self, geometry);

  for (int a = 0; a < 3; a++)
    {
      lo[a] = G_MAXDOUBLE;
      hi[a] = -G_MAXDOUBLE;
    }
  for (guint v = 0; v < self->n_vertices; v++)
    for (int a = 0; a < 3; a++)
      {
        lo[a] = MIN (lo[a], p[3 * v + a]);
        hi[a] = MAX (hi[a], p[3 * v + a]);
      }
}

void
vs_surface_add_data (VsSurface    *self,
                     VsVertexData *data)
{
  g_return_if_fail (VS_IS_SURFACE (self));
  g_return_if_fail (vs_vertex_data_get_n_vertices (data) == self->n_vertices);
  g_ptr_array_add (self->data, g_object_ref (data));
}

guint
vs_surface_get_n_data (VsSurface *self)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), 0);
  return self->data->len;
}

VsVertexData *
vs_surface_get_data (VsSurface *self,
                     guint      index)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), NULL);
  g_return_val_if_fail (index < self->data->len, NULL);
  return g_ptr_array_index (self->data, index);
}

const char *
vs_surface_get_structure (VsSurface *self)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), NULL);
  return self->structure;
}

void
vs_surface_set_structure (VsSurface  *self,
                          const char *structure)
{
  g_return_if_fail (VS_IS_SURFACE (self));
  g_free (self->structure);
  self->structure = g_strdup (structure);
}

const char *
vs_surface_get_path (VsSurface *self)
{
  g_return_val_if_fail (VS_IS_SURFACE (self), NULL);
  return self->path;
}

void
vs_surface_set_path (VsSurface  *self,
                     const char *path)
{
  g_return_if_fail (VS_IS_SURFACE (self));
  g_free (self->path);
  self->path = g_strdup (path);
}

static int
compare_u64 (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

/* Every directed edge (from << 32 | to), sorted; 3 per triangle. */
static guint64 *
sorted_directed_edges (VsSurface *self, gsize *n)
{
  guint64 *edges;

  *n = (gsize) self->n_triangles * 3;
  edges = g_new (guint64, MAX (*n, 1));
  for (guint t = 0; t < self->n_triangles; t++)
    for (int k = 0; k < 3; k++)
      edges[3 * t + k] = ((guint64) self->triangles[3 * t + k] << 32) |
                         self->triangles[3 * t + (k + 1) % 3];
  qsort (edges, *n, sizeof (guint64), compare_u64);
  return edges;
}

/* V − E + F; 2 for a closed sphere-like mesh. */
gint64
vs_surface_get_euler_characteristic (VsSurface *self)
{
  g_autofree guint64 *undirected = NULL;
  gsize n, unique = 0;

  g_return_val_if_fail (VS_IS_SURFACE (self), 0);
  n = (gsize) self->n_triangles * 3;
  undirected = g_new (guint64, MAX (n, 1));
  for (guint t = 0; t < self->n_triangles; t++)
    for (int k = 0; k < 3; k++)
      {
        guint32 a = self->triangles[3 * t + k], b = self->triangles[3 * t + (k + 1) % 3];
        undirected[3 * t + k] = ((guint64) MIN (a, b) << 32) | MAX (a, b);
      }
  qsort (undirected, n, sizeof (guint64), compare_u64);
  for (gsize i = 0; i < n; i++)
    if (i == 0 || undirected[i] != undirected[i - 1])
      unique++;
  return (gint64) self->n_vertices - (gint64) unique + self->n_triangles;
}

/* Every directed edge appears exactly once and its reverse exactly once: closed, manifold along
 * edges, and consistently oriented.  Sorting, not hashing: fast for 300,000-triangle cortices. */
gboolean
vs_surface_is_closed_and_oriented (VsSurface *self)
{
  g_autofree guint64 *edges = NULL;
  gsize n;

  g_return_val_if_fail (VS_IS_SURFACE (self), FALSE);
  if (self->n_triangles == 0)
    return FALSE;
  edges = sorted_directed_edges (self, &n);
  for (gsize i = 0; i < n; i++)
    {
      guint64 reverse = (edges[i] << 32) | (edges[i] >> 32);
      if (i > 0 && edges[i] == edges[i - 1])
        return FALSE;
      if (bsearch (&reverse, edges, n, sizeof (guint64), compare_u64) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Signed volume by the divergence theorem; positive when triangles face outwards. */
double
vs_surface_get_enclosed_volume (VsSurface *self,
                                guint      geometry)
{
  const float *p = vs_surface_get_positions (self, geometry);
  double volume = 0;

  for (guint t = 0; t < self->n_triangles; t++)
    {
      const float *a = p + 3 * self->triangles[3 * t], *b = p + 3 * self->triangles[3 * t + 1],
                  *c = p + 3 * self->triangles[3 * t + 2];
      volume += (double) a[0] * ((double) b[1] * c[2] - (double) b[2] * c[1]) -
                (double) a[1] * ((double) b[0] * c[2] - (double) b[2] * c[0]) +
                (double) a[2] * ((double) b[0] * c[1] - (double) b[1] * c[0]);
    }
  return volume / 6.0;
}
