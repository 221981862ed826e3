/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-slice-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vs-render-error.h"
#include "vs-slice-renderer-private.h"

/* Draws a scene's layers on one slice plane, bottom layer first, each resampled in world space by
 * the fragment shader.  Textures are kept per layer and re-uploaded only when the volume, frame,
 * data generation, colormap or label table changes, so a redraw costs one quad per layer. */


static void
layer_textures_free (gpointer data)
{
  LayerTextures *lt = data;

  g_clear_pointer (&lt->volume_tex, vs_bricked_texture_free);
  if (lt->colormap_tex != 0)
    glDeleteTextures (1, &lt->colormap_tex);
  if (lt->label_colors_tex != 0)
    glDeleteTextures (1, &lt->label_colors_tex);
  for (int c = 0; c < VS_LAYER_MAX_CHANNELS; c++)
    g_clear_pointer (&lt->channels[c], layer_textures_free);
  g_clear_object (&lt->layer);
  g_free (lt);
}

/* Nothing uploaded yet for @layer (or for one channel of it). */
static LayerTextures *
layer_textures_new (VsLayer *layer)
{
  LayerTextures *lt = g_new0 (LayerTextures, 1);
  VsVolume *volume = vs_layer_get_volume (layer);

  lt->layer = g_object_ref (layer);
  lt->frame = -1;
  lt->colormap = VS_N_COLORMAPS;
  lt->mode = vs_layer_is_label (layer) ? MODE_LABEL :
             vs_volume_get_intent (volume) == VS_VOLUME_INTENT_RGB ? MODE_RGB : MODE_SCALAR;
  return lt;
}

VsSliceRenderer *
vs_slice_renderer_new (GError **error)
{
  g_autoptr(VsSliceRenderer) renderer = g_new0 (VsSliceRenderer, 1);

  renderer->textures = g_hash_table_new_full (NULL, NULL, NULL, layer_textures_free);
  renderer->slice_program = vs_gl_program_new_from_resources (RESOURCE_PREFIX "slice.vert.glsl",
                                                              RESOURCE_PREFIX "slice.frag.glsl",
                                                              error);
  if (renderer->slice_program == NULL)
    return NULL;
  renderer->line_program = vs_gl_program_new_from_resources (RESOURCE_PREFIX "line.vert.glsl",
                                                             RESOURCE_PREFIX "line.frag.glsl",
                                                             error);
  if (renderer->line_program == NULL)
    return NULL;
  renderer->blit_program = vs_gl_program_new_from_resources (RESOURCE_PREFIX "blit.vert.glsl",
                                                             RESOURCE_PREFIX "blit.frag.glsl",
                                                             error);
  if (renderer->blit_program == NULL)
    return NULL;
  renderer->plane_program = vs_gl_program_new_from_resources (RESOURCE_PREFIX "slice3d.vert.glsl",
                                                              RESOURCE_PREFIX "slice.frag.glsl",
                                                              error);
  if (renderer->plane_program == NULL)
    return NULL;
  glGenVertexArrays (1, &renderer->plane_vao);
  glGenBuffers (1, &renderer->plane_vbo);
  glBindVertexArray (renderer->plane_vao);
  glBindBuffer (GL_ARRAY_BUFFER, renderer->plane_vbo);
  glBufferData (GL_ARRAY_BUFFER, 12 * sizeof (float), NULL, GL_DYNAMIC_DRAW);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 3, GL_FLOAT, GL_FALSE, 3 * sizeof (float), NULL);
  glBindVertexArray (0);

  glGenVertexArrays (1, &renderer->empty_vao);
  glGenVertexArrays (1, &renderer->line_vao);
  glGenBuffers (1, &renderer->line_vbo);
  glBindVertexArray (renderer->line_vao);
  glBindBuffer (GL_ARRAY_BUFFER, renderer->line_vbo);
  glBufferData (GL_ARRAY_BUFFER, 8 * sizeof (float), NULL, GL_DYNAMIC_DRAW);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof (float), NULL);
  glBindVertexArray (0);
  return g_steal_pointer (&renderer);
}

