/* upp-answer-key.h: the keys under which item fields and table rows are stored as answers
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-item-field.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* Everything a response holds is an answer under a key, so history, the exchange's merge,
 * conflicts and search work alike for all of it. Beside the question's own answer
 * (key "QUESTION"):
 *
 *   QUESTION:FIELD          the value of an item field (Ansvar, Tid); a choice field's value
 *                           is its choice, in the answer's choices
 *   QUESTION:ROW            a row of a table question; its text is the row's sort position,
 *                           a decimal number, or "removed" once the row was removed
 *   QUESTION:ROW:COLUMN     the text of one cell
 *
 * ROW is a short random id made when the row is added, so rows added on two computers never
 * collide. Keys of templates, questions and fields never hold ":" (upp_template_key_is_valid). */
#define UPP_ANSWER_KEY_SEPARATOR ":"
/* The text of a removed row's answer. */
#define UPP_TABLE_ROW_REMOVED "removed"

typedef enum
{
  UPP_ANSWER_KEY_QUESTION,
  UPP_ANSWER_KEY_FIELD,
  UPP_ANSWER_KEY_TABLE_ROW,
  UPP_ANSWER_KEY_TABLE_CELL,
} UppAnswerKeyKind;

char     *upp_answer_key_for_field  (const char          *question_key,
                                     const char          *field_key);
char     *upp_answer_key_for_row    (const char          *question_key,
                                     const char          *row_id);
char     *upp_answer_key_for_cell   (const char          *question_key,
                                     const char          *row_id,
                                     const char          *column_key);
/* A new row id: eight random lower-case letters and digits. */
char     *upp_answer_key_new_row_id (void);
/* Whether row_id has the form of a row id (as a key: not empty, no separator). */
gboolean  upp_answer_key_is_row_id  (const char          *row_id);

/* What key stands for in template: the question, and for a field its field, for a row its
 * row id, for a cell its row id and column. FALSE when the template has no such question,
 * field or column (or the key is not of this grammar). Every output may be NULL; question
 * and field are borrowed from template, row_id is a new string or NULL. */
gboolean  upp_answer_key_resolve    (UppTemplate         *template,
                                     const char          *key,
                                     UppAnswerKeyKind    *kind,
                                     UppQuestion        **question,
                                     const UppItemField **field,
                                     char               **row_id);
/* What key stands for as a user reads it: "1.1 Avtal/ök", "1.1 Avtal/ök – Ansvar", "1 Mål,
 * aktivitet och utfall – Mål" for a cell; NULL when template has no such question. */
char     *upp_answer_key_dup_title  (UppTemplate         *template,
                                     const char          *key);
/* Whether text is a row's position (a decimal number) or the removal mark. */
gboolean  upp_answer_key_is_row_text (const char         *text);
/* A row's text: its position as a decimal number, or the removal mark for NAN. */
char     *upp_answer_key_dup_row_text (double             position);

G_END_DECLS
