/* upp-date-row.h: an entry row for a date written YYYY-MM-DD, with a calendar to pick it
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UPP_TYPE_DATE_ROW (upp_date_row_get_type ())

G_DECLARE_FINAL_TYPE (UppDateRow, upp_date_row, UPP, DATE_ROW, AdwEntryRow)

GtkWidget *upp_date_row_new      (void);
/* Whether the text is a date as the store keeps them ("2026-03-14"), or empty. */
gboolean   upp_date_row_is_valid (UppDateRow *self);

G_END_DECLS
