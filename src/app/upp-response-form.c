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

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-agreement-dialog.h"
#include "upp-answer-history.h"
#include "upp-agreement.h"
#include "upp-answer-key.h"
#include "upp-answer.h"
#include "upp-coding-highlight.h"
#include "upp-coding.h"
#include "upp-date-row.h"
#include "upp-interview-row.h"
#include "upp-interview.h"
#include "upp-primary-menu.h"
#include "upp-question-card.h"
#include "upp-question.h"
#include "upp-response-form.h"
#include "upp-scroll-into-view.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-save-queue.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme-picker.h"
#include "upp-toast.h"
#include "upp-unit.h"
#include "upp-util.h"

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
  GHashTable      *dirty_items;    /* answer key of an item field, row or cell → edit serial */
  GHashTable      *dirty_interviews; /* UppInterviewRow → edit serial, as dirty_cards */
  GListModel      *interviews;      /* the session's, live: the response's further ones */
  GListModel      *agreements;      /* the session's, live: the unit's */
  guint            details_dirty;
  guint            edit_serial;
  guint            load_generation; /* a save of an earlier unit changes nothing here */
  gboolean         loading;
  guint            n_saving;
  guint            save_source;     /* typing paused */
  guint            max_wait_source; /* typing went on */
  UppSaveQueue    *save_queue;
  GtkWidget       *picker;          /* UppThemePicker, made when first used */
  GtkWidget       *history;         /* UppAnswerHistory, made when first used */
  UppQuestionCard *history_card;    /* the card whose history it shows */

  /* Template widgets */
  GtkListBox      *agreements_list;
  UppDateRow      *check_approved_row;
  AdwExpanderRow  *check_row;
  UppDateRow      *check_sent_row;
  GtkSpinButton   *count_spin;
  GtkLabel        *date_error;
  UppDateRow      *date_row;
  GtkSpinButton   *duration_spin;
  GtkLabel        *failure_label;
  GtkRevealer     *failure_revealer;
  GtkListBox      *interviews_list;
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

static const char *
date_of (UppDateRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
apply_details (UppResponseForm *self)
{
  upp_response_set_status (self->response, adw_combo_row_get_selected (self->status_row));
  upp_response_set_mode (self->response, adw_combo_row_get_selected (self->mode_row));
  upp_response_set_duration_minutes (self->response,
                                     gtk_spin_button_get_value_as_int (self->duration_spin));
  upp_response_set_participant_count (self->response,
                                      gtk_spin_button_get_value_as_int (self->count_spin));
  upp_response_set_participant_roles (self->response,
                                      gtk_editable_get_text (GTK_EDITABLE (self->roles_row)));
  /* A half-typed date waits until it is a date; the other fields are saved meanwhile. */
  if (upp_date_row_is_valid (self->date_row))
    upp_response_set_interview_date (self->response, date_of (self->date_row));
  if (upp_date_row_is_valid (self->check_sent_row))
    upp_response_set_check_sent (self->response, date_of (self->check_sent_row));
  if (upp_date_row_is_valid (self->check_approved_row))
    upp_response_set_check_approved (self->response, date_of (self->check_approved_row));
}

static gboolean
has_unsaved (UppResponseForm *self)
{
  return self->details_dirty != 0 || g_hash_table_size (self->dirty_cards) > 0 ||
         g_hash_table_size (self->dirty_items) > 0 ||
         g_hash_table_size (self->dirty_interviews) > 0;
}

/* What one queued save covered, to tell the form when it is written. */
typedef struct
{
  UppResponseForm *form;
  guint            generation;
  guint            serial;
  gboolean         details;
  GPtrArray       *cards;    /* UppQuestionCard, compared, never dereferenced */
  GPtrArray       *items;    /* char *: the answer keys of item fields, rows and cells */
  GPtrArray       *interview_rows; /* UppInterviewRow, the same */
} SaveRequest;

static void
save_request_free (gpointer data)
{
  SaveRequest *request = data;

  g_clear_object (&request->form);
  g_clear_pointer (&request->cards, g_ptr_array_unref);
  g_clear_pointer (&request->items, g_ptr_array_unref);
  g_clear_pointer (&request->interview_rows, g_ptr_array_unref);
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
  for (guint i = 0; i < request->items->len; i++)
    {
      const char *key = g_ptr_array_index (request->items, i);
      gpointer serial;

      if (g_hash_table_lookup_extended (self->dirty_items, key, NULL, &serial)
          && GPOINTER_TO_UINT (serial) <= request->serial)
        g_hash_table_remove (self->dirty_items, key);
    }
  for (guint i = 0; i < request->interview_rows->len; i++)
    {
      gpointer row = g_ptr_array_index (request->interview_rows, i);
      gpointer serial;

      if (g_hash_table_lookup_extended (self->dirty_interviews, row, NULL, &serial)
          && GPOINTER_TO_UINT (serial) <= request->serial)
        g_hash_table_remove (self->dirty_interviews, row);
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

static UppQuestionCard *
find_card (UppResponseForm *self,
           const char      *question_key)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      UppQuestionCard *card = g_ptr_array_index (self->cards, i);

      if (g_strcmp0 (upp_question_get_key (upp_question_card_get_question (card)),
                     question_key) == 0)
        return card;
    }
  return NULL;
}

static guint
count_separators (const char *key)
{
  guint n = 0;

  for (const char *p = strstr (key, UPP_ANSWER_KEY_SEPARATOR); p != NULL;
       p = strstr (p + 1, UPP_ANSWER_KEY_SEPARATOR))
    n++;
  return n;
}

/* A row before its cells, in the order upp_store_add_table_row () and a cell's edit write
 * them. */
static int
compare_item_keys (gconstpointer a,
                   gconstpointer b)
{
  const char *key_a = *(const char * const *) a;
  const char *key_b = *(const char * const *) b;
  guint depth_a = count_separators (key_a);
  guint depth_b = count_separators (key_b);

  if (depth_a != depth_b)
    return depth_a < depth_b ? -1 : 1;
  return strcmp (key_a, key_b);
}

/* The item fields, rows and cells changed since their last save, as answers under their
 * derived keys: the same job, transaction and history as the answers. */
static void
add_dirty_items (UppResponseForm *self,
                 UppSaveQueueJob *job,
                 GPtrArray       *saved_keys)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->dirty_items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));
  g_ptr_array_sort (keys, compare_item_keys);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *answer_key = g_ptr_array_index (keys, i);
      g_autofree char *question_key = g_strndup (answer_key,
                                                 strcspn (answer_key,
                                                          UPP_ANSWER_KEY_SEPARATOR));
      UppQuestionCard *card = find_card (self, question_key);
      g_autofree char *text = NULL;
      g_auto(GStrv) choices = NULL;

      /* A date half typed again since it changed: it waits until it is one. */
      if (card == NULL ||
          !upp_question_card_dup_item_answer (card, answer_key, &text, &choices))
        {
          g_hash_table_remove (self->dirty_items, answer_key);
          continue;
        }
      upp_save_queue_job_add_answer (job, answer_key, text, (const char * const *) choices,
                                     upp_question_card_get_editing (card));
      g_ptr_array_add (saved_keys, g_strdup (answer_key));
    }
}

