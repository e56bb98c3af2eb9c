/* upp-suggestions-dialog.c: a round's suggested codes, to accept one by one or all at once
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-suggestions-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-choice.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-suggestion.h"
#include "upp-suggestions-dialog.h"

struct _UppSuggestionsDialog
{
  AdwWindow       parent_instance;

  UppSession     *session;
  UppRound       *round;
  GListStore     *suggestions;  /* UppSuggestion */
  gboolean        accepting;    /* a job is writing: nothing else to accept until it is done */

  /* Template widgets */
  GtkButton      *accept_all_button;
  GtkListBox     *list_box;
  GtkStack       *stack;
  AdwWindowTitle *window_title;
};

G_DEFINE_FINAL_TYPE (UppSuggestionsDialog, upp_suggestions_dialog, ADW_TYPE_WINDOW)

static void
show_error (UppSuggestionsDialog *self,
            GError               *error)
{
  g_message ("Suggested codes not accepted: %s", error->message);
  adw_window_title_set_subtitle (self->window_title, error->message);
}

/* The suggestions as they are now: after each accept, and when the dialog opens. */
static void
reload (UppSuggestionsDialog *self)
{
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  UppStore *store = upp_session_get_store (self->session);

  suggestions = upp_suggestion_list_for_round (store, self->round, &error);
  if (suggestions == NULL)
    {
      show_error (self, error);
      return;
    }
  g_list_store_splice (self->suggestions, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)),
                       suggestions->pdata, suggestions->len);
  gtk_stack_set_visible_child_name (self->stack, suggestions->len > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "suggestions.accept-all",
                                 suggestions->len > 0 && !self->accepting);
}

static void
set_accepting (UppSuggestionsDialog *self,
               gboolean              accepting)
{
  self->accepting = accepting;
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_box), !accepting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "suggestions.accept-all",
                                 !accepting &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)) > 0);
}

static void
accept_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UppSuggestionsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean accepted;

  accepted = upp_session_accept_suggestions_finish (UPP_SESSION (object), result, NULL, &error);
  /* Closed while the job ran: the models have the codes, and there is no list to update. */
  if (self->session == NULL)
    {
      if (!accepted)
        g_message ("Suggested codes not accepted: %s", error->message);
      return;
    }
  if (!accepted)
    show_error (self, error);
  set_accepting (self, FALSE);
  reload (self);
}

/* On a worker thread, with a backup first when several answers change: the window stays
 * responsive, and the round's models follow before the list is read again. */
static void
accept (UppSuggestionsDialog *self,
        GPtrArray            *suggestions)
{
  if (self->accepting)
    return;
  set_accepting (self, TRUE);
  upp_session_accept_suggestions_async (self->session, self->round, suggestions, NULL,
                                        accept_done_cb, g_object_ref (self));
}

static void
on_accept_clicked_cb (GtkButton            *button,
                      UppSuggestionsDialog *self)
{
  UppSuggestion *suggestion = g_object_get_data (G_OBJECT (button), "suggestion");
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (one, g_object_ref (suggestion));
  accept (self, one);
}

/* "row.change" with a choice's key: the answer coded with that choice, not the suggested. */
static void
on_change_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  UppSuggestion *suggestion = g_object_get_data (G_OBJECT (action), "suggestion");
  GtkWidget *row = g_object_get_data (G_OBJECT (action), "row");
  GtkWidget *dialog = gtk_widget_get_ancestor (row, UPP_TYPE_SUGGESTIONS_DIALOG);
  g_autoptr(UppSuggestion) changed = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);

  changed = upp_suggestion_new_changed (suggestion, g_variant_get_string (parameter, NULL));
  if (dialog == NULL || changed == NULL)
    return;
  g_ptr_array_add (one, g_steal_pointer (&changed));
  accept (UPP_SUGGESTIONS_DIALOG (dialog), one);
}

