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
#include "upp-template-preview.h"
#include "upp-template.h"
#include "upp-util.h"

/* The editor never changes the template it was given: Save builds a new UppTemplate from the
 * fields (keeping uuid, id and version) and stores that. Parts, choice sets and questions are
 * short lists edited in place, so each has its own expander row with its fields. A question
 * points at its part and its choice set (not at their keys), so renaming either keeps the
 * questions with it. */

typedef struct _ChoiceList ChoiceList;

typedef struct
{
  ChoiceList  *owner;
  GtkWidget   *row;
  GtkEditable *key;
  GtkEditable *label;
  /* The editor has no field for match phrases; they are kept as the choice had them. */
  char       **match;
} ChoiceEditor;

/* The choices of a question or of a choice set: key and label entries, "Add Choice". */
struct _ChoiceList
{
  GtkWidget  *box;
  GtkListBox *list;
  GPtrArray  *choices;  /* ChoiceEditor */
  gboolean    editable;
  void      (*changed) (gpointer data);
  gpointer    data;
};

typedef struct
{
  UppTemplateEditor *editor;
  AdwExpanderRow    *row;
  AdwEntryRow       *title_row;
  AdwEntryRow       *key_row;
  GtkTextView       *intro_view;
  GtkWidget         *up_button;
  GtkWidget         *down_button;
  GtkWidget         *remove_button;
} SectionEditor;

typedef struct
{
  UppTemplateEditor *editor;
  AdwExpanderRow    *row;
  AdwEntryRow       *key_row;
  ChoiceList        *choices;
  GtkWidget         *remove_button;
} ChoiceSetEditor;

typedef struct _QuestionEditor QuestionEditor;

/* A field beside a question's answer, or a column of a table question. */
typedef struct
{
  QuestionEditor  *question;
  GPtrArray       *owner;   /* the question's fields or columns */
  GtkListBox      *list;
  GtkWidget       *row;
  GtkEditable     *label;
  GtkEditable     *key;
  GtkDropDown     *kind;
  GtkWidget       *choices_box;
  GtkDropDown     *choice_set_dropdown;
  GtkEditable     *own_choices;
  GtkWidget       *up_button;
  GtkWidget       *down_button;
  ChoiceSetEditor *choice_set;
  /* The field's own choices as loaded: their keys stay while their labels do. */
  GPtrArray       *loaded_choices;  /* UppChoice */
} FieldEditor;

struct _QuestionEditor
{
  UppTemplateEditor *editor;
  AdwExpanderRow    *row;
  AdwComboRow       *section_row;
  AdwEntryRow       *heading_row;
  AdwEntryRow       *key_row;
  AdwEntryRow       *number_row;
  AdwEntryRow       *label_row;
  GtkTextView       *text_view;
  GtkTextView       *help_view;
  AdwComboRow       *kind_row;
  AdwComboRow       *choice_set_row;
  GtkWidget         *choices_row;
  ChoiceList        *choices;
  GtkWidget         *fields_row;
  GtkListBox        *fields_list;
  GPtrArray         *fields;   /* FieldEditor */
  GtkWidget         *columns_row;
  GtkListBox        *columns_list;
  GPtrArray         *columns;  /* FieldEditor */
  GtkWidget         *up_button;
  GtkWidget         *down_button;
  GtkWidget         *remove_button;
  GtkWidget         *duplicate_button;
  SectionEditor     *section;
  ChoiceSetEditor   *choice_set;
  /* Where the question came from in the previous version (upp_question_get_from). */
  char             **from;
  guint              present_idle;
  guint              scroll_tick;   /* keeps the new question in view while it opens */
  gint64             scroll_until;  /* frame time to stop at */
};

struct _UppTemplateEditor
{
  AdwWindow          parent_instance;

  UppSession        *session;
  UppStore          *store;          /* the session's when the editor opened */
  UppTemplate       *template;
  gboolean           is_new;
  gboolean           read_only;
  GPtrArray         *sections;     /* SectionEditor, in order */
  GPtrArray         *choice_sets;  /* ChoiceSetEditor, in order */
  GPtrArray         *questions;    /* QuestionEditor, in order */
  GtkStringList     *kind_labels;
  GtkStringList     *field_kind_labels;
  char              *error_text;
  /* Entries marked as wrong, cleared on the next check. */
  GPtrArray         *error_widgets;
  /* Checking for unsaved changes: fields are read without marking errors. */
  gboolean           quiet;
  /* Keys made from texts are written into their fields only when saving. */
  gboolean           show_made_keys;
  /* Part and choice set menus being refilled: their selection is not the user's. */
  gboolean           syncing;
  /* While the fields are read: the key of each part and choice set (editor → key). */
  GHashTable        *made_keys;
  /* Keys made while saving, shown in their entries once the template is stored: a save that
   * fails must not fix a key made from a text still to be typed. */
  GPtrArray         *made_key_entries;  /* GtkEditable */
  GPtrArray         *made_key_texts;    /* char * */
  /* The fields as loaded or last saved, as template JSON; NULL when they were incomplete. */
  char              *saved_json;

  /* Template widgets */
  GtkButton         *add_choice_set_button;
  GtkButton         *add_question_button;
  GtkButton         *add_section_button;
  GtkButton         *cancel_button;
  GtkListBox        *choice_sets_list;
  AdwEntryRow       *description_row;
  GtkButton         *duplicate_button;
  GtkLabel          *error_label;
  GtkRevealer       *error_revealer;
  AdwEntryRow       *key_row;
  GtkButton         *preview_button;
  GtkListBox        *questions_list;
  GtkBox            *read_only_box;
  GtkLabel          *read_only_label;
  GtkButton         *save_button;
  GtkListBox        *sections_list;
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
static void update_all_titles            (UppTemplateEditor *self);
static void sync_choice_set_menus        (UppTemplateEditor *self);

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

static char *
dup_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static GtkWidget *
make_icon_button (const char *icon_name,
                  const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  /* Screen readers name an icon button by its label, not its tooltip. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* A row with a caption and a text view of several lines, for texts longer than a line.
 * Its title (not shown) names it, as an entry row's does. */
static GtkWidget *
make_text_row (const char   *title,
               const char   *text,
               gboolean      editable,
               GtkTextView **view_out)
{
  GtkWidget *row = GTK_WIDGET (g_object_new (ADW_TYPE_PREFERENCES_ROW, "title", title,
                                             "activatable", FALSE, NULL));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *caption = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), editable);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), editable);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  /* Room for two lines before it grows. */
  gtk_widget_set_size_request (view, -1, 52);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  set_view_text (GTK_TEXT_VIEW (view), text);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  *view_out = GTK_TEXT_VIEW (view);
  return row;
}

/* A heading, a boxed list and an "Add" button: the choices, fields and columns of a row. */
static GtkWidget *
make_list_box (const char  *heading_text,
               const char  *add_label,
               gboolean     editable,
               GtkListBox **list_out,
               GtkWidget  **add_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (heading_text);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (add_label);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading_text, -1);
  gtk_box_append (GTK_BOX (box), list);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_set_visible (add, editable);
  gtk_box_append (GTK_BOX (box), add);
  *list_out = GTK_LIST_BOX (list);
  *add_out = add;
  return box;
}

static GtkWidget *
wrap_in_row (GtkWidget *child)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  return row;
}

/* Moves widget and its item in array by delta places; FALSE at either end. */
static gboolean
move_in_list (GtkListBox *list,
              GPtrArray  *array,
              gpointer    item,
              GtkWidget  *widget,
              int         delta)
{
  guint position = 0;
  int target;

  if (!g_ptr_array_find (array, item, &position))
    return FALSE;
  target = (int) position + delta;
  if (target < 0 || target >= (int) array->len)
    return FALSE;

  g_object_ref (widget);
  gtk_list_box_remove (list, widget);
  gtk_list_box_insert (list, widget, target);
  g_object_unref (widget);
  g_ptr_array_steal_index (array, position);
  g_ptr_array_insert (array, target, item);
  return TRUE;
}

static void
choice_editor_free (ChoiceEditor *choice)
{
  g_strfreev (choice->match);
  g_free (choice);
}

static void
choice_list_free (ChoiceList *choices)
{
  g_clear_pointer (&choices->choices, g_ptr_array_unref);
  g_free (choices);
}

static void
section_editor_free (SectionEditor *section)
{
  g_free (section);
}

static void
choice_set_editor_free (ChoiceSetEditor *set)
{
  g_clear_pointer (&set->choices, choice_list_free);
  g_free (set);
}

static void
field_editor_free (FieldEditor *field)
{
  g_clear_pointer (&field->loaded_choices, g_ptr_array_unref);
  g_free (field);
}

static void
question_editor_free (QuestionEditor *question)
{
  g_clear_pointer (&question->choices, choice_list_free);
  g_clear_pointer (&question->fields, g_ptr_array_unref);
  g_clear_pointer (&question->columns, g_ptr_array_unref);
  g_clear_pointer (&question->from, g_strfreev);
  g_clear_handle_id (&question->present_idle, g_source_remove);
  /* scroll_tick goes with the row, whose data this is. */
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
         AdwExpanderRow    *expander,
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
  if (expander != NULL)
    adw_expander_row_set_expanded (expander, TRUE);
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
choice_list_changed (ChoiceList *choices)
{
  if (choices->changed != NULL)
    choices->changed (choices->data);
}

static void
on_remove_choice_clicked_cb (GtkButton  *button,
                             ChoiceList *choices)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "choice-row");

  for (guint i = 0; i < choices->choices->len; i++)
    {
      ChoiceEditor *choice = g_ptr_array_index (choices->choices, i);

      if (choice->row != row)
        continue;
      gtk_list_box_remove (choices->list, row);
      g_ptr_array_remove_index (choices->choices, i);
      break;
    }
  choice_list_changed (choices);
}

static void
on_choice_label_changed_cb (GtkEditable *editable,
                            ChoiceList  *choices)
{
  choice_list_changed (choices);
}

