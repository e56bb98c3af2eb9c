/* export-xlsx.c: Excel workbook of one or more rounds of a region (libxlsxwriter)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-export-xlsx"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "export-xlsx.h"
#include "upp-agreement.h"
#include "upp-answer.h"
#include "upp-enums.h"
#include "upp-interview.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-util.h"
#include "upp-region.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme-matrix.h"
#include "upp-theme.h"
#include "upp-unit.h"
#include "export-xlsx-lines.h"

#define SHEET_NAME_MAX     31
#define ROW_HEIGHT_LINE    15.0
#define ROW_HEIGHT_MAX     409.0  /* Excel's limit */
#define MATRIX_WIDTH_MAX   90.0   /* a long answer's column; longer ones are laid out in
                                     * full in their question's sheet */
#define ANSWER_WIDTH       80.0   /* the answer column of a question's sheet */
#define CHART_X_SCALE      1.8    /* room for the choices' labels under their columns */
#define CHART_Y_SCALE      1.2
#define CHART_ROWS         20     /* rows of 15 pt the summary's charts cover */

/* Matrix columns before the questions: the unit, its first interview's details, how many
 * interviews were held with it in all, and the respondent check. */
enum
{
  COL_UNIT, COL_STATUS, COL_DATE, COL_MODE, COL_PARTICIPANTS, COL_ROLES, COL_DURATION,
  COL_INTERVIEWS, COL_CHECK_SENT, COL_CHECK_APPROVED, N_FIXED_COLS
};

/* A question's sheet (its answers, or a table question's rows) while the rounds are written
 * into it one after the other. */
typedef struct
{
  lxw_worksheet *sheet;
  lxw_row_t      row;    /* the next row to write */
} LongSheet;

typedef struct
{
  UppStore              *store;   /* in a read snapshot while the workbook is written */
  UppExportData         *data;
  lxw_workbook          *workbook;
  GPtrArray             *names;           /* char *, kept until the workbook is closed */
  GHashTable            *question_sheets; /* question key → sheet name (borrowed) */
  GPtrArray             *matrix_sheets;   /* sheet name per round (borrowed) */
  const char            *summary_sheet;
  const char            *themes_sheet;    /* NULL when the region's codebook is empty */
  const char            *about_sheet;
  const char            *print_header;    /* the rounds' titles, above each printed page */
  const char            *print_footer;    /* the sheet's name and the page number, below */
  UppThemeMatrix        *themes;
  const char            *agreements_sheet;   /* NULL when no unit has an agreement to show */
  GPtrArray             *agreements;         /* UppAgreement of the units, as the sheet lists
                                              * them */
  GHashTable            *unit_parts;         /* unit uuid → its county part (borrowed) */
  GHashTable            *further_interviews; /* response uuid → interviews beyond the first */
  GArray                *long_sheets;        /* LongSheet per question of data->questions */
  /* Per question of data->questions: the summary's counts (int, rounds × its categories),
   * counted round by round before the round's answers are let go; NULL when not coded. */
  GPtrArray             *summary_counts;

  lxw_format            *title;
  lxw_format            *header;
  lxw_format            *question_text;
  lxw_format            *body;
  lxw_format            *flagged;
  lxw_format            *label;
  lxw_format            *date;
  lxw_format            *count;   /* a number in a narrow column, apart from its neighbours */
  lxw_format            *part;    /* a template's part above its questions' columns */

  UppExportProgressFunc  progress;
  gpointer               progress_data;
  GCancellable          *cancellable;
} Writer;

/* Sheet names ---------------------------------------------------------------------------- */

/* The longest prefix of text of at most max UTF-16 units, as a byte length. */
static gsize
prefix_bytes (const char *text,
              gsize       max)
{
  gsize n = 0;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize width = g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

      if (n + width > max)
        break;
      n += width;
    }
  return p - text;
}

static char *
clean_sheet_name (const char *wanted)
{
  g_autoptr(GString) name = g_string_new (NULL);
  const char *start;
  gsize length;

  for (const char *p = wanted != NULL ? wanted : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", c) != NULL && c < 0x80)
        g_string_append_c (name, '-');
      else if (g_unichar_iscntrl (c))
        g_string_append_c (name, ' ');
      else
        g_string_append_unichar (name, c);
    }

  start = name->str;
  while (*start == '\'' || *start == ' ')
    start++;
  length = strlen (start);
  while (length > 0 && (start[length - 1] == '\'' || start[length - 1] == ' '))
    length--;
  if (length == 0)
    return g_strdup (_("Sheet"));
  return g_strndup (start, length);
}

static char *
truncate_name (const char *name,
               gsize       max)
{
  g_autofree char *cut = g_strndup (name, prefix_bytes (name, max));

  /* Cutting may leave a trailing space or apostrophe, which Excel refuses at the end. */
  return g_strchomp (g_strdup (g_strchomp (cut)));
}

char *
upp_export_xlsx_make_sheet_name (const char *wanted,
                                 GHashTable *used)
{
  g_autofree char *clean = clean_sheet_name (wanted);
  g_autofree char *base = truncate_name (clean, SHEET_NAME_MAX);
  g_autofree char *name = g_strdup (base);

  /* "History" is reserved by Excel. */
  for (guint n = 2; ; n++)
    {
      g_autofree char *folded = g_utf8_casefold (name, -1);

      if (!g_hash_table_contains (used, folded) && g_strcmp0 (folded, "history") != 0)
        {
          g_hash_table_add (used, g_steal_pointer (&folded));
          return g_steal_pointer (&name);
        }
      else
        {
          g_autofree char *suffix = g_strdup_printf (" (%u)", n);
          g_autofree char *shortened = truncate_name (base, SHEET_NAME_MAX - strlen (suffix));

          g_free (name);
          name = g_strconcat (shortened, suffix, NULL);
        }
    }
}

char **
upp_export_xlsx_split_cell_text (const char *text)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new ();

  if (text == NULL)
    text = "";

  /* A UTF-8 byte count never falls below the UTF-16 count, so short texts need no walk. */
  if (strlen (text) <= UPP_EXPORT_XLSX_CELL_MAX)
    {
      g_ptr_array_add (pieces, g_strdup (text));
      g_ptr_array_add (pieces, NULL);
      return (char **) g_ptr_array_free (g_steal_pointer (&pieces), FALSE);
    }

  while (*text != '\0')
    {
      gsize bytes = prefix_bytes (text, UPP_EXPORT_XLSX_CELL_MAX);

      g_ptr_array_add (pieces, g_strndup (text, bytes));
      text += bytes;
    }
  g_ptr_array_add (pieces, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&pieces), FALSE);
}

/* Layout helpers ------------------------------------------------------------------------- */

static double
row_height (guint  lines,
            double max)
{
  return MIN (max, MAX (1, lines) * ROW_HEIGHT_LINE);
}

static void
set_width (lxw_worksheet *sheet,
           lxw_col_t      col,
           double         width)
{
  worksheet_set_column (sheet, col, col, width, NULL);
}

static const char *
keep_name (Writer *writer,
           char   *name)
{
  g_ptr_array_add (writer->names, name);
  return name;
}

static gboolean
report_progress (Writer  *writer,
                 double   fraction,
                 GError **error)
{
  if (g_cancellable_set_error_if_cancelled (writer->cancellable, error))
    return FALSE;
  if (writer->progress != NULL)
    writer->progress (fraction, writer->progress_data);
  return TRUE;
}

static const char *
status_label (UppResponse *response)
{
  return upp_response_status_get_label (upp_response_get_status (response));
}

static const char *
mode_label (UppResponse *response)
{
  UppInterviewMode mode = upp_response_get_mode (response);

  return mode == UPP_INTERVIEW_MODE_NONE ? "" : upp_interview_mode_get_label (mode);
}

static void
write_text (lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      col,
            const char    *text,
            lxw_format    *format)
{
  /* Always a string: an answer such as "=SUM(A1)" must never become a formula. */
  if (text == NULL || *text == '\0')
    {
      /* An empty cell is written only where its format shows (a fill, a border): blank cells
       * that only wrap were a tenth of the workbook's memory. */
      if (format != NULL && (format->bg_color != LXW_COLOR_UNSET || format->pattern ||
                             format->bottom || format->top || format->left || format->right))
        worksheet_write_blank (sheet, row, col, format);
      return;
    }
  worksheet_write_string (sheet, row, col, text, format);
}

/* A date as a date cell, so that it sorts and filters as one; text that is not a date stays
 * text. */
static void
write_date (Writer        *writer,
            lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      col,
            const char    *iso_date)
{
  lxw_datetime date = { 0 };

  if (iso_date != NULL && strlen (iso_date) == 10 &&
      sscanf (iso_date, "%4d-%2d-%2d", &date.year, &date.month, &date.day) == 3 &&
      g_date_valid_dmy (date.day, date.month, date.year))
    worksheet_write_datetime (sheet, row, col, &date, writer->date);
  else
    write_text (sheet, row, col, iso_date, writer->body);
}

/* Printing -------------------------------------------------------------------------------- */

#define PAPER_A4 9
#define PAPER_A3 8
#define HEADER_FOOTER_MAX 240  /* Excel refuses more than 255 characters, codes included */

/* Text for a page header or footer: "&" starts a code there, so a literal one is doubled. */
static char *
escape_header_text (const char *text)
{
  g_autoptr(GString) escaped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (escaped->len > HEADER_FOOTER_MAX - 40)
        {
          g_string_append (escaped, "…");
          break;
        }
      if (*p == '&')
        g_string_append (escaped, "&&");
      else
        g_string_append_unichar (escaped, g_utf8_get_char (p));
    }
  return g_string_free (g_steal_pointer (&escaped), FALSE);
}

static void
plan_print_header_footer (Writer *writer)
{
  UppExportData *data = writer->data;
  g_autoptr(GString) title = g_string_new (data->region_name);
  g_autofree char *escaped = NULL;

  for (guint r = 0; r < data->rounds->len; r++)
    {
      UppRound *round = ((UppExportRound *) g_ptr_array_index (data->rounds, r))->round;

      g_string_append (title, r == 0 ? " · " : ", ");
      g_string_append (title, upp_round_get_title (round));
    }
  escaped = escape_header_text (title->str);
  writer->print_header = keep_name (writer, g_strdup_printf ("&C&\"-,Bold\"%s", escaped));
  /* TRANSLATORS: a printed page's footer; &P is the page number, &N the number of pages */
  writer->print_footer = keep_name (writer, g_strdup_printf ("&L&A&R%s", _("Page &P of &N")));
}

