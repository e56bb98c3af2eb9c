/* upp-coding-highlight.h: coded passages shown in a text view: highlights and their menu
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* Highlights each coding (UppCoding of this answer) in buffer with its theme's colour, or
 * its kind's (themes: the session's UppTheme model); replaces what was highlighted before.
 * The highlights are text tags, so they move with the text while it is typed. */
void       upp_coding_highlight_apply          (GtkTextBuffer *buffer,
                                                GPtrArray     *codings,
                                                GListModel    *themes);
/* The codings highlighted from start up to end (a place when equal), each once, in their
 * order of highlighting. Array of UppCoding. */
GPtrArray *upp_coding_highlight_dup_codings_in (GtkTextBuffer     *buffer,
                                                const GtkTextIter *start,
                                                const GtkTextIter *end);
/* The highlighted coding with this uuid, or NULL (transfer none). */
UppCoding *upp_coding_highlight_find_coding    (GtkTextBuffer *buffer,
                                                const char    *uuid);
/* Gives text_view a context menu item for code_action and, for each coding at the cursor,
 * one to remove it (remove_action with the coding's uuid), kept up to date as the cursor
 * moves; a tooltip over a coded passage names its themes. */
void       upp_coding_highlight_attach         (GtkTextView   *text_view,
                                                const char    *code_action,
                                                const char    *remove_action);
/* Where the selection is, in widget's coordinates, to point a popover at; FALSE without a
 * selection. start and end are its characters. */
gboolean   upp_coding_highlight_get_selection  (GtkTextView   *text_view,
                                                GtkWidget     *widget,
                                                guint         *start,
                                                guint         *end,
                                                GdkRectangle  *area);

G_END_DECLS
