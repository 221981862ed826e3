/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-matrix.h"
#include "vs-progress.h"
#include "vs-stimulus-table.h"
#include "vs-volume.h"

G_BEGIN_DECLS

/* The preferred-category map labels voxels whose best t reaches this: p < 5e-5 one-sided for a
 * typical localiser's degrees of freedom, so a brain of 30,000 voxels × a few contrasts shows
 * only a handful of chance voxels. */
#define VS_SELECTIVITY_T_THRESHOLD 4.0

typedef struct {
  VsVolume        *responses;
  VsMatrix        *response_matrix;
  VsVolume        *mask;
  VsStimulusTable *stimuli;
} VsSelectivityInput;

typedef struct {
  GPtrArray *t_maps;      /* VsVolume per category, in the table's category order */
  VsVolume  *preferred;   /* uint16 label map, 1 + category index where t ≥ 4, names as labels */
  VsVolume  *si;          /* (pref − rest) / (|pref| + |rest|) */
  VsVolume  *dprime;      /* (pref − rest) / √((var pref + var rest) / 2) */
  gsize      n_voxels;
  gsize      n_excluded;
} VsSelectivityResult;

void                 vs_selectivity_input_free  (VsSelectivityInput  *input);
void                 vs_selectivity_result_free (VsSelectivityResult *result);
VsSelectivityResult *vs_selectivity_compute     (VsSelectivityInput  *input,
                                                 VsProgress          *progress,
                                                 GCancellable        *cancellable,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsSelectivityInput, vs_selectivity_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsSelectivityResult, vs_selectivity_result_free)

G_END_DECLS
