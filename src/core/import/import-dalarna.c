/* import-dalarna.c: import of a units-by-questions Word table exported as text
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-import-dalarna"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "import-answer.h"
#include "import-dalarna.h"
#include "import-units.h"
#include "upp-answer.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-suggestion.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-text.h"
#include "upp-unit.h"
#include "upp-util.h"

G_DEFINE_QUARK (upp-import-dalarna-error-quark, upp_import_dalarna_error)

/* Far more than a table of units and questions has; bounds the memory a file of tabs alone
 * could take. */
#define MAX_CELLS 1000000

static void
table_row_free (UppImportDalarnaRow *row)
{
  g_free (row->name);
  g_ptr_array_unref (row->cells);
  g_free (row);
}

void
upp_import_dalarna_table_free (UppImportDalarnaTable *table)
{
  if (table == NULL)
    return;
  g_free (table->title);
  g_ptr_array_unref (table->questions);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static gboolean
is_blank_line (const char *line)
{
  return line[0] == '\0';
}

/* "3. Beskriv några …" → the question's number and text. */
static gboolean
parse_question_line (const char  *line,
                     char       **text)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;

  /* Compiled once: every line before the first unit is tried. */
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^\\s*(\\d+)\\.\\s+(.*\\S)\\s*$", 0, 0, NULL));
  if (!g_regex_match (regex, line, 0, &match))
    return FALSE;
  *text = g_match_info_fetch (match, 2);
  return TRUE;
}

/* Cells of one unit: the name, then one per question; line breaks kept, white space at the
 * ends of lines and cells (invisible in Word) dropped. */
static UppImportDalarnaRow *
finish_row (GPtrArray *cells)
{
  UppImportDalarnaRow *row = g_new0 (UppImportDalarnaRow, 1);

  row->cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cells->len; i++)
    {
      GString *cell = g_ptr_array_index (cells, i);
      char *text = upp_strdup_chomped (cell->str);

      if (i == 0)
        row->name = g_strstrip (text);
      else
        g_ptr_array_add (row->cells, text);
    }
  return row;
}

static void
free_cell (gpointer cell)
{
  g_string_free (cell, TRUE);
}

