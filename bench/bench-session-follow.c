/* bench-session-follow.c: what following a change costs the main thread: the session reading
 * its models again after another connection committed one answer (as the interview form's
 * save queue does about once a second while someone types), on ten years of a 290-unit
 * region with the latest round's responses open.
 * Usage: bench-session-follow [ROUNDS] [UNITS] [SAVES]; UPP_BENCH_PARTS=1 also prints what
 * reading each model again and listing rounds and responses cost.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "test-util.h"
#include "upp-store-private.h"
#include "upp-region.h"
#include "upp-session.h"
#include "upp-session-private.h"
#include "upp-unit.h"

/* A round of the same units each year, every question answered. */
static UppRound *
make_round (UppStore    *store,
            UppRegion   *region,
            UppTemplate *template,
            int          year,
            GPtrArray   *units)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autofree char *title = g_strdup_printf ("Uppföljning LÖK %d", year);
  UppRound *round = upp_round_new (year, region, title, template);

  g_assert_true (upp_store_create_round (store, round, units, &error));
  responses = upp_store_list_responses (store, round, &error);
  g_assert_no_error (error);
  g_assert_true (upp_store_begin (store, &error));
  for (guint i = 0; i < responses->len; i++)
    for (guint q = 0; q < upp_template_get_n_questions (template); q++)
      {
        UppQuestion *question = upp_template_get_question (template, q);
        g_autofree char *text = g_strdup_printf ("Svar %u på fråga %u år %d: samverkan kring "
                                                 "SIP fungerar, men personalbrist gör att det "
                                                 "tar tid.", i, q, year);

        g_assert_true (upp_store_set_answer (store, round, g_ptr_array_index (responses, i),
                                             upp_question_get_key (question), text, NULL,
                                             &error));
      }
  g_assert_true (upp_store_commit (store, &error));
  return round;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  guint n_rounds = argc > 1 ? (guint) atoi (argv[1]) : 10;
  guint n_units = argc > 2 ? (guint) atoi (argv[2]) : 290;
  guint n_saves = argc > 3 ? (guint) atoi (argv[3]) : 50;
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "bench");
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRegion) region = upp_store_find_region (store, "20", &error);
  g_autoptr(UppTemplate) template = upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_LOK, 0,
                                                             &error);
  g_autoptr(UppRound) latest = NULL;
  g_autoptr(UppSession) session = NULL;
  g_autoptr(GListModel) responses = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  UppQuestion *question;
  gint64 start;

  for (guint i = 0; i < n_units; i++)
    {
      g_autofree char *name = g_strdup_printf ("Enhet %03u", i + 1);

      g_ptr_array_add (units, upp_unit_new (name, upp_region_get_code (region),
                                            UPP_UNIT_KIND_OTHER));
    }
  for (guint r = 0; r < n_rounds; r++)
    {
      g_clear_object (&latest);
      latest = make_round (store, region, template, 2017 + (int) r, units);
    }

  session = upp_session_new (upp_store_get_path (store));
  start = g_get_monotonic_time ();
  g_assert_true (upp_session_open (session, &error));
  responses = upp_session_dup_responses (session,
                                         upp_session_find_round (session,
                                                                 upp_round_get_uuid (latest)));
  g_print ("rounds × units:         %u × %u\n", n_rounds, n_units);
  g_print ("open and read models:   %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  listed = upp_store_list_responses (store, latest, &error);
  question = upp_template_get_question (template, 3);
  for (guint i = 0; i < n_saves; i++)
    {
      g_autofree char *text = g_strdup_printf ("Skrivet medan någon pratar, steg %u", i);
      gint64 took;

      /* The save queue's connection commits one answer… */
      g_assert_true (upp_store_set_answer (store, latest, g_ptr_array_index (listed, i % 7),
                                           upp_question_get_key (question), text, NULL, &error));
      /* …and the main thread follows. */
      start = g_get_monotonic_time ();
      g_assert_true (upp_session_check_for_changes (session));
      took = g_get_monotonic_time () - start;
      g_array_append_val (times, took);
    }
  g_array_sort (times, compare_times);
  if (g_getenv ("UPP_BENCH_PARTS") != NULL)
    {
      start = g_get_monotonic_time ();
      for (int k = 0; k < 10; k++)
        g_ptr_array_unref (upp_store_list_rounds (store, NULL));
      g_print ("list rounds: %.1f ms\n", (g_get_monotonic_time () - start) / 10000.0);
      start = g_get_monotonic_time ();
      for (int k = 0; k < 10; k++)
        g_ptr_array_unref (upp_store_list_responses (store, latest, NULL));
      g_print ("list responses: %.1f ms\n", (g_get_monotonic_time () - start) / 10000.0);
      UppSessionChanges parts[] = { UPP_SESSION_CHANGED_ROUNDS, UPP_SESSION_CHANGED_TEMPLATES,
                                    UPP_SESSION_CHANGED_CONFLICTS, UPP_SESSION_CHANGED_BACKUPS };
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          start = g_get_monotonic_time ();
          for (int k = 0; k < 10; k++)
            upp_session_reload_now (session, parts[p]);
          g_print ("part %u: %.1f ms\n", parts[p], (g_get_monotonic_time () - start) / 10000.0);
        }
    }
  g_print ("follow one saved answer: median %.1f ms, worst %.1f ms (%u saves; a frame is "
           "16.7 ms)\n",
           g_array_index (times, gint64, times->len / 2) / 1000.0,
           g_array_index (times, gint64, times->len - 1) / 1000.0, times->len);

  g_clear_object (&responses);
  g_clear_object (&session);
  test_remove_tree (dir);
  return 0;
}
