/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The search for a mirror plane (3D) or line (2D) shared by the midplane and midline estimators:
 * an image of float samples on a grid with a voxel → world affine; the result is n·x = d in world
 * coordinates with |n| = 1. */
typedef struct {
  const float *data;
  gint64       dims[3];
  double       affine[16];   /* voxel → world, row-major */
  gboolean     planar;       /* 2D: dims[2] == 1 and the normal stays in the image plane */
  double       max_tilt;     /* degrees searched around each starting normal */
  double       threshold;    /* head mask: values above it; NAN for Otsu's threshold */
} VsSymmetryImage;

typedef struct {
  double normal[3];
  double offset;
  double score;              /* normalised correlation of the image with its reflection */
  double centroid[3];        /* of the head mask, world */
  gsize  mask_voxels;
} VsSymmetryResult;

gboolean vs_symmetry_search (const VsSymmetryImage *image,
                             VsSymmetryResult      *result,
                             GCancellable          *cancellable,
                             GError               **error);
guint8  *vs_symmetry_mask   (const VsSymmetryImage *image,
                             float                 *threshold);
double   vs_symmetry_score  (const VsSymmetryImage *image,
                             const double           normal[3],
                             double                 offset);

G_END_DECLS
