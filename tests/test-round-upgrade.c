/* test-round-upgrade.c: a round moved to a newer template version keeps every answer and
 * carries them over to the renamed, split and merged questions, the same on every computer
 * (issue 15)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "exchange/exchange-common.h"
#include "test-util.h"
#include "upp-store-exchange.h"
#include "upp-answer.h"
#include "upp-backup.h"
#include "upp-coding.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-template.h"
#include "upp-theme.h"

#define DALARNA "20"

typedef struct
{
  char        *dir;
  UppStore    *store;
  UppRound    *round;     /* 2025, the built-in template's first version */
  UppTemplate *template;  /* version 2 */
} Fixture;

static UppQuestion *
new_question (const char         *key,
              const char         *number,
              const char         *text,
              UppQuestionKind     kind,
              const char * const *from)
{
  UppQuestion *question = upp_question_new (key, number, text, number, kind);

  upp_question_set_from (question, from);
  return question;
}

static void
remove_question (UppTemplate *template,
                 const char  *key)
{
  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      if (g_strcmp0 (upp_question_get_key (upp_template_get_question (template, i)), key) == 0)
        {
          upp_template_remove_question (template, i);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Version 2 of the built-in template: question 2 renamed (same choices), 3 and 4 merged,
 * 5 removed, 6 split in two, 7 new. */
static UppTemplate *
make_version_2 (UppStore *store)
{
  const char *from_structure[] = { "structure", NULL };
  const char *from_experiences[] = { "good_examples", "challenges", NULL };
  const char *from_other[] = { "other", NULL };
  const char *from_nothing[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) lok = upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_LOK, 1,
                                                        &error);
  UppTemplate *template;
  UppQuestion *collaboration;
  GPtrArray *choices;

  g_assert_no_error (error);
  template = upp_template_duplicate (lok, NULL, NULL);
  upp_template_set_version (template, 2);
  collaboration = new_question ("collaboration", "2b", "Hur samverkar ni?",
                                UPP_QUESTION_KIND_MULTIPLE_CHOICE, from_structure);
  choices = upp_question_get_choices (upp_template_find_question (lok, "structure"));
  for (guint i = 0; i < choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (choices, i);

      upp_question_add_choice (collaboration, choice->key, choice->label);
    }
  for (guint i = 0; i < 5; i++)
    {
      const char *removed[] = { "structure", "good_examples", "challenges", "deviations",
                                "other" };

      remove_question (template, removed[i]);
    }
  upp_template_add_question (template, collaboration);
  upp_template_add_question (template, new_question ("experiences", "3", "Erfarenheter?",
                                                     UPP_QUESTION_KIND_TEXT,
                                                     from_experiences));
  upp_template_add_question (template, new_question ("other_region", "6a", "Till regionen?",
                                                     UPP_QUESTION_KIND_TEXT, from_other));
  upp_template_add_question (template, new_question ("other_municipality", "6b",
                                                     "Till kommunen?", UPP_QUESTION_KIND_TEXT,
                                                     from_other));
  upp_template_add_question (template, new_question ("followup", "7", "Uppföljning?",
                                                     UPP_QUESTION_KIND_TEXT, from_nothing));
  g_assert_true (upp_store_save_template (store, template, &error));
  g_assert_no_error (error);
  return template;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *strategic[] = { "strategic", NULL };
  static const char *regular[] = { "regular", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(UppResponse) falun = NULL;
  const char *round_uuid;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "upgrade");
  fixture->round = test_import_dalarna_round (fixture->store, 2025);
  round_uuid = upp_round_get_uuid (fixture->round);
  test_set_answer_choices (fixture->store, round_uuid, "Falun", "structure",
                           "Styrgrupp varje kvartal", strategic);
  test_set_answer (fixture->store, round_uuid, "Falun", "good_examples", "Gemensam utbildning");
  test_set_answer (fixture->store, round_uuid, "Falun", "challenges", "Personalbrist");
  test_set_answer (fixture->store, round_uuid, "Falun", "other", "Tack för samarbetet");
  test_set_answer_choices (fixture->store, round_uuid, "Falun", "deviations", "Varje månad",
                           regular);

  /* "samarbetet" coded in question 6. */
  theme = upp_store_add_theme (fixture->store, DALARNA, "Samverkan", UPP_THEME_KIND_PROMOTING,
                               &error);
  g_assert_no_error (error);
  falun = test_find_response (fixture->store, fixture->round, "Falun");
  coding = upp_store_code_passage (fixture->store, fixture->round, falun, "other", 9, 19, theme,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (coding);

  fixture->template = make_version_2 (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->round);
  g_clear_object (&fixture->template);
  test_close_store (&fixture->store, &fixture->dir);
}

static char *
query (UppStore   *store,
       const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *statement = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (upp_store_get_path (store), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (statement); i++)
        {
          const char *text = (const char *) sqlite3_column_text (statement, i);

          g_string_append_printf (out, "%s|", text != NULL ? text : "<null>");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (sqlite3_finalize (statement), ==, SQLITE_OK);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

#define ANSWER_ROWS \
  "SELECT a.uuid, u.name, a.question_key, a.text, a.choices, a.modified, a.device " \
  "FROM answers a JOIN responses r ON r.id = a.response_id JOIN units u ON u.id = r.unit_id "
#define OLD_KEYS \
  "('agreement', 'structure', 'good_examples', 'challenges', 'deviations', 'other')"

/* One column of one row: a unit's answer to a question, or NULL when it has none. */
static char *
dup_answer_column (UppStore   *store,
                   const char *unit,
                   const char *key,
                   const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT a.%s FROM answers a "
                                          "JOIN responses r ON r.id = a.response_id "
                                          "JOIN units u ON u.id = r.unit_id "
                                          "WHERE u.name = '%s' AND a.question_key = '%s'",
                                          column, unit, key);
  g_autofree char *rows = query (store, sql);

  if (*rows == '\0')
    return NULL;
  g_assert_true (g_str_has_suffix (rows, "|\n"));
  return g_strndup (rows, strlen (rows) - 2);
}

static void
assert_answer_column (UppStore   *store,
                      const char *unit,
                      const char *key,
                      const char *column,
                      const char *expected)
{
  g_autofree char *value = dup_answer_column (store, unit, key, column);

  g_assert_cmpstr (value, ==, expected);
}

static void
upgrade (UppStore    *store,
         UppRound    *round,
         UppTemplate *template)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (upp_store_upgrade_round_template (store, round, template, &error));
  g_assert_no_error (error);
}

static void
test_answers_follow_mapping (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *before = query (fixture->store, ANSWER_ROWS "ORDER BY a.uuid");
  g_autofree char *kept = NULL;
  g_autofree char *codings = NULL;
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *structure_modified = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;
  gboolean backed_up = FALSE;
  struct { const char *key; const char *text; } expected[] = {
    { "collaboration", "Styrgrupp varje kvartal" },
    { "experiences", "Gemensam utbildning\n\nPersonalbrist" },
    { "other_region", "Tack för samarbetet" },
    { "other_municipality", "Tack för samarbetet" },
  };

  upgrade (fixture->store, fixture->round, fixture->template);

  round = test_load_round (fixture->store, upp_round_get_uuid (fixture->round));
  g_assert_cmpint (upp_template_get_version (upp_round_get_template (round)), ==, 2);

  /* Every old answer as it was. */
  kept = query (fixture->store, ANSWER_ROWS "WHERE a.question_key IN " OLD_KEYS
                " ORDER BY a.uuid");
  g_assert_cmpstr (kept, ==, before);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = dup_answer_column (fixture->store, "Falun", expected[i].key,
                                                 "text");
      g_autofree char *uuid = dup_answer_column (fixture->store, "Falun", expected[i].key,
                                                 "uuid");

      g_assert_cmpstr (text, ==, expected[i].text);
      g_assert_true (g_uuid_string_is_valid (uuid));
    }
  /* The same choice keys: the choices follow, and the time of the answer they came from. */
  assert_answer_column (fixture->store, "Falun", "collaboration", "choices", "strategic");
  structure_modified = dup_answer_column (fixture->store, "Falun", "structure", "modified");
  assert_answer_column (fixture->store, "Falun", "collaboration", "modified",
                        structure_modified);
  /* Nothing for the new question or under the removed one's key. */
  assert_answer_column (fixture->store, "Falun", "followup", "text", NULL);
  assert_answer_column (fixture->store, "Falun", "deviations", "text", "Varje månad");

  /* The coded passage of question 6 is coded in both its halves. */
  codings = query (fixture->store,
                   "SELECT a.question_key, c.start_char, c.end_char, c.anchor FROM codings c "
                   "JOIN answers a ON a.id = c.answer_id ORDER BY a.question_key");
  g_assert_cmpstr (codings, ==,
                   "other|9|19|samarbetet|\n"
                   "other_municipality|9|19|samarbetet|\n"
                   "other_region|9|19|samarbetet|\n");

  folder = g_dir_open (backups, 0, NULL);
  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    backed_up |= strstr (name, UPP_BACKUP_BEFORE_UPGRADE) != NULL;
  g_assert_true (backed_up);
}

/* Two computers that upgrade the same round make the same answers, uuids included. */
static void
test_same_on_two_computers (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(UppStore) other = NULL;
  g_autoptr(UppRound) other_round = NULL;
  g_autoptr(UppTemplate) other_template = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  const char *sql = ANSWER_ROWS "ORDER BY a.uuid";
  const char *coding_sql = "SELECT uuid, answer_id, start_char FROM codings ORDER BY uuid";

  g_assert_true (upp_store_backup_to (fixture->store, copy_path, &error));
  g_assert_no_error (error);
  other = upp_store_open (copy_path, &error);
  g_assert_no_error (error);
  other_round = test_load_round (other, upp_round_get_uuid (fixture->round));
  other_template = upp_store_load_template (other, UPP_TEMPLATE_BUILTIN_LOK, 2, &error);
  g_assert_no_error (error);

  upgrade (fixture->store, fixture->round, fixture->template);
  g_usleep (2000);
  upgrade (other, other_round, other_template);

  ours = query (fixture->store, sql);
  theirs = query (other, sql);
  g_assert_cmpstr (ours, ==, theirs);
  g_free (ours);
  g_free (theirs);
  ours = query (fixture->store, coding_sql);
  theirs = query (other, coding_sql);
  g_assert_cmpstr (ours, ==, theirs);
}

static void
assert_refused (Fixture     *fixture,
                UppTemplate *template,
                const char  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  before = test_dup_database_bytes (fixture->store, &before_length);
  g_assert_false (upp_store_upgrade_round_template (fixture->store, fixture->round, template,
                                                    &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_null (strchr (error->message, '\n'));
  after = test_dup_database_bytes (fixture->store, &after_length);
  g_assert_cmpmem (after, after_length, before, before_length);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) version_1 = upp_store_load_template (fixture->store,
                                                              UPP_TEMPLATE_BUILTIN_LOK, 1,
                                                              &error);
  g_autoptr(UppTemplate) other_key = upp_template_duplicate (fixture->template, "annan",
                                                             NULL);
  g_autoptr(UppRound) round = NULL;

  g_assert_no_error (error);
  upp_template_set_version (other_key, 3);
  g_assert_true (upp_store_save_template (fixture->store, other_key, &error));
  g_assert_no_error (error);

  assert_refused (fixture, other_key, "is not a version of");
  assert_refused (fixture, version_1, "already uses version 1");

  /* Upgraded, the same version again is refused and changes nothing. */
  upgrade (fixture->store, fixture->round, fixture->template);
  assert_refused (fixture, fixture->template, "already uses version 2");
  assert_refused (fixture, version_1, "already uses version 2");
  round = test_load_round (fixture->store, upp_round_get_uuid (fixture->round));
  g_assert_cmpint (upp_template_get_version (upp_round_get_template (round)), ==, 2);
}

/* ---- between computers ------------------------------------------------------------------ */

/* Two laptops that start from the coordinator's database (the fixture's, with version 2
 * stored but no round using it yet). */
typedef struct
{
  UppStore *a;
  UppStore *b;
} Laptops;

static void
laptops_set_up (Fixture *fixture,
                Laptops *laptops)
{
  g_autofree char *start = test_export_exchange (fixture->store, fixture->dir, "start", NULL);
  g_autoptr(UppExchangeSummary) to_a = NULL;
  g_autoptr(UppExchangeSummary) to_b = NULL;

  laptops->a = test_open_store (fixture->dir, "laptop-a");
  laptops->b = test_open_store (fixture->dir, "laptop-b");
  to_a = test_import_exchange (laptops->a, start, UPP_EXCHANGE_IMPORT_NO_BACKUP);
  to_b = test_import_exchange (laptops->b, start, UPP_EXCHANGE_IMPORT_NO_BACKUP);
}

static void
laptops_clear (Laptops *laptops)
{
  g_clear_object (&laptops->a);
  g_clear_object (&laptops->b);
}

static void
upgrade_laptop (UppStore   *store,
                const char *round_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppTemplate) newer = upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_LOK, 2,
                                                          &error);

  g_assert_no_error (error);
  upgrade (store, round, newer);
}

