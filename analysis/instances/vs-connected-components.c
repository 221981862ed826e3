/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-connected-components"

#include "config.h"

#include <string.h>

#include "vs-analysis-error.h"
#include "vs-connected-components.h"

/* 26-connected components of a 3D mask, by runs: every row (fixed y, z) is cut into runs of
 * foreground along x; a run joins the runs of the four rows before it in scan order that it
 * touches, corners included — (y − 1, z) in its own slice and (y − 1, y, y + 1) in the slice
 * below — with union-find on run indices.  Slabs of slices are done on separate threads, each
 * with its own runs, and joined across the slab borders afterwards.  Labels are numbered in the
 * order of each component's first voxel (x fastest, then y, then z).
 *
 * The work is proportional to the number of runs, not of voxels, apart from one pass reading
 * the mask and one writing the labels. */

typedef struct {
  gint32  x0;        /* first voxel */
  gint32  x1;        /* last voxel */
  guint32 parent;    /* union-find, a run index */
} Run;

typedef struct {
  const guint8 *mask;
  gint64        nx, ny;
  gint64        z0, z1;    /* slices of this slab */
  GArray       *runs;      /* Run */
  guint32      *row_start; /* per row of the slab: first run; one more for the end */
  guint32       offset;    /* index of the slab's first run among all runs */
} Slab;

static guint32
find (Run *runs, guint32 i)
{
  guint32 root = i;

  while (runs[root].parent != root)
    root = runs[root].parent;
  while (runs[i].parent != root)
    {
      guint32 next = runs[i].parent;
      runs[i].parent = root;
      i = next;
    }
  return root;
}

/* Joins the two sets, the smaller index becoming the root: roots then always precede their
 * members, which the numbering pass relies on. */
static void
join (Run *runs, guint32 a, guint32 b)
{
  a = find (runs, a);
  b = find (runs, b);
  if (a < b)
    runs[b].parent = a;
  else if (b < a)
    runs[a].parent = b;
}

/* Joins every run of row [first, last) with the touching runs of row [prev, prev_end). */
static void
join_rows (Run *runs, guint32 first, guint32 last, guint32 prev, guint32 prev_end)
{
  guint32 p = prev;

  for (guint32 r = first; r < last; r++)
    {
      /* Runs of the earlier row ending before this one starts (with one voxel of slack for
       * the diagonal) cannot touch this run or any later one. */
      while (p < prev_end && runs[p].x1 < runs[r].x0 - 1)
        p++;
      for (guint32 q = p; q < prev_end && runs[q].x0 <= runs[r].x1 + 1; q++)
        join (runs, r, q);
    }
}

static gpointer
label_slab (gpointer data)
{
  Slab *s = data;
  gint64 rows = (s->z1 - s->z0) * s->ny;

  s->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  s->row_start = g_new (guint32, rows + 1);
  for (gint64 z = s->z0; z < s->z1; z++)
    for (gint64 y = 0; y < s->ny; y++)
      {
        const guint8 *row = s->mask + (z * s->ny + y) * s->nx;
        gint64 local_row = (z - s->z0) * s->ny + y;
        gint64 x = 0;

        s->row_start[local_row] = s->runs->len;
        while (x < s->nx)
          {
            Run run;
            /* Skip background eight voxels at a time where it is all background. */
            for (guint64 eight; x + 8 <= s->nx; x += 8)
              {
                memcpy (&eight, row + x, 8);
                if (eight != 0)
                  break;
              }
            while (x < s->nx && row[x] == 0)
              x++;
            if (x >= s->nx)
              break;
            run.x0 = (gint32) x;
            while (x < s->nx && row[x] != 0)
              x++;
            run.x1 = (gint32) x - 1;
            run.parent = s->runs->len;
            g_array_append_val (s->runs, run);
          }
      }
  s->row_start[rows] = s->runs->len;

  /* Join each row with its earlier neighbours inside the slab. */
  {
    Run *runs = (Run *) s->runs->data;
    for (gint64 z = s->z0; z < s->z1; z++)
      for (gint64 y = 0; y < s->ny; y++)
        {
          gint64 r = (z - s->z0) * s->ny + y;
          guint32 first = s->row_start[r], last = s->row_start[r + 1];
          if (first == last)
            continue;
          if (y > 0)
            join_rows (runs, first, last, s->row_start[r - 1], s->row_start[r]);
          if (z > s->z0)
            for (gint64 dy = -1; dy <= 1; dy++)
              {
                gint64 yy = y + dy, rr = r - s->ny + dy;
                if (yy < 0 || yy >= s->ny)
                  continue;
                join_rows (runs, first, last, s->row_start[rr], s->row_start[rr + 1]);
              }
        }
  }
  return NULL;
}

