/* cli-templates.c: uppfoljning-cli templates: list, export and import survey templates
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "upp-template.h"

static int
list_templates (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!upp_cli_parse_subcommand_options ("templates", NULL,
                                         _("Without a subcommand: one line per stored template, "
                                           "tab-separated: key, version, title. Subcommands: "
                                           "export KEY [--version N] -o FILE, import FILE."),
                                         entries, 1, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;

  templates = upp_store_list_templates (store, &error);
  if (templates == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (templates, i);

      printf ("%s\t%d\t%s\n", upp_template_get_key (template),
              upp_template_get_version (template), upp_template_get_title (template));
    }
  return UPP_CLI_EXIT_OK;
}

static int
export_template (UppStore  *store,
                 int        argc,
                 char     **argv)
{
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *json = NULL;
  int version = 0;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &version,
      N_("The template’s version (default: the newest)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { NULL }
  };

  if (!upp_cli_parse_subcommand_options ("templates", N_("export KEY -o FILE"), NULL, entries,
                                         2, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 2 || output == NULL)
    {
      upp_cli_print_error (_("Give the template’s key and the file: templates export KEY -o "
                             "FILE."));
      return UPP_CLI_EXIT_USAGE;
    }

  template = upp_store_load_template (store, argv[1], MAX (version, 0), &error);
  if (template == NULL)
    {
      if (error != NULL)
        upp_cli_print_error ("%s", error->message);
      else
        upp_cli_print_error (_("There is no template “%s” (see “uppfoljning-cli templates”)."),
                             argv[1]);
      return UPP_CLI_EXIT_FAILURE;
    }
  json = upp_template_to_json (template);
  if (!g_file_set_contents (output, json, -1, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

static int
import_template (UppStore  *store,
                 int        argc,
                 char     **argv)
{
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  gboolean same = FALSE;
  GOptionEntry entries[] = { { NULL } };

  if (!upp_cli_parse_subcommand_options ("templates", N_("import FILE"), NULL, entries, 2,
                                         &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      upp_cli_print_error (_("Give the template file: templates import FILE."));
      return UPP_CLI_EXIT_USAGE;
    }

  /* Read and checked in full before anything is written. */
  file = g_file_new_for_commandline_arg (argv[1]);
  name = g_file_get_parse_name (file);
  template = upp_template_new_from_file (file, &error);
  if (template == NULL || !upp_store_import_template (store, template, &same, &error))
    {
      if (template != NULL)
        upp_cli_print_error ("%s: %s", name, error->message);
      else
        upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (same)
    {
      printf (_("The database already has template “%s” version %d.\n"),
              upp_template_get_key (template), upp_template_get_version (template));
      return UPP_CLI_EXIT_OK;
    }
  printf (_("Imported template “%s” version %d.\n"), upp_template_get_key (template),
          upp_template_get_version (template));
  return UPP_CLI_EXIT_OK;
}

int
upp_cli_templates (UppStore  *store,
                   int        argc,
                   char     **argv)
{
  const char *subcommand = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;

  if (subcommand == NULL)
    return list_templates (store, argc, argv);
  /* The subcommand takes the command's place, so its options start at argv[1]. */
  if (g_strcmp0 (subcommand, "export") == 0)
    return export_template (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "import") == 0)
    return import_template (store, argc - 1, argv + 1);
  upp_cli_print_error (_("Unknown subcommand “%s”; use export or import, or none to list the "
                         "templates."), subcommand);
  return UPP_CLI_EXIT_USAGE;
}
