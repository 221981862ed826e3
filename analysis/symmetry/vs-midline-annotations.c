/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-midline-annotations"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "vs-file-saver.h"
#include "vs-analysis-error.h"
#include "vs-midline-annotations.h"
#include "vs-volume.h"

/* Midline annotations and their JSON file: the plane (unit normal and offset in world mm, its
 * angles to the image axes, status), every line with its endpoints in voxel and world
 * coordinates and its status, the source, and when it was last edited.  Written through a
 * temporary file and a rename. */

static const char *status_names[] = { "estimated", "edited", "confirmed" };

const char *
vs_midline_status_to_string (VsMidlineStatus status)
{
  return status_names[status];
}

static gboolean
status_from_string (const char *text, VsMidlineStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (VsMidlineStatus) i;
        return TRUE;
      }
  return FALSE;
}

static void
entry_clear (gpointer data)
{
  VsMidlineEntry *entry = data;

  g_free (entry->image);
}

VsMidlineAnnotations *
vs_midline_annotations_new (const char   *source,
                            const double  affine[16])
{
  VsMidlineAnnotations *self = g_new0 (VsMidlineAnnotations, 1);
  const double identity[16] = { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 };

  self->source = g_strdup (source);
  memcpy (self->affine, affine != NULL ? affine : identity, sizeof self->affine);
  self->entries = g_array_new (FALSE, TRUE, sizeof (VsMidlineEntry));
  g_array_set_clear_func (self->entries, entry_clear);
  self->edited = g_get_real_time () / G_USEC_PER_SEC;
  return self;
}

void
vs_midline_annotations_free (VsMidlineAnnotations *self)
{
  if (self == NULL)
    return;
  g_free (self->source);
  g_array_unref (self->entries);
  g_free (self);
}

VsMidlineAnnotations *
vs_midline_annotations_copy (const VsMidlineAnnotations *self)
{
  VsMidlineAnnotations *copy = vs_midline_annotations_new (self->source, self->affine);

  copy->has_plane = self->has_plane;
  copy->plane = self->plane;
  copy->plane_status = self->plane_status;
  copy->edited = self->edited;
  for (guint i = 0; i < self->entries->len; i++)
    {
      const VsMidlineEntry *e = &g_array_index (self->entries, VsMidlineEntry, i);
      vs_midline_annotations_add (copy, e->image, e->axis, e->index, &e->line, e->status);
    }
  return copy;
}

void
vs_midline_annotations_add (VsMidlineAnnotations *self,
                            const char           *image,
                            VsMidlineAxis           axis,
                            gint64                index,
                            const VsMidline      *line,
                            VsMidlineStatus       status)
{
  VsMidlineEntry entry = { g_strdup (image), axis, index, *line, status };

  g_array_append_val (self->entries, entry);
}

VsMidlineEntry *
vs_midline_annotations_find (VsMidlineAnnotations *self,
                             VsMidlineAxis           axis,
                             gint64                index)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      VsMidlineEntry *e = &g_array_index (self->entries, VsMidlineEntry, i);
      if (e->axis == axis && e->index == index)
        return e;
    }
  return NULL;
}

/* A pixel of a slice or image as a voxel of the source. */
static void
pixel_to_voxel (const VsMidlineEntry *entry, const double p[2], double voxel[3])
{
  switch (entry->axis)
    {
    case VS_MIDLINE_AXIS_CORONAL:
      voxel[0] = p[0], voxel[1] = (double) entry->index, voxel[2] = p[1];
      break;
    case VS_MIDLINE_AXIS_AXIAL:
      voxel[0] = p[0], voxel[1] = p[1], voxel[2] = (double) entry->index;
      break;
    default:
      voxel[0] = p[0], voxel[1] = p[1], voxel[2] = 0;
    }
}

void
vs_midline_entry_endpoints (const VsMidlineAnnotations *self,
                            const VsMidlineEntry       *entry,
                            double                      voxel[2][3],
                            double                      world[2][3])
{
  pixel_to_voxel (entry, entry->line.p0, voxel[0]);
  pixel_to_voxel (entry, entry->line.p1, voxel[1]);
  for (int e = 0; e < 2; e++)
    vs_affine_multiply_point (self->affine, voxel[e], world[e]);
}

