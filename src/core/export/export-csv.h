/* export-csv.h: long-form CSV of one or more rounds of a region
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-export.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* The column names of the long form, one row per unit and question. They are identifiers for
 * R and SPSS and are never translated; the CSV import recognises a table with them. Columns
 * added later come last, so that scripts that read by position keep working: the first
 * interview's length in minutes and the respondent check's dates (schema 6). */
#define UPP_EXPORT_CSV_COLUMNS \
  "region", "year", "round", "round_id", "unit", "status", "interview_date", "mode", \
  "participants", "question_number", "question_key", "short_label", "question", \
  "choice_keys", "choices", "answer", "duration_minutes", "check_sent", "check_approved"

/* The separator used when none is given: Swedish Excel reads ';' (',' is the decimal mark). */
#define UPP_EXPORT_CSV_DEFAULT_SEPARATOR ';'

/* The CSV text: UTF-8 with a byte order mark, a header row, CRLF between records, RFC 4180
 * quoting (line breaks inside answers kept), and a ' before any cell that starts with
 * = + - @, tab or carriage return so no spreadsheet runs it as a formula. */
char    *upp_export_csv_to_string (UppExportData  *data,
                                   char            separator,
                                   gsize          *length);

/* Writes the long form of rounds (UppRound *, one region) to path through a temporary file;
 * separator is ';' or ',' (or '\t'). */
gboolean upp_export_csv           (UppStore       *store,
                                   GPtrArray      *rounds,
                                   char            separator,
                                   const char     *path,
                                   GError        **error);

/* Appends one cell, quoted and guarded as described above. */
void     upp_export_csv_append_cell (GString      *out,
                                     const char   *cell,
                                     char          separator);

G_END_DECLS
