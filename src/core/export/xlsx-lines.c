/* xlsx-lines.c: the lines a text takes wrapped in a workbook's column, as the row heights
 * are estimated
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-export-xlsx"

#include "config.h"

#include <math.h>
#include <string.h>

#include "export-xlsx.h"
#include "xlsx-lines.h"

/* What a text is made of, for wrapping: words, the spaces between them, line breaks. */
typedef enum
{
  RUN_WORD,
  RUN_SPACE,
  RUN_BREAK,
} RunKind;

/* The longest run a guint16 holds beside its kind. */
#define RUN_LENGTH_MAX (G_MAXUINT16 >> 2)

struct _UppXlsxRuns
{
  const char *text;          /* borrowed */
  guint16    *runs;          /* a run's length in characters << 2 | its RunKind */
  gsize       n_runs;
  gsize       n_chars;
  gsize       longest_paragraph;
  gboolean    over_cell;
  gboolean    from_text;     /* counted from the text: over a cell, or a run too long */
  double      counted_width; /* the last count, which the matrix asks for twice */
  guint       counted_lines;
};

guint
upp_xlsx_line_capacity (double width)
{
  return MAX (1, (guint) floor (width * UPP_XLSX_CHARS_PER_WIDTH));
}

/* Where a token of length characters leaves a greedy wrap that stood at line and column. */
static void
wrap_token (guint     line,
            guint     column,
            guint     length,
            guint     capacity,
            gboolean  space,
            guint    *out_line,
            guint    *out_column)
{
  if (!space && column > 0 && column + length > capacity)
    {
      *out_line = line + 1;
      *out_column = length;
      return;
    }
  /* Spaces hang at the end of a line rather than wrap. */
  *out_line = line;
  *out_column = column + length;
}

/* Whether the character at p is white space, the common ASCII case without decoding it. */
static inline gboolean
is_space_at (const char *p)
{
  if ((guchar) *p < 0x80)
    return g_ascii_isspace (*p);
  return g_unichar_isspace (g_utf8_get_char (p));
}

/* Splits text as upp_xlsx_split_for_rows () says, adding each piece's lines to lines and,
 * unless pieces is NULL (only counting), the piece itself to pieces. */
static void
split_text (const char *text,
            double      width,
            guint       max_lines,
            GArray     *lines,
            GPtrArray  *pieces)
{
  guint capacity = upp_xlsx_line_capacity (width);
  const char *start = text != NULL ? text : "";
  const char *p = start;
  guint line = 1;
  guint column = 0;
  gsize units = 0;  /* UTF-16 units in the current piece */

  while (*p != '\0')
    {
      const char *token_end = p;
      guint length = 0;
      gsize token_units = 0;
      guint token_lines;
      guint token_column;
      gboolean space = FALSE;

      /* A token: a line break, a run of spaces, or a word of at most capacity characters. */
      if (*p == '\n')
        {
          token_end = p + 1;
          length = 1;
          token_units = 1;
        }
      else
        {
          space = is_space_at (p);
          while (*token_end != '\0' && *token_end != '\n' && length < capacity)
            {
              guchar byte = (guchar) *token_end;

              /* ASCII, most of any text, without decoding a character. */
              if (byte < 0x80)
                {
                  if (g_ascii_isspace (byte) != space)
                    break;
                  token_units++;
                  token_end++;
                }
              else
                {
                  if (is_space_at (token_end) != space)
                    break;
                  /* Four UTF-8 bytes are the characters beyond U+FFFF, two UTF-16 units. */
                  token_units += (byte & 0xF8) == 0xF0 ? 2 : 1;
                  token_end = g_utf8_next_char (token_end);
                }
              length++;
            }
        }

      if (*p == '\n')
        {
          token_lines = line + 1;
          token_column = 0;
          if (units + token_units > UPP_EXPORT_XLSX_CELL_MAX)
            {
              /* A full cell: the line break opens the next one. */
              if (pieces != NULL)
                g_ptr_array_add (pieces, g_strndup (start, p - start));
              g_array_append_val (lines, line);
              start = p;
              units = 0;
              token_lines = 2;
            }
          else if (token_lines > max_lines && *token_end != '\0')
            {
              /* A full row: the line break ends it, and the next row starts on a fresh line. */
              if (pieces != NULL)
                g_ptr_array_add (pieces, g_strndup (start, token_end - start));
              g_array_append_val (lines, line);
              start = token_end;
              units = 0;
              token_lines = 1;
              token_units = 0;
            }
        }
      else
        {
          wrap_token (line, column, length, capacity, space, &token_lines, &token_column);
          if (p > start && (token_lines > max_lines ||
                            units + token_units > UPP_EXPORT_XLSX_CELL_MAX))
            {
              if (pieces != NULL)
                g_ptr_array_add (pieces, g_strndup (start, p - start));
              g_array_append_val (lines, line);
              start = p;
              units = 0;
              wrap_token (1, 0, length, capacity, space, &token_lines, &token_column);
            }
        }
      line = token_lines;
      column = token_column;
      units += token_units;
      p = token_end;
    }

  if (pieces != NULL)
    g_ptr_array_add (pieces, g_strndup (start, p - start));
  g_array_append_val (lines, line);
}

