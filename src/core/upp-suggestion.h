/* upp-suggestion.h: a coded choice suggested for an answer text by the choices' match phrases
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_SUGGESTION (upp_suggestion_get_type ())

G_DECLARE_FINAL_TYPE (UppSuggestion, upp_suggestion, UPP, SUGGESTION, GObject)

/* The choices whose match phrases the text matches: the first in template order for a single
 * choice, every one for a multiple-choice question; NULL when none does. response may be NULL
 * (the form asks before it has one to hand). A suggestion is never an answer's code until it
 * is accepted. */
UppSuggestion      *upp_suggestion_new_for_text    (UppQuestion    *question,
                                                    UppResponse    *response,
                                                    const char     *text);
/* The suggestions of a round, by unit then question: every answer of a unit that took part
 * with text and no chosen code whose text a choice's phrases match. */
GPtrArray          *upp_suggestion_list_for_round  (UppStore       *store,
                                                    UppRound       *round,
                                                    GError        **error);
/* Accepts every suggestion of the round as the answers' codes: a backup, then one
 * transaction. n_accepted, when not NULL, gets the number of answers coded; with nothing to
 * accept nothing is written, not even the backup. */
gboolean            upp_suggestion_accept_all      (UppStore       *store,
                                                    UppRound       *round,
                                                    guint          *n_accepted,
                                                    GError        **error);
/* The same answer coded with another of its question's choices instead: the analyst's
 * correction of a suggestion. NULL when the question has no such choice. */
UppSuggestion      *upp_suggestion_new_changed     (UppSuggestion  *self,
                                                    const char     *choice_key);
UppResponse        *upp_suggestion_get_response    (UppSuggestion  *self);
UppQuestion        *upp_suggestion_get_question    (UppSuggestion  *self);
const char         *upp_suggestion_get_question_key (UppSuggestion *self);
/* Keys of the suggested choices, NULL-terminated, in template order. */
const char * const *upp_suggestion_get_choices     (UppSuggestion  *self);
/* The suggested choices' labels, joined with ", ". */
char               *upp_suggestion_dup_label       (UppSuggestion  *self);
/* The words of the text that matched each suggested choice's phrase, joined with "; ". */
char               *upp_suggestion_dup_matched     (UppSuggestion  *self);

G_END_DECLS
