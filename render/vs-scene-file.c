/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-scene-file"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-colormap.h"
#include "vs-file-saver.h"
#include "vs-scene-file-layer.h"
#include "vs-scene-file-private.h"
#include "vs-scene-file.h"

/* Scenes: a whole session in one JSON file (format "voxelscope-scene-1").
 *
 *   { "format": "voxelscope-scene-1",
 *     "layers": [ { "path": "ch2.nii.gz", "display": { "colormap": "grey", "display-min": 13,
 *                   "display-max": 160, "opacity": 1, … } }, … ],          bottom layer first
 *     "surfaces": [ { "path": "lh.pial", "geometry": 0, "display": { "visible": true },
 *                     "overlays": [ { "path": "lh.thickness", "display": { … } } ] } ],
 *     "cursor": [x, y, z], "radiological": false, "frame": 0, "hemisphere_gap": 0,
 *     "layout": "grid", "focused_view": "axial",
 *     "views": { "axial": { "center": [x, y, z], "mm_per_pixel": 0.6, "width": 640,
 *                           "height": 480 }, … },
 *     "camera_3d": { "target": […], "distance": …, "azimuth": …, "elevation": …, "fov": … },
 *     "midlines": "ch2.nii.gz.midlines.json" }
 *
 * Paths are relative to the scene's folder when they lie under it, so a folder of data and its
 * scene can be moved together.  What an analysis computed (no file of its own) is written beside
 * the scene, in SCENE.data/, when the scene is saved.  This file reads and writes the JSON;
 * vs-scene-file-scene.c takes a scene file from and gives it to a VsScene. */

#define FORMAT "voxelscope-scene-1"

/* The display settings written by their property names. */
const char *const _vs_scene_file_layer_properties[] = {
  "name", "visible", "opacity", "colormap", "display-min", "display-max", "threshold",
  "interpolate", "label-outline", NULL
};
const char *const _vs_scene_file_surface_properties[] = { "visible", NULL };


static void
item_free (gpointer data)
{
  VsSceneFileItem *item = data;

  g_free (item->path);
  g_clear_pointer (&item->display, json_object_unref);
  g_clear_pointer (&item->overlays, g_ptr_array_unref);
  g_free (item);
}

VsSceneFileItem *
_vs_scene_file_item_new (const char *path)
{
  VsSceneFileItem *item = g_new0 (VsSceneFileItem, 1);

  item->path = g_strdup (path);
  item->display = json_object_new ();
  item->overlays = g_ptr_array_new_with_free_func (item_free);
  return item;
}

VsSceneFile *
vs_scene_file_new (void)
{
  VsSceneFile *self = g_new0 (VsSceneFile, 1);

  self->layers = g_ptr_array_new_with_free_func (item_free);
  self->surfaces = g_ptr_array_new_with_free_func (item_free);
  self->layout = g_strdup ("grid");
  self->focused_axis = VS_SLICE_AXIS_AXIAL;
  return self;
}

void
vs_scene_file_free (VsSceneFile *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->layers);
  g_ptr_array_unref (self->surfaces);
  g_free (self->layout);
  g_free (self->midlines);
  g_free (self);
}

/* ---- reading ---------------------------------------------------------------------------- */

typedef struct {
  const char *display;   /* the scene file's name, for messages */
  const char *dir;
} Reader;

static gboolean
bad (const Reader *r, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
bad (const Reader *r, GError **error, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "%s: %s", r->display, what);
  return FALSE;
}

static gboolean
read_number (JsonNode *node, double *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_double (node);
  return isfinite (*out);
}

static gboolean
read_point (JsonNode *node, double out[3])
{
  JsonArray *a;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  a = json_node_get_array (node);
  if (json_array_get_length (a) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!read_number (json_array_get_element (a, i), &out[i]))
      return FALSE;
  return TRUE;
}

static char *
resolve (const Reader *r, const char *path)
{
  return g_path_is_absolute (path) ? g_strdup (path) : g_build_filename (r->dir, path, NULL);
}

