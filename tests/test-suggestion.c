/* test-suggestion.c: coded choices suggested by the templates' match phrases, accepted into
 * the answers, and the Dalarna example that ships coded
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "test-util.h"
#include "upp-store-private.h"
#include "charts/upp-chart.h"
#include "upp-choice.h"
#include "upp-session.h"
#include "upp-question.h"
#include "upp-suggestion.h"
#include "upp-template.h"
#include "upp-unit.h"
#include "upp-util.h"

/* The code a reader gives each answer of the Dalarna table (tests/fixtures/dalarna.txt, the
 * example), read from the texts: NULL where the unit gave no text or the text says nothing
 * a choice stands for. Structure is a multiple choice: its codes are joined with "+". */
typedef struct
{
  const char *unit;
  const char *agreement;
  const char *structure;
  const char *deviations;
  const char *example_unit;  /* the unit's name in the example, where it was cleaned */
} ExpectedCoding;

static const ExpectedCoding dalarna_coding[] = {
  /* "Nej Men arbete pågår"; "Finns en styrgrupp"; "Ja … av lite allvarligare karaktär" */
  { "Falun", "in_progress", "strategic", "occasional" },
  /* "Det arbetas med en gemensam LÖK"; "styrgrupp … arbetsgrupp"; "vid behov" */
  { "Borlänge", "in_progress", "strategic", "occasional" },
  /* "Arbetet planeras starta upp i Januari"; meetings "Ca 4 gr /år";
   * "Några enstaka synergier" */
  { "Säter", "planned", "strategic", "occasional" },
  /* "Har ej fått in svar": declined, nothing to code */
  { "Gagnef", NULL, NULL, NULL },
  /* "Man planerar att lyfta in frågan i styrgruppen och där påbörja arbetet"; LOVIS and a
   * steering group; no answer on deviations */
  { "Väster- bergslagen (Ludvika och Smedjebacken", "planned", "strategic", NULL,
    "Västerbergslagen (Ludvika och Smedjebacken)" },
  /* "har påbörjat arbetet"; "styrgrupp RMB"; "Svårt att svara på" */
  { "Södra (Avesta och Hedemora", "in_progress", "strategic", "unknown",
    "Södra (Avesta och Hedemora)" },
  /* "Det är inte klart" (the new one is being made); steering group and integrated
   * addiction clinic (IBM) "på operativ nivå" */
  { "Malung-Sälen", "in_progress", "strategic+operative", NULL },
  { "Vansbro", "in_progress", "strategic+operative", NULL },
  /* "Inte klart (LÖK är påbörjad …" */
  { "Rättvik", "in_progress", "strategic+operative", NULL },
  /* "Klart, men inte påskrivet ännu." */
  { "Leksand", "ready_unsigned", "strategic+operative", NULL },
  /* "Klart." */
  { "Mora, Orsa och Älvdalen", "signed", "strategic+operative", NULL },
};

static char *
dup_codes (UppResponse *response,
           const char  *question_key)
{
  UppAnswer *answer = upp_response_get_answer (response, question_key);

  if (answer == NULL || upp_answer_get_choice (answer) == NULL)
    return NULL;
  return g_strjoinv ("+", (char **) upp_answer_get_choices (answer));
}

static void
assert_coding (UppStore *store,
               UppRound *round,
               gboolean  example)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (store, round, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (responses->len, ==, G_N_ELEMENTS (dalarna_coding));
  for (guint i = 0; i < G_N_ELEMENTS (dalarna_coding); i++)
    {
      const ExpectedCoding *expected = &dalarna_coding[i];
      const char *unit = example && expected->example_unit != NULL ? expected->example_unit
                                                                   : expected->unit;
      g_autoptr(UppResponse) response = upp_store_find_response (store, round, unit, &error);
      g_autofree char *agreement = NULL;
      g_autofree char *structure = NULL;
      g_autofree char *deviations = NULL;

      g_assert_no_error (error);
      agreement = dup_codes (response, "agreement");
      structure = dup_codes (response, "structure");
      deviations = dup_codes (response, "deviations");
      g_test_message ("%s: %s, %s, %s", unit, agreement, structure, deviations);
      g_assert_cmpstr (agreement, ==, expected->agreement);
      g_assert_cmpstr (structure, ==, expected->structure);
      g_assert_cmpstr (deviations, ==, expected->deviations);
    }
}

