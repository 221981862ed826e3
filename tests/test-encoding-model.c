/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-demo-selectivity.h"
#include "vs-demo-stimulus-images.h"
#include "vs-test-fixtures.h"
#include "vs-encoding-model.h"
#include "vs-job.h"
#include "vs-region-model.h"

/* An atlas of 80³ 1 mm voxels: a face region (AAL 55), a place region (AAL 39), the rest 1.  At
 * the demo's 4 mm this gives 8000 voxels, several ridge chunks. */
static VsVolume *
make_atlas (void)
{
  const gint64 dims[4] = { 80, 80, 80, 1 };
  VsVolume *atlas = vs_volume_new (VS_DATATYPE_UINT8, dims, NULL);
  guint8 *labels = vs_volume_get_data_mutable (atlas);

  for (gint64 k = 0; k < 80; k++)
    for (gint64 j = 0; j < 80; j++)
      for (gint64 i = 0; i < 80; i++)
        labels[i + 80 * (j + 80 * k)] = i < 24 && j < 24 ? 55 : i >= 56 && j >= 56 ? 39 : 1;
  return atlas;
}

static gpointer
fit_job (gpointer input, VsProgress *progress, GCancellable *cancellable, GError **error)
{
  return vs_encoding_model_fit (input, progress, cancellable, error);
}

static void
on_partial (VsProgress *progress, GObject *partial, gpointer data)
{
  g_ptr_array_add (data, g_object_ref (partial));
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  gpointer *out = data;

  out[0] = vs_job_run_finish (VS_JOB (source), result, (GError **) &out[1]);
  out[2] = GINT_TO_POINTER (1);
}

/* The r map arrives in pieces while the ridge runs: every piece is part of the final map, the
 * first is incomplete, and the final map is the same as a one-thread fit without a watcher. */
static void
test_partial_maps (void)
{
  g_autoptr(VsVolume) atlas = make_atlas ();
  VsEncodingInput *input = vs_demo_selectivity_make (atlas, 3, NULL);
  g_autoptr(VsEncodingInput) reference_input = vs_demo_selectivity_make (atlas, 3, NULL);
  g_autoptr(VsEncodingResult) reference = NULL;
  g_autoptr(VsEncodingResult) result = NULL;
  g_autoptr(GPtrArray) partials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VsJob) job = NULL;
  gpointer out[3] = { NULL, NULL, NULL };
  const float *final;
  gsize voxels;

  input->n_threads = 2;
  job = vs_job_new ("encoding", fit_job, input, (GDestroyNotify) vs_encoding_input_free,
                    (GDestroyNotify) vs_encoding_result_free);
  g_signal_connect (vs_job_get_progress (job), "partial", G_CALLBACK (on_partial), partials);
  vs_job_run_async (job, on_done, out);
  while (out[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (out[1]);
  result = out[0];
  g_assert_cmpuint (result->n_voxels, ==, 8000);

  reference_input->n_threads = 1;
  reference = vs_encoding_model_fit (reference_input, NULL, NULL, NULL);
  voxels = vs_volume_get_frame_voxels (result->r);
  final = vs_volume_get_data (result->r);
  g_assert_cmpmem (final, voxels * sizeof (float), vs_volume_get_data (reference->r),
                   voxels * sizeof (float));

  g_assert_cmpuint (partials->len, >=, 1);
  for (guint i = 0; i < partials->len; i++)
    {
      VsVolume *partial = g_ptr_array_index (partials, i);
      const float *values = vs_volume_get_data (partial);
      gsize filled = 0;

      g_assert_cmpuint (vs_volume_get_frame_voxels (partial), ==, voxels);
      for (gsize x = 0; x < voxels; x++)
        if (values[x] != 0)
          {
            g_assert_cmpfloat (values[x], ==, final[x]);
            filled++;
          }
      g_assert_cmpuint (filled, >, 0);
      if (i == 0)
        g_assert_cmpuint (filled, <, 8000);
    }
}

/* The face region's mean response is predicted and its top stimuli are faces; a label that is
 * not in the atlas is named in the error. */
static void
test_region_model (void)
{
  g_autoptr(VsVolume) atlas = make_atlas ();
  g_autoptr(VsEncodingInput) input = vs_demo_selectivity_make (atlas, 3, NULL);
  g_autoptr(VsRegionModel) face = NULL, rest = NULL, missing = NULL;
  g_autoptr(GError) error = NULL;
  const gint32 *top;

  face = vs_region_model_fit (input->responses, atlas, 55, input->features, input->stimuli,
                              input->alphas, input->n_alphas, 5, 5, NULL, &error);
  g_assert_no_error (error);
  /* 24 × 24 × 80 mm at 4 mm: 6 × 6 × 20 voxels. */
  g_assert_cmpuint (face->n_voxels, ==, 720);
  g_assert_cmpfloat (((const float *) vs_volume_get_data (face->fit->r))[0], >, 0.9);
  top = vs_volume_get_data (face->fit->top_predicted);
  for (int k = 0; k < 5; k++)
    {
      VsStimulus *s = g_ptr_array_index (face->fit->stimulus_order, top[k]);
      g_assert_cmpstr (s->category, ==, "faces");
    }
  rest = vs_region_model_fit (input->responses, atlas, 1, input->features, input->stimuli,
                              input->alphas, input->n_alphas, 5, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (((const float *) vs_volume_get_data (rest->fit->r))[0], <,
                     ((const float *) vs_volume_get_data (face->fit->r))[0]);
  missing = vs_region_model_fit (input->responses, atlas, 99, input->features, input->stimuli,
                                 input->alphas, input->n_alphas, 5, 5, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "label 99"));
}

/* The demo's stimuli get pictures: one 64×64 PNG per distinct stimulus, which the table then
 * points at; a second call keeps the files. */
static void
test_demo_images (void)
{
  g_autoptr(VsVolume) atlas = make_atlas ();
  g_autoptr(VsEncodingInput) input = vs_demo_selectivity_make (atlas, 3, NULL);
  g_autofree char *dir = vs_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_true (vs_demo_stimulus_images_write (input->stimuli, dir, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < input->stimuli->rows->len; i++)
    {
      VsStimulus *s = &g_array_index (input->stimuli->rows, VsStimulus, i);
      cairo_surface_t *png = cairo_image_surface_create_from_png (s->image);
      g_assert_true (g_str_has_prefix (s->image, dir));
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, 64);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, 64);
      cairo_surface_destroy (png);
      g_hash_table_add (files, s->image);
    }
  g_assert_cmpuint (g_hash_table_size (files), ==, 240);
  g_assert_true (vs_demo_stimulus_images_write (input->stimuli, dir, &error));
  vs_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/encoding/partial-maps", test_partial_maps);
  g_test_add_func ("/encoding/region-model", test_region_model);
  g_test_add_func ("/encoding/demo-images", test_demo_images);
  return g_test_run ();
}
