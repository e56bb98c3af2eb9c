/* exchange-common.c: the exchange error domain, the import summary and schema version 2
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "exchange-common.h"
#include "upp-store-private.h"

G_DEFINE_QUARK (upp-exchange-error-quark, upp_exchange_error)

/* sync_versions holds, per answer or response uuid, the versions ("modified device") that are
 * known to be the current value or one of its ancestors: every version that was exported,
 * imported, or settled by resolving a conflict. An incoming version in this set is old news;
 * an incoming version whose history holds our current version is a plain update; anything
 * else changed on both sides since they last shared, and is kept as a conflict.
 *
 * conflicts keeps "their" side of an answer beside ours until the user settles it. */
static const char schema_v2[] =
  "CREATE TABLE sync_versions ("
  "  object_uuid TEXT NOT NULL, version TEXT NOT NULL,"
  "  PRIMARY KEY (object_uuid, version)) WITHOUT ROWID;"
  "CREATE TABLE conflicts ("
  "  id INTEGER PRIMARY KEY,"
  "  answer_uuid TEXT NOT NULL REFERENCES answers (uuid) ON UPDATE CASCADE ON DELETE CASCADE,"
  "  theirs_text TEXT NOT NULL, theirs_choices TEXT NOT NULL DEFAULT '',"
  "  theirs_modified TEXT NOT NULL, theirs_device TEXT NOT NULL,"
  "  theirs_history TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  UNIQUE (answer_uuid, theirs_modified, theirs_device));"
  "CREATE INDEX conflicts_answer ON conflicts (answer_uuid);"
  /* Versions of deleted rounds are of no use to anyone. */
  "CREATE TRIGGER answers_forget_versions AFTER DELETE ON answers BEGIN"
  "  DELETE FROM sync_versions WHERE object_uuid = OLD.uuid; END;"
  "CREATE TRIGGER responses_forget_versions AFTER DELETE ON responses BEGIN"
  "  DELETE FROM sync_versions WHERE object_uuid = OLD.uuid; END;";

gboolean
upp_exchange_migrate_to_2 (UppStore  *store,
                           GError   **error)
{
  return upp_store_exec (store, schema_v2, error);
}

gboolean
upp_exchange_remember_version (UppStore    *store,
                               const char  *uuid,
                               const char  *version,
                               GError     **error)
{
  g_autoptr(UppCachedStatement) insert =
    upp_store_statement (store,
                         "INSERT OR IGNORE INTO sync_versions (object_uuid, version) "
                         "VALUES (?, ?)", error);

  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, version, -1, SQLITE_TRANSIENT);
  return upp_store_step_done (store, insert, error);
}

char *
upp_exchange_version_id (const char *modified,
                         const char *device)
{
  return g_strconcat (modified ? modified : "", " ", device ? device : "", NULL);
}

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
         self->units_added == 0 && self->responses_added == 0 &&
         self->responses_updated == 0 && self->answers_added == 0 &&
         self->answers_updated == 0 && self->conflicts == 0;
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
  add_part (string, self->conflicts,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u conflict", "%u conflicts", self->conflicts));
  if (string->len == 0)
    g_string_append (string, _("Nothing new"));
  return g_string_free (string, FALSE);
}
