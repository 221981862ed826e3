/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-label-tools"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-label-tools.h"

/* The controls of label editing in the sidebar: the tool (brush, eraser, fill, pick, merge,
 * delete, split), the label painted, the brush size, 3D or in the slice, and buttons for a new
 * label, undo, redo, saving and finishing — the buttons are the window's actions (win.labels-*).
 * It holds the choices; the window does the editing.  "hint" says what a click will do. */

struct _VsLabelTools
{
  GtkBox     parent_instance;
  GtkWidget *title;
  GtkWidget *tools[VS_LABEL_N_TOOLS];
  GtkWidget *label;
  GtkWidget *radius;
  GtkWidget *in_3d;
  GtkWidget *hint;
};

G_DEFINE_FINAL_TYPE (VsLabelTools, vs_label_tools, GTK_TYPE_BOX)

static void
vs_label_tools_class_init (VsLabelToolsClass *klass)
{
}

static GtkWidget *
action_button (const char *label, const char *action, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
vs_label_tools_init (VsLabelTools *self)
{
  const char *names[VS_LABEL_N_TOOLS] = { _("_Brush"), _("_Eraser"), _("_Fill"), _("_Pick"),
                                          _("_Merge"), _("_Delete"), _("_Split") };
  const char *tips[VS_LABEL_N_TOOLS] = {
    _("Paint the label (B); [ and ] change the size"), _("Erase to background (E)"),
    _("Fill the connected region under the click with the label (F)"),
    _("Take the label under the click (I)"),
    _("Click an instance to merge it into the label"), _("Click an instance to delete it"),
    _("Click the part of an instance to keep, then the part to split off") };
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 8);
  self->title = gtk_label_new (_("Edit Labels"));
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_box_append (GTK_BOX (self), self->title);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  for (int t = 0; t < VS_LABEL_N_TOOLS; t++)
    {
      self->tools[t] = gtk_toggle_button_new_with_mnemonic (names[t]);
      gtk_widget_set_tooltip_text (self->tools[t], tips[t]);
      if (t > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->tools[t]),
                                     GTK_TOGGLE_BUTTON (self->tools[0]));
      gtk_grid_attach (GTK_GRID (grid), self->tools[t], t % 4, t / 4, 1, 1);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->tools[0]), TRUE);
  gtk_box_append (GTK_BOX (self), grid);

  self->label = gtk_spin_button_new_with_range (1, G_MAXUINT32, 1);
  gtk_widget_set_tooltip_text (self->label, _("The label painted and filled in"));
  self->radius = gtk_spin_button_new_with_range (0.5, 50, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->radius), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->radius), 3);
  gtk_widget_set_tooltip_text (self->radius, _("Brush radius in voxels"));
  self->in_3d = gtk_check_button_new_with_mnemonic (_("_3D"));
  gtk_widget_set_tooltip_text (self->in_3d, _("Brush as a ball and fill in 3D; otherwise in the "
                                              "slice clicked"));
  gtk_box_append (GTK_BOX (row), gtk_label_new (_("Label")));
  gtk_box_append (GTK_BOX (row), self->label);
  gtk_box_append (GTK_BOX (row), action_button (_("_New"), "win.labels-new",
                                                _("A label no instance has yet")));
  gtk_box_append (GTK_BOX (self), row);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (row), gtk_label_new (_("Size")));
  gtk_box_append (GTK_BOX (row), self->radius);
  gtk_box_append (GTK_BOX (row), self->in_3d);
  gtk_box_append (GTK_BOX (self), row);

  gtk_box_append (GTK_BOX (buttons), action_button (_("_Undo"), "win.labels-undo",
                                                    _("Undo the last edit (Ctrl+Z)")));
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Redo"), "win.labels-redo",
                                                    _("Redo (Shift+Ctrl+Z)")));
  gtk_box_append (GTK_BOX (buttons), action_button (_("Save _As…"), "win.labels-save",
                                                    _("Save the labels as NIfTI or Zarr")));
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Done"), "win.labels-done",
                                                    _("Stop editing; the cursor moves again")));
  gtk_box_append (GTK_BOX (self), buttons);

  self->hint = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->hint), 0);
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_widget_add_css_class (self->hint, "dim-label");
  gtk_box_append (GTK_BOX (self), self->hint);
}

GtkWidget *
vs_label_tools_new (void)
{
  return g_object_new (VS_TYPE_LABEL_TOOLS, NULL);
}

void
vs_label_tools_set_layer_name (VsLabelTools *self,
                               const char   *name)
{
  g_autofree char *title = g_strdup_printf (_("Edit Labels — %s"), name);
  gtk_label_set_text (GTK_LABEL (self->title), title);
}

VsLabelTool
vs_label_tools_get_tool (VsLabelTools *self)
{
  for (int t = 0; t < VS_LABEL_N_TOOLS; t++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->tools[t])))
      return (VsLabelTool) t;
  return VS_LABEL_TOOL_BRUSH;
}

void
vs_label_tools_set_tool (VsLabelTools *self,
                         VsLabelTool   tool)
{
  g_return_if_fail (tool < VS_LABEL_N_TOOLS);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->tools[tool]), TRUE);
}

guint32
vs_label_tools_get_label (VsLabelTools *self)
{
  return (guint32) gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->label));
}

void
vs_label_tools_set_label (VsLabelTools *self,
                          guint32       label)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->label), MAX (label, 1));
}

double
vs_label_tools_get_radius (VsLabelTools *self)
{
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->radius));
}

void
vs_label_tools_set_radius (VsLabelTools *self,
                           double        radius)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->radius), radius);
}

gboolean
vs_label_tools_get_3d (VsLabelTools *self)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (self->in_3d));
}

void
vs_label_tools_set_3d (VsLabelTools *self,
                       gboolean      in_3d)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->in_3d), in_3d);
}

void
vs_label_tools_set_hint (VsLabelTools *self,
                         const char   *hint)
{
  gtk_label_set_text (GTK_LABEL (self->hint), hint != NULL ? hint : "");
}

const char *
vs_label_tools_get_hint (VsLabelTools *self)
{
  return gtk_label_get_text (GTK_LABEL (self->hint));
}
