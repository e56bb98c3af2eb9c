/* upp-application.h: the Uppföljning application: command line, actions, windows
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UPP_TYPE_APPLICATION (upp_application_get_type ())

G_DECLARE_FINAL_TYPE (UppApplication, upp_application, UPP, APPLICATION, AdwApplication)

UppApplication *upp_application_new         (void);
/* The database file the windows open: --db PATH or the default path. */
const char     *upp_application_get_db_path (UppApplication *self);

G_END_DECLS