/* Checks that every display property known to @allowed has a value of the right kind. */
static gboolean
read_display (const Reader *r, JsonObject *display, const char *const *allowed, const char *what,
              GError **error)
{
  g_autoptr(GList) members = json_object_get_members (display);

  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *key = m->data;
      JsonNode *node = json_object_get_member (display, key);
      gboolean extra = allowed == _vs_scene_file_layer_properties &&
                       _vs_scene_file_is_layer_extra (key);
      gboolean known = g_strv_contains (allowed, key) || extra;
      double number;

      if (!known)
        return bad (r, error, _("%s has an unknown display setting “%s”"), what, key);
      if (extra)
        {
          if (!_vs_scene_file_layer_extra_valid (key, node))
            return bad (r, error, _("%s: “%s” is not valid"), what, key);
        }
      else if (g_str_equal (key, "colormap"))
        {
          VsColormap colormap;
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
              !vs_colormap_from_name (json_node_get_string (node), &colormap))
            return bad (r, error, _("%s has an unknown colormap"), what);
        }
      else if (g_str_equal (key, "name"))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            return bad (r, error, _("%s: “name” must be text"), what);
        }
      else if (g_str_equal (key, "visible") || g_str_equal (key, "interpolate") ||
               g_str_equal (key, "label-outline"))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            return bad (r, error, _("%s: “%s” must be true or false"), what, key);
        }
      else if (!read_number (node, &number) ||
               (g_str_equal (key, "opacity") && (number < 0 || number > 1)) ||
               (g_str_equal (key, "threshold") && number < 0))
        return bad (r, error, _("%s: “%s” is not a valid number"), what, key);
    }
  return TRUE;
}

static VsSceneFileItem *
read_item (const Reader *r, JsonNode *node, const char *const *allowed, const char *what,
           GError **error)
{
  JsonObject *object;
  const char *path;
  VsSceneFileItem *item;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad (r, error, _("%s is not an object"), what), NULL;
  object = json_node_get_object (node);
  path = json_object_get_string_member_with_default (object, "path", NULL);
  if (path == NULL || *path == '\0')
    return bad (r, error, _("%s has no “path”"), what), NULL;
  item = _vs_scene_file_item_new (NULL);
  item->path = resolve (r, path);
  if (json_object_has_member (object, "display"))
    {
      JsonNode *display = json_object_get_member (object, "display");
      if (!JSON_NODE_HOLDS_OBJECT (display) ||
          !read_display (r, json_node_get_object (display), allowed, what, error))
        {
          if (!JSON_NODE_HOLDS_OBJECT (display))
            bad (r, error, _("%s: “display” is not an object"), what);
          item_free (item);
          return NULL;
        }
      json_object_unref (item->display);
      item->display = json_object_ref (json_node_get_object (display));
    }
  return item;
}