/* Every sheet prints with the rounds' title above, its name and the page number below, as
 * wide as one page, and with its header rows (first_row to last_row, if any) on each page. */
static void
set_up_printing (Writer        *writer,
                 lxw_worksheet *sheet,
                 gboolean       landscape,
                 int            paper,
                 int            first_row,
                 int            last_row)
{
  if (landscape)
    worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, paper);
  worksheet_fit_to_pages (sheet, 1, 0);
  if (first_row >= 0)
    worksheet_repeat_rows (sheet, first_row, last_row);
  worksheet_set_header (sheet, writer->print_header);
  worksheet_set_footer (sheet, writer->print_footer);
}

/* Formats --------------------------------------------------------------------------------- */

static void
create_formats (Writer *writer)
{
  lxw_workbook *workbook = writer->workbook;

  writer->title = workbook_add_format (workbook);
  format_set_bold (writer->title);
  format_set_font_size (writer->title, 13);

  writer->header = workbook_add_format (workbook);
  format_set_bold (writer->header);
  format_set_text_wrap (writer->header);
  format_set_align (writer->header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (writer->header, 0xDDE7F0);
  format_set_bottom (writer->header, LXW_BORDER_THIN);

  writer->question_text = workbook_add_format (workbook);
  format_set_italic (writer->question_text);
  format_set_text_wrap (writer->question_text);
  format_set_align (writer->question_text, LXW_ALIGN_VERTICAL_TOP);
  format_set_font_color (writer->question_text, 0x404040);

  writer->body = workbook_add_format (workbook);
  format_set_text_wrap (writer->body);
  format_set_align (writer->body, LXW_ALIGN_VERTICAL_TOP);

  writer->flagged = workbook_add_format (workbook);
  format_set_text_wrap (writer->flagged);
  format_set_align (writer->flagged, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (writer->flagged, 0xFFF2CC);

  writer->date = workbook_add_format (workbook);
  format_set_num_format (writer->date, "yyyy-mm-dd");
  format_set_align (writer->date, LXW_ALIGN_LEFT);
  format_set_align (writer->date, LXW_ALIGN_VERTICAL_TOP);

  writer->count = workbook_add_format (workbook);
  format_set_align (writer->count, LXW_ALIGN_CENTER);
  format_set_align (writer->count, LXW_ALIGN_VERTICAL_TOP);

  writer->part = workbook_add_format (workbook);
  format_set_bold (writer->part);
  format_set_align (writer->part, LXW_ALIGN_LEFT);
  format_set_align (writer->part, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (writer->part, 0xC6D6E6);
  format_set_left (writer->part, LXW_BORDER_THIN);

  writer->label = workbook_add_format (workbook);
  format_set_bold (writer->label);
  format_set_text_wrap (writer->label);
  format_set_align (writer->label, LXW_ALIGN_VERTICAL_TOP);
}

/* A sheet add_sheets () added; error set when it is not there. */
static lxw_worksheet *
get_sheet (Writer      *writer,
           const char  *name,
           GError     **error)
{
  lxw_worksheet *sheet = workbook_get_worksheet_by_name (writer->workbook, name);

  if (sheet == NULL)
    g_set_error (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE,
                 _("The sheet “%s” could not be added."), name);
  return sheet;
}

/* Matrix ---------------------------------------------------------------------------------- */

/* The answers' texts of the round being written, each read into runs once
 * (export-xlsx-lines.c): the matrix sizes its columns and counts lines from them, and the
 * questions' sheets count their lines again at their own width. */
typedef struct
{
  GHashTable         *ids;    /* UppAnswer → its id in book + 1 */
  UppExportXlsxLines *book;
} AnswerTexts;

static guint
get_answer_text (AnswerTexts *answer_texts,
                 UppAnswer   *answer)
{
  guint id = GPOINTER_TO_UINT (g_hash_table_lookup (answer_texts->ids, answer));

  if (id == 0)
    {
      id = upp_export_xlsx_lines_add (answer_texts->book, upp_answer_get_text (answer)) + 1;
      g_hash_table_insert (answer_texts->ids, answer, GUINT_TO_POINTER (id));
    }
  return id - 1;
}

/* As wide as the longest paragraph, and wider still (up to a limit) until each answer fits
 * the tallest row Excel has. */
static double
text_column_width (UppExportRound *round,
                   const char     *question_key,
                   AnswerTexts    *answer_texts)
{
  guint max_lines = (guint) (ROW_HEIGHT_MAX / ROW_HEIGHT_LINE);
  gsize longest = 0;
  double width;

  for (guint i = 0; i < round->responses->len; i++)
    {
      UppAnswer *answer = upp_response_get_answer (g_ptr_array_index (round->responses, i),
                                                   question_key);

      if (answer != NULL)
        longest = MAX (longest,
                       upp_export_xlsx_lines_get_longest_paragraph (
                         answer_texts->book, get_answer_text (answer_texts, answer)));
    }
  width = CLAMP ((double) longest, 16.0, 45.0);

  for (guint i = 0; i < round->responses->len; i++)
    {
      UppAnswer *answer = upp_response_get_answer (g_ptr_array_index (round->responses, i),
                                                   question_key);
      guint id;

      if (answer == NULL)
        continue;
      id = get_answer_text (answer_texts, answer);
      /* A line holds at most its capacity: widths whose lines could not hold the text in
       * max_lines are passed over without wrapping it. */
      while (width < MATRIX_WIDTH_MAX &&
             upp_export_xlsx_lines_get_n_chars (answer_texts->book, id) >
               (gsize) upp_export_xlsx_lines_capacity (width) * max_lines)
        width = MIN (MATRIX_WIDTH_MAX, width + 5);
      while (width < MATRIX_WIDTH_MAX &&
             upp_export_xlsx_lines_count (answer_texts->book, id, width) > max_lines)
        width = MIN (MATRIX_WIDTH_MAX, width + 5);
    }
  return width;
}

/* The lines text (answer's, whole) takes in a column of width: from the answer's runs when
 * the round read them. */
static guint
count_answer_lines (AnswerTexts *answer_texts,
                    UppAnswer   *answer,
                    const char  *text,
                    double       width)
{
  guint id = answer != NULL
             ? GPOINTER_TO_UINT (g_hash_table_lookup (answer_texts->ids, answer)) : 0;

  if (id > 0)
    return upp_export_xlsx_lines_count (answer_texts->book, id - 1, width);
  return upp_export_xlsx_lines_count_text (text, width);
}

/* The interviews held with the unit in the round: its first, when its details say it was
 * held, and the further ones; what the method chapter counts. */
static guint
count_interviews (Writer      *writer,
                  UppResponse *response)
{
  guint further = GPOINTER_TO_UINT (g_hash_table_lookup (writer->further_interviews,
                                                         upp_response_get_uuid (response)));

  return (upp_response_has_interview (response) ? 1 : 0) + further;
}

/* Template format 2 ----------------------------------------------------------------------- */

/* A part's place in the template, from 1, as the numbers of its questions start. */
static guint
part_number (UppTemplate      *template,
             const UppSection *section)
{
  for (guint i = 0; i < upp_template_get_n_sections (template); i++)
    if (upp_template_get_section (template, i) == section)
      return i + 1;
  return 0;
}

/* Whether any unit wrote text beside a checklist item's status: without, its text column is
 * left out and the item is its status and fields. */
static gboolean
has_any_text (UppExportRound *round,
              const char     *question_key)
{
  for (guint i = 0; i < round->responses->len; i++)
    {
      UppAnswer *answer = upp_response_get_answer (g_ptr_array_index (round->responses, i),
                                                   question_key);

      if (answer != NULL && !upp_str_is_blank (upp_answer_get_text (answer)))
        return TRUE;
    }
  return FALSE;
}

static double
field_width (const UppItemField *field)
{
  switch (field->kind)
    {
    case UPP_FIELD_KIND_DATE:
    case UPP_FIELD_KIND_PERIOD:
    case UPP_FIELD_KIND_NUMBER:
      return 14;
    case UPP_FIELD_KIND_CHOICE:
      return 18;
    case UPP_FIELD_KIND_TEXT:
    case UPP_N_FIELD_KINDS:
    default:
      return 24;
    }
}

/* A field's value or a table's cell as its kind says: a date as a date cell, a number as a
 * number, a choice as its label; returns the lines it takes. */
static guint
write_field_value (Writer             *writer,
                   lxw_worksheet      *sheet,
                   lxw_row_t           row,
                   lxw_col_t           col,
                   const UppItemField *field,
                   const char         *value,
                   double              width)
{
  g_autofree char *text = upp_export_dup_field_text (field, value);
  char *end = NULL;
  double number;

  if (*text == '\0')
    return 1;
  switch (field->kind)
    {
    case UPP_FIELD_KIND_DATE:
      write_date (writer, sheet, row, col, text);
      return 1;
    case UPP_FIELD_KIND_NUMBER:
      number = g_ascii_strtod (text, &end);
      if (end != NULL && *end == '\0' && isfinite (number))
        {
          worksheet_write_number (sheet, row, col, number, writer->count);
          return 1;
        }
      break;
    default:
      break;
    }
  write_text (sheet, row, col, text, writer->body);
  return upp_export_xlsx_lines_count_text (text, width);
}

/* The number of rows a unit gave a table question. */
static guint
count_table_rows (UppResponse *response,
                  const char  *question_key)
{
  g_auto(GStrv) rows = upp_response_list_table_rows (response, question_key);

  return g_strv_length (rows);
}

/* The values of question's fields in the unit's row, from col on; returns the next column. */
static lxw_col_t
write_fields (Writer        *writer,
              lxw_worksheet *sheet,
              lxw_row_t      row,
              lxw_col_t      col,
              UppResponse   *response,
              UppQuestion   *question,
              GArray        *widths,
              guint         *lines)
{
  GPtrArray *fields = upp_question_get_fields (question);

  for (guint f = 0; f < fields->len; f++, col++)
    {
      const UppItemField *field = g_ptr_array_index (fields, f);
      g_autofree char *value = upp_response_dup_field_value (response,
                                                             upp_question_get_key (question),
                                                             field->key);

      *lines = MAX (*lines, write_field_value (writer, sheet, row, col, field, value,
                                               g_array_index (widths, double, col)));
    }
  return col;
}

/* The columns question takes in the matrix, as write_matrix () lays them out. */
static guint
count_matrix_columns (UppQuestion *question,
                      gboolean     with_text)
{
  return (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE ? 1 : 0) +
         (upp_question_is_coded (question) ? 1 : 0) + (with_text ? 1 : 0) +
         upp_question_get_fields (question)->len;
}

/* Each part's title over the columns of its questions, in the row above them. */
static void
write_part_titles (Writer         *writer,
                   lxw_worksheet  *sheet,
                   UppTemplate    *template,
                   const gboolean *with_text)
{
  guint n_questions = upp_template_get_n_questions (template);
  lxw_col_t col = N_FIXED_COLS;

  for (guint q = 0; q < n_questions;)
    {
      const char *section_key = upp_question_get_section (upp_template_get_question (template,
                                                                                     q));
      const UppSection *section = upp_template_find_section (template, section_key);
      lxw_col_t first = col;
      g_autofree char *title = NULL;

      for (; q < n_questions; q++)
        {
          UppQuestion *question = upp_template_get_question (template, q);

          if (g_strcmp0 (upp_question_get_section (question), section_key) != 0)
            break;
          col += count_matrix_columns (question, with_text[q]);
        }
      if (section == NULL || col == first)
        continue;
      title = g_strdup_printf ("%u. %s", part_number (template, section), section->title);
      if (col - 1 > first)
        worksheet_merge_range (sheet, 0, first, 0, col - 1, title, writer->part);
      else
        write_text (sheet, 0, first, title, writer->part);
    }
}

static gboolean
write_matrix (Writer          *writer,
              UppExportRound  *round,
              const char      *sheet_name,
              AnswerTexts     *answer_texts,
              GError         **error)
{
  lxw_worksheet *sheet = get_sheet (writer, sheet_name, error);
  guint n_questions = upp_template_get_n_questions (round->template);
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (double));
  g_autofree char *heading = NULL;
  g_autofree char *year = NULL;
  g_autofree gboolean *with_text = g_new0 (gboolean, n_questions + 1);
  /* A template with parts has their titles in a row above the questions. */
  lxw_row_t top = upp_template_get_n_sections (round->template) > 0 ? 1 : 0;
  lxw_col_t col;
  guint header_lines = 1;
  guint title_lines = 2;

  if (sheet == NULL)
    return FALSE;

  g_array_set_size (widths, N_FIXED_COLS);
  g_array_index (widths, double, COL_UNIT) = 28;
  g_array_index (widths, double, COL_STATUS) = 14;
  g_array_index (widths, double, COL_DATE) = 13;
  g_array_index (widths, double, COL_MODE) = 13;
  g_array_index (widths, double, COL_PARTICIPANTS) = 11;
  g_array_index (widths, double, COL_ROLES) = 24;
  g_array_index (widths, double, COL_DURATION) = 10;
  g_array_index (widths, double, COL_INTERVIEWS) = 12;
  g_array_index (widths, double, COL_CHECK_SENT) = 22;
  g_array_index (widths, double, COL_CHECK_APPROVED) = 22;

  year = g_strdup_printf ("%d", upp_round_get_year (round->round));
  if (strstr (upp_round_get_title (round->round), year) != NULL)
    heading = g_strdup_printf ("%s · %s", upp_round_get_region_name (round->round),
                               upp_round_get_title (round->round));
  else
    heading = g_strdup_printf ("%s · %s %s", upp_round_get_region_name (round->round),
                               upp_round_get_title (round->round), year);
  write_text (sheet, 0, COL_UNIT, heading, writer->title);
  write_text (sheet, top + 1, COL_UNIT, _("Unit"), writer->header);
  write_text (sheet, top + 1, COL_STATUS, _("Status"), writer->header);
  write_text (sheet, top + 1, COL_DATE, _("Interview date"), writer->header);
  write_text (sheet, top + 1, COL_MODE, _("Mode"), writer->header);
  write_text (sheet, top + 1, COL_PARTICIPANTS, _("Participants"), writer->header);
  write_text (sheet, top + 1, COL_ROLES, _("Participant roles"), writer->header);
  write_text (sheet, top + 1, COL_DURATION, _("Length (min)"), writer->header);
  write_text (sheet, top + 1, COL_INTERVIEWS, _("Interviews held"), writer->header);
  write_text (sheet, top + 1, COL_CHECK_SENT, _("Respondent check sent"), writer->header);
  write_text (sheet, top + 1, COL_CHECK_APPROVED, _("Respondent check approved"),
              writer->header);

  /* Headers: the full question text above the short label; an item's status, its fields
   * and a table's number of rows each a column of their own. */
  col = N_FIXED_COLS;
  for (guint q = 0; q < n_questions; q++)
    {
      UppQuestion *question = upp_template_get_question (round->template, q);
      g_autofree char *title = upp_export_dup_question_title (question);
      g_autofree char *text = NULL;
      const char *heading_text = upp_question_get_heading (question);
      GPtrArray *fields = upp_question_get_fields (question);
      lxw_col_t first = col;
      double span = 0;

      /* The sub-heading the template sets above the question, e.g. "Organisation". */
      if (!upp_str_is_blank (heading_text))
        text = g_strdup_printf ("%s\n%s", heading_text, upp_question_get_text (question));
      else
        text = g_strdup (upp_question_get_text (question));

      with_text[q] = upp_question_get_kind (question) != UPP_QUESTION_KIND_TABLE &&
                     (fields->len == 0 || !upp_question_is_coded (question) ||
                      has_any_text (round, upp_question_get_key (question)));

      if (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE)
        {
          g_autofree char *rows_header = upp_export_dup_column_header (title, _("Rows"));

          write_text (sheet, top + 1, col, rows_header, writer->header);
          title_lines = MAX (title_lines, upp_export_xlsx_lines_count_text (rows_header, 16));
          g_array_append_val (widths, (double) { 16 });
          span += 16;
          col++;
        }
      if (upp_question_is_coded (question))
        {
          g_autofree char *choice_header =
            fields->len > 0 ? upp_export_dup_column_header (title, upp_export_get_status_label ())
                            : upp_export_dup_choice_header (title);

          write_text (sheet, top + 1, col, choice_header, writer->header);
          title_lines = MAX (title_lines, upp_export_xlsx_lines_count_text (choice_header, fields->len > 0 ? 16 : 24));
          g_array_append_val (widths, (double) { fields->len > 0 ? 16 : 24 });
          span += fields->len > 0 ? 16 : 24;
          col++;
        }
      if (with_text[q])
        {
          double width = text_column_width (round, upp_question_get_key (question), answer_texts);

          write_text (sheet, top + 1, col, title, writer->header);
          title_lines = MAX (title_lines, upp_export_xlsx_lines_count_text (title, width));
          g_array_append_val (widths, width);
          span += width;
          col++;
        }
      for (guint f = 0; f < fields->len; f++)
        {
          const UppItemField *field = g_ptr_array_index (fields, f);
          g_autofree char *field_header = upp_export_dup_column_header (title, field->label);
          double width = field_width (field);

          write_text (sheet, top + 1, col, field_header, writer->header);
          title_lines = MAX (title_lines, upp_export_xlsx_lines_count_text (field_header, width));
          g_array_append_val (widths, width);
          span += width;
          col++;
        }

      if (col - 1 > first)
        worksheet_merge_range (sheet, top, first, top, col - 1, text, writer->question_text);
      else
        write_text (sheet, top, first, text, writer->question_text);
      header_lines = MAX (header_lines, upp_export_xlsx_lines_count_text (text, span));
    }

  if (top > 0)
    write_part_titles (writer, sheet, round->template, with_text);

  for (guint i = 0; i < widths->len; i++)
    set_width (sheet, i, g_array_index (widths, double, i));
  worksheet_set_row (sheet, top, row_height (header_lines, ROW_HEIGHT_MAX), NULL);
  /* A template with parts has long items' titles; the LÖK matrix keeps its two lines. */
  worksheet_set_row (sheet, top + 1, row_height (top > 0 ? title_lines : 2, ROW_HEIGHT_MAX),
                     NULL);

  for (guint r = 0; r < round->responses->len; r++)
    {
      UppResponse *response = g_ptr_array_index (round->responses, r);
      lxw_row_t row = r + top + 2;
      guint lines = MAX (upp_export_xlsx_lines_count_text (upp_response_get_unit_name (response), 28),
                         upp_export_xlsx_lines_count_text (status_label (response), 14));

      write_text (sheet, row, COL_UNIT, upp_response_get_unit_name (response), writer->label);
      write_text (sheet, row, COL_STATUS, status_label (response), writer->body);
      write_date (writer, sheet, row, COL_DATE, upp_response_get_interview_date (response));
      write_text (sheet, row, COL_MODE, mode_label (response), writer->body);
      if (upp_response_get_participant_count (response) > 0)
        worksheet_write_number (sheet, row, COL_PARTICIPANTS,
                                upp_response_get_participant_count (response), writer->count);
      write_text (sheet, row, COL_ROLES, upp_response_get_participant_roles (response),
                  writer->body);
      lines = MAX (lines, upp_export_xlsx_lines_count_text (upp_response_get_participant_roles (response), 24));
      if (upp_response_get_duration_minutes (response) > 0)
        worksheet_write_number (sheet, row, COL_DURATION,
                                upp_response_get_duration_minutes (response), writer->count);
      worksheet_write_number (sheet, row, COL_INTERVIEWS, count_interviews (writer, response),
                              writer->count);
      write_date (writer, sheet, row, COL_CHECK_SENT, upp_response_get_check_sent (response));
      write_date (writer, sheet, row, COL_CHECK_APPROVED,
                  upp_response_get_check_approved (response));

      col = N_FIXED_COLS;
      for (guint q = 0; q < n_questions; q++)
        {
          UppQuestion *question = upp_template_get_question (round->template, q);
          UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));
          const char *text = answer != NULL ? upp_answer_get_text (answer) : "";
          /* Only a text over a cell's limit is split (a UTF-8 byte count is never below the
           * UTF-16 one); others are written as they are, not copied first. */
          g_auto(GStrv) pieces = strlen (text) > UPP_EXPORT_XLSX_CELL_MAX
                                 ? upp_export_xlsx_split_cell_text (text) : NULL;
          const char *first_piece = pieces != NULL ? pieces[0] : text;
          gboolean more_pieces = pieces != NULL && pieces[1] != NULL;
          guint text_lines;

          if (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE)
            {
              /* The rows themselves are in the question's sheet. */
              worksheet_write_number (sheet, row, col,
                                      count_table_rows (response,
                                                        upp_question_get_key (question)),
                                      writer->count);
              col++;
            }
          if (upp_question_is_coded (question))
            {
              g_autofree char *labels = upp_export_dup_choice_labels (question, answer);

              write_text (sheet, row, col, labels, writer->body);
              lines = MAX (lines, upp_export_xlsx_lines_count_text (labels, 24));
              col++;
            }
          if (!with_text[q])
            {
              col = write_fields (writer, sheet, row, col, response, question, widths, &lines);
              continue;
            }

          text_lines = pieces == NULL
                       ? count_answer_lines (answer_texts, answer, text,
                                             g_array_index (widths, double, col))
                       : upp_export_xlsx_lines_count_text (first_piece, g_array_index (widths, double, col));
          if (more_pieces || text_lines * ROW_HEIGHT_LINE > ROW_HEIGHT_MAX)
            {
              /* Never cut silently: the cell says where the whole answer can be read. */
              const char *target = g_hash_table_lookup (writer->question_sheets,
                                                        upp_question_get_key (question));
              lxw_comment_options options = { .width = 300, .height = 100 };
              g_autofree char *note = NULL;

              if (more_pieces)
                note = g_strdup_printf (_("This answer has %lu characters, more than an Excel "
                                          "cell holds. The whole answer is in the sheet “%s”, "
                                          "continued in the rows below it."),
                                        (gulong) g_utf8_strlen (text, -1), target);
              else
                note = g_strdup_printf (_("This answer is longer than the row can show. The "
                                          "cell holds all of it, and the sheet “%s” shows it "
                                          "in full, continued in the rows below it."),
                                        target);
              write_text (sheet, row, col, first_piece, writer->flagged);
              worksheet_write_comment_opt (sheet, row, col, note, &options);
            }
          else
            write_text (sheet, row, col, text, writer->body);

          lines = MAX (lines, text_lines);
          col++;
          col = write_fields (writer, sheet, row, col, response, question, widths, &lines);
        }

      worksheet_set_row (sheet, row, row_height (lines, ROW_HEIGHT_MAX), NULL);
    }

  worksheet_freeze_panes (sheet, top + 2, 1);
  worksheet_autofilter (sheet, top + 1, 0, MAX (top + 1, round->responses->len + top + 1),
                        MAX (widths->len, 1) - 1);
  /* As wide as it gets: on A3, with the units' column on every page. A checklist's three
   * columns per item would shrink to nothing on one page's width: it prints across pages. */
  if (top > 0)
    {
      worksheet_set_landscape (sheet);
      worksheet_set_paper (sheet, PAPER_A3);
      worksheet_set_print_scale (sheet, 70);
      worksheet_repeat_rows (sheet, 0, top + 1);
      worksheet_set_header (sheet, writer->print_header);
      worksheet_set_footer (sheet, writer->print_footer);
    }
  else
    set_up_printing (writer, sheet, TRUE, PAPER_A3, 0, top + 1);
  worksheet_repeat_columns (sheet, 0, 0);
  return TRUE;
}

