/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-command-analyze"

#include "config.h"

#include "vs-file-saver.h"
#include "vs-command-error.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <json-glib/json-glib.h>

#include "vs-command-analyze.h"
#include "vs-command-attention.h"
#include "vs-command-instances.h"
#include "vs-command-midline.h"
#include "vs-encoding-model.h"
#include "vs-nifti-reader.h"
#include "vs-nifti-writer.h"
#include "vs-npy-reader.h"
#include "vs-npy-writer.h"
#include "vs-analysis-error.h"
#include "vs-vertex-responses.h"
#include "vs-ridge.h"
#include "vs-selectivity.h"
#include "vs-voxel-concepts.h"

/* voxelscope analyze <analysis> …: the analyses without a window, writing standard files. */

static const char usage[] = N_(
  "Usage:\n"
  "  voxelscope analyze encoding --features X.npy --responses Y.nii.gz --stimuli stim.tsv\n"
  "                              [--mask M.nii.gz] [--alphas 1e-2:1e6:20] [--folds 5]\n"
  "                              [--top-k 5] [--concepts C.npy --concept-names C.tsv]\n"
  "                              --out-dir OUT\n"
  "  voxelscope analyze selectivity --responses Y.nii.gz --stimuli stim.tsv [--mask M.nii.gz]\n"
  "                              --out-dir OUT\n"
  "\n"
  "  voxelscope analyze midline IN.nii.gz --json OUT.json [--asymmetry ASYM.nii.gz]\n"
  "                              [--per-slice axial|coronal] [--symbrain OUT.csv]\n"
  "  voxelscope analyze midline --images A.png B.png … --json OUT.json [--symbrain OUT.csv]\n"
  "  voxelscope analyze attention --patch-features P.npy --stimuli stim.tsv --responses Y.nii.gz\n"
  "                              --regions ATLAS.nii.gz | --voxel I,J,K … [--grid 16x16]\n"
  "                              [--encoding-weights W.nii.gz] --out-dir OUT\n"
  "  voxelscope analyze instances IN.nii.gz|IN.zarr [--channels 0,1,2] [--threshold otsu|VALUE]\n"
  "                              [--min-size 800] [--split-color] [--split-depth 2]\n"
  "                              --out LABELS.nii.gz|LABELS.zarr\n"
  "  voxelscope analyze evaluate --gt GT --pred PRED [--partly] [--json METRICS.json]\n"
  "                              [--colour ERRORS.nii.gz]\n"
  "\n"
  "Vertex-wise: --responses lh.func.gii --responses rh.func.gii (one data array per\n"
  "presentation); the maps are then written as .npy, one per hemisphere (LH-STEM.r.npy, …).\n"
  "\n"
  "Run “voxelscope analyze ANALYSIS --help” for the options of one analysis.\n");

#define fail(message) vs_command_fail ("analyze", message)
#define fail_error(error) vs_command_fail_error ("analyze", error)

/* Where maps go: NIfTI for volumes; for vertex-wise responses one .npy per hemisphere (named
 * after its input file when there are two). */
typedef struct {
  const char *dir;
  guint       n_hemispheres;   /* 0: volume */
  guint       n_vertices[2];
  char       *stems[2];
} Outputs;

