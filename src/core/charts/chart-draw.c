/* chart-draw.c: the drawing of each chart kind inside the common frame
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "chart-layout.h"
#include "chart-private.h"

#define ROW_GAP          8.0   /* between the rows of a bar chart */
#define BAR_THICKNESS   13.0
#define MAX_GRID_CELL  120.0   /* widest cell of a units-by-years or units-by-questions grid */
#define MAX_BAR_WIDTH  400.0   /* widest bar of the coded answer by unit */
#define UNIT_LIST_LINES  3

/* Answer length buckets of the answered-questions chart, in characters. */
#define LENGTH_MEDIUM  100
#define LENGTH_LONG    400

typedef struct
{
  ChartCanvas     canvas;
  ChartData      *data;
  gboolean        draw;          /* FALSE: only measure */
  cairo_matrix_t  device_to_chart; /* from device space to the chart's own coordinates */
} Painter;

/* Text helpers */

static void
add_hit (Painter    *painter,
         double      x,
         double      y,
         double      width,
         double      height,
         const char *unit,
         char       *value)
{
  ChartHit hit = { x, y, width, height, g_strdup (unit), value };
  double ux = x, uy = y, ux2 = x + width, uy2 = y + height;

  if (!painter->draw)
    {
      g_free (value);
      g_free (hit.unit);
      return;
    }
  /* Hits are kept in the chart's own coordinates, whatever scale the plot is drawn at and
   * wherever the caller placed the chart. */
  cairo_user_to_device (painter->canvas.cr, &ux, &uy);
  cairo_user_to_device (painter->canvas.cr, &ux2, &uy2);
  cairo_matrix_transform_point (&painter->device_to_chart, &ux, &uy);
  cairo_matrix_transform_point (&painter->device_to_chart, &ux2, &uy2);
  hit.x = ux;
  hit.y = uy;
  hit.width = ux2 - ux;
  hit.height = uy2 - uy;
  g_array_append_val (painter->data->hits, hit);
}

/* A unit that wrote an answer but has no code yet is "not coded", not "no answer": the
 * analysis has not reached it, the unit did not stay silent. */
static gboolean
cell_not_coded (const ChartCell *cell)
{
  return cell->codes == 0 && cell->length > 0 && !cell->declined;
}

static char *
codes_to_text (ChartData       *data,
               const ChartCell *cell)
{
  GString *text = g_string_new (NULL);
  guint32 codes = cell->codes;

  for (guint i = 0; i < data->choices->len; i++)
    {
      if ((codes & (1u << i)) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (data->choices, i));
    }
  if (text->len == 0)
    g_string_append (text, cell_not_coded (cell) ? _("Not coded") : _("No answer"));
  return g_string_free (text, FALSE);
}

static guint
count_codes (guint32 codes)
{
  guint n = 0;

  for (; codes != 0; codes &= codes - 1)
    n++;
  return n;
}

static guint
length_bucket (const ChartCell *cell)
{
  if (cell->length >= LENGTH_LONG)
    return 2;
  if (cell->length >= LENGTH_MEDIUM)
    return 1;
  return 0;
}

static gboolean
cell_answered (const ChartCell *cell)
{
  return cell->present && (cell->length > 0 || cell->codes != 0);
}

static gboolean
themes_have_counts (const ChartData *data)
{
  for (guint t = 0; t < data->themes->len; t++)
    {
      const ChartThemeCount *theme = g_ptr_array_index (data->themes, t);

      for (guint c = 0; c < data->columns->len; c++)
        if (theme->counts[c] > 0)
          return TRUE;
    }
  return FALSE;
}

gboolean
chart_data_has_values (const ChartData *data)
{
  if (data->kind == UPP_CHART_THEMES)
    return themes_have_counts (data);

  for (guint r = 0; r < data->rows->len; r++)
    {
      const ChartRow *row = g_ptr_array_index (data->rows, r);

      switch (data->kind)
        {
        case UPP_CHART_RESPONSE_PROGRESS:
          return TRUE;
        case UPP_CHART_CODED_BY_UNIT:
          if (row->cells[data->current_column].codes != 0)
            return TRUE;
          break;
        case UPP_CHART_DISTRIBUTION:
        case UPP_CHART_CHANGE_OVER_YEARS:
          for (guint c = 0; c < data->columns->len; c++)
            if (row->cells[c].codes != 0)
              return TRUE;
          break;
        case UPP_CHART_ANSWERED_QUESTIONS:
          for (guint c = 0; c < data->columns->len; c++)
            if (cell_answered (&row->cells[c]))
              return TRUE;
          break;
        case UPP_CHART_THEMES:
        case UPP_N_CHART_KINDS:
        default:
          break;
        }
    }
  return FALSE;
}

static const char *
empty_message (ChartData *data)
{
  switch (data->kind)
    {
    case UPP_CHART_RESPONSE_PROGRESS:
      return _("The round has no units yet.");
    case UPP_CHART_ANSWERED_QUESTIONS:
      if (data->rows->len == 0)
        return _("The round has no units yet.");
      return _("No answers have been written in this round yet.");
    case UPP_CHART_THEMES:
      if (data->themes->len == 0)
        return _("The region's codebook has no themes yet: add themes and code passages of "
                 "the answers with them.");
      return _("No unit has a passage coded with a theme yet.");
    case UPP_CHART_CODED_BY_UNIT:
    case UPP_CHART_DISTRIBUTION:
    case UPP_CHART_CHANGE_OVER_YEARS:
    case UPP_N_CHART_KINDS:
    default:
      return _("No unit has a coded answer to this question yet.");
    }
}

/* Legend */

static gboolean
any_absent (ChartData *data)
{
  for (guint r = 0; r < data->rows->len; r++)
    {
      ChartRow *row = g_ptr_array_index (data->rows, r);

      for (guint c = 0; c < data->columns->len; c++)
        if (!row->cells[c].present)
          return TRUE;
    }
  return FALSE;
}

/* Whether a unit taking part has no code, with text (not_coded) or without. */
static gboolean
any_without_code (ChartData *data,
                  gboolean   not_coded)
{
  for (guint r = 0; r < data->rows->len; r++)
    {
      ChartRow *row = g_ptr_array_index (data->rows, r);

      for (guint c = 0; c < data->columns->len; c++)
        {
          const ChartCell *cell = &row->cells[c];

          if (cell->present && cell->codes == 0 && cell_not_coded (cell) == not_coded)
            return TRUE;
        }
    }
  return FALSE;
}

static const char *
theme_kind_label (UppThemeKind kind)
{
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return _("Promoting");
    case UPP_THEME_KIND_HINDERING:
      return _("Hindering");
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return _("Neutral");
    }
}

/* Earlier years fade toward the background; the chart's own round is full. */
static double
year_fade (guint n_bars,
           guint bar)
{
  return n_bars > 1 ? 0.55 * (n_bars - 1 - bar) / (n_bars - 1) : 0;
}

