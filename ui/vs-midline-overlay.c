/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-midline-overlay"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-midline-overlay.h"

/* Midlines on a slice view: the mid-sagittal plane where it cuts the slice (cyan; dashed while
 * estimated), and the slice's own line when the view shows an annotated slice (yellow estimated,
 * orange edited, green confirmed) with round handles at its ends, which can be dragged. */

#define HANDLE_RADIUS 5.0
#define GRAB_DISTANCE 10.0

static gboolean
midline_axis_of_view (VsSliceAxis view, VsMidlineAxis *axis)
{
  if (view == VS_SLICE_AXIS_AXIAL)
    *axis = VS_MIDLINE_AXIS_AXIAL;
  else if (view == VS_SLICE_AXIS_CORONAL)
    *axis = VS_MIDLINE_AXIS_CORONAL;
  else
    return FALSE;
  return TRUE;
}

/* The annotated slice this view shows at @cursor, if any. */
gboolean
vs_midline_overlay_current (VsMidlineEditor *editor,
                            VsSliceAxis      view,
                            const double     cursor[3],
                            VsMidlineAxis   *axis,
                            gint64          *index)
{
  double ijk[3];

  if (editor == NULL || !midline_axis_of_view (view, axis))
    return FALSE;
  vs_volume_world_to_voxel (vs_midline_editor_get_source (editor), cursor, ijk);
  *index = (gint64) floor (ijk[*axis] + 0.5);
  return TRUE;
}

static void
pixel_to_screen (VsMidlineEditor *editor, const VsSliceCamera *camera, VsMidlineAxis axis,
                 gint64 index, const double p[2], double *x, double *y)
{
  double ijk[3], xyz[3];

  ijk[0] = p[0];
  ijk[1] = axis == VS_MIDLINE_AXIS_AXIAL ? p[1] : (double) index;
  ijk[2] = axis == VS_MIDLINE_AXIS_AXIAL ? (double) index : p[1];
  vs_volume_voxel_to_world (vs_midline_editor_get_source (editor), ijk, xyz);
  vs_slice_camera_world_to_pixel (camera, xyz, x, y);
}

/* The plane's cut through the view's slice, inset from the volume's bounds so its handles stay
 * on screen; none when the plane is within 25° of the slice (the cut is then meaningless). */
static gboolean
plane_segment (VsMidlineEditor *editor, const VsSliceCamera *camera, const double cursor[3],
               double a[3], double b[3])
{
  const VsMidplane *plane = &vs_midline_editor_get_annotations (editor)->plane;
  double right[3], up[3], normal[3];

  vs_slice_camera_get_axes (camera, right, up, normal);
  if (fabs (plane->normal[0] * normal[0] + plane->normal[1] * normal[1] +
            plane->normal[2] * normal[2]) > cos (25 * G_PI / 180))
    return FALSE;
  if (!vs_midline_editor_plane_line (editor, cursor, normal, a, b))
    return FALSE;
  for (int k = 0; k < 3; k++)
    {
      double d = b[k] - a[k];
      a[k] += 0.04 * d;
      b[k] -= 0.04 * d;
    }
  return TRUE;
}

static void
status_colour (cairo_t *cr, VsMidlineStatus status)
{
  switch (status)
    {
    case VS_MIDLINE_CONFIRMED: cairo_set_source_rgb (cr, 0.2, 0.85, 0.3); break;
    case VS_MIDLINE_EDITED: cairo_set_source_rgb (cr, 1.0, 0.55, 0.1); break;
    default: cairo_set_source_rgb (cr, 1.0, 0.9, 0.1); break;
    }
}

