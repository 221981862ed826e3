/* SPDX-License-Identifier: MIT */
#pragma once

#include <json-glib/json-glib.h>

#include "vs-layer.h"

G_BEGIN_DECLS

/* A volume layer's settings beyond its properties, in a scene file's "display" object: the
 * channels of a multichannel layer and the instances of a label layer (vs-scene-file-layer.c). */
gboolean _vs_scene_file_is_layer_extra     (const char *key);
gboolean _vs_scene_file_layer_extra_valid  (const char *key,
                                            JsonNode   *node);
void     _vs_scene_file_capture_layer_extras (VsLayer    *layer,
                                            JsonObject *display);
void     _vs_scene_file_apply_layer_extras (VsLayer    *layer,
                                            JsonObject *display);

G_END_DECLS
