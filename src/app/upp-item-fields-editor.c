/* upp-item-fields-editor.c: the item fields beside a question's answer (Ansvar, Tid), edited
 *
 * The fields sit side by side under the answer while there is room and wrap below each other
 * in a narrow window. A value is checked by the store's own rule (upp_store_validate_answer ())
 * as it is typed: a date or a number that is not one yet is not saved, so the store never
 * refuses what the form sends. A number that is not one is marked at once and said why once
 * it is left (the line under it would move the form while typing); a date half typed only
 * once it is left or can no longer become one, as in UppDateRow.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-item-fields-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-answer-key.h"
#include "upp-choice.h"
#include "upp-item-field.h"
#include "upp-item-fields-editor.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-store-exchange.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-util.h"

typedef struct
{
  const UppItemField *field;       /* the question's */
  char               *answer_key;
  GtkWidget          *widget;      /* GtkEntry, or GtkDropDown for a choice field */
  GtkWidget          *error_label; /* a number that is not one, said under it once left */
  gboolean            left;        /* left since its text was last valid */
} FieldEditor;

struct _UppItemFieldsEditor
{
  GtkWidget    parent_instance;

  UppTemplate *template;
  UppQuestion *question;
  GArray      *fields;   /* FieldEditor */
  GtkFlowBox  *flow_box;
  gboolean     loading;
};

G_DEFINE_FINAL_TYPE (UppItemFieldsEditor, upp_item_fields_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_editor_clear (gpointer data)
{
  FieldEditor *editor = data;

  g_clear_pointer (&editor->answer_key, g_free);
}

static FieldEditor *
find_field (UppItemFieldsEditor *self,
            const char          *answer_key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldEditor *editor = &g_array_index (self->fields, FieldEditor, i);

      if (g_str_equal (editor->answer_key, answer_key))
        return editor;
    }
  return NULL;
}

/* Whether the store would take the text as the field's value. */
static gboolean
is_valid_text (UppItemFieldsEditor *self,
               FieldEditor         *editor,
               const char          *text)
{
  return upp_store_validate_answer (self->template, editor->answer_key, text, NULL, NULL);
}

/* As UppDateRow: a date half typed is marked only once left, or once it can no longer
 * become a date. */
