/* cli-util.c: what the commands of uppfoljning-cli share
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

void
upp_cli_print_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "uppfoljning-cli: %s\n", message);
}

gboolean
upp_cli_parse_options (const char    *command,
                       const char    *parameter_string,
                       GOptionEntry  *entries,
                       int           *argc,
                       char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = g_strdup_printf ("%s %s", command,
                                                 parameter_string ? parameter_string : "");

  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

UppRound *
upp_cli_load_round (UppStore   *store,
                    const char *round_id)
{
  g_autoptr(GError) error = NULL;
  UppRound *round;

  if (round_id == NULL)
    {
      upp_cli_print_error (_("Give the round with --round ID (see “uppfoljning-cli rounds”)."));
      return NULL;
    }
  round = upp_store_load_round (store, round_id, &error);
  if (round == NULL)
    upp_cli_print_error ("%s", error->message);
  return round;
}