static void
add_point (JsonBuilder *b, const double *p, int n)
{
  json_builder_begin_array (b);
  for (int a = 0; a < n; a++)
    json_builder_add_double_value (b, p[a]);
  json_builder_end_array (b);
}

char *
vs_midline_annotations_to_json (const VsMidlineAnnotations *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) edited = g_date_time_new_from_unix_utc (self->edited);
  g_autofree char *when = g_date_time_format_iso8601 (edited);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "voxelscope-midlines-1");
  json_builder_set_member_name (b, "source");
  if (self->source != NULL)
    json_builder_add_string_value (b, self->source);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "edited");
  json_builder_add_string_value (b, when);
  json_builder_set_member_name (b, "affine");
  json_builder_begin_array (b);
  for (int r = 0; r < 4; r++)
    add_point (b, self->affine + 4 * r, 4);
  json_builder_end_array (b);
  if (self->has_plane)
    {
      json_builder_set_member_name (b, "plane");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "normal");
      add_point (b, self->plane.normal, 3);
      json_builder_set_member_name (b, "offset_mm");
      json_builder_add_double_value (b, self->plane.offset);
      json_builder_set_member_name (b, "angles_to_axes_deg");
      add_point (b, self->plane.angles, 3);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, isfinite (self->plane.score) ? self->plane.score : -1);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, vs_midline_status_to_string (self->plane_status));
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const VsMidlineEntry *e = &g_array_index (self->entries, VsMidlineEntry, i);
      double voxel[2][3], world[2][3];
      vs_midline_entry_endpoints (self, e, voxel, world);
      json_builder_begin_object (b);
      if (e->image != NULL)
        {
          json_builder_set_member_name (b, "image");
          json_builder_add_string_value (b, e->image);
        }
      if (e->axis != VS_MIDLINE_AXIS_IMAGE)
        {
          json_builder_set_member_name (b, "axis");
          json_builder_add_string_value (b, e->axis == VS_MIDLINE_AXIS_AXIAL ? "axial" : "coronal");
          json_builder_set_member_name (b, "slice");
          json_builder_add_int_value (b, e->index);
        }
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, vs_midline_status_to_string (e->status));
      json_builder_set_member_name (b, "score");
      if (isfinite (e->line.score))
        json_builder_add_double_value (b, e->line.score);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "pixels");
      json_builder_begin_array (b);
      add_point (b, e->line.p0, 2);
      add_point (b, e->line.p1, 2);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "voxel");
      json_builder_begin_array (b);
      add_point (b, voxel[0], 3);
      add_point (b, voxel[1], 3);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "world");
      json_builder_begin_array (b);
      add_point (b, world[0], 3);
      add_point (b, world[1], 3);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}

gboolean
vs_midline_annotations_write (const VsMidlineAnnotations *self,
                              const char                 *path,
                              GError                    **error)
{
  g_autofree char *json = vs_midline_annotations_to_json (self);

  return vs_file_save_contents (path, json, -1, error);
}

static gboolean
read_numbers (JsonNode *node, double *out, guint n)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (element))
        return FALSE;
      out[i] = json_node_get_double (element);
    }
  return TRUE;
}

static gboolean
fail (GError **error, const char *display, const char *what)
{
  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "%s: %s", display, what);
  return FALSE;
}

static gboolean
read_line (JsonObject *o, VsMidlineAnnotations *self, const char *display, GError **error)
{
  VsMidlineEntry entry = { NULL, VS_MIDLINE_AXIS_IMAGE, 0, { { 0 } }, VS_MIDLINE_ESTIMATED };
  double pixels[4];
  JsonNode *score;

  if (json_object_has_member (o, "image"))
    entry.image = (char *) json_object_get_string_member_with_default (o, "image", NULL);
  if (json_object_has_member (o, "axis") || !json_object_has_member (o, "image"))
    {
      const char *axis = json_object_get_string_member_with_default (o, "axis", "");
      entry.axis = g_str_equal (axis, "axial") ? VS_MIDLINE_AXIS_AXIAL
                   : g_str_equal (axis, "coronal") ? VS_MIDLINE_AXIS_CORONAL : VS_MIDLINE_AXIS_IMAGE;
      if (entry.axis == VS_MIDLINE_AXIS_IMAGE || !json_object_has_member (o, "slice"))
        return fail (error, display, "a line has neither an image nor an axial or coronal slice");
      entry.index = json_object_get_int_member (o, "slice");
    }
  if (!status_from_string (json_object_get_string_member_with_default (o, "status", ""),
                           &entry.status))
    return fail (error, display, "a line's status is not estimated, edited or confirmed");
  if (!json_object_has_member (o, "pixels"))
    return fail (error, display, "a line has no pixel endpoints");
  {
    JsonArray *ends = json_object_get_array_member (o, "pixels");
    if (ends == NULL || json_array_get_length (ends) != 2 ||
        !read_numbers (json_array_get_element (ends, 0), pixels, 2) ||
        !read_numbers (json_array_get_element (ends, 1), pixels + 2, 2))
      return fail (error, display, "a line's \"pixels\" must be two [x, y] points");
  }
  vs_midline_set_endpoints (&entry.line, pixels, pixels + 2);
  score = json_object_get_member (o, "score");
  if (score != NULL && JSON_NODE_HOLDS_VALUE (score))
    entry.line.score = json_node_get_double (score);
  vs_midline_annotations_add (self, entry.image, entry.axis, entry.index, &entry.line,
                              entry.status);
  return TRUE;
}

