/* upp-round-row.h: one round in the rounds list: year, region, title, progress
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ROUND_ROW (upp_round_row_get_type ())

G_DECLARE_FINAL_TYPE (UppRoundRow, upp_round_row, UPP, ROUND_ROW, GtkWidget)

GtkWidget *upp_round_row_new       (void);
void       upp_round_row_set_round (UppRoundRow *self,
                                    UppRound    *round);

/* "8 of 11 answered", shared by the list and the round overview. */
char      *upp_round_row_format_progress     (guint        n_answered,
                                    guint        n_total);

G_END_DECLS
