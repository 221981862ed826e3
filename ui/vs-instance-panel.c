/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-instance-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-instance-panel.h"

/* The instances of a label layer (neurons of a segmentation): one row each with a box to show or
 * hide it, its label, voxel count and skeleton length (the bounding box in the tooltip).
 * Choosing a row selects the instance and puts the cursor on its skeleton, so every view centres
 * on it; "Only the selected" hides the others.  Below, the scores of the last evaluation against
 * ground truth. */

struct _VsInstancePanel
{
  GtkBox     parent_instance;
  VsScene   *scene;    /* weak */
  VsLayer   *layer;    /* weak: the layer the rows are of */
  GtkWidget *summary;
  GtkWidget *only_selected;
  GtkWidget *sort;     /* by id, by voxels (largest first), by skeleton length (longest first) */
  GtkWidget *list;
  GtkWidget *evaluation;
  GArray    *stats;    /* VsInstanceStats */
};

G_DEFINE_FINAL_TYPE (VsInstancePanel, vs_instance_panel, GTK_TYPE_BOX)

enum { ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
vs_instance_panel_dispose (GObject *object)
{
  VsInstancePanel *self = VS_INSTANCE_PANEL (object);

  g_clear_weak_pointer (&self->scene);
  g_clear_weak_pointer (&self->layer);
  g_clear_pointer (&self->stats, g_array_unref);
  G_OBJECT_CLASS (vs_instance_panel_parent_class)->dispose (object);
}

static void
vs_instance_panel_class_init (VsInstancePanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vs_instance_panel_dispose;
  /* A row was chosen: (row).  The window turns the 3D view to the instance. */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

/* A list row's instance: its index in the stats, whatever the order shown. */
static guint
instance_of (GtkListBoxRow *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (row)),
                                              "stats-index"));
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, VsInstancePanel *self)
{
  vs_instance_panel_activate (self, instance_of (row));
}

static int
compare_rows (GtkListBoxRow *a, GtkListBoxRow *b, gpointer data)
{
  VsInstancePanel *self = data;
  guint ia = instance_of (a), ib = instance_of (b);
  const VsInstanceStats *sa, *sb;
  guint by = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->sort));

  if (self->stats == NULL || ia >= self->stats->len || ib >= self->stats->len)
    return 0;
  sa = &g_array_index (self->stats, VsInstanceStats, ia);
  sb = &g_array_index (self->stats, VsInstanceStats, ib);
  if (by == 1 && sa->n_voxels != sb->n_voxels)
    return sa->n_voxels > sb->n_voxels ? -1 : 1;
  if (by == 2 && sa->skeleton_length != sb->skeleton_length)
    return sa->skeleton_length > sb->skeleton_length ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static void
on_sort_changed (VsInstancePanel *self)
{
  gtk_list_box_invalidate_sort (GTK_LIST_BOX (self->list));
}

static void
on_only_selected (GtkCheckButton *button, VsInstancePanel *self)
{
  if (self->layer != NULL)
    vs_layer_set_only_selected (self->layer, gtk_check_button_get_active (button));
}

static void
vs_instance_panel_init (VsInstancePanel *self)
{
  GtkWidget *title = gtk_label_new (_("Instances"));
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_widget_add_css_class (self->summary, "dim-label");
  self->only_selected = gtk_check_button_new_with_mnemonic (_("_Only the selected instance"));
  g_signal_connect (self->only_selected, "toggled", G_CALLBACK (on_only_selected), self);
  self->sort = gtk_drop_down_new_from_strings ((const char *const[]) {
    C_("sort instances", "by id"), C_("sort instances", "largest first"),
    C_("sort instances", "longest first"), NULL });
  gtk_widget_set_tooltip_text (self->sort, _("Order of the instances"));
  g_signal_connect_swapped (self->sort, "notify::selected", G_CALLBACK (on_sort_changed), self);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), compare_rows, self, NULL);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  self->evaluation = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->evaluation), 0);
  gtk_label_set_selectable (GTK_LABEL (self->evaluation), TRUE);
  gtk_widget_add_css_class (self->evaluation, "monospace");
  gtk_widget_set_visible (self->evaluation, FALSE);
  gtk_box_append (GTK_BOX (self), title);
  gtk_box_append (GTK_BOX (self), self->summary);
  {
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_widget_set_hexpand (self->only_selected, TRUE);
    gtk_box_append (GTK_BOX (line), self->only_selected);
    gtk_box_append (GTK_BOX (line), self->sort);
    gtk_box_append (GTK_BOX (self), line);
  }
  gtk_box_append (GTK_BOX (self), scroller);
  gtk_box_append (GTK_BOX (self), self->evaluation);
}

