/* cli-code.c: uppfoljning-cli code: coding a round's answers
 *
 * `code --round ID --suggest` prints the codes the choices' match phrases suggest,
 * `code --round ID --accept` sets them. Each way of coding is one function over the parsed
 * options, so that another (passages and themes) is one more option group and one more
 * branch in upp_cli_code().
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
#include "upp-response.h"
#include "upp-round.h"
#include "upp-suggestion.h"

typedef struct
{
  char     *round_id;
  gboolean  suggest;
  gboolean  accept;
  gboolean  json;
} CodeOptions;

static void
code_options_clear (CodeOptions *options)
{
  g_clear_pointer (&options->round_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CodeOptions, code_options_clear)

static void
print_suggestions_json (GPtrArray *suggestions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < suggestions->len; i++)
    {
      UppSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      const char * const *choices = upp_suggestion_get_choices (suggestion);
      g_autofree char *label = upp_suggestion_dup_label (suggestion);
      g_autofree char *matched = upp_suggestion_dup_matched (suggestion);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "unit",
                           upp_response_get_unit_name (upp_suggestion_get_response (suggestion)));
      upp_json_add_string (builder, "question", upp_suggestion_get_question_key (suggestion));
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint c = 0; choices[c] != NULL; c++)
        json_builder_add_string_value (builder, choices[c]);
      json_builder_end_array (builder);
      upp_json_add_string (builder, "label", label);
      upp_json_add_string (builder, "matched", matched);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  upp_cli_print_json (builder);
}

/* One line per suggestion: unit, question, choice keys, labels, the words that matched. */
static int
print_suggestions (UppStore    *store,
                   UppRound    *round,
                   CodeOptions *options)
{
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  suggestions = upp_suggestion_list_for_round (store, round, &error);
  if (suggestions == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (options->json)
    {
      print_suggestions_json (suggestions);
      return UPP_CLI_EXIT_OK;
    }
  for (guint i = 0; i < suggestions->len; i++)
    {
      UppSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      const char * const *keys = upp_suggestion_get_choices (suggestion);
      g_autofree char *choices = g_strjoinv (",", (char **) keys);
      g_autofree char *label = upp_suggestion_dup_label (suggestion);
      g_autofree char *matched = upp_suggestion_dup_matched (suggestion);

      printf ("%s\t%s\t%s\t%s\t%s\n",
              upp_response_get_unit_name (upp_suggestion_get_response (suggestion)),
              upp_suggestion_get_question_key (suggestion), choices, label, matched);
    }
  return UPP_CLI_EXIT_OK;
}

static int
accept_suggestions (UppStore *store,
                    UppRound *round)
{
  g_autoptr(GError) error = NULL;
  guint n_accepted = 0;

  if (!upp_suggestion_accept_all (store, round, &n_accepted, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  printf (g_dngettext (GETTEXT_PACKAGE, "Accepted %u suggested code.\n",
                       "Accepted %u suggested codes.\n", n_accepted), n_accepted);
  return UPP_CLI_EXIT_OK;
}

int
upp_cli_code (UppStore  *store,
              int        argc,
              char     **argv)
{
  g_auto(CodeOptions) options = { 0 };
  g_autoptr(UppRound) round = NULL;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &options.round_id, N_("The round’s id"), N_("ID") },
    { "suggest", 0, 0, G_OPTION_ARG_NONE, &options.suggest,
      N_("Print the codes that the answers’ texts suggest"), NULL },
    { "accept", 0, 0, G_OPTION_ARG_NONE, &options.accept,
      N_("Set every suggested code (after a backup)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print the suggestions as JSON"), NULL },
    { NULL }
  };

  /* code … --theme NAME codes a passage (cli-code-passage.c); the rest is about suggestions. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--theme") || g_str_has_prefix (argv[i], "--theme="))
      return upp_cli_code_passage (store, argc, argv);

  if (!upp_cli_parse_options ("code", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      upp_cli_print_error (_("Unexpected argument “%s”."), argv[1]);
      return UPP_CLI_EXIT_USAGE;
    }
  if (options.round_id == NULL || options.suggest == options.accept)
    {
      upp_cli_print_error (_("Give --round ID and either --suggest or --accept."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (options.json && !options.suggest)
    {
      upp_cli_print_error (_("--json goes with --suggest."));
      return UPP_CLI_EXIT_USAGE;
    }

  round = upp_cli_load_round (store, options.round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;

  if (options.suggest)
    return print_suggestions (store, round, &options);
  return accept_suggestions (store, round);
}
