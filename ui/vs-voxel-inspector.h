/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-attention-study.h"
#include "vs-encoding-model.h"
#include "vs-stimulus-table.h"
#include "vs-surface-layer.h"

G_BEGIN_DECLS

#define VS_TYPE_VOXEL_INSPECTOR (vs_voxel_inspector_get_type ())
G_DECLARE_FINAL_TYPE (VsVoxelInspector, vs_voxel_inspector, VS, VOXEL_INSPECTOR, GtkBox)

GtkWidget *vs_voxel_inspector_new          (void);
void       vs_voxel_inspector_set_model    (VsVoxelInspector *self,
                                            VsVolume         *responses,
                                            VsStimulusTable  *stimuli,
                                            VsEncodingResult *encoding);
void       vs_voxel_inspector_set_concepts (VsVoxelInspector *self,
                                            const VsMatrix   *embeddings,
                                            GPtrArray        *names);
void       vs_voxel_inspector_set_position (VsVoxelInspector *self,
                                            const double      xyz[3]);
void       vs_voxel_inspector_set_vertex_layers (VsVoxelInspector *self,
                                            VsSurfaceLayer  **layers,
                                            const gsize      *offsets,
                                            guint             n);
void       vs_voxel_inspector_set_vertex   (VsVoxelInspector *self,
                                            VsSurfaceLayer   *layer,
                                            guint             vertex);
void       vs_voxel_inspector_set_attention (VsVoxelInspector *self,
                                             VsAttentionStudy *study);
guint      vs_voxel_inspector_shows_attention (VsVoxelInspector *self);
void       vs_voxel_inspector_set_regions  (VsVoxelInspector *self,
                                            VsVolume         *atlas,
                                            const VsMatrix   *features,
                                            const double     *alphas,
                                            guint             n_alphas,
                                            guint             n_folds);
void       vs_voxel_inspector_choose_region (VsVoxelInspector *self,
                                            const char       *name);
gboolean   vs_voxel_inspector_is_busy      (VsVoxelInspector *self);
const char *vs_voxel_inspector_get_summary (VsVoxelInspector *self);
guint      vs_voxel_inspector_get_n_categories (VsVoxelInspector *self);
double     vs_voxel_inspector_get_category_mean (VsVoxelInspector *self,
                                            guint             category);

G_END_DECLS
