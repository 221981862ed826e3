/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <math.h>

#include "vs-test-neurons.h"

/* Neurons as FISBe's FlyLight MCFO images show them: long thin branching tubes, each in its own
 * colour over three channels (16-bit), on a dim noisy background.  Each neuron is a tree grown
 * by a persistent random walk from a soma, branching now and then; the ground truth is a uint32
 * label volume (0 background, neuron k labelled k). */

void
vs_test_neuron_spec_init (VsTestNeuronSpec *spec)
{
  *spec = (VsTestNeuronSpec) { { 96, 96, 48 }, 4, TRUE, FALSE, 1.6, 40, 1 };
}

typedef struct {
  const VsTestNeuronSpec *spec;
  GRand    *rand;
  guint16  *channels;   /* 3 frames */
  guint32  *truth;
  double    lo[3], hi[3];  /* the neuron's box */
  guint32   label;
  double    colour[3];
} Painter;

static void
paint_ball (Painter *p, const double c[3])
{
  const gint64 *d = p->spec->dims;
  double r = p->spec->radius;
  gsize frame = (gsize) (d[0] * d[1] * d[2]);

  for (gint64 z = (gint64) floor (c[2] - r); z <= (gint64) ceil (c[2] + r); z++)
    for (gint64 y = (gint64) floor (c[1] - r); y <= (gint64) ceil (c[1] + r); y++)
      for (gint64 x = (gint64) floor (c[0] - r); x <= (gint64) ceil (c[0] + r); x++)
        {
          double dx = x - c[0], dy = y - c[1], dz = z - c[2];
          gsize i;
          if (x < 0 || y < 0 || z < 0 || x >= d[0] || y >= d[1] || z >= d[2] ||
              dx * dx + dy * dy + dz * dz > r * r)
            continue;
          i = (gsize) (x + d[0] * (y + d[1] * z));
          p->truth[i] = p->label;
          for (int k = 0; k < 3; k++)
            p->channels[k * frame + i] = (guint16) MAX (p->channels[k * frame + i],
                                                         2500 * p->colour[k]);
        }
}

/* A branch of @length steps from @start along @direction; it may fork. */
static void
grow (Painter *p, double start[3], double direction[3], int length, int depth)
{
  double at[3] = { start[0], start[1], start[2] }, dir[3] = { direction[0], direction[1],
                                                              direction[2] };
  for (int step = 0; step < length; step++)
    {
      double norm = 0;
      for (int k = 0; k < 3; k++)
        {
          dir[k] += 0.25 * (g_rand_double (p->rand) - 0.5);
          norm += dir[k] * dir[k];
        }
      norm = sqrt (norm);
      for (int k = 0; k < 3; k++)
        {
          dir[k] /= norm;
          /* Turn back at the walls of the neuron's box. */
          if ((at[k] + dir[k] < p->lo[k] && dir[k] < 0) || (at[k] + dir[k] > p->hi[k] && dir[k] > 0))
            dir[k] = -dir[k];
          at[k] += 0.8 * dir[k];
        }
      paint_ball (p, at);
      if (depth < 2 && step > 8 && g_rand_double (p->rand) < 0.025)
        {
          double side[3] = { dir[1], -dir[0] + 0.3, dir[2] + 0.5 * (g_rand_double (p->rand) - 0.5) };
          grow (p, at, side, length / 2, depth + 1);
        }
    }
}

/* The three channels as a uint16 volume with 3 frames; *@ground_truth the labels. */
VsVolume *
vs_test_make_neurons (const VsTestNeuronSpec *spec,
                      VsVolume              **ground_truth)
{
  const gint64 dims4[4] = { spec->dims[0], spec->dims[1], spec->dims[2], 3 };
  const gint64 dims1[4] = { spec->dims[0], spec->dims[1], spec->dims[2], 1 };
  g_autoptr(VsVolume) image = vs_volume_new (VS_DATATYPE_UINT16, dims4, NULL);
  g_autoptr(VsVolume) truth = vs_volume_new (VS_DATATYPE_UINT32, dims1, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (spec->seed);
  gsize n = (gsize) (spec->dims[0] * spec->dims[1] * spec->dims[2]);
  guint16 *channels = vs_volume_get_data_mutable (image);
  Painter p = { spec, rand, channels, vs_volume_get_data_mutable (truth), { 0 }, { 0 }, 0,
                { 0 } };
  guint columns = (guint) ceil (sqrt (spec->n_neurons));

  for (guint k = 0; k < spec->n_neurons; k++)
    {
      double start[3], direction[3];
      p.label = k + 1;
      /* Colours far apart: a bright main channel, a little of another. */
      for (int c = 0; c < 3; c++)
        p.colour[c] = c == (int) (k % 3) ? 1.0 : c == (int) ((k + 1) % 3) ? 0.35 * (k / 3 % 2) : 0.05;
      for (int c = 0; c < 3; c++)
        {
          p.lo[c] = spec->radius + 1;
          p.hi[c] = spec->dims[c] - spec->radius - 2;
        }
      if (spec->separated)
        {
          /* A grid of boxes in x and y, 4 voxels of gap between them. */
          double w = (double) spec->dims[0] / columns, h = (double) spec->dims[1] / columns;
          guint col = k % columns, row = k / columns;
          p.lo[0] = col * w + spec->radius + 2;
          p.hi[0] = (col + 1) * w - spec->radius - 3;
          p.lo[1] = row * h + spec->radius + 2;
          p.hi[1] = (row + 1) * h - spec->radius - 3;
        }
      for (int c = 0; c < 3; c++)
        {
          start[c] = spec->crossing ? spec->dims[c] / 2.0
                                    : p.lo[c] + g_rand_double (rand) * (p.hi[c] - p.lo[c]);
          direction[c] = g_rand_double (rand) - 0.5;
        }
      grow (&p, start, direction, (int) (1.5 * (spec->dims[0] + spec->dims[1])), 0);
    }
  /* Background: dim, noisy. */
  for (gsize i = 0; i < 3 * n; i++)
    {
      double u1 = g_rand_double (rand) + 1e-12, u2 = g_rand_double (rand);
      double noise = spec->noise * sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
      channels[i] = (guint16) CLAMP (channels[i] + 150 + noise, 0, 65535);
    }
  *ground_truth = g_steal_pointer (&truth);
  return g_steal_pointer (&image);
}
