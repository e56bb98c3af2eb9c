/* upp-question.h: one question of a survey template, with its coded choices
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-choice.h"
#include "upp-enums.h"
#include "upp-item-field.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_QUESTION (upp_question_get_type ())

G_DECLARE_FINAL_TYPE (UppQuestion, upp_question, UPP, QUESTION, GObject)

UppQuestion     *upp_question_new             (const char      *key,
                                               const char      *number,
                                               const char      *text,
                                               const char      *short_label,
                                               UppQuestionKind  kind);
const char      *upp_question_get_key         (UppQuestion     *self);
const char      *upp_question_get_number      (UppQuestion     *self);
const char      *upp_question_get_text        (UppQuestion     *self);
const char      *upp_question_get_short_label (UppQuestion     *self);
UppQuestionKind  upp_question_get_kind        (UppQuestion     *self);
/* How lists and headings name the question: "1.1 Avtal/ök" within a part, "3. Utmaningar" in
 * a flat template; with use_short_label its short label when it has one, else its text. */
char            *upp_question_dup_title       (UppQuestion     *self,
                                               gboolean         use_short_label);
void             upp_question_set_text        (UppQuestion     *self,
                                               const char      *text);
void             upp_question_set_short_label (UppQuestion     *self,
                                               const char      *short_label);
void             upp_question_set_number      (UppQuestion     *self,
                                               const char      *number);
void             upp_question_set_kind        (UppQuestion     *self,
                                               UppQuestionKind  kind);
/* Borrowed array of UppChoice; empty for kinds without choices. */
GPtrArray       *upp_question_get_choices     (UppQuestion     *self);
/* Returns the new choice, borrowed, e.g. to set its match phrases. */
UppChoice       *upp_question_add_choice      (UppQuestion     *self,
                                               const char      *key,
                                               const char      *label);
void             upp_question_clear_choices   (UppQuestion     *self);
const UppChoice *upp_question_find_choice     (UppQuestion     *self,
                                               const char      *key);
/* Whether answers to this question carry codes that can be counted. */
gboolean         upp_question_is_coded        (UppQuestion     *self);
/* Where the question came from in the previous version of its template: NULL for the
 * question with the same key, an empty list for a new question, one key when it was renamed
 * or split from that question, several when it merges them. Borrowed. */
const char * const *upp_question_get_from     (UppQuestion     *self);
void             upp_question_set_from        (UppQuestion     *self,
                                               const char * const *from);

/* Template format 2. The key of the section the question belongs to, or "" (borrowed). */
const char      *upp_question_get_section     (UppQuestion     *self);
void             upp_question_set_section     (UppQuestion     *self,
                                               const char      *section);
/* A sub-heading shown above the question within its section, e.g. "Organisation", or "". */
const char      *upp_question_get_heading     (UppQuestion     *self);
void             upp_question_set_heading     (UppQuestion     *self,
                                               const char      *heading);
/* Help text shown with the question, or "". */
const char      *upp_question_get_help        (UppQuestion     *self);
void             upp_question_set_help        (UppQuestion     *self,
                                               const char      *help);
/* The key of the template's shared choice set the choices come from, or NULL when the
 * question lists its own; the template copies the set's choices into the question. */
const char      *upp_question_get_choice_set  (UppQuestion     *self);
void             upp_question_set_choice_set  (UppQuestion     *self,
                                               const char      *choice_set);
/* Borrowed array of UppItemField: the fields beside the answer (Ansvar, Tid). Their values
 * are answers under the key "QUESTION:FIELD" (upp-answer-key.h). */
GPtrArray       *upp_question_get_fields      (UppQuestion     *self);
/* Takes field. */
void             upp_question_add_field       (UppQuestion     *self,
                                               UppItemField    *field);
const UppItemField *upp_question_find_field   (UppQuestion     *self,
                                               const char      *key);
/* Borrowed array of UppItemField: the columns of a question of kind table; each row's cell
 * is an answer under "QUESTION:ROW:COLUMN" (upp-answer-key.h). */
GPtrArray       *upp_question_get_columns     (UppQuestion     *self);
/* Takes column. */
void             upp_question_add_column      (UppQuestion     *self,
                                               UppItemField    *column);
const UppItemField *upp_question_find_column  (UppQuestion     *self,
                                               const char      *key);

G_END_DECLS
