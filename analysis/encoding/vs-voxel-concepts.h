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
guint      vs_voxel_concepts_rank    (VsVolume       *weights,
                                      gsize           index,
                                      const VsMatrix *embeddings,
                                      guint           k,
                                      guint          *order,
                                      double         *cosines);

G_END_DECLS
