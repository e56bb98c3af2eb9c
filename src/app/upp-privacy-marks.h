/* upp-privacy-marks.h: personal data marked as it is typed, in a text view or an entry: a
 * wavy underline and a tooltip that says what it looks like
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"

G_BEGIN_DECLS

/* Called after each check with the text and its matches (UppPrivacyMatch), exceptions left
 * out. */
typedef void (*UppPrivacyMarksChecked) (GtkWidget  *widget,
                                        const char *text,
                                        GArray     *matches,
                                        gpointer    user_data);

/* Marks widget (a GtkTextView, or a GtkEditable such as an AdwEntryRow) from now on, a
 * moment after typing pauses. session, when not NULL, gives the database's words not to
 * share at each check, so the marks follow a changed list; else upp_privacy_marks_set_words
 * () does, or, when neither, the session of the interview form the widget is in. Attaching
 * again changes the session. */
void    upp_privacy_marks_attach            (GtkWidget              *widget,
                                             UppSession             *session);
void    upp_privacy_marks_set_checked_func  (GtkWidget              *widget,
                                             UppPrivacyMarksChecked  func,
                                             gpointer                user_data);
/* The words to flag, and the texts said not to be personal data here; checks at once. */
void    upp_privacy_marks_set_words         (GtkWidget              *widget,
                                             const char * const     *words,
                                             const char * const     *exceptions);
void    upp_privacy_marks_add_exceptions    (GtkWidget              *widget,
                                             const char * const     *texts);
/* The matches in the text now (UppPrivacyMatch), exceptions left out; text_out gets the
 * text when not NULL. */
GArray *upp_privacy_marks_find              (GtkWidget              *widget,
                                             char                  **text_out);
void    upp_privacy_marks_check             (GtkWidget              *widget);
/* Replaces every match by its neutral token, as one step that Ctrl+Z undoes in a text
 * view. */
void    upp_privacy_marks_mask              (GtkWidget              *widget);

G_END_DECLS
