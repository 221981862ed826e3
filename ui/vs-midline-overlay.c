/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-midline-overlay"

#include "config.h"

#include <math.h>

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
  if (vs_midline_editor_plane_line (editor, cursor, normal, a, b))
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
