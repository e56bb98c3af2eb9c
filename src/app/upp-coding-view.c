/* upp-coding-view.c: a round's answers to one question, unit under unit, to code passages in
 *
 * The table view for coding survey answers: pick a question, read every unit's answer to it,
 * select words and press Ctrl+T (or Code Selection) to code them with a theme. Coded
 * passages are highlighted and their themes listed under each answer, each with a button
 * that removes the coding. The view follows the session: an answer or a coding changed on
 * another connection shows after a pause, without a refresh.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-coding-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-answer.h"
#include "upp-coding-highlight.h"
#include "upp-coding-view.h"
#include "upp-coding.h"
#include "upp-deferred-rebuild.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme-picker.h"
#include "upp-theme.h"
#include "upp-toast.h"

/* The form saves about once a second while someone types beside the view. */
#define REBUILD_DELAY_MS 300

/* One unit's answer: a box rather than a row of a list view, as each answer is a text view
 * to select words in, and a recycled row would lose the selection. */
typedef struct
{
  UppResponse *response;
  GtkWidget   *box;
  GtkWidget   *heading;
  GtkWidget   *text_view;
  GtkWidget   *no_answer;
  GtkWidget   *themes_box;
} UnitBlock;

struct _UppCodingView
{
  GtkWidget           parent_instance;

  UppSession         *session;
  UppRound           *round;
  GListModel         *responses;   /* the round's, live */
  GListModel         *themes;
  char               *question_key;
  GHashTable         *blocks;      /* response uuid → UnitBlock */
  GtkStringList      *questions;
  GtkWidget          *picker;      /* UppThemePicker, made when first used */
  UppDeferredRebuild  rebuild;
  gboolean            filling_questions;
  guint               resize_answers_id;
  int                 allocated_width;

  /* Template widgets */
  GtkBox             *answers_box;
  GtkDropDown        *question_dropdown;
  GtkScrolledWindow  *scrolled_window;
  GtkStack           *stack;
};

G_DEFINE_FINAL_TYPE (UppCodingView, upp_coding_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
unit_block_free (gpointer data)
{
  UnitBlock *block = data;

  g_clear_object (&block->response);
  g_free (block);
}

static const char *
kind_css_class (UppThemeKind kind)
{
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return "upp-theme-promoting";
    case UPP_THEME_KIND_HINDERING:
      return "upp-theme-hindering";
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return "upp-theme-neutral";
    }
}

static UppThemeKind
theme_kind (UppCodingView *self,
            const char    *uuid)
{
  guint n = self->themes != NULL ? g_list_model_get_n_items (self->themes) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppTheme) theme = g_list_model_get_item (self->themes, i);

      if (g_strcmp0 (upp_theme_get_uuid (theme), uuid) == 0)
        return upp_theme_get_kind (theme);
    }
  return UPP_THEME_KIND_NEUTRAL;
}

static void
remove_coding (UppCodingView *self,
               UppCoding     *coding)
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
  upp_deferred_rebuild_now (&self->rebuild);
}

static void
on_remove_clicked_cb (GtkButton     *button,
                      UppCodingView *self)
{
  UppCoding *coding = g_object_get_data (G_OBJECT (button), "upp-coding");

  remove_coding (self, coding);
}

/* A small label per coded passage under the answer: its theme in the kind's colour, the
 * passage as its tooltip, and a button that removes the coding. */
