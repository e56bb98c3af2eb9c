/* cli-rounds.c: uppfoljning-cli rounds: list the rounds, upgrade one to a newer version of
 * its template
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "upp-round.h"
#include "upp-template.h"
#include "upp-template-changes.h"

static int
upgrade_template (UppStore  *store,
                  int        argc,
                  char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppTemplate) newer = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  UppTemplate *older;
  int version = 0;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "version", 0, 0, G_OPTION_ARG_INT, &version,
      N_("The template version to move to (default: the newest)"), N_("N") },
    { NULL }
  };

  if (!upp_cli_parse_subcommand_options ("rounds", "upgrade-template --round ID [--version N]",
                                         _("Moves the round to a newer version of its "
                                           "template. Every answer is kept; the answers of "
                                           "renamed, split and merged questions are carried "
                                           "over to the new questions. Prints one line per "
                                           "changed question: “2b ← 2”, “7 (new question)”."),
                                         entries, 1, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  older = upp_round_get_template (round);

  newer = upp_store_load_template (store, upp_template_get_key (older), version, &error);
  if (newer == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (version == 0 && upp_template_get_version (newer) <= upp_template_get_version (older))
    {
      upp_cli_print_error (_("The round “%s” already uses the newest version (%d) of the "
                             "template “%s”."), upp_round_get_title (round),
                           upp_template_get_version (older), upp_template_get_key (older));
      return UPP_CLI_EXIT_FAILURE;
    }
  versions = upp_store_list_template_versions (store, upp_template_get_key (older), &error);
  if (versions == NULL ||
      !upp_store_upgrade_round_template (store, round, newer, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }

  changes = upp_template_list_changes (older, newer, versions);
  for (guint i = 0; i < changes->len; i++)
    {
      g_autofree char *line = upp_question_change_to_string (g_ptr_array_index (changes, i));

      printf ("%s\n", line);
    }
  return UPP_CLI_EXIT_OK;
}

int
upp_cli_rounds (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };

  /* The subcommand takes the command's place, so its options start at argv[1]. */
  if (argc > 1 && g_strcmp0 (argv[1], "upgrade-template") == 0)
    return upgrade_template (store, argc - 1, argv + 1);
  if (!upp_cli_parse_options ("rounds", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      upp_cli_print_error (_("“rounds” takes no arguments."));
      return UPP_CLI_EXIT_USAGE;
    }

  rounds = upp_store_list_rounds (store, &error);
  if (rounds == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }

  /* One tab-separated line per round: id, year, region, title, units, units answered. */
  for (guint i = 0; i < rounds->len; i++)
    {
      UppRound *round = g_ptr_array_index (rounds, i);

      printf ("%s\t%d\t%s\t%s\t%u\t%u\n",
              upp_round_get_uuid (round), upp_round_get_year (round),
              upp_round_get_region_name (round), upp_round_get_title (round),
              upp_round_get_n_units (round), upp_round_get_n_answered (round));
    }
  return UPP_CLI_EXIT_OK;
}
