/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib-object.h>

#include "vs-midline-annotations.h"
#include "vs-volume.h"

G_BEGIN_DECLS

#define VS_TYPE_MIDLINE_EDITOR (vs_midline_editor_get_type ())
G_DECLARE_FINAL_TYPE (VsMidlineEditor, vs_midline_editor, VS, MIDLINE_EDITOR, GObject)

VsMidlineEditor            *vs_midline_editor_new             (VsMidlineAnnotations *annotations,
                                                               VsVolume             *source,
                                                               const char           *autosave_path);
const VsMidlineAnnotations *vs_midline_editor_get_annotations (VsMidlineEditor      *self);
VsVolume                   *vs_midline_editor_get_source      (VsMidlineEditor      *self);
const char                 *vs_midline_editor_get_autosave_path (VsMidlineEditor    *self);
void                        vs_midline_editor_set_autosave_delay (VsMidlineEditor   *self,
                                                                  guint              milliseconds);
void                        vs_midline_editor_begin_change    (VsMidlineEditor      *self);
void                        vs_midline_editor_move_endpoint   (VsMidlineEditor      *self,
                                                               VsMidlineAxis         axis,
                                                               gint64                index,
                                                               guint                 end,
                                                               const double          pixel[2]);
void                        vs_midline_editor_set_plane       (VsMidlineEditor      *self,
                                                               const double          normal[3],
                                                               double                offset);
gboolean                    vs_midline_editor_confirm         (VsMidlineEditor      *self,
                                                               VsMidlineAxis         axis,
                                                               gint64                index);
gboolean                    vs_midline_editor_undo            (VsMidlineEditor      *self);
gboolean                    vs_midline_editor_redo            (VsMidlineEditor      *self);
gboolean                    vs_midline_editor_can_undo        (VsMidlineEditor      *self);
gboolean                    vs_midline_editor_can_redo        (VsMidlineEditor      *self);
gboolean                    vs_midline_editor_autosave_now    (VsMidlineEditor      *self,
                                                               GError              **error);
gboolean                    vs_midline_editor_save            (VsMidlineEditor      *self,
                                                               const char           *path,
                                                               GError              **error);
gboolean                    vs_midline_editor_plane_line      (VsMidlineEditor      *self,
                                                               const double          slice_point[3],
                                                               const double          slice_normal[3],
                                                               double                a[3],
                                                               double                b[3]);

guint                       vs_midline_editor_plane_polygon   (VsMidlineEditor      *self,
                                                               double                corners[6][3]);

G_END_DECLS
