/* test-kill.c: a process writing answers is killed (SIGKILL) again and again; every answer
 * it reported saved is still there and the database passes PRAGMA integrity_check
 *
 * Run with --writer DB ROUND it is the writer: it sets answers in a loop and prints
 * "saved N UNIT" after each commit.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "import/import-dalarna.h"
#include "test-util.h"
#include "upp-answer.h"
#include "upp-response.h"
#include "upp-round.h"

#define N_KILLS 12

static int
run_writer (const char *db_path,
            const char *round_uuid,
            int         start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = upp_store_open (db_path, &error);
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;

  if (store == NULL)
    {
      fprintf (stderr, "writer: %s\n", error->message);
      return 1;
    }
  round = upp_store_load_round (store, round_uuid, &error);
  if (round != NULL)
    responses = upp_store_list_responses (store, round, &error);
  if (responses == NULL)
    {
      fprintf (stderr, "writer: %s\n", error->message);
      return 1;
    }
  for (int n = start;; n++)
    {
      guint unit = n % responses->len;
      g_autofree char *text = g_strdup_printf ("saved %d\n%s", n,
                                               "Samverkan kring SIP och IBM fungerar, men "
                                               "personalbristen gör att väntetiderna växer.");

      if (!upp_store_set_answer (store, round, g_ptr_array_index (responses, unit), "other",
                                 text, NULL, &error))
        {
          fprintf (stderr, "writer: %s\n", error->message);
          return 1;
        }
      /* Only now is it saved: the commit has returned. */
      printf ("saved %d %u\n", n, unit);
      fflush (stdout);
    }
  return 0;
}

static void
test_kill_writer (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *fixture = test_fixture_path ("dalarna.txt");
  g_autoptr(GFile) table = g_file_new_for_path (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = test_open_store (dir, "killed");
  g_autoptr(UppImportResult) result = upp_import_dalarna_file (store, table, 2025, &error);
  g_autofree char *db_path = g_strdup (upp_store_get_path (store));
  g_autofree char *round_uuid = g_strdup (result->round_uuid);
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  int last_saved[64];
  int next = 1;
  int total_saved = 0;

  g_assert_no_error (error);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (last_saved); i++)
    last_saved[i] = 0;

  for (int kill_round = 0; kill_round < N_KILLS; kill_round++)
    {
      g_autofree char *start = g_strdup_printf ("%d", next);
      const char *argv[] = { self_path, "--writer", db_path, round_uuid, start, NULL };
      g_autoptr(GError) spawn_error = NULL;
      g_autoptr(GIOChannel) channel = NULL;
      g_autofree char *output = NULL;
      g_auto(GStrv) lines = NULL;
      GPid pid;
      int out_fd;
      int status;
      int saved_this_time = 0;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                               NULL, &out_fd, NULL, &spawn_error));
      g_assert_no_error (spawn_error);

      /* Somewhere in the middle of writing: opening, or committing, or printing. */
      g_usleep (g_random_int_range (20, 400) * 1000);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);

      channel = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (channel, TRUE);
      g_io_channel_set_encoding (channel, NULL, NULL);
      g_io_channel_read_to_end (channel, &output, NULL, NULL);
      lines = g_strsplit (output ? output : "", "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          int n, unit;

          /* The last line may be cut short by the kill; it was not reported saved. */
          if (lines[i + 1] == NULL)
            break;
          g_assert_cmpint (sscanf (lines[i], "saved %d %d", &n, &unit), ==, 2);
          g_assert_cmpint (unit, <, (int) G_N_ELEMENTS (last_saved));
          last_saved[unit] = MAX (last_saved[unit], n);
          next = MAX (next, n + 1);
          saved_this_time++;
        }
      total_saved += saved_this_time;
      /* The next writer goes on beyond anything this one may have committed unreported. */
      next += 1000;

      /* Reopen: everything reported saved is there, and the file is sound. */
      {
        g_autoptr(UppStore) reopened = upp_store_open (db_path, &error);
        g_autoptr(UppRound) round = NULL;
        g_autoptr(GPtrArray) responses = NULL;
        sqlite3 *db = NULL;
        sqlite3_stmt *check = NULL;

        g_assert_no_error (error);
        round = upp_store_load_round (reopened, round_uuid, &error);
        g_assert_no_error (error);
        responses = upp_store_list_responses (reopened, round, &error);
        g_assert_no_error (error);
        for (guint unit = 0; unit < responses->len; unit++)
          {
            UppAnswer *answer = upp_response_get_answer (g_ptr_array_index (responses, unit),
                                                         "other");
            int stored = 0;

            if (last_saved[unit] == 0)
              continue;
            g_assert_nonnull (answer);
            g_assert_cmpint (sscanf (upp_answer_get_text (answer), "saved %d", &stored), ==, 1);
            g_assert_cmpint (stored, >=, last_saved[unit]);
          }

        g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                         SQLITE_OK);
        g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &check, NULL),
                         ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
        sqlite3_finalize (check);
        sqlite3_close (db);
      }
      g_test_message ("kill %d: %d answers reported saved", kill_round + 1, saved_this_time);
    }
  /* The test means something only if the writer got to write. */
  g_assert_cmpint (total_saved, >, 0);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && strcmp (argv[1], "--writer") == 0)
    return run_writer (argv[2], argv[3], atoi (argv[4]));

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kill/writer", test_kill_writer);
  return g_test_run ();
}