VsMidlineAnnotations *
vs_midline_annotations_read (const char  *path,
                             GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VsMidlineAnnotations) self = NULL;
  g_autoptr(GError) local = NULL;
  JsonObject *root;
  double affine[16];
  JsonArray *lines;

  if (!json_parser_load_from_file (parser, path, &local))
    {
      /* json-glib starts its message with the full path; the file is named once, briefly. */
      const char *why = local->message;
      if (g_str_has_prefix (why, path) && why[strlen (path)] == ':')
        why += strlen (path) + 1;
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   g_error_matches (local, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA) ||
                   local->domain == JSON_PARSER_ERROR ? "%s: not valid JSON (line %s)" : "%s: %s",
                   display, why);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return fail (error, display, "not a midline annotation file (no JSON object)"), NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "format", NULL),
                 "voxelscope-midlines-1") != 0)
    return fail (error, display, "not a midline annotation file (format is not "
                                 "voxelscope-midlines-1)"), NULL;
  {
    JsonArray *rows = json_object_has_member (root, "affine")
                        ? json_object_get_array_member (root, "affine") : NULL;
    if (rows == NULL || json_array_get_length (rows) != 4)
      return fail (error, display, "the affine must be 4 rows of 4 numbers"), NULL;
    for (guint r = 0; r < 4; r++)
      if (!read_numbers (json_array_get_element (rows, r), affine + 4 * r, 4))
        return fail (error, display, "the affine must be 4 rows of 4 numbers"), NULL;
  }
  self = vs_midline_annotations_new (json_object_get_string_member_with_default (root, "source",
                                                                                  NULL), affine);
  {
    g_autoptr(GDateTime) when =
      g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (root, "edited",
                                                                                 ""), NULL);
    if (when != NULL)
      self->edited = g_date_time_to_unix (when);
  }
  if (json_object_has_member (root, "plane"))
    {
      JsonObject *plane = json_object_get_object_member (root, "plane");
      double normal[3];
      if (plane == NULL || !read_numbers (json_object_get_member (plane, "normal"), normal, 3) ||
          !json_object_has_member (plane, "offset_mm") ||
          !status_from_string (json_object_get_string_member_with_default (plane, "status", ""),
                               &self->plane_status) ||
          !(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2] > 0))
        return fail (error, display, "the plane needs a non-zero normal, offset_mm and a "
                                     "status"), NULL;
      self->has_plane = TRUE;
      for (int a = 0; a < 3; a++)
        self->plane.normal[a] = normal[a];
      self->plane.offset = json_object_get_double_member (plane, "offset_mm");
      read_numbers (json_object_get_member (plane, "angles_to_axes_deg"), self->plane.angles, 3);
      self->plane.score = json_object_get_double_member_with_default (plane, "score", NAN);
      {
        double len = sqrt (normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
        for (int a = 0; a < 3; a++)
          self->plane.normal[a] /= len;
        self->plane.offset /= len;
      }
    }
  lines = json_object_has_member (root, "lines") ? json_object_get_array_member (root, "lines")
                                                 : NULL;
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonNode *node = json_array_get_element (lines, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, display, "every line must be a JSON object"), NULL;
      if (!read_line (json_node_get_object (node), self, display, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}
