/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib-object.h>

#include "vs-datatype.h"
#include "vs-label-table.h"

G_BEGIN_DECLS

typedef enum {
  VS_VOLUME_INTENT_SCALAR,
  VS_VOLUME_INTENT_STATISTIC,
  VS_VOLUME_INTENT_LABEL,
  VS_VOLUME_INTENT_RGB,
} VsVolumeIntent;

#define VS_TYPE_VOLUME (vs_volume_get_type ())
G_DECLARE_FINAL_TYPE (VsVolume, vs_volume, VS, VOLUME, GObject)

VsVolume      *vs_volume_new             (VsDatatype     datatype,
                                          const gint64   dims[4],
                                          GError       **error);
VsVolume      *vs_volume_new_take        (VsDatatype     datatype,
                                          const gint64   dims[4],
                                          gpointer       data,
                                          GDestroyNotify data_free);
VsVolume      *vs_volume_new_mapped      (VsDatatype     datatype,
                                          const gint64   dims[4],
                                          GMappedFile   *mapped,
                                          gsize          offset);
VsVolume      *vs_volume_copy            (VsVolume      *self);
VsVolume      *vs_volume_new_like        (VsVolume      *grid,
                                          VsDatatype     type,
                                          gint64         frames,
                                          GError       **error);
gboolean       vs_volume_check_size      (VsDatatype     datatype,
                                          const gint64   dims[4],
                                          gsize         *out_bytes,
                                          GError       **error);

void           vs_volume_get_dims        (VsVolume      *self,
                                          gint64         dims[4]);
gint64         vs_volume_get_n_frames    (VsVolume      *self);
gsize          vs_volume_get_frame_voxels (VsVolume     *self);
VsDatatype     vs_volume_get_datatype    (VsVolume      *self);
gconstpointer  vs_volume_get_data        (VsVolume      *self);
gpointer       vs_volume_get_data_mutable (VsVolume     *self);
gconstpointer  vs_volume_get_frame_data  (VsVolume      *self,
                                          gint64         frame);

void           vs_volume_get_voxel_size  (VsVolume      *self,
                                          double         size[3]);
void           vs_volume_set_voxel_size  (VsVolume      *self,
                                          const double   size[3]);
const char    *vs_volume_get_spatial_unit (VsVolume     *self);
gboolean       vs_volume_set_spatial_unit (VsVolume     *self,
                                          const char    *name);
void           vs_volume_get_affine      (VsVolume      *self,
                                          double         affine[16]);
void           vs_volume_get_inverse_affine (VsVolume   *self,
                                          double         inverse[16]);
gboolean       vs_volume_set_affine      (VsVolume      *self,
                                          const double   affine[16],
                                          GError       **error);
void           vs_volume_voxel_to_world  (VsVolume      *self,
                                          const double   ijk[3],
                                          double         xyz[3]);
void           vs_volume_world_to_voxel  (VsVolume      *self,
                                          const double   xyz[3],
                                          double         ijk[3]);
void           vs_volume_get_orientation (VsVolume      *self,
                                          char           code[4]);
void           vs_volume_get_world_bounds (VsVolume     *self,
                                          double         lo[3],
                                          double         hi[3]);

void           vs_volume_get_scaling     (VsVolume      *self,
                                          double        *slope,
                                          double        *intercept);
void           vs_volume_set_scaling     (VsVolume      *self,
                                          double         slope,
                                          double         intercept);
double         vs_volume_get_value       (VsVolume      *self,
                                          gint64         i,
                                          gint64         j,
                                          gint64         k,
                                          gint64         frame);
gboolean       vs_volume_sample_world    (VsVolume      *self,
                                          const double   xyz[3],
                                          gint64         frame,
                                          double        *value,
                                          gint64         voxel[3]);

gboolean       vs_volume_sample_trilinear (VsVolume     *self,
                                          const double   xyz[3],
                                          gint64         frame,
                                          double        *value);
VsVolumeIntent vs_volume_get_intent      (VsVolume      *self);
void           vs_volume_set_intent      (VsVolume      *self,
                                          VsVolumeIntent intent);
VsLabelTable  *vs_volume_get_label_table (VsVolume      *self);
void           vs_volume_set_label_table (VsVolume      *self,
                                          VsLabelTable  *table);
const char    *vs_volume_get_path        (VsVolume      *self);
void           vs_volume_set_path        (VsVolume      *self,
                                          const char    *path);
char          *vs_volume_dup_display_name (VsVolume     *self);

void           vs_affine_multiply_point  (const double   m[16],
                                          const double   in[3],
                                          double         out[3]);
gboolean       vs_affine_invert          (const double   m[16],
                                          double         inverse[16]);

G_END_DECLS
