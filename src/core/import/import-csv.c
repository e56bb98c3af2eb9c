/* import-csv.c: import of a units-by-questions table saved as CSV by Excel or LibreOffice
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-import-csv"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "export/export-csv.h"
#include "export/upp-export.h"
#include "import-answer.h"
#include "import-csv.h"
#include "import-units.h"
#include "upp-answer-key.h"
#include "upp-answer.h"
#include "upp-enums.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-text.h"
#include "upp-unit.h"
#include "upp-util.h"

G_DEFINE_QUARK (upp-import-csv-error-quark, upp_import_csv_error)

/* Far more than a table of units and questions has, even in long form; bounds the memory a
 * file of separators alone could take. */
#define MAX_CELLS 1000000

/* Longer than any question text: such a cell is not a heading a column can be known by. */
#define MAX_HEADING_LENGTH 2000

/* Reading ---------------------------------------------------------------------------------- */

void
upp_import_csv_table_free (UppImportCsvTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->header, g_ptr_array_unref);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table->region_name);
  g_free (table->title);
  g_free (table);
}

const char *
upp_import_csv_table_get (UppImportCsvTable *table,
                          guint              row,
                          guint              column)
{
  GPtrArray *cells;

  if (row >= table->rows->len)
    return "";
  cells = g_ptr_array_index (table->rows, row);
  if (column >= cells->len)
    return "";
  return g_ptr_array_index (cells, column);
}

static gboolean  is_unit_header (const char *header);

static char
detect_separator (const char *text)
{
  guint semicolons = 0, commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == '\t')
        tabs++;
    }

  if (tabs > semicolons && tabs > commas)
    return '\t';
  if (commas > semicolons)
    return ',';
  return ';';
}

static void
end_row (GPtrArray **rows,
         GPtrArray **row)
{
  g_ptr_array_add (*rows, g_steal_pointer (row));
  *row = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
row_is_blank (GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    if (!upp_str_is_blank (g_ptr_array_index (row, i)))
      return FALSE;
  return TRUE;
}

/* Undoes the export's guard: one ' before a cell that would start like a formula. */
static char *
unguard (GString *cell)
{
  const char *p = cell->str;

  if (p[0] == '\'')
    {
      const char *q = p;

      while (*q == '\'')
        q++;
      if (*q != '\0' && strchr ("=+-@\t\r", *q) != NULL)
        return g_strdup (p + 1);
    }
  return g_strdup (p);
}

static GPtrArray *
too_many_cells (GError **error)
{
  g_set_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_FORMAT,
               _("The table has more than %u cells, far more than a follow-up table has."),
               MAX_CELLS);
  return NULL;
}

static GPtrArray *
parse_records (const char  *text,
               char         separator,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean cell_started = FALSE;
  guint line = 1;
  guint quote_line = 0;
  guint n_cells = 0;
  const char *p = text;

  while (*p != '\0')
    {
      char c = *p;

      if (quoted)
        {
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p += 2;
              continue;
            }
          if (c == '"')
            {
              quoted = FALSE;
              p++;
              continue;
            }
          if (c == '\r' && p[1] == '\n')
            {
              /* A line break inside a cell is stored as \n whatever the file used. */
              g_string_append_c (cell, '\n');
              p += 2;
              line++;
              continue;
            }
          if (c == '\n' || c == '\r')
            {
              g_string_append_c (cell, '\n');
              line++;
              p++;
              continue;
            }
          g_string_append_c (cell, c);
          p++;
          continue;
        }

      if (c == '"' && !cell_started)
        {
          quoted = TRUE;
          cell_started = TRUE;
          quote_line = line;
          p++;
          continue;
        }
      if (c == separator)
        {
          if (++n_cells > MAX_CELLS)
            return too_many_cells (error);
          g_ptr_array_add (row, unguard (cell));
          g_string_truncate (cell, 0);
          cell_started = FALSE;
          p++;
          continue;
        }
      if (c == '\r' || c == '\n')
        {
          if (++n_cells > MAX_CELLS)
            return too_many_cells (error);
          g_ptr_array_add (row, unguard (cell));
          g_string_truncate (cell, 0);
          cell_started = FALSE;
          end_row (&rows, &row);
          p += (c == '\r' && p[1] == '\n') ? 2 : 1;
          line++;
          continue;
        }
      /* A quote inside an unquoted cell is kept as written, as Excel does. */
      g_string_append_c (cell, c);
      cell_started = TRUE;
      p++;
    }

  if (quoted)
    {
      g_set_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_FORMAT,
                   _("The quoted cell that starts on line %u is never closed."), quote_line);
      return NULL;
    }
  if (cell_started || row->len > 0)
    {
      g_ptr_array_add (row, unguard (cell));
      end_row (&rows, &row);
    }

  /* Blank rows (the empty line at the end, separators only) carry nothing. */
  for (guint i = rows->len; i > 0; i--)
    if (row_is_blank (g_ptr_array_index (rows, i - 1)))
      g_ptr_array_remove_index (rows, i - 1);

  return g_steal_pointer (&rows);
}

static int
find_column (GPtrArray  *header,
             const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (header, i), name) == 0)
      return i;
  return -1;
}

/* This app's long-form export has one row per unit and question; make it one row per unit
 * with an answer column and a choices column per question, named by question key. */