static GtkWidget *
coding_chip (UppCodingView *self,
             UppCoding     *coding)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (upp_coding_get_theme_name (coding));
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* Translators: a context menu item; %s is the theme's name. */
  g_autofree char *remove_label = g_strdup_printf (_("Remove Coding “%s”"),
                                                   upp_coding_get_theme_name (coding));
  g_autofree char *tooltip = NULL;

  if (upp_coding_get_flagged (coding))
    /* Translators: the tooltip of a coded passage whose words were changed away. */
    tooltip = g_strdup_printf (_("“%s”: the coded words are no longer in the answer"),
                               upp_coding_get_text (coding));
  else
    tooltip = g_strdup_printf ("“%s”", upp_coding_get_text (coding));

  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  gtk_widget_add_css_class (chip, "upp-coding-chip");
  gtk_widget_add_css_class (chip, kind_css_class (theme_kind (self,
                                                              upp_coding_get_theme_uuid (coding))));
  if (upp_coding_get_flagged (coding))
    gtk_widget_add_css_class (chip, "upp-coding-flagged");
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (chip), label);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Coding"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "upp-coding", g_object_ref (coding),
                          g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (chip), remove);
  return chip;
}

static UnitBlock *
unit_block_new (UppCodingView *self)
{
  UnitBlock *block = g_new0 (UnitBlock, 1);

  block->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  block->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (block->heading), 0);
  gtk_label_set_wrap (GTK_LABEL (block->heading), TRUE);
  gtk_widget_add_css_class (block->heading, "heading");
  gtk_box_append (GTK_BOX (block->box), block->heading);

  /* Read-only, with a cursor, so that words can be selected from the keyboard too. */
  block->text_view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (block->text_view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (block->text_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (block->text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (block->text_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (block->text_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (block->text_view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (block->text_view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (block->text_view), 10);
  gtk_widget_add_css_class (block->text_view, "upp-answer");
  gtk_widget_add_css_class (block->text_view, "upp-coding-answer");
  upp_coding_highlight_attach (GTK_TEXT_VIEW (block->text_view), "coding.code-selection",
                               "coding.remove-coding");
  gtk_box_append (GTK_BOX (block->box), block->text_view);

  block->no_answer = gtk_label_new (_("No answer"));
  gtk_label_set_xalign (GTK_LABEL (block->no_answer), 0);
  gtk_widget_add_css_class (block->no_answer, "dim-label");
  gtk_box_append (GTK_BOX (block->box), block->no_answer);

  block->themes_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (block->themes_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (block->themes_box), 20);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (block->themes_box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (block->themes_box), 4);
  gtk_box_append (GTK_BOX (block->box), block->themes_box);

  gtk_box_append (self->answers_box, block->box);
  return block;
}

static char *
dup_buffer_text (GtkTextView *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
fill_block (UppCodingView *self,
            UnitBlock     *block,
            GPtrArray     *codings)
{
  UppAnswer *answer = upp_response_get_answer (block->response, self->question_key);
  const char *text = answer != NULL ? upp_answer_get_text (answer) : "";
  g_autofree char *shown = dup_buffer_text (GTK_TEXT_VIEW (block->text_view));
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  /* Translators: accessible name of a unit's answer in the coding view, e.g. "Answer of Falun" */
  g_autofree char *accessible = g_strdup_printf (_("Answer of %s"),
                                                 upp_response_get_unit_name (block->response));
  GtkWidget *child;

  gtk_label_set_text (GTK_LABEL (block->heading), upp_response_get_unit_name (block->response));
  gtk_accessible_update_property (GTK_ACCESSIBLE (block->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* Set only when it changed: a selection being made stays. */
  if (g_strcmp0 (shown, text) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (block->text_view)),
                              text, -1);
  gtk_widget_set_visible (block->text_view, *text != '\0');
  gtk_widget_set_visible (block->no_answer, *text == '\0');

  for (guint i = 0; answer != NULL && codings != NULL && i < codings->len; i++)
    {
      UppCoding *coding = g_ptr_array_index (codings, i);

      if (g_strcmp0 (upp_coding_get_answer_uuid (coding), upp_answer_get_uuid (answer)) == 0)
        g_ptr_array_add (own, coding);
    }
  upp_coding_highlight_apply (gtk_text_view_get_buffer (GTK_TEXT_VIEW (block->text_view)), own,
                              self->themes);

  while ((child = gtk_widget_get_first_child (block->themes_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (block->themes_box), child);
  for (guint i = 0; i < own->len; i++)
    {
      gtk_flow_box_append (GTK_FLOW_BOX (block->themes_box),
                           coding_chip (self, g_ptr_array_index (own, i)));
      gtk_widget_set_focusable (gtk_widget_get_last_child (block->themes_box), FALSE);
    }
  gtk_widget_set_visible (block->themes_box, own->len > 0);
}

static void
clear_blocks (UppCodingView *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->blocks);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->answers_box))) != NULL)
    gtk_box_remove (self->answers_box, child);
}

/* A GtkTextView (GTK 4.8) is measured with the height its text had at its last width: when
 * a text is set or the width changes, it comes out too low or too high until it is measured
 * again once laid out at its new width. */
static gboolean
resize_answers_cb (gpointer data)
{
  UppCodingView *self = data;
  GHashTableIter iter;
  gpointer value;

  self->resize_answers_id = 0;
  g_hash_table_iter_init (&iter, self->blocks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_widget_queue_resize (((UnitBlock *) value)->text_view);
  return G_SOURCE_REMOVE;
}

static void
queue_resize_answers (UppCodingView *self)
{
  if (self->resize_answers_id == 0)
    self->resize_answers_id = g_idle_add_full (G_PRIORITY_LOW, resize_answers_cb, self, NULL);
}

static void
rebuild (UppCodingView *self)
{
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GtkWidget *previous = NULL;
  gboolean any_text = FALSE;
  GHashTableIter iter;
  gpointer uuid, value;
  guint n;

  upp_deferred_rebuild_done (&self->rebuild);
  if (store == NULL || self->round == NULL || self->responses == NULL
      || self->question_key == NULL)
    {
      clear_blocks (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  codings = upp_store_list_codings (store, self->round, NULL, NULL, &error);
  /* A round deleted beside the view cannot be read: it shows no coding until the page goes. */
  if (codings == NULL)
    g_debug ("Could not read the round's codings: %s", error->message);

  n = g_list_model_get_n_items (self->responses);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (self->responses, i);
      UnitBlock *block = g_hash_table_lookup (self->blocks, upp_response_get_uuid (response));
      UppAnswer *answer = upp_response_get_answer (response, self->question_key);

      if (block == NULL)
        {
          block = unit_block_new (self);
          g_hash_table_insert (self->blocks, g_strdup (upp_response_get_uuid (response)), block);
        }
      g_set_object (&block->response, response);
      g_hash_table_add (seen, (gpointer) upp_response_get_uuid (block->response));
      fill_block (self, block, codings);
      gtk_box_reorder_child_after (self->answers_box, block->box, previous);
      previous = block->box;
      if (answer != NULL && *upp_answer_get_text (answer) != '\0')
        any_text = TRUE;
    }

  g_hash_table_iter_init (&iter, self->blocks);
  while (g_hash_table_iter_next (&iter, &uuid, &value))
    {
      UnitBlock *block = value;

      if (g_hash_table_contains (seen, uuid))
        continue;
      gtk_box_remove (self->answers_box, block->box);
      g_hash_table_iter_remove (&iter);
    }

  gtk_stack_set_visible_child_name (self->stack, any_text ? "answers" : "empty");
  queue_resize_answers (self);
}

static void
fill_questions (UppCodingView *self)
{
  UppTemplate *template = self->round != NULL ? upp_round_get_template (self->round) : NULL;
  guint n = template != NULL ? upp_template_get_n_questions (template) : 0;
  guint selected = 0;

  self->filling_questions = TRUE;
  gtk_string_list_splice (self->questions, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->questions)), NULL);
  for (guint i = 0; i < n; i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      g_autofree char *label = g_strdup_printf ("%s. %s", upp_question_get_number (question),
                                                upp_question_get_text (question));

      gtk_string_list_append (self->questions, label);
      if (g_strcmp0 (upp_question_get_key (question), self->question_key) == 0)
        selected = i;
    }
  g_free (self->question_key);
  self->question_key = n > 0 ? g_strdup (upp_question_get_key (
                                 upp_template_get_question (template, selected))) : NULL;
  gtk_drop_down_set_selected (self->question_dropdown, n > 0 ? selected
                                                             : GTK_INVALID_LIST_POSITION);
  self->filling_questions = FALSE;
}

static void
on_question_selected_cb (UppCodingView *self)
{
  guint selected = gtk_drop_down_get_selected (self->question_dropdown);
  UppTemplate *template = self->round != NULL ? upp_round_get_template (self->round) : NULL;

  if (self->filling_questions || template == NULL
      || selected >= upp_template_get_n_questions (template))
    return;
  upp_coding_view_set_question_key (self, upp_question_get_key (
    upp_template_get_question (template, selected)));
}

static void
on_model_changed_cb (UppCodingView *self)
{
  upp_deferred_rebuild_queue (&self->rebuild);
}

/* An answer saved or a passage coded elsewhere, or a theme renamed: items change in place. */
static void
on_session_changed_cb (UppCodingView     *self,
                       UppSessionChanges  changes,
                       UppSession        *session)
{
  if (changes & (UPP_SESSION_CHANGED_THEMES | UPP_SESSION_CHANGED_ROUNDS))
    upp_deferred_rebuild_queue (&self->rebuild);
}

static void
disconnect_models (UppCodingView *self)
{
  if (self->responses != NULL)
    g_signal_handlers_disconnect_by_func (self->responses, on_model_changed_cb, self);
  g_clear_object (&self->responses);
  if (self->themes != NULL)
    g_signal_handlers_disconnect_by_func (self->themes, on_model_changed_cb, self);
  g_clear_object (&self->themes);
}

static void
follow_round (UppCodingView *self)
{
  disconnect_models (self);
  if (self->session != NULL)
    {
      self->themes = g_object_ref (upp_session_get_themes (self->session));
      g_signal_connect_object (self->themes, "items-changed", G_CALLBACK (on_model_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  if (self->session != NULL && self->round != NULL)
    {
      self->responses = upp_session_dup_responses (self->session, self->round);
      g_signal_connect_object (self->responses, "items-changed",
                               G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
    }
  clear_blocks (self);
  fill_questions (self);
  upp_deferred_rebuild_now (&self->rebuild);
}

/* The answer where words are selected: the focused one (the button does not take the focus),
 * else any with a selection. */
static UnitBlock *
find_selected_block (UppCodingView *self)
{
  UnitBlock *first = NULL;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->blocks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      UnitBlock *block = value;
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (block->text_view));

      if (!gtk_widget_get_visible (block->text_view)
          || !gtk_text_buffer_get_has_selection (buffer))
        continue;
      if (gtk_widget_has_focus (block->text_view))
        return block;
      if (first == NULL)
        first = block;
    }
  return first;
}

static UppResponse *
find_response (UppCodingView *self,
               const char    *uuid)
{
  guint n = g_list_model_get_n_items (self->responses);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (self->responses, i);

      if (g_strcmp0 (upp_response_get_uuid (response), uuid) == 0)
        return g_steal_pointer (&response);
    }
  return NULL;
}

static void
on_coded_cb (UppThemePicker *picker,
             UppCoding      *coding,
             UppCodingView  *self)
{
  upp_deferred_rebuild_now (&self->rebuild);
}

static void
code_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  UppCodingView *self = UPP_CODING_VIEW (widget);
  UnitBlock *block;
  g_autoptr(UppResponse) response = NULL;
  g_autofree char *shown = NULL;
  UppAnswer *answer;
  GdkRectangle area;
  guint start, end;

  if (self->session == NULL || self->round == NULL || self->responses == NULL)
    return;
  block = find_selected_block (self);
  if (block == NULL)
    {
      upp_toast_show (widget, _("Select the words to code first."));
      return;
    }

  /* The passage is counted in the stored text: one saved meanwhile is shown first. */
  upp_session_check_for_changes (self->session);
  response = find_response (self, upp_response_get_uuid (block->response));
  answer = response != NULL ? upp_response_get_answer (response, self->question_key) : NULL;
  shown = dup_buffer_text (GTK_TEXT_VIEW (block->text_view));
  if (answer == NULL || g_strcmp0 (upp_answer_get_text (answer), shown) != 0)
    {
      rebuild (self);
      upp_toast_show (widget, _("The answer changed meanwhile; select the words again."));
      return;
    }

  upp_coding_highlight_get_selection (GTK_TEXT_VIEW (block->text_view), widget, &start, &end,
                                      &area);
  if (self->picker == NULL)
    {
      self->picker = upp_theme_picker_new ();
      gtk_widget_set_parent (self->picker, widget);
      g_signal_connect (self->picker, "coded", G_CALLBACK (on_coded_cb), self);
    }
  upp_theme_picker_popup_for_passage (UPP_THEME_PICKER (self->picker), self->session,
                                      self->round, response, self->question_key, start, end,
                                      &area);
}

static void
remove_coding_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UppCodingView *self = UPP_CODING_VIEW (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->blocks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      UnitBlock *block = value;
      UppCoding *coding = upp_coding_highlight_find_coding (
        gtk_text_view_get_buffer (GTK_TEXT_VIEW (block->text_view)), uuid);

      if (coding != NULL)
        {
          g_autoptr(UppCoding) removed = g_object_ref (coding);

          remove_coding (self, removed);
          return;
        }
    }
}

GtkWidget *
upp_coding_view_new (void)
{
  return g_object_new (UPP_TYPE_CODING_VIEW, NULL);
}

UppSession *
upp_coding_view_get_session (UppCodingView *self)
{
  g_return_val_if_fail (UPP_IS_CODING_VIEW (self), NULL);
  return self->session;
}

void
upp_coding_view_set_session (UppCodingView *self,
                             UppSession    *session)
{
  g_return_if_fail (UPP_IS_CODING_VIEW (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed_cb), self,
                             G_CONNECT_SWAPPED);
  follow_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

UppRound *
upp_coding_view_get_round (UppCodingView *self)
{
  g_return_val_if_fail (UPP_IS_CODING_VIEW (self), NULL);
  return self->round;
}

void
upp_coding_view_set_round (UppCodingView *self,
                           UppRound      *round)
{
  g_return_if_fail (UPP_IS_CODING_VIEW (self));
  g_return_if_fail (round == NULL || UPP_IS_ROUND (round));

  if (!g_set_object (&self->round, round))
    return;
  follow_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
}

const char *
upp_coding_view_get_question_key (UppCodingView *self)
{
  g_return_val_if_fail (UPP_IS_CODING_VIEW (self), NULL);
  return self->question_key;
}

void
upp_coding_view_set_question_key (UppCodingView *self,
                                  const char    *question_key)
{
  g_return_if_fail (UPP_IS_CODING_VIEW (self));

  if (g_strcmp0 (self->question_key, question_key) == 0)
    return;
  g_free (self->question_key);
  self->question_key = g_strdup (question_key);
  fill_questions (self);
  /* Another question's answers: the old texts and selections do not carry over. */
  clear_blocks (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  upp_deferred_rebuild_now (&self->rebuild);
}

GtkTextView *
upp_coding_view_get_text_view (UppCodingView *self,
                               const char    *unit_name)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (UPP_IS_CODING_VIEW (self), NULL);

  g_hash_table_iter_init (&iter, self->blocks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      UnitBlock *block = value;

      if (g_strcmp0 (upp_response_get_unit_name (block->response), unit_name) == 0)
        return GTK_TEXT_VIEW (block->text_view);
    }
  return NULL;
}

static GtkWidget *
question_label_new (gboolean in_popup)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (in_popup)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
setup_question_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  in_popup)
{
  gtk_list_item_set_child (list_item, question_label_new (GPOINTER_TO_INT (in_popup)));
}

static void
bind_question_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  in_popup)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_object_get_string (item));
}

