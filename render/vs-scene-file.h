/* SPDX-License-Identifier: MIT */
#pragma once

#include <json-glib/json-glib.h>

#include "vs-orbit-camera.h"
#include "vs-scene.h"
#include "vs-slice-camera.h"

G_BEGIN_DECLS

/* One file of a scene with how it is shown: the display properties by the layers' own property
 * names ("opacity", "colormap", "display-min", …). */
typedef struct {
  char       *path;      /* absolute */
  JsonObject *display;
  guint       geometry;  /* surfaces: which geometry is drawn */
  GPtrArray  *overlays;  /* surfaces: VsSceneFileItem of their per-vertex data */
} VsSceneFileItem;

/* A saved session (.vscene): what VsScene holds and how the window shows it. */
typedef struct {
  GPtrArray     *layers;         /* VsSceneFileItem, bottom layer first */
  GPtrArray     *surfaces;       /* VsSceneFileItem */
  double         cursor[3];
  gboolean       radiological;
  gint64         frame;
  double         hemisphere_gap;
  char          *layout;         /* "grid", "row" or "single" */
  VsSliceAxis    focused_axis;
  gboolean       has_view[3];    /* by VsSliceAxis: a slice view's centre and zoom */
  VsSliceCamera  view[3];
  gboolean       has_camera_3d;
  VsOrbitCamera  camera_3d;
  char          *midlines;       /* annotation file (absolute), or NULL */
} VsSceneFile;

VsSceneFile *vs_scene_file_new      (void);
void         vs_scene_file_free     (VsSceneFile       *self);
VsSceneFile *vs_scene_file_read     (const char        *path,
                                     GError           **error);
gboolean     vs_scene_file_write    (const VsSceneFile *self,
                                     const char        *path,
                                     GError           **error);
VsSceneFile *vs_scene_file_capture  (VsScene           *scene,
                                     const char        *path,
                                     GError           **error);
gboolean     vs_scene_file_load     (const VsSceneFile *self,
                                     VsScene           *scene,
                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VsSceneFile, vs_scene_file_free)

G_END_DECLS