/* Summary --------------------------------------------------------------------------------- */

static void
add_chart (Writer        *writer,
           lxw_worksheet *sheet,
           const char    *sheet_name,
           lxw_row_t      title_row,
           lxw_row_t      header_row,
           guint          n_categories,
           guint          n_series,
           lxw_col_t      chart_col)
{
  /* Columns, not bars: spreadsheets list a bar chart's legend upside down (LibreOffice
   * turns it round), a column chart's in the order of its series, the years'. */
  lxw_chart *chart = workbook_add_chart (writer->workbook, LXW_CHART_COLUMN);
  lxw_chart_options options = { .x_scale = CHART_X_SCALE, .y_scale = CHART_Y_SCALE,
                                .x_offset = 10 };

  for (guint s = 0; s < n_series; s++)
    {
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

      chart_series_set_categories (series, sheet_name, header_row + 1, 0,
                                   header_row + n_categories, 0);
      chart_series_set_values (series, sheet_name, header_row + 1, s + 1,
                               header_row + n_categories, s + 1);
      chart_series_set_name_range (series, sheet_name, header_row, s + 1);
    }

  /* Names from cells, not strings: a string starting with "=" would be read as a formula. */
  chart_title_set_name_range (chart, sheet_name, title_row, 0);
  chart_title_set_name_font (chart, &(lxw_chart_font) { .size = 11, .bold = LXW_TRUE });
  chart_axis_major_gridlines_set_visible (chart->y_axis, LXW_TRUE);
  chart_axis_set_min (chart->y_axis, 0);
  chart_legend_set_position (chart, n_series > 1 ? LXW_CHART_LEGEND_BOTTOM
                                                 : LXW_CHART_LEGEND_NONE);
  worksheet_insert_chart_opt (sheet, title_row, chart_col, chart, &options);
}

