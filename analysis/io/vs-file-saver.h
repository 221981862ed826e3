/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _VsFileSaver VsFileSaver;

VsFileSaver   *vs_file_saver_begin      (const char   *path,
                                         GError      **error);
GOutputStream *vs_file_saver_get_stream (VsFileSaver  *self);
gboolean       vs_file_saver_commit     (VsFileSaver  *self,
                                         GError      **error);
void           vs_file_saver_abort      (VsFileSaver  *self);
void           vs_file_saver_fail       (VsFileSaver  *self,
                                         GError      **error,
                                         GError       *cause);

gboolean       vs_file_save_contents    (const char   *path,
                                         const void   *data,
                                         gssize        length,
                                         GError      **error);

void           vs_file_remove_tree      (const char   *dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsFileSaver, vs_file_saver_abort)

G_END_DECLS
