/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-gl-readback"

#include "config.h"

#include <epoxy/gl.h>

#include "vs-gl-readback.h"
#include "vs-render-error.h"

/* The bound framebuffer's pixels as a cairo image: GL's bottom-up RGBA rows become cairo's
 * top-down premultiplied ARGB.  The renderers blend over a cleared framebuffer with
 * (SRC_ALPHA, ONE_MINUS_SRC_ALPHA), so what they leave is already premultiplied (and opaque
 * unless the background was cleared transparent).  Needs the GL context current. */
cairo_surface_t *
vs_gl_readback_surface (int width,
                        int height)
{
  g_autofree guint8 *rgba = g_malloc ((gsize) width * height * 4);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *out = cairo_image_surface_get_data (surface);

  glFinish ();
  glPixelStorei (GL_PACK_ALIGNMENT, 1);
  glReadPixels (0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *src = rgba + (gsize) (height - 1 - y) * width * 4;
      guint32 *dst = (guint32 *) (out + (gsize) y * stride);
      for (int x = 0; x < width; x++, src += 4)
        {
          guint a = src[3];
          guint r = MIN (src[0], a), g = MIN (src[1], a), b = MIN (src[2], a);
          dst[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* Draws into a temporary framebuffer (colour and depth) of the given size and reads it back; the caller's
 * framebuffer binding and viewport are restored. */
cairo_surface_t *
vs_gl_readback_capture (int            width,
                        int            height,
                        VsGlDrawFunc   draw,
                        gpointer       user_data,
                        GError       **error)
{
  GLint previous_fbo = 0, previous_viewport[4];
  GLuint fbo = 0, color = 0, depth = 0;
  cairo_surface_t *surface = NULL;

  glGetIntegerv (GL_FRAMEBUFFER_BINDING, &previous_fbo);
  glGetIntegerv (GL_VIEWPORT, previous_viewport);

  glGenFramebuffers (1, &fbo);
  glGenRenderbuffers (1, &color);
  glBindRenderbuffer (GL_RENDERBUFFER, color);
  glRenderbufferStorage (GL_RENDERBUFFER, GL_RGBA8, width, height);
  glGenRenderbuffers (1, &depth);
  glBindRenderbuffer (GL_RENDERBUFFER, depth);
  glRenderbufferStorage (GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width, height);
  glBindFramebuffer (GL_FRAMEBUFFER, fbo);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color);
  glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth);
  if (glCheckFramebufferStatus (GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE)
    {
      glViewport (0, 0, width, height);
      draw (user_data);
      surface = vs_gl_readback_surface (width, height);
    }
  else
    g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_FAILED,
                 "could not make a %d×%d framebuffer to export the view", width, height);

  glBindFramebuffer (GL_FRAMEBUFFER, (GLuint) previous_fbo);
  glViewport (previous_viewport[0], previous_viewport[1], previous_viewport[2],
              previous_viewport[3]);
  glDeleteFramebuffers (1, &fbo);
  glDeleteRenderbuffers (1, &color);
  glDeleteRenderbuffers (1, &depth);
  return surface;
}
