/* upp-question-card.c: one question of the interview form: text, choices, answer, last year
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-question-card"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-answer.h"
#include "upp-choice-group.h"
#include "upp-coding-highlight.h"
#include "upp-coding.h"
#include "upp-cursor-follow.h"
#include "upp-item-field.h"
#include "upp-item-fields-editor.h"
#include "upp-privacy-marks.h"
#include "upp-privacy.h"
#include "upp-question-card.h"
#include "upp-question.h"
#include "upp-settings.h"
#include "upp-suggestion.h"
#include "upp-table-rows-editor.h"
#include "upp-template.h"
#include "upp-toast.h"
#include "upp-util.h"

struct _UppQuestionCard
{
  GtkWidget    parent_instance;

  UppQuestion   *question;
  GPtrArray     *choice_buttons;  /* GtkCheckButton, in the order of the question's choices */
  GtkWidget     *choice_group;    /* UppChoiceGroup, in choices_area; NULL without choices */
  GtkWidget     *clear_button;    /* a radio group's "Clear Choice", or NULL */
  UppAnswer     *previous;        /* the same unit's answer in the previous round, or NULL */
  GSettings     *settings;        /* NULL when the schema is not installed */
  UppSuggestion *suggestion;      /* what the text suggests while no choice is ticked */
  char          *editing;         /* the token of the current editing, until the focus leaves */
  GtkWidget     *fields_editor;   /* UppItemFieldsEditor, for a question with item fields */
  GtkWidget     *table_editor;    /* UppTableRowsEditor, for a table question */
  gboolean     loading;
  gboolean     reveal_asked;      /* the officer opened this card's previous answer */
  guint        reveal_tick;
  guint        reveal_frames;
  double       reveal_last_value;

  /* Template widgets */
  GtkButton   *accept_suggestion_button;
  GtkBox      *choices_area;
  GtkLabel    *help_label;
  GtkButton   *history_button;
  GtkBox      *items_box;
  GtkButton   *mask_button;
  GtkButton   *not_personal_button;
  GtkBox      *privacy_box;
  GtkLabel    *privacy_label;
  GtkLabel    *number_label;
  GtkExpander *previous_expander;
  GtkLabel    *previous_label;
  GtkLabel    *question_label;
  GtkBox      *suggestion_box;
  GtkLabel    *suggestion_label;
  GtkLabel    *text_caption;
  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (UppQuestionCard, upp_question_card, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  LEAVE,
  CODE_SELECTION,
  REMOVE_CODING,
  SHOW_HISTORY,
  NOT_PERSONAL,
  ITEM_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_suggestion (UppQuestionCard *self);

UppQuestion *
upp_question_card_get_question (UppQuestionCard *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION_CARD (self), NULL);

  return self->question;
}

GtkWidget *
upp_question_card_get_text_view (UppQuestionCard *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION_CARD (self), NULL);

  return GTK_WIDGET (self->text_view);
}

char *
upp_question_card_dup_text (UppQuestionCard *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

char **
upp_question_card_dup_choices (UppQuestionCard *self)
{
  GPtrArray *question_choices = upp_question_get_choices (self->question);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->choice_buttons->len; i++)
    {
      GtkCheckButton *button = g_ptr_array_index (self->choice_buttons, i);
      const UppChoice *choice = g_ptr_array_index (question_choices, i);

      if (gtk_check_button_get_active (button))
        g_strv_builder_add (builder, choice->key);
    }

  return g_strv_builder_end (builder);
}

void
upp_question_card_set_answer (UppQuestionCard *self,
                              UppAnswer       *answer)
{
  GPtrArray *question_choices = upp_question_get_choices (self->question);
  const char * const *chosen = answer != NULL ? upp_answer_get_choices (answer) : NULL;

  g_return_if_fail (UPP_IS_QUESTION_CARD (self));

  self->loading = TRUE;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            answer != NULL ? upp_answer_get_text (answer) : "", -1);

  for (guint i = 0; i < self->choice_buttons->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (question_choices, i);

      gtk_check_button_set_active (g_ptr_array_index (self->choice_buttons, i),
                                   chosen != NULL
                                   && g_strv_contains ((const char * const *) chosen, choice->key));
    }

  self->loading = FALSE;
  update_suggestion (self);
}

