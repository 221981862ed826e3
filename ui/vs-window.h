/* SPDX-License-Identifier: MIT */
#pragma once

#include <gtk/gtk.h>

#include "vs-figure-writer.h"
#include "vs-instance-segmentation.h"

#include "vs-scene.h"

G_BEGIN_DECLS

#define VS_TYPE_WINDOW (vs_window_get_type ())
G_DECLARE_FINAL_TYPE (VsWindow, vs_window, VS, WINDOW, GtkApplicationWindow)

VsWindow   *vs_window_new            (GtkApplication *application);
VsScene    *vs_window_get_scene      (VsWindow       *self);
void        vs_window_open_files     (VsWindow       *self,
                                      GFile         **files,
                                      int             n_files);
void        vs_window_open_demo      (VsWindow       *self);
guint       vs_window_get_n_loading  (VsWindow       *self);
void        vs_window_show_error     (VsWindow       *self,
                                      const char     *message);
const char *vs_window_get_error_text (VsWindow       *self);
void        vs_window_dismiss_error  (VsWindow       *self);
const char *vs_window_get_status_text (VsWindow      *self);
GtkWidget  *vs_window_get_slice_view (VsWindow       *self,
                                      guint           index);
GtkWidget  *vs_window_get_inspector  (VsWindow       *self);
GtkWidget  *vs_window_get_midline_panel (VsWindow    *self);
GtkWidget  *vs_window_get_attention_panel (VsWindow  *self);
void        vs_window_run_attention  (VsWindow       *self,
                                      const char     *patches,
                                      const char     *stimuli,
                                      const char     *responses,
                                      const char     *regions,
                                      const char     *voxels,
                                      const char     *grid);
gboolean    vs_window_import_attention (VsWindow     *self,
                                        const char   *maps,
                                        const char   *names,
                                        const char   *stimuli,
                                        const char   *grid,
                                        GError      **error);
/* What Export Figure shows. */
typedef enum {
  VS_FIGURE_EXPORT_FOCUSED,        /* the focused slice view */
  VS_FIGURE_EXPORT_SLICES,         /* sagittal, coronal and axial side by side */
  VS_FIGURE_EXPORT_GRID,           /* the window's 2 × 2 grid: three slices and the 3D view */
  VS_FIGURE_EXPORT_LIGHTBOX,       /* slices across the focused view's axis */
  VS_FIGURE_EXPORT_SURFACE_PANEL,  /* each surface lateral and medial */
} VsFigureExportViews;

/* Export Figure: what, at @width × @height pixels (before the title and colorbars). */
typedef struct {
  VsFigureExportViews views;
  int                 width;
  int                 height;
  VsFigureDecorations decorations;
  int                 lightbox_slices;   /* of a lightbox */
  double              lightbox_spacing;  /* mm; 0: spread over the volume */
} VsFigureExport;

gboolean    vs_window_export_figure  (VsWindow             *self,
                                      const VsFigureExport *spec,
                                      const char           *path,
                                      GError              **error);
gboolean    vs_window_copy_figure    (VsWindow             *self,
                                      const VsFigureExport *spec,
                                      GError              **error);
gboolean    vs_window_save_scene     (VsWindow       *self,
                                      const char     *path,
                                      GError        **error);
gboolean    vs_window_open_scene     (VsWindow       *self,
                                      const char     *path,
                                      GError        **error);
const char *vs_window_get_recovery_text (VsWindow     *self);
gboolean    vs_window_restore_midlines (VsWindow      *self,
                                        GError       **error);
gboolean    vs_window_open_midlines  (VsWindow       *self,
                                      const char     *path,
                                      GError        **error);
void        vs_window_set_layout     (VsWindow       *self,
                                      const char     *layout);

GtkWidget  *vs_window_get_instance_panel (VsWindow    *self);
void        vs_window_list_instances (VsWindow       *self,
                                      VsLayer        *labels);
void        vs_window_segment_instances (VsWindow    *self,
                                      VsLayer        *volume,
                                      const VsInstanceOptions *options);
void        vs_window_evaluate_instances (VsWindow   *self,
                                      VsLayer        *truth,
                                      VsLayer        *prediction,
                                      gboolean        partly);
gboolean    vs_window_edit_labels    (VsWindow       *self,
                                      VsLayer        *layer,
                                      GError        **error);
struct _VsLabelEditor *vs_window_get_label_editor (VsWindow *self);
GtkWidget  *vs_window_get_label_tools (VsWindow      *self);
const char *vs_window_get_label_recovery_text (VsWindow *self);
gboolean    vs_window_restore_label_edits (VsWindow  *self,
                                      GError        **error);
gboolean    vs_window_save_labels    (VsWindow       *self,
                                      const char     *path,
                                      GError        **error);

G_END_DECLS