static GArray *
legend_items (Painter *painter)
{
  ChartData *data = painter->data;
  GArray *items = g_array_new (FALSE, TRUE, sizeof (ChartLegendItem));
  const ChartTheme *theme = &painter->canvas.theme;
  ChartLegendItem item;

  if (!chart_data_has_values (data))
    return items;

  switch (data->kind)
    {
    case UPP_CHART_CODED_BY_UNIT:
    case UPP_CHART_CHANGE_OVER_YEARS:
    case UPP_CHART_DISTRIBUTION:
      for (guint i = 0; i < data->choices->len; i++)
        {
          item = (ChartLegendItem) { g_ptr_array_index (data->choices, i),
                                     chart_palette_choice (i, painter->canvas.style),
                                     CHART_SWATCH_FILL };
          g_array_append_val (items, item);
        }
      if (any_without_code (data, TRUE))
        {
          item = (ChartLegendItem) { _("Not coded"), theme->no_answer, CHART_SWATCH_FILL };
          g_array_append_val (items, item);
        }
      if (any_without_code (data, FALSE))
        {
          /* The distribution counts them in a bar, the grids leave their cells empty. */
          item = (ChartLegendItem) { _("No answer"), theme->grid,
                                     data->kind == UPP_CHART_DISTRIBUTION ?
                                     CHART_SWATCH_FILL : CHART_SWATCH_OUTLINE };
          g_array_append_val (items, item);
        }
      if (data->kind == UPP_CHART_CHANGE_OVER_YEARS && data->columns->len > 1)
        {
          item = (ChartLegendItem) { _("Changed since the round before"), theme->no_answer,
                                     CHART_SWATCH_MARKED };
          g_array_append_val (items, item);
          if (any_absent (data))
            {
              item = (ChartLegendItem) { _("Not in that round"), theme->grid,
                                         CHART_SWATCH_OUTLINE };
              g_array_append_val (items, item);
            }
        }
      break;

    case UPP_CHART_ANSWERED_QUESTIONS:
      item = (ChartLegendItem) { _("No answer"), theme->grid, CHART_SWATCH_OUTLINE };
      g_array_append_val (items, item);
      item = (ChartLegendItem) { _("Short (under 100 characters)"),
                                 chart_palette_length (0, painter->canvas.style),
                                 CHART_SWATCH_FILL };
      g_array_append_val (items, item);
      item = (ChartLegendItem) { _("Medium (100–399 characters)"),
                                 chart_palette_length (1, painter->canvas.style),
                                 CHART_SWATCH_FILL };
      g_array_append_val (items, item);
      item = (ChartLegendItem) { _("Long (400 characters or more)"),
                                 chart_palette_length (2, painter->canvas.style),
                                 CHART_SWATCH_FILL };
      g_array_append_val (items, item);
      break;

    case UPP_CHART_THEMES:
      /* The kinds in the order the themes are drawn. */
      for (guint t = 0; t < data->themes->len; t++)
        {
          ChartThemeCount *each = g_ptr_array_index (data->themes, t);
          ChartThemeCount *before = t > 0 ? g_ptr_array_index (data->themes, t - 1) : NULL;

          if (before != NULL && before->kind == each->kind)
            continue;
          item = (ChartLegendItem) { theme_kind_label (each->kind),
                                     chart_palette_theme (each->kind, NULL,
                                                          painter->canvas.style),
                                     CHART_SWATCH_FILL };
          g_array_append_val (items, item);
        }
      /* The years, faded as their bars are: the chart's own round darkest. */
      for (guint c = 0; data->columns->len > 1 && c < data->columns->len; c++)
        {
          ChartColumn *column = g_ptr_array_index (data->columns, c);

          item = (ChartLegendItem) { column->label,
                                     chart_palette_fade (theme->dim_text, theme,
                                                         year_fade (data->columns->len, c)),
                                     CHART_SWATCH_FILL };
          g_array_append_val (items, item);
        }
      break;

    case UPP_CHART_RESPONSE_PROGRESS:
    case UPP_N_CHART_KINDS:
    default:
      break;
    }
  return items;
}

static char *
footer_text (ChartData *data)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "n = %u", data->rows->len);
  if ((data->kind == UPP_CHART_DISTRIBUTION || data->kind == UPP_CHART_THEMES) &&
      data->columns->len > 1)
    {
      ChartColumn *column = g_ptr_array_index (data->columns, data->current_column);

      g_string_append_printf (text, " (%s)", column->label);
    }
  g_string_append (text, "  ·  ");
  /* TRANSLATORS: %s is e.g. "Region Dalarna, LÖK 2025" */
  g_string_append_printf (text, _("Source: %s"), data->source);
  if (data->source_date != NULL && *data->source_date != '\0')
    {
      g_string_append (text, "  ·  ");
      /* TRANSLATORS: %s is a date, 2026-11-23 */
      g_string_append_printf (text, _("data as of %s"), data->source_date);
    }
  return g_string_free (text, FALSE);
}

/* Units-by-columns grids: coded answer by unit, change over years, answered questions */

/* Grouped by county part, a heading line comes before the first unit of each part. */
static gboolean
starts_part (ChartData *data,
             guint      r)
{
  ChartRow *row = g_ptr_array_index (data->rows, r);
  ChartRow *before;

  if (!data->grouped)
    return FALSE;
  if (r == 0)
    return TRUE;
  before = g_ptr_array_index (data->rows, r - 1);
  return g_strcmp0 (row->sub_area != NULL ? row->sub_area : "",
                    before->sub_area != NULL ? before->sub_area : "") != 0;
}

static const char *
part_heading (const ChartRow *row)
{
  if (row->sub_area != NULL && *row->sub_area != '\0')
    return row->sub_area;
  return _("Without county part");
}

/* The lines of the grid: its units and the headings of their county parts. */
static guint
grid_n_lines (ChartData *data)
{
  guint n = data->rows->len;

  for (guint r = 0; r < data->rows->len; r++)
    if (starts_part (data, r))
      n++;
  return n;
}

typedef struct
{
  double label_width;
  double header_height;
  double row_height;      /* at full size, with room for two-line labels */
  double cell_width;
  double bar_width;       /* coded answer by unit: the bar right of the labels */
  double header_size;     /* font size of the column headings */
} GridMetrics;

/* The largest size up to CHART_FONT_SMALL at which every word of every column heading fits
 * its column, so that headings wrap between words and never inside one. */
static double
header_font_size (Painter *painter,
                  double   cell_width)
{
  ChartData *data = painter->data;
  double size = CHART_FONT_SMALL;

  for (guint c = 0; c < data->columns->len; c++)
    {
      ChartColumn *column = g_ptr_array_index (data->columns, c);
      g_auto(GStrv) words = g_strsplit_set (column->label, " \t\n", -1);

      for (guint w = 0; words[w] != NULL; w++)
        {
          g_autoptr(PangoLayout) layout = chart_text_new (&painter->canvas, words[w],
                                                          CHART_FONT_SMALL, TRUE, -1, 0,
                                                          PANGO_ALIGN_LEFT);
          double width = chart_text_get_width (layout);

          if (width > cell_width && width > 0)
            size = MIN (size, CHART_FONT_SMALL * cell_width / width);
        }
    }
  return MAX (floor (size * 4) / 4, CHART_FONT_MIN);
}

static double
grid_label_width (Painter *painter,
                  double   width)
{
  ChartData *data = painter->data;
  double natural = 0;

  for (guint r = 0; r < data->rows->len; r++)
    {
      ChartRow *row = g_ptr_array_index (data->rows, r);
      g_autoptr(PangoLayout) layout = chart_text_new (&painter->canvas, row->name,
                                                      CHART_FONT_BODY, FALSE, -1, 0,
                                                      PANGO_ALIGN_LEFT);

      natural = MAX (natural, chart_text_get_width (layout));
    }
  return CLAMP (ceil (natural) + 8, 60, floor (width * 0.34));
}

