/* upp-csv-import-dialog.h: import a units-by-questions CSV table after checking its columns
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_CSV_IMPORT_DIALOG (upp_csv_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UppCsvImportDialog, upp_csv_import_dialog, UPP, CSV_IMPORT_DIALOG, AdwWindow)

/* Lets the user pick a file, template, year and region, shows what each column will be
 * imported as and lets them correct it, then imports with upp_session_import_csv_async()
 * and shows a summary. Emits "imported" with the new round's uuid. */
UppCsvImportDialog *upp_csv_import_dialog_new       (GtkWindow          *parent,
                                                     UppSession         *session);
/* Reads file as if the user had chosen it (also for tests). */
void                upp_csv_import_dialog_load_file (UppCsvImportDialog *self,
                                                     GFile              *file);

G_END_DECLS
