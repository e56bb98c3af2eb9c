/* exchange-common.c: the exchange error domain, the import summary, schema versions 2 and 3
 * and the versions of single fields
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "exchange-common.h"
#include "upp-store-private.h"
#include "upp-util.h"

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

/* Schema 3: a unit's name and a response's interview details each keep the version of their
 * last change (field_versions; no row means unchanged since the object was made), with their
 * shared versions in sync_versions under "<uuid>/<field>", so a rename travels and two
 * laptops that changed different details both keep their change.
 *
 * removed_units remembers a unit taken out of a round (a tombstone), so that the next import
 * does not bring it back; "known" holds the response's uuid and every version of its answers
 * and details the remover had seen, so that one made since elsewhere (or the unit added
 * again, which makes a new response) brings it back instead of being lost.
 *
 * conflicts now holds other fields too: object_uuid is an answer's uuid (field ''), a
 * response's (field: an interview detail) or a unit's (field 'name'). Triggers take the
 * place of the foreign key to answers. */
static const char schema_v3[] =
  "CREATE TABLE field_versions ("
  "  object_uuid TEXT NOT NULL, field TEXT NOT NULL,"
  "  modified TEXT NOT NULL, device TEXT NOT NULL,"
  "  PRIMARY KEY (object_uuid, field)) WITHOUT ROWID;"
  "CREATE TABLE removed_units ("
  "  round_uuid TEXT NOT NULL, unit_uuid TEXT NOT NULL,"
  "  modified TEXT NOT NULL, device TEXT NOT NULL, known TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (round_uuid, unit_uuid)) WITHOUT ROWID;"
  "CREATE TABLE conflicts_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  object_uuid TEXT NOT NULL, field TEXT NOT NULL DEFAULT '',"
  "  theirs_text TEXT NOT NULL, theirs_choices TEXT NOT NULL DEFAULT '',"
  "  theirs_modified TEXT NOT NULL, theirs_device TEXT NOT NULL,"
  "  theirs_history TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  UNIQUE (object_uuid, field, theirs_modified, theirs_device));"
  "INSERT INTO conflicts_v3 (id, object_uuid, field, theirs_text, theirs_choices,"
  "  theirs_modified, theirs_device, theirs_history, created)"
  "  SELECT id, answer_uuid, '', theirs_text, theirs_choices, theirs_modified, theirs_device,"
  "  theirs_history, created FROM conflicts;"
  "DROP TABLE conflicts;"
  "ALTER TABLE conflicts_v3 RENAME TO conflicts;"
  "CREATE INDEX conflicts_object ON conflicts (object_uuid);"
  "CREATE TRIGGER answers_forget_conflicts AFTER DELETE ON answers BEGIN"
  "  DELETE FROM conflicts WHERE object_uuid = OLD.uuid; END;"
  "CREATE TRIGGER answers_move_conflicts AFTER UPDATE OF uuid ON answers BEGIN"
  "  UPDATE conflicts SET object_uuid = NEW.uuid WHERE object_uuid = OLD.uuid; END;"
  /* '0' follows '/': the range holds exactly the keys "<uuid>/<field>". */
  "CREATE TRIGGER responses_forget_fields AFTER DELETE ON responses BEGIN"
  "  DELETE FROM conflicts WHERE object_uuid = OLD.uuid;"
  "  DELETE FROM field_versions WHERE object_uuid = OLD.uuid;"
  "  DELETE FROM sync_versions WHERE object_uuid > OLD.uuid || '/'"
  "    AND object_uuid < OLD.uuid || '0'; END;"
  "CREATE TRIGGER units_forget_fields AFTER DELETE ON units BEGIN"
  "  DELETE FROM conflicts WHERE object_uuid = OLD.uuid;"
  "  DELETE FROM field_versions WHERE object_uuid = OLD.uuid;"
  "  DELETE FROM sync_versions WHERE object_uuid > OLD.uuid || '/'"
  "    AND object_uuid < OLD.uuid || '0'; END;"
  "CREATE TRIGGER rounds_forget_removed AFTER DELETE ON rounds BEGIN"
  "  DELETE FROM removed_units WHERE round_uuid = OLD.uuid; END;"
  /* Details changed together until now: each starts from the response's version and what
   * was shared of it, so laptops that shared a version before agree on it after. */
  "CREATE TEMP TABLE detail_fields (field TEXT);"
  "INSERT INTO detail_fields VALUES ('status'), ('interview_date'), ('mode'),"
  "  ('participant_count'), ('participant_roles');"
  "INSERT INTO field_versions (object_uuid, field, modified, device)"
  "  SELECT r.uuid, f.field, r.modified, r.device FROM responses r, detail_fields f;"
  "INSERT OR IGNORE INTO sync_versions (object_uuid, version)"
  "  SELECT v.object_uuid || '/' || f.field, v.version FROM sync_versions v"
  "  JOIN responses r ON r.uuid = v.object_uuid, detail_fields f;"
  "DROP TABLE detail_fields;"
  /* Names never travelled: each laptop's is its own change, so names that differ between
   * laptops show up as a conflict at the first exchange instead of staying apart. */
  "INSERT INTO field_versions (object_uuid, field, modified, device)"
  "  SELECT u.uuid, 'name', u.modified, (SELECT value FROM meta WHERE key = 'device_id')"
  "  FROM units u;";