static ChoiceEditor *
choice_list_add (ChoiceList *choices,
                 const char *key,
                 const char *label)
{
  ChoiceEditor *choice = g_new0 (ChoiceEditor, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *key_entry = gtk_entry_new ();
  GtkWidget *label_entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gboolean editable = choices->editable;

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

  /* The label first: it is what people type; the key is made from it. */
  gtk_box_append (GTK_BOX (box), label_entry);
  gtk_box_append (GTK_BOX (box), key_entry);
  gtk_box_append (GTK_BOX (box), remove);

  choice->owner = choices;
  choice->row = wrap_in_row (box);
  choice->key = GTK_EDITABLE (key_entry);
  choice->label = GTK_EDITABLE (label_entry);

  g_object_set_data (G_OBJECT (remove), "choice-row", choice->row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_choice_clicked_cb), choices);
  g_signal_connect (label_entry, "changed", G_CALLBACK (on_choice_label_changed_cb), choices);

  gtk_list_box_append (choices->list, choice->row);
  g_ptr_array_add (choices->choices, choice);
  choice_list_changed (choices);
  return choice;
}

static void
choice_list_clear (ChoiceList *choices)
{
  while (choices->choices->len > 0)
    {
      ChoiceEditor *choice = g_ptr_array_index (choices->choices, 0);

      gtk_list_box_remove (choices->list, choice->row);
      g_ptr_array_remove_index (choices->choices, 0);
    }
  choice_list_changed (choices);
}

static void
choice_list_add_from (ChoiceList *choices,
                      GPtrArray  *from)
{
  for (guint i = 0; from != NULL && i < from->len; i++)
    {
      UppChoice *choice = g_ptr_array_index (from, i);
      ChoiceEditor *editor = choice_list_add (choices, choice->key, choice->label);

      editor->match = g_strdupv (choice->match);
    }
}

static void
on_add_choice_clicked_cb (GtkButton  *button,
                          ChoiceList *choices)
{
  ChoiceEditor *choice = choice_list_add (choices, "", "");

  gtk_widget_grab_focus (GTK_WIDGET (choice->label));
}

static ChoiceList *
choice_list_new (gboolean   editable,
                 void     (*changed) (gpointer data),
                 gpointer   data)
{
  ChoiceList *choices = g_new0 (ChoiceList, 1);
  GtkWidget *add;

  choices->editable = editable;
  choices->changed = changed;
  choices->data = data;
  choices->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_editor_free);
  choices->box = make_list_box (C_("templates", "Choices"), C_("templates", "Add _Choice"),
                                editable, &choices->list, &add);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_choice_clicked_cb), choices);
  return choices;
}

/* Keys */

/* The keys typed in a list's key entries, so that keys made from texts stay clear of them. */
static GHashTable *
collect_typed_keys (GPtrArray   *items,
                    GtkEditable *(*get_key) (gpointer item))
{
  GHashTable *taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      char *key = dup_stripped (get_key (g_ptr_array_index (items, i)));

      if (*key != '\0')
        g_hash_table_add (taken, key);
      else
        g_free (key);
    }
  return taken;
}

/* The key typed in entry, or one made from text unlike every key in taken, shown in the entry
 * when saving. Either joins taken. */
static char *
dup_key_or_make (UppTemplateEditor *self,
                 GtkEditable       *entry,
                 const char        *text,
                 const char        *fallback,
                 GHashTable        *taken)
{
  char *key = dup_stripped (entry);

  if (*key == '\0')
    {
      g_free (key);
      key = upp_key_from_text (text != NULL ? text : "", fallback, taken);
      if (self->show_made_keys && !self->quiet)
        {
          g_ptr_array_add (self->made_key_entries, g_object_ref (entry));
          g_ptr_array_add (self->made_key_texts, g_strdup (key));
        }
    }
  g_hash_table_add (taken, g_strdup (key));
  return key;
}

static GtkEditable *
choice_get_key (gpointer item)
{
  return ((ChoiceEditor *) item)->key;
}

/* The choices of a question or a set, checked, into array (of UppChoice). */
static gboolean
choice_list_collect (UppTemplateEditor *self,
                     ChoiceList        *choices,
                     AdwExpanderRow    *expander,
                     const char        *owner,
                     GPtrArray         *array,
                     GError           **error)
{
  g_autoptr(GHashTable) taken = collect_typed_keys (choices->choices, choice_get_key);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint j = 0; j < choices->choices->len; j++)
    {
      ChoiceEditor *choice = g_ptr_array_index (choices->choices, j);
      g_autofree char *label = dup_stripped (choice->label);
      g_autofree char *key = dup_key_or_make (self, choice->key, label, "choice", taken);
      UppChoice *result;

      if (!upp_template_key_is_valid (key))
        return fail_at (self, expander, GTK_WIDGET (choice->key), error,
                        C_("templates", "Choice %u of %s needs a key of letters a–z, digits, “-”, "
                                        "“_” or “.”."),
                        j + 1, owner);
      if (g_hash_table_contains (seen, key))
        return fail_at (self, expander, GTK_WIDGET (choice->key), error,
                        C_("templates", "Two choices of %s have the key “%s”."), owner, key);
      if (*label == '\0')
        return fail_at (self, expander, GTK_WIDGET (choice->label), error,
                        C_("templates", "Choice “%s” of %s has no label."), key, owner);
      g_hash_table_add (seen, g_strdup (key));
      result = upp_choice_new (key, label);
      upp_choice_set_match (result, (const char * const *) choice->match);
      g_ptr_array_add (array, result);
    }
  return TRUE;
}

/* Parts (sections) */

static guint
section_editor_get_position (SectionEditor *section)
{
  guint position = 0;

  g_ptr_array_find (section->editor->sections, section, &position);
  return position;
}

/* The title as shown in menus and headings: the typed title, or "Part N". */
static char *
section_editor_dup_title (SectionEditor *section)
{
  g_autofree char *title = dup_stripped (GTK_EDITABLE (section->title_row));

  if (*title != '\0')
    return g_steal_pointer (&title);
  /* Translators: a part of a template without a title yet, e.g. "Part 2". */
  return g_strdup_printf (C_("templates", "Part %u"), section_editor_get_position (section) + 1);
}

static void
section_editor_update_title (SectionEditor *section)
{
  UppTemplateEditor *self = section->editor;
  g_autofree char *name = section_editor_dup_title (section);
  g_autofree char *title = g_strdup_printf ("%u. %s", section_editor_get_position (section) + 1,
                                            name);
  g_autofree char *subtitle = NULL;
  guint n_questions = 0;

  for (guint i = 0; i < self->questions->len; i++)
    if (((QuestionEditor *) g_ptr_array_index (self->questions, i))->section == section)
      n_questions++;
  /* Translators: how many questions a part of a template has. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions",
                                           n_questions), n_questions);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (section->row), title);
  adw_expander_row_set_subtitle (section->row, subtitle);
}

/* Every question's part menu offers "No part" and the parts, in order. */
static void
sync_section_menus (UppTemplateEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, C_("templates", "No part"));
  for (guint i = 0; i < self->sections->len; i++)
    {
      g_autofree char *title = section_editor_dup_title (g_ptr_array_index (self->sections, i));

      gtk_string_list_append (names, title);
    }

  self->syncing = TRUE;
  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);
      guint position = 0;

      adw_combo_row_set_model (question->section_row, G_LIST_MODEL (names));
      if (question->section != NULL && g_ptr_array_find (self->sections, question->section,
                                                         &position))
        adw_combo_row_set_selected (question->section_row, position + 1);
      else
        adw_combo_row_set_selected (question->section_row, 0);
      gtk_widget_set_visible (GTK_WIDGET (question->section_row),
                              self->sections->len > 0 || question->section != NULL);
    }
  self->syncing = FALSE;
}

/* An empty list would show as an empty frame; a read-only template without any, not at all. */
static void
update_list_visibility (UppTemplateEditor *self)
{
  GtkListBox *lists[] = { self->sections_list, self->choice_sets_list };
  GPtrArray *items[] = { self->sections, self->choice_sets };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (lists[i]),
                                                  ADW_TYPE_PREFERENCES_GROUP);

      gtk_widget_set_visible (GTK_WIDGET (lists[i]), items[i]->len > 0);
      gtk_widget_set_visible (group, items[i]->len > 0 || !self->read_only);
    }
}

static void
sections_changed (UppTemplateEditor *self)
{
  update_list_visibility (self);
  for (guint i = 0; i < self->sections->len; i++)
    {
      SectionEditor *section = g_ptr_array_index (self->sections, i);

      gtk_widget_set_sensitive (section->up_button, i > 0);
      gtk_widget_set_sensitive (section->down_button, i + 1 < self->sections->len);
    }
  sync_section_menus (self);
  update_all_titles (self);
}

static void
on_section_title_changed_cb (GtkEditable   *editable,
                             SectionEditor *section)
{
  sections_changed (section->editor);
}

static void
move_section (SectionEditor *section,
              int            delta)
{
  UppTemplateEditor *self = section->editor;
  gboolean expanded = adw_expander_row_get_expanded (section->row);

  if (!move_in_list (self->sections_list, self->sections, section, GTK_WIDGET (section->row),
                     delta))
    return;
  adw_expander_row_set_expanded (section->row, expanded);
  sections_changed (self);
  gtk_widget_grab_focus (delta < 0 ? section->up_button : section->down_button);
  if (!gtk_widget_get_sensitive (delta < 0 ? section->up_button : section->down_button))
    gtk_widget_grab_focus (GTK_WIDGET (section->row));
}

static void
on_section_up_clicked_cb (GtkButton     *button,
                          SectionEditor *section)
{
  move_section (section, -1);
}

static void
on_section_down_clicked_cb (GtkButton     *button,
                            SectionEditor *section)
{
  move_section (section, 1);
}

static void renumber (UppTemplateEditor *self);

/* Its questions stay, outside any part, where the user can give them another; the questions
 * outside parts are numbered 1, 2, … again. */
static void
remove_section (SectionEditor *section)
{
  UppTemplateEditor *self = section->editor;
  gboolean detached = FALSE;

  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);

      if (question->section != section)
        continue;
      question->section = NULL;
      detached = TRUE;
    }
  if (detached)
    renumber (self);
  g_ptr_array_remove (self->sections, section);
  gtk_list_box_remove (self->sections_list, GTK_WIDGET (section->row));
  sections_changed (self);
}

static void
on_remove_section_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               SectionEditor    *section)
{
  if (g_strcmp0 (response, "remove") == 0)
    remove_section (section);
}

