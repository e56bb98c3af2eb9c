/* upp-store-report-texts.c: a round's report texts in the store
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-util.h"

gboolean
upp_store_load_round_texts (UppStore  *self,
                            UppRound  *round,
                            GError   **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT key, text FROM round_texts WHERE round_id = ?", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, upp_round_get_id (round));
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    upp_round_set_text (round, upp_store_column_text (statement, 0),
                        upp_store_column_text (statement, 1));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_save_round_texts (UppStore  *self,
                            UppRound  *round,
                            GError   **error)
{
  g_autoptr(UppCachedStatement) insert = NULL;
  g_auto(GStrv) keys = upp_round_dup_text_keys (round);
  g_autofree char *now = upp_now_iso8601 ();

  /* Upsert so a text's modified time changes only when the text does; texts no longer
   * set are deleted below. */
  insert = upp_store_statement (self,
                                "INSERT INTO round_texts (round_id, key, text, modified) "
                                "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (round_id, key) DO UPDATE "
                                "SET text = excluded.text, modified = excluded.modified "
                                "WHERE text <> excluded.text", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, upp_round_get_id (round));
      sqlite3_bind_text (insert, 2, keys[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 3, upp_round_get_text (round, keys[i]), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, now, -1, SQLITE_TRANSIENT);
      if (!upp_store_step_done (self, insert, error))
        return FALSE;
    }

  {
    g_autoptr(GString) sql = g_string_new ("DELETE FROM round_texts WHERE round_id = ?");
    sqlite3_stmt *remove = NULL;
    gboolean ok;

    for (guint i = 0; keys[i] != NULL; i++)
      g_string_append (sql, i == 0 ? " AND key NOT IN (?" : ", ?");
    if (keys[0] != NULL)
      g_string_append (sql, ")");
    ok = sqlite3_prepare_v2 (self->db, sql->str, -1, &remove, NULL) == SQLITE_OK;
    if (ok)
      {
        sqlite3_bind_int64 (remove, 1, upp_round_get_id (round));
        for (guint i = 0; keys[i] != NULL; i++)
          sqlite3_bind_text (remove, i + 2, keys[i], -1, SQLITE_TRANSIENT);
        ok = sqlite3_step (remove) == SQLITE_DONE;
      }
    if (!ok)
      upp_store_set_sqlite_error (self, error);
    sqlite3_finalize (remove);
    return ok;
  }
}
