/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-layer.h"

G_BEGIN_DECLS

GtkWidget *vs_channels_button_new (VsLayer *layer);

G_END_DECLS
