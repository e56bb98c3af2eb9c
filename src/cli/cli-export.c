/* cli-export.c: uppfoljning-cli export --round ID --format FORMAT -o FILE
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-report.h"
#include "upp-round.h"

int
upp_cli_export (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The file format"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { NULL }
  };

  if (!upp_cli_parse_options ("export", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (format == NULL || output == NULL)
    {
      upp_cli_print_error (_("Give --format and -o FILE."));
      return UPP_CLI_EXIT_USAGE;
    }
  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;

  if (g_ascii_strcasecmp (format, "pdf") == 0)
    return upp_cli_report_export (store, round, output);

  upp_cli_print_error (_("Unknown export format “%s”."), format);
  return UPP_CLI_EXIT_USAGE;
}
