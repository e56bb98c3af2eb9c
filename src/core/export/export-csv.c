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
#include "upp-answer-key.h"
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

static void
append_record (GString     *out,
               const char **cells,
               guint        n_cells,
               char         separator)
{
  for (guint c = 0; c < n_cells; c++)
    {
      if (c > 0)
        g_string_append_c (out, separator);
      upp_export_csv_append_cell (out, cells[c], separator);
    }
  end_record (out);
}

/* Template format 2 in the long form: each item field, and each cell of a table's rows, is a
 * record of its own under the key it is stored under (QUESTION:FIELD, QUESTION:ROW:COLUMN;
 * see upp-answer-key.h), with the question's number and a label that names the field, or
 * the row's place and the column: "Mål, aktivitet och utfall – Rad 2 – Mål". */
static void
append_derived_records (GString     *out,
                        const char **cells,
                        guint        n_cells,
                        UppResponse *response,
                        UppQuestion *question,
                        char         separator)
{
  const char *key = upp_question_get_key (question);
  const char *label = upp_question_get_short_label (question);
  GPtrArray *fields = upp_question_get_fields (question);
  GPtrArray *columns = upp_question_get_columns (question);
  g_auto(GStrv) rows = NULL;

  for (guint f = 0; f < fields->len; f++)
    {
      const UppItemField *field = g_ptr_array_index (fields, f);
      g_autofree char *field_key = upp_answer_key_for_field (key, field->key);
      g_autofree char *field_label = upp_export_dup_column_header (label, field->label);
      g_autofree char *value = upp_response_dup_field_value (response, key, field->key);
      g_autofree char *text = upp_export_dup_field_text (field, value);
      gboolean choice = field->kind == UPP_FIELD_KIND_CHOICE;

      cells[10] = field_key;
      cells[11] = field_label;
      cells[13] = choice && value != NULL ? value : "";
      cells[14] = choice ? text : "";
      cells[15] = choice ? "" : text;
      append_record (out, cells, n_cells, separator);
    }

  if (upp_question_get_kind (question) != UPP_QUESTION_KIND_TABLE)
    return;
  rows = upp_response_list_table_rows (response, key);
  for (guint r = 0; rows[r] != NULL; r++)
    for (guint c = 0; c < columns->len; c++)
      {
        const UppItemField *column = g_ptr_array_index (columns, c);
        g_autofree char *cell_key = upp_answer_key_for_cell (key, rows[r], column->key);
        /* TRANSLATORS: a table row's place in a unit's table, e.g. "Row 2" */
        g_autofree char *row_label = g_strdup_printf (_("Row %u"), r + 1);
        g_autofree char *with_row = upp_export_dup_column_header (label, row_label);
        g_autofree char *cell_label = upp_export_dup_column_header (with_row, column->label);

        cells[10] = cell_key;
        cells[11] = cell_label;
        cells[13] = "";
        cells[14] = "";
        cells[15] = upp_response_get_table_cell (response, key, rows[r], column->key);
        append_record (out, cells, n_cells, separator);
      }
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
              append_record (out, cells, G_N_ELEMENTS (cells), separator);
              append_derived_records (out, cells, G_N_ELEMENTS (cells), response, question,
                                      separator);
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
