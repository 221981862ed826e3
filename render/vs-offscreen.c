/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-offscreen"

#include "config.h"

#include <epoxy/egl.h>
#include <epoxy/gl.h>
#include <string.h>

#include "vs-gl-readback.h"
#include "vs-offscreen.h"
#include "vs-render-error.h"

#ifndef EGL_PLATFORM_SURFACELESS_MESA
#define EGL_PLATFORM_SURFACELESS_MESA 0x31DD
#endif
#ifndef EGL_PLATFORM_DEVICE_EXT
#define EGL_PLATFORM_DEVICE_EXT 0x313F
#endif

struct _VsOffscreen
{
  EGLDisplay display;
  EGLContext context;
  GLuint     framebuffer;
  GLuint     color;
  GLuint     depth;
  int        width;
  int        height;
  char      *renderer_name;
};

static EGLDisplay
open_display (void)
{
  EGLDisplay display = EGL_NO_DISPLAY;

  if (!epoxy_has_egl_extension (EGL_NO_DISPLAY, "EGL_EXT_platform_base"))
    return eglGetDisplay (EGL_DEFAULT_DISPLAY);

  /* A GPU through EGL devices first, then Mesa's surfaceless platform (llvmpipe). */
  if (g_getenv ("VS_EGL_SURFACELESS") == NULL &&
      epoxy_has_egl_extension (EGL_NO_DISPLAY, "EGL_EXT_device_enumeration"))
    {
      EGLDeviceEXT devices[8];
      EGLint n = 0;
      if (eglQueryDevicesEXT (G_N_ELEMENTS (devices), devices, &n))
        for (EGLint i = 0; i < n && display == EGL_NO_DISPLAY; i++)
          {
            const char *ext = eglQueryDeviceStringEXT (devices[i], EGL_EXTENSIONS);
            /* Software devices are better reached through surfaceless. */
            if (ext != NULL && strstr (ext, "EGL_MESA_device_software") != NULL)
              continue;
            display = eglGetPlatformDisplayEXT (EGL_PLATFORM_DEVICE_EXT, devices[i], NULL);
            if (display != EGL_NO_DISPLAY && !eglInitialize (display, NULL, NULL))
              display = EGL_NO_DISPLAY;
          }
      if (display != EGL_NO_DISPLAY)
        return display;
    }
  return eglGetPlatformDisplayEXT (EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
}

VsOffscreen *
vs_offscreen_new (GError **error)
{
  g_autoptr(VsOffscreen) offscreen = g_new0 (VsOffscreen, 1);
  static const EGLint config_attribs[] = {
    EGL_SURFACE_TYPE, EGL_PBUFFER_BIT,
    EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
    EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8,
    EGL_NONE
  };
  static const EGLint context_attribs[] = {
    EGL_CONTEXT_MAJOR_VERSION, 3,
    EGL_CONTEXT_MINOR_VERSION, 3,
    EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
    EGL_NONE
  };
  EGLConfig config = NULL;
  EGLint n_configs = 0;

  offscreen->display = open_display ();
  if (offscreen->display == EGL_NO_DISPLAY || !eglInitialize (offscreen->display, NULL, NULL))
    {
      g_set_error_literal (error, VS_RENDER_ERROR, VS_RENDER_ERROR_NO_CONTEXT,
                           "no EGL display for headless rendering (is Mesa's libegl1 installed?)");
      offscreen->display = EGL_NO_DISPLAY;
      return NULL;
    }
  if (!eglBindAPI (EGL_OPENGL_API))
    {
      g_set_error_literal (error, VS_RENDER_ERROR, VS_RENDER_ERROR_NO_CONTEXT,
                           "EGL has no desktop OpenGL");
      return NULL;
    }
  /* Surfaceless needs no config; use one when the platform offers it. */
  if (!eglChooseConfig (offscreen->display, config_attribs, &config, 1, &n_configs) ||
      n_configs == 0)
    config = NULL;
  offscreen->context = eglCreateContext (offscreen->display, config, EGL_NO_CONTEXT,
                                         context_attribs);
  if (offscreen->context == EGL_NO_CONTEXT)
    {
      g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_NO_CONTEXT,
                   "could not create an OpenGL 3.3 core context through EGL (error 0x%x)",
                   eglGetError ());
      return NULL;
    }
  if (!vs_offscreen_make_current (offscreen))
    {
      g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_NO_CONTEXT,
                   "could not make the EGL context current (error 0x%x)", eglGetError ());
      return NULL;
    }
  offscreen->renderer_name = g_strdup ((const char *) glGetString (GL_RENDERER));
  return g_steal_pointer (&offscreen);
}

