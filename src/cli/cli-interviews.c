/* cli-interviews.c: uppfoljning-cli interviews: the interviews held with a round's units;
 * add or remove a further one, and set the first one's details and the respondent check
 *
 * A unit's first interview is kept with its response (as the interview form shows it), the
 * further ones are rows of their own; the list shows both, as the method chapter counts them.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cli-commands.h"
#include "upp-interview.h"
#include "upp-json.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-unit.h"
#include "upp-util.h"

/* The same bounds as an exchange file's. */
#define MAX_MINUTES      100000
#define MAX_PARTICIPANTS 100000

static gboolean
parse_options (const char    *parameters,
               const char    *description,
               GOptionEntry  *entries,
               int            n_arguments,
               int           *argc,
               char        ***argv)
{
  return upp_cli_parse_subcommand_options ("interviews", parameters, description, entries,
                                           n_arguments, argc, argv);
}

/* A whole number from 0 to maximum, given as text so that "90 min" or "-5" is refused
 * rather than read as something else. */
static gboolean
parse_count (const char *option,
             const char *text,
             int         maximum,
             int        *value)
{
  guint64 number = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, maximum, &number, NULL))
    {
      upp_cli_print_error (_("--%s takes a whole number from 0 to %d, not “%s”."), option,
                           maximum, text);
      return FALSE;
    }
  *value = (int) number;
  return TRUE;
}

static gboolean
parse_mode (const char       *text,
            UppInterviewMode *mode)
{
  if (text[0] == '\0')
    {
      *mode = UPP_INTERVIEW_MODE_NONE;
      return TRUE;
    }
  if (upp_interview_mode_from_key (text, mode) || upp_interview_mode_from_text (text, mode))
    return TRUE;
  upp_cli_print_error (_("“%s” is not a way of holding an interview; use visit, phone or "
                         "video."), text);
  return FALSE;
}

static gboolean
check_date (const char *date)
{
  if (date == NULL || date[0] == '\0' || upp_is_iso_date (date))
    return TRUE;
  upp_cli_print_error (_("“%s” is not a date; write it as 2026-11-23."), date);
  return FALSE;
}

static char *
dup_field (const char *text)
{
  char *field = g_strdup (text);

  for (char *p = field; *p != '\0'; p++)
    {
      if (*p == '\t' || *p == '\n' || *p == '\r')
        *p = ' ';
    }
  return field;
}

/* One interview, the first (from the response: interview is NULL) or a further one. */
static void
print_line (UppResponse  *response,
            UppInterview *interview)
{
  g_autofree char *roles = NULL;
  g_autofree char *note = NULL;

  if (interview == NULL)
    {
      roles = dup_field (upp_response_get_participant_roles (response));
      printf ("%s\t%s\t%s\t%d\t%d\t%s\t\t\n", upp_response_get_unit_name (response),
              upp_response_get_interview_date (response),
              upp_interview_mode_to_key (upp_response_get_mode (response)),
              upp_response_get_duration_minutes (response),
              upp_response_get_participant_count (response), roles);
      return;
    }
  roles = dup_field (upp_interview_get_participant_roles (interview));
  note = dup_field (upp_interview_get_note (interview));
  printf ("%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", upp_response_get_unit_name (response),
          upp_interview_get_date (interview),
          upp_interview_mode_to_key (upp_interview_get_mode (interview)),
          upp_interview_get_duration_minutes (interview),
          upp_interview_get_participant_count (interview), roles, note,
          upp_interview_get_uuid (interview));
}

