/* upp-round-page.h: one round: overview, comparison, charts and report in a view switcher
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ROUND_PAGE (upp_round_page_get_type ())

G_DECLARE_FINAL_TYPE (UppRoundPage, upp_round_page, UPP, ROUND_PAGE, GtkWidget)

UppSession *upp_round_page_get_session (UppRoundPage *self);
void        upp_round_page_set_session (UppRoundPage *self,
                                        UppSession   *session);
UppRound   *upp_round_page_get_round   (UppRoundPage *self);
/* Shows round (one of the session's rounds), from its overview. */
void        upp_round_page_set_round   (UppRoundPage *self,
                                        UppRound     *round);
/* The name of the view in front: "overview", "comparison", "charts", "report", "themes",
 * "coding". */
const char *upp_round_page_get_view    (UppRoundPage *self);
/* Puts the view of that name in front; FALSE when there is none of that name. */
gboolean    upp_round_page_show_view   (UppRoundPage *self,
                                        const char   *name);
void        upp_round_page_focus_units (UppRoundPage *self);
void        upp_round_page_focus_unit  (UppRoundPage *self,
                                        guint         position);

G_END_DECLS
