/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-label-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vs-datatype.h"
#include "vs-distance-watershed.h"
#include "vs-label-editor.h"
#include "vs-label-journal.h"

/* Editing a label volume in place: brush and eraser (a sphere, or a disk in one slice), flood
 * fill (3D, or in one slice), replacing one label by another (merge, delete), and splitting an
 * instance in two from two seeds by a seeded watershed on its distance transform.
 *
 * Undo keeps only what changed: each step is the runs of consecutive voxel indices it touched
 * (start and length) and, for each voxel, the value it had, in the volume's own type.  Undo
 * swaps those values with the volume's, which leaves the step holding the values to redo — so a
 * step's memory is about the bytes of the voxels it changed, whatever the volume's size.  While
 * a step is open (a brush stroke) changes gather in a list, the first old value of each voxel
 * winning. */

typedef struct {
  guint64 *run_start;
  guint32 *run_length;
  guint    n_runs;
  guint8  *values;      /* value_size × n_voxels, in run order */
  guint64  n_voxels;
  gint64   lo[3], hi[3];
} Step;

typedef struct {
  guint64 index;
  guint64 seq;
  guint64 old;
} Pending;

struct _VsLabelEditor
{
  VsVolume   *labels;
  VsDatatype  type;
  gsize       value_size;
  guint8     *data;
  gint64      dims[3];
  GPtrArray  *undo;        /* Step *, oldest first */
  GPtrArray  *redo;
  GArray     *pending;     /* Pending, of the open step */
  guint64     seq;
  int         depth;       /* of begin_step */
  VsLabelJournal *journal; /* the autosave, or NULL */
  GError     *journal_error;
};

static void
step_free (gpointer data)
{
  Step *step = data;
  g_free (step->run_start);
  g_free (step->run_length);
  g_free (step->values);
  g_free (step);
}

VsLabelEditor *
vs_label_editor_new (VsVolume  *labels,
                     GError   **error)
{
  VsLabelEditor *self;
  gint64 dims[4];
  double slope, intercept;
  g_autofree char *name = NULL;

  g_return_val_if_fail (VS_IS_VOLUME (labels), NULL);
  vs_volume_get_dims (labels, dims);
  vs_volume_get_scaling (labels, &slope, &intercept);
  name = vs_volume_dup_display_name (labels);
  if (!vs_datatype_is_integer (vs_volume_get_datatype (labels)) || slope != 1 || intercept != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s cannot be edited: labels are edited as whole numbers, and it holds %s "
                     "values"), name,
                   slope != 1 || intercept != 0 ? _("scaled")
                   : vs_datatype_get_name (vs_volume_get_datatype (labels)));
      return NULL;
    }
  if (dims[3] != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s cannot be edited: it has %ld frames (one mask per instance); edit a "
                     "label volume with one frame"), name, (long) dims[3]);
      return NULL;
    }
  self = g_new0 (VsLabelEditor, 1);
  self->labels = g_object_ref (labels);
  self->type = vs_volume_get_datatype (labels);
  self->value_size = vs_datatype_get_size (self->type);
  self->data = vs_volume_get_data_mutable (labels);
  memcpy (self->dims, dims, sizeof self->dims);
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  return self;
}

void
vs_label_editor_free (VsLabelEditor *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->labels);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_array_unref (self->pending);
  g_clear_pointer (&self->journal, vs_label_journal_free);
  g_clear_error (&self->journal_error);
  g_free (self);
}

VsVolume *
vs_label_editor_get_volume (VsLabelEditor *self)
{
  return self->labels;
}

static gsize
index_of (VsLabelEditor *self, gint64 x, gint64 y, gint64 z)
{
  return (gsize) ((z * self->dims[1] + y) * self->dims[0] + x);
}

static gboolean
inside (VsLabelEditor *self, gint64 x, gint64 y, gint64 z)
{
  return x >= 0 && y >= 0 && z >= 0 && x < self->dims[0] && y < self->dims[1] &&
         z < self->dims[2];
}

static guint64
read_at (VsLabelEditor *self, gsize index)
{
  double v = vs_datatype_read (self->type, self->data, index);
  return v > 0 ? (guint64) v : 0;
}

