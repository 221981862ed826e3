/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-attention-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vs-attention-figure.h"
#include "vs-attention-panel.h"

/* The stimulus viewer: a region chooser, the chosen image with the region's map over it (its
 * fitted receptive field, or its attention on this very image), opacity and nearest/smooth, and
 * a browser of the images the region responds to most (measured), best first. */

#define N_BROWSE 12
#define VIEW_SIZE 280

struct _VsAttentionPanel
{
  GtkBox            parent_instance;
  VsAttentionStudy *study;
  GtkWidget        *regions;
  GtkStringList    *region_names;
  GtkWidget        *kind;
  GtkWidget        *picture;
  GtkWidget        *opacity;
  GtkWidget        *smooth;
  GtkWidget        *browser;
  GtkWidget        *order;       /* the browser by measured or predicted response */
  GtkWidget        *colormap;
  GtkWidget        *summary;
  gsize             image;       /* the presentation shown */
  GdkPixbuf        *pixbuf;      /* its picture, or NULL when the file is missing */
};

G_DEFINE_FINAL_TYPE (VsAttentionPanel, vs_attention_panel, GTK_TYPE_BOX)

enum { REGION_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
vs_attention_panel_dispose (GObject *object)
{
  VsAttentionPanel *self = VS_ATTENTION_PANEL (object);

  g_clear_pointer (&self->study, vs_attention_study_free);
  g_clear_object (&self->pixbuf);
  G_OBJECT_CLASS (vs_attention_panel_parent_class)->dispose (object);
}

static void
vs_attention_panel_class_init (VsAttentionPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vs_attention_panel_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "attention-panel");
  /* The chosen region's atlas label, to show it on the brain. */
  signals[REGION_CHANGED] = g_signal_new ("region-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          G_TYPE_UINT);
}

static guint
region (VsAttentionPanel *self)
{
  guint r = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->regions));
  return r == GTK_INVALID_LIST_POSITION ? 0 : r;
}

/* The map shown: the region's fitted receptive field, or its attention on the shown image. */
void
vs_attention_panel_get_map (VsAttentionPanel *self,
                            double           *map)
{
  VsAttentionStudy *study = self->study;
  gsize k = study->features.k;

  if (study->imported != NULL)
    {
      const float *maps = study->imported + (self->image * study->labels->len + region (self)) * k;
      for (gsize j = 0; j < k; j++)
        map[j] = maps[j];
    }
  else if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind)) == 0)
    memcpy (map, study->fit->s + region (self) * k, k * sizeof (double));
  else
    vs_attention_map (&study->features, self->image, study->fit->w + region (self) *
                      study->features.p, 1.0, map);
}

static VsColormap
chosen_colormap (VsAttentionPanel *self)
{
  static const VsColormap choices[] = { VS_COLORMAP_INFERNO, VS_COLORMAP_HOT, VS_COLORMAP_VIRIDIS,
                                        VS_COLORMAP_GREY };
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->colormap));
  return choices[i < G_N_ELEMENTS (choices) ? i : 0];
}

static void
draw_picture (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  VsAttentionPanel *self = data;
  g_autofree double *map = NULL;
  double side = MIN (width, height);

  if (self->study == NULL)
    return;
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_rectangle (cr, 0, 0, side, side);
  cairo_fill (cr);
  if (self->pixbuf != NULL)
    {
      cairo_save (cr);
      cairo_scale (cr, side / gdk_pixbuf_get_width (self->pixbuf),
                   side / gdk_pixbuf_get_height (self->pixbuf));
      vs_attention_set_source_pixbuf (cr, self->pixbuf);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  map = g_new (double, self->study->features.k);
  vs_attention_panel_get_map (self, map);
  vs_attention_paint (cr, side, side, map, self->study->features.grid_h,
                      self->study->features.grid_w, chosen_colormap (self),
                      gtk_range_get_value (GTK_RANGE (self->opacity)),
                      gtk_check_button_get_active (GTK_CHECK_BUTTON (self->smooth)));
}

static void
show_image (VsAttentionPanel *self, gsize image)
{
  VsStimulus *s = &g_array_index (self->study->stimuli->rows, VsStimulus, image);
  g_autofree char *text = NULL;
  guint r = region (self), R = self->study->labels->len;

  self->image = image;
  g_clear_object (&self->pixbuf);
  if (s->image != NULL && g_file_test (s->image, G_FILE_TEST_IS_REGULAR))
    self->pixbuf = gdk_pixbuf_new_from_file (s->image, NULL);
  if (self->study->imported != NULL)
    text = g_strdup_printf (_("%s (%s): the imported map"), s->stimulus_id, s->category);
  else
  {
    double centre[2], spread;
    vs_attention_centre (self->study->fit->s + r * self->study->features.k,
                         self->study->features.grid_h, self->study->features.grid_w, centre,
                         &spread);
    text = g_strdup_printf (_("%s (%s): response %.3g\nheld-out r %.2f (uniform pooling %.2f) · "
                              "field at row %.1f, column %.1f ± %.1f patches"),
                            s->stimulus_id, s->category, self->study->responses[image * R + r],
                            self->study->fit->r_test[r], self->study->fit->r_uniform[r],
                            centre[0], centre[1], spread);
  }
  gtk_label_set_text (GTK_LABEL (self->summary), text);
  gtk_widget_queue_draw (self->picture);
}

static void
on_thumbnail_activated (GtkFlowBox *box, GtkFlowBoxChild *child, VsAttentionPanel *self)
{
  show_image (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "image")));
}

