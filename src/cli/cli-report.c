/* cli-report.c: the pdf format of `uppfoljning-cli export`: the written report
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-report.h"
#include "report/upp-report.h"
#include "upp-round.h"

int
upp_cli_report_export (UppStore   *store,
                       UppRound   *round,
                       const char *path)
{
  g_autoptr(UppReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages;

  report = upp_report_new (store, round, &error);
  if (report == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  n_pages = upp_report_get_n_pages (report);
  if (!upp_report_write_pdf (report, path, NULL, NULL, NULL, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote the report (%u page) to %s\n",
                        "Wrote the report (%u pages) to %s\n", n_pages),
           n_pages, path);
  return UPP_CLI_EXIT_OK;
}
