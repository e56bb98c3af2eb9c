/* report-register.h: the report's parts written from the registers: the interviews held
 * (the method chapter) and the units' agreements with their periods
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "report-layout.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* "2026-03-12" as "12 March 2026" in the locale's words. */
char     *upp_report_format_date     (const char      *iso_date);
/* "a, b and c". */
char     *upp_report_join_names      (GPtrArray       *names);

/* The interviews held in a round, for the method chapter: the first interviews of the
 * responses (those with a date, mode or length) and the further ones. */
typedef struct _UppReportInterviews UppReportInterviews;

UppReportInterviews *upp_report_interviews_new      (UppStore            *store,
                                                     UppRound            *round,
                                                     GPtrArray           *responses);
void        upp_report_interviews_free              (UppReportInterviews *interviews);
/* How many were held with how many units (seed 001: "18 interviews with 13 municipalities
 * and three health-care areas"), how, with how many people and when, the respondent check,
 * the units that answered without an interview and those that did not answer. */
void        upp_report_interviews_add_summary       (UppReportInterviews *interviews,
                                                     UppReportLayout     *layout,
                                                     guint                n_units);
/* The responses with an interview held, in the round's order; borrowed. */
GPtrArray  *upp_report_interviews_get_interviewed   (UppReportInterviews *interviews);
/* "Falun: 1 October 2024, visit, 90 min, 3 participants (…); 15 October 2024, phone". */
const char *upp_report_interviews_get_line          (UppReportInterviews *interviews,
                                                     UppResponse         *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppReportInterviews, upp_report_interviews_free)

/* The agreements of the round's units that apply to its year, with their periods, as a
 * table per unit (under county-part sub-headings when by_part); heading at level, with
 * number. Adds nothing and returns FALSE when no unit has any. */
gboolean  upp_report_add_agreements  (UppReportLayout *layout,
                                      UppStore        *store,
                                      UppRound        *round,
                                      GPtrArray       *responses,
                                      gboolean         by_part,
                                      guint            level,
                                      const char      *number);

G_END_DECLS