void
upp_question_card_set_previous (UppQuestionCard *self,
                                UppAnswer       *answer,
                                const char      *round_label)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *title = NULL;
  const char * const *chosen;

  g_return_if_fail (UPP_IS_QUESTION_CARD (self));

  g_clear_object (&self->previous);
  if (answer == NULL || upp_answer_is_empty (answer))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->previous_expander), FALSE);
      return;
    }
  self->previous = g_object_ref (answer);

  text = g_string_new (NULL);
  chosen = upp_answer_get_choices (answer);
  for (guint i = 0; chosen != NULL && chosen[i] != NULL; i++)
    {
      const UppChoice *choice = upp_question_find_choice (self->question, chosen[i]);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                              choice != NULL ? choice->label : chosen[i]);
    }
  if (text->len > 0 && !upp_str_is_blank (upp_answer_get_text (answer)))
    g_string_append (text, "\n\n");
  g_string_append (text, upp_answer_get_text (answer));

  if (round_label != NULL)
    /* Translators: the expander above last year's answer, e.g. "Answer in 2025". */
    title = g_strdup_printf (_("Answer in %s"), round_label);
  else
    title = g_strdup (_("Answer in the previous round"));

  /* Open or closed as the officer last left one, in every card (a setting). */
  gtk_expander_set_label (self->previous_expander, title);
  gtk_label_set_text (self->previous_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_expander), TRUE);
}

void
upp_question_card_set_codings (UppQuestionCard *self,
                               GPtrArray       *codings,
                               GListModel      *themes)
{
  g_return_if_fail (UPP_IS_QUESTION_CARD (self));

  upp_coding_highlight_apply (gtk_text_view_get_buffer (self->text_view), codings, themes);
}

/* Beside the choices while the answer has text and none is ticked: the choices that the text
 * suggests, to accept with one click. It is only a hint until then. */
static void
update_suggestion (UppQuestionCard *self)
{
  g_auto(GStrv) chosen = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *matched = NULL;
  g_autofree char *tooltip = NULL;

  g_clear_object (&self->suggestion);
  if (self->choice_buttons->len > 0)
    {
      chosen = upp_question_card_dup_choices (self);
      text = upp_question_card_dup_text (self);
      if (chosen[0] == NULL)
        self->suggestion = upp_suggestion_new_for_text (self->question, NULL, text);
    }

  if (self->suggestion == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->suggestion_box), FALSE);
      return;
    }

  label = upp_suggestion_dup_label (self->suggestion);
  matched = upp_suggestion_dup_matched (self->suggestion);
  /* Translators: the choice that the answer text suggests, e.g. "Suggestion: Arbete pågår". */
  shown = g_strdup_printf (_("Suggestion: %s"), label);
  /* Translators: a tooltip quoting the words of the answer that made the suggestion. */
  tooltip = g_strdup_printf (_("The answer says “%s”"), matched);
  gtk_label_set_text (self->suggestion_label, shown);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->suggestion_label), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->accept_suggestion_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_box), TRUE);
}

/* Ticks the suggested choices as a click on them would: the form saves them as any choice. */
static void
on_accept_suggestion_clicked_cb (GtkButton       *button,
                                 UppQuestionCard *self)
{
  g_autoptr(UppSuggestion) suggestion = NULL;
  GPtrArray *question_choices = upp_question_get_choices (self->question);
  const char * const *keys;
  GtkWidget *first = NULL;

  if (self->suggestion == NULL)
    return;

  /* Ticking updates (and drops) self->suggestion. */
  suggestion = g_object_ref (self->suggestion);
  keys = upp_suggestion_get_choices (suggestion);
  for (guint i = 0; i < self->choice_buttons->len; i++)
    {
      GtkWidget *choice_button = g_ptr_array_index (self->choice_buttons, i);
      const UppChoice *choice = g_ptr_array_index (question_choices, i);

      if (!g_strv_contains (keys, choice->key))
        continue;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (choice_button), TRUE);
      if (first == NULL)
        first = choice_button;
    }

  /* The button hides with the suggestion; the focus stays in the card, on the choice. */
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static void
emit_changed (UppQuestionCard *self)
{
  if (self->loading)
    return;
  if (self->editing == NULL)
    self->editing = g_uuid_string_random ();
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Personal data: marked by upp-privacy-marks.c; the card says what under the answer. */

static void
on_privacy_checked_cb (GtkWidget       *widget,
                       const char      *text,
                       GArray          *matches,
                       UppQuestionCard *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->privacy_box), matches->len > 0);
  if (matches->len == 1)
    {
      UppPrivacyMatch *match = &g_array_index (matches, UppPrivacyMatch, 0);
      g_autofree char *found = g_strndup (text + match->start, match->end - match->start);
      /* Translators: e.g. "Looks like a personal identity number: 850412-1230" */
      g_autofree char *message = g_strdup_printf (_("%s: %s"),
                                                  upp_privacy_kind_describe (match->kind), found);

      gtk_label_set_text (self->privacy_label, message);
    }
  else if (matches->len > 1)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u passage looks like personal data",
                                      "%u passages look like personal data", matches->len),
                         matches->len);

      gtk_label_set_text (self->privacy_label, message);
    }
}