static guint
count_coded_answers (UppStore *store,
                     UppRound *round)
{
  g_autoptr(GPtrArray) responses = upp_store_list_responses (store, round, NULL);
  guint n = 0;

  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      const char *keys[] = { "agreement", "structure", "deviations" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          g_autofree char *codes = dup_codes (response, keys[k]);

          n += codes != NULL;
        }
    }
  return n;
}

/* The suggestions are what a reader would code; listing them codes nothing, accepting them
 * codes exactly those answers and keeps every text. */
static void
test_dalarna_suggestions (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "suggest");
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2024);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n_expected = 0;
  guint n_accepted = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dalarna_coding); i++)
    n_expected += (dalarna_coding[i].agreement != NULL) + (dalarna_coding[i].structure != NULL)
                  + (dalarna_coding[i].deviations != NULL);

  suggestions = upp_suggestion_list_for_round (store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, n_expected);
  /* A suggestion is not a code. */
  g_assert_cmpuint (count_coded_answers (store, round), ==, 0);

  for (guint i = 0; i < suggestions->len; i++)
    {
      UppSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      g_autofree char *matched = upp_suggestion_dup_matched (suggestion);
      UppAnswer *answer = upp_response_get_answer (upp_suggestion_get_response (suggestion),
                                                   upp_suggestion_get_question_key (suggestion));

      /* The matched words are words of the answer, whatever their case. */
      g_assert_nonnull (matched);
      if (strchr (matched, ';') == NULL)
        {
          g_autofree char *text = g_utf8_casefold (upp_answer_get_text (answer), -1);
          g_autofree char *words = g_utf8_casefold (matched, -1);

          g_assert_nonnull (strstr (text, words));
        }
    }

  before = upp_store_list_responses (store, round, &error);
  g_assert_true (upp_store_accept_suggestions (store, round, suggestions, &n_accepted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_accepted, ==, n_expected);
  assert_coding (store, round, FALSE);

  /* Texts are kept as they were. */
  after = upp_store_list_responses (store, round, &error);
  for (guint i = 0; i < before->len; i++)
    {
      UppResponse *old = g_ptr_array_index (before, i);
      UppResponse *new = g_ptr_array_index (after, i);
      const char *keys[] = { "agreement", "structure", "deviations" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          UppAnswer *old_answer = upp_response_get_answer (old, keys[k]);
          UppAnswer *new_answer = upp_response_get_answer (new, keys[k]);

          g_assert_true ((old_answer == NULL) == (new_answer == NULL));
          if (old_answer != NULL)
            g_assert_cmpstr (upp_answer_get_text (old_answer), ==,
                             upp_answer_get_text (new_answer));
        }
    }

  /* Coded answers are suggested nothing. */
  again = upp_suggestion_list_for_round (store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);

  g_clear_object (&round);
  test_close_store (&store, &dir);
}

/* An answer the analyst codes after the suggestion was listed keeps the analyst's code. */
static void
test_accept_keeps_chosen_code (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "suggest");
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2024);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(UppResponse) falun = NULL;
  g_autoptr(GError) error = NULL;
  const char *signed_code[] = { "signed", NULL };
  guint n_accepted = 0;
  guint n_suggested;

  suggestions = upp_suggestion_list_for_round (store, round, &error);
  g_assert_no_error (error);
  n_suggested = suggestions->len;

  falun = upp_store_find_response (store, round, "Falun", &error);
  g_assert_true (upp_store_set_answer (store, round, falun, "agreement", "Nej Men arbete pågår",
                                       signed_code, &error));
  g_assert_no_error (error);

  g_assert_true (upp_store_accept_suggestions (store, round, suggestions, &n_accepted, &error));
  g_assert_no_error (error);
  g_clear_object (&falun);
  falun = upp_store_find_response (store, round, "Falun", &error);
  g_assert_cmpstr (upp_answer_get_choice (upp_response_get_answer (falun, "agreement")), ==,
                   "signed");
  g_assert_cmpstr (upp_answer_get_choice (upp_response_get_answer (falun, "structure")), ==,
                   "strategic");
  g_assert_cmpuint (n_accepted, ==, n_suggested - 1);

  g_clear_object (&round);
  test_close_store (&store, &dir);
}