UppImportDalarnaTable *
upp_import_dalarna_table_parse (const char  *text,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(UppImportDalarnaTable) table = g_new0 (UppImportDalarnaTable, 1);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (free_cell);
  g_autofree char *decoded = NULL;
  const char *encoding;
  guint n_cells = 0;
  gboolean in_header = TRUE;
  gboolean after_blank = FALSE;
  guint pending_blank_lines = 0;

  table->questions = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) table_row_free);

  /* Word saves "Oformaterad text" as UTF-8, UTF-16 or Windows-1252, as Excel does CSV. */
  decoded = upp_text_decode (text, length, &encoding, error);
  if (decoded == NULL)
    return NULL;
  /* Word ends lines with CRLF or, on a Mac, CR alone. */
  for (char *p = decoded; (p = strchr (p, '\r')) != NULL; p++)
    {
      if (p[1] != '\n')
        *p = '\n';
    }

  /* Line by line in place: a file of line breaks alone must not become millions of strings. */
  for (char *line = decoded, *next; line != NULL; line = next)
    {
      char *end = strchr (line, '\n');
      gsize len;

      next = end != NULL ? end + 1 : NULL;
      if (end != NULL)
        *end = '\0';
      len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';

      if (in_header)
        {
          char *question = NULL;

          if (table->title == NULL && line[0] == '\t' && !upp_str_is_blank (line + 1))
            {
              table->title = g_strstrip (g_strdup (line + 1));
              continue;
            }
          if (parse_question_line (line, &question))
            {
              g_ptr_array_add (table->questions, question);
              continue;
            }
          /* The first non-empty cell after the title starts the first unit. */
          if (table->title != NULL && line[0] == '\t' && !upp_str_is_blank (line + 1))
            in_header = FALSE;
          else
            continue;
        }

      if (is_blank_line (line))
        {
          after_blank = TRUE;
          pending_blank_lines++;
          continue;
        }

      if (line[0] == '\t')
        {
          if (after_blank && cells->len > 0)
            {
              g_ptr_array_add (table->rows, finish_row (cells));
              g_ptr_array_set_size (cells, 0);
            }
          if (++n_cells > MAX_CELLS)
            {
              g_set_error (error, UPP_IMPORT_DALARNA_ERROR, UPP_IMPORT_DALARNA_ERROR_FORMAT,
                           _("The table has more than %u cells, far more than a follow-up "
                             "table has."), MAX_CELLS);
              return NULL;
            }
          g_ptr_array_add (cells, g_string_new (g_strchomp (line + 1)));
        }
      else if (cells->len > 0)
        {
          GString *cell = g_ptr_array_index (cells, cells->len - 1);

          /* A paragraph break inside a cell shows as a blank line followed by more text. */
          for (guint n = 0; n < pending_blank_lines; n++)
            g_string_append_c (cell, '\n');
          g_string_append_c (cell, '\n');
          g_string_append (cell, g_strchomp (line));
        }
      after_blank = FALSE;
      pending_blank_lines = 0;
    }
  if (cells->len > 0)
    g_ptr_array_add (table->rows, finish_row (cells));

  if (table->title == NULL || table->questions->len == 0)
    {
      g_set_error (error, UPP_IMPORT_DALARNA_ERROR, UPP_IMPORT_DALARNA_ERROR_FORMAT,
                   _("The file does not look like a follow-up table: it needs a title cell "
                     "such as “Region Dalarna” and numbered questions before the units."));
      return NULL;
    }
  if (table->rows->len == 0)
    {
      g_set_error (error, UPP_IMPORT_DALARNA_ERROR, UPP_IMPORT_DALARNA_ERROR_FORMAT,
                   _("The table has questions but no units."));
      return NULL;
    }
  return g_steal_pointer (&table);
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

      if (upp_round_get_year (round) == year && upp_round_get_region (round) == region &&
          g_strcmp0 (upp_round_get_title (round), title) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Everything that can refuse the table is checked before the backup and the transaction:
 * a refused file leaves no backup behind that would push an older one out. */
static gboolean
import_table (UppStore               *store,
              UppImportDalarnaTable  *table,
              int                     year,
              UppImportFlags          flags,
              UppImportResult        *result,
              GError                **error)
{
  g_autoptr(UppRegion) region = NULL;
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) unit_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  gboolean save_template = FALSE;
  guint n_questions;

  region = upp_store_find_region (store, table->title, &local_error);
  if (region == NULL)
    {
      g_set_error (error, UPP_IMPORT_DALARNA_ERROR, UPP_IMPORT_DALARNA_ERROR_UNKNOWN_REGION,
                   _("The table’s title “%s” names no Swedish region."), table->title);
      return FALSE;
    }

  template = upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_LOK, 1, NULL);
  if (template == NULL)
    {
      template = upp_template_new_builtin_lok ();
      save_template = TRUE;
    }
  n_questions = upp_template_get_n_questions (template);
  if (table->questions->len != n_questions)
    {
      g_set_error (error, UPP_IMPORT_DALARNA_ERROR, UPP_IMPORT_DALARNA_ERROR_UNKNOWN_TEMPLATE,
                   _("The table has %u questions but the LÖK template has %u."),
                   table->questions->len, n_questions);
      return FALSE;
    }
  for (guint i = 0; i < n_questions; i++)
    {
      const char *expected = upp_question_get_text (upp_template_get_question (template, i));

      if (g_strcmp0 (g_ptr_array_index (table->questions, i), expected) != 0)
        upp_import_result_add_warning (result,
                                       _("Question %u of the table reads “%s”, not as in the "
                                         "template: “%s”."),
                                       i + 1, (char *) g_ptr_array_index (table->questions, i),
                                       expected);
    }

  title = g_strdup_printf ("Uppföljning LÖK %d", year);
  if (round_exists (store, region, year, title))
    {
      g_set_error (error, UPP_IMPORT_DALARNA_ERROR, UPP_IMPORT_DALARNA_ERROR_EXISTS,
                   _("%s already has the round “%s”; nothing was imported."),
                   upp_region_get_name (region), title);
      return FALSE;
    }

  municipalities = upp_store_list_municipalities (store, upp_region_get_code (region), error);
  if (municipalities == NULL)
    return FALSE;
  existing = upp_store_list_units (store, upp_region_get_code (region), error);
  if (existing == NULL)
    return FALSE;

  for (guint i = 0; i < table->rows->len; i++)
    {
      UppImportDalarnaRow *row = g_ptr_array_index (table->rows, i);
      g_autofree char *name = upp_import_units_dup_name (row->name);
      g_autoptr(UppUnit) unit = NULL;
      g_autofree char *folded = NULL;

      if (row->cells->len > n_questions)
        {
          g_set_error (error, UPP_IMPORT_DALARNA_ERROR, UPP_IMPORT_DALARNA_ERROR_FORMAT,
                       _("The unit “%s” has %u answers but there are only %u questions."),
                       name, row->cells->len, n_questions);
          return FALSE;
        }
      /* As the CSV import leaves out a row without a unit name. (The first unit has one: the
       * parser starts it at the first cell with text after the questions.) */
      if (*name == '\0')
        {
          upp_import_result_add_warning (result,
                                         _("Unit %u of the table has no name; left out."),
                                         i + 1);
          continue;
        }
      unit = upp_import_units_match (name, upp_region_get_code (region), municipalities,
                                     existing, result);
      folded = g_utf8_casefold (upp_unit_get_name (unit), -1);
      if (g_hash_table_contains (seen, upp_unit_get_uuid (unit)) ||
          g_hash_table_contains (seen, folded))
        {
          g_set_error (error, UPP_IMPORT_DALARNA_ERROR, UPP_IMPORT_DALARNA_ERROR_FORMAT,
                       _("The unit “%s” appears twice in the table; merge its rows into one."),
                       name);
          return FALSE;
        }
      g_hash_table_add (seen, g_strdup (upp_unit_get_uuid (unit)));
      g_hash_table_add (seen, g_steal_pointer (&folded));
      g_hash_table_insert (unit_rows, g_strdup (upp_unit_get_uuid (unit)), row);
      g_ptr_array_add (units, g_steal_pointer (&unit));
    }

  if (!(flags & UPP_IMPORT_DRY_RUN) && !upp_store_make_backup (store, "import", NULL, error))
    return FALSE;
  if (!upp_store_begin (store, error))
    return FALSE;

  if (save_template && !upp_store_save_template (store, template, error))
    goto fail;
  round = upp_round_new (year, region, title, template);
  if (!upp_store_create_round (store, round, units, error))
    goto fail;
  responses = upp_store_list_responses (store, round, error);
  if (responses == NULL)
    goto fail;

  /* A response is found by its unit, not by its place in the list. */
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      UppImportDalarnaRow *row =
        g_hash_table_lookup (unit_rows, upp_unit_get_uuid (upp_response_get_unit (response)));
      gboolean answered = FALSE;
      gboolean declined = FALSE;

      if (row == NULL)
        continue;

      for (guint q = 0; q < row->cells->len; q++)
        {
          UppQuestion *question = upp_template_get_question (template, q);
          g_autofree char *text = NULL;
          g_auto(GStrv) choices = NULL;
          UppImportAnswerKind kind;

          /* As the CSV import reads the same cell (import-answer.c). */
          kind = upp_import_answer_read (question, g_ptr_array_index (row->cells, q), &text,
                                         &choices);
          declined |= kind == UPP_IMPORT_ANSWER_DECLINED;
          if (kind != UPP_IMPORT_ANSWER_GIVEN)
            continue;
          if (!upp_store_set_answer_from (store, round, response,
                                          upp_question_get_key (question),
                                          text != NULL ? text : "",
                                          (const char * const *) choices,
                                          UPP_ANSWER_ORIGIN_IMPORT, NULL, error))
            goto fail;
          result->n_answers++;
          answered = TRUE;
        }

      upp_import_answer_set_status (response, answered, declined);
      if (!upp_store_save_response_details (store, response, error))
        goto fail;
      upp_import_result_add_response (result, response, template);
    }

  if (flags & UPP_IMPORT_ACCEPT_SUGGESTIONS)
    {
      g_autoptr(GPtrArray) suggestions = upp_suggestion_list_for_round (store, round, error);

      if (suggestions == NULL ||
          !upp_store_accept_suggestions (store, round, suggestions, NULL, error))
        goto fail;
    }

  if (flags & UPP_IMPORT_DRY_RUN)
    upp_store_rollback (store);
  else if (!upp_store_commit (store, error))
    return FALSE;

  result->round_uuid = g_strdup (upp_round_get_uuid (round));
  result->n_units = units->len;
  return TRUE;

