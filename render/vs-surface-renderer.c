/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-renderer"

#include "config.h"

#include <epoxy/gl.h>

#include "vs-gl-program.h"
#include "vs-surface-renderer.h"

/* Surfaces as indexed triangles: positions and normals uploaded once per geometry, colours when
 * the caller's colour serial changes. */

#define RESOURCE_PREFIX "/org/voxelscope/Voxelscope/shaders/"

typedef struct {
  VsSurface *surface;  /* owned */
  guint      geometry;
  GLuint     vao;
  GLuint     geometry_vbo;
  GLuint     color_vbo;
  GLuint     ebo;
  guint      uploaded_serial;  /* of the colours in color_vbo; 0: none */
  GLenum     front_face;       /* GL_CCW or GL_CW for closed meshes; 0: draw both sides */
} Mesh;

struct _VsSurfaceRenderer
{
  VsGlProgram *program;
  GPtrArray   *meshes;
};

static void
mesh_free (gpointer data)
{
  Mesh *mesh = data;

  glDeleteVertexArrays (1, &mesh->vao);
  glDeleteBuffers (1, &mesh->geometry_vbo);
  glDeleteBuffers (1, &mesh->color_vbo);
  glDeleteBuffers (1, &mesh->ebo);
  g_object_unref (mesh->surface);
  g_free (mesh);
}

VsSurfaceRenderer *
vs_surface_renderer_new (GError **error)
{
  VsSurfaceRenderer *renderer;
  VsGlProgram *program;

  program = vs_gl_program_new_from_resources (RESOURCE_PREFIX "surface.vert.glsl",
                                              RESOURCE_PREFIX "surface.frag.glsl", error);
  if (program == NULL)
    return NULL;
  renderer = g_new0 (VsSurfaceRenderer, 1);
  renderer->program = program;
  renderer->meshes = g_ptr_array_new_with_free_func (mesh_free);
  return renderer;
}

void
vs_surface_renderer_free (VsSurfaceRenderer *renderer)
{
  if (renderer == NULL)
    return;
  g_clear_pointer (&renderer->meshes, g_ptr_array_unref);
  g_clear_pointer (&renderer->program, vs_gl_program_free);
  g_free (renderer);
}

static Mesh *
ensure_mesh (VsSurfaceRenderer *renderer, VsSurface *surface, guint geometry)
{
  guint n = vs_surface_get_n_vertices (surface);
  const float *positions, *normals;
  g_autofree float *interleaved = NULL;
  Mesh *mesh;

  for (guint i = 0; i < renderer->meshes->len; i++)
    {
      mesh = g_ptr_array_index (renderer->meshes, i);
      if (mesh->surface == surface && mesh->geometry == geometry)
        return mesh;
    }

  mesh = g_new0 (Mesh, 1);
  mesh->surface = g_object_ref (surface);
  mesh->geometry = geometry;
  positions = vs_surface_get_positions (surface, geometry);
  normals = vs_surface_get_normals (surface, geometry);
  interleaved = g_new (float, (gsize) n * 6);
  for (guint v = 0; v < n; v++)
    for (int a = 0; a < 3; a++)
      {
        interleaved[6 * v + a] = positions[3 * v + a];
        interleaved[6 * v + 3 + a] = normals[3 * v + a];
      }

  glGenVertexArrays (1, &mesh->vao);
  glGenBuffers (1, &mesh->geometry_vbo);
  glGenBuffers (1, &mesh->color_vbo);
  glGenBuffers (1, &mesh->ebo);
  glBindVertexArray (mesh->vao);
  glBindBuffer (GL_ARRAY_BUFFER, mesh->geometry_vbo);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) n * 6 * sizeof (float), interleaved, GL_STATIC_DRAW);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 3, GL_FLOAT, GL_FALSE, 6 * sizeof (float), NULL);
  glEnableVertexAttribArray (1);
  glVertexAttribPointer (1, 3, GL_FLOAT, GL_FALSE, 6 * sizeof (float),
                         (const void *) (3 * sizeof (float)));
  glBindBuffer (GL_ARRAY_BUFFER, mesh->color_vbo);
  glBufferData (GL_ARRAY_BUFFER, (GLsizeiptr) n * 4, NULL, GL_DYNAMIC_DRAW);
  glEnableVertexAttribArray (2);
  glVertexAttribPointer (2, 4, GL_UNSIGNED_BYTE, GL_TRUE, 4, NULL);
  glBindBuffer (GL_ELEMENT_ARRAY_BUFFER, mesh->ebo);
  glBufferData (GL_ELEMENT_ARRAY_BUFFER,
                (GLsizeiptr) vs_surface_get_n_triangles (surface) * 3 * sizeof (guint32),
                vs_surface_get_triangles (surface), GL_STATIC_DRAW);
  glBindVertexArray (0);

  /* A closed, consistently oriented mesh never shows its inside, so its back faces can be
   * skipped (half the rasterising); which winding faces out follows from the sign of its
   * volume.  Open or inconsistent meshes are drawn two-sided. */
  if (vs_surface_is_closed_and_oriented (surface))
    mesh->front_face = vs_surface_get_enclosed_volume (surface, geometry) > 0 ? GL_CCW : GL_CW;
  g_ptr_array_add (renderer->meshes, mesh);
  return mesh;
}

