/* upp-window.c: the main window: rounds → round → unit navigation, toasts, the database
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-response-form.h"
#include "upp-round-dialog.h"
#include "upp-round-page.h"
#include "upp-round.h"
#include "upp-rounds-page.h"
#include "upp-conflicts-view.h"
#include "upp-csv-import-dialog.h"
#include "upp-exchange-actions.h"
#include "upp-exchange-export-dialog.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-templates-page.h"
#include "upp-toast.h"
#include "upp-window.h"

struct _UppWindow
{
  AdwApplicationWindow  parent_instance;

  UppStore             *store;
  /* TODO(shell): the window's session; its store is the window's store. */
  UppSession           *session;
  GSettings            *settings;
  char                 *db_path;
  /* Rounds the user deleted whose undo toast is still showing: uuid → UppRound. */
  GHashTable           *pending_deletes;

  /* Template widgets */
  AdwStatusPage        *error_page;
  UppResponseForm      *response_form;
  UppRoundPage         *round_page;
  UppRoundsPage        *rounds_page;
  GtkStack             *stack;
  GtkMenuButton        *templates_menu_button;
  UppTemplatesPage     *templates_page;
  UppConflictsView     *conflicts_view;
  GtkMenuButton        *conflicts_menu_button;
  AdwToastOverlay      *toast_overlay;

  /* The page the templates or conflicts were opened from, to go back to. */
  char                 *return_page;
  /* Checks now and then for the day's backup, for a window left open overnight. */
  guint                 daily_backup_source;
};

G_DEFINE_FINAL_TYPE (UppWindow, upp_window, ADW_TYPE_APPLICATION_WINDOW)

GMenuModel *
upp_window_get_primary_menu (void)
{
  static GMenuModel *menu;

  if (menu == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/se/uppfoljning/Uppfoljning/upp-primary-menu.ui");

      menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")));
    }

  return menu;
}

UppStore *
upp_window_get_store (UppWindow *self)
{
  g_return_val_if_fail (UPP_IS_WINDOW (self), NULL);

  return self->store;
}

AdwToastOverlay *
upp_window_get_toast_overlay (UppWindow *self)
{
  g_return_val_if_fail (UPP_IS_WINDOW (self), NULL);

  return self->toast_overlay;
}

void
upp_window_add_toast (UppWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (UPP_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
upp_window_show_toast (UppWindow  *self,
                       const char *message)
{
  upp_window_add_toast (self, adw_toast_new (message));
}

static void
show_open_error (UppWindow    *self,
                 const char   *path,
                 const GError *error)
{
  g_autofree char *description = NULL;

  /* The store's messages for a newer or damaged file already say what to do. */
  if (g_error_matches (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NEWER_SCHEMA)
      || g_error_matches (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT))
    description = g_markup_escape_text (error->message, -1);
  else
    description = g_markup_printf_escaped ("<b>%s</b>\n\n%s\n\n%s", path, error->message,
                                           _("Check that the folder exists and that you may "
                                             "write to it, or open another database."));

  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-round", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.templates", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.exchange-import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.exchange-export-all", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.conflicts", FALSE);
}

static void
remember_return_page (UppWindow *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->stack);

  upp_response_form_flush (self->response_form);
  if (g_strcmp0 (visible, "templates") == 0 || g_strcmp0 (visible, "conflicts") == 0)
    return;

  g_free (self->return_page);
  /* From the interview form, back leads to its round. */
  self->return_page = g_strdup (g_strcmp0 (visible, "rounds") == 0 ? "rounds" : "round");
}