/* Hands everything unsaved to the worker; FALSE when there was nothing to save. */
static gboolean
queue_save (UppResponseForm *self)
{
  SaveRequest *request;
  UppSaveQueueJob *job;
  GHashTableIter iter;
  gpointer card, row;

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
  request->items = g_ptr_array_new_with_free_func (g_free);
  request->interview_rows = g_ptr_array_new ();

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
                                     (const char * const *) choices,
                                     upp_question_card_get_editing (card));
      g_ptr_array_add (request->cards, card);
    }

  add_dirty_items (self, job, request->items);

  g_hash_table_iter_init (&iter, self->dirty_interviews);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      upp_save_queue_job_add_interview (job, upp_interview_row_get_interview (row));
      g_ptr_array_add (request->interview_rows, row);
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
on_card_item_changed_cb (UppQuestionCard *card,
                         const char      *answer_key,
                         UppResponseForm *self)
{
  if (self->loading)
    return;

  schedule_save (self);
  g_hash_table_insert (self->dirty_items, g_strdup (answer_key),
                       GUINT_TO_POINTER (self->edit_serial));
}

static void
on_card_leave_cb (UppQuestionCard *card,
                  UppResponseForm *self)
{
  /* Not waited for: the focus moves on at once. */
  if (g_hash_table_contains (self->dirty_cards, card) ||
      g_hash_table_size (self->dirty_items) > 0)
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

/* The respondent check folded into one line: where it stands. */
static void
update_check_summary (UppResponseForm *self)
{
  const char *sent = date_of (self->check_sent_row);
  const char *approved = date_of (self->check_approved_row);
  g_autofree char *summary = NULL;

  if (upp_is_iso_date (sent) && upp_is_iso_date (approved))
    /* Translators: the respondent check: the dates the summary was sent and approved. */
    summary = g_strdup_printf (_("Summary sent %s, approved %s"), sent, approved);
  else if (upp_is_iso_date (approved))
    summary = g_strdup_printf (_("Summary approved %s"), approved);
  else if (upp_is_iso_date (sent))
    summary = g_strdup_printf (_("Summary sent %s, not approved yet"), sent);
  else
    summary = g_strdup (_("Summary not sent yet"));
  adw_expander_row_set_subtitle (self->check_row, summary);
}

static void
on_date_changed_cb (UppResponseForm *self)
{
  gboolean valid = upp_date_row_is_valid (self->date_row) &&
                   upp_date_row_is_valid (self->check_sent_row) &&
                   upp_date_row_is_valid (self->check_approved_row);

  gtk_widget_set_visible (GTK_WIDGET (self->date_error), !valid);
  update_check_summary (self);
  on_details_changed_cb (self);
}

static void
on_check_approved_changed_cb (UppResponseForm *self)
{
  const char *approved = date_of (self->check_approved_row);

  /* The unit approving the summary is what "Approved by respondent" means: a done interview
   * moves on to it by itself. Only from "Interview done", so a status is never lowered. */
  if (!self->loading && self->response != NULL && upp_is_iso_date (approved) &&
      adw_combo_row_get_selected (self->status_row) == UPP_RESPONSE_STATUS_DONE)
    adw_combo_row_set_selected (self->status_row, UPP_RESPONSE_STATUS_APPROVED);

  on_date_changed_cb (self);
}

/* Further interviews */

static void
on_interview_row_changed_cb (UppInterviewRow *row,
                             UppResponseForm *self)
{
  if (self->loading)
    return;

  schedule_save (self);
  g_hash_table_insert (self->dirty_interviews, row, GUINT_TO_POINTER (self->edit_serial));
}

static void
on_interview_row_remove_cb (UppInterviewRow *row,
                            UppResponseForm *self);

static UppInterviewRow *
add_interview_row (UppResponseForm *self,
                   UppInterview    *interview)
{
  GtkWidget *row = upp_interview_row_new (interview);

  g_signal_connect (row, "changed", G_CALLBACK (on_interview_row_changed_cb), self);
  g_signal_connect (row, "remove", G_CALLBACK (on_interview_row_remove_cb), self);
  gtk_list_box_append (self->interviews_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->interviews_list), TRUE);
  return UPP_INTERVIEW_ROW (row);
}

