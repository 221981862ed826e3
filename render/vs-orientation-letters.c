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

/* Where the four letters go in @camera's pixels, left, right, top, bottom, and their size; the
 * letters are @scale times larger on a screen of that scale. */
void
vs_orientation_letters_layout (const VsSliceCamera *camera,
                               double               scale,
                               char                 letters[4][2],
                               double               xy[4][2],
                               double              *size)
{
  double margin;

  *size = CLAMP (MIN (camera->width, camera->height) * 0.045, 11, 28) * scale;
  margin = *size * 0.9;
  vs_slice_camera_edge_letters (camera, letters[0], letters[1], letters[2], letters[3]);
  xy[0][0] = margin;                   xy[0][1] = camera->height / 2.0;
  xy[1][0] = camera->width - margin;   xy[1][1] = camera->height / 2.0;
  xy[2][0] = camera->width / 2.0;      xy[2][1] = margin;
  xy[3][0] = camera->width / 2.0;      xy[3][1] = camera->height - margin;
}

void
vs_orientation_letters_draw (cairo_t             *cr,
                             const VsSliceCamera *camera,
                             double               scale)
{
  char letters[4][2];
  double xy[4][2], size;

  vs_orientation_letters_layout (camera, scale, letters, xy, &size);
  cairo_save (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  for (int k = 0; k < 4; k++)
    draw_letter (cr, letters[k], xy[k][0], xy[k][1], size);
  cairo_restore (cr);
}