static void
grid_metrics (Painter     *painter,
              double       width,
              GridMetrics *metrics)
{
  ChartData *data = painter->data;
  double max_label = 0;
  guint n_columns = data->kind == UPP_CHART_CODED_BY_UNIT ? 1 : data->columns->len;

  metrics->label_width = grid_label_width (painter, width);
  for (guint r = 0; r < data->rows->len; r++)
    {
      ChartRow *row = g_ptr_array_index (data->rows, r);
      g_autoptr(PangoLayout) layout = chart_text_new (&painter->canvas, row->name,
                                                      CHART_FONT_BODY, FALSE,
                                                      metrics->label_width - 8, 2,
                                                      PANGO_ALIGN_LEFT);

      max_label = MAX (max_label, chart_text_get_height (layout));
    }
  metrics->row_height = MAX (ceil (max_label) + 6, 18);

  metrics->bar_width = MIN (width - metrics->label_width, MAX_BAR_WIDTH);
  metrics->cell_width = MIN (MAX_GRID_CELL,
                              (width - metrics->label_width) / MAX (n_columns, 1));

  /* Column headings: years, questions' short labels, or the question above the bars. */
  metrics->header_height = 0;
  if (data->kind == UPP_CHART_CODED_BY_UNIT)
    {
      g_autoptr(PangoLayout) layout = chart_text_new (&painter->canvas, data->question_label,
                                                      CHART_FONT_BODY, TRUE,
                                                      metrics->bar_width, 1, PANGO_ALIGN_LEFT);

      metrics->header_height = chart_text_get_height (layout) + 4;
      return;
    }
  metrics->header_size = header_font_size (painter, metrics->cell_width - 2);
  for (guint c = 0; c < data->columns->len; c++)
    {
      ChartColumn *column = g_ptr_array_index (data->columns, c);
      g_autoptr(PangoLayout) layout = chart_text_new (&painter->canvas, column->label,
                                                      metrics->header_size, TRUE,
                                                      metrics->cell_width - 2, 3,
                                                      PANGO_ALIGN_CENTER);

      metrics->header_height = MAX (metrics->header_height, chart_text_get_height (layout) + 4);
    }
}

static double
grid_measure (Painter *painter,
              double   width)
{
  GridMetrics metrics;

  grid_metrics (painter, width, &metrics);
  return metrics.header_height + grid_n_lines (painter->data) * metrics.row_height;
}

static void
draw_cell_codes (Painter         *painter,
                 const ChartCell *cell,
                 double           x,
                 double     y,
                 double     width,
                 double     height,
                 gboolean   with_labels,
                 double     indent)
{
  ChartData *data = painter->data;
  cairo_t *cr = painter->canvas.cr;
  guint32 codes = cell->codes;
  guint n = count_codes (codes);
  double segment;
  guint drawn = 0;

  if (n == 0)
    {
      const ChartTheme *theme = &painter->canvas.theme;
      gboolean not_coded = cell_not_coded (cell);

      /* Drawn as the legend shows them: not coded filled, no answer as an outline. */
      chart_swatch_draw (&painter->canvas, not_coded ? CHART_SWATCH_FILL : CHART_SWATCH_OUTLINE,
                         not_coded ? theme->no_answer : theme->grid, x, y, width, height);
      if (with_labels)
        {
          g_autoptr(PangoLayout) layout = NULL;
          double text_height;

          layout = chart_text_new (&painter->canvas, not_coded ? _("Not coded") : _("No answer"),
                                   CHART_FONT_SMALL, FALSE, width - 6, 1, PANGO_ALIGN_LEFT);
          text_height = chart_text_get_height (layout);
          chart_text_draw (&painter->canvas, layout, x + 3, y + (height - text_height) / 2,
                           not_coded ? chart_palette_text_on (theme->no_answer) : theme->dim_text);
        }
      return;
    }

  segment = width / n;
  for (guint i = 0; i < data->choices->len; i++)
    {
      ChartColor color;

      if ((codes & (1u << i)) == 0)
        continue;
      color = chart_palette_choice (i, painter->canvas.style);
      cairo_save (cr);
      chart_swatch_draw (&painter->canvas, CHART_SWATCH_FILL, color,
                         x + drawn * segment, y, segment, height);
      if (with_labels && segment >= 24)
        {
          double text_indent = drawn == 0 ? indent : 0;
          g_autoptr(PangoLayout) layout = chart_text_new (&painter->canvas,
                                                          g_ptr_array_index (data->choices, i),
                                                          CHART_FONT_SMALL, FALSE,
                                                          segment - 6 - text_indent,
                                                          1, PANGO_ALIGN_LEFT);
          double text_height = chart_text_get_height (layout);

          chart_text_draw (&painter->canvas, layout, x + drawn * segment + 3 + text_indent,
                           y + (height - text_height) / 2, chart_palette_text_on (color));
        }
      cairo_restore (cr);
      /* White seams between the codes of a multiple-choice answer. */
      if (drawn > 0)
        {
          cairo_save (cr);
          chart_color_set_source (cr, painter->canvas.theme.background);
          cairo_rectangle (cr, x + drawn * segment - 0.5, y, 1, height);
          cairo_fill (cr);
          cairo_restore (cr);
        }
      drawn++;
    }
}

/* How the rows fit the plot's height. */
typedef struct
{
  double height;       /* of a row */
  double label_size;   /* font size of the unit names */
  int    label_lines;  /* lines a unit name may take */
  guint  label_step;   /* a name on every label_step-th row */
} GridRows;

/* Too many units for the height: smaller rows, then smaller one-line labels, and at last a
 * label on every few rows only. */
static void
grid_fit_rows (Painter           *painter,
               const GridMetrics *metrics,
               double             available,
               GridRows          *rows)
{
  guint n_rows = grid_n_lines (painter->data);
  double one_line, ratio;

  rows->height = metrics->row_height;
  rows->label_size = CHART_FONT_BODY;
  rows->label_lines = 2;
  rows->label_step = 1;
  if (n_rows == 0 || n_rows * rows->height <= available)
    return;

  one_line = chart_line_height (&painter->canvas, CHART_FONT_BODY);
  ratio = one_line / CHART_FONT_BODY;
  rows->height = MAX (available / n_rows, 0.5);
  rows->label_lines = rows->height >= 2 * one_line + 4 ? 2 : 1;
  rows->label_size = CLAMP ((rows->height - 1) / ratio, CHART_FONT_MIN, CHART_FONT_BODY);
  if (rows->height < rows->label_size * ratio)
    rows->label_step = (guint) ceil (rows->label_size * ratio / rows->height);
}