static void
use_store (UppWindow *self,
           UppStore  *store)
{
  gboolean writable = !upp_store_is_read_only (store);

  g_set_object (&self->store, store);
  upp_templates_page_set_store (self->templates_page, store);
  upp_conflicts_view_set_store (self->conflicts_view, store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-round", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.templates", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.exchange-import", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.exchange-export-all", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.conflicts", writable);

  if (!writable)
    {
      AdwToast *toast = adw_toast_new (_("This database is read-only: you can read and export, "
                                         "but no change can be saved"));

      /* Stays until dismissed: everything typed would otherwise be refused by surprise. */
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      gtk_window_set_title (GTK_WINDOW (self), _("Uppföljning (read-only)"));
    }
}

/* The first use of a day backs the database up; failing that must not stop the work, but the
 * user should know their safety net is missing. */
static gboolean
make_daily_backup_cb (gpointer user_data)
{
  UppWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  /* A read-only database cannot change, and may sit where nothing can be written. */
  if (self->store != NULL && !upp_store_is_read_only (self->store) &&
      !upp_store_backup_daily (self->store, &error))
    {
      g_autofree char *message = NULL;

      g_warning ("Daily backup failed: %s", error->message);
      /* Translators: %s says why, e.g. "No space left on device". */
      message = g_strdup_printf (_("Could not make today’s backup: %s"), error->message);
      upp_window_show_toast (self, message);
    }

  return G_SOURCE_CONTINUE;
}

/* TODO(shell): a restore opened the session again on the restored file. */
static void
on_session_store_cb (UppWindow  *self,
                     GParamSpec *pspec,
                     UppSession *session)
{
  UppStore *store = upp_session_get_store (session);

  if (store == NULL || store == self->store)
    return;
  use_store (self, store);
  upp_window_reload (self, NULL);
}

static gboolean
open_database (UppWindow  *self,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  UppStore *store;
  gboolean opened;

  if (path != self->db_path)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (path);
    }

  /* TODO(shell) */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  self->session = upp_session_new (path);
  opened = upp_session_open (self->session, &error);
  /* Afterwards: a restore opens the session again on the restored file. */
  g_signal_connect_object (self->session, "notify::store", G_CALLBACK (on_session_store_cb),
                           self, G_CONNECT_SWAPPED);
  if (!opened)
    {
      /* A refused file is no bug of ours (a warning would say so): the window shows why. */
      g_message ("Could not open %s: %s", path, error->message);
      show_open_error (self, path, error);
      return FALSE;
    }
  store = upp_session_get_store (self->session);

  use_store (self, store);
  upp_window_reload (self, NULL);
  make_daily_backup_cb (self);
  if (self->daily_backup_source == 0)
    self->daily_backup_source = g_timeout_add_seconds (60 * 60, make_daily_backup_cb, self);

  return TRUE;
}

void
upp_window_reload (UppWindow  *self,
                   const char *round_uuid)
{
  g_return_if_fail (UPP_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  upp_rounds_page_load (self->rounds_page, self->store);

  if (round_uuid != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UppRound) round = upp_store_load_round (self->store, round_uuid, &error);

      if (round != NULL)
        {
          upp_window_show_round (self, round);
          return;
        }

      g_warning ("Could not load round %s: %s", round_uuid, error->message);
    }

  upp_window_show_rounds (self);
}

void
upp_window_show_rounds (UppWindow *self)
{
  g_return_if_fail (UPP_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  upp_response_form_flush (self->response_form);
  upp_rounds_page_load (self->rounds_page, self->store);
  gtk_stack_set_visible_child_name (self->stack, "rounds");
  upp_rounds_page_focus_list (self->rounds_page);
}

void
upp_window_show_round (UppWindow *self,
                       UppRound  *round)
{
  g_return_if_fail (UPP_IS_WINDOW (self));
  g_return_if_fail (UPP_IS_ROUND (round));

  upp_response_form_flush (self->response_form);
  upp_round_page_set_round (self->round_page, self->store, self->session, round);  /* TODO(shell) */
  gtk_stack_set_visible_child_name (self->stack, "round");
  upp_round_page_focus_units (self->round_page);
}

void
upp_window_show_response (UppWindow  *self,
                          UppRound   *round,
                          GListModel *responses,
                          guint       position)
{
  g_return_if_fail (UPP_IS_WINDOW (self));

  upp_response_form_set_response (self->response_form, self->store, round, responses, position);
  gtk_stack_set_visible_child_name (self->stack, "response");
  upp_response_form_focus_first (self->response_form);
}

void
upp_window_go_back (UppWindow *self)
{
  const char *visible;

  g_return_if_fail (UPP_IS_WINDOW (self));

  visible = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (visible, "response") == 0)
    {
      /* What could not be saved stays on screen; the toast says why. */
      if (!upp_response_form_flush (self->response_form))
        return;
      upp_round_page_refresh (self->round_page);
      gtk_stack_set_visible_child_name (self->stack, "round");
      /* Back on the unit just seen, so Down and Return open the next one. */
      upp_round_page_focus_unit (self->round_page,
                                 upp_response_form_get_position (self->response_form));
    }
  else if (g_strcmp0 (visible, "round") == 0)
    {
      upp_window_show_rounds (self);
    }
  else if (g_strcmp0 (visible, "templates") == 0 || g_strcmp0 (visible, "conflicts") == 0)
    {
      if (g_strcmp0 (self->return_page, "round") == 0)
        {
          gtk_stack_set_visible_child_name (self->stack, "round");
          upp_round_page_focus_units (self->round_page);
        }
      else
        {
          upp_window_show_rounds (self);
        }
    }
}

