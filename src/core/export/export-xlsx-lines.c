/* export-xlsx-lines.c: the lines a text takes wrapped in a workbook's column, as the row heights
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
#include "export-xlsx-lines.h"

/* What a text is made of, for wrapping: words, the spaces between them, line breaks. */
typedef enum
{
  RUN_WORD,
  RUN_SPACE,
  RUN_BREAK,
  /* A word and the one space after it, most of any text: one run where two would be. */
  RUN_WORD_AND_SPACE,
} RunKind;

/* The longest run a guint16 holds beside its kind. */
#define RUN_LENGTH_MAX (G_MAXUINT16 >> 2)

/* A text of the book. */
typedef struct
{
  const char *text;          /* borrowed */
  gsize       first_run;     /* its runs in the book's */
  gsize       n_runs;
  gsize       n_chars;
  gsize       longest_paragraph;
  gboolean    from_text;     /* counted from the text: over a cell, or a run too long */
  double      counted_width; /* the last count, which the matrix asks for twice */
  guint       counted_lines;
} Text;

struct _UppExportXlsxLines
{
  GArray  *texts;            /* Text */
  /* Every text's runs, one after another: a run's length in characters << 2 | its RunKind.
   * One buffer kept from round to round, not one allocation per answer. */
  guint16 *runs;
  gsize    n_runs;
  gsize    allocated;
};

