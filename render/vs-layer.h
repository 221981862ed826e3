/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-colormap.h"
#include "vs-volume.h"
#include "vs-volume-stats.h"

G_BEGIN_DECLS

#define VS_TYPE_LAYER (vs_layer_get_type ())
G_DECLARE_FINAL_TYPE (VsLayer, vs_layer, VS, LAYER, GObject)

VsLayer       *vs_layer_new               (VsVolume    *volume);
VsVolume      *vs_layer_get_volume        (VsLayer     *self);
const char    *vs_layer_get_name          (VsLayer     *self);
void           vs_layer_set_name          (VsLayer     *self,
                                           const char  *name);
gboolean       vs_layer_get_visible       (VsLayer     *self);
void           vs_layer_set_visible       (VsLayer     *self,
                                           gboolean     visible);
double         vs_layer_get_opacity       (VsLayer     *self);
void           vs_layer_set_opacity       (VsLayer     *self,
                                           double       opacity);
VsColormap     vs_layer_get_colormap      (VsLayer     *self);
void           vs_layer_set_colormap      (VsLayer     *self,
                                           VsColormap   colormap);
double         vs_layer_get_display_min   (VsLayer     *self);
double         vs_layer_get_display_max   (VsLayer     *self);
void           vs_layer_set_display_range (VsLayer     *self,
                                           double       min,
                                           double       max);
double         vs_layer_get_threshold     (VsLayer     *self);
void           vs_layer_set_threshold     (VsLayer     *self,
                                           double       threshold);
gboolean       vs_layer_get_interpolate   (VsLayer     *self);
void           vs_layer_set_interpolate   (VsLayer     *self,
                                           gboolean     interpolate);
gboolean       vs_layer_get_label_outline (VsLayer     *self);
void           vs_layer_set_label_outline (VsLayer     *self,
                                           gboolean     outline);
gboolean       vs_layer_is_label          (VsLayer     *self);
const VsVolumeStats *vs_layer_get_stats   (VsLayer     *self);
void           vs_layer_set_stats         (VsLayer     *self,
                                           VsVolumeStats *stats);
guint          vs_layer_get_generation    (VsLayer     *self);
void           vs_layer_replace_data      (VsLayer     *self,
                                           VsVolume    *source);
void           vs_layer_mark_edited       (VsLayer     *self,
                                           const gint64 lo[3],
                                           const gint64 hi[3]);
gboolean       vs_layer_get_edits_since   (VsLayer     *self,
                                           guint        generation,
                                           gint64       lo[3],
                                           gint64       hi[3]);


/* Instances of a label layer. */
void           vs_layer_set_label_colors  (VsLayer     *self,
                                           guint8      *rgba,
                                           guint32      n_ids);
const guint8  *vs_layer_get_label_colors  (VsLayer     *self,
                                           guint32     *n_ids);
void           vs_layer_set_label_hidden  (VsLayer     *self,
                                           guint32      id,
                                           gboolean     hidden);
gboolean       vs_layer_get_label_hidden  (VsLayer     *self,
                                           guint32      id);
GArray        *vs_layer_dup_hidden_labels (VsLayer     *self);
int            vs_layer_compare_ids       (const guint32 *a,
                                           const guint32 *b);
void           vs_layer_set_selected_label (VsLayer    *self,
                                           guint32      id);
guint32        vs_layer_get_selected_label (VsLayer    *self);
void           vs_layer_set_only_selected (VsLayer     *self,
                                           gboolean     only);
gboolean       vs_layer_get_only_selected (VsLayer     *self);
gboolean       vs_layer_label_is_shown    (VsLayer     *self,
                                           guint32      id);
guint          vs_layer_get_label_serial  (VsLayer     *self);
void           vs_layer_get_label_color   (VsLayer     *self,
                                           guint32      id,
                                           guint8       rgba[4]);
gboolean       vs_layer_wants_instance_colors (VsLayer *self);
#define VS_LAYER_MAX_LABEL_ROWS 256   /* ids beyond 65535 take colours by their number */
guint8        *vs_layer_build_label_color_rows (VsLayer *self,
                                           int         *rows);
void           vs_layer_color_instances   (VsLayer     *self);


/* Multichannel volumes (microscopy): channels shown together. */
#define VS_LAYER_MAX_CHANNELS 4
guint          vs_layer_get_n_channels    (VsLayer     *self);
gboolean       vs_layer_get_composite     (VsLayer     *self);
void           vs_layer_set_composite     (VsLayer     *self,
                                           gboolean     composite);
void           vs_layer_get_channel_color (VsLayer     *self,
                                           guint        channel,
                                           double       rgb[3]);
void           vs_layer_set_channel_color (VsLayer     *self,
                                           guint        channel,
                                           const double rgb[3]);
void           vs_layer_get_channel_range (VsLayer     *self,
                                           guint        channel,
                                           double      *min,
                                           double      *max);
void           vs_layer_set_channel_range (VsLayer     *self,
                                           guint        channel,
                                           double       min,
                                           double       max);
guint          vs_layer_get_channel_serial (VsLayer    *self);
gboolean       vs_layer_volume_has_channels (VsVolume  *volume);
gboolean       vs_layer_is_mask_stack     (VsLayer     *self);
GPtrArray     *vs_layer_compute_channel_stats (VsVolume      *volume,
                                           GCancellable  *cancellable,
                                           GError       **error);
void           vs_layer_set_channel_stats (VsLayer     *self,
                                           GPtrArray   *stats);

G_END_DECLS
