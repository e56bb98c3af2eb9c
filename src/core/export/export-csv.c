/* export-csv.c: long-form CSV of one or more rounds of a region
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-export-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "export-csv.h"
#include "upp-answer.h"
#include "upp-enums.h"
#include "upp-files.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"

static gboolean
starts_like_formula (const char *cell)
{
  /* Apostrophes already there are skipped, so "'=x" gets one more and the import, which
   * drops exactly one, gives it back unchanged. */
  while (*cell == '\'')
    cell++;
  return *cell != '\0' && strchr ("=+-@\t\r", *cell) != NULL;
}

void
upp_export_csv_append_cell (GString    *out,
                            const char *cell,
                            char        separator)
{
  gboolean guard;
  gboolean quote;

  if (cell == NULL)
    cell = "";

  guard = starts_like_formula (cell);
  quote = strchr (cell, separator) != NULL || strchr (cell, '"') != NULL ||
          strchr (cell, '\n') != NULL || strchr (cell, '\r') != NULL;

  if (!quote && !guard)
    {
      g_string_append (out, cell);
      return;
    }

  if (quote)
    g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static void
end_record (GString *out)
{
  /* RFC 4180 records end with CRLF; line breaks inside quoted answers stay as stored. */
  g_string_append (out, "\r\n");
}

char *
upp_export_csv_to_string (UppExportData *data,
                          char           separator,
                          gsize         *length)
{
  const char *columns[] = { UPP_EXPORT_CSV_COLUMNS };
  GString *out = g_string_new ("\xEF\xBB\xBF");

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (i > 0)
        g_string_append_c (out, separator);
      upp_export_csv_append_cell (out, columns[i], separator);
    }
  end_record (out);

  for (guint r = 0; r < data->rounds->len; r++)
    {
      UppExportRound *round = g_ptr_array_index (data->rounds, r);
      g_autofree char *year = g_strdup_printf ("%d", upp_round_get_year (round->round));

      for (guint i = 0; i < round->responses->len; i++)
        {
          UppResponse *response = g_ptr_array_index (round->responses, i);
          UppInterviewMode mode = upp_response_get_mode (response);
          g_autofree char *participants =
            g_strdup_printf ("%d", upp_response_get_participant_count (response));
          g_autofree char *duration =
            upp_response_get_duration_minutes (response) > 0
            ? g_strdup_printf ("%d", upp_response_get_duration_minutes (response))
            : g_strdup ("");

          for (guint q = 0; q < data->questions->len; q++)
            {
              UppQuestion *question = upp_export_round_find_question (
                round, upp_question_get_key (g_ptr_array_index (data->questions, q)));
              UppAnswer *answer;
              g_autofree char *keys = NULL;
              g_autofree char *labels = NULL;
              const char *cells[19];

              if (question == NULL)
                continue;

              answer = upp_response_get_answer (response, upp_question_get_key (question));
              keys = upp_export_dup_choice_keys (answer);
              labels = upp_export_dup_choice_labels (question, answer);

              cells[0] = data->region_name;
              cells[1] = year;
              cells[2] = upp_round_get_title (round->round);
              cells[3] = upp_round_get_uuid (round->round);
              cells[4] = upp_response_get_unit_name (response);
              cells[5] = upp_response_status_get_label (upp_response_get_status (response));
              cells[6] = upp_response_get_interview_date (response);
              cells[7] = mode == UPP_INTERVIEW_MODE_NONE ? "" : upp_interview_mode_get_label (mode);
              cells[8] = participants;
              cells[9] = upp_question_get_number (question);
              cells[10] = upp_question_get_key (question);
              cells[11] = upp_question_get_short_label (question);
              cells[12] = upp_question_get_text (question);
              cells[13] = keys;
              cells[14] = labels;
              cells[15] = answer != NULL ? upp_answer_get_text (answer) : "";
              cells[16] = duration;
              cells[17] = upp_response_get_check_sent (response);
              cells[18] = upp_response_get_check_approved (response);

              G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (columns));
              for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
                {
                  if (c > 0)
                    g_string_append_c (out, separator);
                  upp_export_csv_append_cell (out, cells[c], separator);
                }
              end_record (out);
            }
        }
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
upp_export_csv (UppStore    *store,
                GPtrArray   *rounds,
                char         separator,
                const char  *path,
                GError     **error)
{
  g_autoptr(UppExportData) data = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (separator != '"' && separator != '\n' && separator != '\0', FALSE);

  data = upp_export_data_load (store, rounds, error);
  if (data == NULL)
    return FALSE;

  contents = upp_export_csv_to_string (data, separator, &length);
  if (!upp_files_write_private (path, contents, length, &local_error))
    {
      g_set_error_literal (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}
