/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-channels-button"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vs-channels-button.h"

/* The "Channels" button of a multichannel layer's row: a popover to show the channels together
 * or one frame at a time, and each channel's colour and display range. */

static VsLayer *
control_layer (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "layer");
}

static void
on_together (GtkCheckButton *button, gpointer data)
{
  VsLayer *layer = control_layer (GTK_WIDGET (button));

  if (layer != NULL)
    vs_layer_set_composite (layer, gtk_check_button_get_active (button));
}

static void
on_color_set (GtkColorButton *button, gpointer data)
{
  VsLayer *layer = control_layer (GTK_WIDGET (button));
  guint channel = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "channel"));
  GdkRGBA rgba;
  double rgb[3];

  if (layer == NULL)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  rgb[0] = rgba.red;
  rgb[1] = rgba.green;
  rgb[2] = rgba.blue;
  vs_layer_set_channel_color (layer, channel, rgb);
}

static void
on_range_changed (GtkSpinButton *spin, gpointer data)
{
  VsLayer *layer = control_layer (GTK_WIDGET (spin));
  if (g_object_get_data (G_OBJECT (spin), "refreshing") != NULL)
    return;
  guint channel = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "channel"));
  GtkSpinButton *min = g_object_get_data (G_OBJECT (spin), "min");
  GtkSpinButton *max = g_object_get_data (G_OBJECT (spin), "max");

  if (layer != NULL)
    vs_layer_set_channel_range (layer, channel, gtk_spin_button_get_value (min),
                                gtk_spin_button_get_value (max));
}

static void
remember (GtkWidget *widget, VsLayer *layer, guint channel)
{
  g_object_set_data_full (G_OBJECT (widget), "layer", g_object_ref (layer), g_object_unref);
  g_object_set_data (G_OBJECT (widget), "channel", GUINT_TO_POINTER (channel));
}

/* On opening: the ranges as they are now (the histogram may have come since). */
static void
on_popover_show (GtkWidget *popover, GPtrArray *spins)
{
  for (guint i = 0; i < spins->len; i += 2)
    {
      GtkWidget *min = g_ptr_array_index (spins, i), *max = g_ptr_array_index (spins, i + 1);
      VsLayer *layer = control_layer (min);
      guint channel = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (min), "channel"));
      const VsVolumeStats *stats = vs_layer_get_stats (layer);
      double lo, hi;

      vs_layer_get_channel_range (layer, channel, &lo, &hi);
      g_object_set_data (G_OBJECT (min), "refreshing", GINT_TO_POINTER (1));
      g_object_set_data (G_OBJECT (max), "refreshing", GINT_TO_POINTER (1));
      if (stats != NULL)
        {
          double top = MAX (fabs (stats->max), fabs (stats->min)) * 2 + 1;
          gtk_spin_button_set_range (GTK_SPIN_BUTTON (min), -top, top);
          gtk_spin_button_set_range (GTK_SPIN_BUTTON (max), -top, top);
        }
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (min), lo);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (max), hi);
      g_object_set_data (G_OBJECT (min), "refreshing", NULL);
      g_object_set_data (G_OBJECT (max), "refreshing", NULL);
    }
}

GtkWidget *
vs_channels_button_new (VsLayer *layer)
{
  GPtrArray *spins = g_ptr_array_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *together = gtk_check_button_new_with_mnemonic (_("_Channels together"));
  double top = 65535;

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Channels"));
  gtk_widget_set_tooltip_text (button, _("Each channel's colour and range"));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (together), vs_layer_get_composite (layer));
  remember (together, layer, 0);
  g_signal_connect (together, "toggled", G_CALLBACK (on_together), NULL);
  gtk_grid_attach (GTK_GRID (grid), together, 0, 0, 4, 1);
  for (guint c = 0; c < vs_layer_get_n_channels (layer); c++)
    {
      g_autofree char *name = g_strdup_printf (_("Channel %u"), c);
      GtkWidget *color = gtk_color_button_new ();
      GtkWidget *min = gtk_spin_button_new_with_range (-top, top, 1);
      GtkWidget *max = gtk_spin_button_new_with_range (-top, top, 1);
      double rgb[3], lo, hi;
      GdkRGBA rgba;

      vs_layer_get_channel_color (layer, c, rgb);
      vs_layer_get_channel_range (layer, c, &lo, &hi);
      rgba = (GdkRGBA) { (float) rgb[0], (float) rgb[1], (float) rgb[2], 1 };
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &rgba);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (min), lo);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (max), hi);
      gtk_widget_set_tooltip_text (min, _("Shown black at or below"));
      gtk_widget_set_tooltip_text (max, _("Shown in full colour at or above"));
      remember (color, layer, c);
      remember (min, layer, c);
      remember (max, layer, c);
      for (GtkWidget **spin = (GtkWidget *[]) { min, max, NULL }; *spin != NULL; spin++)
        {
          g_object_set_data (G_OBJECT (*spin), "min", min);
          g_object_set_data (G_OBJECT (*spin), "max", max);
          g_signal_connect (*spin, "value-changed", G_CALLBACK (on_range_changed), NULL);
        }
      g_signal_connect (color, "color-set", G_CALLBACK (on_color_set), NULL);
      g_ptr_array_add (spins, min);
      g_ptr_array_add (spins, max);
      gtk_grid_attach (GTK_GRID (grid), gtk_label_new (name), 0, (int) c + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), color, 1, (int) c + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), min, 2, (int) c + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), max, 3, (int) c + 1, 1, 1);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  g_signal_connect_data (popover, "show", G_CALLBACK (on_popover_show), spins,
                         (GClosureNotify) (void (*) (void)) g_ptr_array_unref, 0);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}
