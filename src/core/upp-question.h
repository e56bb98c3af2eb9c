/* upp-question.h: one question of a survey template, with its coded choices
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-choice.h"
#include "upp-enums.h"
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

G_END_DECLS
