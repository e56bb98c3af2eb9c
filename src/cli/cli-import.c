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
#include "import/import-csv.h"
#include "import/import-dalarna.h"

static void
print_import_result (UppImportResult *result,
                     gboolean         dry_run)
{
  g_autofree char *units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units",
                                                         result->n_units), result->n_units);
  g_autofree char *answers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer",
                                                           "%u answers", result->n_answers),
                                              result->n_answers);

  /* Translators: the first two are "11 units" and "43 answers" */
  if (dry_run)
    printf (_("Would import %s and %s as a new round; nothing was changed.\n"), units, answers);
  else
    printf (_("Imported %s and %s into round %s.\n"), units, answers, result->round_uuid);
  /* The overview's counts, so that a unit whose table said it did not answer is seen to be
   * taken as such. */
  {
    g_autofree char *answered = upp_import_result_dup_answered_summary (result);

    printf ("%s\n", answered);
  }
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
  g_autofree char *template_key = NULL;
  g_autofree char *region = NULL;
  gboolean dry_run = FALSE;
  g_autofree char *passphrase_file = NULL;
  UppImportFlags flags;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Year of the round (default: this year)"),
      N_("YYYY") },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_key,
      N_("Template of a CSV table (default: lok)"), N_("KEY") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("Region of a CSV table that does not name it"), N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only say what the import would do; change nothing"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("A file whose first line is the passphrase of an encrypted exchange file"),
      N_("FILE") },
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

  {
    g_autofree char *lower = g_ascii_strdown (argv[1], -1);

    /* An exchange file from another laptop (cli-exchange.c), encrypted or not. */
    if (g_str_has_suffix (lower, ".json") || g_str_has_suffix (lower, UPP_EXCHANGE_ENCRYPTED_SUFFIX)
        || passphrase_file != NULL)
      return upp_cli_exchange_import (store, argv[1], dry_run, passphrase_file);
  }

  file = g_file_new_for_commandline_arg (argv[1]);

  /* A units-by-questions table saved from Excel or LibreOffice as CSV (import-csv.c), or
   * from Word as text, like the Dalarna follow-up. */
  flags = dry_run ? UPP_IMPORT_DRY_RUN : UPP_IMPORT_DEFAULT;
  if (g_str_has_suffix (argv[1], ".csv") || g_str_has_suffix (argv[1], ".CSV"))
    result = upp_import_csv_file_full (store, file,
                                       template_key != NULL ? template_key : "lok",
                                       year, region, flags, &error);
  else
    {
      /* The example is imported as the first start imports it: coded. */
      if (upp_import_dalarna_file_is_example (file))
        {
          flags |= UPP_IMPORT_ACCEPT_SUGGESTIONS;
          if (year <= 0)
            year = UPP_IMPORT_DALARNA_EXAMPLE_YEAR;
        }
      result = upp_import_dalarna_file_full (store, file, year, flags, &error);
    }
  if (result == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  print_import_result (result, dry_run);
  return UPP_CLI_EXIT_OK;
}
