/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-demo-stimulus-images"

#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>

#include "vs-demo-stimulus-images.h"

/* Pictures for the demo's simulated stimuli, so the voxel inspector has thumbnails to show: each
 * category is a cartoon one recognises at 40 pixels — a face, a house in a landscape, a stick
 * figure, a cup — varied per image from its id.  Drawn once into a cache folder. */

#define SIZE 64

static double
uniform (GRand *rand, double lo, double hi)
{
  return g_rand_double_range (rand, lo, hi);
}

static void
draw_face (cairo_t *cr, GRand *rand)
{
  double cx = uniform (rand, 28, 36), cy = uniform (rand, 30, 34), rx = uniform (rand, 16, 21);
  double ry = rx * uniform (rand, 1.1, 1.3), tone = uniform (rand, 0.55, 0.95);

  cairo_set_source_rgb (cr, 0.85, 0.9, 0.95);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, rx, ry);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, tone, tone * 0.78, tone * 0.62);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  for (int side = -1; side <= 1; side += 2)
    {
      cairo_arc (cr, cx + side * rx * 0.4, cy - ry * 0.2, 2.2, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 2);
  cairo_arc (cr, cx, cy + ry * 0.25, rx * 0.4, 0.2 * G_PI, 0.8 * G_PI);
  cairo_stroke (cr);
}

static void
draw_place (cairo_t *cr, GRand *rand)
{
  double horizon = uniform (rand, 36, 46), x = uniform (rand, 12, 30), w = uniform (rand, 18, 26);
  double h = uniform (rand, 12, 18);

  cairo_set_source_rgb (cr, 0.45, 0.7, uniform (rand, 0.85, 1.0));
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.3, uniform (rand, 0.5, 0.65), 0.25);
  cairo_rectangle (cr, 0, horizon, SIZE, SIZE - horizon);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, uniform (rand, 0.7, 0.9), 0.6, 0.45);
  cairo_rectangle (cr, x, horizon - h, w, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.6, 0.15, 0.1);
  cairo_move_to (cr, x - 3, horizon - h);
  cairo_line_to (cr, x + w / 2, horizon - h - uniform (rand, 8, 13));
  cairo_line_to (cr, x + w + 3, horizon - h);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.25, 0.2, 0.15);
  cairo_rectangle (cr, x + w / 2 - 2.5, horizon - 8, 5, 8);
  cairo_fill (cr);
}

static void
draw_body (cairo_t *cr, GRand *rand)
{
  double cx = uniform (rand, 26, 38), top = uniform (rand, 8, 14);

  cairo_set_source_rgb (cr, 0.95, 0.93, 0.88);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, uniform (rand, 0.1, 0.5), 0.2, uniform (rand, 0.3, 0.7));
  cairo_set_line_width (cr, 4);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_arc (cr, cx, top + 5, 5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_move_to (cr, cx, top + 10);
  cairo_line_to (cr, cx, top + 30);
  for (int side = -1; side <= 1; side += 2)
    {
      double arm = uniform (rand, -0.6, 0.9), leg = uniform (rand, 0.2, 0.6);
      cairo_move_to (cr, cx, top + 15);
      cairo_line_to (cr, cx + side * 13 * cos (arm), top + 15 + 13 * sin (arm));
      cairo_move_to (cr, cx, top + 30);
      cairo_line_to (cr, cx + side * 15 * sin (leg), top + 30 + 15 * cos (leg));
    }
  cairo_stroke (cr);
}

static void
draw_object (cairo_t *cr, GRand *rand)
{
  double x = uniform (rand, 16, 24), w = uniform (rand, 18, 24), h = uniform (rand, 20, 28);
  double y = 52 - h;

  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, uniform (rand, 0.2, 0.9), uniform (rand, 0.2, 0.9),
                        uniform (rand, 0.2, 0.9));
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 4);
  cairo_arc (cr, x + w, y + h / 2, h / 4, -G_PI / 2, G_PI / 2);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_rectangle (cr, 8, 52, 48, 3);
  cairo_fill (cr);
}

static gboolean
write_png (cairo_surface_t *surface, const char *path, GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);

  if (cairo_surface_write_to_png (surface, tmp) != CAIRO_STATUS_SUCCESS ||
      g_rename (tmp, path) != 0)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the demo image %s", path);
      return FALSE;
    }
  return TRUE;
}

/* Draws each distinct stimulus of @stimuli into @dir (kept when already there) and points the
 * table's image paths at the files. */
gboolean
vs_demo_stimulus_images_write (VsStimulusTable *stimuli,
                               const char      *dir,
                               GError         **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "cannot create %s: %s", dir,
                   g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < stimuli->rows->len; i++)
    {
      VsStimulus *s = &g_array_index (stimuli->rows, VsStimulus, i);
      g_autofree char *name = g_strconcat (s->stimulus_id, ".png", NULL);
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (s->stimulus_id));
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SIZE, SIZE);
          cairo_t *cr = cairo_create (surface);
          gboolean ok;

          if (g_str_equal (s->category, "faces"))
            draw_face (cr, rand);
          else if (g_str_equal (s->category, "places"))
            draw_place (cr, rand);
          else if (g_str_equal (s->category, "bodies"))
            draw_body (cr, rand);
          else
            draw_object (cr, rand);
          cairo_destroy (cr);
          ok = write_png (surface, path, error);
          cairo_surface_destroy (surface);
          if (!ok)
            {
              g_free (path);
              return FALSE;
            }
        }
      g_free (s->image);
      s->image = path;
    }
  return TRUE;
}
