/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-volume-raycaster"

#include "config.h"

#include <cglm/cglm.h>
#include <epoxy/gl.h>
#include <math.h>
#include <string.h>

#include "vs-bricked-texture.h"
#include "vs-gl-program.h"
#include "vs-render-error.h"
#include "vs-volume-raycaster.h"

/* A volume layer drawn in 3D by ray casting.  The texture holds the layer's values as they are
 * (8- and 16-bit data stay 8 and 16 bits; other types as float), mapped through the display range
 * in the shader, so changing the range costs no upload; it is rebuilt when the volume or frame
 * changes.  A volume beyond the GL's 3D texture size is cast through up to VS_RAYCAST_MAX_BRICKS
 * bricks, each sample read from the brick that owns it. */

#define VS_RAYCAST_MAX_BRICKS 8

#define RESOURCE_PREFIX "/org/voxelscope/Voxelscope/shaders/"

struct _VsVolumeRaycaster
{
  VsGlProgram *program;
  VsGlProgram *bricked_program;   /* made when a volume needs bricks */
  GLuint       vao;
  VsBrickedTexture *texture;
  GLuint       colormap;
  VsVolume    *volume;     /* weak identity of what is uploaded */
  gint64       frame;
  guint        generation; /* of the layer's data uploaded */
  gboolean     labels;     /* casts a label volume's instances */
  GLuint       label_colors;
  int          label_rows;
  guint        label_serial;
  float        value_scale; /* texel → value */
  float        value_offset;
  VsColormap   colormap_id;
  double       tint[3];    /* of the colour ramp uploaded, when colormap_id is VS_N_COLORMAPS */
};

gboolean
vs_raycast_mode_from_name (const char    *name,
                           VsRaycastMode *out)
{
  if (g_strcmp0 (name, "mip") == 0)
    *out = VS_RAYCAST_MIP;
  else if (g_strcmp0 (name, "composite") == 0)
    *out = VS_RAYCAST_COMPOSITE;
  else if (g_strcmp0 (name, "iso") == 0 || g_strcmp0 (name, "isosurface") == 0)
    *out = VS_RAYCAST_ISOSURFACE;
  else
    return FALSE;
  return TRUE;
}

void
vs_raycast_options_init (VsRaycastOptions *options)
{
  memset (options, 0, sizeof *options);
  options->mode = VS_RAYCAST_MIP;
  options->step = 0.5;
}

static VsVolumeRaycaster *
raycaster_new (gboolean labels, GError **error)
{
  VsVolumeRaycaster *raycaster;
  VsGlProgram *program = vs_gl_program_new_with_defines (RESOURCE_PREFIX "raycast.vert.glsl",
                                                         RESOURCE_PREFIX "raycast.frag.glsl",
                                                         labels ? "#define LABELS 1" : NULL,
                                                         error);
  if (program == NULL)
    return NULL;
  raycaster = g_new0 (VsVolumeRaycaster, 1);
  raycaster->program = program;
  raycaster->labels = labels;
  raycaster->frame = -1;
  raycaster->colormap_id = VS_N_COLORMAPS;
  glGenVertexArrays (1, &raycaster->vao);
  return raycaster;
}

VsVolumeRaycaster *
vs_volume_raycaster_new (GError **error)
{
  return raycaster_new (FALSE, error);
}

/* A ray caster for label layers: each ray stops at the first voxel of an instance the layer
 * shows (hidden ones and, with "only the selected", the others are passed through), drawn in
 * the instance's colour and shaded by its surface, at its true depth. */
VsVolumeRaycaster *
vs_volume_raycaster_new_for_labels (GError **error)
{
  return raycaster_new (TRUE, error);
}

void
vs_volume_raycaster_free (VsVolumeRaycaster *raycaster)
{
  if (raycaster == NULL)
    return;
  g_clear_pointer (&raycaster->program, vs_gl_program_free);
  g_clear_pointer (&raycaster->bricked_program, vs_gl_program_free);
  if (raycaster->vao != 0)
    glDeleteVertexArrays (1, &raycaster->vao);
  g_clear_pointer (&raycaster->texture, vs_bricked_texture_free);
  if (raycaster->colormap != 0)
    glDeleteTextures (1, &raycaster->colormap);
  if (raycaster->label_colors != 0)
    glDeleteTextures (1, &raycaster->label_colors);
  g_free (raycaster);
}