/* The images with the region's largest measured responses (one per stimulus), best first. */
static void
fill_browser (VsAttentionPanel *self)
{
  gsize best[N_BROWSE];
  guint n = 0;
  GtkWidget *child;

  if (self->study->responses != NULL)
    n = vs_attention_study_top_images (self->study, region (self),
                                       gtk_drop_down_get_selected (GTK_DROP_DOWN (self->order)) == 1,
                                       N_BROWSE, best);
  else
    {
      /* Imported maps come without responses: the first images of the table. */
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = 0; i < self->study->features.n && n < N_BROWSE; i++)
        {
          VsStimulus *s = &g_array_index (self->study->stimuli->rows, VsStimulus, i);
          if (!g_hash_table_contains (seen, s->stimulus_id))
            {
              g_hash_table_add (seen, s->stimulus_id);
              best[n++] = i;
            }
        }
    }

  while ((child = gtk_widget_get_first_child (self->browser)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->browser), child);
  for (guint i = 0; i < n; i++)
    {
      VsStimulus *s = &g_array_index (self->study->stimuli->rows, VsStimulus, best[i]);
      GtkWidget *thumb;
      if (s->image != NULL && g_file_test (s->image, G_FILE_TEST_IS_REGULAR))
        {
          thumb = gtk_picture_new_for_filename (s->image);
          gtk_widget_set_size_request (thumb, 44, 44);
        }
      else
        thumb = gtk_label_new (s->stimulus_id);
      gtk_widget_set_tooltip_text (thumb, s->stimulus_id);
      gtk_flow_box_append (GTK_FLOW_BOX (self->browser), thumb);
      g_object_set_data (G_OBJECT (gtk_widget_get_parent (thumb)), "image",
                         GSIZE_TO_POINTER (best[i]));
    }
  if (n > 0)
    show_image (self, best[0]);
}

static void
on_region_changed (GtkDropDown *dropdown, GParamSpec *pspec, VsAttentionPanel *self)
{
  if (self->study == NULL)
    return;
  fill_browser (self);
  g_signal_emit (self, signals[REGION_CHANGED], 0,
                 g_array_index (self->study->labels, guint32, region (self)));
}

static void on_region_changed (GtkDropDown *dropdown, GParamSpec *pspec, VsAttentionPanel *self);

