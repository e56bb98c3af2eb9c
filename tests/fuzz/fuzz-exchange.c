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

#include <glib.h>

#include "exchange/exchange-read.h"
#include "fuzz-common.h"

static UppStore *store;

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;

  if (store == NULL)
    store = fuzz_open_store ("upp-fuzz-XXXXXX", NULL, NULL);

  summary = upp_exchange_import_data (store, "fuzz.json", (const char *) data, size,
                                      UPP_EXCHANGE_IMPORT_DRY_RUN |
                                      UPP_EXCHANGE_IMPORT_NO_BACKUP, &error);
  /* Exactly one of a summary and an error, and an error is one line naming the file. */
  fuzz_check_outcome (summary, error, "fuzz.json", FALSE);
  return 0;
}