static gboolean
pivot_long_form (UppImportCsvTable  *table,
                 GError            **error)
{
  int unit_col = find_column (table->header, "unit");
  int key_col = find_column (table->header, "question_key");
  int answer_col = find_column (table->header, "answer");
  int choices_col = find_column (table->header, "choice_keys");
  int round_col = find_column (table->header, "round_id");
  int region_col = find_column (table->header, "region");
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) key_columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) unit_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *first_round = NULL;
  const char *details[] = { "status", "interview_date", "mode" };
  int detail_cols[G_N_ELEMENTS (details)];
  guint n_details = 0;

  g_ptr_array_add (header, g_strdup ("unit"));
  /* The response's details repeat on each of its rows; the first is kept. */
  for (guint d = 0; d < G_N_ELEMENTS (details); d++)
    if ((detail_cols[n_details] = find_column (table->header, details[d])) >= 0)
      {
        g_ptr_array_add (header, g_strdup (details[d]));
        n_details++;
      }

  for (guint r = 0; r < table->rows->len; r++)
    {
      const char *unit = upp_import_csv_table_get (table, r, unit_col);
      const char *key = upp_import_csv_table_get (table, r, key_col);
      const char *round_id = round_col >= 0 ? upp_import_csv_table_get (table, r, round_col) : "";
      GPtrArray *row;
      gpointer column;

      /* An item's field or a table's cell (a key with ":", upp-answer-key.h) is no column of
       * a units × questions table; the answers and choices are imported, those are not. */
      if (strstr (key, UPP_ANSWER_KEY_SEPARATOR) != NULL)
        continue;

      if (first_round == NULL)
        first_round = round_id;
      else if (g_strcmp0 (first_round, round_id) != 0)
        {
          g_set_error_literal (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_SEVERAL_ROUNDS,
                               _("The file holds answers of several rounds. Export one round "
                                 "at a time to import it."));
          return FALSE;
        }

      if (!g_hash_table_lookup_extended (key_columns, key, NULL, &column))
        {
          column = GUINT_TO_POINTER (header->len);
          g_hash_table_insert (key_columns, g_strdup (key), column);
          g_ptr_array_add (header, g_strdup (key));
          g_ptr_array_add (header, upp_export_dup_choice_header (key));
        }

      row = g_hash_table_lookup (unit_rows, unit);
      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (row, g_strdup (unit));
          for (guint d = 0; d < n_details; d++)
            g_ptr_array_add (row, g_strdup (upp_import_csv_table_get (table, r, detail_cols[d])));
          g_ptr_array_add (rows, row);
          g_hash_table_insert (unit_rows, g_strdup (unit), row);
        }
      while (row->len < GPOINTER_TO_UINT (column) + 2)
        g_ptr_array_add (row, g_strdup (""));

      g_free (row->pdata[GPOINTER_TO_UINT (column)]);
      row->pdata[GPOINTER_TO_UINT (column)] =
        g_strdup (upp_import_csv_table_get (table, r, answer_col));
      if (choices_col >= 0)
        {
          g_free (row->pdata[GPOINTER_TO_UINT (column) + 1]);
          row->pdata[GPOINTER_TO_UINT (column) + 1] =
            g_strdup (upp_import_csv_table_get (table, r, choices_col));
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      while (row->len < header->len)
        g_ptr_array_add (row, g_strdup (""));
    }

  if (region_col >= 0 && table->rows->len > 0)
    table->region_name = g_strdup (upp_import_csv_table_get (table, 0, region_col));

  g_ptr_array_unref (table->header);
  g_ptr_array_unref (table->rows);
  table->header = g_steal_pointer (&header);
  table->rows = g_steal_pointer (&rows);
  table->from_long_form = TRUE;
  return TRUE;
}

UppImportCsvTable *
upp_import_csv_table_parse (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(UppImportCsvTable) table = g_new0 (UppImportCsvTable, 1);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *start;
  guint width;

  text = upp_text_decode (data, length, &table->encoding, error);
  if (text == NULL)
    return NULL;

  start = text;
  /* Excel's own hint for the separator: a first line "sep=;". */
  if (g_ascii_strncasecmp (start, "sep=", 4) == 0 && start[4] != '\0' &&
      (start[5] == '\r' || start[5] == '\n'))
    {
      table->separator = start[4];
      start += 5;
      while (*start == '\r' || *start == '\n')
        start++;
    }
  else
    table->separator = detect_separator (start);

  records = parse_records (start, table->separator, error);
  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error_literal (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_FORMAT,
                           _("The file holds no table."));
      return NULL;
    }

  /* A heading above the header: use the first of the top rows that names the unit column,
   * when the first row does not. */
  {
    guint header_row = 0;

    for (guint r = 0; r < MIN (records->len, 3) && header_row == 0; r++)
      {
        GPtrArray *record = g_ptr_array_index (records, r);
        gboolean has_unit = FALSE;

        for (guint c = 0; c < record->len && !has_unit; c++)
          has_unit = is_unit_header (g_ptr_array_index (record, c));
        if (has_unit && r == 0)
          break;
        if (has_unit)
          header_row = r;
      }

    if (header_row > 0)
      {
        GPtrArray *first = g_ptr_array_index (records, 0);

        table->title = g_strdup (first->len > 0 ? g_ptr_array_index (first, 0) : "");
        g_ptr_array_remove_range (records, 0, header_row);
      }
  }

  table->header = g_ptr_array_ref (g_ptr_array_index (records, 0));
  g_ptr_array_remove_index (records, 0);
  table->rows = g_ptr_array_ref (records);

  /* Every row as wide as the widest, so columns can be read without checks. */
  width = table->header->len;
  for (guint i = 0; i < table->rows->len; i++)
    width = MAX (width, ((GPtrArray *) g_ptr_array_index (table->rows, i))->len);
  if ((guint64) width * (table->rows->len + 1) > MAX_CELLS)
    {
      too_many_cells (error);
      return NULL;
    }
  while (table->header->len < width)
    g_ptr_array_add (table->header, g_strdup (""));
  for (guint i = 0; i < table->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, i);

      while (row->len < width)
        g_ptr_array_add (row, g_strdup (""));
    }

  if (find_column (table->header, "unit") >= 0 &&
      find_column (table->header, "question_key") >= 0 &&
      find_column (table->header, "answer") >= 0 &&
      !pivot_long_form (table, error))
    return NULL;

  return g_steal_pointer (&table);
}

