/* upp-answer-version.h: one saved value of an answer, as its history keeps it
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-enums.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ANSWER_VERSION (upp_answer_version_get_type ())

G_DECLARE_FINAL_TYPE (UppAnswerVersion, upp_answer_version, UPP, ANSWER_VERSION, GObject)

UppAnswerVersion   *upp_answer_version_new          (void);
gint64              upp_answer_version_get_id       (UppAnswerVersion    *self);
void                upp_answer_version_set_id       (UppAnswerVersion    *self,
                                                     gint64               id);
const char         *upp_answer_version_get_text     (UppAnswerVersion    *self);
void                upp_answer_version_set_text     (UppAnswerVersion    *self,
                                                     const char          *text);
/* The chosen choices' keys, never NULL. */
const char * const *upp_answer_version_get_choices  (UppAnswerVersion    *self);
void                upp_answer_version_set_choices  (UppAnswerVersion    *self,
                                                     const char * const  *choices);
/* When it was saved: ISO 8601 UTC; the last save of an editing for one made in the form. */
const char         *upp_answer_version_get_modified (UppAnswerVersion    *self);
void                upp_answer_version_set_modified (UppAnswerVersion    *self,
                                                     const char          *modified);
/* The dator-id of the computer it was saved on. */
const char         *upp_answer_version_get_device   (UppAnswerVersion    *self);
void                upp_answer_version_set_device   (UppAnswerVersion    *self,
                                                     const char          *device);
/* Who saved it, as the computer's account names them; "" when not known. */
const char         *upp_answer_version_get_author   (UppAnswerVersion    *self);
void                upp_answer_version_set_author   (UppAnswerVersion    *self,
                                                     const char          *author);
UppAnswerOrigin     upp_answer_version_get_origin   (UppAnswerVersion    *self);
void                upp_answer_version_set_origin   (UppAnswerVersion    *self,
                                                     UppAnswerOrigin      origin);
/* The choices as the database and exchange files hold them, keys joined by "\n". */
char               *upp_answer_version_dup_joined_choices (UppAnswerVersion *self);

G_END_DECLS
