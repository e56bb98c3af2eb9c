/* chart-layout.h: Pango text, legends and frames shared by the chart kinds
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "chart-palette.h"

G_BEGIN_DECLS

/* Font sizes in user units (points in PDF), chosen to read well at A4 text width. */
#define CHART_FONT_TITLE     13.0
#define CHART_FONT_SUBTITLE   9.0
#define CHART_FONT_BODY       8.5
#define CHART_FONT_SMALL      7.0
#define CHART_FONT_MIN        5.0
#define CHART_MARGIN         14.0

typedef struct
{
  double x, y, width, height;
} ChartRect;

/* What one drawing needs: the context, Pango set up for device-independent metrics so that
 * the screen, PNG, SVG and PDF lay text out alike, and the colours of the style. */
typedef struct
{
  cairo_t       *cr;
  PangoContext  *context;
  ChartTheme     theme;
  UppChartStyle  style;
} ChartCanvas;

typedef enum
{
  CHART_SWATCH_FILL,
  CHART_SWATCH_OUTLINE,    /* an empty cell */
  CHART_SWATCH_MARKED,     /* a filled cell with the "changed" mark */
} ChartSwatch;

typedef struct
{
  const char  *label;
  ChartColor   color;
  ChartSwatch  swatch;
} ChartLegendItem;

void         chart_canvas_init      (ChartCanvas     *canvas,
                                     cairo_t         *cr,
                                     UppChartStyle    style);
/* A canvas on a scratch surface, for measuring only. */
void         chart_canvas_init_measure (ChartCanvas  *canvas);
void         chart_canvas_clear     (ChartCanvas     *canvas);

/* width <= 0: one line, no wrapping. max_lines 0: no limit; otherwise wrapped text beyond
 * that many lines ends in an ellipsis. */
PangoLayout *chart_text_new         (ChartCanvas     *canvas,
                                     const char      *text,
                                     double           size,
                                     gboolean         bold,
                                     double           width,
                                     int              max_lines,
                                     PangoAlignment   alignment);
void         chart_text_get_size    (PangoLayout     *layout,
                                     double          *width,
                                     double          *height);
double       chart_text_get_height  (PangoLayout     *layout);
double       chart_text_get_width   (PangoLayout     *layout);
void         chart_text_draw        (ChartCanvas     *canvas,
                                     PangoLayout     *layout,
                                     double           x,
                                     double           y,
                                     ChartColor       color);
/* The height of one line of text at this size. */
double       chart_line_height      (ChartCanvas     *canvas,
                                     double           size);

/* Legend items flow left to right and wrap; returns the height used. */
double       chart_legend_measure   (ChartCanvas     *canvas,
                                     const ChartLegendItem *items,
                                     guint            n_items,
                                     double           width);
double       chart_legend_draw      (ChartCanvas     *canvas,
                                     const ChartLegendItem *items,
                                     guint            n_items,
                                     double           x,
                                     double           y,
                                     double           width);
void         chart_swatch_draw      (ChartCanvas     *canvas,
                                     ChartSwatch      swatch,
                                     ChartColor       color,
                                     double           x,
                                     double           y,
                                     double           width,
                                     double           height);

/* Integer axis ticks from 0 to at least max, at most about max_ticks of them. */
guint        chart_nice_step        (guint            max,
                                     guint            max_ticks);

G_END_DECLS
