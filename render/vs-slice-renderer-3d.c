/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-slice-renderer"

#include "config.h"

#include "vs-slice-renderer-private.h"
#include "vs-surface-slice.h"

/* Each visible surface's outline on the slice, in a colour of its own. */
void
_vs_slice_renderer_draw_surface_outlines (VsSliceRenderer     *renderer,
                       VsScene             *scene,
                       const VsSliceCamera *camera)
{
  static const float colors[][3] = { { 1.0f, 0.85f, 0.2f }, { 0.3f, 0.8f, 1.0f },
                                     { 1.0f, 0.45f, 0.8f }, { 0.6f, 1.0f, 0.4f } };
  GListModel *surfaces = vs_scene_get_surfaces (scene);
  double right[3], up[3], normal[3], offset = 0;
  GLuint vbo, vao;

  if (g_list_model_get_n_items (surfaces) == 0)
    return;
  vs_slice_camera_get_axes (camera, right, up, normal);
  for (int a = 0; a < 3; a++)
    offset += normal[a] * camera->center[a];

  glGenVertexArrays (1, &vao);
  glGenBuffers (1, &vbo);
  glBindVertexArray (vao);
  glBindBuffer (GL_ARRAY_BUFFER, vbo);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof (float), NULL);
  glUseProgram (vs_gl_program_get_id (renderer->line_program));
  for (guint i = 0; i < g_list_model_get_n_items (surfaces); i++)
    {
      g_autoptr(VsSurfaceLayer) layer = g_list_model_get_item (surfaces, i);
      g_autoptr(GArray) segments = NULL;
      g_autofree float *ndc = NULL;
      guint n_points;

      if (!vs_surface_layer_get_visible (layer))
        continue;
      segments = vs_surface_intersect_plane (vs_surface_layer_get_surface (layer),
                                             vs_surface_layer_get_geometry (layer), normal,
                                             offset);
      n_points = segments->len / 3;
      if (n_points == 0)
        continue;
      ndc = g_new (float, (gsize) n_points * 2);
      for (guint k = 0; k < n_points; k++)
        {
          double px, py;
          vs_slice_camera_world_to_pixel (camera, &g_array_index (segments, double, 3 * k), &px,
                                          &py);
          /* Outlines of voxel-aligned meshes fall exactly on pixel edges, where GL's line rule
           * draws nothing; a quarter pixel keeps them inside pixels. */
          px += 0.25;
          py += 0.25;
          ndc[2 * k] = (float) (2.0 * px / camera->width - 1.0);
          ndc[2 * k + 1] = (float) (1.0 - 2.0 * py / camera->height);
        }
      glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) n_points * 2 * sizeof (float), ndc,
                    GL_STREAM_DRAW);
      glUniform4f (vs_gl_program_get_uniform (renderer->line_program, "u_color"),
                   colors[i % 4][0], colors[i % 4][1], colors[i % 4][2], 1.0f);
      glDrawArrays (GL_LINES, 0, (GLsizei) n_points);
    }
  glBindVertexArray (0);
  glDeleteBuffers (1, &vbo);
  glDeleteVertexArrays (1, &vao);
}

/* The three planes through the cursor, each showing every visible volume layer, placed in a 3D
 * view with depth (so surfaces hide them and they hide surfaces).  @view_projection is
 * column-major world → clip. */
