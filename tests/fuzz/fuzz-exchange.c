/* fuzz-exchange.c: libFuzzer target for the exchange file reader and merge
 *
 * Every input is imported as a dry run (a rolled-back transaction) into a database that
 * holds the Dalarna round, so the merge code runs against real rows. Built and run by
 * build-aux/fuzz; inputs that found a problem go to tests/fixtures/exchange-fuzz/.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "exchange/exchange-read.h"
#include "import-dalarna.h"
#include "upp-store.h"

static UppStore *store;

static void
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("upp-fuzz-XXXXXX", &error);
  g_autofree char *path = NULL;
  const char *table = g_getenv ("UPP_FUZZ_DALARNA");

  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  if (table != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (table);
      g_autoptr(UppImportResult) result = upp_import_dalarna_file (store, file, 2025, &error);

      g_assert_no_error (error);
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;

  if (store == NULL)
    open_store ();

  summary = upp_exchange_import_data (store, "fuzz.json", (const char *) data, size,
                                      UPP_EXCHANGE_IMPORT_DRY_RUN |
                                      UPP_EXCHANGE_IMPORT_NO_BACKUP, &error);
  /* Exactly one of a summary and an error, and an error is one line naming the file. */
  if ((summary == NULL) == (error == NULL))
    abort ();
  if (error != NULL && (g_strstr_len (error->message, -1, "fuzz.json") == NULL ||
                        g_strstr_len (error->message, -1, "\n") != NULL))
    {
      g_printerr ("Bad message: %s\n", error->message);
      abort ();
    }
  return 0;
}