UppImportCsvTable *
upp_import_csv_table_read (GFile   *file,
                           GError **error)
{
  g_autofree char *contents = NULL;
  UppImportCsvTable *table;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = upp_text_load_file (file, &length, error);
  if (contents == NULL)
    return NULL;
  table = upp_import_csv_table_parse (contents, length, error);
  if (table == NULL)
    upp_text_error_add_file (error, file);
  return table;
}

/* Mapping ---------------------------------------------------------------------------------- */

void
upp_import_csv_mapping_free (UppImportCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  for (guint i = 0; i < mapping->columns->len; i++)
    g_free (g_array_index (mapping->columns, UppImportCsvColumn, i).question_key);
  g_array_unref (mapping->columns);
  g_free (mapping);
}

void
upp_import_csv_mapping_set (UppImportCsvMapping    *mapping,
                            guint                   column,
                            UppImportCsvColumnRole  role,
                            const char             *question_key)
{
  UppImportCsvColumn *entry;

  g_return_if_fail (column < mapping->columns->len);

  entry = &g_array_index (mapping->columns, UppImportCsvColumn, column);
  entry->role = role;
  upp_set_str (&entry->question_key,
               role == UPP_IMPORT_CSV_COLUMN_ANSWER || role == UPP_IMPORT_CSV_COLUMN_CHOICES
               ? question_key : NULL);
}

