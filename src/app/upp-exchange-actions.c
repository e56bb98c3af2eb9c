/* upp-exchange-actions.c: the window's exchange actions: export for exchange, import with a
 * preview, and restoring a backup
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "upp-backup.h"
#include "upp-store.h"
#include "exchange/exchange-common.h"
#include "exchange/exchange-crypt.h"
#include "upp-exchange-actions.h"
#include "upp-export-actions.h"
#include "upp-files.h"
#include "upp-privacy-dialog.h"
#include "upp-round.h"
#include "upp-device-name-dialog.h"
#include "upp-toast.h"

typedef struct
{
  GtkWindow    *parent;        /* weak */
  GtkWindow    *units_dialog;  /* weak; closed once a file is chosen */
  UppSession   *session;
  char         *round_uuid;
  char        **unit_uuids;    /* NULL: all of the round's units */
  char         *path;
  char         *passphrase;    /* never stored; cleared from memory when done */
  GPtrArray    *backups;       /* UppBackup, for the restore dialog */
  GtkDropDown  *backup_list;
} ActionData;

static ActionData *
action_data_new (GtkWindow  *parent,
                 UppSession *session)
{
  ActionData *data = g_new0 (ActionData, 1);

  g_set_weak_pointer (&data->parent, parent);
  data->session = g_object_ref (session);
  return data;
}

static void
set_passphrase (ActionData *data,
                const char *passphrase)
{
  if (data->passphrase != NULL)
    explicit_bzero (data->passphrase, strlen (data->passphrase));
  g_free (data->passphrase);
  data->passphrase = g_strdup (passphrase);
}

static void
action_data_free (ActionData *data)
{
  g_clear_weak_pointer (&data->parent);
  g_clear_weak_pointer (&data->units_dialog);
  g_clear_object (&data->session);
  g_free (data->round_uuid);
  g_strfreev (data->unit_uuids);
  g_free (data->path);
  set_passphrase (data, NULL);
  g_clear_pointer (&data->backups, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ActionData, action_data_free)

static void
action_data_closure_free (gpointer  data,
                          GClosure *closure)
{
  action_data_free (data);
}

static AdwMessageDialog *
message (GtkWindow  *parent,
         const char *heading,
         const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

/* ---- export ------------------------------------------------------------------------------- */

static char *
dup_suggested_name (UppSession         *session,
                    const char         *round_uuid,
                    const char * const *unit_uuids)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  UppRound *round = upp_session_find_round (session, round_uuid);
  g_autofree char *subject = NULL;

  if (round == NULL)
    {
      /* Translators: file name of an exchange file of the whole database,
       * "Follow-up – All Rounds – 2026-11-28.json". */
      const char *parts[] = { _("Follow-up"), _("All Rounds"), date, NULL };

      return upp_files_dup_export_name (parts, "json");
    }
  if (unit_uuids != NULL)
    {
      guint n_units = g_strv_length ((char **) unit_uuids);
      g_autofree char *units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit",
                                                             "%u units", n_units), n_units);

      subject = g_strdup_printf ("%s %s", units, date);
    }
  else
    /* Translators: the last part of an exchange file's name, "Exchange 2026-11-28". */
    subject = g_strdup_printf (_("Exchange %s"), date);
  return upp_files_dup_round_export_name (round, subject, "json");
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ActionData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  AdwToast *toast;

  if (!upp_session_exchange_export_finish (UPP_SESSION (source), result, &error))
    {
      message (data->parent, _("Export Failed"), error->message);
      return;
    }
  if (data->parent == NULL)
    return;
  basename = g_path_get_basename (data->path);
  /* Translators: %s is the file name; the colleague imports it on the other laptop. */
  toast = adw_toast_new_format (_("Saved “%s” for the other computer"), basename);
  adw_toast_set_timeout (toast, 8);
  upp_toast_add (GTK_WIDGET (data->parent), toast);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(ActionData) data = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *suffix;
  ActionData *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;
  upp_export_actions_remember_folder (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      message (data->parent, _("Export Failed"),
               _("Choose a folder on this computer or on a USB stick."));
      return;
    }
  if (data->units_dialog != NULL)
    gtk_window_destroy (data->units_dialog);
  suffix = data->passphrase != NULL ? UPP_EXCHANGE_ENCRYPTED_SUFFIX : ".json";
  /* A name ending in .json (as a colleague's earlier files do) gets the encrypted ending
   * instead, so the file says what it is. */
  if (data->passphrase != NULL && g_str_has_suffix (path, ".json"))
    path[strlen (path) - strlen (".json")] = '\0';
  if (!g_str_has_suffix (path, suffix))
    data->path = g_strconcat (path, suffix, NULL);
  else
    data->path = g_steal_pointer (&path);
  job = g_steal_pointer (&data);
  upp_session_exchange_export_encrypted_async (job->session, job->round_uuid,
                                               (const char * const *) job->unit_uuids,
                                               job->path, job->passphrase, NULL,
                                               on_export_done_cb, job);
  /* The job has its own copy, cleared when it is done. */
  set_passphrase (job, NULL);
}

