/* upp-template-editor.c: a dialog to view, create and edit a survey template
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-template-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-discard-question.h"
#include "upp-enums.h"
#include "upp-question.h"
#include "upp-store.h"
#include "upp-template-editor.h"
#include "upp-template.h"
#include "upp-util.h"

/* The editor never changes the template it was given: Save builds a new UppTemplate from the
 * fields (keeping uuid, id and version) and stores that. Questions are a short list edited in
 * place, so each has its own expander row with its fields. */

typedef struct
{
  GtkWidget *row;
  GtkEditable *key;
  GtkEditable *label;
  /* The editor has no field for match phrases; they are kept as the choice had them. */
  char       **match;
} ChoiceEditor;

typedef struct
{
  UppTemplateEditor *editor;
  AdwExpanderRow    *row;
  AdwEntryRow       *key_row;
  AdwEntryRow       *number_row;
  AdwEntryRow       *label_row;
  AdwEntryRow       *text_row;
  AdwComboRow       *kind_row;
  GtkWidget         *choices_row;
  GtkListBox        *choices_list;
  GtkWidget         *up_button;
  GtkWidget         *down_button;
  GtkWidget         *remove_button;
  GtkWidget         *duplicate_button;
  GPtrArray         *choices;  /* ChoiceEditor */
  /* Where the question came from in the previous version (upp_question_get_from). */
  char             **from;
} QuestionEditor;

struct _UppTemplateEditor
{
  AdwWindow          parent_instance;

  UppSession        *session;
  UppStore          *store;          /* the session's when the editor opened */
  UppTemplate       *template;
  gboolean           is_new;
  gboolean           read_only;
  GPtrArray         *questions;  /* QuestionEditor, in order */
  GtkStringList     *kind_labels;
  char              *error_text;
  /* Entries marked as wrong, cleared on the next check. */
  GPtrArray         *error_widgets;
  /* Checking for unsaved changes: fields are read without marking errors. */
  gboolean           quiet;
  /* The fields as loaded or last saved, as template JSON; NULL when they were incomplete. */
  char              *saved_json;

  /* Template widgets */
  GtkButton         *add_question_button;
  GtkButton         *cancel_button;
  AdwEntryRow       *description_row;
  GtkButton         *duplicate_button;
  GtkLabel          *error_label;
  GtkRevealer       *error_revealer;
  AdwEntryRow       *key_row;
  GtkListBox        *questions_list;
  GtkBox            *read_only_box;
  GtkLabel          *read_only_label;
  GtkButton         *save_button;
  AdwEntryRow       *title_row;
  GtkLabel          *version_label;
  AdwWindowTitle    *window_title;
};

G_DEFINE_FINAL_TYPE (UppTemplateEditor, upp_template_editor, ADW_TYPE_WINDOW)
G_DEFINE_QUARK (upp-template-editor-error-quark, upp_template_editor_error)

enum {
  SAVED,
  DUPLICATE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void question_editor_update_title (QuestionEditor *question);

/* A read-only entry row should not show the pencil that invites editing. */
static void
hide_edit_icon (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child) && gtk_widget_has_css_class (child, "edit-icon"))
        gtk_widget_set_visible (child, FALSE);
      else
        hide_edit_icon (child);
    }
}

