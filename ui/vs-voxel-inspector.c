/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-voxel-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vs-label-table.h"
#include "vs-voxel-inspector.h"

/* What one voxel does, for the voxel under the cursor: its encoding-model r, α and CV R², a
 * tuning bar chart (mean response per category, relative to the voxel's mean, with standard
 * errors), the stimuli the model predicts it responds to most (with thumbnails when the images
 * exist), and its best concept. */

#define N_TOP 5

struct _VsVoxelInspector
{
  GtkBox            parent_instance;
  VsVolume         *responses;
  VsStimulusTable  *stimuli;
  VsVolume         *r;
  VsVolume         *alpha;
  VsVolume         *cv_r2;
  VsVolume         *top_predicted;
  GPtrArray        *stimulus_order;
  VsVolume         *concepts;
  GtkWidget        *summary;
  GtkWidget        *chart;
  GtkWidget        *top_box;
  double           *means;       /* per category, relative to the voxel's mean */
  double           *errors;
  gboolean          valid;
  char             *summary_text;
};

G_DEFINE_FINAL_TYPE (VsVoxelInspector, vs_voxel_inspector, GTK_TYPE_BOX)

static void
clear_model (VsVoxelInspector *self)
{
  g_clear_object (&self->responses);
  g_clear_pointer (&self->stimuli, vs_stimulus_table_free);
  g_clear_object (&self->r);
  g_clear_object (&self->alpha);
  g_clear_object (&self->cv_r2);
  g_clear_object (&self->top_predicted);
  g_clear_pointer (&self->stimulus_order, g_ptr_array_unref);
  g_clear_object (&self->concepts);
  g_clear_pointer (&self->means, g_free);
  g_clear_pointer (&self->errors, g_free);
}

static void
vs_voxel_inspector_dispose (GObject *object)
{
  VsVoxelInspector *self = VS_VOXEL_INSPECTOR (object);

  clear_model (self);
  g_clear_pointer (&self->summary_text, g_free);
  G_OBJECT_CLASS (vs_voxel_inspector_parent_class)->dispose (object);
}

static void
vs_voxel_inspector_class_init (VsVoxelInspectorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vs_voxel_inspector_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "voxel-inspector");
}

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  VsVoxelInspector *self = data;
  guint k;
  double extent = 1e-9, bar, zero, scale;

  if (!self->valid || self->stimuli == NULL)
    return;
  k = self->stimuli->categories->len;
  for (guint c = 0; c < k; c++)
    extent = MAX (extent, fabs (self->means[c]) + self->errors[c]);
  bar = (double) width / k;
  zero = (height - 16) / 2.0;
  scale = (zero - 4) / extent;

  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 0, zero + 0.5);
  cairo_line_to (cr, width, zero + 0.5);
  cairo_stroke (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (guint c = 0; c < k; c++)
    {
      guint8 rgba[4];
      double x = c * bar, h = self->means[c] * scale, e = self->errors[c] * scale;
      const char *name = g_ptr_array_index (self->stimuli->categories, c);
      cairo_text_extents_t extents;

      vs_label_palette_color (c + 1, rgba);
      cairo_set_source_rgb (cr, rgba[0] / 255.0, rgba[1] / 255.0, rgba[2] / 255.0);
      cairo_rectangle (cr, x + bar * 0.15, zero - MAX (h, 0), bar * 0.7, fabs (h));
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      cairo_move_to (cr, x + bar / 2, zero - h - e);
      cairo_line_to (cr, x + bar / 2, zero - h + e);
      cairo_stroke (cr);
      cairo_text_extents (cr, name, &extents);
      cairo_move_to (cr, x + (bar - extents.width) / 2, height - 3);
      cairo_show_text (cr, name);
    }
}

static void
vs_voxel_inspector_init (VsVoxelInspector *self)
{
  GtkWidget *title = gtk_label_new (_("Voxel"));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 8);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_widget_add_css_class (self->summary, "caption");
  self->chart = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->chart), 110);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_chart, self, NULL);
  gtk_widget_set_tooltip_text (self->chart, _("Mean response per category, relative to the "
                                              "voxel's mean, ± standard error"));
  self->top_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (self), title);
  gtk_box_append (GTK_BOX (self), self->summary);
  gtk_box_append (GTK_BOX (self), self->chart);
  gtk_box_append (GTK_BOX (self), self->top_box);
}

GtkWidget *
vs_voxel_inspector_new (void)
{
  return g_object_new (VS_TYPE_VOXEL_INSPECTOR, NULL);
}

/* Takes @stimuli; the volumes are referenced. */
void
vs_voxel_inspector_set_model (VsVoxelInspector *self,
                              VsVolume         *responses,
                              VsStimulusTable  *stimuli,
                              VsEncodingResult *encoding,
                              VsVolume         *concepts)
{
  g_return_if_fail (VS_IS_VOXEL_INSPECTOR (self));

  clear_model (self);
  self->responses = g_object_ref (responses);
  self->stimuli = stimuli;
  self->r = g_object_ref (encoding->r);
  self->alpha = g_object_ref (encoding->alpha);
  self->cv_r2 = g_object_ref (encoding->cv_r2);
  if (encoding->top_predicted != NULL)
    {
      self->top_predicted = g_object_ref (encoding->top_predicted);
      self->stimulus_order = g_ptr_array_ref (encoding->stimulus_order);
    }
  if (concepts != NULL)
    self->concepts = g_object_ref (concepts);
  self->means = g_new0 (double, stimuli->categories->len);
  self->errors = g_new0 (double, stimuli->categories->len);
  self->valid = FALSE;
}