static char *
round_column_title (UppExportData  *data,
                    UppExportRound *round)
{
  int year = upp_round_get_year (round->round);

  /* Two rounds the same year need their titles to tell them apart. */
  for (guint i = 0; i < data->rounds->len; i++)
    {
      UppExportRound *other = g_ptr_array_index (data->rounds, i);

      if (other != round && upp_round_get_year (other->round) == year)
        return g_strdup_printf ("%d %s", year, upp_round_get_title (round->round));
    }
  return g_strdup_printf ("%d", year);
}

/* Where the summary's pages break, so that no table or chart is split across two. */
typedef struct
{
  double  available;  /* points of the sheet a printed page holds */
  double  used;
  GArray *breaks;     /* lxw_row_t, a row that starts a page; 0-terminated when set */
} PageFill;

static void
page_fill_init (PageFill *pages,
                guint     n_rounds)
{
  /* Fit to the width of landscape A4 with Excel's default margins: 741 × 487 pt. */
  double width = 0.75 * (36 * 7 + 5 + n_rounds * (11 * 7 + 5) + 64 + 10 + 480 * CHART_X_SCALE);
  double scale = MIN (1.0, 741.0 / width);

  pages->available = 487.0 / scale;
  pages->used = 2 * ROW_HEIGHT_LINE;  /* the sheet's heading */
  pages->breaks = g_array_new (TRUE, TRUE, sizeof (lxw_row_t));
}

/* A block of height points starting at first_row, advance points above the next one. */
static void
page_fill_add_block (PageFill  *pages,
                     lxw_row_t  first_row,
                     double     height,
                     double     advance)
{
  if (pages->used > 0 && pages->used + height > pages->available)
    {
      g_array_append_val (pages->breaks, first_row);
      pages->used = 0;
    }
  pages->used += advance;
}

static lxw_row_t
write_count_block (Writer        *writer,
                   lxw_worksheet *sheet,
                   const char    *sheet_name,
                   lxw_row_t      row,
                   const char    *title,
                   const char    *subtitle,
                   const char    *category_header,
                   GPtrArray     *categories,  /* char * */
                   GArray        *counts,      /* int per round × category; -1 = not asked */
                   gboolean       with_chart,
                   PageFill      *pages)
{
  UppExportData *data = writer->data;
  guint n_rounds = data->rounds->len;
  lxw_row_t header_row = row + (subtitle != NULL ? 2 : 1);
  guint table_rows = header_row - row + 1 + categories->len;
  double subtitle_height = 0;
  double height;
  lxw_row_t next_row;

  write_text (sheet, row, 0, title, writer->title);
  if (subtitle != NULL)
    {
      /* Across the table, tall enough for the whole question. */
      if (n_rounds > 0)
        worksheet_merge_range (sheet, row + 1, 0, row + 1, n_rounds, subtitle,
                               writer->question_text);
      subtitle_height = row_height (upp_export_xlsx_lines_count_text (subtitle, 36 + 11 * n_rounds), ROW_HEIGHT_MAX);
      worksheet_set_row (sheet, row + 1, subtitle_height, NULL);
    }

  /* The chart covers CHART_ROWS rows of 15 pt from the title; the table its own rows. */
  height = MAX (table_rows * ROW_HEIGHT_LINE + MAX (0, subtitle_height - ROW_HEIGHT_LINE),
                with_chart ? 288 * 0.75 * CHART_Y_SCALE : 0);
  next_row = row + MAX (table_rows + 2, with_chart ? CHART_ROWS + 1 : 0);
  page_fill_add_block (pages, row, height,
                       (next_row - row) * ROW_HEIGHT_LINE
                       + MAX (0, subtitle_height - ROW_HEIGHT_LINE));

  write_text (sheet, header_row, 0, category_header, writer->header);
  for (guint r = 0; r < n_rounds; r++)
    {
      g_autofree char *column = round_column_title (data, g_ptr_array_index (data->rounds, r));

      write_text (sheet, header_row, r + 1, column, writer->header);
    }

  for (guint c = 0; c < categories->len; c++)
    {
      write_text (sheet, header_row + 1 + c, 0, g_ptr_array_index (categories, c), writer->body);
      for (guint r = 0; r < n_rounds; r++)
        {
          int count = g_array_index (counts, int, r * categories->len + c);

          if (count >= 0)
            worksheet_write_number (sheet, header_row + 1 + c, r + 1, count, NULL);
        }
    }

  if (with_chart)
    add_chart (writer, sheet, sheet_name, row, header_row, categories->len, n_rounds,
               n_rounds + 2);

  return next_row;
}

/* The summary's counts of round r for each coded question: the choices, then "Not coded"
 * and "No answer" (as the charts count them: an answer not coded yet is not a unit that said
 * nothing); -1 in each when the round did not ask the question. */
static void
count_summary_round (Writer *writer,
                     guint   r)
{
  UppExportData *data = writer->data;
  UppExportRound *round = g_ptr_array_index (data->rounds, r);

  for (guint q = 0; q < data->questions->len; q++)
    {
      UppQuestion *question = g_ptr_array_index (data->questions, q);
      GPtrArray *choices = upp_question_get_choices (question);
      guint n_categories = choices->len + 2;
      GArray *counts = g_ptr_array_index (writer->summary_counts, q);
      gboolean asked = upp_export_round_find_mapped_question (data, round, question) != NULL;
      int *cells;

      if (!upp_question_is_coded (question))
        continue;
      if (counts == NULL)
        {
          counts = g_array_sized_new (FALSE, TRUE, sizeof (int),
                                      data->rounds->len * n_categories);
          g_array_set_size (counts, data->rounds->len * n_categories);
          g_ptr_array_index (writer->summary_counts, q) = counts;
        }
      cells = &g_array_index (counts, int, r * n_categories);

      for (guint c = 0; c < n_categories; c++)
        cells[c] = asked ? 0 : -1;
      if (!asked)
        continue;

      for (guint i = 0; i < round->responses->len; i++)
        {
          UppResponse *response = g_ptr_array_index (round->responses, i);
          g_autoptr(UppAnswer) answer = upp_export_dup_mapped_answer (data, round, response,
                                                                      question);
          const char * const *chosen = answer != NULL ? upp_answer_get_choices (answer) : NULL;
          gboolean any = FALSE;

          for (guint k = 0; chosen != NULL && chosen[k] != NULL; k++)
            for (guint c = 0; c < choices->len; c++)
              if (g_strcmp0 (((UppChoice *) g_ptr_array_index (choices, c))->key,
                             chosen[k]) == 0)
                {
                  cells[c]++;
                  any = TRUE;
                }
          if (!any && answer != NULL && !upp_str_is_blank (upp_answer_get_text (answer)) &&
              upp_response_get_status (response) != UPP_RESPONSE_STATUS_NO_ANSWER)
            cells[n_categories - 2]++;
          else if (!any)
            cells[n_categories - 1]++;
        }
    }
}

