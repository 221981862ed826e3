/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-voxel-concepts"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-voxel-concepts.h"

/* What a voxel is "about", BrainSCUBA-style: its encoding weights live in the feature space of
 * the images, so the cosine between a voxel's weight vector and the embedding of each concept (a
 * word or caption embedded by the same model) ranks the concepts.  The best one becomes a label
 * map named after it; its cosine is the score, and a softmax over cosines / temperature says how
 * clearly it beats the others. */

/* One name per line, in the order of the embeddings; a first line "name" is a header. */
GPtrArray *
vs_concept_names_read (const char  *path,
                       gsize        expected,
                       GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display, local->message);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *name = g_strstrip (lines[i]);
      char *tab = strrchr (name, '\t');
      if (tab != NULL)
        name = tab + 1;  /* "index<TAB>name" */
      if (*name == '\0' || (i == 0 && g_ascii_strcasecmp (name, "name") == 0))
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  if (names->len != expected)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "%s names %u concepts but the embeddings have %" G_GSIZE_FORMAT " rows",
                   display, names->len, expected);
      return NULL;
    }
  return g_steal_pointer (&names);
}

gboolean
vs_voxel_concepts_compute (VsVolume       *weights,
                           const VsMatrix *embeddings,
                           GPtrArray      *names,
                           double          temperature,
                           VsVolume      **best,
                           VsVolume      **score,
                           VsVolume      **probability,
                           GError        **error)
{
  gsize voxels = vs_volume_get_frame_voxels (weights);
  gsize p = (gsize) vs_volume_get_n_frames (weights), c = embeddings->rows;
  const float *w = vs_volume_get_data (weights);
  g_autofree double *norms = g_new (double, c);
  g_autofree double *cosines = g_new (double, c);
  g_autoptr(VsLabelTable) labels = vs_label_table_new ();
  g_autoptr(VsVolume) b = NULL, s = NULL, pr = NULL;

  if (embeddings->cols != p)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "the concept embeddings have %" G_GSIZE_FORMAT " dimensions but the features %"
                   G_GSIZE_FORMAT "; they must live in the same space", embeddings->cols, p);
      return FALSE;
    }
  if (c == 0 || c > G_MAXUINT16 || !(temperature > 0))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "concepts need 1 to 65535 embeddings and a temperature > 0");
      return FALSE;
    }
  for (gsize i = 0; i < c; i++)
    {
      guint8 rgba[4];
      norms[i] = 0;
      for (gsize k = 0; k < p; k++)
        norms[i] += vs_matrix_row (embeddings, i)[k] * vs_matrix_row (embeddings, i)[k];
      norms[i] = sqrt (norms[i]);
      vs_label_palette_color ((guint32) i + 1, rgba);
      vs_label_table_add (labels, (guint32) i + 1, g_ptr_array_index (names, i), rgba);
    }
  b = vs_volume_new_like (weights, VS_DATATYPE_UINT16, 1, NULL);
  s = vs_volume_new_like (weights, VS_DATATYPE_FLOAT32, 1, NULL);
  pr = vs_volume_new_like (weights, VS_DATATYPE_FLOAT32, 1, NULL);
  for (gsize v = 0; v < voxels; v++)
    {
      double wn = 0, best_cos = -INFINITY, sum = 0;
      gsize best_i = 0;
      for (gsize k = 0; k < p; k++)
        wn += (double) w[v + k * voxels] * w[v + k * voxels];
      if (wn == 0)
        continue;  /* not fitted */
      wn = sqrt (wn);
      for (gsize i = 0; i < c; i++)
        {
          double dot = 0;
          for (gsize k = 0; k < p; k++)
            dot += vs_matrix_row (embeddings, i)[k] * w[v + k * voxels];
          cosines[i] = norms[i] > 0 ? dot / (norms[i] * wn) : 0;
          if (cosines[i] > best_cos)
            {
              best_cos = cosines[i];
              best_i = i;
            }
        }
      for (gsize i = 0; i < c; i++)
        sum += exp ((cosines[i] - best_cos) / temperature);
      ((guint16 *) vs_volume_get_data_mutable (b))[v] = (guint16) (best_i + 1);
      ((float *) vs_volume_get_data_mutable (s))[v] = (float) best_cos;
      ((float *) vs_volume_get_data_mutable (pr))[v] = (float) (1.0 / sum);
    }
  vs_volume_set_label_table (b, labels);
  *best = g_steal_pointer (&b);
  *score = g_steal_pointer (&s);
  *probability = g_steal_pointer (&pr);
  return TRUE;
}

/* The @k concepts closest to the weights of one voxel (flat index @index of @weights), best
 * first, with their cosines; 0 when the voxel was not fitted. */
guint
vs_voxel_concepts_rank (VsVolume       *weights,
                        gsize           index,
                        const VsMatrix *embeddings,
                        guint           k,
                        guint          *order,
                        double         *cosines)
{
  gsize voxels = vs_volume_get_frame_voxels (weights);
  gsize p = (gsize) vs_volume_get_n_frames (weights), c = embeddings->rows;
  const float *w = vs_volume_get_data (weights);
  g_autofree double *all = g_new (double, MAX (c, 1));
  double wn = 0;
  guint n = 0;

  g_return_val_if_fail (embeddings->cols == p, 0);
  for (gsize j = 0; j < p; j++)
    wn += (double) w[index + j * voxels] * w[index + j * voxels];
  if (wn == 0)
    return 0;
  for (gsize i = 0; i < c; i++)
    {
      double dot = 0, en = 0;
      for (gsize j = 0; j < p; j++)
        {
          dot += vs_matrix_row (embeddings, i)[j] * w[index + j * voxels];
          en += vs_matrix_row (embeddings, i)[j] * vs_matrix_row (embeddings, i)[j];
        }
      all[i] = en > 0 ? dot / sqrt (en * wn) : -INFINITY;
    }
  /* Selection of the k best, ties to the lower index. */
  for (; n < MIN (k, c); n++)
    {
      gsize best = G_MAXSIZE;
      for (gsize i = 0; i < c; i++)
        if (all[i] != -INFINITY && (best == G_MAXSIZE || all[i] > all[best]))
          best = i;
      if (best == G_MAXSIZE)
        break;
      order[n] = (guint) best;
      cosines[n] = all[best];
      all[best] = -INFINITY;
    }
  return n;
}