static void
show_export_chooser (ActionData *data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkWindow *owner = data->units_dialog != NULL ? data->units_dialog : data->parent;

  chooser = gtk_file_chooser_native_new (data->round_uuid != NULL
                                         ? _("Save Answers for a Colleague")
                                         : _("Export Everything for Exchange"),
                                         owner, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, data->passphrase != NULL ? _("Encrypted exchange files")
                                                             : _("Exchange files"));
  gtk_file_filter_add_pattern (filter, data->passphrase != NULL
                                       ? "*" UPP_EXCHANGE_ENCRYPTED_SUFFIX : "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = dup_suggested_name (data->session, data->round_uuid,
                             (const char * const *) data->unit_uuids);
  if (data->passphrase != NULL && g_str_has_suffix (name, ".json"))
    {
      g_autofree char *plain = g_steal_pointer (&name);

      plain[strlen (plain) - strlen (".json")] = '\0';
      name = g_strconcat (plain, UPP_EXCHANGE_ENCRYPTED_SUFFIX, NULL);
    }
  upp_export_actions_start_in_last_folder (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* After the computer's name: on to the file name, or straight to the file. */
static void
on_device_named_cb (gpointer user_data)
{
  g_autoptr(ActionData) data = user_data;

  if (data->parent == NULL && data->units_dialog == NULL)
    return;
  if (data->path != NULL)
    {
      ActionData *job = g_steal_pointer (&data);

      upp_session_exchange_export_encrypted_async (job->session, job->round_uuid,
                                                   (const char * const *) job->unit_uuids,
                                                   job->path, job->passphrase, NULL,
                                                   on_export_done_cb, job);
      set_passphrase (job, NULL);
      return;
    }
  show_export_chooser (g_steal_pointer (&data));
}

/* After the check for personal data: on to the computer's name. */
static void
on_export_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ActionData) data = user_data;
  g_autoptr(GError) error = NULL;
  UppSession *session;
  GtkWindow *owner;

  if (!upp_privacy_dialog_check_finish (result, &error))
    {
      if (error != NULL)
        message (data->parent, _("Export Failed"), error->message);
      return;
    }
  if (data->parent == NULL && data->units_dialog == NULL)
    return;
  /* The file carries this computer's name: asked the first time. */
  owner = data->units_dialog != NULL ? data->units_dialog : data->parent;
  session = data->session;
  upp_device_name_dialog_ensure (owner, session, on_device_named_cb, g_steal_pointer (&data));
}

void
upp_exchange_actions_export (GtkWindow          *parent,
                                  UppSession         *session,
                                  const char         *round_uuid,
                                  const char * const *unit_uuids,
                                  GtkWindow          *units_dialog)
{
  upp_exchange_actions_export_encrypted (parent, session, round_uuid, unit_uuids, units_dialog,
                                         NULL);
}