/* Splits "3. Beskriv …" or "Fråga 3" into the number and the rest; NULL number if none. */
static char *
split_number (const char  *header,
              const char **rest)
{
  const char *p = header;
  const char *digits;
  g_autofree char *folded = g_utf8_casefold (header, -1);

  *rest = header;
  if (g_str_has_prefix (folded, "fråga"))
    p += strlen ("fråga");
  else if (g_str_has_prefix (folded, "question"))
    p += strlen ("question");
  while (*p == ' ')
    p++;
  digits = p;
  while (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    p++;
  if (p == digits)
    return NULL;
  if (*p != '\0' && strchr (".): ", *p) == NULL)
    return NULL;

  *rest = p;
  while (**rest != '\0' && strchr (".): ", **rest) != NULL)
    (*rest)++;
  return g_strndup (digits, p - digits);
}

static gboolean
is_unit_header (const char *header)
{
  const char *names[] = { "unit", "enhet", "enheter", "kommun", "kommuner", "respondent" };
  g_autofree char *folded = NULL;
  g_autofree char *translated = NULL;

  if (strlen (header) > MAX_HEADING_LENGTH)
    return FALSE;
  folded = upp_str_fold_for_matching (header, -1);
  translated = upp_str_fold_for_matching (_("Unit"), -1);
  if (g_strcmp0 (folded, translated) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (folded, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
header_is_one_of (const char  *header,
                  const char **names)
{
  g_autofree char *folded = upp_str_fold_for_matching (header, -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = upp_str_fold_for_matching (names[i], -1);

      if (g_strcmp0 (folded, name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Status, interview date or mode as this app's exports and common Swedish headers name them. */
static UppImportCsvColumnRole
detail_role (const char *header)
{
  const char *status[] = { "status", "svarsstatus", _("Status"), NULL };
  const char *date[] = { "interview_date", "intervjudatum", "datum", _("Interview date"), NULL };
  const char *mode[] = { "mode", "intervjuform", _("Mode"), NULL };

  if (strlen (header) > MAX_HEADING_LENGTH)
    return UPP_IMPORT_CSV_COLUMN_IGNORE;
  if (header_is_one_of (header, status))
    return UPP_IMPORT_CSV_COLUMN_STATUS;
  if (header_is_one_of (header, date))
    return UPP_IMPORT_CSV_COLUMN_INTERVIEW_DATE;
  if (header_is_one_of (header, mode))
    return UPP_IMPORT_CSV_COLUMN_MODE;
  return UPP_IMPORT_CSV_COLUMN_IGNORE;
}

/* A template's question names normalized once, not once per column of a wide table. */
typedef struct
{
  UppQuestion *question;
  char        *title;   /* "1. Short label" as the exports write it */
  char        *label;
  char        *text;
} QuestionNames;

static void
question_names_clear (gpointer data)
{
  QuestionNames *names = data;

  g_free (names->title);
  g_free (names->label);
  g_free (names->text);
}

static GArray *
question_names_new (UppTemplate *template)
{
  guint n = upp_template_get_n_questions (template);
  GArray *all = g_array_sized_new (FALSE, TRUE, sizeof (QuestionNames), n);

  g_array_set_clear_func (all, question_names_clear);
  for (guint i = 0; i < n; i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      g_autofree char *title = upp_export_dup_question_title (question);
      QuestionNames names = {
        .question = question,
        .title = upp_str_fold_for_matching (title, -1),
        .label = upp_str_fold_for_matching (upp_question_get_short_label (question), -1),
        .text = upp_str_fold_for_matching (upp_question_get_text (question), -1),
      };

      g_array_append_val (all, names);
    }
  return all;
}

static UppQuestion *
match_question (GArray     *questions,
                const char *header,
                gsize       length)
{
  g_autofree char *title = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *number = NULL;
  g_autofree char *rest_normalized = NULL;
  const char *rest;

  if (length > MAX_HEADING_LENGTH)
    return NULL;
  title = g_strndup (header, length);
  wanted = upp_str_fold_for_matching (title, -1);
  if (*wanted == '\0')
    return NULL;

  number = split_number (g_strstrip (title), &rest);
  rest_normalized = upp_str_fold_for_matching (rest, -1);

  /* Exact matches first: key, "1. Short label", short label, question text. */
  for (guint i = 0; i < questions->len; i++)
    {
      QuestionNames *names = &g_array_index (questions, QuestionNames, i);

      if (g_strcmp0 (title, upp_question_get_key (names->question)) == 0 ||
          g_strcmp0 (wanted, names->title) == 0 ||
          (*names->label != '\0' && g_strcmp0 (wanted, names->label) == 0) ||
          g_strcmp0 (wanted, names->text) == 0 ||
          (number != NULL && *rest_normalized != '\0' &&
           (g_strcmp0 (rest_normalized, names->text) == 0 ||
            g_strcmp0 (rest_normalized, names->label) == 0)))
        return names->question;
    }

  /* Then the number alone ("3", "Fråga 3", "3. Beskriv …" with an edited text). */
  if (number != NULL)
    for (guint i = 0; i < questions->len; i++)
      {
        UppQuestion *question = g_array_index (questions, QuestionNames, i).question;

        if (g_strcmp0 (number, upp_question_get_number (question)) == 0)
          return question;
      }

  /* Then the beginning of a question text, as a shortened header often is. */
  if (g_utf8_strlen (wanted, -1) >= 12)
    for (guint i = 0; i < questions->len; i++)
      {
        QuestionNames *names = &g_array_index (questions, QuestionNames, i);

        if (g_str_has_prefix (names->text, wanted) || g_str_has_prefix (wanted, names->text))
          return names->question;
      }

  return NULL;
}

static gboolean
mapping_has (UppImportCsvMapping    *mapping,
             UppImportCsvColumnRole  role,
             const char             *key)
{
  for (guint i = 0; i < mapping->columns->len; i++)
    {
      UppImportCsvColumn *column = &g_array_index (mapping->columns, UppImportCsvColumn, i);

      if (column->role == role && g_strcmp0 (column->question_key, key) == 0)
        return TRUE;
    }
  return FALSE;
}

UppImportCsvMapping *
upp_import_csv_mapping_guess (UppImportCsvTable *table,
                              UppTemplate       *template)
{
  UppImportCsvMapping *mapping = g_new0 (UppImportCsvMapping, 1);
  g_autoptr(GArray) questions = question_names_new (template);
  gboolean have_unit = FALSE;

  mapping->columns = g_array_new (FALSE, TRUE, sizeof (UppImportCsvColumn));
  g_array_set_size (mapping->columns, table->header->len);

  for (guint i = 0; i < table->header->len; i++)
    {
      const char *header = g_ptr_array_index (table->header, i);
      gsize length = strlen (header);
      UppImportCsvColumnRole role = UPP_IMPORT_CSV_COLUMN_ANSWER;
      UppQuestion *question;

      if (!have_unit && is_unit_header (header))
        {
          upp_import_csv_mapping_set (mapping, i, UPP_IMPORT_CSV_COLUMN_UNIT, NULL);
          have_unit = TRUE;
          continue;
        }

      role = detail_role (header);
      if (role != UPP_IMPORT_CSV_COLUMN_IGNORE)
        {
          if (!mapping_has (mapping, role, NULL))
            upp_import_csv_mapping_set (mapping, i, role, NULL);
          continue;
        }
      role = UPP_IMPORT_CSV_COLUMN_ANSWER;

      if (upp_export_is_choice_header (header, &length))
        role = UPP_IMPORT_CSV_COLUMN_CHOICES;

      question = match_question (questions, header, length);
      if (question == NULL || mapping_has (mapping, role, upp_question_get_key (question)))
        continue;
      if (role == UPP_IMPORT_CSV_COLUMN_CHOICES && !upp_question_is_coded (question))
        continue;
      upp_import_csv_mapping_set (mapping, i, role, upp_question_get_key (question));
    }

  /* The Dalarna layout: units in the first column under the region's name. */
  if (!have_unit && mapping->columns->len > 0 &&
      g_array_index (mapping->columns, UppImportCsvColumn, 0).role == UPP_IMPORT_CSV_COLUMN_IGNORE)
    upp_import_csv_mapping_set (mapping, 0, UPP_IMPORT_CSV_COLUMN_UNIT, NULL);

  return mapping;
}

gboolean
upp_import_csv_mapping_validate (UppImportCsvMapping  *mapping,
                                 GError              **error)
{
  guint n_units = 0, n_questions = 0;

  for (guint i = 0; i < mapping->columns->len; i++)
    {
      UppImportCsvColumn *column = &g_array_index (mapping->columns, UppImportCsvColumn, i);

      if (column->role == UPP_IMPORT_CSV_COLUMN_UNIT)
        n_units++;
      else if (column->role == UPP_IMPORT_CSV_COLUMN_ANSWER ||
               column->role == UPP_IMPORT_CSV_COLUMN_CHOICES)
        n_questions++;
    }

  if (n_units != 1)
    {
      g_set_error_literal (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_NO_UNITS,
                           _("Exactly one column must hold the unit names."));
      return FALSE;
    }
  if (n_questions == 0)
    {
      g_set_error_literal (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_NO_QUESTIONS,
                           _("No column matches a question of the template. Name the columns "
                             "by question number, short label or question text."));
      return FALSE;
    }
  return TRUE;
}

/* Import ----------------------------------------------------------------------------------- */

UppRegion *
upp_import_csv_table_find_region (UppImportCsvTable *table,
                                  UppStore          *store)
{
  const char *candidates[] = {
    table->region_name,
    table->header->len > 0 ? g_ptr_array_index (table->header, 0) : NULL,
    table->title,
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *name = NULL;
      char *dot;
      UppRegion *region;

      if (upp_str_is_blank (candidates[i]))
        continue;
      /* The workbook's heading: "Region Dalarna · Uppföljning LÖK 2025". */
      name = g_strdup (candidates[i]);
      if ((dot = strstr (name, " · ")) != NULL)
        *dot = '\0';
      region = upp_store_find_region (store, g_strstrip (name), NULL);
      if (region != NULL)
        return region;
    }
  return NULL;
}

/* The choice keys a cell names by key or label, separated by ; or line breaks. */
static GStrv
parse_choices (UppQuestion     *question,
               const char      *cell,
               guint            row,
               UppImportResult *result)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_regex_split_simple ("[;\n]", cell, 0, 0);
  GPtrArray *choices = upp_question_get_choices (question);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = upp_str_fold_for_matching (parts[i], -1);
      gboolean found = FALSE;

      if (*part == '\0')
        continue;
      for (guint c = 0; c < choices->len && !found; c++)
        {
          UppChoice *choice = g_ptr_array_index (choices, c);
          g_autofree char *label = upp_str_fold_for_matching (choice->label, -1);
          g_autofree char *key = upp_str_fold_for_matching (choice->key, -1);

          if (g_strcmp0 (part, label) == 0 || g_strcmp0 (part, key) == 0)
            {
              g_strv_builder_add (builder, choice->key);
              found = TRUE;
            }
        }
      if (!found)
        upp_import_result_add_warning (result,
                                       _("Row %u: “%s” is not a choice of question %s; "
                                         "left out."),
                                       row, g_strstrip (parts[i]),
                                       upp_question_get_number (question));
    }
  return g_strv_builder_end (builder);
}

static gboolean
is_iso_date (const char *text)
{
  int y, m, d;
  char end;

  return sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && strlen (text) == 10 &&
         g_date_valid_dmy (d, m, y);
}

static void
apply_details (UppResponse         *response,
               UppImportCsvTable   *table,
               UppImportCsvMapping *mapping,
               guint                row,
               UppImportResult     *result)
{
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      UppImportCsvColumnRole role = g_array_index (mapping->columns, UppImportCsvColumn, c).role;
      g_autofree char *cell = g_strstrip (g_strdup (upp_import_csv_table_get (table, row, c)));
      UppResponseStatus status;
      UppInterviewMode mode;

      if (*cell == '\0')
        continue;

      if (role == UPP_IMPORT_CSV_COLUMN_STATUS)
        {
          if (upp_response_status_from_text (cell, &status))
            upp_response_set_status (response, status);
          /* "Inget svar" says it as the answer cells do. */
          else if (upp_import_answer_is_no_answer (cell))
            upp_response_set_status (response, UPP_RESPONSE_STATUS_NO_ANSWER);
          else
            upp_import_result_add_warning (result, _("Row %u: unknown status “%s”; left out."),
                                           row + 2, cell);
        }
      else if (role == UPP_IMPORT_CSV_COLUMN_INTERVIEW_DATE)
        {
          if (is_iso_date (cell))
            upp_response_set_interview_date (response, cell);
          else
            upp_import_result_add_warning (result,
                                           _("Row %u: “%s” is not a date such as 2025-10-14; "
                                             "left out."),
                                           row + 2, cell);
        }
      else if (role == UPP_IMPORT_CSV_COLUMN_MODE)
        {
          if (upp_interview_mode_from_text (cell, &mode))
            upp_response_set_mode (response, mode);
          else
            upp_import_result_add_warning (result,
                                           _("Row %u: unknown interview mode “%s”; left out."),
                                           row + 2, cell);
        }
    }
}

static gboolean
round_exists (UppStore   *store,
              UppRegion  *region,
              int         year,
              const char *title)
{
  g_autoptr(GPtrArray) rounds = upp_store_list_rounds (store, NULL);

  for (guint i = 0; rounds != NULL && i < rounds->len; i++)
    {
      UppRound *round = g_ptr_array_index (rounds, i);
      UppRegion *other = upp_round_get_region (round);

      if (upp_round_get_year (round) == year && other != NULL &&
          g_strcmp0 (upp_region_get_code (other), upp_region_get_code (region)) == 0 &&
          g_strcmp0 (upp_round_get_title (round), title) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "Dalarna" for Region Dalarna: a part of one region's name or county, and of no other. */
static UppRegion *
find_region_by_part (UppStore   *store,
                     const char *part)
{
  g_autoptr(GPtrArray) regions = upp_store_list_regions (store, NULL);
  g_autofree char *wanted = upp_str_fold_for_matching (part, -1);
  UppRegion *found = NULL;

  if (regions == NULL || g_utf8_strlen (wanted, -1) < 3)
    return NULL;
  for (guint i = 0; i < regions->len; i++)
    {
      UppRegion *region = g_ptr_array_index (regions, i);
      g_autofree char *name = upp_str_fold_for_matching (upp_region_get_name (region), -1);
      g_autofree char *county = upp_str_fold_for_matching (upp_region_get_county (region), -1);

      if (strstr (name, wanted) == NULL && strstr (county, wanted) == NULL)
        continue;
      if (found != NULL)
        return NULL;
      found = region;
    }
  return found != NULL ? g_object_ref (found) : NULL;
}

static UppRegion *
resolve_region (UppStore           *store,
                UppImportCsvTable  *table,
                const char         *region,
                GError            **error)
{
  UppRegion *found;

  if (region != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      found = upp_store_find_region (store, region, &local_error);
      if (found == NULL)
        found = find_region_by_part (store, region);
      if (found == NULL)
        g_set_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_UNKNOWN_REGION,
                     _("There is no region “%s”. Give a county code, region name or county."),
                     region);
      return found;
    }

  found = upp_import_csv_table_find_region (table, store);
  if (found == NULL)
    g_set_error_literal (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_UNKNOWN_REGION,
                         _("The table does not name its region. Choose the region to import "
                           "into."));
  return found;
}

UppImportResult *
upp_import_csv (UppStore             *store,
                UppImportCsvTable    *table,
                UppImportCsvMapping  *mapping,
                UppTemplate          *template,
                int                   year,
                const char           *region_name,
                GError              **error)
{
  return upp_import_csv_full (store, table, mapping, template, year, region_name,
                              UPP_IMPORT_DEFAULT, error);
}

/* The steps of upp_import_csv_full () */

static int
find_unit_column (UppImportCsvMapping *mapping)
{
  int unit_column = -1;

  for (guint i = 0; i < mapping->columns->len; i++)
    if (g_array_index (mapping->columns, UppImportCsvColumn, i).role == UPP_IMPORT_CSV_COLUMN_UNIT)
      unit_column = i;
  return unit_column;
}

/* The unit of each row that names one (new units for names the region does not know yet),
 * into units, and the row it came from into unit_rows. */
static gboolean
match_rows_to_units (UppStore           *store,
                     UppImportCsvTable  *table,
                     int                 unit_column,
                     const char         *region_code,
                     GPtrArray          *units,
                     GArray             *unit_rows,
                     UppImportResult    *result,
                     GError            **error)
{
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) seen_units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);

  municipalities = upp_store_list_municipalities (store, region_code, error);
  if (municipalities == NULL)
    return FALSE;
  existing = upp_store_list_units (store, region_code, error);
  if (existing == NULL)
    return FALSE;

  for (guint r = 0; r < table->rows->len; r++)
    {
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;
      g_autoptr(UppUnit) unit = NULL;
      gpointer first_row;

      name = upp_import_units_dup_name (upp_import_csv_table_get (table, r, unit_column));
      if (*name == '\0')
        {
          upp_import_result_add_warning (result, _("Row %u has no unit name; left out."), r + 2);
          continue;
        }
      unit = upp_import_units_match (name, region_code, municipalities, existing, result);
      if (unit == NULL)
        {
          upp_import_result_add_warning (result, _("Row %u: “%s” was not imported."),
                                         r + 2, name);
          continue;
        }
      folded = g_utf8_casefold (upp_unit_get_name (unit), -1);
      first_row = g_hash_table_lookup (seen_units, upp_unit_get_uuid (unit));
      if (first_row == NULL)
        first_row = g_hash_table_lookup (seen_units, folded);
      if (first_row != NULL)
        {
          /* Which row's answers are right is for the user to say, not to guess. */
          g_set_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_FORMAT,
                       _("Rows %u and %u are both the unit “%s”; merge them into one."),
                       GPOINTER_TO_UINT (first_row), r + 2, name);
          return FALSE;
        }
      g_hash_table_insert (seen_units, g_strdup (upp_unit_get_uuid (unit)),
                           GUINT_TO_POINTER (r + 2));
      g_hash_table_insert (seen_units, g_steal_pointer (&folded), GUINT_TO_POINTER (r + 2));
      g_ptr_array_add (units, g_steal_pointer (&unit));
      g_array_append_val (unit_rows, r);
    }

  if (units->len == 0)
    {
      g_set_error_literal (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_NO_UNITS,
                           _("The table has no rows with unit names."));
      return FALSE;
    }
  return TRUE;
}

/* "Uppföljning av LÖK 2025", refused when the region already has a round of that title. */
static UppRound *
new_round (UppStore     *store,
           UppRegion    *region,
           UppTemplate  *template,
           int           year,
           GError      **error)
{
  g_autofree char *title = g_strdup_printf ("%s %d", upp_template_get_title (template), year);

  if (round_exists (store, region, year, title))
    {
      g_set_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_EXISTS,
                   _("%s already has the round “%s”; nothing was imported."),
                   upp_region_get_name (region), title);
      return NULL;
    }
  return upp_round_new (year, region, title, template);
}

/* UppUnit uuid → UppResponse of the new round; borrows from responses. */
static GHashTable *
index_responses_by_unit (GPtrArray *responses)
{
  GHashTable *responses_by_unit = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      g_hash_table_insert (responses_by_unit,
                           (char *) upp_unit_get_uuid (upp_response_get_unit (response)),
                           response);
    }
  return responses_by_unit;
}

/* The answer cell and chosen codes that row's mapped columns give the question (NULL for
 * none); FALSE when no column is mapped to it. */
static gboolean
read_row_answer (UppImportCsvTable     *table,
                 UppImportCsvMapping   *mapping,
                 UppQuestion           *question,
                 guint                  row,
                 UppImportResult       *result,
                 const char           **cell,
                 char                ***choices)
{
  const char *key = upp_question_get_key (question);
  gboolean mapped = FALSE;

  for (guint c = 0; c < mapping->columns->len; c++)
    {
      UppImportCsvColumn *column = &g_array_index (mapping->columns, UppImportCsvColumn, c);

      if (g_strcmp0 (column->question_key, key) != 0)
        continue;
      mapped = TRUE;
      if (column->role == UPP_IMPORT_CSV_COLUMN_ANSWER && *cell == NULL)
        *cell = upp_import_csv_table_get (table, row, c);
      else if (column->role == UPP_IMPORT_CSV_COLUMN_CHOICES && *choices == NULL &&
               upp_question_is_coded (question))
        *choices = parse_choices (question, upp_import_csv_table_get (table, row, c), row + 2,
                                  result);
    }
  return mapped;
}

/* One row's answers and interview details into its unit's response. */
static gboolean
import_row (UppStore             *store,
            UppRound             *round,
            UppResponse          *response,
            UppImportCsvTable    *table,
            UppImportCsvMapping  *mapping,
            guint                 row,
            UppImportResult      *result,
            GError              **error)
{
  UppTemplate *template = upp_round_get_template (round);
  gboolean answered = FALSE;
  gboolean declined = FALSE;

  for (guint q = 0; q < upp_template_get_n_questions (template); q++)
    {
      UppQuestion *question = upp_template_get_question (template, q);
      const char *cell = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) choices = NULL;
      UppImportAnswerKind kind;

      if (!read_row_answer (table, mapping, question, row, result, &cell, &choices))
        continue;
      /* As the Dalarna import reads the same cell (import-answer.c). */
      kind = upp_import_answer_read (question, cell, &text, &choices);
      declined |= kind == UPP_IMPORT_ANSWER_DECLINED;
      if (kind != UPP_IMPORT_ANSWER_GIVEN)
        continue;

      if (!upp_store_set_answer_from (store, round, response, upp_question_get_key (question),
                                      text != NULL ? text : "",
                                      (const char * const *) choices, UPP_ANSWER_ORIGIN_IMPORT,
                                      NULL, error))
        return FALSE;
      result->n_answers++;
      answered = TRUE;
    }

  /* As in the Dalarna import, unless the table says how it went. */
  upp_import_answer_set_status (response, answered, declined);
  apply_details (response, table, mapping, row, result);
  if (!upp_store_save_response_details (store, response, error))
    return FALSE;
  upp_import_result_add_response (result, response, template);
  return TRUE;
}

/* The round with its units, then each unit's row; in the caller's transaction. */
static gboolean
store_round_and_rows (UppStore             *store,
                      UppRound             *round,
                      GPtrArray            *units,
                      GArray               *unit_rows,
                      UppImportCsvTable    *table,
                      UppImportCsvMapping  *mapping,
                      UppImportResult      *result,
                      GError              **error)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GHashTable) responses_by_unit = NULL;

  if (!upp_store_create_round (store, round, units, error))
    return FALSE;
  responses = upp_store_list_responses (store, round, error);
  if (responses == NULL)
    return FALSE;
  responses_by_unit = index_responses_by_unit (responses);

  for (guint u = 0; u < units->len; u++)
    {
      UppUnit *unit = g_ptr_array_index (units, u);
      UppResponse *response = g_hash_table_lookup (responses_by_unit, upp_unit_get_uuid (unit));
      g_autoptr(UppResponse) found = NULL;

      if (response == NULL)
        response = found = upp_store_find_response (store, round, upp_unit_get_name (unit),
                                                    NULL);
      if (response == NULL)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                       _("The response of “%s” was not created."), upp_unit_get_name (unit));
          return FALSE;
        }
      if (!import_row (store, round, response, table, mapping,
                       g_array_index (unit_rows, guint, u), result, error))
        return FALSE;
    }
  return TRUE;
}