void
vs_surface_renderer_draw (VsSurfaceRenderer   *renderer,
                          const VsSurfaceDraw *draws,
                          guint                n_draws,
                          const VsOrbitCamera *camera,
                          gboolean             clear)
{
  float view[16], projection[16];
  VsGlProgram *program = renderer->program;

  vs_orbit_camera_get_matrices (camera, view, projection);
  /* Not clearing keeps a volume drawn first, with its depth. */
  if (clear)
    {
      glClearColor (0, 0, 0, 1);
      glClearDepth (1.0);
      glClear (GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    }
  glEnable (GL_DEPTH_TEST);
  glDepthFunc (GL_LESS);
  glDepthMask (GL_TRUE);
  glDisable (GL_BLEND);
  glDisable (GL_CULL_FACE);

  glUseProgram (vs_gl_program_get_id (program));
  glUniformMatrix4fv (vs_gl_program_get_uniform (program, "u_view"), 1, GL_FALSE, view);
  glUniformMatrix4fv (vs_gl_program_get_uniform (program, "u_projection"), 1, GL_FALSE,
                      projection);
  for (guint i = 0; i < n_draws; i++)
    {
      Mesh *mesh = ensure_mesh (renderer, draws[i].surface, draws[i].geometry);
      guint n = vs_surface_get_n_vertices (draws[i].surface);

      glUniform3f (vs_gl_program_get_uniform (program, "u_offset"), (float) draws[i].offset[0],
                   (float) draws[i].offset[1], (float) draws[i].offset[2]);
      glBindVertexArray (mesh->vao);
      /* Views cache colours between frames and number them; figures pass 0. */
      if (draws[i].color_serial == 0 || mesh->uploaded_serial != draws[i].color_serial)
        {
          glBindBuffer (GL_ARRAY_BUFFER, mesh->color_vbo);
          glBufferSubData (GL_ARRAY_BUFFER, 0, (GLsizeiptr) n * 4, draws[i].rgba);
          mesh->uploaded_serial = draws[i].color_serial;
        }
      if (mesh->front_face != 0)
        {
          glEnable (GL_CULL_FACE);
          glCullFace (GL_BACK);
          glFrontFace (mesh->front_face);
        }
      else
        glDisable (GL_CULL_FACE);
      glDrawElements (GL_TRIANGLES, (GLsizei) (vs_surface_get_n_triangles (draws[i].surface) * 3),
                      GL_UNSIGNED_INT, NULL);
    }
  glBindVertexArray (0);
  glUseProgram (0);
  glDisable (GL_CULL_FACE);
  glDisable (GL_DEPTH_TEST);
}