static GtkListItemFactory *
question_factory_new (gboolean in_popup)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_question_cb),
                    GINT_TO_POINTER (in_popup));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_question_cb), GINT_TO_POINTER (in_popup));
  return factory;
}

static void
upp_coding_view_map (GtkWidget *widget)
{
  UppCodingView *self = UPP_CODING_VIEW (widget);

  GTK_WIDGET_CLASS (upp_coding_view_parent_class)->map (widget);
  if (upp_deferred_rebuild_is_pending (&self->rebuild))
    rebuild (self);
}

static void
upp_coding_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  UppCodingView *self = UPP_CODING_VIEW (widget);

  GTK_WIDGET_CLASS (upp_coding_view_parent_class)->size_allocate (widget, width, height,
                                                                 baseline);
  if (width != self->allocated_width)
    {
      self->allocated_width = width;
      queue_resize_answers (self);
    }
}

static void
upp_coding_view_dispose (GObject *object)
{
  UppCodingView *self = UPP_CODING_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->resize_answers_id, g_source_remove);
  upp_deferred_rebuild_clear (&self->rebuild);
  disconnect_models (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_clear_object (&self->session);
  g_clear_object (&self->round);
  if (self->blocks != NULL)
    g_hash_table_remove_all (self->blocks);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_CODING_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  self->picker = NULL;

  G_OBJECT_CLASS (upp_coding_view_parent_class)->dispose (object);
}

