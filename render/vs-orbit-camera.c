/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-orbit-camera"

#include "config.h"

#include <cglm/cglm.h>
#include <math.h>
#include <string.h>

#include "vs-orbit-camera.h"

const char *const vs_orbit_camera_presets[] = {
  "lateral", "medial", "dorsal", "ventral", "anterior", "posterior", NULL
};

void
vs_orbit_camera_init (VsOrbitCamera *camera,
                      int            width,
                      int            height)
{
  memset (camera, 0, sizeof *camera);
  camera->distance = 300;
  camera->azimuth = 180;
  camera->fov = 30;
  camera->width = width;
  camera->height = height;
}

/* Target the box's centre from far enough that its bounding sphere fills the view. */
void
vs_orbit_camera_fit (VsOrbitCamera *camera,
                     const double   lo[3],
                     const double   hi[3])
{
  double radius = 0, half_fov;

  for (int a = 0; a < 3; a++)
    {
      camera->target[a] = 0.5 * (lo[a] + hi[a]);
      radius += (hi[a] - lo[a]) * (hi[a] - lo[a]) / 4;
    }
  radius = MAX (sqrt (radius), 1e-3);
  half_fov = camera->fov * G_PI / 360.0;
  if (camera->width < camera->height && camera->height > 0)
    half_fov = atan (tan (half_fov) * camera->width / camera->height);
  camera->distance = radius / sin (half_fov) * 1.02;
}

/* Views a neuroscientist names: lateral and medial depend on the hemisphere. */
gboolean
vs_orbit_camera_set_preset (VsOrbitCamera *camera,
                            const char    *preset,
                            gboolean       left_hemisphere)
{
  double azimuth, elevation = 0;

  if (g_strcmp0 (preset, "lateral") == 0)
    azimuth = left_hemisphere ? 180 : 0;
  else if (g_strcmp0 (preset, "medial") == 0)
    azimuth = left_hemisphere ? 0 : 180;
  else if (g_strcmp0 (preset, "anterior") == 0)
    azimuth = 90;
  else if (g_strcmp0 (preset, "posterior") == 0)
    azimuth = -90;
  else if (g_strcmp0 (preset, "dorsal") == 0)
    azimuth = -90, elevation = 90;
  else if (g_strcmp0 (preset, "ventral") == 0)
    azimuth = 90, elevation = -90;
  else
    return FALSE;
  camera->azimuth = azimuth;
  camera->elevation = elevation;
  return TRUE;
}

void
vs_orbit_camera_get_eye (const VsOrbitCamera *camera,
                         double               eye[3],
                         double               up[3])
{
  double az = camera->azimuth * G_PI / 180, el = camera->elevation * G_PI / 180;
  double dir[3] = { cos (el) * cos (az), cos (el) * sin (az), sin (el) };

  for (int a = 0; a < 3; a++)
    eye[a] = camera->target[a] + camera->distance * dir[a];
  /* d(dir)/d(el): stays defined at the poles, where it gives the anterior-up dorsal view. */
  up[0] = -sin (el) * cos (az);
  up[1] = -sin (el) * sin (az);
  up[2] = cos (el);
}

void
vs_orbit_camera_get_matrices (const VsOrbitCamera *camera,
                              float                view[16],
                              float                projection[16])
{
  double eye_d[3], up_d[3];
  vec3 eye, center, up;
  mat4 v, p;
  float aspect = camera->height > 0 ? (float) camera->width / camera->height : 1.0f;

  vs_orbit_camera_get_eye (camera, eye_d, up_d);
  for (int a = 0; a < 3; a++)
    {
      eye[a] = (float) eye_d[a];
      up[a] = (float) up_d[a];
      center[a] = (float) camera->target[a];
    }
  glm_lookat (eye, center, up, v);
  glm_perspective ((float) (camera->fov * G_PI / 180), aspect,
                   (float) MAX (camera->distance * 0.01, 0.1), (float) (camera->distance * 4), p);
  memcpy (view, v, sizeof v);
  memcpy (projection, p, sizeof p);
}