void
vs_slice_renderer_free (VsSliceRenderer *renderer)
{
  if (renderer == NULL)
    return;
  g_clear_pointer (&renderer->textures, g_hash_table_unref);
  g_clear_pointer (&renderer->slice_program, vs_gl_program_free);
  g_clear_pointer (&renderer->line_program, vs_gl_program_free);
  g_clear_pointer (&renderer->blit_program, vs_gl_program_free);
  g_clear_pointer (&renderer->plane_program, vs_gl_program_free);
  if (renderer->plane_vao != 0)
    glDeleteVertexArrays (1, &renderer->plane_vao);
  if (renderer->plane_vbo != 0)
    glDeleteBuffers (1, &renderer->plane_vbo);
  if (renderer->low_fbo != 0)
    glDeleteFramebuffers (1, &renderer->low_fbo);
  if (renderer->low_texture != 0)
    glDeleteTextures (1, &renderer->low_texture);
  if (renderer->empty_vao != 0)
    glDeleteVertexArrays (1, &renderer->empty_vao);
  if (renderer->line_vao != 0)
    glDeleteVertexArrays (1, &renderer->line_vao);
  if (renderer->line_vbo != 0)
    glDeleteBuffers (1, &renderer->line_vbo);
  g_clear_error (&renderer->last_error);
  g_free (renderer);
}

/* The resolution scale for frames drawn while the user interacts: software rasterisers pay per
 * fragment, GPUs do not. */
double
vs_slice_renderer_get_interactive_scale (VsSliceRenderer *renderer)
{
  const char *name = (const char *) glGetString (GL_RENDERER);

  if (name != NULL && (strstr (name, "llvmpipe") != NULL || strstr (name, "softpipe") != NULL))
    return 0.33;
  return 1.0;
}

const GError *
vs_slice_renderer_get_last_error (VsSliceRenderer *renderer)
{
  return renderer->last_error;
}

static void
set_texture_filter (GLenum target, gboolean linear)
{
  GLint filter = linear ? GL_LINEAR : GL_NEAREST;
  glTexParameteri (target, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri (target, GL_TEXTURE_MAG_FILTER, filter);
}

static void
record_error (VsSliceRenderer *renderer, GError *error)
{
  g_clear_error (&renderer->last_error);
  renderer->last_error = error;
}

static gboolean
upload_volume (VsSliceRenderer *renderer,
               LayerTextures   *lt,
               gint64           frame)
{
  VsVolume *volume = vs_layer_get_volume (lt->layer);
  gint64 dims[4];
  gconstpointer data;
  g_autofree gpointer converted = NULL;
  double slope, intercept;
  VsTexelFormat texel;

  vs_volume_get_dims (volume, dims);
  vs_volume_get_scaling (volume, &slope, &intercept);
  data = vs_texel_format_prepare (volume, frame,
                                  lt->mode == MODE_LABEL ? VS_TEXELS_LABEL :
                                  lt->mode == MODE_RGB ? VS_TEXELS_RGB : VS_TEXELS_SCALAR,
                                  &texel, &converted);
  if (data == NULL)
    {
      record_error (renderer, g_error_new (VS_RENDER_ERROR, VS_RENDER_ERROR_TOO_LARGE,
                    "%s: out of memory converting the volume for display",
                    vs_layer_get_name (lt->layer)));
      lt->unusable = TRUE;
      return FALSE;
    }

  if (lt->volume_tex == NULL)
    lt->volume_tex = vs_bricked_texture_new ();
  lt->interpolate = vs_layer_get_interpolate (lt->layer) && lt->mode != MODE_LABEL;
  vs_bricked_texture_set_linear (lt->volume_tex, lt->interpolate);
  vs_bricked_texture_upload (lt->volume_tex, dims, &texel, data);

  lt->value_scale = (float) (texel.norm * slope);
  lt->value_offset = (float) intercept;
  lt->volume = volume;
  lt->frame = frame;
  lt->generation = vs_layer_get_generation (lt->layer);
  return TRUE;
}

/* An edited box of a label layer uploaded alone (a brush stroke costs its box, not the volume). */
static void
upload_label_box (LayerTextures *lt, const gint64 lo[3], const gint64 hi[3])
{
  g_autofree gpointer box = vs_texel_format_extract_label_box (vs_layer_get_volume (lt->layer),
                                                              lt->frame, lo, hi);

  vs_bricked_texture_update_box (lt->volume_tex, lo,
                                 (const gint64[3]) { hi[0] - lo[0] + 1, hi[1] - lo[1] + 1,
                                                     hi[2] - lo[2] + 1 }, box);
  lt->generation = vs_layer_get_generation (lt->layer);
}

/* @rgba (VS_COLORMAP_SIZE entries) as @lt's colormap texture. */
static void
upload_ramp (LayerTextures *lt, const guint8 *rgba)
{
  if (lt->colormap_tex == 0)
    glGenTextures (1, &lt->colormap_tex);
  glBindTexture (GL_TEXTURE_2D, lt->colormap_tex);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, VS_COLORMAP_SIZE, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                rgba);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  set_texture_filter (GL_TEXTURE_2D, TRUE);
}

