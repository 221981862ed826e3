/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-attention"

#include "config.h"

#include "vs-file-saver.h"
#include "vs-command-error.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "vs-attention-figure.h"
#include "vs-attention-readout.h"
#include "vs-attention-study.h"
#include "vs-command-attention.h"
#include "vs-region-atlas.h"
#include "vs-nifti-reader.h"
#include "vs-vertex-responses.h"
#include "vs-region-responses.h"
#include "vs-volume-loader.h"
#include "vs-ridge.h"
#include "vs-stimulus-table.h"

/* voxelscope analyze attention: where in the images each atlas region reads from, by the
 * factorised readout on patch features; per-region maps as .npy and a PNG montage, and a JSON
 * summary with each region's held-out r, centre and spread. */

#define fail(message) vs_command_fail ("analyze attention", message)
#define fail_error(error) vs_command_fail_error ("analyze attention", error)

/* R × k values as a float32 .npy, through a temporary file and a rename. */
static gboolean
write_maps (const char *dir, const char *name, const double *maps, gsize rows, gsize k,
            GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *header = g_strdup_printf ("{'descr': '<f4', 'fortran_order': False, "
                                             "'shape': (%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT
                                             "), }", rows, k);
  g_autoptr(GString) padded = g_string_new (header);
  guint16 length;

  while ((10 + padded->len + 1) % 64 != 0)
    g_string_append_c (padded, ' ');
  g_string_append_c (padded, '\n');
  length = GUINT16_TO_LE ((guint16) padded->len);
  g_string_append_len (out, "\x93NUMPY\x01\x00", 8);
  g_string_append_len (out, (const char *) &length, 2);
  g_string_append_len (out, padded->str, (gssize) padded->len);
  for (gsize i = 0; i < rows * k; i++)
    {
      float v = (float) maps[i];
      g_string_append_len (out, (const char *) &v, sizeof v);
    }
  return vs_file_save_contents (path, out->str, (gssize) out->len, error);
}

