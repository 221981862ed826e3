/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-voxel-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vs-attention-figure.h"
#include "vs-job.h"
#include "vs-label-table.h"
#include "vs-region-model.h"
#include "vs-voxel-concepts.h"
#include "vs-voxel-inspector-private.h"

/* What one voxel does, for the voxel under the cursor: its encoding-model r, α and CV R², a
 * tuning bar chart (mean response per category, relative to the voxel's mean, with standard
 * errors), the stimuli the model predicts it responds to most (with thumbnails when the images
 * exist), and its best concept.  Or the same for an atlas region's mean response, fitted on
 * demand in the background. */



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
  g_clear_object (&self->top_predicted_response);
  g_clear_pointer (&self->stimulus_order, g_ptr_array_unref);
  g_clear_object (&self->weights);
  g_clear_object (&self->r2);
  g_clear_pointer (&self->concept_embeddings, vs_matrix_free);
  g_clear_pointer (&self->concept_names, g_ptr_array_unref);
  g_clear_pointer (&self->means, g_free);
  g_clear_pointer (&self->errors, g_free);
  g_clear_object (&self->atlas);
  g_clear_pointer (&self->features, vs_matrix_free);
  g_clear_pointer (&self->alphas, g_free);
  g_clear_pointer (&self->region, vs_region_model_free);
  if (self->region_job != NULL)
    vs_job_cancel (self->region_job);
  g_clear_object (&self->region_job);
  if (self->vertex_layers != NULL)
    {
      g_ptr_array_set_size (self->vertex_layers, 0);
      g_array_set_size (self->vertex_offsets, 0);
    }
}

static void
vs_voxel_inspector_dispose (GObject *object)
{
  VsVoxelInspector *self = VS_VOXEL_INSPECTOR (object);

  clear_model (self);
  g_clear_pointer (&self->summary_text, g_free);
  g_clear_pointer (&self->region_labels, g_array_unref);
  g_clear_pointer (&self->attention_maps, g_free);
  for (guint i = 0; i < N_ATTENTION; i++)
    g_clear_object (&self->attention_pixbufs[i]);
  g_clear_pointer (&self->vertex_layers, g_ptr_array_unref);
  g_clear_pointer (&self->vertex_offsets, g_array_unref);
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
draw_attention (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  VsVoxelInspector *self = data;

  if (self->attention == NULL || self->attention_maps == NULL)
    return;
  for (guint i = 0; i < self->n_attention; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, i * (ATTENTION_SIZE + 4), 0);
      if (self->attention_pixbufs[i] != NULL)
        {
          cairo_save (cr);
          cairo_scale (cr, (double) ATTENTION_SIZE / gdk_pixbuf_get_width (self->attention_pixbufs[i]),
                       (double) ATTENTION_SIZE / gdk_pixbuf_get_height (self->attention_pixbufs[i]));
          vs_attention_set_source_pixbuf (cr, self->attention_pixbufs[i]);
          cairo_paint (cr);
          cairo_restore (cr);
        }
      vs_attention_paint (cr, ATTENTION_SIZE, ATTENTION_SIZE,
                          self->attention_maps + i * self->attention->features.k,
                          self->attention->features.grid_h, self->attention->features.grid_w,
                          VS_COLORMAP_INFERNO, 0.55, TRUE);
      cairo_restore (cr);
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
  self->region_labels = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->vertex_layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->vertex_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->region_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->region_names, _("Voxel at the cursor"));
  self->region_chooser = gtk_drop_down_new (G_LIST_MODEL (self->region_names), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->region_chooser), TRUE);
  {
    g_autoptr(GtkExpression) expression =
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (GTK_DROP_DOWN (self->region_chooser), expression);
  }
  gtk_widget_set_tooltip_text (self->region_chooser, _("Show an atlas region's mean response "
                                                       "and its own model instead of one voxel"));
  gtk_widget_set_visible (self->region_chooser, FALSE);
  g_signal_connect (self->region_chooser, "notify::selected",
                    G_CALLBACK (_vs_voxel_inspector_on_region_chosen), self);
  self->attention_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  {
    GtkWidget *heading = gtk_label_new (_("Its attention on its top images"));
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_widget_add_css_class (heading, "dim-label");
    self->attention_area = gtk_drawing_area_new ();
    gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->attention_area),
                                        N_ATTENTION * (ATTENTION_SIZE + 4));
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->attention_area), ATTENTION_SIZE);
    gtk_widget_set_halign (self->attention_area, GTK_ALIGN_START);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->attention_area), draw_attention, self,
                                    NULL);
    gtk_box_append (GTK_BOX (self->attention_box), heading);
    gtk_box_append (GTK_BOX (self->attention_box), self->attention_area);
  }
  gtk_widget_set_visible (self->attention_box, FALSE);
  gtk_box_append (GTK_BOX (self), title);
  gtk_box_append (GTK_BOX (self), self->region_chooser);
  gtk_box_append (GTK_BOX (self), self->summary);
  gtk_box_append (GTK_BOX (self), self->chart);
  gtk_box_append (GTK_BOX (self), self->top_box);
  gtk_box_append (GTK_BOX (self), self->attention_box);
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
                              VsEncodingResult *encoding)
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
      self->top_predicted_response = g_object_ref (encoding->top_predicted_response);
      self->stimulus_order = g_ptr_array_ref (encoding->stimulus_order);
    }
  self->weights = g_object_ref (encoding->weights);
  self->r2 = g_object_ref (encoding->r2);
  self->means = g_new0 (double, stimuli->categories->len);
  self->errors = g_new0 (double, stimuli->categories->len);
  self->valid = FALSE;
}

