/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-encoding-model.h"

G_BEGIN_DECLS

/* The encoding model of one atlas region's mean response. */
typedef struct {
  guint32           label;
  gsize             n_voxels;        /* response voxels whose centre falls in the region */
  double           *mean_response;   /* one value per presentation */
  VsEncodingResult *fit;             /* maps of a single voxel: the region */
} VsRegionModel;

VsRegionModel *vs_region_model_fit  (VsVolume        *responses,
                                     VsVolume        *atlas,
                                     guint32          label,
                                     const VsMatrix  *features,
                                     VsStimulusTable *stimuli,
                                     const double    *alphas,
                                     guint            n_alphas,
                                     guint            n_folds,
                                     guint            top_k,
                                     GCancellable    *cancellable,
                                     GError         **error);
void           vs_region_model_free (VsRegionModel   *model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsRegionModel, vs_region_model_free)

G_END_DECLS
