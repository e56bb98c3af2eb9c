/* cli-history.c: uppfoljning-cli history: the versions of one answer, and restoring one
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
#include "upp-answer-version.h"
#include "upp-answer.h"
#include "upp-json.h"
#include "upp-response.h"
#include "upp-round.h"

static void
print_json (UppStore  *store,
            GPtrArray *versions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *device = upp_store_get_device_id (store);

  json_builder_begin_array (builder);
  for (guint i = 0; i < versions->len; i++)
    {
      UppAnswerVersion *version = versions->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, i + 1);
      upp_json_add_string (builder, "modified", upp_answer_version_get_modified (version));
      upp_json_add_string (builder, "device", upp_answer_version_get_device (version));
      json_builder_set_member_name (builder, "this_computer");
      json_builder_add_boolean_value (builder, g_strcmp0 (upp_answer_version_get_device (version),
                                                          device) == 0);
      upp_json_add_string (builder, "author", upp_answer_version_get_author (version));
      upp_json_add_string (builder, "origin",
                           upp_answer_origin_to_key (upp_answer_version_get_origin (version)));
      upp_json_add_string (builder, "text", upp_answer_version_get_text (version));
      upp_json_add_strv (builder, "choices", upp_answer_version_get_choices (version));
      json_builder_set_member_name (builder, "current");
      json_builder_add_boolean_value (builder, i + 1 == versions->len);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  upp_cli_print_json (builder);
}

/* A heading line per version, then its text indented, so that answers of several lines stay
 * readable; "*" marks the answer's value now. */
static void
print_versions (UppStore  *store,
                GPtrArray *versions)
{
  const char *device = upp_store_get_device_id (store);

  for (guint i = 0; i < versions->len; i++)
    {
      UppAnswerVersion *version = versions->pdata[i];
      const char *author = upp_answer_version_get_author (version);
      const char * const *choices = upp_answer_version_get_choices (version);
      g_autofree char *computer = NULL;
      g_auto(GStrv) lines = NULL;

      if (g_strcmp0 (upp_answer_version_get_device (version), device) == 0)
        computer = g_strdup (_("this computer"));
      else
        /* TRANSLATORS: the start of another computer's dator-id */
        computer = g_strdup_printf (_("computer %.8s"), upp_answer_version_get_device (version));

      printf ("%s%u\t%s\t%s\t%s\t%s\n", i + 1 == versions->len ? "*" : "", i + 1,
              upp_answer_version_get_modified (version), *author ? author : "-", computer,
              upp_answer_origin_get_label (upp_answer_version_get_origin (version)));
      if (choices[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) choices);

          printf ("    [%s]\n", joined);
        }
      lines = g_strsplit (upp_answer_version_get_text (version), "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        printf ("    %s\n", lines[l]);
    }
}

int
upp_cli_history (UppStore  *store,
                 int        argc,
                 char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *question_key = NULL;
  gboolean json = FALSE;
  int restore = 0;
  UppAnswer *answer;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit’s name"), N_("NAME") },
    { "question", 0, 0, G_OPTION_ARG_STRING, &question_key, N_("The question’s key"), N_("KEY") },
    { "restore", 0, 0, G_OPTION_ARG_INT, &restore,
      N_("Set the answer to version N again (a new version)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!upp_cli_parse_options ("history", NULL, entries, &argc, &argv))
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

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  response = upp_cli_find_response (store, round, unit_name);
  if (response == NULL)
    return UPP_CLI_EXIT_FAILURE;
  if (upp_template_find_question (upp_round_get_template (round), question_key) == NULL)
    {
      upp_cli_print_error (_("The round’s template has no question “%s”."), question_key);
      return UPP_CLI_EXIT_FAILURE;
    }

  answer = upp_response_get_answer (response, question_key);
  if (answer == NULL)
    versions = g_ptr_array_new ();
  else
    versions = upp_store_list_answer_versions (store, upp_answer_get_uuid (answer), &error);
  if (versions == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }

  if (restore != 0)
    {
      if (restore < 0 || (guint) restore > versions->len)
        {
          upp_cli_print_error (_("The answer has no version %d; it has %u."), restore,
                               versions->len);
          return UPP_CLI_EXIT_FAILURE;
        }
      gint64 version_id = upp_answer_version_get_id (versions->pdata[restore - 1]);

      if (!upp_store_restore_answer_version (store, round, response, question_key, version_id,
                                             &error))
        {
          upp_cli_print_error ("%s", error->message);
          return UPP_CLI_EXIT_FAILURE;
        }
      answer = upp_response_get_answer (response, question_key);
      g_clear_pointer (&versions, g_ptr_array_unref);
      versions = upp_store_list_answer_versions (store, upp_answer_get_uuid (answer), &error);
      if (versions == NULL)
        {
          upp_cli_print_error ("%s", error->message);
          return UPP_CLI_EXIT_FAILURE;
        }
    }

  if (versions->len == 0)
    fprintf (stderr, "%s\n", _("The answer has not been saved yet."));
  if (json)
    print_json (store, versions);
  else
    print_versions (store, versions);
  return UPP_CLI_EXIT_OK;
}
