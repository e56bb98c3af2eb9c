/* cli-exchange.c: exchange files, conflicts and their resolution on the command line
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cli-exchange"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "exchange/exchange-read.h"
#include "exchange/exchange-write.h"
#include "upp-conflict.h"
#include "upp-round.h"
#include "exchange/exchange-crypt.h"
#include "exchange/exchange-read.h"
#include "exchange/exchange-write.h"
#include "upp-store-exchange.h"

/* The passphrase in the file, or NULL after saying what is wrong. */
static char *
read_passphrase (const char *passphrase_file)
{
  g_autoptr(GError) error = NULL;
  char *passphrase = upp_exchange_read_passphrase (passphrase_file, &error);

  if (passphrase == NULL)
    upp_cli_print_error ("%s", error->message);
  return passphrase;
}

int
upp_cli_exchange_export (UppStore   *store,
                         const char *round_id,
                         gboolean    all,
                         const char *path,
                         const char *passphrase_file,
                         gboolean    allow_personal_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = NULL;
  gboolean written;

  if (path == NULL || (round_id == NULL && !all) || (round_id != NULL && all))
    {
      upp_cli_print_error (_("An exchange export needs either --round ID or --all, and -o FILE."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (!allow_personal_data)
    {
      g_autoptr(GPtrArray) rounds = NULL;

      if (all)
        rounds = upp_store_list_rounds (store, &error);
      else
        {
          UppRound *round = upp_cli_load_round (store, round_id);

          if (round == NULL)
            return UPP_CLI_EXIT_FAILURE;
          rounds = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (rounds, round);
        }
      if (rounds == NULL)
        {
          upp_cli_print_error ("%s", error->message);
          return UPP_CLI_EXIT_FAILURE;
        }
      if (!upp_cli_check_personal_data (store, rounds))
        return UPP_CLI_EXIT_FAILURE;
    }
  if (passphrase_file != NULL)
    {
      passphrase = read_passphrase (passphrase_file);
      if (passphrase == NULL)
        return UPP_CLI_EXIT_FAILURE;
      written = upp_exchange_export_file_encrypted (store, all ? NULL : round_id, NULL, path,
                                                    passphrase, &error);
    }
  else
    {
      written = upp_exchange_export_file (store, all ? NULL : round_id, NULL, path, &error);
    }
  if (!written)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  g_print (_("Wrote %s\n"), path);
  return UPP_CLI_EXIT_OK;
}

int
upp_cli_exchange_import (UppStore   *store,
                         const char *path,
                         gboolean    dry_run,
                         const char *passphrase_file)
{
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *passphrase = NULL;
  guint open_conflicts;

  if (passphrase_file != NULL)
    {
      passphrase = read_passphrase (passphrase_file);
      if (passphrase == NULL)
        return UPP_CLI_EXIT_FAILURE;
    }
  summary = upp_exchange_import_file_with_passphrase (store, path, passphrase,
                                                      dry_run ? UPP_EXCHANGE_IMPORT_DRY_RUN
                                                              : UPP_EXCHANGE_IMPORT_DEFAULT,
                                                      &error);
  if (summary == NULL && g_error_matches (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_ENCRYPTED))
    {
      upp_cli_print_error (_("“%s” is encrypted; give its passphrase with --passphrase-file "
                             "FILE."), path);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (summary == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  text = upp_exchange_summary_to_string (summary);
  if (dry_run)
    g_print (_("Would import: %s\n"), text);
  else
    g_print ("%s\n", text);

  open_conflicts = upp_store_count_conflicts (store);
  if (dry_run)
    open_conflicts += summary->conflicts;
  if (open_conflicts > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u conflict to resolve; both versions are kept. See "
                               "“uppfoljning-cli conflicts”.\n",
                               "%u conflicts to resolve; both versions are kept. See "
                               "“uppfoljning-cli conflicts”.\n", open_conflicts),
                  open_conflicts);
      return UPP_CLI_EXIT_CONFLICTS;
    }
  return UPP_CLI_EXIT_OK;
}

static void
print_side (const char         *label,
            const char         *text,
            const char * const *choices,
            const char         *modified,
            const char         *device)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_print ("  %s (%s, %.8s):", label, modified, device);
  if (choices != NULL && choices[0] != NULL)
    {
      g_autofree char *codes = g_strjoinv (", ", (char **) choices);
      g_print (" [%s]", codes);
    }
  g_print ("\n");
  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("    %s\n", lines[i]);
}

int
upp_cli_conflicts (UppStore  *store,
                   int        argc,
                   char     **argv)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  GOptionEntry entries[] = {
    { "round", 'r', 0, G_OPTION_ARG_STRING, &round_id, N_("Only conflicts of this round"),
      N_("ID") },
    { NULL }
  };

  if (!upp_cli_parse_options ("conflicts", "", entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;

  if (round_id != NULL)
    {
      g_autoptr(UppRound) round = upp_cli_load_round (store, round_id);

      if (round == NULL)
        return UPP_CLI_EXIT_FAILURE;
      g_free (round_id);
      round_id = g_strdup (upp_round_get_uuid (round));
    }

  conflicts = upp_store_list_conflicts (store, round_id, &error);
  if (conflicts == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (conflicts->len == 0)
    {
      g_print (_("No conflicts.\n"));
      return UPP_CLI_EXIT_OK;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      UppConflict *conflict = g_ptr_array_index (conflicts, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", upp_conflict_get_id (conflict),
               upp_conflict_get_round_title (conflict), upp_conflict_get_unit_name (conflict),
               upp_conflict_get_question_label (conflict));
      print_side (_("mine"), upp_conflict_get_mine_text (conflict),
                  upp_conflict_get_mine_choices (conflict),
                  upp_conflict_get_mine_modified (conflict),
                  upp_conflict_get_mine_device (conflict));
      print_side (_("theirs"), upp_conflict_get_theirs_text (conflict),
                  upp_conflict_get_theirs_choices (conflict),
                  upp_conflict_get_theirs_modified (conflict),
                  upp_conflict_get_theirs_device (conflict));
    }
  return UPP_CLI_EXIT_CONFLICTS;
}

int
upp_cli_resolve (UppStore  *store,
                 int        argc,
                 char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *text = NULL;
  gint64 conflict_id = 0;
  UppConflictResolution resolution;
  GOptionEntry entries[] = {
    { "conflict", 'c', 0, G_OPTION_ARG_INT64, &conflict_id, N_("The conflict to resolve"),
      N_("ID") },
    { "keep", 'k', 0, G_OPTION_ARG_STRING, &keep, N_("Keep “mine” or “theirs”"),
      N_("SIDE") },
    { "text", 't', 0, G_OPTION_ARG_STRING, &text, N_("Use this combined text"), N_("TEXT") },
    { NULL }
  };

  if (!upp_cli_parse_options ("resolve", "", entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (conflict_id <= 0 || (keep == NULL) == (text == NULL))
    {
      upp_cli_print_error (_("Use resolve --conflict ID with either --keep mine|theirs or "
                             "--text TEXT."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (text != NULL)
    resolution = UPP_CONFLICT_USE_TEXT;
  else if (strcmp (keep, "mine") == 0)
    resolution = UPP_CONFLICT_KEEP_MINE;
  else if (strcmp (keep, "theirs") == 0)
    resolution = UPP_CONFLICT_KEEP_THEIRS;
  else
    {
      upp_cli_print_error (_("--keep takes “mine” or “theirs”, not “%s”."), keep);
      return UPP_CLI_EXIT_USAGE;
    }

  if (!upp_store_resolve_conflict (store, conflict_id, resolution, text, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  g_print (_("Conflict %lld resolved.\n"), (long long) conflict_id);
  return UPP_CLI_EXIT_OK;
}