/* A part with questions is removed only when the user says so: their numbers change. */
static void
on_section_remove_clicked_cb (GtkButton     *button,
                              SectionEditor *section)
{
  UppTemplateEditor *self = section->editor;
  g_autofree char *title = section_editor_dup_title (section);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_questions = 0;

  for (guint i = 0; i < self->questions->len; i++)
    if (((QuestionEditor *) g_ptr_array_index (self->questions, i))->section == section)
      n_questions++;
  if (n_questions == 0)
    {
      remove_section (section);
      return;
    }

  /* Translators: %u questions of the part %s, which is being removed. */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Its %u question stays, without a part.",
                                       "Its %u questions stay, without a part.", n_questions),
                          n_questions);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, body));
  adw_message_dialog_format_heading (dialog, C_("templates", "Remove the Part “%s”?"), title);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", C_("templates", "_Cancel"),
                                    "remove", C_("templates", "_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_section_response_cb), section);
  gtk_window_present (GTK_WINDOW (dialog));
}

static QuestionEditor *add_question_in_section (UppTemplateEditor *self,
                                                SectionEditor     *section);

static void
on_section_add_question_clicked_cb (GtkButton     *button,
                                    SectionEditor *section)
{
  add_question_in_section (section->editor, section);
}

static SectionEditor *
add_section_editor (UppTemplateEditor *self,
                    const UppSection  *source)
{
  SectionEditor *section = g_new0 (SectionEditor, 1);
  gboolean editable = !self->read_only;
  GtkWidget *intro_row;
  GtkWidget *add_question;
  GtkWidget *add_box;

  section->editor = self;
  section->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (section->row), FALSE);

  section->up_button = make_icon_button ("go-up-symbolic", C_("templates", "Move Part Up"));
  section->down_button = make_icon_button ("go-down-symbolic", C_("templates", "Move Part Down"));
  section->remove_button = make_icon_button ("user-trash-symbolic", C_("templates", "Remove Part"));
  g_signal_connect (section->up_button, "clicked", G_CALLBACK (on_section_up_clicked_cb), section);
  g_signal_connect (section->down_button, "clicked", G_CALLBACK (on_section_down_clicked_cb),
                    section);
  g_signal_connect (section->remove_button, "clicked", G_CALLBACK (on_section_remove_clicked_cb),
                    section);
  if (editable)
    {
      adw_expander_row_add_action (section->row, section->remove_button);
      adw_expander_row_add_action (section->row, section->down_button);
      adw_expander_row_add_action (section->row, section->up_button);
    }

  section->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (section->title_row),
                                 C_("templates", "Part title"));
  gtk_editable_set_text (GTK_EDITABLE (section->title_row), source ? source->title : "");
  set_row_editable (section->title_row, editable);
  adw_expander_row_add_row (section->row, GTK_WIDGET (section->title_row));

  intro_row = make_text_row (C_("templates", "Introduction (optional)"),
                             source ? source->intro : NULL, editable, &section->intro_view);
  adw_expander_row_add_row (section->row, intro_row);

  section->key_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (section->key_row),
                                 C_("templates", "Key (made from the title if empty)"));
  gtk_editable_set_text (GTK_EDITABLE (section->key_row), source ? source->key : "");
  set_row_editable (section->key_row, editable);
  adw_expander_row_add_row (section->row, GTK_WIDGET (section->key_row));

  add_question = gtk_button_new_with_mnemonic (C_("templates", "Add Question to This _Part"));
  add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_margin_start (add_box, 12);
  gtk_widget_set_margin_top (add_box, 8);
  gtk_widget_set_margin_bottom (add_box, 8);
  gtk_box_append (GTK_BOX (add_box), add_question);
  gtk_widget_set_visible (add_box, editable);
  g_signal_connect (add_question, "clicked", G_CALLBACK (on_section_add_question_clicked_cb),
                    section);
  adw_expander_row_add_row (section->row, wrap_in_row (add_box));

  g_signal_connect (section->title_row, "changed", G_CALLBACK (on_section_title_changed_cb),
                    section);
  g_object_set_data_full (G_OBJECT (section->row), "section-editor", section,
                          (GDestroyNotify) section_editor_free);
  g_ptr_array_add (self->sections, section);
  gtk_list_box_append (self->sections_list, GTK_WIDGET (section->row));
  sections_changed (self);
  return section;
}

static void
add_section_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  UppTemplateEditor *self = UPP_TEMPLATE_EDITOR (widget);
  SectionEditor *section;

  if (self->read_only)
    return;
  section = add_section_editor (self, NULL);
  adw_expander_row_set_expanded (section->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (section->title_row));
}

/* Shared choice sets */

static guint
choice_set_editor_count_users (ChoiceSetEditor *set,
                               QuestionEditor **first_user)
{
  UppTemplateEditor *self = set->editor;
  guint users = 0;

  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);
      gboolean uses = question->choice_set == set &&
                      upp_question_kind_has_choices (
                        adw_combo_row_get_selected (question->kind_row));

      for (guint j = 0; !uses && j < question->fields->len; j++)
        uses = ((FieldEditor *) g_ptr_array_index (question->fields, j))->choice_set == set;
      for (guint j = 0; !uses && j < question->columns->len; j++)
        uses = ((FieldEditor *) g_ptr_array_index (question->columns, j))->choice_set == set;
      if (!uses)
        continue;
      if (users++ == 0 && first_user != NULL)
        *first_user = question;
    }
  return users;
}

/* The set as menus show it: its labels, "Klart / Pågår / Ej påbörjat", or its key. */
static char *
choice_set_editor_dup_title (ChoiceSetEditor *set)
{
  g_autoptr(GString) title = g_string_new (NULL);

  for (guint i = 0; i < set->choices->choices->len; i++)
    {
      ChoiceEditor *choice = g_ptr_array_index (set->choices->choices, i);
      g_autofree char *label = dup_stripped (choice->label);

      if (*label == '\0')
        continue;
      if (title->len > 0)
        g_string_append (title, " / ");
      g_string_append (title, label);
    }
  if (title->len == 0)
    {
      g_autofree char *key = dup_stripped (GTK_EDITABLE (set->key_row));

      g_string_append (title, *key != '\0' ? key : C_("templates", "New choice set"));
    }
  return g_string_free (g_steal_pointer (&title), FALSE);
}

static void
choice_set_editor_update_title (ChoiceSetEditor *set)
{
  g_autofree char *title = choice_set_editor_dup_title (set);
  guint users = choice_set_editor_count_users (set, NULL);
  /* Translators: how many questions use a shared set of choices. */
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Used by %u question",
                                                            "Used by %u questions", users),
                                               users);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (set->row), title);
  adw_expander_row_set_subtitle (set->row, subtitle);
}

static void
on_choice_set_changed (gpointer data)
{
  ChoiceSetEditor *set = data;

  if (set->row == NULL)
    return;
  choice_set_editor_update_title (set);
  sync_choice_set_menus (set->editor);
}

static void
on_choice_set_key_changed_cb (GtkEditable     *editable,
                              ChoiceSetEditor *set)
{
  on_choice_set_changed (set);
}

/* A set in use stays: the questions using it would lose their choices unseen. */
static void
on_choice_set_remove_clicked_cb (GtkButton       *button,
                                 ChoiceSetEditor *set)
{
  UppTemplateEditor *self = set->editor;
  QuestionEditor *first_user = NULL;
  guint users = choice_set_editor_count_users (set, &first_user);

  if (users > 0)
    {
      g_autofree char *title = choice_set_editor_dup_title (set);
      const char *question = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_user->row));
      g_autofree char *message = NULL;

      /* Translators: the first %s is a choice set ("Klart / Pågår"), the second a question. */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The choices “%s” cannot be removed: %u question "
                                              "uses them (“%s”). Give it other choices first.",
                                              "The choices “%s” cannot be removed: %u questions "
                                              "use them, the first “%s”. Give them other "
                                              "choices first.", users),
                                 title, users, question);
      clear_errors (self);
      show_error (self, message);
      return;
    }
  g_ptr_array_remove (self->choice_sets, set);
  gtk_list_box_remove (self->choice_sets_list, GTK_WIDGET (set->row));
  sync_choice_set_menus (self);
  update_list_visibility (self);
}

static ChoiceSetEditor *
add_choice_set_editor (UppTemplateEditor *self,
                       const char        *key,
                       GPtrArray         *choices)
{
  ChoiceSetEditor *set = g_new0 (ChoiceSetEditor, 1);
  gboolean editable = !self->read_only;

  set->editor = self;
  set->choices = choice_list_new (editable, on_choice_set_changed, set);
  set->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (set->row), FALSE);
  set->remove_button = make_icon_button ("user-trash-symbolic",
                                         C_("templates", "Remove Choice Set"));
  g_signal_connect (set->remove_button, "clicked", G_CALLBACK (on_choice_set_remove_clicked_cb),
                    set);
  if (editable)
    adw_expander_row_add_action (set->row, set->remove_button);

  adw_expander_row_add_row (set->row, wrap_in_row (set->choices->box));
  set->key_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (set->key_row),
                                 C_("templates", "Key (made from the choices if empty)"));
  gtk_editable_set_text (GTK_EDITABLE (set->key_row), key != NULL ? key : "");
  set_row_editable (set->key_row, editable);
  g_signal_connect (set->key_row, "changed", G_CALLBACK (on_choice_set_key_changed_cb), set);
  adw_expander_row_add_row (set->row, GTK_WIDGET (set->key_row));

  g_object_set_data_full (G_OBJECT (set->row), "choice-set-editor", set,
                          (GDestroyNotify) choice_set_editor_free);
  g_ptr_array_add (self->choice_sets, set);
  gtk_list_box_append (self->choice_sets_list, GTK_WIDGET (set->row));
  choice_list_add_from (set->choices, choices);
  on_choice_set_changed (set);
  update_list_visibility (self);
  return set;
}

static void
add_choice_set_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  UppTemplateEditor *self = UPP_TEMPLATE_EDITOR (widget);
  ChoiceSetEditor *set;
  ChoiceEditor *choice;

  if (self->read_only)
    return;
  set = add_choice_set_editor (self, NULL, NULL);
  adw_expander_row_set_expanded (set->row, TRUE);
  choice = choice_list_add (set->choices, "", "");
  gtk_widget_grab_focus (GTK_WIDGET (choice->label));
}

static ChoiceSetEditor *
find_choice_set_editor (UppTemplateEditor *self,
                        const char        *key)
{
  for (guint i = 0; key != NULL && i < self->choice_sets->len; i++)
    {
      ChoiceSetEditor *set = g_ptr_array_index (self->choice_sets, i);
      g_autofree char *set_key = dup_stripped (GTK_EDITABLE (set->key_row));

      if (g_str_equal (set_key, key))
        return set;
    }
  return NULL;
}

