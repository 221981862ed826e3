/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-label-table.h"

G_BEGIN_DECLS

VsLabelTable *vs_label_table_read            (const char   *path,
                                              GError      **error);
gboolean      vs_label_table_read_mricron_lut (VsLabelTable *table,
                                              const char   *lut_path,
                                              GError      **error);
char         *vs_label_table_find_sidecar    (const char   *volume_path);
VsLabelTable *vs_label_table_read_for_volume (const char   *volume_path,
                                              GError      **error);

G_END_DECLS
