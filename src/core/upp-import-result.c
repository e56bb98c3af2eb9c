/* upp-import-result.c: what an import did, and what it could not match
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-import-result"

#include "config.h"

#include "upp-import-result.h"
#include "upp-response.h"

UppImportResult *
upp_import_result_new (void)
{
  UppImportResult *self = g_new0 (UppImportResult, 1);

  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->units_without_answer = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
upp_import_result_add_warning (UppImportResult *self,
                               const char      *format,
                               ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

void
upp_import_result_add_response (UppImportResult *self,
                                UppResponse     *response,
                                UppTemplate     *template)
{
  if (upp_response_counts_as_answered (response, template))
    self->n_units_answered++;
  else if (upp_response_get_status (response) == UPP_RESPONSE_STATUS_NO_ANSWER)
    g_ptr_array_add (self->units_without_answer,
                     g_strdup (upp_response_get_unit_name (response)));
}

void
upp_import_result_free (UppImportResult *self)
{
  if (self == NULL)
    return;
  g_free (self->round_uuid);
  g_ptr_array_unref (self->warnings);
  g_ptr_array_unref (self->units_without_answer);
  g_free (self);
}
