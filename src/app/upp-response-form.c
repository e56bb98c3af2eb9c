/* upp-response-form.c: the interview form of one unit, saved as it is typed
 *
 * Every edit is written to the database on its own: half a second after typing pauses, and
 * while typing goes on without a pause at least every 800 ms (a debounce with a maximum wait:
 * a keystroke moves the first timer, never the second), when the focus leaves a field, and
 * when the form is left or the window closes. Nothing waits for a Save button, so a laptop that dies mid-interview
 * loses at most the last second. The writes run on a worker thread (UppSaveQueue, which says
 * why), so typing never waits for the disk; leaving the form waits for them.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-response-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-answer.h"
#include "upp-coding-highlight.h"
#include "upp-coding.h"
#include "upp-primary-menu.h"
#include "upp-question-card.h"
#include "upp-question.h"
#include "upp-response-form.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-save-queue.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme-picker.h"
#include "upp-toast.h"
#include "upp-unit.h"

#define SAVE_DELAY_MS 500
/* Below a second with room for the write itself: "every edit is saved within a second". */
#define SAVE_MAX_WAIT_MS 800
/* After a failed save (a full disk), the unsaved text is tried again this often. */
#define SAVE_RETRY_MS 5000

struct _UppResponseForm
{
  GtkWidget        parent_instance;

  UppSession      *session;
  UppRound        *round;
  GListModel      *responses;      /* the session's, live */
  guint            position;
  UppResponse     *response;       /* the form's own copy, changed as it is saved */

  GPtrArray       *cards;          /* UppQuestionCard */
  /* What is not known to be on disk: card → the edit serial of its last change; the
   * details' last edit serial, 0 when saved. */
  GHashTable      *dirty_cards;
  guint            details_dirty;
  guint            edit_serial;
  guint            load_generation; /* a save of an earlier unit changes nothing here */
  gboolean         loading;
  guint            n_saving;
  guint            save_source;     /* typing paused */
  guint            max_wait_source; /* typing went on */
  UppSaveQueue    *save_queue;
  GtkWidget       *picker;          /* UppThemePicker, made when first used */

  /* Template widgets */
  GtkCalendar     *calendar;
  GtkSpinButton   *count_spin;
  GtkLabel        *date_error;
  AdwEntryRow     *date_row;
  GtkLabel        *failure_label;
  GtkRevealer     *failure_revealer;
  GtkMenuButton   *menu_button;
  AdwComboRow     *mode_row;
  GtkBox          *questions_box;
  AdwEntryRow     *roles_row;
  GtkImage        *save_icon;
  GtkLabel        *save_label;
  GtkScrolledWindow *scrolled_window;
  AdwComboRow     *status_row;
  AdwWindowTitle  *window_title;
};

G_DEFINE_FINAL_TYPE (UppResponseForm, upp_response_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_save_state (UppResponseForm *self,
                 const char      *icon_name,
                 const char      *text)
{
  gtk_image_set_from_icon_name (self->save_icon, icon_name);
  gtk_label_set_text (self->save_label, text);
}

static gboolean
parse_date (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || *text == '\0')
    return TRUE;
  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;

  return g_date_valid_dmy (d, m, y);
}

static void
apply_details (UppResponseForm *self)
{
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  upp_response_set_status (self->response, adw_combo_row_get_selected (self->status_row));
  upp_response_set_mode (self->response, adw_combo_row_get_selected (self->mode_row));
  upp_response_set_participant_count (self->response,
                                      gtk_spin_button_get_value_as_int (self->count_spin));
  upp_response_set_participant_roles (self->response,
                                      gtk_editable_get_text (GTK_EDITABLE (self->roles_row)));
  /* A half-typed date waits until it is a date; the other fields are saved meanwhile. */
  if (parse_date (date))
    upp_response_set_interview_date (self->response, date);
}

static gboolean
has_unsaved (UppResponseForm *self)
{
  return self->details_dirty != 0 || g_hash_table_size (self->dirty_cards) > 0;
}

/* What one queued save covered, to tell the form when it is written. */
typedef struct
{
  UppResponseForm *form;
  guint            generation;
  guint            serial;
  gboolean         details;
  GPtrArray       *cards;    /* UppQuestionCard, compared, never dereferenced */
} SaveRequest;