static void
set_row_editable (AdwEntryRow *row,
                  gboolean     editable)
{
  gtk_editable_set_editable (GTK_EDITABLE (row), editable);
  if (!editable)
    {
      hide_edit_icon (GTK_WIDGET (row));
      /* The whole text, which a one-line row may cut off. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), gtk_editable_get_text (GTK_EDITABLE (row)));
    }
}

static char *
dup_stripped (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static void
choice_editor_free (ChoiceEditor *choice)
{
  g_strfreev (choice->match);
  g_free (choice);
}

static void
question_editor_free (QuestionEditor *question)
{
  g_clear_pointer (&question->choices, g_ptr_array_unref);
  g_clear_pointer (&question->from, g_strfreev);
  g_free (question);
}

/* Errors */

static void
clear_errors (UppTemplateEditor *self)
{
  for (guint i = 0; i < self->error_widgets->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->error_widgets, i), "error");
  g_ptr_array_set_size (self->error_widgets, 0);
  g_clear_pointer (&self->error_text, g_free);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_error (UppTemplateEditor *self,
            const char        *message)
{
  if (self->quiet)
    return;
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
on_marked_field_changed_cb (GtkEditable *editable,
                            gpointer     user_data)
{
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

/* Marks widget as the wrong field, makes it visible and returns FALSE with the message. */
static gboolean
fail_at (UppTemplateEditor *self,
         QuestionEditor    *question,
         GtkWidget         *widget,
         GError           **error,
         const char        *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (self->quiet)
    {
      g_set_error_literal (error, UPP_TEMPLATE_EDITOR_ERROR, UPP_TEMPLATE_EDITOR_ERROR_INVALID,
                           message);
      return FALSE;
    }
  if (question != NULL)
    adw_expander_row_set_expanded (question->row, TRUE);
  if (widget != NULL)
    {
      /* The mark goes once the field is edited. */
      if (GTK_IS_EDITABLE (widget) && !g_object_get_data (G_OBJECT (widget), "error-handler"))
        {
          g_signal_connect (widget, "changed", G_CALLBACK (on_marked_field_changed_cb), NULL);
          g_object_set_data (G_OBJECT (widget), "error-handler", GINT_TO_POINTER (1));
        }
      gtk_widget_add_css_class (widget, "error");
      g_ptr_array_add (self->error_widgets, g_object_ref (widget));
      gtk_widget_grab_focus (widget);
    }
  show_error (self, message);
  g_set_error_literal (error, UPP_TEMPLATE_EDITOR_ERROR, UPP_TEMPLATE_EDITOR_ERROR_INVALID,
                       message);
  return FALSE;
}

/* Choices */

static void
on_remove_choice_clicked_cb (GtkButton      *button,
                             QuestionEditor *question)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "choice-row");

  for (guint i = 0; i < question->choices->len; i++)
    {
      ChoiceEditor *choice = g_ptr_array_index (question->choices, i);

      if (choice->row != row)
        continue;
      gtk_list_box_remove (question->choices_list, row);
      g_ptr_array_remove_index (question->choices, i);
      break;
    }
  question_editor_update_title (question);
}

static ChoiceEditor *
question_editor_add_choice (QuestionEditor *question,
                            const char     *key,
                            const char     *label)
{
  ChoiceEditor *choice = g_new0 (ChoiceEditor, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *key_entry = gtk_entry_new ();
  GtkWidget *label_entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gboolean editable = !question->editor->read_only;

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_editable_set_text (GTK_EDITABLE (key_entry), key != NULL ? key : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (key_entry), C_("templates", "Key (optional)"));
  gtk_editable_set_width_chars (GTK_EDITABLE (key_entry), 10);
  gtk_editable_set_editable (GTK_EDITABLE (key_entry), editable);
  gtk_accessible_update_property (GTK_ACCESSIBLE (key_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("templates", "Choice key"), -1);
  gtk_widget_set_tooltip_text (key_entry, C_("templates", "The code stored for this choice, e.g. “signed”"));

  gtk_editable_set_text (GTK_EDITABLE (label_entry), label != NULL ? label : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (label_entry), C_("templates", "Label"));
  gtk_widget_set_hexpand (label_entry, TRUE);
  gtk_editable_set_editable (GTK_EDITABLE (label_entry), editable);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("templates", "Choice label"), -1);

  gtk_widget_set_tooltip_text (remove, C_("templates", "Remove Choice"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_visible (remove, editable);

  gtk_box_append (GTK_BOX (box), key_entry);
  gtk_box_append (GTK_BOX (box), label_entry);
  gtk_box_append (GTK_BOX (box), remove);

  choice->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (choice->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (choice->row), box);
  choice->key = GTK_EDITABLE (key_entry);
  choice->label = GTK_EDITABLE (label_entry);

  g_object_set_data (G_OBJECT (remove), "choice-row", choice->row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_choice_clicked_cb), question);

  gtk_list_box_append (question->choices_list, choice->row);
  g_ptr_array_add (question->choices, choice);
  question_editor_update_title (question);
  return choice;
}

static void
on_add_choice_clicked_cb (GtkButton      *button,
                          QuestionEditor *question)
{
  ChoiceEditor *choice = question_editor_add_choice (question, "", "");

  gtk_widget_grab_focus (GTK_WIDGET (choice->key));
}

/* Questions */

static UppQuestionKind
question_editor_get_kind (QuestionEditor *question)
{
  guint selected = adw_combo_row_get_selected (question->kind_row);

  return selected < UPP_N_QUESTION_KINDS ? (UppQuestionKind)selected : UPP_QUESTION_KIND_TEXT;
}

static void
question_editor_update_title (QuestionEditor *question)
{
  g_autofree char *number = dup_stripped (GTK_EDITABLE (question->number_row));
  g_autofree char *label = dup_stripped (GTK_EDITABLE (question->label_row));
  g_autofree char *key = dup_stripped (GTK_EDITABLE (question->key_row));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  UppQuestionKind kind = question_editor_get_kind (question);
  const char *name = *label != '\0' ? label : *key != '\0' ? key : C_("templates", "New question");

  if (*number != '\0')
    title = g_strdup_printf ("%s. %s", number, name);
  else
    title = g_strdup (name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (question->row), title);

  if (upp_question_kind_has_choices (kind))
    /* Translators: a question's kind and how many choices it has, e.g. "Single choice ·
     * 5 choices". */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u choice", "%s · %u choices",
                                             question->choices->len),
                                upp_question_kind_get_label (kind), question->choices->len);
  else
    subtitle = g_strdup (upp_question_kind_get_label (kind));
  adw_expander_row_set_subtitle (question->row, subtitle);

  gtk_widget_set_visible (question->choices_row, upp_question_kind_has_choices (kind));
}

static void
on_question_field_changed_cb (GtkEditable    *editable,
                              QuestionEditor *question)
{
  question_editor_update_title (question);
}

static void
on_kind_selected_cb (AdwComboRow    *row,
                     GParamSpec     *pspec,
                     QuestionEditor *question)
{
  UppQuestionKind kind = question_editor_get_kind (question);

  /* A yes/no question needs its two choices; offer them instead of empty fields. */
  if (kind == UPP_QUESTION_KIND_YES_NO && question->choices->len == 0 && !question->editor->read_only)
    {
      question_editor_add_choice (question, "yes", C_("templates", "Yes"));
      question_editor_add_choice (question, "no", C_("templates", "No"));
    }
  question_editor_update_title (question);
}

static void
update_move_buttons (UppTemplateEditor *self)
{
  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);

      gtk_widget_set_sensitive (question->up_button, i > 0);
      gtk_widget_set_sensitive (question->down_button, i + 1 < self->questions->len);
    }
}

