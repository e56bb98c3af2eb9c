/* upp-response.h: one unit's response in a round: status, interview and answers
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-enums.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_RESPONSE (upp_response_get_type ())

G_DECLARE_FINAL_TYPE (UppResponse, upp_response, UPP, RESPONSE, GObject)

UppResponse       *upp_response_new                   (UppUnit           *unit);
/* A response that already has its uuid (read from the store or a file). */
UppResponse       *upp_response_new_with_uuid         (UppUnit           *unit,
                                                       const char        *uuid);
gint64             upp_response_get_id                (UppResponse       *self);
void               upp_response_set_id                (UppResponse       *self,
                                                       gint64             id);
const char        *upp_response_get_uuid              (UppResponse       *self);
void               upp_response_set_uuid              (UppResponse       *self,
                                                       const char        *uuid);
UppUnit           *upp_response_get_unit              (UppResponse       *self);
/* Shortcut for the unit's name, also the "unit-name" property for list views. */
const char        *upp_response_get_unit_name         (UppResponse       *self);
UppResponseStatus  upp_response_get_status            (UppResponse       *self);
void               upp_response_set_status            (UppResponse       *self,
                                                       UppResponseStatus  status);
/* "YYYY-MM-DD" or "" when no date is set. */
const char        *upp_response_get_interview_date    (UppResponse       *self);
void               upp_response_set_interview_date    (UppResponse       *self,
                                                       const char        *date);
UppInterviewMode   upp_response_get_mode              (UppResponse       *self);
void               upp_response_set_mode              (UppResponse       *self,
                                                       UppInterviewMode   mode);
int                upp_response_get_participant_count (UppResponse       *self);
void               upp_response_set_participant_count (UppResponse       *self,
                                                       int                count);
/* Free text, e.g. "enhetschef, verksamhetsutvecklare". */
const char        *upp_response_get_participant_roles (UppResponse       *self);
void               upp_response_set_participant_roles (UppResponse       *self,
                                                       const char        *roles);
/* The first interview's length in minutes, 0 when not noted. */
int                upp_response_get_duration_minutes  (UppResponse       *self);
void               upp_response_set_duration_minutes  (UppResponse       *self,
                                                       int                minutes);
/* The respondent check: the date the written summary of the interview was sent back to the
 * unit for checking, and the date the unit approved it; "YYYY-MM-DD" or "". */
const char        *upp_response_get_check_sent        (UppResponse       *self);
void               upp_response_set_check_sent        (UppResponse       *self,
                                                       const char        *date);
const char        *upp_response_get_check_approved    (UppResponse       *self);
void               upp_response_set_check_approved    (UppResponse       *self,
                                                       const char        *date);
/* Whether a first interview was held, as far as its details say (a date, a mode or a
 * length): the method chapter counts interviews held, not units with an answer. */
gboolean           upp_response_has_interview         (UppResponse       *self);
const char        *upp_response_get_modified          (UppResponse       *self);
void               upp_response_set_modified          (UppResponse       *self,
                                                       const char        *modified);
/* The answer to the question with this key, or NULL when there is none yet. */
UppAnswer         *upp_response_get_answer            (UppResponse       *self,
                                                       const char        *question_key);
/* The answer this response, asked with response_template, gave to what question key of
 * template asks (another version of the same template): through the questions' mapping, with
 * the answers of merged questions joined. A new reference, or NULL when there is none. */
UppAnswer         *upp_response_dup_mapped_answer     (UppResponse       *self,
                                                       UppTemplate       *response_template,
                                                       UppTemplate       *template,
                                                       GPtrArray         *versions,
                                                       const char        *question_key);
/* Item fields and table rows (template format 2), read from the answers under derived keys
 * (upp-answer-key.h). The value of an item field: a choice field's choice key, another
 * field's text; NULL when it was never set. */
char              *upp_response_dup_field_value       (UppResponse       *self,
                                                       const char        *question_key,
                                                       const char        *field_key);
/* The ids of the rows of a table question, in order of their positions (ties by id, as when
 * two computers each added a row); removed rows are left out. */
char             **upp_response_list_table_rows       (UppResponse       *self,
                                                       const char        *question_key);
/* The position of a row (the number its order follows), or NAN for no such row or a
 * removed one. */
double             upp_response_get_table_row_position (UppResponse      *self,
                                                        const char       *question_key,
                                                        const char       *row_id);
/* The text of a cell, borrowed; "" when it is empty or was never set. */
const char        *upp_response_get_table_cell        (UppResponse       *self,
                                                       const char        *question_key,
                                                       const char        *row_id,
                                                       const char        *column_key);
/* The question's item fields that hold a value, as a reader sees them: "Ansvar: Socialchef ·
 * Tid: vt 2027" (a choice field by its label); NULL when none does. */
char              *upp_response_dup_fields_text       (UppResponse       *self,
                                                       UppQuestion       *question);
/* A table question's rows as text, one line per row in order, its non-empty cells joined by
 * " — "; NULL when no row has text. */
char              *upp_response_dup_table_text        (UppResponse       *self,
                                                       UppQuestion       *question);
/* Adds or replaces the answer to its question. */
void               upp_response_take_answer           (UppResponse       *self,
                                                       UppAnswer         *answer);
/* Lets go of every answer: what an export does with a round it has written (the answers'
 * texts are most of its memory). */
void               upp_response_clear_answers         (UppResponse       *self);
/* How many of the template's questions have a non-empty answer. */
guint              upp_response_count_answered        (UppResponse       *self,
                                                       UppTemplate       *template);
/* Whether the unit counts as answered in its round's progress: done or approved, or not
 * declined and with an answer to one of the template's questions (an answer kept for a key
 * the template does not have does not count). The store's count in upp_store_list_rounds ()
 * is the same rule in SQL. */
gboolean           upp_response_counts_as_answered    (UppResponse       *self,
                                                       UppTemplate       *template);

/* Whether other (the same response read again) holds the same details and answers. */
gboolean           upp_response_same_content          (UppResponse       *self,
                                                       UppResponse       *other);

G_END_DECLS