static void
remove_interview_row (UppResponseForm *self,
                      UppInterviewRow *row)
{
  g_hash_table_remove (self->dirty_interviews, row);
  gtk_list_box_remove (self->interviews_list, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (self->interviews_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->interviews_list)) != NULL);
}

static UppInterviewRow *
find_interview_row (UppResponseForm *self,
                    const char      *uuid)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->interviews_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      UppInterview *interview;

      if (!UPP_IS_INTERVIEW_ROW (child))
        continue;
      interview = upp_interview_row_get_interview (UPP_INTERVIEW_ROW (child));
      if (g_strcmp0 (upp_interview_get_uuid (interview), uuid) == 0)
        return UPP_INTERVIEW_ROW (child);
    }
  return NULL;
}

/* The rows follow the stored interviews (another process adds, changes or removes one),
 * except where the officer typed what is not saved yet: that stays as typed. */
static void
on_interviews_changed_cb (UppResponseForm *self)
{
  g_autoptr(GHashTable) stored = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (self->interviews);
  GtkWidget *child;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppInterview) interview = g_list_model_get_item (self->interviews, i);
      UppInterviewRow *row = find_interview_row (self, upp_interview_get_uuid (interview));
      UppInterview *shown;

      g_hash_table_add (stored, (gpointer) upp_interview_get_uuid (interview));
      if (row == NULL)
        {
          g_autoptr(UppInterview) own = upp_interview_new ();

          upp_interview_set_uuid (own, upp_interview_get_uuid (interview));
          upp_interview_row_update (add_interview_row (self, own), interview);
          continue;
        }
      shown = upp_interview_row_get_interview (row);
      if (!g_hash_table_contains (self->dirty_interviews, row) &&
          g_strcmp0 (upp_interview_get_modified (shown),
                     upp_interview_get_modified (interview)) != 0)
        upp_interview_row_update (row, interview);
    }

  child = gtk_widget_get_first_child (GTK_WIDGET (self->interviews_list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      UppInterview *interview;

      /* One added here and not yet written is not in the model yet. */
      if (UPP_IS_INTERVIEW_ROW (child) &&
          !g_hash_table_contains (self->dirty_interviews, child))
        {
          interview = upp_interview_row_get_interview (UPP_INTERVIEW_ROW (child));
          if (upp_interview_get_id (interview) != 0 &&
              !g_hash_table_contains (stored, upp_interview_get_uuid (interview)))
            remove_interview_row (self, UPP_INTERVIEW_ROW (child));
        }
      child = next;
    }
}

static void
add_interview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UppResponseForm *self = UPP_RESPONSE_FORM (widget);
  g_autoptr(UppInterview) interview = NULL;
  UppInterviewRow *row;

  if (self->response == NULL)
    return;

  interview = upp_interview_new ();
  /* Like the first interview, unless it says otherwise. */
  upp_interview_set_mode (interview, upp_response_get_mode (self->response));
  row = add_interview_row (self, interview);
  schedule_save (self);
  g_hash_table_insert (self->dirty_interviews, row, GUINT_TO_POINTER (self->edit_serial));
  upp_interview_row_focus (row);
  upp_scroll_into_view_when_laid_out (GTK_WIDGET (row), NULL);
}

typedef struct
{
  UppResponseForm *form;
  UppInterview    *interview;
  UppResponse     *response;  /* the one it belonged to */
} RemovedInterview;

static void
removed_interview_free (gpointer  data,
                       GClosure *closure)
{
  RemovedInterview *removed = data;

  g_clear_object (&removed->form);
  g_clear_object (&removed->interview);
  g_clear_object (&removed->response);
  g_free (removed);
}