static void
save_request_free (gpointer data)
{
  SaveRequest *request = data;

  g_clear_object (&request->form);
  g_clear_pointer (&request->cards, g_ptr_array_unref);
  g_free (request);
}

static gboolean on_save_timeout_cb (gpointer user_data);

/* Highlights the stored coded passages of every answer that is saved as it shows: one still
 * being typed keeps its highlights, which move with the text, until its save has re-anchored
 * the stored ones. */
static void
refresh_codings (UppResponseForm *self)
{
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL || self->response == NULL)
    return;
  codings = upp_store_list_codings (store, self->round, self->response, NULL, &error);
  if (codings == NULL)
    {
      g_debug ("Could not read the coded passages: %s", error->message);
      return;
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      UppQuestionCard *card = g_ptr_array_index (self->cards, i);
      const char *key = upp_question_get_key (upp_question_card_get_question (card));
      g_autoptr(GPtrArray) own = g_ptr_array_new ();

      if (g_hash_table_contains (self->dirty_cards, card))
        continue;
      for (guint j = 0; j < codings->len; j++)
        {
          UppCoding *coding = g_ptr_array_index (codings, j);

          if (g_strcmp0 (upp_coding_get_question_key (coding), key) == 0)
            g_ptr_array_add (own, coding);
        }
      upp_question_card_set_codings (card, own, upp_session_get_themes (self->session));
    }
}

static void
show_save_failed (UppResponseForm *self,
                  const GError    *error)
{
  g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);
  g_autofree char *banner = NULL;

  show_save_state (self, "dialog-warning-symbolic", _("Not saved"));

  /* A banner that stays while what is on screen is not on disk, and a toast when it starts:
   * while typing goes on, a full disk fails every save, and one toast a second would bury
   * every other. */
  banner = g_strdup_printf ("%s %s", message,
                            _("What you type stays here and is saved as soon as it can be."));
  gtk_label_set_text (self->failure_label, banner);
  if (!gtk_revealer_get_reveal_child (self->failure_revealer))
    {
      gtk_revealer_set_reveal_child (self->failure_revealer, TRUE);
      upp_toast_show (GTK_WIDGET (self), message);
    }

  /* Tried again later, in case the disk has room by then. */
  if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_RETRY_MS, on_save_timeout_cb, self);
}

static void
hide_save_failed (UppResponseForm *self)
{
  gtk_revealer_set_reveal_child (self->failure_revealer, FALSE);
}

static void
on_save_done_cb (UppSaveQueueJob *job,
                 const GError    *error,
                 gpointer         user_data)
{
  SaveRequest *request = user_data;
  UppResponseForm *self = request->form;

  self->n_saving--;
  /* The save queue's own connection committed: the overview and the rounds list follow. */
  if (error == NULL && self->session != NULL)
    upp_session_note_changes (self->session, UPP_SESSION_CHANGED_ROUNDS);
  if (request->generation != self->load_generation || self->dirty_cards == NULL)
    return;

  if (error != NULL)
    {
      g_debug ("Not saved: %s", error->message);
      show_save_failed (self, error);
      return;
    }

  /* Edited again since the save was queued: still unsaved, a later save takes it. */
  for (guint i = 0; i < request->cards->len; i++)
    {
      gpointer card = g_ptr_array_index (request->cards, i);
      gpointer serial;

      if (g_hash_table_lookup_extended (self->dirty_cards, card, NULL, &serial)
          && GPOINTER_TO_UINT (serial) <= request->serial)
        g_hash_table_remove (self->dirty_cards, card);
    }
  if (request->details && self->details_dirty <= request->serial)
    self->details_dirty = 0;

  if (!has_unsaved (self) && self->n_saving == 0)
    {
      show_save_state (self, "emblem-ok-symbolic", _("Saved"));
      hide_save_failed (self);
    }
  refresh_codings (self);
}

