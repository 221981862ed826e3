/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint       vs_fuzz_n_readers   (void);
const char *vs_fuzz_reader_name (guint       reader);
const char *vs_fuzz_reader_file (guint       reader);
void        vs_fuzz_read        (guint       reader,
                                 const char *path);
char       *vs_fuzz_read_copy   (guint       reader,
                                 const char *source);

G_END_DECLS