UppImportResult *
upp_import_csv_full (UppStore             *store,
                     UppImportCsvTable    *table,
                     UppImportCsvMapping  *mapping,
                     UppTemplate          *template,
                     int                   year,
                     const char           *region_name,
                     UppImportFlags        flags,
                     GError              **error)
{
  g_autoptr(UppImportResult) result = upp_import_result_new ();
  g_autoptr(UppRegion) region = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) unit_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(UppRound) round = NULL;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL && mapping != NULL, NULL);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), NULL);

  if (!upp_import_csv_mapping_validate (mapping, error))
    return NULL;
  region = resolve_region (store, table, region_name, error);
  if (region == NULL)
    return NULL;
  if (year <= 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      year = g_date_time_get_year (now);
    }
  if (!match_rows_to_units (store, table, find_unit_column (mapping),
                            upp_region_get_code (region), units, unit_rows, result, error))
    return NULL;
  round = new_round (store, region, template, year, error);
  if (round == NULL)
    return NULL;

  if (!(flags & UPP_IMPORT_DRY_RUN) && !upp_store_make_backup (store, "import", NULL, error))
    return NULL;
  if (!upp_store_begin (store, error))
    return NULL;
  if (!store_round_and_rows (store, round, units, unit_rows, table, mapping, result, error))
    goto fail;
  if (flags & UPP_IMPORT_DRY_RUN)
    upp_store_rollback (store);
  else if (!upp_store_commit (store, error))
    goto fail;

  result->round_uuid = g_strdup (upp_round_get_uuid (round));
  result->n_units = units->len;
  return g_steal_pointer (&result);