/* Labels the 26-connected components of the nonzero voxels of @mask (x fastest): @labels gets
 * 1…n (0 for background), numbered by first voxel; returns n.  With @sizes, *sizes gets n + 1
 * voxel counts (index 0 unused).  @n_threads 0 means one per core. */
guint32
vs_connected_components (const guint8   *mask,
                         const gint64    dims[3],
                         guint32        *labels,
                         guint64       **sizes,
                         guint           n_threads,
                         GCancellable   *cancellable,
                         GError        **error)
{
  gint64 nx = dims[0], ny = dims[1], nz = dims[2];
  g_autofree Slab *slabs = NULL;
  g_autofree Run *runs = NULL;
  g_autofree guint32 *label_of = NULL;
  gsize total = 0;
  guint32 n_labels = 0;
  guint n_slabs;

  g_return_val_if_fail (nx > 0 && ny > 0 && nz > 0, 0);
  if (nx > G_MAXINT32 - 2)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "rows of more than 2³¹ voxels are not supported");
      return 0;
    }
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_slabs = (guint) MIN ((gint64) n_threads, nz);
  slabs = g_new0 (Slab, n_slabs);
  {
    g_autofree GThread **threads = g_new0 (GThread *, n_slabs);
    for (guint s = 0; s < n_slabs; s++)
      {
        slabs[s] = (Slab) { mask, nx, ny, nz * s / n_slabs, nz * (s + 1) / n_slabs, NULL, NULL, 0 };
        threads[s] = s + 1 < n_slabs ? g_thread_new ("components", label_slab, &slabs[s]) : NULL;
      }
    label_slab (&slabs[n_slabs - 1]);
    for (guint s = 0; s + 1 < n_slabs; s++)
      g_thread_join (threads[s]);
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  /* All runs in one array, slab after slab, so that run order is scan order. */
  for (guint s = 0; s < n_slabs; s++)
    {
      slabs[s].offset = (guint32) total;
      total += slabs[s].runs->len;
    }
  if (total >= G_MAXUINT32)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_TOO_LARGE,
                   "the mask has more than 2³² runs of foreground");
      goto out;
    }
  runs = g_new (Run, MAX (total, 1));
  for (guint s = 0; s < n_slabs; s++)
    {
      Run *src = (Run *) slabs[s].runs->data;
      for (guint32 i = 0; i < slabs[s].runs->len; i++)
        {
          runs[slabs[s].offset + i] = src[i];
          runs[slabs[s].offset + i].parent += slabs[s].offset;
        }
      for (gint64 r = 0; r <= (slabs[s].z1 - slabs[s].z0) * ny; r++)
        slabs[s].row_start[r] += slabs[s].offset;
      g_clear_pointer (&slabs[s].runs, g_array_unref);
    }
  /* Across each slab border: the first slice of a slab with the last of the one before. */
  for (guint s = 1; s < n_slabs; s++)
    {
      const Slab *below = &slabs[s - 1], *above = &slabs[s];
      gint64 last_slice = (below->z1 - below->z0 - 1) * ny;
      for (gint64 y = 0; y < ny; y++)
        for (gint64 dy = -1; dy <= 1; dy++)
          {
            gint64 yy = y + dy;
            if (yy < 0 || yy >= ny)
              continue;
            join_rows (runs, above->row_start[y], above->row_start[y + 1],
                       below->row_start[last_slice + yy], below->row_start[last_slice + yy + 1]);
          }
    }

  /* Numbers: a root precedes its members, so one pass in run order numbers components by
   * their first run, which is their first voxel in scan order. */
  label_of = g_new (guint32, MAX (total, 1));
  for (gsize i = 0; i < total; i++)
    {
      guint32 root = find (runs, (guint32) i);
      label_of[i] = root == i ? ++n_labels : label_of[root];
    }
  if (sizes != NULL)
    {
      *sizes = g_new0 (guint64, (gsize) n_labels + 1);
      for (gsize i = 0; i < total; i++)
        (*sizes)[label_of[i]] += (guint64) (runs[i].x1 - runs[i].x0 + 1);
    }
  /* Paint: background zero, each run its component's number. */
  memset (labels, 0, (gsize) nx * ny * nz * sizeof (guint32));
  for (guint s = 0; s < n_slabs; s++)
    for (gint64 r = 0; r < (slabs[s].z1 - slabs[s].z0) * ny; r++)
      {
        guint32 *row = labels + ((slabs[s].z0 * ny) + r) * nx;
        for (guint32 i = slabs[s].row_start[r]; i < slabs[s].row_start[r + 1]; i++)
          for (gint32 x = runs[i].x0; x <= runs[i].x1; x++)
            row[x] = label_of[i];
      }

out:
  for (guint s = 0; s < n_slabs; s++)
    {
      g_clear_pointer (&slabs[s].runs, g_array_unref);
      g_free (slabs[s].row_start);
    }
  return n_labels;
}
