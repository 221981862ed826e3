/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

/* A mid-sagittal plane: n·x = offset in world mm, |n| = 1. */
typedef struct {
  double normal[3];
  double offset;
  double score;       /* normalised correlation of the image with its reflection, −1…1 */
  double angles[3];   /* degrees between the plane and each image axis's normal plane */
} VsMidplane;

gboolean  vs_midplane_estimate   (VsVolume         *volume,
                                  VsMidplane       *plane,
                                  GCancellable     *cancellable,
                                  GError          **error);
void      vs_midplane_set        (VsMidplane       *plane,
                                  VsVolume         *volume,
                                  const double      normal[3],
                                  double            offset);
void      vs_midplane_reflect    (const VsMidplane *plane,
                                  const double      in[3],
                                  double            out[3]);
VsVolume *vs_midplane_asymmetry  (VsVolume         *volume,
                                  const VsMidplane *plane,
                                  GError          **error);
double    vs_midplane_head_threshold (VsVolume       *volume);
double    vs_midplane_angle_between (const VsMidplane *a,
                                  const VsMidplane *b);

G_END_DECLS
