/* SPDX-License-Identifier: MIT */
#pragma once

#include <epoxy/gl.h>
#include <glib.h>

#include "vs-gl-program.h"
#include "vs-texel-format.h"

G_BEGIN_DECLS

/* One 3D texture of a bricked volume. */
typedef struct {
  GLuint texture;
  gint64 lo[3];       /* the voxel at the texture's first texel */
  gint64 size[3];     /* texels */
  gint64 own_lo[3];   /* the voxels this brick draws: own_lo ≤ voxel < own_hi */
  gint64 own_hi[3];
} VsBrick;

typedef struct _VsBrickedTexture VsBrickedTexture;

int               vs_bricked_texture_get_size_limit (void);
VsBrickedTexture *vs_bricked_texture_new            (void);
void              vs_bricked_texture_free           (VsBrickedTexture    *self);
guint             vs_bricked_texture_count_bricks   (const gint64         dims[3]);
void              vs_bricked_texture_upload         (VsBrickedTexture    *self,
                                                     const gint64         dims[3],
                                                     const VsTexelFormat *format,
                                                     gconstpointer        data);
void              vs_bricked_texture_update_box     (VsBrickedTexture    *self,
                                                     const gint64         lo[3],
                                                     const gint64         size[3],
                                                     gconstpointer        box);
void              vs_bricked_texture_set_linear     (VsBrickedTexture    *self,
                                                     gboolean             linear);
guint             vs_bricked_texture_get_n_bricks   (VsBrickedTexture    *self);
const VsBrick    *vs_bricked_texture_get_brick      (VsBrickedTexture    *self,
                                                     guint                i);
void              vs_brick_set_uniforms             (const VsBrick       *brick,
                                                     VsGlProgram         *program);

G_END_DECLS