static void
on_undo_remove_interview_cb (AdwToast         *toast,
                             RemovedInterview *removed)
{
  UppResponseForm *self = removed->form;
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  g_autoptr(UppInterview) again = upp_interview_new ();
  UppInterview *gone = removed->interview;
  g_autoptr(GError) error = NULL;
  UppInterviewRow *row;

  /* A removed interview stays removed for the exchange; it comes back as a new one. */
  upp_interview_set_date (again, upp_interview_get_date (gone));
  upp_interview_set_mode (again, upp_interview_get_mode (gone));
  upp_interview_set_duration_minutes (again, upp_interview_get_duration_minutes (gone));
  upp_interview_set_participant_count (again, upp_interview_get_participant_count (gone));
  upp_interview_set_participant_roles (again, upp_interview_get_participant_roles (gone));
  upp_interview_set_note (again, upp_interview_get_note (gone));

  /* The form shows another unit by now: back into the unit it was taken from. */
  if (self->response == NULL || g_strcmp0 (upp_response_get_uuid (self->response),
                                           upp_response_get_uuid (removed->response)) != 0)
    {
      if (store == NULL || !upp_store_save_interview (store, removed->response, again, &error))
        upp_toast_show (GTK_WIDGET (self), error != NULL ? error->message
                                                         : _("The database is not open."));
      else
        upp_session_note_changes (self->session, UPP_SESSION_CHANGED_ROUNDS);
      return;
    }

  row = add_interview_row (self, again);
  schedule_save (self);
  g_hash_table_insert (self->dirty_interviews, row, GUINT_TO_POINTER (self->edit_serial));
  queue_save (self);
}

static void
on_interview_row_remove_cb (UppInterviewRow *row,
                            UppResponseForm *self)
{
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  g_autoptr(UppInterview) interview = g_object_ref (upp_interview_row_get_interview (row));
  g_autoptr(GError) error = NULL;
  RemovedInterview *removed;
  AdwToast *toast;

  if (store == NULL || self->response == NULL)
    return;
  /* What was typed in it is written first, so that Undo brings all of it back and no
   * save of it is still on its way. */
  if (!upp_response_form_flush (self))
    {
      upp_toast_show (GTK_WIDGET (self),
                      _("The interview could not be saved, so it is not removed yet."));
      return;
    }
  if (!upp_store_remove_interview (store, interview, &error))
    {
      upp_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  remove_interview_row (self, row);
  upp_session_note_changes (self->session, UPP_SESSION_CHANGED_ROUNDS);

  removed = g_new0 (RemovedInterview, 1);
  removed->form = g_object_ref (self);
  removed->interview = g_steal_pointer (&interview);
  removed->response = g_object_ref (self->response);
  toast = adw_toast_new (_("Interview removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_interview_cb),
                         removed, removed_interview_free, 0);
  upp_toast_add (GTK_WIDGET (self), toast);
}

static void
load_interviews (UppResponseForm *self)
{
  GtkWidget *child;

  if (self->interviews != NULL)
    g_signal_handlers_disconnect_by_func (self->interviews, on_interviews_changed_cb, self);
  g_clear_object (&self->interviews);
  g_hash_table_remove_all (self->dirty_interviews);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->interviews_list))) != NULL)
    gtk_list_box_remove (self->interviews_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->interviews_list), FALSE);

  if (self->session == NULL || self->response == NULL)
    return;
  self->interviews = upp_session_dup_interviews (self->session, self->round, self->response);
  g_signal_connect_object (self->interviews, "items-changed",
                           G_CALLBACK (on_interviews_changed_cb), self, G_CONNECT_SWAPPED);
  on_interviews_changed_cb (self);
}

/* Agreements */

static void
on_remove_agreement_clicked_cb (GtkButton       *button,
                                UppResponseForm *self);

static GtkWidget *
create_agreement_row_cb (gpointer item,
                         gpointer user_data)
{
  UppAgreement *agreement = item;
  UppResponseForm *self = user_data;
  g_autofree char *period = upp_agreement_dup_period_label (agreement);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove;

  /* "LÖK · Gäller · 2022-01-01 – 2025-12-31" */
  g_string_append (subtitle, upp_agreement_kind_get_label (upp_agreement_get_kind (agreement)));
  g_string_append (subtitle, " · ");
  g_string_append (subtitle,
                   upp_agreement_status_get_label (upp_agreement_get_status (agreement)));
  if (*period != '\0')
    g_string_append_printf (subtitle, " · %s", period);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), upp_agreement_get_name (agreement));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, upp_agreement_get_note (agreement));

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Agreement"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Agreement"), -1);
  g_object_set_data_full (G_OBJECT (remove), "agreement", g_object_ref (agreement),
                          g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_agreement_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data_full (G_OBJECT (row), "agreement", g_object_ref (agreement),
                          g_object_unref);
  return row;
}

static void
open_agreement_dialog (UppResponseForm *self,
                       UppAgreement    *agreement)
{
  GtkWidget *dialog;

  if (self->session == NULL || self->response == NULL)
    return;
  dialog = upp_agreement_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                     self->session, upp_response_get_unit (self->response),
                                     agreement);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_agreement_activated_cb (UppResponseForm *self,
                           GtkListBoxRow   *row)
{
  UppAgreement *agreement = g_object_get_data (G_OBJECT (row), "agreement");

  if (agreement != NULL)
    open_agreement_dialog (self, agreement);
}

