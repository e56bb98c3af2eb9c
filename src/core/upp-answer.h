/* upp-answer.h: one unit's answer to one question: text, chosen codes, when and where
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ANSWER (upp_answer_get_type ())

G_DECLARE_FINAL_TYPE (UppAnswer, upp_answer, UPP, ANSWER, GObject)

UppAnswer          *upp_answer_new              (const char         *question_key);
/* An answer that already has its uuid (read from the store or a file). */
UppAnswer          *upp_answer_new_with_uuid    (const char         *question_key,
                                                 const char         *uuid);
const char         *upp_answer_get_uuid         (UppAnswer          *self);
void                upp_answer_set_uuid         (UppAnswer          *self,
                                                 const char         *uuid);
const char         *upp_answer_get_question_key (UppAnswer          *self);
/* Never NULL; "" when only codes were chosen. */
const char         *upp_answer_get_text         (UppAnswer          *self);
void                upp_answer_set_text         (UppAnswer          *self,
                                                 const char         *text);
/* Keys of the chosen choices, NULL-terminated, borrowed; empty when none. */
const char * const *upp_answer_get_choices      (UppAnswer          *self);
void                upp_answer_set_choices      (UppAnswer          *self,
                                                 const char * const *choices);
/* The first chosen key, or NULL: the code of a single-choice question. */
const char         *upp_answer_get_choice       (UppAnswer          *self);
/* ISO 8601 UTC time of the last change, e.g. "2026-11-23T16:31:21.123456Z". */
const char         *upp_answer_get_modified     (UppAnswer          *self);
void                upp_answer_set_modified     (UppAnswer          *self,
                                                 const char         *modified);
/* The device id of the database where the last change was made. */
const char         *upp_answer_get_device       (UppAnswer          *self);
void                upp_answer_set_device       (UppAnswer          *self,
                                                 const char         *device);
/* Whether there is text (not only white space) or at least one code. */
gboolean            upp_answer_is_empty         (UppAnswer          *self);

G_END_DECLS
