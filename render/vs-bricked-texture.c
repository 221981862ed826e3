/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-bricked-texture"

#include "config.h"

#include <stdlib.h>

#include "vs-bricked-texture.h"

/* A volume as 3D textures no larger than the GL allows (GL_MAX_3D_TEXTURE_SIZE a side): one when
 * it fits, else bricks.  Each brick draws the voxels it owns and holds one more on every side it
 * shares with another, so linear interpolation and label outlines across a seam read the same
 * texels as in one texture and a bricked volume draws exactly like a whole one.  Bricks are
 * uploaded straight from the volume's memory (unpack row length and skips), no copy.
 * VOXELSCOPE_BRICK_SIZE sets a smaller limit, for tests and benchmarks. */

struct _VsBrickedTexture
{
  GArray        *bricks;      /* VsBrick */
  VsTexelFormat  format;
  gint64         dims[3];
  gboolean       linear;
};

int
vs_bricked_texture_get_size_limit (void)
{
  GLint limit = 0;
  const char *forced = g_getenv ("VOXELSCOPE_BRICK_SIZE");

  glGetIntegerv (GL_MAX_3D_TEXTURE_SIZE, &limit);
  if (forced != NULL && atoi (forced) >= 4)
    limit = limit > 0 ? MIN (limit, atoi (forced)) : atoi (forced);
  return MAX (limit, 4);
}

VsBrickedTexture *
vs_bricked_texture_new (void)
{
  VsBrickedTexture *self = g_new0 (VsBrickedTexture, 1);

  self->bricks = g_array_new (FALSE, TRUE, sizeof (VsBrick));
  return self;
}

static void
delete_bricks (VsBrickedTexture *self)
{
  for (guint i = 0; i < self->bricks->len; i++)
    glDeleteTextures (1, &g_array_index (self->bricks, VsBrick, i).texture);
  g_array_set_size (self->bricks, 0);
}

void
vs_bricked_texture_free (VsBrickedTexture *self)
{
  if (self == NULL)
    return;
  delete_bricks (self);
  g_array_unref (self->bricks);
  g_free (self);
}

/* Along one axis of @n voxels: how many pieces, each owning @own voxels (the last fewer). */
static gint64
pieces (gint64 n, int limit, gint64 *own)
{
  if (n <= limit)
    {
      *own = n;
      return 1;
    }
  *own = limit - 2;   /* room for a voxel of overlap on both sides */
  return (n + *own - 1) / *own;
}

/* The bricks a volume of @dims needs here. */
guint
vs_bricked_texture_count_bricks (const gint64 dims[3])
{
  int limit = vs_bricked_texture_get_size_limit ();
  gint64 own, count = 1;

  for (int a = 0; a < 3; a++)
    count *= pieces (dims[a], limit, &own);
  return (guint) MIN (count, G_MAXUINT);
}

static void
set_filter (GLenum target, gboolean linear)
{
  glTexParameteri (target, GL_TEXTURE_MIN_FILTER, linear ? GL_LINEAR : GL_NEAREST);
  glTexParameteri (target, GL_TEXTURE_MAG_FILTER, linear ? GL_LINEAR : GL_NEAREST);
}

/* The box @lo + @size of a volume whose rows are @row voxels and slices @rows rows long, from
 * @data (its voxel 0), into @texture at @at. */
static void
upload_box (const VsTexelFormat *format, GLuint texture, gboolean allocate, const gint64 at[3],
            const gint64 size[3], gconstpointer data, gint64 row, gint64 rows, const gint64 lo[3])
{
  const guint8 *first = (const guint8 *) data + (gsize) (lo[2] * rows * row) * format->texel_bytes;

  glBindTexture (GL_TEXTURE_3D, texture);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, (GLint) row);
  glPixelStorei (GL_UNPACK_IMAGE_HEIGHT, (GLint) rows);
  glPixelStorei (GL_UNPACK_SKIP_PIXELS, (GLint) lo[0]);
  glPixelStorei (GL_UNPACK_SKIP_ROWS, (GLint) lo[1]);
  if (allocate)
    glTexImage3D (GL_TEXTURE_3D, 0, format->internal, (GLsizei) size[0], (GLsizei) size[1],
                  (GLsizei) size[2], 0, format->format, format->type, first);
  else
    glTexSubImage3D (GL_TEXTURE_3D, 0, (GLint) at[0], (GLint) at[1], (GLint) at[2],
                     (GLsizei) size[0], (GLsizei) size[1], (GLsizei) size[2], format->format,
                     format->type, first);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, 0);
  glPixelStorei (GL_UNPACK_IMAGE_HEIGHT, 0);
  glPixelStorei (GL_UNPACK_SKIP_PIXELS, 0);
  glPixelStorei (GL_UNPACK_SKIP_ROWS, 0);
}

