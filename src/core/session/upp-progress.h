/* upp-progress.h: how far a long job on a worker thread has come, told on the main context
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define UPP_TYPE_PROGRESS (upp_progress_get_type ())

G_DECLARE_FINAL_TYPE (UppProgress, upp_progress, UPP, PROGRESS, GObject)

/* Notifies on the main context it was made in: views bind to "fraction". */
UppProgress *upp_progress_new          (void);
/* 0 … 1; may be called from any thread. */
void         upp_progress_set_fraction (UppProgress *self,
                                        double       fraction);
double       upp_progress_get_fraction (UppProgress *self);

G_END_DECLS