void
upp_exchange_actions_export_encrypted (GtkWindow          *parent,
                                       UppSession         *session,
                                       const char         *round_uuid,
                                       const char * const *unit_uuids,
                                       GtkWindow          *units_dialog,
                                       const char         *passphrase)
{
  ActionData *data;

  g_return_if_fail (UPP_IS_SESSION (session));
  g_return_if_fail (unit_uuids == NULL || round_uuid != NULL);

  data = action_data_new (parent, session);
  data->round_uuid = g_strdup (round_uuid);
  data->unit_uuids = g_strdupv ((char **) unit_uuids);
  set_passphrase (data, passphrase);
  g_set_weak_pointer (&data->units_dialog, units_dialog);
  /* The whole round (or everything) is checked, though only some units may go: a match
   * elsewhere is worth seeing too, and the check is quick. */
  upp_privacy_dialog_check_async (units_dialog != NULL ? units_dialog : parent, session,
                                  round_uuid, NULL, on_export_checked_cb, data);
}

void
upp_exchange_actions_export_to (GtkWindow          *parent,
                                UppSession         *session,
                                const char         *round_uuid,
                                const char * const *unit_uuids,
                                const char         *passphrase,
                                const char         *path)
{
  ActionData *data;

  g_return_if_fail (UPP_IS_SESSION (session));
  g_return_if_fail (path != NULL);

  data = action_data_new (parent, session);
  data->round_uuid = g_strdup (round_uuid);
  data->unit_uuids = g_strdupv ((char **) unit_uuids);
  data->path = g_strdup (path);
  set_passphrase (data, passphrase);
  upp_privacy_dialog_check_async (parent, session, round_uuid, NULL, on_export_checked_cb,
                                  data);
}

/* ---- import ------------------------------------------------------------------------------- */

#define CONFLICTS_TOAST_KEY "upp-conflicts-toast"

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
on_conflicts_changed_cb (GListModel *conflicts,
                         guint       position,
                         guint       removed,
                         guint       added,
                         AdwToast   *toast)
{
  if (g_list_model_get_n_items (conflicts) == 0)
    adw_toast_dismiss (toast);
}

/* While conflicts wait to be settled, a toast leads to them. It does not time out: the
 * import's message is read first, and the way to the conflicts must still be there after;
 * it goes when they are settled, or with a newer count. */
static void
show_conflicts_toast (GtkWindow  *parent,
                      UppSession *session)
{
  GListModel *conflicts = upp_session_get_conflicts (session);
  guint n_conflicts = g_list_model_get_n_items (conflicts);
  g_autofree char *message = NULL;
  GWeakRef *shown;
  AdwToast *toast;

  if (n_conflicts == 0)
    return;
  shown = g_object_get_data (G_OBJECT (parent), CONFLICTS_TOAST_KEY);
  if (shown != NULL)
    {
      g_autoptr(AdwToast) previous = g_weak_ref_get (shown);

      if (previous != NULL)
        adw_toast_dismiss (previous);
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u conflict: a value was changed on two computers",
                                          "%u conflicts: values were changed on two computers",
                                          n_conflicts),
                             n_conflicts);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Resolve"));
  adw_toast_set_action_name (toast, "win.conflicts");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_object (conflicts, "items-changed", G_CALLBACK (on_conflicts_changed_cb),
                           toast, 0);
  shown = g_new0 (GWeakRef, 1);
  g_weak_ref_init (shown, toast);
  g_object_set_data_full (G_OBJECT (parent), CONFLICTS_TOAST_KEY, shown,
                          (GDestroyNotify) weak_ref_free);
  upp_toast_add (GTK_WIDGET (parent), toast);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ActionData) data = user_data;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;

  summary = upp_session_exchange_import_finish (UPP_SESSION (source), result, &error);
  if (summary == NULL)
    {
      message (data->parent, _("Import Failed"), error->message);
      return;
    }
  if (data->parent == NULL)
    return;
  /* The session's models have followed the import already: the conflicts are counted. */
  show_conflicts_toast (data->parent, data->session);
  if (summary->conflicts > 0)
    {
      text = upp_exchange_summary_to_string (summary);
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s. One answer was changed on both computers; both "
                                           "versions are kept until you choose in Conflicts.",
                                           "%s. Some answers were changed on both computers; "
                                           "both versions are kept until you choose in "
                                           "Conflicts.", summary->conflicts), text);
      message (data->parent, _("Imported with Conflicts"), body);
    }
}

