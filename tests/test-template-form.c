/* test-template-form.c: the interview form of templates with parts, item fields and tables:
 * the VGR checklist filled in for two units, the SAMLA table's rows added, typed, moved,
 * removed and brought back, all read back from the database
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-answer-key.h"
#include "upp-comparison-cell.h"
#include "upp-item-fields-editor.h"
#include "upp-question-card.h"
#include "upp-region.h"
#include "upp-response-form.h"
#include "upp-session.h"
#include "upp-table-rows-editor.h"
#include "upp-window.h"

/* A round of the built-in template for Region Dalarna, made as create-round makes it; its
 * uuid. */
static char *
create_round (UppStore   *store,
              const char *template_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) template = upp_store_load_template (store, template_key, 0, &error);
  g_autoptr(UppRegion) region = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(UppRound) round = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (template);
  region = upp_store_find_region (store, "Region Dalarna", &error);
  g_assert_no_error (error);
  units = upp_store_list_units_for_new_round (store, upp_region_get_code (region), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, >=, 2);
  round = upp_round_new (2026, region, "Test", template);
  g_assert_true (upp_store_create_round (store, round, units, &error));
  g_assert_no_error (error);
  return g_strdup (upp_round_get_uuid (round));
}

static GtkWidget *
open_form (GtkWidget  *window,
           const char *round_uuid,
           guint       position)
{
  GtkWidget *form;

  g_assert_true (gtk_widget_activate_action (window, "win.show-response", "(su)", round_uuid,
                                             position));
  form = test_gui_find_of_type (window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, form, 5000));
  test_gui_iterate (300);
  return form;
}

static void
collect_widgets (GtkWidget    *root,
                 GtkWidget *(*matches) (GtkWidget *widget),
                 GPtrArray    *found)
{
  if (matches (root) != NULL)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, matches, found);
}

static GtkWidget *
match_card (GtkWidget *widget)
{
  return UPP_IS_QUESTION_CARD (widget) ? widget : NULL;
}

static GtkWidget *
match_check_button (GtkWidget *widget)
{
  return GTK_IS_CHECK_BUTTON (widget) ? widget : NULL;
}

/* Section headings and question numbers, in the order they are shown. */
static GtkWidget *
match_heading_or_number (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      (gtk_widget_has_css_class (widget, "upp-section-heading") ||
       gtk_widget_has_css_class (widget, "upp-question-number")))
    return widget;
  return NULL;
}

static GPtrArray *
list_cards (GtkWidget *form)
{
  GPtrArray *cards = g_ptr_array_new ();

  collect_widgets (form, match_card, cards);
  return cards;
}

/* Types text at the end of an entry, a character at a time, as a keyboard would. */
static void
type_into_entry (GtkWidget  *entry,
                 const char *text)
{
  gtk_widget_grab_focus (entry);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = -1;

      gtk_editable_set_position (GTK_EDITABLE (entry), -1);
      position = gtk_editable_get_position (GTK_EDITABLE (entry));
      gtk_editable_insert_text (GTK_EDITABLE (entry), p, g_utf8_next_char (p) - p, &position);
    }
}

static void
type_into_text_view (GtkWidget  *view,
                     const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_widget_grab_focus (view);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    gtk_text_buffer_insert_at_cursor (buffer, p, g_utf8_next_char (p) - p);
}

static const char *status_keys[] = { "klart", "pagar", "ej_paborjat" };

static char *
expected_ansvar (guint unit,
                 guint item)
{
  return g_strdup_printf ("Enhetschef %u.%u", unit + 1, item + 1);
}

static char *
expected_tid (guint unit,
              guint item)
{
  return g_strdup_printf (item % 2 == 0 ? "vt %u" : "%u", 2027 + unit + item % 3);
}

