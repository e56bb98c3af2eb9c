/* upp-window.c: the main window: a navigation shell around the session's pages
 *
 * The window owns the session on the open database and hands it to its pages; the pages follow
 * the session's live models by themselves and navigate with the window's actions. What is
 * left here: which page shows, the actions that open dialogs, deleting with undo, the day's
 * backup, and opening another database or a backup.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-conflicts-view.h"
#include "upp-csv-import-dialog.h"
#include "upp-device-name-dialog.h"
#include "upp-exchange-actions.h"
#include "upp-exchange-export-dialog.h"
#include "upp-primary-menu.h"
#include "upp-privacy-dialog.h"
#include "upp-response-form.h"
#include "upp-round-dialog.h"
#include "upp-round-page.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-rounds-page.h"
#include "upp-search-page.h"
#include "upp-settings.h"
#include "upp-store.h"
#include "upp-templates-page.h"
#include "upp-toast.h"
#include "upp-unit.h"
#include "upp-window.h"

/* How often a window left open overnight checks for the day's backup. */
#define DAILY_BACKUP_INTERVAL_S (60 * 60)

struct _UppWindow
{
  AdwApplicationWindow  parent_instance;

  UppSession           *session;
  GSettings            *settings;
  GCancellable         *cancellable;
  /* Rounds the user deleted whose undo toast is still showing: uuid → UppRound. */
  GHashTable           *pending_deletes;

  /* Template widgets */
  UppConflictsView     *conflicts_view;
  GtkMenuButton        *conflicts_menu_button;
  AdwStatusPage        *error_page;
  UppResponseForm      *response_form;
  UppRoundPage         *round_page;
  UppRoundsPage        *rounds_page;
  UppSearchPage        *search_page;
  GtkStack             *stack;
  GtkMenuButton        *templates_menu_button;
  UppTemplatesPage     *templates_page;
  AdwToastOverlay      *toast_overlay;

  /* The page the templates or conflicts were opened from, to go back to. */
  char                 *return_page;
  guint                 daily_backup_source;
};

G_DEFINE_FINAL_TYPE (UppWindow, upp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Actions that need an open database, and those that also need to write to it. */
static const char * const open_actions[] = {
  "win.templates", "win.exchange-export", "win.show-rounds", "win.show-round",
  "win.show-response", "win.search", "win.show-answer", "win.show-interview-note",
  "win.show-round-view",
};
static const char * const write_actions[] = {
  "win.new-round", "win.import-csv", "win.exchange-import", "win.conflicts",
  "win.edit-round", "win.duplicate-round", "win.delete-round", "win.privacy-words",
  "win.device-name",
};

UppSession *
upp_window_get_session (UppWindow *self)
{
  g_return_val_if_fail (UPP_IS_WINDOW (self), NULL);

  return self->session;
}

static UppStore *
get_store (UppWindow *self)
{
  return self->session != NULL ? upp_session_get_store (self->session) : NULL;
}

static void
update_actions (UppWindow *self)
{
  gboolean open = get_store (self) != NULL;
  gboolean writable = open && !upp_session_is_read_only (self->session);

  for (guint i = 0; i < G_N_ELEMENTS (open_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), open_actions[i], open);
  for (guint i = 0; i < G_N_ELEMENTS (write_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), write_actions[i], writable);
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
  update_actions (self);
}

/* Navigation */

/* The interview form, made after the first frame or when a unit's answers are opened before. */
static UppResponseForm *
get_response_form (UppWindow *self)
{
  if (self->response_form == NULL)
    {
      self->response_form = g_object_new (UPP_TYPE_RESPONSE_FORM, NULL);
      g_object_bind_property (self, "session", self->response_form, "session",
                              G_BINDING_SYNC_CREATE);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->response_form), "response");
    }
  return self->response_form;
}

/* Saves what the form holds unsaved; FALSE (the form says why) when that failed. Without a
 * form nothing was typed. */
static gboolean
flush_response_form (UppWindow *self)
{
  return self->response_form == NULL || upp_response_form_flush (self->response_form);
}

/* The round's page, made after the first frame (make_pages_cb ()) or when a round is shown
 * before that, rather than before the first frame: its views are most of the window's
 * widgets. */
