/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-scene-file"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-colormap.h"
#include "vs-file-saver.h"
#include "vs-image-reader.h"
#include "vs-nifti-writer.h"
#include "vs-scene-file-layer.h"
#include "vs-scene-file-private.h"
#include "vs-scene-file.h"
#include "vs-surface-loader.h"
#include "vs-volume-loader.h"
#include "vs-volume-stats.h"

/* A scene file from and to a VsScene: vs_scene_file_capture takes a scene's layers, surfaces,
 * their display settings and the views (layers an analysis computed are written beside the scene
 * first); vs_scene_file_load opens every file first and only then replaces what the scene held,
 * so a scene with a missing file leaves the window as it was.  Reading and writing the JSON is
 * vs-scene-file.c. */


static void
capture_display (GObject *object, const char *const *names, JsonObject *display)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), names[i]);
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspec == NULL)
        continue;
      g_value_init (&value, pspec->value_type);
      g_object_get_property (object, names[i], &value);
      if (g_str_equal (names[i], "colormap"))
        json_object_set_string_member (display, names[i],
                                       vs_colormap_get_name (g_value_get_uint (&value)));
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        json_object_set_boolean_member (display, names[i], g_value_get_boolean (&value));
      else if (G_VALUE_HOLDS_DOUBLE (&value))
        json_object_set_double_member (display, names[i], g_value_get_double (&value));
      else if (G_VALUE_HOLDS_STRING (&value) && g_value_get_string (&value) != NULL)
        json_object_set_string_member (display, names[i], g_value_get_string (&value));
    }
}

static void
apply_display (GObject *object, JsonObject *display)
{
  g_autoptr(GList) members = json_object_get_members (display);

  g_object_freeze_notify (object);
  /* A volume layer's range is set as a pair, so that no order of the two can invert it. */
  if (VS_IS_LAYER (object) && json_object_has_member (display, "display-min") &&
      json_object_has_member (display, "display-max"))
    vs_layer_set_display_range (VS_LAYER (object),
                                json_object_get_double_member (display, "display-min"),
                                json_object_get_double_member (display, "display-max"));
  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *key = m->data;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), key);
      JsonNode *node = json_object_get_member (display, key);
      VsColormap colormap;

      if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE))
        continue;
      if (VS_IS_LAYER (object) && g_str_has_prefix (key, "display-"))
        continue;
      if (g_str_equal (key, "colormap"))
        {
          if (vs_colormap_from_name (json_node_get_string (node), &colormap))
            g_object_set (object, key, (guint) colormap, NULL);
        }
      else if (pspec->value_type == G_TYPE_BOOLEAN)
        g_object_set (object, key, json_node_get_boolean (node), NULL);
      else if (pspec->value_type == G_TYPE_DOUBLE)
        g_object_set (object, key, json_node_get_double (node), NULL);
      else if (pspec->value_type == G_TYPE_STRING)
        g_object_set (object, key, json_node_get_string (node), NULL);
    }
  g_object_thaw_notify (object);
}

/* A file to refer to (a Zarr array is a folder). */
static gboolean
is_file (const char *path)
{
  return path != NULL && g_path_is_absolute (path) &&
         (g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
          (strstr (path, ".zarr") != NULL && g_file_test (path, G_FILE_TEST_IS_DIR)));
}

/* Where computed data of @scene_path goes: SCENE.data/NAME.EXT, made unique. */
static char *
data_path (const char *scene_path, const char *name, const char *ext, GError **error)
{
  g_autofree char *stem = g_strdup (scene_path);
  g_autofree char *dir = NULL;
  g_autofree char *safe = g_strdup (name != NULL && *name ? name : "data");

  if (g_str_has_suffix (stem, ".vscene"))
    stem[strlen (stem) - 7] = '\0';
  dir = g_strconcat (stem, ".data", NULL);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("%s: cannot make the folder for computed layers: %s"), dir,
                   g_strerror (errsv));
      return NULL;
    }
  g_strcanon (safe, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", '_');
  return g_strdup_printf ("%s/%s%s", dir, safe, ext);
}

/* Per-vertex data computed in the session, as a FreeSurfer curvature file (its first column). */
static gboolean
write_curv (VsVertexData *data, const char *path, GError **error)
{
  guint n = vs_vertex_data_get_n_vertices (data);
  const float *values = vs_vertex_data_get_column (data, 0);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 magic[3] = { 0xff, 0xff, 0xff };
  guint32 header[3] = { GUINT32_TO_BE (n), 0, GUINT32_TO_BE (1) };

  g_byte_array_append (bytes, magic, 3);
  g_byte_array_append (bytes, (const guint8 *) header, sizeof header);
  for (guint i = 0; i < n; i++)
    {
      guint32 bits;
      memcpy (&bits, &values[i], 4);
      bits = GUINT32_TO_BE (bits);
      g_byte_array_append (bytes, (const guint8 *) &bits, 4);
    }
  return vs_file_save_contents (path, bytes->data, (gssize) bytes->len, error);
}

