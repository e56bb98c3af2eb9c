/* test-store.c: the database: creation, register, refusal of newer or damaged files, rounds,
 * units and answers, and that a refused change leaves everything as it was
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "test-util.h"
#include "upp-answer.h"
#include "upp-municipality.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-unit.h"

static void
test_new_database (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = upp_store_open (path, &error);
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GPtrArray) dalarna = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(UppRegion) region = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (upp_store_get_device_id (store)));

  regions = upp_store_list_regions (store, &error);
  g_assert_cmpuint (regions->len, ==, 21);
  municipalities = upp_store_list_municipalities (store, NULL, &error);
  g_assert_cmpuint (municipalities->len, ==, 290);
  dalarna = upp_store_list_municipalities (store, "20", &error);
  g_assert_cmpuint (dalarna->len, ==, 15);
  g_assert_cmpstr (upp_municipality_get_name (g_ptr_array_index (dalarna, 0)), ==, "Vansbro");

  region = upp_store_find_region (store, "region dalarna", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_region_get_code (region), ==, "20");
  g_clear_object (&region);
  region = upp_store_find_region (store, "Östergötlands län", &error);
  g_assert_cmpstr (upp_region_get_name (region), ==, "Region Östergötland");
  g_clear_object (&region);
  region = upp_store_find_region (store, "Region Atlantis", &error);
  g_assert_null (region);
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);

  templates = upp_store_list_templates (store, NULL);
  /* The built-in templates, by key. */
  g_assert_cmpuint (templates->len, ==, 3);
  g_assert_cmpstr (upp_template_get_key (g_ptr_array_index (templates, 0)), ==, "lok");
  g_assert_cmpstr (upp_template_get_key (g_ptr_array_index (templates, 1)), ==,
                   "samla_uppfoljning");
  g_assert_cmpstr (upp_template_get_key (g_ptr_array_index (templates, 2)), ==, "vgr_checklista");

  /* Only the owner may read answers from interviews. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_reopen_keeps_device (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "again.db", NULL);
  g_autoptr(UppStore) first = upp_store_open (path, NULL);
  g_autofree char *device = g_strdup (upp_store_get_device_id (first));
  g_autoptr(UppStore) second = NULL;

  g_clear_object (&first);
  second = upp_store_open (path, NULL);
  g_assert_cmpstr (upp_store_get_device_id (second), ==, device);
  g_assert_cmpuint (upp_store_list_municipalities (second, NULL, NULL)->len, ==, 290);
  g_clear_object (&second);
  test_remove_tree (dir);
}

static void
test_newer_schema_refused_untouched (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  error = test_assert_open_refused (path, UPP_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_IS_DIR) &&
                  g_file_test (g_build_filename (dir, "backups", NULL), G_FILE_TEST_EXISTS));
  test_remove_tree (dir);
}

static void
test_damaged_file_refused_untouched (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = g_strnfill (8192, 'x');

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  error = test_assert_open_refused (path, UPP_STORE_ERROR_CORRUPT);
  test_remove_tree (dir);
}

/* A file checked whole once is not checked again while this process runs, but a file put
 * in its place is: a damaged copy over a good database is refused. */
static void
test_replaced_file_checked_again (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "replaced");
  g_autofree char *path = g_strdup (upp_store_get_path (store));
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  test_import_dalarna (store, 2025);
  g_clear_object (&store);
  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Every page after the first two overwritten: the header still reads, the tables do not. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  memset (contents + 2 * 4096, 0x5a, length - 2 * 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_clear_error (&error);
  error = test_assert_open_refused (path, UPP_STORE_ERROR_CORRUPT);
  test_remove_tree (dir);
}

/* The window opens a database before reading it whole (the check runs after its first
 * frame): until the check has passed nothing is committed, and a damaged file takes no
 * change at all. */
