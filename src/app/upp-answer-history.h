/* upp-answer-history.h: the popover that shows an answer's versions and restores one
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ANSWER_HISTORY (upp_answer_history_get_type ())

G_DECLARE_FINAL_TYPE (UppAnswerHistory, upp_answer_history, UPP, ANSWER_HISTORY, GtkPopover)

/* Emits "restore" (gint64: the version's id in the store) when the user restores a version. */
GtkWidget *upp_answer_history_new          (void);
/* Shows the versions (UppAnswerVersion, oldest first, the last the answer's value now) of the
 * answer to question, newest at the top, with the changes of the selected one against the
 * version before it. device: this computer's dator-id. */
void       upp_answer_history_set_versions (UppAnswerHistory *self,
                                            UppQuestion      *question,
                                            GPtrArray        *versions,
                                            const char       *device);
/* The rows shown, newest first: for tests. */
guint      upp_answer_history_get_n_rows   (UppAnswerHistory *self);
void       upp_answer_history_select_row   (UppAnswerHistory *self,
                                            guint             index);
GtkTextView *upp_answer_history_get_changes_view (UppAnswerHistory *self);

G_END_DECLS