static guint
question_editor_get_position (QuestionEditor *question)
{
  guint position = 0;

  g_ptr_array_find (question->editor->questions, question, &position);
  return position;
}

/* Numbers that were 1, 2, 3… in order follow the questions when they move. */
static gboolean
numbers_are_sequential (UppTemplateEditor *self)
{
  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);
      g_autofree char *number = dup_stripped (GTK_EDITABLE (question->number_row));
      g_autofree char *expected = g_strdup_printf ("%u", i + 1);

      if (!g_str_equal (number, expected))
        return FALSE;
    }
  return TRUE;
}

static void
renumber (UppTemplateEditor *self)
{
  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      gtk_editable_set_text (GTK_EDITABLE (question->number_row), number);
    }
}

static void
move_question (QuestionEditor *question,
               int             delta)
{
  UppTemplateEditor *self = question->editor;
  guint position = question_editor_get_position (question);
  int target = (int)position + delta;
  gboolean sequential = numbers_are_sequential (self);
  gboolean expanded = adw_expander_row_get_expanded (question->row);

  if (target < 0 || target >= (int)self->questions->len)
    return;

  g_object_ref (question->row);
  gtk_list_box_remove (self->questions_list, GTK_WIDGET (question->row));
  gtk_list_box_insert (self->questions_list, GTK_WIDGET (question->row), target);
  g_object_unref (question->row);
  adw_expander_row_set_expanded (question->row, expanded);

  g_ptr_array_steal_index (self->questions, position);
  g_ptr_array_insert (self->questions, target, question);

  if (sequential)
    renumber (self);
  update_move_buttons (self);
  gtk_widget_grab_focus (delta < 0 ? question->up_button : question->down_button);
  if (!gtk_widget_get_sensitive (delta < 0 ? question->up_button : question->down_button))
    gtk_widget_grab_focus (GTK_WIDGET (question->row));
}

static void
on_move_up_clicked_cb (GtkButton      *button,
                       QuestionEditor *question)
{
  move_question (question, -1);
}

static void
on_move_down_clicked_cb (GtkButton      *button,
                         QuestionEditor *question)
{
  move_question (question, 1);
}

static QuestionEditor *add_question_editor (UppTemplateEditor *self,
                                            UppQuestion       *source);

/* A copy of the question below it, with every field and choice but its key (one is made
 * from the text): the checklist's 24 items are one item duplicated. */
static void
on_duplicate_question_clicked_cb (GtkButton      *button,
                                  QuestionEditor *question)
{
  UppTemplateEditor *self = question->editor;
  guint position = question_editor_get_position (question);
  gboolean sequential = numbers_are_sequential (self);
  QuestionEditor *copy = add_question_editor (self, NULL);

  gtk_editable_set_text (GTK_EDITABLE (copy->label_row),
                         gtk_editable_get_text (GTK_EDITABLE (question->label_row)));
  gtk_editable_set_text (GTK_EDITABLE (copy->text_row),
                         gtk_editable_get_text (GTK_EDITABLE (question->text_row)));
  adw_combo_row_set_selected (copy->kind_row, adw_combo_row_get_selected (question->kind_row));
  /* A yes/no kind brings its two choices; the copy takes the original's instead. */
  while (copy->choices->len > 0)
    {
      ChoiceEditor *choice = g_ptr_array_index (copy->choices, 0);

      gtk_list_box_remove (copy->choices_list, choice->row);
      g_ptr_array_remove_index (copy->choices, 0);
    }
  for (guint i = 0; i < question->choices->len; i++)
    {
      ChoiceEditor *choice = g_ptr_array_index (question->choices, i);
      ChoiceEditor *copied = question_editor_add_choice (copy,
                                                         gtk_editable_get_text (choice->key),
                                                         gtk_editable_get_text (choice->label));

      copied->match = g_strdupv (choice->match);
    }

  /* Below the original. */
  g_object_ref (copy->row);
  gtk_list_box_remove (self->questions_list, GTK_WIDGET (copy->row));
  gtk_list_box_insert (self->questions_list, GTK_WIDGET (copy->row), position + 1);
  g_object_unref (copy->row);
  g_ptr_array_steal_index (self->questions, self->questions->len - 1);
  g_ptr_array_insert (self->questions, position + 1, copy);
  if (sequential)
    renumber (self);
  else
    gtk_editable_set_text (GTK_EDITABLE (copy->number_row),
                           gtk_editable_get_text (GTK_EDITABLE (question->number_row)));
  update_move_buttons (self);
  question_editor_update_title (copy);
  adw_expander_row_set_expanded (copy->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (copy->text_row));
}

static void
on_remove_question_clicked_cb (GtkButton      *button,
                               QuestionEditor *question)
{
  UppTemplateEditor *self = question->editor;
  guint position = question_editor_get_position (question);
  gboolean sequential = numbers_are_sequential (self);

  gtk_list_box_remove (self->questions_list, GTK_WIDGET (question->row));
  g_ptr_array_remove_index (self->questions, position);
  if (sequential)
    renumber (self);
  update_move_buttons (self);
}