guint32
vs_label_editor_get (VsLabelEditor *self,
                     const gint64   voxel[3])
{
  if (!inside (self, voxel[0], voxel[1], voxel[2]))
    return 0;
  return (guint32) read_at (self, index_of (self, voxel[0], voxel[1], voxel[2]));
}

/* One more than the largest label: a label no instance has. */
guint32
vs_label_editor_next_free (VsLabelEditor *self)
{
  gsize n = (gsize) (self->dims[0] * self->dims[1] * self->dims[2]);
  guint64 top = 0;

  for (gsize i = 0; i < n; i++)
    top = MAX (top, read_at (self, i));
  return (guint32) MIN (top + 1, G_MAXUINT32);
}

static void
set_voxel (VsLabelEditor *self, gsize index, guint64 value)
{
  guint64 old = read_at (self, index);
  Pending p;

  if (old == value)
    return;
  p.index = index;
  p.seq = self->seq++;
  p.old = old;
  g_array_append_val (self->pending, p);
  vs_datatype_write (self->type, self->data, index, (double) value);
}

static int
by_index_then_order (gconstpointer a, gconstpointer b)
{
  const Pending *x = a, *y = b;
  if (x->index != y->index)
    return x->index < y->index ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every change to the volume goes to the journal as it is made. */
static void
journal_step (VsLabelEditor *self, const Step *step)
{
  GError *error = NULL;

  if (self->journal == NULL ||
      vs_label_journal_append (self->journal, step->run_start, step->run_length, step->n_runs,
                               &error))
    return;
  if (self->journal_error == NULL)
    self->journal_error = error;
  else
    g_error_free (error);
}

static void
change_from_step (const Step *step, VsLabelChange *change)
{
  if (change == NULL)
    return;
  memcpy (change->lo, step->lo, sizeof change->lo);
  memcpy (change->hi, step->hi, sizeof change->hi);
  change->n_changed = step->n_voxels;
}

/* Turns the gathered changes into a step on the undo stack (nothing when none). */
static void
commit_pending (VsLabelEditor *self, VsLabelChange *change)
{
  GArray *p = self->pending;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint32));
  Step *step;
  guint64 n = 0;

  if (change != NULL)
    memset (change, 0, sizeof *change);
  if (p->len == 0)
    return;
  g_array_sort (p, by_index_then_order);
  step = g_new0 (Step, 1);
  step->values = g_malloc (p->len * self->value_size);
  for (int a = 0; a < 3; a++)
    {
      step->lo[a] = G_MAXINT64;
      step->hi[a] = -1;
    }
  for (guint i = 0; i < p->len; i++)
    {
      const Pending *e = &g_array_index (p, Pending, i);
      gint64 at[3];
      if (i > 0 && g_array_index (p, Pending, i - 1).index == e->index)
        continue;   /* the first old value is the one to go back to */
      if (starts->len > 0 &&
          g_array_index (starts, guint64, starts->len - 1) +
          g_array_index (lengths, guint32, lengths->len - 1) == e->index &&
          g_array_index (lengths, guint32, lengths->len - 1) < G_MAXUINT32)
        g_array_index (lengths, guint32, lengths->len - 1)++;
      else
        {
          guint32 one = 1;
          g_array_append_val (starts, e->index);
          g_array_append_val (lengths, one);
        }
      vs_datatype_write (self->type, step->values, n++, (double) e->old);
      at[0] = (gint64) (e->index % (guint64) self->dims[0]);
      at[1] = (gint64) ((e->index / (guint64) self->dims[0]) % (guint64) self->dims[1]);
      at[2] = (gint64) (e->index / ((guint64) self->dims[0] * (guint64) self->dims[1]));
      for (int a = 0; a < 3; a++)
        {
          step->lo[a] = MIN (step->lo[a], at[a]);
          step->hi[a] = MAX (step->hi[a], at[a]);
        }
    }
  step->values = g_realloc (step->values, MAX (n, 1) * self->value_size);
  step->n_voxels = n;
  step->n_runs = starts->len;
  step->run_start = (guint64 *) g_array_free (g_steal_pointer (&starts), FALSE);
  step->run_length = (guint32 *) g_array_free (g_steal_pointer (&lengths), FALSE);
  g_array_set_size (p, 0);
  g_ptr_array_add (self->undo, step);
  g_ptr_array_set_size (self->redo, 0);
  journal_step (self, step);
  change_from_step (step, change);
}

