/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VS_TYPE_APPLICATION (vs_application_get_type ())
G_DECLARE_FINAL_TYPE (VsApplication, vs_application, VS, APPLICATION, GtkApplication)

VsApplication *vs_application_new (void);
int            vs_application_run (int argc, char **argv);

G_END_DECLS
