/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-label-table-reader"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vs-analysis-error.h"
#include "vs-label-table-reader.h"

/* Text tables in one parser: MRIcron's "id name [code]", FreeSurfer's "id name r g b a" and our
 * own TSV "index name r g b" (with or without a header row).  FSL's atlas XML through GMarkup.
 * MRIcron's binary .lut (256 reds, 256 greens, 256 blues) colours an MRIcron table. */

static gboolean
parse_uint32 (const char *text,
              guint32    *out)
{
  char *end = NULL;
  guint64 v;

  if (text == NULL || *text == '\0' || *text == '-')
    return FALSE;
  v = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || v > G_MAXUINT32)
    return FALSE;
  *out = (guint32) v;
  return TRUE;
}

static gboolean
parse_channel (const char *text,
               guint8     *out)
{
  guint32 v;

  if (!parse_uint32 (text, &v) || v > 255)
    return FALSE;
  *out = (guint8) v;
  return TRUE;
}

static VsLabelTable *
read_text_table (const char  *display,
                 const char  *contents,
                 GError     **error)
{
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  gboolean seen_data = FALSE;

  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[n]));
      g_auto(GStrv) tokens = NULL;
      guint n_tokens;
      guint32 id;
      guint8 rgba[4] = { 0, 0, 0, 0 };

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (strchr (line, '\t') != NULL)
        tokens = g_strsplit (line, "\t", -1);
      else
        tokens = g_regex_split_simple ("\\s+", line, 0, 0);
      n_tokens = g_strv_length (tokens);

      if (!parse_uint32 (tokens[0], &id))
        {
          if (!seen_data && n == 0)
            continue;  /* a header row */
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: line %u: expected a label number, found “%s”", display, n + 1,
                       tokens[0]);
          return NULL;
        }
      if (n_tokens < 2 || tokens[1][0] == '\0')
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: line %u: label %u has no name", display, n + 1, id);
          return NULL;
        }
      if (n_tokens >= 5)
        {
          if (!parse_channel (tokens[2], &rgba[0]) || !parse_channel (tokens[3], &rgba[1]) ||
              !parse_channel (tokens[4], &rgba[2]))
            {
              g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                           "%s: line %u: colour of label %u is not three numbers 0–255",
                           display, n + 1, id);
              return NULL;
            }
          rgba[3] = 255;
          /* FreeSurfer's fourth number is transparency, 0 meaning opaque. */
          if (n_tokens >= 6)
            {
              guint8 transparency;
              if (parse_channel (tokens[5], &transparency))
                rgba[3] = 255 - transparency;
            }
        }
      vs_label_table_add (table, id, tokens[1], rgba);
      seen_data = TRUE;
    }

  if (vs_label_table_get_n_labels (table) == 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: holds no labels", display);
      return NULL;
    }
  return g_steal_pointer (&table);
}

typedef struct {
  GArray    *indices;
  GPtrArray *names;
  gboolean   in_label;
  gint64     index;
  GString   *text;
} FslParse;

static void
fsl_start (GMarkupParseContext *context, const char *element, const char **names,
           const char **values, gpointer user_data, GError **error)
{
  FslParse *parse = user_data;

  if (g_strcmp0 (element, "label") != 0)
    return;
  parse->in_label = TRUE;
  parse->index = -1;
  g_string_truncate (parse->text, 0);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], "index") == 0)
      {
        guint32 v;
        if (!parse_uint32 (values[i], &v))
          {
            g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                         "label index “%s” is not a number", values[i]);
            return;
          }
        parse->index = v;
      }
  if (parse->index < 0)
    g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_MISSING_ATTRIBUTE,
                         "a <label> has no index");
}

static void
fsl_text (GMarkupParseContext *context, const char *text, gsize len, gpointer user_data,
          GError **error)
{
  FslParse *parse = user_data;

  if (parse->in_label)
    g_string_append_len (parse->text, text, len);
}

static void
fsl_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  FslParse *parse = user_data;
  guint32 index;

  if (g_strcmp0 (element, "label") != 0 || !parse->in_label)
    return;
  parse->in_label = FALSE;
  index = (guint32) parse->index;
  g_array_append_val (parse->indices, index);
  g_ptr_array_add (parse->names, g_strstrip (g_strdup (parse->text->str)));
}

