/* upp-coding-view.h: a round's answers to one question, unit under unit, to code passages in
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_CODING_VIEW (upp_coding_view_get_type ())

G_DECLARE_FINAL_TYPE (UppCodingView, upp_coding_view, UPP, CODING_VIEW, GtkWidget)

GtkWidget   *upp_coding_view_new              (void);
UppSession  *upp_coding_view_get_session      (UppCodingView *self);
void         upp_coding_view_set_session      (UppCodingView *self,
                                               UppSession    *session);
/* Shows the round's answers and follows them, and their codings, in the session. */
UppRound    *upp_coding_view_get_round        (UppCodingView *self);
void         upp_coding_view_set_round        (UppCodingView *self,
                                               UppRound      *round);
/* The question whose answers are shown; the round's first until another is chosen. */
const char  *upp_coding_view_get_question_key (UppCodingView *self);
void         upp_coding_view_set_question_key (UppCodingView *self,
                                               const char    *question_key);
/* The text view of a unit's answer on screen, or NULL. */
GtkTextView *upp_coding_view_get_text_view    (UppCodingView *self,
                                               const char    *unit_name);

G_END_DECLS