static UppRoundPage *
get_round_page (UppWindow *self)
{
  if (self->round_page == NULL)
    {
      self->round_page = g_object_new (UPP_TYPE_ROUND_PAGE, NULL);
      g_object_bind_property (self, "session", self->round_page, "session",
                              G_BINDING_SYNC_CREATE);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->round_page), "round");
    }
  return self->round_page;
}

/* The round shown on the round's page, NULL before one was. */
static UppRound *
get_shown_round (UppWindow *self)
{
  return self->round_page != NULL ? upp_round_page_get_round (self->round_page) : NULL;
}

static void
remember_return_page (UppWindow *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->stack);

  flush_response_form (self);
  if (g_strcmp0 (visible, "templates") == 0 || g_strcmp0 (visible, "conflicts") == 0 ||
      g_strcmp0 (visible, "search") == 0)
    return;

  g_free (self->return_page);
  /* From the interview form, back leads to its round. */
  self->return_page = g_strdup (g_strcmp0 (visible, "rounds") == 0 ? "rounds" : "round");
}

static void
show_rounds (UppWindow *self)
{
  if (get_store (self) == NULL)
    return;

  flush_response_form (self);
  gtk_stack_set_visible_child_name (self->stack, "rounds");
  upp_rounds_page_focus_list (self->rounds_page);
}


static void
show_round (UppWindow  *self,
            const char *uuid)
{
  UppRound *round;

  if (get_store (self) == NULL)
    return;

  round = upp_session_find_round (self->session, uuid);
  if (round == NULL)
    {
      g_debug ("No round %s to show; it may have been deleted", uuid);
      show_rounds (self);
      return;
    }

  flush_response_form (self);
  upp_round_page_set_round (get_round_page (self), round);
  gtk_stack_set_visible_child_name (self->stack, "round");
  upp_round_page_focus_units (self->round_page);
}

static void
show_response (UppWindow  *self,
               const char *uuid,
               guint       position)
{
  UppRound *round;

  if (get_store (self) == NULL)
    return;

  round = upp_session_find_round (self->session, uuid);
  if (round == NULL)
    {
      show_rounds (self);
      return;
    }

  /* Back from the form is the form's round, however the form was reached. */
  if (get_shown_round (self) != round)
    upp_round_page_set_round (get_round_page (self), round);
  upp_response_form_set_round (get_response_form (self), round);
  upp_response_form_set_position (self->response_form, position);
  gtk_stack_set_visible_child_name (self->stack, "response");
  upp_response_form_focus_first (self->response_form);
}

static void
go_back (UppWindow *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (visible, "response") == 0)
    {
      /* What could not be saved stays on screen; the toast says why. */
      if (!flush_response_form (self))
        return;
      gtk_stack_set_visible_child_name (self->stack, "round");
      /* Back on the unit just seen, so Down and Return open the next one. */
      upp_round_page_focus_unit (self->round_page,
                                 upp_response_form_get_position (self->response_form));
    }
  else if (g_strcmp0 (visible, "round") == 0)
    {
      show_rounds (self);
    }
  else if (g_strcmp0 (visible, "templates") == 0 || g_strcmp0 (visible, "conflicts") == 0 ||
           g_strcmp0 (visible, "search") == 0)
    {
      if (g_strcmp0 (self->return_page, "round") == 0)
        {
          UppRoundPage *round_page = get_round_page (self);

          gtk_stack_set_visible_child_name (self->stack, "round");
          upp_round_page_focus_units (round_page);
        }
      else
        {
          show_rounds (self);
        }
    }
}

static void
show_rounds_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_rounds (UPP_WINDOW (widget));
}

static void
show_round_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_round (UPP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A round with one of its views ("report", "themes") in front: where a search hit in a
 * report text or a theme leads. */
static void
show_round_view_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  const char *uuid, *view;

  g_variant_get (parameter, "(&s&s)", &uuid, &view);
  show_round (self, uuid);
  upp_round_page_show_view (get_round_page (self), view);
}