static void
add_agreement_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_agreement_dialog (UPP_RESPONSE_FORM (widget), NULL);
}

typedef struct
{
  UppSession   *session;
  UppUnit      *unit;
  UppAgreement *agreement;
  GtkWidget    *form;   /* weak: only for where to show what went wrong */
} RemovedAgreement;

static void
removed_agreement_free (gpointer  data,
                       GClosure *closure)
{
  RemovedAgreement *removed = data;

  g_clear_object (&removed->session);
  g_clear_object (&removed->unit);
  g_clear_object (&removed->agreement);
  g_clear_weak_pointer (&removed->form);
  g_free (removed);
}

static void
on_undo_remove_agreement_cb (AdwToast         *toast,
                             RemovedAgreement *removed)
{
  UppStore *store = upp_session_get_store (removed->session);
  UppAgreement *gone = removed->agreement;
  g_autoptr(UppAgreement) again = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  /* A removed agreement stays removed for the exchange; it comes back as a new one. */
  again = upp_agreement_new (upp_agreement_get_name (gone), upp_agreement_get_kind (gone));
  upp_agreement_set_status (again, upp_agreement_get_status (gone));
  upp_agreement_set_signed (again, upp_agreement_get_signed (gone));
  upp_agreement_set_valid_from (again, upp_agreement_get_valid_from (gone));
  upp_agreement_set_valid_to (again, upp_agreement_get_valid_to (gone));
  upp_agreement_set_note (again, upp_agreement_get_note (gone));
  if (!upp_store_save_agreement (store, removed->unit, again, &error))
    {
      if (removed->form != NULL)
        upp_toast_show (removed->form, error->message);
      return;
    }
  upp_session_note_changes (removed->session, UPP_SESSION_CHANGED_ROUNDS);
}

static void
on_remove_agreement_clicked_cb (GtkButton       *button,
                                UppResponseForm *self)
{
  UppAgreement *agreement = g_object_get_data (G_OBJECT (button), "agreement");
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RemovedAgreement *removed;
  AdwToast *toast;

  if (store == NULL || self->response == NULL || agreement == NULL)
    return;
  if (!upp_store_remove_agreement (store, agreement, &error))
    {
      upp_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  upp_session_note_changes (self->session, UPP_SESSION_CHANGED_ROUNDS);

  removed = g_new0 (RemovedAgreement, 1);
  removed->session = g_object_ref (self->session);
  removed->unit = g_object_ref (upp_response_get_unit (self->response));
  removed->agreement = g_object_ref (agreement);
  g_set_weak_pointer (&removed->form, GTK_WIDGET (self));
  message = g_strdup_printf (_("“%s” removed"), upp_agreement_get_name (agreement));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_agreement_cb),
                         removed, removed_agreement_free, 0);
  upp_toast_add (GTK_WIDGET (self), toast);
}

/* An empty boxed list would show as a bare frame. */
static void
on_agreements_changed_cb (UppResponseForm *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->agreements_list),
                          self->agreements != NULL &&
                          g_list_model_get_n_items (self->agreements) > 0);
}