/* Every match replaced by its neutral token, as one step that Ctrl+Z undoes. */
static void
on_mask_clicked_cb (GtkButton       *button,
                    UppQuestionCard *self)
{
  upp_privacy_marks_mask (GTK_WIDGET (self->text_view));
}

/* The matched texts are remembered for this answer (by the form, in the database). */
static void
on_not_personal_clicked_cb (GtkButton       *button,
                            UppQuestionCard *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) matches = upp_privacy_marks_find (GTK_WIDGET (self->text_view), &text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) found = NULL;

  for (guint i = 0; i < matches->len; i++)
    {
      UppPrivacyMatch *match = &g_array_index (matches, UppPrivacyMatch, i);
      g_autofree char *one = g_strndup (text + match->start, match->end - match->start);

      g_strv_builder_add (builder, one);
    }
  found = g_strv_builder_end (builder);
  upp_privacy_marks_add_exceptions (GTK_WIDGET (self->text_view), (const char * const *) found);
  g_signal_emit (self, signals[NOT_PERSONAL], 0, found);
}

void
upp_question_card_set_privacy (UppQuestionCard    *self,
                               const char * const *words,
                               const char * const *exceptions)
{
  g_return_if_fail (UPP_IS_QUESTION_CARD (self));

  upp_privacy_marks_set_words (GTK_WIDGET (self->text_view), words, exceptions);
}

static void
on_buffer_changed_cb (GtkTextBuffer   *buffer,
                      UppQuestionCard *self)
{
  update_suggestion (self);
  emit_changed (self);
}

static void
on_choice_toggled_cb (GtkCheckButton  *button,
                      UppQuestionCard *self)
{
  update_suggestion (self);

  /* A radio group toggles twice, off then on; the one turned on reports the change. */
  if (upp_question_get_kind (self->question) != UPP_QUESTION_KIND_MULTIPLE_CHOICE
      && !gtk_check_button_get_active (button))
    return;

  emit_changed (self);
}

/* The form saves what was typed as one version; what is typed next is a new one. */
static void
end_editing (UppQuestionCard *self)
{
  g_signal_emit (self, signals[LEAVE], 0);
  g_clear_pointer (&self->editing, g_free);
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   UppQuestionCard         *self)
{
  end_editing (self);
}

static void
on_history_clicked_cb (GtkButton       *button,
                       UppQuestionCard *self)
{
  g_signal_emit (self, signals[SHOW_HISTORY], 0);
}

static void
clear_choice (UppQuestionCard *self)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < self->choice_buttons->len; i++)
    {
      GtkCheckButton *choice = g_ptr_array_index (self->choice_buttons, i);

      if (gtk_check_button_get_active (choice))
        {
          self->loading = TRUE;
          gtk_check_button_set_active (choice, FALSE);
          self->loading = FALSE;
          changed = TRUE;
        }
    }

  update_suggestion (self);

  if (changed)
    emit_changed (self);
}

static void
on_clear_choice_clicked_cb (GtkButton       *button,
                            UppQuestionCard *self)
{
  clear_choice (self);
}

static int
find_focused_choice (UppQuestionCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; focus != NULL && i < self->choice_buttons->len; i++)
    if (g_ptr_array_index (self->choice_buttons, i) == focus)
      return i;
  return -1;
}