/* Sends from's round to to; the import's summary. */
static UppExchangeSummary *
send (Fixture    *fixture,
      UppStore   *from,
      UppStore   *to)
{
  g_autofree char *path = test_export_exchange (from, fixture->dir, "sent",
                                                upp_round_get_uuid (fixture->round));

  return test_import_exchange (to, path, UPP_EXCHANGE_IMPORT_NO_BACKUP);
}

static int
round_version (UppStore   *store,
               const char *round_uuid)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);

  return upp_template_get_version (upp_round_get_template (round));
}

#define SHARED_ROWS ANSWER_ROWS "ORDER BY a.uuid"

static void
assert_in_step (Laptops *laptops)
{
  g_autofree char *a = query (laptops->a, SHARED_ROWS);
  g_autofree char *b = query (laptops->b, SHARED_ROWS);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (upp_store_count_conflicts (laptops->a), ==, 0);
  g_assert_cmpuint (upp_store_count_conflicts (laptops->b), ==, 0);
}

/* A upgrades and edits an answer under a new key, B edits another answer without knowing of
 * the upgrade; whichever sends first, both end upgraded with both edits and no conflict. */
static void
test_exchange_upgrade (Fixture       *fixture,
                       gconstpointer  data)
{
  gboolean a_first = GPOINTER_TO_INT (data);
  const char *round_uuid = upp_round_get_uuid (fixture->round);
  Laptops laptops = { 0 };
  g_autoptr(UppExchangeSummary) first = NULL;
  g_autoptr(UppExchangeSummary) second = NULL;
  g_autoptr(UppExchangeSummary) again = NULL;
  g_autofree char *region_text = NULL;
  g_autofree char *agreement_text = NULL;

  laptops_set_up (fixture, &laptops);
  upgrade_laptop (laptops.a, round_uuid);
  test_set_answer (laptops.a, round_uuid, "Falun", "other_region", "Mer stöd från regionen");
  test_set_answer (laptops.b, round_uuid, "Falun", "agreement", "Undertecknad i maj");

  if (a_first)
    {
      first = send (fixture, laptops.a, laptops.b);
      g_assert_cmpint (round_version (laptops.b, round_uuid), ==, 2);
      second = send (fixture, laptops.b, laptops.a);
    }
  else
    {
      first = send (fixture, laptops.b, laptops.a);
      /* An older version in the file changes nothing. */
      g_assert_cmpint (round_version (laptops.a, round_uuid), ==, 2);
      second = send (fixture, laptops.a, laptops.b);
    }
  g_assert_cmpuint (first->conflicts, ==, 0);
  g_assert_cmpuint (second->conflicts, ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      UppStore *store = i == 0 ? laptops.a : laptops.b;

      g_assert_cmpint (round_version (store, round_uuid), ==, 2);
      region_text = test_dup_answer_text (store, round_uuid, "Falun", "other_region");
      g_assert_cmpstr (region_text, ==, "Mer stöd från regionen");
      g_clear_pointer (&region_text, g_free);
      agreement_text = test_dup_answer_text (store, round_uuid, "Falun", "agreement");
      g_assert_cmpstr (agreement_text, ==, "Undertecknad i maj");
      g_clear_pointer (&agreement_text, g_free);
      assert_answer_column (store, "Falun", "other", "text", "Tack för samarbetet");
    }
  assert_in_step (&laptops);

  /* Upgraded on both, the same file again changes nothing. */
  again = send (fixture, laptops.a, laptops.b);
  g_assert_true (upp_exchange_summary_is_empty (again));
  laptops_clear (&laptops);
}

