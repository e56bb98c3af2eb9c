/* cli-report.h: the pdf format of `uppfoljning-cli export`: the written report
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-store.h"

G_BEGIN_DECLS

/* Writes the round's report as a PDF to path, printing what it did or the error;
 * returns an exit status. */
int upp_cli_report_export (UppStore   *store,
                           UppRound   *round,
                           const char *path);

G_END_DECLS