/* In a radio group (one Tab stop, upp-choice-group.c) the arrow keys move and choose, as in
 * any radio group, and Delete clears it; the flow box would move without choosing. */
static gboolean
on_radio_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         UppQuestionCard       *self)
{
  int focused = find_focused_choice (self);
  int n = self->choice_buttons->len;
  int next;

  if (focused < 0 ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      next = (focused + n - 1) % n;
      break;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      next = (focused + 1) % n;
      break;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      clear_choice (self);
      return TRUE;

    default:
      return FALSE;
    }

  gtk_widget_grab_focus (g_ptr_array_index (self->choice_buttons, next));
  gtk_check_button_set_active (g_ptr_array_index (self->choice_buttons, next), TRUE);
  return TRUE;
}

static void
build_choices (UppQuestionCard *self)
{
  GPtrArray *choices = upp_question_get_choices (self->question);
  gboolean multiple = upp_question_get_kind (self->question) == UPP_QUESTION_KIND_MULTIPLE_CHOICE;
  GtkCheckButton *group = NULL;

  if (choices == NULL || choices->len == 0)
    return;

  /* Named by the question for a screen reader. */
  self->choice_group = upp_choice_group_new (!multiple, GTK_WIDGET (self->question_label));
  gtk_box_append (self->choices_area, self->choice_group);

  for (guint i = 0; i < choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (choices, i);
      GtkWidget *button;

      /* GTK 4.8 calls a grouped check button a check box; it is a radio button. */
      button = g_object_new (GTK_TYPE_CHECK_BUTTON,
                             "accessible-role", multiple ? GTK_ACCESSIBLE_ROLE_CHECKBOX
                                                         : GTK_ACCESSIBLE_ROLE_RADIO,
                             "label", choice->label,
                             NULL);
      if (!multiple)
        {
          if (group != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
          else
            group = GTK_CHECK_BUTTON (button);
        }

      g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled_cb), self);
      upp_choice_group_append (UPP_CHOICE_GROUP (self->choice_group), button);
      g_ptr_array_add (self->choice_buttons, button);
    }

  /* A radio group cannot be emptied by clicking; a choice made by mistake can be undone.
   * Not a Tab stop in every card: Delete in the group does the same. No mnemonic either, as
   * every card has one. */
  if (!multiple)
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      self->clear_button = gtk_button_new_with_label (_("Clear Choice"));
      gtk_widget_add_css_class (self->clear_button, "flat");
      gtk_widget_set_halign (self->clear_button, GTK_ALIGN_START);
      gtk_widget_set_focusable (self->clear_button, FALSE);
      gtk_widget_set_tooltip_text (self->clear_button, _("Delete clears the choice too"));
      g_signal_connect (self->clear_button, "clicked", G_CALLBACK (on_clear_choice_clicked_cb),
                        self);
      upp_choice_group_append (UPP_CHOICE_GROUP (self->choice_group), self->clear_button);

      /* Before the flow box's own arrow keys. */
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_radio_key_pressed_cb), self);
      gtk_widget_add_controller (self->choice_group, keys);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->choices_area), TRUE);
}

static gboolean
reveal_previous_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  UppQuestionCard *self = UPP_QUESTION_CARD (widget);
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value;

  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    {
      self->reveal_tick = 0;
      return G_SOURCE_REMOVE;
    }

  /* The first frame lays the opened answer out, and the view may still be gliding to the
   * focused expander: wait until it rests, or we would be scrolled back. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  if (++self->reveal_frames < 2
      || (value != self->reveal_last_value && self->reveal_frames < 60))
    {
      self->reveal_last_value = value;
      return G_SOURCE_CONTINUE;
    }

  self->reveal_tick = 0;
  if (gtk_widget_compute_bounds (GTK_WIDGET (self->previous_label), scrolled, &bounds))
    gtk_adjustment_clamp_page (adjustment, value + bounds.origin.y,
                               value + bounds.origin.y + bounds.size.height);
  return G_SOURCE_REMOVE;
}

static void
on_previous_activate_cb (UppQuestionCard *self)
{
  self->reveal_asked = TRUE;
}

/* An opened answer of last year may reach below the window: scroll it into view once it has
 * been laid out. Only the card it was opened in: the others follow the setting in place. */
