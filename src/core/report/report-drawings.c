/* report-drawings.c: the pictures of the report: the title page's rule and the charts
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-report"

#include "config.h"

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
upp_report_add_title_rule (UppReportLayout *layout)
{
  upp_report_layout_add_drawing (layout, 5.0, draw_title_rule, NULL, NULL);
}

void
upp_report_add_question_chart (UppReportLayout *layout,
                               UppStore        *store,
                               UppRound        *round,
                               UppQuestion     *question,
                               guint            n_units)
{
  /* Hook for the charts of src/core/charts (branch charts): filled in when merged. */
}
