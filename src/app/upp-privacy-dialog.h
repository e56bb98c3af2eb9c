/* upp-privacy-dialog.h: the check before a round's data leaves the computer, and the dialog
 * that lists what looks like personal data
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_PRIVACY_DIALOG (upp_privacy_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UppPrivacyDialog, upp_privacy_dialog, UPP, PRIVACY_DIALOG,
                      AdwMessageDialog)

/* Looks for personal data in the round with round_uuid (NULL: every round, for an exchange
 * file of everything) on a worker thread. None: the callback runs with TRUE and no dialog is
 * shown. Some: a dialog on parent lists it, with "Mask All" (masked in the database, then
 * TRUE), "Export Anyway" (TRUE), "Go To" on each match (opens the answer in the form; FALSE)
 * and Cancel (FALSE). */
void     upp_privacy_dialog_check_async  (GtkWindow          *parent,
                                          UppSession         *session,
                                          const char         *round_uuid,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
/* TRUE: the export goes on. FALSE with error when the check or the masking failed, FALSE
 * without when the user stopped it. */
gboolean upp_privacy_dialog_check_finish (GAsyncResult       *result,
                                          GError            **error);

/* "Words Not to Share…": the database's list of words and names to flag, to add to and
 * remove from; the form on screen marks by the new list at once. */
void     upp_privacy_dialog_edit_words   (GtkWindow          *parent,
                                          UppSession         *session);

G_END_DECLS
