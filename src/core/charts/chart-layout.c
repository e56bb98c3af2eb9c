/* chart-layout.c: Pango text, legends and frames shared by the chart kinds
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-chart"

#include "config.h"

#include <math.h>

#include "chart-layout.h"

/* DejaVu Sans rather than Cantarell: it stays even at the small sizes of dense charts, has
 * every letter the register needs, and ships on every system the app builds on. */
#define FONT_FAMILY "DejaVu Sans, Sans"

static void
setup_context (ChartCanvas *canvas)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: text takes the same room on screen and on paper, and every file
   * format gets the same line breaks. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (canvas->context, options);
  pango_cairo_context_set_resolution (canvas->context, 72.0);
  pango_context_set_round_glyph_positions (canvas->context, FALSE);
  cairo_font_options_destroy (options);
}

void
chart_canvas_init (ChartCanvas   *canvas,
                   cairo_t       *cr,
                   UppChartStyle  style)
{
  canvas->cr = cairo_reference (cr);
  canvas->context = pango_cairo_create_context (cr);
  canvas->style = style;
  chart_theme_init (&canvas->theme, style);
  setup_context (canvas);
}

void
chart_canvas_init_measure (ChartCanvas *canvas)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  chart_canvas_init (canvas, cr, UPP_CHART_STYLE_PRINT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

void
chart_canvas_clear (ChartCanvas *canvas)
{
  g_clear_object (&canvas->context);
  g_clear_pointer (&canvas->cr, cairo_destroy);
}

PangoLayout *
chart_text_new (ChartCanvas    *canvas,
                const char     *text,
                double          size,
                gboolean        bold,
                double          width,
                int             max_lines,
                PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (canvas->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_alignment (layout, alignment);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  return layout;
}

void
chart_text_get_size (PangoLayout *layout,
                     double      *width,
                     double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

double
chart_text_get_height (PangoLayout *layout)
{
  double height;

  chart_text_get_size (layout, NULL, &height);
  return height;
}

double
chart_text_get_width (PangoLayout *layout)
{
  double width;

  chart_text_get_size (layout, &width, NULL);
  return width;
}

void
chart_text_draw (ChartCanvas *canvas,
                 PangoLayout *layout,
                 double       x,
                 double       y,
                 ChartColor   color)
{
  cairo_save (canvas->cr);
  chart_color_set_source (canvas->cr, color);
  cairo_move_to (canvas->cr, x, y);
  pango_cairo_show_layout (canvas->cr, layout);
  cairo_restore (canvas->cr);
}

double
chart_line_height (ChartCanvas *canvas,
                   double       size)
{
  g_autoptr(PangoLayout) layout = chart_text_new (canvas, "Åg", size, FALSE, -1, 0,
                                                  PANGO_ALIGN_LEFT);

  return chart_text_get_height (layout);
}

void
chart_swatch_draw (ChartCanvas *canvas,
                   ChartSwatch  swatch,
                   ChartColor   color,
                   double       x,
                   double       y,
                   double       width,
                   double       height)
{
  cairo_t *cr = canvas->cr;

  cairo_save (cr);
  switch (swatch)
    {
    case CHART_SWATCH_OUTLINE:
      cairo_set_line_width (cr, 1.0);
      cairo_rectangle (cr, x + 0.5, y + 0.5, width - 1, height - 1);
      chart_color_set_source (cr, color);
      cairo_stroke (cr);
      break;
    case CHART_SWATCH_MARKED:
      cairo_rectangle (cr, x, y, width, height);
      chart_color_set_source (cr, color);
      cairo_fill (cr);
      /* A corner triangle, visible without telling colours apart. */
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + MIN (width, height) * 0.6, y);
      cairo_line_to (cr, x, y + MIN (width, height) * 0.6);
      cairo_close_path (cr);
      chart_color_set_source (cr, canvas->theme.text);
      cairo_fill (cr);
      break;
    case CHART_SWATCH_FILL:
    default:
      cairo_rectangle (cr, x, y, width, height);
      chart_color_set_source (cr, color);
      cairo_fill (cr);
      break;
    }
  cairo_restore (cr);
}

static double
legend_layout (ChartCanvas           *canvas,
               const ChartLegendItem *items,
               guint                  n_items,
               double                 x0,
               double                 y0,
               double                 width,
               gboolean               draw)
{
  double line_height = chart_line_height (canvas, CHART_FONT_BODY);
  double swatch = round (line_height * 0.75);
  double x = x0;
  double y = y0;
  double row_height = 0;

  for (guint i = 0; i < n_items; i++)
    {
      /* A label never takes more than the whole width, and wraps to two lines there. */
      double max_label = width - swatch - 6;
      g_autoptr(PangoLayout) layout = chart_text_new (canvas, items[i].label, CHART_FONT_BODY,
                                                      FALSE, max_label, 2, PANGO_ALIGN_LEFT);
      double label_width, label_height, item_width;

      chart_text_get_size (layout, &label_width, &label_height);
      item_width = swatch + 5 + label_width;
      if (x > x0 && x + item_width > x0 + width)
        {
          x = x0;
          y += row_height + 4;
          row_height = 0;
        }
      if (draw)
        {
          chart_swatch_draw (canvas, items[i].swatch, items[i].color, x,
                             y + (line_height - swatch) / 2, swatch, swatch);
          chart_text_draw (canvas, layout, x + swatch + 5, y, canvas->theme.text);
        }
      row_height = MAX (row_height, label_height);
      x += item_width + 16;
    }
  return n_items > 0 ? y + row_height - y0 : 0;
}

double
chart_legend_measure (ChartCanvas           *canvas,
                      const ChartLegendItem *items,
                      guint                  n_items,
                      double                 width)
{
  return legend_layout (canvas, items, n_items, 0, 0, width, FALSE);
}

double
chart_legend_draw (ChartCanvas           *canvas,
                   const ChartLegendItem *items,
                   guint                  n_items,
                   double                 x,
                   double                 y,
                   double                 width)
{
  return legend_layout (canvas, items, n_items, x, y, width, TRUE);
}

guint
chart_nice_step (guint max,
                 guint max_ticks)
{
  static const guint steps[] = { 1, 2, 5 };
  guint magnitude = 1;

  if (max_ticks == 0)
    max_ticks = 1;
  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          guint step = steps[i] * magnitude;

          if ((max + step - 1) / step <= max_ticks)
            return step;
        }
      magnitude *= 10;
    }
}
