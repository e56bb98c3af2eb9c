/* cli-import.c: uppfoljning-cli import FILE
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "import-dalarna.h"

static void
print_import_result (UppImportResult *result)
{
  printf (_("Imported %u units and %u answers into round %s.\n"),
          result->n_units, result->n_answers, result->round_uuid);
  for (guint i = 0; i < result->warnings->len; i++)
    fprintf (stderr, _("warning: %s\n"), (char *) g_ptr_array_index (result->warnings, i));
}

int
upp_cli_import (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Year of the round (default: this year)"),
      N_("YYYY") },
    { NULL }
  };

  if (!upp_cli_parse_options ("import", N_("FILE"), entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      upp_cli_print_error (_("Give one file to import."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (year < 0 || (year != 0 && (year < 1900 || year > 2200)))
    {
      upp_cli_print_error (_("The year must be a year such as 2026, not %d."), year);
      return UPP_CLI_EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);

  /* A units-by-questions table saved from Word as text, like the Dalarna follow-up. */
  result = upp_import_dalarna_file (store, file, year, &error);
  if (result == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  print_import_result (result);
  return UPP_CLI_EXIT_OK;
}
