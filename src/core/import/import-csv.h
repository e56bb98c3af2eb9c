/* import-csv.h: import of a units-by-questions table saved as CSV by Excel or LibreOffice
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-import-result.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_IMPORT_CSV_ERROR (upp_import_csv_error_quark ())

typedef enum
{
  UPP_IMPORT_CSV_ERROR_UNREADABLE,
  UPP_IMPORT_CSV_ERROR_FORMAT,           /* empty, or a quote never closed */
  UPP_IMPORT_CSV_ERROR_NO_UNITS,         /* no unit column, or no rows */
  UPP_IMPORT_CSV_ERROR_NO_QUESTIONS,     /* no column is matched to a question */
  UPP_IMPORT_CSV_ERROR_UNKNOWN_REGION,
  UPP_IMPORT_CSV_ERROR_SEVERAL_ROUNDS,   /* a long-form export of more than one round */
  UPP_IMPORT_CSV_ERROR_EXISTS,           /* the region already has this round */
} UppImportCsvError;

/* A table as read: the header row and the rows below it, every row as long as the header. */
typedef struct
{
  char       separator;   /* ';', ',' or '\t' as detected */
  const char *encoding;   /* "UTF-8" or "WINDOWS-1252" (or "UTF-16") as detected */
  GPtrArray *header;      /* char * */
  GPtrArray *rows;        /* GPtrArray * of char *; cells keep their line breaks */
  /* Set when the file was this app's long-form export (one row per unit and question) and
   * has been turned into a table of one row per unit; region_name is then its region. */
  gboolean   from_long_form;
  char      *region_name;
  /* The top-left text of rows above the header, when the header is not the first row: a
   * matrix sheet of this app's workbook saved as CSV starts with its heading and the question
   * texts, then the header with "Enhet". NULL otherwise. */
  char      *title;
} UppImportCsvTable;

GQuark upp_import_csv_error_quark (void);

/* Reads CSV text, decoded as upp_text_decode() does (UTF-8 with or without byte order mark,
 * UTF-16 with BOM, or Windows-1252 from older Swedish Excel; a NUL byte is refused);
 * separator ';', ',' or tab by what the header uses (or a "sep=" line); CRLF, LF or CR
 * line ends; quoted cells with separators, quotes and line breaks. The header
 * is the first row, or the second or third when only that one names the unit column.
 * A file that cannot be decoded gives an UPP_TEXT_ERROR. */
UppImportCsvTable *upp_import_csv_table_parse (const char         *data,
                                               gsize               length,
                                               GError            **error);
/* The same for a file; errors name it. */
UppImportCsvTable *upp_import_csv_table_read  (GFile              *file,
                                               GError            **error);
void               upp_import_csv_table_free  (UppImportCsvTable  *table);
/* The cell of row (0-based, below the header) and column, "" outside the table. */
const char        *upp_import_csv_table_get   (UppImportCsvTable  *table,
                                               guint               row,
                                               guint               column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppImportCsvTable, upp_import_csv_table_free)

typedef enum
{
  UPP_IMPORT_CSV_COLUMN_IGNORE,
  UPP_IMPORT_CSV_COLUMN_UNIT,            /* the unit's name as written */
  UPP_IMPORT_CSV_COLUMN_ANSWER,          /* the answer text of question_key */
  UPP_IMPORT_CSV_COLUMN_CHOICES,         /* the chosen choices of question_key, by ; */
  UPP_IMPORT_CSV_COLUMN_STATUS,          /* the response status, by label or key */
  UPP_IMPORT_CSV_COLUMN_INTERVIEW_DATE,  /* YYYY-MM-DD */
  UPP_IMPORT_CSV_COLUMN_MODE,            /* the interview mode, by label or key */
} UppImportCsvColumnRole;

typedef struct
{
  UppImportCsvColumnRole  role;
  char                   *question_key;  /* for ANSWER and CHOICES */
} UppImportCsvColumn;

/* What each column of a table holds; one entry per header cell. */
typedef struct
{
  GArray *columns;  /* UppImportCsvColumn */
} UppImportCsvMapping;

/* Guesses by header: a unit column ("Enhet", "Kommun", "Unit" or else the first column),
 * status, interview date and mode columns as the exports write them, and
 * questions by key, number ("3", "Fråga 3"), "3. Short label", short label or question text
 * (with or without its number); a header ending in " (val)" holds the choices. */
UppImportCsvMapping *upp_import_csv_mapping_guess    (UppImportCsvTable       *table,
                                                      UppTemplate             *template);
void                 upp_import_csv_mapping_set      (UppImportCsvMapping     *mapping,
                                                      guint                    column,
                                                      UppImportCsvColumnRole   role,
                                                      const char              *question_key);
/* Whether the mapping can be imported: a unit column and at least one question. */
gboolean             upp_import_csv_mapping_validate (UppImportCsvMapping     *mapping,
                                                      GError                 **error);
void                 upp_import_csv_mapping_free     (UppImportCsvMapping     *mapping);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppImportCsvMapping, upp_import_csv_mapping_free)

/* The region a table names by itself: its top-left header cell ("Region Dalarna"), the title
 * above the header ("Region Dalarna · Uppföljning LÖK 2025") or, for a long-form export, its
 * region column; NULL when it names none known to the store. */
UppRegion *upp_import_csv_table_find_region (UppImportCsvTable *table,
                                             UppStore          *store);

/* Imports the table as a new round of template (stored) for region (code or name; NULL takes
 * the table's own, see above) and year (0 = this year), in one transaction: unit names are
 * matched to the register as in the Dalarna import, answers stored through the mapping; a
 * coded question's answer that is exactly one of its choices is stored as that choice. A unit
 * with answers is "done" unless a status column says otherwise. The round is titled
 * "<template title> <year>"; the same round twice is refused (UPP_IMPORT_CSV_ERROR_EXISTS). The
 * database is backed up first; on error it is unchanged. */
UppImportResult *upp_import_csv      (UppStore             *store,
                                      UppImportCsvTable    *table,
                                      UppImportCsvMapping  *mapping,
                                      UppTemplate          *template,
                                      int                   year,
                                      const char           *region,
                                      GError              **error);
/* The same with UPP_IMPORT_DRY_RUN: the result says what would be imported. */
UppImportResult *upp_import_csv_full (UppStore             *store,
                                      UppImportCsvTable    *table,
                                      UppImportCsvMapping  *mapping,
                                      UppTemplate          *template,
                                      int                   year,
                                      const char           *region,
                                      UppImportFlags        flags,
                                      GError              **error);

/* Reads file, guesses the mapping, checks it and imports; for the CLI. Two columns whose
 * headings say the same thing are refused. Every error names the file. */
UppImportResult *upp_import_csv_file      (UppStore        *store,
                                           GFile           *file,
                                           const char      *template_key,
                                           int              year,
                                           const char      *region,
                                           GError         **error);
UppImportResult *upp_import_csv_file_full (UppStore        *store,
                                           GFile           *file,
                                           const char      *template_key,
                                           int              year,
                                           const char      *region,
                                           UppImportFlags   flags,
                                           GError         **error);

G_END_DECLS
