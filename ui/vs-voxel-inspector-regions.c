/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-voxel-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "vs-job.h"
#include "vs-label-table.h"
#include "vs-region-model.h"
#include "vs-voxel-inspector-private.h"

/* The inspector's regions: an atlas region's mean response instead of one voxel, fitted by the
 * same encoding model in a background job when chosen. */

static void
show_region (VsVoxelInspector *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  VsRegionModel *region = self->region;
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->region_chooser));

  _vs_voxel_inspector_clear_display (self);
  g_string_printf (text, _("%s: mean of %lu voxels   r %.2f   R² %.2f   α %.3g"),
                   gtk_string_list_get_string (self->region_names, position),
                   (unsigned long) region->n_voxels,
                   ((const float *) vs_volume_get_data (region->fit->r))[0],
                   ((const float *) vs_volume_get_data (region->fit->r2))[0],
                   ((const float *) vs_volume_get_data (region->fit->alpha))[0]);
  _vs_voxel_inspector_append_concepts (self, text, region->fit->weights, 0);
  _vs_voxel_inspector_show (self, text, region->mean_response, region->fit->top_predicted,
        region->fit->top_predicted_response, 0, region->fit->stimulus_order);
}

/* Regions. */

typedef struct {
  VsVolume        *responses;
  VsVolume        *atlas;
  guint32          label;
  VsMatrix        *features;
  VsStimulusTable *stimuli;   /* borrowed from the inspector, which outlives the job's use */
  double          *alphas;
  guint            n_alphas;
  guint            n_folds;
} RegionInput;

static void
region_input_free (gpointer data)
{
  RegionInput *input = data;

  g_object_unref (input->responses);
  g_object_unref (input->atlas);
  vs_matrix_free (input->features);
  g_free (input->alphas);
  g_free (input);
}

static gpointer
region_job (gpointer data, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  RegionInput *input = data;

  return vs_region_model_fit (input->responses, input->atlas, input->label, input->features,
                              input->stimuli, input->alphas, input->n_alphas, input->n_folds,
                              N_TOP, cancellable, error);
}

static void
on_region_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(VsVoxelInspector) self = data;
  g_autoptr(GError) error = NULL;
  VsRegionModel *region = vs_job_run_finish (VS_JOB (source), result, &error);

  if (VS_JOB (source) != self->region_job)
    {
      g_clear_pointer (&region, vs_region_model_free);
      return;   /* superseded by another choice, or the model changed */
    }
  g_clear_object (&self->region_job);
  if (region == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The region's model failed: %s"),
                                                  error->message);
      _vs_voxel_inspector_show_message (self, message);
      return;
    }
  g_clear_pointer (&self->region, vs_region_model_free);
  self->region = region;
  show_region (self);
}

void
_vs_voxel_inspector_on_region_chosen (GtkDropDown *chooser, GParamSpec *pspec, VsVoxelInspector *self)
{
  guint position = gtk_drop_down_get_selected (chooser);
  RegionInput *input;

  if (self->region_job != NULL)
    vs_job_cancel (self->region_job);
  g_clear_object (&self->region_job);
  g_clear_pointer (&self->region, vs_region_model_free);
  if (position == 0 || position == GTK_INVALID_LIST_POSITION || self->atlas == NULL)
    {
      vs_voxel_inspector_set_position (self, self->cursor);
      return;
    }
  _vs_voxel_inspector_clear_display (self);
  _vs_voxel_inspector_show_message (self, _("Fitting the region's mean response…"));
  input = g_new0 (RegionInput, 1);
  input->responses = g_object_ref (self->responses);
  input->atlas = g_object_ref (self->atlas);
  input->label = g_array_index (self->region_labels, guint32, position - 1);
  input->features = vs_matrix_copy (self->features);
  input->stimuli = self->stimuli;
  input->alphas = g_memdup2 (self->alphas, self->n_alphas * sizeof (double));
  input->n_alphas = self->n_alphas;
  input->n_folds = self->n_folds;
  self->region_job = vs_job_new (_("Region model"), region_job, input, region_input_free,
                                 (GDestroyNotify) vs_region_model_free);
  vs_job_run_async (self->region_job, on_region_done, g_object_ref (self));
}

/* Lets the user choose a region of @atlas (a label volume) instead of the voxel at the cursor;
 * its mean response is fitted with @features and the same α grid and folds as the voxels. */
void
vs_voxel_inspector_set_regions (VsVoxelInspector *self,
                                VsVolume         *atlas,
                                const VsMatrix   *features,
                                const double     *alphas,
                                guint             n_alphas,
                                guint             n_folds)
{
  VsLabelTable *table;

  g_return_if_fail (VS_IS_VOXEL_INSPECTOR (self));
  g_return_if_fail (self->responses != NULL);

  g_set_object (&self->atlas, atlas);
  g_clear_pointer (&self->features, vs_matrix_free);
  self->features = vs_matrix_copy (features);
  g_free (self->alphas);
  self->alphas = g_memdup2 (alphas, n_alphas * sizeof (double));
  self->n_alphas = n_alphas;
  self->n_folds = n_folds;
  g_array_set_size (self->region_labels, 0);
  /* The entries: the voxel at the cursor, then the atlas's named labels. */
  g_signal_handlers_block_by_func (self->region_chooser,
                                   _vs_voxel_inspector_on_region_chosen, self);
  gtk_string_list_splice (self->region_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->region_names)) - 1, NULL);
  table = vs_volume_get_label_table (atlas);
  for (guint i = 0; table != NULL && i < vs_label_table_get_n_labels (table); i++)
    {
      const VsLabel *label = vs_label_table_get_nth (table, i);
      if (label->id == 0)
        continue;
      gtk_string_list_append (self->region_names, label->name);
      g_array_append_val (self->region_labels, label->id);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->region_chooser), 0);
  g_signal_handlers_unblock_by_func (self->region_chooser,
                                     _vs_voxel_inspector_on_region_chosen, self);
  gtk_widget_set_visible (self->region_chooser, TRUE);
}

/* Chooses the region called @name, or the voxel at the cursor by that entry's name. */
void
vs_voxel_inspector_choose_region (VsVoxelInspector *self,
                                  const char       *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->region_names)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->region_names, i), name) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->region_chooser), i);
        return;
      }
  g_return_if_reached ();
}

gboolean
vs_voxel_inspector_is_busy (VsVoxelInspector *self)
{
  return self->region_job != NULL;
}