static gboolean
write_summary (Writer      *writer,
               GError     **error)
{
  UppExportData *data = writer->data;
  const char *sheet_name = writer->summary_sheet;
  lxw_worksheet *sheet = get_sheet (writer, sheet_name, error);
  guint n_rounds = data->rounds->len;
  g_autofree char *heading = NULL;
  lxw_row_t row = 2;
  PageFill pages;

  if (sheet == NULL)
    return FALSE;

  page_fill_init (&pages, n_rounds);
  set_width (sheet, 0, 36);
  for (guint r = 0; r < n_rounds; r++)
    set_width (sheet, r + 1, 11);

  heading = g_strdup_printf (_("Summary: %s"), data->region_name);
  write_text (sheet, 0, 0, heading, writer->title);

  for (guint q = 0; q < data->questions->len; q++)
    {
      UppQuestion *question = g_ptr_array_index (data->questions, q);
      GPtrArray *choices = upp_question_get_choices (question);
      g_autoptr(GPtrArray) categories = g_ptr_array_new ();
      GArray *counts;
      g_autofree char *title = NULL;

      if (!upp_question_is_coded (question))
        continue;

      for (guint c = 0; c < choices->len; c++)
        g_ptr_array_add (categories, ((UppChoice *) g_ptr_array_index (choices, c))->label);
      /* As the charts count them: an answer not coded yet is not a unit that said nothing. */
      g_ptr_array_add (categories, (char *) _("Not coded"));
      g_ptr_array_add (categories, (char *) _("No answer"));
      counts = g_ptr_array_index (writer->summary_counts, q);
      title = upp_export_dup_question_title (question);
      row = write_count_block (writer, sheet, sheet_name, row, title,
                               upp_question_get_text (question), _("Answer"),
                               categories, counts, TRUE, &pages);
    }

  /* Response status. */
  {
    g_autoptr(GPtrArray) categories = g_ptr_array_new ();
    g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (int));

    for (guint s = 0; s < UPP_N_RESPONSE_STATUSES; s++)
      g_ptr_array_add (categories, (char *) upp_response_status_get_label (s));
    g_array_set_size (counts, n_rounds * UPP_N_RESPONSE_STATUSES);

    for (guint r = 0; r < n_rounds; r++)
      {
        UppExportRound *round = g_ptr_array_index (data->rounds, r);

        for (guint i = 0; i < round->responses->len; i++)
          {
            UppResponseStatus status =
              upp_response_get_status (g_ptr_array_index (round->responses, i));

            if (status < UPP_N_RESPONSE_STATUSES)
              g_array_index (counts, int, r * UPP_N_RESPONSE_STATUSES + status)++;
          }
      }

    write_count_block (writer, sheet, sheet_name, row, _("Response status"), NULL,
                       _("Status"), categories, counts, TRUE, &pages);
  }

  set_up_printing (writer, sheet, TRUE, PAPER_A4, -1, -1);
  if (pages.breaks->len > 0)
    worksheet_set_h_pagebreaks (sheet, (lxw_row_t *) pages.breaks->data);
  g_array_unref (pages.breaks);
  return TRUE;
}

/* Long form, one sheet per question ------------------------------------------------------- */

/* Where a question's sheet puts its choices, fields and answer. */
static void
get_question_columns (UppQuestion *question,
                      lxw_col_t   *fields_col,
                      lxw_col_t   *answer_col)
{
  *fields_col = upp_question_is_coded (question) ? 8 : 6;
  *answer_col = *fields_col + upp_question_get_fields (question)->len;
}

/* The title and headers of a question's sheet; its rows follow round by round. */
static gboolean
begin_question_sheet (Writer       *writer,
                      UppQuestion  *question,
                      LongSheet    *long_sheet,
                      GError      **error)
{
  const char *sheet_name = g_hash_table_lookup (writer->question_sheets,
                                                upp_question_get_key (question));
  lxw_worksheet *sheet = get_sheet (writer, sheet_name, error);
  gboolean coded = upp_question_is_coded (question);
  GPtrArray *fields = upp_question_get_fields (question);
  lxw_col_t fields_col;
  lxw_col_t answer_col;
  g_autofree char *title = upp_export_dup_question_title (question);
  const char *headers[] = {
    _("Year"), _("Round"), _("Unit"), _("Status"), _("Interview date"), _("Mode"),
  };
  const double widths[] = { 7, 24, 28, 14, 13, 13 };

  if (sheet == NULL)
    return FALSE;
  get_question_columns (question, &fields_col, &answer_col);
  long_sheet->sheet = sheet;
  long_sheet->row = 2;

  write_text (sheet, 0, 0, title, writer->title);
  worksheet_merge_range (sheet, 0, 2, 0, answer_col, upp_question_get_text (question),
                         writer->question_text);
  worksheet_set_row (sheet, 0,
                     row_height (upp_export_xlsx_lines_count_text (upp_question_get_text (question),
                                              coded ? 188 : 148), ROW_HEIGHT_MAX),
                     NULL);

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      write_text (sheet, 1, i, headers[i], writer->header);
      set_width (sheet, i, widths[i]);
    }
  if (coded)
    {
      write_text (sheet, 1, 6, _("Codes"), writer->header);
      write_text (sheet, 1, 7, _("Choices"), writer->header);
      set_width (sheet, 6, 16);
      set_width (sheet, 7, 24);
    }
  for (guint f = 0; f < fields->len; f++)
    {
      const UppItemField *field = g_ptr_array_index (fields, f);

      write_text (sheet, 1, fields_col + f, field->label, writer->header);
      set_width (sheet, fields_col + f, field_width (field));
    }
  write_text (sheet, 1, answer_col, _("Answer"), writer->header);
  set_width (sheet, answer_col, ANSWER_WIDTH);
  worksheet_set_row (sheet, 1, row_height (2, ROW_HEIGHT_MAX), NULL);
  return TRUE;
}

/* One round's answers to the question, a row per unit (and rows below where one cannot
 * show the whole answer). */
static void
write_question_rows (Writer         *writer,
                     UppQuestion    *question,
                     LongSheet      *long_sheet,
                     UppExportRound *round,
                     AnswerTexts    *answer_texts)
{
  UppExportData *data = writer->data;
  lxw_worksheet *sheet = long_sheet->sheet;
  UppQuestion *asked = upp_export_round_find_mapped_question (data, round, question);
  gboolean coded = upp_question_is_coded (question);
  GPtrArray *fields = upp_question_get_fields (question);
  guint max_lines = (guint) (ROW_HEIGHT_MAX / ROW_HEIGHT_LINE);
  lxw_col_t fields_col;
  lxw_col_t answer_col;
  lxw_row_t row = long_sheet->row;

  if (asked == NULL)
    return;
  get_question_columns (question, &fields_col, &answer_col);

  for (guint i = 0; i < round->responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (round->responses, i);
      g_autoptr(UppAnswer) answer = upp_export_dup_mapped_answer (data, round, response,
                                                                  question);
      const char *text = answer != NULL ? upp_answer_get_text (answer) : "";
      guint whole_lines = count_answer_lines (answer_texts, answer, text, ANSWER_WIDTH);
      const char *whole[] = { text, NULL };
      const char * const *pieces = whole;
      g_auto(GStrv) split = NULL;
      g_autoptr(GArray) piece_lines = NULL;
      guint lines = MAX (upp_export_xlsx_lines_count_text (upp_response_get_unit_name (response), 28),
                         upp_export_xlsx_lines_count_text (status_label (response), 14));

      worksheet_write_number (sheet, row, 0, upp_round_get_year (round->round), writer->body);
      write_text (sheet, row, 1, upp_round_get_title (round->round), writer->body);
      write_text (sheet, row, 2, upp_response_get_unit_name (response), writer->body);
      write_text (sheet, row, 3, status_label (response), writer->body);
      write_date (writer, sheet, row, 4, upp_response_get_interview_date (response));
      write_text (sheet, row, 5, mode_label (response), writer->body);
      if (coded)
        {
          g_autofree char *codes = upp_export_dup_choice_keys (answer);
          g_autofree char *labels = upp_export_dup_choice_labels (asked, answer);

          write_text (sheet, row, 6, codes, writer->body);
          write_text (sheet, row, 7, labels, writer->body);
        }
      for (guint f = 0; f < fields->len; f++)
        {
          const UppItemField *field = g_ptr_array_index (fields, f);
          g_autofree char *value = upp_response_dup_field_value (response,
                                                                 upp_question_get_key (asked),
                                                                 field->key);

          lines = MAX (lines, write_field_value (writer, sheet, row, fields_col + f, field,
                                                 value, field_width (field)));
        }

      /* Most answers fit their row, and are written as they are rather than split and copied. */
      if (whole_lines > max_lines || strlen (text) > UPP_EXPORT_XLSX_CELL_MAX)
        {
          piece_lines = g_array_new (FALSE, FALSE, sizeof (guint));
          split = upp_export_xlsx_lines_split_text (text, ANSWER_WIDTH, max_lines, piece_lines);
          pieces = (const char * const *) split;
        }

      /* What one row cannot show goes on in the rows below, each marked as continued
       * and with the year and unit repeated, so that filters and sorting keep it along. */
      for (guint p = 0; pieces[p] != NULL; p++, row++)
        {
          if (p > 0)
            {
              g_autofree char *continued = NULL;

              /* TRANSLATORS: a unit's name in the row that continues its answer */
              continued = g_strdup_printf (_("%s (continued)"),
                                           upp_response_get_unit_name (response));
              worksheet_write_number (sheet, row, 0, upp_round_get_year (round->round),
                                      writer->body);
              write_text (sheet, row, 1, upp_round_get_title (round->round), writer->body);
              write_text (sheet, row, 2, continued, writer->flagged);
              lines = upp_export_xlsx_lines_count_text (continued, 28);
            }
          write_text (sheet, row, answer_col, pieces[p], writer->body);
          lines = MAX (lines, piece_lines != NULL ? g_array_index (piece_lines, guint, p)
                                                  : whole_lines);
          worksheet_set_row (sheet, row, row_height (lines, ROW_HEIGHT_MAX), NULL);
        }
    }
  long_sheet->row = row;
}

