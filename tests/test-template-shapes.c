/* test-template-shapes.c: templates of every follow-up shape (format 2): sections, shared
 * choice sets, item fields, tables; their answers under derived keys, through the store and
 * the exchange
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "test-util.h"
#include "upp-store-private.h"
#include "uppfoljning.h"

#define SHAPES_JSON \
  "{ \"format\": \"uppfoljning-template\", \"format_version\": 2, \"key\": \"shapes\"," \
  "  \"title\": \"Shapes\"," \
  "  \"sections\": [ { \"key\": \"avtal\", \"title\": \"Avtal\", \"intro\": \"Om avtalet\" }," \
  "                  { \"key\": \"mal\", \"title\": \"Mål\" } ]," \
  "  \"choice_sets\": [ { \"key\": \"status\", \"choices\": [" \
  "      { \"key\": \"klart\", \"label\": \"Klart\" }," \
  "      { \"key\": \"pagar\", \"label\": \"Pågår\" }," \
  "      { \"key\": \"ej\", \"label\": \"Ej påbörjat\" } ] } ]," \
  "  \"questions\": [" \
  "    { \"key\": \"styrgrupp\", \"section\": \"avtal\", \"text\": \"Styrgrupp\"," \
  "      \"kind\": \"single_choice\", \"choice_set\": \"status\", \"help\": \"Finns en?\"," \
  "      \"fields\": [ { \"key\": \"ansvar\", \"label\": \"Ansvar\", \"kind\": \"text\" }," \
  "                    { \"key\": \"tid\", \"label\": \"Tid\", \"kind\": \"period\" }," \
  "                    { \"key\": \"klart_den\", \"label\": \"Klart den\", \"kind\": \"date\" }," \
  "                    { \"key\": \"status\", \"label\": \"Status\", \"kind\": \"choice\"," \
  "                      \"choice_set\": \"status\" } ] }," \
  "    { \"key\": \"uppdrag\", \"section\": \"avtal\", \"heading\": \"Organisation\"," \
  "      \"text\": \"Uppdrag\", \"kind\": \"single_choice\", \"choice_set\": \"status\" }," \
  "    { \"key\": \"plan\", \"section\": \"mal\", \"text\": \"Mål och aktiviteter\"," \
  "      \"kind\": \"table\", \"columns\": [ { \"key\": \"mal\", \"label\": \"Mål\" }," \
  "        { \"key\": \"aktivitet\", \"label\": \"Aktivitet\" } ] } ] }"

static UppTemplate *
shapes_template (void)
{
  g_autoptr(GError) error = NULL;
  UppTemplate *template = upp_template_new_from_json (SHAPES_JSON, -1, &error);

  g_assert_no_error (error);
  return template;
}

static void
test_format_2_read_and_written (void)
{
  g_autoptr(UppTemplate) template = shapes_template ();
  g_autoptr(UppTemplate) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  UppQuestion *styrgrupp;
  UppQuestion *plan;
  const UppItemField *status;

  g_assert_cmpuint (upp_template_get_n_sections (template), ==, 2);
  g_assert_cmpstr (upp_template_get_section (template, 0)->intro, ==, "Om avtalet");
  styrgrupp = upp_template_get_question (template, 0);
  g_assert_cmpstr (upp_question_get_number (styrgrupp), ==, "1.1");
  g_assert_cmpstr (upp_question_get_number (upp_template_get_question (template, 1)), ==, "1.2");
  g_assert_cmpstr (upp_question_get_heading (upp_template_get_question (template, 1)), ==,
                   "Organisation");
  g_assert_cmpstr (upp_question_get_help (styrgrupp), ==, "Finns en?");
  /* The shared set's choices are the question's. */
  g_assert_cmpuint (upp_question_get_choices (styrgrupp)->len, ==, 3);
  g_assert_nonnull (upp_question_find_choice (styrgrupp, "pagar"));
  g_assert_cmpuint (upp_question_get_fields (styrgrupp)->len, ==, 4);
  status = upp_question_find_field (styrgrupp, "status");
  g_assert_cmpint (status->kind, ==, UPP_FIELD_KIND_CHOICE);
  g_assert_cmpuint (status->choices->len, ==, 3);
  plan = upp_template_find_question (template, "plan");
  g_assert_cmpstr (upp_question_get_number (plan), ==, "2.1");
  g_assert_cmpint (upp_question_get_kind (plan), ==, UPP_QUESTION_KIND_TABLE);
  g_assert_cmpuint (upp_question_get_columns (plan)->len, ==, 2);

  /* Written back, the reference to the set stays; read again, the same survey. */
  json = upp_template_to_json (template);
  g_assert_nonnull (strstr (json, "\"choice_set\" : \"status\""));
  g_assert_nonnull (strstr (json, "\"format_version\" : 2"));
  g_assert_null (strstr (json, "\"label\" : \"Pågår\",\n          \"key\""));
  again = upp_template_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (upp_template_same_survey (template, again));
}

