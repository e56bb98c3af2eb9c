/* upp-agreement-dialog.h: one agreement of a unit's register, added or edited
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_AGREEMENT_DIALOG (upp_agreement_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UppAgreementDialog, upp_agreement_dialog, UPP, AGREEMENT_DIALOG, AdwWindow)

/* A dialog over parent adding an agreement to unit's register (agreement NULL), or editing
 * agreement; Save writes it and closes, a refused one stays with the store's reason. */
GtkWidget *upp_agreement_dialog_new (GtkWindow    *parent,
                                     UppSession   *session,
                                     UppUnit      *unit,
                                     UppAgreement *agreement);

G_END_DECLS
