/* upp-deferred-rebuild.c: when a view that draws from live models builds itself again
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-deferred-rebuild"

#include "config.h"

#include "upp-deferred-rebuild.h"

void
upp_deferred_rebuild_init (UppDeferredRebuild *self,
                           GtkWidget          *view,
                           guint               delay_ms,
                           UppRebuildFunc      rebuild)
{
  *self = (UppDeferredRebuild) { .view = view, .rebuild = rebuild, .delay_ms = delay_ms };
}

static gboolean
rebuild_timeout_cb (gpointer user_data)
{
  UppDeferredRebuild *self = user_data;

  self->source = 0;
  self->rebuild (self->view);
  return G_SOURCE_REMOVE;
}

void
upp_deferred_rebuild_queue (UppDeferredRebuild *self)
{
  if (!gtk_widget_get_mapped (self->view))
    {
      self->stale = TRUE;
      return;
    }
  if (self->source == 0)
    self->source = g_timeout_add (self->delay_ms, rebuild_timeout_cb, self);
}

void
upp_deferred_rebuild_now (UppDeferredRebuild *self)
{
  if (gtk_widget_get_mapped (self->view))
    self->rebuild (self->view);
  else
    self->stale = TRUE;
}

void
upp_deferred_rebuild_done (UppDeferredRebuild *self)
{
  self->stale = FALSE;
  g_clear_handle_id (&self->source, g_source_remove);
}

gboolean
upp_deferred_rebuild_is_pending (UppDeferredRebuild *self)
{
  return self->stale || self->source != 0;
}

void
upp_deferred_rebuild_clear (UppDeferredRebuild *self)
{
  g_clear_handle_id (&self->source, g_source_remove);
}
