/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-midline-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vs-midline-panel.h"

/* The midlines being annotated: the plane (normal, offset, angles, score, status), undo and redo,
 * and the per-slice lines with their status; choosing a line moves the cursor to its slice.  The
 * list is rebuilt only when lines or statuses change, not while an end is dragged. */

struct _VsMidlinePanel
{
  GtkBox     parent_instance;
  VsScene   *scene;
  VsMidlineEditor *editor;
  GtkWidget *plane_label;
  GtkWidget *undo;
  GtkWidget *redo;
  GtkWidget *list;
  GtkWidget *counts;
  char      *signature;   /* of what the list shows */
};

G_DEFINE_FINAL_TYPE (VsMidlinePanel, vs_midline_panel, GTK_TYPE_BOX)


/* The statuses as the annotation files spell them, shown translated. */
static const char *const status_words[] G_GNUC_UNUSED = {
  N_("estimated"), N_("edited"), N_("confirmed")
};

static void
vs_midline_panel_dispose (GObject *object)
{
  VsMidlinePanel *self = VS_MIDLINE_PANEL (object);

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->editor);
  g_clear_object (&self->scene);
  g_clear_pointer (&self->signature, g_free);
  G_OBJECT_CLASS (vs_midline_panel_parent_class)->dispose (object);
}

static void
vs_midline_panel_class_init (VsMidlinePanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vs_midline_panel_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "midline-panel");
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, VsMidlinePanel *self)
{
  const VsMidlineAnnotations *annotations = vs_midline_editor_get_annotations (self->editor);
  guint i = (guint) gtk_list_box_row_get_index (row);
  const VsMidlineEntry *e;
  double ijk[3], xyz[3], cursor[3];
  VsVolume *source = vs_midline_editor_get_source (self->editor);

  if (i >= annotations->entries->len)
    return;
  e = &g_array_index (annotations->entries, VsMidlineEntry, i);
  if (e->axis == VS_MIDLINE_AXIS_IMAGE)
    return;
  vs_scene_get_cursor (self->scene, cursor);
  vs_volume_world_to_voxel (source, cursor, ijk);
  ijk[e->axis] = (double) e->index;
  vs_volume_voxel_to_world (source, ijk, xyz);
  vs_scene_set_cursor (self->scene, xyz);
}

static void
rebuild_list (VsMidlinePanel *self)
{
  const VsMidlineAnnotations *annotations = vs_midline_editor_get_annotations (self->editor);
  g_autoptr(GString) signature = g_string_new (NULL);
  guint counts[3] = { 0, 0, 0 };
  GtkWidget *child;

  for (guint i = 0; i < annotations->entries->len; i++)
    {
      const VsMidlineEntry *e = &g_array_index (annotations->entries, VsMidlineEntry, i);
      g_string_append_printf (signature, "%d:%" G_GINT64_FORMAT ":%d;", e->axis, e->index,
                              e->status);
      counts[e->status]++;
    }
  if (g_strcmp0 (signature->str, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_strdup (signature->str);
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  for (guint i = 0; i < annotations->entries->len; i++)
    {
      const VsMidlineEntry *e = &g_array_index (annotations->entries, VsMidlineEntry, i);
      g_autofree char *text = e->image != NULL
        ? g_strdup_printf ("%s — %s", e->image, _(vs_midline_status_to_string (e->status)))
        : g_strdup_printf (_("%s slice %ld — %s"),
                           e->axis == VS_MIDLINE_AXIS_AXIAL ? _("axial") : _("coronal"),
                           (long) e->index, _(vs_midline_status_to_string (e->status)));
      GtkWidget *label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      if (e->status == VS_MIDLINE_CONFIRMED)
        gtk_widget_add_css_class (label, "success");
      else if (e->status == VS_MIDLINE_EDITED)
        gtk_widget_add_css_class (label, "warning");
      gtk_list_box_append (GTK_LIST_BOX (self->list), label);
    }
  {
    g_autofree char *text = g_strdup_printf (_("%u lines: %u estimated, %u edited, %u confirmed"),
                                             annotations->entries->len, counts[0], counts[1],
                                             counts[2]);
    gtk_label_set_text (GTK_LABEL (self->counts), text);
  }
}

static void
update (VsMidlinePanel *self)
{
  const VsMidlineAnnotations *annotations = vs_midline_editor_get_annotations (self->editor);

  if (annotations->has_plane)
    {
      const VsMidplane *p = &annotations->plane;
      g_autofree char *score = isfinite (p->score) ? g_strdup_printf ("%.3f", p->score)
                                                   : g_strdup (_("—"));
      g_autofree char *text =
        g_strdup_printf (_("Plane (%s): normal (%.4f, %.4f, %.4f)\n"
                           "offset %.2f mm · %.2f° from the i axis · symmetry %s"),
                         _(vs_midline_status_to_string (annotations->plane_status)), p->normal[0],
                         p->normal[1], p->normal[2], p->offset, p->angles[0], score);
      gtk_label_set_text (GTK_LABEL (self->plane_label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->plane_label), _("No plane"));
  gtk_widget_set_sensitive (self->undo, vs_midline_editor_can_undo (self->editor));
  gtk_widget_set_sensitive (self->redo, vs_midline_editor_can_redo (self->editor));
  rebuild_list (self);
}

static void
vs_midline_panel_init (VsMidlinePanel *self)
{
  GtkWidget *title = gtk_label_new (_("Midlines"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save As…"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *help = gtk_label_new (_("Drag a line's ends on a slice.\nEnter confirms and goes "
                                     "on;\n[ and ] step through unconfirmed slices."));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 8);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->plane_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->plane_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->plane_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->plane_label, "caption");
  self->undo = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_widget_set_tooltip_text (self->undo, _("Undo (Ctrl+Z)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->undo), "win.midline-undo");
  self->redo = gtk_button_new_from_icon_name ("edit-redo-symbolic");
  gtk_widget_set_tooltip_text (self->redo, _("Redo (Ctrl+Shift+Z)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->redo), "win.midline-redo");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "win.midline-save");
  gtk_box_append (GTK_BOX (buttons), self->undo);
  gtk_box_append (GTK_BOX (buttons), self->redo);
  gtk_box_append (GTK_BOX (buttons), save);
  self->counts = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->counts), 0);
  gtk_widget_add_css_class (self->counts, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (help), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (help), 0);
  gtk_widget_add_css_class (help, "dim-label");
  gtk_widget_add_css_class (help, "caption");
  self->list = gtk_list_box_new ();
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 140);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self), title);
  gtk_box_append (GTK_BOX (self), self->plane_label);
  gtk_box_append (GTK_BOX (self), buttons);
  gtk_box_append (GTK_BOX (self), help);
  gtk_box_append (GTK_BOX (self), self->counts);
  gtk_box_append (GTK_BOX (self), scroller);
}

GtkWidget *
vs_midline_panel_new (void)
{
  return g_object_new (VS_TYPE_MIDLINE_PANEL, NULL);
}

/* Shows @editor's midlines; choosing a line moves @scene's cursor. */
void
vs_midline_panel_set_editor (VsMidlinePanel  *self,
                             VsScene         *scene,
                             VsMidlineEditor *editor)
{
  g_return_if_fail (VS_IS_MIDLINE_PANEL (self));

  g_set_object (&self->scene, scene);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_set_object (&self->editor, editor);
  g_clear_pointer (&self->signature, g_free);
  if (editor == NULL)
    return;
  g_signal_connect_swapped (editor, "changed", G_CALLBACK (update), self);
  update (self);
}

guint
vs_midline_panel_get_n_rows (VsMidlinePanel *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}
