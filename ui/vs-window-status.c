/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vs-window-private.h"

static char *
format_value (double value)
{
  if (value == floor (value) && fabs (value) < 1e9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.4g", value);
}

/* The status bar: the cursor in world coordinates (in the data's unit), the frame of a series,
 * then for every layer its voxel and value there — a label's name, every channel of a
 * composite — and the picked vertex with its overlays' values. */
void
_vs_window_update_status (VsWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double cursor[3];
  gint64 frame = vs_scene_get_frame (self->scene);
  guint n = vs_scene_get_n_layers (self->scene);

  if (n == 0 && g_list_model_get_n_items (vs_scene_get_surfaces (self->scene)) == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->status_label),
                          _("Open a NIfTI volume or a surface to begin"));
      return;
    }
  vs_scene_get_cursor (self->scene, cursor);
  g_string_append_printf (text, "%.1f, %.1f, %.1f %s", cursor[0], cursor[1], cursor[2],
                          vs_scene_get_spatial_unit (self->scene));
  if (vs_scene_get_n_frames (self->scene) > 1)
    g_string_append_printf (text, "   t = %" G_GINT64_FORMAT, frame);

  for (guint i = 0; i < n; i++)
    {
      VsLayer *layer = vs_scene_get_layer (self->scene, i);
      VsVolume *volume = vs_layer_get_volume (layer);
      gint64 voxel[3];
      double value;

      g_string_append_printf (text, "   │   %s ", vs_layer_get_name (layer));
      if (!vs_volume_sample_world (volume, cursor, frame, &value, voxel))
        {
          g_string_append (text, _("outside"));
          continue;
        }
      g_string_append_printf (text, "[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
                              G_GINT64_FORMAT "] ", voxel[0], voxel[1], voxel[2]);
      if (vs_layer_is_label (layer))
        {
          VsLabelTable *table = vs_volume_get_label_table (volume);
          const VsLabel *label = table != NULL && value >= 0 ?
                                 vs_label_table_lookup (table, (guint32) value) : NULL;
          /* Instances (no table) go by their number alone; a table's gap is "(unnamed)". */
          g_string_append_printf (text, "%.0f %s", value,
                                  label != NULL ? label->name :
                                  value == 0 || table == NULL ? "" : _("(unnamed)"));
        }
      else if (vs_layer_get_composite (layer))
        {
          /* Channels shown together: every channel's value, in channel order. */
          for (guint c = 0; c < vs_layer_get_n_channels (layer); c++)
            {
              g_autofree char *formatted = NULL;
              vs_volume_sample_world (volume, cursor, c, &value, voxel);
              formatted = format_value (value);
              g_string_append_printf (text, "%s%s", c > 0 ? " / " : "", formatted);
            }
        }
      else
        {
          g_autofree char *formatted = format_value (value);
          g_string_append (text, formatted);
        }
    }
  if (self->picked_layer != NULL && memcmp (cursor, self->picked_xyz, sizeof cursor) == 0)
    {
      GListModel *overlays = vs_surface_layer_get_overlays (self->picked_layer);
      g_string_append_printf (text, "   │   %s vertex %u", vs_surface_layer_get_name (self->picked_layer),
                              self->picked_vertex);
      for (guint i = 0; i < g_list_model_get_n_items (overlays); i++)
        {
          g_autoptr(VsVertexLayer) overlay = g_list_model_get_item (overlays, i);
          VsVertexData *data = vs_vertex_layer_get_data (overlay);
          double value = vs_vertex_data_get_column (data, 0)[self->picked_vertex];
          VsLabelTable *table = vs_vertex_data_get_label_table (data);
          const VsLabel *label = table != NULL && value > 0 ?
                                 vs_label_table_lookup (table, (guint32) value) : NULL;
          g_autofree char *formatted = format_value (value);
          g_string_append_printf (text, "   %s %s", vs_vertex_data_get_name (data),
                                  label != NULL ? label->name : formatted);
        }
    }
  gtk_label_set_text (GTK_LABEL (self->status_label), text->str);
}

const char *
vs_window_get_status_text (VsWindow *self)
{
  g_return_val_if_fail (VS_IS_WINDOW (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->status_label));
}
