/* upp-comparison-view.h: the units-by-questions matrix of a round
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_COMPARISON_VIEW (upp_comparison_view_get_type ())

G_DECLARE_FINAL_TYPE (UppComparisonView, upp_comparison_view, UPP, COMPARISON_VIEW, GtkWidget)

GtkWidget  *upp_comparison_view_new           (void);
UppSession *upp_comparison_view_get_session   (UppComparisonView *self);
void        upp_comparison_view_set_session   (UppComparisonView *self,
                                               UppSession        *session);
/* Shows the round's responses from the session, and follows them as they change (keeping
 * the search, the unit filter and the scroll position). round NULL empties the view. */
void        upp_comparison_view_set_round     (UppComparisonView *self,
                                               UppRound          *round);
UppRound   *upp_comparison_view_get_round     (UppComparisonView *self);
/* The text that filters the rows, as typed in the search entry. */
void       upp_comparison_view_set_search_text (UppComparisonView *self,
                                                const char        *text);
/* Shows only the unit with this name (NULL: all units); FALSE when the round has none. */
gboolean   upp_comparison_view_set_unit_filter (UppComparisonView *self,
                                                const char        *unit_name);
/* Shows only these units and the units of these county parts (both NULL: all units), as
 * checked in the unit filter; FALSE, and nothing changed, when the round lacks one. */
gboolean   upp_comparison_view_choose_units    (UppComparisonView  *self,
                                                const char * const *unit_names,
                                                const char * const *county_parts);
/* Opens the side panel with every answer of the unit in full, scrolled to the question
 * (NULL: the first); FALSE when the round has no such unit. */
gboolean   upp_comparison_view_show_answers   (UppComparisonView *self,
                                               const char        *unit_name,
                                               const char        *question_key);
/* How many units the filters let through. */
guint      upp_comparison_view_get_n_visible_units (UppComparisonView *self);
/* Shows the units under a heading per county part (those without one last, under
 * "Without county part"), or in the round's order. */
void       upp_comparison_view_set_group_by_sub_area (UppComparisonView *self,
                                                      gboolean           group);
gboolean   upp_comparison_view_get_group_by_sub_area (UppComparisonView *self);
/* The rows as shown: UppResponse, and when grouped a GtkStringObject heading before each
 * part's units. */
GListModel *upp_comparison_view_get_rows        (UppComparisonView *self);

G_END_DECLS
