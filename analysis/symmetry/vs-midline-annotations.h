/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-midline.h"
#include "vs-midplane.h"

G_BEGIN_DECLS

typedef enum {
  VS_MIDLINE_ESTIMATED,
  VS_MIDLINE_EDITED,
  VS_MIDLINE_CONFIRMED,
} VsMidlineStatus;

/* Slices of a volume are cut across one of its axes. */
typedef enum {
  VS_MIDLINE_AXIS_IMAGE = -1,   /* a 2D image file */
  VS_MIDLINE_AXIS_CORONAL = 1, /* across j: pixels (i, k) */
  VS_MIDLINE_AXIS_AXIAL = 2,   /* across k: pixels (i, j) */
} VsMidlineAxis;

/* One midline: of a 2D image file, or of one slice of the source volume (a 2D image opened in
 * the window is axial slice 0 of itself, and has both). */
typedef struct {
  char           *image;    /* the image file, or NULL for a slice of a volume */
  VsMidlineAxis     axis;
  gint64          index;    /* the slice */
  VsMidline       line;     /* in the image's or slice's pixel coordinates */
  VsMidlineStatus status;
} VsMidlineEntry;

/* Everything annotated on one source: the 3D plane and the per-slice or per-image lines. */
typedef struct {
  char           *source;       /* the volume's path, or NULL for a set of images */
  double          affine[16];   /* the source's voxel → world */
  gboolean        has_plane;
  VsMidplane      plane;
  VsMidlineStatus plane_status;
  GArray         *entries;      /* VsMidlineEntry */
  gint64          edited;       /* seconds since the epoch, UTC */
} VsMidlineAnnotations;

VsMidlineAnnotations *vs_midline_annotations_new   (const char           *source,
                                                    const double          affine[16]);
void                  vs_midline_annotations_free  (VsMidlineAnnotations *self);
VsMidlineAnnotations *vs_midline_annotations_copy  (const VsMidlineAnnotations *self);
void                  vs_midline_annotations_add   (VsMidlineAnnotations *self,
                                                    const char           *image,
                                                    VsMidlineAxis           axis,
                                                    gint64                index,
                                                    const VsMidline      *line,
                                                    VsMidlineStatus       status);
VsMidlineEntry       *vs_midline_annotations_find  (VsMidlineAnnotations *self,
                                                    VsMidlineAxis           axis,
                                                    gint64                index);
void                  vs_midline_entry_endpoints   (const VsMidlineAnnotations *self,
                                                    const VsMidlineEntry *entry,
                                                    double                voxel[2][3],
                                                    double                world[2][3]);
char                 *vs_midline_annotations_to_json (const VsMidlineAnnotations *self);
gboolean              vs_midline_annotations_write (const VsMidlineAnnotations *self,
                                                    const char           *path,
                                                    GError              **error);
VsMidlineAnnotations *vs_midline_annotations_read  (const char           *path,
                                                    GError              **error);
char                 *vs_symbrain_format_line      (const VsMidline      *line);
gboolean              vs_symbrain_parse_line       (const char           *text,
                                                    VsMidline            *line,
                                                    GError              **error);
gboolean              vs_symbrain_write_csv        (const VsMidlineAnnotations *self,
                                                    const char           *path,
                                                    GError              **error);
VsMidlineAnnotations *vs_symbrain_read_csv         (const char           *path,
                                                    GError              **error);
const char           *vs_midline_status_to_string  (VsMidlineStatus       status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsMidlineAnnotations, vs_midline_annotations_free)

G_END_DECLS
