/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-volume-raycaster"

#include "config.h"

#include <cglm/cglm.h>
#include <epoxy/gl.h>
#include <math.h>
#include <string.h>

#include "vs-gl-program.h"
#include "vs-volume-raycaster.h"

/* A volume layer drawn in 3D by ray casting.  The texture holds the layer's values already mapped
 * through its display range to 0…255 (8 bits: a 256³ volume is 16 MB and samples fast on
 * llvmpipe); it is rebuilt when the volume, frame or range changes. */

#define RESOURCE_PREFIX "/org/voxelscope/Voxelscope/shaders/"

struct _VsVolumeRaycaster
{
  VsGlProgram *program;
  GLuint       vao;
  GLuint       texture;
  GLuint       colormap;
  VsVolume    *volume;     /* weak identity of what is uploaded */
  gint64       frame;
  double       range[2];
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

VsVolumeRaycaster *
vs_volume_raycaster_new (GError **error)
{
  VsVolumeRaycaster *raycaster;
  VsGlProgram *program = vs_gl_program_new_from_resources (RESOURCE_PREFIX "raycast.vert.glsl",
                                                           RESOURCE_PREFIX "raycast.frag.glsl",
                                                           error);
  if (program == NULL)
    return NULL;
  raycaster = g_new0 (VsVolumeRaycaster, 1);
  raycaster->program = program;
  raycaster->frame = -1;
  raycaster->colormap_id = VS_N_COLORMAPS;
  glGenVertexArrays (1, &raycaster->vao);
  return raycaster;
}

void
vs_volume_raycaster_free (VsVolumeRaycaster *raycaster)
{
  if (raycaster == NULL)
    return;
  g_clear_pointer (&raycaster->program, vs_gl_program_free);
  if (raycaster->vao != 0)
    glDeleteVertexArrays (1, &raycaster->vao);
  if (raycaster->texture != 0)
    glDeleteTextures (1, &raycaster->texture);
  if (raycaster->colormap != 0)
    glDeleteTextures (1, &raycaster->colormap);
  g_free (raycaster);
}

static void
upload (VsVolumeRaycaster *raycaster, VsLayer *layer, gint64 frame, double lo, double hi)
{
  VsVolume *volume = vs_layer_get_volume (layer);
  VsDatatype type = vs_volume_get_datatype (volume);
  double slope, intercept, scale;
  gsize n = vs_volume_get_frame_voxels (volume);
  gconstpointer data;
  g_autofree guint8 *bytes = g_malloc (MAX (n, 1));
  gint64 dims[4];

  vs_volume_get_dims (volume, dims);
  frame = CLAMP (frame, 0, dims[3] - 1);
  data = vs_volume_get_frame_data (volume, frame);
  vs_volume_get_scaling (volume, &slope, &intercept);
  scale = hi > lo ? 255.0 / (hi - lo) : 0;
  for (gsize i = 0; i < n; i++)
    {
      double v = (vs_datatype_read (type, data, i) * slope + intercept - lo) * scale;
      bytes[i] = isfinite (v) ? (guint8) CLAMP (v, 0.0, 255.0) : 0;
    }
  if (raycaster->texture == 0)
    glGenTextures (1, &raycaster->texture);
  glBindTexture (GL_TEXTURE_3D, raycaster->texture);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 1);
  glTexImage3D (GL_TEXTURE_3D, 0, GL_R8, (GLsizei) dims[0], (GLsizei) dims[1], (GLsizei) dims[2],
                0, GL_RED, GL_UNSIGNED_BYTE, bytes);
  glTexParameteri (GL_TEXTURE_3D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_3D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_3D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_3D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_3D, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
  raycaster->volume = volume;
  raycaster->frame = frame;
  raycaster->range[0] = lo;
  raycaster->range[1] = hi;
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

/* Draws into the current framebuffer and viewport (which must match the camera's size). */
void
vs_volume_raycaster_draw (VsVolumeRaycaster      *raycaster,
                          VsLayer                *layer,
                          gint64                  frame,
                          const VsOrbitCamera    *camera,
                          const VsRaycastOptions *options)
{
  VsVolume *volume = vs_layer_get_volume (layer);
  VsGlProgram *program = raycaster->program;
  float view[16], projection[16], to_voxel[16], to_world[16];
  mat4 view_projection, inverse;
  double affine[16], inverse_affine[16], eye[3], up[3];
  double lo = options->channel ? options->channel_range[0] : vs_layer_get_display_min (layer);
  double hi = options->channel ? options->channel_range[1] : vs_layer_get_display_max (layer);
  gint64 dims[4];

  if (raycaster->volume != volume || raycaster->frame != frame || raycaster->range[0] != lo ||
      raycaster->range[1] != hi)
    upload (raycaster, layer, frame, lo, hi);
  if (options->channel
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
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_3D, raycaster->texture);
  glActiveTexture (GL_TEXTURE1);
  glBindTexture (GL_TEXTURE_2D, raycaster->colormap);
  glUniform1i (vs_gl_program_get_uniform (program, "u_volume"), 0);
  glUniform1i (vs_gl_program_get_uniform (program, "u_colormap"), 1);
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
      vs_volume_raycaster_draw (raycasters[c], layer, n > 1 ? (gint64) c : frame, camera,
                                &channel);
    }
}