static GtkStringList *
dup_choice_set_names (UppTemplateEditor *self)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, C_("templates", "Own choices"));
  for (guint i = 0; i < self->choice_sets->len; i++)
    {
      g_autofree char *title = choice_set_editor_dup_title (g_ptr_array_index (self->choice_sets,
                                                                               i));

      gtk_string_list_append (names, title);
    }
  return names;
}

static guint
choice_set_menu_position (UppTemplateEditor *self,
                          ChoiceSetEditor   *set)
{
  guint position = 0;

  if (set == NULL || !g_ptr_array_find (self->choice_sets, set, &position))
    return 0;
  return position + 1;
}

static void field_editor_update (FieldEditor *field);
static void question_editor_update_visibility (QuestionEditor *question);

/* Every choice question's and choice field's menu offers "Own choices" and the sets. */
static void
sync_choice_set_menus (UppTemplateEditor *self)
{
  g_autoptr(GtkStringList) names = dup_choice_set_names (self);

  self->syncing = TRUE;
  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);
      GPtrArray *lists[] = { question->fields, question->columns };

      if (question->choice_set != NULL &&
          !g_ptr_array_find (self->choice_sets, question->choice_set, NULL))
        question->choice_set = NULL;
      adw_combo_row_set_model (question->choice_set_row, G_LIST_MODEL (names));
      adw_combo_row_set_selected (question->choice_set_row,
                                  choice_set_menu_position (self, question->choice_set));
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint j = 0; j < lists[l]->len; j++)
          {
            FieldEditor *field = g_ptr_array_index (lists[l], j);

            gtk_drop_down_set_model (field->choice_set_dropdown, G_LIST_MODEL (names));
            gtk_drop_down_set_selected (field->choice_set_dropdown,
                                        choice_set_menu_position (self, field->choice_set));
            field_editor_update (field);
          }
      question_editor_update_visibility (question);
    }
  self->syncing = FALSE;
  for (guint i = 0; i < self->choice_sets->len; i++)
    choice_set_editor_update_title (g_ptr_array_index (self->choice_sets, i));
}

/* Item fields and table columns */

static void
update_field_move_buttons (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      FieldEditor *field = g_ptr_array_index (fields, i);

      gtk_widget_set_sensitive (field->up_button, i > 0);
      gtk_widget_set_sensitive (field->down_button, i + 1 < fields->len);
    }
}

static void
field_editor_update (FieldEditor *field)
{
  gboolean is_choice = gtk_drop_down_get_selected (field->kind) == UPP_FIELD_KIND_CHOICE;

  gtk_widget_set_visible (field->choices_box, is_choice);
  gtk_widget_set_visible (GTK_WIDGET (field->own_choices), is_choice && field->choice_set == NULL);
}

static void
on_field_kind_selected_cb (GtkDropDown *dropdown,
                           GParamSpec  *pspec,
                           FieldEditor *field)
{
  field_editor_update (field);
  question_editor_update_title (field->question);
}

static void
on_field_choice_set_selected_cb (GtkDropDown *dropdown,
                                 GParamSpec  *pspec,
                                 FieldEditor *field)
{
  UppTemplateEditor *self = field->question->editor;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->syncing)
    return;
  field->choice_set = selected > 0 && selected <= self->choice_sets->len
                        ? g_ptr_array_index (self->choice_sets, selected - 1) : NULL;
  field_editor_update (field);
  for (guint i = 0; i < self->choice_sets->len; i++)
    choice_set_editor_update_title (g_ptr_array_index (self->choice_sets, i));
}

static void
on_field_text_changed_cb (GtkEditable *editable,
                          FieldEditor *field)
{
  question_editor_update_title (field->question);
}

static void
on_field_remove_clicked_cb (GtkButton   *button,
                            FieldEditor *field)
{
  QuestionEditor *question = field->question;
  GPtrArray *owner = field->owner;

  gtk_list_box_remove (field->list, field->row);
  g_ptr_array_remove (owner, field);
  update_field_move_buttons (owner);
  question_editor_update_title (question);
}

static void
move_field (FieldEditor *field,
            int          delta)
{
  GtkWidget *button = delta < 0 ? field->up_button : field->down_button;

  if (!move_in_list (field->list, field->owner, field, field->row, delta))
    return;
  update_field_move_buttons (field->owner);
  if (gtk_widget_get_sensitive (button))
    gtk_widget_grab_focus (button);
  else
    gtk_widget_grab_focus (GTK_WIDGET (field->label));
}

static void
on_field_up_clicked_cb (GtkButton   *button,
                        FieldEditor *field)
{
  move_field (field, -1);
}

static void
on_field_down_clicked_cb (GtkButton   *button,
                          FieldEditor *field)
{
  move_field (field, 1);
}

static char *
join_choice_labels (GPtrArray *choices)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    g_strv_builder_add (labels, ((UppChoice *) g_ptr_array_index (choices, i))->label);
  strv = g_strv_builder_end (labels);
  return g_strjoinv (" / ", strv);
}

/* One line for the label, key, kind and buttons; a second for a choice field's choices. */
static FieldEditor *
add_field_editor (QuestionEditor     *question,
                  gboolean            is_column,
                  const UppItemField *source)
{
  UppTemplateEditor *self = question->editor;
  FieldEditor *field = g_new0 (FieldEditor, 1);
  gboolean editable = !self->read_only;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_entry_new ();
  GtkWidget *key = gtk_entry_new ();
  GtkWidget *kind = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->field_kind_labels)), NULL);
  GtkWidget *remove = make_icon_button ("list-remove-symbolic",
                                        is_column ? C_("templates", "Remove Column")
                                                  : C_("templates", "Remove Field"));
  g_autoptr(GtkStringList) names = dup_choice_set_names (self);
  g_autofree char *own = NULL;

  field->question = question;
  field->owner = is_column ? question->columns : question->fields;
  field->list = is_column ? question->columns_list : question->fields_list;
  field->loaded_choices = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_choice_free);
  field->up_button = make_icon_button ("go-up-symbolic", C_("templates", "Move Up"));
  field->down_button = make_icon_button ("go-down-symbolic", C_("templates", "Move Down"));

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_editable_set_text (GTK_EDITABLE (label), source ? source->label : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (label),
                                  is_column ? C_("templates", "Column label")
                                            : C_("templates", "Field label"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_column ? C_("templates", "Column label")
                                            : C_("templates", "Field label"), -1);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_editable_set_editable (GTK_EDITABLE (label), editable);

  gtk_editable_set_text (GTK_EDITABLE (key), source ? source->key : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (key), C_("templates", "Key (optional)"));
  gtk_editable_set_width_chars (GTK_EDITABLE (key), 8);
  gtk_editable_set_editable (GTK_EDITABLE (key), editable);
  gtk_widget_set_tooltip_text (key, C_("templates", "Made from the label if empty"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_column ? C_("templates", "Column key")
                                            : C_("templates", "Field key"), -1);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), source ? source->kind : UPP_FIELD_KIND_TEXT);
  gtk_widget_set_valign (kind, GTK_ALIGN_CENTER);
  /* One width for every kind, so that the entries of the rows line up. */
  gtk_widget_set_size_request (kind, 116, -1);
  gtk_widget_set_sensitive (kind, editable);
  gtk_widget_set_tooltip_text (kind, is_column ? C_("templates", "Kind of column")
                                               : C_("templates", "Kind of field"));

  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (line), key);
  gtk_box_append (GTK_BOX (line), kind);
  if (editable)
    {
      gtk_box_append (GTK_BOX (line), field->up_button);
      gtk_box_append (GTK_BOX (line), field->down_button);
      gtk_box_append (GTK_BOX (line), remove);
    }
  gtk_box_append (GTK_BOX (box), line);

  /* A choice field: one of the sets, or its own choices written "A / B / C". */
  field->choices_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  field->choice_set_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (
    G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_widget_set_sensitive (GTK_WIDGET (field->choice_set_dropdown), editable);
  gtk_widget_set_tooltip_text (GTK_WIDGET (field->choice_set_dropdown),
                               C_("templates", "Choices from"));
  field->own_choices = GTK_EDITABLE (gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (field->own_choices),
                                  C_("templates", "Choices, separated by “/”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->own_choices),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("templates", "Choices, separated by “/”"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (field->own_choices), TRUE);
  gtk_editable_set_editable (field->own_choices, editable);
  if (source != NULL && source->choice_set == NULL)
    {
      for (guint i = 0; i < source->choices->len; i++)
        g_ptr_array_add (field->loaded_choices,
                         upp_choice_copy (g_ptr_array_index (source->choices, i)));
      own = join_choice_labels (source->choices);
      gtk_editable_set_text (field->own_choices, own);
    }
  field->choice_set = source != NULL ? find_choice_set_editor (self, source->choice_set) : NULL;
  gtk_drop_down_set_selected (field->choice_set_dropdown,
                              choice_set_menu_position (self, field->choice_set));
  gtk_box_append (GTK_BOX (field->choices_box), GTK_WIDGET (field->choice_set_dropdown));
  gtk_box_append (GTK_BOX (field->choices_box), GTK_WIDGET (field->own_choices));
  gtk_box_append (GTK_BOX (box), field->choices_box);

  field->label = GTK_EDITABLE (label);
  field->key = GTK_EDITABLE (key);
  field->kind = GTK_DROP_DOWN (kind);
  field->row = wrap_in_row (box);
  g_object_set_data_full (G_OBJECT (field->row), "field-editor", field,
                          (GDestroyNotify) field_editor_free);

  g_signal_connect (label, "changed", G_CALLBACK (on_field_text_changed_cb), field);
  g_signal_connect (kind, "notify::selected", G_CALLBACK (on_field_kind_selected_cb), field);
  g_signal_connect (field->choice_set_dropdown, "notify::selected",
                    G_CALLBACK (on_field_choice_set_selected_cb), field);
  g_signal_connect (field->up_button, "clicked", G_CALLBACK (on_field_up_clicked_cb), field);
  g_signal_connect (field->down_button, "clicked", G_CALLBACK (on_field_down_clicked_cb), field);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_field_remove_clicked_cb), field);

  g_ptr_array_add (field->owner, field);
  gtk_list_box_append (field->list, field->row);
  field_editor_update (field);
  update_field_move_buttons (field->owner);
  question_editor_update_title (question);
  return field;
}