void
vs_slice_renderer_draw_planes (VsSliceRenderer *renderer,
                               VsScene         *scene,
                               const float      view_projection[16])
{
  VsGlProgram *program = renderer->plane_program;
  double lo[3], hi[3], cursor[3];
  guint n = vs_scene_get_n_layers (scene);
  gint64 frame = vs_scene_get_frame (scene);

  if (n == 0 || !vs_scene_get_world_bounds (scene, lo, hi))
    return;
  vs_scene_get_cursor (scene, cursor);
  _vs_slice_renderer_prune_textures (renderer, scene);
  glUseProgram (vs_gl_program_get_id (program));
  glUniformMatrix4fv (vs_gl_program_get_uniform (program, "u_view_projection"), 1, GL_FALSE,
                      view_projection);
  glBindVertexArray (renderer->plane_vao);
  glBindBuffer (GL_ARRAY_BUFFER, renderer->plane_vbo);
  glEnable (GL_DEPTH_TEST);
  glDepthFunc (GL_LEQUAL);  /* layers on one plane share its depth */
  glEnable (GL_BLEND);
  glBlendFuncSeparate (GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

  for (int axis = 0; axis < 3; axis++)
    {
      int u = (axis + 1) % 3, v = (axis + 2) % 3;
      float quad[12];
      const double corners[4][2] = { { lo[u], lo[v] }, { hi[u], lo[v] }, { lo[u], hi[v] },
                                     { hi[u], hi[v] } };
      for (int c = 0; c < 4; c++)
        {
          quad[3 * c + axis] = (float) cursor[axis];
          quad[3 * c + u] = (float) corners[c][0];
          quad[3 * c + v] = (float) corners[c][1];
        }
      glBufferSubData (GL_ARRAY_BUFFER, 0, sizeof quad, quad);
      for (guint i = n; i-- > 0;)
        {
          VsLayer *layer = vs_scene_get_layer (scene, i);
          LayerTextures *lt;
          double inverse_row_major[16];
          float to_voxel[16];

          if (!vs_layer_get_visible (layer) || vs_layer_get_opacity (layer) <= 0)
            continue;
          lt = _vs_slice_renderer_ensure_textures (renderer, layer, frame);
          if (lt == NULL)
            continue;
          glUseProgram (vs_gl_program_get_id (program));
          glBindVertexArray (renderer->plane_vao);
          vs_volume_get_inverse_affine (vs_layer_get_volume (layer), inverse_row_major);
          for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
              to_voxel[c * 4 + r] = (float) inverse_row_major[r * 4 + c];
          _vs_slice_renderer_bind_layer (program, lt);
          glUniformMatrix4fv (vs_gl_program_get_uniform (program, "u_world_to_voxel"), 1, GL_FALSE,
                              to_voxel);
          /* Label outlines in 3D: neighbours one voxel away within the plane. */
          glUniform3f (vs_gl_program_get_uniform (program, "u_pixel_x"), u == 0, u == 1, u == 2);
          glUniform3f (vs_gl_program_get_uniform (program, "u_pixel_y"), v == 0, v == 1, v == 2);
          for (guint b = 0; b < vs_bricked_texture_get_n_bricks (lt->volume_tex); b++)
            {
              _vs_slice_renderer_bind_brick (program, lt, b);
              glDrawArrays (GL_TRIANGLE_STRIP, 0, 4);
            }
        }
    }
  glBindVertexArray (0);
  glUseProgram (0);
  glDepthFunc (GL_LESS);
  glDisable (GL_BLEND);
  glDisable (GL_DEPTH_TEST);
}

/* The midplane being annotated, as a translucent cyan polygon over the 3D view (no depth: it
 * stays visible through the head) with a stronger outline.  @view_projection is column-major
 * world → clip. */
void
vs_slice_renderer_draw_midplane (VsSliceRenderer *renderer,
                                 VsScene         *scene,
                                 const float      view_projection[16])
{
  VsMidlineEditor *editor = vs_scene_get_midlines (scene);
  double corners[6][3];
  float ndc[12];
  guint n;
  GLuint vao, vbo;

  if (editor == NULL || (n = vs_midline_editor_plane_polygon (editor, corners)) == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      const float *m = view_projection;
      double x = corners[i][0], y = corners[i][1], z = corners[i][2];
      double cx = m[0] * x + m[4] * y + m[8] * z + m[12];
      double cy = m[1] * x + m[5] * y + m[9] * z + m[13];
      double cw = m[3] * x + m[7] * y + m[11] * z + m[15];
      if (cw <= 1e-6)
        return;   /* behind the eye: the polygon would fold over */
      ndc[2 * i] = (float) (cx / cw);
      ndc[2 * i + 1] = (float) (cy / cw);
    }
  glGenVertexArrays (1, &vao);
  glGenBuffers (1, &vbo);
  glBindVertexArray (vao);
  glBindBuffer (GL_ARRAY_BUFFER, vbo);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof (float), NULL);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) n * 2 * sizeof (float), ndc, GL_STREAM_DRAW);
  glUseProgram (vs_gl_program_get_id (renderer->line_program));
  glDisable (GL_DEPTH_TEST);
  glEnable (GL_BLEND);
  glBlendFunc (GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glUniform4f (vs_gl_program_get_uniform (renderer->line_program, "u_color"), 0.1f, 0.85f, 0.95f,
               0.22f);
  glDrawArrays (GL_TRIANGLE_FAN, 0, (GLsizei) n);
  glUniform4f (vs_gl_program_get_uniform (renderer->line_program, "u_color"), 0.1f, 0.85f, 0.95f,
               0.9f);
  glDrawArrays (GL_LINE_LOOP, 0, (GLsizei) n);
  glDisable (GL_BLEND);
  glBindVertexArray (0);
  glDeleteBuffers (1, &vbo);
  glDeleteVertexArrays (1, &vao);
}
