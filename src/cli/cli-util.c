/* cli-util.c: what the commands of uppfoljning-cli share
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "upp-json.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-unit.h"

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

static const GOptionEntry *
find_entry (const GOptionEntry *entries,
            const char         *argument,
            const char        **inline_value)
{
  *inline_value = NULL;
  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      const GOptionEntry *entry = &entries[i];
      gsize length = strlen (entry->long_name);

      if (g_str_has_prefix (argument, "--") &&
          strncmp (argument + 2, entry->long_name, length) == 0 &&
          (argument[2 + length] == '\0' || argument[2 + length] == '='))
        {
          if (argument[2 + length] == '=')
            *inline_value = argument + 2 + length + 1;
          return entry;
        }
      if (entry->short_name != '\0' && argument[0] == '-' &&
          argument[1] == entry->short_name && argument[2] == '\0')
        return entry;
    }
  return NULL;
}

/* Text options are UTF-8 (cli-main.c makes the locale's charset UTF-8); GOption's own message
 * for one that is not names neither the option nor the problem. */
gboolean
upp_cli_check_text_options (const GOptionEntry  *entries,
                            int                  argc,
                            char               **argv)
{
  for (int i = 1; i < argc && g_strcmp0 (argv[i], "--") != 0; i++)
    {
      const char *inline_value;
      const GOptionEntry *entry = find_entry (entries, argv[i], &inline_value);
      const char *value;

      if (entry == NULL ||
          (entry->arg != G_OPTION_ARG_STRING && entry->arg != G_OPTION_ARG_STRING_ARRAY))
        continue;
      value = inline_value != NULL ? inline_value : (i + 1 < argc ? argv[i + 1] : "");
      if (!g_utf8_validate (value, -1, NULL))
        {
          upp_cli_print_error (_("The value of --%s is not UTF-8 text."), entry->long_name);
          return FALSE;
        }
    }
  return TRUE;
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
  if (!upp_cli_check_text_options (entries, *argc, *argv))
    return FALSE;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_cli_parse_subcommand_options (const char    *command,
                                  const char    *parameter_string,
                                  const char    *description,
                                  GOptionEntry  *entries,
                                  int            n_arguments,
                                  int           *argc,
                                  char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("uppfoljning-cli %s", command);

  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (description != NULL)
    g_option_context_set_description (context, description);
  if (!upp_cli_check_text_options (entries, *argc, *argv))
    return FALSE;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return FALSE;
    }
  if (*argc > n_arguments)
    {
      upp_cli_print_error (_("Unexpected argument “%s”."), (*argv)[n_arguments]);
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

GPtrArray *
upp_cli_list_responses (UppStore *store,
                        UppRound *round)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *responses = upp_store_list_responses (store, round, &error);

  if (responses == NULL)
    upp_cli_print_error ("%s", error->message);
  return responses;
}

UppResponse *
upp_cli_find_response (UppStore   *store,
                       UppRound   *round,
                       const char *unit_name)
{
  g_autoptr(GError) error = NULL;
  UppResponse *response = upp_store_find_response (store, round, unit_name, &error);

  if (response == NULL)
    upp_cli_print_error ("%s", error->message);
  return response;
}

void
upp_cli_json_add_unit (JsonBuilder *builder,
                       UppResponse *response)
{
  UppUnit *unit = upp_response_get_unit (response);

  upp_json_add_string (builder, "name", upp_unit_get_name (unit));
  upp_json_add_string (builder, "id", upp_unit_get_uuid (unit));
  upp_json_add_string (builder, "kind", upp_unit_kind_to_key (upp_unit_get_kind (unit)));
  upp_json_add_strv (builder, "municipalities", upp_unit_get_member_codes (unit));
  upp_json_add_string (builder, "part", upp_unit_get_sub_area (unit));
  upp_json_add_string (builder, "status",
                           upp_response_status_to_key (upp_response_get_status (response)));
}

void
upp_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}