static void
load_agreements (UppResponseForm *self)
{
  if (self->agreements != NULL)
    g_signal_handlers_disconnect_by_func (self->agreements, on_agreements_changed_cb, self);
  g_clear_object (&self->agreements);
  if (self->session != NULL && self->response != NULL)
    {
      self->agreements = upp_session_dup_agreements (self->session,
                                                     upp_response_get_unit (self->response));
      g_signal_connect_object (self->agreements, "items-changed",
                               G_CALLBACK (on_agreements_changed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_list_box_bind_model (self->agreements_list, self->agreements, create_agreement_row_cb,
                           self, NULL);
  on_agreements_changed_cb (self);
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
on_history_restore_cb (UppAnswerHistory *history,
                       gint64            version_id,
                       UppResponseForm  *self)
{
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  UppQuestionCard *card = self->history_card;
  g_autoptr(GError) error = NULL;
  const char *key;

  if (store == NULL || self->response == NULL || card == NULL)
    return;
  key = upp_question_get_key (upp_question_card_get_question (card));
  /* What was typed since is saved first: restoring makes it a version too. */
  if (!upp_response_form_flush (self) ||
      !upp_store_restore_answer_version (store, self->round, self->response, key, version_id,
                                         &error))
    {
      upp_toast_show (GTK_WIDGET (self), error != NULL
                      ? error->message
                      : _("The answer could not be saved, so no version can be restored."));
      return;
    }
  upp_question_card_set_answer (card, upp_response_get_answer (self->response, key));
  upp_session_note_changes (self->session, UPP_SESSION_CHANGED_ROUNDS);
  refresh_codings (self);
  upp_toast_show (GTK_WIDGET (self), _("The earlier version is restored; the one before is "
                                       "kept in the history."));
}

static void
on_card_show_history_cb (UppQuestionCard *card,
                         UppResponseForm *self)
{
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  UppQuestion *question = upp_question_card_get_question (card);
  GtkWidget *button = upp_question_card_get_history_button (card);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  graphene_rect_t bounds;
  UppAnswer *answer;

  if (store == NULL || self->response == NULL)
    return;
  /* The history ends with what is typed now. */
  upp_response_form_flush (self);
  answer = upp_response_get_answer (self->response, upp_question_get_key (question));
  if (answer != NULL)
    versions = upp_store_list_answer_versions (store, upp_answer_get_uuid (answer), &error);
  else
    versions = g_ptr_array_new ();
  if (versions == NULL)
    {
      upp_toast_show (GTK_WIDGET (self), error->message);
      return;
    }

  if (self->history == NULL)
    {
      self->history = upp_answer_history_new ();
      gtk_widget_set_parent (self->history, GTK_WIDGET (self));
      g_signal_connect (self->history, "restore", G_CALLBACK (on_history_restore_cb), self);
    }
  self->history_card = card;
  upp_answer_history_set_versions (UPP_ANSWER_HISTORY (self->history), question, versions,
                                   upp_store_get_device_id (store));
  if (gtk_widget_compute_bounds (button, GTK_WIDGET (self), &bounds))
    {
      GdkRectangle area = { bounds.origin.x, bounds.origin.y, bounds.size.width,
                            bounds.size.height };

      gtk_popover_set_pointing_to (GTK_POPOVER (self->history), &area);
    }
  gtk_popover_popup (GTK_POPOVER (self->history));
}

/* "Inte personuppgift": remembered for this answer, so it is not flagged in it again. */
static void
on_card_not_personal_cb (UppQuestionCard    *card,
                         const char * const *texts,
                         UppResponseForm    *self)
{
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  const char *key = upp_question_get_key (upp_question_card_get_question (card));
  g_autoptr(GError) error = NULL;
  UppAnswer *answer;

  if (store == NULL || self->response == NULL)
    return;
  /* The answer is saved first, so that it has its uuid. */
  upp_response_form_flush (self);
  answer = upp_response_get_answer (self->response, key);
  if (answer == NULL ||
      !upp_store_add_privacy_exceptions (store, upp_answer_get_uuid (answer), texts, &error))
    upp_toast_show (GTK_WIDGET (self), error != NULL
                    ? error->message
                    : _("The answer could not be saved, so the exception is not remembered."));
}

static void
clear_cards (UppResponseForm *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->dirty_cards);
  g_hash_table_remove_all (self->dirty_items);
  self->history_card = NULL;
  if (self->history != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->history));
  g_ptr_array_set_size (self->cards, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_box))) != NULL)
    gtk_box_remove (self->questions_box, child);
}

/* A part of the template: its number and title as a heading, its introduction under it,
 * and a box for its questions, closer to each other than the parts are. */
static GtkBox *
append_section (UppResponseForm  *self,
                UppTemplate      *template,
                const char       *section_key)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  const UppSection *section = upp_template_find_section (template, section_key);
  g_autofree char *title = upp_template_dup_section_heading (template, section_key);
  GtkWidget *heading;

  if (section == NULL)
    return GTK_BOX (self->questions_box);

  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_widget_add_css_class (heading, "upp-section-heading");
  gtk_box_append (GTK_BOX (box), heading);

  if (!upp_str_is_blank (section->intro))
    {
      GtkWidget *intro = gtk_label_new (section->intro);

      gtk_label_set_xalign (GTK_LABEL (intro), 0);
      gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (intro), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (intro, "dim-label");
      gtk_widget_add_css_class (intro, "upp-section-intro");
      gtk_box_append (GTK_BOX (box), intro);
    }

  gtk_box_append (self->questions_box, box);
  return GTK_BOX (box);
}

/* A question's sub-heading within its part ("Organisation"), above the first question
 * under it. */
static void
append_subheading (GtkBox     *box,
                   const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_add_css_class (label, "upp-question-heading");
  gtk_box_append (box, label);
}