/* Shows @text, the tuning of @values (one per presentation) and the top stimuli in frame order
 * of @top at @index, with their predicted responses from @top_response. */
void
_vs_voxel_inspector_show (VsVoxelInspector *self, GString *text, const double *values, VsVolume *top,
      VsVolume *top_response, gsize index, GPtrArray *order)
{
  guint k = self->stimuli->categories->len;
  gsize n = self->stimuli->rows->len;
  g_autofree double *sum = g_new0 (double, k), *sum2 = g_new0 (double, k);
  g_autofree gsize *count = g_new0 (gsize, k);
  double grand = 0;

  /* Tuning: mean and standard error per category over all presentations. */
  for (gsize i = 0; i < n; i++)
    {
      VsStimulus *s = &g_array_index (self->stimuli->rows, VsStimulus, i);
      guint c = vs_stimulus_table_category_index (self->stimuli, s->category);
      sum[c] += values[i];
      sum2[c] += values[i] * values[i];
      count[c]++;
      grand += values[i] / n;
    }
  for (guint c = 0; c < k; c++)
    {
      double mean = count[c] > 0 ? sum[c] / count[c] : 0;
      double var = count[c] > 1 ? (sum2[c] - count[c] * mean * mean) / (count[c] - 1) : 0;
      self->means[c] = mean - grand;
      self->errors[c] = count[c] > 0 ? sqrt (MAX (var, 0) / count[c]) : 0;
    }
  self->valid = TRUE;

  if (top != NULL)
    {
      GtkWidget *heading = gtk_label_new (_("Predicted to respond most to"));
      gsize frame_voxels = vs_volume_get_frame_voxels (top);
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_box_append (GTK_BOX (self->top_box), heading);
      for (gint64 rank = 0; rank < MIN (N_TOP, vs_volume_get_n_frames (top)); rank++)
        {
          gint64 s = ((const gint32 *) vs_volume_get_data (top))[index + rank * frame_voxels];
          VsStimulus *stimulus;
          GtkWidget *row, *label;
          g_autofree char *line = NULL;
          if (s < 0 || (guint) s >= order->len)
            continue;
          stimulus = g_ptr_array_index (order, s);
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          if (stimulus->image != NULL && g_file_test (stimulus->image, G_FILE_TEST_IS_REGULAR))
            {
              GtkWidget *picture = gtk_picture_new_for_filename (stimulus->image);
              gtk_widget_set_size_request (picture, 40, 40);
              gtk_box_append (GTK_BOX (row), picture);
            }
          line = g_strdup_printf (_("%ld. %s (%s)   predicted %.3g"), (long) rank + 1,
                                  stimulus->stimulus_id, stimulus->category,
                                  ((const float *) vs_volume_get_data (top_response))
                                    [index + rank * frame_voxels]);
          label = gtk_label_new (line);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (row), label);
          gtk_box_append (GTK_BOX (self->top_box), row);
        }
    }
  gtk_label_set_text (GTK_LABEL (self->summary), text->str);
  g_free (self->summary_text);
  self->summary_text = g_strdup (text->str);
  gtk_widget_queue_draw (self->chart);
}

void
_vs_voxel_inspector_show_message (VsVoxelInspector *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->summary), message);
  gtk_widget_queue_draw (self->chart);
}

void
_vs_voxel_inspector_clear_display (VsVoxelInspector *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->top_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->top_box), child);
  self->valid = FALSE;
}