/* "Unit" and the question above the bars, or one heading per column (question or round). */
static void
grid_draw_headings (Painter           *painter,
                    ChartRect         *plot,
                    const GridMetrics *metrics)
{
  ChartData *data = painter->data;
  ChartCanvas *canvas = &painter->canvas;

  if (data->kind == UPP_CHART_CODED_BY_UNIT)
    {
      g_autoptr(PangoLayout) layout = chart_text_new (canvas, data->question_label,
                                                      CHART_FONT_BODY, TRUE, metrics->bar_width,
                                                      1, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) unit = chart_text_new (canvas, _("Unit"), CHART_FONT_BODY, TRUE,
                                                    metrics->label_width - 8, 1,
                                                    PANGO_ALIGN_LEFT);

      chart_text_draw (canvas, unit, plot->x, plot->y, canvas->theme.dim_text);
      chart_text_draw (canvas, layout, plot->x + metrics->label_width, plot->y,
                       canvas->theme.dim_text);
      return;
    }

  for (guint c = 0; c < data->columns->len; c++)
    {
      ChartColumn *column = g_ptr_array_index (data->columns, c);
      g_autoptr(PangoLayout) layout = chart_text_new (canvas, column->label,
                                                      metrics->header_size, TRUE,
                                                      metrics->cell_width - 2, 3,
                                                      PANGO_ALIGN_CENTER);
      double x = plot->x + metrics->label_width + c * metrics->cell_width;
      double height = chart_text_get_height (layout);

      chart_text_draw (canvas, layout, x + 1, plot->y + metrics->header_height - 4 - height,
                       canvas->theme.dim_text);
      add_hit (painter, x, plot->y, metrics->cell_width, metrics->header_height,
               column->label, g_strdup (column->detail));
    }
}

static void
grid_draw_row_label (Painter           *painter,
                     ChartRect         *plot,
                     const GridMetrics *metrics,
                     const GridRows    *rows,
                     ChartRow          *row,
                     double             y)
{
  ChartCanvas *canvas = &painter->canvas;
  g_autoptr(PangoLayout) layout = chart_text_new (canvas, row->name, rows->label_size, FALSE,
                                                  metrics->label_width - 8, rows->label_lines,
                                                  PANGO_ALIGN_LEFT);
  double height = chart_text_get_height (layout);

  chart_text_draw (canvas, layout, plot->x,
                   rows->label_step > 1 ? y : y + (rows->height - height) / 2,
                   canvas->theme.text);
}

/* The name of a county part, in bold across the row above its units. */
static void
grid_draw_part_heading (Painter           *painter,
                        ChartRect         *plot,
                        const GridMetrics *metrics,
                        const GridRows    *rows,
                        ChartRow          *row,
                        double             y)
{
  ChartCanvas *canvas = &painter->canvas;
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  if (rows->height < CHART_FONT_MIN)
    return;
  layout = chart_text_new (canvas, part_heading (row), rows->label_size, TRUE,
                           plot->width, 1, PANGO_ALIGN_LEFT);
  height = chart_text_get_height (layout);
  chart_text_draw (canvas, layout, plot->x, y + MAX (rows->height - height, 0),
                   canvas->theme.text);
}

/* Coded answer by unit: the row's bar, and a rule above it where the answer differs from the
 * row before. */
static void
grid_draw_unit_bar (Painter           *painter,
                    ChartRect         *plot,
                    const GridMetrics *metrics,
                    const GridRows    *rows,
                    guint              r,
                    double             y,
                    double             cell_y,
                    double             cell_height)
{
  ChartData *data = painter->data;
  ChartCanvas *canvas = &painter->canvas;
  cairo_t *cr = canvas->cr;
  ChartRow *row = g_ptr_array_index (data->rows, r);
  const ChartCell *cell = &row->cells[data->current_column];
  double width = metrics->bar_width;
  g_autofree char *codes = codes_to_text (data, cell);
  const ChartCell *before;

  /* Bars no thicker than a line of text, even beside two-line names. */
  double bar_height = MIN (cell_height, 18);

  draw_cell_codes (painter, cell, plot->x + metrics->label_width,
                   cell_y + (cell_height - bar_height) / 2, width, bar_height,
                   bar_height >= 9, 0);
  add_hit (painter, plot->x, y, metrics->label_width + width, rows->height, row->name,
           g_strdup_printf ("%s: %s", data->question_label, codes));
  /* A part's heading already sets its units apart from those above. */
  if (r == 0 || starts_part (data, r))
    return;

  before = &((ChartRow *) g_ptr_array_index (data->rows, r - 1))->cells[data->current_column];
  if (before->codes == cell->codes)
    return;
  cairo_save (cr);
  chart_color_set_source (cr, canvas->theme.dim_text);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, plot->x, y);
  cairo_line_to (cr, plot->x + metrics->label_width + width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Change over the years: the cell's codes, with a corner marker when they differ from the
 * round before; returns the cell's hover text. */
static char *
grid_draw_change_cell (Painter         *painter,
                       ChartRow        *row,
                       guint            c,
                       const ChartRect *box)
{
  ChartColumn *column = g_ptr_array_index (painter->data->columns, c);
  const ChartCell *cell = &row->cells[c];
  cairo_t *cr = painter->canvas.cr;
  g_autofree char *codes = codes_to_text (painter->data, cell);
  gboolean changed = c > 0 && row->cells[c - 1].present &&
                     row->cells[c - 1].codes != 0 && cell->codes != 0 &&
                     row->cells[c - 1].codes != cell->codes;
  double marker = MIN (box->width, box->height) * 0.6;

  draw_cell_codes (painter, cell, box->x, box->y, box->width, box->height,
                   box->width >= 60 && box->height >= 10, changed ? marker * 0.6 : 0);
  if (!changed)
    return g_strdup_printf ("%s: %s", column->label, codes);

  cairo_save (cr);
  chart_color_set_source (cr, painter->canvas.theme.text);
  cairo_move_to (cr, box->x, box->y);
  cairo_line_to (cr, box->x + marker, box->y);
  cairo_line_to (cr, box->x, box->y + marker);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
  return g_strdup_printf ("%s: %s (%s)", column->label, codes,
                          _("changed since the round before"));
}

/* Answered questions: the cell coloured by the answer's length, with the number of
 * characters where it fits; returns the cell's hover text. */
static char *
grid_draw_answered_cell (Painter         *painter,
                         const ChartCell *cell,
                         ChartColumn     *column,
                         const ChartRect *box)
{
  ChartCanvas *canvas = &painter->canvas;
  ChartColor color;
  g_autofree char *count = NULL;

  if (!cell_answered (cell))
    {
      chart_swatch_draw (canvas, CHART_SWATCH_OUTLINE, canvas->theme.grid,
                         box->x, box->y, box->width, box->height);
      return g_strdup_printf ("%s: %s", column->label, _("No answer"));
    }

  color = chart_palette_length (length_bucket (cell), canvas->style);
  count = g_strdup_printf ("%d", cell->length);
  chart_swatch_draw (canvas, CHART_SWATCH_FILL, color, box->x, box->y, box->width, box->height);
  if (cell->length > 0 && box->height >= 9 && box->width >= 20)
    {
      g_autoptr(PangoLayout) layout = chart_text_new (canvas, count, CHART_FONT_SMALL, FALSE,
                                                      box->width, 1, PANGO_ALIGN_CENTER);
      double height = chart_text_get_height (layout);

      chart_text_draw (canvas, layout, box->x, box->y + (box->height - height) / 2,
                       chart_palette_text_on (color));
    }
  if (cell->length > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %d character",
                                         "%s: %d characters", cell->length),
                            column->label, cell->length);
  return g_strdup_printf ("%s: %s", column->label, _("coded, without text"));
}