static GtkWidget *
make_icon_button (const char *icon_name,
                  const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static AdwEntryRow *
make_entry_row (QuestionEditor *question,
                const char     *title,
                const char     *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  set_row_editable (row, !question->editor->read_only);
  g_signal_connect (row, "changed", G_CALLBACK (on_question_field_changed_cb), question);
  adw_expander_row_add_row (question->row, GTK_WIDGET (row));
  return row;
}

static QuestionEditor *
add_question_editor (UppTemplateEditor *self,
                     UppQuestion       *source)
{
  QuestionEditor *question = g_new0 (QuestionEditor, 1);
  GtkWidget *choices_box;
  GtkWidget *heading;
  GtkWidget *add_choice;
  gboolean editable = !self->read_only;

  question->editor = self;
  question->choices = g_ptr_array_new_with_free_func ((GDestroyNotify)choice_editor_free);
  question->from = source != NULL ? g_strdupv ((char **) upp_question_get_from (source)) : NULL;
  question->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (question->row), FALSE);

  question->up_button = make_icon_button ("go-up-symbolic", C_("templates", "Move Up"));
  question->down_button = make_icon_button ("go-down-symbolic", C_("templates", "Move Down"));
  question->remove_button = make_icon_button ("user-trash-symbolic", C_("templates", "Remove Question"));
  question->duplicate_button = make_icon_button ("edit-copy-symbolic",
                                                 C_("templates", "Duplicate Question"));
  g_signal_connect (question->duplicate_button, "clicked",
                    G_CALLBACK (on_duplicate_question_clicked_cb), question);
  g_signal_connect (question->up_button, "clicked", G_CALLBACK (on_move_up_clicked_cb), question);
  g_signal_connect (question->down_button, "clicked", G_CALLBACK (on_move_down_clicked_cb), question);
  g_signal_connect (question->remove_button, "clicked",
                    G_CALLBACK (on_remove_question_clicked_cb), question);
  /* Each action goes before the previous one. */
  if (editable)
    {
      adw_expander_row_add_action (question->row, question->remove_button);
      adw_expander_row_add_action (question->row, question->duplicate_button);
      adw_expander_row_add_action (question->row, question->down_button);
      adw_expander_row_add_action (question->row, question->up_button);
    }

  question->key_row = make_entry_row (question,
                                      C_("templates", "Key (made from the text if empty)"),
                                      source ? upp_question_get_key (source) : NULL);
  question->number_row = make_entry_row (question, C_("templates", "Number"),
                                         source ? upp_question_get_number (source) : NULL);
  question->label_row = make_entry_row (question, C_("templates", "Short label"),
                                        source ? upp_question_get_short_label (source) : NULL);
  question->text_row = make_entry_row (question, C_("templates", "Question"),
                                       source ? upp_question_get_text (source) : NULL);

  question->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (question->kind_row), C_("templates", "Kind"));
  adw_combo_row_set_model (question->kind_row, G_LIST_MODEL (self->kind_labels));
  adw_combo_row_set_use_subtitle (question->kind_row, TRUE);
  adw_combo_row_set_selected (question->kind_row,
                              source ? upp_question_get_kind (source) : UPP_QUESTION_KIND_TEXT);
  gtk_widget_set_sensitive (GTK_WIDGET (question->kind_row), editable);
  adw_expander_row_add_row (question->row, GTK_WIDGET (question->kind_row));

  /* The choices: a small list of key and label entries. */
  choices_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (choices_box, 12);
  gtk_widget_set_margin_end (choices_box, 12);
  gtk_widget_set_margin_top (choices_box, 12);
  gtk_widget_set_margin_bottom (choices_box, 12);
  heading = gtk_label_new (C_("templates", "Choices"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (choices_box), heading);
  question->choices_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (question->choices_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (question->choices_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (question->choices_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("templates", "Choices"), -1);
  gtk_box_append (GTK_BOX (choices_box), GTK_WIDGET (question->choices_list));
  add_choice = gtk_button_new_with_mnemonic (C_("templates", "Add _Choice"));
  gtk_widget_set_halign (add_choice, GTK_ALIGN_START);
  gtk_widget_set_visible (add_choice, editable);
  g_signal_connect (add_choice, "clicked", G_CALLBACK (on_add_choice_clicked_cb), question);
  gtk_box_append (GTK_BOX (choices_box), add_choice);
  question->choices_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (question->choices_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (question->choices_row), choices_box);
  adw_expander_row_add_row (question->row, question->choices_row);

  g_ptr_array_add (self->questions, question);
  g_object_set_data_full (G_OBJECT (question->row), "question-editor", question,
                          (GDestroyNotify)question_editor_free);
  g_signal_connect (question->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb), question);

  if (source != NULL)
    {
      GPtrArray *choices = upp_question_get_choices (source);

      for (guint i = 0; choices != NULL && i < choices->len; i++)
        {
          UppChoice *choice = g_ptr_array_index (choices, i);

          ChoiceEditor *editor = question_editor_add_choice (question, choice->key,
                                                             choice->label);

          editor->match = g_strdupv (choice->match);
        }
    }

  gtk_list_box_append (self->questions_list, GTK_WIDGET (question->row));
  question_editor_update_title (question);
  update_move_buttons (self);
  return question;
}

/* The QuestionEditor lives as long as its row; the array only borrows it. */
static void
remove_all_questions (UppTemplateEditor *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->questions, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_list))) != NULL)
    gtk_list_box_remove (self->questions_list, child);
}

static QuestionEditor *add_new_question (UppTemplateEditor *self);

void
upp_template_editor_add_question (UppTemplateEditor *self)
{
  QuestionEditor *question;

  g_return_if_fail (UPP_IS_TEMPLATE_EDITOR (self));

  question = add_new_question (self);
  if (question != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (question->text_row));
}

