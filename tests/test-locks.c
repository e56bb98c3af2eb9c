/* test-locks.c: other code in the process opening and closing the database's files (as a
 * GTK file chooser does when it sniffs content types) must not drop SQLite's locks: the CLI
 * beside the app would then delete the -wal file the app still writes into, and committed
 * answers of both would be lost.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"
#include "upp-store-private.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-unit.h"

typedef struct
{
  char     *dir;
  char     *db_path;
  UppStore *store;
  char     *round_uuid;
  char     *unit_name;
} LocksFixture;

static void
locks_fixture_set_up (LocksFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "r");
  fixture->db_path = g_build_filename (fixture->dir, "r.db", NULL);
  fixture->round_uuid = test_import_dalarna_uuid (fixture->store);
  round = test_load_round (fixture->store, fixture->round_uuid);
  responses = upp_store_list_responses (fixture->store, round, &error);
  g_assert_no_error (error);
  fixture->unit_name =
    g_strdup (upp_response_get_unit_name (g_ptr_array_index (responses, 0)));
}

static void
locks_fixture_tear_down (LocksFixture  *fixture,
                         gconstpointer  data)
{
  g_free (fixture->round_uuid);
  g_free (fixture->unit_name);
  g_free (fixture->db_path);
  test_close_store (&fixture->store, &fixture->dir);
}

/* What a file chooser and GIO do to a folder: list it with content types (which reads the
 * first bytes of files it can't type by name), and read a file whole. */
static void
touch_like_gio (const char *dir,
                const char *db_path)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;
  const char *suffixes[] = { "", "-wal", "-shm" };

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    g_object_unref (info);
  g_assert_no_error (error);

  /* And plainly: open, read, close each file, whatever GIO decides to sniff. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      char bytes[64];
      int fd = open (path, O_RDONLY);

      if (fd < 0)
        continue;
      g_assert_cmpint (read (fd, bytes, sizeof bytes), >=, 0);
      close (fd);
    }
}

static char *
run_cli (const char *db_path,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("UPP_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db_path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return test_run ((const char * const *) argv->pdata, NULL);
}

/* Whether this process holds a descriptor of a file that has been deleted. */
static gboolean
holds_deleted_file (const char *path)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  g_autofree char *deleted = g_strconcat (path, " (deleted)", NULL);
  const char *name;

  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_equal (target, deleted))
        return TRUE;
    }
  return FALSE;
}

static void
test_cli_beside_gio (LocksFixture  *fixture,
                     gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  g_autofree char *cli_rounds = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;

  /* Committed in the app, still in the -wal file (nothing has checkpointed it). */
  test_set_answer (fixture->store, fixture->round_uuid, fixture->unit_name, "other",
                   "Skrivet i fönstret före filväljaren");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  touch_like_gio (fixture->dir, fixture->db_path);

  /* The CLI opens and closes the database: with our locks gone it would think it is the last
   * user, checkpoint and delete the -wal file under us. */
  cli_rounds = run_cli (fixture->db_path, "rounds", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (holds_deleted_file (wal));

  /* Both sides go on writing and see each other's answers. */
  test_set_answer (fixture->store, fixture->round_uuid, fixture->unit_name, "challenges",
                   "Skrivet i fönstret efter CLI");
  run_cli (fixture->db_path, "answer", "--round", fixture->round_uuid, "--unit",
           fixture->unit_name, "--question", "good_examples", "--text", "Skrivet av CLI",
           NULL);
  touch_like_gio (fixture->dir, fixture->db_path);
  run_cli (fixture->db_path, "rounds", NULL);
  g_assert_false (holds_deleted_file (wal));

  theirs = test_dup_answer_text (fixture->store, fixture->round_uuid, fixture->unit_name,
                                 "good_examples");
  g_assert_cmpstr (theirs, ==, "Skrivet av CLI");

  /* After the app has closed, the file alone holds everything. */
  g_clear_object (&fixture->store);
  shown = run_cli (fixture->db_path, "show", "--round", fixture->round_uuid, "--unit",
                   fixture->unit_name, "--json", NULL);
  g_assert_nonnull (strstr (shown, "Skrivet i fönstret före filväljaren"));
  g_assert_nonnull (strstr (shown, "Skrivet i fönstret efter CLI"));
  g_assert_nonnull (strstr (shown, "Skrivet av CLI"));
}

/* SQLite's own connections in one process (the window and its worker threads) still share
 * their locks: a second connection can write while the first is open and idle. */
static void
test_two_connections (LocksFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) second = upp_store_open (fixture->db_path, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  test_set_answer (second, fixture->round_uuid, fixture->unit_name, "other", "Andra");
  test_set_answer (fixture->store, fixture->round_uuid, fixture->unit_name, "other", "Första");
  g_clear_object (&second);
  touch_like_gio (fixture->dir, fixture->db_path);
  test_set_answer (fixture->store, fixture->round_uuid, fixture->unit_name, "challenges",
                   "Efter");
  text = test_dup_answer_text (fixture->store, fixture->round_uuid, fixture->unit_name,
                               "other");
  g_assert_cmpstr (text, ==, "Första");
}

/* A writer in another process is kept out while this one holds a write transaction, even
 * after other code here closed a descriptor of the file. */
static void
test_exclusion_survives_close (LocksFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = {
    g_getenv ("UPP_CLI"), "--db", fixture->db_path, "answer", "--round", fixture->round_uuid,
    "--unit", fixture->unit_name, "--question", "other", "--text", "CLI", NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (upp_store_begin (fixture->store, &error));
  g_assert_true (upp_store_exec (fixture->store,
                                 "UPDATE meta SET value = value WHERE key = 'device_id'",
                                 &error));
  touch_like_gio (fixture->dir, fixture->db_path);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  if (strstr (err, "locked") == NULL && strstr (err, "busy") == NULL)
    g_error ("the CLI failed otherwise: %s", err);
  g_assert_true (upp_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/locks/cli-beside-gio", LocksFixture, NULL, locks_fixture_set_up,
              test_cli_beside_gio, locks_fixture_tear_down);
  g_test_add ("/locks/two-connections", LocksFixture, NULL, locks_fixture_set_up,
              test_two_connections, locks_fixture_tear_down);
  g_test_add ("/locks/exclusion-survives-close", LocksFixture, NULL, locks_fixture_set_up,
              test_exclusion_survives_close, locks_fixture_tear_down);
  return g_test_run ();
}