GtkWidget *
vs_instance_panel_new (VsScene *scene)
{
  VsInstancePanel *self = g_object_new (VS_TYPE_INSTANCE_PANEL, NULL);

  g_set_weak_pointer (&self->scene, scene);
  return GTK_WIDGET (self);
}

static void
on_shown_toggled (GtkCheckButton *button, VsInstancePanel *self)
{
  guint32 id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "instance"));

  if (self->layer != NULL)
    vs_layer_set_label_hidden (self->layer, id, !gtk_check_button_get_active (button));
}

/* Shows @stats (VsInstanceStats, taken) of @layer. */
void
vs_instance_panel_set_stats (VsInstancePanel *self,
                             VsLayer         *layer,
                             GArray          *stats)
{
  g_autofree char *summary = NULL;
  GtkWidget *child;
  const char *unit;

  g_return_if_fail (VS_IS_INSTANCE_PANEL (self));
  g_return_if_fail (VS_IS_LAYER (layer));
  unit = vs_volume_get_spatial_unit (vs_layer_get_volume (layer));
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_clear_pointer (&self->stats, g_array_unref);
  self->stats = stats;
  g_set_weak_pointer (&self->layer, layer);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->only_selected),
                               vs_layer_get_only_selected (layer));
  summary = g_strdup_printf (_("Instances of %s: %u — choose one to go to it"),
                             vs_layer_get_name (layer), stats->len);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  for (guint i = 0; i < stats->len; i++)
    {
      const VsInstanceStats *st = &g_array_index (stats, VsInstanceStats, i);
      g_autofree char *text = g_strdup_printf (_("%g   %lu voxels   length %.1f %s"), st->label,
                                               (unsigned long) st->n_voxels, st->skeleton_length,
                                               unit);
      g_autofree char *box = g_strdup_printf (_("box %ld–%ld × %ld–%ld × %ld–%ld"),
                                              (long) st->lo[0], (long) st->hi[0],
                                              (long) st->lo[1], (long) st->hi[1],
                                              (long) st->lo[2], (long) st->hi[2]);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *shown = gtk_check_button_new ();
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *swatch = gtk_label_new (NULL);
      guint32 id = (guint32) st->label;
      guint8 rgba[4];
      g_autofree char *markup = NULL;

      /* Its colour in the views. */
      vs_layer_get_label_color (layer, id, rgba);
      markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">■</span>", rgba[0], rgba[1],
                                rgba[2]);
      gtk_label_set_markup (GTK_LABEL (swatch), markup);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (shown),
                                   !vs_layer_get_label_hidden (layer, id));
      gtk_widget_set_tooltip_text (shown, _("Show this instance"));
      g_object_set_data (G_OBJECT (shown), "instance", GUINT_TO_POINTER (id));
      g_object_set_data (G_OBJECT (row), "stats-index", GUINT_TO_POINTER (i));
      g_signal_connect (shown, "toggled", G_CALLBACK (on_shown_toggled), self);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_tooltip_text (label, box);
      gtk_box_append (GTK_BOX (row), shown);
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), label);
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
}

