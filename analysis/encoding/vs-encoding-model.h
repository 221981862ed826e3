/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-matrix.h"
#include "vs-progress.h"
#include "vs-stimulus-table.h"
#include "vs-volume.h"

G_BEGIN_DECLS

/* Everything an encoding model reads, held by the job alone while it runs. */
typedef struct {
  VsMatrix        *features;    /* n × p */
  VsVolume        *responses;   /* 4D, n frames; or NULL with response_matrix */
  VsMatrix        *response_matrix;  /* n × v, columns = mask voxels in storage order */
  VsVolume        *mask;        /* optional with a 4D volume, required with a matrix */
  VsStimulusTable *stimuli;
  double          *alphas;
  guint            n_alphas;
  guint            n_folds;
  guint            n_threads;
  guint            top_k;        /* stimuli ranked per voxel; 0: none */
} VsEncodingInput;

/* Maps in the grid of the responses (or the mask), plus what a summary needs. */
typedef struct {
  VsVolume *r;              /* held-out Pearson r on the test stimuli (mean over repeats) */
  VsVolume *r2;             /* held-out R² */
  VsVolume *alpha;
  VsVolume *cv_r2;          /* cross-validated R² on the training split at the chosen α */
  VsVolume *weights;        /* p frames */
  VsVolume *noise_ceiling;  /* split-half reliability of the test means, or NULL without repeats */
  VsVolume *top_predicted;  /* k frames: indices into @stimulus_order, by predicted response */
  VsVolume *top_predicted_response; /* k frames: the predicted response to each of those */
  VsVolume *top_measured;   /* the same by measured mean response */
  GPtrArray *stimulus_order; /* VsStimulus * (borrowed from the input table), one per stimulus */
  gsize     n_voxels;       /* fitted */
  gsize     n_excluded;     /* constant or non-finite in the training data */
  gsize     n_train;
  gsize     n_test_stimuli;
  double    median_r;
} VsEncodingResult;

void              vs_encoding_input_free  (VsEncodingInput  *input);
void              vs_encoding_result_free (VsEncodingResult *result);
VsEncodingResult *vs_encoding_model_fit   (VsEncodingInput  *input,
                                           VsProgress       *progress,
                                           GCancellable     *cancellable,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsEncodingResult, vs_encoding_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsEncodingInput, vs_encoding_input_free)

G_END_DECLS