/* The scene's files and display settings; volumes and overlays that exist only in memory are
 * written beside @path (SCENE.data/).  The window adds its layout and cameras. */
VsSceneFile *
vs_scene_file_capture (VsScene     *scene,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(VsSceneFile) self = vs_scene_file_new ();
  GListModel *surfaces = vs_scene_get_surfaces (scene);

  for (guint i = vs_scene_get_n_layers (scene); i > 0; i--)
    {
      VsLayer *layer = vs_scene_get_layer (scene, i - 1);
      VsVolume *volume = vs_layer_get_volume (layer);
      const char *source = vs_volume_get_path (volume);
      VsSceneFileItem *item;

      if (is_file (source))
        item = _vs_scene_file_item_new (source);
      else
        {
          g_autofree char *out = data_path (path, vs_layer_get_name (layer), ".nii.gz", error);
          if (out == NULL || !vs_nifti_write (volume, out, error))
            return NULL;
          item = _vs_scene_file_item_new (out);
        }
      capture_display (G_OBJECT (layer), _vs_scene_file_layer_properties, item->display);
      _vs_scene_file_capture_layer_extras (layer, item->display);
      g_ptr_array_add (self->layers, item);
    }
  for (guint s = 0; s < g_list_model_get_n_items (surfaces); s++)
    {
      g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (surfaces, s);
      VsSurface *surface = vs_surface_layer_get_surface (layer);
      GListModel *overlays = vs_surface_layer_get_overlays (layer);
      VsSceneFileItem *item;

      if (!is_file (vs_surface_get_path (surface)))
        continue;   /* surfaces are always read from files */
      item = _vs_scene_file_item_new (vs_surface_get_path (surface));
      item->geometry = vs_surface_layer_get_geometry (layer);
      capture_display (G_OBJECT (layer), _vs_scene_file_surface_properties, item->display);
      for (guint o = 0; o < g_list_model_get_n_items (overlays); o++)
        {
          g_autoptr(VsVertexLayer) overlay = g_list_model_get_item (overlays, o);
          VsVertexData *data = vs_vertex_layer_get_data (overlay);
          VsSceneFileItem *entry;

          if (is_file (vs_vertex_data_get_path (data)))
            entry = _vs_scene_file_item_new (vs_vertex_data_get_path (data));
          else
            {
              g_autofree char *name = g_strdup_printf ("%s.%s", vs_surface_layer_get_name (layer),
                                                       vs_vertex_data_get_name (data));
              g_autofree char *out = data_path (path, name, ".curv", error);
              if (out == NULL || !write_curv (data, out, error))
                return NULL;
              entry = _vs_scene_file_item_new (out);
            }
          capture_display (G_OBJECT (overlay), _vs_scene_file_layer_properties, entry->display);
          g_ptr_array_add (item->overlays, entry);
        }
      g_ptr_array_add (self->surfaces, item);
    }
  vs_scene_get_cursor (scene, self->cursor);
  self->radiological = vs_scene_get_radiological (scene);
  self->frame = vs_scene_get_frame (scene);
  self->hemisphere_gap = vs_scene_get_hemisphere_gap (scene);
  return g_steal_pointer (&self);
}

static gboolean
is_picture (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".jpg") ||
         g_str_has_suffix (lower, ".jpeg");
}

typedef struct {
  VsVolume      *volume;
  VsVolumeStats *stats;
  GPtrArray     *channel_stats;
} LoadedLayer;

static void
loaded_layer_clear (gpointer data)
{
  LoadedLayer *l = data;

  g_clear_object (&l->volume);
  g_clear_pointer (&l->stats, vs_volume_stats_free);
  g_clear_pointer (&l->channel_stats, g_ptr_array_unref);
}

static void
clear_scene (VsScene *scene)
{
  GListModel *surfaces = vs_scene_get_surfaces (scene);

  vs_scene_set_midlines (scene, NULL);
  while (vs_scene_get_n_layers (scene) > 0)
    vs_scene_remove_layer (scene, vs_scene_get_layer (scene, 0));
  while (g_list_model_get_n_items (surfaces) > 0)
    {
      g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (surfaces, 0);
      vs_scene_remove_surface (scene, layer);
    }
}