static void
test_format_1_still_written_as_1 (void)
{
  g_autoptr(UppTemplate) lok = upp_template_new_builtin_lok ();
  g_autofree char *json = upp_template_to_json (lok);

  g_assert_nonnull (strstr (json, "\"format_version\" : 1"));
}

static void
test_newer_format_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) template = NULL;

  template = upp_template_new_from_json ("{ \"format\": \"uppfoljning-template\", "
                                         "\"format_version\": 3, \"key\": \"x\", "
                                         "\"title\": \"Framtid\", \"questions\": [] }", -1,
                                         &error);
  g_assert_null (template);
  g_assert_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT);
  g_assert_cmpstr (error->message, ==,
                   "The template “Framtid” was made by a newer version of Uppföljning "
                   "(template format 3); this version reads templates up to format 2.");
}

/* Each broken variant of the shapes template is refused with one line naming the problem. */
static void
test_invalid_shapes_refused (void)
{
  const struct { const char *from; const char *to; const char *message; } cases[] = {
    { "\"section\": \"mal\"", "\"section\": \"nope\"",
      "Question “plan” is in the section “nope”, which the template does not have." },
    { "\"choice_set\": \"status\", \"help\"", "\"choice_set\": \"stat\", \"help\"",
      "Question “styrgrupp” uses the choice set “stat”, which the template does not have." },
    { "\"kind\": \"period\"", "\"kind\": \"week\"",
      "Field “tid” of question “styrgrupp” has the unknown kind “week”; use text, date, "
      "period, number or choice." },
    { "\"key\": \"tid\"", "\"key\": \"ansvar\"",
      "Question “styrgrupp” has two fields with the key “ansvar”." },
    { "\"kind\": \"table\", \"columns\"", "\"kind\": \"text\", \"columns\"",
      "Question “plan” has columns but is of kind “text”; only a table has columns." },
    { "\"key\": \"aktivitet\"", "\"key\": \"akt:ivitet\"",
      "The key “akt:ivitet” of column 2 of question “plan” may only contain letters a–z, "
      "digits, “-”, “_” and “.”." },
    { "{ \"key\": \"mal\", \"title\": \"Mål\" }", "{ \"key\": \"avtal\", \"title\": \"Mål\" }",
      "Two sections have the key “avtal”." },
    { "\"kind\": \"text\" }", "\"kind\": \"text\", \"choice_set\": \"status\" }",
      "Field “ansvar” of question “styrgrupp” has choices but is of kind “text”; only a field "
      "of kind choice has choices." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) json = g_string_new (SHAPES_JSON);
      g_autoptr(UppTemplate) template = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (g_string_replace (json, cases[i].from, cases[i].to, 1), ==, 1);
      template = upp_template_new_from_json (json->str, -1, &error);
      g_assert_null (template);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_answer_keys_resolve (void)
{
  g_autoptr(UppTemplate) template = shapes_template ();
  g_autofree char *row_id = NULL;
  g_autofree char *new_row = upp_answer_key_new_row_id ();
  const UppItemField *field = NULL;
  UppQuestion *question = NULL;
  UppAnswerKeyKind kind;

  g_assert_true (upp_answer_key_resolve (template, "styrgrupp", &kind, &question, &field,
                                         &row_id));
  g_assert_cmpint (kind, ==, UPP_ANSWER_KEY_QUESTION);
  g_assert_null (field);
  g_assert_true (upp_answer_key_resolve (template, "styrgrupp:tid", &kind, &question, &field,
                                         NULL));
  g_assert_cmpint (kind, ==, UPP_ANSWER_KEY_FIELD);
  g_assert_cmpstr (field->key, ==, "tid");
  g_assert_true (upp_answer_key_resolve (template, "plan:ab12cd34", &kind, &question, NULL,
                                         &row_id));
  g_assert_cmpint (kind, ==, UPP_ANSWER_KEY_TABLE_ROW);
  g_assert_cmpstr (row_id, ==, "ab12cd34");
  g_clear_pointer (&row_id, g_free);
  g_assert_true (upp_answer_key_resolve (template, "plan:ab12cd34:mal", &kind, NULL, &field,
                                         &row_id));
  g_assert_cmpint (kind, ==, UPP_ANSWER_KEY_TABLE_CELL);
  g_assert_cmpstr (field->key, ==, "mal");

  g_assert_false (upp_answer_key_resolve (template, "styrgrupp:nope", NULL, NULL, NULL, NULL));
  g_assert_false (upp_answer_key_resolve (template, "plan:ab12cd34:nope", NULL, NULL, NULL,
                                          NULL));
  g_assert_false (upp_answer_key_resolve (template, "nope:tid", NULL, NULL, NULL, NULL));
  g_assert_false (upp_answer_key_resolve (template, "styrgrupp:tid:x", NULL, NULL, NULL, NULL));
  g_assert_false (upp_answer_key_resolve (template, "plan::mal", NULL, NULL, NULL, NULL));
  g_assert_cmpuint (strlen (new_row), ==, 8);
  g_assert_true (upp_answer_key_is_row_id (new_row));

  /* As conflicts and search name them. */
  {
    g_autofree char *question_title = upp_answer_key_dup_title (template, "styrgrupp");
    g_autofree char *field_title = upp_answer_key_dup_title (template, "styrgrupp:tid");
    g_autofree char *cell_title = upp_answer_key_dup_title (template, "plan:ab12cd34:mal");

    g_assert_cmpstr (question_title, ==, "1.1 Styrgrupp");
    g_assert_cmpstr (field_title, ==, "1.1 Styrgrupp – Tid");
    g_assert_cmpstr (cell_title, ==, "2.1 Mål och aktiviteter – Mål");
    g_assert_null (upp_answer_key_dup_title (template, "nope:tid"));
  }
}


/* ---- the built-in templates ---------------------------------------------------------------- */

static const char * const checklist_items[] = {
  "Nedtecknad avtal/överenskommelse", "Ansvarsfördelning", "Styrgrupp", "Uppdrag", "Mål",
  "Personalresurser", "Brukarinflytande", "Fördelning av kostnader och medel", "Arbetsmiljö",
  "Patientsäkerhet", "Avvikelse och tvist", "Förändring av avtal",
  "Form för arbetet; mottagning, mobilt, digitalt", "Ledning av det dagliga arbetet",
  "Ansvarsgränser och rutiner", "SIP - samtycke", "Teambaserat arbete",
  "Bästa tillgängliga kunskap, val av insatser", "Delat beslutsfattande – rutiner för arbetsätt",
  "Anpassning av insatser", "Kunskapsspridning", "Gemensam utbildning/metodstöd/handledning",
  "Process", "Resultat",
};

static void
test_builtin_checklist (void)
{
  g_autoptr(UppTemplate) checklist = upp_template_new_builtin (UPP_TEMPLATE_BUILTIN_VGR_CHECKLIST);
  const char *sections[] = { "Avtal/ök", "Ansvarsgränser och rutiner", "SIP - samtycke",
                             "Teambaserat arbete", "Verksamhetens innehåll",
                             "Uppföljning och utvärdering" };
  const char *numbers[] = { "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10",
                            "1.11", "1.12", "1.13", "1.14", "2.1", "3.1", "4.1", "5.1", "5.2",
                            "5.3", "5.4", "5.5", "6.1", "6.2" };

  g_assert_nonnull (checklist);
  g_assert_cmpstr (upp_template_get_title (checklist), ==,
                   "Checklista för organiserat integrerat arbete");
  g_assert_cmpuint (upp_template_get_n_sections (checklist), ==, G_N_ELEMENTS (sections));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_cmpstr (upp_template_get_section (checklist, i)->title, ==, sections[i]);
  {
    g_autofree char *heading = upp_template_dup_section_heading (
      checklist, upp_template_get_section (checklist, 2)->key);

    g_assert_cmpstr (heading, ==, "3 SIP - samtycke");
    g_assert_null (upp_template_dup_section_heading (checklist, "nope"));
  }

  g_assert_cmpuint (upp_template_get_n_questions (checklist), ==, 24);
  for (guint i = 0; i < 24; i++)
    {
      UppQuestion *item = upp_template_get_question (checklist, i);
      GPtrArray *choices = upp_question_get_choices (item);
      const UppItemField *ansvar = upp_question_find_field (item, "ansvar");
      const UppItemField *tid = upp_question_find_field (item, "tid");

      g_assert_cmpstr (upp_question_get_text (item), ==, checklist_items[i]);
      g_assert_cmpstr (upp_question_get_number (item), ==, numbers[i]);
      g_assert_cmpint (upp_question_get_kind (item), ==, UPP_QUESTION_KIND_SINGLE_CHOICE);
      g_assert_cmpstr (upp_question_get_choice_set (item), ==, "status");
      g_assert_cmpuint (choices->len, ==, 3);
      g_assert_cmpstr (((UppChoice *) g_ptr_array_index (choices, 0))->label, ==, "Klart");
      g_assert_cmpstr (((UppChoice *) g_ptr_array_index (choices, 1))->label, ==, "Pågår");
      g_assert_cmpstr (((UppChoice *) g_ptr_array_index (choices, 2))->label, ==, "Ej påbörjat");
      g_assert_cmpuint (upp_question_get_fields (item)->len, ==, 2);
      g_assert_cmpstr (ansvar->label, ==, "Ansvar");
      g_assert_cmpint (ansvar->kind, ==, UPP_FIELD_KIND_TEXT);
      g_assert_cmpstr (tid->label, ==, "Tid");
      g_assert_cmpint (tid->kind, ==, UPP_FIELD_KIND_PERIOD);
      g_assert_cmpstr (upp_question_get_heading (item), ==, i == 12 || i == 13 ? "Organisation"
                                                                               : "");
    }
  g_assert_cmpuint (upp_template_get_n_choice_sets (checklist), ==, 1);
}

static void
test_builtin_samla (void)
{
  g_autoptr(UppTemplate) samla = upp_template_new_builtin (UPP_TEMPLATE_BUILTIN_SAMLA);
  UppQuestion *table;
  GPtrArray *columns;

  g_assert_nonnull (samla);
  g_assert_cmpstr (upp_template_get_title (samla), ==,
                   "Verksamhetsuppföljning mål–aktivitet–uppföljning");
  table = upp_template_find_question (samla, "mal_aktivitet_utfall");
  g_assert_nonnull (table);
  g_assert_cmpstr (upp_question_get_text (table), ==, "Mål, aktivitet och utfall");
  g_assert_cmpint (upp_question_get_kind (table), ==, UPP_QUESTION_KIND_TABLE);
  columns = upp_question_get_columns (table);
  g_assert_cmpuint (columns->len, ==, 3);
  g_assert_cmpstr (((UppItemField *) g_ptr_array_index (columns, 0))->label, ==, "Mål");
  g_assert_cmpstr (((UppItemField *) g_ptr_array_index (columns, 1))->label, ==, "Aktivitet");
  g_assert_cmpstr (((UppItemField *) g_ptr_array_index (columns, 2))->label, ==, "Uppföljning");
  g_assert_null (upp_template_new_builtin ("nope"));
}

/* Every stored template as it is in the database, to show that an open wrote nothing. */
static char *
dump_templates (UppStore *store)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (upp_store_get_db (store),
                                       "SELECT id, uuid, key, version, json, modified "
                                       "FROM templates ORDER BY id", -1, &statement, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    for (int i = 0; i < 6; i++)
      g_string_append_printf (dump, "%s\x1f", sqlite3_column_text (statement, i));
  sqlite3_finalize (statement);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

/* A new database has every built-in template; one without them gets the missing ones when it
 * is opened, without touching a stored one; opening again writes nothing. */
static void
test_builtins_in_store (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(UppStore) store = test_open_store (dir, "old");
  g_autoptr(UppTemplate) edited = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_SAMLA, 0, &error));
  g_assert_no_error (error);
  /* As a database made before there were other built-ins, with the checklist edited. */
  g_assert_cmpint (sqlite3_exec (upp_store_get_db (store),
                                 "DELETE FROM templates WHERE key = 'samla_uppfoljning';"
                                 "UPDATE templates SET json = replace (json, "
                                 "'\"Checklista för', '\"Vår checklista för') "
                                 "WHERE key = 'vgr_checklista'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_SAMLA, 0, &error));
  edited = upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_VGR_CHECKLIST, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_template_get_title (edited), ==,
                   "Vår checklista för organiserat integrerat arbete");
  before = dump_templates (store);
  g_clear_object (&store);

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  after = dump_templates (store);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* ---- answers of every shape in the store, and through the exchange ------------------------ */

/* A round of the built-in template key for Region Dalarna, its units pre-filled. */
static UppRound *
create_round (UppStore   *store,
              const char *template_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) template = upp_store_load_template (store, template_key, 0, &error);
  g_autoptr(UppRegion) region = upp_store_find_region (store, "Region Dalarna", &error);
  g_autoptr(GPtrArray) units = NULL;
  UppRound *round;

  g_assert_no_error (error);
  units = upp_store_list_units_for_new_round (store, upp_region_get_code (region), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 15);
  round = upp_round_new (2026, region, "Uppföljning 2026", template);
  g_assert_true (upp_store_create_round (store, round, units, &error));
  g_assert_no_error (error);
  return round;
}

static UppResponse *
find_response (UppStore   *store,
               UppRound   *round,
               const char *unit)
{
  g_autoptr(GError) error = NULL;
  UppResponse *response = upp_store_find_response (store, round, unit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static char *
dup_rows_text (UppResponse *response,
               const char  *question_key,
               const char  *column_key)
{
  g_auto(GStrv) rows = upp_response_list_table_rows (response, question_key);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; rows[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i ? "|" : "",
                            upp_response_get_table_cell (response, question_key, rows[i],
                                                         column_key));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define TABLE "mal_aktivitet_utfall"

/* A trigger that refuses to give any row position 2, as a full disk would refuse a write. */
static void
refuse_row_position (UppStore *store,
                     gboolean  refuse)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (upp_store_get_path (store), &db), ==, SQLITE_OK);
  if (refuse)
    g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse_position BEFORE UPDATE ON answers"
                                   " WHEN NEW.text = '2' BEGIN SELECT RAISE (ABORT, 'refused');"
                                   " END", NULL, NULL, NULL), ==, SQLITE_OK);
  else
    g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER refuse_position", NULL, NULL, NULL),
                     ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_fields_and_rows_in_store (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "shapes");
  g_autoptr(UppRound) checklist = create_round (store, UPP_TEMPLATE_BUILTIN_VGR_CHECKLIST);
  g_autoptr(UppRound) samla = create_round (store, UPP_TEMPLATE_BUILTIN_SAMLA);
  g_autoptr(UppResponse) falun = find_response (store, checklist, "Falun");
  g_autoptr(UppResponse) mora = find_response (store, samla, "Mora");
  g_autoptr(UppResponse) reloaded = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *rows_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  const char *choices[] = { "pagar", NULL };
  const char *wrong[] = { "nope", NULL };
  UppAnswer *row_answer;

  /* Status, Ansvar and Tid of one item. */
  g_assert_true (upp_store_set_answer_from (store, checklist, falun, "styrgrupp", "", choices,
                                            UPP_ANSWER_ORIGIN_CLI, NULL, &error));
  g_assert_true (upp_store_set_field (store, checklist, falun, "styrgrupp", "ansvar",
                                      "Socialchefen", UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_true (upp_store_set_field (store, checklist, falun, "styrgrupp", "tid", "vt 2027",
                                      UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_no_error (error);
  value = upp_response_dup_field_value (falun, "styrgrupp", "ansvar");
  g_assert_cmpstr (value, ==, "Socialchefen");
  g_assert_null (upp_response_dup_field_value (falun, "uppdrag", "ansvar"));
  {
    UppTemplate *template = upp_round_get_template (checklist);
    g_autofree char *fields = upp_response_dup_fields_text (
      falun, upp_template_find_question (template, "styrgrupp"));

    /* As a reader sees them, in the template's order; none set is NULL. */
    g_assert_cmpstr (fields, ==, "Ansvar: Socialchefen · Tid: vt 2027");
    g_assert_null (upp_response_dup_fields_text (falun,
                                                 upp_template_find_question (template, "uppdrag")));
  }

  /* What the template does not have, or does not allow, is refused and not stored. */
  g_assert_false (upp_store_set_field (store, checklist, falun, "styrgrupp", "datum", "x",
                                       UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (upp_store_set_answer_from (store, checklist, falun, "styrgrupp:ansvar", "",
                                             wrong, UPP_ANSWER_ORIGIN_CLI, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Field “ansvar” of question “styrgrupp” takes no choices, only text.");
  g_clear_error (&error);
  g_assert_false (upp_store_set_answer_from (store, checklist, falun, "styrgrupp:x:y", "a",
                                             NULL, UPP_ANSWER_ORIGIN_CLI, NULL, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Three rows, one reordered, one more removed. */
  first = upp_store_add_table_row (store, samla, mora, TABLE, UPP_ANSWER_ORIGIN_CLI, &error);
  second = upp_store_add_table_row (store, samla, mora, TABLE, UPP_ANSWER_ORIGIN_CLI, &error);
  third = upp_store_add_table_row (store, samla, mora, TABLE, UPP_ANSWER_ORIGIN_CLI, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (upp_store_set_table_cell (store, samla, mora, TABLE, first, "mal", "Färre fall",
                                           UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_true (upp_store_set_table_cell (store, samla, mora, TABLE, second, "mal", "Fler SIP",
                                           UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_true (upp_store_set_table_cell (store, samla, mora, TABLE, third, "mal", "Utbildning",
                                           UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_no_error (error);
  rows_text = dup_rows_text (mora, TABLE, "mal");
  g_assert_cmpstr (rows_text, ==, "Färre fall|Fler SIP|Utbildning");
  g_clear_pointer (&rows_text, g_free);

  /* A move the database refuses halfway leaves the rows where they were, in memory too. */
  refuse_row_position (store, TRUE);
  g_assert_false (upp_store_move_table_row (store, samla, mora, TABLE, third, 0,
                                            UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  refuse_row_position (store, FALSE);
  rows_text = dup_rows_text (mora, TABLE, "mal");
  g_assert_cmpstr (rows_text, ==, "Färre fall|Fler SIP|Utbildning");
  g_clear_pointer (&rows_text, g_free);

  g_assert_true (upp_store_move_table_row (store, samla, mora, TABLE, third, 0,
                                           UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_true (upp_store_remove_table_row (store, samla, mora, TABLE, second,
                                             UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_no_error (error);
  g_assert_false (upp_store_set_table_cell (store, samla, mora, TABLE, second, "mal", "x",
                                            UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (upp_store_set_answer_from (store, samla, mora, "mal_aktivitet_utfall:abc", "x",
                                             NULL, UPP_ANSWER_ORIGIN_CLI, NULL, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Read back from the database, in order, with their history. */
  reloaded = find_response (store, samla, "Mora");
  rows_text = dup_rows_text (reloaded, TABLE, "mal");
  g_assert_cmpstr (rows_text, ==, "Utbildning|Färre fall");
  g_assert_true (upp_store_set_table_cell (store, samla, reloaded, TABLE, first, "aktivitet",
                                           "Samverkan\nmed skolan", UPP_ANSWER_ORIGIN_CLI, &error));
  g_assert_no_error (error);
  {
    g_autofree char *table = upp_response_dup_table_text (
      reloaded, upp_template_find_question (upp_round_get_template (samla), TABLE));

    /* One line per row in order, a cell's line break kept inside its row. */
    g_assert_cmpstr (table, ==, "Utbildning\nFärre fall — Samverkan med skolan");
  }
  /* Its cells make the unit answered; another unit with no rows is not. */
  g_assert_cmpuint (upp_response_count_answered (reloaded, upp_round_get_template (samla)), ==, 1);
  {
    g_autoptr(UppResponse) falun = find_response (store, samla, "Falun");

    g_assert_false (upp_response_counts_as_answered (falun, upp_round_get_template (samla)));
  }
  row_answer = upp_response_get_answer (reloaded, "mal_aktivitet_utfall:" );
  g_assert_null (row_answer);
  {
    g_autofree char *key = upp_answer_key_for_row (TABLE, second);

    row_answer = upp_response_get_answer (reloaded, key);
    g_assert_cmpstr (upp_answer_get_text (row_answer), ==, UPP_TABLE_ROW_REMOVED);
    versions = upp_store_list_answer_versions (store, upp_answer_get_uuid (row_answer), &error);
    g_assert_no_error (error);
    /* Added at 2, moved to 3 when the third row went first, removed. */
    g_assert_cmpuint (versions->len, ==, 3);
  }

  g_clear_object (&store);
  test_remove_tree (dir);
}

static UppExchangeSummary *
exchange (UppStore   *from,
          UppStore   *to,
          UppRound   *round)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  UppExchangeSummary *summary;
  gsize length = 0;

  json = upp_exchange_write_string (from, upp_round_get_uuid (round), NULL, &length, &error);
  g_assert_no_error (error);
  summary = upp_exchange_import_data (to, "exchange.json", json, length,
                                      UPP_EXCHANGE_IMPORT_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

/* A SAMLA unit's three rows survive an exchange with a row added on each side (both kept, in
 * the order of their positions); a row removed on one side stays removed; a field value edited
 * on one side arrives. */
static void
test_rows_through_exchange (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) office = test_open_store (dir, "office");
  g_autoptr(UppStore) laptop = test_open_store (dir, "laptop");
  g_autoptr(UppRound) samla = create_round (office, UPP_TEMPLATE_BUILTIN_SAMLA);
  g_autoptr(UppRound) checklist = create_round (office, UPP_TEMPLATE_BUILTIN_VGR_CHECKLIST);
  g_autoptr(UppRound) laptop_samla = NULL;
  g_autoptr(UppRound) laptop_checklist = NULL;
  g_autoptr(UppResponse) mora = find_response (office, samla, "Mora");
  g_autoptr(UppResponse) laptop_mora = NULL;
  g_autoptr(UppResponse) falun = find_response (office, checklist, "Falun");
  g_autoptr(UppResponse) laptop_falun = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *office_row = NULL;
  g_autofree char *laptop_row = NULL;
  g_autofree char *rows_text = NULL;
  g_autofree char *value = NULL;
  g_auto(GStrv) rows = NULL;
  const char *goals[] = { "Färre fall", "Fler SIP", "Utbildning" };

  for (guint i = 0; i < G_N_ELEMENTS (goals); i++)
    {
      g_autofree char *row = upp_store_add_table_row (office, samla, mora, TABLE,
                                                      UPP_ANSWER_ORIGIN_EDIT, &error);

      g_assert_no_error (error);
      g_assert_true (upp_store_set_table_cell (office, samla, mora, TABLE, row, "mal", goals[i],
                                               UPP_ANSWER_ORIGIN_EDIT, &error));
      g_assert_true (upp_store_set_table_cell (office, samla, mora, TABLE, row, "aktivitet",
                                               "Möten", UPP_ANSWER_ORIGIN_EDIT, &error));
    }
  g_assert_true (upp_store_set_field (office, checklist, falun, "uppdrag", "ansvar", "Anna",
                                      UPP_ANSWER_ORIGIN_EDIT, &error));
  g_assert_no_error (error);
  upp_exchange_summary_free (exchange (office, laptop, samla));
  upp_exchange_summary_free (exchange (office, laptop, checklist));

  laptop_samla = upp_store_load_round (laptop, upp_round_get_uuid (samla), &error);
  laptop_checklist = upp_store_load_round (laptop, upp_round_get_uuid (checklist), &error);
  g_assert_no_error (error);
  laptop_mora = find_response (laptop, laptop_samla, "Mora");
  rows_text = dup_rows_text (laptop_mora, TABLE, "mal");
  g_assert_cmpstr (rows_text, ==, "Färre fall|Fler SIP|Utbildning");
  g_clear_pointer (&rows_text, g_free);

  /* Each side adds a row; the laptop removes the second; the laptop changes a field. */
  office_row = upp_store_add_table_row (office, samla, mora, TABLE, UPP_ANSWER_ORIGIN_EDIT,
                                        &error);
  g_assert_true (upp_store_set_table_cell (office, samla, mora, TABLE, office_row, "mal",
                                           "Kontoret", UPP_ANSWER_ORIGIN_EDIT, &error));
  laptop_row = upp_store_add_table_row (laptop, laptop_samla, laptop_mora, TABLE,
                                        UPP_ANSWER_ORIGIN_EDIT, &error);
  g_assert_true (upp_store_set_table_cell (laptop, laptop_samla, laptop_mora, TABLE, laptop_row,
                                           "mal", "Datorn", UPP_ANSWER_ORIGIN_EDIT, &error));
  rows = upp_response_list_table_rows (laptop_mora, TABLE);
  g_assert_true (upp_store_remove_table_row (laptop, laptop_samla, laptop_mora, TABLE, rows[1],
                                             UPP_ANSWER_ORIGIN_EDIT, &error));
  laptop_falun = find_response (laptop, laptop_checklist, "Falun");
  g_assert_true (upp_store_set_field (laptop, laptop_checklist, laptop_falun, "uppdrag", "ansvar",
                                      "Anna och Bo", UPP_ANSWER_ORIGIN_EDIT, &error));
  g_assert_no_error (error);

  upp_exchange_summary_free (exchange (laptop, office, laptop_samla));
  upp_exchange_summary_free (exchange (laptop, office, laptop_checklist));
  upp_exchange_summary_free (exchange (office, laptop, samla));

  /* Both new rows kept, the removed one gone, on both sides, in the same order. */
  g_clear_object (&mora);
  mora = find_response (office, samla, "Mora");
  rows_text = dup_rows_text (mora, TABLE, "mal");
  g_assert_true (g_str_equal (rows_text, "Färre fall|Utbildning|Kontoret|Datorn") ||
                 g_str_equal (rows_text, "Färre fall|Utbildning|Datorn|Kontoret"));
  g_clear_object (&laptop_mora);
  laptop_mora = find_response (laptop, laptop_samla, "Mora");
  {
    g_autofree char *laptop_text = dup_rows_text (laptop_mora, TABLE, "mal");

    g_assert_cmpstr (laptop_text, ==, rows_text);
  }
  g_assert_cmpstr (upp_response_get_table_cell (mora, TABLE, office_row, "aktivitet"), ==, "");

  g_clear_object (&falun);
  falun = find_response (office, checklist, "Falun");
  value = upp_response_dup_field_value (falun, "uppdrag", "ansvar");
  g_assert_cmpstr (value, ==, "Anna och Bo");

  g_clear_object (&office);
  g_clear_object (&laptop);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template-shapes/format-2", test_format_2_read_and_written);
  g_test_add_func ("/template-shapes/format-1-written-as-1", test_format_1_still_written_as_1);
  g_test_add_func ("/template-shapes/newer-format-refused", test_newer_format_refused);
  g_test_add_func ("/template-shapes/invalid-shapes-refused", test_invalid_shapes_refused);
  g_test_add_func ("/template-shapes/answer-keys", test_answer_keys_resolve);

  g_test_add_func ("/template-shapes/builtin-checklist", test_builtin_checklist);
  g_test_add_func ("/template-shapes/builtin-samla", test_builtin_samla);
  g_test_add_func ("/template-shapes/builtins-in-store", test_builtins_in_store);

  g_test_add_func ("/template-shapes/fields-and-rows-in-store", test_fields_and_rows_in_store);
  g_test_add_func ("/template-shapes/rows-through-exchange", test_rows_through_exchange);

  return g_test_run ();
}