static void
on_add_field_clicked_cb (GtkButton      *button,
                         QuestionEditor *question)
{
  FieldEditor *field = add_field_editor (question, FALSE, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (field->label));
}

static void
on_add_column_clicked_cb (GtkButton      *button,
                          QuestionEditor *question)
{
  FieldEditor *field = add_field_editor (question, TRUE, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (field->label));
}

static GtkEditable *
field_get_key (gpointer item)
{
  return ((FieldEditor *) item)->key;
}

/* A field's own choices, "Klart / Pågår": keys made from the labels, or kept from the
 * choices as loaded while their labels stay. */
static void
field_editor_collect_own_choices (FieldEditor  *field,
                                  UppItemField *result)
{
  g_autofree char *text = dup_stripped (field->own_choices);
  g_auto(GStrv) labels = g_strsplit (text, "/", -1);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = g_strstrip (labels[i]);
      g_autofree char *key = NULL;

      if (*label == '\0')
        continue;
      for (guint j = 0; key == NULL && j < field->loaded_choices->len; j++)
        {
          UppChoice *loaded = g_ptr_array_index (field->loaded_choices, j);

          if (g_str_equal (loaded->label, label) && !g_hash_table_contains (taken, loaded->key))
            key = g_strdup (loaded->key);
        }
      if (key == NULL)
        key = upp_key_from_text (label, "choice", taken);
      g_hash_table_add (taken, g_strdup (key));
      g_ptr_array_add (result->choices, upp_choice_new (key, label));
    }
}

/* The fields or columns of question, checked, added to result. */
static gboolean
collect_fields (QuestionEditor *question,
                gboolean        are_columns,
                const char     *question_name,
                UppQuestion    *result,
                GError        **error)
{
  UppTemplateEditor *self = question->editor;
  GPtrArray *fields = are_columns ? question->columns : question->fields;
  g_autoptr(GHashTable) taken = collect_typed_keys (fields, field_get_key);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      FieldEditor *field = g_ptr_array_index (fields, i);
      g_autofree char *label = dup_stripped (field->label);
      g_autofree char *key = dup_key_or_make (self, field->key, label,
                                              are_columns ? "column" : "field", taken);
      UppFieldKind kind = gtk_drop_down_get_selected (field->kind);
      UppItemField *item;

      if (*label == '\0')
        return fail_at (self, question->row, GTK_WIDGET (field->label), error,
                        are_columns ? C_("templates", "Column %u of question %s needs a label.")
                                    : C_("templates", "Field %u of question %s needs a label."),
                        i + 1, question_name);
      if (!upp_template_key_is_valid (key))
        return fail_at (self, question->row, GTK_WIDGET (field->key), error,
                        C_("templates", "The key “%s” of “%s” in question %s may only contain "
                                        "letters a–z, digits, “-”, “_” and “.”."),
                        key, label, question_name);
      if (g_hash_table_contains (seen, key))
        return fail_at (self, question->row, GTK_WIDGET (field->key), error,
                        are_columns
                          ? C_("templates", "Two columns of question %s have the key “%s”.")
                          : C_("templates", "Two fields of question %s have the key “%s”."),
                        question_name, key);
      g_hash_table_add (seen, g_strdup (key));

      item = upp_item_field_new (key, label, kind < UPP_N_FIELD_KINDS ? kind : UPP_FIELD_KIND_TEXT);
      if (item->kind == UPP_FIELD_KIND_CHOICE)
        {
          if (field->choice_set != NULL)
            {
              item->choice_set = g_strdup (g_hash_table_lookup (self->made_keys,
                                                                field->choice_set));
            }
          else
            field_editor_collect_own_choices (field, item);
          if (item->choice_set == NULL && item->choices->len == 0)
            {
              upp_item_field_free (item);
              return fail_at (self, question->row, GTK_WIDGET (field->own_choices), error,
                              C_("templates", "The choice field “%s” of question %s needs its "
                                              "choices or a choice set."),
                              label, question_name);
            }
        }
      if (are_columns)
        upp_question_add_column (result, item);
      else
        upp_question_add_field (result, item);
    }
  return TRUE;
}

/* Questions */

static UppQuestionKind
question_editor_get_kind (QuestionEditor *question)
{
  guint selected = adw_combo_row_get_selected (question->kind_row);

  return selected < UPP_N_QUESTION_KINDS ? (UppQuestionKind)selected : UPP_QUESTION_KIND_TEXT;
}

static guint
question_editor_get_position (QuestionEditor *question)
{
  guint position = 0;

  g_ptr_array_find (question->editor->questions, question, &position);
  return position;
}

/* The number as the form shows it: "S.N" within a part, else the number typed. */
static char *
question_editor_dup_number (QuestionEditor *question)
{
  UppTemplateEditor *self = question->editor;
  guint in_section = 0;

  if (question->section == NULL)
    return dup_stripped (GTK_EDITABLE (question->number_row));
  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *other = g_ptr_array_index (self->questions, i);

      if (other->section == question->section)
        in_section++;
      if (other == question)
        break;
    }
  return g_strdup_printf ("%u.%u", section_editor_get_position (question->section) + 1,
                          in_section);
}

static void
question_editor_update_visibility (QuestionEditor *question)
{
  UppQuestionKind kind = question_editor_get_kind (question);
  gboolean has_choices = upp_question_kind_has_choices (kind);
  gboolean has_sets = question->editor->choice_sets->len > 0 || question->choice_set != NULL;

  gtk_widget_set_visible (GTK_WIDGET (question->choice_set_row), has_choices && has_sets);
  gtk_widget_set_visible (question->choices_row, has_choices && question->choice_set == NULL);
  gtk_widget_set_visible (question->columns_row, kind == UPP_QUESTION_KIND_TABLE);
  gtk_widget_set_visible (question->fields_row, kind != UPP_QUESTION_KIND_TABLE);
  /* Within a part the number follows from the place. */
  gtk_widget_set_visible (GTK_WIDGET (question->number_row), question->section == NULL);
}

static void
question_editor_update_title (QuestionEditor *question)
{
  g_autofree char *number = NULL;
  g_autofree char *label = dup_stripped (GTK_EDITABLE (question->label_row));
  g_autofree char *text = dup_view_text (question->text_view);
  g_autofree char *key = dup_stripped (GTK_EDITABLE (question->key_row));
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  UppQuestionKind kind = question_editor_get_kind (question);
  const char *name;
  char *line_end;

  if (question->fields == NULL || question->columns == NULL)
    return;

  /* The first line of the text names the question when it has no short label. */
  if ((line_end = strchr (text, '\n')) != NULL)
    *line_end = '\0';
  name = *label != '\0' ? label : *text != '\0' ? text : *key != '\0' ? key
                                                       : C_("templates", "New question");
  number = question_editor_dup_number (question);
  if (*number == '\0')
    title = g_strdup (name);
  else if (strchr (number, '.') != NULL)
    title = g_strdup_printf ("%s %s", number, name);
  else
    title = g_strdup_printf ("%s. %s", number, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (question->row), title);

  if (question->section != NULL)
    {
      g_autofree char *section = section_editor_dup_title (question->section);

      g_string_append_printf (subtitle, "%s · ", section);
    }
  if (upp_question_kind_has_choices (kind) && question->choice_set != NULL)
    {
      g_autofree char *set = choice_set_editor_dup_title (question->choice_set);

      g_string_append_printf (subtitle, "%s · %s", upp_question_kind_get_label (kind), set);
    }
  else if (upp_question_kind_has_choices (kind))
    /* Translators: a question's kind and how many choices it has, e.g. "Single choice ·
     * 5 choices". */
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%s · %u choice",
                                                   "%s · %u choices",
                                                   question->choices->choices->len),
                            upp_question_kind_get_label (kind), question->choices->choices->len);
  else if (kind == UPP_QUESTION_KIND_TABLE)
    /* Translators: a table question and how many columns it has. */
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%s · %u column",
                                                   "%s · %u columns", question->columns->len),
                            upp_question_kind_get_label (kind), question->columns->len);
  else
    g_string_append (subtitle, upp_question_kind_get_label (kind));
  if (kind != UPP_QUESTION_KIND_TABLE && question->fields->len > 0)
    /* Translators: appended to a question's kind: how many fields it has beside the answer. */
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, " · %u field",
                                                   " · %u fields", question->fields->len),
                            question->fields->len);
  adw_expander_row_set_subtitle (question->row, subtitle->str);
  question_editor_update_visibility (question);
}

static void
update_all_titles (UppTemplateEditor *self)
{
  for (guint i = 0; i < self->questions->len; i++)
    question_editor_update_title (g_ptr_array_index (self->questions, i));
  for (guint i = 0; i < self->sections->len; i++)
    section_editor_update_title (g_ptr_array_index (self->sections, i));
}

static void
on_question_field_changed_cb (GtkEditable    *editable,
                              QuestionEditor *question)
{
  question_editor_update_title (question);
}

static void
on_question_text_changed_cb (GtkTextBuffer  *buffer,
                             QuestionEditor *question)
{
  question_editor_update_title (question);
}

static void
on_question_choices_changed (gpointer data)
{
  QuestionEditor *question = data;

  if (question->row != NULL)
    question_editor_update_title (question);
}

static void
on_kind_selected_cb (AdwComboRow    *row,
                     GParamSpec     *pspec,
                     QuestionEditor *question)
{
  UppQuestionKind kind = question_editor_get_kind (question);
  UppTemplateEditor *self = question->editor;

  /* A yes/no question needs its two choices; offer them instead of empty fields. */
  if (kind == UPP_QUESTION_KIND_YES_NO && question->choices->choices->len == 0 && !self->read_only)
    {
      choice_list_add (question->choices, "yes", C_("templates", "Yes"));
      choice_list_add (question->choices, "no", C_("templates", "No"));
    }
  /* A new table starts with a column to name. */
  if (kind == UPP_QUESTION_KIND_TABLE && question->columns->len == 0 && !self->read_only &&
      !self->syncing)
    add_field_editor (question, TRUE, NULL);
  question_editor_update_title (question);
  for (guint i = 0; i < self->choice_sets->len; i++)
    choice_set_editor_update_title (g_ptr_array_index (self->choice_sets, i));
}

