/* fuzz-text.c: libFuzzer target for the Word-text (Dalarna) table import
 *
 * Every input is saved as a file and imported as a dry run (a rolled-back transaction) into a
 * database that holds the Dalarna round of 2025, so unit matching and the writes run against
 * real rows. Built and run by build-aux/fuzz; inputs that found a problem go to
 * tests/fixtures/text-fuzz/, which test-import-dalarna imports.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "fuzz-common.h"
#include "import/import-dalarna.h"

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
    store = fuzz_open_store ("upp-fuzz-text-XXXXXX", "fuzz.txt", &input_path);

  file = fuzz_write_input (input_path, data, size);

  result = upp_import_dalarna_file_full (store, file, 2030, UPP_IMPORT_DRY_RUN, &error);
  fuzz_check_outcome (result, error, input_path, TRUE);
  return 0;
}
