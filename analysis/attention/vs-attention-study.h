/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-attention-readout.h"
#include "vs-stimulus-table.h"
#include "vs-volume.h"

G_BEGIN_DECLS

/* Everything an attention analysis reads and finds: the patch features, each atlas region's
 * mean response, the fitted readouts. */
typedef struct {
  float           *patches;
  VsPatchFeatures  features;      /* over @patches */
  double          *responses;     /* n × regions */
  GArray          *labels;        /* guint32 per region */
  GArray          *voxel_counts;  /* guint per region */
  GPtrArray       *names;         /* per region */
  VsStimulusTable *stimuli;
  VsVolume        *atlas;
  VsReadoutFit    *fit;
  float           *imported;      /* images × regions × patches from elsewhere, or NULL (then
                                   * patches, responses, atlas and fit are NULL) */
} VsAttentionStudy;

VsAttentionStudy *vs_attention_study_run  (const char       *patch_path,
                                           const char       *grid,
                                           VsStimulusTable  *stimuli,
                                           VsVolume         *responses,
                                           VsVolume         *atlas,
                                           const double     *alphas,
                                           guint             n_alphas,
                                           guint             iterations,
                                           VsProgress       *progress,
                                           GCancellable     *cancellable,
                                           GError          **error);
VsAttentionStudy *vs_attention_study_import (const char      *maps_path,
                                           const char       *names_path,
                                           const char       *grid,
                                           VsStimulusTable  *stimuli,
                                           GError          **error);
void              vs_attention_study_free (VsAttentionStudy *study);
GPtrArray        *vs_attention_names_read (const char       *path,
                                           GError          **error);
guint             vs_attention_study_top_images (const VsAttentionStudy *study,
                                           guint             region,
                                           gboolean          predicted,
                                           guint             count,
                                           gsize            *out);
double            vs_attention_study_predict (const VsAttentionStudy *study,
                                           guint             region,
                                           gsize             image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsAttentionStudy, vs_attention_study_free)

G_END_DECLS
