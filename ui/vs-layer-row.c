/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-layer-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vs-channels-button.h"
#include "vs-layer-row.h"

/* One row of the layer list: visibility, name, remove; colormap (or fill/outline for labels),
 * opacity; display range and threshold.  Every control is bound to a property of the same name
 * on a volume layer (VsLayer) or a surface overlay (VsVertexLayer), so a change anywhere shows
 * here.  Volume rows drag to reorder; the bin emits "remove-requested". */

struct _VsLayerRow
{
  GtkBox      parent_instance;
  VsScene    *scene;
  GObject    *layer;
  GPtrArray  *bindings;
  GtkWidget  *visible_check;
  GtkWidget  *name_label;
  GtkWidget  *remove_button;
  GtkWidget  *colormap_dropdown;
  GtkWidget  *outline_dropdown;
  GtkWidget  *opacity_scale;
  GtkWidget  *min_spin;
  GtkWidget  *max_spin;
  GtkWidget  *threshold_spin;
  GtkWidget  *range_box;
  GtkWidget  *middle;
  GtkWidget  *channels_button;   /* multichannel layers */
  gulong      stats_handler;
  gulong      channels_handler;
};

G_DEFINE_FINAL_TYPE (VsLayerRow, vs_layer_row, GTK_TYPE_BOX)

enum { REMOVE_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
unbind_all (VsLayerRow *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
  if (self->layer != NULL && self->stats_handler != 0)
    g_clear_signal_handler (&self->stats_handler, self->layer);
  if (self->layer != NULL && self->channels_handler != 0)
    g_clear_signal_handler (&self->channels_handler, self->layer);
}

static void
vs_layer_row_dispose (GObject *object)
{
  VsLayerRow *self = VS_LAYER_ROW (object);

  if (self->bindings != NULL)
    unbind_all (self);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_object (&self->layer);
  g_clear_object (&self->scene);
  G_OBJECT_CLASS (vs_layer_row_parent_class)->dispose (object);
}

static void
vs_layer_row_class_init (VsLayerRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vs_layer_row_dispose;
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                            1, G_TYPE_OBJECT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "layer-row");
}

static void
bind (VsLayerRow *self, const char *source, gpointer target, const char *target_property)
{
  GBinding *binding = g_object_bind_property (self->layer, source, target, target_property,
                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_ptr_array_add (self->bindings, binding);
}

/* Spin ranges follow the data so a person can reach every value but not type nonsense. */
static void
update_ranges (VsLayerRow *self)
{
  double lo, hi, display_min, display_max, step;
  int digits;

  g_object_get (self->layer, "data-min", &lo, "data-max", &hi, "display-min", &display_min,
                "display-max", &display_max, NULL);
  lo = MIN (lo, display_min);
  hi = MAX (hi, display_max);
  if (hi <= lo)
    hi = lo + 1;
  step = pow (10, floor (log10 ((hi - lo) / 100)));
  digits = step >= 1 ? 0 : MIN ((int) ceil (-log10 (step)), 6);
  for (GtkWidget **spin = (GtkWidget *[]) { self->min_spin, self->max_spin, NULL }; *spin; spin++)
    {
      gtk_spin_button_set_range (GTK_SPIN_BUTTON (*spin), lo - (hi - lo), hi + (hi - lo));
      gtk_spin_button_set_increments (GTK_SPIN_BUTTON (*spin), step, step * 10);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (*spin), digits);
    }
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->threshold_spin), 0,
                             MAX (fabs (lo), fabs (hi)));
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (self->threshold_spin), step, step * 10);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->threshold_spin), digits);
}

static void
on_data_range (GObject *layer, GParamSpec *pspec, VsLayerRow *self)
{
  double display_min, display_max;

  update_ranges (self);
  /* The spin buttons clamp; re-read the layer's range after widening them. */
  g_object_get (layer, "display-min", &display_min, "display-max", &display_max, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->min_spin), display_min);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->max_spin), display_max);
}

