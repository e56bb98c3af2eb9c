/* cli-chart.c: `uppfoljning-cli chart`: list the chart kinds or draw one to a file
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cli-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charts/upp-chart.h"
#include "upp-round.h"

#include "cli-commands.h"

static int
list_kinds (void)
{
  for (guint i = 0; i < UPP_N_CHART_KINDS; i++)
    {
      UppChartKind kind = (UppChartKind) i;

      g_print ("%s\t%s\n", upp_chart_kind_to_key (kind), upp_chart_kind_get_description (kind));
    }
  return UPP_CLI_EXIT_OK;
}

static gboolean
format_from_path (const char     *path,
                  UppChartFormat *format)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL && upp_chart_format_from_key (dot + 1, format);
}

int
upp_cli_chart (UppStore  *store,
               int        argc,
               char     **argv)
{
  gboolean list = FALSE;
  gboolean by_part = FALSE;
  g_autofree char *round_id = NULL;
  g_autofree char *chart_name = NULL;
  g_autofree char *question = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  int width = UPP_CHART_DEFAULT_WIDTH;
  int height = -1;
  double scale = 1.0;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the chart kinds, one a line"), NULL },
    { "round", 'r', 0, G_OPTION_ARG_STRING, &round_id, N_("The round (uuid or prefix)"), N_("ID") },
    { "chart", 'c', 0, G_OPTION_ARG_STRING, &chart_name, N_("The chart kind, see --list"),
      N_("NAME") },
    { "question", 'q', 0, G_OPTION_ARG_STRING, &question,
      N_("The question's key (default: the first with choices)"), N_("KEY") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("png, svg or pdf (default: from the file name)"), N_("FORMAT") },
    { "width", 'W', 0, G_OPTION_ARG_INT, &width, N_("Width in pixels or points (default 720)"),
      N_("PX") },
    { "height", 'H', 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels or points (default: as tall as the chart needs)"), N_("PX") },
    { "scale", 's', 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("PNG pixels per unit, e.g. 3 for print (default 1)"), N_("F") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "by-part", 0, 0, G_OPTION_ARG_NONE, &by_part,
      N_("Units under a heading per county part (charts with a row per unit)"), NULL },
    { NULL }
  };
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  UppChartKind kind;
  UppChartFormat format;

  if (!upp_cli_parse_options ("chart", _("--list | --round ID --chart NAME -o FILE"), entries,
                              &argc, &argv))
    return UPP_CLI_EXIT_USAGE;

  if (list)
    return list_kinds ();

  if (round_id == NULL || chart_name == NULL || output == NULL)
    {
      upp_cli_print_error (_("chart needs --round, --chart and -o (or --list)."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (!upp_chart_kind_from_key (chart_name, &kind))
    {
      upp_cli_print_error (_("There is no chart “%s”; “uppfoljning-cli chart --list” shows "
                             "the kinds."), chart_name);
      return UPP_CLI_EXIT_USAGE;
    }
  if (format_name != NULL)
    {
      if (!upp_chart_format_from_key (format_name, &format))
        {
          upp_cli_print_error (_("Unknown format “%s”; use png, svg or pdf."), format_name);
          return UPP_CLI_EXIT_USAGE;
        }
    }
  else if (!format_from_path (output, &format))
    {
      upp_cli_print_error (_("Give --format png, svg or pdf, or a file name ending in one."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (width < UPP_CHART_MIN_SIZE || width > UPP_CHART_MAX_SIZE ||
      (height != -1 && (height < UPP_CHART_MIN_SIZE || height > UPP_CHART_MAX_SIZE)))
    {
      upp_cli_print_error (_("--width and --height must be between %d and %d."),
                           UPP_CHART_MIN_SIZE, UPP_CHART_MAX_SIZE);
      return UPP_CLI_EXIT_USAGE;
    }
  if (!(scale >= 0.25 && scale <= 8))
    {
      upp_cli_print_error (_("--scale must be between 0.25 and 8."));
      return UPP_CLI_EXIT_USAGE;
    }

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;

  chart = upp_chart_new_for_round (store, round, kind, question, &error);
  if (chart == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return g_error_matches (error, UPP_CHART_ERROR, UPP_CHART_ERROR_WRONG_QUESTION)
             ? UPP_CLI_EXIT_USAGE : UPP_CLI_EXIT_FAILURE;
    }
  upp_chart_set_group_by_sub_area (chart, by_part);

  if (height == -1)
    height = MAX ((int) upp_chart_get_preferred_height (chart, width), UPP_CHART_MIN_SIZE);
  if (!upp_chart_write_file (chart, output, format, width, height, scale, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }

  /* TRANSLATORS: e.g. "Wrote chart.png: coded-by-unit, 720 × 480" */
  g_print (_("Wrote %s: %s, %d × %d\n"), output, upp_chart_kind_to_key (kind), width, height);
  return UPP_CLI_EXIT_OK;
}
