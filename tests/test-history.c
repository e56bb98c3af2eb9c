/* test-history.c: the history of every answer: editings collapsed, every other save its own
 * version, restoring, conflicts resolved, the exchange within its bound, migration, and the
 * word diff the window shows
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "uppfoljning.h"
#include "test-util.h"

typedef struct
{
  char     *dir;
  UppStore *store;
  char     *round_uuid;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "history");
  fixture->round_uuid = test_import_dalarna_uuid (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->round_uuid, g_free);
  test_close_store (&fixture->store, &fixture->dir);
}

/* Saves the answer as the form's autosave does, within the editing named (NULL: none). */
static void
save (UppStore        *store,
      const char      *round_uuid,
      const char      *unit,
      const char      *key,
      const char      *text,
      UppAnswerOrigin  origin,
      const char      *editing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) response = test_find_response (store, round, unit);

  g_assert_true (upp_store_set_answer_from (store, round, response, key, text, NULL, origin,
                                            editing, &error));
  g_assert_no_error (error);
  g_usleep (1000);
}

static GPtrArray *
versions_of (UppStore   *store,
             const char *round_uuid,
             const char *unit,
             const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) response = test_find_response (store, round, unit);
  UppAnswer *answer = upp_response_get_answer (response, key);
  GPtrArray *versions;

  g_assert_nonnull (answer);
  versions = upp_store_list_answer_versions (store, upp_answer_get_uuid (answer), &error);
  g_assert_no_error (error);
  g_assert_nonnull (versions);
  return versions;
}

static const char *
text_of (GPtrArray *versions,
         guint      i)
{
  g_assert_cmpuint (i, <, versions->len);
  return upp_answer_version_get_text (g_ptr_array_index (versions, i));
}

static UppAnswerOrigin
origin_of (GPtrArray *versions,
           guint      i)
{
  return upp_answer_version_get_origin (g_ptr_array_index (versions, i));
}

/* Moves every version a minute and a half back, as a pause after the last would. */
static void
pause_a_while (UppStore *store)
{
  g_autofree char *path = g_strdup (upp_store_get_path (store));
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE answer_versions SET modified = "
                                 "strftime('%Y-%m-%dT%H:%M:%fZ', modified, '-90 seconds')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Three bursts of typing: the first left by moving on, the second ended by a pause; each is
 * one version however many autosaves it had. Each CLI answer is a version of its own. */
static void
test_bursts (Fixture       *fixture,
             gconstpointer  data)
{
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GString) typed = g_string_new ("Vi");

  for (guint i = 0; i < 20; i++)
    {
      g_string_append (typed, " har");
      save (fixture->store, round_uuid, "Vansbro", "other", typed->str, UPP_ANSWER_ORIGIN_EDIT,
            "editing-1");
    }
  /* The officer left the answer: the next editing has a new token. */
  save (fixture->store, round_uuid, "Vansbro", "other", "Andra omgången.",
        UPP_ANSWER_ORIGIN_EDIT, "editing-2");
  save (fixture->store, round_uuid, "Vansbro", "other", "Andra omgången, mer.",
        UPP_ANSWER_ORIGIN_EDIT, "editing-2");
  /* A minute's pause in the same editing begins a new version. */
  pause_a_while (fixture->store);
  save (fixture->store, round_uuid, "Vansbro", "other", "Efter pausen.",
        UPP_ANSWER_ORIGIN_EDIT, "editing-2");
  save (fixture->store, round_uuid, "Vansbro", "other", "Från kommandoraden.",
        UPP_ANSWER_ORIGIN_CLI, NULL);
  save (fixture->store, round_uuid, "Vansbro", "other", "Igen från kommandoraden.",
        UPP_ANSWER_ORIGIN_CLI, NULL);
  /* An unchanged save is no version. */
  save (fixture->store, round_uuid, "Vansbro", "other", "Igen från kommandoraden.",
        UPP_ANSWER_ORIGIN_CLI, NULL);

  versions = versions_of (fixture->store, round_uuid, "Vansbro", "other");
  g_assert_cmpuint (versions->len, ==, 5);
  g_assert_cmpstr (text_of (versions, 0), ==, typed->str);
  g_assert_cmpstr (text_of (versions, 1), ==, "Andra omgången, mer.");
  g_assert_cmpstr (text_of (versions, 2), ==, "Efter pausen.");
  g_assert_cmpstr (text_of (versions, 3), ==, "Från kommandoraden.");
  g_assert_cmpstr (text_of (versions, 4), ==, "Igen från kommandoraden.");
  g_assert_cmpint (origin_of (versions, 0), ==, UPP_ANSWER_ORIGIN_EDIT);
  g_assert_cmpint (origin_of (versions, 4), ==, UPP_ANSWER_ORIGIN_CLI);
  g_assert_cmpstr (upp_answer_version_get_device (versions->pdata[4]), ==,
                   upp_store_get_device_id (fixture->store));
  g_assert_cmpstr (upp_answer_version_get_author (versions->pdata[4]), ==,
                   upp_store_get_author ());
  /* The newest version is the answer's value and stamp now. */
  {
    g_autoptr(UppRound) round = test_load_round (fixture->store, round_uuid);
    g_autoptr(UppResponse) response = test_find_response (fixture->store, round, "Vansbro");
    UppAnswer *answer = upp_response_get_answer (response, "other");

    g_assert_cmpstr (upp_answer_version_get_modified (versions->pdata[4]), ==,
                     upp_answer_get_modified (answer));
  }
}

