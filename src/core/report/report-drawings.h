/* report-drawings.h: the pictures of the report: the title page's rule and the charts
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "charts/upp-chart.h"
#include "report-layout.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* The accent colour of the report's headings, as a thick rule at the top of the title page. */
void upp_report_drawings_add_title_rule     (UppReportLayout *layout);
/* The chart of a coded question: each unit's code for a round of a few units, the
 * distribution of the codes for a large one. Adds nothing when there is no chart to draw.
 * group_by_part draws the units under their county parts. */
void upp_report_drawings_add_question_chart (UppReportLayout *layout,
                                             UppStore        *store,
                                             UppRound        *round,
                                             UppQuestion     *question,
                                             guint            n_units,
                                             gboolean         group_by_part);
/* A chart of another kind (question_key NULL: the first question it accepts), as in the
 * charts view; nothing when it has nothing to show. */
void upp_report_drawings_add_chart          (UppReportLayout *layout,
                                             UppStore        *store,
                                             UppRound        *round,
                                             UppChartKind     kind,
                                             const char      *question_key,
                                             gboolean         group_by_part);

G_END_DECLS
