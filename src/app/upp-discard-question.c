/* upp-discard-question.c: "Save changes?" asked before a window with unsaved work closes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-discard-question"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-discard-question.h"

#define DISCARDING_KEY "upp-discard-question-discarding"
#define SAVE_ACTION_KEY "upp-discard-question-save-action"

static gboolean
close_when_idle (gpointer window)
{
  gtk_window_close (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                GtkWindow        *window)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      upp_discard_question_skip (window);
      /* Once the question is gone: it still points at the window while it answers. */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle, g_object_ref (window),
                       g_object_unref);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (window),
                                  g_object_get_data (G_OBJECT (window), SAVE_ACTION_KEY), NULL);
    }
}

void
upp_discard_question_present (GtkWindow  *window,
                              const char *heading,
                              const char *body,
                              const char *save_label,
                              const char *save_action)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WINDOW (window));

  g_object_set_data_full (G_OBJECT (window), SAVE_ACTION_KEY, g_strdup (save_action), g_free);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", save_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
upp_discard_question_was_answered (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), DISCARDING_KEY) != NULL;
}

void
upp_discard_question_skip (GtkWindow *window)
{
  g_object_set_data (G_OBJECT (window), DISCARDING_KEY, GINT_TO_POINTER (TRUE));
}
