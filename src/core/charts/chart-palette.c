/* chart-palette.c: the charts' colour-blind-safe colours, fixed per choice and status
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-chart"

#include "config.h"

#include <string.h>

#include "chart-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* Okabe & Ito (2008), ordered so that the first choices of a question (in LÖK templates the
 * most advanced state: "signed", "regular") get the calm greens and blues and the last ones
 * the warm colours; the order also keeps neighbours apart for every kind of colour vision. */
static const ChartColor choice_colors[] = {
  RGB (0x009E73),  /* bluish green */
  RGB (0x56B4E9),  /* sky blue */
  RGB (0xE69F00),  /* orange */
  RGB (0xCC79A7),  /* reddish purple */
  RGB (0xD55E00),  /* vermillion */
  RGB (0x0072B2),  /* blue */
  RGB (0xF0E442),  /* yellow */
  RGB (0x8C6D31),  /* brown, beyond Okabe & Ito's seven */
};

/* On a dark background the same colours, but for blue and brown, which would sink into it;
 * the warm pair keeps Okabe & Ito's values so that orange and vermillion stay apart. */
static const ChartColor choice_colors_dark[] = {
  RGB (0x009E73),
  RGB (0x56B4E9),
  RGB (0xE69F00),
  RGB (0xCC79A7),
  RGB (0xD55E00),
  RGB (0x3A9AD9),
  RGB (0xF0E442),
  RGB (0xB8955A),
};

static const ChartColor status_colors[UPP_N_RESPONSE_STATUSES] = {
  RGB (0xBBBBBB),  /* not contacted: grey */
  RGB (0x56B4E9),  /* invited: sky blue */
  RGB (0xF0E442),  /* booked: yellow */
  RGB (0x0072B2),  /* done: blue */
  RGB (0x009E73),  /* approved: bluish green */
  RGB (0xD55E00),  /* no answer: vermillion */
};

/* ColorBrewer "Blues", readable for every kind of colour vision. */
static const ChartColor length_colors[] = {
  RGB (0xC6DBEF),
  RGB (0x6BAED6),
  RGB (0x2171B5),
  RGB (0x08306B),
};

static const ChartColor length_colors_dark[] = {
  RGB (0x2B4C6F),
  RGB (0x3C7DB8),
  RGB (0x6BAED6),
  RGB (0xC6DBEF),
};

void
chart_theme_init (ChartTheme    *theme,
                  UppChartStyle  style)
{
  static const ChartTheme light = {
    RGB (0xFFFFFF), RGB (0x1E1E1E), RGB (0x5E5C64), RGB (0xC0BFBC), RGB (0xC8C7C4), TRUE,
  };
  static const ChartTheme dark = {
    RGB (0x1E1E1E), RGB (0xFFFFFF), RGB (0xC0BFBC), RGB (0x5E5C64), RGB (0x4A4A4F), TRUE,
  };
  static const ChartTheme print = {
    RGB (0xFFFFFF), RGB (0x000000), RGB (0x505050), RGB (0xB0B0B0), RGB (0xC8C7C4), FALSE,
  };

  switch (style)
    {
    case UPP_CHART_STYLE_DARK:
      *theme = dark;
      break;
    case UPP_CHART_STYLE_PRINT:
      *theme = print;
      break;
    case UPP_CHART_STYLE_LIGHT:
    default:
      *theme = light;
      break;
    }
}

ChartColor
chart_palette_choice (guint         position,
                      UppChartStyle style)
{
  const ChartColor *colors = style == UPP_CHART_STYLE_DARK ? choice_colors_dark : choice_colors;

  return colors[position % G_N_ELEMENTS (choice_colors)];
}

ChartColor
chart_palette_status (UppResponseStatus status,
                      UppChartStyle     style)
{
  ChartColor color = status_colors[(guint) status % UPP_N_RESPONSE_STATUSES];

  if (style == UPP_CHART_STYLE_DARK && status == UPP_RESPONSE_STATUS_NOT_CONTACTED)
    color = (ChartColor) RGB (0x77767B);
  return color;
}

ChartColor
chart_palette_length (guint         bucket,
                      UppChartStyle style)
{
  const ChartColor *colors = style == UPP_CHART_STYLE_DARK ? length_colors_dark : length_colors;

  return colors[MIN (bucket, G_N_ELEMENTS (length_colors) - 1)];
}

ChartColor
chart_palette_theme (UppThemeKind   kind,
                     const char    *colour,
                     UppChartStyle  style)
{
  guint64 hex;
  char *end = NULL;

  if (colour != NULL && colour[0] == '#' && strlen (colour) == 7)
    {
      hex = g_ascii_strtoull (colour + 1, &end, 16);
      if (end != NULL && *end == '\0')
        return (ChartColor) RGB ((guint32) hex);
    }
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return chart_palette_choice (0, style);
    case UPP_THEME_KIND_HINDERING:
      return chart_palette_choice (4, style);
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return chart_palette_choice (5, style);
    }
}

ChartColor
chart_palette_text_on (ChartColor color)
{
  static const ChartColor black = RGB (0x000000);
  static const ChartColor white = RGB (0xFFFFFF);
  double luminance = 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue;

  return luminance > 0.45 ? black : white;
}

ChartColor
chart_palette_fade (ChartColor        color,
                    const ChartTheme *theme,
                    double            amount)
{
  ChartColor mixed;

  mixed.red = color.red + (theme->background.red - color.red) * amount;
  mixed.green = color.green + (theme->background.green - color.green) * amount;
  mixed.blue = color.blue + (theme->background.blue - color.blue) * amount;
  return mixed;
}

void
chart_color_set_source (cairo_t    *cr,
                        ChartColor  color)
{
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
}