/* Deleting */

static void
commit_delete (UppWindow  *self,
               const char *uuid)
{
  g_autoptr(GError) error = NULL;
  UppRound *round;

  round = g_hash_table_lookup (self->pending_deletes, uuid);
  if (round == NULL)
    return;

  if (self->store != NULL && !upp_store_delete_round (self->store, round, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not delete the round: %s"),
                                                  error->message);

      upp_rounds_page_set_hidden (self->rounds_page, uuid, FALSE);
      upp_window_show_toast (self, message);
    }

  g_hash_table_remove (self->pending_deletes, uuid);
}

static void
on_delete_toast_dismissed_cb (AdwToast  *toast,
                              UppWindow *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (toast), "round-uuid");

  /* The window may be going away with the toast; the close handler has deleted already. */
  if (self->pending_deletes != NULL)
    commit_delete (self, uuid);
}

static void
on_delete_undo_cb (AdwToast  *toast,
                   UppWindow *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (toast), "round-uuid");

  g_hash_table_remove (self->pending_deletes, uuid);
  upp_rounds_page_set_hidden (self->rounds_page, uuid, FALSE);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       UppWindow        *self)
{
  UppRound *round = g_object_get_data (G_OBJECT (dialog), "round");
  g_autofree char *title = NULL;
  const char *uuid;
  AdwToast *toast;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  uuid = upp_round_get_uuid (round);
  g_hash_table_insert (self->pending_deletes, g_strdup (uuid), g_object_ref (round));
  upp_rounds_page_set_hidden (self->rounds_page, uuid, TRUE);
  upp_window_show_rounds (self);

  title = g_strdup_printf (_("“%s” deleted"), upp_round_get_title (round));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* A whole round's answers go when it ends: twice the usual time to change one's mind. */
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "round-uuid", g_strdup (uuid), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_delete_undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed_cb), self, 0);
  upp_window_add_toast (self, toast);
}

void
upp_window_delete_round (UppWindow *self,
                         UppRound  *round)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (UPP_IS_WINDOW (self));
  g_return_if_fail (UPP_IS_ROUND (round));

  body = g_strdup_printf (_("“%s” (%d) and all its answers will be deleted."),
                          upp_round_get_title (round), upp_round_get_year (round));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Delete Round?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "round", g_object_ref (round), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
flush_pending_deletes (UppWindow *self)
{
  GList *keys, *uuids = NULL;

  if (self->pending_deletes == NULL)
    return;

  /* commit_delete () removes from the table: walk a copy of its keys. */
  keys = g_hash_table_get_keys (self->pending_deletes);
  for (GList *l = keys; l != NULL; l = l->next)
    uuids = g_list_prepend (uuids, g_strdup (l->data));
  g_list_free (keys);

  for (GList *l = uuids; l != NULL; l = l->next)
    commit_delete (self, l->data);
  g_list_free_full (uuids, g_free);
}

/* Creating, editing, duplicating */

static void
on_round_saved_cb (UppRoundDialog *dialog,
                   const char     *uuid,
                   UppWindow      *self)
{
  upp_window_reload (self, uuid);
}

