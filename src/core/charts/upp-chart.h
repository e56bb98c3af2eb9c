/* upp-chart.h: comparative charts of a round or of a region over years, drawn with cairo
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_CHART_ERROR (upp_chart_error_quark ())

typedef enum
{
  UPP_CHART_ERROR_UNKNOWN_KIND,     /* a chart name that is not one of the kinds */
  UPP_CHART_ERROR_NO_QUESTION,      /* the kind needs a coded question and the template has none */
  UPP_CHART_ERROR_WRONG_QUESTION,   /* the question is unknown or cannot be drawn by the kind */
  UPP_CHART_ERROR_INVALID_SIZE,     /* width, height or scale out of range */
  UPP_CHART_ERROR_WRITE,            /* the file could not be written; the message says why */
} UppChartError;

/* Stored in settings and named on the command line by their key strings. */
typedef enum
{
  UPP_CHART_CODED_BY_UNIT,        /* "coded-by-unit": each unit's choice for one question */
  UPP_CHART_DISTRIBUTION,         /* "distribution": units per choice, per year */
  UPP_CHART_CHANGE_OVER_YEARS,    /* "change-over-years": units by years grid of choices */
  UPP_CHART_RESPONSE_PROGRESS,    /* "response-progress": units per response status */
  UPP_CHART_ANSWERED_QUESTIONS,   /* "answered-questions": units by questions, answer length */
  UPP_CHART_THEMES,               /* "themes": units per theme of the codebook, per year */
  UPP_N_CHART_KINDS
} UppChartKind;

typedef enum
{
  UPP_CHART_STYLE_LIGHT,   /* on screen, light theme: white background */
  UPP_CHART_STYLE_DARK,    /* on screen, dark theme */
  UPP_CHART_STYLE_PRINT,   /* files and the report: no background fill, black text */
} UppChartStyle;

typedef enum
{
  UPP_CHART_FORMAT_PNG,
  UPP_CHART_FORMAT_SVG,
  UPP_CHART_FORMAT_PDF,
} UppChartFormat;

/* Sizes in cairo user units (points in PDF and SVG, pixels at scale 1 in PNG). */
#define UPP_CHART_DEFAULT_WIDTH   720
#define UPP_CHART_DEFAULT_HEIGHT  480
#define UPP_CHART_MIN_SIZE        120
#define UPP_CHART_MAX_SIZE      20000

GQuark        upp_chart_error_quark          (void);

const char   *upp_chart_kind_to_key          (UppChartKind    kind);
gboolean      upp_chart_kind_from_key        (const char     *key,
                                              UppChartKind   *kind);
/* Short translated name for pickers, e.g. "Coded answer by unit". */
const char   *upp_chart_kind_get_label       (UppChartKind    kind);
/* One translated sentence, for `chart --list` and tooltips. */
const char   *upp_chart_kind_get_description (UppChartKind    kind);
/* Whether the kind draws one question (and so takes a question key). */
gboolean      upp_chart_kind_needs_question  (UppChartKind    kind);
/* Whether the kind can draw this question (a question with choices). */
/* Several charts of one store's rounds (a report's): in between, each round's responses are
 * read once, so nothing may change them; a chart made outside a batch reads them itself. */
void          upp_chart_begin_batch           (UppStore      *store);
void          upp_chart_end_batch             (UppStore      *store);
gboolean      upp_chart_kind_accepts_question (UppChartKind   kind,
                                              UppQuestion    *question);

const char   *upp_chart_format_to_key        (UppChartFormat  format);
gboolean      upp_chart_format_from_key      (const char     *key,
                                              UppChartFormat *format);

#define UPP_TYPE_CHART (upp_chart_get_type ())

G_DECLARE_FINAL_TYPE (UppChart, upp_chart, UPP, CHART, GObject)

/* Gathers the chart's data from the store: the round's responses, and for change over years
 * and distribution also those of every round of the same region and template key up to the
 * round's year; for the themes chart the coded passages of the region's rounds up to the
 * round's year (any template). question_key NULL picks the first question the kind accepts; kinds without a
 * question ignore it. A round without answers gives a chart that says so when drawn. */