fail:
  upp_store_rollback (store);
  upp_store_forget_cache (store);
  return NULL;
}

/* What a column's heading says it holds, as the guess reads it; FALSE for nothing. */
static gboolean
heading_meaning (const char              *header,
                 GArray                  *questions,
                 UppImportCsvColumnRole  *role,
                 const char             **question_key)
{
  gsize length = strlen (header);
  UppQuestion *question;

  *question_key = NULL;
  if (upp_str_is_blank (header))
    return FALSE;
  if (is_unit_header (header))
    {
      *role = UPP_IMPORT_CSV_COLUMN_UNIT;
      return TRUE;
    }
  *role = detail_role (header);
  if (*role != UPP_IMPORT_CSV_COLUMN_IGNORE)
    return TRUE;
  *role = upp_export_is_choice_header (header, &length) ? UPP_IMPORT_CSV_COLUMN_CHOICES
                                                        : UPP_IMPORT_CSV_COLUMN_ANSWER;
  question = match_question (questions, header, length);
  if (question == NULL)
    return FALSE;
  *question_key = upp_question_get_key (question);
  return TRUE;
}

/* Two columns that say they hold the same thing (two "Enhet", "1" and "Fråga 1"): the guess
 * keeps the first, so the other's cells would be left out without a word. */