/* A menu of the question's other choices, to code the answer with one of them instead. */
static GtkWidget *
create_change_button (UppSuggestion *suggestion,
                      GtkWidget     *row,
                      const char    *title)
{
  UppQuestion *question = upp_suggestion_get_question (suggestion);
  const char * const *suggested = upp_suggestion_get_choices (suggestion);
  GPtrArray *choices = upp_question_get_choices (question);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("change", G_VARIANT_TYPE_STRING);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *accessible = NULL;
  GtkWidget *button;

  for (guint i = 0; i < choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (choices, i);
      g_autoptr(GMenuItem) menu_item = NULL;

      if (suggested != NULL && g_strv_contains (suggested, choice->key)
          && g_strv_length ((char **) suggested) == 1)
        continue;
      menu_item = g_menu_item_new (choice->label, NULL);
      g_menu_item_set_action_and_target_value (menu_item, "row.change",
                                               g_variant_new_string (choice->key));
      g_menu_append_item (menu, menu_item);
    }

  /* The row owns the action (through its group): a plain pointer back to it is safe. */
  g_object_set_data (G_OBJECT (action), "row", row);
  g_object_set_data_full (G_OBJECT (action), "suggestion", g_object_ref (suggestion),
                          g_object_unref);
  g_signal_connect (action, "activate", G_CALLBACK (on_change_activated_cb), NULL);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (group));

  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), C_("suggestion", "Change"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: accessible name of a suggestion's Change button, e.g. "Change: Falun — …". */
  accessible = g_strdup_printf (_("Change: %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  UppSuggestionsDialog *self = user_data;
  UppSuggestion *suggestion = item;
  UppQuestion *question = upp_suggestion_get_question (suggestion);
  g_autofree char *label = upp_suggestion_dup_label (suggestion);
  g_autofree char *matched = upp_suggestion_dup_matched (suggestion);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *accept = gtk_button_new_with_label (C_("suggestion", "Accept"));

  /* Translators: a suggestion's row, e.g. "Falun — LÖK-status: Arbete pågår". */
  title = g_strdup_printf (_("%s — %s: %s"),
                           upp_response_get_unit_name (upp_suggestion_get_response (suggestion)),
                           upp_question_get_short_label (question), label);
  /* Translators: the words of the answer that made the suggestion. */
  subtitle = g_strdup_printf (_("The answer says “%s”"), matched);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (accept, GTK_ALIGN_CENTER);
  /* Translators: accessible name of a suggestion's Accept button, e.g. "Accept: Falun — …". */
  accessible = g_strdup_printf (_("Accept: %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (accept), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (accept), "suggestion", g_object_ref (suggestion),
                          g_object_unref);
  g_signal_connect (accept, "clicked", G_CALLBACK (on_accept_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_change_button (suggestion, row, title));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), accept);
  return row;
}

static void
accept_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  /* Every suggestion the round has when the job runs, as `code --accept` takes them. */
  accept (UPP_SUGGESTIONS_DIALOG (widget), NULL);
}

static void
upp_suggestions_dialog_dispose (GObject *object)
{
  UppSuggestionsDialog *self = UPP_SUGGESTIONS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_SUGGESTIONS_DIALOG);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->round);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (upp_suggestions_dialog_parent_class)->dispose (object);
}

static void
upp_suggestions_dialog_class_init (UppSuggestionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_suggestions_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/se/uppfoljning/Uppfoljning/upp-suggestions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UppSuggestionsDialog, accept_all_button);
  gtk_widget_class_bind_template_child (widget_class, UppSuggestionsDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, UppSuggestionsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, UppSuggestionsDialog, window_title);

  gtk_widget_class_install_action (widget_class, "suggestions.accept-all", NULL,
                                   accept_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
upp_suggestions_dialog_init (UppSuggestionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->suggestions = g_list_store_new (UPP_TYPE_SUGGESTION);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->suggestions), create_row, self,
                           NULL);
}

GtkWidget *
upp_suggestions_dialog_new (GtkWindow  *parent,
                            UppSession *session,
                            UppRound   *round)
{
  UppSuggestionsDialog *self;

  g_return_val_if_fail (UPP_IS_SESSION (session), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  self = g_object_new (UPP_TYPE_SUGGESTIONS_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->round = g_object_ref (round);
  adw_window_title_set_subtitle (self->window_title, upp_round_get_title (round));
  reload (self);
  return GTK_WIDGET (self);
}
