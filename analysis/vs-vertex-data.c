/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-vertex-data"

#include "config.h"

#include <math.h>

#include "vs-vertex-data.h"

struct _VsVertexData
{
  GObject       parent_instance;
  char         *name;
  char         *path;         /* the file it was read from, or NULL */
  guint         n_vertices;
  guint         n_columns;
  float        *values;       /* column after column */
  VsLabelTable *label_table;
};

G_DEFINE_FINAL_TYPE (VsVertexData, vs_vertex_data, G_TYPE_OBJECT)

static void
vs_vertex_data_finalize (GObject *object)
{
  VsVertexData *self = VS_VERTEX_DATA (object);

  g_clear_object (&self->label_table);
  g_free (self->values);
  g_free (self->name);
  g_free (self->path);
  G_OBJECT_CLASS (vs_vertex_data_parent_class)->finalize (object);
}

static void
vs_vertex_data_class_init (VsVertexDataClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vs_vertex_data_finalize;
}

static void
vs_vertex_data_init (VsVertexData *self)
{
}

VsVertexData *
vs_vertex_data_new (const char *name,
                    guint       n_vertices,
                    guint       n_columns)
{
  VsVertexData *self;

  g_return_val_if_fail (n_columns > 0, NULL);
  self = g_object_new (VS_TYPE_VERTEX_DATA, NULL);
  self->name = g_strdup (name);
  self->n_vertices = n_vertices;
  self->n_columns = n_columns;
  self->values = g_new0 (float, MAX ((gsize) n_vertices * n_columns, 1));
  return self;
}

const char *
vs_vertex_data_get_name (VsVertexData *self)
{
  g_return_val_if_fail (VS_IS_VERTEX_DATA (self), NULL);
  return self->name;
}

void
vs_vertex_data_set_name (VsVertexData *self,
                         const char   *name)
{
  g_return_if_fail (VS_IS_VERTEX_DATA (self));
  g_free (self->name);
  self->name = g_strdup (name);
}

guint
vs_vertex_data_get_n_vertices (VsVertexData *self)
{
  g_return_val_if_fail (VS_IS_VERTEX_DATA (self), 0);
  return self->n_vertices;
}

guint
vs_vertex_data_get_n_columns (VsVertexData *self)
{
  g_return_val_if_fail (VS_IS_VERTEX_DATA (self), 0);
  return self->n_columns;
}

float *
vs_vertex_data_get_column (VsVertexData *self,
                           guint         column)
{
  g_return_val_if_fail (VS_IS_VERTEX_DATA (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return self->values + (gsize) column * self->n_vertices;
}

VsLabelTable *
vs_vertex_data_get_label_table (VsVertexData *self)
{
  g_return_val_if_fail (VS_IS_VERTEX_DATA (self), NULL);
  return self->label_table;
}

void
vs_vertex_data_set_label_table (VsVertexData *self,
                                VsLabelTable *table)
{
  g_return_if_fail (VS_IS_VERTEX_DATA (self));
  g_set_object (&self->label_table, table);
}

gboolean
vs_vertex_data_is_label (VsVertexData *self)
{
  g_return_val_if_fail (VS_IS_VERTEX_DATA (self), FALSE);
  return self->label_table != NULL;
}

/* Finite range of one column (0, 0 when it has no finite value). */
void
vs_vertex_data_get_range (VsVertexData *self,
                          guint         column,
                          double       *min,
                          double       *max)
{
  const float *values = vs_vertex_data_get_column (self, column);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  for (guint v = 0; v < self->n_vertices; v++)
    if (isfinite (values[v]))
      {
        lo = MIN (lo, values[v]);
        hi = MAX (hi, values[v]);
      }
  if (lo > hi)
    lo = hi = 0;
  *min = lo;
  *max = hi;
}

/* The file the data was read from (set by the loader), or NULL for computed data. */
const char *
vs_vertex_data_get_path (VsVertexData *self)
{
  g_return_val_if_fail (VS_IS_VERTEX_DATA (self), NULL);
  return self->path;
}

void
vs_vertex_data_set_path (VsVertexData *self,
                         const char   *path)
{
  g_return_if_fail (VS_IS_VERTEX_DATA (self));
  g_free (self->path);
  self->path = g_strdup (path);
}
