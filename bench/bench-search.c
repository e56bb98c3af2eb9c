/* bench-search.c: the app's search of every answer against a bare FTS5 query on the same
 * index, over a generated region: 10 years of 290 units
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-search [N_UNITS [N_YEARS]]   (default 290 units, 10 years)
 *
 * Per query: the hits, the median time of the app's search as the window runs it
 * (upp_store_search_first(): every match counted and ordered, the first 200 made into hits
 * with round, unit, question and text), of the floor, a bare "SELECT rowid … MATCH" that only
 * walks the index, and their ratio; and the app's first search after a change (cold), which
 * reads the order of every answer again.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-search.h"
#include "upp-store-private.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-unit.h"

#include "test-util.h"

#define RUNS 7
/* What the window shows of a search; it counts the rest. */
#define SHOWN_HITS 200

static const char *sentences[] = {
  "Samverkan mellan kommunens missbruksenhet och vårdcentralen fungerar väl.",
  "Vi träffas regelbundet i styrgruppen där verksamhetschefer från båda huvudmännen deltar.",
  "Utmaningen är att resurssätta arbetet med den lokala överenskommelsen.",
  "SIP används allt oftare men kunskapen om verktyget behöver spridas i verksamheterna.",
  "Avvikelser skrivs i Synergi vid behov, oftast när det gäller utskrivning från slutenvården.",
  "Den integrerade beroendemottagningen har gjort det lättare för patienterna att få hjälp.",
  "Personalomsättningen gör att rutinerna behöver förankras på nytt varje år.",
  "Barn och unga med psykisk ohälsa väntar för länge på en första bedömning.",
  "Samverkansöverenskommelsen följs upp av länsgruppen varje höst.",
  "Hemlösheten har ökat och väntetiderna till boendestöd är långa.",
};

static char *
make_answer (GRand *rand)
{
  /* Most answers are a few sentences; one in ten runs long, as in the Dalarna table. */
  guint n = g_rand_int_range (rand, 0, 10) == 0 ? g_rand_int_range (rand, 25, 45)
                                               : g_rand_int_range (rand, 1, 6);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append (text, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
      g_string_append_c (text, g_rand_int_range (rand, 0, 4) == 0 ? '\n' : ' ');
    }
  return g_string_free (text, FALSE);
}

static void
fill (UppStore *store,
      guint     n_units,
      guint     n_years)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRegion) region = upp_store_find_region (store, "20", &error);
  g_autoptr(UppTemplate) template = upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_LOK, 0,
                                                             &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (290);

  g_assert_no_error (error);
  g_autoptr(UppRound) first = NULL;

  for (guint year = 0; year < n_years; year++)
    {
      g_autoptr(GPtrArray) responses = NULL;
      g_autoptr(UppRound) round = NULL;

      /* The same units every year, as a region's rounds have them. */
      if (first == NULL)
        {
          g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < n_units; i++)
            {
              g_autofree char *name = g_strdup_printf ("Enhet %03u", i + 1);

              g_ptr_array_add (units, upp_unit_new (name, upp_region_get_code (region),
                                                    UPP_UNIT_KIND_OTHER));
            }
          first = upp_round_new (2017, region, "Uppföljning LÖK 2017", template);
          upp_store_create_round (store, first, units, &error);
          round = g_object_ref (first);
        }
      else
        {
          round = upp_store_duplicate_round (store, first, 2017 + year, &error);
        }
      g_assert_no_error (error);
      responses = upp_store_list_responses (store, round, &error);
      g_assert_no_error (error);
      upp_store_begin (store, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < responses->len; i++)
        for (guint q = 0; q < upp_template_get_n_questions (template); q++)
          {
            UppQuestion *question = upp_template_get_question (template, q);
            g_autofree char *text = make_answer (rand);

            upp_store_set_answer (store, round, responses->pdata[i],
                                  upp_question_get_key (question), text, NULL, &error);
            g_assert_no_error (error);
          }
      upp_store_commit (store, &error);
      g_assert_no_error (error);
    }
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (gint64 *times)
{
  qsort (times, RUNS, sizeof (gint64), compare_times);
  return times[RUNS / 2] / 1000.0;
}

/* The bare query: the index alone, every matching rowid counted. */
static guint
bare_search (UppStore   *store,
             const char *match)
{
  sqlite3_stmt *statement = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (upp_store_get_db (store),
                                       "SELECT rowid FROM answers_search "
                                       "WHERE answers_search MATCH ?", -1, &statement, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, match, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (statement) == SQLITE_ROW)
    n++;
  sqlite3_finalize (statement);
  return n;
}

int
main (int   argc,
      char *argv[])
{
  const char *queries[] = {
    "samverkansöverenskommelsen", "överenskommelse", "\"lokala överenskommelsen\"",
    "hemlösheten väntetiderna", "SIP", "psykisk ohälsa barn", "finns inte någonstans",
  };
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "bench");
  guint n_units = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 290;
  guint n_years = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 10;
  gint64 start = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  fill (store, n_units, n_years);
  g_print ("answers: %u (%u units, %u years), made in %.1f s\n\n", n_units * n_years * 6,
           n_units, n_years, (g_get_monotonic_time () - start) / 1e6);
  g_print ("%-28s %6s %8s %6s %8s %6s %9s\n", "query", "hits", "app ms", "rows", "floor ms",
           "ratio", "cold ms");

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(UppSearchQuery) query = upp_search_query_new (queries[i]);
      g_autofree char *match = upp_search_query_dup_match (query);
      gint64 app[RUNS], bare[RUNS];
      guint n_hits = 0, n_rows = 0;
      double app_ms, bare_ms, cold_ms;

      /* The first search after a change reads the order of every answer again. */
      g_assert_cmpint (sqlite3_exec (upp_store_get_db (store),
                                     "UPDATE answers SET modified = modified WHERE id = 1",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      start = g_get_monotonic_time ();
      g_ptr_array_unref (upp_store_search_first (store, queries[i], NULL, SHOWN_HITS, NULL,
                                                 NULL));
      cold_ms = (g_get_monotonic_time () - start) / 1000.0;

      for (guint run = 0; run < RUNS; run++)
        {
          g_autoptr(GPtrArray) hits = NULL;
          g_autoptr(GError) error = NULL;

          start = g_get_monotonic_time ();
          hits = upp_store_search_first (store, queries[i], NULL, SHOWN_HITS, &n_hits,
                                         &error);
          app[run] = g_get_monotonic_time () - start;
          g_assert_no_error (error);

          start = g_get_monotonic_time ();
          n_rows = bare_search (store, match);
          bare[run] = g_get_monotonic_time () - start;
        }
      app_ms = median_ms (app);
      bare_ms = median_ms (bare);
      g_print ("%-28s %6u %8.1f %6u %8.1f %6.1f %9.1f\n", queries[i], n_hits, app_ms, n_rows,
               bare_ms, bare_ms > 0 ? app_ms / bare_ms : 0, cold_ms);
    }

  g_clear_object (&store);
  test_remove_tree (dir);
  return 0;
}
