/* upp-response-form.h: the interview form of one unit, saved as it is typed
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_RESPONSE_FORM (upp_response_form_get_type ())

G_DECLARE_FINAL_TYPE (UppResponseForm, upp_response_form, UPP, RESPONSE_FORM, GtkWidget)

/* Shows the response at position of responses (UppResponse of round); the others are
 * reached with previous/next unit. */
void     upp_response_form_set_response (UppResponseForm *self,
                                         UppStore        *store,
                                         UppRound        *round,
                                         GListModel      *responses,
                                         guint            position);
/* Saves at once whatever is still waiting to be saved. */
gboolean upp_response_form_flush        (UppResponseForm *self);
void     upp_response_form_focus_first  (UppResponseForm *self);
/* The position of the unit shown, in the responses it was given. */
guint    upp_response_form_get_position (UppResponseForm *self);

G_END_DECLS