/* Window pixel (top-left origin) of a world point; FALSE behind the camera. */
gboolean
vs_orbit_camera_project (const VsOrbitCamera *camera,
                         const double         xyz[3],
                         double              *px,
                         double              *py)
{
  float view[16], projection[16];
  vec4 p = { (float) xyz[0], (float) xyz[1], (float) xyz[2], 1 }, eye_space, clip;

  vs_orbit_camera_get_matrices (camera, view, projection);
  glm_mat4_mulv ((vec4 *) view, p, eye_space);
  glm_mat4_mulv ((vec4 *) projection, eye_space, clip);
  if (clip[3] <= 0)
    return FALSE;
  *px = (clip[0] / clip[3] * 0.5 + 0.5) * camera->width;
  *py = (0.5 - clip[1] / clip[3] * 0.5) * camera->height;
  return TRUE;
}

/* The ray from the eye through a pixel's centre, for picking. */
void
vs_orbit_camera_pixel_ray (const VsOrbitCamera *camera,
                           double               px,
                           double               py,
                           double               origin[3],
                           double               direction[3])
{
  double eye[3], up[3], forward[3], right[3], length = 0;
  double aspect = camera->height > 0 ? (double) camera->width / camera->height : 1.0;
  double t = tan (camera->fov * G_PI / 360.0);
  double x = (2.0 * px / camera->width - 1.0) * t * aspect;
  double y = (1.0 - 2.0 * py / camera->height) * t;

  vs_orbit_camera_get_eye (camera, eye, up);
  for (int a = 0; a < 3; a++)
    forward[a] = (camera->target[a] - eye[a]) / camera->distance;
  right[0] = forward[1] * up[2] - forward[2] * up[1];
  right[1] = forward[2] * up[0] - forward[0] * up[2];
  right[2] = forward[0] * up[1] - forward[1] * up[0];
  for (int a = 0; a < 3; a++)
    {
      origin[a] = eye[a];
      direction[a] = forward[a] + x * right[a] + y * up[a];
      length += direction[a] * direction[a];
    }
  length = sqrt (length);
  for (int a = 0; a < 3; a++)
    direction[a] /= length;
}

void
vs_orbit_camera_orbit (VsOrbitCamera *camera,
                       double         dx_pixels,
                       double         dy_pixels)
{
  camera->azimuth = fmod (camera->azimuth - dx_pixels * 0.4, 360.0);
  camera->elevation = CLAMP (camera->elevation + dy_pixels * 0.4, -90.0, 90.0);
}

void
vs_orbit_camera_zoom (VsOrbitCamera *camera,
                      double         factor)
{
  g_return_if_fail (factor > 0);
  camera->distance = CLAMP (camera->distance / factor, 1.0, 1e5);
}

/* Slides the target so the picture follows the pointer by (dx, dy) pixels at the target's depth. */
void
vs_orbit_camera_pan (VsOrbitCamera *camera,
                     double         dx_pixels,
                     double         dy_pixels)
{
  double eye[3], up[3], forward[3], right[3];
  double mm_per_pixel = 2.0 * camera->distance * tan (camera->fov * G_PI / 360.0) /
                        MAX (camera->height, 1);

  vs_orbit_camera_get_eye (camera, eye, up);
  for (int a = 0; a < 3; a++)
    forward[a] = (camera->target[a] - eye[a]) / camera->distance;
  right[0] = forward[1] * up[2] - forward[2] * up[1];
  right[1] = forward[2] * up[0] - forward[0] * up[2];
  right[2] = forward[0] * up[1] - forward[1] * up[0];
  for (int a = 0; a < 3; a++)
    camera->target[a] -= mm_per_pixel * (dx_pixels * right[a] - dy_pixels * up[a]);
}