static gboolean
check_headings (UppImportCsvTable    *table,
                UppImportCsvMapping  *mapping,
                UppTemplate          *template,
                GError              **error)
{
  g_autoptr(GArray) questions = question_names_new (template);

  for (guint i = 0; i < mapping->columns->len; i++)
    {
      const char *header = g_ptr_array_index (table->header, i);
      UppImportCsvColumn *column = &g_array_index (mapping->columns, UppImportCsvColumn, i);
      UppImportCsvColumnRole role;
      const char *key;

      if (column->role != UPP_IMPORT_CSV_COLUMN_IGNORE ||
          !heading_meaning (header, questions, &role, &key))
        continue;
      for (guint j = 0; j < mapping->columns->len; j++)
        {
          UppImportCsvColumn *other = &g_array_index (mapping->columns, UppImportCsvColumn, j);

          if (other->role != role || g_strcmp0 (other->question_key, key) != 0)
            continue;
          g_set_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_FORMAT,
                       _("Columns %u and %u hold the same thing (“%s” and “%s”); remove or "
                         "rename one of them."),
                       MIN (i, j) + 1, MAX (i, j) + 1,
                       (char *) g_ptr_array_index (table->header, MIN (i, j)),
                       (char *) g_ptr_array_index (table->header, MAX (i, j)));
          return FALSE;
        }
    }
  return TRUE;
}

