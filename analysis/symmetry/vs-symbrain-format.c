/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-symbrain-format"

#include "config.h"

#include <string.h>

#include "vs-file-saver.h"
#include "vs-analysis-error.h"
#include "vs-midline-annotations.h"

/* The Symbrain dataset's midlines: each 2D image's line as two endpoints in pixel coordinates,
 * written like "[{'x': 30.53, 'y': 137.73} {'x': 246.75, 'y': 147.18}]" (no comma between the
 * points), and a CSV with one row per image: the image, then that text. */

#define POINT "\\{\\s*'x'\\s*:\\s*([-+0-9.eE]+)\\s*,\\s*'y'\\s*:\\s*([-+0-9.eE]+)\\s*\\}"

char *
vs_symbrain_format_line (const VsMidline *line)
{
  char a[4][G_ASCII_DTOSTR_BUF_SIZE];
  const double values[4] = { line->p0[0], line->p0[1], line->p1[0], line->p1[1] };

  for (int i = 0; i < 4; i++)
    g_ascii_formatd (a[i], sizeof a[i], "%.2f", values[i]);
  return g_strdup_printf ("[{'x': %s, 'y': %s} {'x': %s, 'y': %s}]", a[0], a[1], a[2], a[3]);
}

gboolean
vs_symbrain_parse_line (const char  *text,
                        VsMidline   *line,
                        GError     **error)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*\\[\\s*" POINT "\\s*,?\\s*" POINT "\\s*\\]\\s*$",
                                         G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  double values[4];

  if (!g_regex_match (regex, text, 0, &match))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "“%s” is not a Symbrain midline ([{'x': X, 'y': Y} {'x': X, 'y': Y}])", text);
      return FALSE;
    }
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *number = g_match_info_fetch (match, i + 1);
      char *end = NULL;
      values[i] = g_ascii_strtod (number, &end);
      if (end == number || *end != '\0')
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "“%s” is not a number in the Symbrain midline “%s”", number, text);
          return FALSE;
        }
    }
  vs_midline_set_endpoints (line, values, values + 2);
  return TRUE;
}

static void
append_csv_field (GString *out, const char *field)
{
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
vs_symbrain_write_csv (const VsMidlineAnnotations *self,
                       const char                 *path,
                       GError                    **error)
{
  g_autoptr(GString) out = g_string_new ("image,midline,status\n");

  for (guint i = 0; i < self->entries->len; i++)
    {
      const VsMidlineEntry *e = &g_array_index (self->entries, VsMidlineEntry, i);
      g_autofree char *line = vs_symbrain_format_line (&e->line);
      g_autofree char *name = e->image != NULL ? g_strdup (e->image)
                                               : g_strdup_printf ("%s-%" G_GINT64_FORMAT,
                                                                  e->axis == VS_MIDLINE_AXIS_AXIAL
                                                                  ? "axial" : "coronal", e->index);
      append_csv_field (out, name);
      g_string_append_c (out, ',');
      append_csv_field (out, line);
      g_string_append_printf (out, ",%s\n", vs_midline_status_to_string (e->status));
    }
  return vs_file_save_contents (path, out->str, (gssize) out->len, error);
}

/* Splits one CSV record (RFC 4180 quoting, no line breaks inside fields). */
static GPtrArray *
split_csv (const char *record)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = record; ; p++)
    {
      if (quoted)
        {
          if (*p == '\0')
            break;
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, '"'), p++;
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
          continue;
        }
      if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || *p == '\0' || *p == '\r')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          if (*p != ',')
            break;
        }
      else
        g_string_append_c (field, *p);
    }
  g_string_free (field, TRUE);
  return fields;
}

/* Rows with a midline become confirmed lines of their images (the first other column names the
 * image); a header row is recognised by having none. */
VsMidlineAnnotations *
vs_symbrain_read_csv (const char  *path,
                      GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  g_auto(GStrv) records = NULL;
  g_autoptr(VsMidlineAnnotations) self = vs_midline_annotations_new (NULL, NULL);
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_IO, "%s: %s", display,
                   local->message);
      return NULL;
    }
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "%s: not UTF-8 text",
                   display);
      return NULL;
    }
  records = g_strsplit (contents, "\n", -1);
  for (guint r = 0; records[r] != NULL; r++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      int line_field = -1, image_field = -1;
      VsMidline line;
      if (records[r][0] == '\0' || records[r][0] == '\r')
        continue;
      fields = split_csv (records[r]);
      for (guint f = 0; f < fields->len; f++)
        if (strstr (g_ptr_array_index (fields, f), "'x'") != NULL)
          line_field = (int) f;
        else if (image_field < 0)
          image_field = (int) f;
      if (line_field < 0)
        {
          if (r == 0)
            continue;   /* the header */
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: row %u has no midline ([{'x': X, 'y': Y} {'x': X, 'y': Y}])",
                       display, r + 1);
          return NULL;
        }
      if (!vs_symbrain_parse_line (g_ptr_array_index (fields, line_field), &line, &local))
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "%s: row %u: %s",
                       display, r + 1, local->message);
          return NULL;
        }
      vs_midline_annotations_add (self, image_field >= 0 ? g_ptr_array_index (fields, image_field)
                                                         : "", VS_MIDLINE_AXIS_IMAGE, 0, &line,
                                  VS_MIDLINE_CONFIRMED);
    }
  return g_steal_pointer (&self);
}
