/* exchange-common.c: the exchange error domain and the import summary
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "exchange-common.h"

G_DEFINE_QUARK (upp-exchange-error-quark, upp_exchange_error)

UppExchangeSummary *
upp_exchange_summary_new (void)
{
  return g_new0 (UppExchangeSummary, 1);
}

void
upp_exchange_summary_free (UppExchangeSummary *self)
{
  g_free (self);
}

gboolean
upp_exchange_summary_is_empty (UppExchangeSummary *self)
{
  return self->templates_added == 0 && self->rounds_added == 0 && self->rounds_updated == 0 &&
         self->units_added == 0 && self->units_renamed == 0 && self->units_moved == 0 &&
         self->units_removed == 0 &&
         self->responses_added == 0 &&
         self->responses_updated == 0 && self->answers_added == 0 &&
         self->answers_updated == 0 && self->conflicts == 0 && self->themes_added == 0 &&
         self->themes_updated == 0 && self->codings_added == 0 && self->codings_updated == 0 &&
         self->codings_removed == 0 && self->agreements_added == 0 &&
         self->agreements_updated == 0 && self->agreements_removed == 0 &&
         self->interviews_added == 0 && self->interviews_updated == 0 &&
         self->interviews_removed == 0;
}

static void
add_part (GString    *string,
          guint       n,
          const char *format)
{
  if (n == 0)
    return;
  if (string->len > 0)
    g_string_append (string, ", ");
  g_string_append_printf (string, format, n);
}

char *
upp_exchange_summary_to_string (UppExchangeSummary *self)
{
  GString *string = g_string_new (NULL);

  add_part (string, self->rounds_added,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u round added", "%u rounds added", self->rounds_added));
  add_part (string, self->rounds_updated,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u round updated", "%u rounds updated", self->rounds_updated));
  add_part (string, self->templates_added,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u template added", "%u templates added", self->templates_added));
  add_part (string, self->units_added,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u unit added", "%u units added", self->units_added));
  add_part (string, self->units_renamed,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u unit renamed", "%u units renamed", self->units_renamed));
  add_part (string, self->units_moved,
            g_dngettext (GETTEXT_PACKAGE, "%u unit moved to another county part",
                         "%u units moved to another county part", self->units_moved));
  add_part (string, self->units_removed,
            g_dngettext (GETTEXT_PACKAGE, "%u unit removed from a round",
                         "%u units removed from a round", self->units_removed));
  add_part (string, self->responses_added,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u response added", "%u responses added", self->responses_added));
  add_part (string, self->responses_updated,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u response updated", "%u responses updated", self->responses_updated));
  add_part (string, self->answers_added,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u answer added", "%u answers added", self->answers_added));
  add_part (string, self->answers_updated,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u answer updated", "%u answers updated", self->answers_updated));
  add_part (string, self->themes_added,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u theme added", "%u themes added", self->themes_added));
  add_part (string, self->themes_updated,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u theme updated", "%u themes updated", self->themes_updated));
  add_part (string, self->codings_added,
            g_dngettext (GETTEXT_PACKAGE, "%u coded passage added",
                         "%u coded passages added", self->codings_added));
  add_part (string, self->codings_updated,
            g_dngettext (GETTEXT_PACKAGE, "%u coded passage updated",
                         "%u coded passages updated", self->codings_updated));
  add_part (string, self->codings_removed,
            g_dngettext (GETTEXT_PACKAGE, "%u coded passage removed",
                         "%u coded passages removed", self->codings_removed));
  add_part (string, self->agreements_added,
            g_dngettext (GETTEXT_PACKAGE, "%u agreement added",
                         "%u agreements added", self->agreements_added));
  add_part (string, self->agreements_updated,
            g_dngettext (GETTEXT_PACKAGE, "%u agreement updated",
                         "%u agreements updated", self->agreements_updated));
  add_part (string, self->agreements_removed,
            g_dngettext (GETTEXT_PACKAGE, "%u agreement removed",
                         "%u agreements removed", self->agreements_removed));
  add_part (string, self->interviews_added,
            g_dngettext (GETTEXT_PACKAGE, "%u interview added",
                         "%u interviews added", self->interviews_added));
  add_part (string, self->interviews_updated,
            g_dngettext (GETTEXT_PACKAGE, "%u interview updated",
                         "%u interviews updated", self->interviews_updated));
  add_part (string, self->interviews_removed,
            g_dngettext (GETTEXT_PACKAGE, "%u interview removed",
                         "%u interviews removed", self->interviews_removed));
  add_part (string, self->conflicts,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u conflict", "%u conflicts", self->conflicts));
  if (string->len == 0)
    g_string_append (string, _("Nothing new"));
  return g_string_free (string, FALSE);
}
