/* SPDX-License-Identifier: MIT */
#pragma once

/* VsLayer's insides, shared by vs-layer.c (the display settings) and vs-layer-labels.c (the
 * instances of label layers and their edits). */

#include "vs-layer.h"

G_BEGIN_DECLS

struct _VsLayer
{
  GObject        parent_instance;
  VsVolume      *volume;
  char          *name;
  gboolean       visible;
  double         opacity;
  VsColormap     colormap;
  double         display_min;
  double         display_max;
  gboolean       range_is_auto;   /* replaced by the robust range when the stats arrive */
  double         threshold;
  gboolean       interpolate;
  gboolean       label_outline;
  VsVolumeStats *stats;
  guint          generation;      /* bumped when the voxel data changes (edits, streamed results) */
  /* Instances of a label layer: colours of their own (ids 0…n_label_colors−1), the hidden ones,
   * the selected one, and whether only that one shows; label_serial counts their changes. */
  guint8        *label_colors;
  guint32        n_label_colors;
  GHashTable    *hidden_labels;
  guint32        selected_label;
  gboolean       only_selected;
  guint          label_serial;
  /* The boxes (voxels, inclusive) of the last edits, by generation, so views upload only them. */
  GArray        *edits;
  /* Channels (frames 0…n−1 of a multichannel volume) drawn together, each its own colour and
   * range (which follows the layer's until set); channel_serial counts their changes. */
  gboolean       composite;
  double         channel_rgb[VS_LAYER_MAX_CHANNELS][3];
  double         channel_range[VS_LAYER_MAX_CHANNELS][2];
  gboolean       channel_range_set[VS_LAYER_MAX_CHANNELS];
  double         channel_auto[VS_LAYER_MAX_CHANNELS][2];   /* from each channel's histogram */
  gboolean       channel_auto_set[VS_LAYER_MAX_CHANNELS];
  guint          channel_serial;
};

typedef struct {
  guint  generation;
  gint64 lo[3], hi[3];
} EditBox;

#define MAX_EDIT_BOXES 64


enum {
  PROP_0,
  PROP_VOLUME,
  PROP_NAME,
  PROP_VISIBLE,
  PROP_OPACITY,
  PROP_COLORMAP,
  PROP_DISPLAY_MIN,
  PROP_DISPLAY_MAX,
  PROP_THRESHOLD,
  PROP_INTERPOLATE,
  PROP_LABEL_OUTLINE,
  PROP_HAS_STATS,
  PROP_IS_LABEL,
  PROP_DATA_MIN,
  PROP_DATA_MAX,
  PROP_GENERATION,
  PROP_LABEL_SERIAL,
  PROP_CHANNEL_SERIAL,
  N_PROPS
};
extern GParamSpec *_vs_layer_properties[N_PROPS];

G_END_DECLS
