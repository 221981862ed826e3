/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One row per presentation (= one volume of the responses, one row of the features). */
typedef struct {
  char    *stimulus_id;
  char    *image;        /* absolute path, resolved against the table's folder */
  char    *category;
  gboolean is_test;
  int      repeat;
} VsStimulus;

typedef struct {
  GArray    *rows;        /* VsStimulus */
  GPtrArray *categories;  /* distinct category names, in order of first appearance */
  char      *path;
} VsStimulusTable;

VsStimulusTable *vs_stimulus_table_new   (void);
void             vs_stimulus_table_add   (VsStimulusTable  *table,
                                          const char       *stimulus_id,
                                          const char       *image,
                                          const char       *category,
                                          gboolean          is_test,
                                          int               repeat);
VsStimulusTable *vs_stimulus_table_read  (const char       *path,
                                          GError          **error);
void             vs_stimulus_table_free  (VsStimulusTable  *table);
guint            vs_stimulus_table_category_index (VsStimulusTable *table,
                                          const char       *category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsStimulusTable, vs_stimulus_table_free)

G_END_DECLS