static QuestionEditor *
add_new_question (UppTemplateEditor *self)
{
  QuestionEditor *question;
  g_autofree char *number = NULL;

  if (self->read_only)
    return NULL;

  number = g_strdup_printf ("%u", self->questions->len + 1);
  /* No key to invent: one is made from the question's text when it is saved. */
  question = add_question_editor (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (question->number_row), number);
  adw_expander_row_set_expanded (question->row, TRUE);
  return question;
}

/* Checking and saving */

/* A key for the question from its short label or its text, unlike every other question's
 * key; shown in its field once the template is saved. */
static char *
make_question_key (UppTemplateEditor *self,
                   QuestionEditor    *question,
                   GHashTable        *keys_so_far,
                   const char        *label,
                   const char        *text)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer made;
  char *key;

  /* Keys made a moment ago for questions above count too. */
  g_hash_table_iter_init (&iter, keys_so_far);
  while (g_hash_table_iter_next (&iter, &made, NULL))
    g_hash_table_add (taken, g_strdup (made));

  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *other = g_ptr_array_index (self->questions, i);

      if (other != question)
        g_hash_table_add (taken, dup_stripped (GTK_EDITABLE (other->key_row)));
    }
  key = upp_key_from_text (*label != '\0' ? label : text, "question", taken);
  if (!self->quiet)
    gtk_editable_set_text (GTK_EDITABLE (question->key_row), key);
  return key;
}

UppTemplate *
upp_template_editor_dup_template (UppTemplateEditor *self,
                                  GError           **error)
{
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GHashTable) question_keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (UPP_IS_TEMPLATE_EDITOR (self), NULL);

  if (!self->quiet)
    clear_errors (self);

  key = dup_stripped (GTK_EDITABLE (self->key_row));
  title = dup_stripped (GTK_EDITABLE (self->title_row));
  description = dup_stripped (GTK_EDITABLE (self->description_row));

  /* A new template's key from its title, when none is given. */
  if (*key == '\0' && *title != '\0' && self->is_new)
    {
      g_free (key);
      key = upp_key_from_text (title, "template", NULL);
      if (!self->quiet)
        gtk_editable_set_text (GTK_EDITABLE (self->key_row), key);
    }

  /* The core's rules (upp_template_validate) checked field by field, to point at the field. */
  if (*key == '\0')
    return fail_at (self, NULL, GTK_WIDGET (self->key_row), error,
                    C_("templates", "The template needs a key, a short name such as “lok-2027”.")), NULL;
  if (!upp_template_key_is_valid (key))
    return fail_at (self, NULL, GTK_WIDGET (self->key_row), error,
                    C_("templates", "The key “%s” may only contain letters a–z, digits, “-”, “_” and “.”."),
                    key), NULL;
  if (*title == '\0')
    return fail_at (self, NULL, GTK_WIDGET (self->title_row), error,
                    C_("templates", "The template needs a title.")), NULL;
  if (self->questions->len == 0)
    return fail_at (self, NULL, GTK_WIDGET (self->add_question_button), error,
                    C_("templates", "The template needs at least one question.")), NULL;

  template = upp_template_new (key, title);
  upp_template_set_description (template, description);
  if (self->template != NULL)
    {
      upp_template_set_uuid (template, upp_template_get_uuid (self->template));
      upp_template_set_version (template, upp_template_get_version (self->template));
      upp_template_set_id (template, upp_template_get_id (self->template));
    }

  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);
      g_autofree char *question_key = dup_stripped (GTK_EDITABLE (question->key_row));
      g_autofree char *number = dup_stripped (GTK_EDITABLE (question->number_row));
      g_autofree char *label = dup_stripped (GTK_EDITABLE (question->label_row));
      g_autofree char *text = dup_stripped (GTK_EDITABLE (question->text_row));
      UppQuestionKind kind = question_editor_get_kind (question);
      g_autoptr(UppQuestion) result = NULL;
      g_autoptr(GHashTable) choice_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (*question_key == '\0')
        {
          g_free (question_key);
          question_key = make_question_key (self, question, question_keys, label, text);
        }
      if (!upp_template_key_is_valid (question_key))
        return fail_at (self, question, GTK_WIDGET (question->key_row), error,
                        C_("templates", "The key “%s” of question %u may only contain letters a–z, digits, “-”, “_” and “.”."),
                        question_key, i + 1), NULL;
      if (g_hash_table_contains (question_keys, question_key))
        return fail_at (self, question, GTK_WIDGET (question->key_row), error,
                        C_("templates", "Two questions have the key “%s”; each question needs its own key."),
                        question_key), NULL;
      if (*text == '\0')
        return fail_at (self, question, GTK_WIDGET (question->text_row), error,
                        C_("templates", "Question %u (“%s”) has no question text."), i + 1, question_key), NULL;
      if (upp_question_kind_has_choices (kind) && question->choices->len == 0)
        return fail_at (self, question, GTK_WIDGET (question->kind_row), error,
                        C_("templates", "Question %u is a “%s” question and needs at least one choice."),
                        i + 1, upp_question_kind_get_label (kind)), NULL;

      result = upp_question_new (question_key, number, text, label, kind);
      upp_question_set_from (result, (const char * const *) question->from);
      if (upp_question_kind_has_choices (kind))
        {
          for (guint j = 0; j < question->choices->len; j++)
            {
              ChoiceEditor *choice = g_ptr_array_index (question->choices, j);
              g_autofree char *choice_key = dup_stripped (choice->key);
              g_autofree char *choice_label = dup_stripped (choice->label);

              /* A key for the code stored, made from the label when none is given. */
              if (*choice_key == '\0' && *choice_label != '\0')
                {
                  g_free (choice_key);
                  choice_key = upp_key_from_text (choice_label, "choice", choice_keys);
                  if (!self->quiet)
                    gtk_editable_set_text (choice->key, choice_key);
                }

              if (!upp_template_key_is_valid (choice_key))
                return fail_at (self, question, GTK_WIDGET (choice->key), error,
                                C_("templates", "Choice %u of question %u needs a key of letters a–z, digits, “-”, “_” or “.”."),
                                j + 1, i + 1), NULL;
              if (g_hash_table_contains (choice_keys, choice_key))
                return fail_at (self, question, GTK_WIDGET (choice->key), error,
                                C_("templates", "Question %u has two choices with the key “%s”."),
                                i + 1, choice_key), NULL;
              if (*choice_label == '\0')
                return fail_at (self, question, GTK_WIDGET (choice->label), error,
                                C_("templates", "Choice “%s” of question %u has no label."),
                                choice_key, i + 1), NULL;
              upp_choice_set_match (upp_question_add_choice (result, choice_key, choice_label),
                                    (const char * const *) choice->match);
              g_hash_table_add (choice_keys, g_strdup (choice_key));
            }
        }

      g_ptr_array_add (keys, g_strdup (question_key));
      g_hash_table_add (question_keys, g_ptr_array_index (keys, keys->len - 1));
      upp_template_add_question (template, result);
    }

  if (!upp_template_validate (template, &local_error))
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&template);
}

