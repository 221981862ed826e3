/* SPDX-License-Identifier: MIT */
#pragma once

#include <gio/gio.h>

#include "vs-progress.h"

G_BEGIN_DECLS

/* An analysis: plain data in, plain data out, no GTK, no GL, no global state. */
typedef gpointer (*VsJobFunc) (gpointer       input,
                               VsProgress    *progress,
                               GCancellable  *cancellable,
                               GError       **error);

#define VS_TYPE_JOB (vs_job_get_type ())
G_DECLARE_FINAL_TYPE (VsJob, vs_job, VS, JOB, GObject)

VsJob        *vs_job_new          (const char     *title,
                                   VsJobFunc       func,
                                   gpointer        input,
                                   GDestroyNotify  input_free,
                                   GDestroyNotify  result_free);
const char   *vs_job_get_title    (VsJob          *self);
VsProgress   *vs_job_get_progress (VsJob          *self);
gboolean      vs_job_get_running  (VsJob          *self);
GCancellable *vs_job_get_cancellable (VsJob       *self);
void          vs_job_cancel       (VsJob          *self);
void          vs_job_run_async    (VsJob          *self,
                                   GAsyncReadyCallback callback,
                                   gpointer        user_data);
gpointer      vs_job_run_finish   (VsJob          *self,
                                   GAsyncResult   *result,
                                   GError        **error);
gpointer      vs_job_run_sync     (VsJob          *self,
                                   GError        **error);

G_END_DECLS
