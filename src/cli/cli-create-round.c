/* cli-create-round.c: uppfoljning-cli create-round: a new round of any template, its units
 * filled in from the region as the window's new-round dialog does
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "upp-region.h"
#include "upp-round.h"
#include "upp-template.h"

int
upp_cli_create_round (UppStore  *store,
                      int        argc,
                      char     **argv)
{
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(UppRegion) region = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *template_key = NULL;
  g_autofree char *region_name = NULL;
  g_autofree char *title = NULL;
  int year = 0;
  int version = 0;
  GOptionEntry entries[] = {
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_key,
      N_("The template’s key (see “uppfoljning-cli templates”)"), N_("KEY") },
    { "template-version", 0, 0, G_OPTION_ARG_INT, &version,
      N_("The template’s version (default: the newest)"), N_("N") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year followed up"), N_("YEAR") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region_name, N_("The region’s name or code"),
      N_("NAME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("The round’s title (default: the template’s title and the year)"), N_("TITLE") },
    { NULL }
  };

  if (!upp_cli_parse_options ("create-round", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      upp_cli_print_error (_("Unexpected argument “%s”."), argv[1]);
      return UPP_CLI_EXIT_USAGE;
    }
  if (template_key == NULL || region_name == NULL || year == 0)
    {
      upp_cli_print_error (_("Give --template KEY, --year YEAR and --region NAME."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (year < 1900 || year > 2200)
    {
      upp_cli_print_error (_("The year %d is not a year from 1900 to 2200."), year);
      return UPP_CLI_EXIT_USAGE;
    }

  template = upp_store_load_template (store, template_key, MAX (version, 0), &error);
  if (template == NULL)
    {
      if (error != NULL)
        upp_cli_print_error ("%s", error->message);
      else
        upp_cli_print_error (_("There is no template “%s” (see “uppfoljning-cli templates”)."),
                             template_key);
      return UPP_CLI_EXIT_FAILURE;
    }
  region = upp_store_find_region (store, region_name, &error);
  if (region == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  units = upp_store_list_units_for_new_round (store, upp_region_get_code (region), &error);
  if (units == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (title == NULL || *g_strstrip (title) == '\0')
    {
      g_free (title);
      title = g_strdup_printf ("%s %d", upp_template_get_title (template), year);
    }

  round = upp_round_new (year, region, title, template);
  if (!upp_store_create_round (store, round, units, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  printf ("%s\n", upp_round_get_uuid (round));
  return UPP_CLI_EXIT_OK;
}
