/* upp-round-dialog.h: create or edit a round: year, region, title, template and units
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ROUND_DIALOG (upp_round_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UppRoundDialog, upp_round_dialog, UPP, ROUND_DIALOG, AdwWindow)

/* round NULL creates a new round. Emits "saved" with the round's uuid, then closes. */
UppRoundDialog *upp_round_dialog_new (GtkWindow  *parent,
                                      UppSession *session,
                                      UppRound   *round);

G_END_DECLS