static void
on_remove_clicked (VsLayerRow *self)
{
  if (self->layer != NULL)
    g_signal_emit (self, signals[REMOVE_REQUESTED], 0, self->layer);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, VsLayerRow *self)
{
  if (!VS_IS_LAYER (self->layer))
    return NULL;
  return gdk_content_provider_new_typed (VS_TYPE_LAYER, self->layer);
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, VsLayerRow *self)
{
  VsLayer *dropped = g_value_get_object (value);
  guint position;

  if (dropped == NULL || !VS_IS_LAYER (self->layer) || (GObject *) dropped == self->layer)
    return FALSE;
  if (!g_list_store_find (G_LIST_STORE (vs_scene_get_layers (self->scene)), self->layer,
                          &position))
    return FALSE;
  vs_scene_move_layer (self->scene, dropped, position);
  return TRUE;
}

static gboolean
boolean_to_index (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  g_value_set_uint (to, g_value_get_boolean (from) ? 1 : 0);
  return TRUE;
}

static gboolean
index_to_boolean (GBinding *binding, const GValue *from, GValue *to, gpointer data)
{
  g_value_set_boolean (to, g_value_get_uint (from) == 1);
  return TRUE;
}

static GtkWidget *
small_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
new_spin (void)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (-1e9, 1e9, 1);
  gtk_widget_set_hexpand (spin, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  return spin;
}