/* One cell per column: a round the unit was not in is an outline. */
static void
grid_draw_row_cells (Painter           *painter,
                     ChartRect         *plot,
                     const GridMetrics *metrics,
                     const GridRows    *rows,
                     ChartRow          *row,
                     double             y,
                     double             cell_y,
                     double             cell_height)
{
  ChartData *data = painter->data;
  ChartCanvas *canvas = &painter->canvas;

  for (guint c = 0; c < data->columns->len; c++)
    {
      const ChartCell *cell = &row->cells[c];
      ChartColumn *column = g_ptr_array_index (data->columns, c);
      double x = plot->x + metrics->label_width + c * metrics->cell_width;
      ChartRect box = {
        .x = x + (metrics->cell_width >= 8 ? 1 : 0),
        .y = cell_y,
        .width = metrics->cell_width - (metrics->cell_width >= 8 ? 2 : 0),
        .height = cell_height,
      };
      g_autofree char *value = NULL;

      if (!cell->present)
        {
          if (box.height >= 3)
            chart_swatch_draw (canvas, CHART_SWATCH_OUTLINE, canvas->theme.grid,
                               box.x, box.y, box.width, box.height);
          value = g_strdup_printf ("%s: %s", column->label, _("Not in that round"));
        }
      else if (data->kind == UPP_CHART_CHANGE_OVER_YEARS)
        value = grid_draw_change_cell (painter, row, c, &box);
      else
        value = grid_draw_answered_cell (painter, cell, column, &box);
      add_hit (painter, x, y, metrics->cell_width, rows->height, row->name,
               g_steal_pointer (&value));
    }
}

static void
grid_draw (Painter   *painter,
           ChartRect *plot)
{
  ChartData *data = painter->data;
  GridMetrics metrics;
  GridRows rows;
  double y0;

  grid_metrics (painter, plot->width, &metrics);
  grid_fit_rows (painter, &metrics, plot->height - metrics.header_height, &rows);
  grid_draw_headings (painter, plot, &metrics);

  y0 = plot->y + metrics.header_height;
  for (guint r = 0, line = 0; r < data->rows->len; r++, line++)
    {
      ChartRow *row = g_ptr_array_index (data->rows, r);
      double y, gap, cell_y, cell_height;

      if (starts_part (data, r))
        grid_draw_part_heading (painter, plot, &metrics, &rows, row, y0 + line++ * rows.height);
      y = y0 + line * rows.height;
      gap = rows.height >= 8 ? 2 : 0;
      cell_y = y + gap / 2;
      cell_height = rows.height - gap;

      if (line % rows.label_step == 0)
        grid_draw_row_label (painter, plot, &metrics, &rows, row, y);
      if (data->kind == UPP_CHART_CODED_BY_UNIT)
        grid_draw_unit_bar (painter, plot, &metrics, &rows, r, y, cell_y, cell_height);
      else
        grid_draw_row_cells (painter, plot, &metrics, &rows, row, y, cell_y, cell_height);
    }
}

/* Bar charts: distribution, response progress */

typedef struct
{
  char      *label;
  char      *heading;  /* drawn above the group: the kind of the themes that follow */
  ChartColor color;
  guint      n_bars;
  guint     *counts;   /* per bar (year) */
  char     **units;    /* per bar: the units counted, ", "-joined, or NULL */
} BarGroup;

typedef struct
{
  GPtrArray *groups;
  guint      n_bars;
  guint      max_count;
} BarData;

static void
bar_group_free (BarGroup *group)
{
  g_free (group->label);
  g_free (group->heading);
  g_free (group->counts);
  /* NULL where a bar counts nobody, so not a NULL-terminated list. */
  for (guint i = 0; i < group->n_bars; i++)
    g_free (group->units[i]);
  g_free (group->units);
  g_free (group);
}

static BarGroup *
bar_group_new (const char *label,
               ChartColor  color,
               guint       n_bars)
{
  BarGroup *group = g_new0 (BarGroup, 1);

  group->label = g_strdup (label);
  group->color = color;
  group->n_bars = n_bars;
  group->counts = g_new0 (guint, n_bars);
  group->units = g_new0 (char *, n_bars + 1);
  return group;
}

static void
bar_group_add (BarGroup   *group,
               guint       bar,
               const char *unit)
{
  char *joined;

  group->counts[bar]++;
  joined = group->units[bar] == NULL ? g_strdup (unit)
           : g_strconcat (group->units[bar], ", ", unit, NULL);
  g_free (group->units[bar]);
  group->units[bar] = joined;
}

static void
bar_data_init (Painter *painter,
               BarData *bars)
{
  ChartData *data = painter->data;
  UppChartStyle style = painter->canvas.style;

  bars->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) bar_group_free);
  bars->max_count = 0;

  if (data->kind == UPP_CHART_THEMES)
    {
      bars->n_bars = data->columns->len;
      for (guint t = 0; t < data->themes->len; t++)
        {
          ChartThemeCount *theme = g_ptr_array_index (data->themes, t);
          ChartThemeCount *before = t > 0 ? g_ptr_array_index (data->themes, t - 1) : NULL;
          BarGroup *group = bar_group_new (theme->name,
                                           chart_palette_theme (theme->kind, theme->colour,
                                                                style),
                                           bars->n_bars);

          if (before == NULL || before->kind != theme->kind)
            group->heading = g_strdup (theme_kind_label (theme->kind));
          for (guint c = 0; c < bars->n_bars; c++)
            {
              group->counts[c] = theme->counts[c];
              group->units[c] = g_strdup (theme->units[c]);
            }
          g_ptr_array_add (bars->groups, group);
        }
    }
  else if (data->kind == UPP_CHART_RESPONSE_PROGRESS)
    {
      bars->n_bars = 1;
      for (guint s = 0; s < UPP_N_RESPONSE_STATUSES; s++)
        g_ptr_array_add (bars->groups,
                         bar_group_new (upp_response_status_get_label ((UppResponseStatus) s),
                                        chart_palette_status ((UppResponseStatus) s, style), 1));
      for (guint r = 0; r < data->rows->len; r++)
        {
          ChartRow *row = g_ptr_array_index (data->rows, r);

          bar_group_add (g_ptr_array_index (bars->groups, row->status), 0, row->name);
        }
    }
  else
    {
      BarGroup *not_coded;
      BarGroup *none;

      bars->n_bars = data->columns->len;
      for (guint i = 0; i < data->choices->len; i++)
        g_ptr_array_add (bars->groups,
                         bar_group_new (g_ptr_array_index (data->choices, i),
                                        chart_palette_choice (i, style), bars->n_bars));
      not_coded = bar_group_new (_("Not coded"), painter->canvas.theme.no_answer,
                                 bars->n_bars);
      g_ptr_array_add (bars->groups, not_coded);
      none = bar_group_new (_("No answer"), painter->canvas.theme.grid, bars->n_bars);
      g_ptr_array_add (bars->groups, none);
      for (guint r = 0; r < data->rows->len; r++)
        {
          ChartRow *row = g_ptr_array_index (data->rows, r);

          for (guint c = 0; c < bars->n_bars; c++)
            {
              const ChartCell *cell = &row->cells[c];

              if (!cell->present)
                continue;
              if (cell_not_coded (cell))
                bar_group_add (not_coded, c, row->name);
              else if (cell->codes == 0)
                bar_group_add (none, c, row->name);
              for (guint i = 0; i < data->choices->len; i++)
                if (cell->codes & (1u << i))
                  bar_group_add (g_ptr_array_index (bars->groups, i), c, row->name);
            }
        }
    }

  for (guint g = 0; g < bars->groups->len; g++)
    {
      BarGroup *group = g_ptr_array_index (bars->groups, g);

      for (guint c = 0; c < bars->n_bars; c++)
        bars->max_count = MAX (bars->max_count, group->counts[c]);
    }
}