static void
add_json (JsonBuilder  *builder,
          UppResponse  *response,
          UppInterview *interview)
{
  json_builder_begin_object (builder);
  upp_json_add_string (builder, "unit", upp_response_get_unit_name (response));
  json_builder_set_member_name (builder, "first");
  json_builder_add_boolean_value (builder, interview == NULL);
  if (interview == NULL)
    {
      upp_json_add_string (builder, "id", "");
      upp_json_add_string (builder, "date", upp_response_get_interview_date (response));
      upp_json_add_string (builder, "mode",
                           upp_interview_mode_to_key (upp_response_get_mode (response)));
      upp_json_add_int (builder, "duration_minutes",
                        upp_response_get_duration_minutes (response));
      upp_json_add_int (builder, "participants", upp_response_get_participant_count (response));
      upp_json_add_string (builder, "participant_roles",
                           upp_response_get_participant_roles (response));
      upp_json_add_string (builder, "note", "");
      upp_json_add_string (builder, "check_sent", upp_response_get_check_sent (response));
      upp_json_add_string (builder, "check_approved",
                           upp_response_get_check_approved (response));
    }
  else
    {
      upp_json_add_string (builder, "id", upp_interview_get_uuid (interview));
      upp_json_add_string (builder, "date", upp_interview_get_date (interview));
      upp_json_add_string (builder, "mode",
                           upp_interview_mode_to_key (upp_interview_get_mode (interview)));
      upp_json_add_int (builder, "duration_minutes",
                        upp_interview_get_duration_minutes (interview));
      upp_json_add_int (builder, "participants",
                        upp_interview_get_participant_count (interview));
      upp_json_add_string (builder, "participant_roles",
                           upp_interview_get_participant_roles (interview));
      upp_json_add_string (builder, "note", upp_interview_get_note (interview));
    }
  json_builder_end_object (builder);
}

