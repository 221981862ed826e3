/* SPDX-License-Identifier: MIT */
#pragma once

#include <glib.h>

/* GLib's GMutex, GCond, thread pool and main-loop hand-offs are built on futexes, which
 * ThreadSanitizer cannot see: to it, data passed from a worker to the main loop looks like a
 * race.  Where our data crosses threads through GLib, these name the hand-off — release before
 * handing @object over, acquire once it has arrived — so `make check-tsan` checks what we do,
 * not GLib.  Without -fsanitize=thread they compile to nothing. */

#if defined(__SANITIZE_THREAD__)
void __tsan_acquire (void *addr);
void __tsan_release (void *addr);
#define vs_handoff_release(object) __tsan_release ((void *) (object))
#define vs_handoff_acquire(object) __tsan_acquire ((void *) (object))
#else
#define vs_handoff_release(object) ((void) (object))
#define vs_handoff_acquire(object) ((void) (object))
#endif

/* A GMutex that ThreadSanitizer sees: use these instead of g_mutex_lock/unlock in analyses. */
static inline void
vs_mutex_lock (GMutex *mutex)
{
  g_mutex_lock (mutex);
  vs_handoff_acquire (mutex);
}

static inline void
vs_mutex_unlock (GMutex *mutex)
{
  vs_handoff_release (mutex);
  g_mutex_unlock (mutex);
}