/* The fields as template JSON, to tell whether anything changed; NULL when incomplete. */
static char *
dup_fields_json (UppTemplateEditor *self)
{
  g_autoptr(UppTemplate) template = NULL;

  self->quiet = TRUE;
  template = upp_template_editor_dup_template (self, NULL);
  self->quiet = FALSE;

  return template != NULL ? upp_template_to_json (template) : NULL;
}

gboolean
upp_template_editor_has_changes (UppTemplateEditor *self)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (UPP_IS_TEMPLATE_EDITOR (self), FALSE);

  if (self->read_only)
    return FALSE;
  json = dup_fields_json (self);
  return g_strcmp0 (json, self->saved_json) != 0;
}

/* Where the new questions of a new version come from */

typedef struct
{
  UppTemplateEditor *editor;
  GPtrArray         *questions;  /* QuestionEditor, borrowed: the ones asked about */
  GPtrArray         *rows;       /* AdwComboRow, one per question */
  GPtrArray         *sources;    /* per question, the old keys its row offers after "New" */
} MappingDialog;

static void
mapping_dialog_free (MappingDialog *mapping)
{
  g_ptr_array_unref (mapping->questions);
  g_ptr_array_unref (mapping->rows);
  g_ptr_array_unref (mapping->sources);
  g_free (mapping);
}

static void
mapping_dialog_closure_free (gpointer  data,
                             GClosure *closure)
{
  mapping_dialog_free (data);
}

static void
on_mapping_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        MappingDialog    *mapping)
{
  if (g_strcmp0 (response, "save") != 0)
    return;

  for (guint i = 0; i < mapping->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (mapping->questions, i);
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (mapping->rows, i));
      GPtrArray *sources = g_ptr_array_index (mapping->sources, i);
      const char *from[] = { NULL, NULL };

      if (selected > 0 && selected <= sources->len)
        from[0] = g_ptr_array_index (sources, selected - 1);
      g_strfreev (question->from);
      question->from = g_strdupv ((char **) from);
    }
  gtk_widget_activate_action (GTK_WIDGET (mapping->editor), "editor.save", NULL);
}

static QuestionEditor *
find_question_editor (UppTemplateEditor *self,
                      const char        *key)
{
  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);
      g_autofree char *question_key = dup_stripped (GTK_EDITABLE (question->key_row));

      if (g_str_equal (question_key, key))
        return question;
    }
  return NULL;
}

/* A new version that asks under keys the previous one did not have: the user says which
 * earlier question each continues (proposed by the closeness of the texts), or that it is
 * new, so that last year's answers line up. TRUE when the dialog is shown. */