static void
mark_entry (GtkEditable *entry,
            FieldEditor *editor,
            gboolean     valid)
{
  gboolean typing;

  if (valid)
    editor->left = FALSE;
  typing = editor->field->kind == UPP_FIELD_KIND_DATE && !editor->left &&
           upp_is_iso_date_prefix (gtk_editable_get_text (entry));
  if (valid || typing)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  if (editor->error_label != NULL)
    {
      /* While typing, the why is at the pointer. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry),
                                   valid ? NULL
                                         : gtk_label_get_text (GTK_LABEL (editor->error_label)));
      gtk_widget_set_visible (editor->error_label, !valid && editor->left);
    }
}

static void
on_focus_leave_cb (GtkEventControllerFocus *focus,
                        UppItemFieldsEditor     *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));
  FieldEditor *editor = g_object_get_data (G_OBJECT (entry), "upp-field-editor");

  editor->left = TRUE;
  mark_entry (GTK_EDITABLE (entry), editor,
              is_valid_text (self, editor, gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
on_entry_changed_cb (GtkEditable         *entry,
                     UppItemFieldsEditor *self)
{
  FieldEditor *editor = g_object_get_data (G_OBJECT (entry), "upp-field-editor");
  gboolean valid = is_valid_text (self, editor, gtk_editable_get_text (entry));

  mark_entry (entry, editor, valid);

  if (!self->loading && valid)
    g_signal_emit (self, signals[CHANGED], 0, editor->answer_key);
}

static void
on_drop_down_selected_cb (GtkDropDown         *drop_down,
                          GParamSpec          *pspec,
                          UppItemFieldsEditor *self)
{
  FieldEditor *editor = g_object_get_data (G_OBJECT (drop_down), "upp-field-editor");

  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0, editor->answer_key);
}

static GtkWidget *
make_drop_down (const UppItemField *field)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  /* Position 0 is no choice yet. */
  gtk_string_list_append (labels, C_("choice field", "Not set"));
  for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (field->choices, i);

      gtk_string_list_append (labels, choice->label);
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  gtk_widget_set_halign (drop_down, GTK_ALIGN_START);
  return drop_down;
}

static GtkWidget *
make_entry (const UppItemField *field)
{
  GtkWidget *entry = gtk_entry_new ();

  switch (field->kind)
    {
    case UPP_FIELD_KIND_DATE:
      /* Translators: the placeholder of a date field; keep the format 2026-03-14. */
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
      gtk_widget_set_tooltip_text (entry, _("A date, written as 2026-03-14"));
      gtk_entry_set_max_length (GTK_ENTRY (entry), 10);
      break;

    case UPP_FIELD_KIND_PERIOD:
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. 2026 or spring 2027"));
      break;

    case UPP_FIELD_KIND_NUMBER:
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      break;

    case UPP_FIELD_KIND_TEXT:
    case UPP_FIELD_KIND_CHOICE:
    case UPP_N_FIELD_KINDS:
    default:
      break;
    }
  return entry;
}

static void
build_fields (UppItemFieldsEditor *self)
{
  GPtrArray *fields = upp_question_get_fields (self->question);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const UppItemField *field = g_ptr_array_index (fields, i);
      FieldEditor editor = { field, NULL, NULL, NULL, FALSE };
      g_autofree char *accessible = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *caption = gtk_label_new (field->label);
      GtkWidget *child;

      editor.answer_key = upp_answer_key_for_field (upp_question_get_key (self->question),
                                                    field->key);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_widget_add_css_class (caption, "caption-heading");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (box), caption);

      if (field->kind == UPP_FIELD_KIND_CHOICE)
        {
          editor.widget = make_drop_down (field);
          g_signal_connect (editor.widget, "notify::selected",
                            G_CALLBACK (on_drop_down_selected_cb), self);
        }
      else
        {
          editor.widget = make_entry (field);
          g_signal_connect (editor.widget, "changed", G_CALLBACK (on_entry_changed_cb), self);
          if (field->kind == UPP_FIELD_KIND_DATE || field->kind == UPP_FIELD_KIND_NUMBER)
            {
              GtkEventController *focus = gtk_event_controller_focus_new ();

              g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
              gtk_widget_add_controller (editor.widget, focus);
            }
        }
      gtk_box_append (GTK_BOX (box), editor.widget);

      if (field->kind == UPP_FIELD_KIND_NUMBER)
        {
          editor.error_label = gtk_label_new (_("Write a number, e.g. 12 or 2,5; it is not "
                                                "saved until it is one."));
          gtk_label_set_xalign (GTK_LABEL (editor.error_label), 0);
          gtk_label_set_wrap (GTK_LABEL (editor.error_label), TRUE);
          gtk_widget_add_css_class (editor.error_label, "caption");
          gtk_widget_add_css_class (editor.error_label, "error");
          gtk_widget_set_visible (editor.error_label, FALSE);
          gtk_box_append (GTK_BOX (box), editor.error_label);
        }

      /* Translators: accessible name of an item field, e.g. "Ansvar, question 1.2". */
      accessible = g_strdup_printf (_("%s, question %s"), field->label,
                                    upp_question_get_number (self->question));
      gtk_accessible_update_property (GTK_ACCESSIBLE (editor.widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

      gtk_flow_box_append (self->flow_box, box);
      child = gtk_widget_get_parent (box);
      gtk_widget_set_focusable (child, FALSE);
      g_array_append_val (self->fields, editor);
    }
  /* As wide as the answer, however many fields there are. */
  gtk_flow_box_set_max_children_per_line (self->flow_box, CLAMP (self->fields->len, 1, 3));

  /* The field editors are looked up through their widgets: their places are fixed now. */
  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldEditor *editor = &g_array_index (self->fields, FieldEditor, i);

      g_object_set_data (G_OBJECT (editor->widget), "upp-field-editor", editor);
    }
}

GtkWidget *
upp_item_fields_editor_new (UppTemplate *template,
                            UppQuestion *question)
{
  UppItemFieldsEditor *self;

  g_return_val_if_fail (UPP_IS_TEMPLATE (template), NULL);
  g_return_val_if_fail (UPP_IS_QUESTION (question), NULL);

  self = g_object_new (UPP_TYPE_ITEM_FIELDS_EDITOR, NULL);
  self->template = g_object_ref (template);
  self->question = g_object_ref (question);
  build_fields (self);
  return GTK_WIDGET (self);
}

