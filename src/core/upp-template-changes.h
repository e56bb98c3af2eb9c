/* upp-template-changes.h: what became of each question between two versions of a template,
 * as upgrading a round shows it
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "upp-types.h"

G_BEGIN_DECLS

typedef enum
{
  UPP_QUESTION_CHANGE_REWORDED,  /* the same key, another text */
  UPP_QUESTION_CHANGE_RENAMED,   /* a new key for one old question */
  UPP_QUESTION_CHANGE_SPLIT,     /* one of the questions an old one became */
  UPP_QUESTION_CHANGE_MERGED,    /* made of several old questions */
  UPP_QUESTION_CHANGE_NEW,
  UPP_QUESTION_CHANGE_REMOVED,   /* an old question nothing comes from; its answers stay */
} UppQuestionChangeKind;

typedef struct
{
  UppQuestionChangeKind  kind;
  char                  *key;          /* the newer question's, the old one's when removed */
  char                  *number;
  char                 **from_keys;    /* the old questions it comes from, in their order */
  char                 **from_numbers;
} UppQuestionChange;

void        upp_question_change_free        (UppQuestionChange *self);

/* The questions of newer that differ from older, a version before it (versions: the stored
 * versions of the template, for the ones in between), in newer's order, then the removed
 * ones; unchanged questions are left out. Array of UppQuestionChange. */
GPtrArray  *upp_template_list_changes       (UppTemplate       *older,
                                             UppTemplate       *newer,
                                             GPtrArray         *versions);
/* "2b ← 2", "3 ← 3, 4", "7 (new question)", "5 (removed; its answers are kept)". */
char       *upp_question_change_to_string   (UppQuestionChange *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppQuestionChange, upp_question_change_free)

G_END_DECLS
