/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-surface-loader"

#include "config.h"

#include <string.h>

#include "vs-analysis-error.h"
#include "vs-freesurfer-reader.h"
#include "vs-gifti-reader.h"
#include "vs-surface-loader.h"

/* Which reader a file needs, from its name and first bytes, so the command line and the window
 * open surfaces and their data however they are named. */

static gboolean
is_gifti (const char *path)
{
  return g_str_has_suffix (path, ".gii");
}

gboolean
vs_file_is_surface (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  char head[4096];
  gsize got = 0;

  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head - 1, &got, NULL, NULL))
    return FALSE;
  head[got] = '\0';
  if (got >= 3 && memcmp (head, "\xff\xff\xfe", 3) == 0)
    return TRUE;
  if (is_gifti (path))
    {
      /* A surface holds a POINTSET array; look further than the header when it is long. */
      g_autofree char *contents = NULL;
      if (strstr (head, "NIFTI_INTENT_POINTSET") != NULL)
        return TRUE;
      if (g_file_get_contents (path, &contents, NULL, NULL))
        return strstr (contents, "NIFTI_INTENT_POINTSET") != NULL;
    }
  return FALSE;
}

VsSurface *
vs_surface_load (const char  *path,
                 GError     **error)
{
  if (is_gifti (path))
    return vs_gifti_read_surface (path, error);
  return vs_freesurfer_read_surface (path, error);
}

VsVertexData *
vs_vertex_data_load (const char  *path,
                     guint        n_vertices,
                     GError     **error)
{
  g_autoptr(VsVertexData) data = NULL;

  if (is_gifti (path))
    data = vs_gifti_read_vertex_data (path, error);
  else if (g_str_has_suffix (path, ".annot"))
    data = vs_freesurfer_read_annot (path, error);
  else if (g_str_has_suffix (path, ".label"))
    data = vs_freesurfer_read_label (path, n_vertices > 0 ? n_vertices : G_MAXUINT, error);
  else
    data = vs_freesurfer_read_morphometry (path, error);
  if (data == NULL)
    return NULL;
  vs_vertex_data_set_path (data, path);
  /* n_vertices 0: accept any count (the caller matches it to a surface afterwards). */
  if (n_vertices != 0 && vs_vertex_data_get_n_vertices (data) != n_vertices)
    {
      g_autofree char *display = g_path_get_basename (path);
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_INVALID_ARGUMENT,
                   "%s has values for %u vertices but the surface has %u", display,
                   vs_vertex_data_get_n_vertices (data), n_vertices);
      return NULL;
    }
  return g_steal_pointer (&data);
}

/* FreeSurfer keeps lh.curv beside lh.white/lh.pial/lh.inflated: use it for shading when it is
 * there and fits.  NULL otherwise. */
VsVertexData *
vs_surface_load_curvature (VsSurface *surface)
{
  const char *path = vs_surface_get_path (surface);
  g_autofree char *dir = NULL, *base = NULL, *candidate = NULL;
  const char *hemisphere;

  if (path == NULL || is_gifti (path))
    return NULL;
  base = g_path_get_basename (path);
  if (g_str_has_prefix (base, "lh."))
    hemisphere = "lh";
  else if (g_str_has_prefix (base, "rh."))
    hemisphere = "rh";
  else
    return NULL;
  dir = g_path_get_dirname (path);
  candidate = g_strdup_printf ("%s/%s.curv", dir, hemisphere);
  if (!g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return vs_vertex_data_load (candidate, vs_surface_get_n_vertices (surface), NULL);
}
