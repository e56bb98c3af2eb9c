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

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "import-dalarna.h"
#include "upp-store.h"

static UppStore *store;
static char *input_path;

static void
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("upp-fuzz-text-XXXXXX", &error);
  g_autofree char *path = NULL;
  const char *table = g_getenv ("UPP_FUZZ_DALARNA");

  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  input_path = g_build_filename (dir, "fuzz.txt", NULL);
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
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  FILE *stream;

  if (store == NULL)
    open_store ();

  stream = fopen (input_path, "wb");
  if (stream == NULL || fwrite (data, 1, size, stream) != size || fclose (stream) != 0)
    abort ();
  file = g_file_new_for_path (input_path);

  result = upp_import_dalarna_file_full (store, file, 2030, UPP_IMPORT_DRY_RUN, &error);
  /* Exactly one of a result and an error, and an error is one line naming the file. */
  if ((result == NULL) == (error == NULL))
    abort ();
  if (error != NULL && (strstr (error->message, input_path) == NULL ||
                        strchr (error->message, '\n') != NULL ||
                        !g_utf8_validate (error->message, -1, NULL)))
    {
      g_printerr ("Bad message: %s\n", error->message);
      abort ();
    }
  return 0;
}