static VsLabelTable *
read_fsl_xml (const char  *display,
              const char  *contents,
              gsize        length,
              GError     **error)
{
  static const GMarkupParser parser = { fsl_start, fsl_end, fsl_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(VsLabelTable) table = vs_label_table_new ();
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  FslParse parse = { indices, names, FALSE, -1, text };
  g_autoptr(GError) local_error = NULL;
  guint32 shift = 1;

  context = g_markup_parse_context_new (&parser, 0, &parse, NULL);
  if (!g_markup_parse_context_parse (context, contents, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "%s: %s", display,
                   local_error->message);
      return NULL;
    }
  if (indices->len == 0)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: an FSL atlas file with no <label> entries", display);
      return NULL;
    }

  /* FSL numbers labels from 0 and the image from 1 (index + 1), except in atlases whose label 0
   * is itself the background ("Unclassified"), where index and image value agree. */
  for (guint i = 0; i < indices->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      if (g_array_index (indices, guint32, i) == 0 &&
          (g_ascii_strncasecmp (name, "unclassified", 12) == 0 ||
           g_ascii_strncasecmp (name, "background", 10) == 0))
        shift = 0;
    }
  for (guint i = 0; i < indices->len; i++)
    vs_label_table_add (table, g_array_index (indices, guint32, i) + shift,
                        g_ptr_array_index (names, i), NULL);
  vs_label_table_fill_missing_colors (table);
  return g_steal_pointer (&table);
}

gboolean
vs_label_table_read_mricron_lut (VsLabelTable  *table,
                                 const char    *lut_path,
                                 GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_path_get_basename (lut_path);
  gsize length;

  if (!g_file_get_contents (lut_path, &contents, &length, error))
    return FALSE;
  if (length != 768)
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                   "%s: an MRIcron colour table is 768 bytes (256 reds, greens, blues), this one is "
                   "%" G_GSIZE_FORMAT, display, length);
      return FALSE;
    }
  for (guint i = 0; i < vs_label_table_get_n_labels (table); i++)
    {
      VsLabel *label = (VsLabel *) vs_label_table_get_nth (table, i);
      guint index = label->id % 256;
      label->rgba[0] = (guint8) contents[index];
      label->rgba[1] = (guint8) contents[256 + index];
      label->rgba[2] = (guint8) contents[512 + index];
      label->rgba[3] = 255;
      /* MRIcron's AAL table paints 19 regions black, which cannot be told from the background
       * (label 0) or a dark image: those get a palette colour instead. */
      if (label->rgba[0] + label->rgba[1] + label->rgba[2] < 30)
        vs_label_palette_color (label->id, label->rgba);
    }
  return TRUE;
}

VsLabelTable *
vs_label_table_read (const char  *path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_path_get_basename (path);
  VsLabelTable *table;
  const char *first;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (memchr (contents, '\0', length) != NULL || !g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_NOT_SUPPORTED,
                   "%s: not a text label table (binary or not UTF-8)", display);
      return NULL;
    }
  first = contents;
  while (g_ascii_isspace (*first))
    first++;
  if (g_str_has_suffix (path, ".xml") || *first == '<')
    table = read_fsl_xml (display, contents, length, error);
  else
    table = read_text_table (display, contents, error);
  if (table != NULL)
    vs_label_table_fill_missing_colors (table);
  return table;
}

static char *
volume_stem (const char *volume_path)
{
  char *stem = g_strdup (volume_path);

  if (g_str_has_suffix (stem, ".gz"))
    stem[strlen (stem) - 3] = '\0';
  if (g_str_has_suffix (stem, ".nii") || g_str_has_suffix (stem, ".hdr") ||
      g_str_has_suffix (stem, ".img"))
    stem[strlen (stem) - 4] = '\0';
  return stem;
}

/* The label table that sits beside a volume: aal.nii.txt (MRIcron), aal.txt, aal.tsv, aal.xml. */
char *
vs_label_table_find_sidecar (const char *volume_path)
{
  g_autofree char *stem = volume_stem (volume_path);
  static const char *suffixes[] = { ".nii.txt", ".txt", ".tsv", ".xml", "_LUT.txt" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *candidate = g_strconcat (stem, suffixes[i], NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

/* NULL without error when the volume has no sidecar. */
VsLabelTable *
vs_label_table_read_for_volume (const char  *volume_path,
                                GError     **error)
{
  g_autofree char *sidecar = vs_label_table_find_sidecar (volume_path);
  g_autofree char *stem = NULL;
  g_autoptr(VsLabelTable) table = NULL;

  if (sidecar == NULL)
    return NULL;
  table = vs_label_table_read (sidecar, error);
  if (table == NULL)
    return NULL;

  stem = volume_stem (volume_path);
  for (const char *const *suffix = (const char *const[]) { ".nii.lut", ".lut", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *lut = g_strconcat (stem, *suffix, NULL);
      if (g_str_has_suffix (sidecar, ".txt") && g_file_test (lut, G_FILE_TEST_IS_REGULAR))
        {
          if (!vs_label_table_read_mricron_lut (table, lut, error))
            return NULL;
          break;
        }
    }
  return g_steal_pointer (&table);
}