/* B edits question 6 before it learns of A's upgrade: its answer is the newer one, on both. */
static void
test_exchange_old_answer_edited (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *round_uuid = upp_round_get_uuid (fixture->round);
  Laptops laptops = { 0 };
  g_autoptr(UppExchangeSummary) to_b = NULL;
  g_autoptr(UppExchangeSummary) to_a = NULL;

  laptops_set_up (fixture, &laptops);
  upgrade_laptop (laptops.a, round_uuid);
  test_set_answer (laptops.b, round_uuid, "Falun", "other", "Tack för i år");

  to_b = send (fixture, laptops.a, laptops.b);
  to_a = send (fixture, laptops.b, laptops.a);
  g_assert_cmpuint (to_b->conflicts, ==, 0);
  g_assert_cmpuint (to_a->conflicts, ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      UppStore *store = i == 0 ? laptops.a : laptops.b;

      assert_answer_column (store, "Falun", "other", "text", "Tack för i år");
      assert_answer_column (store, "Falun", "other_region", "text", "Tack för i år");
    }
  assert_in_step (&laptops);
  laptops_clear (&laptops);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/round-upgrade/answers-follow-mapping", Fixture, NULL, fixture_set_up,
              test_answers_follow_mapping, fixture_tear_down);
  g_test_add ("/round-upgrade/same-on-two-computers", Fixture, NULL, fixture_set_up,
              test_same_on_two_computers, fixture_tear_down);
  g_test_add ("/round-upgrade/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/round-upgrade/exchange/upgraded-sends-first", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_exchange_upgrade, fixture_tear_down);
  g_test_add ("/round-upgrade/exchange/older-sends-first", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_exchange_upgrade, fixture_tear_down);
  g_test_add ("/round-upgrade/exchange/old-answer-edited", Fixture, NULL, fixture_set_up,
              test_exchange_old_answer_edited, fixture_tear_down);
  return g_test_run ();
}
