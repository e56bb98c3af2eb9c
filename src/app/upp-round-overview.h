/* upp-round-overview.h: a round's units with status, interview date and answers, and gaps
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ROUND_OVERVIEW (upp_round_overview_get_type ())

G_DECLARE_FINAL_TYPE (UppRoundOverview, upp_round_overview, UPP, ROUND_OVERVIEW, GtkWidget)

UppSession *upp_round_overview_get_session   (UppRoundOverview *self);
void        upp_round_overview_set_session   (UppRoundOverview *self,
                                              UppSession       *session);
UppRound   *upp_round_overview_get_round     (UppRoundOverview *self);
/* Shows the round's responses as the session keeps them, following every change. */
void        upp_round_overview_set_round     (UppRoundOverview *self,
                                              UppRound         *round);
/* Puts the keyboard focus on the units, so Return opens the first one. */
void        upp_round_overview_focus_units   (UppRoundOverview *self);
/* Focuses the row of one unit, e.g. the one whose form was just left. */
void        upp_round_overview_focus_unit    (UppRoundOverview *self,
                                              guint             position);
/* UppResponse of the round, by unit name: the session's live model (NULL without a round). */
GListModel *upp_round_overview_get_responses (UppRoundOverview *self);

G_END_DECLS
