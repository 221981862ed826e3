/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "vs-slice-view.h"
#include "vs-window-test-support.h"

/* What the display tests share: running the main loop until something holds, and a window
 * that has opened files as a person would. */

/* Iterates the main loop until @done (@data) holds; FALSE after @timeout_ms without it. */
gboolean
vs_test_wait_until (gboolean (*done) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* For vs_test_wait_until: @data, a VsWindow, has no file loading. */
gboolean
vs_test_loads_finished (gpointer data)
{
  return vs_window_get_n_loading (VS_WINDOW (data)) == 0;
}

/* For vs_test_wait_until: every layer of @data, a VsScene, has its statistics. */
gboolean
vs_test_stats_ready (gpointer data)
{
  VsScene *scene = data;

  for (guint i = 0; i < vs_scene_get_n_layers (scene); i++)
    if (vs_layer_get_stats (vs_scene_get_layer (scene, i)) == NULL)
      return FALSE;
  return TRUE;
}

/* The dialog open now (there is one at a time in the tests), or NULL. */
GtkDialog *
vs_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (GTK_IS_DIALOG (window))
        return GTK_DIALOG (window);
    }
  return NULL;
}

/* A shown window that has opened @paths (NULL-terminated) and finished loading them. */
VsWindow *
vs_test_open_window (const char *const *paths)
{
  VsWindow *window = vs_window_new (NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  gtk_window_present (GTK_WINDOW (window));
  vs_window_open_files (window, (GFile **) files->pdata, (int) files->len);
  g_assert_true (vs_test_wait_until (vs_test_loads_finished, window, 60000));
  return window;
}

/* Every widget of @type under @root, in the order they are laid out, into @out. */
void
vs_test_collect_widgets (GtkWidget *root,
                         GType      type,
                         GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (out, child);
      vs_test_collect_widgets (child, type, out);
    }
}

static gboolean
drawn_since (gpointer data)
{
  gpointer *args = data;
  return vs_slice_view_get_frames_drawn (args[0]) > GPOINTER_TO_UINT (args[1]);
}

/* Redraws @window's axial view and returns what Export PNG would write. */
cairo_surface_t *
vs_test_capture_axial (VsWindow *window)
{
  VsSliceView *view = VS_SLICE_VIEW (vs_window_get_slice_view (window, 2));
  gpointer args[2] = { view, GUINT_TO_POINTER (vs_slice_view_get_frames_drawn (view)) };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  gtk_widget_queue_draw (GTK_WIDGET (view));
  gtk_gl_area_queue_render (GTK_GL_AREA (view));
  g_assert_true (vs_test_wait_until (drawn_since, args, 20000));
  surface = vs_slice_view_capture (view, &error);
  g_assert_no_error (error);
  return surface;
}
