/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-instance-colors"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vs-datatype.h"
#include "vs-instance-colors.h"

/* Colours for the instances of a label volume such that two instances that touch (26-neighbours)
 * never share one: the touching pairs form a graph, coloured greedily from a palette of
 * distinct colours (Trubetskoy's twenty, in his order, without the navy and the grey that
 * vanish on a black background or in a grey image),
 * most-connected instances first; each instance takes, of the colours none of its neighbours
 * has, the one used least so far, so the colours spread evenly over isolated neurons too.  Only
 * when an instance touches more instances than there are colours can two neighbours match. */

static const guint8 palette[][3] = {
  { 255, 225,  25 },  /* yellow */
  {   0, 130, 200 },  /* blue */
  {  60, 180,  75 },  /* green */
  { 230,  25,  75 },  /* red */
  { 245, 130,  48 },  /* orange */
  { 145,  30, 180 },  /* purple */
  {  70, 240, 240 },  /* cyan */
  { 240,  50, 230 },  /* magenta */
  { 210, 245,  60 },  /* lime */
  { 250, 190, 212 },  /* pink */
  {   0, 128, 128 },  /* teal */
  { 220, 190, 255 },  /* lavender */
  { 170, 110,  40 },  /* brown */
  { 255, 250, 200 },  /* beige */
  { 128,   0,   0 },  /* maroon */
  { 170, 255, 195 },  /* mint */
  { 128, 128,   0 },  /* olive */
  { 255, 215, 180 },  /* apricot */
};
#define N_COLORS ((guint) G_N_ELEMENTS (palette))

typedef struct {
  guint32  id;
  guint    degree;
} Node;

static int
by_degree (gconstpointer a, gconstpointer b)
{
  const Node *x = a, *y = b;
  if (x->degree != y->degree)
    return x->degree > y->degree ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The labels of @frame as ids 0…VS_INSTANCE_COLORS_MAX_ID (0 outside and for what is beyond). */
static guint16 *
read_ids (VsVolume *labels, gint64 frame, guint32 *max_id, GError **error)
{
  VsDatatype type = vs_volume_get_datatype (labels);
  gsize n = vs_volume_get_frame_voxels (labels);
  gconstpointer data = vs_volume_get_frame_data (labels, frame);
  double slope, intercept;
  guint16 *ids = g_try_new (guint16, n);

  if (ids == NULL)
    {
      g_autofree char *name = vs_volume_dup_display_name (labels);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("not enough memory to colour the instances of %s"), name);
      return NULL;
    }
  vs_volume_get_scaling (labels, &slope, &intercept);
  *max_id = 0;
  for (gsize i = 0; i < n; i++)
    {
      double v = vs_datatype_read (type, data, i) * slope + intercept;
      ids[i] = v >= 1 && v <= VS_INSTANCE_COLORS_MAX_ID ? (guint16) v : 0;
      *max_id = MAX (*max_id, ids[i]);
    }
  return ids;
}

/* The pairs of different ids that touch, as (low << 16 | high) keys. */
static GHashTable *
touching_pairs (const guint16 *ids, const gint64 dims[3], GCancellable *cancellable)
{
  GHashTable *pairs = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 nx = dims[0], ny = dims[1], nz = dims[2];
  guint32 last = 0;

  for (gint64 z = 0; z < nz; z++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      for (gint64 y = 0; y < ny; y++)
        for (gint64 x = 0; x < nx; x++)
          {
            gsize i = (gsize) ((z * ny + y) * nx + x);
            guint16 a = ids[i];
            if (a == 0)
              continue;
            /* The 13 forward neighbours: every touching pair once. */
            for (int dz = 0; dz <= 1; dz++)
              for (int dy = dz == 0 ? 0 : -1; dy <= 1; dy++)
                for (int dx = dz == 0 && dy == 0 ? 1 : -1; dx <= 1; dx++)
                  {
                    gint64 xx = x + dx, yy = y + dy, zz = z + dz;
                    guint16 b;
                    guint32 key;
                    if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz >= nz)
                      continue;
                    b = ids[(zz * ny + yy) * nx + xx];
                    if (b == 0 || b == a)
                      continue;
                    key = a < b ? ((guint32) a << 16) | b : ((guint32) b << 16) | a;
                    if (key != last)
                      g_hash_table_add (pairs, GUINT_TO_POINTER (key));
                    last = key;
                  }
          }
    }
  return pairs;
}