static void
outputs_clear (Outputs *o)
{
  g_free (o->stems[0]);
  g_free (o->stems[1]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outputs, outputs_clear)

/* "sub-01_hemi-L.func.gii" → "sub-01_hemi-L" */
static char *
gifti_stem (const char *path)
{
  char *stem = g_path_get_basename (path);
  const char *suffixes[] = { ".func.gii", ".shape.gii", ".label.gii", ".gii" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (stem, suffixes[i]))
      {
        stem[strlen (stem) - strlen (suffixes[i])] = '\0';
        break;
      }
  return stem;
}

static gboolean
write_map (const Outputs *o, VsVolume *volume, const char *name, GError **error)
{
  gsize first = 0;

  if (volume == NULL)
    return TRUE;
  if (o->n_hemispheres == 0)
    {
      g_autofree char *file = g_strconcat (name, ".nii.gz", NULL);
      g_autofree char *path = g_build_filename (o->dir, file, NULL);
      return vs_nifti_write (volume, path, error);
    }
  for (guint h = 0; h < o->n_hemispheres; h++)
    {
      g_autofree char *file = o->n_hemispheres == 1 ? g_strconcat (name, ".npy", NULL)
                                                    : g_strconcat (o->stems[h], ".", name, ".npy",
                                                                   NULL);
      g_autofree char *path = g_build_filename (o->dir, file, NULL);
      if (!vs_npy_write_voxels (volume, first, o->n_vertices[h], path, error) ||
          (vs_volume_get_label_table (volume) != NULL &&
           !vs_label_sidecar_write (vs_volume_get_label_table (volume), path, error)))
        return FALSE;
      first += o->n_vertices[h];
    }
  return TRUE;
}

/* "faces & bodies" → "faces_bodies", for file names. */
static char *
file_safe (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '-' || *p == '.')
      g_string_append_c (out, *p);
    else if (out->len > 0 && out->str[out->len - 1] != '_')
      g_string_append_c (out, '_');
  return g_string_free (out, FALSE);
}

static gboolean
ensure_dir (const char *dir)
{
  if (g_mkdir_with_parents (dir, 0755) == 0)
    return TRUE;
  g_printerr ("voxelscope analyze: cannot create %s: %s\n", dir, g_strerror (errno));
  return FALSE;
}

/* Responses (4D NIfTI, .npy with a mask, or a GIFTI func file per hemisphere), the optional mask
 * and the stimulus table. */
static gboolean
load_inputs (char            **responses,
             const char       *mask,
             const char       *stimuli,
             Outputs          *outputs,
             VsVolume        **volume,
             VsVolume        **mask_volume,
             VsStimulusTable **table,
             GError          **error)
{
  guint n = g_strv_length (responses);

  if (vs_vertex_responses_is_path (responses[0]))
    {
      if (n > 2 || (n == 2 && !vs_vertex_responses_is_path (responses[1])))
        {
          g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                               _("vertex-wise responses are one or two GIFTI files (--responses "
                                 "lh.func.gii --responses rh.func.gii)"));
          return FALSE;
        }
      if (mask != NULL)
        {
          g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                               _("--mask applies to volumes; with GIFTI responses every vertex is "
                                 "fitted (constant ones, such as the medial wall, are left out)"));
          return FALSE;
        }
      *volume = vs_vertex_responses_read ((const char *const *) responses, n, outputs->n_vertices,
                                          error);
      outputs->n_hemispheres = n;
      for (guint h = 0; h < n; h++)
        outputs->stems[h] = gifti_stem (responses[h]);
      if (n == 2 && g_strcmp0 (outputs->stems[0], outputs->stems[1]) == 0)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                       _("both GIFTI files are called %s; their maps would overwrite each other"),
                       outputs->stems[0]);
          return FALSE;
        }
    }
  else if (n > 1)
    {
      g_set_error_literal (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                           _("--responses takes one volume or matrix (two files only for GIFTI "
                             "hemispheres)"));
      return FALSE;
    }
  /* An .npy is read as a volume in its own datatype (columns = the mask's voxels). */
  else if (g_str_has_suffix (responses[0], ".npy"))
    *volume = vs_npy_read_volume (responses[0], error);
  else
    *volume = vs_nifti_read (responses[0], NULL, NULL, error);
  if (*volume == NULL)
    return FALSE;
  if (mask != NULL && (*mask_volume = vs_nifti_read (mask, NULL, NULL, error)) == NULL)
    return FALSE;
  *table = vs_stimulus_table_read (stimuli, error);
  return *table != NULL;
}

