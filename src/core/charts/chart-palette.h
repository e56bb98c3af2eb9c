/* chart-palette.h: the charts' colour-blind-safe colours, fixed per choice and status
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "upp-enums.h"
#include "upp-chart.h"
#include "upp-theme.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
} ChartColor;

typedef struct
{
  ChartColor background;
  ChartColor text;
  ChartColor dim_text;    /* subtitles, source line, axis labels */
  ChartColor grid;        /* axis and grid lines, cell outlines */
  ChartColor no_answer;   /* a unit without a code */
  gboolean   fill_background;
} ChartTheme;

void       chart_theme_init          (ChartTheme        *theme,
                                      UppChartStyle      style);
/* The colour of the choice at this position of its question's list: the same position is
 * the same colour in every chart, on screen, in files and in the report. */
ChartColor chart_palette_choice      (guint              position,
                                      UppChartStyle      style);
ChartColor chart_palette_status      (UppResponseStatus  status,
                                      UppChartStyle      style);
/* Sequential shades for answer length, 0 = shortest bucket. */
ChartColor chart_palette_length      (guint              bucket,
                                      UppChartStyle      style);
/* A theme's own colour ("#rrggbb"), else its kind's: green promoting, vermillion hindering,
 * blue neutral, the same as the choices' colours so that the charts share one palette. */
ChartColor chart_palette_theme       (UppThemeKind       kind,
                                      const char        *colour,
                                      UppChartStyle      style);
/* Black or white, whichever reads better on color. */
ChartColor chart_palette_text_on     (ChartColor         color);
/* color mixed toward the background by amount (0 = color, 1 = background). */
ChartColor chart_palette_fade        (ChartColor         color,
                                      const ChartTheme  *theme,
                                      double             amount);
void       chart_color_set_source    (cairo_t           *cr,
                                      ChartColor         color);

G_END_DECLS