VsLayer *
vs_instance_panel_get_layer (VsInstancePanel *self)
{
  g_return_val_if_fail (VS_IS_INSTANCE_PANEL (self), NULL);
  return self->layer;
}

/* Which instance (index of vs_instance_panel_get_row) the list shows at @position, in the order
 * chosen; G_MAXUINT past the end. */
guint
vs_instance_panel_get_shown_instance (VsInstancePanel *self,
                                      guint            position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (VS_IS_INSTANCE_PANEL (self), G_MAXUINT);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), (int) position);
  return row != NULL ? instance_of (row) : G_MAXUINT;
}

/* Orders the list: 0 by id, 1 largest first, 2 longest skeleton first. */
void
vs_instance_panel_set_order (VsInstancePanel *self,
                             guint            order)
{
  g_return_if_fail (VS_IS_INSTANCE_PANEL (self));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->sort), MIN (order, 2));
}

guint
vs_instance_panel_get_n_rows (VsInstancePanel *self)
{
  g_return_val_if_fail (VS_IS_INSTANCE_PANEL (self), 0);
  return self->stats != NULL ? self->stats->len : 0;
}

const VsInstanceStats *
vs_instance_panel_get_row (VsInstancePanel *self,
                           guint            row)
{
  g_return_val_if_fail (VS_IS_INSTANCE_PANEL (self), NULL);
  if (self->stats == NULL || row >= self->stats->len)
    return NULL;
  return &g_array_index (self->stats, VsInstanceStats, row);
}

/* Goes to instance @row: selected in its layer, the cursor on its skeleton, the row selected. */
void
vs_instance_panel_activate (VsInstancePanel *self,
                            guint            row)
{
  const VsInstanceStats *st;

  g_return_if_fail (VS_IS_INSTANCE_PANEL (self));
  st = vs_instance_panel_get_row (self, row);
  if (st == NULL || self->scene == NULL)
    return;
  if (self->layer != NULL)
    vs_layer_set_selected_label (self->layer, (guint32) st->label);
  vs_scene_set_cursor (self->scene, st->centre);
  for (GtkWidget *r = gtk_widget_get_first_child (self->list); r != NULL;
       r = gtk_widget_get_next_sibling (r))
    if (GTK_IS_LIST_BOX_ROW (r) && instance_of (GTK_LIST_BOX_ROW (r)) == row)
      gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (r));
  g_signal_emit (self, signals[ACTIVATED], 0, row);
}

/* The scores of @metrics of @prediction against @truth (names of their layers). */
void
vs_instance_panel_set_evaluation (VsInstancePanel      *self,
                                  const char           *prediction,
                                  const char           *truth,
                                  const VsFisbeMetrics *metrics)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *scores = vs_fisbe_metrics_format_scores (metrics);

  g_return_if_fail (VS_IS_INSTANCE_PANEL (self));
  g_string_append_printf (text, _("%s against %s\n"), prediction, truth);
  g_string_append_printf (text, _("%u ground truth, %u predicted\n"), metrics->n_gt,
                          metrics->n_pred);
  g_string_append (text, scores);
  g_string_append (text, _("clDice >   TP  FP  FN    F1\n"));
  for (int t = 0; t < VS_FISBE_N_THRESHOLDS; t++)
    g_string_append_printf (text, "  %.1f    %4u%4u%4u  %.3f\n", 0.1 * (t + 1),
                            metrics->at[t].tp, metrics->at[t].fp, metrics->at[t].fn,
                            metrics->at[t].f1);
  g_strchomp (text->str);
  gtk_label_set_text (GTK_LABEL (self->evaluation), text->str);
  gtk_widget_set_visible (self->evaluation, TRUE);
}

const char *
vs_instance_panel_get_evaluation_text (VsInstancePanel *self)
{
  g_return_val_if_fail (VS_IS_INSTANCE_PANEL (self), NULL);
  return gtk_widget_get_visible (self->evaluation)
         ? gtk_label_get_text (GTK_LABEL (self->evaluation)) : NULL;
}
