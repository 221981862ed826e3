/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-midline-editor"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-midline-editor.h"

/* The midlines being annotated on one volume: every change is one undo step (a whole drag is
 * one change), undo and redo keep copies of the annotations (they are small), and each change is
 * written to the autosave file a moment after it settles, through a temporary file and a rename.
 * "changed" tells the views to redraw; "autosave-failed" carries the reason when a save fails. */


struct _VsMidlineEditor
{
  GObject               parent_instance;
  VsMidlineAnnotations *annotations;
  VsVolume             *source;
  char                 *autosave_path;
  guint                 autosave_delay_ms;
  GPtrArray            *undo;   /* VsMidlineAnnotations, oldest first */
  GPtrArray            *redo;
  guint                 autosave_source;
};

G_DEFINE_FINAL_TYPE (VsMidlineEditor, vs_midline_editor, G_TYPE_OBJECT)

enum { CHANGED, AUTOSAVE_FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
vs_midline_editor_finalize (GObject *object)
{
  VsMidlineEditor *self = VS_MIDLINE_EDITOR (object);

  /* Nothing made is lost: a pending autosave happens now. */
  if (self->autosave_source != 0)
    vs_midline_editor_autosave_now (self, NULL);
  vs_midline_annotations_free (self->annotations);
  g_clear_object (&self->source);
  g_free (self->autosave_path);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  G_OBJECT_CLASS (vs_midline_editor_parent_class)->finalize (object);
}

static void
vs_midline_editor_class_init (VsMidlineEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vs_midline_editor_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[AUTOSAVE_FAILED] = g_signal_new ("autosave-failed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           1, G_TYPE_STRING);
}

static void
vs_midline_editor_init (VsMidlineEditor *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) vs_midline_annotations_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) vs_midline_annotations_free);
}

/* Takes @annotations; @source is the volume they belong to (its grid gives the slices). */
VsMidlineEditor *
vs_midline_editor_new (VsMidlineAnnotations *annotations,
                       VsVolume             *source,
                       const char           *autosave_path)
{
  VsMidlineEditor *self = g_object_new (VS_TYPE_MIDLINE_EDITOR, NULL);

  self->annotations = annotations;
  self->source = g_object_ref (source);
  self->autosave_path = g_strdup (autosave_path);
  self->autosave_delay_ms = 1000;
  return self;
}

const VsMidlineAnnotations *
vs_midline_editor_get_annotations (VsMidlineEditor *self)
{
  g_return_val_if_fail (VS_IS_MIDLINE_EDITOR (self), NULL);
  return self->annotations;
}

VsVolume *
vs_midline_editor_get_source (VsMidlineEditor *self)
{
  g_return_val_if_fail (VS_IS_MIDLINE_EDITOR (self), NULL);
  return self->source;
}

/* How long after an edit settles it is autosaved (the preferences; 1 s by default). */
void
vs_midline_editor_set_autosave_delay (VsMidlineEditor *self,
                                      guint            milliseconds)
{
  g_return_if_fail (VS_IS_MIDLINE_EDITOR (self));
  self->autosave_delay_ms = MAX (milliseconds, 1);
}

const char *
vs_midline_editor_get_autosave_path (VsMidlineEditor *self)
{
  g_return_val_if_fail (VS_IS_MIDLINE_EDITOR (self), NULL);
  return self->autosave_path;
}

