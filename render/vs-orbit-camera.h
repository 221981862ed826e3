/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A camera orbiting a target, for the 3D view.  Pure math, no GL.  Azimuth is measured in the
 * axial plane from +x (the subject's right) towards +y (anterior); elevation up towards +z. */
typedef struct {
  double target[3];
  double distance;
  double azimuth;     /* degrees */
  double elevation;   /* degrees, −90…90 */
  double fov;         /* vertical, degrees */
  int    width;
  int    height;
} VsOrbitCamera;

void     vs_orbit_camera_init        (VsOrbitCamera *camera,
                                      int            width,
                                      int            height);
void     vs_orbit_camera_fit         (VsOrbitCamera *camera,
                                      const double   lo[3],
                                      const double   hi[3]);
gboolean vs_orbit_camera_set_preset  (VsOrbitCamera *camera,
                                      const char    *preset,
                                      gboolean       left_hemisphere);
void     vs_orbit_camera_get_eye     (const VsOrbitCamera *camera,
                                      double         eye[3],
                                      double         up[3]);
void     vs_orbit_camera_get_matrices (const VsOrbitCamera *camera,
                                      float          view[16],
                                      float          projection[16]);
gboolean vs_orbit_camera_project     (const VsOrbitCamera *camera,
                                      const double   xyz[3],
                                      double        *px,
                                      double        *py);
void     vs_orbit_camera_pixel_ray   (const VsOrbitCamera *camera,
                                      double         px,
                                      double         py,
                                      double         origin[3],
                                      double         direction[3]);
void     vs_orbit_camera_orbit       (VsOrbitCamera *camera,
                                      double         dx_pixels,
                                      double         dy_pixels);
void     vs_orbit_camera_pan         (VsOrbitCamera *camera,
                                      double         dx_pixels,
                                      double         dy_pixels);
void     vs_orbit_camera_zoom        (VsOrbitCamera *camera,
                                      double         factor);

extern const char *const vs_orbit_camera_presets[];

G_END_DECLS