static void
bar_data_clear (BarData *bars)
{
  g_clear_pointer (&bars->groups, g_ptr_array_unref);
}

typedef struct
{
  double label_width;
  double year_width;    /* 0 with one bar per group */
  double count_width;
  double bars_x;        /* from the plot's left edge */
  double bars_width;
  double axis_height;
} BarMetrics;

static void
bar_metrics (Painter    *painter,
             BarData    *bars,
             double      width,
             BarMetrics *metrics)
{
  double natural = 0;
  g_autoptr(PangoLayout) count = NULL;
  g_autoptr(PangoLayout) year = NULL;

  for (guint g = 0; g < bars->groups->len; g++)
    {
      BarGroup *group = g_ptr_array_index (bars->groups, g);
      g_autoptr(PangoLayout) layout = chart_text_new (&painter->canvas, group->label,
                                                      CHART_FONT_BODY, FALSE, -1, 0,
                                                      PANGO_ALIGN_LEFT);

      natural = MAX (natural, chart_text_get_width (layout));
    }
  metrics->label_width = CLAMP (ceil (natural) + 10, 60, floor (width * 0.3));

  year = chart_text_new (&painter->canvas, "0000", CHART_FONT_SMALL, FALSE, -1, 0,
                         PANGO_ALIGN_LEFT);
  metrics->year_width = bars->n_bars > 1 ? ceil (chart_text_get_width (year)) + 6 : 0;
  count = chart_text_new (&painter->canvas, "0000", CHART_FONT_BODY, TRUE, -1, 0,
                          PANGO_ALIGN_LEFT);
  metrics->count_width = ceil (chart_text_get_width (count)) + 6;
  metrics->bars_x = metrics->label_width + metrics->year_width;
  metrics->bars_width = MAX (width - metrics->bars_x - metrics->count_width, 10);
  metrics->axis_height = 6 + 2 * chart_line_height (&painter->canvas, CHART_FONT_SMALL) + 4;
}

static const char *
group_units (BarData  *bars,
             BarGroup *group)
{
  /* The units are listed for the latest bar: the chart's own round. */
  return group->units[bars->n_bars - 1];
}

/* The height of a kind's heading above its first theme; 0 for the other themes. */
static double
bar_heading_height (Painter  *painter,
                    BarGroup *group)
{
  if (group->heading == NULL)
    return 0;
  return chart_line_height (&painter->canvas, CHART_FONT_BODY) + 6;
}

static double
bar_group_height (Painter    *painter,
                  BarData    *bars,
                  BarGroup   *group,
                  BarMetrics *metrics,
                  gboolean    with_units,
                  double     *units_height)
{
  g_autoptr(PangoLayout) label = chart_text_new (&painter->canvas, group->label,
                                                 CHART_FONT_BODY, FALSE,
                                                 metrics->label_width - 10, 3, PANGO_ALIGN_LEFT);
  double bars_height = bars->n_bars * (BAR_THICKNESS + 2);
  double list_height = 0;
  double heading_height = bar_heading_height (painter, group);

  if (with_units && group_units (bars, group) != NULL)
    {
      g_autoptr(PangoLayout) list = chart_text_new (&painter->canvas, group_units (bars, group),
                                                    CHART_FONT_SMALL, FALSE,
                                                    metrics->bars_width + metrics->count_width
                                                    + metrics->year_width,
                                                    UNIT_LIST_LINES, PANGO_ALIGN_LEFT);
      list_height = chart_text_get_height (list) + 2;
    }
  if (units_height != NULL)
    *units_height = list_height;
  return heading_height + MAX (chart_text_get_height (label), bars_height + list_height)
         + ROW_GAP;
}

static double
bars_measure_with (Painter  *painter,
                   BarData  *bars,
                   double    width,
                   gboolean  with_units)
{
  BarMetrics metrics;
  double height = 0;

  bar_metrics (painter, bars, width, &metrics);
  for (guint g = 0; g < bars->groups->len; g++)
    height += bar_group_height (painter, bars, g_ptr_array_index (bars->groups, g), &metrics,
                                with_units, NULL);
  return height + metrics.axis_height;
}

static double
bars_measure (Painter *painter,
              double   width)
{
  BarData bars;
  double height;

  bar_data_init (painter, &bars);
  height = bars_measure_with (painter, &bars, width, TRUE);
  bar_data_clear (&bars);
  return height;
}

