/* upp-exchange-export-dialog.h: choose which units of a round to send to a colleague
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_EXCHANGE_EXPORT_DIALOG (upp_exchange_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UppExchangeExportDialog, upp_exchange_export_dialog,
                      UPP, EXCHANGE_EXPORT_DIALOG, AdwWindow)

/* Lists the round's units, all ticked, with how many answers go with the ticked ones;
 * "Choose File…" asks where to save and writes an exchange file of those units (see
 * upp_exchange_actions_export()), reporting in parent's toasts. */
UppExchangeExportDialog *upp_exchange_export_dialog_new (GtkWindow  *parent,
                                                         UppSession *session,
                                                         UppRound   *round);

G_END_DECLS
