/* upp-exchange-actions.h: the window's exchange actions: export for exchange, import with a
 * preview, and restoring a backup
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* Called after an import changed the database (store is the same store), or after a restore
 * replaced the database file (store is a new store on it: drop every object of the old one). */
typedef void (*UppExchangeDoneFunc) (UppStore *store,
                                     gpointer  user_data);

/* "Send Answers to a Colleague…" and "Export Everything for Exchange…": asks for a file
 * name and writes the round (uuid), or the whole database when round_uuid is NULL, in a
 * worker thread. unit_uuids, when not NULL, limits the round to those units (and the file
 * name offered says how many). The file chooser belongs to units_dialog when not NULL (the
 * dialog that chose the units, closed once a file is chosen), else to parent. Done: a toast
 * in toasts (or, when NULL, a message); failure: a message on parent. The file is written
 * through a temporary file and a rename, so a failure leaves nothing half-written. */
void upp_exchange_export_for_exchange (GtkWindow           *parent,
                                       UppStore            *store,
                                       const char          *round_uuid,
                                       const char * const  *unit_uuids,
                                       GtkWindow           *units_dialog,
                                       AdwToastOverlay     *toasts);
/* "Import…": asks for an exchange file, says what importing it will do (a dry run), and
 * imports it when the user agrees. done is called after a real import. */
void upp_exchange_import              (GtkWindow           *parent,
                                       UppStore            *store,
                                       UppExchangeDoneFunc  done,
                                       gpointer             user_data);
/* The same without the file chooser, for a file already chosen (drag and drop, tests). */
void upp_exchange_preview_and_import  (GtkWindow           *parent,
                                       UppStore            *store,
                                       const char          *path,
                                       UppExchangeDoneFunc  done,
                                       gpointer             user_data);
/* "Restore Backup…": lists the backups, and after confirmation replaces the database by the
 * chosen one (keeping the current file as a backup too). done gets the new store. */
void upp_exchange_restore_backup      (GtkWindow           *parent,
                                       UppStore            *store,
                                       UppExchangeDoneFunc  done,
                                       gpointer             user_data);
/* The same for a database that could not be opened (damaged): offer its backups. */
void upp_exchange_restore_backup_of_path (GtkWindow        *parent,
                                          const char       *db_path,
                                          UppExchangeDoneFunc done,
                                          gpointer          user_data);

G_END_DECLS
