/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-label-journal.h"
#include "vs-volume.h"

G_BEGIN_DECLS

typedef struct _VsLabelEditor VsLabelEditor;

/* Where the last operation changed voxels: a box (inclusive), empty when n_changed is 0. */
typedef struct {
  gint64  lo[3], hi[3];
  guint64 n_changed;
} VsLabelChange;

VsLabelEditor *vs_label_editor_new          (VsVolume       *labels,
                                             GError        **error);
void           vs_label_editor_free         (VsLabelEditor  *self);
VsVolume      *vs_label_editor_get_volume   (VsLabelEditor  *self);

guint32        vs_label_editor_get          (VsLabelEditor  *self,
                                             const gint64    voxel[3]);
guint32        vs_label_editor_next_free    (VsLabelEditor  *self);

void           vs_label_editor_begin_step   (VsLabelEditor  *self);
void           vs_label_editor_end_step     (VsLabelEditor  *self);

void           vs_label_editor_paint        (VsLabelEditor  *self,
                                             const double    centre[3],
                                             double          radius,
                                             int             axis,
                                             guint32         value,
                                             VsLabelChange  *change);
void           vs_label_editor_fill         (VsLabelEditor  *self,
                                             const gint64    seed[3],
                                             int             axis,
                                             guint32         value,
                                             VsLabelChange  *change);
void           vs_label_editor_replace      (VsLabelEditor  *self,
                                             guint32         from,
                                             guint32         to,
                                             VsLabelChange  *change);
gboolean       vs_label_editor_split        (VsLabelEditor  *self,
                                             const gint64    keep[3],
                                             const gint64    part[3],
                                             guint32         new_label,
                                             VsLabelChange  *change,
                                             GError        **error);

gboolean       vs_label_editor_undo         (VsLabelEditor  *self,
                                             VsLabelChange  *change);
gboolean       vs_label_editor_redo         (VsLabelEditor  *self,
                                             VsLabelChange  *change);
gboolean       vs_label_editor_can_undo     (VsLabelEditor  *self);
gboolean       vs_label_editor_can_redo     (VsLabelEditor  *self);
guint64        vs_label_editor_get_history_bytes (VsLabelEditor *self);
guint64        vs_label_editor_get_voxels_changed (VsLabelEditor *self);

void           vs_label_editor_set_journal  (VsLabelEditor  *self,
                                             VsLabelJournal *journal);
VsLabelJournal *vs_label_editor_get_journal (VsLabelEditor  *self);
GError        *vs_label_editor_take_journal_error (VsLabelEditor *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsLabelEditor, vs_label_editor_free)

G_END_DECLS