void
upp_window_new_round (UppWindow *self)
{
  UppRoundDialog *dialog;

  g_return_if_fail (UPP_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  dialog = upp_round_dialog_new (GTK_WINDOW (self), self->store, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_round_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
upp_window_edit_round (UppWindow *self,
                       UppRound  *round)
{
  UppRoundDialog *dialog;

  g_return_if_fail (UPP_IS_WINDOW (self));

  dialog = upp_round_dialog_new (GTK_WINDOW (self), self->store, round);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_round_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
parse_year (const char *text,
            int        *year)
{
  guint64 value;

  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  value = g_ascii_strtoull (text, NULL, 10);
  if (value < 1900 || value > 2999)
    return FALSE;

  *year = (int) value;
  return TRUE;
}

static void
on_duplicate_year_changed_cb (GtkEditable      *editable,
                              AdwMessageDialog *dialog)
{
  GtkLabel *message = g_object_get_data (G_OBJECT (dialog), "message");
  const char *text = gtk_editable_get_text (editable);
  int year;
  gboolean valid = parse_year (text, &year);

  adw_message_dialog_set_response_enabled (dialog, "duplicate", valid);
  gtk_widget_set_visible (GTK_WIDGET (message), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
}

static void
on_duplicate_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          UppWindow        *self)
{
  UppRound *round = g_object_get_data (G_OBJECT (dialog), "round");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(UppRound) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int year;

  if (g_strcmp0 (response, "duplicate") != 0)
    return;

  if (!parse_year (gtk_editable_get_text (entry), &year))
    return;

  copy = upp_store_duplicate_round (self->store, round, year, &error);
  if (copy == NULL)
    {
      message = g_strdup_printf (_("Could not duplicate the round: %s"), error->message);
      upp_window_show_toast (self, message);
      return;
    }

  message = g_strdup_printf (_("Round for %d created"), year);
  upp_window_show_toast (self, message);
  upp_window_reload (self, upp_round_get_uuid (copy));
}

void
upp_window_duplicate_round (UppWindow *self,
                            UppRound  *round)
{
  g_autofree char *year_text = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box, *entry, *message;

  g_return_if_fail (UPP_IS_WINDOW (self));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Duplicate Round"),
                                                       _("The new round gets the same units and "
                                                         "template, without answers.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "duplicate", _("D_uplicate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "duplicate", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "duplicate");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  year_text = g_strdup_printf ("%d", upp_round_get_year (round) + 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), year_text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Year"), -1);
  message = gtk_label_new (_("Write the year with four digits, e.g. 2027."));
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "caption");
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data_full (G_OBJECT (dialog), "round", g_object_ref (round), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "message", message);
  g_signal_connect (entry, "changed", G_CALLBACK (on_duplicate_year_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
new_round_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  upp_window_new_round (UPP_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  upp_window_go_back (UPP_WINDOW (widget));
}

static void
templates_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  const char *visible = gtk_stack_get_visible_child_name (self->stack);

  if (self->store == NULL || g_strcmp0 (visible, "templates") == 0)
    return;

  remember_return_page (self);
  upp_templates_page_reload (self->templates_page);
  gtk_stack_set_visible_child_name (self->stack, "templates");
}

void
upp_window_show_conflicts (UppWindow *self)
{
  g_return_if_fail (UPP_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "conflicts") != 0)
    remember_return_page (self);
  upp_conflicts_view_reload (self->conflicts_view);
  gtk_stack_set_visible_child_name (self->stack, "conflicts");
}

static void
on_conflict_resolved_cb (UppWindow *self)
{
  upp_round_page_refresh (self->round_page);
}

/* Exchange with other laptops (exchange helper) */

void
upp_window_exchange_export (UppWindow *self,
                            UppRound  *round)
{
  UppExchangeExportDialog *dialog;

  g_return_if_fail (UPP_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  /* What was typed last goes into the file too. */
  upp_response_form_flush (self->response_form);
  /* TODO(shell) */
  if (round == NULL)
    {
      upp_exchange_export_for_exchange (GTK_WINDOW (self), self->session, NULL, NULL, NULL);
      return;
    }
  dialog = upp_exchange_export_dialog_new (GTK_WINDOW (self), self->session, round);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
exchange_export_all_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  upp_window_exchange_export (UPP_WINDOW (widget), NULL);
}

void
upp_window_exchange_import (UppWindow *self)
{
  g_return_if_fail (UPP_IS_WINDOW (self));

  if (self->store != NULL)
    upp_exchange_import (GTK_WINDOW (self), self->session);  /* TODO(shell) */
}

static void
exchange_import_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  upp_window_exchange_import (UPP_WINDOW (widget));
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  upp_window_show_conflicts (UPP_WINDOW (widget));
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);

  upp_response_form_flush (self->response_form);
  /* TODO(shell): the window follows the session's store (on_session_store_cb). */
  if (self->session != NULL)
    upp_exchange_restore_backup (GTK_WINDOW (self), self->session);
}

static void
on_csv_imported_cb (UppCsvImportDialog *dialog,
                    const char         *uuid,
                    UppWindow          *self)
{
  upp_window_reload (self, uuid);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  UppCsvImportDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = upp_csv_import_dialog_new (GTK_WINDOW (self), self->session);  /* TODO(shell) */
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_csv_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_database_response_cb (GtkNativeDialog *chooser,
                              int              response,
                              UppWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        open_database (self, path);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Start beside the open database, where its siblings and backups are. */
  if (self->store != NULL)
    {
      g_autoptr(GFile) db_file = g_file_new_for_path (upp_store_get_path (self->store));
      g_autoptr(GFile) folder = g_file_get_parent (db_file);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_database_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Window state */

static gboolean
upp_window_close_request (GtkWindow *window)
{
  UppWindow *self = UPP_WINDOW (window);

  upp_response_form_flush (self->response_form);
  flush_pending_deletes (self);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (upp_window_parent_class)->close_request (window);
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* An uninstalled build run without GSETTINGS_SCHEMA_DIR still starts; it only forgets
   * the window size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not installed; window size not remembered", APP_ID);
      return NULL;
    }

  return g_settings_new (APP_ID);
}

/* Built when asked for and destroyed when closed, unlike GtkApplication's own help overlay:
 * GTK 4.8's accessibility code answers a screen reader asking for a window that has just
 * gone with the last window it knows, and a hidden one (kept for later) has no bus path,
 * which crashes the app. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/se/uppfoljning/Uppfoljning/upp-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
upp_window_dispose (GObject *object)
{
  UppWindow *self = UPP_WINDOW (object);

  flush_pending_deletes (self);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
  g_clear_handle_id (&self->daily_backup_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_WINDOW);

  G_OBJECT_CLASS (upp_window_parent_class)->dispose (object);
}

static void
upp_window_finalize (GObject *object)
{
  UppWindow *self = UPP_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);  /* TODO(shell) */
  g_clear_object (&self->settings);
  g_clear_pointer (&self->return_page, g_free);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (upp_window_parent_class)->finalize (object);
}

static void
upp_window_class_init (UppWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = upp_window_dispose;
  object_class->finalize = upp_window_finalize;
  window_class->close_request = upp_window_close_request;

  g_type_ensure (UPP_TYPE_ROUNDS_PAGE);
  g_type_ensure (UPP_TYPE_ROUND_PAGE);
  g_type_ensure (UPP_TYPE_RESPONSE_FORM);
  g_type_ensure (UPP_TYPE_TEMPLATES_PAGE);
  g_type_ensure (UPP_TYPE_CONFLICTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UppWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, response_form);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, round_page);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, rounds_page);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, templates_menu_button);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, templates_page);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, conflicts_view);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, conflicts_menu_button);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.new-round", NULL, new_round_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.templates", NULL, templates_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.exchange-import", NULL,
                                   exchange_import_action);
  gtk_widget_class_install_action (widget_class, "win.exchange-export-all", NULL,
                                   exchange_export_all_action);
  gtk_widget_class_install_action (widget_class, "win.conflicts", NULL, conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL,
                                   open_database_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
}

static void
upp_window_init (UppWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  upp_toast_set_overlay (GTK_WINDOW (self), self->toast_overlay);

  gtk_menu_button_set_menu_model (self->templates_menu_button, upp_window_get_primary_menu ());
  upp_templates_page_set_toast_overlay (self->templates_page, self->toast_overlay);
  gtk_menu_button_set_menu_model (self->conflicts_menu_button, upp_window_get_primary_menu ());
  g_signal_connect_object (self->conflicts_view, "resolved",
                           G_CALLBACK (on_conflict_resolved_cb), self, G_CONNECT_SWAPPED);

  self->pending_deletes = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                 g_free, g_object_unref);

  self->settings = settings_new_if_installed ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1100, 760);
    }
}

UppWindow *
upp_window_new (UppApplication *application,
                const char     *db_path)
{
  UppWindow *self;

  self = g_object_new (UPP_TYPE_WINDOW, "application", application, NULL);
  open_database (self, db_path);

  return self;
}
