/* cli-privacy.c: uppfoljning-cli privacy: the personal data in a round, and the words not to
 * share
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cli-commands.h"
#include "upp-json.h"
#include "upp-privacy.h"
#include "upp-round.h"

/* Characters shown either side of a match. */
#define CONTEXT_CHARS 30

static void
print_json (GPtrArray *findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      UppPrivacyFinding *finding = findings->pdata[i];
      g_autofree char *matched = upp_privacy_finding_dup_matched (finding);
      g_autofree char *context = upp_privacy_finding_dup_context (finding, CONTEXT_CHARS);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "unit", finding->unit_name);
      upp_json_add_string (builder, "question", finding->question_key);
      upp_json_add_string (builder, "place", finding->place);
      upp_json_add_string (builder, "kind", upp_privacy_kind_to_key (finding->match.kind));
      upp_json_add_string (builder, "text", matched);
      upp_json_add_string (builder, "context", context);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  upp_cli_print_json (builder);
}

/* Tab-separated: unit, question (or the place of a note or report text), kind, the matched
 * text. */
static void
print_lines (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      UppPrivacyFinding *finding = findings->pdata[i];
      g_autofree char *matched = upp_privacy_finding_dup_matched (finding);

      printf ("%s\t%s\t%s\t%s\n", finding->unit_name,
              *finding->question_key != '\0' ? finding->question_key : finding->place,
              upp_privacy_kind_to_key (finding->match.kind), matched);
    }
}

static int
list_findings (UppStore  *store,
               int        argc,
               char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!upp_cli_parse_subcommand_options ("privacy", NULL,
                                         _("Lists what looks like personal data in the round's "
                                           "answers, interview notes and report texts: unit, "
                                           "question, kind, the text. Exit 0 also when "
                                           "something is found."),
                                         entries, 1, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  findings = upp_store_find_personal_data (store, round, &error);
  if (findings == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (findings->len == 0)
    fprintf (stderr, "%s\n", _("Nothing in the round looks like personal data."));
  if (json)
    print_json (findings);
  else
    print_lines (findings);
  return UPP_CLI_EXIT_OK;
}

static int
edit_words (UppStore  *store,
            int        argc,
            char     **argv)
{
  g_auto(GStrv) add = NULL;
  g_auto(GStrv) remove = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "add", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add, N_("A word or name to flag; repeat for "
                                                      "several"), N_("WORD") },
    { "remove", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove, N_("Take a word off the list"),
      N_("WORD") },
    { NULL }
  };

  if (!upp_cli_parse_subcommand_options ("privacy words", NULL,
                                         _("Lists the words and names to flag as personal "
                                           "data, one a line; --add and --remove change the "
                                           "list first."),
                                         entries, 1, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  words = upp_store_dup_privacy_words (store, &error);
  if (words == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (add != NULL || remove != NULL)
    {
      for (guint i = 0; words[i] != NULL; i++)
        if (remove == NULL || !g_strv_contains ((const char * const *) remove, words[i]))
          g_ptr_array_add (kept, words[i]);
      for (guint i = 0; add != NULL && add[i] != NULL; i++)
        if (!g_strv_contains ((const char * const *) words, add[i]))
          g_ptr_array_add (kept, add[i]);
      g_ptr_array_add (kept, NULL);
      if (!upp_store_set_privacy_words (store, (const char * const *) kept->pdata, &error))
        {
          upp_cli_print_error ("%s", error->message);
          return UPP_CLI_EXIT_FAILURE;
        }
      g_clear_pointer (&words, g_strfreev);
      words = upp_store_dup_privacy_words (store, &error);
      if (words == NULL)
        {
          upp_cli_print_error ("%s", error->message);
          return UPP_CLI_EXIT_FAILURE;
        }
    }
  for (guint i = 0; words[i] != NULL; i++)
    printf ("%s\n", words[i]);
  return UPP_CLI_EXIT_OK;
}

gboolean
upp_cli_check_personal_data (UppStore  *store,
                             GPtrArray *rounds)
{
  guint n_found = 0;

  for (guint r = 0; r < rounds->len; r++)
    {
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GError) error = NULL;

      findings = upp_store_find_personal_data (store, rounds->pdata[r], &error);
      if (findings == NULL)
        {
          upp_cli_print_error ("%s", error->message);
          return FALSE;
        }
      for (guint i = 0; i < findings->len; i++)
        {
          UppPrivacyFinding *finding = findings->pdata[i];
          g_autofree char *context = upp_privacy_finding_dup_context (finding, CONTEXT_CHARS);

          fprintf (stderr, "%s\t%s\t%s\t%s\n", finding->unit_name,
                   *finding->question_key != '\0' ? finding->question_key : finding->place,
                   upp_privacy_kind_to_key (finding->match.kind), context);
        }
      n_found += findings->len;
    }
  if (n_found == 0)
    return TRUE;
  upp_cli_print_error (g_dngettext (GETTEXT_PACKAGE,
                                    "Not exported: %u passage looks like personal data (above). "
                                    "Mask it, or give --allow-personal-data.",
                                    "Not exported: %u passages look like personal data (above). "
                                    "Mask them, or give --allow-personal-data.", n_found),
                       n_found);
  return FALSE;
}

int
upp_cli_privacy (UppStore  *store,
                 int        argc,
                 char     **argv)
{
  const char *subcommand = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;

  if (subcommand == NULL)
    return list_findings (store, argc, argv);
  /* The subcommand takes the command's place, so its options start at argv[1]. */
  if (g_strcmp0 (subcommand, "words") == 0)
    return edit_words (store, argc - 1, argv + 1);

  upp_cli_print_error (_("Unknown subcommand “%s”; use words, or none to list what looks like "
                         "personal data in a round."), subcommand);
  return UPP_CLI_EXIT_USAGE;
}
