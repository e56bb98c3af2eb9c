/* upp-toast.c: toasts from any widget, without knowing the window
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-toast"

#include "config.h"

#include <glib/gi18n.h>

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

#define ACTIONS_KEY "upp-toast-actions"

static void
open_file_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (user_data));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* A toast's button acts on widgets that may be gone by then: its action lives with the
 * overlay, which outlives the toast. */
static void
ensure_actions (AdwToastOverlay *overlay)
{
  static const GActionEntry entries[] = {
    { "open-file", open_file_activated, "s" },
  };
  g_autoptr(GSimpleActionGroup) group = NULL;

  if (g_object_get_data (G_OBJECT (overlay), ACTIONS_KEY) != NULL)
    return;
  group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries),
                                   overlay);
  gtk_widget_insert_action_group (GTK_WIDGET (overlay), "toast", G_ACTION_GROUP (group));
  g_object_set_data (G_OBJECT (overlay), ACTIONS_KEY, GINT_TO_POINTER (TRUE));
}

void
upp_toast_add_to (AdwToastOverlay *overlay,
                  AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  ensure_actions (overlay);
  adw_toast_overlay_add_toast (overlay, toast);
}

AdwToast *
upp_toast_new_for_file (const char *title,
                        GFile      *file)
{
  g_autofree char *uri = NULL;
  AdwToast *toast;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  uri = g_file_get_uri (file);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "toast.open-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  return toast;
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
  upp_toast_add_to (overlay, toast);
}

void
upp_toast_show (GtkWidget  *widget,
                const char *message)
{
  upp_toast_add (widget, adw_toast_new (message));
}