void
vs_offscreen_free (VsOffscreen *offscreen)
{
  if (offscreen == NULL)
    return;
  if (offscreen->context != EGL_NO_CONTEXT && offscreen->context != NULL)
    {
      vs_offscreen_make_current (offscreen);
      if (offscreen->framebuffer != 0)
        glDeleteFramebuffers (1, &offscreen->framebuffer);
      if (offscreen->color != 0)
        glDeleteRenderbuffers (1, &offscreen->color);
      if (offscreen->depth != 0)
        glDeleteRenderbuffers (1, &offscreen->depth);
      eglMakeCurrent (offscreen->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
      eglDestroyContext (offscreen->display, offscreen->context);
    }
  if (offscreen->display != EGL_NO_DISPLAY && offscreen->display != NULL)
    eglTerminate (offscreen->display);
  g_free (offscreen->renderer_name);
  g_free (offscreen);
}

gboolean
vs_offscreen_make_current (VsOffscreen *offscreen)
{
  return eglMakeCurrent (offscreen->display, EGL_NO_SURFACE, EGL_NO_SURFACE, offscreen->context);
}

const char *
vs_offscreen_get_renderer_name (VsOffscreen *offscreen)
{
  return offscreen->renderer_name;
}

/* Binds a framebuffer of the given size and sets the viewport to all of it. */
gboolean
vs_offscreen_begin (VsOffscreen  *offscreen,
                    int           width,
                    int           height,
                    GError      **error)
{
  GLint max_size = 0;

  vs_offscreen_make_current (offscreen);
  glGetIntegerv (GL_MAX_RENDERBUFFER_SIZE, &max_size);
  if (width <= 0 || height <= 0 || width > max_size || height > max_size)
    {
      g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_TOO_LARGE,
                   "an image of %d×%d pixels is outside what this OpenGL renders at once (1 to %d)",
                   width, height, max_size);
      return FALSE;
    }
  if (offscreen->framebuffer == 0)
    {
      glGenFramebuffers (1, &offscreen->framebuffer);
      glGenRenderbuffers (1, &offscreen->color);
      glGenRenderbuffers (1, &offscreen->depth);
    }
  glBindFramebuffer (GL_FRAMEBUFFER, offscreen->framebuffer);
  if (width != offscreen->width || height != offscreen->height)
    {
      glBindRenderbuffer (GL_RENDERBUFFER, offscreen->color);
      glRenderbufferStorage (GL_RENDERBUFFER, GL_RGBA8, width, height);
      glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                                 offscreen->color);
      glBindRenderbuffer (GL_RENDERBUFFER, offscreen->depth);
      glRenderbufferStorage (GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
      glFramebufferRenderbuffer (GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                                 offscreen->depth);
      offscreen->width = width;
      offscreen->height = height;
    }
  if (glCheckFramebufferStatus (GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    {
      g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_FAILED,
                   "the offscreen framebuffer of %d×%d is incomplete", width, height);
      return FALSE;
    }
  glViewport (0, 0, width, height);
  return TRUE;
}

/* The framebuffer as a cairo image (top row first, premultiplied ARGB). */
cairo_surface_t *
vs_offscreen_read (VsOffscreen *offscreen)
{
  return vs_gl_readback_surface (offscreen->width, offscreen->height);
}
