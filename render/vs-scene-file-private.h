/* SPDX-License-Identifier: MIT */
#pragma once

#include "vs-scene-file.h"

G_BEGIN_DECLS

/* Shared by vs-scene-file.c (the JSON) and vs-scene-file-scene.c (from and to a VsScene). */
extern const char *const _vs_scene_file_layer_properties[];
extern const char *const _vs_scene_file_surface_properties[];

VsSceneFileItem *_vs_scene_file_item_new (const char *path);

G_END_DECLS
