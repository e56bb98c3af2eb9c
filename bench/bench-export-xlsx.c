/* bench-export-xlsx.c: time of the workbook, CSV and single-round exports of a generated
 * region (290 units over 10 rounds); compare with bench-xlsx-direct, which writes the same
 * cells with libxlsxwriter alone.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bench-export-data.h"
#include "export/export-csv.h"
#include "export/export-xlsx.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-unit.h"

#include "test-util.h"

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

static GPtrArray *
generate_region (UppStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRegion) region = upp_store_find_region (store, "20", &error);
  g_autoptr(UppTemplate) template = upp_store_load_template (store, "lok", 0, &error);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *rounds = g_ptr_array_new_with_free_func (g_object_unref);

  check (region != NULL && template != NULL, error);
  for (guint u = 0; u < BENCH_N_UNITS; u++)
    {
      g_autofree char *name = bench_unit_name (u);

      g_ptr_array_add (units, upp_unit_new (name, "20", UPP_UNIT_KIND_OTHER));
    }

  for (guint r = 0; r < BENCH_N_ROUNDS; r++)
    {
      g_autofree char *title = g_strdup_printf ("Uppföljning LÖK %u", BENCH_FIRST_YEAR + r);
      g_autoptr(UppRound) round = upp_round_new (BENCH_FIRST_YEAR + r, region, title, template);
      g_autoptr(GPtrArray) responses = NULL;

      check (upp_store_create_round (store, round, units, &error), error);
      responses = upp_store_list_responses (store, round, &error);
      check (responses != NULL, error);

      check (upp_store_begin (store, &error), error);
      for (guint i = 0; i < responses->len; i++)
        {
          UppResponse *response = g_ptr_array_index (responses, i);
          guint u = i;  /* listed by name, which the zero-padded numbers keep in order */

          for (guint q = 0; q < BENCH_N_QUESTIONS; q++)
            {
              g_autofree char *text = bench_answer_text (r, u, q);
              const char *choice = bench_choice (r, u, q);
              const char *choices[] = { choice, NULL };

              check (upp_store_set_answer (store, round, response, bench_question_keys[q], text,
                                           choice != NULL ? choices : NULL, &error), error);
            }
          upp_response_set_status (response, (u % 5 == 0) ? UPP_RESPONSE_STATUS_APPROVED
                                                           : UPP_RESPONSE_STATUS_DONE);
          check (upp_store_save_response_details (store, response, &error), error);
        }
      check (upp_store_commit (store, &error), error);
      g_ptr_array_add (rounds, g_object_ref (round));
    }
  return rounds;
}

static double
file_size_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1e6 : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *all_xlsx = g_build_filename (dir, "all.xlsx", NULL);
  g_autofree char *one_xlsx = g_build_filename (dir, "one.xlsx", NULL);
  g_autofree char *all_csv = g_build_filename (dir, "all.csv", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "bench");
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GPtrArray) last = g_ptr_array_new ();
  gint64 start;
  double seconds;

  start = g_get_monotonic_time ();
  rounds = generate_region (store);
  g_print ("generated %u units x %u rounds x %u questions in %.2f s\n", BENCH_N_UNITS,
           BENCH_N_ROUNDS, BENCH_N_QUESTIONS, (g_get_monotonic_time () - start) / 1e6);

  for (guint run = 0; run < 3; run++)
    {
      start = g_get_monotonic_time ();
      check (upp_export_xlsx (store, rounds, all_xlsx, &error), error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_print ("upp_export_xlsx, 10 rounds (%u sheets): %.3f s, %.1f MB\n",
               BENCH_N_ROUNDS + BENCH_N_QUESTIONS + 2, seconds, file_size_mb (all_xlsx));
    }

  g_ptr_array_add (last, g_ptr_array_index (rounds, rounds->len - 1));
  start = g_get_monotonic_time ();
  check (upp_export_xlsx (store, last, one_xlsx, &error), error);
  g_print ("upp_export_xlsx, 1 round: %.3f s, %.1f MB\n",
           (g_get_monotonic_time () - start) / 1e6, file_size_mb (one_xlsx));

  start = g_get_monotonic_time ();
  check (upp_export_csv (store, rounds, ';', all_csv, &error), error);
  g_print ("upp_export_csv, 10 rounds: %.3f s, %.1f MB\n",
           (g_get_monotonic_time () - start) / 1e6, file_size_mb (all_csv));

  g_print ("compare: bench-xlsx-direct writes the same cells with libxlsxwriter alone\n");

  test_close_store (&store, &dir);
  return 0;
}