static void
show_response_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *uuid;
  guint position;

  g_variant_get (parameter, "(&su)", &uuid, &position);
  show_response (UPP_WINDOW (widget), uuid, position);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  go_back (UPP_WINDOW (widget));
}

static void
templates_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  const char *visible = gtk_stack_get_visible_child_name (self->stack);

  if (get_store (self) == NULL || g_strcmp0 (visible, "templates") == 0)
    return;

  remember_return_page (self);
  gtk_stack_set_visible_child_name (self->stack, "templates");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);

  if (get_store (self) == NULL)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "search") != 0)
    remember_return_page (self);
  gtk_stack_set_visible_child_name (self->stack, "search");
  upp_search_page_focus_entry (self->search_page);
}

/* Where the unit's response is in the round's list of responses, as the form counts. */
static gboolean
find_unit_position (UppWindow  *self,
                    UppRound   *round,
                    const char *unit_uuid,
                    guint      *position)
{
  g_autoptr(GListModel) responses = upp_session_dup_responses (self->session, round);

  for (guint i = 0; i < g_list_model_get_n_items (responses); i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (responses, i);

      if (g_strcmp0 (upp_unit_get_uuid (upp_response_get_unit (response)), unit_uuid) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* A search hit: the unit's interview form with the match selected in its answer to the
 * question (win.show-answer) or in the note of one of its interviews (win.show-interview-note,
 * key is the interview's uuid). */
static void
show_answer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  const char *round_uuid, *unit_uuid, *key;
  gint32 start, end;
  guint position;
  UppRound *round;

  g_variant_get (parameter, "(&s&s&sii)", &round_uuid, &unit_uuid, &key, &start, &end);
  round = get_store (self) ? upp_session_find_round (self->session, round_uuid) : NULL;
  if (round == NULL || !find_unit_position (self, round, unit_uuid, &position))
    return;
  g_free (self->return_page);
  self->return_page = g_strdup ("round");
  upp_round_page_set_round (get_round_page (self), round);
  show_response (self, round_uuid, position);
  if (g_str_equal (action_name, "win.show-interview-note"))
    upp_response_form_select_interview_note (self->response_form, key, start, end);
  else
    upp_response_form_select_answer (self->response_form, key, start, end);
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);

  if (get_store (self) == NULL)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "conflicts") != 0)
    remember_return_page (self);
  gtk_stack_set_visible_child_name (self->stack, "conflicts");
  /* Conflicts are between named computers: this one is named the first time too. */
  if (g_list_model_get_n_items (upp_session_get_conflicts (self->session)) > 0)
    upp_device_name_dialog_ensure (GTK_WINDOW (self), self->session, NULL, NULL);
}

/* Deleting: the round is hidden at once and deleted when its undo toast goes. */

static void
commit_delete (UppWindow  *self,
               const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = NULL;
  UppStore *store = get_store (self);

  if (!g_hash_table_steal_extended (self->pending_deletes, uuid, NULL, (gpointer *) &round))
    return;

  if (store != NULL && !upp_store_delete_round (store, round, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not delete the round: %s"),
                                                  error->message);

      upp_rounds_page_set_hidden (self->rounds_page, uuid, FALSE);
      upp_toast_show (GTK_WIDGET (self), message);
      return;
    }

  /* Gone from the session's rounds now; nothing left to hide. */
  if (self->session != NULL)
    upp_session_check_for_changes (self->session);
  upp_rounds_page_set_hidden (self->rounds_page, uuid, FALSE);
}