fail:
  upp_store_rollback (store);
  return FALSE;
}

UppImportResult *
upp_import_dalarna_file (UppStore  *store,
                         GFile     *file,
                         int        year,
                         GError   **error)
{
  return upp_import_dalarna_file_full (store, file, year, UPP_IMPORT_DEFAULT, error);
}

UppImportResult *
upp_import_dalarna_file_full (UppStore        *store,
                              GFile           *file,
                              int              year,
                              UppImportFlags   flags,
                              GError         **error)
{
  g_autoptr(UppImportResult) result = upp_import_result_new ();
  g_autoptr(UppImportDalarnaTable) table = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = upp_text_load_file (file, &length, error);
  if (contents == NULL)
    return NULL;
  table = upp_import_dalarna_table_parse (contents, length, error);
  if (table == NULL)
    {
      upp_text_error_add_file (error, file);
      return NULL;
    }

  if (year <= 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      year = g_date_time_get_year (now);
    }

  if (!import_table (store, table, year, flags, result, error))
    {
      upp_text_error_add_file (error, file);
      return NULL;
    }
  return g_steal_pointer (&result);
}

gboolean
upp_import_dalarna_file_is_example (GFile *file)
{
  g_autoptr(GFile) example = g_file_new_for_uri (UPP_IMPORT_DALARNA_EXAMPLE_URI);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) example_bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  upp_core_register_resources ();
  bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  example_bytes = g_file_load_bytes (example, NULL, NULL, NULL);
  return bytes != NULL && example_bytes != NULL && g_bytes_equal (bytes, example_bytes);
}