/* "concepts: dogs 0.91, cats 0.84, …" for the weights at @index, when concepts are known. */
void
_vs_voxel_inspector_append_concepts (VsVoxelInspector *self, GString *text, VsVolume *weights, gsize index)
{
  guint order[N_CONCEPTS], n;
  double cosines[N_CONCEPTS];

  if (self->concept_embeddings == NULL ||
      self->concept_embeddings->cols != (gsize) vs_volume_get_n_frames (weights))
    return;
  n = vs_voxel_concepts_rank (weights, index, self->concept_embeddings, N_CONCEPTS, order,
                              cosines);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s %.2f", i == 0 ? _("\nconcepts: ") : ", ",
                            (const char *) g_ptr_array_index (self->concept_names, order[i]),
                            cosines[i]);
}

/* With an attention study in the same feature space: the voxel's attention (query: its encoding
 * weights) on the images the model predicts it responds to most. */
static void
show_attention (VsVoxelInspector *self, gsize index)
{
  VsAttentionStudy *study = self->attention;
  gsize voxels, p, frame;
  g_autofree double *query = NULL;

  gtk_widget_set_visible (self->attention_box, FALSE);
  self->n_attention = 0;
  if (study == NULL || self->top_predicted == NULL || self->weights == NULL ||
      vs_volume_get_n_frames (self->weights) != (gint64) study->features.p)
    return;
  voxels = vs_volume_get_frame_voxels (self->weights);
  frame = vs_volume_get_frame_voxels (self->top_predicted);
  p = study->features.p;
  query = g_new (double, p);
  for (gsize c = 0; c < p; c++)
    query[c] = ((const float *) vs_volume_get_data (self->weights))[index + c * voxels];
  g_free (self->attention_maps);
  self->attention_maps = g_new (double, N_ATTENTION * study->features.k);
  for (gint64 rank = 0; rank < MIN (N_ATTENTION, vs_volume_get_n_frames (self->top_predicted));
       rank++)
    {
      gint32 top = ((const gint32 *) vs_volume_get_data (self->top_predicted))[index + rank * frame];
      VsStimulus *best;
      if (top < 0 || (guint) top >= self->stimulus_order->len)
        continue;
      best = g_ptr_array_index (self->stimulus_order, top);
      for (guint i = 0; i < study->stimuli->rows->len; i++)
        {
          VsStimulus *s = &g_array_index (study->stimuli->rows, VsStimulus, i);
          guint slot = self->n_attention;
          if (g_strcmp0 (s->stimulus_id, best->stimulus_id) != 0)
            continue;
          vs_attention_map (&study->features, i, query, 1.0,
                            self->attention_maps + slot * study->features.k);
          g_clear_object (&self->attention_pixbufs[slot]);
          if (s->image != NULL && g_file_test (s->image, G_FILE_TEST_IS_REGULAR))
            self->attention_pixbufs[slot] = gdk_pixbuf_new_from_file (s->image, NULL);
          self->n_attention++;
          break;
        }
    }
  if (self->n_attention > 0)
    {
      gtk_widget_set_visible (self->attention_box, TRUE);
      gtk_widget_queue_draw (self->attention_area);
    }
}

/* The model's values at flat grid index @index (a voxel, or a vertex of vertex-wise data), under
 * the heading @where. */
static void
show_index (VsVoxelInspector *self, gsize index, const char *where)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double r, alpha, cv, slope, intercept;
  gsize n, frame_voxels = vs_volume_get_frame_voxels (self->responses);
  g_autofree double *values = NULL;

  r = ((const float *) vs_volume_get_data (self->r))[index];
  alpha = ((const float *) vs_volume_get_data (self->alpha))[index];
  cv = ((const float *) vs_volume_get_data (self->cv_r2))[index];
  if (alpha == 0)
    {
      _vs_voxel_inspector_show_message (self, _("Not fitted here (outside the mask, constant or not finite)"));
      return;
    }
  g_string_append_printf (text, _("%s   r %.2f   R² %.2f   α %.3g   CV R² %.2f"), where, r,
                          ((const float *) vs_volume_get_data (self->r2))[index], alpha, cv);
  _vs_voxel_inspector_append_concepts (self, text, self->weights, index);
  n = self->stimuli->rows->len;
  vs_volume_get_scaling (self->responses, &slope, &intercept);
  values = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    values[i] = vs_datatype_read (vs_volume_get_datatype (self->responses),
                                  vs_volume_get_data (self->responses), index + i * frame_voxels) *
                slope + intercept;
  _vs_voxel_inspector_show (self, text, values, self->top_predicted, self->top_predicted_response, index,
        self->stimulus_order);
  show_attention (self, index);
}

