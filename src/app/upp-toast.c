/* upp-toast.c: toasts from any widget, without knowing the window
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-toast"

#include "config.h"

#include "upp-toast.h"

#define OVERLAY_KEY "upp-toast-overlay"

void
upp_toast_set_overlay (GtkWindow       *window,
                       AdwToastOverlay *overlay)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  /* The overlay is a child of the window: no reference, or neither would go. */
  g_object_set_data (G_OBJECT (window), OVERLAY_KEY, overlay);
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkWindow *window;

  if (ancestor != NULL)
    return ADW_TOAST_OVERLAY (ancestor);

  /* A dialog shows its toasts in the window it belongs to. */
  for (window = (GtkWindow *) gtk_widget_get_root (widget); window != NULL;
       window = gtk_window_get_transient_for (window))
    {
      AdwToastOverlay *overlay = g_object_get_data (G_OBJECT (window), OVERLAY_KEY);

      if (overlay != NULL)
        return overlay;
    }
  return NULL;
}

void
upp_toast_add (GtkWidget *widget,
               AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = find_overlay (widget);
  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }
  adw_toast_overlay_add_toast (overlay, toast);
}

void
upp_toast_show (GtkWidget  *widget,
                const char *message)
{
  upp_toast_add (widget, adw_toast_new (message));
}
