/* SPDX-License-Identifier: MIT */
#pragma once

#include <epoxy/gl.h>

#include "vs-bricked-texture.h"
#include "vs-gl-program.h"
#include "vs-slice-renderer.h"

G_BEGIN_DECLS

/* Shared between vs-slice-renderer.c (slice views) and vs-slice-renderer-3d.c (surface outlines
 * on slices and cursor planes in 3D). */

#define RESOURCE_PREFIX "/org/voxelscope/Voxelscope/shaders/"

typedef enum { MODE_SCALAR = 0, MODE_LABEL = 1, MODE_RGB = 2 } Mode;

typedef struct _LayerTextures {
  VsLayer   *layer;          /* owned */
  VsVolume  *volume;         /* the volume uploaded (borrowed through layer) */
  gint64     frame;
  guint      generation;
  Mode       mode;
  VsBrickedTexture *volume_tex;   /* one texture, or bricks beyond the GL's size limit */
  GLuint     colormap_tex;
  GLuint     label_colors_tex;
  int        label_rows;
  guint      label_serial;   /* of the layer's instance colours and visibility uploaded */
  VsColormap colormap;
  gboolean   interpolate;
  float      value_scale;
  float      value_offset;
  gboolean   unusable;       /* too large for this GL; error recorded */
  /* A composite layer: a texture set per channel (frame), each with a black-to-colour ramp. */
  struct _LayerTextures *channels[VS_LAYER_MAX_CHANNELS];
  guint      channel_serial; /* of the ramp uploaded (in a channel's own set) */
} LayerTextures;

struct _VsSliceRenderer
{
  gboolean        transparent;    /* clear to alpha 0: what no layer covers stays see-through */
  VsGlProgram *slice_program;
  VsGlProgram *line_program;
  VsGlProgram *blit_program;
  VsGlProgram *plane_program;   /* slice3d.vert + slice.frag, for cursor planes in 3D */
  GLuint       plane_vao;
  GLuint       plane_vbo;
  GLuint       low_fbo;         /* reduced-resolution target for interactive frames */
  GLuint       low_texture;
  int          low_width;
  int          low_height;
  GLuint       empty_vao;
  GLuint       line_vao;
  GLuint       line_vbo;
  GHashTable  *textures;      /* VsLayer* → LayerTextures* */
  GError      *last_error;
};


LayerTextures *_vs_slice_renderer_ensure_textures (VsSliceRenderer *renderer,
                                                   VsLayer         *layer,
                                                   gint64           frame);
void           _vs_slice_renderer_prune_textures  (VsSliceRenderer *renderer,
                                                   VsScene         *scene);
void           _vs_slice_renderer_bind_layer      (VsGlProgram     *program,
                                                   LayerTextures   *lt);
void           _vs_slice_renderer_bind_brick      (VsGlProgram     *program,
                                                   LayerTextures   *lt,
                                                   guint            brick);
void           _vs_slice_renderer_draw_surface_outlines (VsSliceRenderer     *renderer,
                                                   VsScene             *scene,
                                                   const VsSliceCamera *camera);

G_END_DECLS
