/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-volume.h"

G_BEGIN_DECLS

typedef struct _VsLabelJournal VsLabelJournal;

VsLabelJournal *vs_label_journal_create  (const char      *path,
                                          VsVolume        *labels,
                                          GError         **error);
VsLabelJournal *vs_label_journal_reopen  (const char      *path,
                                          VsVolume        *labels,
                                          GError         **error);
gboolean        vs_label_journal_append  (VsLabelJournal  *self,
                                          const guint64   *run_start,
                                          const guint32   *run_length,
                                          guint            n_runs,
                                          GError         **error);
const char     *vs_label_journal_get_path (VsLabelJournal *self);
void            vs_label_journal_free    (VsLabelJournal  *self);

gboolean        vs_label_journal_matches (const char      *path,
                                          VsVolume        *labels);
gboolean        vs_label_journal_replay  (const char      *path,
                                          VsVolume        *labels,
                                          guint           *n_records,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsLabelJournal, vs_label_journal_free)

G_END_DECLS
