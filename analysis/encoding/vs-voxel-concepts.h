/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-matrix.h"
#include "vs-volume.h"

G_BEGIN_DECLS

GPtrArray *vs_concept_names_read     (const char     *path,
                                      gsize           expected,
                                      GError        **error);
gboolean   vs_voxel_concepts_compute (VsVolume       *weights,
                                      const VsMatrix *embeddings,
                                      GPtrArray      *names,
                                      double          temperature,
                                      VsVolume      **best,
                                      VsVolume      **score,
                                      VsVolume      **probability,
                                      GError        **error);
VsVolume  *vs_voxel_top_stimuli_new  (VsVolume       *grid,
                                      guint           k);
void       vs_voxel_top_stimuli_fill (VsVolume       *top,
                                      const VsMatrix *values,
                                      const gsize    *voxel_index);

G_END_DECLS
