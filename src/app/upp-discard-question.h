/* upp-discard-question.h: "Save changes?" asked before a window with unsaved work closes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks over window: Keep Editing (the default), Discard (closes window for good) or
 * save_label (activates save_action on window). Call from the window's close-request and
 * return TRUE; upp_discard_question_was_answered () says when closing may go ahead. */
void     upp_discard_question_present      (GtkWindow  *window,
                                            const char *heading,
                                            const char *body,
                                            const char *save_label,
                                            const char *save_action);
/* Whether the user chose Discard for window: close without asking again. */
gboolean upp_discard_question_was_answered (GtkWindow  *window);
/* After a save, the window closes without asking. */
void     upp_discard_question_skip         (GtkWindow  *window);

G_END_DECLS
