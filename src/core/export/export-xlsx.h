/* export-xlsx.h: Excel workbook of one or more rounds of a region (libxlsxwriter)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-export.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* Called from the exporting thread with the share done so far, 0.0 to 1.0. */
typedef void (*UppExportProgressFunc) (double   fraction,
                                       gpointer user_data);

/* Writes a workbook of rounds (UppRound *, one region, any order; sorted by year):
 *  - "Matrix" (one per round when there are several): a row per unit, a column per question
 *    (coded questions get a column of chosen choices before the text), status, interview
 *    date and mode; question texts in the first row, short labels with autofilter in the
 *    second, panes frozen below them and right of the unit;
 *  - "Summary": per coded question and for the response status, units per choice and round,
 *    each table with a column chart beside it;
 *  - one long-form sheet per question: year, round, unit, status, … , answer;
 *  - "About": region, rounds, templates, export time and counts.
 * Every answer is written as a string (never a formula); an answer longer than a cell holds
 * continues in further cells of its long-form sheet and is flagged in the matrix. The file
 * appears at path only when complete. */
gboolean upp_export_xlsx                (UppStore               *store,
                                         GPtrArray              *rounds,
                                         const char             *path,
                                         GError                **error);
/* The same with progress reports and cancellation (G_IO_ERROR_CANCELLED). */
gboolean upp_export_xlsx_full           (UppStore               *store,
                                         GPtrArray              *rounds,
                                         const char             *path,
                                         UppExportProgressFunc   progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GError                **error);

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not starting or
 * ending with ', and unique case-insensitively among used (char * keys, casefolded); the
 * name is added to used. */
char    *upp_export_xlsx_make_sheet_name (const char            *wanted,
                                          GHashTable            *used);

/* The longest text one cell holds (Excel's limit, counted in UTF-16 units). */
#define UPP_EXPORT_XLSX_CELL_MAX 32767

/* Splits text into pieces of at most UPP_EXPORT_XLSX_CELL_MAX, at character boundaries;
 * one piece when it fits. Free with g_strfreev(). */
char   **upp_export_xlsx_split_cell_text (const char            *text);

G_END_DECLS