static void
on_import_confirmed_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  ActionData *data = user_data;
  ActionData *job_data;

  if (g_strcmp0 (response, "import") != 0)
    return;
  job_data = action_data_new (data->parent, data->session);
  job_data->path = g_strdup (data->path);
  upp_session_exchange_import_with_passphrase_async (data->session, data->path,
                                                     data->passphrase, FALSE, NULL,
                                                     on_import_done_cb, job_data);
}

static void ask_passphrase (ActionData *data,
                            const char *problem);

static void
on_preview_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ActionData) data = user_data;
  g_autoptr(UppExchangeSummary) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *basename = g_path_get_basename (data->path);
  GtkWidget *dialog;

  preview = upp_session_exchange_import_finish (UPP_SESSION (source), result, &error);
  if (preview == NULL && data->parent != NULL &&
      (g_error_matches (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_ENCRYPTED) ||
       (data->passphrase != NULL &&
        g_error_matches (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED))))
    {
      /* A wrong passphrase and a changed file cannot be told apart: that is the point. */
      ask_passphrase (g_steal_pointer (&data),
                      error->code == UPP_EXCHANGE_ERROR_DAMAGED
                      ? _("Wrong passphrase or damaged file") : NULL);
      return;
    }
  if (preview == NULL)
    {
      message (data->parent, _("This File Cannot Be Imported"), error->message);
      return;
    }
  if (upp_exchange_summary_is_empty (preview))
    {
      body = g_strdup_printf (_("Everything in “%s” is already in this database."), basename);
      message (data->parent, _("Nothing New"), body);
      return;
    }

  text = upp_exchange_summary_to_string (preview);
  /* Translators: %s is a file name, then what the import will do, e.g. "3 units added". */
  body = g_strdup_printf (_("Importing “%s” will make these changes: %s.\n\nThe database is "
                            "backed up first. Answers changed on both computers are kept side "
                            "by side."), basename, text);
  dialog = adw_message_dialog_new (data->parent, _("Import Exchange File?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* The data lives as long as the dialog, whichever response ends it. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_import_confirmed_cb),
                         g_steal_pointer (&data), action_data_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_passphrase_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  ActionData *data = user_data;
  ActionData *preview;

  if (!g_str_equal (response, "open") || data->passphrase == NULL)
    return;
  preview = action_data_new (data->parent, data->session);
  preview->path = g_strdup (data->path);
  set_passphrase (preview, data->passphrase);
  set_passphrase (data, NULL);
  upp_session_exchange_import_with_passphrase_async (preview->session, preview->path,
                                                     preview->passphrase, TRUE, NULL,
                                                     on_preview_done_cb, preview);
}

/* Kept as typed: the dialog's widgets are gone by the time it answers. */
static void
on_passphrase_changed_cb (GtkEditable *entry,
                          ActionData  *data)
{
  AdwMessageDialog *dialog = g_object_get_data (G_OBJECT (entry), "dialog");
  const char *text = gtk_editable_get_text (entry);

  set_passphrase (data, *text != '\0' ? text : NULL);
  adw_message_dialog_set_response_enabled (dialog, "open", *text != '\0');
}

/* Asks for the passphrase of an encrypted exchange file; problem: why again, or NULL. */
static void
ask_passphrase (ActionData *data,
                const char *problem)
{
  g_autofree char *basename = g_path_get_basename (data->path);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *box, *entry;

  set_passphrase (data, NULL);
  /* Translators: %s is the file name. */
  body = g_strdup_printf (_("“%s” is encrypted. Type the passphrase it was sent with; it is "
                            "not stored."), basename);
  dialog = adw_message_dialog_new (data->parent, _("Encrypted Exchange File"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "open", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  /* A password entry keeps its text in memory that is not swapped out. */
  entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "activates-default", TRUE, "placeholder-text", _("Passphrase"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Passphrase"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  if (problem != NULL)
    {
      GtkWidget *label = gtk_label_new (problem);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (entry, "error");
      gtk_box_append (GTK_BOX (box), label);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (entry), "dialog", dialog);
  g_signal_connect (entry, "changed", G_CALLBACK (on_passphrase_changed_cb), data);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_passphrase_response_cb), data,
                         action_data_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
upp_exchange_actions_preview_and_import (GtkWindow  *parent,
                                 UppSession *session,
                                 const char *path)
{
  ActionData *data;

  g_return_if_fail (UPP_IS_SESSION (session));
  g_return_if_fail (path != NULL);

  /* First what the import would do, worked out in a transaction that is rolled back. */
  data = action_data_new (parent, session);
  data->path = g_strdup (path);
  upp_session_exchange_import_async (session, path, TRUE, NULL, on_preview_done_cb, data);
}

static void
on_import_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(ActionData) data = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;
  upp_export_actions_remember_folder (file);
  path = g_file_get_path (file);
  if (path != NULL)
    upp_exchange_actions_preview_and_import (data->parent, data->session, path);
}

void
upp_exchange_actions_import (GtkWindow  *parent,
                     UppSession *session)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (UPP_IS_SESSION (session));

  chooser = gtk_file_chooser_native_new (_("Import Exchange File"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Exchange files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_pattern (filter, "*" UPP_EXCHANGE_ENCRYPTED_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen_cb),
                    action_data_new (parent, session));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- restore ------------------------------------------------------------------------------ */

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ActionData) data = user_data;
  g_autoptr(GError) error = NULL;

  /* The window follows the session's store; only a failure is told here. */
  if (upp_session_restore_finish (UPP_SESSION (source), result, &error))
    return;
  if (upp_session_get_store (data->session) == NULL)
    message (data->parent, _("The Backup Could Not Be Opened"), error->message);
  else
    message (data->parent, _("The Backup Could Not Be Restored"), error->message);
}

static void
on_restore_confirmed_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  ActionData *data = user_data;
  UppBackup *backup;
  guint position;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  position = gtk_drop_down_get_selected (data->backup_list);
  if (position >= data->backups->len)
    return;
  backup = g_ptr_array_index (data->backups, position);
  upp_session_restore_async (data->session, upp_backup_get_path (backup), NULL, on_restored_cb,
                             action_data_new (data->parent, data->session));
}

void
upp_exchange_actions_restore_backup (GtkWindow  *parent,
                             UppSession *session)
{
  g_autoptr(ActionData) data = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_return_if_fail (UPP_IS_SESSION (session));

  data = action_data_new (parent, session);
  data->backups = upp_store_list_backups (upp_session_get_path (session), &error);
  if (data->backups == NULL)
    {
      message (parent, _("The Backups Could Not Be Listed"), error->message);
      return;
    }
  if (data->backups->len == 0)
    {
      message (parent, _("No Backups Yet"),
               _("Uppföljning backs the database up once a day and before every import. "
                 "There is none yet."));
      return;
    }
  for (guint i = 0; i < data->backups->len; i++)
    {
      UppBackup *info = g_ptr_array_index (data->backups, i);
      g_autofree char *when = g_date_time_format (upp_backup_get_created (info),
                                                  "%Y-%m-%d %H:%M");
      /* Translators: a backup in the list: its time and why it was made. */
      g_autofree char *label = g_strdup_printf (_("%s — %s"), when,
                                                upp_backup_get_label (info));

      gtk_string_list_append (labels, label);
    }

  dialog = adw_message_dialog_new (parent, _("Restore Backup?"),
                                   _("The database is replaced by the backup you choose. "
                                     "Changes made since then are no longer shown, but the "
                                     "current database is kept as a backup too."));
  data->backup_list = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)),
                                                        NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->backup_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backup"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      GTK_WIDGET (data->backup_list));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_restore_confirmed_cb),
                         g_steal_pointer (&data), action_data_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
