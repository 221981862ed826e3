/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

#include "vs-matrix.h"
#include "vs-volume.h"

G_BEGIN_DECLS

/* Responses as analyses read them: one value per presentation for each candidate voxel (the
 * mask's non-zero voxels, or all), from a 4D volume or from an n × voxels matrix plus a mask. */
typedef struct {
  VsVolume       *grid;          /* where maps go: the responses' grid, or the mask's */
  VsVolume       *responses;     /* borrowed, or NULL */
  const VsMatrix *matrix;        /* borrowed, or NULL */
  gsize           n_rows;
  gsize           frame_voxels;
  gsize          *candidates;    /* grid index of each candidate */
  gsize           n_candidates;
  gboolean        packed;        /* responses hold only the candidates: voxel c is column c */
  gsize           source_frame;  /* values per presentation in the responses */
  double          slope;
  double          intercept;
} VsResponseData;

gboolean vs_response_data_init  (VsResponseData *data,
                                 VsVolume       *responses,
                                 const VsMatrix *matrix,
                                 VsVolume       *mask,
                                 gsize           n_rows,
                                 GError        **error);
void     vs_response_data_clear (VsResponseData *data);
gboolean vs_response_data_read  (const VsResponseData *data,
                                 gsize           candidate,
                                 double         *column);
double   vs_response_data_value (const VsResponseData *data,
                                 gsize           candidate,
                                 gsize           row);
void     vs_response_data_read_block (const VsResponseData *data,
                                 const gsize    *rows,
                                 gsize           n_rows,
                                 const gsize    *candidates,
                                 gsize           nc,
                                 double         *out);
VsVolume *vs_response_data_new_map (const VsResponseData *data,
                                 gint64          frames,
                                 GError        **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VsResponseData, vs_response_data_clear)

G_END_DECLS
