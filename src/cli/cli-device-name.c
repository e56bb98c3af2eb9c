/* cli-device-name.c: "device-name [NAME]": the name this computer goes by in exchange files
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "upp-store.h"

int
upp_cli_device_name (UppStore  *store,
                     int        argc,
                     char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!upp_cli_parse_options ("device-name", _("[NAME]"), entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc > 2)
    {
      upp_cli_print_error (_("Give the name as one argument, in quotes if it has several "
                             "words: uppfoljning-cli device-name \"Annas dator\"."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (argc == 2)
    {
      if (!g_utf8_validate (argv[1], -1, NULL))
        {
          upp_cli_print_error (_("The name is not valid UTF-8 text."));
          return UPP_CLI_EXIT_FAILURE;
        }
      if (!upp_store_set_device_name (store, argv[1], &error))
        {
          upp_cli_print_error ("%s", error->message);
          return UPP_CLI_EXIT_FAILURE;
        }
    }

  name = upp_store_dup_device_name (store, NULL, &error);
  if (error != NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  /* Unnamed: nothing printed, and the exit code says all is well. */
  if (name != NULL)
    printf ("%s\n", name);
  return UPP_CLI_EXIT_OK;
}