static void
on_section_selected_cb (AdwComboRow    *row,
                        GParamSpec     *pspec,
                        QuestionEditor *question)
{
  UppTemplateEditor *self = question->editor;
  guint selected = adw_combo_row_get_selected (row);

  if (self->syncing)
    return;
  question->section = selected > 0 && selected <= self->sections->len
                        ? g_ptr_array_index (self->sections, selected - 1) : NULL;
  update_all_titles (self);
}

static void
on_choice_set_selected_cb (AdwComboRow    *row,
                           GParamSpec     *pspec,
                           QuestionEditor *question)
{
  UppTemplateEditor *self = question->editor;
  guint selected = adw_combo_row_get_selected (row);

  if (self->syncing)
    return;
  question->choice_set = selected > 0 && selected <= self->choice_sets->len
                           ? g_ptr_array_index (self->choice_sets, selected - 1) : NULL;
  question_editor_update_title (question);
  for (guint i = 0; i < self->choice_sets->len; i++)
    choice_set_editor_update_title (g_ptr_array_index (self->choice_sets, i));
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

/* Numbers that were 1, 2, 3… in order (outside parts) follow the questions when they move. */
static gboolean
numbers_are_sequential (UppTemplateEditor *self)
{
  guint expected_number = 0;

  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);
      g_autofree char *number = NULL;
      g_autofree char *expected = NULL;

      if (question->section != NULL)
        continue;
      number = dup_stripped (GTK_EDITABLE (question->number_row));
      expected = g_strdup_printf ("%u", ++expected_number);
      if (!g_str_equal (number, expected))
        return FALSE;
    }
  return TRUE;
}

static void
renumber (UppTemplateEditor *self)
{
  guint number = 0;

  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *question = g_ptr_array_index (self->questions, i);
      g_autofree char *text = NULL;

      if (question->section != NULL)
        continue;
      text = g_strdup_printf ("%u", ++number);
      gtk_editable_set_text (GTK_EDITABLE (question->number_row), text);
    }
}

static void
move_question (QuestionEditor *question,
               int             delta)
{
  UppTemplateEditor *self = question->editor;
  gboolean sequential = numbers_are_sequential (self);
  gboolean expanded = adw_expander_row_get_expanded (question->row);

  if (!move_in_list (self->questions_list, self->questions, question,
                     GTK_WIDGET (question->row), delta))
    return;
  adw_expander_row_set_expanded (question->row, expanded);

  if (sequential)
    renumber (self);
  update_move_buttons (self);
  update_all_titles (self);
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

/* Moves the question, appended last, to position. */
static void
place_question (UppTemplateEditor *self,
                QuestionEditor    *question,
                guint              position)
{
  if (position >= self->questions->len - 1)
    return;
  g_object_ref (question->row);
  gtk_list_box_remove (self->questions_list, GTK_WIDGET (question->row));
  gtk_list_box_insert (self->questions_list, GTK_WIDGET (question->row), position);
  g_object_unref (question->row);
  g_ptr_array_steal_index (self->questions, self->questions->len - 1);
  g_ptr_array_insert (self->questions, position, question);
}

static gboolean
scroll_to_question_cb (gpointer data)
{
  QuestionEditor *question = data;

  question->present_idle = 0;
  gtk_widget_grab_focus (GTK_WIDGET (question->text_view));
  return G_SOURCE_REMOVE;
}

/* Scrolls the least that shows the question's text, and its title above when it fits. */
static void
scroll_question_into_view (QuestionEditor *question)
{
  GtkWidget *row = GTK_WIDGET (question->row);
  GtkWidget *viewport = gtk_widget_get_ancestor (row, GTK_TYPE_VIEWPORT);
  GtkAdjustment *adjustment;
  graphene_rect_t row_bounds, text_bounds;
  double value, page, top, bottom;

  if (viewport == NULL ||
      !gtk_widget_compute_bounds (row, viewport, &row_bounds) ||
      !gtk_widget_compute_bounds (GTK_WIDGET (question->text_view), viewport, &text_bounds))
    return;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  top = row_bounds.origin.y;
  bottom = text_bounds.origin.y + text_bounds.size.height;
  if (bottom - top > page)
    top = bottom - page;
  if (top < 0)
    gtk_adjustment_set_value (adjustment, value + top);
  else if (bottom > page)
    gtk_adjustment_set_value (adjustment, value + bottom - page);
}

static gboolean
scroll_question_tick_cb (GtkWidget     *row,
                         GdkFrameClock *clock,
                         gpointer       data)
{
  QuestionEditor *question = data;

  scroll_question_into_view (question);
  if (gdk_frame_clock_get_frame_time (clock) < question->scroll_until)
    return G_SOURCE_CONTINUE;
  question->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

/* Shows the question open, its text focused, scrolled into view once it is laid out: the
 * viewport's scroll-to-focus comes too early for a row not yet allocated, and the row grows
 * while it opens, so it is followed for a moment. */
static void
present_question (QuestionEditor *question)
{
  GtkWidget *row = GTK_WIDGET (question->row);

  adw_expander_row_set_expanded (question->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (question->text_view));
  g_clear_handle_id (&question->present_idle, g_source_remove);
  question->present_idle = g_idle_add_full (G_PRIORITY_LOW, scroll_to_question_cb, question,
                                            NULL);
  question->scroll_until = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;
  if (question->scroll_tick == 0)
    question->scroll_tick = gtk_widget_add_tick_callback (row, scroll_question_tick_cb,
                                                          question, NULL);
}

static void
copy_field (FieldEditor    *field,
            QuestionEditor *to,
            gboolean        is_column)
{
  FieldEditor *copy = add_field_editor (to, is_column, NULL);

  gtk_editable_set_text (copy->label, gtk_editable_get_text (field->label));
  gtk_editable_set_text (copy->key, gtk_editable_get_text (field->key));
  gtk_drop_down_set_selected (copy->kind, gtk_drop_down_get_selected (field->kind));
  gtk_editable_set_text (copy->own_choices, gtk_editable_get_text (field->own_choices));
  for (guint i = 0; i < field->loaded_choices->len; i++)
    g_ptr_array_add (copy->loaded_choices,
                     upp_choice_copy (g_ptr_array_index (field->loaded_choices, i)));
  copy->choice_set = field->choice_set;
  to->editor->syncing = TRUE;
  gtk_drop_down_set_selected (copy->choice_set_dropdown,
                              choice_set_menu_position (to->editor, copy->choice_set));
  to->editor->syncing = FALSE;
  field_editor_update (copy);
}

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
  g_autofree char *text = dup_view_text (question->text_view);
  g_autofree char *help = dup_view_text (question->help_view);

  copy->section = question->section;
  copy->choice_set = question->choice_set;
  gtk_editable_set_text (GTK_EDITABLE (copy->heading_row),
                         gtk_editable_get_text (GTK_EDITABLE (question->heading_row)));
  gtk_editable_set_text (GTK_EDITABLE (copy->label_row),
                         gtk_editable_get_text (GTK_EDITABLE (question->label_row)));
  set_view_text (copy->text_view, text);
  set_view_text (copy->help_view, help);
  self->syncing = TRUE;
  adw_combo_row_set_selected (copy->kind_row, adw_combo_row_get_selected (question->kind_row));
  self->syncing = FALSE;
  /* A yes/no kind brings its two choices; the copy takes the original's instead. */
  choice_list_clear (copy->choices);
  for (guint i = 0; i < question->choices->choices->len; i++)
    {
      ChoiceEditor *choice = g_ptr_array_index (question->choices->choices, i);
      ChoiceEditor *copied = choice_list_add (copy->choices, gtk_editable_get_text (choice->key),
                                              gtk_editable_get_text (choice->label));

      copied->match = g_strdupv (choice->match);
    }
  for (guint i = 0; i < question->fields->len; i++)
    copy_field (g_ptr_array_index (question->fields, i), copy, FALSE);
  for (guint i = 0; i < question->columns->len; i++)
    copy_field (g_ptr_array_index (question->columns, i), copy, TRUE);

  /* Below the original. */
  place_question (self, copy, position + 1);
  if (sequential)
    renumber (self);
  else
    gtk_editable_set_text (GTK_EDITABLE (copy->number_row),
                           gtk_editable_get_text (GTK_EDITABLE (question->number_row)));
  update_move_buttons (self);
  sync_section_menus (self);
  sync_choice_set_menus (self);
  update_all_titles (self);
  present_question (copy);
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
  update_all_titles (self);
  for (guint i = 0; i < self->choice_sets->len; i++)
    choice_set_editor_update_title (g_ptr_array_index (self->choice_sets, i));
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
  return row;
}

static GtkWidget *
make_question_text_row (QuestionEditor *question,
                        const char     *title,
                        const char     *text,
                        GtkTextView   **view_out)
{
  GtkWidget *row = make_text_row (title, text, !question->editor->read_only, view_out);

  g_signal_connect (gtk_text_view_get_buffer (*view_out), "changed",
                    G_CALLBACK (on_question_text_changed_cb), question);
  return row;
}

static QuestionEditor *
add_question_editor (UppTemplateEditor *self,
                     UppQuestion       *source)
{
  QuestionEditor *question = g_new0 (QuestionEditor, 1);
  gboolean editable = !self->read_only;
  GtkWidget *add_field;
  GtkWidget *add_column;
  GtkWidget *box;
  GtkWidget *text_row;
  GtkWidget *help_row;
  g_autoptr(GtkStringList) no_names = gtk_string_list_new (NULL);

  question->editor = self;
  question->choices = choice_list_new (editable, on_question_choices_changed, question);
  question->fields = g_ptr_array_new ();
  question->columns = g_ptr_array_new ();
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

  question->section_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (question->section_row),
                                 C_("templates", "Part"));
  adw_combo_row_set_model (question->section_row, G_LIST_MODEL (no_names));
  gtk_widget_set_sensitive (GTK_WIDGET (question->section_row), editable);
  adw_expander_row_add_row (question->row, GTK_WIDGET (question->section_row));

  question->heading_row = make_entry_row (question, C_("templates", "Sub-heading (optional)"),
                                          source ? upp_question_get_heading (source) : NULL);
  text_row = make_question_text_row (question, C_("templates", "Question"),
                                     source ? upp_question_get_text (source) : NULL,
                                     &question->text_view);
  adw_expander_row_add_row (question->row, text_row);
  question->label_row = make_entry_row (question, C_("templates", "Short label"),
                                        source ? upp_question_get_short_label (source) : NULL);
  help_row = make_question_text_row (question, C_("templates", "Help (optional)"),
                                     source ? upp_question_get_help (source) : NULL,
                                     &question->help_view);

  question->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (question->kind_row), C_("templates", "Kind"));
  adw_combo_row_set_model (question->kind_row, G_LIST_MODEL (self->kind_labels));
  adw_combo_row_set_use_subtitle (question->kind_row, TRUE);
  adw_combo_row_set_selected (question->kind_row,
                              source ? upp_question_get_kind (source) : UPP_QUESTION_KIND_TEXT);
  gtk_widget_set_sensitive (GTK_WIDGET (question->kind_row), editable);
  adw_expander_row_add_row (question->row, GTK_WIDGET (question->kind_row));

  question->choice_set_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (question->choice_set_row),
                                 C_("templates", "Choices from"));
  adw_combo_row_set_model (question->choice_set_row, G_LIST_MODEL (no_names));
  /* The whole set, "Klart / Pågår / Ej påbörjat", not cut to the room beside the title. */
  adw_combo_row_set_use_subtitle (question->choice_set_row, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (question->choice_set_row), editable);
  adw_expander_row_add_row (question->row, GTK_WIDGET (question->choice_set_row));

  question->choices_row = wrap_in_row (question->choices->box);
  adw_expander_row_add_row (question->row, question->choices_row);

  box = make_list_box (C_("templates", "Columns"), C_("templates", "Add C_olumn"), editable,
                       &question->columns_list, &add_column);
  g_signal_connect (add_column, "clicked", G_CALLBACK (on_add_column_clicked_cb), question);
  question->columns_row = wrap_in_row (box);
  adw_expander_row_add_row (question->row, question->columns_row);

  box = make_list_box (C_("templates", "Fields beside the answer"), C_("templates", "Add _Field"),
                       editable, &question->fields_list, &add_field);
  g_signal_connect (add_field, "clicked", G_CALLBACK (on_add_field_clicked_cb), question);
  question->fields_row = wrap_in_row (box);
  adw_expander_row_add_row (question->row, question->fields_row);

  /* What every question needs comes first; the rest below, where it is not in the way. */
  adw_expander_row_add_row (question->row, help_row);
  adw_expander_row_add_row (question->row, GTK_WIDGET (question->heading_row));
  adw_expander_row_add_row (question->row, GTK_WIDGET (question->label_row));

  question->number_row = make_entry_row (question, C_("templates", "Number"),
                                         source ? upp_question_get_number (source) : NULL);
  adw_expander_row_add_row (question->row, GTK_WIDGET (question->number_row));
  question->key_row = make_entry_row (question,
                                      C_("templates", "Key (made from the text if empty)"),
                                      source ? upp_question_get_key (source) : NULL);
  adw_expander_row_add_row (question->row, GTK_WIDGET (question->key_row));

  g_ptr_array_add (self->questions, question);
  g_object_set_data_full (G_OBJECT (question->row), "question-editor", question,
                          (GDestroyNotify)question_editor_free);
  g_signal_connect (question->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb), question);
  g_signal_connect (question->section_row, "notify::selected",
                    G_CALLBACK (on_section_selected_cb), question);
  g_signal_connect (question->choice_set_row, "notify::selected",
                    G_CALLBACK (on_choice_set_selected_cb), question);

  if (source != NULL)
    {
      const char *section_key = upp_question_get_section (source);
      GPtrArray *fields = upp_question_get_fields (source);
      GPtrArray *columns = upp_question_get_columns (source);

      for (guint i = 0; i < self->sections->len && *section_key != '\0'; i++)
        {
          SectionEditor *section = g_ptr_array_index (self->sections, i);
          g_autofree char *key = dup_stripped (GTK_EDITABLE (section->key_row));

          if (g_str_equal (key, section_key))
            question->section = section;
        }
      question->choice_set = find_choice_set_editor (self, upp_question_get_choice_set (source));
      /* A set's choices are the set's, edited there. */
      if (question->choice_set == NULL)
        choice_list_add_from (question->choices, upp_question_get_choices (source));
      for (guint i = 0; i < fields->len; i++)
        add_field_editor (question, FALSE, g_ptr_array_index (fields, i));
      for (guint i = 0; i < columns->len; i++)
        add_field_editor (question, TRUE, g_ptr_array_index (columns, i));
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
  g_ptr_array_set_size (self->sections, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_list))) != NULL)
    gtk_list_box_remove (self->sections_list, child);
  g_ptr_array_set_size (self->choice_sets, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choice_sets_list))) != NULL)
    gtk_list_box_remove (self->choice_sets_list, child);
}

