/* cli-show.c: uppfoljning-cli show --round ID [--unit NAME] [--json]
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
#include "upp-answer.h"
#include "upp-json.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-template.h"

/* "fields": { KEY: value } of an item, "rows": [ { "id", COLUMN: text, … } ] of a table. */
static void
add_fields_and_rows (JsonBuilder *builder,
                     UppResponse *response,
                     UppQuestion *question)
{
  const char *key = upp_question_get_key (question);
  GPtrArray *fields = upp_question_get_fields (question);
  GPtrArray *columns = upp_question_get_columns (question);
  g_auto(GStrv) rows = NULL;

  if (fields->len > 0)
    {
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_object (builder);
      for (guint f = 0; f < fields->len; f++)
        {
          const UppItemField *field = g_ptr_array_index (fields, f);
          g_autofree char *value = upp_response_dup_field_value (response, key, field->key);

          upp_json_add_string (builder, field->key, value ? value : "");
        }
      json_builder_end_object (builder);
    }
  if (upp_question_get_kind (question) != UPP_QUESTION_KIND_TABLE)
    return;
  rows = upp_response_list_table_rows (response, key);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; rows[r] != NULL; r++)
    {
      json_builder_begin_object (builder);
      upp_json_add_string (builder, "id", rows[r]);
      for (guint c = 0; c < columns->len; c++)
        {
          const UppItemField *column = g_ptr_array_index (columns, c);

          upp_json_add_string (builder, column->key,
                               upp_response_get_table_cell (response, key, rows[r], column->key));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* Item fields as "Label: value" lines, table rows as tab-separated cells under their labels. */
static void
print_fields_and_rows (UppResponse *response,
                       UppQuestion *question)
{
  const char *key = upp_question_get_key (question);
  GPtrArray *fields = upp_question_get_fields (question);
  GPtrArray *columns = upp_question_get_columns (question);
  g_auto(GStrv) rows = NULL;

  for (guint f = 0; f < fields->len; f++)
    {
      const UppItemField *field = g_ptr_array_index (fields, f);
      g_autofree char *value = upp_response_dup_field_value (response, key, field->key);

      if (value != NULL && *value != '\0')
        printf ("%s: %s\n", field->label, value);
    }
  if (upp_question_get_kind (question) != UPP_QUESTION_KIND_TABLE)
    return;
  rows = upp_response_list_table_rows (response, key);
  if (rows[0] == NULL)
    return;
  for (guint c = 0; c < columns->len; c++)
    printf ("%s%s", c ? "\t" : "", ((UppItemField *) g_ptr_array_index (columns, c))->label);
  printf ("\n");
  for (guint r = 0; rows[r] != NULL; r++)
    {
      for (guint c = 0; c < columns->len; c++)
        {
          const UppItemField *column = g_ptr_array_index (columns, c);

          printf ("%s%s", c ? "\t" : "",
                  upp_response_get_table_cell (response, key, rows[r], column->key));
        }
      printf ("\n");
    }
}

static void
print_json (UppRound  *round,
            GPtrArray *responses)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  UppTemplate *template = upp_round_get_template (round);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "round");
  json_builder_begin_object (builder);
  upp_json_add_string (builder, "id", upp_round_get_uuid (round));
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, upp_round_get_year (round));
  upp_json_add_string (builder, "region", upp_round_get_region_name (round));
  upp_json_add_string (builder, "title", upp_round_get_title (round));
  upp_json_add_string (builder, "template", upp_template_get_key (template));
  json_builder_set_member_name (builder, "template_version");
  json_builder_add_int_value (builder, upp_template_get_version (template));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      json_builder_begin_object (builder);
      upp_cli_json_add_unit (builder, response);
      upp_json_add_string (builder, "interview_date",
                               upp_response_get_interview_date (response));
      upp_json_add_string (builder, "mode",
                               upp_interview_mode_to_key (upp_response_get_mode (response)));
      json_builder_set_member_name (builder, "participants");
      json_builder_add_int_value (builder, upp_response_get_participant_count (response));
      upp_json_add_string (builder, "participant_roles",
                               upp_response_get_participant_roles (response));
      json_builder_set_member_name (builder, "answers");
      json_builder_begin_array (builder);
      for (guint q = 0; q < upp_template_get_n_questions (template); q++)
        {
          UppQuestion *question = upp_template_get_question (template, q);
          UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));

          json_builder_begin_object (builder);
          upp_json_add_string (builder, "question", upp_question_get_key (question));
          upp_json_add_string (builder, "number", upp_question_get_number (question));
          upp_json_add_string (builder, "label", upp_question_get_short_label (question));
          upp_json_add_string (builder, "text", answer ? upp_answer_get_text (answer) : "");
          upp_json_add_strv (builder, "choices",
                                 answer ? upp_answer_get_choices (answer) : NULL);
          upp_json_add_string (builder, "modified",
                                   answer ? upp_answer_get_modified (answer) : "");
          add_fields_and_rows (builder, response, question);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  upp_cli_print_json (builder);
}

/* Answers are printed exactly as stored, so the output can be compared with the source. */
static void
print_text (UppRound  *round,
            GPtrArray *responses)
{
  UppTemplate *template = upp_round_get_template (round);

  printf ("%s — %s %d\n", upp_round_get_title (round), upp_round_get_region_name (round),
          upp_round_get_year (round));
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      printf ("\n## %s\n", upp_response_get_unit_name (response));
      printf ("%s: %s\n", _("Status"),
              upp_response_status_get_label (upp_response_get_status (response)));
      if (*upp_response_get_interview_date (response) != '\0')
        printf ("%s: %s\n", _("Interview date"), upp_response_get_interview_date (response));

      for (guint q = 0; q < upp_template_get_n_questions (template); q++)
        {
          UppQuestion *question = upp_template_get_question (template, q);
          UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));
          const char * const *choices = answer ? upp_answer_get_choices (answer) : NULL;

          printf ("\n### %s. %s\n", upp_question_get_number (question),
                  upp_question_get_short_label (question));
          for (guint c = 0; choices != NULL && choices[c] != NULL; c++)
            {
              const UppChoice *choice = upp_question_find_choice (question, choices[c]);
              printf ("[%s] %s\n", choices[c], choice ? choice->label : "");
            }
          if (answer != NULL && *upp_answer_get_text (answer) != '\0')
            printf ("%s\n", upp_answer_get_text (answer));
          print_fields_and_rows (response, question);
        }
    }
}

int
upp_cli_show (UppStore  *store,
              int        argc,
              char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("Only this unit"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!upp_cli_parse_options ("show", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      upp_cli_print_error (_("Unexpected argument “%s”."), argv[1]);
      return UPP_CLI_EXIT_USAGE;
    }
  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;

  if (unit_name != NULL)
    {
      UppResponse *response = upp_cli_find_response (store, round, unit_name);

      if (response == NULL)
        return UPP_CLI_EXIT_FAILURE;
      responses = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (responses, response);
    }
  else
    {
      responses = upp_cli_list_responses (store, round);
      if (responses == NULL)
        return UPP_CLI_EXIT_FAILURE;
    }

  if (json)
    print_json (round, responses);
  else
    print_text (round, responses);
  return UPP_CLI_EXIT_OK;
}