/* Every item of the unit's form: the status chosen, Ansvar and Tid typed. */
static void
fill_checklist (GtkWidget *form,
                guint      unit)
{
  g_autoptr(GPtrArray) cards = list_cards (form);

  g_assert_cmpuint (cards->len, ==, 24);
  for (guint i = 0; i < cards->len; i++)
    {
      UppQuestionCard *card = g_ptr_array_index (cards, i);
      UppItemFieldsEditor *fields = UPP_ITEM_FIELDS_EDITOR (
        upp_question_card_get_fields_editor (card));
      g_autoptr(GPtrArray) choices = g_ptr_array_new ();
      g_autofree char *ansvar = expected_ansvar (unit, i);
      g_autofree char *tid = expected_tid (unit, i);

      g_assert_nonnull (fields);
      collect_widgets (GTK_WIDGET (card), match_check_button, choices);
      g_assert_cmpuint (choices->len, ==, 3);
      gtk_widget_grab_focus (g_ptr_array_index (choices, (i + unit) % 3));
      gtk_check_button_set_active (g_ptr_array_index (choices, (i + unit) % 3), TRUE);
      type_into_entry (upp_item_fields_editor_get_widget (fields, "ansvar"), ansvar);
      type_into_entry (upp_item_fields_editor_get_widget (fields, "tid"), tid);
      test_gui_iterate (20);
    }
}

typedef struct
{
  const char *db;
  const char *round_uuid;
  const char *unit_name;
  guint       unit;
  gboolean    (*check) (UppStore *store, UppRound *round, UppResponse *response,
                        gpointer data);
  gpointer    data;
} StoredCheck;

/* Reads the database afresh, through a connection of its own, as another process would. */
static gboolean
stored_matches (gpointer user_data)
{
  StoredCheck *check = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = upp_store_open (check->db, &error);
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;

  g_assert_no_error (error);
  round = test_load_round (store, check->round_uuid);
  response = test_find_response (store, round, check->unit_name);
  return check->check (store, round, response, check->data);
}

static gboolean
checklist_stored (UppStore    *store,
                  UppRound    *round,
                  UppResponse *response,
                  gpointer     data)
{
  UppTemplate *template = upp_round_get_template (round);
  guint unit = GPOINTER_TO_UINT (data);

  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      const char *key = upp_question_get_key (upp_template_get_question (template, i));
      UppAnswer *answer = upp_response_get_answer (response, key);
      const char * const *choices = answer != NULL ? upp_answer_get_choices (answer) : NULL;
      g_autofree char *ansvar = upp_response_dup_field_value (response, key, "ansvar");
      g_autofree char *tid = upp_response_dup_field_value (response, key, "tid");
      g_autofree char *want_ansvar = expected_ansvar (unit, i);
      g_autofree char *want_tid = expected_tid (unit, i);

      if (choices == NULL || g_strv_length ((char **) choices) != 1 ||
          g_strcmp0 (choices[0], status_keys[(i + unit) % 3]) != 0 ||
          g_strcmp0 (ansvar, want_ansvar) != 0 || g_strcmp0 (tid, want_tid) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
assert_sections_in_order (GtkWidget   *form,
                          UppTemplate *template)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  const char *shown_section = "";

  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      const char *section = upp_question_get_section (question);

      if (g_strcmp0 (section, shown_section) != 0)
        {
          for (guint j = 0; j < upp_template_get_n_sections (template); j++)
            if (g_str_equal (upp_template_get_section (template, j)->key, section))
              g_ptr_array_add (expected,
                               g_strdup_printf ("%u %s", j + 1,
                                                upp_template_get_section (template, j)->title));
          shown_section = section;
        }
      g_ptr_array_add (expected, g_strdup (upp_question_get_number (question)));
    }
  g_assert_cmpstr (g_ptr_array_index (expected, 0), ==, "1 Avtal/ök");
  g_assert_cmpstr (g_ptr_array_index (expected, 1), ==, "1.1");

  collect_widgets (form, match_heading_or_number, labels);
  g_assert_cmpuint (labels->len, ==, expected->len);
  for (guint i = 0; i < labels->len; i++)
    g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, i)), ==,
                     g_ptr_array_index (expected, i));
}

static gboolean
is_heading_labelled (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "upp-question-heading") &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} CellCheck;

static gboolean
is_cell_with_text (GtkWidget     *widget,
                   gconstpointer  text)
{
  return UPP_IS_COMPARISON_CELL (widget)
         && g_strcmp0 (upp_comparison_cell_get_text (UPP_COMPARISON_CELL (widget)), text) == 0;
}

