/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-orientation-letters"

#include "config.h"

#include "vs-orientation-letters.h"

/* The anatomical letters at the edges of a slice view, drawn with cairo so the window's overlay
 * and the command line's figures show the same thing.  Coordinates are the camera's pixels. */

static void
draw_letter (cairo_t *cr, const char *letter, double x, double y, double size)
{
  cairo_text_extents_t extents;

  cairo_set_font_size (cr, size);
  cairo_text_extents (cr, letter, &extents);
  x -= extents.width / 2 + extents.x_bearing;
  y -= extents.height / 2 + extents.y_bearing;
  cairo_move_to (cr, x, y);
  cairo_text_path (cr, letter);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_set_line_width (cr, size / 6);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
}

void
vs_orientation_letters_draw (cairo_t             *cr,
                             const VsSliceCamera *camera,
                             double               scale)
{
  char left[2], right[2], top[2], bottom[2];
  double size = CLAMP (MIN (camera->width, camera->height) * 0.045, 11, 28) * scale;
  double margin = size * 0.9;

  vs_slice_camera_edge_letters (camera, left, right, top, bottom);
  cairo_save (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  draw_letter (cr, left, margin, camera->height / 2.0, size);
  draw_letter (cr, right, camera->width - margin, camera->height / 2.0, size);
  draw_letter (cr, top, camera->width / 2.0, margin, size);
  draw_letter (cr, bottom, camera->width / 2.0, camera->height - margin, size);
  cairo_restore (cr);
}
