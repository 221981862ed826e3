/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-slice-camera"

#include "config.h"

#include <string.h>

#include "vs-slice-camera.h"

/* Screen conventions: axial and coronal show the subject's left on the screen's left
 * (neurological) unless radiological is set; sagittal shows the nose to the left, as FSLeyes,
 * ITK-SNAP and MRIcroGL do. */

static const char *axis_names[] = { "axial", "coronal", "sagittal" };

const char *
vs_slice_axis_get_name (VsSliceAxis axis)
{
  g_return_val_if_fail (axis <= VS_SLICE_AXIS_SAGITTAL, NULL);
  return axis_names[axis];
}

gboolean
vs_slice_axis_from_name (const char  *name,
                         VsSliceAxis *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (axis_names); i++)
    if (g_strcmp0 (name, axis_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

void
vs_slice_camera_get_axes (const VsSliceCamera *camera,
                          double               right[3],
                          double               up[3],
                          double               normal[3])
{
  double flip = camera->radiological ? -1.0 : 1.0;

  memset (right, 0, 3 * sizeof (double));
  memset (up, 0, 3 * sizeof (double));
  memset (normal, 0, 3 * sizeof (double));
  switch (camera->axis)
    {
    case VS_SLICE_AXIS_AXIAL:
      right[0] = flip;
      up[1] = 1;
      normal[2] = 1;
      break;
    case VS_SLICE_AXIS_CORONAL:
      right[0] = flip;
      up[2] = 1;
      normal[1] = 1;
      break;
    case VS_SLICE_AXIS_SAGITTAL:
      right[1] = -1;
      up[2] = 1;
      normal[0] = 1;
      break;
    default:
      g_assert_not_reached ();
    }
}

static int
normal_index (VsSliceAxis axis)
{
  return axis == VS_SLICE_AXIS_AXIAL ? 2 : axis == VS_SLICE_AXIS_CORONAL ? 1 : 0;
}

/* Shows the whole box with a small margin, centred, sliced through the cursor. */
void
vs_slice_camera_fit (VsSliceCamera *camera,
                     const double   lo[3],
                     const double   hi[3],
                     const double   cursor[3])
{
  double right[3], up[3], normal[3];
  double extent_x = 0, extent_y = 0;
  int n = normal_index (camera->axis);

  vs_slice_camera_get_axes (camera, right, up, normal);
  for (int a = 0; a < 3; a++)
    {
      camera->center[a] = 0.5 * (lo[a] + hi[a]);
      extent_x += (hi[a] - lo[a]) * (right[a] != 0);
      extent_y += (hi[a] - lo[a]) * (up[a] != 0);
    }
  camera->center[n] = cursor[n];
  camera->mm_per_pixel = MAX (extent_x / MAX (camera->width, 1), extent_y / MAX (camera->height, 1));
  camera->mm_per_pixel *= 1.04;
  if (camera->mm_per_pixel <= 0)
    camera->mm_per_pixel = 1.0;
}

void
vs_slice_camera_set_slice (VsSliceCamera *camera,
                           const double   cursor[3])
{
  int n = normal_index (camera->axis);
  camera->center[n] = cursor[n];
}

void
vs_slice_camera_pixel_to_world (const VsSliceCamera *camera,
                                double               px,
                                double               py,
                                double               xyz[3])
{
  double right[3], up[3], normal[3];
  double u = (px - camera->width / 2.0) * camera->mm_per_pixel;
  double v = (camera->height / 2.0 - py) * camera->mm_per_pixel;

  vs_slice_camera_get_axes (camera, right, up, normal);
  for (int a = 0; a < 3; a++)
    xyz[a] = camera->center[a] + u * right[a] + v * up[a];
}

void
vs_slice_camera_world_to_pixel (const VsSliceCamera *camera,
                                const double         xyz[3],
                                double              *px,
                                double              *py)
{
  double right[3], up[3], normal[3], u = 0, v = 0;

  vs_slice_camera_get_axes (camera, right, up, normal);
  for (int a = 0; a < 3; a++)
    {
      u += (xyz[a] - camera->center[a]) * right[a];
      v += (xyz[a] - camera->center[a]) * up[a];
    }
  *px = camera->width / 2.0 + u / camera->mm_per_pixel;
  *py = camera->height / 2.0 - v / camera->mm_per_pixel;
}

/* Zoom by @factor (>1 magnifies) keeping the world point under (px, py) where it is. */
void
vs_slice_camera_zoom_about (VsSliceCamera *camera,
                            double         px,
                            double         py,
                            double         factor)
{
  double before[3], after[3];

  g_return_if_fail (factor > 0);
  vs_slice_camera_pixel_to_world (camera, px, py, before);
  camera->mm_per_pixel = CLAMP (camera->mm_per_pixel / factor, 1e-4, 1e4);
  vs_slice_camera_pixel_to_world (camera, px, py, after);
  for (int a = 0; a < 3; a++)
    camera->center[a] += before[a] - after[a];
}

/* Drag the picture by a pixel offset. */
void
vs_slice_camera_pan (VsSliceCamera *camera,
                     double         dx_pixels,
                     double         dy_pixels)
{
  double right[3], up[3], normal[3];

  vs_slice_camera_get_axes (camera, right, up, normal);
  for (int a = 0; a < 3; a++)
    camera->center[a] -= dx_pixels * camera->mm_per_pixel * right[a] -
                         dy_pixels * camera->mm_per_pixel * up[a];
}

/* Column-major 4×4 taking normalised device coordinates (x, y in −1…1, y up) to world mm. */
void
vs_slice_camera_ndc_to_world_matrix (const VsSliceCamera *camera,
                                     double               m[16])
{
  double right[3], up[3], normal[3];
  double half_w = camera->width / 2.0 * camera->mm_per_pixel;
  double half_h = camera->height / 2.0 * camera->mm_per_pixel;

  vs_slice_camera_get_axes (camera, right, up, normal);
  memset (m, 0, 16 * sizeof (double));
  for (int a = 0; a < 3; a++)
    {
      m[0 + a] = right[a] * half_w;
      m[4 + a] = up[a] * half_h;
      m[8 + a] = normal[a];
      m[12 + a] = camera->center[a];
    }
  m[15] = 1;
}

static char
letter_for (const double direction[3], double sign)
{
  static const char positive[] = "RAS", negative[] = "LPI";

  for (int a = 0; a < 3; a++)
    if (direction[a] * sign > 0.5)
      return positive[a];
    else if (direction[a] * sign < -0.5)
      return negative[a];
  return '?';
}

/* The anatomical direction at each edge of the view ("L" at the left in neurological axial). */
void
vs_slice_camera_edge_letters (const VsSliceCamera *camera,
                              char                 left[2],
                              char                 right_edge[2],
                              char                 top[2],
                              char                 bottom[2])
{
  double right[3], up[3], normal[3];

  vs_slice_camera_get_axes (camera, right, up, normal);
  left[0] = letter_for (right, -1);
  right_edge[0] = letter_for (right, 1);
  top[0] = letter_for (up, 1);
  bottom[0] = letter_for (up, -1);
  left[1] = right_edge[1] = top[1] = bottom[1] = '\0';
}
