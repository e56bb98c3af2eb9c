/* upp-window.h: the main window: a navigation shell around the session's pages
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages navigate with the window's actions, never by calling it:
 *   win.show-rounds, win.show-round (s: round uuid), win.show-response ((su): round uuid and
 *   position in upp_session_dup_responses()), win.back, win.new-round, win.edit-round (s),
 *   win.duplicate-round (s), win.delete-round (s), win.exchange-export (s: round uuid, "" for
 *   everything), win.exchange-import, win.import-csv, win.conflicts, win.templates,
 *   win.restore-backup, win.open-database, win.show-help-overlay, win.search (Ctrl+F: every
 *   round's answers), win.show-answer ((sssii): round uuid, unit uuid, question key, first and
 *   last character to select).
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"

G_BEGIN_DECLS

#define UPP_TYPE_WINDOW (upp_window_get_type ())

G_DECLARE_FINAL_TYPE (UppWindow, upp_window, UPP, WINDOW, AdwApplicationWindow)

UppWindow  *upp_window_new         (GtkApplication *application,
                                    const char     *db_path);
/* The session on the open database (it has no store when that could not be opened). */
UppSession *upp_window_get_session (UppWindow      *self);

G_END_DECLS