static void
test_checked_later_commits_nothing_when_damaged (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "later");
  g_autofree char *path = g_strdup (upp_store_get_path (store));
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *words[] = { "Kalle", NULL };
  gsize length = 0;
  gsize after_length = 0;

  test_import_dalarna (store, 2025);
  g_clear_object (&store);

  /* A whole file: the first commit runs the check itself, and goes through. */
  store = upp_store_open_checking_later (path, &error);
  g_assert_no_error (error);
  g_assert_true (upp_store_set_privacy_words (store, words, &error));
  g_assert_no_error (error);
  g_assert_true (upp_store_check_file (path, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The last pages overwritten (another inode, as a copy put in place would be): what the
   * opening reads is whole, the answers' pages are not. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  memset (contents + length - 4 * 4096, 0x5a, 4 * 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = upp_store_open_checking_later (path, &error);
  g_assert_no_error (error);
  g_assert_false (upp_store_set_privacy_words (store, words, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  g_assert_false (upp_store_check_file (path, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, contents, length);
  test_remove_tree (dir);
}

/* A file not in WAL mode (a restored backup, a copy) is switched to it when opened: a write
 * that holds the whole file, so its check cannot wait for later; it is checked at once, and the
 * first change goes through. */
static void
test_checked_later_not_in_wal (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "rollback");
  g_autofree char *path = g_strdup (upp_store_get_path (store));
  g_autoptr(GError) error = NULL;
  const char *words[] = { "Kalle", NULL };
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  sqlite3 *db = NULL;

  test_import_dalarna (store, 2025);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  /* Another inode: not checked in this process yet. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  }

  store = upp_store_open_checking_later (copy, &error);
  g_assert_no_error (error);
  g_assert_true (upp_store_set_privacy_words (store, words, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  test_remove_tree (dir);
}

typedef struct
{
  char        *dir;
  UppStore    *store;
  UppRegion   *region;
  UppTemplate *template;
  UppRound    *round;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppUnit) group = NULL;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "store");
  fixture->region = upp_store_find_region (fixture->store, "05", &error);
  fixture->template = upp_store_load_template (fixture->store, "lok", 0, &error);
  g_assert_no_error (error);

  /* Östergötland: three single municipalities, one group and a health-care area. */
  municipalities = upp_store_list_municipalities (fixture->store, "05", &error);
  for (guint i = 0; i < 3; i++)
    {
      UppMunicipality *municipality = g_ptr_array_index (municipalities, i);
      UppUnit *unit = upp_unit_new (upp_municipality_get_name (municipality), "05",
                                    UPP_UNIT_KIND_MUNICIPALITY);

      upp_unit_add_member_code (unit, upp_municipality_get_code (municipality));
      upp_unit_set_sub_area (unit, "västra");
      g_ptr_array_add (units, unit);
    }
  group = upp_unit_new ("Centrala (Linköping och Åtvidaberg)", "05", UPP_UNIT_KIND_GROUP);
  upp_unit_add_member_code (group, "0580");
  upp_unit_add_member_code (group, "0561");
  g_ptr_array_add (units, g_object_ref (group));
  g_ptr_array_add (units, upp_unit_new ("Närsjukvården i västra Östergötland", "05",
                                        UPP_UNIT_KIND_OTHER));

  fixture->round = upp_round_new (2025, fixture->region, "Uppföljning LÖK 2025",
                                  fixture->template);
  upp_round_set_text (fixture->round, "summary", "Sammanfattning.");
  g_assert_true (upp_store_create_round (fixture->store, fixture->round, units, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->round);
  g_clear_object (&fixture->template);
  g_clear_object (&fixture->region);
  test_close_store (&fixture->store, &fixture->dir);
}

static void
test_round_created (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = upp_store_list_rounds (fixture->store, &error);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) uncovered = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(UppRound) loaded = NULL;
  UppRound *listed;

  g_assert_cmpuint (rounds->len, ==, 1);
  listed = g_ptr_array_index (rounds, 0);
  g_assert_true (g_uuid_string_is_valid (upp_round_get_uuid (listed)));
  g_assert_cmpstr (upp_round_get_uuid (listed), ==, upp_round_get_uuid (fixture->round));
  g_assert_cmpuint (upp_round_get_n_units (listed), ==, 5);
  g_assert_cmpuint (upp_round_get_n_answered (listed), ==, 0);
  g_assert_cmpstr (upp_round_get_text (listed, "summary"), ==, "Sammanfattning.");

  /* A unique prefix of the id is enough, as with git. */
  prefix = g_strndup (upp_round_get_uuid (fixture->round), 8);
  loaded = upp_store_load_round (fixture->store, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_round_get_title (loaded), ==, "Uppföljning LÖK 2025");
  g_clear_object (&loaded);
  loaded = upp_store_load_round (fixture->store, "no-such-round", &error);
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_cmpuint (responses->len, ==, 5);
  g_assert_cmpstr (upp_response_get_unit_name (g_ptr_array_index (responses, 3)), ==,
                   "Centrala (Linköping och Åtvidaberg)");
  g_assert_cmpstr (upp_unit_get_sub_area (upp_response_get_unit (g_ptr_array_index (responses, 0))),
                   ==, "västra");
  g_assert_cmpstr (upp_unit_get_member_codes (upp_response_get_unit (g_ptr_array_index (responses, 3)))[1],
                   ==, "0580");

  /* 13 municipalities; 3 alone and 2 in the group are covered. */
  uncovered = upp_store_list_uncovered_municipalities (fixture->store, fixture->round, &error);
  g_assert_cmpuint (uncovered->len, ==, 8);
}

/* An export reads from one snapshot: what another connection saves meanwhile is not half in
 * it, and after the read it is seen. Nested reads and a read inside a write change nothing. */
static void
test_read_snapshot (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) writer = upp_store_open (upp_store_get_path (fixture->store), &error);
  g_autoptr(UppResponse) written = NULL;
  g_autoptr(UppResponse) seen = NULL;
  const char *unit = "Centrala (Linköping och Åtvidaberg)";

  g_assert_no_error (error);
  written = upp_store_find_response (writer, fixture->round, unit, &error);
  g_assert_no_error (error);
  g_assert_true (upp_store_set_answer (writer, fixture->round, written, "agreement", "Före",
                                       NULL, &error));
  g_assert_no_error (error);

  g_assert_true (upp_store_begin_read (fixture->store, &error));
  g_assert_true (upp_store_begin_read (fixture->store, &error));
  seen = upp_store_find_response (fixture->store, fixture->round, unit, &error);
  g_assert_cmpstr (upp_answer_get_text (upp_response_get_answer (seen, "agreement")), ==, "Före");
  g_clear_object (&seen);

  /* Another connection writes while the read goes on, and is not held up by it. */
  g_assert_true (upp_store_set_answer (writer, fixture->round, written, "agreement", "Efter",
                                       NULL, &error));
  g_assert_no_error (error);
  seen = upp_store_find_response (fixture->store, fixture->round, unit, &error);
  g_assert_cmpstr (upp_answer_get_text (upp_response_get_answer (seen, "agreement")), ==, "Före");
  g_clear_object (&seen);

  /* The inner end is not the end of the snapshot. */
  upp_store_end_read (fixture->store);
  seen = upp_store_find_response (fixture->store, fixture->round, unit, &error);
  g_assert_cmpstr (upp_answer_get_text (upp_response_get_answer (seen, "agreement")), ==, "Före");
  g_clear_object (&seen);
  upp_store_end_read (fixture->store);

  seen = upp_store_find_response (fixture->store, fixture->round, unit, &error);
  g_assert_cmpstr (upp_answer_get_text (upp_response_get_answer (seen, "agreement")), ==, "Efter");
  g_clear_object (&seen);

  /* Afterwards this connection writes as before. */
  seen = upp_store_find_response (fixture->store, fixture->round, unit, &error);
  g_assert_true (upp_store_set_answer (fixture->store, fixture->round, seen, "agreement", "Sist",
                                       NULL, &error));
  g_assert_no_error (error);
}

static void
test_answers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(UppResponse) again = NULL;
  g_autoptr(UppRound) reloaded = NULL;
  const char *choices[] = { "in_progress", NULL };
  const char *two[] = { "strategic", "operative", NULL };
  const char *text = "Rad ett\nRad två med å, ä och ö\n\n=SUMMA(A1)";
  g_autofree char *modified = NULL;
  UppAnswer *answer;

  response = upp_store_find_response (fixture->store, fixture->round, "linköping", &error);
  g_assert_null (response);
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  response = upp_store_find_response (fixture->store, fixture->round,
                                      "centrala (linköping och åtvidaberg)", &error);
  g_assert_no_error (error);
  g_assert_true (upp_store_set_answer (fixture->store, fixture->round, response, "agreement",
                                       text, choices, &error));
  g_assert_true (upp_store_set_answer (fixture->store, fixture->round, response, "structure",
                                       "", two, &error));
  g_assert_no_error (error);

  again = upp_store_find_response (fixture->store, fixture->round,
                                   "Centrala (Linköping och Åtvidaberg)", &error);
  answer = upp_response_get_answer (again, "agreement");
  g_assert_cmpstr (upp_answer_get_text (answer), ==, text);
  g_assert_cmpstr (upp_answer_get_choice (answer), ==, "in_progress");
  g_assert_cmpstr (upp_answer_get_device (answer), ==, upp_store_get_device_id (fixture->store));
  g_assert_true (g_uuid_string_is_valid (upp_answer_get_uuid (answer)));
  g_assert_cmpuint (g_strv_length ((char **) upp_answer_get_choices (
                      upp_response_get_answer (again, "structure"))), ==, 2);
  modified = g_strdup (upp_answer_get_modified (answer));

  /* Saving the same answer again is not a change. */
  g_usleep (2000);
  g_assert_true (upp_store_set_answer (fixture->store, fixture->round, again, "agreement",
                                       text, choices, &error));
  g_clear_object (&again);
  again = upp_store_find_response (fixture->store, fixture->round,
                                   "Centrala (Linköping och Åtvidaberg)", &error);
  g_assert_cmpstr (upp_answer_get_modified (upp_response_get_answer (again, "agreement")), ==,
                   modified);

  reloaded = upp_store_load_round (fixture->store, upp_round_get_uuid (fixture->round), &error);
  g_assert_cmpuint (upp_round_get_n_answered (reloaded), ==, 1);
}

/* Kept for a key the template does not have (an older version of it, an import): it must not
 * count, in the store's count of a round's answered units or in the core's rule. */
static void
insert_answer_without_question (Fixture     *fixture,
                                UppResponse *response)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO answers (uuid, response_id, question_key, text, modified, "
                         "device) VALUES ('%s', %" G_GINT64_FORMAT ", 'retired', "
                         "'Ett svar på en fråga som mallen inte har.', "
                         "'2025-01-01T00:00:00.000Z', 'test')",
                         uuid, upp_response_get_id (response));
  g_assert_cmpint (sqlite3_exec (upp_store_get_db (fixture->store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

static void
test_answered_counts_template_questions (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  UppResponse *invited, *done, *answered, *declined;
  guint n_answered = 0;

  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  invited = g_ptr_array_index (responses, 0);
  done = g_ptr_array_index (responses, 1);
  answered = g_ptr_array_index (responses, 2);
  declined = g_ptr_array_index (responses, 3);

  upp_response_set_status (invited, UPP_RESPONSE_STATUS_INVITED);
  upp_response_set_status (done, UPP_RESPONSE_STATUS_DONE);
  upp_response_set_status (declined, UPP_RESPONSE_STATUS_NO_ANSWER);
  g_assert_true (upp_store_save_response_details (fixture->store, invited, &error));
  g_assert_true (upp_store_save_response_details (fixture->store, done, &error));
  g_assert_true (upp_store_save_response_details (fixture->store, declined, &error));
  insert_answer_without_question (fixture, invited);
  g_assert_true (upp_store_set_answer (fixture->store, fixture->round, answered, "challenges",
                                       "Bemanning.", NULL, &error));
  g_assert_true (upp_store_set_answer (fixture->store, fixture->round, declined, "challenges",
                                       "Ville inte svara.", NULL, &error));
  g_assert_no_error (error);

  g_clear_pointer (&responses, g_ptr_array_unref);
  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_nonnull (upp_response_get_answer (g_ptr_array_index (responses, 0), "retired"));
  for (guint i = 0; i < responses->len; i++)
    {
      if (upp_response_counts_as_answered (g_ptr_array_index (responses, i), fixture->template))
        n_answered++;
    }
  g_assert_false (upp_response_counts_as_answered (g_ptr_array_index (responses, 0),
                                                   fixture->template));
  g_assert_cmpuint (n_answered, ==, 2);

  rounds = upp_store_list_rounds (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upp_round_get_n_answered (g_ptr_array_index (rounds, 0)), ==, n_answered);
}

static void
test_bad_answers_change_nothing (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(UppResponse) response =
    upp_store_find_response (fixture->store, fixture->round, "Närsjukvården i västra Östergötland",
                             NULL);
  const char *unknown[] = { "maybe", NULL };
  const char *two[] = { "signed", "in_progress", NULL };
  const char *text_choice[] = { "signed", NULL };

  struct {
    const char          *question;
    const char          *text;
    const char * const  *choices;
  } bad[] = {
    { "agreement", "x", unknown },
    { "agreement", "x", two },
    { "other", "x", text_choice },
    { "no_such_question", "x", NULL },
    { "other", "\xff\xfe", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UppResponse) again = NULL;

      g_assert_false (upp_store_set_answer (fixture->store, fixture->round, response,
                                            bad[i].question, bad[i].text, bad[i].choices,
                                            &error));
      g_assert_nonnull (error);
      again = upp_store_find_response (fixture->store, fixture->round,
                                       "Närsjukvården i västra Östergötland", NULL);
      g_assert_null (upp_response_get_answer (again, bad[i].question));
    }
}

static void
test_response_details (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (fixture->store, fixture->round, NULL);
  g_autoptr(GPtrArray) again = NULL;
  UppResponse *response = g_ptr_array_index (responses, 0);
  UppResponse *reloaded;

  upp_response_set_status (response, UPP_RESPONSE_STATUS_APPROVED);
  upp_response_set_interview_date (response, "2025-10-14");
  upp_response_set_mode (response, UPP_INTERVIEW_MODE_VISIT);
  upp_response_set_participant_count (response, 4);
  upp_response_set_participant_roles (response, "enhetschef, verksamhetsutvecklare");
  g_assert_true (upp_store_save_response_details (fixture->store, response, &error));
  g_assert_no_error (error);

  again = upp_store_list_responses (fixture->store, fixture->round, NULL);
  reloaded = g_ptr_array_index (again, 0);
  g_assert_cmpint (upp_response_get_status (reloaded), ==, UPP_RESPONSE_STATUS_APPROVED);
  g_assert_cmpstr (upp_response_get_interview_date (reloaded), ==, "2025-10-14");
  g_assert_cmpint (upp_response_get_mode (reloaded), ==, UPP_INTERVIEW_MODE_VISIT);
  g_assert_cmpint (upp_response_get_participant_count (reloaded), ==, 4);
  g_assert_cmpstr (upp_response_get_participant_roles (reloaded), ==,
                   "enhetschef, verksamhetsutvecklare");

  upp_response_set_interview_date (response, "14 oktober");
  g_assert_false (upp_store_save_response_details (fixture->store, response, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  upp_response_set_interview_date (response, "2025-02-30");
  g_assert_false (upp_store_save_response_details (fixture->store, response, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
}

static void
test_invalid_rounds_and_units (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) no_title = upp_round_new (2026, fixture->region, "  ", fixture->template);
  g_autoptr(UppRound) bad_year = upp_round_new (26, fixture->region, "X", fixture->template);
  g_autoptr(UppRound) with_duplicate = upp_round_new (2026, fixture->region, "Y",
                                                      fixture->template);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rounds = NULL;

  g_assert_false (upp_store_create_round (fixture->store, no_title, NULL, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (upp_store_create_round (fixture->store, bad_year, NULL, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A new unit whose name is taken (in any case) fails the whole round. */
  g_ptr_array_add (units, upp_unit_new ("Ny enhet", "05", UPP_UNIT_KIND_OTHER));
  g_ptr_array_add (units, upp_unit_new ("närsjukvården i västra östergötland", "05",
                                        UPP_UNIT_KIND_OTHER));
  g_assert_false (upp_store_create_round (fixture->store, with_duplicate, units, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE);
  g_assert_cmpuint (upp_round_get_id (with_duplicate), ==, 0);

  rounds = upp_store_list_rounds (fixture->store, NULL);
  g_assert_cmpuint (rounds->len, ==, 1);
  g_assert_cmpuint (upp_store_list_units (fixture->store, "05", NULL)->len, ==, 5);
}

static void
test_previous_round_and_duplicate (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) response =
    upp_store_find_response (fixture->store, fixture->round, "Närsjukvården i västra Östergötland",
                             NULL);
  g_autoptr(UppRound) next = NULL;
  g_autoptr(UppResponse) next_response = NULL;
  g_autoptr(UppResponse) previous = NULL;
  g_autoptr(UppResponse) none = NULL;

  g_assert_true (upp_store_set_answer (fixture->store, fixture->round, response, "challenges",
                                       "Bemanning.", NULL, &error));
  next = upp_store_duplicate_round (fixture->store, fixture->round, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_round_get_title (next), ==, "Uppföljning LÖK 2026");
  g_assert_cmpuint (upp_round_get_n_units (next), ==, 5);

  next_response = upp_store_find_response (fixture->store, next,
                                           "Närsjukvården i västra Östergötland", &error);
  g_assert_null (upp_response_get_answer (next_response, "challenges"));
  previous = upp_store_find_previous_response (fixture->store, next,
                                               upp_response_get_unit (next_response), &error);
  g_assert_no_error (error);
  g_assert_nonnull (previous);
  g_assert_cmpstr (upp_answer_get_text (upp_response_get_answer (previous, "challenges")), ==,
                   "Bemanning.");
  g_assert_cmpint (upp_store_find_response_year (fixture->store, previous, &error), ==, 2025);
  g_assert_cmpint (upp_store_find_response_year (fixture->store, next_response, &error), ==, 2026);
  g_assert_no_error (error);

  none = upp_store_find_previous_response (fixture->store, fixture->round,
                                           upp_response_get_unit (response), &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* Deleting a round takes its responses and answers with it, not the other round's. */
  g_assert_true (upp_store_delete_round (fixture->store, fixture->round, &error));
  g_assert_cmpuint (upp_store_list_rounds (fixture->store, NULL)->len, ==, 1);
  g_assert_cmpuint (upp_store_list_responses (fixture->store, next, NULL)->len, ==, 5);
}

static void
test_round_units_and_texts (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (fixture->store, fixture->round, NULL);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(UppRound) reloaded = NULL;

  /* Keep the last two units in reverse order and add a new one. */
  g_ptr_array_add (units, g_object_ref (upp_response_get_unit (g_ptr_array_index (responses, 4))));
  g_ptr_array_add (units, g_object_ref (upp_response_get_unit (g_ptr_array_index (responses, 3))));
  g_ptr_array_add (units, upp_unit_new ("Vrinnevisjukhuset", "05", UPP_UNIT_KIND_OTHER));
  g_assert_true (upp_store_set_round_units (fixture->store, fixture->round, units, &error));
  g_assert_no_error (error);
  after = upp_store_list_responses (fixture->store, fixture->round, NULL);
  g_assert_cmpuint (after->len, ==, 3);
  g_assert_cmpstr (upp_response_get_unit_name (g_ptr_array_index (after, 0)), ==,
                   "Närsjukvården i västra Östergötland");
  g_assert_cmpstr (upp_response_get_unit_name (g_ptr_array_index (after, 2)), ==,
                   "Vrinnevisjukhuset");

  upp_round_set_title (fixture->round, "Uppföljning 2025, reviderad");
  upp_round_set_year (fixture->round, 2024);
  upp_round_set_text (fixture->round, "summary", NULL);
  upp_round_set_text (fixture->round, "recommendations", "Gemensam utbildning.");
  g_assert_true (upp_store_update_round (fixture->store, fixture->round, &error));
  reloaded = upp_store_load_round (fixture->store, upp_round_get_uuid (fixture->round), &error);
  g_assert_cmpstr (upp_round_get_title (reloaded), ==, "Uppföljning 2025, reviderad");
  g_assert_cmpint (upp_round_get_year (reloaded), ==, 2024);
  g_assert_null (upp_round_get_text (reloaded, "summary"));
  g_assert_cmpstr (upp_round_get_text (reloaded, "recommendations"), ==, "Gemensam utbildning.");
}

static void
test_templates (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) copy = upp_template_duplicate (fixture->template, "samla", "SAMLA");
  g_autoptr(UppTemplate) loaded = NULL;
  g_autoptr(UppTemplate) next_version = NULL;

  g_assert_true (upp_store_template_is_used (fixture->store, fixture->template));
  g_assert_false (upp_store_save_template (fixture->store, fixture->template, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  g_assert_true (upp_store_save_template (fixture->store, copy, &error));
  g_assert_false (upp_store_template_is_used (fixture->store, copy));
  upp_template_set_title (copy, "SAMLA, ändrad");
  g_assert_true (upp_store_save_template (fixture->store, copy, &error));
  loaded = upp_store_load_template (fixture->store, "samla", 0, &error);
  g_assert_cmpstr (upp_template_get_title (loaded), ==, "SAMLA, ändrad");

  next_version = upp_template_duplicate (fixture->template, NULL, NULL);
  upp_template_set_version (next_version, 2);
  g_assert_true (upp_store_save_template (fixture->store, next_version, &error));
  g_clear_object (&loaded);
  loaded = upp_store_load_template (fixture->store, "lok", 0, &error);
  g_assert_cmpint (upp_template_get_version (loaded), ==, 2);
  g_clear_object (&loaded);
  loaded = upp_store_load_template (fixture->store, "lok", 1, &error);
  g_assert_cmpint (upp_template_get_version (loaded), ==, 1);
  g_assert_cmpuint (upp_store_list_templates (fixture->store, NULL)->len, ==, 5);

  g_assert_true (upp_store_delete_template (fixture->store, copy, &error));
  g_assert_false (upp_store_delete_template (fixture->store, fixture->template, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_IN_USE);
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(UppStore) copy = NULL;
  GStatBuf st;

  g_assert_true (upp_store_backup_to (fixture->store, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  copy = upp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upp_store_list_rounds (copy, NULL)->len, ==, 1);

  for (int i = 0; i < 7; i++)
    g_assert_true (upp_store_make_backup (fixture->store, "import", NULL, &error));
  {
    g_autofree char *folder = upp_store_dup_backup_folder (fixture->store);
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 5);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/new-database", test_new_database);
  g_test_add_func ("/store/reopen-keeps-device", test_reopen_keeps_device);
  g_test_add_func ("/store/newer-schema-refused-untouched", test_newer_schema_refused_untouched);
  g_test_add_func ("/store/damaged-file-refused-untouched", test_damaged_file_refused_untouched);
  g_test_add_func ("/store/replaced-file-checked-again", test_replaced_file_checked_again);
  g_test_add_func ("/store/checked-later-commits-nothing-when-damaged",
                   test_checked_later_commits_nothing_when_damaged);
  g_test_add_func ("/store/checked-later-not-in-wal", test_checked_later_not_in_wal);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/round-created", test_round_created);
  ADD ("/store/answers", test_answers);
  ADD ("/store/answered-counts-template-questions", test_answered_counts_template_questions);
  ADD ("/store/bad-answers-change-nothing", test_bad_answers_change_nothing);
  ADD ("/store/response-details", test_response_details);
  ADD ("/store/invalid-rounds-and-units", test_invalid_rounds_and_units);
  ADD ("/store/previous-round-and-duplicate", test_previous_round_and_duplicate);
  ADD ("/store/round-units-and-texts", test_round_units_and_texts);
  ADD ("/store/templates", test_templates);
  ADD ("/store/backup", test_backup);
  ADD ("/store/read-snapshot", test_read_snapshot);
#undef ADD
  return g_test_run ();
}