/* For test_gui_wait_until (): whether a comparison cell shows exactly that text. */
static gboolean
shows_cell (gpointer data)
{
  CellCheck *check = data;

  return test_gui_find_widget (check->window, is_cell_with_text, check->text) != NULL;
}

static void
test_checklist (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *round_uuid = NULL;
  g_autofree char *unit_names[2] = { NULL, NULL };
  g_autoptr(UppTemplate) template = NULL;
  GtkWidget *window, *form;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "checklist");
    g_autoptr(UppRound) round = NULL;
    g_autoptr(GPtrArray) responses = NULL;
    g_autoptr(GError) error = NULL;

    round_uuid = create_round (store, UPP_TEMPLATE_BUILTIN_VGR_CHECKLIST);
    round = test_load_round (store, round_uuid);
    template = g_object_ref (upp_round_get_template (round));
    responses = upp_store_list_responses (store, round, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 2; i++)
      unit_names[i] = g_strdup (upp_response_get_unit_name (g_ptr_array_index (responses, i)));
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);
  form = open_form (window, round_uuid, 0);

  /* The parts as headings before their items, numbered as the template numbers them; the
   * sub-heading "Organisation" above its items. */
  assert_sections_in_order (form, template);
  g_assert_nonnull (test_gui_find_widget (form, is_heading_labelled, "Organisation"));

  for (guint unit = 0; unit < 2; unit++)
    {
      StoredCheck check = { db, round_uuid, unit_names[unit], unit, checklist_stored,
                            GUINT_TO_POINTER (unit) };

      fill_checklist (form, unit);
      /* Saved as typed, without leaving the form or the field. */
      g_assert_true (test_gui_wait_until (stored_matches, &check, 10000));
      if (unit == 0)
        {
          g_assert_true (gtk_widget_activate_action (form, "form.next-unit", NULL));
          test_gui_iterate (300);
          g_assert_cmpuint (upp_response_form_get_position (UPP_RESPONSE_FORM (form)), ==, 1);
        }
    }

  /* The first unit's values come back into the form. */
  g_assert_true (gtk_widget_activate_action (form, "form.previous-unit", NULL));
  test_gui_iterate (300);
  {
    g_autoptr(GPtrArray) cards = list_cards (form);
    UppItemFieldsEditor *fields = UPP_ITEM_FIELDS_EDITOR (
      upp_question_card_get_fields_editor (g_ptr_array_index (cards, 3)));
    g_autofree char *ansvar = expected_ansvar (0, 3);

    GtkWidget *card = g_ptr_array_index (cards, 3);
    graphene_point_t field_at, answer_at;

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                       upp_item_fields_editor_get_widget (fields, "ansvar"))), ==, ansvar);
    /* The first field (its caption and entry) starts where the comment under it does. */
    g_assert_true (gtk_widget_compute_point (
                     gtk_widget_get_parent (upp_item_fields_editor_get_widget (fields, "ansvar")),
                     card, &GRAPHENE_POINT_INIT (0, 0), &field_at));
    g_assert_true (gtk_widget_compute_point (
                     upp_question_card_get_text_view (UPP_QUESTION_CARD (card)), card,
                     &GRAPHENE_POINT_INIT (0, 0), &answer_at));
    g_assert_cmpfloat (field_at.x, ==, answer_at.x);
  }

  /* Compared: the comparison shows each unit's status, Ansvar and Tid of an item. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-round-view", "(ss)", round_uuid,
                                             "comparison"));
  for (guint unit = 0; unit < 2; unit++)
    {
      g_autofree char *ansvar = expected_ansvar (unit, 0);
      g_autofree char *tid = expected_tid (unit, 0);
      g_autofree char *fields = g_strdup_printf ("Ansvar: %s · Tid: %s", ansvar, tid);
      CellCheck check = { window, fields };

      g_assert_true (test_gui_wait_until (shows_cell, &check, 5000));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (200);
  test_remove_tree (dir);
}

/* Typed fields: a date, a number and a choice */

