/* upp-response-form.h: the interview form of one unit, saved as it is typed
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_RESPONSE_FORM (upp_response_form_get_type ())

G_DECLARE_FINAL_TYPE (UppResponseForm, upp_response_form, UPP, RESPONSE_FORM, GtkWidget)

UppSession *upp_response_form_get_session  (UppResponseForm *self);
void        upp_response_form_set_session  (UppResponseForm *self,
                                            UppSession      *session);
UppRound   *upp_response_form_get_round    (UppResponseForm *self);
void        upp_response_form_set_round    (UppResponseForm *self,
                                            UppRound        *round);
/* Shows the response at position of the round's responses (upp_session_dup_responses());
 * the others are reached with previous/next unit. */
void        upp_response_form_set_position (UppResponseForm *self,
                                            guint            position);
/* The position of the unit shown in the round's responses, as they are now. */
guint       upp_response_form_get_position (UppResponseForm *self);
/* Saves at once whatever is still waiting to be saved. */
gboolean    upp_response_form_flush        (UppResponseForm *self);
void        upp_response_form_focus_first  (UppResponseForm *self);
/* Focuses the answer to the question with characters start to end of its text selected and
 * in view (a search hit); FALSE when the form has no such question. */
gboolean    upp_response_form_select_answer (UppResponseForm *self,
                                             const char      *question_key,
                                             int              start,
                                             int              end);
/* The same for the note of one of the unit's further interviews; FALSE when it has none. */
gboolean    upp_response_form_select_interview_note (UppResponseForm *self,
                                                     const char      *interview_uuid,
                                                     int              start,
                                                     int              end);

G_END_DECLS
