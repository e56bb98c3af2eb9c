/* uppfoljning.h: the core's public API in one header, for the app, the CLI and tests
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The model */
#include "upp-agreement.h"
#include "upp-answer.h"
#include "upp-answer-key.h"
#include "upp-answer-version.h"
#include "upp-backup.h"
#include "upp-choice.h"
#include "upp-coding.h"
#include "upp-conflict.h"
#include "upp-enums.h"
#include "upp-factor-table.h"
#include "upp-interview.h"
#include "upp-item-field.h"
#include "upp-municipality.h"
#include "upp-privacy.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-suggestion.h"
#include "upp-template.h"
#include "upp-theme.h"
#include "upp-theme-matrix.h"
#include "upp-types.h"
#include "upp-unit.h"

/* The database, and the session that keeps views in step with it */
#include "session/upp-progress.h"
#include "session/upp-session.h"
#include "store/upp-store-exchange.h"
#include "store/upp-store.h"
#include "upp-save-queue.h"
#include "upp-search.h"
#include "upp-text-diff.h"

/* Files in and out */
#include "charts/upp-chart.h"
#include "exchange/exchange-common.h"
#include "exchange/exchange-crypt.h"
#include "exchange/exchange-read.h"
#include "exchange/exchange-write.h"
#include "export/export-csv.h"
#include "export/export-xlsx.h"
#include "import/import-csv.h"
#include "import/import-dalarna.h"
#include "report/upp-report.h"
#include "upp-files.h"
#include "upp-import-result.h"