#define FIELDS_JSON \
  "{ \"format\": \"uppfoljning-template\", \"format_version\": 2, \"key\": \"typed\"," \
  "  \"title\": \"Typed\"," \
  "  \"choice_sets\": [ { \"key\": \"status\", \"choices\": [" \
  "      { \"key\": \"klart\", \"label\": \"Klart\" }," \
  "      { \"key\": \"pagar\", \"label\": \"Pågår\" } ] } ]," \
  "  \"questions\": [" \
  "    { \"key\": \"plan\", \"text\": \"Plan\", \"kind\": \"text\"," \
  "      \"fields\": [ { \"key\": \"klart_den\", \"label\": \"Klart den\", " \
  "                      \"kind\": \"date\" }," \
  "                    { \"key\": \"antal\", \"label\": \"Antal\", \"kind\": \"number\" }," \
  "                    { \"key\": \"status\", \"label\": \"Status\", \"kind\": \"choice\"," \
  "                      \"choice_set\": \"status\" } ] } ] }"

typedef struct
{
  const char *date;
  const char *number;
  const char *choice;
} FieldValues;

static gboolean
fields_stored (UppStore    *store,
               UppRound    *round,
               UppResponse *response,
               gpointer     data)
{
  FieldValues *expected = data;
  g_autofree char *date = upp_response_dup_field_value (response, "plan", "klart_den");
  g_autofree char *number = upp_response_dup_field_value (response, "plan", "antal");
  g_autofree char *choice = upp_response_dup_field_value (response, "plan", "status");

  return g_strcmp0 (date, expected->date) == 0 && g_strcmp0 (number, expected->number) == 0 &&
         g_strcmp0 (choice, expected->choice) == 0;
}

static void
test_typed_fields (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *round_uuid = NULL;
  g_autofree char *unit_name = NULL;
  GtkWidget *window, *form, *date, *number, *choice, *number_error = NULL;
  UppItemFieldsEditor *fields;
  g_autoptr(GPtrArray) cards = NULL;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "typed");
    g_autoptr(GError) error = NULL;
    g_autoptr(UppTemplate) template = upp_template_new_from_json (FIELDS_JSON, -1, &error);
    g_autoptr(UppRound) round = NULL;
    g_autoptr(GPtrArray) responses = NULL;

    g_assert_no_error (error);
    g_assert_true (upp_store_save_template (store, template, &error));
    g_assert_no_error (error);
    round_uuid = create_round (store, "typed");
    round = test_load_round (store, round_uuid);
    responses = upp_store_list_responses (store, round, &error);
    g_assert_no_error (error);
    unit_name = g_strdup (upp_response_get_unit_name (g_ptr_array_index (responses, 0)));
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);
  form = open_form (window, round_uuid, 0);
  cards = list_cards (form);
  fields = UPP_ITEM_FIELDS_EDITOR (upp_question_card_get_fields_editor (cards->pdata[0]));
  date = upp_item_fields_editor_get_widget (fields, "klart_den");
  number = upp_item_fields_editor_get_widget (fields, "antal");
  choice = upp_item_fields_editor_get_widget (fields, "status");
  g_assert_true (GTK_IS_DROP_DOWN (choice));
  for (GtkWidget *sibling = gtk_widget_get_next_sibling (number); sibling != NULL;
       sibling = gtk_widget_get_next_sibling (sibling))
    if (GTK_IS_LABEL (sibling))
      number_error = sibling;
  g_assert_nonnull (number_error);

  /* A date half typed is not saved, and marked once left; the whole date is. A number with a
   * letter is marked, said to be wrong once left and not saved; the number before it stays. The choice is its
   * key. */
  type_into_entry (date, "2026-0");
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  /* Left half typed, it is marked. */
  type_into_entry (number, "12");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 2);
  {
    FieldValues expected = { NULL, "12", "pagar" };
    StoredCheck check = { db, round_uuid, unit_name, 0, fields_stored, &expected };

    g_assert_true (test_gui_wait_until (stored_matches, &check, 10000));
  }
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  g_assert_false (gtk_widget_get_visible (number_error));

  type_into_entry (number, "a");
  test_gui_iterate (100);
  /* Marked at once, and said why under it once left: a line appearing while typing would
   * move the form under the pointer. */
  g_assert_true (gtk_widget_has_css_class (number, "error"));
  g_assert_false (gtk_widget_get_visible (number_error));
  type_into_entry (date, "3-14");
  test_gui_iterate (100);
  g_assert_true (gtk_widget_get_visible (number_error));
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  {
    FieldValues expected = { "2026-03-14", "12", "pagar" };
    StoredCheck check = { db, round_uuid, unit_name, 0, fields_stored, &expected };

    g_assert_true (test_gui_wait_until (stored_matches, &check, 10000));
  }
  /* Still the last good number after the form is left: the wrong one was never written. */
  g_assert_true (upp_response_form_flush (UPP_RESPONSE_FORM (form)));
  {
    FieldValues expected = { "2026-03-14", "12", "pagar" };
    StoredCheck check = { db, round_uuid, unit_name, 0, fields_stored, &expected };

    g_assert_true (stored_matches (&check));
  }
  gtk_editable_set_text (GTK_EDITABLE (number), "2,5");
  g_assert_false (gtk_widget_get_visible (number_error));
  {
    FieldValues expected = { "2026-03-14", "2,5", "pagar" };
    StoredCheck check = { db, round_uuid, unit_name, 0, fields_stored, &expected };

    g_assert_true (test_gui_wait_until (stored_matches, &check, 10000));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (200);
  test_remove_tree (dir);
}

