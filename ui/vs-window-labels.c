/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-labels"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "vs-label-editor.h"
#include "vs-label-tools.h"
#include "vs-slice-view.h"
#include "vs-volume-saver.h"
#include "vs-window-private.h"

/* Editing a label layer in the window (main menu → Neuron Instances → Edit Labels): while it
 * lasts the primary button on a slice works the tool chosen in the sidebar — the brush and
 * eraser paint a disk in the slice (a ball in 3D) along the drag, one undo step per stroke; fill,
 * pick, merge and delete act on the click; split takes two clicks.  Only the box an edit touched
 * is uploaded to the views.  Undo and redo (Ctrl+Z, Shift+Ctrl+Z), a new label, Save As NIfTI,
 * Done.  The other buttons and the wheel still pan and zoom. */

static VsLabelTools *
tools (VsWindow *self)
{
  return VS_LABEL_TOOLS (self->label_tools);
}

static void
update_actions (VsWindow *self)
{
  gboolean editing = self->label_editor != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.labels-undo",
                                 editing && vs_label_editor_can_undo (self->label_editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.labels-redo",
                                 editing && vs_label_editor_can_redo (self->label_editor));
  for (const char *const *name = (const char *const[]) { "win.labels-new", "win.labels-save",
                                                         "win.labels-done", NULL };
       *name != NULL; name++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), *name, editing);
}

/* After an edit: the views upload what changed; a failed autosave is said at once. */
static void
show_change (VsWindow *self, const VsLabelChange *change)
{
  g_autoptr(GError) error = vs_label_editor_take_journal_error (self->label_editor);

  if (change->n_changed > 0 && self->edited_layer != NULL)
    vs_layer_mark_edited (self->edited_layer, change->lo, change->hi);
  if (error != NULL)
    vs_window_show_error (self, error->message);
  update_actions (self);
}

static char *
journal_path_for (VsVolume *volume)
{
  return _vs_window_autosave_path (volume, ".edits", "label-edits");
}