/* A new question after the last one of section (or at the end), in the same part, with the
 * fields and choices of the question before it: items of a checklist are alike. */
static QuestionEditor *
add_question_in_section (UppTemplateEditor *self,
                         SectionEditor     *section)
{
  QuestionEditor *question;
  QuestionEditor *previous = NULL;
  guint position = self->questions->len;
  g_autofree char *number = NULL;

  if (self->read_only)
    return NULL;

  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionEditor *other = g_ptr_array_index (self->questions, i);

      if (section == NULL || other->section == section)
        {
          previous = other;
          position = i + 1;
        }
    }

  /* No key to invent: one is made from the question's text when it is saved. */
  question = add_question_editor (self, NULL);
  question->section = section;
  {
    guint outside_parts = 0;

    for (guint i = 0; i < self->questions->len; i++)
      if (((QuestionEditor *) g_ptr_array_index (self->questions, i))->section == NULL)
        outside_parts++;
    number = g_strdup_printf ("%u", outside_parts);
  }
  gtk_editable_set_text (GTK_EDITABLE (question->number_row), number);
  if (previous != NULL && section != NULL)
    {
      question->choice_set = previous->choice_set;
      self->syncing = TRUE;
      adw_combo_row_set_selected (question->kind_row,
                                  adw_combo_row_get_selected (previous->kind_row));
      self->syncing = FALSE;
      for (guint i = 0; i < previous->fields->len; i++)
        copy_field (g_ptr_array_index (previous->fields, i), question, FALSE);
    }
  place_question (self, question, position);
  update_move_buttons (self);
  sync_section_menus (self);
  sync_choice_set_menus (self);
  update_all_titles (self);
  present_question (question);
  return question;
}

void
upp_template_editor_add_question (UppTemplateEditor *self)
{
  QuestionEditor *last;

  g_return_if_fail (UPP_IS_TEMPLATE_EDITOR (self));

  /* In the part of the last question, where the user was working. */
  last = self->questions->len > 0 ? g_ptr_array_index (self->questions,
                                                       self->questions->len - 1) : NULL;
  add_question_in_section (self, last != NULL ? last->section : NULL);
}

/* Checking and saving */

static GtkEditable *
section_get_key (gpointer item)
{
  return GTK_EDITABLE (((SectionEditor *) item)->key_row);
}

static GtkEditable *
choice_set_get_key (gpointer item)
{
  return GTK_EDITABLE (((ChoiceSetEditor *) item)->key_row);
}

static GtkEditable *
question_get_key (gpointer item)
{
  return GTK_EDITABLE (((QuestionEditor *) item)->key_row);
}

static gboolean
collect_sections (UppTemplateEditor *self,
                  UppTemplate       *template,
                  GError           **error)
{
  g_autoptr(GHashTable) taken = collect_typed_keys (self->sections, section_get_key);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      SectionEditor *section = g_ptr_array_index (self->sections, i);
      g_autofree char *title = dup_stripped (GTK_EDITABLE (section->title_row));
      g_autofree char *intro = dup_view_text (section->intro_view);
      g_autofree char *key = dup_key_or_make (self, GTK_EDITABLE (section->key_row), title,
                                              "part", taken);

      if (*title == '\0')
        return fail_at (self, section->row, GTK_WIDGET (section->title_row), error,
                        C_("templates", "Part %u needs a title."), i + 1);
      if (!upp_template_key_is_valid (key))
        return fail_at (self, section->row, GTK_WIDGET (section->key_row), error,
                        C_("templates", "The key “%s” of part %u may only contain letters a–z, "
                                        "digits, “-”, “_” and “.”."),
                        key, i + 1);
      if (g_hash_table_contains (seen, key))
        return fail_at (self, section->row, GTK_WIDGET (section->key_row), error,
                        C_("templates", "Two parts have the key “%s”; each part needs its "
                                        "own key."),
                        key);
      g_hash_table_add (seen, g_strdup (key));
      g_hash_table_insert (self->made_keys, section, g_strdup (key));
      upp_template_add_section (template, key, title, intro);
    }
  return TRUE;
}

static gboolean
collect_choice_sets (UppTemplateEditor *self,
                     UppTemplate       *template,
                     GError           **error)
{
  g_autoptr(GHashTable) taken = collect_typed_keys (self->choice_sets, choice_set_get_key);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->choice_sets->len; i++)
    {
      ChoiceSetEditor *set = g_ptr_array_index (self->choice_sets, i);
      g_autofree char *title = choice_set_editor_dup_title (set);
      g_autofree char *key = dup_key_or_make (self, GTK_EDITABLE (set->key_row), title,
                                              "choices", taken);
      /* Translators: names a choice set in messages, e.g. "the choices “Klart / Pågår”". */
      g_autofree char *owner = g_strdup_printf (C_("templates", "the choices “%s”"), title);
      g_autoptr(GPtrArray) choices = NULL;
      GPtrArray *stored;

      choices = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_choice_free);

      if (!upp_template_key_is_valid (key))
        return fail_at (self, set->row, GTK_WIDGET (set->key_row), error,
                        C_("templates", "The key “%s” of the choices “%s” may only contain letters "
                                        "a–z, digits, “-”, “_” and “.”."),
                        key, title);
      if (g_hash_table_contains (seen, key))
        return fail_at (self, set->row, GTK_WIDGET (set->key_row), error,
                        C_("templates", "Two choice sets have the key “%s”; each needs its own "
                                        "key."),
                        key);
      if (set->choices->choices->len == 0)
        return fail_at (self, set->row, GTK_WIDGET (set->row), error,
                        C_("templates", "Choice set %u has no choices."), i + 1);
      if (!choice_list_collect (self, set->choices, set->row, owner, choices, error))
        return FALSE;
      g_hash_table_add (seen, g_strdup (key));
      g_hash_table_insert (self->made_keys, set, g_strdup (key));
      stored = upp_template_add_choice_set (template, key);
      for (guint j = 0; j < choices->len; j++)
        g_ptr_array_add (stored, upp_choice_copy (g_ptr_array_index (choices, j)));
    }
  return TRUE;
}