/* SAMLA */

#define TABLE_KEY "mal_aktivitet_utfall"

static const char *columns[] = { "mal", "aktivitet", "uppfoljning" };

typedef struct
{
  guint        n_rows;
  const char **texts;   /* "mal|aktivitet|uppfoljning" per row, in order */
  const char  *removed_row; /* a row that must be stored as removed, or NULL */
} TableExpectation;

static gboolean
table_stored (UppStore    *store,
              UppRound    *round,
              UppResponse *response,
              gpointer     data)
{
  TableExpectation *expected = data;
  g_auto(GStrv) rows = upp_response_list_table_rows (response, TABLE_KEY);

  if (g_strv_length (rows) != expected->n_rows)
    return FALSE;
  for (guint i = 0; i < expected->n_rows; i++)
    {
      g_auto(GStrv) texts = g_strsplit (expected->texts[i], "|", -1);

      for (guint j = 0; j < G_N_ELEMENTS (columns); j++)
        if (g_strcmp0 (upp_response_get_table_cell (response, TABLE_KEY, rows[i], columns[j]),
                       texts[j]) != 0)
          return FALSE;
    }
  if (expected->removed_row != NULL)
    {
      g_autofree char *key = upp_answer_key_for_row (TABLE_KEY, expected->removed_row);
      UppAnswer *answer = upp_response_get_answer (response, key);

      return answer != NULL &&
             g_strcmp0 (upp_answer_get_text (answer), UPP_TABLE_ROW_REMOVED) == 0;
    }
  return TRUE;
}

static gboolean
is_button_with_action (GtkWidget     *widget,
                       gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)),
                                              label) == 0;
}

static GtkWidget *
match_remove_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "upp-remove-row")
         ? widget : NULL;
}

static GtkWidget *
focus_of (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

/* The shortcut that moves a row, as the editor binds it. */
static const char *
action_of_shortcut (GtkWidget  *editor,
                    const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (editor);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (text, trigger) && GTK_IS_NAMED_ACTION (action))
            return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }
  return NULL;
}