static gboolean
upload (VsVolumeRaycaster *raycaster, VsLayer *layer, gint64 frame, GError **error)
{
  VsVolume *volume = vs_layer_get_volume (layer);
  VsTexelFormat texel;
  g_autofree gpointer converted = NULL;
  gconstpointer data;
  double slope, intercept;
  gint64 dims[4];
  guint n_bricks;

  vs_volume_get_dims (volume, dims);
  n_bricks = vs_bricked_texture_count_bricks (dims);
  if (n_bricks > VS_RAYCAST_MAX_BRICKS)
    {
      g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_TOO_LARGE,
                   "%s: %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT "×%" G_GINT64_FORMAT " needs %u "
                   "textures of this OpenGL's limit of %d a side; the 3D view casts through at "
                   "most %d", vs_layer_get_name (layer), dims[0], dims[1], dims[2], n_bricks,
                   vs_bricked_texture_get_size_limit (), VS_RAYCAST_MAX_BRICKS);
      return FALSE;
    }
  frame = CLAMP (frame, 0, dims[3] - 1);
  data = vs_texel_format_prepare (volume, frame,
                                  raycaster->labels ? VS_TEXELS_LABEL : VS_TEXELS_SCALAR, &texel,
                                  &converted);
  if (data == NULL)
    {
      g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_TOO_LARGE,
                   "%s: out of memory converting the volume for display",
                   vs_layer_get_name (layer));
      return FALSE;
    }
  if (raycaster->texture == NULL)
    raycaster->texture = vs_bricked_texture_new ();
  vs_bricked_texture_set_linear (raycaster->texture, !raycaster->labels);
  vs_bricked_texture_upload (raycaster->texture, dims, &texel, data);
  vs_volume_get_scaling (volume, &slope, &intercept);
  raycaster->value_scale = (float) (texel.norm * slope);
  raycaster->value_offset = (float) intercept;
  raycaster->volume = volume;
  raycaster->frame = frame;
  raycaster->generation = vs_layer_get_generation (layer);
  return TRUE;
}

/* The instances' colours (hidden ones transparent) for the label program. */
static void
upload_label_colors (VsVolumeRaycaster *raycaster, VsLayer *layer)
{
  g_autofree guint8 *rgba = vs_layer_build_label_color_rows (layer, &raycaster->label_rows);

  if (raycaster->label_colors == 0)
    glGenTextures (1, &raycaster->label_colors);
  glBindTexture (GL_TEXTURE_2D, raycaster->label_colors);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, 256, raycaster->label_rows, 0, GL_RGBA,
                GL_UNSIGNED_BYTE, rgba);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  raycaster->label_serial = vs_layer_get_label_serial (layer);
}

/* The layer's texture up to date: a label layer's edits since the upload go up box by box. */
static gboolean
ensure_uploaded (VsVolumeRaycaster *raycaster, VsLayer *layer, gint64 frame, GError **error)
{
  VsVolume *volume = vs_layer_get_volume (layer);
  guint generation = vs_layer_get_generation (layer);
  gint64 lo[3], hi[3];

  frame = CLAMP (frame, 0, vs_volume_get_n_frames (volume) - 1);
  if (raycaster->volume == volume && raycaster->frame == frame &&
      raycaster->generation == generation)
    return TRUE;
  if (raycaster->labels && raycaster->volume == volume && raycaster->frame == frame &&
      vs_layer_get_edits_since (layer, raycaster->generation, lo, hi))
    {
      g_autofree gpointer box = vs_texel_format_extract_label_box (volume, frame, lo, hi);
      vs_bricked_texture_update_box (raycaster->texture, lo,
                                     (const gint64[3]) { hi[0] - lo[0] + 1, hi[1] - lo[1] + 1,
                                                         hi[2] - lo[2] + 1 }, box);
      raycaster->generation = generation;
      return TRUE;
    }
  return upload (raycaster, layer, frame, error);
}

/* The layer's colormap, or with @tint a ramp from black to that colour (a channel's). */
static void
upload_colormap (VsVolumeRaycaster *raycaster, VsColormap colormap, const double *tint)
{
  guint8 rgba[VS_COLORMAP_SIZE * 4];

  if (tint != NULL)
    {
      for (int i = 0; i < VS_COLORMAP_SIZE; i++)
        {
          for (int k = 0; k < 3; k++)
            rgba[i * 4 + k] = (guint8) lround (255.0 * i / (VS_COLORMAP_SIZE - 1) *
                                               CLAMP (tint[k], 0, 1));
          rgba[i * 4 + 3] = 255;
        }
      memcpy (raycaster->tint, tint, sizeof raycaster->tint);
      colormap = VS_N_COLORMAPS;
    }
  else
    vs_colormap_fill_rgba (colormap == VS_COLORMAP_LABELS ? VS_COLORMAP_GREY : colormap, rgba);
  if (raycaster->colormap == 0)
    glGenTextures (1, &raycaster->colormap);
  glBindTexture (GL_TEXTURE_2D, raycaster->colormap);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, VS_COLORMAP_SIZE, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  raycaster->colormap_id = colormap;
}

