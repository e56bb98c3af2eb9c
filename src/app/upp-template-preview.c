/* upp-template-preview.c: a template's form as an interviewer will see it, read-only
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-template-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-enums.h"
#include "upp-question.h"
#include "upp-template-preview.h"
#include "upp-template.h"

/* Built from plain widgets, not the interview form's cards: a preview must show a template
 * that no round uses yet, and nothing in it can be answered. */

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_disabled_entry (const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_sensitive (entry, FALSE);
  gtk_widget_set_hexpand (entry, TRUE);
  return entry;
}

static GtkWidget *
make_field_widget (const UppItemField *field)
{
  switch (field->kind)
    {
    case UPP_FIELD_KIND_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
        GtkWidget *dropdown;

        for (guint i = 0; i < field->choices->len; i++)
          gtk_string_list_append (labels, ((UppChoice *) g_ptr_array_index (field->choices,
                                                                            i))->label);
        dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
        gtk_widget_set_sensitive (dropdown, FALSE);
        return dropdown;
      }
    case UPP_FIELD_KIND_DATE:
      return make_disabled_entry (C_("preview", "YYYY-MM-DD"));
    case UPP_FIELD_KIND_PERIOD:
      return make_disabled_entry (C_("preview", "e.g. 2026 or autumn 2027"));
    case UPP_FIELD_KIND_NUMBER:
      return make_disabled_entry ("0");
    case UPP_FIELD_KIND_TEXT:
    case UPP_N_FIELD_KINDS:
    default:
      return make_disabled_entry (NULL);
    }
}

static GtkWidget *
make_answer_widget (UppQuestion *question)
{
  UppQuestionKind kind = upp_question_get_kind (question);
  GPtrArray *choices = upp_question_get_choices (question);

  if (upp_question_kind_has_choices (kind))
    {
      GtkWidget *box = gtk_flow_box_new ();
      GtkCheckButton *group = NULL;

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 6);
      for (guint i = 0; i < choices->len; i++)
        {
          UppChoice *choice = g_ptr_array_index (choices, i);
          GtkWidget *check = gtk_check_button_new_with_label (choice->label);

          /* One answer: radio buttons; several: check boxes. */
          if (kind != UPP_QUESTION_KIND_MULTIPLE_CHOICE)
            {
              if (group != NULL)
                gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
              else
                group = GTK_CHECK_BUTTON (check);
            }
          gtk_widget_set_sensitive (check, FALSE);
          gtk_flow_box_append (GTK_FLOW_BOX (box), check);
        }
      return box;
    }
  if (kind == UPP_QUESTION_KIND_TABLE)
    {
      GPtrArray *columns = upp_question_get_columns (question);
      GtkWidget *grid = gtk_grid_new ();

      gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
      gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
      for (guint i = 0; i < columns->len; i++)
        {
          const UppItemField *column = g_ptr_array_index (columns, i);

          gtk_grid_attach (GTK_GRID (grid), make_label (column->label, "heading"), i, 0, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), make_field_widget (column), i, 1, 1, 1);
        }
      return grid;
    }
  if (kind == UPP_QUESTION_KIND_NUMBER)
    return make_disabled_entry ("0");
  {
    GtkWidget *frame = gtk_frame_new (NULL);
    GtkWidget *view = gtk_text_view_new ();

    gtk_widget_set_size_request (view, -1, 52);
    gtk_widget_set_sensitive (view, FALSE);
    gtk_frame_set_child (GTK_FRAME (frame), view);
    return frame;
  }
}

static GtkWidget *
make_question (UppQuestion *question)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  const char *number = upp_question_get_number (question);
  g_autofree char *title = NULL;
  GPtrArray *fields = upp_question_get_fields (question);

  if (number == NULL || *number == '\0')
    title = g_strdup (upp_question_get_text (question));
  else if (strchr (number, '.') != NULL)
    title = g_strdup_printf ("%s %s", number, upp_question_get_text (question));
  else
    title = g_strdup_printf ("%s. %s", number, upp_question_get_text (question));

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_bottom (box, 6);
  {
    GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

    gtk_widget_set_margin_start (inner, 12);
    gtk_widget_set_margin_end (inner, 12);
    gtk_widget_set_margin_top (inner, 12);
    gtk_widget_set_margin_bottom (inner, 12);
    gtk_box_append (GTK_BOX (inner), make_label (title, "heading"));
    if (upp_question_get_help (question)[0] != '\0')
      gtk_box_append (GTK_BOX (inner), make_label (upp_question_get_help (question), "dim-label"));
    gtk_box_append (GTK_BOX (inner), make_answer_widget (question));
    if (fields->len > 0)
      {
        GtkWidget *grid = gtk_grid_new ();

        gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
        gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
        for (guint i = 0; i < fields->len; i++)
          {
            const UppItemField *field = g_ptr_array_index (fields, i);
            GtkWidget *label = make_label (field->label, "dim-label");

            gtk_label_set_wrap (GTK_LABEL (label), FALSE);
            gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
            gtk_grid_attach (GTK_GRID (grid), make_field_widget (field), 1, i, 1, 1);
          }
        gtk_box_append (GTK_BOX (inner), grid);
      }
    gtk_box_append (GTK_BOX (box), inner);
  }
  return box;
}

GtkWindow *
upp_template_preview_new (GtkWindow   *parent,
                          UppTemplate *template)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (C_("preview", "Preview"),
                                           upp_template_get_title (template));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  const char *section_key = NULL;

  g_return_val_if_fail (UPP_IS_TEMPLATE (template), NULL);

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_title (GTK_WINDOW (window), C_("preview", "Preview"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  /* As large as the editor it shows, on any screen. */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (parent));
      int height = gtk_widget_get_height (GTK_WIDGET (parent));

      gtk_window_set_default_size (GTK_WINDOW (window), CLAMP (width - 32, 360, 760),
                                   CLAMP (height - 32, 400, 760));
    }
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (content), header);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_box_append (GTK_BOX (box), make_label (upp_template_get_title (template), "title-2"));
  if (upp_template_get_description (template) != NULL &&
      upp_template_get_description (template)[0] != '\0')
    gtk_box_append (GTK_BOX (box), make_label (upp_template_get_description (template),
                                               "dim-label"));

  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      const char *key = upp_question_get_section (question);

      /* A part's heading before its first question, as the form groups them. */
      if (*key != '\0' && g_strcmp0 (key, section_key) != 0)
        {
          const UppSection *section = upp_template_find_section (template, key);

          section_key = key;
          if (section != NULL)
            {
              g_autofree char *title = upp_template_dup_section_heading (template, key);
              GtkWidget *heading = make_label (title, "title-3");

              gtk_widget_set_margin_top (heading, 12);
              gtk_box_append (GTK_BOX (box), heading);
              if (section->intro != NULL && section->intro[0] != '\0')
                gtk_box_append (GTK_BOX (box), make_label (section->intro, NULL));
            }
        }
      if (upp_question_get_heading (question)[0] != '\0')
        gtk_box_append (GTK_BOX (box), make_label (upp_question_get_heading (question),
                                                   "heading"));
      gtk_box_append (GTK_BOX (box), make_question (question));
    }

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (window), content);

  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    GtkShortcutTrigger *escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (escape,
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }
  return GTK_WINDOW (window);
}
