/* upp-deferred-rebuild.h: when a view that draws from live models builds itself again
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*UppRebuildFunc) (gpointer view);

/* Lives in the view it serves (no reference to it). A shown view builds again after a pause in
 * the changes (the form saves about once a second while someone types); a hidden one when it
 * is shown. */
typedef struct
{
  GtkWidget      *view;
  UppRebuildFunc  rebuild;
  guint           delay_ms;
  guint           source;
  gboolean        stale;  /* changed while hidden */
} UppDeferredRebuild;

void     upp_deferred_rebuild_init       (UppDeferredRebuild *self,
                                          GtkWidget          *view,
                                          guint               delay_ms,
                                          UppRebuildFunc      rebuild);
/* Something changed: build again after the pause, or when shown. */
void     upp_deferred_rebuild_queue      (UppDeferredRebuild *self);
/* Build again now when shown (a new round), else when shown. */
void     upp_deferred_rebuild_now        (UppDeferredRebuild *self);
/* The view is building: nothing is owed any more. Its rebuild function calls this. */
void     upp_deferred_rebuild_done       (UppDeferredRebuild *self);
/* Whether a change has not been drawn yet; a view that is shown builds when it is. */
gboolean upp_deferred_rebuild_is_pending (UppDeferredRebuild *self);
void     upp_deferred_rebuild_clear      (UppDeferredRebuild *self);

G_END_DECLS