void
vs_midline_overlay_draw (cairo_t             *cr,
                         VsMidlineEditor     *editor,
                         const VsSliceCamera *camera,
                         const double         cursor[3])
{
  const VsMidlineAnnotations *annotations = vs_midline_editor_get_annotations (editor);
  double right[3], up[3], normal[3], a[3], b[3], ax, ay, bx, by;
  VsMidlineAxis axis;
  gint64 index;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  vs_slice_camera_get_axes (camera, right, up, normal);
  if (plane_segment (editor, camera, cursor, a, b))
    {
      double dashes[2] = { 6, 4 };
      vs_slice_camera_world_to_pixel (camera, a, &ax, &ay);
      vs_slice_camera_world_to_pixel (camera, b, &bx, &by);
      cairo_set_source_rgba (cr, 0.1, 0.85, 0.95, 0.9);
      cairo_set_dash (cr, dashes, annotations->plane_status == VS_MIDLINE_ESTIMATED ? 2 : 0, 0);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, bx, by);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      /* Handles: squares at the ends turn the plane, the diamond in the middle shifts it. */
      cairo_rectangle (cr, ax - HANDLE_RADIUS, ay - HANDLE_RADIUS, 2 * HANDLE_RADIUS,
                       2 * HANDLE_RADIUS);
      cairo_rectangle (cr, bx - HANDLE_RADIUS, by - HANDLE_RADIUS, 2 * HANDLE_RADIUS,
                       2 * HANDLE_RADIUS);
      cairo_move_to (cr, (ax + bx) / 2, (ay + by) / 2 - HANDLE_RADIUS * 1.4);
      cairo_line_to (cr, (ax + bx) / 2 + HANDLE_RADIUS * 1.4, (ay + by) / 2);
      cairo_line_to (cr, (ax + bx) / 2, (ay + by) / 2 + HANDLE_RADIUS * 1.4);
      cairo_line_to (cr, (ax + bx) / 2 - HANDLE_RADIUS * 1.4, (ay + by) / 2);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  if (vs_midline_overlay_current (editor, camera->axis, cursor, &axis, &index))
    {
      const VsMidlineEntry *entry =
        vs_midline_annotations_find ((VsMidlineAnnotations *) annotations, axis, index);
      if (entry != NULL)
        {
          pixel_to_screen (editor, camera, axis, index, entry->line.p0, &ax, &ay);
          pixel_to_screen (editor, camera, axis, index, entry->line.p1, &bx, &by);
          status_colour (cr, entry->status);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, ax, ay);
          cairo_line_to (cr, bx, by);
          cairo_stroke (cr);
          cairo_arc (cr, ax, ay, HANDLE_RADIUS, 0, 2 * G_PI);
          cairo_new_sub_path (cr);
          cairo_arc (cr, bx, by, HANDLE_RADIUS, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

/* The end of the current slice's line under (x, y), within grabbing distance. */
gboolean
vs_midline_overlay_hit (VsMidlineEditor     *editor,
                        const VsSliceCamera *camera,
                        const double         cursor[3],
                        double               x,
                        double               y,
                        VsMidlineAxis       *axis,
                        gint64              *index,
                        guint               *end)
{
  const VsMidlineEntry *entry;
  double ex[2], ey[2];

  if (!vs_midline_overlay_current (editor, camera->axis, cursor, axis, index))
    return FALSE;
  entry = vs_midline_annotations_find ((VsMidlineAnnotations *)
                                       vs_midline_editor_get_annotations (editor), *axis, *index);
  if (entry == NULL)
    return FALSE;
  pixel_to_screen (editor, camera, *axis, *index, entry->line.p0, &ex[0], &ey[0]);
  pixel_to_screen (editor, camera, *axis, *index, entry->line.p1, &ex[1], &ey[1]);
  for (guint e = 0; e < 2; e++)
    if (hypot (x - ex[e], y - ey[e]) <= GRAB_DISTANCE)
      {
        *end = e;
        return TRUE;
      }
  return FALSE;
}

/* Moves the grabbed end to the screen point (x, y). */
void
vs_midline_overlay_drag_to (VsMidlineEditor     *editor,
                            const VsSliceCamera *camera,
                            VsMidlineAxis        axis,
                            gint64               index,
                            guint                end,
                            double               x,
                            double               y)
{
  double xyz[3], ijk[3], pixel[2];

  vs_slice_camera_pixel_to_world (camera, x, y, xyz);
  vs_volume_world_to_voxel (vs_midline_editor_get_source (editor), xyz, ijk);
  pixel[0] = ijk[0];
  pixel[1] = axis == VS_MIDLINE_AXIS_AXIAL ? ijk[1] : ijk[2];
  vs_midline_editor_move_endpoint (editor, axis, index, end, pixel);
}

/* A plane handle under (x, y): @drag remembers which and the plane as it was. */
gboolean
vs_midline_overlay_hit_plane (VsMidlineEditor     *editor,
                              const VsSliceCamera *camera,
                              const double         cursor[3],
                              double               x,
                              double               y,
                              VsMidlinePlaneDrag  *drag)
{
  const VsMidplane *plane = &vs_midline_editor_get_annotations (editor)->plane;
  double a[3], b[3], ax, ay, bx, by;

  if (!plane_segment (editor, camera, cursor, a, b))
    return FALSE;
  vs_slice_camera_world_to_pixel (camera, a, &ax, &ay);
  vs_slice_camera_world_to_pixel (camera, b, &bx, &by);
  if (hypot (x - ax, y - ay) <= GRAB_DISTANCE)
    drag->handle = 0;
  else if (hypot (x - bx, y - by) <= GRAB_DISTANCE)
    drag->handle = 1;
  else if (hypot (x - (ax + bx) / 2, y - (ay + by) / 2) <= GRAB_DISTANCE)
    drag->handle = 2;
  else
    return FALSE;
  memcpy (drag->normal, plane->normal, sizeof drag->normal);
  drag->offset = plane->offset;
  memcpy (drag->a, a, sizeof drag->a);
  memcpy (drag->b, b, sizeof drag->b);
  vs_slice_camera_pixel_to_world (camera, x, y, drag->start);
  return TRUE;
}

/* Turns the plane about the view's normal through the other end (end handles, keeping its tilt
 * out of the slice) or shifts it along its normal (middle handle), to follow (x, y). */
void
vs_midline_overlay_drag_plane (VsMidlineEditor          *editor,
                               const VsSliceCamera      *camera,
                               const VsMidlinePlaneDrag *drag,
                               double                    x,
                               double                    y)
{
  double right[3], up[3], m[3], p[3], n[3];
  const double *n0 = drag->normal;

  vs_slice_camera_get_axes (camera, right, up, m);
  vs_slice_camera_pixel_to_world (camera, x, y, p);
  if (drag->handle == 2)
    {
      double shift = 0;
      for (int k = 0; k < 3; k++)
        shift += n0[k] * (p[k] - drag->start[k]);
      vs_midline_editor_set_plane (editor, n0, drag->offset + shift);
      return;
    }
  {
    const double *pivot = drag->handle == 0 ? drag->b : drag->a;
    double along = n0[0] * m[0] + n0[1] * m[1] + n0[2] * m[2], perp[3], d[3], c[3];
    double perp_len, d_len, c_len, sign;
    for (int k = 0; k < 3; k++)
      {
        perp[k] = n0[k] - along * m[k];
        d[k] = p[k] - pivot[k];
      }
    /* The new direction within the slice. */
    {
      double dm = d[0] * m[0] + d[1] * m[1] + d[2] * m[2];
      for (int k = 0; k < 3; k++)
        d[k] -= dm * m[k];
    }
    d_len = sqrt (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    perp_len = sqrt (perp[0] * perp[0] + perp[1] * perp[1] + perp[2] * perp[2]);
    if (d_len < 1e-6 || perp_len < 1e-6)
      return;
    c[0] = m[1] * d[2] - m[2] * d[1];
    c[1] = m[2] * d[0] - m[0] * d[2];
    c[2] = m[0] * d[1] - m[1] * d[0];
    c_len = sqrt (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
    sign = c[0] * perp[0] + c[1] * perp[1] + c[2] * perp[2] < 0 ? -1 : 1;
    for (int k = 0; k < 3; k++)
      n[k] = sign * perp_len * c[k] / c_len + along * m[k];
    vs_midline_editor_set_plane (editor, n, n[0] * pivot[0] + n[1] * pivot[1] + n[2] * pivot[2]);
  }
}