/* Hands everything unsaved to the worker; FALSE when there was nothing to save. */
static gboolean
queue_save (UppResponseForm *self)
{
  SaveRequest *request;
  UppSaveQueueJob *job;
  GHashTableIter iter;
  gpointer card;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->max_wait_source, g_source_remove);

  if (self->response == NULL || self->session == NULL || !has_unsaved (self))
    return FALSE;

  if (self->save_queue == NULL)
    self->save_queue = upp_save_queue_new (upp_session_get_path (self->session));

  request = g_new0 (SaveRequest, 1);
  request->form = g_object_ref (self);
  request->generation = self->load_generation;
  request->serial = self->edit_serial;
  request->details = self->details_dirty != 0;
  request->cards = g_ptr_array_new ();

  if (request->details)
    apply_details (self);
  job = upp_save_queue_job_new (self->round, self->response, request->details,
                                on_save_done_cb, request, save_request_free);

  g_hash_table_iter_init (&iter, self->dirty_cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    {
      UppQuestion *question = upp_question_card_get_question (card);
      g_autofree char *text = upp_question_card_dup_text (card);
      g_auto(GStrv) choices = upp_question_card_dup_choices (card);

      upp_save_queue_job_add_answer (job, upp_question_get_key (question), text,
                                     (const char * const *) choices);
      g_ptr_array_add (request->cards, card);
    }

  self->n_saving++;
  upp_save_queue_push (self->save_queue, job);
  return TRUE;
}

gboolean
upp_response_form_flush (UppResponseForm *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE_FORM (self), FALSE);

  queue_save (self);
  if (self->save_queue != NULL)
    upp_save_queue_drain (self->save_queue);

  return self->response == NULL || !has_unsaved (self);
}

