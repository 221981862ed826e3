/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-gl-program"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "vs-gl-program.h"
#include "vs-render-error.h"

/* Every shader is compiled and linked here, from GResource, with errors turned into a GError
 * that quotes the source with line numbers.  Must be called with the GL context current. */

struct _VsGlProgram
{
  GLuint      id;
  GHashTable *uniforms;  /* name → location + 1 */
};

static char *
numbered_source (const char *source)
{
  g_auto(GStrv) lines = g_strsplit (source, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%4u  %s\n", i + 1, lines[i]);
  return g_string_free (out, FALSE);
}

/* Lines #include "NAME" replaced by the resource NAME beside @resource (one level deep). */
static char *
expand_includes (char *source, const char *resource, GError **error)
{
  g_auto(GStrv) lines = g_strsplit (source, "\n", -1);
  g_autofree char *folder = g_path_get_dirname (resource);
  GString *out = g_string_new (NULL);

  g_free (source);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      if (g_str_has_prefix (line, "#include \"") && g_str_has_suffix (line, "\""))
        {
          g_autofree char *name = g_strndup (line + 10, strlen (line) - 11);
          g_autofree char *path = g_build_path ("/", folder, name, NULL);
          g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                             error);
          if (bytes == NULL)
            {
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append_len (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        }
      else
        g_string_append (out, line);
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* @defines (or NULL) go right after the source's first line, its #version. */
static GLuint
compile_shader (GLenum       type,
                const char  *resource,
                const char  *defines,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *source = NULL;
  const char *sources[1];
  GLuint shader;
  GLint status = 0;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return 0;
  source = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  source = expand_includes (source, resource, error);
  if (source == NULL)
    return 0;
  if (defines != NULL && strchr (source, '\n') != NULL)
    {
      char *rest = strchr (source, '\n') + 1;
      char *joined = g_strdup_printf ("%.*s%s\n%s", (int) (rest - source), source, defines, rest);
      g_free (source);
      source = joined;
    }
  sources[0] = source;

  shader = glCreateShader (type);
  glShaderSource (shader, 1, sources, NULL);
  glCompileShader (shader);
  glGetShaderiv (shader, GL_COMPILE_STATUS, &status);
  if (!status)
    {
      GLint length = 0;
      g_autofree char *log = NULL;
      g_autofree char *numbered = numbered_source (source);

      glGetShaderiv (shader, GL_INFO_LOG_LENGTH, &length);
      log = g_malloc0 (MAX (length, 1) + 1);
      glGetShaderInfoLog (shader, length, NULL, log);
      g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_SHADER,
                   "%s failed to compile:\n%s\n%s", resource, log, numbered);
      glDeleteShader (shader);
      return 0;
    }
  return shader;
}

VsGlProgram *
vs_gl_program_new_from_resources (const char  *vertex_resource,
                                  const char  *fragment_resource,
                                  GError     **error)
{
  return vs_gl_program_new_with_defines (vertex_resource, fragment_resource, NULL, error);
}

/* A variant of a program: @defines ("#define NAME VALUE" lines) ahead of both shaders' code. */
VsGlProgram *
vs_gl_program_new_with_defines (const char  *vertex_resource,
                                const char  *fragment_resource,
                                const char  *defines,
                                GError     **error)
{
  VsGlProgram *program;
  GLuint vertex, fragment, id;
  GLint status = 0;

  vertex = compile_shader (GL_VERTEX_SHADER, vertex_resource, defines, error);
  if (vertex == 0)
    return NULL;
  fragment = compile_shader (GL_FRAGMENT_SHADER, fragment_resource, defines, error);
  if (fragment == 0)
    {
      glDeleteShader (vertex);
      return NULL;
    }

  id = glCreateProgram ();
  glAttachShader (id, vertex);
  glAttachShader (id, fragment);
  glLinkProgram (id);
  glDetachShader (id, vertex);
  glDetachShader (id, fragment);
  glDeleteShader (vertex);
  glDeleteShader (fragment);
  glGetProgramiv (id, GL_LINK_STATUS, &status);
  if (!status)
    {
      GLint length = 0;
      g_autofree char *log = NULL;

      glGetProgramiv (id, GL_INFO_LOG_LENGTH, &length);
      log = g_malloc0 (MAX (length, 1) + 1);
      glGetProgramInfoLog (id, length, NULL, log);
      g_set_error (error, VS_RENDER_ERROR, VS_RENDER_ERROR_SHADER,
                   "%s + %s failed to link: %s", vertex_resource, fragment_resource, log);
      glDeleteProgram (id);
      return NULL;
    }

  program = g_new0 (VsGlProgram, 1);
  program->id = id;
  program->uniforms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return program;
}

void
vs_gl_program_free (VsGlProgram *program)
{
  if (program == NULL)
    return;
  if (program->id != 0)
    glDeleteProgram (program->id);
  g_hash_table_unref (program->uniforms);
  g_free (program);
}

GLuint
vs_gl_program_get_id (VsGlProgram *program)
{
  return program->id;
}

GLint
vs_gl_program_get_uniform (VsGlProgram *program,
                           const char  *name)
{
  gpointer cached = g_hash_table_lookup (program->uniforms, name);
  GLint location;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 1;
  location = glGetUniformLocation (program->id, name);
  g_hash_table_insert (program->uniforms, g_strdup (name), GINT_TO_POINTER (location + 1));
  return location;
}