static void
upload_colormap (LayerTextures *lt)
{
  guint8 rgba[VS_COLORMAP_SIZE * 4];

  vs_colormap_fill_rgba (vs_layer_get_colormap (lt->layer), rgba);
  upload_ramp (lt, rgba);
  lt->colormap = vs_layer_get_colormap (lt->layer);
}

/* Colours of ids 0 … rows×256−1: the table's colour, else the layer's own (instances), else the
 * palette's; transparent for the instances hidden or not selected. */
static void
upload_label_colors (LayerTextures *lt)
{
  int rows;
  g_autofree guint8 *rgba = vs_layer_build_label_color_rows (lt->layer, &rows);

  if (lt->label_colors_tex == 0)
    glGenTextures (1, &lt->label_colors_tex);
  glBindTexture (GL_TEXTURE_2D, lt->label_colors_tex);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, 256, rows, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  set_texture_filter (GL_TEXTURE_2D, FALSE);
  lt->label_rows = rows;
  lt->label_serial = vs_layer_get_label_serial (lt->layer);
}

/* Channel @c of a composite layer: its frame uploaded, and a ramp from black to its colour. */
static LayerTextures *
ensure_channel (VsSliceRenderer *renderer, LayerTextures *lt, guint c)
{
  LayerTextures *ch = lt->channels[c];
  VsLayer *layer = lt->layer;

  if (ch == NULL)
    {
      ch = lt->channels[c] = layer_textures_new (layer);
      ch->channel_serial = G_MAXUINT;
    }
  if (ch->unusable)
    return NULL;
  if (ch->volume != vs_layer_get_volume (layer) || ch->frame != (gint64) c ||
      ch->generation != vs_layer_get_generation (layer))
    {
      if (!upload_volume (renderer, ch, c))
        return NULL;
    }
  if (ch->interpolate != vs_layer_get_interpolate (layer))
    {
      ch->interpolate = !ch->interpolate;
      vs_bricked_texture_set_linear (ch->volume_tex, ch->interpolate);
    }
  if (ch->channel_serial != vs_layer_get_channel_serial (layer))
    {
      guint8 rgba[VS_COLORMAP_SIZE * 4];
      double rgb[3];
      vs_layer_get_channel_color (layer, c, rgb);
      for (int i = 0; i < VS_COLORMAP_SIZE; i++)
        {
          double t = (double) i / (VS_COLORMAP_SIZE - 1);
          for (int k = 0; k < 3; k++)
            rgba[i * 4 + k] = (guint8) lround (255 * t * CLAMP (rgb[k], 0, 1));
          rgba[i * 4 + 3] = 255;
        }
      upload_ramp (ch, rgba);
      ch->channel_serial = vs_layer_get_channel_serial (layer);
    }
  return ch;
}

