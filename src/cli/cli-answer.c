/* cli-answer.c: uppfoljning-cli answer: sets one answer as the interview form does
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "upp-answer.h"
#include "upp-response.h"
#include "upp-round.h"

int
upp_cli_answer (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *question_key = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) choices = NULL;
  gboolean clear_choices = FALSE;
  const char * const *new_choices;
  const char *new_text;
  UppAnswer *current;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit’s name"), N_("NAME") },
    { "question", 0, 0, G_OPTION_ARG_STRING, &question_key, N_("The question’s key"), N_("KEY") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The answer text"), N_("TEXT") },
    { "choice", 0, 0, G_OPTION_ARG_STRING_ARRAY, &choices,
      N_("A chosen code; repeat for several"), N_("KEY") },
    { "no-choice", 0, 0, G_OPTION_ARG_NONE, &clear_choices, N_("Clear the chosen codes"), NULL },
    { NULL }
  };

  if (!upp_cli_parse_options ("answer", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      upp_cli_print_error (_("Unexpected argument “%s”."), argv[1]);
      return UPP_CLI_EXIT_USAGE;
    }
  if (unit_name == NULL || question_key == NULL)
    {
      upp_cli_print_error (_("Give --round, --unit and --question."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (text == NULL && choices == NULL && !clear_choices)
    {
      upp_cli_print_error (_("Give the answer with --text TEXT or --choice KEY."));
      return UPP_CLI_EXIT_USAGE;
    }

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  response = upp_cli_find_response (store, round, unit_name);
  if (response == NULL)
    return UPP_CLI_EXIT_FAILURE;

  /* What is not given stays as it was: --choice alone keeps the comment text. */
  current = upp_response_get_answer (response, question_key);
  new_text = text ? text : (current ? upp_answer_get_text (current) : "");
  if (clear_choices)
    new_choices = NULL;
  else if (choices != NULL)
    new_choices = (const char * const *) choices;
  else
    new_choices = current ? upp_answer_get_choices (current) : NULL;

  if (!upp_store_set_answer_from (store, round, response, question_key, new_text, new_choices,
                                  UPP_ANSWER_ORIGIN_CLI, NULL, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}
