/* bench-answer-save.c: what one autosave of the interview form costs: the time of one
 * answer written with upp_store_set_answer() (WAL, synchronous = FULL: every commit fsyncs),
 * as the form's autosaves of one editing (one version of the answer's history brought up to
 * date) and as saves that each keep a version of their own, against its floor: the same
 * text written by a bare SQLite UPDATE in a transaction of its own on the same database
 *
 * Usage: bench-answer-save [SAVES] [FOLDER] (default 200 saves in a new folder under the
 * temporary folder; give a folder on the disk the app uses, since a tmpfs never waits for an
 * fsync). Prints the median, 90th percentile and worst of the saves, and the frame budget they
 * are measured against; then the same for the main thread's share of a save handed to
 * UppSaveQueue, as the form does. Asserts nothing.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "upp-municipality.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-save-queue.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-unit.h"

/* One frame at 60 Hz: typing must never wait longer than this for a save. */
#define FRAME_MS (1000.0 / 60)

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_figures (const char *what,
               GArray     *times)
{
  double *ms = (double *) times->data;
  guint n = times->len;
  guint over_frame = 0;

  g_array_sort (times, compare_doubles);
  for (guint i = 0; i < n; i++)
    over_frame += ms[i] > FRAME_MS;
  printf ("%-26s median %7.2f ms   p90 %7.2f ms   worst %7.2f ms   %u of %u over a frame\n",
          what, ms[n / 2], ms[n * 9 / 10], ms[n - 1], over_frame, n);
}

static UppRound *
create_round (UppStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRegion) region = upp_store_find_region (store, "20", &error);
  g_autoptr(UppTemplate) template = upp_store_load_template (store, "lok", 0, &error);
  g_autoptr(GPtrArray) municipalities = upp_store_list_municipalities (store, "20", &error);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  UppRound *round;

  if (region == NULL || template == NULL || municipalities == NULL)
    g_error ("No Dalarna or LÖK template in a new database: %s", error->message);

  for (guint i = 0; i < municipalities->len; i++)
    {
      UppMunicipality *municipality = g_ptr_array_index (municipalities, i);
      UppUnit *unit = upp_unit_new (upp_municipality_get_name (municipality), "20",
                                    UPP_UNIT_KIND_MUNICIPALITY);

      upp_unit_add_member_code (unit, upp_municipality_get_code (municipality));
      g_ptr_array_add (units, unit);
    }
  round = upp_round_new (2026, region, "Benchmark", template);
  if (!upp_store_create_round (store, round, units, &error))
    g_error ("%s", error->message);
  return round;
}