static gboolean
ask_for_mapping (UppTemplateEditor *self,
                 UppTemplate       *template)
{
  g_autoptr(UppTemplate) previous = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  MappingDialog *mapping;

  if (upp_template_get_version (template) <= 1)
    return FALSE;
  previous = upp_store_load_template (self->store, upp_template_get_key (template),
                                      upp_template_get_version (template) - 1, NULL);
  if (previous == NULL || upp_template_propose_mapping (template, previous) == 0)
    return FALSE;

  mapping = g_new0 (MappingDialog, 1);
  mapping->editor = self;
  mapping->questions = g_ptr_array_new ();
  mapping->rows = g_ptr_array_new ();
  mapping->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      QuestionEditor *editor = find_question_editor (self, upp_question_get_key (question));
      const char * const *from = upp_question_get_from (question);
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GPtrArray *sources = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = NULL;
      AdwComboRow *row;
      guint selected = 0;

      /* Asked about: the questions that got a proposal, and had no mapping before. */
      if (editor == NULL || editor->from != NULL || from == NULL)
        {
          g_ptr_array_unref (sources);
          continue;
        }
      gtk_string_list_append (labels, C_("templates", "New question"));
      for (guint j = 0; j < upp_template_get_n_questions (previous); j++)
        {
          UppQuestion *old = upp_template_get_question (previous, j);
          g_autofree char *label = NULL;

          if (upp_template_find_question (template, upp_question_get_key (old)) != NULL)
            continue;
          /* Translators: where a new question comes from, e.g. "From “2. Struktur”". */
          label = g_strdup_printf (C_("templates", "From “%s. %s”"),
                                   upp_question_get_number (old),
                                   upp_question_get_short_label (old));
          gtk_string_list_append (labels, label);
          g_ptr_array_add (sources, g_strdup (upp_question_get_key (old)));
          if (from[0] != NULL && g_str_equal (from[0], upp_question_get_key (old)))
            selected = sources->len;
        }

      row = ADW_COMBO_ROW (adw_combo_row_new ());
      title = g_strdup_printf ("%s. %s", upp_question_get_number (question),
                               upp_question_get_text (question));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_model (row, G_LIST_MODEL (labels));
      adw_combo_row_set_selected (row, selected);
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
      g_ptr_array_add (mapping->questions, editor);
      g_ptr_array_add (mapping->rows, row);
      g_ptr_array_add (mapping->sources, sources);
    }

  if (mapping->questions->len == 0)
    {
      mapping_dialog_free (mapping);
      g_object_ref_sink (list);
      g_object_unref (list);
      return FALSE;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       C_("templates", "Where Do the New Questions Come From?"),
                                                       C_("templates", "This version asks questions the previous version did not have. Say which earlier question each one continues, so that last year's answers line up with it, or that it is new.")));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", C_("templates", "_Keep Editing"),
                                    "save", C_("templates", "_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_mapping_response_cb), mapping,
                         mapping_dialog_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

gboolean
upp_template_editor_save (UppTemplateEditor *self,
                          GError           **error)
{
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (UPP_IS_TEMPLATE_EDITOR (self), FALSE);

  if (self->read_only)
    {
      g_set_error_literal (error, UPP_TEMPLATE_EDITOR_ERROR, UPP_TEMPLATE_EDITOR_ERROR_READ_ONLY,
                           gtk_label_get_text (self->read_only_label));
      return FALSE;
    }

  template = upp_template_editor_dup_template (self, error);
  if (template == NULL)
    return FALSE;

  /* A new template must not take the key and version of a stored one. */
  if (self->is_new)
    {
      g_autoptr(UppTemplate) existing = upp_store_load_template (self->store,
                                                                 upp_template_get_key (template),
                                                                 upp_template_get_version (template),
                                                                 NULL);

      if (existing != NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (C_("templates", "A template with the key “%s” and version %d already exists. Choose another key."),
                                     upp_template_get_key (template),
                                     upp_template_get_version (template));
          return fail_at (self, NULL, GTK_WIDGET (self->key_row), error, "%s", message);
        }
    }

  if (ask_for_mapping (self, template))
    {
      g_set_error_literal (error, UPP_TEMPLATE_EDITOR_ERROR, UPP_TEMPLATE_EDITOR_ERROR_MAPPING,
                           C_("templates", "Say where the new questions come from before saving."));
      return FALSE;
    }

  if (!upp_store_save_template (self->store, template, &local_error))
    {
      g_autofree char *message = g_strdup_printf (C_("templates", "The template could not be saved: %s"),
                                                  local_error->message);

      show_error (self, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_object (&self->template, template);
  self->is_new = FALSE;
  g_free (self->saved_json);
  self->saved_json = dup_fields_json (self);
  /* The templates list shows the saved template before "saved" is handled. */
  upp_session_check_for_changes (self->session);
  g_signal_emit (self, signals[SAVED], 0, template);
  return TRUE;
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UppTemplateEditor *self = UPP_TEMPLATE_EDITOR (widget);

  /* The message is shown inline; nothing to print. */
  if (upp_template_editor_save (self, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

static void
add_question_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  upp_template_editor_add_question (UPP_TEMPLATE_EDITOR (widget));
}

static void
duplicate_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  UppTemplateEditor *self = UPP_TEMPLATE_EDITOR (widget);
  g_autoptr(UppTemplate) template = g_object_ref (self->template);

  /* Before closing: a closed window may be gone. */
  g_signal_emit (self, signals[DUPLICATE_REQUESTED], 0, template);
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing with unsaved changes */

/* Esc, Cancel and the close button all come here: changes are not thrown away unasked. */
static gboolean
upp_template_editor_close_request (GtkWindow *window)
{
  UppTemplateEditor *self = UPP_TEMPLATE_EDITOR (window);

  if (upp_discard_question_was_answered (window) || !upp_template_editor_has_changes (self))
    return GTK_WINDOW_CLASS (upp_template_editor_parent_class)->close_request (window);

  upp_discard_question_present (window, C_("templates", "Save Changes?"),
                                C_("templates", "The changes to this template are not saved yet."),
                                C_("templates", "_Save"), "editor.save");
  return TRUE;
}

/* Filling the fields */

static void
load_template (UppTemplateEditor *self)
{
  UppTemplate *template = self->template;
  g_autofree char *version = NULL;
  const char *key = upp_template_get_key (template);
  gboolean builtin = key != NULL && g_strv_contains (upp_template_get_builtin_keys (), key);
  /* The editor has no fields yet for sections, item fields and tables: saving would drop
   * them, so such a template is shown, not edited. */
  gboolean shaped = upp_template_uses_format_2 (template);
  gboolean used = FALSE;
  g_autoptr(UppTemplate) stored_key = NULL;

  if (!self->is_new)
    used = upp_store_template_is_used (self->store, template);
  self->read_only = shaped || (!self->is_new && (used || builtin));

  remove_all_questions (self);
  clear_errors (self);

  gtk_editable_set_text (GTK_EDITABLE (self->key_row), key != NULL ? key : "");
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         upp_template_get_title (template) ? upp_template_get_title (template) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         upp_template_get_description (template) ? upp_template_get_description (template) : "");
  version = g_strdup_printf ("%d", MAX (upp_template_get_version (template), 1));
  gtk_label_set_text (self->version_label, version);

  /* A stored template keeps its key; so does a new version of one. */
  if (self->is_new && key != NULL && *key != '\0')
    stored_key = upp_store_load_template (self->store, key, 0, NULL);
  set_row_editable (self->key_row, self->is_new && stored_key == NULL);
  set_row_editable (self->title_row, !self->read_only);
  set_row_editable (self->description_row, !self->read_only);

  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    add_question_editor (self, upp_template_get_question (template, i));

  /* A template made from nothing starts with one question, and with its key. */
  if (self->is_new && self->questions->len == 0)
    add_new_question (self);
  if (self->is_new && (key == NULL || *key == '\0'))
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->key_row));

  gtk_widget_set_visible (GTK_WIDGET (self->read_only_box), self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->add_question_button), !self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), !self->read_only);
  gtk_button_set_label (self->cancel_button, self->read_only ? C_("templates", "_Close") : C_("templates", "_Cancel"));
  if (shaped)
    gtk_label_set_text (self->read_only_label,
                        C_("templates", "This template has parts, item fields or tables, which "
                           "this editor cannot change yet. Export it, change its JSON and "
                           "import it again (see the README)."));
  else if (builtin && !self->is_new)
    gtk_label_set_text (self->read_only_label,
                        C_("templates", "This is the built-in template and cannot be changed. Duplicate it to make a template of your own."));
  else if (used)
    gtk_label_set_text (self->read_only_label,
                        C_("templates", "A round uses this template, so it cannot change: the answers must keep meaning what they meant. Duplicate it to make a changed copy."));

  adw_window_title_set_title (self->window_title,
                              self->is_new ? C_("templates", "New Template")
                                           : self->read_only ? C_("templates", "View Template")
                                                             : C_("templates", "Edit Template"));
  adw_window_title_set_subtitle (self->window_title, upp_template_get_title (template));
}

