/* export-xlsx-lines.h: the lines a text takes wrapped in a workbook's column, as the row heights
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
#define UPP_EXPORT_XLSX_CHARS_PER_WIDTH 1.15

/* The characters a line of a column of width holds. */
guint               upp_export_xlsx_lines_capacity    (double              width);

/* Lines text takes wrapped greedily in a column of width: words move to the next line,
 * spaces hang at a line's end, a word longer than a line is cut, and a text over a cell's
 * limit counts as the cells it is split into. */
guint               upp_export_xlsx_lines_count_text  (const char         *text,
                                                       double              width);

/* Splits text into the pieces that rows of a column of width show whole: a new piece starts
 * where the wrapped text would pass max_lines lines or a cell's limit, before a word where
 * there is one. The lines of each piece go to lines. The pieces joined give back text
 * exactly. Free with g_strfreev(). */
char              **upp_export_xlsx_lines_split_text  (const char         *text,
                                                       double              width,
                                                       guint               max_lines,
                                                       GArray             *lines);

/* A book of texts, each read once into its runs of word, space and line-break characters,
 * so that its lines can be counted at several widths without reading it again. The texts
 * are borrowed: they must outlive the book, or its clearing. */
typedef struct _UppExportXlsxLines UppExportXlsxLines;

UppExportXlsxLines *upp_export_xlsx_lines_new         (void);
void                upp_export_xlsx_lines_free        (UppExportXlsxLines *book);
/* Forgets every text, keeping the room they took for the next ones. */
void                upp_export_xlsx_lines_clear       (UppExportXlsxLines *book);
/* Reads text; returns its id in the book. */
guint               upp_export_xlsx_lines_add         (UppExportXlsxLines *book,
                                                       const char         *text);
/* The same as upp_export_xlsx_lines_count_text() of the text; the last width's count is
 * kept. */
guint               upp_export_xlsx_lines_count       (UppExportXlsxLines *book,
                                                       guint               id,
                                                       double              width);
/* Characters, line breaks not counted. */
gsize               upp_export_xlsx_lines_get_n_chars (UppExportXlsxLines *book,
                                                       guint               id);
/* Characters of the longest paragraph (between line breaks). */
gsize               upp_export_xlsx_lines_get_longest_paragraph (UppExportXlsxLines *book,
                                                                 guint               id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppExportXlsxLines, upp_export_xlsx_lines_free)

G_END_DECLS