void
upp_item_fields_editor_set_response (UppItemFieldsEditor *self,
                                     UppResponse         *response)
{
  const char *question_key;

  g_return_if_fail (UPP_IS_ITEM_FIELDS_EDITOR (self));

  question_key = upp_question_get_key (self->question);
  self->loading = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldEditor *editor = &g_array_index (self->fields, FieldEditor, i);
      g_autofree char *value = NULL;

      if (response != NULL)
        value = upp_response_dup_field_value (response, question_key, editor->field->key);

      if (editor->field->kind == UPP_FIELD_KIND_CHOICE)
        {
          guint selected = 0;

          for (guint j = 0; value != NULL && j < editor->field->choices->len; j++)
            {
              const UppChoice *choice = g_ptr_array_index (editor->field->choices, j);

              if (g_strcmp0 (choice->key, value) == 0)
                selected = j + 1;
            }
          gtk_drop_down_set_selected (GTK_DROP_DOWN (editor->widget), selected);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (editor->widget), value != NULL ? value : "");
    }
  self->loading = FALSE;
}

gboolean
upp_item_fields_editor_dup_answer (UppItemFieldsEditor   *self,
                                   const char            *answer_key,
                                   char                 **text,
                                   char                ***choices)
{
  FieldEditor *editor;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (UPP_IS_ITEM_FIELDS_EDITOR (self), FALSE);

  editor = find_field (self, answer_key);
  if (editor == NULL)
    return FALSE;

  /* As upp_store_set_field () stores them: a choice field's choice, another's text. */
  if (editor->field->kind == UPP_FIELD_KIND_CHOICE)
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (editor->widget));

      if (selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
          selected <= editor->field->choices->len)
        {
          const UppChoice *choice = g_ptr_array_index (editor->field->choices, selected - 1);

          g_strv_builder_add (builder, choice->key);
        }
      *text = g_strdup ("");
      *choices = g_strv_builder_end (builder);
      return TRUE;
    }

  if (!is_valid_text (self, editor, gtk_editable_get_text (GTK_EDITABLE (editor->widget))))
    return FALSE;
  *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor->widget)));
  *choices = g_strv_builder_end (builder);
  return TRUE;
}

GtkWidget *
upp_item_fields_editor_get_widget (UppItemFieldsEditor *self,
                                   const char          *field_key)
{
  g_return_val_if_fail (UPP_IS_ITEM_FIELDS_EDITOR (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldEditor *editor = &g_array_index (self->fields, FieldEditor, i);

      if (g_str_equal (editor->field->key, field_key))
        return editor->widget;
    }
  return NULL;
}

GtkWidget *
upp_item_fields_editor_get_widget_for_key (UppItemFieldsEditor *self,
                                           const char          *answer_key)
{
  FieldEditor *editor;

  g_return_val_if_fail (UPP_IS_ITEM_FIELDS_EDITOR (self), NULL);

  editor = find_field (self, answer_key);
  return editor != NULL ? editor->widget : NULL;
}

static void
upp_item_fields_editor_dispose (GObject *object)
{
  UppItemFieldsEditor *self = UPP_ITEM_FIELDS_EDITOR (object);

  if (self->flow_box != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->flow_box));
  self->flow_box = NULL;
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_object (&self->question);
  g_clear_object (&self->template);

  G_OBJECT_CLASS (upp_item_fields_editor_parent_class)->dispose (object);
}

static void
upp_item_fields_editor_class_init (UppItemFieldsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_item_fields_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
upp_item_fields_editor_init (UppItemFieldsEditor *self)
{
  self->fields = g_array_new (FALSE, TRUE, sizeof (FieldEditor));
  g_array_set_clear_func (self->fields, field_editor_clear);

  /* Side by side while they fit, a field per line in a narrow window. */
  self->flow_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->flow_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->flow_box, TRUE);
  gtk_flow_box_set_min_children_per_line (self->flow_box, 1);
  gtk_flow_box_set_max_children_per_line (self->flow_box, 3);
  gtk_flow_box_set_column_spacing (self->flow_box, 12);
  gtk_flow_box_set_row_spacing (self->flow_box, 8);
  gtk_widget_add_css_class (GTK_WIDGET (self->flow_box), "upp-item-fields");
  gtk_widget_set_parent (GTK_WIDGET (self->flow_box), GTK_WIDGET (self));
}
