/* upp-import-result.c: what an import did, and what it could not match
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-import-result"

#include "config.h"

#include <glib/gi18n-lib.h>

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

char *
upp_import_result_dup_answered_summary (UppImportResult *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  g_string_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u of %u unit answered.",
                                         "%u of %u units answered.", self->n_units),
                   self->n_units_answered, self->n_units);
  if (self->units_without_answer->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      /* Unit names hold commas ("Mora, Orsa och Älvdalen"). */
      for (guint i = 0; i < self->units_without_answer->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? "; " : "",
                                (char *) g_ptr_array_index (self->units_without_answer, i));
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, _("No answer received from %s."), names->str);
    }
  return g_string_free (g_steal_pointer (&summary), FALSE);
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
