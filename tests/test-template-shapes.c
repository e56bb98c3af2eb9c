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
  "      { \"key\": \"klart\", \"label\": \"Klart\" }, { \"key\": \"pagar\", \"label\": \"Pågår\" }," \
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

  return g_test_run ();
}
