/* upp-rounds-page.h: the list of follow-up rounds, or the offer of the example
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ROUNDS_PAGE (upp_rounds_page_get_type ())

G_DECLARE_FINAL_TYPE (UppRoundsPage, upp_rounds_page, UPP, ROUNDS_PAGE, GtkWidget)

UppSession *upp_rounds_page_get_session (UppRoundsPage *self);
/* Shows the rounds of session, as they change. */
void        upp_rounds_page_set_session (UppRoundsPage *self,
                                         UppSession    *session);
/* Hides a round while its deletion can still be undone. */
void        upp_rounds_page_set_hidden  (UppRoundsPage *self,
                                         const char    *uuid,
                                         gboolean       hidden);
void        upp_rounds_page_focus_list  (UppRoundsPage *self);
/* The rounds shown (UppRound): the session's, without those hidden. */
GListModel *upp_rounds_page_get_rounds  (UppRoundsPage *self);

G_END_DECLS
