/* fuzz-csv.c: libFuzzer target for the CSV table import
 *
 * Every input is saved as a file and imported as a dry run (a rolled-back transaction) into a
 * database that holds the Dalarna round, so unit matching and the writes run against real
 * rows. Built and run by build-aux/fuzz; inputs that found a problem go to
 * tests/fixtures/csv-fuzz/, which test-import-csv imports.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "fuzz-common.h"
#include "import/import-csv.h"

static UppStore *store;
static char *input_path;

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;

  if (store == NULL)
    store = fuzz_open_store ("upp-fuzz-csv-XXXXXX", "fuzz.csv", &input_path);

  file = fuzz_write_input (input_path, data, size);

  /* Half the inputs name the region, half must name it themselves. */
  result = upp_import_csv_file_full (store, file, "lok", 2030, size % 2 == 0 ? "20" : NULL,
                                     UPP_IMPORT_DRY_RUN, &error);
  fuzz_check_outcome (result, error, input_path, TRUE);
  return 0;
}