char **
upp_xlsx_split_for_rows (const char *text,
                         double      width,
                         guint       max_lines,
                         GArray     *lines)
{
  GPtrArray *pieces = g_ptr_array_new ();

  split_text (text, width, max_lines, lines, pieces);
  g_ptr_array_add (pieces, NULL);
  return (char **) g_ptr_array_free (pieces, FALSE);
}

/* Runs ------------------------------------------------------------------------------------ */

/* What a byte says of its character, for reading runs: a word's (RUN_WORD) or a space's
 * (RUN_SPACE) when it is ASCII, the end of the run (a line break, the end of the text), or
 * the start of a character to decode. */
enum
{
  BYTE_ENDS_RUN = 2,
  BYTE_STARTS_UTF8 = 3,
};

static const guint8 byte_kinds[256] = {
  ['\0'] = BYTE_ENDS_RUN, ['\n'] = BYTE_ENDS_RUN,
  ['\t'] = RUN_SPACE, ['\v'] = RUN_SPACE, ['\f'] = RUN_SPACE, ['\r'] = RUN_SPACE,
  [' '] = RUN_SPACE,
  [0x80 ... 0xFF] = BYTE_STARTS_UTF8,
};

/* The run of characters of one kind that starts at *p (not at the end), its length in
 * characters; *p moves past it. Text that is not UTF-8 ends at its first broken character. */
static inline RunKind
next_run (const char **p,
          gsize       *length)
{
  const guchar *s = (const guchar *) *p;
  guint8 kind = byte_kinds[*s];
  gsize n = 0;

  if (*s == '\n')
    {
      while (*s == '\n')
        s++;
      *length = s - (const guchar *) *p;
      *p = (const char *) s;
      return RUN_BREAK;
    }

  if (kind == BYTE_STARTS_UTF8)
    kind = g_unichar_isspace (g_utf8_get_char ((const char *) s)) ? RUN_SPACE : RUN_WORD;
  for (;;)
    {
      const guchar *ascii = s;
      const guchar *next;

      /* ASCII, most of any text, a byte at a time: its bytes are its characters. */
      while (byte_kinds[*s] == kind)
        s++;
      n += s - ascii;
      if (byte_kinds[*s] != BYTE_STARTS_UTF8)
        break;
      next = (const guchar *) g_utf8_next_char (s);
      if (memchr (s, '\0', next - s) != NULL ||
          (g_unichar_isspace (g_utf8_get_char ((const char *) s)) ? RUN_SPACE : RUN_WORD) != kind)
        break;
      s = next;
      n++;
    }
  *length = n;
  *p = (const char *) s;
  return kind;
}

/* Moves a greedy wrap standing at line and column past a run. */
static inline void
wrap_run (RunKind  kind,
          gsize    length,
          guint    capacity,
          guint   *line,
          guint   *column)
{
  if (kind == RUN_BREAK)
    {
      *line += length;
      *column = 0;
      return;
    }
  if (kind == RUN_SPACE)
    {
      *column += length;
      return;
    }
  /* A word longer than a line is cut into lines' worth of characters. */
  while (length > 0)
    {
      guint piece = MIN (length, capacity);

      wrap_token (*line, *column, piece, capacity, FALSE, line, column);
      length -= piece;
    }
}

/* The lines of the text of a cell: its wrap by runs, which only a text split into cells
 * (their count in UTF-16 units, each starting a line of its own) does not give. */
static gboolean
fits_one_cell (const char *text)
{
  /* A UTF-8 byte count never falls below the UTF-16 count. */
  return strlen (text) <= UPP_EXPORT_XLSX_CELL_MAX;
}

