/* upp-round-page.h: one round: overview, comparison, charts and report in a view switcher
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"  /* TODO(shell) */
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ROUND_PAGE (upp_round_page_get_type ())

G_DECLARE_FINAL_TYPE (UppRoundPage, upp_round_page, UPP, ROUND_PAGE, GtkWidget)

void      upp_round_page_set_round (UppRoundPage *self,
                                    UppStore     *store,
                                    UppSession   *session,  /* TODO(shell) */
                                    UppRound     *round);
UppRound *upp_round_page_get_round (UppRoundPage *self);
void      upp_round_page_focus_units (UppRoundPage *self);
void      upp_round_page_focus_unit  (UppRoundPage *self,
                                      guint         position);
/* Reads the round's answers again, after the interview form changed them. */
void      upp_round_page_refresh   (UppRoundPage *self);

G_END_DECLS
