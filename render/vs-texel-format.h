/* SPDX-License-Identifier: MIT */
#pragma once

#include <epoxy/gl.h>

#include "vs-volume.h"

G_BEGIN_DECLS

typedef enum {
  VS_TEXELS_SCALAR,    /* values, filtered; real value = texel × norm × slope + intercept */
  VS_TEXELS_LABEL,     /* unsigned integer ids, fetched */
  VS_TEXELS_RGB,
} VsTexelKind;

/* How a volume's voxels go to the GL: 8- and 16-bit data as they are, other types as 32 bits. */
typedef struct {
  GLint  internal;
  GLenum format;
  GLenum type;
  gsize  texel_bytes;
  double norm;          /* a normalised texel of 1.0 is this value */
} VsTexelFormat;

gconstpointer vs_texel_format_prepare (VsVolume      *volume,
                                       gint64         frame,
                                       VsTexelKind    kind,
                                       VsTexelFormat *out,
                                       gpointer      *converted);

gpointer      vs_texel_format_extract_label_box (VsVolume     *volume,
                                                 gint64        frame,
                                                 const gint64  lo[3],
                                                 const gint64  hi[3]);

G_END_DECLS