guint
upp_xlsx_count_lines (const char *text,
                      double      width)
{
  g_autoptr(GArray) lines = NULL;
  guint capacity = upp_xlsx_line_capacity (width);
  guint line = 1;
  guint column = 0;
  guint total = 0;

  if (text == NULL)
    return 1;
  if (fits_one_cell (text))
    {
      for (const char *p = text; *p != '\0';)
        {
          gsize length;
          RunKind kind = next_run (&p, &length);

          if (length == 0)
            break;
          wrap_run (kind, length, capacity, &line, &column);
        }
      return line;
    }

  lines = g_array_new (FALSE, FALSE, sizeof (guint));
  split_text (text, width, G_MAXUINT, lines, NULL);
  for (guint i = 0; i < lines->len; i++)
    total += g_array_index (lines, guint, i);
  return total;
}

/* The characters of the text of runs that are counted from their text, without reading it
 * into runs. */
static void
measure_text (UppXlsxRuns *runs)
{
  gsize paragraph = 0;

  runs->n_chars = 0;
  runs->longest_paragraph = 0;
  for (const char *p = runs->text; *p != '\0'; p++)
    {
      if (*p == '\n')
        paragraph = 0;
      /* Counting characters: every byte but UTF-8's continuation bytes. */
      else if (((guchar) *p & 0xC0) != 0x80)
        {
          paragraph++;
          runs->n_chars++;
          runs->longest_paragraph = MAX (runs->longest_paragraph, paragraph);
        }
    }
}

UppXlsxRuns *
upp_xlsx_runs_new (const char *text)
{
  UppXlsxRuns *runs = g_new0 (UppXlsxRuns, 1);
  gsize length = text != NULL ? strlen (text) : 0;
  /* A word and a space are at least two bytes: room for most texts' runs at once. */
  gsize allocated = length / 3 + 4;
  gsize paragraph = 0;

  runs->text = text != NULL ? text : "";
  runs->over_cell = length > UPP_EXPORT_XLSX_CELL_MAX;
  runs->from_text = runs->over_cell;
  if (runs->from_text)
    {
      measure_text (runs);
      return runs;
    }

  runs->runs = g_new (guint16, allocated);
  for (const char *p = runs->text; *p != '\0';)
    {
      gsize run_length;
      RunKind kind = next_run (&p, &run_length);

      if (run_length == 0)
        break;
      if (run_length > RUN_LENGTH_MAX)
        {
          runs->from_text = TRUE;
          g_clear_pointer (&runs->runs, g_free);
          runs->n_runs = 0;
          measure_text (runs);
          return runs;
        }
      if (runs->n_runs == allocated)
        {
          allocated *= 2;
          runs->runs = g_renew (guint16, runs->runs, allocated);
        }
      runs->runs[runs->n_runs++] = (guint16) (run_length << 2 | kind);
      if (kind == RUN_BREAK)
        {
          paragraph = 0;
          continue;
        }
      paragraph += run_length;
      runs->n_chars += run_length;
      runs->longest_paragraph = MAX (runs->longest_paragraph, paragraph);
    }
  return runs;
}

void
upp_xlsx_runs_free (UppXlsxRuns *runs)
{
  if (runs == NULL)
    return;
  g_free (runs->runs);
  g_free (runs);
}

guint
upp_xlsx_runs_count_lines (UppXlsxRuns *runs,
                           double       width)
{
  guint capacity = upp_xlsx_line_capacity (width);
  guint line = 1;
  guint column = 0;

  if (runs->counted_lines > 0 && runs->counted_width == width)
    return runs->counted_lines;
  if (runs->from_text)
    line = upp_xlsx_count_lines (runs->text, width);
  else
    for (gsize i = 0; i < runs->n_runs; i++)
      wrap_run (runs->runs[i] & 3, runs->runs[i] >> 2, capacity, &line, &column);
  runs->counted_width = width;
  runs->counted_lines = line;
  return line;
}

gsize
upp_xlsx_runs_get_n_chars (const UppXlsxRuns *runs)
{
  return runs->n_chars;
}

gsize
upp_xlsx_runs_get_longest_paragraph (const UppXlsxRuns *runs)
{
  return runs->longest_paragraph;
}

gboolean
upp_xlsx_runs_is_over_cell (const UppXlsxRuns *runs)
{
  return runs->over_cell;
}
