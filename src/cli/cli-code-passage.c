/* cli-code-passage.c: uppfoljning-cli code --theme: code a passage of an answer with a theme
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "upp-coding.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-theme.h"

int
upp_cli_code_passage (UppStore  *store,
                      int        argc,
                      char     **argv)
{
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *question_key = NULL;
  g_autofree char *theme_name = NULL;
  gint64 start = G_MININT64;
  gint64 end = G_MININT64;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round (id or prefix)"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit whose answer to code"),
      N_("NAME") },
    { "question", 0, 0, G_OPTION_ARG_STRING, &question_key, N_("The question’s key"),
      N_("KEY") },
    { "start", 0, 0, G_OPTION_ARG_INT64, &start,
      N_("The passage’s first character, counted from 0"), N_("S") },
    { "end", 0, 0, G_OPTION_ARG_INT64, &end,
      N_("The character after the passage’s last"), N_("E") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_name, N_("The theme to code it with"),
      N_("NAME") },
    { NULL }
  };

  if (!upp_cli_parse_options ("code", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      upp_cli_print_error (_("Unexpected argument “%s”."), argv[1]);
      return UPP_CLI_EXIT_USAGE;
    }
  if (unit_name == NULL || question_key == NULL || theme_name == NULL ||
      start == G_MININT64 || end == G_MININT64)
    {
      upp_cli_print_error (_("Give the passage with --round ID --unit NAME --question KEY "
                             "--start S --end E --theme NAME."));
      return UPP_CLI_EXIT_USAGE;
    }

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  response = upp_cli_find_response (store, round, unit_name);
  if (response == NULL)
    return UPP_CLI_EXIT_FAILURE;
  theme = upp_store_find_theme (store, upp_region_get_code (upp_round_get_region (round)),
                                theme_name, &error);
  if (theme == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  coding = upp_store_code_passage (store, round, response, question_key, start, end, theme,
                                   &error);
  if (coding == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  /* The coding's id, and the passage as it was coded, for a script to check. */
  printf ("%s\t%s\n", upp_coding_get_uuid (coding), upp_coding_get_text (coding));
  return UPP_CLI_EXIT_OK;
}
