/* upp-report-page.h: the report of a round: its texts, a preview, export to PDF and print
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_REPORT_PAGE (upp_report_page_get_type ())

G_DECLARE_FINAL_TYPE (UppReportPage, upp_report_page, UPP, REPORT_PAGE, GtkWidget)

GtkWidget  *upp_report_page_new         (void);
UppSession *upp_report_page_get_session (UppReportPage *self);
void        upp_report_page_set_session (UppReportPage *self,
                                         UppSession    *session);
UppRound   *upp_report_page_get_round   (UppReportPage *self);
/* Shows the round's report texts for editing; they are saved as they are typed. The preview
 * follows the round's answers and units in the session. */
void        upp_report_page_set_round   (UppReportPage *self,
                                         UppRound      *round);
/* Writes the report as a PDF with upp_session_export_report_async(), showing progress; what
 * "Export PDF…" does once a file is chosen. */
void       upp_report_page_export_to (UppReportPage *self,
                                      GFile         *file);
gboolean   upp_report_page_is_exporting (UppReportPage *self);
/* Runs the print operation of "Print…" without a dialog, exporting to a PDF file. */
gboolean   upp_report_page_print_to_file (UppReportPage  *self,
                                          const char     *path,
                                          GError        **error);
/* The number of pages of the last preview, 0 before it is ready (for tests). */
guint      upp_report_page_get_n_pages (UppReportPage *self);

G_END_DECLS
