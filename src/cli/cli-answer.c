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

/* --row N (1-based, among the rows not removed) or --row new (adds one); the row's id, or
 * NULL after printing why. */
static char *
dup_row_id (UppStore    *store,
            UppRound    *round,
            UppResponse *response,
            const char  *question_key,
            const char  *row)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rows = NULL;
  guint64 number = 0;
  char *row_id;

  if (g_strcmp0 (row, "new") == 0)
    {
      row_id = upp_store_add_table_row (store, round, response, question_key,
                                        UPP_ANSWER_ORIGIN_CLI, &error);
      if (row_id == NULL)
        {
          upp_cli_print_error ("%s", error->message);
          return NULL;
        }
      rows = upp_response_list_table_rows (response, question_key);
      printf ("%u\n", g_strv_length (rows));
      return row_id;
    }
  rows = upp_response_list_table_rows (response, question_key);
  if (!g_ascii_string_to_unsigned (row, 10, 1, G_MAXUINT, &number, NULL) ||
      number > g_strv_length (rows))
    {
      upp_cli_print_error (_("Question “%s” of “%s” has %u rows; give --row from 1 to %u, or "
                             "--row new."), question_key, upp_response_get_unit_name (response),
                           g_strv_length (rows), g_strv_length (rows));
      return NULL;
    }
  return g_strdup (rows[number - 1]);
}

/* --field KEY or --row N [--column KEY | --remove-row]: an item field or a table row. */
static int
set_field_or_row (UppStore    *store,
                  UppRound    *round,
                  UppResponse *response,
                  const char  *question_key,
                  const char  *field_key,
                  const char  *row,
                  const char  *column_key,
                  gboolean     remove_row,
                  const char  *text,
                  char       **choices)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row_id = NULL;
  gboolean ok;

  if (field_key != NULL)
    {
      if (choices != NULL && choices[0] != NULL && choices[1] != NULL)
        {
          upp_cli_print_error (_("A field takes one --choice."));
          return UPP_CLI_EXIT_USAGE;
        }
      ok = upp_store_set_field (store, round, response, question_key, field_key,
                                choices != NULL ? choices[0] : (text ? text : ""),
                                UPP_ANSWER_ORIGIN_CLI, &error);
    }
  else
    {
      row_id = dup_row_id (store, round, response, question_key, row);
      if (row_id == NULL)
        return UPP_CLI_EXIT_FAILURE;
      if (remove_row)
        ok = upp_store_remove_table_row (store, round, response, question_key, row_id,
                                         UPP_ANSWER_ORIGIN_CLI, &error);
      else if (column_key != NULL)
        ok = upp_store_set_table_cell (store, round, response, question_key, row_id, column_key,
                                       text ? text : "", UPP_ANSWER_ORIGIN_CLI, &error);
      else
        ok = TRUE;
    }
  if (!ok)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

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
  g_autofree char *field_key = NULL;
  g_autofree char *row = NULL;
  g_autofree char *column_key = NULL;
  gboolean remove_row = FALSE;
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
    { "field", 0, 0, G_OPTION_ARG_STRING, &field_key,
      N_("Set this item field of the question (--text, or --choice for a choice field)"),
      N_("KEY") },
    { "row", 0, 0, G_OPTION_ARG_STRING, &row,
      N_("A row of a table question, 1 for the first; “new” adds one and prints its number"),
      N_("N") },
    { "column", 0, 0, G_OPTION_ARG_STRING, &column_key,
      N_("With --row: set this column’s cell to --text"), N_("KEY") },
    { "remove-row", 0, 0, G_OPTION_ARG_NONE, &remove_row, N_("With --row: remove the row"),
      NULL },
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
  if (field_key != NULL && row != NULL)
    {
      upp_cli_print_error (_("Give either --field or --row, not both."));
      return UPP_CLI_EXIT_USAGE;
    }
  if ((column_key != NULL || remove_row) && row == NULL)
    {
      upp_cli_print_error (_("Give the row with --row N (or --row new)."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (row != NULL && column_key == NULL && !remove_row && g_strcmp0 (row, "new") != 0)
    {
      upp_cli_print_error (_("Give --column KEY and --text TEXT, or --remove-row."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (row == NULL && text == NULL && choices == NULL && !clear_choices)
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

  if (field_key != NULL || row != NULL)
    return set_field_or_row (store, round, response, question_key, field_key, row, column_key,
                             remove_row, text, choices);

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
