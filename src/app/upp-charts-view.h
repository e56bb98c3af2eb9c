/* upp-charts-view.h: a round's charts on screen, with chart and question pickers and export
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "charts/upp-chart.h"
#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_CHARTS_VIEW (upp_charts_view_get_type ())

G_DECLARE_FINAL_TYPE (UppChartsView, upp_charts_view, UPP, CHARTS_VIEW, GtkWidget)

GtkWidget    *upp_charts_view_new           (void);
UppSession   *upp_charts_view_get_session   (UppChartsView  *self);
void          upp_charts_view_set_session   (UppChartsView  *self,
                                             UppSession     *session);
/* Shows the round's charts, and draws them anew when its answers change in the session,
 * keeping the chosen chart and question. */
void          upp_charts_view_set_round     (UppChartsView  *self,
                                             UppRound       *round);
UppRound     *upp_charts_view_get_round     (UppChartsView  *self);
void          upp_charts_view_set_kind      (UppChartsView  *self,
                                             UppChartKind    kind);
UppChartKind  upp_charts_view_get_kind      (UppChartsView  *self);
/* Picks the question of charts that draw one; FALSE when the template has no such question
 * with choices. */
gboolean      upp_charts_view_set_question  (UppChartsView  *self,
                                             const char     *question_key);
/* Charts with a row per unit show the units under a heading per county part. */
void          upp_charts_view_set_group_by_sub_area (UppChartsView *self,
                                                     gboolean       group);
gboolean      upp_charts_view_get_group_by_sub_area (UppChartsView *self);
/* The chart on screen, or NULL before a round is set. */
UppChart     *upp_charts_view_get_chart     (UppChartsView  *self);
/* What hovering at (x, y) of the drawing shows ("unit\nvalue"), or NULL. */
char         *upp_charts_view_dup_tooltip_at (UppChartsView *self,
                                             double          x,
                                             double          y);
/* Writes the chart at its on-screen size (in points; PNG pixels = points × scale), as
 * "Export Chart…" does after the file dialog. */
gboolean      upp_charts_view_export        (UppChartsView  *self,
                                             const char     *path,
                                             UppChartFormat  format,
                                             double          scale,
                                             GError        **error);

G_END_DECLS
