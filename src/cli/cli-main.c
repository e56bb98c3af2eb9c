/* cli-main.c: uppfoljning-cli, the command line on the same core as the app
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "upp-util.h"

typedef struct
{
  const char    *name;
  UppCliCommand  run;
  const char    *summary;
} CliCommandEntry;

static const CliCommandEntry commands[] = {
  { "import",  upp_cli_import,  N_("Import a follow-up table or file") },
  { "rounds",  upp_cli_rounds,  N_("List the rounds: id, year, region, title, units, answered") },
  { "show",    upp_cli_show,    N_("Show the answers of a round") },
  { "answer",  upp_cli_answer,  N_("Set one answer as the interview form does") },
  { "export",  upp_cli_export,  N_("Export a round to a file") },
  { "conflicts", upp_cli_conflicts, N_("List answers, unit names and interview details changed on two computers") },
  { "resolve", upp_cli_resolve, N_("Settle a conflict: keep mine, theirs, or a new text") },
  { "chart",   upp_cli_chart,   N_("Draw a chart of a round to PNG, SVG or PDF") },
  { "units",   upp_cli_units,   N_("List a round’s units; add, rename or remove one") },
  { "code",    upp_cli_code,    N_("Code a round’s answers: print or accept suggested codes, or code a "
                                     "passage with a theme (--theme)") },
  { "themes",  upp_cli_themes,  N_("List the codebook’s themes; add, rename or merge one") },
  { "matrix",  upp_cli_matrix,  N_("Units × themes of one or more rounds, as CSV or JSON") },
  { "report-text", upp_cli_report_text, N_("Set a part of a round’s report (summary, "
                                          "recommendations, …) from a text file") },
  { "agreements", upp_cli_agreements, N_("List the agreements of a round’s units; add, edit or "
                                         "remove one") },
  { "interviews", upp_cli_interviews, N_("List the interviews held in a round; add or remove "
                                         "one, or set the first one’s details") },
  { "search",  upp_cli_search,  N_("Search the answers of every round: words, \"a phrase\"") },
  { "history", upp_cli_history, N_("List every saved version of one answer; restore one") },
  { "privacy", upp_cli_privacy, N_("List what looks like personal data in a round; the words "
                                   "not to share") },
  { "templates", upp_cli_templates, N_("List the survey templates: key, version, title; export "
                                       "or import one") },
  { "create-round", upp_cli_create_round, N_("Create a round of a template for a region, its "
                                             "units filled in") },
  { "device-name", upp_cli_device_name, N_("Print this computer’s name in exchange files; "
                                           "with a name, set it first") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n",
           _("Usage: uppfoljning-cli [--db PATH] COMMAND [OPTIONS…]"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “uppfoljning-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UppStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  const CliCommandEntry *command = NULL;
  int first = 1;
  int status;
  gboolean dry_run = FALSE;

  upp_core_tune_allocator ();
  setlocale (LC_ALL, "");
  /* Arguments are UTF-8 whatever the locale says: under LC_ALL=C, GOption would refuse
   * "Malung-Sälen" as not ASCII and g_print() would turn "å" into "?". Invalid UTF-8 is
   * still refused, by GOption's conversion from the (now UTF-8) locale charset. */
  if (!g_get_charset (NULL))
    {
      if (setlocale (LC_CTYPE, "C.UTF-8") == NULL)
        setlocale (LC_CTYPE, "C.utf8");
    }
  bindtextdomain (GETTEXT_PACKAGE, upp_core_find_locale_dir (UPP_BUILD_LOCALEDIR));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command: --db PATH or --db=PATH. */
  while (first < argc && argv[first][0] == '-')
    {
      if (g_strcmp0 (argv[first], "--db") == 0 && first + 1 < argc)
        {
          g_free (db_path);
          db_path = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--db="))
        {
          g_free (db_path);
          db_path = g_strdup (argv[first] + strlen ("--db="));
          first += 1;
        }
      else if (g_strcmp0 (argv[first], "--help") == 0 || g_strcmp0 (argv[first], "-h") == 0)
        {
          print_usage (stdout);
          return UPP_CLI_EXIT_OK;
        }
      else if (g_strcmp0 (argv[first], "--version") == 0)
        {
          printf ("uppfoljning-cli %s\n", PACKAGE_VERSION);
          return UPP_CLI_EXIT_OK;
        }
      else
        {
          upp_cli_print_error (_("Unknown option “%s”."), argv[first]);
          print_usage (stderr);
          return UPP_CLI_EXIT_USAGE;
        }
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return UPP_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].name, argv[first]) == 0)
        command = &commands[i];
    }
  if (command == NULL)
    {
      upp_cli_print_error (_("Unknown command “%s”."), argv[first]);
      print_usage (stderr);
      return UPP_CLI_EXIT_USAGE;
    }

  /* The command's own --help needs no database; a dry run writes nothing, not even the
   * day's backup. */
  for (int i = first + 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--help") == 0 || g_strcmp0 (argv[i], "-h") == 0)
        return command->run (NULL, argc - first, argv + first);
      if (g_strcmp0 (argv[i], "--dry-run") == 0)
        dry_run = TRUE;
    }

  if (db_path == NULL)
    db_path = upp_store_dup_default_path ();
  /* The whole file is read before the first change or backup, not for every command: a
   * report or an export of ten years need not read it twice. */
  store = upp_store_open_checking_later (db_path, &error);
  if (store == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  /* A daily backup on the first use of the day; failing it must not stop the work. Its
   * failure is told after a command that worked; a failed command says one line, its own
   * (on a full disk both fail, and the command's line says why). A read-only database
   * cannot change and needs none. */
  if (!upp_store_is_read_only (store) && !dry_run &&
      !upp_store_backup_daily (store, &error) &&
      g_error_matches (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  status = command->run (store, argc - first, argv + first);
  if (error != NULL && status == UPP_CLI_EXIT_OK)
    upp_cli_print_error ("%s", error->message);

  return status;
}
