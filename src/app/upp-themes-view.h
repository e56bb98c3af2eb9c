/* upp-themes-view.h: a round's coded themes: the units × themes matrix and the factor table
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"
#include "upp-theme-matrix.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_THEMES_VIEW (upp_themes_view_get_type ())

G_DECLARE_FINAL_TYPE (UppThemesView, upp_themes_view, UPP, THEMES_VIEW, GtkWidget)

GtkWidget      *upp_themes_view_new         (void);
UppSession     *upp_themes_view_get_session (UppThemesView  *self);
void            upp_themes_view_set_session (UppThemesView  *self,
                                             UppSession     *session);
/* Shows the round's matrix and factors, and follows its codings in the session. */
UppRound       *upp_themes_view_get_round   (UppThemesView  *self);
void            upp_themes_view_set_round   (UppThemesView  *self,
                                             UppRound       *round);
/* The matrix on screen, or NULL when there is none (no round, or the region has no themes);
 * it is replaced when the codings change. */
UppThemeMatrix *upp_themes_view_get_matrix  (UppThemesView  *self);
/* Whether the cells show the number of coded passages (TRUE) or only whether there are any. */
gboolean        upp_themes_view_get_counts  (UppThemesView  *self);
void            upp_themes_view_set_counts  (UppThemesView  *self,
                                             gboolean        counts);

G_END_DECLS