static int
run_encoding (int argc, char **argv)
{
  g_autofree char *features = NULL, *stimuli = NULL, *mask = NULL;
  g_auto(GStrv) responses = NULL;
  g_auto(Outputs) outputs = { 0 };
  g_autofree char *alphas_text = NULL, *out_dir = NULL;
  g_autofree char *concepts = NULL, *concept_names = NULL;
  int folds = 5, threads = 0, top_k = 5;
  double temperature = 0.05;
  GOptionEntry entries[] = {
    { "features", 0, 0, G_OPTION_ARG_FILENAME, &features,
      N_("Stimulus features, .npy with one row per presentation"), N_("X.npy") },
    { "responses", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &responses,
      N_("4D NIfTI with one volume per presentation, .npy n × voxels with --mask, or a GIFTI "
         "func file per hemisphere (give --responses twice)"), N_("Y.nii.gz") },
    { "stimuli", 0, 0, G_OPTION_ARG_FILENAME, &stimuli,
      N_("TSV: stimulus_id, image, category, split (train/test), repeat"), N_("stim.tsv") },
    { "mask", 0, 0, G_OPTION_ARG_FILENAME, &mask, N_("Voxels to fit (non-zero)"), N_("M.nii.gz") },
    { "alphas", 0, 0, G_OPTION_ARG_STRING, &alphas_text,
      N_("Ridge α grid: LOW:HIGH:COUNT (log-spaced) or a comma list (default 1e-2:1e6:20)"),
      N_("GRID") },
    { "folds", 0, 0, G_OPTION_ARG_INT, &folds, N_("Cross-validation folds (default 5)"), N_("K") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, N_("Worker threads (default: all cores)"),
      N_("N") },
    { "top-k", 0, 0, G_OPTION_ARG_INT, &top_k,
      N_("Stimuli ranked per voxel by predicted and by measured response (default 5; 0: none)"),
      N_("K") },
    { "concepts", 0, 0, G_OPTION_ARG_FILENAME, &concepts,
      N_("Concept embeddings in the feature space, .npy c × p"), N_("C.npy") },
    { "concept-names", 0, 0, G_OPTION_ARG_FILENAME, &concept_names,
      N_("The concepts' names, one per line (a header “name” is skipped)"), N_("C.tsv") },
    { "temperature", 0, 0, G_OPTION_ARG_DOUBLE, &temperature,
      N_("Softmax temperature for concept_probability (default 0.05)"), N_("T") },
    { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, N_("Where to write the maps"), N_("OUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— voxel-wise encoding model"));
  g_autoptr(VsMatrix) embeddings = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VsEncodingInput) input = g_new0 (VsEncodingInput, 1);
  g_autoptr(VsEncodingResult) result = NULL;
  g_autoptr(GArray) alphas = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL, *summary = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Ridge regression from features to every voxel, α per voxel by k-fold cross-validation on\n"
      "the training split, judged on the test stimuli (responses averaged over repeats).\n"
      "Writes r, r2, alpha, cv_r2, weights (one frame per feature), noise_ceiling (when the\n"
      "test stimuli are repeated), top_predicted and top_measured (K frames of indices into\n"
      "stimuli.tsv), top_predicted_response (the predicted responses to those), with --concepts the best concept per voxel (concept, a label map with\n"
      "the names), its cosine (concept_score) and softmax probability, and summary.json.\n"
      "Maps are NIfTI (.nii.gz) for volumes; for GIFTI responses .npy per hemisphere, shaped\n"
      "(vertices,) or (frames, vertices) — weights are features × vertices."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (features == NULL || responses == NULL || stimuli == NULL || out_dir == NULL)
    return fail (_("encoding needs --features, --responses, --stimuli and --out-dir (see --help)"));
  if (folds < 2)
    return fail (_("--folds takes a whole number ≥ 2"));
  if (!vs_ridge_parse_alphas (alphas_text != NULL ? alphas_text : "1e-2:1e6:20", &alphas, &error))
    return fail (error->message);

  input->features = vs_npy_read (features, NULL, NULL, &error);
  if (input->features == NULL)
    return fail_error (error);
  outputs.dir = out_dir;
  if (!load_inputs (responses, mask, stimuli, &outputs, &input->responses, &input->mask,
                    &input->stimuli, &error))
    return fail_error (error);
  input->n_alphas = alphas->len;
  input->alphas = g_memdup2 (alphas->data, alphas->len * sizeof (double));
  input->n_folds = (guint) folds;
  input->n_threads = (guint) MAX (threads, 0);
  if (top_k < 0)
    return fail (_("--top-k takes a whole number ≥ 0"));
  input->top_k = (guint) top_k;
  if ((concepts == NULL) != (concept_names == NULL))
    return fail (_("--concepts and --concept-names go together"));
  if (concepts != NULL)
    {
      embeddings = vs_npy_read (concepts, NULL, NULL, &error);
      if (embeddings == NULL)
        return fail_error (error);
      names = vs_concept_names_read (concept_names, embeddings->rows, &error);
      if (names == NULL)
        return fail_error (error);
      if (!(temperature > 0))
        return fail (_("--temperature must be > 0"));
    }

  result = vs_encoding_model_fit (input, NULL, NULL, &error);
  if (result == NULL)
    return fail_error (error);
  if (!ensure_dir (out_dir))
    return 1;
  if (!write_map (&outputs, result->r, "r", &error) ||
      !write_map (&outputs, result->r2, "r2", &error) ||
      !write_map (&outputs, result->alpha, "alpha", &error) ||
      !write_map (&outputs, result->cv_r2, "cv_r2", &error) ||
      !write_map (&outputs, result->weights, "weights", &error) ||
      !write_map (&outputs, result->noise_ceiling, "noise_ceiling", &error) ||
      !write_map (&outputs, result->top_predicted, "top_predicted", &error) ||
      !write_map (&outputs, result->top_predicted_response, "top_predicted_response", &error) ||
      !write_map (&outputs, result->top_measured, "top_measured", &error))
    return fail_error (error);
  if (result->stimulus_order != NULL)
    {
      g_autoptr(GString) order = g_string_new ("index\tstimulus_id\timage\tcategory\n");
      g_autofree char *path = g_build_filename (out_dir, "stimuli.tsv", NULL);
      for (guint i = 0; i < result->stimulus_order->len; i++)
        {
          VsStimulus *stimulus = g_ptr_array_index (result->stimulus_order, i);
          g_string_append_printf (order, "%u\t%s\t%s\t%s\n", i, stimulus->stimulus_id,
                                  stimulus->image, stimulus->category);
        }
      if (!vs_file_save_contents (path, order->str, -1, &error))
        return fail_error (error);
    }
  if (embeddings != NULL)
    {
      g_autoptr(VsVolume) best = NULL, score = NULL, probability = NULL;
      if (!vs_voxel_concepts_compute (result->weights, embeddings, names, temperature, &best,
                                      &score, &probability, &error) ||
          !write_map (&outputs, best, "concept", &error) ||
          !write_map (&outputs, score, "concept_score", &error) ||
          !write_map (&outputs, probability, "concept_probability", &error))
        return fail_error (error);
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "analysis");
  json_builder_add_string_value (b, "encoding");
  json_builder_set_member_name (b, "n_presentations");
  json_builder_add_int_value (b, input->stimuli->rows->len);
  json_builder_set_member_name (b, "n_train_presentations");
  json_builder_add_int_value (b, result->n_train);
  json_builder_set_member_name (b, "n_test_stimuli");
  json_builder_add_int_value (b, result->n_test_stimuli);
  json_builder_set_member_name (b, "n_features");
  json_builder_add_int_value (b, input->features->cols);
  json_builder_set_member_name (b, "vertex_wise");
  json_builder_add_boolean_value (b, outputs.n_hemispheres > 0);
  json_builder_set_member_name (b, "n_voxels_fitted");
  json_builder_add_int_value (b, result->n_voxels);
  json_builder_set_member_name (b, "n_voxels_excluded_constant_or_nonfinite");
  json_builder_add_int_value (b, result->n_excluded);
  json_builder_set_member_name (b, "folds");
  json_builder_add_int_value (b, folds);
  json_builder_set_member_name (b, "alphas");
  json_builder_begin_array (b);
  for (guint i = 0; i < alphas->len; i++)
    json_builder_add_double_value (b, g_array_index (alphas, double, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "median_test_r");
  json_builder_add_double_value (b, result->median_r);
  json_builder_set_member_name (b, "noise_ceiling");
  json_builder_add_boolean_value (b, result->noise_ceiling != NULL);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json = json_to_string (root, TRUE);
  summary = g_build_filename (out_dir, "summary.json", NULL);
  if (!vs_file_save_contents (summary, json, -1, &error))
    return fail_error (error);
  return 0;
}

static int
run_selectivity (int argc, char **argv)
{
  g_autofree char *stimuli = NULL, *mask = NULL, *out_dir = NULL;
  g_auto(GStrv) responses = NULL;
  g_auto(Outputs) outputs = { 0 };
  GOptionEntry entries[] = {
    { "responses", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &responses,
      N_("4D NIfTI with one volume per presentation, .npy n × voxels with --mask, or a GIFTI "
         "func file per hemisphere (give --responses twice)"), N_("Y.nii.gz") },
    { "stimuli", 0, 0, G_OPTION_ARG_FILENAME, &stimuli,
      N_("TSV: stimulus_id, image, category, split, repeat"), N_("stim.tsv") },
    { "mask", 0, 0, G_OPTION_ARG_FILENAME, &mask, N_("Voxels to analyse (non-zero)"),
      N_("M.nii.gz") },
    { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, N_("Where to write the maps"), N_("OUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— category selectivity"));
  g_autoptr(GError) error = NULL;
  g_autoptr(VsSelectivityInput) input = g_new0 (VsSelectivityInput, 1);
  g_autoptr(VsSelectivityResult) result = NULL;
  g_autoptr(GString) json = g_string_new ("{\n  \"analysis\": \"selectivity\",\n");
  g_autofree char *summary = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("GLM t-contrast of each category against the mean of the others (t_CATEGORY.nii.gz), the\n"
      "preferred category (where its t ≥ 4) as a label map with the category names\n"
      "(preferred.nii.gz + .tsv),\n"
      "its selectivity index (si.nii.gz) and d′ (dprime.nii.gz), and summary.json."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (responses == NULL || stimuli == NULL || out_dir == NULL)
    return fail (_("selectivity needs --responses, --stimuli and --out-dir (see --help)"));

  outputs.dir = out_dir;
  if (!load_inputs (responses, mask, stimuli, &outputs, &input->responses, &input->mask,
                    &input->stimuli, &error))
    return fail_error (error);
  result = vs_selectivity_compute (input, NULL, NULL, &error);
  if (result == NULL)
    return fail_error (error);
  if (!ensure_dir (out_dir))
    return 1;
  for (guint c = 0; c < result->t_maps->len; c++)
    {
      g_autofree char *safe = file_safe (g_ptr_array_index (input->stimuli->categories, c));
      g_autofree char *name = g_strdup_printf ("t_%s", safe);
      if (!write_map (&outputs, g_ptr_array_index (result->t_maps, c), name, &error))
        return fail_error (error);
    }
  if (!write_map (&outputs, result->preferred, "preferred", &error) ||
      !write_map (&outputs, result->si, "si", &error) ||
      !write_map (&outputs, result->dprime, "dprime", &error))
    return fail_error (error);

  g_string_append (json, "  \"categories\": [");
  for (guint c = 0; c < input->stimuli->categories->len; c++)
    {
      g_autofree char *escaped = g_strescape (g_ptr_array_index (input->stimuli->categories, c),
                                              NULL);
      g_string_append_printf (json, "%s\"%s\"", c > 0 ? ", " : "", escaped);
    }
  g_string_append_printf (json, "],\n  \"n_voxels\": %" G_GSIZE_FORMAT ",\n"
                          "  \"n_voxels_excluded_constant_or_nonfinite\": %" G_GSIZE_FORMAT "\n}\n",
                          result->n_voxels, result->n_excluded);
  summary = g_build_filename (out_dir, "summary.json", NULL);
  if (!vs_file_save_contents (summary, json->str, -1, &error))
    return fail_error (error);
  return 0;
}

int
vs_command_analyze_run (int argc, char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s", _(usage));
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "encoding"))
    return run_encoding (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "selectivity"))
    return run_selectivity (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "midline"))
    return vs_command_midline_run (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "attention"))
    return vs_command_attention_run (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "instances"))
    return vs_command_instances_run (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "evaluate"))
    return vs_command_evaluate_run (argc - 1, argv + 1);
  {
    g_autofree char *message =
      g_strdup_printf (_("unknown analysis “%s”; available: encoding, selectivity, midline, attention, instances, evaluate"), argv[1]);
    return fail (message);
  }
}
