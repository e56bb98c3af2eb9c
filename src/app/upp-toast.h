/* upp-toast.h: toasts from any widget, without knowing the window
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The window that shows toasts says where (its AdwToastOverlay). */
void upp_toast_set_overlay (GtkWindow       *window,
                            AdwToastOverlay *overlay);
/* Shows toast in the overlay around widget, or else in that of its window or the window the
 * dialog it is in belongs to; takes the toast. Logged when there is none (tests). */
void upp_toast_add         (GtkWidget       *widget,
                            AdwToast        *toast);
void upp_toast_show        (GtkWidget       *widget,
                            const char      *message);
/* The same for an overlay of a view's own. */
void upp_toast_add_to      (AdwToastOverlay *overlay,
                            AdwToast        *toast);
/* A toast for a file just written, whose Open button opens it in the app the desktop has
 * for it (the action "toast.open-file", its URI the target). */
AdwToast *upp_toast_new_for_file (const char *title,
                                  GFile      *file);

G_END_DECLS
