/* report-layout.h: a small paginating layout engine that sets blocks of text onto A4 pages
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* A4 in PostScript points: the user units of every page this engine draws. */
#define UPP_REPORT_PAGE_WIDTH  595.2756
#define UPP_REPORT_PAGE_HEIGHT 841.8898

typedef enum
{
  UPP_REPORT_TEXT_BODY,          /* running text of the report */
  UPP_REPORT_TEXT_ANSWER,        /* a unit's answer, set like body text */
  UPP_REPORT_TEXT_CODE,          /* the coded answer above an answer text */
  UPP_REPORT_TEXT_NOTE,          /* e.g. the units without an answer */
  UPP_REPORT_TEXT_QUESTION,      /* a question of the questionnaire in the appendix */
  UPP_REPORT_TEXT_LEAD_IN,       /* body text that introduces a list and keeps with it */
  UPP_REPORT_TEXT_TITLE,         /* title page */
  UPP_REPORT_TEXT_TITLE_REGION,
  UPP_REPORT_TEXT_TITLE_DETAIL,
  UPP_N_REPORT_TEXT_STYLES
} UppReportTextStyle;

/* Draws a drawing block into (0, 0, width, height) of cr, in points. */
typedef void (*UppReportDrawFunc) (cairo_t  *cr,
                                   double    width,
                                   double    height,
                                   gpointer  user_data);

#define UPP_TYPE_REPORT_LAYOUT (upp_report_layout_get_type ())

G_DECLARE_FINAL_TYPE (UppReportLayout, upp_report_layout, UPP, REPORT_LAYOUT, GObject)

UppReportLayout *upp_report_layout_new                 (void);
/* Shown at the top of every page but the first, with the page number at the bottom. */
void             upp_report_layout_set_running_header  (UppReportLayout    *self,
                                                        const char         *text);
/* Where the table of contents goes; its entries are the headings added with in_contents. */
void             upp_report_layout_add_contents        (UppReportLayout    *self,
                                                        const char         *title);
/* Level 1 (chapter), 2 (section), 3 (a part of a section) or 4 (a unit above its answer).
 * A heading is never left at the bottom of a page: it moves to the next page with the start
 * of what follows it. number may be NULL; it is set before the text in the heading and in
 * the table of contents. */
void             upp_report_layout_add_heading         (UppReportLayout    *self,
                                                        guint               level,
                                                        const char         *number,
                                                        const char         *text,
                                                        gboolean            in_contents);
/* Plain text; line breaks are kept. Splits across pages between lines, never leaving one
 * line of a paragraph alone at the bottom or top of a page. */
void             upp_report_layout_add_paragraph       (UppReportLayout    *self,
                                                        UppReportTextStyle  style,
                                                        const char         *text);
/* The same with Pango markup. */
void             upp_report_layout_add_markup          (UppReportLayout    *self,
                                                        UppReportTextStyle  style,
                                                        const char         *markup);
/* A bulleted list item (bullet NULL: "•") with a hanging indent. */
void             upp_report_layout_add_list_item       (UppReportLayout    *self,
                                                        const char         *bullet,
                                                        const char         *text);
/* Vertical space, dropped at the top of a page. */
void             upp_report_layout_add_space           (UppReportLayout    *self,
                                                        double              points);
/* A picture of the text width and this height (scaled down if taller than a page). */
void             upp_report_layout_add_drawing         (UppReportLayout    *self,
                                                        double              height,
                                                        UppReportDrawFunc   func,
                                                        gpointer            user_data,
                                                        GDestroyNotify      destroy);
void             upp_report_layout_add_page_break      (UppReportLayout    *self);
/* A row of a table: n_cells cells of Pango markup, widths in fractions of the text width
 * (NULL: equal). A row is never split; a header row keeps with the row after it and is set
 * again at the top of a page the table goes on to. */
void             upp_report_layout_add_table_row       (UppReportLayout    *self,
                                                        gboolean            header,
                                                        guint               n_cells,
                                                        const double       *widths,
                                                        const char * const *cells);

/* The width available to text and drawings, in points. */
double           upp_report_layout_get_text_width      (UppReportLayout    *self);

/* Sets the blocks onto pages; later blocks cannot be added. Returns the number of pages. */
guint            upp_report_layout_paginate            (UppReportLayout    *self);
guint            upp_report_layout_get_n_pages         (UppReportLayout    *self);
/* Draws page (from 0) onto cr in points, A4 at the origin; paginates first if needed. On a
 * PDF surface the table of contents links to its pages. */
void             upp_report_layout_draw_page           (UppReportLayout    *self,
                                                        cairo_t            *cr,
                                                        guint               page);
/* Adds the headings of the table of contents as the PDF's outline (bookmarks). */
void             upp_report_layout_add_pdf_outline     (UppReportLayout    *self,
                                                        cairo_surface_t    *pdf_surface);
/* The page (from 1, as printed) where the n-th entry of the table of contents starts, or 0. */
guint            upp_report_layout_get_contents_page   (UppReportLayout    *self,
                                                        guint               entry);
guint            upp_report_layout_get_n_contents      (UppReportLayout    *self);

G_END_DECLS