/* Reads every file of the scene and, when all could be read, makes @scene show them as saved
 * (replacing what it held).  A file that cannot be read stops it with that file's message, and
 * @scene is left as it was. */
gboolean
vs_scene_file_load (const VsSceneFile  *self,
                    VsScene            *scene,
                    GError            **error)
{
  g_autoptr(GArray) layers = g_array_new (FALSE, TRUE, sizeof (LoadedLayer));
  g_autoptr(GPtrArray) surfaces = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) overlays = g_ptr_array_new_with_free_func (g_object_unref);

  g_array_set_clear_func (layers, loaded_layer_clear);
  for (guint i = 0; i < self->layers->len; i++)
    {
      VsSceneFileItem *item = g_ptr_array_index (self->layers, i);
      LoadedLayer l = { NULL, NULL, NULL };

      l.volume = is_picture (item->path) ? vs_image_read_upright (item->path, error)
                                         : vs_volume_load (item->path, NULL, NULL, NULL, error);
      if (l.volume != NULL)
        l.stats = vs_volume_stats_compute (l.volume, 0, NULL, NULL, error);
      if (l.stats != NULL && vs_layer_volume_has_channels (l.volume) &&
          (l.channel_stats = vs_layer_compute_channel_stats (l.volume, NULL, error)) == NULL)
        g_clear_pointer (&l.stats, vs_volume_stats_free);
      g_array_append_val (layers, l);
      if (l.stats == NULL)
        return FALSE;
    }
  for (guint s = 0; s < self->surfaces->len; s++)
    {
      VsSceneFileItem *item = g_ptr_array_index (self->surfaces, s);
      VsSurface *surface = vs_surface_load (item->path, error);

      if (surface == NULL)
        return FALSE;
      g_ptr_array_add (surfaces, surface);
      if (item->geometry >= vs_surface_get_n_geometries (surface))
        {
          g_autofree char *name = g_path_get_basename (item->path);
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       _("%s has no geometry %u"), name, item->geometry);
          return FALSE;
        }
      for (guint o = 0; o < item->overlays->len; o++)
        {
          VsSceneFileItem *entry = g_ptr_array_index (item->overlays, o);
          VsVertexData *data = vs_vertex_data_load (entry->path,
                                                    vs_surface_get_n_vertices (surface), error);
          if (data == NULL)
            return FALSE;
          g_ptr_array_add (overlays, data);
        }
    }

  clear_scene (scene);
  for (guint i = 0; i < layers->len; i++)
    {
      LoadedLayer *l = &g_array_index (layers, LoadedLayer, i);
      VsLayer *layer = vs_scene_add_volume (scene, l->volume);

      vs_layer_set_stats (layer, g_steal_pointer (&l->stats));
      if (l->channel_stats != NULL)
        vs_layer_set_channel_stats (layer, l->channel_stats);
      vs_layer_color_instances (layer);
      apply_display (G_OBJECT (layer),
                     ((VsSceneFileItem *) g_ptr_array_index (self->layers, i))->display);
      _vs_scene_file_apply_layer_extras (layer, ((VsSceneFileItem *)
                                                 g_ptr_array_index (self->layers, i))->display);
    }
  for (guint s = 0, o = 0; s < surfaces->len; s++)
    {
      VsSceneFileItem *item = g_ptr_array_index (self->surfaces, s);
      VsSurface *surface = g_ptr_array_index (surfaces, s);
      VsSurfaceLayer *layer = vs_scene_add_surface (scene, surface);
      g_autoptr(VsVertexData) curvature = vs_surface_load_curvature (surface);

      if (curvature != NULL)
        vs_surface_layer_set_curvature (layer, curvature);
      vs_surface_layer_set_geometry (layer, item->geometry);
      apply_display (G_OBJECT (layer), item->display);
      for (guint k = 0; k < item->overlays->len; k++, o++)
        {
          VsVertexLayer *overlay = vs_surface_layer_add_overlay (layer,
                                                                 g_ptr_array_index (overlays, o));
          apply_display (G_OBJECT (overlay),
                         ((VsSceneFileItem *) g_ptr_array_index (item->overlays, k))->display);
        }
    }
  vs_scene_set_radiological (scene, self->radiological);
  vs_scene_set_frame (scene, self->frame);
  vs_scene_set_hemisphere_gap (scene, self->hemisphere_gap);
  vs_scene_set_cursor (scene, self->cursor);
  return TRUE;
}
