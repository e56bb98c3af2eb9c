/* test-agreements.c: the agreements register, further interviews and the respondent check
 * in the store (schema 6), and the first interview's new details across an exchange
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "test-util.h"
#include "uppfoljning.h"

static char *
query (const char *path,
       const char *sql)
{
  const char *argv[] = { "sqlite3", path, sql, NULL };

  return test_run (argv, NULL);
}

static UppAgreement *
make_agreement (const char         *name,
                UppAgreementKind    kind,
                UppAgreementStatus  status,
                const char         *from,
                const char         *to)
{
  UppAgreement *agreement = upp_agreement_new (name, kind);

  upp_agreement_set_status (agreement, status);
  upp_agreement_set_valid_from (agreement, from);
  upp_agreement_set_valid_to (agreement, to);
  return agreement;
}

/* Agreements belong to the unit: saved in one round, they are there in a round duplicated
 * from it, and changes and removals are seen from both. */
static void
test_agreements_carried (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "agreements");
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2024);
  g_autoptr(UppRound) next = NULL;
  g_autoptr(UppResponse) falun = test_find_response (store, round, "Falun");
  g_autoptr(UppResponse) falun_next = NULL;
  g_autoptr(UppAgreement) lok = make_agreement ("LÖK Falun", UPP_AGREEMENT_KIND_LOK,
                                                UPP_AGREEMENT_STATUS_IN_FORCE,
                                                "2022-01-01", "2025-12-31");
  g_autoptr(UppAgreement) mini_maria = make_agreement ("Mini Maria", UPP_AGREEMENT_KIND_OTHER,
                                                       UPP_AGREEMENT_STATUS_UNDER_REVISION,
                                                       "", "2017-12-31");
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *period = NULL;

  upp_agreement_set_signed (lok, "2021-11-30");
  upp_agreement_set_note (lok, "Falun, Region Dalarna");
  g_assert_true (upp_store_save_agreement (store, upp_response_get_unit (falun), lok, &error));
  g_assert_no_error (error);
  g_assert_cmpint (upp_agreement_get_id (lok), >, 0);
  g_assert_true (upp_store_save_agreement (store, upp_response_get_unit (falun), mini_maria,
                                           &error));
  g_assert_no_error (error);

  next = upp_store_duplicate_round (store, round, 2025, &error);
  g_assert_no_error (error);
  falun_next = test_find_response (store, next, "Falun");
  listed = upp_store_list_agreements (store, NULL, upp_response_get_unit (falun_next), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  /* Without a start, by the end of the period's start (none) first. */
  g_assert_cmpstr (upp_agreement_get_name (listed->pdata[0]), ==, "Mini Maria");
  g_assert_cmpstr (upp_agreement_get_name (listed->pdata[1]), ==, "LÖK Falun");
  g_assert_cmpint (upp_agreement_get_kind (listed->pdata[1]), ==, UPP_AGREEMENT_KIND_LOK);
  g_assert_cmpstr (upp_agreement_get_signed (listed->pdata[1]), ==, "2021-11-30");
  g_assert_cmpstr (upp_agreement_get_note (listed->pdata[1]), ==, "Falun, Region Dalarna");
  g_assert_cmpstr (upp_agreement_get_unit_name (listed->pdata[1]), ==, "Falun");
  period = upp_agreement_dup_period_label (listed->pdata[1]);
  g_assert_cmpstr (period, ==, "2022-01-01 – 2025-12-31");

  /* Which are reported in a round of a year. */
  g_assert_true (upp_agreement_applies_to_year (lok, 2024));
  g_assert_false (upp_agreement_applies_to_year (lok, 2026));
  g_assert_false (upp_agreement_applies_to_year (lok, 2021));
  g_assert_true (upp_agreement_applies_to_year (mini_maria, 2026));

  /* The whole region's register. */
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = upp_store_list_agreements (store, "20", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = upp_store_list_agreements (store, "05", NULL, &error);
  g_assert_cmpuint (listed->len, ==, 0);

  /* A change is one row still; a removal takes it out of every round's list. */
  upp_agreement_set_status (lok, UPP_AGREEMENT_STATUS_ENDED);
  g_assert_true (upp_store_save_agreement (store, upp_response_get_unit (falun), lok, &error));
  g_assert_no_error (error);
  g_assert_true (upp_store_remove_agreement (store, mini_maria, &error));
  g_assert_no_error (error);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = upp_store_list_agreements (store, NULL, upp_response_get_unit (falun), &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (upp_agreement_get_status (listed->pdata[0]), ==, UPP_AGREEMENT_STATUS_ENDED);

  /* Saving a removed one again does not bring it back. */
  g_assert_false (upp_store_save_agreement (store, upp_response_get_unit (falun), mini_maria,
                                            &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (upp_store_remove_agreement (store, mini_maria, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);

  test_close_store (&store, &dir);
}

/* Bad values are refused with one message and leave the database as it was. */
static void
test_agreement_refused (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "refused.db", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "refused");
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2024);
  g_autoptr(UppResponse) rattvik = test_find_response (store, round, "Rättvik");
  UppUnit *unit = upp_response_get_unit (rattvik);
  g_autofree char *before = query (path, ".dump");
  g_autofree char *after = NULL;
  struct { const char *name, *signed_date, *from, *to, *message; } cases[] = {
    { "  ", "", "", "", "name" },
    { "LÖK", "2024-02-30", "", "", "2024-02-30" },
    { "LÖK", "", "2024", "", "2024" },
    { "LÖK", "", "2025-01-01", "2024-12-31", "before it begins" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UppAgreement) agreement = upp_agreement_new (cases[i].name,
                                                             UPP_AGREEMENT_KIND_LOK);
      g_autoptr(GError) error = NULL;

      upp_agreement_set_signed (agreement, cases[i].signed_date);
      upp_agreement_set_valid_from (agreement, cases[i].from);
      upp_agreement_set_valid_to (agreement, cases[i].to);
      g_assert_false (upp_store_save_agreement (store, unit, agreement, &error));
      g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  {
    g_autoptr(UppInterview) interview = upp_interview_new ();
    g_autoptr(GError) error = NULL;

    upp_interview_set_date (interview, "2024-13-01");
    g_assert_false (upp_store_save_interview (store, rattvik, interview, &error));
    g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    upp_response_set_check_sent (rattvik, "i morgon");
    g_assert_false (upp_store_save_response_details (store, rattvik, &error));
    g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  }

  g_clear_object (&store);
  after = query (path, ".dump");
  g_assert_cmpstr (after, ==, before);
  test_remove_tree (dir);
}

/* Seed 001 held 18 interviews with 16 units: a unit's first interview is its response's, the
 * others are rows of their own; the round counts what was held. */
static void
test_interviews_counted (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "interviews");
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2024);
  g_autoptr(UppResponse) falun = test_find_response (store, round, "Falun");
  g_autoptr(UppResponse) rattvik = test_find_response (store, round, "Rättvik");
  g_autoptr(UppResponse) reread = NULL;
  g_autoptr(UppInterview) second = upp_interview_new ();
  g_autoptr(UppInterview) third = upp_interview_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  /* The example table says nothing of interviews. */
  before = upp_store_count_interviews (store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before, ==, 0);

  upp_response_set_interview_date (falun, "2024-10-01");
  upp_response_set_mode (falun, UPP_INTERVIEW_MODE_VISIT);
  upp_response_set_duration_minutes (falun, 90);
  upp_response_set_check_sent (falun, "2024-10-03");
  upp_response_set_check_approved (falun, "2024-10-10");
  g_assert_true (upp_store_save_response_details (store, falun, &error));
  g_assert_no_error (error);

  upp_interview_set_date (second, "2024-10-15");
  upp_interview_set_mode (second, UPP_INTERVIEW_MODE_PHONE);
  upp_interview_set_duration_minutes (second, 45);
  upp_interview_set_participant_count (second, 2);
  upp_interview_set_participant_roles (second, "MAS, enhetschef");
  g_assert_true (upp_store_save_interview (store, falun, second, &error));
  g_assert_no_error (error);
  upp_interview_set_mode (third, UPP_INTERVIEW_MODE_VIDEO);
  g_assert_true (upp_store_save_interview (store, rattvik, third, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (upp_store_count_interviews (store, round, &error), ==, 3);
  listed = upp_store_list_interviews (store, round, falun, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (upp_interview_get_participant_roles (listed->pdata[0]), ==,
                   "MAS, enhetschef");
  g_assert_cmpint (upp_interview_get_duration_minutes (listed->pdata[0]), ==, 45);
  g_assert_cmpstr (upp_interview_get_response_uuid (listed->pdata[0]), ==,
                   upp_response_get_uuid (falun));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = upp_store_list_interviews (store, round, NULL, &error);
  g_assert_cmpuint (listed->len, ==, 2);

  reread = test_find_response (store, round, "Falun");
  g_assert_cmpint (upp_response_get_duration_minutes (reread), ==, 90);
  g_assert_cmpstr (upp_response_get_check_sent (reread), ==, "2024-10-03");
  g_assert_cmpstr (upp_response_get_check_approved (reread), ==, "2024-10-10");
  g_assert_true (upp_response_has_interview (reread));

  g_assert_true (upp_store_remove_interview (store, third, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (upp_store_count_interviews (store, round, &error), ==, 2);
  g_assert_false (upp_store_save_interview (store, rattvik, third, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);

  test_close_store (&store, &dir);
}

/* The first interview's length and the respondent check travel in exchange files, each
 * detail with its own version like the others. */
static void
test_check_exchanged (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) office = test_open_store (dir, "office");
  g_autoptr(UppStore) laptop = test_open_store (dir, "laptop");
  g_autofree char *uuid = test_import_dalarna_uuid (office);
  g_autofree char *first = test_export_exchange (office, dir, "first", uuid);
  g_autoptr(UppExchangeSummary) summary = test_import_exchange (laptop, first, 0);
  g_autoptr(UppExchangeSummary) back = NULL;
  g_autoptr(UppRound) round = test_load_round (laptop, uuid);
  g_autoptr(UppRound) office_round = NULL;
  g_autoptr(UppResponse) borlange = test_find_response (laptop, round, "Borlänge");
  g_autoptr(UppResponse) arrived = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;

  upp_response_set_duration_minutes (borlange, 75);
  upp_response_set_check_sent (borlange, "2025-11-02");
  g_assert_true (upp_store_save_response_details (laptop, borlange, &error));
  g_assert_no_error (error);
  second = test_export_exchange (laptop, dir, "second", uuid);
  back = test_import_exchange (office, second, 0);
  g_assert_cmpuint (back->conflicts, ==, 0);

  office_round = test_load_round (office, uuid);
  arrived = test_find_response (office, office_round, "Borlänge");
  g_assert_cmpint (upp_response_get_duration_minutes (arrived), ==, 75);
  g_assert_cmpstr (upp_response_get_check_sent (arrived), ==, "2025-11-02");
  g_assert_cmpstr (upp_response_get_check_approved (arrived), ==, "");

  g_clear_object (&laptop);
  test_close_store (&office, &dir);
}

/* A database of schema 5 moves to 6 after a backup, keeping every response. */
static void
test_migrate_v5 (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "v5.db", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "v5");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *responses_before = NULL;
  g_autofree char *responses_after = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db = NULL;

  test_import_dalarna (store, 2025);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, TEST_SQL_UNDO_SCHEMA_10
                                     TEST_SQL_UNDO_SCHEMA_9 TEST_SQL_UNDO_SCHEMA_8
                                 TEST_SQL_UNDO_SCHEMA_7 TEST_SQL_UNDO_SCHEMA_6
                                 "PRAGMA user_version = 5;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  responses_before = query (path, "SELECT uuid, status, interview_date, modified "
                            "FROM responses ORDER BY uuid");

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  text = query (path, "PRAGMA user_version");
  g_assert_cmpstr (text, ==, "10\n");
  responses_after = query (path, "SELECT uuid, status, interview_date, modified "
                           "FROM responses ORDER BY uuid");
  g_assert_cmpstr (responses_after, ==, responses_before);
  backups = upp_store_list_backups (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, >=, 1);
  g_assert_cmpstr (upp_backup_get_reason (backups->pdata[0]), ==, "schema-v5");

  test_close_store (&store, &dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreements/carried-to-next-round", test_agreements_carried);
  g_test_add_func ("/agreements/refused", test_agreement_refused);
  g_test_add_func ("/interviews/counted", test_interviews_counted);
  g_test_add_func ("/interviews/check-exchanged", test_check_exchanged);
  g_test_add_func ("/agreements/migrate-v5", test_migrate_v5);

  return g_test_run ();
}