/* Everything until the matching end_step is one step of undo (a brush stroke). */
void
vs_label_editor_begin_step (VsLabelEditor *self)
{
  self->depth++;
}

void
vs_label_editor_end_step (VsLabelEditor *self)
{
  g_return_if_fail (self->depth > 0);
  if (--self->depth == 0)
    commit_pending (self, NULL);
}

/* After an operation: its own step unless a step is open; @change says where it wrote. */
static void
finish_operation (VsLabelEditor *self, guint first_pending, VsLabelChange *change)
{
  if (self->depth == 0)
    {
      commit_pending (self, change);
      return;
    }
  if (change == NULL)
    return;
  memset (change, 0, sizeof *change);
  for (int a = 0; a < 3; a++)
    {
      change->lo[a] = G_MAXINT64;
      change->hi[a] = -1;
    }
  for (guint i = first_pending; i < self->pending->len; i++)
    {
      guint64 index = g_array_index (self->pending, Pending, i).index;
      gint64 at[3] = { (gint64) (index % (guint64) self->dims[0]),
                       (gint64) ((index / (guint64) self->dims[0]) % (guint64) self->dims[1]),
                       (gint64) (index / ((guint64) self->dims[0] * (guint64) self->dims[1])) };
      for (int a = 0; a < 3; a++)
        {
          change->lo[a] = MIN (change->lo[a], at[a]);
          change->hi[a] = MAX (change->hi[a], at[a]);
        }
      change->n_changed++;
    }
}

/* A ball of @radius voxels around @centre (voxel coordinates), or with @axis 0–2 a disk in the
 * slice through the centre across that axis, set to @value (0: the eraser). */
void
vs_label_editor_paint (VsLabelEditor *self,
                       const double   centre[3],
                       double         radius,
                       int            axis,
                       guint32        value,
                       VsLabelChange *change)
{
  guint first = self->pending->len;
  gint64 lo[3], hi[3];
  double r2 = MAX (radius, 0.5) * MAX (radius, 0.5);

  for (int a = 0; a < 3; a++)
    {
      if (a == axis)
        lo[a] = hi[a] = (gint64) lround (centre[a]);
      else
        {
          lo[a] = (gint64) ceil (centre[a] - radius);
          hi[a] = (gint64) floor (centre[a] + radius);
        }
      lo[a] = MAX (lo[a], 0);
      hi[a] = MIN (hi[a], self->dims[a] - 1);
    }
  for (gint64 z = lo[2]; z <= hi[2]; z++)
    for (gint64 y = lo[1]; y <= hi[1]; y++)
      for (gint64 x = lo[0]; x <= hi[0]; x++)
        {
          double d[3] = { x - centre[0], y - centre[1], z - centre[2] };
          if (axis >= 0)
            d[axis] = 0;
          if (d[0] * d[0] + d[1] * d[1] + d[2] * d[2] <= r2)
            set_voxel (self, index_of (self, x, y, z), value);
        }
  finish_operation (self, first, change);
}

/* The region of voxels equal to the one at @seed and connected to it by faces — in 3D, or with
 * @axis 0–2 within the seed's slice across that axis — set to @value. */
void
vs_label_editor_fill (VsLabelEditor *self,
                      const gint64   seed[3],
                      int            axis,
                      guint32        value,
                      VsLabelChange *change)
{
  static const int steps[6][3] = { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 },
                                   { 0, 0, 1 }, { 0, 0, -1 } };
  guint first = self->pending->len;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
  guint64 target;

  if (!inside (self, seed[0], seed[1], seed[2]))
    {
      finish_operation (self, first, change);
      return;
    }
  target = read_at (self, index_of (self, seed[0], seed[1], seed[2]));
  if (target != value)
    {
      set_voxel (self, index_of (self, seed[0], seed[1], seed[2]), value);
      g_array_append_vals (stack, seed, 1);
    }
  while (stack->len > 0)
    {
      gint64 at[3];
      memcpy (at, (gint64 *) stack->data + 3 * (stack->len - 1), sizeof at);
      g_array_set_size (stack, stack->len - 1);
      for (int s = 0; s < 6; s++)
        {
          gint64 next[3] = { at[0] + steps[s][0], at[1] + steps[s][1], at[2] + steps[s][2] };
          gsize i;
          if ((axis >= 0 && steps[s][axis] != 0) || !inside (self, next[0], next[1], next[2]))
            continue;
          i = index_of (self, next[0], next[1], next[2]);
          if (read_at (self, i) != target)
            continue;
          set_voxel (self, i, value);   /* marks it visited: it no longer equals the target */
          g_array_append_vals (stack, next, 1);
        }
    }
  finish_operation (self, first, change);
}

