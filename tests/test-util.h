/* test-util.h: what the core tests share: temporary databases, fixtures and answers
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "exchange/exchange-read.h"
#include "exchange/exchange-write.h"
#include "import/import-dalarna.h"
#include "upp-answer.h"
#include "upp-import-result.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"

/* SQL that takes a database of schema 10 back to schema 9: schema 10 only added the
 * exceptions to personal data. */
#define TEST_SQL_UNDO_SCHEMA_10 \
  "DROP TRIGGER answers_forget_privacy_exceptions; DROP TABLE privacy_exceptions;"

/* SQL that takes a database of schema 9 back to schema 8: schema 9 only added the search
 * indexes of themes and report texts. */
#define TEST_SQL_UNDO_SCHEMA_9 \
  "DROP TRIGGER themes_search_insert; DROP TRIGGER themes_search_delete;" \
  "DROP TRIGGER themes_search_update; DROP TABLE themes_search;" \
  "DROP TRIGGER round_texts_search_insert; DROP TRIGGER round_texts_search_delete;" \
  "DROP TRIGGER round_texts_search_update; DROP TABLE round_texts_search;"

/* SQL that takes a database of schema 8 back to schema 7: schema 8 only added the history of
 * answers. */
#define TEST_SQL_UNDO_SCHEMA_8 \
  "DROP TRIGGER answers_forget_history; DROP TRIGGER answers_rename_history;" \
  "DROP TABLE answer_versions;"

/* SQL that takes a database of schema 7 back to what schema 6 left: schema 7 only added the
 * search indexes and their triggers. */
#define TEST_SQL_UNDO_SCHEMA_7 \
  "DROP TRIGGER answers_search_insert; DROP TRIGGER answers_search_delete;" \
  "DROP TRIGGER answers_search_update; DROP TABLE answers_search;" \
  "DROP TRIGGER interviews_search_insert; DROP TRIGGER interviews_search_delete;" \
  "DROP TRIGGER interviews_search_update; DROP TABLE interviews_search;"

/* SQL that takes a database of schema 6 back to what schema 5 left: schema 6 only added two
 * tables and three columns of responses. */
#define TEST_SQL_UNDO_SCHEMA_6 \
  "DROP TABLE interviews; DROP TABLE agreements;" \
  "ALTER TABLE responses DROP COLUMN duration_minutes;" \
  "ALTER TABLE responses DROP COLUMN check_sent;" \
  "ALTER TABLE responses DROP COLUMN check_approved;"