/* A new journal for the edits of @volume; one left from before is kept as .previous. */
static VsLabelJournal *
start_journal (VsWindow *self, VsVolume *volume)
{
  g_autofree char *path = NULL, *previous = NULL;
  g_autoptr(GError) error = NULL;
  VsLabelJournal *journal;

  if (vs_volume_get_path (volume) == NULL)
    return NULL;
  path = journal_path_for (volume);
  previous = g_strconcat (path, ".previous", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_rename (path, previous);
  journal = vs_label_journal_create (path, volume, &error);
  if (journal == NULL)
    vs_window_show_error (self, error->message);
  return journal;
}

/* The voxel axis closest to the normal of @view's slices: a disk is painted, a region filled,
 * in that voxel plane. */
static int
voxel_axis_of (VsWindow *self, VsSliceView *view)
{
  VsVolume *volume = vs_label_editor_get_volume (self->label_editor);
  int world = vs_slice_view_get_axis (view) == VS_SLICE_AXIS_AXIAL ? 2
            : vs_slice_view_get_axis (view) == VS_SLICE_AXIS_CORONAL ? 1 : 0;
  double origin[3], best = -1;
  int axis = world;

  vs_volume_voxel_to_world (volume, (const double[]) { 0, 0, 0 }, origin);
  for (int a = 0; a < 3; a++)
    {
      double step[3] = { 0, 0, 0 }, w[3], len;
      step[a] = 1;
      vs_volume_voxel_to_world (volume, step, w);
      len = sqrt ((w[0] - origin[0]) * (w[0] - origin[0]) + (w[1] - origin[1]) *
                  (w[1] - origin[1]) + (w[2] - origin[2]) * (w[2] - origin[2]));
      if (len > 0 && fabs (w[world] - origin[world]) / len > best)
        {
          best = fabs (w[world] - origin[world]) / len;
          axis = a;
        }
    }
  return axis;
}

static void
paint_along (VsWindow *self, const double from[3], const double to[3], int axis)
{
  double radius = vs_label_tools_get_radius (tools (self));
  guint32 value = vs_label_tools_get_tool (tools (self)) == VS_LABEL_TOOL_ERASER
                ? 0 : vs_label_tools_get_label (tools (self));
  double length = sqrt ((to[0] - from[0]) * (to[0] - from[0]) +
                        (to[1] - from[1]) * (to[1] - from[1]) +
                        (to[2] - from[2]) * (to[2] - from[2]));
  int n = MAX (1, (int) ceil (length / MAX (radius * 0.5, 0.5)));

  /* Dabs close enough along the drag that the stroke has no gaps. */
  for (int k = 1; k <= n; k++)
    {
      double t = (double) k / n, at[3];
      VsLabelChange change;
      for (int a = 0; a < 3; a++)
        at[a] = from[a] + t * (to[a] - from[a]);
      vs_label_editor_paint (self->label_editor, at, radius, axis, value, &change);
      show_change (self, &change);
    }
}

static void
click_tool (VsWindow *self, const gint64 voxel[3], int axis)
{
  VsLabelEditor *editor = self->label_editor;
  guint32 label = vs_label_tools_get_label (tools (self));
  guint32 under = vs_label_editor_get (editor, voxel);
  VsLabelChange change = { { 0 } };
  g_autofree char *hint = NULL;

  switch (vs_label_tools_get_tool (tools (self)))
    {
    case VS_LABEL_TOOL_FILL:
      vs_label_editor_fill (editor, voxel, vs_label_tools_get_3d (tools (self)) ? -1 : axis,
                            label, &change);
      break;
    case VS_LABEL_TOOL_PICK:
      if (under != 0)
        vs_label_tools_set_label (tools (self), under);
      break;
    case VS_LABEL_TOOL_MERGE:
      if (under != 0 && under != label)
        {
          vs_label_editor_replace (editor, under, label, &change);
          hint = g_strdup_printf (_("%u merged into %u"), under, label);
        }
      break;
    case VS_LABEL_TOOL_DELETE:
      if (under != 0)
        {
          vs_label_editor_replace (editor, under, 0, &change);
          hint = g_strdup_printf (_("%u deleted"), under);
        }
      break;
    case VS_LABEL_TOOL_SPLIT:
      if (!self->has_split_seed)
        {
          if (under == 0)
            break;
          memcpy (self->split_seed, voxel, sizeof self->split_seed);
          self->has_split_seed = TRUE;
          hint = g_strdup_printf (_("Now click the part of %u to split off"), under);
        }
      else
        {
          g_autoptr(GError) error = NULL;
          guint32 fresh = vs_label_editor_next_free (editor);
          self->has_split_seed = FALSE;
          if (!vs_label_editor_split (editor, self->split_seed, voxel, fresh, &change, &error))
            vs_window_show_error (self, error->message);
          else
            hint = g_strdup_printf (_("%lu voxels split off as %u"),
                                    (unsigned long) change.n_changed, fresh);
        }
      break;
    default:
      break;
    }
  if (hint != NULL)
    vs_label_tools_set_hint (tools (self), hint);
  show_change (self, &change);
}

static void
on_tool (VsSliceView *view, int phase, double x, double y, double z, VsWindow *self)
{
  VsVolume *volume;
  double world[3] = { x, y, z }, voxel[3];
  gint64 at[3];
  int axis;
  VsLabelTool tool;

  if (self->label_editor == NULL)
    return;
  volume = vs_label_editor_get_volume (self->label_editor);
  vs_volume_world_to_voxel (volume, world, voxel);
  for (int a = 0; a < 3; a++)
    at[a] = (gint64) lround (voxel[a]);
  axis = voxel_axis_of (self, view);
  tool = vs_label_tools_get_tool (tools (self));
  if (tool == VS_LABEL_TOOL_BRUSH || tool == VS_LABEL_TOOL_ERASER)
    {
      /* In the slice: paint in the plane of the voxel under the click. */
      int plane = vs_label_tools_get_3d (tools (self)) ? -1 : axis;
      if (phase == 0)
        {
          vs_label_editor_begin_step (self->label_editor);
          memcpy (self->stroke_last, voxel, sizeof voxel);
        }
      if (plane >= 0)
        voxel[plane] = self->stroke_last[plane];
      paint_along (self, phase == 0 ? voxel : self->stroke_last, voxel, plane);
      memcpy (self->stroke_last, voxel, sizeof voxel);
      if (phase == 2)
        {
          vs_label_editor_end_step (self->label_editor);
          update_actions (self);
        }
      return;
    }
  if (phase == 0)
    click_tool (self, at, axis);
}

static void
set_views_editing (VsWindow *self, gboolean editing)
{
  for (int i = 0; i < 3; i++)
    {
      g_signal_handlers_disconnect_by_func (self->views[i], on_tool, self);
      if (editing)
        g_signal_connect_object (self->views[i], "tool", G_CALLBACK (on_tool), self, 0);
      vs_slice_view_set_tool_active (VS_SLICE_VIEW (self->views[i]), editing);
    }
}

static gboolean
edit_labels (VsWindow *self, VsLayer *layer, VsLabelJournal *journal, GError **error)
{
  VsLabelEditor *editor;
  guint32 selected;

  editor = vs_label_editor_new (vs_layer_get_volume (layer), error);
  if (editor == NULL)
    {
      g_clear_pointer (&journal, vs_label_journal_free);
      return FALSE;
    }
  if (journal == NULL && self->label_recovery_volume == vs_layer_get_volume (layer))
    {
      /* Edited afresh: the edits on offer are kept aside (.previous), no longer offered. */
      g_clear_object (&self->label_recovery_volume);
      gtk_info_bar_set_revealed (GTK_INFO_BAR (self->label_recovery_bar), FALSE);
    }
  vs_label_editor_set_journal (editor, journal != NULL ? journal
                                       : start_journal (self, vs_layer_get_volume (layer)));
  g_clear_pointer (&self->label_editor, vs_label_editor_free);
  self->label_editor = editor;
  g_set_object (&self->edited_layer, layer);
  self->has_split_seed = FALSE;
  selected = vs_layer_get_selected_label (layer);
  vs_label_tools_set_label (tools (self), selected != 0 ? selected
                                          : vs_label_editor_next_free (editor));
  vs_label_tools_set_layer_name (tools (self), vs_layer_get_name (layer));
  vs_label_tools_set_hint (tools (self),
                           vs_label_editor_get_journal (editor) != NULL
                           ? _("The primary button edits; the others pan as ever. Every edit is "
                               "autosaved.")
                           : _("The primary button edits; the others pan as ever. These labels "
                               "have no file yet: Save As… to keep them."));
  gtk_widget_set_visible (self->label_tools, TRUE);
  set_views_editing (self, TRUE);
  update_actions (self);
  return TRUE;
}

/* Starts editing @layer's labels (a label layer with one frame of whole numbers); every edit is
 * journalled beside its file. */
gboolean
vs_window_edit_labels (VsWindow  *self,
                       VsLayer   *layer,
                       GError   **error)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (VS_IS_LAYER (layer), FALSE);
  return edit_labels (self, layer, NULL, error);
}