/* An attention study (borrowed; NULL to forget it) whose patch features share the encoding
 * model's feature space: each voxel then shows its attention on its top image. */
void
vs_voxel_inspector_set_attention (VsVoxelInspector *self,
                                  VsAttentionStudy *study)
{
  g_return_if_fail (VS_IS_VOXEL_INSPECTOR (self));
  self->attention = study;
  vs_voxel_inspector_set_position (self, self->cursor);
}

/* How many top images show the voxel's attention (0 when none do). */
guint
vs_voxel_inspector_shows_attention (VsVoxelInspector *self)
{
  return gtk_widget_get_visible (self->attention_box) ? self->n_attention : 0;
}

static gboolean
showing_region (VsVoxelInspector *self)
{
  return self->region_chooser != NULL &&
         gtk_drop_down_get_selected (GTK_DROP_DOWN (self->region_chooser)) > 0;
}

void
vs_voxel_inspector_set_position (VsVoxelInspector *self,
                                 const double      xyz[3])
{
  gint64 voxel[3], dims[4];
  double r;
  g_autofree char *where = NULL;

  g_return_if_fail (VS_IS_VOXEL_INSPECTOR (self));
  memcpy (self->cursor, xyz, sizeof self->cursor);
  if (showing_region (self))
    return;   /* a region is shown until "the voxel at the cursor" is chosen again */
  _vs_voxel_inspector_clear_display (self);
  if (self->responses != NULL && self->vertex_layers->len > 0)
    {
      _vs_voxel_inspector_show_message (self, _("Click a vertex of the surface to see its model"));
      return;
    }
  if (self->responses == NULL || !vs_volume_sample_world (self->r, xyz, 0, &r, voxel))
    {
      _vs_voxel_inspector_show_message (self, _("The cursor is outside the model's grid"));
      return;
    }
  vs_volume_get_dims (self->r, dims);
  where = g_strdup_printf (_("voxel [%ld, %ld, %ld]"), (long) voxel[0], (long) voxel[1],
                           (long) voxel[2]);
  show_index (self, (gsize) (voxel[0] + dims[0] * (voxel[1] + dims[1] * voxel[2])), where);
}

/* Vertex-wise models: hemisphere h of the model's vertices is drawn on @layers[h], starting at
 * model vertex @offsets[h]. */
void
vs_voxel_inspector_set_vertex_layers (VsVoxelInspector *self,
                                      VsSurfaceLayer  **layers,
                                      const gsize      *offsets,
                                      guint             n)
{
  g_return_if_fail (VS_IS_VOXEL_INSPECTOR (self));

  g_ptr_array_set_size (self->vertex_layers, 0);
  g_array_set_size (self->vertex_offsets, 0);
  for (guint h = 0; h < n; h++)
    {
      g_ptr_array_add (self->vertex_layers, g_object_ref (layers[h]));
      g_array_append_val (self->vertex_offsets, offsets[h]);
    }
}

/* A vertex picked in the 3D view: shown when its surface carries the model. */
void
vs_voxel_inspector_set_vertex (VsVoxelInspector *self,
                               VsSurfaceLayer   *layer,
                               guint             vertex)
{
  guint h;

  g_return_if_fail (VS_IS_VOXEL_INSPECTOR (self));
  if (self->responses == NULL || showing_region (self) ||
      !g_ptr_array_find (self->vertex_layers, layer, &h))
    return;
  _vs_voxel_inspector_clear_display (self);
  {
    g_autofree char *where = g_strdup_printf (_("%s vertex %u"), vs_surface_layer_get_name (layer),
                                              vertex);
    show_index (self, g_array_index (self->vertex_offsets, gsize, h) + vertex, where);
  }
}

/* Concept embeddings in the feature space and their names: each voxel's closest concepts. */
void
vs_voxel_inspector_set_concepts (VsVoxelInspector *self,
                                 const VsMatrix   *embeddings,
                                 GPtrArray        *names)
{
  g_return_if_fail (VS_IS_VOXEL_INSPECTOR (self));
  g_return_if_fail (embeddings->rows == names->len);

  g_clear_pointer (&self->concept_embeddings, vs_matrix_free);
  g_clear_pointer (&self->concept_names, g_ptr_array_unref);
  self->concept_embeddings = vs_matrix_copy (embeddings);
  self->concept_names = g_ptr_array_ref (names);
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