/* One text: the first matching choice of a single choice, every one of a multiple choice,
 * none for a text question or a text that matches nothing. */
static void
test_suggestion_for_text (void)
{
  g_autoptr(UppTemplate) template = upp_template_new_builtin_lok ();
  UppQuestion *agreement = upp_template_find_question (template, "agreement");
  UppQuestion *structure = upp_template_find_question (template, "structure");
  UppQuestion *other = upp_template_find_question (template, "other");
  g_autoptr(UppSuggestion) in_progress = NULL;
  g_autoptr(UppSuggestion) both = NULL;
  g_autoptr(UppSuggestion) nothing = NULL;
  g_autoptr(UppSuggestion) text_only = NULL;
  g_autofree char *label = NULL;
  g_autofree char *matched = NULL;

  in_progress = upp_suggestion_new_for_text (agreement, NULL, "NEJ, men ARBETE PÅGÅR");
  g_assert_nonnull (in_progress);
  g_assert_cmpstrv (upp_suggestion_get_choices (in_progress),
                    ((const char *[]) { "in_progress", NULL }));
  label = upp_suggestion_dup_label (in_progress);
  g_assert_cmpstr (label, ==, "Arbete pågår");
  matched = upp_suggestion_dup_matched (in_progress);
  g_assert_cmpstr (matched, ==, "PÅGÅR");

  both = upp_suggestion_new_for_text (structure, NULL,
                                      "Styrgrupp och integrerad beroendemottagning (IBM).");
  g_assert_cmpstrv (upp_suggestion_get_choices (both),
                    ((const char *[]) { "strategic", "operative", NULL }));

  nothing = upp_suggestion_new_for_text (agreement, NULL, "Har ej fått in svar");
  g_assert_null (nothing);
  text_only = upp_suggestion_new_for_text (other, NULL, "Arbete pågår");
  g_assert_null (text_only);
}

/* Charts tell a unit that answered but is not coded yet from one that gave no answer. */
static void
test_chart_not_coded (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "suggest");
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2024);
  g_autoptr(UppResponse) mora = NULL;
  g_autoptr(UppChart) agreement = NULL;
  g_autoptr(UppChart) deviations = NULL;
  g_autoptr(UppChart) distribution = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *signed_code[] = { "signed", NULL };
  const char *regular[] = { "regular", NULL };

  mora = upp_store_find_response (store, round, "Mora, Orsa och Älvdalen", &error);
  g_assert_true (upp_store_set_answer (store, round, mora, "agreement", "Klart.", signed_code,
                                       &error));
  g_assert_true (upp_store_set_answer (store, round, mora, "deviations", "", regular, &error));
  g_assert_no_error (error);

  agreement = upp_chart_new_for_round (store, round, UPP_CHART_CODED_BY_UNIT, "agreement",
                                       &error);
  g_assert_no_error (error);
  text = upp_chart_dup_text (agreement);
  g_assert_nonnull (strstr (text, "Mora, Orsa och Älvdalen: Klar och undertecknad\n"));
  g_assert_nonnull (strstr (text, "Falun: Not coded\n"));
  /* Gagnef declined: what it wrote says so, it is no answer. */
  g_assert_nonnull (strstr (text, "Gagnef: No answer\n"));
  g_clear_pointer (&text, g_free);

  deviations = upp_chart_new_for_round (store, round, UPP_CHART_CODED_BY_UNIT, "deviations",
                                        &error);
  text = upp_chart_dup_text (deviations);
  g_assert_nonnull (strstr (text, "Säter: Not coded\n"));
  g_assert_nonnull (strstr (text, "Leksand: No answer\n"));
  g_clear_pointer (&text, g_free);

  distribution = upp_chart_new_for_round (store, round, UPP_CHART_DISTRIBUTION, "agreement",
                                          &error);
  text = upp_chart_dup_text (distribution);
  g_assert_nonnull (strstr (text, "Not coded"));

  g_clear_object (&round);
  test_close_store (&store, &dir);
}


/* Phrases travel with the template in exchange files, and a laptop whose template has none
 * (an older app) still takes a file from one that has them: they ask the same. */
