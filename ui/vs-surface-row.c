/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-surface-row.h"

/* A surface in the sidebar: visibility, name, which geometry is shown (white, pial, inflated …
 * when several of one topology were opened), remove.  Its overlays follow as layer rows. */

struct _VsSurfaceRow
{
  GtkBox          parent_instance;
  VsSurfaceLayer *layer;
  GtkWidget      *geometry_dropdown;
};

G_DEFINE_FINAL_TYPE (VsSurfaceRow, vs_surface_row, GTK_TYPE_BOX)

enum { REMOVE_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
vs_surface_row_dispose (GObject *object)
{
  g_clear_object (&VS_SURFACE_ROW (object)->layer);
  G_OBJECT_CLASS (vs_surface_row_parent_class)->dispose (object);
}

static void
vs_surface_row_class_init (VsSurfaceRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vs_surface_row_dispose;
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                            1, G_TYPE_OBJECT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "surface-row");
}

static void
vs_surface_row_init (VsSurfaceRow *self)
{
}

static void
on_remove_clicked (VsSurfaceRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0, self->layer);
}

static void
fill_geometries (VsSurfaceRow *self)
{
  VsSurface *surface = vs_surface_layer_get_surface (self->layer);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint g = 0; g < vs_surface_get_n_geometries (surface); g++)
    gtk_string_list_append (names, vs_surface_get_geometry_name (surface, g));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->geometry_dropdown), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->geometry_dropdown),
                              vs_surface_layer_get_geometry (self->layer));
}

GtkWidget *
vs_surface_row_new (VsSurfaceLayer *layer)
{
  VsSurfaceRow *self = g_object_new (VS_TYPE_SURFACE_ROW, "orientation",
                                     GTK_ORIENTATION_HORIZONTAL, "spacing", 6, NULL);
  GtkWidget *visible = gtk_check_button_new ();
  GtkWidget *name = gtk_label_new (vs_surface_layer_get_name (layer));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  self->layer = g_object_ref (layer);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_tooltip_text (visible, _("Show or hide this surface"));
  g_object_bind_property (layer, "visible", visible, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  self->geometry_dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_tooltip_text (self->geometry_dropdown, _("Geometry"));
  fill_geometries (self);
  g_object_bind_property (layer, "geometry", self->geometry_dropdown, "selected",
                          G_BINDING_BIDIRECTIONAL);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this surface"));
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  gtk_box_append (GTK_BOX (self), visible);
  gtk_box_append (GTK_BOX (self), name);
  gtk_box_append (GTK_BOX (self), self->geometry_dropdown);
  gtk_box_append (GTK_BOX (self), remove);
  return GTK_WIDGET (self);
}

VsSurfaceLayer *
vs_surface_row_get_layer (VsSurfaceRow *self)
{
  g_return_val_if_fail (VS_IS_SURFACE_ROW (self), NULL);
  return self->layer;
}