/* Every voxel labelled @from becomes @to: merging @from into @to, or deleting it (@to 0). */
void
vs_label_editor_replace (VsLabelEditor *self,
                         guint32        from,
                         guint32        to,
                         VsLabelChange *change)
{
  guint first = self->pending->len;
  gsize n = (gsize) (self->dims[0] * self->dims[1] * self->dims[2]);

  if (from != to)
    for (gsize i = 0; i < n; i++)
      if (read_at (self, i) == from)
        set_voxel (self, i, to);
  finish_operation (self, first, change);
}

/* Splits the instance under @keep and @part (the same label) in two by a seeded watershed on
 * its distance transform (3-4-5 chamfer, to the nearest voxel outside it): from both seeds the
 * regions grow over the instance, the voxels deepest inside first, so the cut falls where the
 * instance is thinnest between them.  What grows from @part becomes @new_label. */
gboolean
vs_label_editor_split (VsLabelEditor *self,
                       const gint64   keep[3],
                       const gint64   part[3],
                       guint32        new_label,
                       VsLabelChange *change,
                       GError       **error)
{
  guint first = self->pending->len;
  guint64 label;
  gint64 lo[3], hi[3], bd[3];
  gsize n_box, n = (gsize) (self->dims[0] * self->dims[1] * self->dims[2]);
  g_autofree guint32 *dist = NULL, *region = NULL, *inside_box = NULL;

  if (!inside (self, keep[0], keep[1], keep[2]) || !inside (self, part[0], part[1], part[2]))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Both seeds of a split must be inside the volume"));
      return FALSE;
    }
  label = read_at (self, index_of (self, keep[0], keep[1], keep[2]));
  if (label == 0 || read_at (self, index_of (self, part[0], part[1], part[2])) != label)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Both seeds of a split must be on the same instance"));
      return FALSE;
    }
  if (memcmp (keep, part, sizeof (gint64) * 3) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The two seeds of a split must be different voxels"));
      return FALSE;
    }

  /* The instance's box, one voxel wider (its outside). */
  for (int a = 0; a < 3; a++)
    {
      lo[a] = G_MAXINT64;
      hi[a] = G_MININT64;
    }
  for (gsize i = 0; i < n; i++)
    if (read_at (self, i) == label)
      {
        gint64 at[3] = { (gint64) (i % (gsize) self->dims[0]),
                         (gint64) ((i / (gsize) self->dims[0]) % (gsize) self->dims[1]),
                         (gint64) (i / (gsize) (self->dims[0] * self->dims[1])) };
        for (int a = 0; a < 3; a++)
          {
            lo[a] = MIN (lo[a], at[a] - 1);
            hi[a] = MAX (hi[a], at[a] + 1);
          }
      }
  for (int a = 0; a < 3; a++)
    bd[a] = hi[a] - lo[a] + 1;
  n_box = (gsize) (bd[0] * bd[1] * bd[2]);
  inside_box = g_new0 (guint32, n_box);
  region = g_new0 (guint32, n_box);