static gboolean
on_save_timeout_cb (gpointer user_data)
{
  UppResponseForm *self = user_data;

  self->save_source = 0;
  queue_save (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_max_wait_cb (gpointer user_data)
{
  UppResponseForm *self = user_data;

  self->max_wait_source = 0;
  queue_save (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (UppResponseForm *self)
{
  self->edit_serial++;
  show_save_state (self, "document-save-symbolic", _("Saving…"));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, on_save_timeout_cb, self);
  /* Not moved by later keystrokes: continuous typing is saved too. */
  if (self->max_wait_source == 0)
    self->max_wait_source = g_timeout_add (SAVE_MAX_WAIT_MS, on_max_wait_cb, self);
}

static void
on_card_changed_cb (UppQuestionCard *card,
                    UppResponseForm *self)
{
  if (self->loading)
    return;

  schedule_save (self);
  g_hash_table_insert (self->dirty_cards, card, GUINT_TO_POINTER (self->edit_serial));
}

static void
on_card_leave_cb (UppQuestionCard *card,
                  UppResponseForm *self)
{
  /* Not waited for: the focus moves on at once. */
  if (g_hash_table_contains (self->dirty_cards, card))
    queue_save (self);
}

static void
on_details_changed_cb (UppResponseForm *self)
{
  if (self->loading || self->response == NULL)
    return;

  schedule_save (self);
  self->details_dirty = self->edit_serial;
}

static void
on_date_changed_cb (UppResponseForm *self)
{
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  gboolean valid = parse_date (date);

  gtk_widget_set_visible (GTK_WIDGET (self->date_error), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");

  on_details_changed_cb (self);
}

static void
on_day_selected_cb (UppResponseForm *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
}

/* Loading a response */

/* "2025", the year of the round a response belongs to, for the previous-answer expanders. */
static char *
dup_round_year_of (UppStore    *store,
                   UppResponse *response)
{
  g_autoptr(GError) error = NULL;
  int year = upp_store_find_response_year (store, response, &error);

  if (error != NULL)
    g_warning ("Could not look up the previous round: %s", error->message);
  if (year == 0)
    return NULL;
  return g_strdup_printf ("%d", year);
}

static void
on_coded_cb (UppThemePicker  *picker,
             UppCoding       *coding,
             UppResponseForm *self)
{
  refresh_codings (self);
}

static void
on_card_code_selection_cb (UppQuestionCard *card,
                           UppResponseForm *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (upp_question_card_get_text_view (card));
  UppQuestion *question = upp_question_card_get_question (card);
  GdkRectangle area;
  guint start, end;

  if (self->response == NULL || self->session == NULL)
    return;
  if (!upp_coding_highlight_get_selection (text_view, GTK_WIDGET (self), &start, &end, &area))
    {
      upp_toast_show (GTK_WIDGET (self), _("Select the words to code first."));
      return;
    }
  /* A passage is counted in characters of the stored text: what was typed is saved first. */
  if (!upp_response_form_flush (self))
    {
      upp_toast_show (GTK_WIDGET (self),
                      _("The answer could not be saved, so its words cannot be coded yet."));
      return;
    }

  if (self->picker == NULL)
    {
      self->picker = upp_theme_picker_new ();
      gtk_widget_set_parent (self->picker, GTK_WIDGET (self));
      g_signal_connect (self->picker, "coded", G_CALLBACK (on_coded_cb), self);
    }
  upp_theme_picker_popup_for_passage (UPP_THEME_PICKER (self->picker), self->session,
                                      self->round, self->response,
                                      upp_question_get_key (question), start, end, &area);
}

static void
on_card_remove_coding_cb (UppQuestionCard *card,
                          UppCoding       *coding,
                          UppResponseForm *self)
{
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  if (!upp_store_remove_coding (store, coding, &error))
    {
      upp_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  upp_session_note_changes (self->session, UPP_SESSION_CHANGED_THEMES);
  refresh_codings (self);
}

static void
clear_cards (UppResponseForm *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->dirty_cards);
  g_ptr_array_set_size (self->cards, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_box))) != NULL)
    gtk_box_remove (self->questions_box, child);
}

static void
build_cards (UppResponseForm *self)
{
  UppTemplate *template = upp_round_get_template (self->round);
  UppStore *store = upp_session_get_store (self->session);
  g_autoptr(UppResponse) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous_label = NULL;
  guint n = upp_template_get_n_questions (template);

  clear_cards (self);

  if (store != NULL)
    previous = upp_store_find_previous_response (store, self->round,
                                                 upp_response_get_unit (self->response), &error);
  if (error != NULL)
    g_warning ("Could not find the previous answers: %s", error->message);
  if (previous != NULL)
    previous_label = dup_round_year_of (store, previous);

  for (guint i = 0; i < n; i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      const char *key = upp_question_get_key (question);
      GtkWidget *card = upp_question_card_new (question);

      upp_question_card_set_answer (UPP_QUESTION_CARD (card),
                                    upp_response_get_answer (self->response, key));
      if (previous != NULL)
        upp_question_card_set_previous (UPP_QUESTION_CARD (card),
                                        upp_response_get_answer (previous, key), previous_label);

      g_signal_connect (card, "changed", G_CALLBACK (on_card_changed_cb), self);
      g_signal_connect (card, "leave", G_CALLBACK (on_card_leave_cb), self);
      g_signal_connect (card, "code-selection", G_CALLBACK (on_card_code_selection_cb), self);
      g_signal_connect (card, "remove-coding", G_CALLBACK (on_card_remove_coding_cb), self);
      gtk_box_append (self->questions_box, card);
      g_ptr_array_add (self->cards, card);
    }
}

/* "3 of 11" and previous/next, for where the unit is in the responses now: another process
 * may add or remove units meanwhile. */
static void
update_place (UppResponseForm *self)
{
  g_autofree char *subtitle = NULL;
  guint n;

  if (self->responses == NULL || self->response == NULL || self->round == NULL)
    return;

  n = g_list_model_get_n_items (self->responses);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (self->responses, i);

      if (g_strcmp0 (upp_response_get_uuid (response),
                     upp_response_get_uuid (self->response)) == 0)
        {
          self->position = i;
          break;
        }
    }

  /* Translators: the form's subtitle: round title, and the unit's place, e.g. "3 of 11". */
  subtitle = g_strdup_printf (_("%s · %u of %u"), upp_round_get_title (self->round),
                              self->position + 1, n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.previous-unit", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.next-unit", self->position + 1 < n);
}

/* The response at position, read for the form alone: saving changes it in memory too, and
 * the session's model must keep what it last read, or it would take the saved change for no
 * change and the views would not show it. */
