/* upp-report.h: the written follow-up report of a round, as PDF pages or printed
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_REPORT_ERROR (upp_report_error_quark ())

typedef enum
{
  UPP_REPORT_ERROR_NO_TEMPLATE,  /* the round has no template to report on */
  UPP_REPORT_ERROR_WRITE,        /* the PDF could not be written; the message says why */
  UPP_REPORT_ERROR_NOT_EARLIER,  /* the round to compare with is no earlier round of the region */
} UppReportError;

/* Keys of the report texts kept with the round (upp_round_get_text()); each is optional. */
#define UPP_REPORT_TEXT_SUMMARY          "summary"
#define UPP_REPORT_TEXT_BACKGROUND       "background"
#define UPP_REPORT_TEXT_RECOMMENDATIONS  "recommendations"
#define UPP_REPORT_TEXT_FOLLOW_UP_AREAS  "follow_up_areas"
#define UPP_REPORT_TEXT_AUTHOR           "author"
#define UPP_REPORT_TEXT_ORGANISATION     "organisation"
/* The title page's series and number ("FoU arbetsrapport 26:2016") and ISSN. */
#define UPP_REPORT_TEXT_SERIES           "series"
#define UPP_REPORT_TEXT_ISSN             "issn"
/* The method chapter's plan and delimitation, before what the data says was done. */
#define UPP_REPORT_TEXT_METHOD_PLAN      "method_plan"
#define UPP_REPORT_TEXT_DELIMITATION     "delimitation"
/* One reference a line. */
#define UPP_REPORT_TEXT_REFERENCES       "references"
/* The analyst's text on a question: this prefix and the question's key
 * (upp_report_dup_analysis_key()). */
#define UPP_REPORT_TEXT_ANALYSIS_PREFIX  "analysis:"
/* Settings, "1" for on: the units' answers in an appendix rather than under each question;
 * the per-unit lists under the units' county parts. */
#define UPP_REPORT_TEXT_ANSWERS_IN_APPENDIX "answers_in_appendix"
#define UPP_REPORT_TEXT_GROUP_BY_PART    "group_by_part"
#define UPP_REPORT_SETTING_ON            "1"
/* The uuid of the round the report compares with, or UPP_REPORT_COMPARE_WITH_NONE; unset: the
 * latest earlier round of the region (upp_report_new()). */
#define UPP_REPORT_TEXT_COMPARE_WITH     "compare_with"
#define UPP_REPORT_COMPARE_WITH_NONE     "none"

/* A4 in points, the user units of upp_report_draw_page(). */
#define UPP_REPORT_WIDTH  595.2756
#define UPP_REPORT_HEIGHT 841.8898

/* Called from the thread that writes, with pages done so far out of n_pages. */
typedef void (*UppReportProgressFunc) (guint    page,
                                       guint    n_pages,
                                       gpointer user_data);

#define UPP_TYPE_REPORT (upp_report_get_type ())

G_DECLARE_FINAL_TYPE (UppReport, upp_report, UPP, REPORT, GObject)

GQuark      upp_report_error_quark (void);

/* "analysis:agreement": the key of the round text that holds the analysis of a question. */
char       *upp_report_dup_analysis_key (const char        *question_key);

/* Reads the round's responses (and the charts of its coded questions) from store and lays
 * the report out in the current locale's language. Use the report on one thread at a time;
 * it keeps no reference to store. */
UppReport  *upp_report_new         (UppStore               *store,
                                    UppRound               *round,
                                    GError                **error);
/* The same, with a chapter comparing the round with earlier, a round of the same region from
 * an earlier year (NULL: no comparison). upp_report_new() compares with the round the
 * round's UPP_REPORT_TEXT_COMPARE_WITH names, else with the latest earlier round of the
 * region, when there is one. */
UppReport  *upp_report_new_compared (UppStore              *store,
                                     UppRound              *round,
                                     UppRound              *earlier,
                                     GError               **error);
/* The round of the same region with the latest year before round's, or NULL (no error when
 * there is none). */
UppRound   *upp_report_find_earlier_round (UppStore        *store,
                                           UppRound        *round,
                                           GError         **error);
guint       upp_report_get_n_pages (UppReport              *self);
/* Draws page (from 0) onto cr in points with A4 at the origin; the caller scales. */
void        upp_report_draw_page   (UppReport              *self,
                                    cairo_t                *cr,
                                    guint                   page);
/* Writes the PDF (A4, fonts embedded, text selectable, outline and linked contents) through
 * a temporary file in the same folder and a rename. */
gboolean    upp_report_write_pdf   (UppReport              *self,
                                    const char             *path,
                                    UppReportProgressFunc   progress,
                                    gpointer                user_data,
                                    GCancellable           *cancellable,
                                    GError                **error);

/* The page (from 1) on which the heading of the n-th table-of-contents entry stands, and the
 * number of entries; what the table of contents prints. */
guint       upp_report_get_n_contents    (UppReport *self);
guint       upp_report_get_contents_page (UppReport *self,
                                          guint      entry);

/* Loads, lays out and writes in one call (for the CLI and the export worker). */
gboolean    upp_report_export_pdf  (UppStore               *store,
                                    UppRound               *round,
                                    const char             *path,
                                    UppReportProgressFunc   progress,
                                    gpointer                user_data,
                                    GCancellable           *cancellable,
                                    GError                **error);

G_END_DECLS