UppTemplateEditor *
upp_template_editor_new (UppSession  *session,
                         UppTemplate *template,
                         gboolean     is_new)
{
  UppTemplateEditor *self;

  g_return_val_if_fail (UPP_IS_SESSION (session), NULL);
  g_return_val_if_fail (upp_session_get_store (session) != NULL, NULL);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), NULL);

  self = g_object_new (UPP_TYPE_TEMPLATE_EDITOR, NULL);
  self->session = g_object_ref (session);
  self->store = g_object_ref (upp_session_get_store (session));
  self->template = g_object_ref (template);
  self->is_new = is_new;
  load_template (self);
  self->saved_json = dup_fields_json (self);
  return self;
}

gboolean
upp_template_editor_is_read_only (UppTemplateEditor *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE_EDITOR (self), FALSE);

  return self->read_only;
}

const char *
upp_template_editor_get_error (UppTemplateEditor *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE_EDITOR (self), NULL);

  return self->error_text;
}

static void
upp_template_editor_dispose (GObject *object)
{
  UppTemplateEditor *self = (UppTemplateEditor *)object;

  if (self->questions != NULL)
    g_ptr_array_set_size (self->questions, 0);
  if (self->error_widgets != NULL)
    g_ptr_array_set_size (self->error_widgets, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_TEMPLATE_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->template);
  g_clear_object (&self->kind_labels);

  G_OBJECT_CLASS (upp_template_editor_parent_class)->dispose (object);
}

static void
upp_template_editor_finalize (GObject *object)
{
  UppTemplateEditor *self = (UppTemplateEditor *)object;

  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->error_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->saved_json, g_free);

  G_OBJECT_CLASS (upp_template_editor_parent_class)->finalize (object);
}

static void
upp_template_editor_class_init (UppTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_template_editor_dispose;
  object_class->finalize = upp_template_editor_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = upp_template_editor_close_request;

  /**
   * UppTemplateEditor::saved:
   * @template: the template as stored
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, UPP_TYPE_TEMPLATE);
  /**
   * UppTemplateEditor::duplicate-requested:
   * @template: the read-only template the user wants a copy of
   */
  signals[DUPLICATE_REQUESTED] = g_signal_new ("duplicate-requested", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, UPP_TYPE_TEMPLATE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, add_question_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, key_row);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, questions_list);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, read_only_box);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, window_title);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-question", NULL, add_question_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.duplicate", NULL, duplicate_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
upp_template_editor_init (UppTemplateEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->questions = g_ptr_array_new ();
  /* Holds references: a marked choice may be removed before the next check. */
  self->error_widgets = g_ptr_array_new_with_free_func (g_object_unref);
  self->kind_labels = gtk_string_list_new (NULL);
  for (guint kind = 0; kind < UPP_N_QUESTION_KINDS; kind++)
    gtk_string_list_append (self->kind_labels, upp_question_kind_get_label (kind));
}