static void
finish_question_sheet (Writer      *writer,
                       UppQuestion *question,
                       LongSheet   *long_sheet)
{
  lxw_col_t fields_col;
  lxw_col_t answer_col;

  get_question_columns (question, &fields_col, &answer_col);
  worksheet_freeze_panes (long_sheet->sheet, 2, 3);
  worksheet_autofilter (long_sheet->sheet, 1, 0, MAX (long_sheet->row - 1, 2), answer_col);
  set_up_printing (writer, long_sheet->sheet, TRUE, PAPER_A4, 0, 1);
}

/* A table question's sheet: one row per row a unit gave, in the unit's order, with the
 * round's year in front when the workbook holds several rounds (and so a first column after
 * it). */
static lxw_col_t
get_table_first_column (Writer *writer)
{
  return writer->data->rounds->len > 1 ? 1 : 0;
}

static gboolean
begin_table_sheet (Writer       *writer,
                   UppQuestion  *question,
                   LongSheet    *long_sheet,
                   GError      **error)
{
  const char *sheet_name = g_hash_table_lookup (writer->question_sheets,
                                                upp_question_get_key (question));
  lxw_worksheet *sheet = get_sheet (writer, sheet_name, error);
  GPtrArray *columns = upp_question_get_columns (question);
  lxw_col_t first = get_table_first_column (writer);
  lxw_col_t last = first + 1 + columns->len;
  g_autofree char *title = upp_export_dup_question_title (question);

  if (sheet == NULL)
    return FALSE;
  long_sheet->sheet = sheet;
  long_sheet->row = 2;

  write_text (sheet, 0, 0, title, writer->title);
  if (!upp_str_is_blank (upp_question_get_help (question)) && last > first + 1)
    worksheet_merge_range (sheet, 0, first + 2, 0, last, upp_question_get_help (question),
                           writer->question_text);
  if (first > 0)
    {
      write_text (sheet, 1, 0, _("Year"), writer->header);
      set_width (sheet, 0, 7);
    }
  write_text (sheet, 1, first, _("Unit"), writer->header);
  set_width (sheet, first, 28);
  /* TRANSLATORS: header of the column with a table row's place in the unit's table */
  write_text (sheet, 1, first + 1, _("Row"), writer->header);
  set_width (sheet, first + 1, 6);
  for (guint c = 0; c < columns->len; c++)
    {
      const UppItemField *column = g_ptr_array_index (columns, c);

      write_text (sheet, 1, first + 2 + c, column->label, writer->header);
      set_width (sheet, first + 2 + c, MAX (field_width (column), 40));
    }
  worksheet_set_row (sheet, 1, row_height (2, ROW_HEIGHT_MAX), NULL);
  return TRUE;
}

/* One round's rows of a table question, in each unit's order. */
static void
write_table_rows (Writer         *writer,
                  UppQuestion    *question,
                  LongSheet      *long_sheet,
                  UppExportRound *round)
{
  UppQuestion *asked = upp_export_round_find_mapped_question (writer->data, round, question);
  lxw_worksheet *sheet = long_sheet->sheet;
  GPtrArray *columns = upp_question_get_columns (question);
  lxw_col_t first = get_table_first_column (writer);
  lxw_row_t row = long_sheet->row;

  if (asked == NULL || upp_question_get_kind (asked) != UPP_QUESTION_KIND_TABLE)
    return;

  for (guint i = 0; i < round->responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (round->responses, i);
      g_auto(GStrv) row_ids = upp_response_list_table_rows (response,
                                                           upp_question_get_key (asked));

      for (guint t = 0; row_ids[t] != NULL; t++, row++)
        {
          guint lines = upp_export_xlsx_lines_count_text (upp_response_get_unit_name (response), 28);

          if (first > 0)
            worksheet_write_number (sheet, row, 0, upp_round_get_year (round->round),
                                    writer->body);
          write_text (sheet, row, first, upp_response_get_unit_name (response), writer->body);
          worksheet_write_number (sheet, row, first + 1, t + 1, writer->count);
          for (guint c = 0; c < columns->len; c++)
            {
              const UppItemField *column = g_ptr_array_index (columns, c);
              const char *cell = upp_response_get_table_cell (response,
                                                              upp_question_get_key (asked),
                                                              row_ids[t], column->key);

              lines = MAX (lines, write_field_value (writer, sheet, row, first + 2 + c, column,
                                                     cell, MAX (field_width (column), 40)));
            }
          worksheet_set_row (sheet, row, row_height (lines, ROW_HEIGHT_MAX), NULL);
        }
    }
  long_sheet->row = row;
}

static void
finish_table_sheet (Writer      *writer,
                    UppQuestion *question,
                    LongSheet   *long_sheet)
{
  lxw_col_t first = get_table_first_column (writer);
  lxw_col_t last = first + 1 + upp_question_get_columns (question)->len;

  worksheet_freeze_panes (long_sheet->sheet, 2, first + 2);
  worksheet_autofilter (long_sheet->sheet, 1, 0, MAX (long_sheet->row - 1, 2), last);
  set_up_printing (writer, long_sheet->sheet, TRUE, PAPER_A4, 0, 1);
}

/* About ----------------------------------------------------------------------------------- */

