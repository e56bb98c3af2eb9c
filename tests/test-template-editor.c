/* test-template-editor.c: the checklist's first parts built in the template editor from
 * nothing, as a user would: a shared choice set, parts, item fields, duplicated items and a
 * table, with no key typed anywhere; stored, reloaded and edited again without loss
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-question.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-template-editor.h"
#include "upp-template.h"

/* The nth row of the type titled title under root, breadth first (rows in list order). */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title,
          guint       nth)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();
  guint seen = 0;

  g_ptr_array_add (queue, root);
  while (queue->len > 0)
    {
      GtkWidget *current = g_ptr_array_steal_index (queue, 0);

      if (G_TYPE_CHECK_INSTANCE_TYPE (current, type) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (current)), title) == 0 &&
          seen++ == nth)
        return current;
      for (GtkWidget *child = gtk_widget_get_first_child (current); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (queue, child);
    }
  g_error ("No row “%s” number %u", title, nth);
  return NULL;
}

/* An entry row's text, or a text row's (the question text has several lines). */
static void
set_row_text (GtkWidget  *root,
              const char *title,
              guint       nth,
              const char *text)
{
  GtkWidget *row = find_row (root, ADW_TYPE_PREFERENCES_ROW, title, nth);

  if (GTK_IS_EDITABLE (row))
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  else
    {
      GtkWidget *view = test_gui_find_of_type (row, GTK_TYPE_TEXT_VIEW);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
    }
}

static void
select_in_row (GtkWidget  *root,
               const char *title,
               guint       nth,
               guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (root, ADW_TYPE_COMBO_ROW, title, nth)),
                              position);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)),
                                              label) == 0;
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static void
click (GtkWidget *root,
       gboolean (*matches) (GtkWidget *widget, gconstpointer data),
       const char *what)
{
  GtkWidget *button = test_gui_find_widget (root, matches, what);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  test_gui_iterate (20);
}

/* The entries under root whose placeholder is placeholder, in order. */
static void
collect_entries (GtkWidget  *root,
                 const char *placeholder,
                 GPtrArray  *found)
{
  if (GTK_IS_ENTRY (root) &&
      g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (root)), placeholder) == 0)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entries (child, placeholder, found);
}

/* Labels typed into the entries of that placeholder under root, as many as there are. */
static void
type_labels (GtkWidget         *root,
             const char        *placeholder,
             const char * const *labels)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  collect_entries (root, placeholder, entries);
  g_assert_cmpuint (entries->len, ==, g_strv_length ((char **) labels));
  for (guint i = 0; i < entries->len; i++)
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[i]), labels[i]);
}

/* The kind menu of the field or column whose label entry is nth of that placeholder. */
static void
set_field_kind (GtkWidget    *root,
                const char   *placeholder,
                guint         nth,
                UppFieldKind  kind)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *row;

  collect_entries (root, placeholder, entries);
  g_assert_cmpuint (nth, <, entries->len);
  row = gtk_widget_get_ancestor (entries->pdata[nth], GTK_TYPE_LIST_BOX_ROW);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (test_gui_find_of_type (row, GTK_TYPE_DROP_DOWN)),
                              kind);
}


static void
assert_field (const UppItemField *field,
              const char         *key,
              const char         *label,
              UppFieldKind        kind)
{
  g_assert_nonnull (field);
  g_assert_cmpstr (field->key, ==, key);
  g_assert_cmpstr (field->label, ==, label);
  g_assert_cmpint (field->kind, ==, kind);
}