gboolean
upp_exchange_migrate_to_3 (UppStore  *store,
                           GError   **error)
{
  return upp_store_exec (store, schema_v3, error);
}

const char * const upp_exchange_detail_fields[] = {
  "status", "interview_date", "mode", "participant_count", "participant_roles", NULL
};

const char *
upp_exchange_field_label (const char *field)
{
  if (g_strcmp0 (field, UPP_EXCHANGE_FIELD_UNIT_NAME) == 0)
    return _("Unit name");
  if (g_strcmp0 (field, "status") == 0)
    return _("Status");
  if (g_strcmp0 (field, "interview_date") == 0)
    return _("Interview date");
  if (g_strcmp0 (field, "mode") == 0)
    return _("Interview mode");
  if (g_strcmp0 (field, "participant_count") == 0)
    return _("Number of participants");
  if (g_strcmp0 (field, "participant_roles") == 0)
    return _("Participant roles");
  return field;
}

char *
upp_exchange_field_key (const char *object_uuid,
                        const char *field)
{
  return g_strconcat (object_uuid, "/", field, NULL);
}

char *
upp_exchange_dup_field_version (UppStore    *store,
                                const char  *object_uuid,
                                const char  *field,
                                GError     **error)
{
  g_autoptr(UppCachedStatement) find =
    upp_store_statement (store,
                         "SELECT modified, device FROM field_versions "
                         "WHERE object_uuid = ? AND field = ?", error);
  int rc;

  if (find == NULL)
    return NULL;
  sqlite3_bind_text (find, 1, object_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, field, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    return upp_exchange_version_id (upp_store_column_text (find, 0),
                                    upp_store_column_text (find, 1));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_strdup ("");
}

gboolean
upp_exchange_stamp_field (UppStore    *store,
                          const char  *object_uuid,
                          const char  *field,
                          const char  *modified,
                          const char  *device,
                          GError     **error)
{
  g_autoptr(UppCachedStatement) write =
    upp_store_statement (store,
                         "INSERT OR REPLACE INTO field_versions (object_uuid, field, modified, "
                         "device) VALUES (?, ?, ?, ?)", error);

  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, object_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 2, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 3, modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 4, device, -1, SQLITE_TRANSIENT);
  return upp_store_step_done (store, write, error);
}

static const char *
select_field_sql (const char *field)
{
  if (g_strcmp0 (field, UPP_EXCHANGE_FIELD_UNIT_NAME) == 0)
    return "SELECT name FROM units WHERE uuid = ?";
  if (g_strcmp0 (field, "status") == 0)
    return "SELECT status FROM responses WHERE uuid = ?";
  if (g_strcmp0 (field, "interview_date") == 0)
    return "SELECT interview_date FROM responses WHERE uuid = ?";
  if (g_strcmp0 (field, "mode") == 0)
    return "SELECT mode FROM responses WHERE uuid = ?";
  if (g_strcmp0 (field, "participant_count") == 0)
    return "SELECT participant_count FROM responses WHERE uuid = ?";
  if (g_strcmp0 (field, "participant_roles") == 0)
    return "SELECT participant_roles FROM responses WHERE uuid = ?";
  return NULL;
}

/* ?1 uuid, ?2 value, ?3 modified, ?4 device; the response's own version is the latest. */
#define SET_RESPONSE_VERSION \
  "modified = max (modified, ?3), device = iif (?3 > modified, ?4, device) WHERE uuid = ?1"

static const char *
update_field_sql (const char *field)
{
  if (g_strcmp0 (field, UPP_EXCHANGE_FIELD_UNIT_NAME) == 0)
    return "UPDATE units SET name = ?2, name_key = ?5, modified = ?3 WHERE uuid = ?1";
  if (g_strcmp0 (field, "status") == 0)
    return "UPDATE responses SET status = ?2, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, "interview_date") == 0)
    return "UPDATE responses SET interview_date = ?2, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, "mode") == 0)
    return "UPDATE responses SET mode = ?2, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, "participant_count") == 0)
    return "UPDATE responses SET participant_count = CAST (?2 AS INTEGER), "
           SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, "participant_roles") == 0)
    return "UPDATE responses SET participant_roles = ?2, " SET_RESPONSE_VERSION;
  return NULL;
}