VsLabelEditor *
vs_window_get_label_editor (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return self->label_editor;
}

GtkWidget *
vs_window_get_label_tools (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return self->label_tools;
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < vs_scene_get_n_layers (self->scene); i++)
    if (vs_layer_is_label (vs_scene_get_layer (self->scene, i)))
      {
        if (!vs_window_edit_labels (self, vs_scene_get_layer (self->scene, i), &error))
          vs_window_show_error (self, error->message);
        return;
      }
  vs_window_show_error (self, _("No label layer to edit: open a segmentation or segment a "
                                "volume first"));
}

static void
done_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  g_clear_pointer (&self->label_editor, vs_label_editor_free);
  g_clear_object (&self->edited_layer);
  gtk_widget_set_visible (self->label_tools, FALSE);
  set_views_editing (self, FALSE);
  update_actions (self);
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  VsLabelChange change;

  if (self->label_editor == NULL)
    return;
  if (g_str_equal (action_name, "win.labels-undo"))
    vs_label_editor_undo (self->label_editor, &change);
  else
    vs_label_editor_redo (self->label_editor, &change);
  show_change (self, &change);
}

/* Ctrl+Z: the labels while they are edited, else the midlines. */
static void
edit_undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  gboolean redo = g_str_equal (action_name, "win.edit-redo");

  if (self->label_editor != NULL)
    undo_action (widget, redo ? "win.labels-redo" : "win.labels-undo", NULL);
  else
    gtk_widget_activate_action (widget, redo ? "win.midline-redo" : "win.midline-undo", NULL);
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);

  if (self->label_editor != NULL)
    vs_label_tools_set_label (tools (self), vs_label_editor_next_free (self->label_editor));
}

