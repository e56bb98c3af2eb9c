/* upp-export-actions.h: export a round to Excel or CSV from the window, through the session
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* Asks where to save (a GtkFileChooserNative with a name from region, title and year), then
 * exports round with upp_session_export_async(). A toast with a progress bar appears in
 * parent's toasts when it takes longer than a moment; when done, a toast "Exported …" with
 * "Open", or one with the error. format is "xlsx" or "csv". */
void upp_export_actions_run (GtkWindow  *parent,
                             UppSession *session,
                             UppRound   *round,
                             const char *format);

/* The same without asking: exports to path (a local file) and reports with toasts. */
void upp_export_actions_export_to (GtkWindow  *parent,
                                   UppSession *session,
                                   UppRound   *round,
                                   const char *format,
                                   const char *path);

/* "Region Dalarna – Uppföljning LÖK 2025.xlsx": the file name offered; free with g_free().
 * Every export names its file so (upp_files_dup_round_export_name ()). */
char *upp_export_actions_dup_default_name (UppRound   *round,
                                           const char *format);

/* The folder of the last export of any kind (a URI), kept in GSettings across restarts;
 * NULL before the first. */
char *upp_export_actions_dup_last_folder      (void);
/* Remembers the folder of file, just chosen to export to. */
void  upp_export_actions_remember_folder      (GFile          *file);
/* Opens chooser in the folder of the last export, when it is still there. */
void  upp_export_actions_start_in_last_folder (GtkFileChooser *chooser);

G_END_DECLS