/* Draws into the current framebuffer and viewport (which must match the camera's size); FALSE
 * when the volume cannot be drawn here (too large, no memory), with nothing drawn. */
gboolean
vs_volume_raycaster_draw (VsVolumeRaycaster      *raycaster,
                          VsLayer                *layer,
                          gint64                  frame,
                          const VsOrbitCamera    *camera,
                          const VsRaycastOptions *options,
                          GError                **error)
{
  VsVolume *volume = vs_layer_get_volume (layer);
  VsGlProgram *program;
  float view[16], projection[16], to_voxel[16], to_world[16];
  mat4 view_projection, inverse;
  double affine[16], inverse_affine[16], eye[3], up[3];
  double lo = options->channel ? options->channel_range[0] : vs_layer_get_display_min (layer);
  double hi = options->channel ? options->channel_range[1] : vs_layer_get_display_max (layer);
  gint64 dims[4];
  float brick_lo[3 * VS_RAYCAST_MAX_BRICKS], brick_size[3 * VS_RAYCAST_MAX_BRICKS];
  float own_lo[3 * VS_RAYCAST_MAX_BRICKS], own_hi[3 * VS_RAYCAST_MAX_BRICKS];
  guint n_bricks;

  if (!ensure_uploaded (raycaster, layer, frame, error))
    return FALSE;
  if (raycaster->labels)
    {
      if (raycaster->label_colors == 0 ||
          raycaster->label_serial != vs_layer_get_label_serial (layer))
        upload_label_colors (raycaster, layer);
    }
  else if (options->channel
      ? raycaster->colormap_id != VS_N_COLORMAPS ||
        memcmp (raycaster->tint, options->channel_rgb, sizeof raycaster->tint) != 0
      : raycaster->colormap_id != vs_layer_get_colormap (layer))
    upload_colormap (raycaster, vs_layer_get_colormap (layer),
                     options->channel ? options->channel_rgb : NULL);

  vs_orbit_camera_get_matrices (camera, view, projection);
  glm_mat4_mul ((vec4 *) projection, (vec4 *) view, view_projection);
  glm_mat4_inv (view_projection, inverse);
  vs_volume_get_affine (volume, affine);
  vs_volume_get_inverse_affine (volume, inverse_affine);
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 4; c++)
      {
        to_voxel[c * 4 + r] = (float) inverse_affine[r * 4 + c];
        to_world[c * 4 + r] = (float) affine[r * 4 + c];
      }
  vs_volume_get_dims (volume, dims);
  vs_orbit_camera_get_eye (camera, eye, up);

  n_bricks = vs_bricked_texture_get_n_bricks (raycaster->texture);
  if (n_bricks > 1 && raycaster->bricked_program == NULL)
    {
      raycaster->bricked_program =
        vs_gl_program_new_with_defines (RESOURCE_PREFIX "raycast.vert.glsl",
                                        RESOURCE_PREFIX "raycast.frag.glsl",
                                        raycaster->labels ? "#define BRICKS 8\n#define LABELS 1"
                                                          : "#define BRICKS 8", error);
      if (raycaster->bricked_program == NULL)
        return FALSE;
    }
  program = n_bricks > 1 ? raycaster->bricked_program : raycaster->program;

  /* Writes depth (always passing) so surfaces drawn next are hidden by an isosurface in front. */
  glEnable (GL_DEPTH_TEST);
  glDepthFunc (GL_ALWAYS);
  glDepthMask (GL_TRUE);
  if (options->add)
    {
      glEnable (GL_BLEND);
      glBlendFunc (GL_ONE, GL_ONE);
    }
  else
    glDisable (GL_BLEND);
  glUseProgram (vs_gl_program_get_id (program));
  /* Every sampler on a unit of its own (a 3D and a 2D sampler sharing one fails the draw). */
  for (guint b = 0; b < VS_RAYCAST_MAX_BRICKS; b++)
    {
      char name[32];
      g_snprintf (name, sizeof name, "u_bricks[%u]", b);
      glUniform1i (vs_gl_program_get_uniform (program, name), (GLint) (1 + b));
    }
  for (guint b = 0; b < n_bricks; b++)
    {
      const VsBrick *brick = vs_bricked_texture_get_brick (raycaster->texture, b);
      glActiveTexture (GL_TEXTURE1 + b);
      glBindTexture (GL_TEXTURE_3D, brick->texture);
      for (int a = 0; a < 3; a++)
        {
          brick_lo[3 * b + a] = (float) brick->lo[a];
          brick_size[3 * b + a] = (float) brick->size[a];
          own_lo[3 * b + a] = (float) brick->own_lo[a];
          own_hi[3 * b + a] = (float) brick->own_hi[a];
        }
    }
  glUniform1i (vs_gl_program_get_uniform (program, "u_n_bricks"), (GLint) n_bricks);
  glUniform3fv (vs_gl_program_get_uniform (program, "u_brick_lo"), (GLsizei) n_bricks, brick_lo);
  glUniform3fv (vs_gl_program_get_uniform (program, "u_brick_size"), (GLsizei) n_bricks,
                brick_size);
  glUniform3fv (vs_gl_program_get_uniform (program, "u_own_lo"), (GLsizei) n_bricks, own_lo);
  glUniform3fv (vs_gl_program_get_uniform (program, "u_own_hi"), (GLsizei) n_bricks, own_hi);
  glUniform1f (vs_gl_program_get_uniform (program, "u_value_scale"), raycaster->value_scale);
  glUniform1f (vs_gl_program_get_uniform (program, "u_value_offset"), raycaster->value_offset);
  glUniform1f (vs_gl_program_get_uniform (program, "u_min"), (float) lo);
  glUniform1f (vs_gl_program_get_uniform (program, "u_range_scale"),
               (float) (hi > lo ? 1.0 / (hi - lo) : 1e30));
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_2D, raycaster->labels ? raycaster->label_colors : raycaster->colormap);
  glUniform1i (vs_gl_program_get_uniform (program, "u_colormap"), 0);
  glUniform1i (vs_gl_program_get_uniform (program, "u_label_colors"), 0);
  glUniform1i (vs_gl_program_get_uniform (program, "u_label_rows"), raycaster->label_rows);
  glUniformMatrix4fv (vs_gl_program_get_uniform (program, "u_inverse_view_projection"), 1,
                      GL_FALSE, (float *) inverse);
  glUniformMatrix4fv (vs_gl_program_get_uniform (program, "u_view_projection"), 1, GL_FALSE,
                      (float *) view_projection);
  glUniformMatrix4fv (vs_gl_program_get_uniform (program, "u_world_to_voxel"), 1, GL_FALSE,
                      to_voxel);
  glUniformMatrix4fv (vs_gl_program_get_uniform (program, "u_voxel_to_world"), 1, GL_FALSE,
                      to_world);
  glUniform3f (vs_gl_program_get_uniform (program, "u_dims"), (float) dims[0], (float) dims[1],
               (float) dims[2]);
  glUniform1i (vs_gl_program_get_uniform (program, "u_mode"), options->mode);
  glUniform1f (vs_gl_program_get_uniform (program, "u_step"), (float) MAX (options->step, 0.05));
  glUniform1f (vs_gl_program_get_uniform (program, "u_iso"),
               (float) (hi > lo ? CLAMP ((options->iso - lo) / (hi - lo), 0.0, 1.0) : 0.5));
  glUniform4f (vs_gl_program_get_uniform (program, "u_clip"), (float) options->clip[0],
               (float) options->clip[1], (float) options->clip[2], (float) options->clip[3]);
  glUniform3f (vs_gl_program_get_uniform (program, "u_eye"), (float) eye[0], (float) eye[1],
               (float) eye[2]);
  glBindVertexArray (raycaster->vao);
  glDrawArrays (GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray (0);
  glUseProgram (0);
  glDepthFunc (GL_LESS);
  glDisable (GL_DEPTH_TEST);
  glDisable (GL_BLEND);
  return TRUE;
}

/* @layer as the 3D view shows it: a composite layer channel by channel, each in its colour and
 * range, added together (@raycasters: VS_LAYER_MAX_CHANNELS, made here when missing); any other
 * with the first raycaster. */
void
vs_volume_raycaster_draw_layer (VsVolumeRaycaster     **raycasters,
                                VsLayer                *layer,
                                gint64                  frame,
                                const VsOrbitCamera    *camera,
                                const VsRaycastOptions *options,
                                GError                **error)
{
  guint n = vs_layer_get_composite (layer) ? vs_layer_get_n_channels (layer) : 1;

  for (guint c = 0; c < n; c++)
    {
      VsRaycastOptions channel = *options;
      if (raycasters[c] == NULL && (raycasters[c] = vs_volume_raycaster_new (error)) == NULL)
        return;
      if (n > 1)
        {
          channel.channel = TRUE;
          channel.add = c > 0;
          vs_layer_get_channel_range (layer, c, &channel.channel_range[0],
                                      &channel.channel_range[1]);
          vs_layer_get_channel_color (layer, c, channel.channel_rgb);
        }
      if (!vs_volume_raycaster_draw (raycasters[c], layer, n > 1 ? (gint64) c : frame, camera,
                                     &channel, error))
        return;
    }
}