static void
build_cards (UppResponseForm *self)
{
  UppTemplate *template = upp_round_get_template (self->round);
  UppStore *store = upp_session_get_store (self->session);
  g_autoptr(UppResponse) previous = NULL;
  g_autoptr(UppTemplate) previous_template = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous_label = NULL;
  g_auto(GStrv) privacy_words = NULL;
  guint n = upp_template_get_n_questions (template);
  GtkBox *section_box = self->questions_box;
  const char *shown_section = "";
  const char *shown_heading = "";

  clear_cards (self);

  if (store != NULL)
    previous = upp_store_find_previous_response (store, self->round,
                                                 upp_response_get_unit (self->response), &error);
  /* Last year's round may have asked an earlier version, whose questions map onto these. */
  if (previous != NULL)
    previous_template = upp_store_load_response_template (store, previous, &error);
  if (previous != NULL && error == NULL)
    versions = upp_store_list_template_versions (store, upp_template_get_key (template), &error);
  if (error != NULL)
    g_warning ("Could not find the previous answers: %s", error->message);
  if (previous != NULL)
    previous_label = dup_round_year_of (store, previous);

  if (store != NULL)
    privacy_words = upp_store_dup_privacy_words (store, NULL);

  for (guint i = 0; i < n; i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      const char *key = upp_question_get_key (question);
      GtkWidget *card = upp_question_card_new (question);
      UppAnswer *answer = upp_response_get_answer (self->response, key);
      const char *section = upp_question_get_section (question);
      const char *heading = upp_question_get_heading (question);
      g_auto(GStrv) exceptions = NULL;

      if (g_strcmp0 (section, shown_section) != 0)
        {
          section_box = *section != '\0' ? append_section (self, template, section)
                                          : self->questions_box;
          shown_section = section;
          shown_heading = "";
        }
      if (!upp_str_is_blank (heading) && g_strcmp0 (heading, shown_heading) != 0)
        append_subheading (section_box, heading);
      shown_heading = heading != NULL ? heading : "";

      upp_question_card_set_answer (UPP_QUESTION_CARD (card), answer);
      upp_question_card_set_items (UPP_QUESTION_CARD (card), template, self->response);
      if (store != NULL && answer != NULL)
        exceptions = upp_store_dup_privacy_exceptions (store, upp_answer_get_uuid (answer),
                                                       NULL);
      upp_question_card_set_privacy (UPP_QUESTION_CARD (card),
                                     (const char * const *) privacy_words,
                                     (const char * const *) exceptions);
      g_signal_connect (card, "not-personal", G_CALLBACK (on_card_not_personal_cb), self);
      if (previous != NULL)
        {
          g_autoptr(UppAnswer) previous_answer =
            upp_response_dup_mapped_answer (previous, previous_template, template, versions, key);

          upp_question_card_set_previous (UPP_QUESTION_CARD (card), previous_answer,
                                          previous_label);
        }

      g_signal_connect (card, "changed", G_CALLBACK (on_card_changed_cb), self);
      g_signal_connect (card, "leave", G_CALLBACK (on_card_leave_cb), self);
      g_signal_connect (card, "item-changed", G_CALLBACK (on_card_item_changed_cb), self);
      g_signal_connect (card, "code-selection", G_CALLBACK (on_card_code_selection_cb), self);
      g_signal_connect (card, "remove-coding", G_CALLBACK (on_card_remove_coding_cb), self);
      g_signal_connect (card, "show-history", G_CALLBACK (on_card_show_history_cb), self);
      gtk_box_append (section_box, card);
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
  gtk_spin_button_set_value (self->duration_spin,
                             upp_response_get_duration_minutes (self->response));
  gtk_spin_button_set_value (self->count_spin,
                             upp_response_get_participant_count (self->response));
  gtk_editable_set_text (GTK_EDITABLE (self->roles_row),
                         upp_response_get_participant_roles (self->response) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row),
                         upp_response_get_interview_date (self->response) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->check_sent_row),
                         upp_response_get_check_sent (self->response));
  gtk_editable_set_text (GTK_EDITABLE (self->check_approved_row),
                         upp_response_get_check_approved (self->response));
  update_check_summary (self);
  load_interviews (self);
  load_agreements (self);
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
    {
      UppQuestionCard *card = g_ptr_array_index (self->cards, 0);
      GtkWidget *text_view = upp_question_card_get_text_view (card);

      GtkRoot *root;

      /* A table has no answer text: its first cell or its add button. */
      if (gtk_widget_get_visible (text_view))
        gtk_widget_grab_focus (text_view);
      else
        gtk_widget_child_focus (GTK_WIDGET (card), GTK_DIR_TAB_FORWARD);
      /* Below the unit's details, the answer is often below the window's edge: typing must
       * not start out of sight. */
      root = gtk_widget_get_root (GTK_WIDGET (self));
      upp_scroll_into_view_when_laid_out (GTK_WIDGET (card),
                                          root != NULL ? gtk_root_get_focus (root) : NULL);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->status_row));
}

gboolean
upp_response_form_select_answer (UppResponseForm *self,
                                 const char      *question_key,
                                 int              start,
                                 int              end)
{
  g_return_val_if_fail (UPP_IS_RESPONSE_FORM (self), FALSE);

  /* An item field's or a table cell's text (a derived key, upp-answer-key.h). */
  if (strstr (question_key, UPP_ANSWER_KEY_SEPARATOR) != NULL)
    {
      g_autofree char *own_key = g_strndup (question_key,
                                            strcspn (question_key, UPP_ANSWER_KEY_SEPARATOR));
      UppQuestionCard *card = find_card (self, own_key);
      GtkWidget *widget = card != NULL ? upp_question_card_get_item_widget (card, question_key)
                                       : NULL;

      if (GTK_IS_EDITABLE (widget))
        {
          gtk_widget_grab_focus (widget);
          gtk_editable_select_region (GTK_EDITABLE (widget), start, end);
          return TRUE;
        }
      if (GTK_IS_TEXT_VIEW (widget))
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
          GtkTextIter from, to;

          gtk_widget_grab_focus (widget);
          gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
          gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
          gtk_text_buffer_select_range (buffer, &from, &to);
          return TRUE;
        }
      return FALSE;
    }

  for (guint i = 0; i < self->cards->len; i++)
    {
      UppQuestionCard *card = g_ptr_array_index (self->cards, i);
      GtkTextView *text_view = GTK_TEXT_VIEW (upp_question_card_get_text_view (card));
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
      GtkTextIter from, to;

      if (g_strcmp0 (upp_question_get_key (upp_question_card_get_question (card)),
                     question_key) != 0)
        continue;
      gtk_widget_grab_focus (GTK_WIDGET (text_view));
      gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
      gtk_text_buffer_select_range (buffer, &from, &to);
      gtk_text_view_scroll_to_iter (text_view, &from, 0.1, FALSE, 0, 0);
      return TRUE;
    }
  return FALSE;
}

