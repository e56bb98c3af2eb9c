/* chart-private.h: the data a chart draws, shared by upp-chart.c and chart-draw.c
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-enums.h"
#include "upp-chart.h"
#include "upp-theme.h"

G_BEGIN_DECLS

/* Choices beyond this many are counted as "other" (no template comes close). */
#define CHART_MAX_CHOICES 32

/* One unit's answer in one column (a round, or a question of the answered-questions chart). */
typedef struct
{
  guint32  codes;    /* bit i: the choice at position i is chosen */
  gint32   length;   /* characters of text, 0 for none */
  gboolean present;  /* the unit takes part in that round */
  gboolean declined; /* its status there is "no answer": any text says why, it is no answer */
} ChartCell;

typedef struct
{
  char              *name;
  char              *uuid;
  char              *sub_area;  /* the unit's county part, "" or NULL for none */
  UppResponseStatus  status;
  ChartCell         *cells;  /* one per column */
} ChartRow;

typedef struct
{
  char *label;     /* "2025", or a question's short label */
  char *detail;    /* the round's title, or the question's text */
} ChartColumn;

/* A theme of the themes chart: how many units have a passage coded with it, per column. */
typedef struct
{
  char          *name;
  UppThemeKind   kind;
  char          *colour;   /* "#rrggbb", or "" for the kind's colour */
  guint          n_slots;  /* of counts and units, as allocated */
  guint         *counts;   /* per column */
  char         **units;    /* per column: the units counted, ", "-joined, or NULL */
} ChartThemeCount;

typedef struct
{
  double  x, y, width, height;
  char   *unit;
  char   *value;
} ChartHit;

typedef struct
{
  UppChartKind  kind;
  char         *title;
  char         *subtitle;
  char         *source;        /* "Region Dalarna, LÖK 2025" without the date */
  char         *source_date;
  char         *question_label;
  gboolean      multiple;      /* a multiple-choice question: several codes per cell */
  GPtrArray    *choices;       /* char *labels, by position */
  GPtrArray    *columns;       /* ChartColumn * */
  GPtrArray    *rows;          /* ChartRow * */
  guint         current_column; /* the chart's own round among the columns */
  gboolean      grouped;       /* rows sorted by county part, a heading before each part */
  GPtrArray    *themes;        /* ChartThemeCount *, the themes chart's, in the order drawn */
  GArray       *hits;          /* ChartHit, from the last draw */
} ChartData;

void    chart_row_free        (ChartRow    *row);
void    chart_column_free     (ChartColumn *column);
void    chart_hit_clear       (ChartHit    *hit);
void    chart_theme_count_free (ChartThemeCount *theme);

/* Whether there is anything to draw besides "no data". */
gboolean chart_data_has_values (const ChartData *data);
void    chart_data_draw        (ChartData     *data,
                                cairo_t       *cr,
                                double         width,
                                double         height,
                                UppChartStyle  style);
double  chart_data_measure     (ChartData     *data,
                                double         width);
/* Lines of every text the chart shows. */
char   *chart_data_dup_text    (ChartData     *data);

G_END_DECLS