/* A fresh folder under the system's temporary folder; removed by test_remove_tree(). */
static inline char *
test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("upp-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline char *
test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

/* The database as it is on disk, the file and its write-ahead log: what a refused import
 * must leave byte-identical. */
static inline char *
test_dup_database_bytes (UppStore *store,
                    gsize    *length)
{
  g_autofree char *wal_path = g_strconcat (upp_store_get_path (store), "-wal", NULL);
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;
  gsize db_length = 0, wal_length = 0;
  char *all;

  g_assert_true (g_file_get_contents (upp_store_get_path (store), &db, &db_length, NULL));
  if (!g_file_get_contents (wal_path, &wal, &wal_length, NULL))
    wal = g_strdup ("");
  all = g_malloc (db_length + wal_length + 1);
  memcpy (all, db, db_length);
  memcpy (all + db_length, wal, wal_length);
  *length = db_length + wal_length;
  return all;
}

static inline guint
test_count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A new store in dir/name.db. */
static inline UppStore *
test_open_store (const char *dir,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  UppStore *store = upp_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* An importer as the import tests call it: the file into the store, a result or an error. */
typedef UppImportResult *(*TestImportFunc) (UppStore  *store,
                                            GFile     *file,
                                            GError   **error);

/* Imports data saved as dir/name into store: refused with one line that names the file and
 * holds expected (NULL: imported, or refused for any reason), the database byte-identical. */
static inline void
test_check_import (TestImportFunc  import,
                   UppStore       *store,
                   const char     *dir,
                   const char     *name,
                   const char     *data,
                   gsize           length,
                   const char     *expected)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppImportResult) result = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  before = test_dup_database_bytes (store, &before_length);
  result = import (store, file, &error);
  if (result != NULL && expected == NULL)
    return;
  if (result != NULL)
    g_error ("%s was imported, not refused with “%s”", name, expected);

  g_assert_nonnull (error);
  if (strstr (error->message, path) == NULL || strchr (error->message, '\n') != NULL ||
      (expected != NULL && strstr (error->message, expected) == NULL))
    g_error ("%s: the message “%s” should be one line with the path and “%s”", name,
             error->message, expected);
  after = test_dup_database_bytes (store, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

/* Files that crashed or hung a fuzzer (tests/fixtures/<fixtures>/), each saved with the
 * extension the importer expects: each is imported or refused with one line, never a
 * crash. */
static inline void
test_import_fuzz_findings (TestImportFunc  import,
                           const char     *fixtures,
                           const char     *extension)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "fuzz");
  g_autofree char *folder = test_fixture_path (fixtures);
  g_autoptr(GDir) findings = g_dir_open (folder, 0, NULL);
  const char *name;

  while (findings != NULL && (name = g_dir_read_name (findings)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *copy = g_strconcat (name, extension, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      test_check_import (import, store, dir, copy, data, length, NULL);
    }
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* Exports the round (NULL: every round) of store to dir/name.json; returns the path. */
static inline char *
test_export_exchange (UppStore   *store,
                      const char *dir,
                      const char *name,
                      const char *round_uuid)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (upp_exchange_export_file (store, round_uuid, NULL, path, &error));
  g_assert_no_error (error);
  return path;
}

/* Imports the exchange file at path, which must succeed. */
static inline UppExchangeSummary *
test_import_exchange (UppStore                *store,
                      const char              *path,
                      UppExchangeImportFlags   flags)
{
  g_autoptr(GError) error = NULL;
  UppExchangeSummary *summary = upp_exchange_import_file (store, path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

/* Runs a program (found on PATH unless argv[0] is a path) in env (NULL: this one) and
 * returns what it wrote to standard output; the test fails, with the program's output, if
 * it cannot run or exits with an error. */
static inline char *
test_run (const char * const *argv,
          const char * const *env)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, (char **) env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s%s", argv[0], out, err);
  return out;
}

/* Asserts that opening path fails with code and leaves the file exactly as it was; returns
 * the error for a closer look at its message. */
static inline GError *
test_assert_open_refused (const char *path,
                          int         code)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0;
  gsize after_length = 0;
  g_autoptr(UppStore) store = NULL;
  GError *error = NULL;

  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  store = upp_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, UPP_STORE_ERROR, code);
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, before, before_length);
  return error;
}

/* Closes the store (if this was the last reference) and removes its folder with everything
 * in it; for fixtures' tear-down. */
static inline void
test_close_store (UppStore **store,
                  char     **dir)
{
  g_clear_object (store);
  test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
}

/* The usual fixture: a temporary folder, a store in it and the round under test. */
typedef struct
{
  char     *dir;
  UppStore *store;
  UppRound *round;
} TestRoundFixture;

static inline void
test_round_fixture_tear_down (TestRoundFixture *fixture,
                              gconstpointer     data)
{
  g_clear_object (&fixture->round);
  test_close_store (&fixture->store, &fixture->dir);
}