static void
on_previous_expanded_cb (UppQuestionCard *self)
{
  gboolean asked = self->reveal_asked;

  self->reveal_asked = FALSE;
  if (!asked || !gtk_expander_get_expanded (self->previous_expander) || self->reveal_tick != 0)
    return;

  self->reveal_frames = 0;
  self->reveal_last_value = -1;
  self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_previous_cb,
                                                    NULL, NULL);
}

typedef struct
{
  UppQuestionCard *card;
  char            *text;
  char           **choices;
} ReplacedAnswer;

static void
replaced_answer_free (gpointer  data,
                      GClosure *closure)
{
  ReplacedAnswer *replaced = data;

  g_clear_weak_pointer (&replaced->card);
  g_free (replaced->text);
  g_strfreev (replaced->choices);
  g_free (replaced);
}

/* Puts text and choices in the answer as if typed: the form saves them as a new version of
 * the answer, after the one typed so far. */
static void
replace_answer (UppQuestionCard    *self,
                const char         *text,
                const char * const *choices)
{
  GPtrArray *question_choices = upp_question_get_choices (self->question);

  end_editing (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  self->loading = TRUE;
  for (guint i = 0; i < self->choice_buttons->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (question_choices, i);

      gtk_check_button_set_active (g_ptr_array_index (self->choice_buttons, i),
                                   choices != NULL && g_strv_contains (choices, choice->key));
    }
  self->loading = FALSE;
  update_suggestion (self);
  emit_changed (self);
  end_editing (self);
}

static void
on_undo_copy_previous_cb (AdwToast       *toast,
                          ReplacedAnswer *replaced)
{
  if (replaced->card != NULL)
    replace_answer (replaced->card, replaced->text, (const char * const *) replaced->choices);
}

/* Last year's text and choices as a starting point. Item fields and table rows stay as they
 * are: last year's dates and people are seldom this year's. What was typed is never lost:
 * it is saved as a version of its own first, and the toast's Undo brings it back. */
static void
on_copy_previous_clicked_cb (GtkButton       *button,
                             UppQuestionCard *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *text = NULL;
  g_auto(GStrv) choices = NULL;
  g_auto(GStrv) previous_choices = NULL;
  const char * const *chosen;
  ReplacedAnswer *replaced;
  AdwToast *toast;

  if (self->previous == NULL)
    return;

  /* Only the choices this question still has. */
  chosen = upp_answer_get_choices (self->previous);
  for (guint i = 0; chosen != NULL && chosen[i] != NULL; i++)
    if (upp_question_find_choice (self->question, chosen[i]) != NULL)
      g_strv_builder_add (builder, chosen[i]);
  previous_choices = g_strv_builder_end (builder);

  text = upp_question_card_dup_text (self);
  choices = upp_question_card_dup_choices (self);
  replace_answer (self, upp_answer_get_text (self->previous),
                  (const char * const *) previous_choices);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));

  if (upp_str_is_blank (text) && choices[0] == NULL)
    return;

  replaced = g_new0 (ReplacedAnswer, 1);
  g_set_weak_pointer (&replaced->card, self);
  replaced->text = g_steal_pointer (&text);
  replaced->choices = g_steal_pointer (&choices);
  toast = adw_toast_new (_("Last year’s answer copied; the answer typed before is in the "
                           "history"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_copy_previous_cb),
                         replaced, replaced_answer_free, 0);
  upp_toast_add (GTK_WIDGET (self), toast);
}

/* The form codes: it saves the answer first, so that the passage is the stored text's. */
static void
code_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_signal_emit (widget, signals[CODE_SELECTION], 0);
}

static void
remove_coding_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UppQuestionCard *self = UPP_QUESTION_CARD (widget);
  UppCoding *coding;

  coding = upp_coding_highlight_find_coding (gtk_text_view_get_buffer (self->text_view),
                                             g_variant_get_string (parameter, NULL));
  if (coding != NULL)
    g_signal_emit (self, signals[REMOVE_CODING], 0, coding);
}