gboolean
upp_response_form_select_interview_note (UppResponseForm *self,
                                         const char      *interview_uuid,
                                         int              start,
                                         int              end)
{
  UppInterviewRow *row;

  g_return_val_if_fail (UPP_IS_RESPONSE_FORM (self), FALSE);

  row = find_interview_row (self, interview_uuid);
  if (row == NULL)
    return FALSE;
  upp_interview_row_select_note (row, start, end);
  return TRUE;
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

/* The focus to the answer of the card delta away from the one it is in (from the details
 * above the questions: the first), its question and answer scrolled into view. */
static void
move_to_question (UppResponseForm *self,
                  int              delta)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *current = focus != NULL ? gtk_widget_get_ancestor (focus, UPP_TYPE_QUESTION_CARD)
                                     : NULL;
  int index = delta > 0 ? -1 : (int) self->cards->len;
  UppQuestionCard *card;
  GtkWidget *text_view;

  if (self->cards->len == 0)
    return;
  for (guint i = 0; current != NULL && i < self->cards->len; i++)
    if (g_ptr_array_index (self->cards, i) == (gpointer) current)
      index = i;
  index += delta;
  if (index < 0 || index >= (int) self->cards->len)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  card = g_ptr_array_index (self->cards, index);
  text_view = upp_question_card_get_text_view (card);
  /* A table has no answer text: its first cell or its add button. */
  if (gtk_widget_get_visible (text_view))
    gtk_widget_grab_focus (text_view);
  else
    gtk_widget_child_focus (GTK_WIDGET (card), GTK_DIR_TAB_FORWARD);
  /* The question above the answer too, when the card fits. */
  focus = gtk_root_get_focus (root);
  upp_scroll_into_view_when_laid_out (GTK_WIDGET (card), focus);
}

static void
next_question_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_to_question (UPP_RESPONSE_FORM (widget), 1);
}

static void
previous_question_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  move_to_question (UPP_RESPONSE_FORM (widget), -1);
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
  self->history = NULL;
  self->history_card = NULL;

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
  g_clear_pointer (&self->dirty_items, g_hash_table_unref);
  if (self->interviews != NULL)
    g_signal_handlers_disconnect_by_func (self->interviews, on_interviews_changed_cb, self);
  g_clear_object (&self->interviews);
  if (self->agreements != NULL)
    g_signal_handlers_disconnect_by_func (self->agreements, on_agreements_changed_cb, self);
  g_clear_object (&self->agreements);
  g_clear_pointer (&self->dirty_interviews, g_hash_table_unref);

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
  g_type_ensure (UPP_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-response-form.ui");
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, agreements_list);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, check_approved_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, check_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, check_sent_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, count_spin);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, date_error);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, date_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, failure_label);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, failure_revealer);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, interviews_list);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, menu_button);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, mode_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, questions_box);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, roles_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, save_icon);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, save_label);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, status_row);
  gtk_widget_class_bind_template_child (widget_class, UppResponseForm, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_agreement_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_approved_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_changed_cb);

  gtk_widget_class_install_action (widget_class, "form.previous-unit", NULL,
                                   previous_unit_action);
  gtk_widget_class_install_action (widget_class, "form.next-unit", NULL, next_unit_action);
  gtk_widget_class_install_action (widget_class, "form.previous-question", NULL,
                                   previous_question_action);
  gtk_widget_class_install_action (widget_class, "form.next-question", NULL,
                                   next_question_action);
  gtk_widget_class_install_action (widget_class, "form.add-interview", NULL,
                                   add_interview_action);
  gtk_widget_class_install_action (widget_class, "form.add-agreement", NULL,
                                   add_agreement_action);
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
  self->dirty_items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty_interviews = g_hash_table_new (NULL, NULL);

  gtk_menu_button_set_menu_model (self->menu_button, upp_primary_menu_get ());

  statuses = labels_model ((const char *(*) (int)) upp_response_status_get_label,
                           UPP_N_RESPONSE_STATUSES);
  modes = labels_model ((const char *(*) (int)) upp_interview_mode_get_label,
                        UPP_N_INTERVIEW_MODES);
  adw_combo_row_set_model (self->status_row, statuses);
  adw_combo_row_set_model (self->mode_row, modes);

  /* Captured before the text views see them: a text view uses Ctrl+Page Up/Down and
   * Ctrl+Up/Down (by paragraph) itself. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Page_Up"),
                      gtk_named_action_new ("form.previous-unit")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Page_Down"),
                      gtk_named_action_new ("form.next-unit")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Up"),
                      gtk_named_action_new ("form.previous-question")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Down"),
                      gtk_named_action_new ("form.next-question")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap_cb), NULL);
}
