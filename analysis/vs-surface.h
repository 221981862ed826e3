/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib-object.h>

#include "vs-vertex-data.h"

G_BEGIN_DECLS

/* A triangle mesh with one topology and any number of geometries (white, pial, inflated, …)
 * and per-vertex data arrays.  Positions are world RAS+ millimetres. */
#define VS_TYPE_SURFACE (vs_surface_get_type ())
G_DECLARE_FINAL_TYPE (VsSurface, vs_surface, VS, SURFACE, GObject)

VsSurface     *vs_surface_new               (guint          n_vertices,
                                             const guint32 *triangles,
                                             guint          n_triangles,
                                             GError       **error);
guint          vs_surface_get_n_vertices    (VsSurface     *self);
guint          vs_surface_get_n_triangles   (VsSurface     *self);
const guint32 *vs_surface_get_triangles     (VsSurface     *self);
gboolean       vs_surface_add_geometry      (VsSurface     *self,
                                             const char    *name,
                                             const float   *positions,
                                             GError       **error);
guint          vs_surface_get_n_geometries  (VsSurface     *self);
const char    *vs_surface_get_geometry_name (VsSurface     *self,
                                             guint          index);
int            vs_surface_find_geometry     (VsSurface     *self,
                                             const char    *name);
const float   *vs_surface_get_positions     (VsSurface     *self,
                                             guint          geometry);
const float   *vs_surface_get_normals       (VsSurface     *self,
                                             guint          geometry);
void           vs_surface_get_bounds        (VsSurface     *self,
                                             guint          geometry,
                                             double         lo[3],
                                             double         hi[3]);
void           vs_surface_add_data          (VsSurface     *self,
                                             VsVertexData  *data);
guint          vs_surface_get_n_data        (VsSurface     *self);
VsVertexData  *vs_surface_get_data          (VsSurface     *self,
                                             guint          index);
const char    *vs_surface_get_structure     (VsSurface     *self);
void           vs_surface_set_structure     (VsSurface     *self,
                                             const char    *structure);
const char    *vs_surface_get_path          (VsSurface     *self);
void           vs_surface_set_path          (VsSurface     *self,
                                             const char    *path);
gint64         vs_surface_get_euler_characteristic (VsSurface *self);
gboolean       vs_surface_is_closed_and_oriented (VsSurface *self);
double         vs_surface_get_enclosed_volume (VsSurface   *self,
                                             guint          geometry);

G_END_DECLS