static void
vs_attention_panel_init (VsAttentionPanel *self)
{
  GtkWidget *title = gtk_label_new (_("Attention"));
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  const char *kinds[] = { N_("Receptive field"), N_("Attention on this image"), NULL };

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 8);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->region_names = gtk_string_list_new (NULL);
  self->regions = gtk_drop_down_new (G_LIST_MODEL (self->region_names), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->regions), TRUE);
  {
    g_autoptr(GtkExpression) expression =
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (GTK_DROP_DOWN (self->regions), expression);
  }
  g_signal_connect (self->regions, "notify::selected", G_CALLBACK (on_region_changed), self);
  self->kind = gtk_drop_down_new_from_strings (kinds);
  self->picture = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->picture), VIEW_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->picture), VIEW_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->picture), draw_picture, self, NULL);
  g_signal_connect_swapped (self->kind, "notify::selected", G_CALLBACK (gtk_widget_queue_draw),
                            self->picture);
  self->opacity = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 0.05);
  gtk_range_set_value (GTK_RANGE (self->opacity), 0.55);
  gtk_widget_set_hexpand (self->opacity, TRUE);
  gtk_widget_set_tooltip_text (self->opacity, _("Opacity of the map"));
  g_signal_connect_swapped (self->opacity, "value-changed", G_CALLBACK (gtk_widget_queue_draw),
                            self->picture);
  self->smooth = gtk_check_button_new_with_label (_("Smooth"));
  {
    const char *colormaps[] = { "inferno", "hot", "viridis", "grey", NULL };
    const char *orders[] = { N_("Best measured"), N_("Best predicted"), NULL };
    self->colormap = gtk_drop_down_new_from_strings (colormaps);
    g_signal_connect_swapped (self->colormap, "notify::selected",
                              G_CALLBACK (gtk_widget_queue_draw), self->picture);
    self->order = gtk_drop_down_new_from_strings (orders);
    gtk_widget_set_tooltip_text (self->order, _("Which images the browser shows first"));
    g_signal_connect (self->order, "notify::selected", G_CALLBACK (on_region_changed), self);
  }
  g_signal_connect_swapped (self->smooth, "toggled", G_CALLBACK (gtk_widget_queue_draw),
                            self->picture);
  gtk_box_append (GTK_BOX (controls), self->opacity);
  gtk_box_append (GTK_BOX (controls), self->smooth);
  gtk_box_append (GTK_BOX (controls), self->colormap);
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->summary), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->summary, "caption");
  self->browser = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->browser), GTK_SELECTION_SINGLE);
  gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (self->browser), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->browser), 6);
  g_signal_connect (self->browser, "child-activated", G_CALLBACK (on_thumbnail_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->browser);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 100);
  gtk_box_append (GTK_BOX (self), title);
  gtk_box_append (GTK_BOX (self), self->regions);
  gtk_box_append (GTK_BOX (self), self->kind);
  gtk_box_append (GTK_BOX (self), self->picture);
  gtk_box_append (GTK_BOX (self), controls);
  gtk_box_append (GTK_BOX (self), self->summary);
  gtk_box_append (GTK_BOX (self), self->order);
  gtk_box_append (GTK_BOX (self), scroller);
}

GtkWidget *
vs_attention_panel_new (void)
{
  return g_object_new (VS_TYPE_ATTENTION_PANEL, NULL);
}

/* Takes @study. */
void
vs_attention_panel_set_study (VsAttentionPanel *self,
                              VsAttentionStudy *study)
{
  g_return_if_fail (VS_IS_ATTENTION_PANEL (self));

  g_clear_pointer (&self->study, vs_attention_study_free);
  self->study = study;
  g_signal_handlers_block_by_func (self->regions, on_region_changed, self);
  gtk_string_list_splice (self->region_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->region_names)), NULL);
  for (guint r = 0; r < study->names->len; r++)
    gtk_string_list_append (self->region_names, g_ptr_array_index (study->names, r));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->regions), 0);
  gtk_widget_set_sensitive (self->kind, study->imported == NULL);
  gtk_widget_set_sensitive (self->order, study->imported == NULL);
  g_signal_handlers_unblock_by_func (self->regions, on_region_changed, self);
  on_region_changed (GTK_DROP_DOWN (self->regions), NULL, self);
}

VsAttentionStudy *
vs_attention_panel_get_study (VsAttentionPanel *self)
{
  return self->study;
}

void
vs_attention_panel_choose (VsAttentionPanel *self,
                           const char       *name,
                           gboolean          on_image)
{
  for (guint r = 0; r < self->study->names->len; r++)
    if (g_str_equal (g_ptr_array_index (self->study->names, r), name))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->regions), r);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind), on_image ? 1 : 0);
}

/* The browser's order: by measured (FALSE) or predicted (TRUE) response. */
void
vs_attention_panel_set_order (VsAttentionPanel *self,
                              gboolean          predicted)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->order), predicted ? 1 : 0);
}

gsize
vs_attention_panel_get_image (VsAttentionPanel *self)
{
  return self->image;
}

/* The shown image with its map as a figure file (PNG). */
gboolean
vs_attention_panel_export (VsAttentionPanel  *self,
                           const char        *path,
                           GError           **error)
{
  VsStimulus *s = &g_array_index (self->study->stimuli->rows, VsStimulus, self->image);
  g_autofree double *map = g_new (double, self->study->features.k);
  g_autofree char *title = g_strdup_printf ("%s — %s",
                                            (char *) g_ptr_array_index (self->study->names,
                                                                        region (self)),
                                            s->stimulus_id);

  if (s->image == NULL || !g_file_test (s->image, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("the picture of %s is not there (%s)"), s->stimulus_id,
                   s->image != NULL ? s->image : _("no image in the stimulus table"));
      return FALSE;
    }
  vs_attention_panel_get_map (self, map);
  return vs_attention_figure_write (s->image, map, self->study->features.grid_h,
                                    self->study->features.grid_w, chosen_colormap (self),
                                    gtk_range_get_value (GTK_RANGE (self->opacity)),
                                    gtk_check_button_get_active (GTK_CHECK_BUTTON (self->smooth)),
                                    title, path, error);
}
