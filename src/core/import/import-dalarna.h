/* import-dalarna.h: import of a units-by-questions Word table exported as text
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-import-result.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_IMPORT_DALARNA_ERROR (upp_import_dalarna_error_quark ())

typedef enum
{
  UPP_IMPORT_DALARNA_ERROR_UNREADABLE,
  UPP_IMPORT_DALARNA_ERROR_ENCODING,
  UPP_IMPORT_DALARNA_ERROR_FORMAT,
  UPP_IMPORT_DALARNA_ERROR_UNKNOWN_REGION,
  UPP_IMPORT_DALARNA_ERROR_UNKNOWN_TEMPLATE,
  UPP_IMPORT_DALARNA_ERROR_EXISTS,
} UppImportDalarnaError;

/* One unit's row of the table: its name as written and one cell per question. */
typedef struct
{
  char      *name;
  GPtrArray *cells;  /* char *, exactly as written, line breaks kept */
} UppImportDalarnaRow;

typedef struct
{
  char      *title;  /* the table's top-left cell, e.g. "Region Dalarna" */
  GPtrArray *questions;  /* char *: the header cells with the question texts */
  GPtrArray *rows;   /* UppImportDalarnaRow * */
} UppImportDalarnaTable;

GQuark upp_import_dalarna_error_quark (void);

/* Parses the text layout, decoded as upp_text_decode() does: a tab starts each cell, lines
 * without a leading tab continue the previous cell, a blank line separates units, trailing
 * empty cells may be missing. A file that cannot be decoded gives an UPP_TEXT_ERROR. */
UppImportDalarnaTable *upp_import_dalarna_table_parse (const char             *text,
                                                       gsize                   length,
                                                       GError                **error);
void                   upp_import_dalarna_table_free  (UppImportDalarnaTable  *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppImportDalarnaTable, upp_import_dalarna_table_free)

/* Imports the table as a new round of the region named in its title (year 0 = this year)
 * with the built-in LÖK template; one transaction. Unit names are matched to the register. */
UppImportResult *upp_import_dalarna_file      (UppStore        *store,
                                               GFile           *file,
                                               int              year,
                                               GError         **error);
/* The same with UPP_IMPORT_DRY_RUN: the result says what would be imported. Every error
 * names the file. */
UppImportResult *upp_import_dalarna_file_full (UppStore        *store,
                                               GFile           *file,
                                               int              year,
                                               UppImportFlags   flags,
                                               GError         **error);

/* The example the first start offers, built in as a resource. */
#define UPP_IMPORT_DALARNA_EXAMPLE_URI "resource:///se/uppfoljning/core/dalarna-example.txt"
/* The year of the follow-up the example is. The document is undated; Region Dalarna's
 * regional agreements came into force on 1 July 2021, and its answers tell of local
 * agreements under way a while after: the follow-up of 2022. */
#define UPP_IMPORT_DALARNA_EXAMPLE_YEAR 2022

/* Whether file holds exactly the built-in example, whose import ships coded
 * (UPP_IMPORT_ACCEPT_SUGGESTIONS). */
gboolean               upp_import_dalarna_file_is_example (GFile          *file);

G_END_DECLS