static void
test_samla_rows (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *round_uuid = NULL;
  g_autofree char *unit_name = NULL;
  const char *typed[] = { "Färre avvikelser|Gemensam rutin|Uppnått",
                          "Fler SIP|Utbildning i SIP|Delvis",
                          "Snabbare start|Team på plats|Pågår" };
  const char *moved[] = { typed[0], typed[2], typed[1] };
  GtkWidget *window, *form, *editor, *add_button, *cell;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) remove_buttons = g_ptr_array_new ();
  UppQuestionCard *table_card = NULL;
  const char *move_up;
  g_auto(GStrv) row_ids = NULL;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "samla");
    g_autoptr(UppRound) round = NULL;
    g_autoptr(GPtrArray) responses = NULL;
    g_autoptr(GError) error = NULL;

    round_uuid = create_round (store, UPP_TEMPLATE_BUILTIN_SAMLA);
    round = test_load_round (store, round_uuid);
    responses = upp_store_list_responses (store, round, &error);
    g_assert_no_error (error);
    unit_name = g_strdup (upp_response_get_unit_name (g_ptr_array_index (responses, 0)));
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);
  form = open_form (window, round_uuid, 0);

  cards = list_cards (form);
  for (guint i = 0; i < cards->len; i++)
    if (g_str_equal (upp_question_get_key (upp_question_card_get_question
                                           (g_ptr_array_index (cards, i))), TABLE_KEY))
      table_card = g_ptr_array_index (cards, i);
  g_assert_nonnull (table_card);
  g_assert_cmpstr (upp_question_get_number (upp_question_card_get_question (table_card)), ==,
                   "2.1");
  editor = upp_question_card_get_table_editor (table_card);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_visible (upp_question_card_get_text_view (table_card)));
  add_button = test_gui_find_widget (editor, is_button_with_action, "table.add-row");
  g_assert_nonnull (add_button);

  /* Three rows added and typed in, each with the focus in its first cell at once. */
  for (guint i = 0; i < 3; i++)
    {
      g_auto(GStrv) texts = g_strsplit (typed[i], "|", -1);

      g_signal_emit_by_name (add_button, "clicked");
      test_gui_iterate (50);
      cell = upp_table_rows_editor_get_cell (UPP_TABLE_ROWS_EDITOR (editor), i, "mal");
      g_assert_true (focus_of (editor) == cell);
      for (guint j = 0; j < G_N_ELEMENTS (columns); j++)
        type_into_text_view (upp_table_rows_editor_get_cell (UPP_TABLE_ROWS_EDITOR (editor), i,
                                                             columns[j]), texts[j]);
    }
  {
    TableExpectation expected = { 3, typed, NULL };
    StoredCheck check = { db, round_uuid, unit_name, 0, table_stored, &expected };

    g_assert_true (test_gui_wait_until (stored_matches, &check, 10000));
  }

  /* Alt+Up in the third row's Aktivitet: it moves up, the focus stays in that cell. */
  move_up = action_of_shortcut (editor, "<Alt>Up");
  g_assert_cmpstr (move_up, ==, "table.move-row-up");
  g_assert_cmpstr (action_of_shortcut (editor, "<Alt>Down"), ==, "table.move-row-down");
  cell = upp_table_rows_editor_get_cell (UPP_TABLE_ROWS_EDITOR (editor), 2, "aktivitet");
  gtk_widget_grab_focus (cell);
  g_assert_true (gtk_widget_activate_action (cell, move_up, NULL));
  test_gui_iterate (50);
  g_assert_true (focus_of (editor) == cell);
  g_assert_true (upp_table_rows_editor_get_cell (UPP_TABLE_ROWS_EDITOR (editor), 1,
                                                 "aktivitet") == cell);
  {
    TableExpectation expected = { 3, moved, NULL };
    StoredCheck check = { db, round_uuid, unit_name, 0, table_stored, &expected };

    g_assert_true (test_gui_wait_until (stored_matches, &check, 10000));
  }

  /* The second row removed and brought back with Undo: at its place, with its text. */
  collect_widgets (editor, match_remove_button, remove_buttons);
  g_assert_cmpuint (remove_buttons->len, ==, 3);
  row_ids = upp_table_rows_editor_dup_row_ids (UPP_TABLE_ROWS_EDITOR (editor));
  g_signal_emit_by_name (g_ptr_array_index (remove_buttons, 1), "clicked");
  test_gui_iterate (100);
  {
    const char *left[] = { moved[0], moved[2] };
    TableExpectation expected = { 2, left, row_ids[1] };
    StoredCheck check = { db, round_uuid, unit_name, 0, table_stored, &expected };

    g_assert_true (test_gui_wait_until (stored_matches, &check, 10000));
  }
  {
    GtkWidget *undo = test_gui_find_widget (window, is_button_labelled, "_Undo");

    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
    test_gui_iterate (100);
  }
  {
    TableExpectation expected = { 3, moved, NULL };
    StoredCheck check = { db, round_uuid, unit_name, 0, table_stored, &expected };

    g_assert_true (test_gui_wait_until (stored_matches, &check, 10000));
  }

  /* A search hit in a cell opens it with the words selected. */
  {
    g_auto(GStrv) ids = upp_table_rows_editor_dup_row_ids (UPP_TABLE_ROWS_EDITOR (editor));
    g_autofree char *key = upp_answer_key_for_cell (TABLE_KEY, ids[2], "aktivitet");
    GtkTextBuffer *buffer;
    GtkTextIter start, end;
    g_autofree char *selected = NULL;

    g_assert_true (upp_response_form_select_answer (UPP_RESPONSE_FORM (form), key, 0, 11));
    cell = upp_table_rows_editor_get_cell (UPP_TABLE_ROWS_EDITOR (editor), 2, "aktivitet");
    g_assert_true (focus_of (editor) == cell);
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cell));
    g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
    selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (selected, ==, "Utbildning ");
  }

  /* An empty row goes without a question or a toast, and stays removed. */
  g_signal_emit_by_name (add_button, "clicked");
  test_gui_iterate (50);
  g_ptr_array_set_size (remove_buttons, 0);
  collect_widgets (editor, match_remove_button, remove_buttons);
  g_assert_cmpuint (remove_buttons->len, ==, 4);
  g_strfreev (row_ids);
  row_ids = upp_table_rows_editor_dup_row_ids (UPP_TABLE_ROWS_EDITOR (editor));
  g_signal_emit_by_name (g_ptr_array_index (remove_buttons, 3), "clicked");
  test_gui_iterate (100);
  {
    TableExpectation expected = { 3, moved, row_ids[3] };
    StoredCheck check = { db, round_uuid, unit_name, 0, table_stored, &expected };

    g_assert_true (test_gui_wait_until (stored_matches, &check, 10000));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (200);
  test_remove_tree (dir);
}