static UppResponse *
dup_own_copy (UppResponseForm *self,
              guint            position)
{
  g_autoptr(UppResponse) listed = g_list_model_get_item (self->responses, position);
  UppStore *store = upp_session_get_store (self->session);
  g_autoptr(GError) error = NULL;
  UppResponse *own = NULL;

  if (store != NULL)
    own = upp_store_find_response (store, self->round, upp_response_get_unit_name (listed),
                                   &error);
  if (own == NULL)
    {
      g_warning ("Could not read the response of %s: %s", upp_response_get_unit_name (listed),
                 error != NULL ? error->message : "no database");
      return g_steal_pointer (&listed);
    }
  return own;
}

static void
load_response (UppResponseForm *self)
{
  guint n = self->responses != NULL ? g_list_model_get_n_items (self->responses) : 0;

  g_clear_object (&self->response);
  if (self->position >= n)
    return;

  self->response = dup_own_copy (self, self->position);
  self->load_generation++;
  self->loading = TRUE;

  adw_window_title_set_title (self->window_title, upp_response_get_unit_name (self->response));

  adw_combo_row_set_selected (self->status_row, upp_response_get_status (self->response));
  adw_combo_row_set_selected (self->mode_row, upp_response_get_mode (self->response));
  gtk_spin_button_set_value (self->count_spin,
                             upp_response_get_participant_count (self->response));
  gtk_editable_set_text (GTK_EDITABLE (self->roles_row),
                         upp_response_get_participant_roles (self->response) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row),
                         upp_response_get_interview_date (self->response) ?: "");
  build_cards (self);
  refresh_codings (self);

  self->loading = FALSE;
  self->details_dirty = 0;
  hide_save_failed (self);
  show_save_state (self, "emblem-ok-symbolic", _("Saved"));

  update_place (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

static void
on_responses_changed_cb (UppResponseForm *self)
{
  update_place (self);
}

static void
follow_responses (UppResponseForm *self)
{
  if (self->responses != NULL)
    g_signal_handlers_disconnect_by_func (self->responses, on_responses_changed_cb, self);
  g_clear_object (&self->responses);
  if (self->session != NULL && self->round != NULL)
    {
      self->responses = upp_session_dup_responses (self->session, self->round);
      g_signal_connect_object (self->responses, "items-changed",
                               G_CALLBACK (on_responses_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

/* A passage coded or a theme renamed beside the form (the coding view, the CLI). */
static void
on_session_changed_cb (UppResponseForm   *self,
                       UppSessionChanges  changes,
                       UppSession        *session)
{
  if (changes & (UPP_SESSION_CHANGED_THEMES | UPP_SESSION_CHANGED_ROUNDS))
    refresh_codings (self);
}

UppSession *
upp_response_form_get_session (UppResponseForm *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE_FORM (self), NULL);

  return self->session;
}

void
upp_response_form_set_session (UppResponseForm *self,
                               UppSession      *session)
{
  g_return_if_fail (UPP_IS_RESPONSE_FORM (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (self->session == session)
    return;

  upp_response_form_flush (self);
  /* Another database gets its own writer. */
  g_clear_object (&self->save_queue);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed_cb), self,
                             G_CONNECT_SWAPPED);
  follow_responses (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

UppRound *
upp_response_form_get_round (UppResponseForm *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE_FORM (self), NULL);

  return self->round;
}

void
upp_response_form_set_round (UppResponseForm *self,
                             UppRound        *round)
{
  g_return_if_fail (UPP_IS_RESPONSE_FORM (self));
  g_return_if_fail (round == NULL || UPP_IS_ROUND (round));

  if (self->round == round)
    return;

  upp_response_form_flush (self);
  g_set_object (&self->round, round);
  follow_responses (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
}

void
upp_response_form_set_position (UppResponseForm *self,
                                guint            position)
{
  g_return_if_fail (UPP_IS_RESPONSE_FORM (self));

  upp_response_form_flush (self);
  self->position = position;
  load_response (self);
}

void
upp_response_form_focus_first (UppResponseForm *self)
{
  g_return_if_fail (UPP_IS_RESPONSE_FORM (self));

  if (self->cards->len > 0)
    gtk_widget_grab_focus (upp_question_card_get_text_view (g_ptr_array_index (self->cards, 0)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->status_row));
}

guint
upp_response_form_get_position (UppResponseForm *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE_FORM (self), 0);

  return self->position;
}

static void
move_to_unit (UppResponseForm *self,
              int              delta)
{
  guint n;

  if (self->responses == NULL)
    return;

  update_place (self);
  n = g_list_model_get_n_items (self->responses);
  if ((delta < 0 && self->position == 0) || (delta > 0 && self->position + 1 >= n))
    return;

  /* What could not be saved (a full disk) stays on screen, not replaced by the next unit. */
  if (!upp_response_form_flush (self))
    return;
  self->position += delta;
  load_response (self);
  upp_response_form_focus_first (self);
}

static void
previous_unit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_to_unit (UPP_RESPONSE_FORM (widget), -1);
}

static void
next_unit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_to_unit (UPP_RESPONSE_FORM (widget), 1);
}

static void
on_unmap_cb (UppResponseForm *self)
{
  upp_response_form_flush (self);
}

static GListModel *
labels_model (const char *(*get_label) (int),
              int         n)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (int i = 0; i < n; i++)
    gtk_string_list_append (labels, get_label (i));

  return G_LIST_MODEL (labels);
}

static void
upp_response_form_dispose (GObject *object)
{
  UppResponseForm *self = UPP_RESPONSE_FORM (object);
  GtkWidget *child;

  upp_response_form_flush (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_RESPONSE_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  self->picker = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->max_wait_source, g_source_remove);
  g_clear_object (&self->save_queue);
  if (self->responses != NULL)
    g_signal_handlers_disconnect_by_func (self->responses, on_responses_changed_cb, self);
  g_clear_object (&self->responses);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_clear_object (&self->session);
  g_clear_object (&self->round);
  g_clear_object (&self->response);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->dirty_cards, g_hash_table_unref);

  G_OBJECT_CLASS (upp_response_form_parent_class)->dispose (object);
}

static void
upp_response_form_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  UppResponseForm *self = UPP_RESPONSE_FORM (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ROUND:
      g_value_set_object (value, self->round);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_response_form_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  UppResponseForm *self = UPP_RESPONSE_FORM (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_response_form_set_session (self, g_value_get_object (value));
      break;

    case PROP_ROUND:
      upp_response_form_set_round (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_response_form_class_init (UppResponseFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_response_form_dispose;
  object_class->get_property = upp_response_form_get_property;
  object_class->set_property = upp_response_form_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_object ("round", NULL, NULL, UPP_TYPE_ROUND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-response-form.ui");
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, calendar);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, count_spin);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, date_error);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, date_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, failure_label);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, failure_revealer);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, menu_button);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, mode_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, questions_box);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, roles_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, save_icon);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, save_label);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, status_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_changed_cb);

  gtk_widget_class_install_action (widget_class, "form.previous-unit", NULL,
                                   previous_unit_action);
  gtk_widget_class_install_action (widget_class, "form.next-unit", NULL, next_unit_action);
}

static void
upp_response_form_init (UppResponseForm *self)
{
  g_autoptr(GListModel) statuses = NULL;
  g_autoptr(GListModel) modes = NULL;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cards = g_ptr_array_new ();
  self->dirty_cards = g_hash_table_new (NULL, NULL);

  gtk_menu_button_set_menu_model (self->menu_button, upp_primary_menu_get ());

  statuses = labels_model ((const char *(*) (int)) upp_response_status_get_label,
                           UPP_N_RESPONSE_STATUSES);
  modes = labels_model ((const char *(*) (int)) upp_interview_mode_get_label,
                        UPP_N_INTERVIEW_MODES);
  adw_combo_row_set_model (self->status_row, statuses);
  adw_combo_row_set_model (self->mode_row, modes);

  /* Captured before the text views see them: a text view uses Ctrl+Page Up/Down itself. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Page_Up"),
                      gtk_named_action_new ("form.previous-unit")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Page_Down"),
                      gtk_named_action_new ("form.next-unit")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap_cb), NULL);
}
