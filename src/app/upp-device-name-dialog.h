/* upp-device-name-dialog.h: asks what this computer is called in exchange files
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"

G_BEGIN_DECLS

typedef void (*UppDeviceNameDone) (gpointer user_data);

/* "Name This Computer": the name it has, or the default (the user's name and the host's),
 * to change; saved with Save. done (may be NULL) runs once the dialog is answered, either
 * way. */
void upp_device_name_dialog_present (GtkWindow         *parent,
                                     UppSession        *session,
                                     UppDeviceNameDone  done,
                                     gpointer           user_data);
/* The same, asked only the first time: when the computer has a name, done runs at once.
 * Closed without an answer, the default name is kept, so it is asked once. */
void upp_device_name_dialog_ensure  (GtkWindow         *parent,
                                     UppSession        *session,
                                     UppDeviceNameDone  done,
                                     gpointer           user_data);

G_END_DECLS