/* Tool and size keys, for the hand that is not on the mouse. */
static void
key_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  double radius;

  if (self->label_editor == NULL)
    return;
  radius = vs_label_tools_get_radius (tools (self));
  if (g_str_equal (key, "smaller"))
    vs_label_tools_set_radius (tools (self), MAX (0.5, radius - (radius > 4 ? 1 : 0.5)));
  else if (g_str_equal (key, "bigger"))
    vs_label_tools_set_radius (tools (self), radius + (radius >= 4 ? 1 : 0.5));
  else
    vs_label_tools_set_tool (tools (self), g_str_equal (key, "brush") ? VS_LABEL_TOOL_BRUSH
                             : g_str_equal (key, "eraser") ? VS_LABEL_TOOL_ERASER
                             : g_str_equal (key, "fill") ? VS_LABEL_TOOL_FILL
                             : VS_LABEL_TOOL_PICK);
}

/* Writes the edited labels to @path: NIfTI (and their table, beside) or a Zarr folder. */
gboolean
vs_window_save_labels (VsWindow    *self,
                       const char  *path,
                       GError     **error)
{
  VsVolume *volume;

  g_return_val_if_fail (VS_IS_WINDOW (self), FALSE);
  if (self->label_editor == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No labels are being edited"));
      return FALSE;
    }
  volume = vs_label_editor_get_volume (self->label_editor);
  if (!vs_volume_save (volume, path, error))
    return FALSE;
  /* Saved over the file the edits were journalled against: they are in it now. */
  if (g_strcmp0 (path, vs_volume_get_path (volume)) == 0)
    {
      VsLabelJournal *journal = vs_label_editor_get_journal (self->label_editor);
      if (journal != NULL)
        g_unlink (vs_label_journal_get_path (journal));
      vs_label_editor_set_journal (self->label_editor, start_journal (self, volume));
    }
  return TRUE;
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  VsWindow *self = VS_WINDOW (widget);
  g_autofree char *name = NULL;

  if (self->label_editor == NULL)
    return;
  name = g_strconcat (vs_layer_get_name (self->edited_layer), ".nii.gz", NULL);
  _vs_window_choose_file (self, _("Save Labels (.nii.gz, .nii or .zarr)"), name, NULL, NULL,
                          vs_window_save_labels);
}

/* Offers the journalled edits of @volume (a label volume just opened), if any fit its file. */
void
_vs_window_offer_label_edits (VsWindow *self,
                              VsVolume *volume)
{
  g_autofree char *path = NULL, *name = NULL, *when = NULL, *text = NULL;
  g_autoptr(GDateTime) time = NULL;
  GStatBuf st;

  if (vs_volume_get_path (volume) == NULL ||
      vs_volume_get_intent (volume) != VS_VOLUME_INTENT_LABEL)
    return;
  path = journal_path_for (volume);
  if (g_stat (path, &st) != 0 || !vs_label_journal_matches (path, volume))
    return;
  name = g_path_get_basename (vs_volume_get_path (volume));
  time = g_date_time_new_from_unix_local (st.st_mtime);
  when = g_date_time_format (time, "%e %b %Y, %H:%M:%S");
  text = g_strdup_printf (_("Edits of the labels %s, last on %s, were not saved."), name,
                          g_strstrip (when));
  gtk_label_set_text (GTK_LABEL (self->label_recovery_label), text);
  g_set_object (&self->label_recovery_volume, volume);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->label_recovery_bar), TRUE);
}

