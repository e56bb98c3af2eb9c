/* fuzz-common.h: what the libFuzzer targets share: a database with the Dalarna round, the
 * input saved as a file, and the check of the outcome
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gio/gio.h>

#include "import/import-dalarna.h"
#include "upp-store.h"

/* A database in a new temporary folder named after @dir_template. It holds the Dalarna round
 * of 2025 when UPP_FUZZ_DALARNA names the table (build-aux/fuzz sets it), so the importers
 * run against real rows. With @input_name, @input_path is set to a file of that name in the
 * same folder, for fuzz_write_input(). */
static inline UppStore *
fuzz_open_store (const char  *dir_template,
                 const char  *input_name,
                 char       **input_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (dir_template, &error);
  g_autofree char *path = NULL;
  const char *table = g_getenv ("UPP_FUZZ_DALARNA");
  UppStore *store;

  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  if (input_name != NULL)
    *input_path = g_build_filename (dir, input_name, NULL);
  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  if (table != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (table);
      g_autoptr(UppImportResult) result = upp_import_dalarna_file (store, file, 2025, &error);

      g_assert_no_error (error);
    }
  return store;
}

/* The importers read files: the input goes to @path whole, or the run aborts. */
static inline GFile *
fuzz_write_input (const char    *path,
                  const uint8_t *data,
                  size_t         size)
{
  FILE *stream = fopen (path, "wb");

  if (stream == NULL || fwrite (data, 1, size, stream) != size || fclose (stream) != 0)
    abort ();
  return g_file_new_for_path (path);
}

/* Exactly one of a result and an error, and an error is one line that names @name (the
 * file read), in UTF-8 too when @check_utf8. */
static inline void
fuzz_check_outcome (gconstpointer  result,
                    const GError  *error,
                    const char    *name,
                    gboolean       check_utf8)
{
  if ((result == NULL) == (error == NULL))
    abort ();
  if (error != NULL && (strstr (error->message, name) == NULL ||
                        strchr (error->message, '\n') != NULL ||
                        (check_utf8 && !g_utf8_validate (error->message, -1, NULL))))
    {
      g_printerr ("Bad message: %s\n", error->message);
      abort ();
    }
}
