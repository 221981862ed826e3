/* SPDX-License-Identifier: MIT */
#pragma once

#include "vs-volume.h"

G_BEGIN_DECLS

/* Synthetic multichannel light microscopy with planted neurons (tests/vs-test-neurons.c). */
typedef struct {
  gint64   dims[3];
  guint    n_neurons;
  gboolean separated;    /* each neuron in its own box, at least 4 voxels from the others */
  gboolean crossing;     /* every neuron passes through the volume's centre */
  double   radius;       /* of the tubes, in voxels */
  double   noise;        /* standard deviation of the background noise */
  guint32  seed;
} VsTestNeuronSpec;

void      vs_test_neuron_spec_init (VsTestNeuronSpec       *spec);
VsVolume *vs_test_make_neurons     (const VsTestNeuronSpec *spec,
                                    VsVolume              **ground_truth);

G_END_DECLS
