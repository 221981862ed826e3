/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

#include "vs-scene.h"
#include "vs-slice-camera.h"

G_BEGIN_DECLS

typedef struct _VsSliceRenderer VsSliceRenderer;

/* All calls need the renderer's GL context current. */
VsSliceRenderer *vs_slice_renderer_new    (GError              **error);
void             vs_slice_renderer_free   (VsSliceRenderer      *renderer);
void             vs_slice_renderer_draw   (VsSliceRenderer      *renderer,
                                           VsScene              *scene,
                                           const VsSliceCamera  *camera,
                                           gboolean              show_cursor);
void             vs_slice_renderer_draw_scaled (VsSliceRenderer *renderer,
                                           VsScene              *scene,
                                           const VsSliceCamera  *camera,
                                           gboolean              show_cursor,
                                           double                scale);
void             vs_slice_renderer_draw_planes (VsSliceRenderer *renderer,
                                           VsScene              *scene,
                                           const float           view_projection[16]);
double           vs_slice_renderer_get_interactive_scale (VsSliceRenderer *renderer);
void             vs_slice_renderer_set_transparent (VsSliceRenderer *renderer,
                                                    gboolean         transparent);
const GError    *vs_slice_renderer_get_last_error (VsSliceRenderer *renderer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsSliceRenderer, vs_slice_renderer_free)

void             vs_slice_renderer_draw_midplane (VsSliceRenderer *renderer,
                                                  VsScene         *scene,
                                                  const float      view_projection[16]);

G_END_DECLS
