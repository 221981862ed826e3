/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-stimulus-table"

#include "config.h"

#include <string.h>

#include "vs-analysis-error.h"
#include "vs-stimulus-table.h"

/* The TSV every analysis shares (DESIGN.md): header row with stimulus_id, image, category,
 * split (train/test) and repeat; other columns are allowed and ignored here. */

static void
stimulus_clear (gpointer data)
{
  VsStimulus *s = data;
  g_free (s->stimulus_id);
  g_free (s->image);
  g_free (s->category);
}

void
vs_stimulus_table_free (VsStimulusTable *table)
{
  if (table == NULL)
    return;
  g_array_unref (table->rows);
  g_ptr_array_unref (table->categories);
  g_free (table->path);
  g_free (table);
}

guint
vs_stimulus_table_category_index (VsStimulusTable *table,
                                  const char      *category)
{
  for (guint i = 0; i < table->categories->len; i++)
    if (g_str_equal (g_ptr_array_index (table->categories, i), category))
      return i;
  return G_MAXUINT;
}

VsStimulusTable *
vs_stimulus_table_new (void)
{
  VsStimulusTable *table = g_new0 (VsStimulusTable, 1);

  table->rows = g_array_new (FALSE, TRUE, sizeof (VsStimulus));
  g_array_set_clear_func (table->rows, stimulus_clear);
  table->categories = g_ptr_array_new_with_free_func (g_free);
  return table;
}

/* For tables made in code (the demo, tests). */
void
vs_stimulus_table_add (VsStimulusTable *table,
                       const char      *stimulus_id,
                       const char      *image,
                       const char      *category,
                       gboolean         is_test,
                       int              repeat)
{
  VsStimulus s = { g_strdup (stimulus_id), g_strdup (image), g_strdup (category), is_test,
                   repeat };

  if (vs_stimulus_table_category_index (table, category) == G_MAXUINT)
    g_ptr_array_add (table->categories, g_strdup (category));
  g_array_append_val (table->rows, s);
}

VsStimulusTable *
vs_stimulus_table_read (const char  *path,
                        GError     **error)
{
  static const char *required[] = { "stimulus_id", "image", "category", "split", "repeat" };
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr(VsStimulusTable) table = vs_stimulus_table_new ();
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  int column[5];
  guint n_columns, line_no;

  table->path = g_strdup (path);

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? "no such file"
                                                                               : local->message);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  if (lines[0] == NULL)
    goto empty;
  header = g_strsplit (g_strchomp (lines[0]), "\t", -1);
  n_columns = g_strv_length (header);
  for (guint r = 0; r < G_N_ELEMENTS (required); r++)
    {
      column[r] = -1;
      for (guint c = 0; c < n_columns; c++)
        if (g_str_equal (g_strstrip (header[c]), required[r]))
          column[r] = (int) c;
      if (column[r] < 0)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: the header has no “%s” column (needs stimulus_id, image, category, "
                       "split, repeat, separated by tabs)", display, required[r]);
          return NULL;
        }
    }

  for (line_no = 1; lines[line_no] != NULL; line_no++)
    {
      g_auto(GStrv) fields = NULL;
      VsStimulus s = { 0 };
      char *end;
      const char *split;

      g_strchomp (lines[line_no]);
      if (lines[line_no][0] == '\0')
        continue;
      fields = g_strsplit (lines[line_no], "\t", -1);
      if (g_strv_length (fields) < n_columns)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: line %u has %u fields, the header %u", display, line_no + 1,
                       g_strv_length (fields), n_columns);
          return NULL;
        }
      split = fields[column[3]];
      if (!g_str_equal (split, "train") && !g_str_equal (split, "test"))
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: line %u: split is “%s”; it must be train or test", display,
                       line_no + 1, split);
          return NULL;
        }
      s.repeat = (int) g_ascii_strtoll (fields[column[4]], &end, 10);
      if (end == fields[column[4]] || *end != '\0' || s.repeat < 0)
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: line %u: repeat “%s” is not a whole number ≥ 0", display, line_no + 1,
                       fields[column[4]]);
          return NULL;
        }
      if (fields[column[2]][0] == '\0')
        {
          g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT,
                       "%s: line %u has no category", display, line_no + 1);
          return NULL;
        }
      s.stimulus_id = g_strdup (fields[column[0]]);
      s.image = g_path_is_absolute (fields[column[1]]) ? g_strdup (fields[column[1]])
                : g_build_filename (dir, fields[column[1]], NULL);
      s.category = g_strdup (fields[column[2]]);
      s.is_test = g_str_equal (split, "test");
      if (vs_stimulus_table_category_index (table, s.category) == G_MAXUINT)
        g_ptr_array_add (table->categories, g_strdup (s.category));
      g_array_append_val (table->rows, s);
    }
  if (table->rows->len == 0)
    goto empty;
  return g_steal_pointer (&table);

empty:
  g_set_error (error, VS_ANALYSIS_ERROR, VS_ANALYSIS_ERROR_CORRUPT, "%s: holds no stimuli",
               display);
  return NULL;
}
