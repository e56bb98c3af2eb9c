/* cli-report-text.c: uppfoljning-cli report-text: sets one of a round's report texts from a
 * file, so that a report can be written without the app
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "report/upp-report.h"
#include "upp-question.h"
#include "upp-round.h"
#include "upp-template.h"
#include "upp-text.h"
#include "upp-util.h"

/* The analysis of one question (--question), kept under the question's own key. */
#define PART_ANALYSIS "analysis"

/* The parts of the report the round keeps a text for, as upp-report.h names them. */
static const char * const parts[] = {
  UPP_REPORT_TEXT_SUMMARY,
  UPP_REPORT_TEXT_BACKGROUND,
  UPP_REPORT_TEXT_RECOMMENDATIONS,
  UPP_REPORT_TEXT_FOLLOW_UP_AREAS,
  UPP_REPORT_TEXT_AUTHOR,
  UPP_REPORT_TEXT_ORGANISATION,
  UPP_REPORT_TEXT_SERIES,
  UPP_REPORT_TEXT_ISSN,
  UPP_REPORT_TEXT_METHOD_PLAN,
  UPP_REPORT_TEXT_DELIMITATION,
  UPP_REPORT_TEXT_REFERENCES,
  PART_ANALYSIS,
};

/* The key of the part named (follow-up-areas is follow_up_areas), or NULL. */
static const char *
find_part (const char *name)
{
  g_autofree char *key = g_strdelimit (g_strdup (name), "-", '_');

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i], key))
      return parts[i];
  return NULL;
}

static char *
dup_part_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", parts[i]);
  return g_string_free (names, FALSE);
}

/* Standard input's bytes, up to the size a text file may have. */
static char *
read_stdin (gsize   *length,
            GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[65536];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_byte_array_append (bytes, buffer, n);
      if (bytes->len > UPP_TEXT_MAX_SIZE)
        {
          g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_TOO_LARGE,
                       _("Standard input is larger than a report text can be."));
          return NULL;
        }
    }
  if (ferror (stdin))
    {
      g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_UNREADABLE,
                   _("Could not read standard input."));
      return NULL;
    }
  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

/* The file's text as UTF-8 ("-": standard input); errors name the file. */
static char *
load_text (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *data = NULL;
  const char *encoding;
  gsize length = 0;
  char *text;

  if (g_str_equal (path, "-"))
    {
      data = read_stdin (&length, error);
      if (data == NULL)
        return NULL;
      return upp_text_decode (data, length, &encoding, error);
    }

  file = g_file_new_for_commandline_arg (path);
  data = upp_text_load_file (file, &length, error);
  if (data == NULL)
    return NULL;
  text = upp_text_decode (data, length, &encoding, error);
  if (text == NULL)
    upp_text_error_add_file (error, file);
  return text;
}

int
upp_cli_report_text (UppStore  *store,
                     int        argc,
                     char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *part_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *names = dup_part_names ();
  g_autofree char *part_help = g_strdup_printf (_("The part of the report: %s"), names);
  g_autofree char *text = NULL;
  g_autofree char *question_key = NULL;
  g_autofree char *analysis_key = NULL;
  gboolean clear = FALSE;
  const char *part;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "part", 0, 0, G_OPTION_ARG_STRING, &part_name, part_help, N_("PART") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &path,
      N_("The text, as a text file; - reads standard input"), N_("FILE") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the part’s text"), NULL },
    { "question", 0, 0, G_OPTION_ARG_STRING, &question_key,
      N_("The question whose analysis it is (with --part analysis)"), N_("KEY") },
    { NULL }
  };

  if (!upp_cli_parse_options ("report-text", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      upp_cli_print_error (_("Unexpected argument “%s”."), argv[1]);
      return UPP_CLI_EXIT_USAGE;
    }
  if (part_name == NULL || (path == NULL) == !clear)
    {
      upp_cli_print_error (_("Give --round, --part and either --file FILE or --clear."));
      return UPP_CLI_EXIT_USAGE;
    }

  part = find_part (part_name);
  if (part == NULL)
    {
      upp_cli_print_error (_("Unknown report part “%s”; use one of: %s."), part_name, names);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (g_str_equal (part, PART_ANALYSIS) != (question_key != NULL))
    {
      upp_cli_print_error (question_key == NULL
                           ? _("Name the question the analysis is of with --question KEY.")
                           : _("--question goes only with --part analysis."));
      return UPP_CLI_EXIT_USAGE;
    }

  /* Read before anything is loaded or written: a bad file leaves the database as it was. */
  if (path != NULL)
    {
      text = load_text (path, &error);
      if (text == NULL)
        {
          upp_cli_print_error ("%s", error->message);
          return UPP_CLI_EXIT_FAILURE;
        }
      /* A file ends with a line break that is no part of the text; a blank one clears. */
      g_strchomp (text);
      if (upp_str_is_blank (text))
        g_clear_pointer (&text, g_free);
    }

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;

  if (question_key != NULL)
    {
      UppTemplate *template = upp_round_get_template (round);

      if (template == NULL || upp_template_find_question (template, question_key) == NULL)
        {
          g_autoptr(GString) keys = g_string_new (NULL);

          for (guint i = 0; template != NULL && i < upp_template_get_n_questions (template); i++)
            g_string_append_printf (keys, "%s%s", i > 0 ? ", " : "",
                                    upp_question_get_key (upp_template_get_question (template,
                                                                                     i)));
          upp_cli_print_error (_("The round’s questionnaire has no question “%s”; its "
                                 "questions are: %s."), question_key, keys->str);
          return UPP_CLI_EXIT_FAILURE;
        }
      analysis_key = upp_report_dup_analysis_key (question_key);
      part = analysis_key;
    }

  upp_round_set_text (round, part, text);
  if (!upp_store_update_round (store, round, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}