const char *
vs_window_get_label_recovery_text (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return _vs_window_info_bar_get_text (self->label_recovery_bar, self->label_recovery_label);
}

/* Replays the offered edits over their labels, which are then edited further (the journal
 * going on). */
gboolean
vs_window_restore_label_edits (VsWindow  *self,
                               GError   **error)
{
  g_autoptr(VsVolume) volume = NULL;
  g_autofree char *path = NULL;
  VsLayer *layer = NULL;
  VsLabelJournal *journal;
  gint64 dims[4], lo[3] = { 0, 0, 0 }, hi[3];

  g_return_val_if_fail (VS_IS_WINDOW (self), FALSE);
  volume = g_steal_pointer (&self->label_recovery_volume);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->label_recovery_bar), FALSE);
  if (volume == NULL)
    return TRUE;
  for (guint i = 0; i < vs_scene_get_n_layers (self->scene) && layer == NULL; i++)
    if (vs_layer_get_volume (vs_scene_get_layer (self->scene, i)) == volume)
      layer = vs_scene_get_layer (self->scene, i);
  if (layer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The labels whose edits were offered are no longer open"));
      return FALSE;
    }
  path = journal_path_for (volume);
  if (!vs_label_journal_replay (path, volume, NULL, error))
    return FALSE;
  vs_volume_get_dims (volume, dims);
  for (int a = 0; a < 3; a++)
    hi[a] = dims[a] - 1;
  vs_layer_mark_edited (layer, lo, hi);
  journal = vs_label_journal_reopen (path, volume, error);
  return journal != NULL && edit_labels (self, layer, journal, error);
}

static void
on_label_recovery_response (GtkInfoBar *bar, int response, VsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && !vs_window_restore_label_edits (self, &error))
    vs_window_show_error (self, error->message);
  gtk_info_bar_set_revealed (bar, FALSE);
}

GtkWidget *
_vs_window_build_label_recovery_bar (VsWindow *self)
{
  self->label_recovery_bar = _vs_window_info_bar_new (GTK_MESSAGE_QUESTION,
                                                      &self->label_recovery_label);
  gtk_info_bar_add_button (GTK_INFO_BAR (self->label_recovery_bar), _("_Restore Edits"),
                           GTK_RESPONSE_ACCEPT);
  g_signal_connect (self->label_recovery_bar, "response",
                    G_CALLBACK (on_label_recovery_response), self);
  return self->label_recovery_bar;
}

GtkWidget *
_vs_window_build_label_tools (VsWindow *self)
{
  GtkWidget *panel = vs_label_tools_new ();

  gtk_widget_set_visible (panel, FALSE);
  return panel;
}

void
_vs_window_install_label_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; const char *name; } keys[] = {
    { GDK_KEY_b, "brush" }, { GDK_KEY_e, "eraser" }, { GDK_KEY_f, "fill" }, { GDK_KEY_i, "pick" },
    { GDK_KEY_bracketleft, "smaller" }, { GDK_KEY_bracketright, "bigger" } };

  gtk_widget_class_install_action (widget_class, "win.labels-edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "win.labels-done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "win.labels-undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.labels-redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.labels-new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.labels-save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.labels-key", "s", key_action);
  gtk_widget_class_install_action (widget_class, "win.edit-undo", NULL, edit_undo_action);
  gtk_widget_class_install_action (widget_class, "win.edit-redo", NULL, edit_undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.edit-undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.edit-redo", NULL);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    gtk_widget_class_add_binding_action (widget_class, keys[k].key, 0, "win.labels-key", "s",
                                         keys[k].name);
}