static gboolean
write_about (Writer  *writer,
             GError **error)
{
  UppExportData *data = writer->data;
  lxw_worksheet *sheet = get_sheet (writer, writer->about_sheet, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *exported = g_date_time_format (now, "%Y-%m-%d %H:%M");
  const char *headers[] = {
    _("Round"), _("Year"), _("Template"), _("Template key"), _("Template version"),
    _("Units"), _("Interviews"), _("Participants"), _("Round id"),
  };
  const double widths[] = { 34, 8, 40, 14, 10, 9, 11, 12, 38 };
  g_autoptr(GString) more = NULL;
  const char *about;
  lxw_row_t row;

  if (sheet == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    set_width (sheet, i, widths[i]);

  write_text (sheet, 0, 0, _("About this export"), writer->title);
  write_text (sheet, 2, 0, _("Region"), writer->label);
  write_text (sheet, 2, 1, data->region_name, NULL);
  write_text (sheet, 3, 0, _("Exported"), writer->label);
  write_text (sheet, 3, 1, exported, NULL);
  write_text (sheet, 4, 0, _("Exported by"), writer->label);
  write_text (sheet, 4, 1, "Uppföljning " PACKAGE_VERSION, NULL);

  row = 6;
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    write_text (sheet, row, i, headers[i], writer->header);
  worksheet_set_row (sheet, row, row_height (2, ROW_HEIGHT_MAX), NULL);

  for (guint r = 0; r < data->rounds->len; r++)
    {
      UppExportRound *round = g_ptr_array_index (data->rounds, r);
      guint interviews = 0;
      int participants = 0;

      for (guint i = 0; i < round->responses->len; i++)
        {
          UppResponse *response = g_ptr_array_index (round->responses, i);

          if (upp_response_status_is_answered (upp_response_get_status (response)))
            interviews++;
          participants += MAX (0, upp_response_get_participant_count (response));
        }

      row++;
      write_text (sheet, row, 0, upp_round_get_title (round->round), writer->body);
      worksheet_write_number (sheet, row, 1, upp_round_get_year (round->round), NULL);
      write_text (sheet, row, 2, upp_template_get_title (round->template), writer->body);
      write_text (sheet, row, 3, upp_template_get_key (round->template), NULL);
      worksheet_write_number (sheet, row, 4, upp_template_get_version (round->template), NULL);
      worksheet_write_number (sheet, row, 5, round->responses->len, NULL);
      worksheet_write_number (sheet, row, 6, interviews, NULL);
      worksheet_write_number (sheet, row, 7, participants, NULL);
      write_text (sheet, row, 8, upp_round_get_uuid (round->round), NULL);
    }

  row += 2;
  about = _("Answers are exported exactly as stored, as text. Interviews count the units "
            "whose response is done or approved.\n"
            "No answer is cut. In the matrix each answer is whole in its cell; one longer than "
            "the row can show (Excel’s limit is 409 points) or than a cell holds (32,767 "
            "characters) is marked with a yellow background and a note, and its question’s "
            "sheet shows it in full, continued in the rows below it, whose unit is marked "
            "“(continued)”. Joined in order, those cells give back the answer exactly.");
  worksheet_merge_range (sheet, row, 0, row, 4, about, writer->question_text);
  worksheet_set_row (sheet, row, row_height (upp_export_xlsx_lines_count_text (about, 100), ROW_HEIGHT_MAX), NULL);

  /* What schema 6 added: interviews as they happen, and the agreements register. */
  more = g_string_new (_("In the matrix, “Length (min)” is the length of the unit’s first "
                         "interview, “Interviews held” counts its first interview when it was "
                         "held and every further one, and the respondent check gives the dates "
                         "the written summary was sent back to the unit for checking and "
                         "approved (date cells)."));

  if (writer->agreements_sheet != NULL && data->rounds->len == 1)
    {
      g_string_append_c (more, '\n');
      g_string_append_printf (more, _("The sheet “%s” lists the units’ agreements that apply to "
                                      "the round’s year, with their periods; signed, from and "
                                      "to are date cells."), writer->agreements_sheet);
    }
  else if (writer->agreements_sheet != NULL)
    {
      g_string_append_c (more, '\n');
      g_string_append_printf (more, _("The sheet “%s” lists all the units’ agreements, with "
                                      "their periods; signed, from and to are date cells."),
                              writer->agreements_sheet);
    }
  row++;
  worksheet_merge_range (sheet, row, 0, row, 4, more->str, writer->question_text);
  worksheet_set_row (sheet, row, row_height (upp_export_xlsx_lines_count_text (more->str, 100), ROW_HEIGHT_MAX),
                     NULL);
  set_up_printing (writer, sheet, TRUE, PAPER_A4, -1, -1);
  return TRUE;
}

/* Themes ---------------------------------------------------------------------------------- */

/* One row per unit and year, one 0/1 column per theme: the cases × codes table that
 * statistics programs read, as QualCoder's users ask for (#954). */
static gboolean
write_themes (Writer  *writer,
              GError **error)
{
  UppThemeMatrix *matrix = writer->themes;
  lxw_worksheet *sheet = get_sheet (writer, writer->themes_sheet, error);
  guint n_themes = upp_theme_matrix_get_n_themes (matrix);

  if (sheet == NULL)
    return FALSE;

  write_text (sheet, 0, 0, _("Unit"), writer->header);
  write_text (sheet, 0, 1, _("Year"), writer->header);
  set_width (sheet, 0, 28);
  set_width (sheet, 1, 8);
  for (guint c = 0; c < n_themes; c++)
    {
      write_text (sheet, 0, 2 + c, upp_theme_get_name (upp_theme_matrix_get_theme (matrix, c)),
                  writer->header);
      set_width (sheet, 2 + c, 16);
    }
  for (guint r = 0; r < upp_theme_matrix_get_n_rows (matrix); r++)
    {
      write_text (sheet, 1 + r, 0, upp_theme_matrix_get_unit_name (matrix, r), NULL);
      worksheet_write_number (sheet, 1 + r, 1, upp_theme_matrix_get_year (matrix, r), NULL);
      for (guint c = 0; c < n_themes; c++)
        worksheet_write_number (sheet, 1 + r, 2 + c,
                                upp_theme_matrix_get_count (matrix, r, c) > 0 ? 1 : 0, NULL);
    }
  worksheet_freeze_panes (sheet, 1, 2);
  worksheet_autofilter (sheet, 0, 0, upp_theme_matrix_get_n_rows (matrix), 1 + n_themes);
  set_up_printing (writer, sheet, n_themes > 5, PAPER_A4, 0, 0);
  return TRUE;
}

/* Agreements ------------------------------------------------------------------------------ */

/* A free text in a cell: one longer than a cell holds keeps its first part, marked, rather
 * than being dropped by the writer. */
static void
write_long_text (Writer        *writer,
                 lxw_worksheet *sheet,
                 lxw_row_t      row,
                 lxw_col_t      col,
                 const char    *text)
{
  g_auto(GStrv) pieces = upp_export_xlsx_split_cell_text (text);
  lxw_comment_options options = { .width = 300, .height = 80 };
  g_autofree char *note = NULL;

  if (pieces[1] == NULL)
    {
      write_text (sheet, row, col, text, writer->body);
      return;
    }
  note = g_strdup_printf (_("This text has %lu characters, more than an Excel cell holds; "
                            "Uppföljning has all of it."), (gulong) g_utf8_strlen (text, -1));
  write_text (sheet, row, col, pieces[0], writer->flagged);
  worksheet_write_comment_opt (sheet, row, col, note, &options);
}

/* The agreements register of the exported units, as seed 001 lists "agreements with their
 * periods": one row per agreement, its dates as date cells. */
static gboolean
write_agreements (Writer  *writer,
                  GError **error)
{
  UppExportData *data = writer->data;
  lxw_worksheet *sheet = get_sheet (writer, writer->agreements_sheet, error);
  const char *headers[] = {
    _("Unit"), _("County part"), _("Agreement"), _("Kind"), _("Status"), _("Signed"),
    _("From"), _("To"), _("Period"), _("Note"),
  };
  const double widths[] = { 28, 14, 36, 14, 16, 14, 12, 12, 26, 50 };
  g_autofree char *title = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (headers) == G_N_ELEMENTS (widths));

  if (sheet == NULL)
    return FALSE;

  if (data->rounds->len == 1)
    {
      UppRound *round = ((UppExportRound *) g_ptr_array_index (data->rounds, 0))->round;

      title = g_strdup_printf (_("The units’ agreements that apply to %d"),
                               upp_round_get_year (round));
    }
  else
    title = g_strdup (_("The units’ agreements"));
  write_text (sheet, 0, 0, title, writer->title);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      write_text (sheet, 1, i, headers[i], writer->header);
      set_width (sheet, i, widths[i]);
    }

  for (guint i = 0; i < writer->agreements->len; i++)
    {
      UppAgreement *agreement = g_ptr_array_index (writer->agreements, i);
      const char *part = g_hash_table_lookup (writer->unit_parts,
                                              upp_agreement_get_unit_uuid (agreement));
      g_autofree char *period = upp_agreement_dup_period_label (agreement);
      const char *kind = upp_agreement_kind_get_label (upp_agreement_get_kind (agreement));
      const char *status =
        upp_agreement_status_get_label (upp_agreement_get_status (agreement));
      lxw_row_t row = i + 2;
      guint lines;

      write_text (sheet, row, 0, upp_agreement_get_unit_name (agreement), writer->label);
      write_text (sheet, row, 1, part, writer->body);
      write_long_text (writer, sheet, row, 2, upp_agreement_get_name (agreement));
      write_text (sheet, row, 3, kind, writer->body);
      write_text (sheet, row, 4, status, writer->body);
      write_date (writer, sheet, row, 5, upp_agreement_get_signed (agreement));
      write_date (writer, sheet, row, 6, upp_agreement_get_valid_from (agreement));
      write_date (writer, sheet, row, 7, upp_agreement_get_valid_to (agreement));
      write_text (sheet, row, 8, period, writer->body);
      write_long_text (writer, sheet, row, 9, upp_agreement_get_note (agreement));

      lines = MAX (upp_export_xlsx_lines_count_text (upp_agreement_get_unit_name (agreement), widths[0]),
                   upp_export_xlsx_lines_count_text (part, widths[1]));
      lines = MAX (lines, upp_export_xlsx_lines_count_text (upp_agreement_get_name (agreement), widths[2]));
      lines = MAX (lines, upp_export_xlsx_lines_count_text (kind, widths[3]));
      lines = MAX (lines, upp_export_xlsx_lines_count_text (status, widths[4]));
      lines = MAX (lines, upp_export_xlsx_lines_count_text (period, widths[8]));
      lines = MAX (lines, upp_export_xlsx_lines_count_text (upp_agreement_get_note (agreement), widths[9]));
      worksheet_set_row (sheet, row, row_height (lines, ROW_HEIGHT_MAX), NULL);
    }
  worksheet_set_row (sheet, 1, row_height (2, ROW_HEIGHT_MAX), NULL);
  worksheet_freeze_panes (sheet, 2, 1);
  worksheet_autofilter (sheet, 1, 0, MAX (2, writer->agreements->len + 1),
                        G_N_ELEMENTS (headers) - 1);
  set_up_printing (writer, sheet, TRUE, PAPER_A4, 0, 1);
  return TRUE;
}

/* The agreements of the exported rounds' units; of one round, those that apply to its year
 * (upp_agreement_applies_to_year ()), as a report of that year lists them. */
static gboolean
load_agreements (Writer    *writer,
                 UppStore  *store,
                 GError   **error)
{
  UppExportData *data = writer->data;
  UppRound *first = ((UppExportRound *) g_ptr_array_index (data->rounds, 0))->round;
  UppRegion *region = upp_round_get_region (first);
  g_autoptr(GPtrArray) all = NULL;

  for (guint r = 0; r < data->rounds->len; r++)
    {
      UppExportRound *round = g_ptr_array_index (data->rounds, r);

      for (guint i = 0; i < round->responses->len; i++)
        {
          UppUnit *unit = upp_response_get_unit (g_ptr_array_index (round->responses, i));

          g_hash_table_insert (writer->unit_parts, (char *) upp_unit_get_uuid (unit),
                               (char *) upp_unit_get_sub_area (unit));
        }
    }

  all = upp_store_list_agreements (store, region != NULL ? upp_region_get_code (region) : NULL,
                                   NULL, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      UppAgreement *agreement = g_ptr_array_index (all, i);

      if (!g_hash_table_contains (writer->unit_parts, upp_agreement_get_unit_uuid (agreement)))
        continue;
      if (data->rounds->len == 1 &&
          !upp_agreement_applies_to_year (agreement, upp_round_get_year (first)))
        continue;
      g_ptr_array_add (writer->agreements, g_object_ref (agreement));
    }
  return TRUE;
}

/* How many further interviews each response of the exported rounds has. */
static gboolean
load_further_interviews (Writer    *writer,
                         UppStore  *store,
                         GError   **error)
{
  UppExportData *data = writer->data;

  for (guint r = 0; r < data->rounds->len; r++)
    {
      UppExportRound *round = g_ptr_array_index (data->rounds, r);
      g_autoptr(GPtrArray) interviews = upp_store_list_interviews (store, round->round, NULL,
                                                                   error);

      if (interviews == NULL)
        return FALSE;
      for (guint i = 0; i < interviews->len; i++)
        {
          const char *response_uuid =
            upp_interview_get_response_uuid (g_ptr_array_index (interviews, i));
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (writer->further_interviews,
                                                           response_uuid));

          g_hash_table_insert (writer->further_interviews, g_strdup (response_uuid),
                               GUINT_TO_POINTER (n + 1));
        }
    }
  return TRUE;
}

/* The workbook ---------------------------------------------------------------------------- */

static void
plan_sheet_names (Writer *writer)
{
  UppExportData *data = writer->data;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 0; r < data->rounds->len; r++)
    {
      UppExportRound *round = g_ptr_array_index (data->rounds, r);
      g_autofree char *wanted = NULL;

      if (data->rounds->len == 1)
        wanted = g_strdup (_("Matrix"));
      else
        {
          g_autofree char *column = round_column_title (data, round);

          /* TRANSLATORS: sheet name, e.g. "Matrix 2025" */
          wanted = g_strdup_printf (_("Matrix %s"), column);
        }
      g_ptr_array_add (writer->matrix_sheets,
                       (char *) keep_name (writer,
                                           upp_export_xlsx_make_sheet_name (wanted, used)));
    }

  writer->summary_sheet = keep_name (writer,
                                     upp_export_xlsx_make_sheet_name (_("Summary"), used));
  if (writer->themes != NULL && upp_theme_matrix_get_n_themes (writer->themes) > 0)
    writer->themes_sheet = keep_name (writer,
                                      upp_export_xlsx_make_sheet_name (_("Themes"), used));
  if (writer->agreements->len > 0)
    writer->agreements_sheet =
      keep_name (writer, upp_export_xlsx_make_sheet_name (_("Agreements"), used));

  for (guint q = 0; q < data->questions->len; q++)
    {
      UppQuestion *question = g_ptr_array_index (data->questions, q);
      g_autofree char *title = upp_export_dup_question_title (question);
      const char *name = keep_name (writer, upp_export_xlsx_make_sheet_name (title, used));

      g_hash_table_insert (writer->question_sheets, (char *) upp_question_get_key (question),
                           (char *) name);
    }

  writer->about_sheet = keep_name (writer, upp_export_xlsx_make_sheet_name (_("About"), used));
}