static UppQuestion *
collect_question (UppTemplateEditor *self,
                  QuestionEditor    *question,
                  guint              position,
                  GHashTable        *taken,
                  GHashTable        *seen,
                  GError           **error)
{
  g_autofree char *number = question_editor_dup_number (question);
  g_autofree char *label = dup_stripped (GTK_EDITABLE (question->label_row));
  g_autofree char *text = dup_view_text (question->text_view);
  g_autofree char *help = dup_view_text (question->help_view);
  g_autofree char *heading = dup_stripped (GTK_EDITABLE (question->heading_row));
  g_autofree char *key = dup_key_or_make (self, GTK_EDITABLE (question->key_row),
                                          *label != '\0' ? label : text, "question", taken);
  /* Translators: names a question in messages: its number, or its place when it has none. */
  g_autofree char *name = *number != '\0' ? g_strdup (number)
                                           : g_strdup_printf ("%u", position + 1);
  UppQuestionKind kind = question_editor_get_kind (question);
  g_autoptr(UppQuestion) result = NULL;

  if (!upp_template_key_is_valid (key))
    return fail_at (self, question->row, GTK_WIDGET (question->key_row), error,
                    C_("templates", "The key “%s” of question %s may only contain letters a–z, "
                                    "digits, “-”, “_” and “.”."),
                    key, name), NULL;
  if (g_hash_table_contains (seen, key))
    return fail_at (self, question->row, GTK_WIDGET (question->key_row), error,
                    C_("templates", "Two questions have the key “%s”; each question needs its own "
                                    "key."),
                    key), NULL;
  if (*text == '\0')
    return fail_at (self, question->row, GTK_WIDGET (question->text_view), error,
                    C_("templates", "Question %s (“%s”) has no question text."), name, key), NULL;
  if (upp_question_kind_has_choices (kind) && question->choice_set == NULL &&
      question->choices->choices->len == 0)
    return fail_at (self, question->row, GTK_WIDGET (question->kind_row), error,
                    C_("templates", "Question %s is a “%s” question and needs at least one "
                                    "choice."),
                    name, upp_question_kind_get_label (kind)), NULL;
  if (kind == UPP_QUESTION_KIND_TABLE && question->columns->len == 0)
    return fail_at (self, question->row, GTK_WIDGET (question->kind_row), error,
                    C_("templates", "Question %s is a table and needs at least one column."),
                    name), NULL;
  g_hash_table_add (seen, g_strdup (key));

  result = upp_question_new (key, number, text, label, kind);
  upp_question_set_from (result, (const char * const *) question->from);
  upp_question_set_heading (result, heading);
  upp_question_set_help (result, help);
  if (question->section != NULL)
    upp_question_set_section (result, g_hash_table_lookup (self->made_keys, question->section));
  if (upp_question_kind_has_choices (kind) && question->choice_set != NULL)
    upp_question_set_choice_set (result, g_hash_table_lookup (self->made_keys,
                                                              question->choice_set));
  else if (upp_question_kind_has_choices (kind))
    {
      /* Translators: names a question in messages, e.g. "question 1.2". */
      g_autofree char *owner = g_strdup_printf (C_("templates", "question %s"), name);
      g_autoptr(GPtrArray) choices = NULL;

      choices = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_choice_free);
      if (!choice_list_collect (self, question->choices, question->row, owner, choices, error))
        return NULL;
      for (guint j = 0; j < choices->len; j++)
        {
          UppChoice *choice = g_ptr_array_index (choices, j);

          upp_choice_set_match (upp_question_add_choice (result, choice->key, choice->label),
                                (const char * const *) choice->match);
        }
    }
  if (!collect_fields (question, kind == UPP_QUESTION_KIND_TABLE, name, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

UppTemplate *
upp_template_editor_dup_template (UppTemplateEditor *self,
                                  GError           **error)
{
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) local_error = NULL;

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
      if (!self->quiet && self->show_made_keys)
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

  g_hash_table_remove_all (self->made_keys);
  if (!collect_sections (self, template, error) || !collect_choice_sets (self, template, error))
    return NULL;

  taken = collect_typed_keys (self->questions, question_get_key);
  for (guint i = 0; i < self->questions->len; i++)
    {
      UppQuestion *question = collect_question (self, g_ptr_array_index (self->questions, i), i,
                                                taken, seen, error);

      if (question == NULL)
        return NULL;
      upp_template_add_question (template, question);
      g_object_unref (question);
    }
  /* The questions and fields that use a set carry its choices, as a loaded template does. */
  upp_template_apply_choice_sets (template);

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

  /* Keys made from texts are shown once stored, so the user sees what was stored. */
  g_ptr_array_set_size (self->made_key_entries, 0);
  g_ptr_array_set_size (self->made_key_texts, 0);
  self->show_made_keys = TRUE;
  template = upp_template_editor_dup_template (self, error);
  self->show_made_keys = FALSE;
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

  for (guint i = 0; i < self->made_key_entries->len; i++)
    gtk_editable_set_text (g_ptr_array_index (self->made_key_entries, i),
                           g_ptr_array_index (self->made_key_texts, i));
  g_ptr_array_set_size (self->made_key_entries, 0);
  g_ptr_array_set_size (self->made_key_texts, 0);
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

/* The form as an interviewer will see it, from the fields as they are now. */
static void
preview_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  UppTemplateEditor *self = UPP_TEMPLATE_EDITOR (widget);
  g_autoptr(UppTemplate) template = upp_template_editor_dup_template (self, NULL);

  /* The message is shown inline. */
  if (template != NULL)
    gtk_window_present (upp_template_preview_new (GTK_WINDOW (self), template));
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

/* Sized to the window it belongs to: a long template needs the room, a small screen has less. */
static void
on_transient_for_changed_cb (GtkWindow  *window,
                             GParamSpec *pspec,
                             gpointer    user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (window);
  int width;
  int height;

  if (parent == NULL || gtk_widget_get_realized (GTK_WIDGET (window)))
    return;
  width = gtk_widget_get_width (GTK_WIDGET (parent));
  height = gtk_widget_get_height (GTK_WIDGET (parent));
  if (width <= 0 || height <= 0)
    return;
  gtk_window_set_default_size (window, CLAMP (width - 64, 360, 880), CLAMP (height - 48, 400, 760));
}

static void
load_template (UppTemplateEditor *self)
{
  UppTemplate *template = self->template;
  g_autofree char *version = NULL;
  const char *key = upp_template_get_key (template);
  gboolean builtin = key != NULL && g_strv_contains (upp_template_get_builtin_keys (), key);
  gboolean used = FALSE;
  g_autoptr(UppTemplate) stored_key = NULL;

  if (!self->is_new)
    used = upp_store_template_is_used (self->store, template);
  self->read_only = !self->is_new && (used || builtin);

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

  for (guint i = 0; i < upp_template_get_n_sections (template); i++)
    add_section_editor (self, upp_template_get_section (template, i));
  for (guint i = 0; i < upp_template_get_n_choice_sets (template); i++)
    {
      const char *set_key = upp_template_get_choice_set_key (template, i);

      add_choice_set_editor (self, set_key, upp_template_find_choice_set (template, set_key));
    }
  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    add_question_editor (self, upp_template_get_question (template, i));
  sync_section_menus (self);
  sync_choice_set_menus (self);
  update_all_titles (self);
  update_list_visibility (self);

  /* A template made from nothing starts with one question, and with its key. */
  if (self->is_new && self->questions->len == 0)
    add_question_in_section (self, NULL);
  if (self->is_new && (key == NULL || *key == '\0'))
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->key_row));

  gtk_widget_set_visible (GTK_WIDGET (self->read_only_box), self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->add_question_button), !self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->add_section_button), !self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->add_choice_set_button), !self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), !self->read_only);
  gtk_button_set_label (self->cancel_button, self->read_only ? C_("templates", "_Close") : C_("templates", "_Cancel"));
  if (builtin && !self->is_new)
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
  if (self->sections != NULL)
    g_ptr_array_set_size (self->sections, 0);
  if (self->choice_sets != NULL)
    g_ptr_array_set_size (self->choice_sets, 0);
  g_clear_pointer (&self->made_key_entries, g_ptr_array_unref);
  if (self->error_widgets != NULL)
    g_ptr_array_set_size (self->error_widgets, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_TEMPLATE_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->template);
  g_clear_object (&self->kind_labels);
  g_clear_object (&self->field_kind_labels);

  G_OBJECT_CLASS (upp_template_editor_parent_class)->dispose (object);
}

static void
upp_template_editor_finalize (GObject *object)
{
  UppTemplateEditor *self = (UppTemplateEditor *)object;

  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->choice_sets, g_ptr_array_unref);
  g_clear_pointer (&self->made_keys, g_hash_table_unref);
  g_clear_pointer (&self->made_key_texts, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, add_choice_set_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, add_question_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, add_section_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, choice_sets_list);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, key_row);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, preview_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, questions_list);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, read_only_box);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, sections_list);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, UppTemplateEditor, window_title);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-question", NULL, add_question_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-section", NULL, add_section_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-choice-set", NULL,
                                   add_choice_set_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.preview", NULL, preview_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.duplicate", NULL, duplicate_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
upp_template_editor_init (UppTemplateEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::transient-for", G_CALLBACK (on_transient_for_changed_cb), NULL);

  self->questions = g_ptr_array_new ();
  self->sections = g_ptr_array_new ();
  self->choice_sets = g_ptr_array_new ();
  self->made_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->made_key_entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->made_key_texts = g_ptr_array_new_with_free_func (g_free);
  /* Holds references: a marked choice may be removed before the next check. */
  self->error_widgets = g_ptr_array_new_with_free_func (g_object_unref);
  self->kind_labels = gtk_string_list_new (NULL);
  for (guint kind = 0; kind < UPP_N_QUESTION_KINDS; kind++)
    gtk_string_list_append (self->kind_labels, upp_question_kind_get_label (kind));
  /* In the order of UppFieldKind. */
  self->field_kind_labels = gtk_string_list_new ((const char *[]) {
    C_("field kind", "Text"), C_("field kind", "Date"), C_("field kind", "Period"),
    C_("field kind", "Number"), C_("field kind", "Choice"), NULL });
}