gboolean
vs_midline_editor_autosave_now (VsMidlineEditor  *self,
                                GError          **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (VS_IS_MIDLINE_EDITOR (self), FALSE);
  if (self->autosave_source != 0)
    {
      g_source_remove (self->autosave_source);
      self->autosave_source = 0;
    }
  if (self->autosave_path == NULL)
    return TRUE;
  if (!vs_midline_annotations_write (self->annotations, self->autosave_path, &local))
    {
      g_signal_emit (self, signals[AUTOSAVE_FAILED], 0, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static gboolean
autosave_due (gpointer data)
{
  VsMidlineEditor *self = data;

  self->autosave_source = 0;
  vs_midline_editor_autosave_now (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
changed (VsMidlineEditor *self)
{
  self->annotations->edited = g_get_real_time () / G_USEC_PER_SEC;
  if (self->autosave_path != NULL)
    {
      if (self->autosave_source != 0)
        g_source_remove (self->autosave_source);
      self->autosave_source = g_timeout_add (self->autosave_delay_ms, autosave_due, self);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Remembers the annotations as they are, so the change that follows is one undo step. */
void
vs_midline_editor_begin_change (VsMidlineEditor *self)
{
  g_return_if_fail (VS_IS_MIDLINE_EDITOR (self));
  g_ptr_array_add (self->undo, vs_midline_annotations_copy (self->annotations));
  g_ptr_array_set_size (self->redo, 0);
}

/* Moves endpoint @end (0 or 1) of the line of slice @index across @axis to @pixel; a slice
 * without a line gets one through its other end unchanged.  Part of the current change. */
void
vs_midline_editor_move_endpoint (VsMidlineEditor *self,
                                 VsMidlineAxis    axis,
                                 gint64           index,
                                 guint            end,
                                 const double     pixel[2])
{
  VsMidlineEntry *entry;
  double p0[2], p1[2];

  g_return_if_fail (VS_IS_MIDLINE_EDITOR (self));
  entry = vs_midline_annotations_find (self->annotations, axis, index);
  if (entry == NULL)
    return;
  memcpy (p0, entry->line.p0, sizeof p0);
  memcpy (p1, entry->line.p1, sizeof p1);
  memcpy (end == 0 ? p0 : p1, pixel, sizeof p0);
  vs_midline_set_endpoints (&entry->line, p0, p1);
  entry->status = VS_MIDLINE_EDITED;
  changed (self);
}

void
vs_midline_editor_set_plane (VsMidlineEditor *self,
                             const double     normal[3],
                             double           offset)
{
  g_return_if_fail (VS_IS_MIDLINE_EDITOR (self));
  vs_midplane_set (&self->annotations->plane, self->source, normal, offset);
  self->annotations->plane.score = NAN;
  self->annotations->has_plane = TRUE;
  self->annotations->plane_status = VS_MIDLINE_EDITED;
  changed (self);
}

/* Marks the line of slice @index confirmed, as one undoable change; FALSE when there is none. */
gboolean
vs_midline_editor_confirm (VsMidlineEditor *self,
                           VsMidlineAxis    axis,
                           gint64           index)
{
  VsMidlineEntry *entry;

  g_return_val_if_fail (VS_IS_MIDLINE_EDITOR (self), FALSE);
  entry = vs_midline_annotations_find (self->annotations, axis, index);
  if (entry == NULL || entry->status == VS_MIDLINE_CONFIRMED)
    return FALSE;
  vs_midline_editor_begin_change (self);
  entry = vs_midline_annotations_find (self->annotations, axis, index);
  entry->status = VS_MIDLINE_CONFIRMED;
  changed (self);
  return TRUE;
}

static gboolean
step (VsMidlineEditor *self, GPtrArray *from, GPtrArray *to)
{
  if (from->len == 0)
    return FALSE;
  g_ptr_array_add (to, self->annotations);
  self->annotations = g_ptr_array_steal_index (from, from->len - 1);
  changed (self);
  return TRUE;
}

gboolean
vs_midline_editor_undo (VsMidlineEditor *self)
{
  g_return_val_if_fail (VS_IS_MIDLINE_EDITOR (self), FALSE);
  return step (self, self->undo, self->redo);
}

gboolean
vs_midline_editor_redo (VsMidlineEditor *self)
{
  g_return_val_if_fail (VS_IS_MIDLINE_EDITOR (self), FALSE);
  return step (self, self->redo, self->undo);
}

gboolean
vs_midline_editor_can_undo (VsMidlineEditor *self)
{
  return self->undo->len > 0;
}

gboolean
vs_midline_editor_can_redo (VsMidlineEditor *self)
{
  return self->redo->len > 0;
}

/* Saves a copy where the user asks (JSON, or Symbrain CSV for a .csv path). */
gboolean
vs_midline_editor_save (VsMidlineEditor  *self,
                        const char       *path,
                        GError          **error)
{
  g_return_val_if_fail (VS_IS_MIDLINE_EDITOR (self), FALSE);
  if (g_str_has_suffix (path, ".csv"))
    return vs_symbrain_write_csv (self->annotations, path, error);
  return vs_midline_annotations_write (self->annotations, path, error);
}

/* Where the midplane cuts the slice plane through @slice_point with normal @slice_normal, clipped
 * to the source volume's bounds: the segment a–b in world coordinates. */
gboolean
vs_midline_editor_plane_line (VsMidlineEditor *self,
                              const double     slice_point[3],
                              const double     slice_normal[3],
                              double           a[3],
                              double           b[3])
{
  const VsMidplane *plane = &self->annotations->plane;
  const double *n = plane->normal, *m = slice_normal;
  double dir[3] = { n[1] * m[2] - n[2] * m[1], n[2] * m[0] - n[0] * m[2],
                    n[0] * m[1] - n[1] * m[0] };
  double len2 = dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2], lo[3], hi[3];
  double h1 = plane->offset, h2 = m[0] * slice_point[0] + m[1] * slice_point[1] +
                                  m[2] * slice_point[2];
  double p[3], t0 = -INFINITY, t1 = INFINITY;

  if (!self->annotations->has_plane || len2 < 1e-12)
    return FALSE;
  /* The point of both planes closest to the origin: ((h1 m − h2 n) × dir)·… in closed form. */
  {
    double nn = 1, mm = m[0] * m[0] + m[1] * m[1] + m[2] * m[2];
    double nm = n[0] * m[0] + n[1] * m[1] + n[2] * m[2], det = nn * mm - nm * nm;
    double c1 = (h1 * mm - h2 * nm) / det, c2 = (h2 * nn - h1 * nm) / det;
    for (int k = 0; k < 3; k++)
      p[k] = c1 * n[k] + c2 * m[k];
  }
  vs_volume_get_world_bounds (self->source, lo, hi);
  for (int k = 0; k < 3; k++)
    {
      if (fabs (dir[k]) < 1e-12)
        {
          if (p[k] < lo[k] || p[k] > hi[k])
            return FALSE;
          continue;
        }
      {
        double ta = (lo[k] - p[k]) / dir[k], tb = (hi[k] - p[k]) / dir[k];
        t0 = MAX (t0, MIN (ta, tb));
        t1 = MIN (t1, MAX (ta, tb));
      }
    }
  if (!(t1 > t0))
    return FALSE;
  for (int k = 0; k < 3; k++)
    {
      a[k] = p[k] + t0 * dir[k];
      b[k] = p[k] + t1 * dir[k];
    }
  return TRUE;
}

/* The midplane inside the source volume's bounds: the polygon (3 to 6 corners, in order around
 * it) where the plane cuts the bounding box; returns the number of corners. */
guint
vs_midline_editor_plane_polygon (VsMidlineEditor *self,
                                 double           corners[6][3])
{
  const VsMidplane *plane = &self->annotations->plane;
  double lo[3], hi[3], centre[3] = { 0, 0, 0 }, u[3], v[3], angle[6];
  guint n = 0;

  if (!self->annotations->has_plane)
    return 0;
  vs_volume_get_world_bounds (self->source, lo, hi);
  /* The 12 edges: along each axis a, from each of the 4 corners of the other two. */
  for (int a = 0; a < 3 && n < 6; a++)
    for (int c = 0; c < 4 && n < 6; c++)
      {
        int b1 = (a + 1) % 3, b2 = (a + 2) % 3;
        double p[3], q[3], dp, dq;
        p[a] = lo[a];
        q[a] = hi[a];
        p[b1] = q[b1] = (c & 1) ? hi[b1] : lo[b1];
        p[b2] = q[b2] = (c & 2) ? hi[b2] : lo[b2];
        dp = plane->normal[0] * p[0] + plane->normal[1] * p[1] + plane->normal[2] * p[2] -
             plane->offset;
        dq = plane->normal[0] * q[0] + plane->normal[1] * q[1] + plane->normal[2] * q[2] -
             plane->offset;
        if ((dp < 0) == (dq < 0) || dp == dq)
          continue;
        for (int k = 0; k < 3; k++)
          corners[n][k] = p[k] + dp / (dp - dq) * (q[k] - p[k]);
        n++;
      }
  if (n < 3)
    return 0;
  for (guint i = 0; i < n; i++)
    for (int k = 0; k < 3; k++)
      centre[k] += corners[i][k] / n;
  /* Order around the centre, by angle in the plane. */
  {
    const double *nn = plane->normal;
    double helper[3] = { fabs (nn[0]) < 0.9 ? 1 : 0, fabs (nn[0]) < 0.9 ? 0 : 1, 0 }, len;
    u[0] = nn[1] * helper[2] - nn[2] * helper[1];
    u[1] = nn[2] * helper[0] - nn[0] * helper[2];
    u[2] = nn[0] * helper[1] - nn[1] * helper[0];
    len = sqrt (u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    for (int k = 0; k < 3; k++)
      u[k] /= len;
    v[0] = nn[1] * u[2] - nn[2] * u[1];
    v[1] = nn[2] * u[0] - nn[0] * u[2];
    v[2] = nn[0] * u[1] - nn[1] * u[0];
  }
  for (guint i = 0; i < n; i++)
    {
      double d[3] = { corners[i][0] - centre[0], corners[i][1] - centre[1],
                      corners[i][2] - centre[2] };
      angle[i] = atan2 (d[0] * v[0] + d[1] * v[1] + d[2] * v[2],
                        d[0] * u[0] + d[1] * u[1] + d[2] * u[2]);
    }
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && angle[j - 1] > angle[j]; j--)
      {
        double t = angle[j], swap[3];
        angle[j] = angle[j - 1];
        angle[j - 1] = t;
        memcpy (swap, corners[j], sizeof swap);
        memcpy (corners[j], corners[j - 1], sizeof swap);
        memcpy (corners[j - 1], swap, sizeof swap);
      }
  return n;
}