/* Uploads a volume of @dims whose voxels (x fastest) are @data in @format, as one texture or as
 * bricks, replacing what was there. */
void
vs_bricked_texture_upload (VsBrickedTexture    *self,
                           const gint64         dims[3],
                           const VsTexelFormat *format,
                           gconstpointer        data)
{
  int limit = vs_bricked_texture_get_size_limit ();
  gint64 own[3], count[3];

  delete_bricks (self);
  self->format = *format;
  for (int a = 0; a < 3; a++)
    {
      self->dims[a] = dims[a];
      count[a] = pieces (dims[a], limit, &own[a]);
    }
  for (gint64 k = 0; k < count[2]; k++)
    for (gint64 j = 0; j < count[1]; j++)
      for (gint64 i = 0; i < count[0]; i++)
        {
          VsBrick brick = { 0 };
          gint64 index[3] = { i, j, k };
          const gint64 zero[3] = { 0, 0, 0 };
          for (int a = 0; a < 3; a++)
            {
              brick.own_lo[a] = index[a] * own[a];
              brick.own_hi[a] = MIN (brick.own_lo[a] + own[a], dims[a]);
              brick.lo[a] = MAX (brick.own_lo[a] - 1, 0);
              brick.size[a] = MIN (brick.own_hi[a] + 1, dims[a]) - brick.lo[a];
            }
          glGenTextures (1, &brick.texture);
          upload_box (format, brick.texture, TRUE, zero, brick.size, data, dims[0], dims[1],
                      brick.lo);
          glTexParameteri (GL_TEXTURE_3D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
          glTexParameteri (GL_TEXTURE_3D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
          glTexParameteri (GL_TEXTURE_3D, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
          set_filter (GL_TEXTURE_3D, self->linear);
          g_array_append_val (self->bricks, brick);
        }
}

/* New values for the box @lo + @size: @box holds them (x fastest), in the upload's format.  Every
 * brick whose texels meet the box takes its part. */
void
vs_bricked_texture_update_box (VsBrickedTexture *self,
                               const gint64      lo[3],
                               const gint64      size[3],
                               gconstpointer     box)
{
  for (guint i = 0; i < self->bricks->len; i++)
    {
      const VsBrick *brick = &g_array_index (self->bricks, VsBrick, i);
      gint64 from[3], part[3], at[3];
      gboolean meets = TRUE;
      for (int a = 0; a < 3; a++)
        {
          gint64 start = MAX (lo[a], brick->lo[a]);
          gint64 end = MIN (lo[a] + size[a], brick->lo[a] + brick->size[a]);
          meets = meets && end > start;
          from[a] = start - lo[a];     /* within the box */
          part[a] = end - start;
          at[a] = start - brick->lo[a];
        }
      if (meets)
        upload_box (&self->format, brick->texture, FALSE, at, part, box, size[0], size[1], from);
    }
}

void
vs_bricked_texture_set_linear (VsBrickedTexture *self,
                               gboolean          linear)
{
  self->linear = linear;
  for (guint i = 0; i < self->bricks->len; i++)
    {
      glBindTexture (GL_TEXTURE_3D, g_array_index (self->bricks, VsBrick, i).texture);
      set_filter (GL_TEXTURE_3D, linear);
    }
}

guint
vs_bricked_texture_get_n_bricks (VsBrickedTexture *self)
{
  return self->bricks->len;
}

const VsBrick *
vs_bricked_texture_get_brick (VsBrickedTexture *self,
                              guint             i)
{
  g_return_val_if_fail (i < self->bricks->len, NULL);
  return &g_array_index (self->bricks, VsBrick, i);
}

/* The brick's place for slice.frag: u_brick_lo, u_brick_size, u_own_lo, u_own_hi. */
void
vs_brick_set_uniforms (const VsBrick *brick,
                       VsGlProgram   *program)
{
  glUniform3f (vs_gl_program_get_uniform (program, "u_brick_lo"), (float) brick->lo[0],
               (float) brick->lo[1], (float) brick->lo[2]);
  glUniform3f (vs_gl_program_get_uniform (program, "u_brick_size"), (float) brick->size[0],
               (float) brick->size[1], (float) brick->size[2]);
  glUniform3f (vs_gl_program_get_uniform (program, "u_own_lo"), (float) brick->own_lo[0],
               (float) brick->own_lo[1], (float) brick->own_lo[2]);
  glUniform3f (vs_gl_program_get_uniform (program, "u_own_hi"), (float) brick->own_hi[0],
               (float) brick->own_hi[1], (float) brick->own_hi[2]);
}
