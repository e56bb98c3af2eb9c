/* bench-exchange.c: how long exchange files take: a database of many rounds exported,
 * imported into an empty one, imported again (nothing new), and merged after edits
 *
 * Usage: bench-exchange [ROUNDS] (default 40). Prints its figures; asserts nothing.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "exchange/exchange-read.h"
#include "exchange/exchange-write.h"
#include "import/import-dalarna.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-store.h"

#include "test-util.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
fill_round (UppStore *store,
            UppRound *round,
            int       round_number)
{
  g_autoptr(GPtrArray) responses = upp_store_list_responses (store, round, NULL);
  const char *keys[] = { "good_examples", "challenges", "other" };

  upp_store_begin (store, NULL);
  for (guint i = 0; i < responses->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        g_autofree char *text = g_strdup_printf ("Omgång %d, enhet %u: samverkan kring SIP och "
                                                 "IBM, personalbrist och långa väntetider.",
                                                 round_number, i);
        upp_store_set_answer (store, round, g_ptr_array_index (responses, i), keys[k], text,
                              NULL, NULL);
      }
  upp_store_commit (store, NULL);
}

static void
import_and_report (UppStore   *store,
                   const char *path,
                   const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autofree char *text = NULL;
  gint64 start = g_get_monotonic_time ();

  summary = upp_exchange_import_file (store, path, UPP_EXCHANGE_IMPORT_NO_BACKUP, &error);
  if (summary == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  text = upp_exchange_summary_to_string (summary);
  printf ("%-28s %7.3f s   %s\n", what, seconds_since (start), text);
}

int
main (int   argc,
      char *argv[])
{
  int n_rounds = argc > 1 ? atoi (argv[1]) : 40;
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *file = g_build_filename (dir, "all.json", NULL);
  g_autofree char *file2 = g_build_filename (dir, "all-2.json", NULL);
  g_autofree char *table = g_build_filename (g_getenv ("UPP_SOURCE_DIR") ?
                                             g_getenv ("UPP_SOURCE_DIR") : ".",
                                             "tests", "fixtures", "dalarna.txt", NULL);
  g_autoptr(GFile) table_file = g_file_new_for_path (table);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) a = test_open_store (dir, "a");
  g_autoptr(UppStore) b = test_open_store (dir, "b");
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(UppRound) first = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  GStatBuf st;
  gint64 start;

  result = upp_import_dalarna_file (a, table_file, 2000, &error);
  if (result == NULL)
    {
      fprintf (stderr, "%s (set UPP_SOURCE_DIR to the source folder)\n", error->message);
      return 1;
    }
  first = upp_store_load_round (a, result->round_uuid, NULL);
  for (int i = 1; i < n_rounds; i++)
    {
      g_autoptr(UppRound) round = upp_store_duplicate_round (a, first, 2000 + i, NULL);
      fill_round (a, round, i);
    }
  rounds = upp_store_list_rounds (a, NULL);
  printf ("%u rounds of 11 units\n", rounds->len);

  start = g_get_monotonic_time ();
  if (!upp_exchange_export_file (a, NULL, NULL, file, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_stat (file, &st);
  printf ("%-28s %7.3f s   %.1f MB\n", "export --all", seconds_since (start), st.st_size / 1e6);

  import_and_report (b, file, "import into empty database");
  import_and_report (b, file, "import again");
  for (guint i = 0; i < rounds->len; i += 2)
    fill_round (a, g_ptr_array_index (rounds, i), 1000 + i);
  upp_exchange_export_file (a, NULL, NULL, file2, NULL);
  import_and_report (b, file2, "import after edits");

  g_clear_object (&b);
  test_close_store (&a, &dir);
  return 0;
}
