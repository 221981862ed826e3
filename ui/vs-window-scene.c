/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-window-scene"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-scene-file.h"
#include "vs-slice-view.h"
#include "vs-surface-view.h"
#include "vs-window-private.h"

/* Scenes in the window: Save Scene… writes the whole session (files, display settings, cursor,
 * layout, the views' zoom and the 3D camera, the midlines) as a .vscene file; Open Scene… (or
 * opening a .vscene like any file) restores it in this window, replacing what was open. */

gboolean
vs_window_save_scene (VsWindow    *self,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(VsSceneFile) file = NULL;
  VsMidlineEditor *midlines;

  g_return_val_if_fail (VS_IS_WINDOW (self), FALSE);
  if (vs_scene_get_n_layers (self->scene) == 0 &&
      g_list_model_get_n_items (vs_scene_get_surfaces (self->scene)) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Nothing to save: open a volume or a surface first"));
      return FALSE;
    }
  file = vs_scene_file_capture (self->scene, path, error);
  if (file == NULL)
    return FALSE;
  g_free (file->layout);
  file->layout = g_strdup (self->layout != NULL ? self->layout : "grid");
  file->focused_axis = self->focused_axis;
  for (int a = 0; a < 3; a++)
    {
      const VsSliceCamera *camera =
        vs_slice_view_get_camera (VS_SLICE_VIEW (_vs_window_slice_view_for (self, (VsSliceAxis) a)));
      if (camera->width > 0 && camera->mm_per_pixel > 0)
        {
          file->view[a] = *camera;
          file->has_view[a] = TRUE;
        }
    }
  {
    const VsOrbitCamera *camera = vs_surface_view_get_camera (VS_SURFACE_VIEW (self->views[3]));
    if (camera->width > 0 && camera->distance > 0)
      {
        file->camera_3d = *camera;
        file->has_camera_3d = TRUE;
      }
  }
  /* The midlines are kept in their autosave file; the scene points to it, saved now. */
  midlines = vs_scene_get_midlines (self->scene);
  if (midlines != NULL && vs_midline_editor_get_autosave_path (midlines) != NULL &&
      vs_midline_editor_autosave_now (midlines, error))
    file->midlines = g_strdup (vs_midline_editor_get_autosave_path (midlines));
  else if (midlines != NULL && error != NULL && *error != NULL)
    return FALSE;
  return vs_scene_file_write (file, path, error);
}

gboolean
vs_window_open_scene (VsWindow    *self,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(VsSceneFile) file = NULL;
  g_autofree char *name = g_path_get_basename (path);

  g_return_val_if_fail (VS_IS_WINDOW (self), FALSE);
  file = vs_scene_file_read (path, error);
  if (file == NULL)
    return FALSE;
  if (!vs_scene_file_load (file, self->scene, error))
    {
      g_prefix_error (error, _("%s cannot be opened: "), name);
      return FALSE;
    }
  gtk_widget_set_visible (self->midline_panel, FALSE);
  vs_window_set_layout (self, file->layout);
  self->focused_axis = file->focused_axis;
  for (int a = 0; a < 3; a++)
    {
      GtkWidget *view = _vs_window_slice_view_for (self, (VsSliceAxis) a);
      if (file->has_view[a])
        vs_slice_view_set_camera (VS_SLICE_VIEW (view), &file->view[a]);
      else
        vs_slice_view_reset_camera (VS_SLICE_VIEW (view));
    }
  if (file->has_camera_3d)
    vs_surface_view_set_camera (VS_SURFACE_VIEW (self->views[3]), &file->camera_3d);
  if (file->midlines != NULL && !vs_window_open_midlines (self, file->midlines, error))
    {
      g_prefix_error (error, _("%s opened without its midlines: "), name);
      return FALSE;
    }
  return TRUE;
}

static void
save_scene_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _vs_window_choose_file (VS_WINDOW (widget), _("Save Scene"), "session.vscene",
                          _("Voxelscope scenes"), ".vscene", vs_window_save_scene);
}

static void
open_scene_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _vs_window_choose_file (VS_WINDOW (widget), _("Open Scene"), NULL, _("Voxelscope scenes"),
                          ".vscene", vs_window_open_scene);
}

void
_vs_window_install_scene_actions (VsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.scene-save", NULL, save_scene_action);
  gtk_widget_class_install_action (widget_class, "win.scene-open", NULL, open_scene_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.scene-save", NULL);
}
