/* test-backup.c: automatic backups, their rotation, restoring one, and the upgrade of a
 * version 1 database to version 2 with a backup first
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
#include "upp-backup.h"
#include "upp-conflict.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-exchange.h"
#include "upp-unit.h"

static int
count_rows (const char *db_path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    n = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return n;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* dir/uppfoljning.db: a copy of a version 1 database with the Dalarna round. */
static char *
copy_v1_database (const char *dir)
{
  g_autofree char *fixture = test_fixture_path ("store-v1-dalarna.db");
  char *path = g_build_filename (dir, "uppfoljning.db", NULL);

  copy_file (fixture, path);
  return path;
}

static void
assert_mode_0600 (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_upgrade_v1 (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = copy_v1_database (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(UppResponse) falun = NULL;
  UppBackup *backup;
  UppRound *round;

  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, 1);

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, UPP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (UPP_STORE_SCHEMA_VERSION, ==, 10);
  assert_mode_0600 (path);

  /* The backup made before the upgrade is the version 1 file, readable by its owner only. */
  backups = upp_store_list_backups (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (upp_backup_get_reason (backup), ==, "schema-v1");
  g_assert_cmpstr (upp_backup_get_label (backup), ==, "Before upgrading the database");
  assert_mode_0600 (upp_backup_get_path (backup));
  g_assert_cmpint (count_rows (upp_backup_get_path (backup), "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (count_rows (upp_backup_get_path (backup), "SELECT count(*) FROM answers"), ==,
                   44);

  /* Data intact: the Dalarna round with its 11 units and 44 answers, and the new tables. */
  rounds = upp_store_list_rounds (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds->len, ==, 1);
  round = g_ptr_array_index (rounds, 0);
  g_assert_cmpint (upp_round_get_year (round), ==, 2025);
  g_assert_cmpuint (upp_round_get_n_units (round), ==, 11);
  responses = upp_store_list_responses (store, round, &error);
  g_assert_cmpuint (responses->len, ==, 11);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM answers"), ==, 44);
  falun = upp_store_find_response (store, round, "Falun", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (upp_answer_get_text (upp_response_get_answer (falun,
                                                                                 "structure")),
                                   "Finns en styrgrupp"));
  g_assert_cmpuint (upp_store_count_conflicts (store), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sync_versions"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM themes"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM codings"), ==, 0);

  /* Opened again: no second migration, no second backup. */
  g_clear_object (&store);
  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = upp_store_list_backups (path, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
  test_remove_tree (dir);
}

static void
test_newer_refused (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = copy_v1_database (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %d",
                                            UPP_STORE_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, newer, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  error = test_assert_open_refused (path, UPP_STORE_ERROR_NEWER_SCHEMA);
  test_remove_tree (dir);
}

static void
test_rotation (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "uppfoljning");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  guint exchange = 0;

  for (guint i = 0; i < UPP_BACKUP_KEEP + 3; i++)
    {
      g_autofree char *path = NULL;

      g_assert_true (upp_store_make_backup (store, UPP_BACKUP_BEFORE_IMPORT, &path, &error));
      g_assert_no_error (error);
      g_assert_nonnull (path);
      assert_mode_0600 (path);
    }
  g_assert_true (upp_store_make_backup (store, UPP_BACKUP_DAILY, NULL, &error));

  backups = upp_store_list_backups (upp_store_get_path (store), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < backups->len; i++)
    {
      UppBackup *info = g_ptr_array_index (backups, i);

      if (g_str_equal (upp_backup_get_reason (info), UPP_BACKUP_BEFORE_IMPORT))
        exchange++;
      if (i > 0)
        g_assert_cmpint (g_date_time_compare (upp_backup_get_created (info),
                                              upp_backup_get_created (backups->pdata[i - 1])),
                         <=, 0);
    }
  g_assert_cmpuint (exchange, ==, UPP_BACKUP_KEEP);
  g_assert_cmpuint (backups->len, ==, UPP_BACKUP_KEEP + 1);
  g_assert_cmpstr (upp_backup_get_reason (g_ptr_array_index (backups, 0)), ==,
                   UPP_BACKUP_DAILY);
  test_remove_tree (dir);
}

/* A backup is an object a list model can hold, with its file, reason and label. */
static void
test_backup_object (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "uppfoljning");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GListStore) model = g_list_store_new (UPP_TYPE_BACKUP);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *label = NULL;
  g_autofree char *made = NULL;
  UppBackup *backup;

  g_assert_true (upp_store_make_backup (store, UPP_BACKUP_BEFORE_IMPORT, &made, &error));
  g_assert_no_error (error);
  backups = upp_store_list_backups (upp_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_list_store_append (model, g_ptr_array_index (backups, 0));
  g_clear_pointer (&backups, g_ptr_array_unref);

  backup = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_object_get (backup, "path", &path, "reason", &reason, "label", &label,
                "created", &created, NULL);
  g_assert_cmpstr (path, ==, made);
  g_assert_cmpstr (reason, ==, UPP_BACKUP_BEFORE_IMPORT);
  g_assert_cmpstr (label, ==, "Before an exchange import");
  g_assert_nonnull (created);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM templates"), >, 0);
  g_list_store_remove_all (model);
  g_assert_finalize_object (backup);
  test_remove_tree (dir);
}

static void
test_daily (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "uppfoljning");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  GStatBuf st;

  g_assert_true (upp_store_backup_daily (store, &error));
  g_assert_true (upp_store_backup_daily (store, &error));
  g_assert_true (upp_store_backup_daily (store, &error));
  g_assert_no_error (error);
  backups = upp_store_list_backups (upp_store_get_path (store), &error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (upp_backup_get_reason (g_ptr_array_index (backups, 0)), ==, "daily");
  folder = upp_store_dup_backup_folder (store);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  test_remove_tree (dir);
}

static char *
falun_text (UppStore *store)
{
  g_autoptr(GPtrArray) rounds = upp_store_list_rounds (store, NULL);
  g_autoptr(UppResponse) falun = upp_store_find_response (store, g_ptr_array_index (rounds, 0),
                                                          "Falun", NULL);
  UppAnswer *answer = upp_response_get_answer (falun, "other");

  return g_strdup (answer ? upp_answer_get_text (answer) : "");
}

static void
set_falun (UppStore   *store,
           const char *text)
{
  g_autoptr(GPtrArray) rounds = upp_store_list_rounds (store, NULL);
  g_autoptr(UppResponse) falun = upp_store_find_response (store, g_ptr_array_index (rounds, 0),
                                                          "Falun", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (upp_store_set_answer (store, g_ptr_array_index (rounds, 0), falun, "other",
                                       text, NULL, &error));
  g_assert_no_error (error);
}

static void
test_restore (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *fixture = test_fixture_path ("store-v1-dalarna.db");
  g_autofree char *path = g_build_filename (dir, "uppfoljning.db", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  copy_file (fixture, path);
  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  set_falun (store, "Före säkerhetskopian");
  g_assert_true (upp_store_make_backup (store, UPP_BACKUP_DAILY, &saved, &error));
  set_falun (store, "Efter säkerhetskopian");
  g_clear_object (&store);

  g_assert_true (upp_store_restore_backup (saved, path, &error));
  g_assert_no_error (error);
  assert_mode_0600 (path);
  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  text = falun_text (store);
  g_assert_cmpstr (text, ==, "Före säkerhetskopian");

  /* The database as it was before the restore is kept as a backup of its own. */
  backups = upp_store_list_backups (path, NULL);
  for (guint i = 0; i < backups->len; i++)
    {
      UppBackup *info = g_ptr_array_index (backups, i);

      if (g_str_equal (upp_backup_get_reason (info), UPP_BACKUP_BEFORE_RESTORE))
        {
          g_autoptr(UppStore) before = NULL;
          g_autofree char *before_text = NULL;

          assert_mode_0600 (upp_backup_get_path (info));
          before = upp_store_open (upp_backup_get_path (info), &error);
          g_assert_no_error (error);
          before_text = falun_text (before);
          g_assert_cmpstr (before_text, ==, "Efter säkerhetskopian");
          g_clear_pointer (&saved, g_free);
          saved = g_strdup ("found");
        }
    }
  g_assert_cmpstr (saved, ==, "found");

  /* Restoring the v1 fixture itself: the store migrates it when it is opened. */
  g_clear_object (&store);
  g_assert_true (upp_store_restore_backup (fixture, path, &error));
  g_assert_no_error (error);
  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = falun_text (store);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, UPP_STORE_SCHEMA_VERSION);
  test_remove_tree (dir);
}

/* A damaged database cannot be opened; its backups can still be restored, and the damaged
 * file is kept as it was. */
static void
test_restore_over_damaged (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = copy_v1_database (dir);
  g_autofree char *saved = NULL;
  g_autofree char *text = NULL;
  g_autofree char *damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  gsize length = 0;
  gboolean kept = FALSE;

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  set_falun (store, "Sparat före skadan");
  g_assert_true (upp_store_make_backup (store, UPP_BACKUP_DAILY, &saved, &error));
  g_clear_object (&store);

  /* Overwrite the header: not a database any more. */
  g_assert_true (g_file_get_contents (path, &damaged, &length, NULL));
  memset (damaged, 'x', 100);
  g_assert_true (g_file_set_contents (path, damaged, length, NULL));
  store = upp_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (upp_store_restore_backup (saved, path, &error));
  g_assert_no_error (error);
  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  text = falun_text (store);
  g_assert_cmpstr (text, ==, "Sparat före skadan");

  backups = upp_store_list_backups (path, NULL);
  for (guint i = 0; i < backups->len; i++)
    {
      UppBackup *info = g_ptr_array_index (backups, i);
      g_autofree char *contents = NULL;

      if (!g_str_equal (upp_backup_get_reason (info), UPP_BACKUP_BEFORE_RESTORE))
        continue;
      g_assert_true (g_file_get_contents (upp_backup_get_path (info), &contents, NULL, NULL));
      g_assert_true (memcmp (contents, damaged, 100) == 0);
      assert_mode_0600 (upp_backup_get_path (info));
      kept = TRUE;
    }
  g_assert_true (kept);
  test_remove_tree (dir);
}

static void
test_restore_refuses_bad (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "uppfoljning.db", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = upp_store_open (path, &error);
  g_autoptr(GPtrArray) backups = NULL;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_set_contents (garbage, "Det här är ingen databas", -1, NULL));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  g_assert_false (upp_store_restore_backup (garbage, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, garbage));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  backups = upp_store_list_backups (path, NULL);
  g_assert_cmpuint (backups->len, ==, 0);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/upgrade-v1", test_upgrade_v1);
  g_test_add_func ("/backup/newer-refused", test_newer_refused);
  g_test_add_func ("/backup/rotation", test_rotation);
  g_test_add_func ("/backup/daily", test_daily);
  g_test_add_func ("/backup/object", test_backup_object);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-over-damaged", test_restore_over_damaged);
  g_test_add_func ("/backup/restore-refuses-bad", test_restore_refuses_bad);

  return g_test_run ();
}