/* The cells of a row side by side in a wide window, stacked in a narrow one. */
static gboolean
cells_stacked (GtkWidget *editor)
{
  GtkWidget *first = upp_table_rows_editor_get_cell (UPP_TABLE_ROWS_EDITOR (editor), 0, "mal");
  GtkWidget *second = upp_table_rows_editor_get_cell (UPP_TABLE_ROWS_EDITOR (editor), 0,
                                                      "aktivitet");
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (second, first, &GRAPHENE_POINT_INIT (0, 0), &at));
  return at.y > 0 && at.x == 0;
}

static gboolean
cells_side_by_side (gpointer editor)
{
  return !cells_stacked (editor);
}

static gboolean
cells_stacked_cb (gpointer editor)
{
  return cells_stacked (editor);
}

static void
test_narrow_rows (void)
{
  g_autoptr(UppTemplate) template = upp_template_new_builtin (UPP_TEMPLATE_BUILTIN_SAMLA);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = upp_table_rows_editor_new (upp_template_find_question (template,
                                                                             TABLE_KEY));

  gtk_window_set_child (GTK_WINDOW (window), editor);
  upp_table_rows_editor_add_row (UPP_TABLE_ROWS_EDITOR (editor));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 400);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_gui_wait_until (cells_side_by_side, editor, 5000));

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  g_assert_true (test_gui_wait_until (cells_stacked_cb, editor, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (100);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app's own stylesheet, as its AdwApplication loads it: the layout is checked too. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/se/uppfoljning/Uppfoljning/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/template-form/checklist", test_checklist);
  g_test_add_func ("/template-form/samla-rows", test_samla_rows);
  g_test_add_func ("/template-form/typed-fields", test_typed_fields);
  g_test_add_func ("/template-form/narrow-rows", test_narrow_rows);

  return g_test_run ();
}