static gboolean
read_items (const Reader *r, JsonObject *root, const char *member, GPtrArray *out,
            const char *const *allowed, GError **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad (r, error, _("“%s” is not a list"), member);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *kind = g_str_equal (member, "layers") ? _("layer")
                         : g_str_equal (member, "surfaces") ? _("surface") : _("overlay");
      g_autofree char *what = g_strdup_printf ("%s %u", kind, i + 1);
      JsonNode *element = json_array_get_element (array, i);
      VsSceneFileItem *item = read_item (r, element, allowed, what, error);

      if (item == NULL)
        return FALSE;
      g_ptr_array_add (out, item);
      if (out != NULL && g_str_equal (member, "surfaces"))
        {
          JsonObject *object = json_node_get_object (element);
          JsonNode *geometry = json_object_get_member (object, "geometry");
          double g = 0;
          if (geometry != NULL && (!read_number (geometry, &g) || g < 0 || g != floor (g) ||
                                   g > G_MAXUINT))
            return bad (r, error, _("%s: “geometry” must be a whole number"), what);
          item->geometry = (guint) g;
          if (!read_items (r, object, "overlays", item->overlays,
                           _vs_scene_file_layer_properties, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_views (const Reader *r, JsonObject *root, VsSceneFile *self, GError **error)
{
  JsonNode *node = json_object_get_member (root, "views");
  JsonObject *views;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (r, error, _("“views” is not an object"));
  views = json_node_get_object (node);
  for (int a = 0; a < 3; a++)
    {
      const char *name = vs_slice_axis_get_name ((VsSliceAxis) a);
      JsonNode *view = json_object_get_member (views, name);
      JsonObject *o;
      double mm;

      if (view == NULL)
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (view))
        return bad (r, error, _("the %s view is not an object"), name);
      o = json_node_get_object (view);
      if (!read_point (json_object_get_member (o, "center"), self->view[a].center) ||
          !read_number (json_object_get_member (o, "mm_per_pixel"), &mm) || mm <= 0)
        return bad (r, error, _("the %s view needs “center” (x, y, z) and a positive "
                                "“mm_per_pixel”"), name);
      self->view[a].axis = (VsSliceAxis) a;
      self->view[a].mm_per_pixel = mm;
      {
        double w = 0, h = 0;
        if (!read_number (json_object_get_member (o, "width"), &w) || w < 1 || w > 1e6 ||
            !read_number (json_object_get_member (o, "height"), &h) || h < 1 || h > 1e6)
          return bad (r, error, _("the %s view needs its “width” and “height” in pixels"), name);
        self->view[a].width = (int) w;
        self->view[a].height = (int) h;
      }
      self->has_view[a] = TRUE;
    }
  return TRUE;
}

static gboolean
read_camera_3d (const Reader *r, JsonObject *root, VsSceneFile *self, GError **error)
{
  JsonNode *node = json_object_get_member (root, "camera_3d");
  VsOrbitCamera *c = &self->camera_3d;
  JsonObject *o;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (r, error, _("“camera_3d” is not an object"));
  o = json_node_get_object (node);
  if (!read_point (json_object_get_member (o, "target"), c->target) ||
      !read_number (json_object_get_member (o, "distance"), &c->distance) || c->distance <= 0 ||
      !read_number (json_object_get_member (o, "azimuth"), &c->azimuth) ||
      !read_number (json_object_get_member (o, "elevation"), &c->elevation) ||
      fabs (c->elevation) > 90 ||
      !read_number (json_object_get_member (o, "fov"), &c->fov) || c->fov <= 0 || c->fov >= 180)
    return bad (r, error, _("“camera_3d” needs target, a positive distance, azimuth, elevation "
                            "(−90 to 90) and fov (0 to 180)"));
  self->has_camera_3d = TRUE;
  return TRUE;
}

VsSceneFile *
vs_scene_file_read (const char  *path,
                    GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VsSceneFile) self = vs_scene_file_new ();
  g_autoptr(GError) local = NULL;
  Reader r = { display, dir };
  JsonObject *root;
  JsonNode *node;
  double number;

  if (!json_parser_load_from_file (parser, path, &local))
    {
      bad (&r, error, g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                      ? _("no such file") : _("not a scene (not valid JSON)"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return bad (&r, error, _("not a scene (no JSON object)")), NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "format", NULL), FORMAT) != 0)
    return bad (&r, error, _("not a Voxelscope scene (format is not %s)"), FORMAT), NULL;

  if (!read_items (&r, root, "layers", self->layers, _vs_scene_file_layer_properties, error) ||
      !read_items (&r, root, "surfaces", self->surfaces, _vs_scene_file_surface_properties,
                   error) ||
      !read_views (&r, root, self, error) || !read_camera_3d (&r, root, self, error))
    return NULL;
  if ((node = json_object_get_member (root, "cursor")) != NULL && !read_point (node, self->cursor))
    return bad (&r, error, _("“cursor” must be three numbers")), NULL;
  if ((node = json_object_get_member (root, "radiological")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return bad (&r, error, _("“radiological” must be true or false")), NULL;
      self->radiological = json_node_get_boolean (node);
    }
  if ((node = json_object_get_member (root, "frame")) != NULL)
    {
      if (!read_number (node, &number) || number < 0 || number != floor (number) || number > 1e12)
        return bad (&r, error, _("“frame” must be a whole number from 0")), NULL;
      self->frame = (gint64) number;
    }
  if ((node = json_object_get_member (root, "hemisphere_gap")) != NULL)
    {
      if (!read_number (node, &number) || number < 0)
        return bad (&r, error, _("“hemisphere_gap” must be a number from 0")), NULL;
      self->hemisphere_gap = number;
    }
  if ((node = json_object_get_member (root, "layout")) != NULL)
    {
      const char *layout = JSON_NODE_HOLDS_VALUE (node) &&
                           json_node_get_value_type (node) == G_TYPE_STRING
                           ? json_node_get_string (node) : NULL;
      const char *const layouts[] = { "grid", "row", "single", NULL };
      if (layout == NULL || !g_strv_contains (layouts, layout))
        return bad (&r, error, _("“layout” must be grid, row or single")), NULL;
      g_free (self->layout);
      self->layout = g_strdup (layout);
    }
  if ((node = json_object_get_member (root, "focused_view")) != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
       !vs_slice_axis_from_name (json_node_get_string (node), &self->focused_axis)))
    return bad (&r, error, _("“focused_view” must be axial, coronal or sagittal")), NULL;
  if ((node = json_object_get_member (root, "midlines")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *json_node_get_string (node) == '\0')
        return bad (&r, error, _("“midlines” must name a file")), NULL;
      self->midlines = resolve (&r, json_node_get_string (node));
    }
  if (self->layers->len == 0 && self->surfaces->len == 0)
    return bad (&r, error, _("the scene holds no layers and no surfaces")), NULL;
  return g_steal_pointer (&self);
}

/* ---- writing ---------------------------------------------------------------------------- */

/* @path relative to @dir when it lies in it, else as it is. */
static const char *
relative_to (const char *path, const char *dir)
{
  gsize n = strlen (dir);

  if (strncmp (path, dir, n) == 0 && path[n] == G_DIR_SEPARATOR)
    return path + n + 1;
  return path;
}

static void
add_point (JsonBuilder *b, const char *name, const double xyz[3])
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (int i = 0; i < 3; i++)
    json_builder_add_double_value (b, xyz[i]);
  json_builder_end_array (b);
}

static void
add_items (JsonBuilder *b, const char *name, GPtrArray *items, const char *dir)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      VsSceneFileItem *item = g_ptr_array_index (items, i);
      JsonNode *display = json_node_new (JSON_NODE_OBJECT);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, relative_to (item->path, dir));
      if (g_str_equal (name, "surfaces"))
        {
          json_builder_set_member_name (b, "geometry");
          json_builder_add_int_value (b, item->geometry);
        }
      json_node_set_object (display, item->display);
      json_builder_set_member_name (b, "display");
      json_builder_add_value (b, display);
      if (g_str_equal (name, "surfaces"))
        add_items (b, "overlays", item->overlays, dir);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