static void
upp_coding_view_finalize (GObject *object)
{
  UppCodingView *self = UPP_CODING_VIEW (object);

  g_clear_pointer (&self->blocks, g_hash_table_unref);
  g_clear_object (&self->questions);
  g_free (self->question_key);

  G_OBJECT_CLASS (upp_coding_view_parent_class)->finalize (object);
}

static void
upp_coding_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UppCodingView *self = UPP_CODING_VIEW (object);

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
upp_coding_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UppCodingView *self = UPP_CODING_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_coding_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_ROUND:
      upp_coding_view_set_round (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_coding_view_class_init (UppCodingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_coding_view_dispose;
  object_class->finalize = upp_coding_view_finalize;
  object_class->get_property = upp_coding_view_get_property;
  object_class->set_property = upp_coding_view_set_property;
  widget_class->map = upp_coding_view_map;
  widget_class->size_allocate = upp_coding_view_size_allocate;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_object ("round", NULL, NULL, UPP_TYPE_ROUND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-coding-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UppCodingView, answers_box);
  gtk_widget_class_bind_template_child (widget_class, UppCodingView, question_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UppCodingView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, UppCodingView, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_question_selected_cb);

  gtk_widget_class_install_action (widget_class, "coding.code-selection", NULL,
                                   code_selection_action);
  gtk_widget_class_install_action (widget_class, "coding.remove-coding", "s",
                                   remove_coding_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "coding.code-selection", NULL);
}

static void
upp_coding_view_init (UppCodingView *self)
{
  g_autoptr(GtkListItemFactory) factory = question_factory_new (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = question_factory_new (TRUE);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->blocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unit_block_free);
  self->questions = gtk_string_list_new (NULL);
  gtk_drop_down_set_factory (self->question_dropdown, factory);
  gtk_drop_down_set_list_factory (self->question_dropdown, list_factory);
  gtk_drop_down_set_model (self->question_dropdown, G_LIST_MODEL (self->questions));
  upp_deferred_rebuild_init (&self->rebuild, GTK_WIDGET (self), REBUILD_DELAY_MS,
                             (UppRebuildFunc) rebuild);
}
