/* upp-suggestions-dialog.h: a round's suggested codes, to accept one by one or all at once
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_SUGGESTIONS_DIALOG (upp_suggestions_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UppSuggestionsDialog, upp_suggestions_dialog, UPP, SUGGESTIONS_DIALOG,
                      AdwWindow)

GtkWidget *upp_suggestions_dialog_new (GtkWindow  *parent,
                                       UppSession *session,
                                       UppRound   *round);

G_END_DECLS
