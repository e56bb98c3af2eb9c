/* upp-exchange-actions.h: the window's exchange actions: export for exchange, import with a
 * preview, and restoring a backup
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* "Send Answers to a Colleague…" and "Export Everything for Exchange…": asks for a file
 * name and writes the round (uuid), or the whole database when round_uuid is NULL, with
 * upp_session_exchange_export_async(). unit_uuids, when not NULL, limits the round to those
 * units (and the file name offered says how many). The file chooser belongs to units_dialog
 * when not NULL (the dialog that chose the units, closed once a file is chosen), else to
 * parent. Done: a toast in parent's toasts; failure: a message on parent. The file is written
 * through a temporary file and a rename, so a failure leaves nothing half-written. */
void upp_exchange_actions_export             (GtkWindow          *parent,
                                              UppSession         *session,
                                              const char         *round_uuid,
                                              const char * const *unit_uuids,
                                              GtkWindow          *units_dialog);
/* The same, the file encrypted with passphrase (NULL: not encrypted) and named
 * *.uppkrypt. The passphrase is copied for the job and cleared from memory after it. */
void upp_exchange_actions_export_encrypted   (GtkWindow          *parent,
                                              UppSession         *session,
                                              const char         *round_uuid,
                                              const char * const *unit_uuids,
                                              GtkWindow          *units_dialog,
                                              const char         *passphrase);
/* The same without the file chooser, to path as it is (tests). */
void upp_exchange_actions_export_to          (GtkWindow          *parent,
                                              UppSession         *session,
                                              const char         *round_uuid,
                                              const char * const *unit_uuids,
                                              const char         *passphrase,
                                              const char         *path);
/* "Import…": asks for an exchange file, says what importing it will do (a dry run), and
 * imports it when the user agrees; then says how it went: a message when the file brought
 * conflicts, and a toast "N conflicts … Resolve" (win.conflicts) while any are unsettled. */
void upp_exchange_actions_import             (GtkWindow          *parent,
                                              UppSession         *session);
/* The same without the file chooser, for a file already chosen (drag and drop, tests). An
 * encrypted file asks for its passphrase first; a wrong one asks again, Cancel changes
 * nothing. */
void upp_exchange_actions_preview_and_import (GtkWindow          *parent,
                                              UppSession         *session,
                                              const char         *path);
/* "Restore Backup…": lists the backups, and after confirmation replaces the database by the
 * chosen one (keeping the current file as a backup too) with upp_session_restore_async(),
 * which opens the session again. Works also when the session could not open its database
 * (damaged): its backups are offered. */
void upp_exchange_actions_restore_backup     (GtkWindow          *parent,
                                              UppSession         *session);

G_END_DECLS
