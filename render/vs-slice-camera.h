/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VS_SLICE_AXIS_AXIAL,
  VS_SLICE_AXIS_CORONAL,
  VS_SLICE_AXIS_SAGITTAL,
} VsSliceAxis;

/* Where a slice view looks: pure math, no GL.  Screen pixels have their origin at the top left;
 * world space is RAS+ millimetres.  The slice passes through @slice_mm along the view normal. */
typedef struct {
  VsSliceAxis axis;
  gboolean    radiological;
  double      center[3];      /* world point shown at the middle of the viewport */
  double      mm_per_pixel;
  int         width;
  int         height;
} VsSliceCamera;

const char *vs_slice_axis_get_name   (VsSliceAxis axis);
gboolean    vs_slice_axis_from_name  (const char  *name,
                                      VsSliceAxis *out);
void        vs_slice_camera_get_axes (const VsSliceCamera *camera,
                                      double               right[3],
                                      double               up[3],
                                      double               normal[3]);
void        vs_slice_camera_fit      (VsSliceCamera       *camera,
                                      const double         lo[3],
                                      const double         hi[3],
                                      const double         cursor[3]);
void        vs_slice_camera_set_slice (VsSliceCamera      *camera,
                                      const double         cursor[3]);
void        vs_slice_camera_pixel_to_world (const VsSliceCamera *camera,
                                      double               px,
                                      double               py,
                                      double               xyz[3]);
void        vs_slice_camera_world_to_pixel (const VsSliceCamera *camera,
                                      const double         xyz[3],
                                      double              *px,
                                      double              *py);
void        vs_slice_camera_zoom_about (VsSliceCamera     *camera,
                                      double               px,
                                      double               py,
                                      double               factor);
void        vs_slice_camera_pan      (VsSliceCamera       *camera,
                                      double               dx_pixels,
                                      double               dy_pixels);
void        vs_slice_camera_ndc_to_world_matrix (const VsSliceCamera *camera,
                                      double               m[16]);
void        vs_slice_camera_edge_letters (const VsSliceCamera *camera,
                                      char                 left[2],
                                      char                 right[2],
                                      char                 top[2],
                                      char                 bottom[2]);

G_END_DECLS