/* Every sheet, in the workbook's order, before anything is written: the rounds are then
 * written one after the other into all the sheets they appear in. */
static gboolean
add_sheets (Writer  *writer,
            GError **error)
{
  UppExportData *data = writer->data;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_extend (names, writer->matrix_sheets, NULL, NULL);
  g_ptr_array_add (names, (char *) writer->summary_sheet);
  if (writer->themes_sheet != NULL)
    g_ptr_array_add (names, (char *) writer->themes_sheet);
  if (writer->agreements_sheet != NULL)
    g_ptr_array_add (names, (char *) writer->agreements_sheet);
  for (guint q = 0; q < data->questions->len; q++)
    g_ptr_array_add (names, g_hash_table_lookup (writer->question_sheets,
                                                 upp_question_get_key (
                                                   g_ptr_array_index (data->questions, q))));
  g_ptr_array_add (names, (char *) writer->about_sheet);

  for (guint i = 0; i < names->len; i++)
    if (workbook_add_worksheet (writer->workbook, g_ptr_array_index (names, i)) == NULL)
      {
        g_set_error (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE,
                     _("The sheet “%s” could not be added."),
                     (const char *) g_ptr_array_index (names, i));
        return FALSE;
      }
  return TRUE;
}

static gboolean
write_sheets (Writer  *writer,
              GError **error)
{
  UppExportData *data = writer->data;
  guint n_questions = data->questions->len;
  guint n_sheets = data->rounds->len + 2;
  guint done = 0;
  g_autoptr(GHashTable) answer_ids = g_hash_table_new (NULL, NULL);
  g_autoptr(UppExportXlsxLines) book = upp_export_xlsx_lines_new ();
  AnswerTexts answer_texts = { answer_ids, book };

  create_formats (writer);
  if (!add_sheets (writer, error))
    return FALSE;

  for (guint q = 0; q < n_questions; q++)
    {
      UppQuestion *question = g_ptr_array_index (data->questions, q);
      LongSheet *long_sheet = &g_array_index (writer->long_sheets, LongSheet, q);

      if (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE
          ? !begin_table_sheet (writer, question, long_sheet, error)
          : !begin_question_sheet (writer, question, long_sheet, error))
        return FALSE;
    }

  /* Round by round into its matrix and the questions' sheets, its summary counted, and its
   * answers let go: libxlsxwriter keeps its own copy of every text, and holding both for
   * ten rounds was twice the memory of the workbook itself. */
  for (guint r = 0; r < data->rounds->len; r++)
    {
      UppExportRound *round = g_ptr_array_index (data->rounds, r);

      if (!upp_export_round_load_answers (writer->store, round, error) ||
          !write_matrix (writer, round, g_ptr_array_index (writer->matrix_sheets, r),
                         &answer_texts, error))
        return FALSE;
      for (guint q = 0; q < n_questions; q++)
        {
          UppQuestion *question = g_ptr_array_index (data->questions, q);
          LongSheet *long_sheet = &g_array_index (writer->long_sheets, LongSheet, q);

          if (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE)
            write_table_rows (writer, question, long_sheet, round);
          else
            write_question_rows (writer, question, long_sheet, round, &answer_texts);
        }
      /* The runs borrow the answers' texts. */
      g_hash_table_remove_all (answer_texts.ids);
      upp_export_xlsx_lines_clear (answer_texts.book);
      count_summary_round (writer, r);
      upp_export_round_release_answers (round);
      if (!report_progress (writer, 0.1 + 0.6 * ++done / n_sheets, error))
        return FALSE;
    }

  for (guint q = 0; q < n_questions; q++)
    {
      UppQuestion *question = g_ptr_array_index (data->questions, q);
      LongSheet *long_sheet = &g_array_index (writer->long_sheets, LongSheet, q);

      if (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE)
        finish_table_sheet (writer, question, long_sheet);
      else
        finish_question_sheet (writer, question, long_sheet);
    }

  if (!write_summary (writer, error) ||
      !report_progress (writer, 0.1 + 0.6 * ++done / n_sheets, error))
    return FALSE;
  if (writer->themes_sheet != NULL && !write_themes (writer, error))
    return FALSE;
  if (writer->agreements_sheet != NULL && !write_agreements (writer, error))
    return FALSE;
  if (!report_progress (writer, 0.7, error))
    return FALSE;

  return write_about (writer, error);
}

static gboolean write_workbook_in_c_numeric (const char  *temp_path,
                                             gpointer     user_data,
                                             GError     **error);

/* libxlsxwriter prints numbers (widths, heights, margins) with the thread's locale, and a
 * Swedish decimal comma makes a broken workbook. Only LC_NUMERIC changes, only in this
 * thread, so messages stay translated and other threads are not disturbed. */
static gboolean
write_workbook (const char  *temp_path,
                gpointer     user_data,
                GError     **error)
{
  locale_t current = uselocale ((locale_t) 0);
  locale_t base = duplocale (current);
  locale_t c_numeric = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base)
                                            : (locale_t) 0;
  gboolean ok;

  if (c_numeric == (locale_t) 0)
    {
      if (base != (locale_t) 0)
        freelocale (base);
      return write_workbook_in_c_numeric (temp_path, user_data, error);
    }

  uselocale (c_numeric);
  ok = write_workbook_in_c_numeric (temp_path, user_data, error);
  uselocale (current);
  freelocale (c_numeric);
  return ok;
}

static gboolean
write_workbook_in_c_numeric (const char  *temp_path,
                             gpointer     user_data,
                             GError     **error)
{
  Writer *writer = user_data;
  g_autofree char *tmpdir = g_strdup (g_get_tmp_dir ());
  lxw_workbook_options options = { .tmpdir = tmpdir };
  g_autofree char *doc_title = NULL;
  lxw_doc_properties properties = { 0 };
  lxw_error status;

  writer->workbook = workbook_new_opt (temp_path, &options);
  if (writer->workbook == NULL)
    {
      g_set_error_literal (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE,
                           _("The workbook could not be created."));
      return FALSE;
    }

  doc_title = g_strdup_printf ("%s: %s", writer->data->region_name,
                               upp_round_get_title (((UppExportRound *)
                                                     g_ptr_array_index (writer->data->rounds,
                                                                        0))->round));
  properties.title = doc_title;
  properties.author = (char *) "Uppföljning";
  properties.comments = (char *) _("Exported from Uppföljning");
  workbook_set_properties (writer->workbook, &properties);

  if (!write_sheets (writer, error))
    {
      /* Frees without writing; the caller removes the temporary file. */
      lxw_workbook_free (writer->workbook);
      writer->workbook = NULL;
      return FALSE;
    }

  status = workbook_close (writer->workbook);
  writer->workbook = NULL;
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE, "%s",
                   lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}

/* A question's summary counts, NULL for a question not coded. */
static void
free_counts (gpointer counts)
{
  if (counts != NULL)
    g_array_unref (counts);
}

/* upp_export_xlsx_full () inside its read snapshot. */
static gboolean
export_xlsx (UppStore               *store,
             GPtrArray              *rounds,
             const char             *path,
             UppExportProgressFunc   progress,
             gpointer                progress_data,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autoptr(UppExportData) data = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) question_sheets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) matrix_sheets = g_ptr_array_new ();
  g_autoptr(UppThemeMatrix) themes = NULL;
  g_autoptr(GPtrArray) agreements = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) unit_parts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) further_interviews = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                    g_free, NULL);
  g_autoptr(GArray) long_sheets = g_array_new (FALSE, TRUE, sizeof (LongSheet));
  g_autoptr(GPtrArray) summary_counts = NULL;
  Writer writer = { 0 };
  g_autoptr(GError) local_error = NULL;

  /* Each round's answers are read when it is written, and let go after. */
  data = upp_export_data_load_without_answers (store, rounds, error);
  if (data == NULL)
    return FALSE;
  themes = upp_theme_matrix_new_for_export (store, data, error);
  if (themes == NULL)
    return FALSE;

  writer.store = store;
  writer.data = data;
  writer.themes = themes;
  writer.names = names;
  writer.question_sheets = question_sheets;
  writer.matrix_sheets = matrix_sheets;
  writer.agreements = agreements;
  writer.unit_parts = unit_parts;
  writer.further_interviews = further_interviews;
  g_array_set_size (long_sheets, data->questions->len);
  writer.long_sheets = long_sheets;
  summary_counts = g_ptr_array_new_with_free_func (free_counts);
  g_ptr_array_set_size (summary_counts, data->questions->len);
  writer.summary_counts = summary_counts;
  writer.progress = progress;
  writer.progress_data = progress_data;
  writer.cancellable = cancellable;

  if (!load_agreements (&writer, store, error) ||
      !load_further_interviews (&writer, store, error))
    return FALSE;
  if (!report_progress (&writer, 0.1, error))
    return FALSE;
  plan_sheet_names (&writer);
  plan_print_header_footer (&writer);

  if (!upp_export_write_via_temp (path, write_workbook, &writer, &local_error))
    {
      /* Cancellation is not a write failure; report it as such. */
      if (g_cancellable_is_cancelled (cancellable))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The export was cancelled."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

gboolean
upp_export_xlsx_full (UppStore               *store,
                      GPtrArray              *rounds,
                      const char             *path,
                      UppExportProgressFunc   progress,
                      gpointer                progress_data,
                      GCancellable           *cancellable,
                      GError                **error)
{
  gboolean written;

  g_return_val_if_fail (UPP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Everything is read from one snapshot: a round someone types into meanwhile is exported
   * as it stood at one moment, and the reads take no lock each. */
  if (!upp_store_begin_read (store, error))
    return FALSE;
  written = export_xlsx (store, rounds, path, progress, progress_data, cancellable, error);
  upp_store_end_read (store);
  return written;
}

gboolean
upp_export_xlsx (UppStore    *store,
                 GPtrArray   *rounds,
                 const char  *path,
                 GError     **error)
{
  return upp_export_xlsx_full (store, rounds, path, NULL, NULL, NULL, error);
}
