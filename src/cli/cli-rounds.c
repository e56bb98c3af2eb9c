/* cli-rounds.c: uppfoljning-cli rounds
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

int
upp_cli_rounds (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };

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