int
main (int   argc,
      char *argv[])
{
  int n_saves = argc > 1 ? atoi (argv[1]) : 200;
  g_autofree char *dir = argc > 2 ? g_strdup (argv[2])
                                  : g_dir_make_tmp ("upp-bench-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench-answer-save.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GArray) answer_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) version_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) detail_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) queued_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(UppSaveQueue) queue = NULL;
  gint64 queue_start;
  double queue_total_ms;
  g_autoptr(GString) text = g_string_new ("Styrgruppen träffas varannan månad. ");
  const char *suffixes[] = { "", "-wal", "-shm" };
  UppResponse *response;

  if (n_saves < 1)
    {
      fprintf (stderr, "Usage: bench-answer-save [SAVES] [FOLDER]\n");
      return 2;
    }

  g_unlink (path);
  store = upp_store_open (path, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  round = create_round (store);
  responses = upp_store_list_responses (store, round, &error);
  response = g_ptr_array_index (responses, 0);

  /* As typing does: the same answer, one character longer each save, within one editing. */
  for (int i = 0; i < n_saves; i++)
    {
      gint64 start;
      double ms;

      g_string_append_c (text, "abcdefghij klmnopqrstuvwxyz. "[i % 29]);
      start = g_get_monotonic_time ();
      if (!upp_store_set_answer_from (store, round, response, "good_examples", text->str, NULL,
                                      UPP_ANSWER_ORIGIN_EDIT, "bench-editing", &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (answer_times, ms);
    }

  /* Each save a version of its own, as the CLI's answers are. */
  for (int i = 0; i < n_saves; i++)
    {
      gint64 start;
      double ms;

      g_string_append_c (text, "abcdefghij klmnopqrstuvwxyz. "[i % 29]);
      start = g_get_monotonic_time ();
      if (!upp_store_set_answer (store, round, response, "challenges", text->str, NULL,
                                 &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (version_times, ms);
    }

  /* The floor: a bare upsert of the same text in a transaction of its own. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *update = NULL;

    if (sqlite3_open (path, &db) != SQLITE_OK ||
        sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL, NULL,
                      NULL) != SQLITE_OK ||
        sqlite3_prepare_v2 (db, "INSERT INTO answers (uuid, response_id, question_key, text, "
                            "modified, device) VALUES ('bench', ?1, 'other', ?2, ?3, '') "
                            "ON CONFLICT (response_id, question_key) DO UPDATE SET "
                            "text = excluded.text, modified = excluded.modified", -1, &update,
                            NULL) != SQLITE_OK)
      g_error ("%s", sqlite3_errmsg (db));
    for (int i = 0; i < n_saves; i++)
      {
        g_autofree char *now = g_strdup_printf ("%d", i);
        gint64 start;
        double ms;

        g_string_append_c (text, "abcdefghij klmnopqrstuvwxyz. "[i % 29]);
        start = g_get_monotonic_time ();
        sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        sqlite3_bind_int64 (update, 1, upp_response_get_id (response));
        sqlite3_bind_text (update, 2, text->str, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (update, 3, now, -1, SQLITE_TRANSIENT);
        if (sqlite3_step (update) != SQLITE_DONE)
          g_error ("%s", sqlite3_errmsg (db));
        sqlite3_reset (update);
        if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
          g_error ("%s", sqlite3_errmsg (db));
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (floor_times, ms);
      }
    sqlite3_finalize (update);
    sqlite3_close (db);
  }

  for (int i = 0; i < n_saves; i++)
    {
      gint64 start;
      double ms;

      upp_response_set_participant_count (response, i + 1);
      start = g_get_monotonic_time ();
      if (!upp_store_save_response_details (store, response, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (detail_times, ms);
    }

  /* What the form does instead: the main thread only hands the save to the worker. */
  queue = upp_save_queue_new (path);
  queue_start = g_get_monotonic_time ();
  for (int i = 0; i < n_saves; i++)
    {
      UppSaveQueueJob *job = upp_save_queue_job_new (round, response, FALSE, NULL, NULL, NULL);
      gint64 start;
      double ms;

      g_string_append_c (text, "abcdefghij klmnopqrstuvwxyz. "[i % 29]);
      start = g_get_monotonic_time ();
      upp_save_queue_job_add_answer (job, "good_examples", text->str, NULL, NULL);
      upp_save_queue_push (queue, job);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (queued_times, ms);
    }
  upp_save_queue_drain (queue);
  queue_total_ms = (g_get_monotonic_time () - queue_start) / 1000.0;
  g_clear_object (&queue);

  printf ("database: %s (frame budget %.1f ms)\n", path, FRAME_MS);
  print_figures ("answer save, one editing", answer_times);
  print_figures ("answer save, own version", version_times);
  print_figures ("floor: bare WAL upsert", floor_times);
  printf ("%-26s %.2f× (one editing), %.2f× (own version) the floor's median\n", "",
          g_array_index (answer_times, double, answer_times->len / 2) /
          g_array_index (floor_times, double, floor_times->len / 2),
          g_array_index (version_times, double, version_times->len / 2) /
          g_array_index (floor_times, double, floor_times->len / 2));
  print_figures ("interview details save", detail_times);
  print_figures ("queued save, main thread", queued_times);
  printf ("%-26s %.0f ms for %d saves on the worker\n", "", queue_total_ms, n_saves);

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  if (argc <= 2)
    g_rmdir (dir);
  return 0;
}