/* RGBA for ids 0…@n_ids−1 (id 0 transparent); NULL on cancel or error. */
guint8 *
vs_instance_colors_compute (VsVolume      *labels,
                            gint64         frame,
                            guint32       *n_ids,
                            GCancellable  *cancellable,
                            GError       **error)
{
  gint64 dims[4];
  guint32 max_id;
  g_autofree guint16 *ids = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  g_autofree guint32 *degree = NULL, *offsets = NULL, *fill = NULL, *neighbours = NULL;
  g_autofree gboolean *present = NULL;
  g_autofree guint *used = NULL;
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_autofree gint16 *color = NULL;
  GHashTableIter iter;
  gpointer key;
  guint8 *rgba;
  gsize n;

  g_return_val_if_fail (VS_IS_VOLUME (labels), NULL);
  vs_volume_get_dims (labels, dims);
  ids = read_ids (labels, CLAMP (frame, 0, dims[3] - 1), &max_id, error);
  if (ids == NULL)
    return NULL;
  pairs = touching_pairs (ids, dims, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The graph in compressed rows. */
  degree = g_new0 (guint32, max_id + 2);
  present = g_new0 (gboolean, max_id + 1);
  n = vs_volume_get_frame_voxels (labels);
  for (gsize i = 0; i < n; i++)
    present[ids[i]] = TRUE;
  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 k = GPOINTER_TO_UINT (key);
      degree[k >> 16]++;
      degree[k & 0xffff]++;
    }
  offsets = g_new0 (guint32, max_id + 2);
  for (guint32 id = 0; id <= max_id; id++)
    offsets[id + 1] = offsets[id] + degree[id];
  fill = g_memdup2 (offsets, sizeof (guint32) * (max_id + 2));
  neighbours = g_new (guint32, MAX (offsets[max_id + 1], 1));
  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 k = GPOINTER_TO_UINT (key), a = k >> 16, b = k & 0xffff;
      neighbours[fill[a]++] = b;
      neighbours[fill[b]++] = a;
    }

  for (guint32 id = 1; id <= max_id; id++)
    if (present[id])
      {
        Node node = { id, degree[id] };
        g_array_append_val (nodes, node);
      }
  g_array_sort (nodes, by_degree);
  color = g_new (gint16, max_id + 1);
  memset (color, 0xff, sizeof (gint16) * (max_id + 1));   /* −1: not yet */
  used = g_new0 (guint, N_COLORS);
  for (guint k = 0; k < nodes->len; k++)
    {
      guint32 id = g_array_index (nodes, Node, k).id;
      guint taken[N_COLORS] = { 0 };
      int best = -1;
      for (guint32 e = offsets[id]; e < offsets[id + 1]; e++)
        if (color[neighbours[e]] >= 0)
          taken[color[neighbours[e]]]++;
      /* Free colours first, then the least-used among them (overall); with none free, the one
       * fewest neighbours share. */
      for (guint c = 0; c < N_COLORS; c++)
        if (best < 0 || taken[c] < taken[best] ||
            (taken[c] == taken[best] && used[c] < used[best]))
          best = (int) c;
      color[id] = (gint16) best;
      used[best]++;
    }

  *n_ids = max_id + 1;
  rgba = g_malloc0 ((gsize) (max_id + 1) * 4);
  for (guint32 id = 1; id <= max_id; id++)
    {
      /* Ids absent from the volume (yet — an edit may add them) get a colour by their number. */
      guint c = color[id] >= 0 ? (guint) color[id] : id % N_COLORS;
      memcpy (rgba + id * 4, palette[c], 3);
      rgba[id * 4 + 3] = 255;
    }
  return rgba;
}

/* How many touching pairs of instances share a colour of @rgba (for tests and checks). */
guint
vs_instance_colors_count_clashes (VsVolume     *labels,
                                  gint64        frame,
                                  const guint8 *rgba,
                                  guint32       n_ids)
{
  gint64 dims[4];
  guint32 max_id;
  g_autofree guint16 *ids = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  GHashTableIter iter;
  gpointer key;
  guint clashes = 0;

  vs_volume_get_dims (labels, dims);
  ids = read_ids (labels, CLAMP (frame, 0, dims[3] - 1), &max_id, NULL);
  if (ids == NULL)
    return G_MAXUINT;
  pairs = touching_pairs (ids, dims, NULL);
  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 k = GPOINTER_TO_UINT (key), a = k >> 16, b = k & 0xffff;
      if (a < n_ids && b < n_ids && memcmp (rgba + a * 4, rgba + b * 4, 3) == 0)
        clashes++;
    }
  return clashes;
}
