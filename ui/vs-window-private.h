/* SPDX-License-Identifier: MIT */
#pragma once

#include "vs-job.h"
#include "vs-slice-camera.h"
#include "vs-window.h"

G_BEGIN_DECLS

struct _VsWindow
{
  GtkApplicationWindow parent_instance;

  VsScene    *scene;
  GtkWidget  *views[4];        /* sagittal, coronal, axial slice views and the 3D view */
  GtkWidget  *view_frames[4];
  GtkWidget  *view_grid;
  char       *layout;
  VsSliceAxis focused_axis;    /* of the last focused slice view */
  guint       focused_index;   /* 0–3, what the single layout shows */
  GtkWidget  *surface_list;
  GtkWidget  *surface_title;
  GtkWidget  *inspector;       /* VsVoxelInspector, shown once an encoding model has run */
  GtkWidget  *midline_panel;   /* VsMidlinePanel, shown while midlines are annotated */
  GtkWidget  *attention_panel; /* VsAttentionPanel, shown once an attention analysis ran */
  GtkWidget  *instance_panel;  /* VsInstancePanel, shown once instances are listed */
  GtkWidget  *label_tools;     /* VsLabelTools, shown while labels are edited */
  struct _VsLabelEditor *label_editor;  /* while labels are edited */
  VsLayer    *edited_layer;
  gboolean    has_split_seed;  /* the first click of a split */
  gint64      split_seed[3];
  double      stroke_last[3];  /* voxel where the brush was at the last event */
  GtkWidget  *label_recovery_bar;   /* offers label edits journalled for an opened volume */
  GtkWidget  *label_recovery_label;
  VsVolume   *label_recovery_volume;
  VsSurfaceLayer *picked_layer; /* weak */
  guint       picked_vertex;
  double      picked_xyz[3];
  GtkWidget  *layer_list;
  GtkWidget  *status_label;
  GtkWidget  *error_bar;
  GtkWidget  *error_label;
  GtkWidget  *recovery_bar;    /* offers midlines autosaved for an opened volume */
  GtkWidget  *recovery_label;
  VsVolume   *recovery_volume;
  GtkWidget  *jobs_box;
  GtkWidget  *frame_box;
  GtkWidget  *frame_scale;
  GtkWidget  *empty_page;
  GtkWidget  *view_stack;
  GMenu      *recent_menu;
  guint       n_loading;
};

void _vs_window_install_open_actions (VsWindowClass *klass);
void _vs_window_install_analysis_actions (VsWindowClass *klass);
void _vs_window_install_model_actions    (VsWindowClass *klass);
void _vs_window_install_midline_actions  (VsWindowClass *klass);
void _vs_window_install_scene_actions    (VsWindowClass *klass);
void _vs_window_install_figure_actions   (VsWindowClass *klass);
void _vs_window_install_attention_actions (VsWindowClass *klass);
void _vs_window_install_instance_actions (VsWindowClass *klass);
void _vs_window_install_label_actions (VsWindowClass *klass);
char *_vs_window_autosave_path           (VsVolume      *volume,
                                          const char    *suffix,
                                          const char    *folder);
GtkWidget *_vs_window_build_label_recovery_bar (VsWindow *self);
void _vs_window_offer_label_edits        (VsWindow      *self,
                                          VsVolume      *volume);
GtkWidget *_vs_window_build_label_tools (VsWindow     *self);
GtkWidget *_vs_window_build_instance_panel (VsWindow     *self);
GtkWidget *_vs_window_build_sidebar      (VsWindow      *self);
void _vs_window_on_layers_changed        (GListModel    *model,
                                          guint          position,
                                          guint          removed,
                                          guint          added,
                                          VsWindow      *self);
void _vs_window_offer_saved_midlines   (VsWindow      *self,
                                       VsVolume      *volume);
GtkWidget *_vs_window_build_recovery_bar (VsWindow      *self);
GtkWidget *_vs_window_slice_view_for    (VsWindow      *self,
                                        VsSliceAxis    axis);
typedef gboolean (*VsWindowFileAction) (VsWindow *self, const char *path, GError **error);
void _vs_window_choose_file (VsWindow           *self,
                             const char         *title,
                             const char         *save_as,
                             const char         *filter_name,
                             const char         *suffix,
                             VsWindowFileAction  action);
GtkWidget *_vs_window_info_bar_new      (GtkMessageType  type,
                                         GtkWidget     **label);
const char *_vs_window_info_bar_get_text (GtkWidget    *bar,
                                          GtkWidget    *label);
void _vs_window_start_midlines           (VsWindow      *self,
                                          VsMidlineAxis  axis);

void _vs_window_run_demo_models          (VsWindow      *self,
                                          VsVolume      *atlas);

/* A running analysis started from a dialog: its progress row and where its result goes. */
typedef struct {
  VsWindow       *window;   /* weak */
  VsSurfaceLayer *target;   /* weak, for projections */
  GtkWidget      *row;
  VsLayer        *partial;  /* a map filling in while the job runs, or NULL */
  double          threshold; /* its display threshold */
} JobContext;

JobContext *_vs_window_job_context_new    (VsWindow       *self,
                                           VsSurfaceLayer *target,
                                           VsJob          *job);
gboolean    _vs_window_job_context_finish (JobContext     *context,
                                           GError         *error);
GtkWidget  *_vs_window_dialog_new         (VsWindow       *self,
                                           const char     *title,
                                           const char     *action,
                                           GtkWidget     **grid);
void        _vs_window_file_row           (GtkWidget      *dialog,
                                           GtkWidget      *grid,
                                           int             row,
                                           const char     *label,
                                           const char     *key,
                                           const char     *placeholder);
char       *_vs_window_entry_path         (GtkDialog      *dialog,
                                           const char     *key);
void        _vs_window_grid_row           (GtkWidget      *grid,
                                           int             row,
                                           const char     *label,
                                           GtkWidget      *control);
GtkWidget *_vs_window_add_job_row    (VsWindow      *self,
                                      VsJob         *job);
void _vs_window_init_open            (VsWindow      *self);
void _vs_window_update_recent_menu   (VsWindow      *self);

void _vs_window_update_status        (VsWindow      *self);

G_END_DECLS