UppChart     *upp_chart_new_for_round        (UppStore       *store,
                                              UppRound       *round,
                                              UppChartKind    kind,
                                              const char     *question_key,
                                              GError        **error);

UppChartKind  upp_chart_get_kind             (UppChart       *self);
/* The key of the drawn question, or NULL for kinds without one. */
const char   *upp_chart_get_question_key     (UppChart       *self);
const char   *upp_chart_get_title            (UppChart       *self);
/* The number of units the chart counts, shown as "n = 11". */
guint         upp_chart_get_n_units          (UppChart       *self);
/* The themes chart's bars. Its columns are the years it shows, oldest first and the chart's
 * own round last; its themes are in the order drawn (promoting, hindering, then neutral). */
guint         upp_chart_get_n_columns        (UppChart       *self);
/* "2025" */
const char   *upp_chart_get_column_label     (UppChart       *self,
                                              guint           column);
guint         upp_chart_get_n_themes         (UppChart       *self);
const char   *upp_chart_get_theme_name       (UppChart       *self,
                                              guint           theme);
/* The number of units of the column's round with a passage coded with the theme. */
guint         upp_chart_get_theme_count      (UppChart       *self,
                                              guint           theme,
                                              guint           column);
/* Sorts the units by county part and draws the part's name above its units (those without
 * one last, under "Without county part"), in the charts with a row per unit (coded answer
 * by unit, change over years, answered questions); FALSE puts them back in their order. */
void          upp_chart_set_group_by_sub_area (UppChart      *self,
                                              gboolean        group);
gboolean      upp_chart_get_group_by_sub_area (UppChart      *self);
/* Leaves out of the themes chart the themes no unit of its years is coded with (the report
 * shows what was found, the charts view the whole codebook). */
void          upp_chart_drop_uncoded_themes  (UppChart       *self);
/* FALSE when the chart only says that there is nothing to show. */
gboolean      upp_chart_has_data             (UppChart       *self);
/* The date in the source line: by default the day of the latest change to the round's
 * answers, so the same data always draws the same bytes; "" leaves the date out. */
void          upp_chart_set_source_date      (UppChart       *self,
                                              const char     *date);
const char   *upp_chart_get_source_date      (UppChart       *self);

/* Draws the whole chart into the rectangle (0, 0, width, height) of cr in user units; the
 * caller translates cr to place it. Leaves cr's state as it found it. */
void          upp_chart_draw                 (UppChart       *self,
                                              cairo_t        *cr,
                                              double          width,
                                              double          height,
                                              UppChartStyle   style);
/* The height at which every row gets room for its label at this width; for the report, which
 * splits nothing and scales a chart down only when it is taller than the page. */
double        upp_chart_get_preferred_height (UppChart       *self,
                                              double          width);
/* The unit and value under (x, y) in the coordinates of the last upp_chart_draw(); returns
 * FALSE and leaves unit and value alone when there is nothing there. */
gboolean      upp_chart_hit_test             (UppChart       *self,
                                              double          x,
                                              double          y,
                                              char          **unit,
                                              char          **value);
/* Every text the chart shows (title, units, choices, legend, source) as lines; the SVG file
 * carries it in <desc> because cairo writes SVG text as glyph outlines. Free the result. */
char         *upp_chart_dup_text             (UppChart       *self);

/* Draws the chart in UPP_CHART_STYLE_PRINT on a white background into a PNG, SVG or PDF
 * file of width x height user units (PNG: pixels times scale, e.g. scale 3 for print;
 * height 0 = the preferred height), via a temporary file and a rename. The same chart gives
 * the same bytes every time. */
gboolean      upp_chart_write_file           (UppChart       *self,
                                              const char     *path,
                                              UppChartFormat  format,
                                              int             width,
                                              int             height,
                                              double          scale,
                                              GError        **error);
/* The same into memory. */
GBytes       *upp_chart_render_bytes         (UppChart       *self,
                                              UppChartFormat  format,
                                              int             width,
                                              int             height,
                                              double          scale,
                                              GError        **error);

G_END_DECLS
