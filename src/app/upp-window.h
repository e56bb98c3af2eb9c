/* upp-window.h: the main window: rounds → round → unit navigation, toasts, the database
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-application.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_WINDOW (upp_window_get_type ())

G_DECLARE_FINAL_TYPE (UppWindow, upp_window, UPP, WINDOW, AdwApplicationWindow)

UppWindow  *upp_window_new                (UppApplication *application,
                                           const char     *db_path);
/* NULL while the database could not be opened. */
UppStore   *upp_window_get_store          (UppWindow      *self);
AdwToastOverlay *upp_window_get_toast_overlay (UppWindow  *self);
void        upp_window_add_toast          (UppWindow      *self,
                                           AdwToast       *toast);
void        upp_window_show_toast         (UppWindow      *self,
                                           const char     *message);
/* The primary menu every page's header bar shows. */
GMenuModel *upp_window_get_primary_menu   (void);

void        upp_window_show_rounds        (UppWindow      *self);
/* Reloads the rounds list and shows the round with this uuid (NULL: the list). */
void        upp_window_reload             (UppWindow      *self,
                                           const char     *round_uuid);
void        upp_window_show_round         (UppWindow      *self,
                                           UppRound       *round);
/* The interview form for one response; responses (UppResponse) give previous/next. */
void        upp_window_show_response      (UppWindow      *self,
                                           UppRound       *round,
                                           GListModel     *responses,
                                           guint           position);
void        upp_window_go_back            (UppWindow      *self);
/* Asks, then removes the round with an undo toast; deleted for real when the toast goes. */
void        upp_window_delete_round       (UppWindow      *self,
                                           UppRound       *round);
void        upp_window_new_round          (UppWindow      *self);
/* The answers that were changed on two laptops, to be settled. */
void        upp_window_show_conflicts     (UppWindow      *self);
/* Sends answers to a colleague: for a round, a dialog to choose which of its units go in the
 * exchange file; with NULL, the whole database (every round), straight to the file chooser. */
void        upp_window_exchange_export    (UppWindow      *self,
                                           UppRound       *round);
/* Reads a colleague's exchange file, after a preview. */
void        upp_window_exchange_import    (UppWindow      *self);
void        upp_window_edit_round         (UppWindow      *self,
                                           UppRound       *round);
void        upp_window_duplicate_round    (UppWindow      *self,
                                           UppRound       *round);

G_END_DECLS