LayerTextures *
_vs_slice_renderer_ensure_textures (VsSliceRenderer *renderer,
                 VsLayer         *layer,
                 gint64           frame)
{
  LayerTextures *lt = g_hash_table_lookup (renderer->textures, layer);
  VsVolume *volume = vs_layer_get_volume (layer);
  gint64 layer_frame = CLAMP (frame, 0, vs_volume_get_n_frames (volume) - 1);

  if (lt == NULL)
    {
      lt = layer_textures_new (layer);
      g_hash_table_insert (renderer->textures, layer, lt);
    }
  if (lt->unusable)
    return NULL;

  if (lt->mode == MODE_LABEL && lt->volume == volume && lt->frame == layer_frame &&
      lt->generation != vs_layer_get_generation (layer))
    {
      gint64 lo[3], hi[3];
      if (vs_layer_get_edits_since (layer, lt->generation, lo, hi))
        upload_label_box (lt, lo, hi);
    }
  if (lt->volume != volume || lt->frame != layer_frame ||
      lt->generation != vs_layer_get_generation (layer))
    {
      if (!upload_volume (renderer, lt, layer_frame))
        return NULL;
      if (lt->mode == MODE_LABEL)
        upload_label_colors (lt);
    }
  if (lt->mode == MODE_LABEL &&
      (lt->label_colors_tex == 0 || lt->label_serial != vs_layer_get_label_serial (layer)))
    upload_label_colors (lt);
  if (lt->interpolate != (vs_layer_get_interpolate (layer) && lt->mode != MODE_LABEL))
    {
      lt->interpolate = !lt->interpolate;
      vs_bricked_texture_set_linear (lt->volume_tex, lt->interpolate);
    }
  if (lt->colormap != vs_layer_get_colormap (layer))
    upload_colormap (lt);
  return lt;
}

/* Drops textures of layers no longer in the scene. */
void
_vs_slice_renderer_prune_textures (VsSliceRenderer *renderer,
                VsScene         *scene)
{
  GHashTableIter iter;
  gpointer key;
  GListModel *layers = vs_scene_get_layers (scene);
  guint n = g_list_model_get_n_items (layers);

  g_hash_table_iter_init (&iter, renderer->textures);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean found = FALSE;
      for (guint i = 0; i < n && !found; i++)
        found = vs_scene_get_layer (scene, i) == key;
      if (!found)
        g_hash_table_iter_remove (&iter);
    }
}

/* out = a × b, column-major 4×4. */
static void
multiply (const double a[16], const double b[16], double out[16])
{
  double r[16];

  for (int c = 0; c < 4; c++)
    for (int row = 0; row < 4; row++)
      {
        double s = 0;
        for (int k = 0; k < 4; k++)
          s += a[k * 4 + row] * b[c * 4 + k];
        r[c * 4 + row] = s;
      }
  memcpy (out, r, sizeof r);
}

/* Brick @i of the layer's volume on its texture unit (0 values, 1 labels), and where it lies. */
void
_vs_slice_renderer_bind_brick (VsGlProgram *program, LayerTextures *lt, guint i)
{
  const VsBrick *brick = vs_bricked_texture_get_brick (lt->volume_tex, i);

  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_3D, lt->mode == MODE_LABEL ? 0 : brick->texture);
  glActiveTexture (GL_TEXTURE1);
  glBindTexture (GL_TEXTURE_3D, lt->mode == MODE_LABEL ? brick->texture : 0);
  vs_brick_set_uniforms (brick, program);
}

/* The textures (but the volume's: see _vs_slice_renderer_bind_brick) and the uniforms every use
 * of slice.frag needs. */