static void
vs_layer_row_init (VsLayerRow *self)
{
  GtkWidget *top, *middle, *colormap_box;
  g_autoptr(GtkStringList) colormaps = gtk_string_list_new (NULL);
  GtkDragSource *drag;
  GtkDropTarget *drop;

  self->bindings = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->visible_check = gtk_check_button_new ();
  gtk_widget_set_tooltip_text (self->visible_check, _("Show or hide this layer"));
  self->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (self->name_label, TRUE);
  gtk_widget_add_css_class (self->name_label, "heading");
  self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (self->remove_button, "flat");
  gtk_widget_set_tooltip_text (self->remove_button, _("Remove this layer"));
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked), self);
  gtk_box_append (GTK_BOX (top), self->visible_check);
  gtk_box_append (GTK_BOX (top), self->name_label);
  gtk_box_append (GTK_BOX (top), self->remove_button);
  gtk_box_append (GTK_BOX (self), top);

  middle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  colormap_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  for (guint i = 0; i < VS_N_COLORMAPS; i++)
    gtk_string_list_append (colormaps, vs_colormap_get_name (i));
  self->colormap_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (colormaps)), NULL);
  gtk_widget_set_tooltip_text (self->colormap_dropdown, _("Colormap"));
  self->outline_dropdown = gtk_drop_down_new_from_strings ((const char *[]) {
    C_("label drawing", "Fill"), C_("label drawing", "Outline"), NULL });
  gtk_widget_set_tooltip_text (self->outline_dropdown, _("Draw labels filled or as outlines"));
  gtk_box_append (GTK_BOX (colormap_box), self->colormap_dropdown);
  gtk_box_append (GTK_BOX (colormap_box), self->outline_dropdown);
  self->opacity_scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 0.05);
  gtk_scale_set_draw_value (GTK_SCALE (self->opacity_scale), FALSE);
  gtk_widget_set_hexpand (self->opacity_scale, TRUE);
  gtk_widget_set_tooltip_text (self->opacity_scale, _("Opacity"));
  gtk_box_append (GTK_BOX (middle), colormap_box);
  gtk_box_append (GTK_BOX (middle), small_label (_("Opacity")));
  gtk_box_append (GTK_BOX (middle), self->opacity_scale);
  self->middle = middle;
  gtk_box_append (GTK_BOX (self), middle);

  self->range_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  self->min_spin = new_spin ();
  self->max_spin = new_spin ();
  self->threshold_spin = new_spin ();
  gtk_widget_set_tooltip_text (self->min_spin, _("Display minimum"));
  gtk_widget_set_tooltip_text (self->max_spin, _("Display maximum"));
  gtk_widget_set_tooltip_text (self->threshold_spin,
                               _("Threshold: voxels with |value| below it are transparent"));
  gtk_box_append (GTK_BOX (self->range_box), small_label (_("Range")));
  gtk_box_append (GTK_BOX (self->range_box), self->min_spin);
  gtk_box_append (GTK_BOX (self->range_box), self->max_spin);
  gtk_box_append (GTK_BOX (self->range_box), small_label (_("Thr")));
  gtk_box_append (GTK_BOX (self->range_box), self->threshold_spin);
  gtk_box_append (GTK_BOX (self), self->range_box);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (self->name_label, GTK_EVENT_CONTROLLER (drag));
  drop = gtk_drop_target_new (VS_TYPE_LAYER, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
vs_layer_row_new (VsScene *scene)
{
  VsLayerRow *self = g_object_new (VS_TYPE_LAYER_ROW, NULL);
  self->scene = g_object_ref (scene);
  return GTK_WIDGET (self);
}

GObject *
vs_layer_row_get_layer (VsLayerRow *self)
{
  g_return_val_if_fail (VS_IS_LAYER_ROW (self), NULL);
  return self->layer;
}

/* The controls the layer's kind uses: labels an outline choice; channels shown together their
 * popover (each its colour and range) instead of the colormap and the range. */
static void
update_controls (VsLayerRow *self)
{
  gboolean is_label, is_rgb, composite;

  g_object_get (self->layer, "is-label", &is_label, NULL);
  is_rgb = VS_IS_LAYER (self->layer) &&
           vs_volume_get_intent (vs_layer_get_volume (VS_LAYER (self->layer))) ==
           VS_VOLUME_INTENT_RGB;
  composite = VS_IS_LAYER (self->layer) && vs_layer_get_composite (VS_LAYER (self->layer));
  gtk_widget_set_visible (self->colormap_dropdown, !is_label && !composite);
  gtk_widget_set_visible (self->outline_dropdown, is_label);
  gtk_widget_set_visible (self->range_box, !is_label && !is_rgb && !composite);
}

void
vs_layer_row_set_layer (VsLayerRow *self,
                        GObject    *layer)
{
  g_return_if_fail (VS_IS_LAYER_ROW (self));

  unbind_all (self);
  g_set_object (&self->layer, layer);
  if (self->channels_button != NULL)
    {
      gtk_box_remove (GTK_BOX (self->middle), self->channels_button);
      self->channels_button = NULL;
    }
  if (layer == NULL)
    return;
  if (VS_IS_LAYER (layer) && vs_layer_get_n_channels (VS_LAYER (layer)) > 0)
    {
      self->channels_button = vs_channels_button_new (VS_LAYER (layer));
      gtk_box_append (GTK_BOX (self->middle), self->channels_button);
    }

  update_controls (self);
  if (VS_IS_LAYER (layer))
    self->channels_handler = g_signal_connect_swapped (layer, "notify::channel-serial",
                                                       G_CALLBACK (update_controls), self);
  update_ranges (self);

  bind (self, "visible", self->visible_check, "active");
  bind (self, "name", self->name_label, "label");
  bind (self, "colormap", self->colormap_dropdown, "selected");
  g_ptr_array_add (self->bindings,
                   g_object_bind_property_full (layer, "label-outline", self->outline_dropdown,
                                                "selected",
                                                G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                boolean_to_index, index_to_boolean, NULL, NULL));
  bind (self, "opacity", gtk_range_get_adjustment (GTK_RANGE (self->opacity_scale)), "value");
  bind (self, "display-min", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (self->min_spin)),
        "value");
  bind (self, "display-max", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (self->max_spin)),
        "value");
  bind (self, "threshold",
        gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (self->threshold_spin)), "value");
  self->stats_handler = g_signal_connect (layer, "notify::data-max", G_CALLBACK (on_data_range),
                                          self);
}
