/* upp-cursor-follow.h: a text view that grows with its text inside a scrolled page keeps
 * its cursor in view while it is typed in
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* From now on, while view has the focus, every edit and cursor move scrolls the nearest
 * GtkScrolledWindow around it (once the view has its new size) so that the line with the
 * cursor is on screen. The view itself has no scrolled window: it grows with its text. */
void upp_cursor_follow_attach (GtkTextView *view);

G_END_DECLS