/* Restoring is a new version with the old value: nothing is lost, and a bad version id
 * changes nothing. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autofree char *before_bad = NULL;
  g_autofree char *after_bad = NULL;
  g_autoptr(GError) error = NULL;
  gsize before_length = 0, after_length = 0;

  save (fixture->store, round_uuid, "Säter", "challenges", "Först.", UPP_ANSWER_ORIGIN_EDIT,
        "a");
  save (fixture->store, round_uuid, "Säter", "challenges", "Sedan.", UPP_ANSWER_ORIGIN_EDIT,
        "b");
  save (fixture->store, round_uuid, "Säter", "challenges", "Sist.", UPP_ANSWER_ORIGIN_EDIT,
        "c");
  versions = versions_of (fixture->store, round_uuid, "Säter", "challenges");
  /* The imported value first, then the three editings. */
  g_assert_cmpuint (versions->len, ==, 4);
  g_assert_cmpint (origin_of (versions, 0), ==, UPP_ANSWER_ORIGIN_IMPORT);

  round = test_load_round (fixture->store, round_uuid);
  response = test_find_response (fixture->store, round, "Säter");
  g_assert_true (upp_store_restore_answer_version (fixture->store, round, response,
                                                   "challenges",
                                                   upp_answer_version_get_id (versions->pdata[1]),
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpstr (upp_answer_get_text (upp_response_get_answer (response, "challenges")), ==,
                   "Först.");

  after = versions_of (fixture->store, round_uuid, "Säter", "challenges");
  g_assert_cmpuint (after->len, ==, 5);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (text_of (after, i), ==, text_of (versions, i));
  g_assert_cmpstr (text_of (after, 4), ==, "Först.");
  g_assert_cmpint (origin_of (after, 4), ==, UPP_ANSWER_ORIGIN_RESTORE);

  /* Another answer's version, or none, is refused. */
  before_bad = test_dup_database_bytes (fixture->store, &before_length);
  {
    g_autoptr(GPtrArray) other = versions_of (fixture->store, round_uuid, "Säter", "agreement");

    g_assert_false (upp_store_restore_answer_version (fixture->store, round, response,
                                                      "challenges",
                                                      upp_answer_version_get_id (other->pdata[0]),
                                                      &error));
    g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  after_bad = test_dup_database_bytes (fixture->store, &after_length);
  g_assert_cmpmem (before_bad, before_length, after_bad, after_length);
}

/* History travels: a second database gets every version, marked as from the first
 * computer; the versions are never doubled when they come back. */
static void
test_exchange (Fixture       *fixture,
               gconstpointer  data)
{
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppStore) second = test_open_store (fixture->dir, "second");
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(UppExchangeSummary) back = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GPtrArray) returned = NULL;
  g_autofree char *path = NULL;
  g_autofree char *return_path = NULL;

  save (fixture->store, round_uuid, "Borlänge", "other", "Ett.", UPP_ANSWER_ORIGIN_EDIT, "a");
  save (fixture->store, round_uuid, "Borlänge", "other", "Två.", UPP_ANSWER_ORIGIN_EDIT, "b");
  save (fixture->store, round_uuid, "Borlänge", "other", "Tre.", UPP_ANSWER_ORIGIN_CLI, NULL);
  mine = versions_of (fixture->store, round_uuid, "Borlänge", "other");

  path = test_export_exchange (fixture->store, fixture->dir, "out", round_uuid);
  summary = test_import_exchange (second, path, 0);
  theirs = versions_of (second, round_uuid, "Borlänge", "other");
  g_assert_cmpuint (theirs->len, ==, mine->len);
  for (guint i = 0; i < mine->len; i++)
    {
      UppAnswerVersion *a = mine->pdata[i];
      UppAnswerVersion *b = theirs->pdata[i];

      g_assert_cmpstr (upp_answer_version_get_text (a), ==, upp_answer_version_get_text (b));
      g_assert_cmpstr (upp_answer_version_get_modified (a), ==,
                       upp_answer_version_get_modified (b));
      g_assert_cmpstr (upp_answer_version_get_device (b), ==,
                       upp_store_get_device_id (fixture->store));
      g_assert_cmpstr (upp_answer_version_get_author (a), ==, upp_answer_version_get_author (b));
      g_assert_cmpint (upp_answer_version_get_origin (b), ==, UPP_ANSWER_ORIGIN_EXCHANGE);
    }

  /* Edited on the second computer and sent back: one more version, no doubles. */
  save (second, round_uuid, "Borlänge", "other", "Fyra, från den andra datorn.",
        UPP_ANSWER_ORIGIN_EDIT, "c");
  return_path = test_export_exchange (second, fixture->dir, "back", round_uuid);
  back = test_import_exchange (fixture->store, return_path, 0);
  returned = versions_of (fixture->store, round_uuid, "Borlänge", "other");
  g_assert_cmpuint (returned->len, ==, mine->len + 1);
  g_assert_cmpstr (text_of (returned, mine->len), ==, "Fyra, från den andra datorn.");
  g_assert_cmpstr (upp_answer_version_get_device (returned->pdata[mine->len]), ==,
                   upp_store_get_device_id (second));
}

