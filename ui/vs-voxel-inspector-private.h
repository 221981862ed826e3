/* SPDX-License-Identifier: MIT */
#pragma once

#include "vs-attention-study.h"
#include "vs-job.h"
#include "vs-region-model.h"
#include "vs-voxel-inspector.h"

G_BEGIN_DECLS

#define N_TOP 5
#define N_CONCEPTS 3
#define N_ATTENTION 3
#define ATTENTION_SIZE 92

struct _VsVoxelInspector
{
  GtkBox            parent_instance;
  VsVolume         *responses;
  VsStimulusTable  *stimuli;
  VsVolume         *r;
  VsVolume         *alpha;
  VsVolume         *cv_r2;
  VsVolume         *top_predicted;
  VsVolume         *top_predicted_response;
  GPtrArray        *stimulus_order;
  VsVolume         *weights;
  VsVolume         *r2;
  VsMatrix         *concept_embeddings;
  GPtrArray        *concept_names;
  GtkWidget        *summary;
  GtkWidget        *chart;
  GtkWidget        *top_box;
  double           *means;       /* per category, relative to the voxel's mean */
  double           *errors;
  gboolean          valid;
  char             *summary_text;
  /* Regions: an atlas, and what a region's own model needs. */
  GtkWidget        *region_chooser;
  GtkStringList    *region_names;
  GArray           *region_labels;  /* guint32, one per chooser entry after the first */
  VsVolume         *atlas;
  VsMatrix         *features;
  double           *alphas;
  guint             n_alphas;
  guint             n_folds;
  VsRegionModel    *region;         /* the chosen region's fit, or NULL: the voxel at the cursor */
  VsJob            *region_job;
  double            cursor[3];
  VsAttentionStudy *attention;       /* borrowed from the attention panel, or NULL */
  GtkWidget        *attention_box;
  GtkWidget        *attention_area;
  double           *attention_maps;  /* for the voxel's top images, over the study's patch grid */
  GdkPixbuf        *attention_pixbufs[N_ATTENTION];
  guint             n_attention;
  GPtrArray        *vertex_layers;   /* VsSurfaceLayer per hemisphere of a vertex-wise model */
  GArray           *vertex_offsets;  /* gsize: its first vertex in the model */
};

void _vs_voxel_inspector_show            (VsVoxelInspector *self,
                                          GString          *text,
                                          const double     *values,
                                          VsVolume         *top,
                                          VsVolume         *top_response,
                                          gsize             index,
                                          GPtrArray        *order);
void _vs_voxel_inspector_show_message    (VsVoxelInspector *self,
                                          const char       *message);
void _vs_voxel_inspector_clear_display   (VsVoxelInspector *self);
void _vs_voxel_inspector_append_concepts (VsVoxelInspector *self,
                                          GString          *text,
                                          VsVolume         *weights,
                                          gsize             index);
void _vs_voxel_inspector_on_region_chosen (GtkDropDown     *chooser,
                                          GParamSpec       *pspec,
                                          VsVoxelInspector *self);

G_END_DECLS