static void
bars_draw (Painter   *painter,
           ChartRect *plot)
{
  ChartData *data = painter->data;
  ChartCanvas *canvas = &painter->canvas;
  cairo_t *cr = canvas->cr;
  BarData bars;
  BarMetrics metrics;
  gboolean with_units = TRUE;
  double natural, scale = 1.0, y, bars_left, width;
  guint step, top;

  bar_data_init (painter, &bars);
  width = plot->width;
  natural = bars_measure_with (painter, &bars, width, TRUE);
  if (natural > plot->height)
    {
      with_units = FALSE;
      natural = bars_measure_with (painter, &bars, width, FALSE);
    }

  cairo_save (cr);
  cairo_translate (cr, plot->x, plot->y);
  if (natural > plot->height)
    {
      /* Still too tall: shrink the whole plot, text and all, rather than cut it off; laid
       * out wider by as much, it still fills the width. */
      for (guint i = 0; i < 3 && natural > plot->height; i++)
        {
          scale = MIN (scale, plot->height / natural);
          width = plot->width / scale;
          natural = bars_measure_with (painter, &bars, width, FALSE);
        }
      scale = MIN (scale, plot->height / natural);
      cairo_scale (cr, scale, scale);
    }
  bar_metrics (painter, &bars, width, &metrics);
  bars_left = metrics.bars_x;

  step = chart_nice_step (MAX (bars.max_count, 1), MAX ((guint) (metrics.bars_width / 50), 2));
  top = ((MAX (bars.max_count, 1) + step - 1) / step) * step;

  /* Grid lines first, behind the bars. */
  {
    double rows_height = natural - metrics.axis_height;

    cairo_save (cr);
    cairo_set_line_width (cr, 0.5);
    chart_color_set_source (cr, canvas->theme.grid);
    for (guint tick = 0; tick <= top; tick += step)
      {
        double x = bars_left + metrics.bars_width * tick / top;
        g_autofree char *text = g_strdup_printf ("%u", tick);
        g_autoptr(PangoLayout) layout = chart_text_new (canvas, text, CHART_FONT_SMALL, FALSE,
                                                        -1, 0, PANGO_ALIGN_LEFT);

        cairo_move_to (cr, round (x) + 0.25, 0);
        cairo_line_to (cr, round (x) + 0.25, rows_height + 3);
        cairo_stroke (cr);
        chart_text_draw (canvas, layout, x - chart_text_get_width (layout) / 2,
                         rows_height + 4, canvas->theme.dim_text);
      }
    {
      g_autoptr(PangoLayout) axis = chart_text_new (canvas, _("Number of units"),
                                                    CHART_FONT_SMALL, FALSE, -1, 0,
                                                    PANGO_ALIGN_LEFT);

      chart_text_draw (canvas, axis,
                       bars_left + (metrics.bars_width - chart_text_get_width (axis)) / 2,
                       rows_height + 4 + chart_line_height (canvas, CHART_FONT_SMALL) + 2,
                       canvas->theme.dim_text);
    }
    cairo_restore (cr);
  }

  y = 0;
  for (guint g = 0; g < bars.groups->len; g++)
    {
      BarGroup *group = g_ptr_array_index (bars.groups, g);
      double units_height;
      double group_height = bar_group_height (painter, &bars, group, &metrics, with_units,
                                              &units_height);
      g_autoptr(PangoLayout) label = chart_text_new (canvas, group->label, CHART_FONT_BODY,
                                                     FALSE, metrics.label_width - 10, 3,
                                                     PANGO_ALIGN_LEFT);

      if (group->heading != NULL)
        {
          g_autoptr(PangoLayout) heading = chart_text_new (canvas, group->heading,
                                                           CHART_FONT_BODY, TRUE, width, 1,
                                                           PANGO_ALIGN_LEFT);

          chart_text_draw (canvas, heading, 0, y, canvas->theme.text);
          y += bar_heading_height (painter, group);
          group_height -= bar_heading_height (painter, group);
        }
      chart_text_draw (canvas, label, 0, y, canvas->theme.text);

      for (guint c = 0; c < bars.n_bars; c++)
        {
          double bar_y = y + c * (BAR_THICKNESS + 2);
          double length = metrics.bars_width * group->counts[c] / top;
          ChartColumn *column = c < data->columns->len ? g_ptr_array_index (data->columns, c)
                                                       : NULL;
          double fade = year_fade (bars.n_bars, c);
          ChartColor color = chart_palette_fade (group->color, &canvas->theme, fade);
          g_autofree char *count = g_strdup_printf ("%u", group->counts[c]);
          g_autoptr(PangoLayout) count_layout = chart_text_new (canvas, count, CHART_FONT_BODY,
                                                                TRUE, -1, 0, PANGO_ALIGN_LEFT);
          double count_height = chart_text_get_height (count_layout);
          g_autofree char *value = NULL;

          if (metrics.year_width > 0 && column != NULL)
            {
              g_autoptr(PangoLayout) year = chart_text_new (canvas, column->label,
                                                            CHART_FONT_SMALL, FALSE, -1, 0,
                                                            PANGO_ALIGN_LEFT);

              chart_text_draw (canvas, year, metrics.label_width,
                               bar_y + (BAR_THICKNESS - chart_text_get_height (year)) / 2,
                               canvas->theme.dim_text);
            }
          if (group->counts[c] > 0)
            chart_swatch_draw (canvas, CHART_SWATCH_FILL, color, bars_left, bar_y,
                               MAX (length, 1), BAR_THICKNESS);
          chart_text_draw (canvas, count_layout, bars_left + length + 3,
                           bar_y + (BAR_THICKNESS - count_height) / 2, canvas->theme.text);

          value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u unit", "%s: %u units",
                                                group->counts[c]),
                                   group->label, group->counts[c]);
          if (column != NULL && bars.n_bars > 1)
            {
              char *with_year = g_strdup_printf ("%s (%s)", value, column->label);

              g_free (value);
              value = with_year;
            }
          add_hit (painter, 0, bar_y, width, BAR_THICKNESS + 2,
                   group->units[c] != NULL ? group->units[c] : "", g_steal_pointer (&value));
        }

      if (with_units && group_units (&bars, group) != NULL)
        {
          g_autoptr(PangoLayout) list = chart_text_new (canvas, group_units (&bars, group),
                                                        CHART_FONT_SMALL, FALSE,
                                                        metrics.bars_width + metrics.count_width
                                                        + metrics.year_width,
                                                        UNIT_LIST_LINES, PANGO_ALIGN_LEFT);

          chart_text_draw (canvas, list, metrics.label_width,
                           y + bars.n_bars * (BAR_THICKNESS + 2), canvas->theme.dim_text);
        }
      y += group_height;
    }

  cairo_restore (cr);
  bar_data_clear (&bars);
}

/* The frame: title, subtitle, legend, plot, footer */

typedef struct
{
  PangoLayout *title;
  PangoLayout *subtitle;
  PangoLayout *footer;
  GArray      *legend;
  double       legend_height;
  double       top;       /* where the plot starts */
  double       bottom;    /* room below the plot */
} Frame;

static void
frame_init (Painter *painter,
            Frame   *frame,
            double   width)
{
  ChartData *data = painter->data;
  double inner = width - 2 * CHART_MARGIN;
  g_autofree char *footer = footer_text (data);

  frame->title = chart_text_new (&painter->canvas, data->title, CHART_FONT_TITLE, TRUE,
                                 inner, 2, PANGO_ALIGN_LEFT);
  frame->subtitle = NULL;
  if (data->subtitle != NULL && *data->subtitle != '\0')
    frame->subtitle = chart_text_new (&painter->canvas, data->subtitle, CHART_FONT_SUBTITLE,
                                      FALSE, inner, 3, PANGO_ALIGN_LEFT);
  frame->footer = chart_text_new (&painter->canvas, footer, CHART_FONT_SMALL, FALSE, inner, 3,
                                  PANGO_ALIGN_LEFT);
  frame->legend = legend_items (painter);
  frame->legend_height = chart_legend_measure (&painter->canvas,
                                               (ChartLegendItem *) frame->legend->data,
                                               frame->legend->len, inner);

  frame->top = CHART_MARGIN + chart_text_get_height (frame->title);
  if (frame->subtitle != NULL)
    frame->top += 3 + chart_text_get_height (frame->subtitle);
  if (frame->legend->len > 0)
    frame->top += 10 + frame->legend_height;
  frame->top += 12;
  frame->bottom = 10 + chart_text_get_height (frame->footer) + CHART_MARGIN;
}

static void
frame_clear (Frame *frame)
{
  g_clear_object (&frame->title);
  g_clear_object (&frame->subtitle);
  g_clear_object (&frame->footer);
  g_clear_pointer (&frame->legend, g_array_unref);
}

static double
plot_measure (Painter *painter,
              double   width)
{
  if (!chart_data_has_values (painter->data))
    return 3 * chart_line_height (&painter->canvas, CHART_FONT_BODY) + 40;

  switch (painter->data->kind)
    {
    case UPP_CHART_DISTRIBUTION:
    case UPP_CHART_RESPONSE_PROGRESS:
    case UPP_CHART_THEMES:
      return bars_measure (painter, width);
    case UPP_CHART_CODED_BY_UNIT:
    case UPP_CHART_CHANGE_OVER_YEARS:
    case UPP_CHART_ANSWERED_QUESTIONS:
    case UPP_N_CHART_KINDS:
    default:
      return grid_measure (painter, width);
    }
}

double
chart_data_measure (ChartData *data,
                    double     width)
{
  Painter painter = { .data = data, .draw = FALSE };
  Frame frame;
  double height;

  chart_canvas_init_measure (&painter.canvas);
  frame_init (&painter, &frame, width);
  height = frame.top + plot_measure (&painter, width - 2 * CHART_MARGIN) + frame.bottom;
  frame_clear (&frame);
  chart_canvas_clear (&painter.canvas);
  return ceil (height);
}

