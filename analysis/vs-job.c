/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-job"

#include "config.h"

#include "vs-job.h"
#include "vs-thread-handoff.h"

/* VsJob runs one analysis function in a worker thread through GTask.  The worker owns its input
 * (an immutable snapshot handed over at construction), so the scene can change while it runs; the
 * result is handed back on the main loop, or dropped if the job was cancelled. */

struct _VsJob
{
  GObject         parent_instance;
  char           *title;
  VsJobFunc       func;
  gpointer        input;
  GDestroyNotify  input_free;
  GDestroyNotify  result_free;
  VsProgress     *progress;
  GCancellable   *cancellable;
  gboolean        running;
  gboolean        started;
};

G_DEFINE_FINAL_TYPE (VsJob, vs_job, G_TYPE_OBJECT)

enum { PROP_0, PROP_TITLE, PROP_RUNNING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
vs_job_dispose (GObject *object)
{
  VsJob *self = VS_JOB (object);

  g_clear_object (&self->progress);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (vs_job_parent_class)->dispose (object);
}

static void
vs_job_finalize (GObject *object)
{
  VsJob *self = VS_JOB (object);

  if (self->input != NULL && self->input_free != NULL)
    self->input_free (self->input);
  g_free (self->title);
  G_OBJECT_CLASS (vs_job_parent_class)->finalize (object);
}

static void
vs_job_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  VsJob *self = VS_JOB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_job_class_init (VsJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vs_job_dispose;
  object_class->finalize = vs_job_finalize;
  object_class->get_property = vs_job_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vs_job_init (VsJob *self)
{
  self->progress = vs_progress_new ();
  self->cancellable = g_cancellable_new ();
}

VsJob *
vs_job_new (const char     *title,
            VsJobFunc       func,
            gpointer        input,
            GDestroyNotify  input_free,
            GDestroyNotify  result_free)
{
  VsJob *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (VS_TYPE_JOB, NULL);
  self->title = g_strdup (title);
  self->func = func;
  self->input = input;
  self->input_free = input_free;
  self->result_free = result_free;
  return self;
}

const char *
vs_job_get_title (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), NULL);
  return self->title;
}

VsProgress *
vs_job_get_progress (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), NULL);
  return self->progress;
}

gboolean
vs_job_get_running (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), FALSE);
  return self->running;
}

GCancellable *
vs_job_get_cancellable (VsJob *self)
{
  g_return_val_if_fail (VS_IS_JOB (self), NULL);
  return self->cancellable;
}

void
vs_job_cancel (VsJob *self)
{
  g_return_if_fail (VS_IS_JOB (self));
  g_cancellable_cancel (self->cancellable);
}

static void
vs_job_set_running (VsJob    *self,
                    gboolean  running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
vs_job_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VsJob *self = source_object;
  GError *error = NULL;
  gpointer result;

  vs_handoff_acquire (task);
  result = self->func (self->input, self->progress, cancellable, &error);
  if (result == NULL && error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "The analysis returned nothing");

  /* A result that arrives after cancel is discarded so a cancelled job never changes anything. */
  if (error == NULL && g_cancellable_is_cancelled (cancellable))
    {
      if (self->result_free != NULL)
        self->result_free (result);
      result = NULL;
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
    }

  if (error == NULL)
    vs_progress_update (self->progress, 1.0);
  vs_handoff_release (task);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, self->result_free);
}

static void
vs_job_task_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *outer = user_data;
  VsJob *self = VS_JOB (source);

  vs_handoff_acquire (result);
  vs_job_set_running (self, FALSE);
  /* Hand the inner result to the caller's callback unchanged. */
  g_task_return_pointer (outer, g_object_ref (result), g_object_unref);
  g_object_unref (outer);
}

void
vs_job_run_async (VsJob               *self,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *outer;

  g_return_if_fail (VS_IS_JOB (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  vs_job_set_running (self, TRUE);

  outer = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (outer, vs_job_run_async);

  task = g_task_new (self, self->cancellable, vs_job_task_done, outer);
  g_task_set_source_tag (task, vs_job_thread);
  g_task_set_return_on_cancel (task, FALSE);
  vs_handoff_release (task);
  g_task_run_in_thread (task, vs_job_thread);
}

gpointer
vs_job_run_finish (VsJob         *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_autoptr(GAsyncResult) inner = NULL;

  g_return_val_if_fail (VS_IS_JOB (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vs_job_run_async, NULL);

  inner = g_task_propagate_pointer (G_TASK (result), error);
  if (inner == NULL)
    return NULL;
  return g_task_propagate_pointer (G_TASK (inner), error);
}

/* For the command line: the same function, in the calling thread. */
gpointer
vs_job_run_sync (VsJob   *self,
                 GError **error)
{
  gpointer result;

  g_return_val_if_fail (VS_IS_JOB (self), NULL);
  g_return_val_if_fail (!self->started, NULL);

  self->started = TRUE;
  result = self->func (self->input, self->progress, self->cancellable, error);
  if (result == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The analysis returned nothing");
  return result;
}