/* Without a unit heading, the first column holds the units only in the Dalarna layout: under
 * the region's name, or under nothing. Under any other heading it is not the unit names. */
static gboolean
check_unit_column (UppStore             *store,
                   UppImportCsvTable    *table,
                   UppImportCsvMapping  *mapping,
                   GError              **error)
{
  g_autoptr(UppRegion) region = NULL;

  for (guint i = 0; i < mapping->columns->len; i++)
    {
      const char *header = g_ptr_array_index (table->header, i);
      UppImportCsvColumnRole role = g_array_index (mapping->columns, UppImportCsvColumn, i).role;

      if (role != UPP_IMPORT_CSV_COLUMN_UNIT || is_unit_header (header) ||
          upp_str_is_blank (header))
        continue;
      region = upp_import_csv_table_find_region (table, store);
      if (region != NULL)
        continue;
      g_set_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_NO_UNITS,
                   _("No column is headed “Enhet” or “Kommun”, and the first column’s heading "
                     "“%s” is no region: name the column that holds the units “Enhet”."),
                   header);
      return FALSE;
    }
  return TRUE;
}

UppImportResult *
upp_import_csv_file (UppStore    *store,
                     GFile       *file,
                     const char  *template_key,
                     int          year,
                     const char  *region,
                     GError     **error)
{
  return upp_import_csv_file_full (store, file, template_key, year, region, UPP_IMPORT_DEFAULT,
                                   error);
}

UppImportResult *
upp_import_csv_file_full (UppStore        *store,
                          GFile           *file,
                          const char      *template_key,
                          int              year,
                          const char      *region,
                          UppImportFlags   flags,
                          GError         **error)
{
  g_autoptr(UppImportCsvTable) table = NULL;
  g_autoptr(UppImportCsvMapping) mapping = NULL;
  g_autoptr(UppTemplate) template = NULL;
  UppImportResult *result;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  table = upp_import_csv_table_read (file, error);
  if (table == NULL)
    return NULL;
  template = upp_store_load_template (store, template_key, 0, error);
  if (template == NULL)
    return NULL;
  mapping = upp_import_csv_mapping_guess (table, template);
  if (!check_headings (table, mapping, template, error) ||
      !check_unit_column (store, table, mapping, error))
    {
      upp_text_error_add_file (error, file);
      return NULL;
    }
  result = upp_import_csv_full (store, table, mapping, template, year, region, flags, error);
  if (result == NULL)
    upp_text_error_add_file (error, file);
  return result;
}