static void
test_build_checklist (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "editor");
  g_autoptr(UppSession) session = upp_session_new (upp_store_get_path (store));
  g_autoptr(UppTemplate) empty = upp_template_new ("", "");
  g_autoptr(UppTemplate) stored = NULL;
  g_autoptr(UppTemplate) again = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  const char *set_labels[] = { "Klart", "Pågår", "Ej påbörjat", NULL };
  const char *set_keys[] = { "klart", "pagar", "ej_paborjat" };
  const char *field_labels[] = { "Ansvar", "Tid", NULL };
  const char *column_labels[] = { "Mål", "Aktivitet", "Uppföljning", NULL };
  const char *texts[] = { "Nedtecknad avtal/överenskommelse", "Ansvarsfördelning", "Styrgrupp",
                          "Uppdrag", "Ansvarsgränser", "Mål, aktivitet och uppföljning" };
  const char *numbers[] = { "1.1", "1.2", "1.3", "1.4", "2.1", "2.2" };
  UppTemplateEditor *editor;
  GtkWidget *root;
  GtkWidget *set_row;
  GtkWidget *question_row;
  GtkWidget *focus;
  GPtrArray *choices;
  const char *set_key;
  AdwMessageDialog *dialog;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  upp_template_set_version (empty, 1);
  editor = upp_template_editor_new (session, empty, TRUE);
  g_object_ref (editor);
  root = GTK_WIDGET (editor);
  gtk_window_set_default_size (GTK_WINDOW (editor), 800, 700);
  gtk_window_present (GTK_WINDOW (editor));
  test_gui_iterate (200);

  set_row_text (root, "Title", 0, "Checklista för test");

  /* "Klart / Pågår / Ej påbörjat" defined once. */
  g_assert_true (gtk_widget_activate_action (root, "editor.add-choice-set", NULL));
  set_row = find_row (root, ADW_TYPE_EXPANDER_ROW, "New choice set", 0);
  click (set_row, is_button_labelled, "Add _Choice");
  click (set_row, is_button_labelled, "Add _Choice");
  type_labels (set_row, "Label", set_labels);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (set_row)), ==,
                   "Klart / Pågår / Ej påbörjat");

  /* The first part, and its first item: status from the set, Ansvar and Tid beside it. */
  g_assert_true (gtk_widget_activate_action (root, "editor.add-section", NULL));
  set_row_text (root, "Part title", 0, "Avtal/ök");
  select_in_row (root, "Part", 0, 1);
  set_row_text (root, "Question", 0, texts[0]);
  select_in_row (root, "Kind", 0, UPP_QUESTION_KIND_SINGLE_CHOICE);
  select_in_row (root, "Choices from", 0, 1);
  question_row = find_row (root, ADW_TYPE_EXPANDER_ROW, "1.1 Nedtecknad avtal/överenskommelse", 0);
  click (question_row, is_button_labelled, "Add _Field");
  click (question_row, is_button_labelled, "Add _Field");
  type_labels (question_row, "Field label", field_labels);
  set_field_kind (question_row, "Field label", 1, UPP_FIELD_KIND_PERIOD);

  /* Three copies, each placed right below the item, focused; then renamed. */
  for (guint i = 0; i < 3; i++)
    {
      click (question_row, is_button_with_tooltip, "Duplicate Question");
      focus = gtk_window_get_focus (GTK_WINDOW (editor));
      g_assert_true (GTK_IS_TEXT_VIEW (focus));
      g_assert_true (gtk_widget_is_ancestor (focus,
                                             find_row (root, ADW_TYPE_EXPANDER_ROW,
                                                       "1.2 Nedtecknad avtal/överenskommelse",
                                                       0)));
    }
  for (guint i = 1; i < 4; i++)
    set_row_text (root, "Question", i, texts[i]);

  /* A second part with an item added there, and a table of three columns. */
  g_assert_true (gtk_widget_activate_action (root, "editor.add-section", NULL));
  set_row_text (root, "Part title", 1, "Ansvarsgränser och rutiner");
  click (find_row (root, ADW_TYPE_EXPANDER_ROW, "2. Ansvarsgränser och rutiner", 0),
         is_button_labelled, "Add Question to This _Part");
  set_row_text (root, "Question", 4, texts[4]);
  select_in_row (root, "Kind", 4, UPP_QUESTION_KIND_SINGLE_CHOICE);
  select_in_row (root, "Choices from", 4, 1);
  upp_template_editor_add_question (editor);
  set_row_text (root, "Question", 5, texts[5]);
  select_in_row (root, "Kind", 5, UPP_QUESTION_KIND_TABLE);
  question_row = find_row (root, ADW_TYPE_EXPANDER_ROW, "2.2 Mål, aktivitet och uppföljning", 0);
  click (question_row, is_button_labelled, "Add C_olumn");
  click (question_row, is_button_labelled, "Add C_olumn");
  /* Columns without labels: one line naming the question, and nothing stored. */
  g_assert_false (upp_template_editor_save (editor, &error));
  g_assert_error (error, UPP_TEMPLATE_EDITOR_ERROR, UPP_TEMPLATE_EDITOR_ERROR_INVALID);
  g_assert_nonnull (strstr (upp_template_editor_get_error (editor), "question 2.2"));
  g_assert_null (strchr (upp_template_editor_get_error (editor), '\n'));
  g_clear_error (&error);
  g_assert_null (upp_store_load_template (store, "checklista_for_test", 0, NULL));
  type_labels (question_row, "Column label", column_labels);

  /* The preview opens from the same fields. */
  g_assert_true (gtk_widget_activate_action (root, "editor.preview", NULL));
  test_gui_iterate (100);
  g_assert_null (upp_template_editor_get_error (editor));

  g_assert_true (upp_template_editor_save (editor, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_clear_object (&editor);

  stored = upp_store_load_template (store, "checklista_for_test", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_true (upp_template_validate (stored, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (upp_template_get_n_sections (stored), ==, 2);
  g_assert_cmpstr (upp_template_get_section (stored, 0)->key, ==, "avtal_ok");
  g_assert_cmpstr (upp_template_get_section (stored, 0)->title, ==, "Avtal/ök");
  g_assert_cmpstr (upp_template_get_section (stored, 1)->key, ==, "ansvarsgranser_och_rutiner");
  g_assert_cmpuint (upp_template_get_n_choice_sets (stored), ==, 1);
  set_key = upp_template_get_choice_set_key (stored, 0);
  g_assert_true (upp_template_key_is_valid (set_key));
  choices = upp_template_find_choice_set (stored, set_key);
  g_assert_cmpuint (choices->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (((UppChoice *) choices->pdata[i])->key, ==, set_keys[i]);
      g_assert_cmpstr (((UppChoice *) choices->pdata[i])->label, ==, set_labels[i]);
    }

  g_assert_cmpuint (upp_template_get_n_questions (stored), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      UppQuestion *question = upp_template_get_question (stored, i);
      const char *key = upp_question_get_key (question);

      g_assert_cmpstr (upp_question_get_text (question), ==, texts[i]);
      g_assert_cmpstr (upp_question_get_number (question), ==, numbers[i]);
      g_assert_cmpstr (upp_question_get_section (question), ==,
                       i < 4 ? "avtal_ok" : "ansvarsgranser_och_rutiner");
      g_assert_true (upp_template_key_is_valid (key));
      g_assert_false (g_hash_table_contains (keys, key));
      g_hash_table_add (keys, (gpointer) key);
      if (i == 5)
        continue;
      g_assert_cmpint (upp_question_get_kind (question), ==, UPP_QUESTION_KIND_SINGLE_CHOICE);
      g_assert_cmpstr (upp_question_get_choice_set (question), ==, set_key);
      g_assert_cmpuint (upp_question_get_choices (question)->len, ==, 3);
    }
  g_assert_cmpstr (upp_question_get_key (upp_template_get_question (stored, 1)), ==,
                   "ansvarsfordelning");
  for (guint i = 0; i < 4; i++)
    {
      UppQuestion *question = upp_template_get_question (stored, i);

      g_assert_cmpuint (upp_question_get_fields (question)->len, ==, 2);
      assert_field (upp_question_find_field (question, "ansvar"), "ansvar", "Ansvar",
                    UPP_FIELD_KIND_TEXT);
      assert_field (upp_question_find_field (question, "tid"), "tid", "Tid",
                    UPP_FIELD_KIND_PERIOD);
    }
  g_assert_cmpuint (upp_question_get_fields (upp_template_get_question (stored, 4))->len, ==, 0);
  {
    UppQuestion *table = upp_template_get_question (stored, 5);
    GPtrArray *columns = upp_question_get_columns (table);

    g_assert_cmpint (upp_question_get_kind (table), ==, UPP_QUESTION_KIND_TABLE);
    g_assert_cmpuint (columns->len, ==, 3);
    assert_field (columns->pdata[0], "mal", "Mål", UPP_FIELD_KIND_TEXT);
    assert_field (columns->pdata[1], "aktivitet", "Aktivitet", UPP_FIELD_KIND_TEXT);
    assert_field (columns->pdata[2], "uppfoljning", "Uppföljning", UPP_FIELD_KIND_TEXT);
  }

  /* Opened again, it is editable, unchanged, and reads back as stored; renaming the set's
   * first choice changes every question that uses it. */
  editor = upp_template_editor_new (session, stored, FALSE);
  g_object_ref (editor);
  root = GTK_WIDGET (editor);
  gtk_window_present (GTK_WINDOW (editor));
  test_gui_iterate (100);
  g_assert_false (upp_template_editor_is_read_only (editor));
  g_assert_false (upp_template_editor_has_changes (editor));
  again = upp_template_editor_dup_template (editor, &error);
  g_assert_no_error (error);
  {
    g_autofree char *expected = upp_template_to_json (stored);
    g_autofree char *actual = upp_template_to_json (again);

    g_assert_cmpstr (actual, ==, expected);
  }
  g_clear_object (&again);
  set_row = find_row (root, ADW_TYPE_EXPANDER_ROW, "Klart / Pågår / Ej påbörjat", 0);
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    collect_entries (set_row, "Label", entries);
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "Färdigt");
  }
  again = upp_template_editor_dup_template (editor, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      UppChoice *first = upp_question_get_choices (upp_template_get_question (again, i))->pdata[0];

      g_assert_cmpstr (first->label, ==, "Färdigt");
      g_assert_cmpstr (first->key, ==, "klart");
    }

  /* A part with questions goes when the user says so; its questions stay, without a part. */
  click (find_row (root, ADW_TYPE_EXPANDER_ROW, "2. Ansvarsgränser och rutiner", 0),
         is_button_with_tooltip, "Remove Part");
  dialog = test_gui_find_message_dialog (GTK_WINDOW (editor));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  test_gui_iterate (50);
  g_clear_object (&again);
  again = upp_template_editor_dup_template (editor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upp_template_get_n_sections (again), ==, 1);
  g_assert_cmpuint (upp_template_get_n_questions (again), ==, 6);
  g_assert_cmpstr (upp_question_get_section (upp_template_get_question (again, 4)), ==, "");
  g_assert_cmpstr (upp_question_get_number (upp_template_get_question (again, 4)), ==, "1");
  g_assert_cmpstr (upp_question_get_section (upp_template_get_question (again, 3)), ==,
                   "avtal_ok");

  /* A set in use is not removed; the reason is shown. */
  click (set_row, is_button_with_tooltip, "Remove Choice Set");
  g_assert_nonnull (upp_template_editor_get_error (editor));
  g_assert_nonnull (strstr (upp_template_editor_get_error (editor), "5 questions"));
  find_row (root, ADW_TYPE_EXPANDER_ROW, "Färdigt / Pågår / Ej påbörjat", 0);

  gtk_window_destroy (GTK_WINDOW (editor));
  g_clear_object (&editor);
  g_clear_object (&session);
  test_close_store (&store, &dir);
}

/* A question added below the fold is focused and scrolled into view, every time. */
static void
test_added_question_in_view (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "editor");
  g_autoptr(UppSession) session = upp_session_new (upp_store_get_path (store));
  g_autoptr(UppTemplate) empty = upp_template_new ("", "");
  g_autoptr(GError) error = NULL;
  UppTemplateEditor *editor;
  gboolean scrolled = FALSE;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  upp_template_set_version (empty, 1);
  editor = upp_template_editor_new (session, empty, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (editor), 800, 500);
  gtk_window_present (GTK_WINDOW (editor));
  test_gui_iterate (200);

  for (guint i = 0; i < 8; i++)
    {
      GtkWidget *focus, *viewport;
      graphene_rect_t bounds;

      upp_template_editor_add_question (editor);
      test_gui_iterate (600);
      focus = gtk_window_get_focus (GTK_WINDOW (editor));
      g_assert_true (GTK_IS_TEXT_VIEW (focus));
      viewport = gtk_widget_get_ancestor (focus, GTK_TYPE_VIEWPORT);
      g_assert_nonnull (viewport);
      g_assert_true (gtk_widget_compute_bounds (focus, viewport, &bounds));
      g_test_message ("question %u: text at %.0f–%.0f of %d", i + 1, bounds.origin.y,
                      bounds.origin.y + bounds.size.height, gtk_widget_get_height (viewport));
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                         gtk_widget_get_height (viewport));
      scrolled = scrolled ||
                 gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (
                   GTK_SCROLLABLE (viewport))) > 0;
    }
  /* The list did outgrow the window. */
  g_assert_true (scrolled);

  gtk_window_destroy (GTK_WINDOW (editor));
  test_gui_iterate (100);
  g_clear_object (&session);
  test_close_store (&store, &dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/template-editor/build-checklist", test_build_checklist);
  g_test_add_func ("/template-editor/added-question-in-view", test_added_question_in_view);

  return g_test_run ();
}
