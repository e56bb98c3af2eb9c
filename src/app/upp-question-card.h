/* upp-question-card.h: one question of the interview form: text, choices, answer, last year
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_QUESTION_CARD (upp_question_card_get_type ())

G_DECLARE_FINAL_TYPE (UppQuestionCard, upp_question_card, UPP, QUESTION_CARD, GtkWidget)

/* Emits "changed" on every edit and "leave" when the focus leaves the card's fields;
 * "code-selection" when the selected words are to be coded (Ctrl+T, the context menu),
 * "remove-coding" (UppCoding) when a coding is to be taken off its passage and
 * "show-history" when the answer's history is asked for. */
GtkWidget   *upp_question_card_new          (UppQuestion     *question);
UppQuestion *upp_question_card_get_question (UppQuestionCard *self);
/* Shows an answer without emitting "changed"; NULL clears. */
void         upp_question_card_set_answer   (UppQuestionCard *self,
                                             UppAnswer       *answer);
/* The same unit's answer in the previous round, open or closed as the officer last left one
 * (a setting), with a button that copies it into the answer; NULL hides it. */
void         upp_question_card_set_previous (UppQuestionCard *self,
                                             UppAnswer       *answer,
                                             const char      *round_label);
char        *upp_question_card_dup_text     (UppQuestionCard *self);
/* The ticked choice keys; free with g_strfreev(). */
char       **upp_question_card_dup_choices  (UppQuestionCard *self);
GtkWidget   *upp_question_card_get_text_view (UppQuestionCard *self);
/* The officer's current editing of the answer, from the first change until the focus leaves
 * the card (the store keeps an editing as one version); NULL between editings. */
const char  *upp_question_card_get_editing  (UppQuestionCard *self);
/* What to flag as personal data beside identity numbers, phones and e-mail addresses: the
 * database's words not to share, and the texts in this answer the officer said are none.
 * Emits "not-personal" (a strv of the texts) when the officer says so of more. */
void         upp_question_card_set_privacy  (UppQuestionCard    *self,
                                             const char * const *words,
                                             const char * const *exceptions);
/* The button the answer's history pops up from. */
GtkWidget   *upp_question_card_get_history_button (UppQuestionCard *self);
/* Highlights the coded passages of the answer (UppCoding; themes: the session's). */
void         upp_question_card_set_codings  (UppQuestionCard *self,
                                             GPtrArray       *codings,
                                             GListModel      *themes);
/* Item fields and table rows (template format 2): makes their editors on the first call and
 * shows the response's values (NULL: none) without emitting. Emits "item-changed" (the
 * answer key, upp-answer-key.h) when one of them changes; the form then asks for the answer
 * to store under that key. */
void         upp_question_card_set_items    (UppQuestionCard *self,
                                             UppTemplate     *template,
                                             UppResponse     *response);
/* FALSE when the key is not one of the card's fields, rows or cells, or its value is not one
 * to store yet (a date half typed). choices may be set to NULL. */
gboolean     upp_question_card_dup_item_answer (UppQuestionCard   *self,
                                                const char        *answer_key,
                                                char             **text,
                                                char            ***choices);
/* The entry of an item field or the text view of a cell, by its answer key; NULL when the
 * card has none. */
GtkWidget   *upp_question_card_get_item_widget (UppQuestionCard *self,
                                                const char      *answer_key);
/* The UppItemFieldsEditor and UppTableRowsEditor of the card, or NULL. */
GtkWidget   *upp_question_card_get_fields_editor (UppQuestionCard *self);
GtkWidget   *upp_question_card_get_table_editor  (UppQuestionCard *self);

G_END_DECLS