static void
test_exchange_keeps_phrases (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) mine = test_open_store (dir, "mine");
  g_autoptr(UppStore) theirs = test_open_store (dir, "theirs");
  g_autoptr(UppRound) round = test_import_dalarna_round (mine, 2024);
  g_autoptr(UppRound) their_round = test_import_dalarna_round (theirs, 2023);
  g_autoptr(UppTemplate) plain = upp_template_new_builtin_lok ();
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  g_autofree char *plain_json = NULL;
  sqlite3_stmt *statement = NULL;

  path = test_export_exchange (mine, dir, "mine", upp_round_get_uuid (round));
  g_assert_true (g_file_get_contents (path, &file, NULL, NULL));
  g_assert_nonnull (strstr (file, "klar och underteckn"));

  /* Their template as an app without phrases keeps it. */
  for (guint q = 0; q < upp_template_get_n_questions (plain); q++)
    {
      GPtrArray *choices = upp_question_get_choices (upp_template_get_question (plain, q));

      for (guint c = 0; c < choices->len; c++)
        upp_choice_set_match (g_ptr_array_index (choices, c), NULL);
    }
  plain_json = upp_template_to_json (plain);
  g_assert_null (strstr (plain_json, "match"));
  g_assert_cmpint (sqlite3_prepare_v2 (upp_store_get_db (theirs),
                                       "UPDATE templates SET json = ?1 WHERE key = 'lok'", -1,
                                       &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, plain_json, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  upp_store_forget_cache (theirs);

  summary = upp_exchange_import_file (theirs, path, UPP_EXCHANGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  g_clear_object (&round);
  g_clear_object (&their_round);
  g_clear_object (&theirs);
  test_close_store (&mine, &dir);
}

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The example's units named as written out whole: no hyphen left from a line break, no
 * parenthesis left open, no space around. */
static void
assert_example_unit_names (UppStore *store,
                           UppRound *round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (store, round, &error);
  guint found_groups = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (responses->len, ==, 11);
  for (guint i = 0; i < responses->len; i++)
    {
      const char *name = upp_unit_get_name (upp_response_get_unit (g_ptr_array_index (responses,
                                                                                    i)));
      guint open = 0, close = 0;

      for (const char *p = name; *p != '\0'; p++)
        {
          open += *p == '(';
          close += *p == ')';
        }
      g_test_message ("unit: “%s”", name);
      g_assert_cmpuint (open, ==, close);
      g_assert_null (strstr (name, "- "));
      g_assert_false (g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]));
      found_groups += g_str_equal (name, "Västerbergslagen (Ludvika och Smedjebacken)") ||
                      g_str_equal (name, "Södra (Avesta och Hedemora)");
    }
  g_assert_cmpuint (found_groups, ==, 2);
}

/* The example as the first start imports it: coded as a reader would code it, so its charts
 * have something to show. */
static void
test_example_ships_coded (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "example.db", NULL);
  g_autoptr(UppSession) session = upp_session_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(UppImportResult) imported = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  gpointer weak;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  upp_session_import_example_async (session, NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  imported = upp_session_import_example_finish (session, result, &error);
  g_assert_no_error (error);

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  round = test_load_round (store, imported->round_uuid);
  /* The follow-up of its own year, whatever year the app first starts in. */
  g_assert_cmpint (upp_round_get_year (round), ==, UPP_IMPORT_DALARNA_EXAMPLE_YEAR);
  assert_example_unit_names (store, round);
  assert_coding (store, round, TRUE);
  suggestions = upp_suggestion_list_for_round (store, round, &error);
  g_assert_cmpuint (suggestions->len, ==, 0);

  /* Gagnef's "Har ej fått in svar" is its status, not an answer, as the CSV import takes it. */
  g_assert_cmpuint (upp_round_get_n_answered (round), ==, 10);
  g_assert_cmpuint (imported->n_units_answered, ==, 10);
  g_assert_cmpuint (imported->units_without_answer->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (imported->units_without_answer, 0), ==, "Gagnef");
  {
    g_autoptr(UppResponse) gagnef = test_find_response (store, round, "Gagnef");

    g_assert_cmpint (upp_response_get_status (gagnef), ==, UPP_RESPONSE_STATUS_NO_ANSWER);
    g_assert_cmpuint (upp_response_count_answered (gagnef, upp_round_get_template (round)), ==,
                      0);
  }

  g_clear_object (&round);
  g_clear_object (&store);
  g_clear_object (&result);
  weak = session;
  g_object_add_weak_pointer (G_OBJECT (session), &weak);
  g_clear_object (&session);
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       weak != NULL && g_get_monotonic_time () < deadline;)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  test_remove_tree (dir);
}

