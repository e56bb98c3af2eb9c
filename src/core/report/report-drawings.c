/* report-drawings.c: the pictures of the report: the title page's rule and the charts
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-report"

#include "config.h"

#include "charts/upp-chart.h"
#include "upp-question.h"
#include "upp-round.h"
#include "upp-store.h"

#include "report-drawings.h"

static void
draw_title_rule (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  cairo_set_source_rgb (cr, 0.05, 0.27, 0.42);
  cairo_rectangle (cr, 0, 0, width * 0.3, height);
  cairo_fill (cr);
}

void
upp_report_drawings_add_title_rule (UppReportLayout *layout)
{
  upp_report_layout_add_drawing (layout, 5.0, draw_title_rule, NULL, NULL);
}

/* A row per unit reads well up to about a page of rows; beyond that, the distribution. */
#define MAX_UNITS_BY_UNIT 40

static void
draw_chart (cairo_t  *cr,
            double    width,
            double    height,
            gpointer  user_data)
{
  upp_chart_draw (UPP_CHART (user_data), cr, width, height, UPP_CHART_STYLE_PRINT);
}

void
upp_report_drawings_add_chart (UppReportLayout *layout,
                               UppStore        *store,
                               UppRound        *round,
                               UppChartKind     kind,
                               const char      *question_key,
                               gboolean         group_by_part)
{
  g_autoptr(UppChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  double width = upp_report_layout_get_text_width (layout);
  double height;

  chart = upp_chart_new_for_round (store, round, kind, question_key, &error);
  if (chart == NULL)
    {
      g_warning ("No %s chart for question %s: %s", upp_chart_kind_to_key (kind),
                 question_key != NULL ? question_key : "(none)", error->message);
      return;
    }
  if (kind == UPP_CHART_THEMES)
    upp_chart_drop_uncoded_themes (chart);
  /* The text around the chart says it when there is nothing to draw. */
  if (!upp_chart_has_data (chart))
    return;
  upp_chart_set_group_by_sub_area (chart, group_by_part);

  height = upp_chart_get_preferred_height (chart, width);
  upp_report_layout_add_drawing (layout, height, draw_chart, g_steal_pointer (&chart),
                                 g_object_unref);
}

void
upp_report_drawings_add_question_chart (UppReportLayout *layout,
                                        UppStore        *store,
                                        UppRound        *round,
                                        UppQuestion     *question,
                                        guint            n_units,
                                        gboolean         group_by_part)
{
  UppChartKind kind = n_units <= MAX_UNITS_BY_UNIT ? UPP_CHART_CODED_BY_UNIT
                                                  : UPP_CHART_DISTRIBUTION;

  if (!upp_chart_kind_accepts_question (kind, question))
    return;
  upp_report_drawings_add_chart (layout, store, round, kind, upp_question_get_key (question),
                                 group_by_part);
}