static void
draw_empty (Painter   *painter,
            ChartRect *plot)
{
  ChartCanvas *canvas = &painter->canvas;
  g_autoptr(PangoLayout) layout = chart_text_new (canvas, empty_message (painter->data),
                                                  CHART_FONT_BODY + 1, FALSE,
                                                  MIN (plot->width, 360), 0, PANGO_ALIGN_CENTER);
  double width, height;
  double box_width = MIN (plot->width, 360) + 24;
  double box_height;

  chart_text_get_size (layout, &width, &height);
  box_height = MIN (height + 24, plot->height);
  cairo_save (canvas->cr);
  cairo_set_line_width (canvas->cr, 1.0);
  cairo_set_dash (canvas->cr, (double[]) { 4, 3 }, 2, 0);
  chart_color_set_source (canvas->cr, canvas->theme.grid);
  cairo_rectangle (canvas->cr, plot->x + (plot->width - box_width) / 2 + 0.5,
                   plot->y + 0.5, box_width - 1, MAX (box_height - 1, 1));
  cairo_stroke (canvas->cr);
  cairo_restore (canvas->cr);
  chart_text_draw (canvas, layout, plot->x + (plot->width - MIN (plot->width, 360)) / 2,
                   plot->y + 12, canvas->theme.dim_text);
}

void
chart_data_draw (ChartData     *data,
                 cairo_t       *cr,
                 double         width,
                 double         height,
                 UppChartStyle  style)
{
  Painter painter = { .data = data, .draw = TRUE };
  ChartCanvas *canvas = &painter.canvas;
  Frame frame;
  ChartRect plot;
  double y;

  chart_canvas_init (canvas, cr, style);
  cairo_get_matrix (cr, &painter.device_to_chart);
  if (cairo_matrix_invert (&painter.device_to_chart) != CAIRO_STATUS_SUCCESS)
    cairo_matrix_init_identity (&painter.device_to_chart);

  if (canvas->theme.fill_background)
    {
      chart_color_set_source (cr, canvas->theme.background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  frame_init (&painter, &frame, width);

  y = CHART_MARGIN;
  chart_text_draw (canvas, frame.title, CHART_MARGIN, y, canvas->theme.text);
  y += chart_text_get_height (frame.title);
  if (frame.subtitle != NULL)
    {
      y += 3;
      chart_text_draw (canvas, frame.subtitle, CHART_MARGIN, y, canvas->theme.dim_text);
      y += chart_text_get_height (frame.subtitle);
    }
  if (frame.legend->len > 0)
    {
      y += 10;
      chart_legend_draw (canvas, (ChartLegendItem *) frame.legend->data, frame.legend->len,
                         CHART_MARGIN, y, width - 2 * CHART_MARGIN);
    }

  chart_text_draw (canvas, frame.footer, CHART_MARGIN,
                   height - CHART_MARGIN - chart_text_get_height (frame.footer),
                   canvas->theme.dim_text);

  plot.x = CHART_MARGIN;
  plot.y = frame.top;
  plot.width = width - 2 * CHART_MARGIN;
  plot.height = height - frame.top - frame.bottom;

  if (plot.height > 4 && plot.width > 20)
    {
      cairo_save (cr);
      cairo_rectangle (cr, plot.x - 2, plot.y - 2, plot.width + 4, plot.height + 4);
      cairo_clip (cr);
      if (!chart_data_has_values (data))
        draw_empty (&painter, &plot);
      else if (data->kind == UPP_CHART_DISTRIBUTION ||
               data->kind == UPP_CHART_RESPONSE_PROGRESS || data->kind == UPP_CHART_THEMES)
        bars_draw (&painter, &plot);
      else
        grid_draw (&painter, &plot);
      cairo_restore (cr);
    }

  frame_clear (&frame);
  chart_canvas_clear (canvas);
}

/* A kind's heading, then per theme its count in each year and the units of the chart's own
 * round: "Samverkan: 1 (2024), 3 (2025): Falun, Mora, Orsa". */
static void
themes_append_text (ChartData *data,
                    GString   *text)
{
  for (guint t = 0; t < data->themes->len; t++)
    {
      ChartThemeCount *theme = g_ptr_array_index (data->themes, t);
      ChartThemeCount *before = t > 0 ? g_ptr_array_index (data->themes, t - 1) : NULL;
      const char *units = theme->units[data->current_column];

      if (before == NULL || before->kind != theme->kind)
        g_string_append_printf (text, "%s\n", theme_kind_label (theme->kind));
      g_string_append_printf (text, "%s:", theme->name);
      for (guint c = 0; c < data->columns->len; c++)
        {
          ChartColumn *column = g_ptr_array_index (data->columns, c);

          g_string_append_printf (text, "%s %u", c > 0 ? "," : "", theme->counts[c]);
          if (data->columns->len > 1)
            g_string_append_printf (text, " (%s)", column->label);
        }
      if (units != NULL)
        g_string_append_printf (text, ": %s", units);
      g_string_append_c (text, '\n');
    }
}

char *
chart_data_dup_text (ChartData *data)
{
  GString *text = g_string_new (NULL);
  g_autofree char *footer = footer_text (data);
  gboolean has_values = chart_data_has_values (data);

  g_string_append_printf (text, "%s\n", data->title);
  if (data->subtitle != NULL && *data->subtitle != '\0')
    g_string_append_printf (text, "%s\n", data->subtitle);

  if (!has_values)
    g_string_append_printf (text, "%s\n", empty_message (data));
  else if (data->kind == UPP_CHART_THEMES)
    themes_append_text (data, text);
  else if (data->kind == UPP_CHART_RESPONSE_PROGRESS)
    {
      for (guint s = 0; s < UPP_N_RESPONSE_STATUSES; s++)
        {
          GString *units = g_string_new (NULL);
          guint n = 0;

          for (guint r = 0; r < data->rows->len; r++)
            {
              ChartRow *row = g_ptr_array_index (data->rows, r);

              if (row->status != s)
                continue;
              g_string_append_printf (units, "%s%s", n > 0 ? ", " : "", row->name);
              n++;
            }
          g_string_append_printf (text, "%s: %u", upp_response_status_get_label ((UppResponseStatus) s), n);
          if (n > 0)
            g_string_append_printf (text, " (%s)", units->str);
          g_string_append_c (text, '\n');
          g_string_free (units, TRUE);
        }
    }
  else
    {
      for (guint i = 0; i < data->choices->len; i++)
        g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (data->choices, i));
      for (guint c = 0; c < data->columns->len; c++)
        {
          ChartColumn *column = g_ptr_array_index (data->columns, c);

          g_string_append_printf (text, "%s\n", column->label);
        }
      for (guint r = 0; r < data->rows->len; r++)
        {
          ChartRow *row = g_ptr_array_index (data->rows, r);

          if (starts_part (data, r))
            g_string_append_printf (text, "%s\n", part_heading (row));
          g_string_append (text, row->name);
          if (data->kind != UPP_CHART_ANSWERED_QUESTIONS)
            {
              g_autofree char *codes = codes_to_text (data,
                                                      &row->cells[data->current_column]);

              g_string_append_printf (text, ": %s", codes);
            }
          g_string_append_c (text, '\n');
        }
    }
  g_string_append (text, footer);
  return g_string_free (text, FALSE);
}