/* Imports tests/fixtures/dalarna.txt (11 units, 6 questions) as the round of year. */
static inline UppImportResult *
test_import_dalarna (UppStore *store,
                     int       year)
{
  g_autofree char *path = test_fixture_path ("dalarna.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UppImportResult *result = upp_import_dalarna_file (store, file, year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static inline UppRound *
test_load_round (UppStore   *store,
                 const char *round_uuid)
{
  g_autoptr(GError) error = NULL;
  UppRound *round = upp_store_load_round (store, round_uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (round);
  return round;
}

/* The round's response of the unit with this name. */
static inline UppResponse *
test_find_response (UppStore   *store,
                    UppRound   *round,
                    const char *unit_name)
{
  g_autoptr(GError) error = NULL;
  UppResponse *response = upp_store_find_response (store, round, unit_name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

/* The Dalarna table imported as the round of year, loaded. */
static inline UppRound *
test_import_dalarna_round (UppStore *store,
                           int       year)
{
  g_autoptr(UppImportResult) result = test_import_dalarna (store, year);

  return test_load_round (store, result->round_uuid);
}

/* The Dalarna table imported as the round of 2025; its uuid. */
static inline char *
test_import_dalarna_uuid (UppStore *store)
{
  g_autoptr(UppImportResult) result = test_import_dalarna (store, 2025);

  return g_strdup (result->round_uuid);
}

/* Sets a unit's answer as the interview form does, finding round and unit by uuid and name.
 * Waits a little after, so that edits made one after another on two laptops get different
 * time stamps. */
static inline void
test_set_answer_choices (UppStore           *store,
                         const char         *round_uuid,
                         const char         *unit_name,
                         const char         *question_key,
                         const char         *text,
                         const char * const *choices)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) response = upp_store_find_response (store, round, unit_name, &error);

  g_assert_no_error (error);
  g_assert_true (upp_store_set_answer (store, round, response, question_key, text, choices,
                                       &error));
  g_assert_no_error (error);
  g_usleep (2000);
}

static inline void
test_set_answer (UppStore   *store,
                 const char *round_uuid,
                 const char *unit_name,
                 const char *question_key,
                 const char *text)
{
  test_set_answer_choices (store, round_uuid, unit_name, question_key, text, NULL);
}

/* A unit's answer text, "" when it has none. */
static inline char *
test_dup_answer_text (UppStore   *store,
                      const char *round_uuid,
                      const char *unit_name,
                      const char *question_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) response = upp_store_find_response (store, round, unit_name, &error);
  UppAnswer *answer;

  g_assert_no_error (error);
  answer = upp_response_get_answer (response, question_key);
  return g_strdup (answer ? upp_answer_get_text (answer) : "");
}

/* A list of one round, as the exporters take it. */
static inline GPtrArray *
test_rounds_of (UppRound *round)
{
  GPtrArray *rounds = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (rounds, g_object_ref (round));
  return rounds;
}

/* Asserts that copy (say, exported and imported again) has original's units with the same
 * status, interview date, mode and answers, texts and codes. A text longer than text_max
 * characters may be cut to its start, as a spreadsheet cell cuts it (0: none is). Returns
 * how many answers were compared. */
static inline guint
test_assert_same_answers (UppStore *store,
                          UppRound *original,
                          UppRound *copy,
                          glong     text_max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (store, original, &error);
  UppTemplate *template = upp_round_get_template (original);
  guint n_compared = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      g_autoptr(UppResponse) other =
        upp_store_find_response (store, copy, upp_response_get_unit_name (response), &error);

      g_assert_no_error (error);
      g_assert_nonnull (other);
      g_assert_cmpint (upp_response_get_status (other), ==, upp_response_get_status (response));
      g_assert_cmpstr (upp_response_get_interview_date (other), ==,
                       upp_response_get_interview_date (response));
      g_assert_cmpint (upp_response_get_mode (other), ==, upp_response_get_mode (response));

      for (guint q = 0; q < upp_template_get_n_questions (template); q++)
        {
          const char *key = upp_question_get_key (upp_template_get_question (template, q));
          UppAnswer *a = upp_response_get_answer (response, key);
          UppAnswer *b = upp_response_get_answer (other, key);
          g_autofree char *choices_a = NULL;
          g_autofree char *choices_b = NULL;

          if (a == NULL || upp_answer_is_empty (a))
            {
              g_assert_true (b == NULL || upp_answer_is_empty (b));
              continue;
            }
          g_assert_nonnull (b);
          if (text_max > 0 && g_utf8_strlen (upp_answer_get_text (a), -1) > text_max)
            g_assert_true (g_str_has_prefix (upp_answer_get_text (a), upp_answer_get_text (b)));
          else
            g_assert_cmpstr (upp_answer_get_text (b), ==, upp_answer_get_text (a));
          choices_a = g_strjoinv ("|", (char **) upp_answer_get_choices (a));
          choices_b = g_strjoinv ("|", (char **) upp_answer_get_choices (b));
          g_assert_cmpstr (choices_b, ==, choices_a);
          n_compared++;
        }
    }
  return n_compared;
}
