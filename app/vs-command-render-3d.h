/* SPDX-License-Identifier: MIT */
#pragma once

#include <cairo.h>

#include "vs-layer.h"
#include "vs-offscreen.h"
#include "vs-orbit-camera.h"
#include "vs-scene-file.h"
#include "vs-surface-figure.h"
#include "vs-volume-raycaster.h"

G_BEGIN_DECLS

cairo_surface_t *vs_render_3d_volume   (VsOffscreen            *offscreen,
                                        VsLayer                *layer,
                                        VsLayer                *labels,
                                        gint64                  frame,
                                        const VsOrbitCamera    *camera,
                                        const VsRaycastOptions *raycast,
                                        GError                **error);
cairo_surface_t *vs_render_3d_surfaces (const VsSurfaceItem    *items,
                                        guint                   n_items,
                                        const char             *camera,
                                        double                  gap,
                                        int                     width,
                                        int                     height,
                                        VsLayer                *volume_layer,
                                        gint64                  frame,
                                        const VsRaycastOptions *raycast,
                                        GError                **error);

gboolean         vs_render_3d_grid_quarter (VsOffscreen      *offscreen,
                                            VsScene          *scene,
                                            VsSceneFile      *scene_file,
                                            const char       *preset,
                                            VsRaycastOptions *raycast,
                                            gboolean          has_iso,
                                            cairo_surface_t  *slices,
                                            GError          **error);

G_END_DECLS