/* A file carries an answer's 50 newest earlier values; a file with more is refused whole,
 * and the database is as before. */
static void
test_exchange_bound (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppStore) second = test_open_store (fixture->dir, "second");
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *forged_path = NULL;
  g_autofree char *contents = NULL;
  JsonArray *earlier = NULL;
  JsonNode *root;
  JsonArray *rounds;
  gsize before_length = 0, after_length = 0;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *text = g_strdup_printf ("Version %u.", i);

      save (fixture->store, round_uuid, "Leksand", "other", text, UPP_ANSWER_ORIGIN_CLI, NULL);
    }
  path = test_export_exchange (fixture->store, fixture->dir, "out", round_uuid);
  summary = test_import_exchange (second, path, 0);
  theirs = versions_of (second, round_uuid, "Leksand", "other");
  /* 50 earlier values and the value now. */
  g_assert_cmpuint (theirs->len, ==, UPP_EXCHANGE_MAX_ANSWER_VERSIONS + 1);
  g_assert_cmpstr (text_of (theirs, 0), ==, "Version 9.");
  g_assert_cmpstr (text_of (theirs, theirs->len - 1), ==, "Version 59.");

  /* A forged file with one more earlier value than the bound. */
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  rounds = json_object_get_array_member (json_node_get_object (root), "rounds");
  {
    JsonArray *responses = json_object_get_array_member (json_array_get_object_element (rounds, 0),
                                                         "responses");

    for (guint r = 0; r < json_array_get_length (responses) && earlier == NULL; r++)
      {
        JsonArray *answers = json_object_get_array_member (
          json_array_get_object_element (responses, r), "answers");

        for (guint a = 0; a < json_array_get_length (answers); a++)
          {
            JsonObject *answer = json_array_get_object_element (answers, a);

            if (json_object_has_member (answer, "earlier") &&
                json_array_get_length (json_object_get_array_member (answer, "earlier")) == 50)
              earlier = json_object_get_array_member (answer, "earlier");
          }
      }
  }
  g_assert_nonnull (earlier);
  json_array_add_element (earlier, json_node_copy (json_array_get_element (earlier, 0)));
  forged = json_to_string (root, FALSE);
  forged_path = g_build_filename (fixture->dir, "forged.json", NULL);
  g_assert_true (g_file_set_contents (forged_path, forged, -1, &error));

  before = test_dup_database_bytes (second, &before_length);
  g_assert_null (upp_exchange_import_file (second, forged_path, 0, &error));
  g_assert_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "50"));
  after = test_dup_database_bytes (second, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

/* A resolved conflict is a version of its own. */
static void
test_resolution (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppStore) second = test_open_store (fixture->dir, "second");
  g_autoptr(UppExchangeSummary) start = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *path = NULL;
  UppConflict *conflict = NULL;

  first_path = test_export_exchange (fixture->store, fixture->dir, "first", round_uuid);
  start = test_import_exchange (second, first_path, 0);
  save (fixture->store, round_uuid, "Rättvik", "other", "Här.", UPP_ANSWER_ORIGIN_EDIT, "a");
  save (second, round_uuid, "Rättvik", "other", "Där.", UPP_ANSWER_ORIGIN_EDIT, "b");
  path = test_export_exchange (second, fixture->dir, "second", round_uuid);
  summary = test_import_exchange (fixture->store, path, 0);

  conflicts = upp_store_list_conflicts (fixture->store, round_uuid, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    if (g_strcmp0 (upp_conflict_get_question_key (conflicts->pdata[i]), "other") == 0)
      conflict = conflicts->pdata[i];
  g_assert_nonnull (conflict);
  g_assert_true (upp_store_resolve_conflict (fixture->store, upp_conflict_get_id (conflict),
                                             UPP_CONFLICT_USE_TEXT, "Här och där.", &error));
  g_assert_no_error (error);

  versions = versions_of (fixture->store, round_uuid, "Rättvik", "other");
  g_assert_cmpstr (text_of (versions, versions->len - 1), ==, "Här och där.");
  g_assert_cmpint (origin_of (versions, versions->len - 1), ==, UPP_ANSWER_ORIGIN_RESOLUTION);
  /* Both sides' values are there before it. */
  {
    gboolean here = FALSE, there = FALSE;

    for (guint i = 0; i < versions->len; i++)
      {
        here |= g_str_equal (text_of (versions, i), "Här.");
        there |= g_str_equal (text_of (versions, i), "Där.");
      }
    g_assert_true (here);
    g_assert_true (there);
  }
}

/* A database of schema 7 gets the value of each answer as its first version, after a
 * backup. */
static void
test_migrate (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "old");
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  test_set_answer (store, round_uuid, "Vansbro", "other", "Före historiken.");
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, TEST_SQL_UNDO_SCHEMA_10
                                     TEST_SQL_UNDO_SCHEMA_9 TEST_SQL_UNDO_SCHEMA_8
                                 "PRAGMA user_version = 7;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  versions = versions_of (store, round_uuid, "Vansbro", "other");
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpstr (text_of (versions, 0), ==, "Före historiken.");
  g_assert_cmpint (origin_of (versions, 0), ==, UPP_ANSWER_ORIGIN_EARLIER);
  backups = upp_store_list_backups (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, >=, 1);

  g_clear_object (&store);
  test_remove_tree (dir);
}