guint
upp_export_xlsx_lines_capacity (double width)
{
  return MAX (1, (guint) floor (width * UPP_EXPORT_XLSX_CHARS_PER_WIDTH));
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

/* Splits text as upp_export_xlsx_lines_split_text () says, adding each piece's lines to lines and,
 * unless pieces is NULL (only counting), the piece itself to pieces. */
static void
split_text (const char *text,
            double      width,
            guint       max_lines,
            GArray     *lines,
            GPtrArray  *pieces)
{
  guint capacity = upp_export_xlsx_lines_capacity (width);
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
upp_export_xlsx_lines_split_text (const char *text,
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

/* The bytes of a word's printable ASCII characters (0x21 to 0x7E) at the start of eight
 * bytes read at once, rather than one at a time: most words end within them. */
static inline guint
word_bytes_of_eight (const guchar *s)
{
  guint64 bytes;
  guint64 above_space;
  guint64 ends;

  memcpy (&bytes, s, sizeof bytes);
  /* A byte's low seven bits plus 0x5F carry into its top bit from 0x21 up, never into the
   * next byte; a byte with its top bit set (beyond ASCII) ends the word too. */
  above_space = (bytes & G_GUINT64_CONSTANT (0x7F7F7F7F7F7F7F7F)) +
                G_GUINT64_CONSTANT (0x5F5F5F5F5F5F5F5F);
  ends = (~above_space | bytes) & G_GUINT64_CONSTANT (0x8080808080808080);
  /* DEL (0x7F) passes as a word's character, as the table has it. */
  if (ends == 0)
    return 8;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return (guint) __builtin_ctzll (ends) / 8;
#else
  return (guint) __builtin_clzll (ends) / 8;
#endif
}

/* The run of characters of one kind that starts at *p (not at end, the text's NUL), its
 * length in characters; *p moves past it. Text that is not UTF-8 ends at its first broken
 * character. */
static inline RunKind
next_run (const char **p,
          const char  *end,
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

      /* ASCII, most of any text: its bytes are its characters. A word's eight bytes at a
       * time while eight are left before the end. */
      if (kind == RUN_WORD)
        while (s + 8 <= (const guchar *) end)
          {
            guint bytes = word_bytes_of_eight (s);

            s += bytes;
            if (bytes < 8)
              break;
          }
      while (byte_kinds[*s] == kind)
        s++;
      n += s - ascii;
      if (byte_kinds[*s] != BYTE_STARTS_UTF8)
        break;
      /* Two bytes from U+00C0 up (å, ä, ö, é …) are letters; from U+0080 only U+00A0, the
       * no-break space, is a space. Others are decoded. */
      if (*s >= 0xC2 && *s <= 0xDF && (s[1] & 0xC0) == 0x80)
        {
          if ((*s == 0xC2 && s[1] == 0xA0 ? RUN_SPACE : RUN_WORD) != kind)
            break;
          next = s + 2;
        }
      else
        {
          next = (const guchar *) g_utf8_next_char (s);
          if (memchr (s, '\0', next - s) != NULL ||
              (g_unichar_isspace (g_utf8_get_char ((const char *) s)) ? RUN_SPACE : RUN_WORD) != kind)
            break;
        }
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
  if (kind == RUN_WORD_AND_SPACE)
    *column += 1;
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
upp_export_xlsx_lines_count_text (const char *text,
                                  double      width)
{
  g_autoptr(GArray) lines = NULL;
  guint capacity = upp_export_xlsx_lines_capacity (width);
  guint line = 1;
  guint column = 0;
  guint total = 0;

  if (text == NULL)
    return 1;
  if (fits_one_cell (text))
    {
      const char *end = text + strlen (text);

      for (const char *p = text; *p != '\0';)
        {
          gsize length;
          RunKind kind = next_run (&p, end, &length);

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

/* The characters of a text that is counted from itself, without reading it into runs. */
static void
measure_text (Text *text)
{
  gsize paragraph = 0;

  text->n_chars = 0;
  text->longest_paragraph = 0;
  for (const char *p = text->text; *p != '\0'; p++)
    {
      if (*p == '\n')
        paragraph = 0;
      /* Counting characters: every byte but UTF-8's continuation bytes. */
      else if (((guchar) *p & 0xC0) != 0x80)
        {
          paragraph++;
          text->n_chars++;
          text->longest_paragraph = MAX (text->longest_paragraph, paragraph);
        }
    }
}

UppExportXlsxLines *
upp_export_xlsx_lines_new (void)
{
  UppExportXlsxLines *book = g_new0 (UppExportXlsxLines, 1);

  book->texts = g_array_new (FALSE, TRUE, sizeof (Text));
  return book;
}

void
upp_export_xlsx_lines_free (UppExportXlsxLines *book)
{
  if (book == NULL)
    return;
  g_array_unref (book->texts);
  g_free (book->runs);
  g_free (book);
}

void
upp_export_xlsx_lines_clear (UppExportXlsxLines *book)
{
  g_array_set_size (book->texts, 0);
  book->n_runs = 0;
}

/* Room for at least wanted more runs. */
static void
reserve_runs (UppExportXlsxLines *book,
              gsize               wanted)
{
  if (book->n_runs + wanted <= book->allocated)
    return;
  book->allocated = MAX (book->allocated * 2, book->n_runs + wanted);
  book->runs = g_renew (guint16, book->runs, book->allocated);
}

guint
upp_export_xlsx_lines_add (UppExportXlsxLines *book,
                           const char         *text_chars)
{
  Text text = { .text = text_chars != NULL ? text_chars : "" };
  gsize length = strlen (text.text);
  gsize paragraph = 0;

  text.first_run = book->n_runs;
  text.from_text = length > UPP_EXPORT_XLSX_CELL_MAX;
  if (!text.from_text)
    {
      /* A word and a space are at least two bytes: room for most texts' runs at once. */
      reserve_runs (book, length / 3 + 4);
      for (const char *p = text.text; *p != '\0';)
        {
          gsize run_length;
          RunKind kind = next_run (&p, text.text + length, &run_length);

          if (run_length == 0)
            break;
          if (run_length > RUN_LENGTH_MAX)
            {
              text.from_text = TRUE;
              book->n_runs = text.first_run;
              break;
            }
          if (book->n_runs == book->allocated)
            reserve_runs (book, 1);
          if (kind == RUN_BREAK)
            {
              book->runs[book->n_runs++] = (guint16) (run_length << 2 | kind);
              paragraph = 0;
              continue;
            }
          /* One space alone after a word goes with it. */
          if (kind == RUN_WORD && *p == ' ' && !is_space_at (p + 1))
            {
              kind = RUN_WORD_AND_SPACE;
              p++;
              paragraph++;
              text.n_chars++;
            }
          book->runs[book->n_runs++] = (guint16) (run_length << 2 | kind);
          paragraph += run_length;
          text.n_chars += run_length;
          text.longest_paragraph = MAX (text.longest_paragraph, paragraph);
        }
    }
  if (text.from_text)
    measure_text (&text);
  else
    text.n_runs = book->n_runs - text.first_run;

  g_array_append_val (book->texts, text);
  return book->texts->len - 1;
}

guint
upp_export_xlsx_lines_count (UppExportXlsxLines *book,
                             guint               id,
                             double              width)
{
  Text *text = &g_array_index (book->texts, Text, id);
  guint capacity = upp_export_xlsx_lines_capacity (width);
  const guint16 *runs = book->runs + text->first_run;
  guint line = 1;
  guint column = 0;

  if (text->counted_lines > 0 && text->counted_width == width)
    return text->counted_lines;
  if (text->from_text)
    line = upp_export_xlsx_lines_count_text (text->text, width);
  else
    for (gsize i = 0; i < text->n_runs; i++)
      wrap_run (runs[i] & 3, runs[i] >> 2, capacity, &line, &column);
  text->counted_width = width;
  text->counted_lines = line;
  return line;
}

gsize
upp_export_xlsx_lines_get_n_chars (UppExportXlsxLines *book,
                                   guint               id)
{
  return g_array_index (book->texts, Text, id).n_chars;
}

gsize
upp_export_xlsx_lines_get_longest_paragraph (UppExportXlsxLines *book,
                                             guint               id)
{
  return g_array_index (book->texts, Text, id).longest_paragraph;
}