static void
flush_pending_deletes (UppWindow *self)
{
  g_autofree gpointer *uuids = NULL;
  guint n;

  if (self->pending_deletes == NULL)
    return;

  /* commit_delete () removes from the table: walk a copy of its keys. */
  uuids = g_hash_table_get_keys_as_array (self->pending_deletes, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = g_strdup (uuids[i]);

      commit_delete (self, uuid);
    }
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
  show_rounds (self);

  title = g_strdup_printf (_("“%s” deleted"), upp_round_get_title (round));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* A whole round's answers go when it ends: twice the usual time to change one's mind. */
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "round-uuid", g_strdup (uuid), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_delete_undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_round_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  UppRound *round = upp_session_find_round (self->session, g_variant_get_string (parameter, NULL));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (round == NULL)
    return;

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

/* Creating, editing, duplicating */

static void
on_round_saved_cb (UppRoundDialog *dialog,
                   const char     *uuid,
                   UppWindow      *self)
{
  show_round (self, uuid);
}

static void
open_round_dialog (UppWindow *self,
                   UppRound  *round)
{
  UppRoundDialog *dialog;

  if (get_store (self) == NULL)
    return;

  dialog = upp_round_dialog_new (GTK_WINDOW (self), self->session, round);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_round_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_round_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_round_dialog (UPP_WINDOW (widget), NULL);
}

/* Ctrl+N: a new round where rounds are shown, a new template on the templates page. The
 * window's, so that it works wherever the focus is on the page, its header bar too. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  const char *visible = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (visible, "templates") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->templates_page), "templates.new", NULL);
  else if (g_strcmp0 (visible, "rounds") == 0 || g_strcmp0 (visible, "round") == 0)
    gtk_widget_activate_action (widget, "win.new-round", NULL);
}

static void
edit_round_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  UppRound *round = upp_session_find_round (self->session, g_variant_get_string (parameter, NULL));

  if (round != NULL)
    open_round_dialog (self, round);
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

  if (get_store (self) == NULL)
    return;
  copy = upp_store_duplicate_round (get_store (self), round, year, &error);
  if (copy == NULL)
    {
      message = g_strdup_printf (_("Could not duplicate the round: %s"), error->message);
      upp_toast_show (GTK_WIDGET (self), message);
      return;
    }

  message = g_strdup_printf (_("Round for %d created"), year);
  upp_toast_show (GTK_WIDGET (self), message);
  /* Read now, so the new round is there to show. */
  upp_session_check_for_changes (self->session);
  show_round (self, upp_round_get_uuid (copy));
}

static void
duplicate_round_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  UppRound *round = upp_session_find_round (self->session, g_variant_get_string (parameter, NULL));
  g_autofree char *year_text = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box, *entry, *message;

  if (round == NULL)
    return;

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

/* Exchange with other laptops, spreadsheets, backups */

static void
exchange_export_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  UppExchangeExportDialog *dialog;
  UppRound *round;

  if (get_store (self) == NULL)
    return;
  /* What was typed last goes into the file too. */
  flush_response_form (self);
  if (*uuid == '\0')
    {
      upp_exchange_actions_export (GTK_WINDOW (self), self->session, NULL, NULL, NULL);
      return;
    }

  round = upp_session_find_round (self->session, uuid);
  if (round == NULL)
    return;
  dialog = upp_exchange_export_dialog_new (GTK_WINDOW (self), self->session, round);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
exchange_import_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);

  if (get_store (self) != NULL)
    upp_exchange_actions_import (GTK_WINDOW (self), self->session);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);

  flush_response_form (self);
  if (self->session != NULL)
    upp_exchange_actions_restore_backup (GTK_WINDOW (self), self->session);
}

static void
device_name_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);

  if (get_store (self) != NULL)
    upp_device_name_dialog_present (GTK_WINDOW (self), self->session, NULL, NULL);
}

static void
privacy_words_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);

  if (get_store (self) != NULL)
    upp_privacy_dialog_edit_words (GTK_WINDOW (self), self->session);
}

