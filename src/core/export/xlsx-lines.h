/* xlsx-lines.h: the lines a text takes wrapped in a workbook's column, as the row heights
 * are estimated (no font is measured: Excel and LibreOffice lay the text out themselves)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters of running text per unit of column width (a unit is the width of a "0" in the
 * default font, Calibri 11, or what LibreOffice puts in its place), on the low side so that
 * an estimated row is never shorter than its text: about 1.35 fit. */
#define UPP_XLSX_CHARS_PER_WIDTH 1.15

/* The characters a line of a column of width holds. */
guint   upp_xlsx_line_capacity   (double      width);

/* Lines text takes wrapped greedily in a column of width: words move to the next line,
 * spaces hang at a line's end, a word longer than a line is cut, and a text over a cell's
 * limit counts as the cells it is split into. */
guint   upp_xlsx_count_lines     (const char *text,
                                  double      width);

/* Splits text into the pieces that rows of a column of width show whole: a new piece starts
 * where the wrapped text would pass max_lines lines or a cell's limit, before a word where
 * there is one. The lines of each piece go to lines. The pieces joined give back text
 * exactly. Free with g_strfreev(). */
char  **upp_xlsx_split_for_rows  (const char *text,
                                  double      width,
                                  guint       max_lines,
                                  GArray     *lines);

/* Texts read once each into their runs of word, space and line-break characters, so that
 * their lines can be counted at several widths without reading them again. The texts are
 * borrowed: they must outlive the book, or its clearing. */
typedef struct _UppXlsxTexts UppXlsxTexts;

UppXlsxTexts *upp_xlsx_texts_new                   (void);
void          upp_xlsx_texts_free                  (UppXlsxTexts *texts);
/* Forgets every text, keeping the room they took for the next ones. */
void          upp_xlsx_texts_clear                 (UppXlsxTexts *texts);
/* Reads text; returns its id in the book. */
guint         upp_xlsx_texts_add                   (UppXlsxTexts *texts,
                                                    const char   *text);
/* The same as upp_xlsx_count_lines() of the text; the last width's count is kept. */
guint         upp_xlsx_texts_count_lines           (UppXlsxTexts *texts,
                                                    guint         id,
                                                    double        width);
/* Characters, line breaks not counted. */
gsize         upp_xlsx_texts_get_n_chars           (UppXlsxTexts *texts,
                                                    guint         id);
/* Characters of the longest paragraph (between line breaks). */
gsize         upp_xlsx_texts_get_longest_paragraph (UppXlsxTexts *texts,
                                                    guint         id);
/* Whether the text is over a cell's limit, and so split into several cells. */
gboolean      upp_xlsx_texts_is_over_cell          (UppXlsxTexts *texts,
                                                    guint         id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppXlsxTexts, upp_xlsx_texts_free)

G_END_DECLS
