/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

#include "vs-layer.h"
#include "vs-orbit-camera.h"

G_BEGIN_DECLS

typedef enum {
  VS_RAYCAST_MIP,
  VS_RAYCAST_COMPOSITE,
  VS_RAYCAST_ISOSURFACE,
} VsRaycastMode;

typedef struct {
  VsRaycastMode mode;
  double        step;        /* voxels: about 0.5 for full quality, 2 while moving */
  double        iso;         /* isosurface level, in the layer's values */
  double        clip[4];     /* keep world points with clip·p ≤ clip[3]; zero normal: none */
  /* One channel of a composite (set by vs_volume_raycaster_draw_layer): its range, a ramp from
   * black to its colour, added to what is drawn already. */
  gboolean      channel;
  double        channel_range[2];
  double        channel_rgb[3];
  gboolean      add;
} VsRaycastOptions;

typedef struct _VsVolumeRaycaster VsVolumeRaycaster;

gboolean           vs_raycast_mode_from_name  (const char *name,
                                               VsRaycastMode *out);
void               vs_raycast_options_init    (VsRaycastOptions *options);
VsVolumeRaycaster *vs_volume_raycaster_new    (GError             **error);
VsVolumeRaycaster *vs_volume_raycaster_new_for_labels (GError       **error);
void               vs_volume_raycaster_free   (VsVolumeRaycaster   *raycaster);
gboolean           vs_volume_raycaster_draw   (VsVolumeRaycaster   *raycaster,
                                               VsLayer             *layer,
                                               gint64               frame,
                                               const VsOrbitCamera *camera,
                                               const VsRaycastOptions *options,
                                               GError             **error);

void               vs_volume_raycaster_draw_layer (VsVolumeRaycaster **raycasters,
                                               VsLayer             *layer,
                                               gint64               frame,
                                               const VsOrbitCamera *camera,
                                               const VsRaycastOptions *options,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsVolumeRaycaster, vs_volume_raycaster_free)

G_END_DECLS