static void
on_csv_imported_cb (UppCsvImportDialog *dialog,
                    const char         *uuid,
                    UppWindow          *self)
{
  /* The import ran as a session job, which read the models before this. */
  show_round (self, uuid);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  UppWindow *self = UPP_WINDOW (widget);
  UppCsvImportDialog *dialog;

  if (get_store (self) == NULL)
    return;

  dialog = upp_csv_import_dialog_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_csv_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The database */

/* The first use of a day backs the database up; failing that must not stop the work, but the
 * user should know their safety net is missing. */
static void
on_daily_backup_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(UppWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (upp_session_backup_daily_finish (UPP_SESSION (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_message ("Daily backup failed: %s", error->message);
  /* Translators: %s says why, e.g. "No space left on device". */
  message = g_strdup_printf (_("Could not make today’s backup: %s"), error->message);
  upp_toast_show (GTK_WIDGET (self), message);
}

static gboolean
make_daily_backup_cb (gpointer user_data)
{
  UppWindow *self = user_data;

  /* A read-only database cannot change, and may sit where nothing can be written. */
  if (get_store (self) != NULL && !upp_session_is_read_only (self->session))
    upp_session_backup_daily_async (self->session, self->cancellable, on_daily_backup_done_cb,
                                    g_object_ref (self));

  return G_SOURCE_CONTINUE;
}

static void
on_session_store_changed_cb (UppWindow *self)
{
  update_actions (self);
  if (get_store (self) == NULL)
    return;

  /* A database opened (again, after a restore): what was shown came from the file before. */
  g_hash_table_remove_all (self->pending_deletes);
  if (self->round_page != NULL)
    upp_round_page_set_round (self->round_page, NULL);
  if (self->response_form != NULL)
    upp_response_form_set_round (self->response_form, NULL);
  gtk_stack_set_visible_child_name (self->stack, "rounds");
  upp_rounds_page_focus_list (self->rounds_page);

  if (upp_session_is_read_only (self->session))
    {
      AdwToast *toast = adw_toast_new (_("This database is read-only: you can read and export, "
                                         "but no change can be saved"));

      /* Stays until dismissed: everything typed would otherwise be refused by surprise. */
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      gtk_window_set_title (GTK_WINDOW (self), _("Uppföljning (read-only)"));
    }
  else
    {
      /* Another database opened after a read-only one may be written to. */
      gtk_window_set_title (GTK_WINDOW (self), _("Uppföljning"));
    }
}

static void
on_session_changed_cb (UppWindow         *self,
                       UppSessionChanges  changes)
{
  const char *visible = gtk_stack_get_visible_child_name (self->stack);
  UppRound *round = get_shown_round (self);

  /* The round shown was deleted elsewhere (the CLI beside the window): nothing to show. */
  if ((changes & UPP_SESSION_CHANGED_ROUNDS) && round != NULL &&
      (g_strcmp0 (visible, "round") == 0 || g_strcmp0 (visible, "response") == 0) &&
      upp_session_find_round (self->session, upp_round_get_uuid (round)) == NULL)
    show_rounds (self);
}

static void
set_session (UppWindow  *self,
             UppSession *session)
{
  if (self->session != NULL)
    {
      /* What belongs to the database before goes there, not into the next one. */
      flush_response_form (self);
      flush_pending_deletes (self);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::store", G_CALLBACK (on_session_store_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed_cb), self,
                           G_CONNECT_SWAPPED);

  if (self->round_page != NULL)
    upp_round_page_set_round (self->round_page, NULL);
  if (self->response_form != NULL)
    upp_response_form_set_round (self->response_form, NULL);
  /* The pages are bound to this in upp-window.ui. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
on_file_checked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(UppWindow) self = user_data;
  UppSession *session = UPP_SESSION (source);
  g_autoptr(GError) error = NULL;

  if (!upp_session_check_file_finish (session, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || session != self->session)
        return;
      g_message ("Checking %s failed: %s", upp_session_get_path (session), error->message);
      show_open_error (self, upp_session_get_path (session), error);
      return;
    }
  if (session != self->session)
    return;

  /* A backup of a file known to be whole, then once a day while the window stays open. */
  make_daily_backup_cb (self);
  if (self->daily_backup_source == 0)
    self->daily_backup_source = g_timeout_add_seconds (DAILY_BACKUP_INTERVAL_S,
                                                       make_daily_backup_cb, self);
}

/* The round's page and the form, made once the window is on screen and nothing else waits,
 * so that the first round opened does not make them. */
static gboolean
make_pages_cb (gpointer user_data)
{
  g_autoptr(UppWindow) self = user_data;

  if (self->stack == NULL)
    return G_SOURCE_REMOVE;
  get_round_page (self);
  get_response_form (self);
  return G_SOURCE_REMOVE;
}

static gboolean
check_file_cb (gpointer user_data)
{
  g_autoptr(UppWindow) self = user_data;

  if (get_store (self) != NULL)
    upp_session_check_file_async (self->session, self->cancellable, on_file_checked_cb,
                                  g_object_ref (self));
  g_idle_add_full (G_PRIORITY_LOW, make_pages_cb, g_object_ref (self), NULL);
  return G_SOURCE_REMOVE;
}

static void
on_first_after_paint_cb (GdkFrameClock *clock,
                         UppWindow     *self)
{
  /* A frame is painted before the window is mapped, too: that one is not on screen. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_signal_handlers_disconnect_by_func (clock, on_first_after_paint_cb, self);
  g_idle_add (check_file_cb, g_object_ref (self));
}

static gboolean
on_first_frame_tick_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  /* At idle priority once a frame has been painted on screen: the first tick may come
   * before. */
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_after_paint_cb), widget,
                           0);
  return G_SOURCE_REMOVE;
}

/* Reading the whole file (tens of megabytes after ten years) is not needed to show it: it
 * runs on a worker once the window is on screen, and nothing is written before it passes. */
static void
check_file_after_first_frame (UppWindow *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_idle_add (check_file_cb, g_object_ref (self));
  else
    gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_frame_tick_cb, NULL, NULL);
}

/* Where the window was (the round, its view, the unit whose form was open), so that the next
 * start returns there. */
static void
save_navigation (UppWindow *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->stack);
  UppRound *round = get_shown_round (self);
  const char *round_uuid = "", *view = "overview", *unit_uuid = "";
  g_autoptr(UppResponse) response = NULL;

  if (self->settings == NULL || get_store (self) == NULL)
    return;

  if (g_strcmp0 (visible, "response") == 0 && self->response_form != NULL &&
      upp_response_form_get_round (self->response_form))
    {
      g_autoptr(GListModel) responses = NULL;

      round = upp_response_form_get_round (self->response_form);
      responses = upp_session_dup_responses (self->session, round);
      response = g_list_model_get_item (responses,
                                        upp_response_form_get_position (self->response_form));
      if (response != NULL)
        unit_uuid = upp_unit_get_uuid (upp_response_get_unit (response));
    }
  else if (g_strcmp0 (visible, "round") != 0)
    {
      round = NULL;
    }

  if (round != NULL)
    {
      round_uuid = upp_round_get_uuid (round);
      view = self->round_page != NULL ? upp_round_page_get_view (self->round_page) : NULL;
    }
  g_settings_set_string (self->settings, "last-round", round_uuid);
  g_settings_set_string (self->settings, "last-view", view != NULL ? view : "overview");
  g_settings_set_string (self->settings, "last-unit", unit_uuid);
}