static char *
describe (GPtrArray *changes)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      UppTextChange *change = changes->pdata[i];
      const char *mark[] = { "", "+", "-" };

      g_string_append_printf (out, "%s[%s]", mark[change->kind], change->text);
    }
  return g_string_free (out, FALSE);
}

static void
test_diff (void)
{
  struct { const char *older, *newer, *expected; } cases[] = {
    { "", "", "" },
    { "", "Ny text.", "+[Ny text.]" },
    { "Gammal text.", "", "-[Gammal text.]" },
    { "Samma.", "Samma.", "[Samma.]" },
    { "Vi har en LÖK.", "Vi har en ny LÖK.", "[Vi har en ]+[ny ][LÖK.]" },
    { "Vi har en gammal LÖK.", "Vi har en ny LÖK.", "[Vi har en ]-[gammal]+[ny][ LÖK.]" },
    { "Möten varje månad.\nSIP används.", "Möten varannan månad.\nSIP används.",
      "[Möten ]-[varje]+[varannan][ månad.\nSIP används.]" },
    { "för", "for", "-[för]+[for]" },
    /* A rewritten sentence reads as what went and what came, not word by word. */
    { "Nej, men arbete pågår.", "Ja, undertecknad i mars.",
      "-[Nej, men arbete pågår]+[Ja, undertecknad i mars][.]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) changes = upp_text_diff (cases[i].older, cases[i].newer);
      g_autofree char *described = describe (changes);
      g_autoptr(GString) older = g_string_new (NULL);
      g_autoptr(GString) newer = g_string_new (NULL);

      g_assert_cmpstr (described, ==, cases[i].expected);
      /* Reading the pieces gives both texts back. */
      for (guint c = 0; c < changes->len; c++)
        {
          UppTextChange *change = changes->pdata[c];

          if (change->kind != UPP_TEXT_CHANGE_INSERTED)
            g_string_append (older, change->text);
          if (change->kind != UPP_TEXT_CHANGE_DELETED)
            g_string_append (newer, change->text);
        }
      g_assert_cmpstr (older->str, ==, cases[i].older);
      g_assert_cmpstr (newer->str, ==, cases[i].newer);
    }

  /* A pasted page is compared within the bound, and still reads back. */
  {
    g_autoptr(GString) long_text = g_string_new (NULL);
    g_autoptr(GPtrArray) changes = NULL;
    g_autoptr(GString) newer = g_string_new (NULL);

    for (guint i = 0; i < 5000; i++)
      g_string_append_printf (long_text, "ord%u ", i);
    changes = upp_text_diff ("Kort.", long_text->str);
    for (guint c = 0; c < changes->len; c++)
      {
        UppTextChange *change = changes->pdata[c];

        if (change->kind != UPP_TEXT_CHANGE_DELETED)
          g_string_append (newer, change->text);
      }
    g_assert_cmpstr (newer->str, ==, long_text->str);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history/bursts", Fixture, NULL, fixture_set_up, test_bursts, fixture_tear_down);
  g_test_add ("/history/restore", Fixture, NULL, fixture_set_up, test_restore,
              fixture_tear_down);
  g_test_add ("/history/exchange", Fixture, NULL, fixture_set_up, test_exchange,
              fixture_tear_down);
  g_test_add ("/history/exchange-bound", Fixture, NULL, fixture_set_up, test_exchange_bound,
              fixture_tear_down);
  g_test_add ("/history/resolution", Fixture, NULL, fixture_set_up, test_resolution,
              fixture_tear_down);
  g_test_add_func ("/history/migrate-v7", test_migrate);
  g_test_add_func ("/history/diff", test_diff);

  return g_test_run ();
}
