/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-demo-selectivity"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-demo-selectivity.h"

/* The demo's voxel-selectivity dataset, simulated on real anatomy: the AAL atlas at 4 mm gives
 * the brain mask; 240 images of 4 categories have 12 features (a category prototype plus noise);
 * voxels of the fusiform gyri (AAL 55, 56) respond to faces, of the parahippocampal gyri (39, 40)
 * to places, both through the features, and every voxel carries unit noise.  What an encoding
 * model and a localiser should find is known by construction. */

#define STEP 4
#define N_PER_CATEGORY 60
#define P 12

static const char *categories[] = { "faces", "places", "bodies", "objects" };

static double
gaussian (GRand *rand)
{
  double u1 = g_rand_double_range (rand, 1e-12, 1), u2 = g_rand_double (rand);
  return sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
}

VsEncodingInput *
vs_demo_selectivity_make (VsVolume *atlas,
                          guint32   seed,
                          GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(VsEncodingInput) input = g_new0 (VsEncodingInput, 1);
  gint64 atlas_dims[4], dims[4];
  double affine[16], size[3];
  gsize n = G_N_ELEMENTS (categories) * N_PER_CATEGORY, voxels;
  double prototypes[4][P], face_w[P], place_w[P];
  guint8 *mask;
  float *y;

  vs_volume_get_dims (atlas, atlas_dims);
  for (int a = 0; a < 3; a++)
    dims[a] = (atlas_dims[a] + STEP - 1) / STEP;
  dims[3] = (gint64) n;
  input->responses = vs_volume_new (VS_DATATYPE_FLOAT32, dims, error);
  if (input->responses == NULL)
    return NULL;
  dims[3] = 1;
  input->mask = vs_volume_new (VS_DATATYPE_UINT8, dims, error);
  if (input->mask == NULL)
    return NULL;
  vs_volume_get_affine (atlas, affine);
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++)
      affine[r * 4 + c] *= STEP;
  vs_volume_set_affine (input->responses, affine, NULL);
  vs_volume_set_affine (input->mask, affine, NULL);
  vs_volume_get_voxel_size (atlas, size);
  for (int a = 0; a < 3; a++)
    size[a] *= STEP;
  vs_volume_set_voxel_size (input->responses, size);
  vs_volume_set_voxel_size (input->mask, size);
  vs_volume_set_path (input->responses, "demo responses");

  /* Stimuli: prototypes per category, features = prototype + noise. */
  for (int c = 0; c < 4; c++)
    for (int k = 0; k < P; k++)
      prototypes[c][k] = gaussian (rand);
  for (int k = 0; k < P; k++)
    {
      face_w[k] = prototypes[0][k] / sqrt (P);
      place_w[k] = prototypes[1][k] / sqrt (P);
    }
  input->features = vs_matrix_new (n, P, error);
  input->stimuli = vs_stimulus_table_new ();
  for (gsize i = 0; i < n; i++)
    {
      guint c = (guint) (i % 4);
      g_autofree char *id = g_strdup_printf ("%s-%02" G_GSIZE_FORMAT, categories[c], i / 4);
      for (int k = 0; k < P; k++)
        vs_matrix_row (input->features, i)[k] = prototypes[c][k] + 0.6 * gaussian (rand);
      vs_stimulus_table_add (input->stimuli, id, NULL, categories[c],
                             i >= n - 40 /* the last 10 of each category are held out */, 0);
    }

  /* Responses. */
  mask = vs_volume_get_data_mutable (input->mask);
  y = vs_volume_get_data_mutable (input->responses);
  voxels = vs_volume_get_frame_voxels (input->mask);
  for (gint64 k = 0; k < dims[2]; k++)
    for (gint64 j = 0; j < dims[1]; j++)
      for (gint64 i = 0; i < dims[0]; i++)
        {
          gsize v = (gsize) (i + dims[0] * (j + dims[1] * k));
          double label = vs_volume_get_value (atlas, MIN (i * STEP, atlas_dims[0] - 1),
                                              MIN (j * STEP, atlas_dims[1] - 1),
                                              MIN (k * STEP, atlas_dims[2] - 1), 0);
          const double *w = label == 55 || label == 56 ? face_w :
                            label == 39 || label == 40 ? place_w : NULL;
          mask[v] = label > 0;
          if (!mask[v])
            continue;
          for (gsize s = 0; s < n; s++)
            {
              double value = 100 + gaussian (rand);
              if (w != NULL)
                for (int f = 0; f < P; f++)
                  value += 1.5 * w[f] * vs_matrix_row (input->features, s)[f];
              y[v + s * voxels] = (float) value;
            }
        }
  input->n_alphas = 9;
  input->alphas = g_new (double, 9);
  for (int a = 0; a < 9; a++)
    input->alphas[a] = pow (10, a - 3);
  input->n_folds = 5;
  input->top_k = 5;
  return g_steal_pointer (&input);
}