/* Back where save_navigation () left off; a round or unit gone since leaves the rounds
 * list, said nowhere: there is nothing the user could do about it. */
static void
restore_navigation (UppWindow *self)
{
  g_autofree char *round_uuid = NULL;
  g_autofree char *view = NULL;
  g_autofree char *unit_uuid = NULL;
  guint position;
  UppRound *round;

  if (self->settings == NULL)
    return;

  round_uuid = g_settings_get_string (self->settings, "last-round");
  round = *round_uuid != '\0' ? upp_session_find_round (self->session, round_uuid) : NULL;
  if (round == NULL)
    return;
  show_round (self, round_uuid);
  view = g_settings_get_string (self->settings, "last-view");
  upp_round_page_show_view (get_round_page (self), view);

  unit_uuid = g_settings_get_string (self->settings, "last-unit");
  if (*unit_uuid == '\0' || !find_unit_position (self, round, unit_uuid, &position))
    return;
  g_free (self->return_page);
  self->return_page = g_strdup ("round");
  show_response (self, round_uuid, position);
}

static gboolean
open_database (UppWindow  *self,
               const char *path)
{
  g_autoptr(UppSession) session = upp_session_new (path);
  g_autoptr(GError) error = NULL;

  set_session (self, session);
  if (!upp_session_open (session, &error))
    {
      g_message ("Could not open %s: %s", path, error->message);
      show_open_error (self, path, error);
      return FALSE;
    }

  restore_navigation (self);
  check_file_after_first_frame (self);
  return TRUE;
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
  if (get_store (self) != NULL)
    {
      g_autoptr(GFile) db_file = g_file_new_for_path (upp_session_get_path (self->session));
      g_autoptr(GFile) folder = g_file_get_parent (db_file);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_database_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Window state */

static void
on_is_active_cb (UppWindow *self)
{
  /* Back from another window (the terminal with the CLI): show what changed meanwhile now,
   * not at the next poll. */
  if (gtk_window_is_active (GTK_WINDOW (self)) && get_store (self) != NULL)
    upp_session_check_for_changes (self->session);
}

static gboolean
upp_window_close_request (GtkWindow *window)
{
  UppWindow *self = UPP_WINDOW (window);

  flush_response_form (self);
  flush_pending_deletes (self);
  save_navigation (self);

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

  /* A window destroyed without a close request is remembered too. The template's children
   * are gone after the first dispose. */
  if (self->stack != NULL)
    save_navigation (self);
  flush_pending_deletes (self);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
  g_clear_handle_id (&self->daily_backup_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_WINDOW);
  /* The stack held the round's page and the form. */
  self->round_page = NULL;
  self->response_form = NULL;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (upp_window_parent_class)->dispose (object);
}

static void
upp_window_finalize (GObject *object)
{
  UppWindow *self = UPP_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->return_page, g_free);

  G_OBJECT_CLASS (upp_window_parent_class)->finalize (object);
}

static void
upp_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UppWindow *self = UPP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_window_class_init (UppWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = upp_window_get_property;
  object_class->dispose = upp_window_dispose;
  object_class->finalize = upp_window_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  window_class->close_request = upp_window_close_request;

  g_type_ensure (UPP_TYPE_ROUNDS_PAGE);
  g_type_ensure (UPP_TYPE_TEMPLATES_PAGE);
  g_type_ensure (UPP_TYPE_CONFLICTS_VIEW);
  g_type_ensure (UPP_TYPE_SEARCH_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UppWindow, conflicts_menu_button);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, conflicts_view);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, rounds_page);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, search_page);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, templates_menu_button);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, templates_page);
  gtk_widget_class_bind_template_child (widget_class, UppWindow, toast_overlay);

  /* Navigation */
  gtk_widget_class_install_action (widget_class, "win.show-rounds", NULL, show_rounds_action);
  gtk_widget_class_install_action (widget_class, "win.show-round", "s", show_round_action);
  gtk_widget_class_install_action (widget_class, "win.show-round-view", "(ss)",
                                   show_round_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-response", "(su)",
                                   show_response_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.templates", NULL, templates_action);
  gtk_widget_class_install_action (widget_class, "win.conflicts", NULL, conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-answer", "(sssii)",
                                   show_answer_action);
  gtk_widget_class_install_action (widget_class, "win.show-interview-note", "(sssii)",
                                   show_answer_action);
  /* A binding, not an application accelerator: the comparison view's own Ctrl+F (its
   * filter) comes first where it has the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);

  /* Rounds */
  gtk_widget_class_install_action (widget_class, "win.new-round", NULL, new_round_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "win.edit-round", "s", edit_round_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-round", "s",
                                   duplicate_round_action);
  gtk_widget_class_install_action (widget_class, "win.delete-round", "s", delete_round_action);

  /* Files */
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.exchange-import", NULL,
                                   exchange_import_action);
  gtk_widget_class_install_action (widget_class, "win.exchange-export", "s",
                                   exchange_export_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.device-name", NULL, device_name_action);
  gtk_widget_class_install_action (widget_class, "win.privacy-words", NULL,
                                   privacy_words_action);
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

  gtk_menu_button_set_menu_model (self->templates_menu_button, upp_primary_menu_get ());
  gtk_menu_button_set_menu_model (self->conflicts_menu_button, upp_primary_menu_get ());

  self->cancellable = g_cancellable_new ();
  self->pending_deletes = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                 g_free, g_object_unref);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_cb), NULL);

  self->settings = upp_settings_new_if_installed (NULL);
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
upp_window_new (GtkApplication *application,
                const char     *db_path)
{
  UppWindow *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (UPP_TYPE_WINDOW, "application", application, NULL);
  open_database (self, db_path);

  return self;
}
