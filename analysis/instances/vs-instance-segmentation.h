/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-progress.h"
#include "vs-volume.h"

G_BEGIN_DECLS

typedef struct {
  const guint *channels;     /* frames of the volume to use; NULL for all */
  guint        n_channels;
  gboolean     otsu;         /* threshold by Otsu on the channel maximum … */
  double       threshold;    /* … or this value */
  guint64      min_size;     /* components of at most this many voxels are dropped */
  gboolean     split_color;  /* split components by channel colour … */
  double       color_distance; /* … telling apart colours this far apart (shares, 0–1) */
  double       split_depth;  /* split where a component narrows by this many voxels; 0: no */
} VsInstanceOptions;

typedef struct {
  double  threshold;         /* the one used */
  guint32 n_components;      /* before dropping small ones */
  guint32 n_kept;             /* components left after dropping small ones */
  guint32 n_instances;        /* after the splits */
  guint64 n_foreground;
} VsInstanceReport;

void      vs_instance_options_init (VsInstanceOptions  *options);
gboolean  vs_instance_parse_channels (const char     *text,
                                    GArray             *out);
VsVolume *vs_instance_segment      (VsVolume           *volume,
                                    const VsInstanceOptions *options,
                                    VsInstanceReport   *report,
                                    VsProgress         *progress,
                                    GCancellable       *cancellable,
                                    GError            **error);

G_END_DECLS