#define BOX(x, y, z) ((gsize) (((z) * bd[1] + (y)) * bd[0] + (x)))
  for (gint64 z = 0; z < bd[2]; z++)
    for (gint64 y = 0; y < bd[1]; y++)
      for (gint64 x = 0; x < bd[0]; x++)
        {
          gint64 vx = x + lo[0], vy = y + lo[1], vz = z + lo[2];
          inside_box[BOX (x, y, z)] = inside (self, vx, vy, vz) &&
                                      read_at (self, index_of (self, vx, vy, vz)) == label;
        }
  dist = vs_chamfer_distance (inside_box, bd, NULL, error);
  if (dist == NULL)
    return FALSE;
  region[BOX (keep[0] - lo[0], keep[1] - lo[1], keep[2] - lo[2])] = 1;
  region[BOX (part[0] - lo[0], part[1] - lo[1], part[2] - lo[2])] = 2;
  vs_seeded_watershed (dist, bd, region);

  for (gint64 z = 0; z < bd[2]; z++)
    for (gint64 y = 0; y < bd[1]; y++)
      for (gint64 x = 0; x < bd[0]; x++)
        if (region[BOX (x, y, z)] == 2)
          set_voxel (self, index_of (self, x + lo[0], y + lo[1], z + lo[2]), new_label);
#undef BOX
  finish_operation (self, first, change);
  return TRUE;
}

/* Swaps a step's values with the volume's: undo and redo alike. */
static void
swap_step (VsLabelEditor *self, Step *step)
{
  g_autofree guint8 *tmp = g_malloc (self->value_size);
  guint64 k = 0;

  for (guint r = 0; r < step->n_runs; r++)
    for (guint32 j = 0; j < step->run_length[r]; j++, k++)
      {
        guint8 *volume_value = self->data + (step->run_start[r] + j) * self->value_size;
        guint8 *kept = step->values + k * self->value_size;
        memcpy (tmp, volume_value, self->value_size);
        memcpy (volume_value, kept, self->value_size);
        memcpy (kept, tmp, self->value_size);
      }
}

static gboolean
move_step (VsLabelEditor *self, GPtrArray *from, GPtrArray *to, VsLabelChange *change)
{
  Step *step;

  if (change != NULL)
    memset (change, 0, sizeof *change);
  if (self->depth > 0 || from->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (from, from->len - 1);
  swap_step (self, step);
  g_ptr_array_add (to, step);
  journal_step (self, step);
  change_from_step (step, change);
  return TRUE;
}

gboolean
vs_label_editor_undo (VsLabelEditor *self,
                      VsLabelChange *change)
{
  return move_step (self, self->undo, self->redo, change);
}

gboolean
vs_label_editor_redo (VsLabelEditor *self,
                      VsLabelChange *change)
{
  return move_step (self, self->redo, self->undo, change);
}

gboolean
vs_label_editor_can_undo (VsLabelEditor *self)
{
  return self->depth == 0 && self->undo->len > 0;
}

gboolean
vs_label_editor_can_redo (VsLabelEditor *self)
{
  return self->depth == 0 && self->redo->len > 0;
}

static void
count_history (GPtrArray *steps, gsize value_size, guint64 *bytes, guint64 *voxels)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const Step *step = g_ptr_array_index (steps, i);
      *bytes += step->n_runs * (sizeof (guint64) + sizeof (guint32)) +
                step->n_voxels * value_size + sizeof (Step);
      *voxels += step->n_voxels;
    }
}

/* The memory undo and redo hold. */
guint64
vs_label_editor_get_history_bytes (VsLabelEditor *self)
{
  guint64 bytes = 0, voxels = 0;

  count_history (self->undo, self->value_size, &bytes, &voxels);
  count_history (self->redo, self->value_size, &bytes, &voxels);
  return bytes;
}

/* How many voxel changes undo and redo hold (a voxel counted once per step). */
guint64
vs_label_editor_get_voxels_changed (VsLabelEditor *self)
{
  guint64 bytes = 0, voxels = 0;

  count_history (self->undo, self->value_size, &bytes, &voxels);
  count_history (self->redo, self->value_size, &bytes, &voxels);
  return voxels;
}

/* From now on every edit, undo and redo is appended to @journal (taken). */
void
vs_label_editor_set_journal (VsLabelEditor  *self,
                             VsLabelJournal *journal)
{
  g_clear_pointer (&self->journal, vs_label_journal_free);
  self->journal = journal;
}

VsLabelJournal *
vs_label_editor_get_journal (VsLabelEditor *self)
{
  return self->journal;
}

/* The first failure to write the journal since the last call (a full disk), or NULL. */
GError *
vs_label_editor_take_journal_error (VsLabelEditor *self)
{
  return g_steal_pointer (&self->journal_error);
}
