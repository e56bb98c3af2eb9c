/* upp-codebook-dialog.h: a region's codebook: add, edit, merge and retire themes, and see a
 * theme's coded passages in every round
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_CODEBOOK_DIALOG (upp_codebook_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UppCodebookDialog, upp_codebook_dialog, UPP, CODEBOOK_DIALOG, AdwWindow)

/* The region's codebook on the session's database. */
GtkWidget *upp_codebook_dialog_new        (GtkWindow         *parent,
                                           UppSession        *session,
                                           UppRegion         *region);
/* Shows the theme's page: its details and its coded passages in every round. */
void       upp_codebook_dialog_show_theme (UppCodebookDialog *self,
                                           const char        *theme_uuid);

G_END_DECLS