gboolean
vs_scene_file_write (const VsSceneFile *self,
                     const char        *path,
                     GError           **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, FORMAT);
  add_items (b, "layers", self->layers, dir);
  add_items (b, "surfaces", self->surfaces, dir);
  add_point (b, "cursor", self->cursor);
  json_builder_set_member_name (b, "radiological");
  json_builder_add_boolean_value (b, self->radiological);
  json_builder_set_member_name (b, "frame");
  json_builder_add_int_value (b, self->frame);
  json_builder_set_member_name (b, "hemisphere_gap");
  json_builder_add_double_value (b, self->hemisphere_gap);
  json_builder_set_member_name (b, "layout");
  json_builder_add_string_value (b, self->layout);
  json_builder_set_member_name (b, "focused_view");
  json_builder_add_string_value (b, vs_slice_axis_get_name (self->focused_axis));
  json_builder_set_member_name (b, "views");
  json_builder_begin_object (b);
  for (int a = 0; a < 3; a++)
    if (self->has_view[a])
      {
        json_builder_set_member_name (b, vs_slice_axis_get_name ((VsSliceAxis) a));
        json_builder_begin_object (b);
        add_point (b, "center", self->view[a].center);
        json_builder_set_member_name (b, "mm_per_pixel");
        json_builder_add_double_value (b, self->view[a].mm_per_pixel);
        json_builder_set_member_name (b, "width");
        json_builder_add_int_value (b, self->view[a].width);
        json_builder_set_member_name (b, "height");
        json_builder_add_int_value (b, self->view[a].height);
        json_builder_end_object (b);
      }
  json_builder_end_object (b);
  if (self->has_camera_3d)
    {
      json_builder_set_member_name (b, "camera_3d");
      json_builder_begin_object (b);
      add_point (b, "target", self->camera_3d.target);
      json_builder_set_member_name (b, "distance");
      json_builder_add_double_value (b, self->camera_3d.distance);
      json_builder_set_member_name (b, "azimuth");
      json_builder_add_double_value (b, self->camera_3d.azimuth);
      json_builder_set_member_name (b, "elevation");
      json_builder_add_double_value (b, self->camera_3d.elevation);
      json_builder_set_member_name (b, "fov");
      json_builder_add_double_value (b, self->camera_3d.fov);
      json_builder_end_object (b);
    }
  if (self->midlines != NULL)
    {
      json_builder_set_member_name (b, "midlines");
      json_builder_add_string_value (b, relative_to (self->midlines, dir));
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return vs_file_save_contents (path, text, -1, error);
}