char *
upp_exchange_dup_field_value (UppStore    *store,
                              const char  *object_uuid,
                              const char  *field,
                              GError     **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  const char *sql = select_field_sql (field);
  int rc;

  g_return_val_if_fail (sql != NULL, NULL);

  select = upp_store_statement (store, sql, error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_text (select, 1, object_uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (select);
  if (rc == SQLITE_ROW)
    return g_strdup (upp_store_column_text (select, 0));
  if (rc == SQLITE_DONE)
    g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_NOT_FOUND,
                 _("The unit or interview %s no longer exists."), object_uuid);
  else
    upp_store_set_sqlite_error (store, error);
  return NULL;
}

gboolean
upp_exchange_write_field (UppStore    *store,
                          const char  *object_uuid,
                          const char  *field,
                          const char  *value,
                          const char  *modified,
                          const char  *device,
                          GError     **error)
{
  g_autoptr(UppCachedStatement) update = NULL;
  g_autofree char *name_key = g_utf8_casefold (value, -1);
  const char *sql = update_field_sql (field);

  g_return_val_if_fail (sql != NULL, FALSE);

  update = upp_store_statement (store, sql, error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, object_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 4, device, -1, SQLITE_TRANSIENT);
  if (g_strcmp0 (field, UPP_EXCHANGE_FIELD_UNIT_NAME) == 0)
    sqlite3_bind_text (update, 5, name_key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (update) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (upp_store_get_db (store)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                     _("There is already a unit called “%s” in the region."), value);
      else
        upp_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return upp_exchange_stamp_field (store, object_uuid, field, modified, device, error);
}

gboolean
upp_exchange_record_removal (UppStore  *store,
                             gint64     response_id,
                             GError   **error)
{
  g_autoptr(UppCachedStatement) write = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  write = upp_store_statement (store,
                               "INSERT OR REPLACE INTO removed_units (round_uuid, unit_uuid, "
                               "modified, device, known) "
                               "SELECT ro.uuid, u.uuid, ?2, ?3, coalesce ((SELECT group_concat "
                               "(version, char (10)) FROM ("
                               "  SELECT a.modified || ' ' || a.device AS version FROM answers a"
                               "  WHERE a.response_id = r.id"
                               "  UNION SELECT v.version FROM sync_versions v"
                               "  JOIN answers a ON v.object_uuid = a.uuid"
                               "  WHERE a.response_id = r.id"
                               "  UNION SELECT f.modified || ' ' || f.device FROM field_versions f"
                               "  WHERE f.object_uuid = r.uuid"
                               "  UNION SELECT v.version FROM sync_versions v"
                               "  WHERE v.object_uuid = r.uuid OR (v.object_uuid > r.uuid || '/'"
                               "    AND v.object_uuid < r.uuid || '0')"
                               "  UNION SELECT r.modified || ' ' || r.device"
                               "  UNION SELECT r.uuid)), '') "
                               "FROM responses r JOIN rounds ro ON ro.id = r.round_id "
                               "JOIN units u ON u.id = r.unit_id WHERE r.id = ?1", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_int64 (write, 1, response_id);
  sqlite3_bind_text (write, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 3, upp_store_get_device_id (store), -1, SQLITE_TRANSIENT);
  return upp_store_step_done (store, write, error);
}

gboolean
upp_exchange_forget_removal (UppStore  *store,
                             gint64     round_id,
                             gint64     unit_id,
                             GError   **error)
{
  g_autoptr(UppCachedStatement) forget =
    upp_store_statement (store,
                         "DELETE FROM removed_units WHERE "
                         "round_uuid = (SELECT uuid FROM rounds WHERE id = ?) AND "
                         "unit_uuid = (SELECT uuid FROM units WHERE id = ?)", error);

  if (forget == NULL)
    return FALSE;
  sqlite3_bind_int64 (forget, 1, round_id);
  sqlite3_bind_int64 (forget, 2, unit_id);
  return upp_store_step_done (store, forget, error);
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
         self->units_added == 0 && self->units_renamed == 0 && self->units_removed == 0 &&
         self->responses_added == 0 &&
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
  add_part (string, self->units_renamed,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u unit renamed", "%u units renamed", self->units_renamed));
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
  add_part (string, self->conflicts,
            g_dngettext (GETTEXT_PACKAGE,
                         "%u conflict", "%u conflicts", self->conflicts));
  if (string->len == 0)
    g_string_append (string, _("Nothing new"));
  return g_string_free (string, FALSE);
}