void
_vs_slice_renderer_bind_layer (VsGlProgram *program, LayerTextures *lt)
{
  gint64 dims[4];

  vs_volume_get_dims (vs_layer_get_volume (lt->layer), dims);

  glActiveTexture (GL_TEXTURE2);
  glBindTexture (GL_TEXTURE_2D, lt->colormap_tex);
  glActiveTexture (GL_TEXTURE3);
  glBindTexture (GL_TEXTURE_2D, lt->label_colors_tex);

  glUniform3f (vs_gl_program_get_uniform (program, "u_dims"),
               (float) dims[0], (float) dims[1], (float) dims[2]);
  glUniform1i (vs_gl_program_get_uniform (program, "u_mode"), lt->mode);
  glUniform1i (vs_gl_program_get_uniform (program, "u_volume"), 0);
  glUniform1i (vs_gl_program_get_uniform (program, "u_labels"), 1);
  glUniform1i (vs_gl_program_get_uniform (program, "u_colormap"), 2);
  glUniform1i (vs_gl_program_get_uniform (program, "u_label_colors"), 3);
  glUniform1i (vs_gl_program_get_uniform (program, "u_label_rows"), lt->label_rows);
  glUniform1f (vs_gl_program_get_uniform (program, "u_value_scale"), lt->value_scale);
  glUniform1f (vs_gl_program_get_uniform (program, "u_value_offset"), lt->value_offset);
  glUniform1f (vs_gl_program_get_uniform (program, "u_min"),
               (float) vs_layer_get_display_min (lt->layer));
  glUniform1f (vs_gl_program_get_uniform (program, "u_max"),
               (float) vs_layer_get_display_max (lt->layer));
  glUniform1f (vs_gl_program_get_uniform (program, "u_threshold"),
               (float) vs_layer_get_threshold (lt->layer));
  glUniform1f (vs_gl_program_get_uniform (program, "u_opacity"),
               (float) vs_layer_get_opacity (lt->layer));
  glUniform1i (vs_gl_program_get_uniform (program, "u_outline"),
               vs_layer_get_label_outline (lt->layer));
}

static void
draw_layer_with_range (VsSliceRenderer     *renderer,
                       LayerTextures       *lt,
                       const VsSliceCamera *camera,
                       const double         ndc_to_world[16],
                       double               min,
                       double               max)
{
  VsVolume *volume = vs_layer_get_volume (lt->layer);
  VsGlProgram *program = renderer->slice_program;
  double inverse_row_major[16], inverse[16], m[16];
  float mf[16];

  vs_volume_get_inverse_affine (volume, inverse_row_major);
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 4; c++)
      inverse[c * 4 + r] = inverse_row_major[r * 4 + c];
  multiply (inverse, ndc_to_world, m);
  for (int i = 0; i < 16; i++)
    mf[i] = (float) m[i];

  _vs_slice_renderer_bind_layer (program, lt);
  if (!isnan (min))
    {
      glUniform1f (vs_gl_program_get_uniform (program, "u_min"), (float) min);
      glUniform1f (vs_gl_program_get_uniform (program, "u_max"), (float) max);
    }
  glUniformMatrix4fv (vs_gl_program_get_uniform (program, "u_ndc_to_voxel"), 1, GL_FALSE, mf);
  /* Columns 0 and 1 of ndc→voxel span the viewport's half-width and half-height. */
  glUniform3f (vs_gl_program_get_uniform (program, "u_pixel_x"),
               (float) (m[0] * 2.0 / MAX (camera->width, 1)),
               (float) (m[1] * 2.0 / MAX (camera->width, 1)),
               (float) (m[2] * 2.0 / MAX (camera->width, 1)));
  glUniform3f (vs_gl_program_get_uniform (program, "u_pixel_y"),
               (float) (m[4] * 2.0 / MAX (camera->height, 1)),
               (float) (m[5] * 2.0 / MAX (camera->height, 1)),
               (float) (m[6] * 2.0 / MAX (camera->height, 1)));

  for (guint b = 0; b < vs_bricked_texture_get_n_bricks (lt->volume_tex); b++)
    {
      _vs_slice_renderer_bind_brick (program, lt, b);
      glDrawArrays (GL_TRIANGLE_STRIP, 0, 4);
    }
}

static void
draw_cursor (VsSliceRenderer     *renderer,
             VsScene             *scene,
             const VsSliceCamera *camera)
{
  double cursor[3], px, py;
  float x, y, lines[8];

  vs_scene_get_cursor (scene, cursor);
  vs_slice_camera_world_to_pixel (camera, cursor, &px, &py);
  x = (float) (2.0 * px / camera->width - 1.0);
  y = (float) (1.0 - 2.0 * py / camera->height);
  lines[0] = -1; lines[1] = y; lines[2] = 1; lines[3] = y;
  lines[4] = x; lines[5] = -1; lines[6] = x; lines[7] = 1;

  glUseProgram (vs_gl_program_get_id (renderer->line_program));
  glUniform4f (vs_gl_program_get_uniform (renderer->line_program, "u_color"),
               0.25f, 0.85f, 0.35f, 0.85f);
  glBindVertexArray (renderer->line_vao);
  glBindBuffer (GL_ARRAY_BUFFER, renderer->line_vbo);
  glBufferSubData (GL_ARRAY_BUFFER, 0, sizeof lines, lines);
  glDrawArrays (GL_LINES, 0, 4);
  glBindVertexArray (0);
}