/* The built-in template as databases made before match phrases stored it. */
static UppTemplate *
builtin_without_phrases (void)
{
  UppTemplate *template = upp_template_new_builtin_lok ();

  for (guint q = 0; q < upp_template_get_n_questions (template); q++)
    {
      GPtrArray *choices = upp_question_get_choices (upp_template_get_question (template, q));

      for (guint c = 0; c < choices->len; c++)
        upp_choice_set_match (g_ptr_array_index (choices, c), NULL);
    }
  return template;
}

static char *
query (const char *path,
       const char *sql)
{
  const char *argv[] = { "sqlite3", path, sql, NULL };

  return test_run (argv, NULL);
}

/* A schema 4 database with the phrase-less LÖK template gets the shipped phrases when it is
 * migrated, and with them suggestions; a version of the template the user edited stays as it
 * was, byte for byte. */
static void
test_migrate_v4_phrases (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "v4.db", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "v4");
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2024);
  g_autoptr(UppTemplate) old = builtin_without_phrases ();
  g_autoptr(UppTemplate) edited = builtin_without_phrases ();
  g_autofree char *old_json = upp_template_to_json (old);
  g_autofree char *edited_uuid = upp_new_uuid ();
  g_autofree char *edited_before = NULL;
  g_autofree char *edited_after = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(UppRound) migrated = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *statement = NULL;
  sqlite3 *db = NULL;
  const char *round_uuid = upp_round_get_uuid (round);

  /* The user's own version: another question text, no phrases. */
  upp_template_set_uuid (edited, edited_uuid);
  upp_template_set_version (edited, 2);
  upp_question_set_text (upp_template_get_question (edited, 0), "Har ni en LÖK?");
  g_assert_true (upp_store_save_template (store, edited, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE templates SET json = ? "
                                       "WHERE key = 'lok' AND version = 1", -1, &statement,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, old_json, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  /* Schemas 5 to 7 only added tables and columns. */
  g_assert_cmpint (sqlite3_exec (db, TEST_SQL_UNDO_SCHEMA_10
                                     TEST_SQL_UNDO_SCHEMA_9 TEST_SQL_UNDO_SCHEMA_8
                                 TEST_SQL_UNDO_SCHEMA_7 TEST_SQL_UNDO_SCHEMA_6
                                 "DROP TABLE removed_codings;"
                                 "ALTER TABLE codings DROP COLUMN quote;"
                                 "ALTER TABLE themes DROP COLUMN merged_into;"
                                 "PRAGMA user_version = 4;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  text = query (path, "SELECT instr(json, '\"match\"') > 0 FROM templates WHERE key = 'lok' "
                "ORDER BY version");
  g_assert_cmpstr (text, ==, "0\n0\n");
  edited_before = query (path, "SELECT json, modified FROM templates WHERE version = 2");

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = query (path, "PRAGMA user_version");
  g_assert_cmpstr (text, ==, "10\n");
  g_clear_pointer (&text, g_free);
  text = query (path, "SELECT version, instr(json, '\"match\"') > 0 FROM templates "
                "WHERE key = 'lok' ORDER BY version");
  g_assert_cmpstr (text, ==, "1|1\n2|0\n");
  edited_after = query (path, "SELECT json, modified FROM templates WHERE version = 2");
  g_assert_cmpstr (edited_after, ==, edited_before);

  /* The round that ran with the built-in template suggests codes again. */
  migrated = test_load_round (store, round_uuid);
  suggestions = upp_suggestion_list_for_round (store, migrated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, >, 10);

  test_close_store (&store, &dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggestion/for-text", test_suggestion_for_text);
  g_test_add_func ("/suggestion/dalarna", test_dalarna_suggestions);
  g_test_add_func ("/suggestion/accept-keeps-chosen-code", test_accept_keeps_chosen_code);
  g_test_add_func ("/suggestion/chart-not-coded", test_chart_not_coded);
  g_test_add_func ("/suggestion/exchange-keeps-phrases", test_exchange_keeps_phrases);
  g_test_add_func ("/suggestion/example-ships-coded", test_example_ships_coded);
  g_test_add_func ("/suggestion/migrate-v4-phrases", test_migrate_v4_phrases);

  return g_test_run ();
}