static int
list_interviews (UppStore  *store,
                 int        argc,
                 char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("Only this unit’s interviews"),
      N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_options ("[add|remove|details] --round ID [--unit NAME] [--json]",
                      _("Without a subcommand: one line per interview held in the round, "
                        "tab-separated: unit, date, mode, minutes, participants, roles, note, "
                        "id. A unit’s first interview (its details in the interview form) "
                        "comes first, without an id, when it was held.\n\n"
                        "  interviews add --round ID --unit NAME [--date DATE] [--mode MODE] "
                        "[--duration MIN] [--participants N] [--roles TEXT] [--note TEXT]\n"
                        "  interviews remove ID\n"
                        "  interviews details --round ID --unit NAME [--date DATE] "
                        "[--mode MODE] [--duration MIN] [--participants N] [--roles TEXT] "
                        "[--check-sent DATE] [--check-approved DATE]\n\n"
                        "Run “uppfoljning-cli interviews SUBCOMMAND --help” for its options."),
                      entries, 1, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;

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
    responses = upp_cli_list_responses (store, round);
  if (responses == NULL)
    return UPP_CLI_EXIT_FAILURE;
  interviews = upp_store_list_interviews (store, round,
                                          unit_name != NULL ? responses->pdata[0] : NULL,
                                          &error);
  if (interviews == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      if (upp_response_has_interview (response))
        {
          if (json)
            add_json (builder, response, NULL);
          else
            print_line (response, NULL);
        }
      for (guint j = 0; j < interviews->len; j++)
        {
          UppInterview *interview = g_ptr_array_index (interviews, j);

          if (g_strcmp0 (upp_interview_get_response_uuid (interview),
                         upp_response_get_uuid (response)) != 0)
            continue;
          if (json)
            add_json (builder, response, interview);
          else
            print_line (response, interview);
        }
    }
  if (json)
    {
      json_builder_end_array (builder);
      upp_cli_print_json (builder);
    }
  return UPP_CLI_EXIT_OK;
}

static int
add_interview (UppStore  *store,
               int        argc,
               char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(UppInterview) interview = upp_interview_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *mode_text = NULL;
  g_autofree char *duration_text = NULL;
  g_autofree char *participants_text = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *note = NULL;
  UppInterviewMode mode = UPP_INTERVIEW_MODE_NONE;
  int duration = 0;
  int participants = 0;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit’s name"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it was held, e.g. 2025-10-14"),
      N_("DATE") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_text, N_("visit, phone or video"), N_("MODE") },
    { "duration", 0, 0, G_OPTION_ARG_STRING, &duration_text, N_("Its length in minutes"),
      N_("MIN") },
    { "participants", 0, 0, G_OPTION_ARG_STRING, &participants_text,
      N_("The number of participants"), N_("N") },
    { "roles", 0, 0, G_OPTION_ARG_STRING, &roles, N_("The participants’ roles"), N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note on the interview"), N_("TEXT") },
    { NULL }
  };

  if (!parse_options ("add --round ID --unit NAME [--date DATE] [--mode MODE] "
                      "[--duration MIN] [--participants N] [--roles TEXT] [--note TEXT]",
                      _("Adds a further interview with the unit in the round and prints its "
                        "id. The first interview is the unit’s details in the interview form "
                        "(see “interviews details”)."),
                      entries, 1, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (unit_name == NULL)
    {
      upp_cli_print_error (_("Give --round and --unit."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (!check_date (date) ||
      (mode_text != NULL && !parse_mode (mode_text, &mode)) ||
      (duration_text != NULL && !parse_count ("duration", duration_text, MAX_MINUTES,
                                              &duration)) ||
      (participants_text != NULL && !parse_count ("participants", participants_text,
                                                  MAX_PARTICIPANTS, &participants)))
    return UPP_CLI_EXIT_FAILURE;

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  response = upp_cli_find_response (store, round, unit_name);
  if (response == NULL)
    return UPP_CLI_EXIT_FAILURE;

  upp_interview_set_date (interview, date != NULL ? date : "");
  upp_interview_set_mode (interview, mode);
  upp_interview_set_duration_minutes (interview, duration);
  upp_interview_set_participant_count (interview, participants);
  upp_interview_set_participant_roles (interview, roles != NULL ? roles : "");
  upp_interview_set_note (interview, note != NULL ? note : "");
  if (!upp_store_save_interview (store, response, interview, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  printf ("%s\n", upp_interview_get_uuid (interview));
  return UPP_CLI_EXIT_OK;
}

/* The further interview with that id (or a prefix of it that matches one) in any round;
 * NULL after printing why there is none. */
static UppInterview *
find_interview (UppStore   *store,
                const char *id)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GError) error = NULL;
  UppInterview *found = NULL;

  rounds = upp_store_list_rounds (store, &error);
  if (rounds == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return NULL;
    }
  for (guint i = 0; id[0] != '\0' && i < rounds->len; i++)
    {
      g_autoptr(GPtrArray) interviews =
        upp_store_list_interviews (store, g_ptr_array_index (rounds, i), NULL, &error);

      if (interviews == NULL)
        {
          g_clear_object (&found);
          upp_cli_print_error ("%s", error->message);
          return NULL;
        }
      for (guint j = 0; j < interviews->len; j++)
        {
          UppInterview *interview = g_ptr_array_index (interviews, j);

          if (!g_str_has_prefix (upp_interview_get_uuid (interview), id))
            continue;
          if (found != NULL)
            {
              g_clear_object (&found);
              upp_cli_print_error (_("“%s” is the start of more than one interview’s id; give "
                                     "more of it."), id);
              return NULL;
            }
          found = g_object_ref (interview);
        }
    }
  if (found == NULL)
    upp_cli_print_error (_("There is no further interview with the id “%s” (see "
                           "“uppfoljning-cli interviews --round ID”)."), id);
  return found;
}

static int
remove_interview (UppStore  *store,
                  int        argc,
                  char     **argv)
{
  g_autoptr(UppInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { NULL }
  };

  if (!parse_options ("remove ID",
                      _("Takes a further interview out; an exchange file from another computer "
                        "does not bring it back. The first interview is cleared with "
                        "“interviews details” instead."),
                      entries, 2, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      upp_cli_print_error (_("Give the interview’s id (see “uppfoljning-cli interviews "
                             "--round ID”)."));
      return UPP_CLI_EXIT_USAGE;
    }

  interview = find_interview (store, argv[1]);
  if (interview == NULL)
    return UPP_CLI_EXIT_FAILURE;
  if (!upp_store_remove_interview (store, interview, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

/* The first interview's details and the respondent check, as the interview form sets them;
 * what is not given stays. */
static int
set_details (UppStore  *store,
             int        argc,
             char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *mode_text = NULL;
  g_autofree char *duration_text = NULL;
  g_autofree char *participants_text = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *check_sent = NULL;
  g_autofree char *check_approved = NULL;
  UppInterviewMode mode = UPP_INTERVIEW_MODE_NONE;
  int duration = 0;
  int participants = 0;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit’s name"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("The day of the first interview; empty to clear it"), N_("DATE") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_text,
      N_("visit, phone or video; empty to clear it"), N_("MODE") },
    { "duration", 0, 0, G_OPTION_ARG_STRING, &duration_text,
      N_("The first interview’s length in minutes"), N_("MIN") },
    { "participants", 0, 0, G_OPTION_ARG_STRING, &participants_text,
      N_("The number of participants"), N_("N") },
    { "roles", 0, 0, G_OPTION_ARG_STRING, &roles, N_("The participants’ roles"), N_("TEXT") },
    { "check-sent", 0, 0, G_OPTION_ARG_STRING, &check_sent,
      N_("The day the summary was sent back for checking; empty to clear it"), N_("DATE") },
    { "check-approved", 0, 0, G_OPTION_ARG_STRING, &check_approved,
      N_("The day the unit approved the summary; empty to clear it"), N_("DATE") },
    { NULL }
  };

  if (!parse_options ("details --round ID --unit NAME [--date DATE] [--mode MODE] "
                      "[--duration MIN] [--participants N] [--roles TEXT] [--check-sent DATE] "
                      "[--check-approved DATE]",
                      _("Sets the details of the unit’s first interview in the round and the "
                        "respondent check, as the interview form does; what is not given stays "
                        "as it was."),
                      entries, 1, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (unit_name == NULL)
    {
      upp_cli_print_error (_("Give --round and --unit."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (date == NULL && mode_text == NULL && duration_text == NULL && participants_text == NULL &&
      roles == NULL && check_sent == NULL && check_approved == NULL)
    {
      upp_cli_print_error (_("Give at least one detail to set, e.g. --duration 90."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (!check_date (date) || !check_date (check_sent) || !check_date (check_approved) ||
      (mode_text != NULL && !parse_mode (mode_text, &mode)) ||
      (duration_text != NULL && !parse_count ("duration", duration_text, MAX_MINUTES,
                                              &duration)) ||
      (participants_text != NULL && !parse_count ("participants", participants_text,
                                                  MAX_PARTICIPANTS, &participants)))
    return UPP_CLI_EXIT_FAILURE;

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  response = upp_cli_find_response (store, round, unit_name);
  if (response == NULL)
    return UPP_CLI_EXIT_FAILURE;

  if (date != NULL)
    upp_response_set_interview_date (response, date);
  if (mode_text != NULL)
    upp_response_set_mode (response, mode);
  if (duration_text != NULL)
    upp_response_set_duration_minutes (response, duration);
  if (participants_text != NULL)
    upp_response_set_participant_count (response, participants);
  if (roles != NULL)
    upp_response_set_participant_roles (response, roles);
  if (check_sent != NULL)
    upp_response_set_check_sent (response, check_sent);
  if (check_approved != NULL)
    upp_response_set_check_approved (response, check_approved);
  if (!upp_store_save_response_details (store, response, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

int
upp_cli_interviews (UppStore  *store,
                    int        argc,
                    char     **argv)
{
  const char *subcommand = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;

  if (subcommand == NULL)
    return list_interviews (store, argc, argv);

  /* The subcommand takes the command's place, so its options start at argv[1]. */
  if (g_strcmp0 (subcommand, "add") == 0)
    return add_interview (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "remove") == 0)
    return remove_interview (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "details") == 0)
    return set_details (store, argc - 1, argv + 1);

  upp_cli_print_error (_("Unknown subcommand “%s”; use add, remove or details, or none to list "
                         "the interviews."), subcommand);
  return UPP_CLI_EXIT_USAGE;
}