void
vs_voxel_inspector_set_position (VsVoxelInspector *self,
                                 const double      xyz[3])
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *child;
  gint64 voxel[3], dims[4];
  double r, alpha, cv, grand = 0;
  guint k;
  gsize n, frame_voxels, index;
  g_autofree double *sum = NULL, *sum2 = NULL;
  g_autofree gsize *count = NULL;

  g_return_if_fail (VS_IS_VOXEL_INSPECTOR (self));
  while ((child = gtk_widget_get_first_child (self->top_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->top_box), child);
  self->valid = FALSE;
  if (self->responses == NULL || !vs_volume_sample_world (self->r, xyz, 0, &r, voxel))
    {
      gtk_label_set_text (GTK_LABEL (self->summary), _("The cursor is outside the model's grid"));
      gtk_widget_queue_draw (self->chart);
      return;
    }
  vs_volume_get_dims (self->r, dims);
  index = (gsize) (voxel[0] + dims[0] * (voxel[1] + dims[1] * voxel[2]));
  alpha = vs_volume_get_value (self->alpha, voxel[0], voxel[1], voxel[2], 0);
  cv = vs_volume_get_value (self->cv_r2, voxel[0], voxel[1], voxel[2], 0);
  if (alpha == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->summary),
                          _("Not fitted here (outside the mask, constant or not finite)"));
      gtk_widget_queue_draw (self->chart);
      return;
    }
  g_string_append_printf (text, _("voxel [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
                                  G_GINT64_FORMAT "]   r %.2f   α %.3g   CV R² %.2f"),
                          voxel[0], voxel[1], voxel[2], r, alpha, cv);
  if (self->concepts != NULL)
    {
      double concept = vs_volume_get_value (self->concepts, voxel[0], voxel[1], voxel[2], 0);
      const VsLabel *label = vs_label_table_lookup (vs_volume_get_label_table (self->concepts),
                                                    (guint32) concept);
      if (label != NULL)
        g_string_append_printf (text, _("\nconcept: %s"), label->name);
    }

  /* Tuning: mean and standard error per category over all presentations. */
  k = self->stimuli->categories->len;
  n = self->stimuli->rows->len;
  frame_voxels = vs_volume_get_frame_voxels (self->responses);
  sum = g_new0 (double, k);
  sum2 = g_new0 (double, k);
  count = g_new0 (gsize, k);
  for (gsize i = 0; i < n; i++)
    {
      VsStimulus *s = &g_array_index (self->stimuli->rows, VsStimulus, i);
      guint c = vs_stimulus_table_category_index (self->stimuli, s->category);
      double slope, intercept, value;
      vs_volume_get_scaling (self->responses, &slope, &intercept);
      value = vs_datatype_read (vs_volume_get_datatype (self->responses),
                                vs_volume_get_data (self->responses), index + i * frame_voxels) *
              slope + intercept;
      sum[c] += value;
      sum2[c] += value * value;
      count[c]++;
      grand += value / n;
    }
  for (guint c = 0; c < k; c++)
    {
      double mean = count[c] > 0 ? sum[c] / count[c] : 0;
      double var = count[c] > 1 ? (sum2[c] - count[c] * mean * mean) / (count[c] - 1) : 0;
      self->means[c] = mean - grand;
      self->errors[c] = count[c] > 0 ? sqrt (MAX (var, 0) / count[c]) : 0;
    }
  self->valid = TRUE;

  if (self->top_predicted != NULL)
    {
      GtkWidget *heading = gtk_label_new (_("Predicted to respond most to"));
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_box_append (GTK_BOX (self->top_box), heading);
      for (gint64 rank = 0; rank < MIN (N_TOP, vs_volume_get_n_frames (self->top_predicted)); rank++)
        {
          gint64 s = (gint64) vs_volume_get_value (self->top_predicted, voxel[0], voxel[1],
                                                   voxel[2], rank);
          VsStimulus *stimulus;
          GtkWidget *row, *label;
          g_autofree char *line = NULL;
          if (s < 0 || (guint) s >= self->stimulus_order->len)
            continue;
          stimulus = g_ptr_array_index (self->stimulus_order, s);
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          if (stimulus->image != NULL && g_file_test (stimulus->image, G_FILE_TEST_IS_REGULAR))
            {
              GtkWidget *picture = gtk_picture_new_for_filename (stimulus->image);
              gtk_widget_set_size_request (picture, 40, 40);
              gtk_box_append (GTK_BOX (row), picture);
            }
          line = g_strdup_printf ("%" G_GINT64_FORMAT ". %s (%s)", rank + 1,
                                  stimulus->stimulus_id, stimulus->category);
          label = gtk_label_new (line);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (row), label);
          gtk_box_append (GTK_BOX (self->top_box), row);
        }
    }
  gtk_label_set_text (GTK_LABEL (self->summary), text->str);
  g_free (self->summary_text);
  self->summary_text = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_widget_queue_draw (self->chart);
}

const char *
vs_voxel_inspector_get_summary (VsVoxelInspector *self)
{
  g_return_val_if_fail (VS_IS_VOXEL_INSPECTOR (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->summary));
}

guint
vs_voxel_inspector_get_n_categories (VsVoxelInspector *self)
{
  g_return_val_if_fail (VS_IS_VOXEL_INSPECTOR (self), 0);
  return self->valid ? self->stimuli->categories->len : 0;
}

double
vs_voxel_inspector_get_category_mean (VsVoxelInspector *self,
                                      guint             category)
{
  g_return_val_if_fail (VS_IS_VOXEL_INSPECTOR (self), 0);
  g_return_val_if_fail (self->valid && category < self->stimuli->categories->len, 0);
  return self->means[category];
}
