/* SPDX-License-Identifier: MIT */
#define G_LOG_DOMAIN "vs-progress"

#include "config.h"

#include <math.h>

#include "vs-progress.h"
#include "vs-thread-handoff.h"

/* A worker thread reports progress as often as it likes; the owner's main loop hears of it at
 * most ten times a second and only when it changed by at least half a percent, so a progress
 * bar never floods the main loop. */

#define MIN_STEP 0.005
#define MIN_INTERVAL_US (G_USEC_PER_SEC / 10)

struct _VsProgress
{
  GObject       parent_instance;
  GMutex        mutex;
  GMainContext *owner_context;
  double        fraction;         /* latest value from the worker, under mutex */
  double        notified;         /* what the main loop last saw, under mutex */
  gint64        last_notify_time; /* under mutex */
  gboolean      notify_pending;   /* under mutex */
  double        public_fraction;  /* owner thread only */
};

G_DEFINE_FINAL_TYPE (VsProgress, vs_progress, G_TYPE_OBJECT)

enum { PROP_0, PROP_FRACTION, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_PARTIAL, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
vs_progress_finalize (GObject *object)
{
  VsProgress *self = VS_PROGRESS (object);

  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (vs_progress_parent_class)->finalize (object);
}

static void
vs_progress_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  VsProgress *self = VS_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->public_fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vs_progress_class_init (VsProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vs_progress_finalize;
  object_class->get_property = vs_progress_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A partial result from the worker (e.g. the map so far), delivered in the owner's thread. */
  signals[SIGNAL_PARTIAL] =
    g_signal_new ("partial", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_OBJECT);
}

static void
vs_progress_init (VsProgress *self)
{
  g_mutex_init (&self->mutex);
  self->owner_context = g_main_context_ref_thread_default ();
}

VsProgress *
vs_progress_new (void)
{
  return g_object_new (VS_TYPE_PROGRESS, NULL);
}

double
vs_progress_get_fraction (VsProgress *self)
{
  g_return_val_if_fail (VS_IS_PROGRESS (self), 0.0);
  return self->public_fraction;
}

static gboolean
vs_progress_notify_in_owner (gpointer data)
{
  VsProgress *self = data;
  double fraction;

  vs_mutex_lock (&self->mutex);
  fraction = self->fraction;
  self->notified = fraction;
  self->notify_pending = FALSE;
  vs_mutex_unlock (&self->mutex);

  if (fraction != self->public_fraction)
    {
      self->public_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  return G_SOURCE_REMOVE;
}

/* Callable from any thread; NULL is accepted so analyses run the same without a watcher. */
void
vs_progress_update (VsProgress *self,
                    double      fraction)
{
  gboolean schedule = FALSE;
  gint64 now;

  if (self == NULL)
    return;
  g_return_if_fail (VS_IS_PROGRESS (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  now = g_get_monotonic_time ();

  vs_mutex_lock (&self->mutex);
  self->fraction = fraction;
  if (!self->notify_pending &&
      (fraction >= 1.0 || fraction == 0.0 || fabs (fraction - self->notified) >= MIN_STEP) &&
      (fraction >= 1.0 || now - self->last_notify_time >= MIN_INTERVAL_US))
    {
      self->notify_pending = TRUE;
      self->last_notify_time = now;
      schedule = TRUE;
    }
  vs_mutex_unlock (&self->mutex);

  if (schedule)
    g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT,
                                vs_progress_notify_in_owner,
                                g_object_ref (self), g_object_unref);
}

typedef struct {
  VsProgress *progress;
  GObject    *partial;
} Partial;

static void
partial_free (gpointer data)
{
  Partial *p = data;

  g_object_unref (p->progress);
  g_object_unref (p->partial);
  g_free (p);
}

static gboolean
vs_progress_partial_in_owner (gpointer data)
{
  Partial *p = data;

  vs_handoff_acquire (p);
  g_signal_emit (p->progress, signals[SIGNAL_PARTIAL], 0, p->partial);
  return G_SOURCE_REMOVE;
}

/* Callable from any thread: hands @partial (which the worker no longer touches) to the owner's
 * main loop as the "partial" signal.  NULL @self is accepted. */
void
vs_progress_publish (VsProgress *self,
                     GObject    *partial)
{
  Partial *p;

  if (self == NULL)
    return;
  g_return_if_fail (VS_IS_PROGRESS (self));
  g_return_if_fail (G_IS_OBJECT (partial));

  p = g_new (Partial, 1);
  p->progress = g_object_ref (self);
  p->partial = g_object_ref (partial);
  vs_handoff_release (p);
  g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT,
                              vs_progress_partial_in_owner, p, partial_free);
}
