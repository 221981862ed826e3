/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-scene-file"

#include "config.h"

#include <math.h>

#include "vs-scene-file-layer.h"

/* In a layer's "display":
 *   "channels-together": true, "channels": [ { "color": [0, 1, 0], "range": [100, 2000] }, … ]
 *     for a layer of 2–4 channels (frames) shown as a composite or not;
 *   "selected-label": 7, "only-selected": false, "hidden-labels": [3, 12]
 *     for a label layer of instances. */

static const char *const extras[] = { "channels-together", "channels", "selected-label",
                                      "only-selected", "hidden-labels", NULL };

gboolean
_vs_scene_file_is_layer_extra (const char *key)
{
  return g_strv_contains (extras, key);
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
          json_node_get_value_type (node) == G_TYPE_INT64) &&
         isfinite (json_node_get_double (node));
}

static gboolean
is_label_id (JsonNode *node)
{
  double v;

  if (!is_number (node))
    return FALSE;
  v = json_node_get_double (node);
  return v >= 0 && v <= G_MAXUINT32 && v == floor (v);
}

/* An array of @n numbers (any length when @n is 0), each passing @check when given. */
static gboolean
is_number_array (JsonNode *node, guint n, gboolean (*check) (JsonNode *))
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (n > 0 && json_array_get_length (array) != n)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!(check != NULL ? check : is_number) (json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

static gboolean
is_share (JsonNode *node)
{
  return is_number (node) && json_node_get_double (node) >= 0 && json_node_get_double (node) <= 1;
}

static gboolean
is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

gboolean
_vs_scene_file_layer_extra_valid (const char *key,
                                  JsonNode   *node)
{
  if (g_str_equal (key, "channels-together") || g_str_equal (key, "only-selected"))
    return is_boolean (node);
  if (g_str_equal (key, "selected-label"))
    return is_label_id (node);
  if (g_str_equal (key, "hidden-labels"))
    return is_number_array (node, 0, is_label_id);
  if (g_str_equal (key, "channels"))
    {
      JsonArray *array;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;
      array = json_node_get_array (node);
      if (json_array_get_length (array) > VS_LAYER_MAX_CHANNELS)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *channel = json_array_get_element (array, i);
          JsonObject *object;
          if (!JSON_NODE_HOLDS_OBJECT (channel))
            return FALSE;
          object = json_node_get_object (channel);
          if (!is_number_array (json_object_get_member (object, "color"), 3, is_share) ||
              !is_number_array (json_object_get_member (object, "range"), 2, NULL))
            return FALSE;
        }
      return TRUE;
    }
  return FALSE;
}

static JsonNode *
number_array (const double *values, guint n)
{
  JsonArray *array = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    json_array_add_double_element (array, values[i]);
  return json_node_init_array (json_node_alloc (), array);
}

void
_vs_scene_file_capture_layer_extras (VsLayer    *layer,
                                     JsonObject *display)
{
  guint n = vs_layer_get_n_channels (layer);

  if (n > 1)
    {
      JsonArray *channels = json_array_new ();
      json_object_set_boolean_member (display, "channels-together",
                                      vs_layer_get_composite (layer));
      for (guint c = 0; c < n; c++)
        {
          JsonObject *channel = json_object_new ();
          double rgb[3], range[2];
          vs_layer_get_channel_color (layer, c, rgb);
          vs_layer_get_channel_range (layer, c, &range[0], &range[1]);
          json_object_set_member (channel, "color", number_array (rgb, 3));
          json_object_set_member (channel, "range", number_array (range, 2));
          json_array_add_object_element (channels, channel);
        }
      json_object_set_array_member (display, "channels", channels);
    }
  if (vs_layer_is_label (layer))
    {
      g_autoptr(GArray) hidden = vs_layer_dup_hidden_labels (layer);
      JsonArray *ids = json_array_new ();
      for (guint i = 0; hidden != NULL && i < hidden->len; i++)
        json_array_add_int_element (ids, g_array_index (hidden, guint32, i));
      json_object_set_int_member (display, "selected-label", vs_layer_get_selected_label (layer));
      json_object_set_boolean_member (display, "only-selected",
                                      vs_layer_get_only_selected (layer));
      json_object_set_array_member (display, "hidden-labels", ids);
    }
}

/* Applies what _vs_scene_file_layer_extra_valid accepted; what does not fit the layer (channels
 * it does not have, instances of a layer that is not labels) is left out. */
void
_vs_scene_file_apply_layer_extras (VsLayer    *layer,
                                   JsonObject *display)
{
  guint n = vs_layer_get_n_channels (layer);

  if (json_object_has_member (display, "channels") && n > 1)
    {
      JsonArray *channels = json_object_get_array_member (display, "channels");
      for (guint c = 0; c < MIN (n, json_array_get_length (channels)); c++)
        {
          JsonObject *channel = json_array_get_object_element (channels, c);
          JsonArray *color = json_object_get_array_member (channel, "color");
          JsonArray *range = json_object_get_array_member (channel, "range");
          double rgb[3];
          for (int k = 0; k < 3; k++)
            rgb[k] = json_array_get_double_element (color, k);
          vs_layer_set_channel_color (layer, c, rgb);
          vs_layer_set_channel_range (layer, c, json_array_get_double_element (range, 0),
                                      json_array_get_double_element (range, 1));
        }
    }
  if (json_object_has_member (display, "channels-together") && n > 1)
    vs_layer_set_composite (layer, json_object_get_boolean_member (display, "channels-together"));
  if (!vs_layer_is_label (layer))
    return;
  if (json_object_has_member (display, "hidden-labels"))
    {
      JsonArray *ids = json_object_get_array_member (display, "hidden-labels");
      for (guint i = 0; i < json_array_get_length (ids); i++)
        vs_layer_set_label_hidden (layer, (guint32) json_array_get_int_element (ids, i), TRUE);
    }
  if (json_object_has_member (display, "selected-label"))
    vs_layer_set_selected_label (layer,
                                 (guint32) json_object_get_int_member (display, "selected-label"));
  if (json_object_has_member (display, "only-selected"))
    vs_layer_set_only_selected (layer, json_object_get_boolean_member (display, "only-selected"));
}
