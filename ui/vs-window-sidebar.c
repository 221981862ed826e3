/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-attention-panel.h"
#include "vs-layer-row.h"
#include "vs-midline-panel.h"
#include "vs-surface-row.h"
#include "vs-voxel-inspector.h"
#include "vs-window-private.h"

/* The window's sidebar: the layer list (a row per layer, drag to reorder, remove), the surfaces,
 * the voxel inspector, the midline panel and the running jobs. */

static void
on_remove_requested (GtkWidget *row, GObject *layer, VsWindow *self)
{
  GListModel *surfaces = vs_scene_get_surfaces (self->scene);

  if (VS_IS_LAYER (layer))
    vs_scene_remove_layer (self->scene, VS_LAYER (layer));
  else if (VS_IS_SURFACE_LAYER (layer))
    vs_scene_remove_surface (self->scene, VS_SURFACE_LAYER (layer));
  else
    for (guint i = 0; i < g_list_model_get_n_items (surfaces); i++)
      {
        g_autoptr(VsSurfaceLayer) surface = g_list_model_get_item (surfaces, i);
        vs_surface_layer_remove_overlay (surface, VS_VERTEX_LAYER (layer));
      }
}

/* Surfaces and their overlays, rebuilt when either list changes. */
static void
rebuild_surface_list (VsWindow *self)
{
  GListModel *surfaces = vs_scene_get_surfaces (self->scene);
  GtkWidget *child;
  guint n = g_list_model_get_n_items (surfaces);

  while ((child = gtk_widget_get_first_child (self->surface_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->surface_list), child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (surfaces, i);
      GListModel *overlays = vs_surface_layer_get_overlays (layer);
      GtkWidget *row = vs_surface_row_new (layer);

      g_signal_connect (row, "remove-requested", G_CALLBACK (on_remove_requested), self);
      gtk_list_box_append (GTK_LIST_BOX (self->surface_list), row);
      for (guint o = g_list_model_get_n_items (overlays); o-- > 0;)
        {
          g_autoptr(GObject) overlay = g_list_model_get_item (overlays, o);
          GtkWidget *overlay_row = vs_layer_row_new (self->scene);
          vs_layer_row_set_layer (VS_LAYER_ROW (overlay_row), overlay);
          gtk_widget_set_margin_start (overlay_row, 24);
          g_signal_connect (overlay_row, "remove-requested", G_CALLBACK (on_remove_requested),
                            self);
          gtk_list_box_append (GTK_LIST_BOX (self->surface_list), overlay_row);
        }
    }
  gtk_widget_set_visible (self->surface_title, n > 0);
  gtk_widget_set_visible (self->surface_list, n > 0);
}

static void
on_surfaces_changed (GListModel *model, guint position, guint removed, guint added,
                     VsWindow *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (model, i);
      g_signal_connect_object (vs_surface_layer_get_overlays (layer), "items-changed",
                               G_CALLBACK (rebuild_surface_list), self, G_CONNECT_SWAPPED);
    }
  rebuild_surface_list (self);
  _vs_window_on_layers_changed (vs_scene_get_layers (self->scene), 0, 0, 0, self);
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *item, VsWindow *self)
{
  GtkWidget *row = vs_layer_row_new (self->scene);

  g_signal_connect (row, "remove-requested", G_CALLBACK (on_remove_requested), self);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *item, VsWindow *self)
{
  vs_layer_row_set_layer (VS_LAYER_ROW (gtk_list_item_get_child (item)),
                          G_OBJECT (gtk_list_item_get_item (item)));
}

static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *item, VsWindow *self)
{
  vs_layer_row_set_layer (VS_LAYER_ROW (gtk_list_item_get_child (item)), NULL);
}

GtkWidget *
_vs_window_build_sidebar (VsWindow *self)
{
  GtkWidget *sidebar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *title = gtk_label_new (_("Layers"));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (title, 8);
  gtk_widget_set_margin_bottom (title, 4);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_margin_start (title, 8);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  selection = gtk_no_selection_new (g_object_ref (vs_scene_get_layers (self->scene)));
  self->layer_list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_widget_add_css_class (self->layer_list, "navigation-sidebar");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->layer_list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->jobs_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (self->jobs_box, 8);
  gtk_widget_set_margin_end (self->jobs_box, 8);
  gtk_widget_set_margin_bottom (self->jobs_box, 8);

  self->surface_title = gtk_label_new (_("Surfaces"));
  gtk_widget_add_css_class (self->surface_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->surface_title), 0);
  gtk_widget_set_margin_start (self->surface_title, 8);
  gtk_widget_set_margin_top (self->surface_title, 8);
  self->surface_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->surface_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->surface_list, "navigation-sidebar");
  gtk_widget_set_visible (self->surface_title, FALSE);
  gtk_widget_set_visible (self->surface_list, FALSE);

  /* The layers above, the surfaces and the analysis panels below in their own scrolled area, the
   * divider between them draggable: however many panels are open, the window keeps its size. */
  {
    GtkWidget *split = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
    GtkWidget *panels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
    GtkWidget *panels_scroller = gtk_scrolled_window_new ();
    GtkWidget *layers = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (layers), title);
    gtk_box_append (GTK_BOX (layers), scrolled);
    gtk_box_append (GTK_BOX (panels), self->surface_title);
    gtk_box_append (GTK_BOX (panels), self->surface_list);
    self->inspector = vs_voxel_inspector_new ();
    gtk_widget_set_visible (self->inspector, FALSE);
    gtk_box_append (GTK_BOX (panels), self->inspector);
    self->attention_panel = vs_attention_panel_new ();
    gtk_widget_set_visible (self->attention_panel, FALSE);
    gtk_box_append (GTK_BOX (panels), self->attention_panel);
    self->midline_panel = vs_midline_panel_new ();
    gtk_widget_set_visible (self->midline_panel, FALSE);
    gtk_box_append (GTK_BOX (panels), self->midline_panel);
    self->instance_panel = _vs_window_build_instance_panel (self);
    gtk_box_append (GTK_BOX (panels), self->instance_panel);
    self->label_tools = _vs_window_build_label_tools (self);
    gtk_box_prepend (GTK_BOX (panels), self->label_tools);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (panels_scroller), panels);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (panels_scroller), GTK_POLICY_NEVER,
                                    GTK_POLICY_AUTOMATIC);
    gtk_paned_set_start_child (GTK_PANED (split), layers);
    gtk_paned_set_end_child (GTK_PANED (split), panels_scroller);
    gtk_paned_set_shrink_start_child (GTK_PANED (split), FALSE);
    gtk_paned_set_shrink_end_child (GTK_PANED (split), FALSE);
    gtk_paned_set_position (GTK_PANED (split), 330);
    gtk_widget_set_vexpand (split, TRUE);
    gtk_box_append (GTK_BOX (sidebar), split);
  }
  gtk_box_append (GTK_BOX (sidebar), self->jobs_box);
  gtk_widget_set_size_request (sidebar, 300, -1);
  g_signal_connect_object (vs_scene_get_surfaces (self->scene), "items-changed",
                           G_CALLBACK (on_surfaces_changed), self, 0);
  return sidebar;
}

