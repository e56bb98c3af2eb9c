/* upp-settings.h: the app's GSettings, when its schema is installed
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's settings, or NULL when its schema is not installed (an uninstalled build run
 * without GSETTINGS_SCHEMA_DIR still runs; it only forgets what it would have remembered),
 * or when key (unless NULL) is missing from the installed schema, an older one. */
GSettings *upp_settings_new_if_installed (const char *key);

G_END_DECLS
