/* upp-scroll-into-view.h: a widget just added to a scrolled page, shown once it is laid out
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Scrolls the nearest GtkScrolledWindow around widget so that widget is in view (its top at
 * least), and focus (a field in it, or NULL) too, once widget has its size: a row that was
 * just added, or a card opening, is not laid out yet when it is focused, so the scrolled
 * window's own move to the focus comes too early. It follows the widget for the frames it
 * takes to settle; a later call for the same scrolled window replaces an earlier one. */
void upp_scroll_into_view_when_laid_out (GtkWidget *widget,
                                         GtkWidget *focus);

G_END_DECLS
