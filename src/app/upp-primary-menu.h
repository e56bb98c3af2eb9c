/* upp-primary-menu.h: the main menu every page's header bar shows
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The menu of upp-primary-menu.ui, built once; its items are win.* actions. */
GMenuModel *upp_primary_menu_get (void);

G_END_DECLS
