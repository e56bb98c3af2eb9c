/* upp-import-result.h: what an import did, and what it could not match
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "upp-types.h"

G_BEGIN_DECLS

typedef enum
{
  UPP_IMPORT_DEFAULT = 0,
  /* Everything is read, checked and written in a transaction that is rolled back, so the
   * result says what an import would do; no backup is made and the database is unchanged. */
  UPP_IMPORT_DRY_RUN = 1 << 0,
  /* The answers get the codes their texts suggest (upp-suggestion.h), in the same
   * transaction: how the example ships coded. */
  UPP_IMPORT_ACCEPT_SUGGESTIONS = 1 << 1,
} UppImportFlags;

typedef struct
{
  char      *round_uuid;   /* the round created or updated */
  guint      n_units;
  guint      n_answers;    /* non-empty answers stored */
  GPtrArray *warnings;     /* char *: units or municipalities that could not be matched */
  /* Of the units of a table import: how many count as answered (the overview's rule), and
   * the names of those recorded as "no answer received". */
  guint      n_units_answered;
  GPtrArray *units_without_answer;  /* char * */
} UppImportResult;

UppImportResult *upp_import_result_new          (void);
void             upp_import_result_add_warning  (UppImportResult *self,
                                                 const char      *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
/* Counts response, with its answers and status as imported, into n_units_answered or
 * units_without_answer. */
void             upp_import_result_add_response (UppImportResult *self,
                                                 UppResponse     *response,
                                                 UppTemplate     *template);
/* "10 of 11 units answered. No answer received from Gagnef.": the units as the overview
 * counts them, to show after an import. */
char            *upp_import_result_dup_answered_summary (UppImportResult *self);
void             upp_import_result_free         (UppImportResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppImportResult, upp_import_result_free)

G_END_DECLS