static void
upp_question_card_dispose (GObject *object)
{
  UppQuestionCard *self = UPP_QUESTION_CARD (object);
  GtkWidget *child;

  if (self->reveal_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
  self->reveal_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_QUESTION_CARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  self->fields_editor = NULL;
  self->table_editor = NULL;
  self->choice_group = NULL;
  self->clear_button = NULL;
  g_clear_object (&self->question);
  g_clear_object (&self->previous);
  g_clear_object (&self->settings);
  g_clear_object (&self->suggestion);
  g_clear_pointer (&self->choice_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->editing, g_free);

  G_OBJECT_CLASS (upp_question_card_parent_class)->dispose (object);
}

static void
upp_question_card_class_init (UppQuestionCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_question_card_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CODE_SELECTION] = g_signal_new ("code-selection", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  signals[SHOW_HISTORY] = g_signal_new ("show-history", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
  signals[NOT_PERSONAL] = g_signal_new ("not-personal", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRV);
  signals[ITEM_CHANGED] = g_signal_new ("item-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[REMOVE_CODING] = g_signal_new ("remove-coding", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, UPP_TYPE_CODING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-question-card.ui");
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, accept_suggestion_button);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, choices_area);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, help_label);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, history_button);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, items_box);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, mask_button);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, not_personal_button);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, privacy_box);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, privacy_label);
  gtk_widget_class_bind_template_callback (widget_class, on_mask_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_not_personal_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_history_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, number_label);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, previous_expander);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, previous_label);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, question_label);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, suggestion_box);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, text_caption);
  gtk_widget_class_bind_template_child (widget_class, UppQuestionCard, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_suggestion_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_previous_clicked_cb);

  gtk_widget_class_install_action (widget_class, "card.code-selection", NULL,
                                   code_selection_action);
  gtk_widget_class_install_action (widget_class, "card.remove-coding", "s",
                                   remove_coding_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "card.code-selection", NULL);
}


static void
upp_question_card_init (UppQuestionCard *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Last year's answer open or closed as the officer left it, in every card and unit. */
  self->settings = upp_settings_new_if_installed (NULL);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "previous-answer-expanded", self->previous_expander,
                     "expanded", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->previous_expander, "activate",
                            G_CALLBACK (on_previous_activate_cb), self);
  g_signal_connect_swapped (self->previous_expander, "notify::expanded",
                            G_CALLBACK (on_previous_expanded_cb), self);
  upp_cursor_follow_attach (self->text_view);

  self->choice_buttons = g_ptr_array_new ();

  g_signal_connect (gtk_text_view_get_buffer (self->text_view), "changed",
                    G_CALLBACK (on_buffer_changed_cb), self);
  upp_coding_highlight_attach (self->text_view, "card.code-selection", "card.remove-coding");
  upp_privacy_marks_attach (GTK_WIDGET (self->text_view), NULL);
  upp_privacy_marks_set_checked_func (GTK_WIDGET (self->text_view),
                                      (UppPrivacyMarksChecked) on_privacy_checked_cb, self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
upp_question_card_new (UppQuestion *question)
{
  UppQuestionCard *self;
  g_autofree char *accessible = NULL;

  g_return_val_if_fail (UPP_IS_QUESTION (question), NULL);

  self = g_object_new (UPP_TYPE_QUESTION_CARD, NULL);
  self->question = g_object_ref (question);

  gtk_label_set_text (self->number_label, upp_question_get_number (question));
  gtk_label_set_text (self->question_label, upp_question_get_text (question));
  gtk_label_set_text (self->help_label, upp_question_get_help (question));
  gtk_widget_set_visible (GTK_WIDGET (self->help_label),
                          !upp_str_is_blank (upp_question_get_help (question)));
  build_choices (self);
  /* A table's rows are its answer; it has no text and no history of its own. */
  if (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->text_view), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->history_button), FALSE);
    }
  /* An item with fields reads as one line of status, fields and a comment. */
  else if (upp_question_get_fields (question) != NULL &&
           upp_question_get_fields (question)->len > 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->text_caption), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "upp-comment");
      /* The status and its clear button on one line, the fields under them. */
      if (self->choice_group != NULL)
        gtk_flow_box_set_max_children_per_line (
          upp_choice_group_get_flow_box (UPP_CHOICE_GROUP (self->choice_group)),
          upp_question_get_choices (question)->len + 1);
    }

  /* Screen readers (and the GUI tests) find the answer field by its question. */
  /* Translators: accessible name of an answer field, e.g. "Answer to question 3". */
  accessible = g_strdup_printf (_("Answer to question %s"), upp_question_get_number (question));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  upp_question_get_text (question),
                                  -1);
  g_free (accessible);
  /* Translators: accessible name of the button that shows an answer's earlier versions. */
  accessible = g_strdup_printf (_("History of the answer to question %s"),
                                upp_question_get_number (question));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->history_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return GTK_WIDGET (self);
}

