/* import-answer.h: what a cell of an imported table means as an answer, one rule for the
 * Word table (import-dalarna.c) and the CSV table (import-csv.c)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "upp-types.h"

G_BEGIN_DECLS

typedef enum
{
  UPP_IMPORT_ANSWER_NONE,      /* nothing to store: the cell is blank */
  UPP_IMPORT_ANSWER_DECLINED,  /* the cell says only that the unit did not answer */
  UPP_IMPORT_ANSWER_GIVEN,     /* text or choices to store */
} UppImportAnswerKind;

/* Whether cell says no more than that no answer came: "Har ej fått in svar", "Inget svar",
 * "Ej svarat", "Svar saknas" and their variants, in any case and spacing, with or without a
 * full stop or parentheses. A longer text that contains such words is an answer. */
gboolean            upp_import_answer_is_no_answer (const char     *cell);

/* The text a cell is stored as: line breaks as they are, white space at the end of each line
 * and blank lines before and after the text dropped (neither shows in Word or Excel, and the
 * two tables carry them differently); "" for a blank cell. */
char               *upp_import_answer_dup_text     (const char     *cell);

/* The answer cell gives question, as both table imports store it. *choices holds the codes a
 * column of their own named (NULL: none) and gets the choice a coded question's cell names
 * exactly by its label; *text gets the text to store, NULL when there is none. */
UppImportAnswerKind upp_import_answer_read         (UppQuestion    *question,
                                                    const char     *cell,
                                                    char          **text,
                                                    char         ***choices);

/* Sets the status a unit gets from its cells: done when one gave an answer, no answer when
 * one said so and none gave an answer; else it stays as the round was made. */
void                upp_import_answer_set_status   (UppResponse    *response,
                                                    gboolean        answered,
                                                    gboolean        declined);

G_END_DECLS
