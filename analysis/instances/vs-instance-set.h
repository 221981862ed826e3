/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

typedef struct {
  double label;       /* its value in a label volume, or its frame + 1 */
  gsize  n;
  gsize *voxels;      /* sorted */
  gsize  n_skeleton;
  gsize *skeleton;    /* sorted */
} VsInstance;

typedef struct {
  GArray  *items;     /* VsInstance */
  gboolean overlap;   /* some voxel belongs to two instances */
} VsInstanceSet;

gboolean vs_instance_set_init   (VsVolume      *volume,
                                 VsInstanceSet *set,
                                 gboolean       skeletons,
                                 GCancellable  *cancellable,
                                 GError       **error);
void     vs_instance_set_clear  (VsInstanceSet *set);
gsize    vs_instance_find      (const gsize   *sorted,
                                 gsize          n,
                                 gsize          voxel);
gboolean vs_instance_contains   (const gsize   *sorted,
                                 gsize          n,
                                 gsize          voxel);

G_END_DECLS