int
vs_command_attention_run (int argc, char **argv)
{
  g_autofree char *patches = NULL, *stimuli = NULL, *responses = NULL, *regions = NULL;
  g_autofree char *grid = NULL, *alphas_text = NULL, *out_dir = NULL, *weights_path = NULL;
  g_autofree double *encoding_attention = NULL;
  g_auto(GStrv) voxels = NULL;
  double temperature = 1.0, degrees = 0;
  int iterations = 0;
  GOptionEntry entries[] = {
    { "patch-features", 0, 0, G_OPTION_ARG_FILENAME, &patches,
      N_("Patch features, .npy presentations × patches × channels"), N_("P.npy") },
    { "stimuli", 0, 0, G_OPTION_ARG_FILENAME, &stimuli,
      N_("TSV: stimulus_id, image, category, split (train/test), repeat"), N_("stim.tsv") },
    { "responses", 0, 0, G_OPTION_ARG_FILENAME, &responses,
      N_("4D NIfTI with one volume per presentation"), N_("Y.nii.gz") },
    { "encoding-weights", 0, 0, G_OPTION_ARG_FILENAME, &weights_path,
      N_("An encoding model's weights (weights.nii.gz of analyze encoding, same features): also "
         "the mean attention with each region's average weights as the query"), N_("W.nii.gz") },
    { "regions", 0, 0, G_OPTION_ARG_FILENAME, &regions,
      N_("Atlas label volume (with its label table), or with GIFTI responses a vertex label "
         "file (.annot, .label.gii): one readout per region"), N_("ATLAS.nii.gz") },
    { "voxel", 0, 0, G_OPTION_ARG_STRING_ARRAY, &voxels,
      N_("A single voxel I,J,K as a region instead (repeat for more)"), N_("I,J,K") },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid,
      N_("Patch grid HxW (default: the square root of the patch count)"), N_("HxW") },
    { "alphas", 0, 0, G_OPTION_ARG_STRING, &alphas_text,
      N_("Ridge α grid (default 1e-2:1e4:13)"), N_("GRID") },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &iterations,
      N_("Alternating rounds (default 8)"), N_("N") },
    { "temperature", 0, 0, G_OPTION_ARG_DOUBLE, &temperature,
      N_("τ of the per-image attention softmax(q·f/(τ√p)) (default 1)"), N_("T") },
    { "image-degrees", 0, 0, G_OPTION_ARG_DOUBLE, &degrees,
      N_("The images' width in degrees of visual angle: centres and spreads in degrees too"),
      N_("DEG") },
    { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, N_("Where to write the maps"), N_("OUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— where regions look in the "
                                                              "images"));
  g_autoptr(GError) error = NULL;
  g_autofree double *mean_attention = NULL, *map = NULL;
  g_autoptr(GArray) alphas = NULL;
  g_autoptr(VsVolume) volume = NULL, atlas = NULL;
  g_autoptr(VsStimulusTable) table = NULL;
  g_autoptr(VsAttentionStudy) study = NULL;
  VsReadoutFit *fit;
  GArray *labels, *counts;
  GPtrArray *names;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL, *summary = NULL, *montage = NULL, *top_images = NULL;
  VsPatchFeatures features;
  guint grid_h, grid_w;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Each atlas region's mean response ≈ Σ_j s[j]·(wᵀ f_j) + b, with s a softmax over the\n"
      "patch positions (where the region reads) and w a ridge-regularised feature vector (what\n"
      "it reads), fitted on the training images by alternating least squares and judged on the\n"
      "test images against the same readout with uniform pooling.  Writes\n"
      "receptive_fields.npy (regions × patches: s), mean_attention.npy (the per-image attention\n"
      "softmax(w·f_j/(τ√p)) averaged over the images), montage.png (the receptive fields),\n"
      "top_images.png (each region's 6 best images with its attention), regions.tsv and\n"
      "summary.json."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (patches == NULL || stimuli == NULL || responses == NULL ||
      (regions == NULL) == (voxels == NULL) || out_dir == NULL)
    return fail (_("attention needs --patch-features, --stimuli, --responses, --regions or "
                   "--voxel (one of them) and --out-dir (see --help)"));
  if (!(temperature > 0))
    return fail (_("--temperature must be > 0"));
  if (!vs_ridge_parse_alphas (alphas_text != NULL ? alphas_text : "1e-2:1e4:13", &alphas, &error))
    return fail (error->message);

  if ((table = vs_stimulus_table_read (stimuli, &error)) == NULL)
    return fail_error (error);
  if (vs_vertex_responses_is_path (responses))
    {
      /* Vertex-wise: one hemisphere's responses, regions from its vertex labels. */
      guint n_vertices;
      const char *paths[1] = { responses };
      if ((volume = vs_vertex_responses_read (paths, 1, &n_vertices, &error)) == NULL)
        return fail_error (error);
      if (regions != NULL && (atlas = vs_region_atlas_from_vertex_file (regions, n_vertices, &error)) == NULL)
        return fail_error (error);
    }
  else if ((volume = vs_nifti_read (responses, NULL, NULL, &error)) == NULL ||
           (regions != NULL &&
            (atlas = vs_volume_load (regions, NULL, NULL, NULL, &error)) == NULL))
    return fail_error (error);
  if (voxels != NULL && (atlas = vs_region_atlas_from_voxels (volume, (const char *const *) voxels, &error)) == NULL)
    return fail_error (error);
  study = vs_attention_study_run (patches, grid, g_steal_pointer (&table), volume, atlas,
                                  (const double *) alphas->data, alphas->len,
                                  (guint) MAX (iterations, 0), NULL, NULL, &error);
  if (study == NULL)
    return fail_error (error);
  features = study->features;
  fit = study->fit;
  labels = study->labels;
  counts = study->voxel_counts;
  names = study->names;
  grid_h = features.grid_h;
  grid_w = features.grid_w;

  /* The per-image attention of each region (query = its w), averaged over the images. */
  mean_attention = g_new0 (double, labels->len * features.k);
  map = g_new (double, labels->len * features.k);
  for (gsize i = 0; i < features.n; i++)
    {
      vs_attention_maps (&features, i, 1, fit->w, labels->len, temperature, map);
      for (gsize j = 0; j < labels->len * features.k; j++)
        mean_attention[j] += map[j] / features.n;
    }

  /* The query from the encoding model instead: each region's weights averaged over its voxels. */
  if (weights_path != NULL)
    {
      g_autoptr(VsVolume) weights = vs_nifti_read (weights_path, NULL, NULL, &error);
      g_autoptr(GArray) weight_labels = NULL, weight_counts = NULL;
      g_autofree double *mean_w = NULL, *queries = NULL;
      if (weights == NULL)
        return fail_error (error);
      if (vs_volume_get_n_frames (weights) != (gint64) features.p)
        {
          g_autofree char *message =
            g_strdup_printf (_("%s has %ld frames but the patch features %lu channels; they must be "
                                 "the same features"),
                             weights_path, (long) vs_volume_get_n_frames (weights),
                             (unsigned long) features.p);
          return fail (message);
        }
      mean_w = vs_region_responses (weights, atlas, &weight_labels, &weight_counts, &error);
      if (mean_w == NULL)
        return fail_error (error);
      queries = g_new0 (double, labels->len * features.p);
      for (guint r = 0; r < labels->len; r++)
        for (guint q = 0; q < weight_labels->len; q++)
          if (g_array_index (weight_labels, guint32, q) == g_array_index (labels, guint32, r))
            for (gsize c = 0; c < features.p; c++)
              queries[r * features.p + c] = mean_w[c * weight_labels->len + q];
      encoding_attention = g_new0 (double, labels->len * features.k);
      for (gsize i = 0; i < features.n; i++)
        {
          vs_attention_maps (&features, i, 1, queries, labels->len, temperature, map);
          for (gsize j = 0; j < labels->len * features.k; j++)
            encoding_attention[j] += map[j] / features.n;
        }
    }

  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("cannot create %s: %s"), out_dir,
                                                  g_strerror (errno));
      return fail (message);
    }
  montage = g_build_filename (out_dir, "montage.png", NULL);
  top_images = g_build_filename (out_dir, "top_images.png", NULL);
  if (!write_maps (out_dir, "receptive_fields.npy", fit->s, labels->len, features.k, &error) ||
      !write_maps (out_dir, "mean_attention.npy", mean_attention, labels->len, features.k,
                   &error) ||
      !vs_attention_montage_write (fit->s, labels->len, grid_h, grid_w,
                                   (const char *const *) names->pdata, montage, &error) ||
      !vs_attention_top_images_write (study, 6, top_images, &error) ||
      (encoding_attention != NULL &&
       !write_maps (out_dir, "mean_attention_encoding.npy", encoding_attention, labels->len,
                    features.k, &error)))
    return fail_error (error);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "analysis");
  json_builder_add_string_value (b, "attention");
  json_builder_set_member_name (b, "grid");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, grid_h);
  json_builder_add_int_value (b, grid_w);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "regions");
  json_builder_begin_array (b);
  for (guint r = 0; r < labels->len; r++)
    {
      double centre[2], spread;
      vs_attention_centre (fit->s + r * features.k, grid_h, grid_w, centre, &spread);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_int_value (b, g_array_index (labels, guint32, r));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, g_ptr_array_index (names, r));
      json_builder_set_member_name (b, "voxels");
      json_builder_add_int_value (b, g_array_index (counts, guint, r));
      json_builder_set_member_name (b, "held_out_r");
      json_builder_add_double_value (b, fit->r_test[r]);
      json_builder_set_member_name (b, "held_out_r_uniform_pooling");
      json_builder_add_double_value (b, fit->r_uniform[r]);
      json_builder_set_member_name (b, "alpha");
      json_builder_add_double_value (b, fit->alpha[r]);
      json_builder_set_member_name (b, "centre_patches");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, centre[0]);
      json_builder_add_double_value (b, centre[1]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "spread_patches");
      json_builder_add_double_value (b, spread);
      if (degrees > 0)
        {
          /* Degrees from the image centre, x right and y up. */
          double per_patch = degrees / grid_w;
          json_builder_set_member_name (b, "centre_degrees");
          json_builder_begin_array (b);
          json_builder_add_double_value (b, (centre[1] + 0.5 - grid_w / 2.0) * per_patch);
          json_builder_add_double_value (b, (grid_h / 2.0 - centre[0] - 0.5) * per_patch);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "spread_degrees");
          json_builder_add_double_value (b, spread * per_patch);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json = json_to_string (root, TRUE);
  summary = g_build_filename (out_dir, "summary.json", NULL);
  if (!vs_file_save_contents (summary, json, -1, &error))
    return fail_error (error);
  {
    g_autoptr(GString) tsv = g_string_new ("index\tlabel\tname\tvoxels\theld_out_r\n");
    g_autofree char *path = g_build_filename (out_dir, "regions.tsv", NULL);
    for (guint r = 0; r < labels->len; r++)
      g_string_append_printf (tsv, "%u\t%u\t%s\t%u\t%.4f\n", r, g_array_index (labels, guint32, r),
                              (char *) g_ptr_array_index (names, r),
                              g_array_index (counts, guint, r), fit->r_test[r]);
    if (!vs_file_save_contents (path, tsv->str, -1, &error))
      return fail_error (error);
  }
  for (guint r = 0; r < labels->len; r++)
    g_print ("%s\theld-out r %.3f (uniform pooling %.3f)\n", (char *) g_ptr_array_index (names, r),
             fit->r_test[r], fit->r_uniform[r]);
  return 0;
}
