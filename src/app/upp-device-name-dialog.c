/* upp-device-name-dialog.c: asks what this computer is called in exchange files
 *
 * The name goes with every exchange file, so that a colleague's conflicts say "Annas dator"
 * rather than a device id. It is asked the first time an exchange file is written, and can
 * be changed from the primary menu.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-device-name-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-device-name-dialog.h"
#include "upp-store.h"
#include "upp-toast.h"

typedef struct
{
  UppSession        *session;
  GtkWindow         *parent;   /* weak */
  GtkEditable       *entry;
  UppDeviceNameDone  done;
  gpointer           user_data;
  gboolean           first_time;
} Question;

static void
question_free (Question *question)
{
  g_clear_object (&question->session);
  g_clear_weak_pointer (&question->parent);
  g_free (question);
}

static void
question_closure_free (gpointer  data,
                       GClosure *closure)
{
  question_free (data);
}

static void
on_name_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Question         *question)
{
  UppStore *store = upp_session_get_store (question->session);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  /* The first time, a dialog closed unanswered keeps the name it suggested: it is asked
   * once, not at every export. */
  if (g_str_equal (response, "save") || question->first_time)
    name = g_strstrip (g_strdup (gtk_editable_get_text (question->entry)));
  if (name != NULL && *name == '\0')
    g_clear_pointer (&name, g_free);
  if (name == NULL && question->first_time)
    name = upp_store_dup_default_device_name ();

  if (name != NULL && store != NULL && !upp_store_set_device_name (store, name, &error))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The computer’s name could not be saved: %s"),
                                 error->message);
      if (question->parent != NULL)
        upp_toast_show (GTK_WIDGET (question->parent), message);
      else
        g_warning ("%s", message);
    }

  if (question->done != NULL)
    question->done (question->user_data);
}

static void
present (GtkWindow         *parent,
         UppSession        *session,
         gboolean           first_time,
         UppDeviceNameDone  done,
         gpointer           user_data)
{
  UppStore *store = upp_session_get_store (session);
  Question *question = g_new0 (Question, 1);
  g_autofree char *name = NULL;
  GtkWidget *dialog, *entry;

  question->session = g_object_ref (session);
  g_set_weak_pointer (&question->parent, parent);
  question->done = done;
  question->user_data = user_data;
  question->first_time = first_time;

  if (store != NULL)
    name = upp_store_dup_device_name (store, NULL, NULL);
  if (name == NULL)
    name = upp_store_dup_default_device_name ();

  dialog = adw_message_dialog_new (parent, _("Name This Computer"),
                                   _("Exchange files from this computer carry its name, so "
                                     "that colleagues see whose changes they get. You can "
                                     "change it later in the main menu."));
  if (first_time)
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save"), NULL);
  else
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                      "cancel", _("_Cancel"),
                                      "save", _("_Save"),
                                      NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         first_time ? "save" : "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_max_length (GTK_ENTRY (entry), UPP_STORE_DEVICE_NAME_MAX);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("This computer’s name"), -1);
  question->entry = GTK_EDITABLE (entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), question,
                         question_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
upp_device_name_dialog_present (GtkWindow         *parent,
                                UppSession        *session,
                                UppDeviceNameDone  done,
                                gpointer           user_data)
{
  g_return_if_fail (UPP_IS_SESSION (session));

  present (parent, session, FALSE, done, user_data);
}

void
upp_device_name_dialog_ensure (GtkWindow         *parent,
                               UppSession        *session,
                               UppDeviceNameDone  done,
                               gpointer           user_data)
{
  UppStore *store;
  g_autofree char *name = NULL;

  g_return_if_fail (UPP_IS_SESSION (session));

  store = upp_session_get_store (session);
  if (store != NULL)
    name = upp_store_dup_device_name (store, NULL, NULL);
  /* Named already, or nowhere to keep a name (a read-only database): nothing to ask. */
  if (name != NULL || store == NULL || upp_store_is_read_only (store))
    {
      if (done != NULL)
        done (user_data);
      return;
    }
  present (parent, session, TRUE, done, user_data);
}