const char *
upp_question_card_get_editing (UppQuestionCard *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION_CARD (self), NULL);

  return self->editing;
}

GtkWidget *
upp_question_card_get_history_button (UppQuestionCard *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION_CARD (self), NULL);

  return GTK_WIDGET (self->history_button);
}

static void
on_item_changed_cb (GtkWidget       *editor,
                    const char      *answer_key,
                    UppQuestionCard *self)
{
  if (self->editing == NULL)
    self->editing = g_uuid_string_random ();
  g_signal_emit (self, signals[ITEM_CHANGED], 0, answer_key);
}

void
upp_question_card_set_items (UppQuestionCard *self,
                             UppTemplate     *template,
                             UppResponse     *response)
{
  GPtrArray *fields;

  g_return_if_fail (UPP_IS_QUESTION_CARD (self));
  g_return_if_fail (UPP_IS_TEMPLATE (template));

  fields = upp_question_get_fields (self->question);
  if (self->fields_editor == NULL && fields != NULL && fields->len > 0)
    {
      self->fields_editor = upp_item_fields_editor_new (template, self->question);
      g_signal_connect (self->fields_editor, "changed", G_CALLBACK (on_item_changed_cb), self);
      gtk_box_append (self->items_box, self->fields_editor);
    }
  if (self->table_editor == NULL &&
      upp_question_get_kind (self->question) == UPP_QUESTION_KIND_TABLE)
    {
      self->table_editor = upp_table_rows_editor_new (self->question);
      g_signal_connect (self->table_editor, "changed", G_CALLBACK (on_item_changed_cb), self);
      gtk_box_append (self->items_box, self->table_editor);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->items_box),
                          self->fields_editor != NULL || self->table_editor != NULL);

  if (self->fields_editor != NULL)
    upp_item_fields_editor_set_response (UPP_ITEM_FIELDS_EDITOR (self->fields_editor),
                                         response);
  if (self->table_editor != NULL)
    upp_table_rows_editor_set_response (UPP_TABLE_ROWS_EDITOR (self->table_editor), response);
}

gboolean
upp_question_card_dup_item_answer (UppQuestionCard   *self,
                                   const char        *answer_key,
                                   char             **text,
                                   char            ***choices)
{
  g_return_val_if_fail (UPP_IS_QUESTION_CARD (self), FALSE);

  if (self->fields_editor != NULL &&
      upp_item_fields_editor_dup_answer (UPP_ITEM_FIELDS_EDITOR (self->fields_editor),
                                         answer_key, text, choices))
    return TRUE;
  if (self->table_editor != NULL &&
      upp_table_rows_editor_dup_answer (UPP_TABLE_ROWS_EDITOR (self->table_editor), answer_key,
                                        text))
    {
      *choices = NULL;
      return TRUE;
    }
  return FALSE;
}

GtkWidget *
upp_question_card_get_item_widget (UppQuestionCard *self,
                                   const char      *answer_key)
{
  GtkWidget *widget = NULL;

  g_return_val_if_fail (UPP_IS_QUESTION_CARD (self), NULL);

  if (self->fields_editor != NULL)
    widget = upp_item_fields_editor_get_widget_for_key (
      UPP_ITEM_FIELDS_EDITOR (self->fields_editor), answer_key);
  if (widget == NULL && self->table_editor != NULL)
    widget = upp_table_rows_editor_get_cell_for_key (UPP_TABLE_ROWS_EDITOR (self->table_editor),
                                                     answer_key);
  return widget;
}

GtkWidget *
upp_question_card_get_fields_editor (UppQuestionCard *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION_CARD (self), NULL);

  return self->fields_editor;
}

GtkWidget *
upp_question_card_get_table_editor (UppQuestionCard *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION_CARD (self), NULL);

  return self->table_editor;
}