static void
draw_layer (VsSliceRenderer     *renderer,
            LayerTextures       *lt,
            const VsSliceCamera *camera,
            const double         ndc_to_world[16])
{
  draw_layer_with_range (renderer, lt, camera, ndc_to_world, NAN, NAN);
}

/* The channels of a composite layer, each through its colour ramp and range, added together
 * over what lies beneath (the first blended at the layer's opacity, the rest added). */
static void
draw_composite (VsSliceRenderer     *renderer,
                VsLayer             *layer,
                const VsSliceCamera *camera,
                const double         ndc_to_world[16])
{
  LayerTextures *lt = g_hash_table_lookup (renderer->textures, layer);
  VsGlProgram *program = renderer->slice_program;

  if (lt == NULL)
    {
      lt = layer_textures_new (layer);
      g_hash_table_insert (renderer->textures, layer, lt);
    }
  for (guint c = 0; c < vs_layer_get_n_channels (layer); c++)
    {
      LayerTextures *ch = ensure_channel (renderer, lt, c);
      double min, max;
      if (ch == NULL)
        continue;
      glUseProgram (vs_gl_program_get_id (program));
      glBindVertexArray (renderer->empty_vao);
      if (c > 0)
        glBlendFuncSeparate (GL_SRC_ALPHA, GL_ONE, GL_ZERO, GL_ONE);
      /* draw_layer binds the layer's range: the channel's goes over it. */
      vs_layer_get_channel_range (layer, c, &min, &max);
      draw_layer_with_range (renderer, ch, camera, ndc_to_world, min, max);
    }
  glBlendFuncSeparate (GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

static void
draw_layers (VsSliceRenderer     *renderer,
             VsScene             *scene,
             const VsSliceCamera *camera)
{
  double ndc_to_world[16];
  gint64 frame;
  guint n;

  glClearColor (0, 0, 0, renderer->transparent ? 0 : 1);
  glClear (GL_COLOR_BUFFER_BIT);
  glDisable (GL_DEPTH_TEST);
  glEnable (GL_BLEND);
  glBlendFuncSeparate (GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

  _vs_slice_renderer_prune_textures (renderer, scene);
  vs_slice_camera_ndc_to_world_matrix (camera, ndc_to_world);
  frame = vs_scene_get_frame (scene);
  n = vs_scene_get_n_layers (scene);

  glUseProgram (vs_gl_program_get_id (renderer->slice_program));
  glBindVertexArray (renderer->empty_vao);
  for (guint i = n; i-- > 0;)
    {
      VsLayer *layer = vs_scene_get_layer (scene, i);
      LayerTextures *lt;

      if (!vs_layer_get_visible (layer) || vs_layer_get_opacity (layer) <= 0)
        continue;
      if (vs_layer_get_composite (layer))
        {
          draw_composite (renderer, layer, camera, ndc_to_world);
          continue;
        }
      lt = _vs_slice_renderer_ensure_textures (renderer, layer, frame);
      if (lt == NULL)
        continue;
      glUseProgram (vs_gl_program_get_id (renderer->slice_program));
      glBindVertexArray (renderer->empty_vao);
      draw_layer (renderer, lt, camera, ndc_to_world);
    }
  glBindVertexArray (0);
}

void
vs_slice_renderer_draw (VsSliceRenderer     *renderer,
                        VsScene             *scene,
                        const VsSliceCamera *camera,
                        gboolean             show_cursor)
{
  g_return_if_fail (renderer != NULL);
  g_return_if_fail (VS_IS_SCENE (scene));

  draw_layers (renderer, scene, camera);
  _vs_slice_renderer_draw_surface_outlines (renderer, scene, camera);
  if (show_cursor && vs_scene_get_n_layers (scene) > 0)
    draw_cursor (renderer, scene, camera);
  glUseProgram (0);
}

/* Progressive refinement: the layers are drawn into a texture @scale times the viewport's size
 * (the same world extent with larger pixels) and stretched over the viewport; the crosshair is
 * drawn at full resolution.  Software GL pays per fragment, so a scale of 0.4 costs about a sixth
 * of a full frame.  Views use it while the user drags, scrolls or steps, then redraw at 1. */
void
vs_slice_renderer_draw_scaled (VsSliceRenderer     *renderer,
                               VsScene             *scene,
                               const VsSliceCamera *camera,
                               gboolean             show_cursor,
                               double               scale)
{
  VsSliceCamera low;
  GLint target_fbo = 0, viewport[4];
  GLboolean scissor;

  g_return_if_fail (renderer != NULL);
  g_return_if_fail (VS_IS_SCENE (scene));

  if (scale >= 0.999)
    {
      vs_slice_renderer_draw (renderer, scene, camera, show_cursor);
      return;
    }
  low = *camera;
  low.width = MAX (1, (int) ceil (camera->width * scale));
  low.height = MAX (1, (int) ceil (camera->height * scale));
  low.mm_per_pixel = camera->mm_per_pixel * camera->width / low.width;

  glGetIntegerv (GL_FRAMEBUFFER_BINDING, &target_fbo);
  glGetIntegerv (GL_VIEWPORT, viewport);
  scissor = glIsEnabled (GL_SCISSOR_TEST);
  if (renderer->low_fbo == 0)
    {
      glGenFramebuffers (1, &renderer->low_fbo);
      glGenTextures (1, &renderer->low_texture);
    }
  if (low.width > renderer->low_width || low.height > renderer->low_height)
    {
      renderer->low_width = MAX (low.width, renderer->low_width);
      renderer->low_height = MAX (low.height, renderer->low_height);
      glBindTexture (GL_TEXTURE_2D, renderer->low_texture);
      glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, renderer->low_width, renderer->low_height, 0,
                    GL_RGBA, GL_UNSIGNED_BYTE, NULL);
      set_texture_filter (GL_TEXTURE_2D, TRUE);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
      glBindFramebuffer (GL_FRAMEBUFFER, renderer->low_fbo);
      glFramebufferTexture2D (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                              renderer->low_texture, 0);
    }
  glBindFramebuffer (GL_FRAMEBUFFER, renderer->low_fbo);
  glViewport (0, 0, low.width, low.height);
  glDisable (GL_SCISSOR_TEST);
  draw_layers (renderer, scene, &low);

  glBindFramebuffer (GL_FRAMEBUFFER, (GLuint) target_fbo);
  glViewport (viewport[0], viewport[1], viewport[2], viewport[3]);
  if (scissor)
    glEnable (GL_SCISSOR_TEST);
  glDisable (GL_BLEND);
  glUseProgram (vs_gl_program_get_id (renderer->blit_program));
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_2D, renderer->low_texture);
  glUniform1i (vs_gl_program_get_uniform (renderer->blit_program, "u_image"), 0);
  glUniform2f (vs_gl_program_get_uniform (renderer->blit_program, "u_uv_scale"),
               (float) low.width / renderer->low_width, (float) low.height / renderer->low_height);
  glBindVertexArray (renderer->empty_vao);
  glDrawArrays (GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray (0);
  glEnable (GL_BLEND);
  _vs_slice_renderer_draw_surface_outlines (renderer, scene, camera);
  if (show_cursor && vs_scene_get_n_layers (scene) > 0)
    draw_cursor (renderer, scene, camera);
  glUseProgram (0);
}

/* Figures with a transparent background: what no layer covers is cleared to alpha 0. */
void
vs_slice_renderer_set_transparent (VsSliceRenderer *renderer,
                                   gboolean         transparent)
{
  renderer->transparent = transparent;
}
