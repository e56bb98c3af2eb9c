/* upp-conflicts-view.h: answers changed on two laptops, side by side, to be settled
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_CONFLICTS_VIEW (upp_conflicts_view_get_type ())

G_DECLARE_FINAL_TYPE (UppConflictsView, upp_conflicts_view, UPP, CONFLICTS_VIEW, AdwBin)

GtkWidget  *upp_conflicts_view_new             (void);
UppSession *upp_conflicts_view_get_session     (UppConflictsView *self);
/* Lists the session's open conflicts, as they change (an import, another process). */
void        upp_conflicts_view_set_session     (UppConflictsView *self,
                                                UppSession       *session);
/* How many conflicts are open; also the "n-conflicts" property. */
guint       upp_conflicts_view_get_n_conflicts (UppConflictsView *self);

G_END_DECLS
