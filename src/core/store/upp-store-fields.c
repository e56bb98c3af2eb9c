/* upp-store-fields.c: the versions of single fields (a unit's name, each interview detail),
 * the versions this database has shared, and units removed from rounds
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-util.h"

const char * const upp_store_detail_fields[] = {
  "status", "interview_date", "mode", "participant_count", "participant_roles",
  "duration_minutes", "check_sent", "check_approved", NULL
};
G_STATIC_ASSERT (G_N_ELEMENTS (upp_store_detail_fields) == UPP_STORE_N_DETAIL_FIELDS + 1);

const char * const upp_store_theme_fields[] = {
  UPP_STORE_FIELD_THEME_NAME, UPP_STORE_FIELD_THEME_KIND, UPP_STORE_FIELD_THEME_DESCRIPTION,
  UPP_STORE_FIELD_THEME_COLOUR, UPP_STORE_FIELD_THEME_PARENT, UPP_STORE_FIELD_THEME_RETIRED,
  NULL
};

char *
upp_store_field_key (const char *object_uuid,
                        const char *field)
{
  return g_strconcat (object_uuid, "/", field, NULL);
}

char *
upp_store_dup_field_version (UppStore    *store,
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
    return upp_store_version_id (upp_store_column_text (find, 0),
                                    upp_store_column_text (find, 1));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_strdup ("");
}

gboolean
upp_store_stamp_field (UppStore    *store,
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
  if (g_strcmp0 (field, UPP_STORE_FIELD_UNIT_NAME) == 0)
    return "SELECT name FROM units WHERE uuid = ?";
  if (g_strcmp0 (field, UPP_STORE_FIELD_UNIT_SUB_AREA) == 0)
    return "SELECT sub_area FROM units WHERE uuid = ?";
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
  if (g_strcmp0 (field, "duration_minutes") == 0)
    return "SELECT duration_minutes FROM responses WHERE uuid = ?";
  if (g_strcmp0 (field, "check_sent") == 0)
    return "SELECT check_sent FROM responses WHERE uuid = ?";
  if (g_strcmp0 (field, "check_approved") == 0)
    return "SELECT check_approved FROM responses WHERE uuid = ?";
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_NAME) == 0)
    return "SELECT name FROM themes WHERE uuid = ?";
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_KIND) == 0)
    return "SELECT kind FROM themes WHERE uuid = ?";
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_DESCRIPTION) == 0)
    return "SELECT description FROM themes WHERE uuid = ?";
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_COLOUR) == 0)
    return "SELECT colour FROM themes WHERE uuid = ?";
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_PARENT) == 0)
    return "SELECT parent_uuid FROM themes WHERE uuid = ?";
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_RETIRED) == 0)
    return "SELECT iif (retired = 0, '0', iif (merged_into <> '', merged_into, '1')) "
           "FROM themes WHERE uuid = ?";
  return NULL;
}

/* ?1 uuid, ?2 value, ?3 modified, ?4 device; the response's own version is the latest. */
#define SET_RESPONSE_VERSION \
  "modified = max (modified, ?3), device = iif (?3 > modified, ?4, device) WHERE uuid = ?1"

static const char *
update_field_sql (const char *field)
{
  if (g_strcmp0 (field, UPP_STORE_FIELD_UNIT_NAME) == 0)
    return "UPDATE units SET name = ?2, name_key = ?5, modified = ?3 WHERE uuid = ?1";
  if (g_strcmp0 (field, UPP_STORE_FIELD_UNIT_SUB_AREA) == 0)
    return "UPDATE units SET sub_area = ?2, modified = ?3 WHERE uuid = ?1";
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
  if (g_strcmp0 (field, "duration_minutes") == 0)
    return "UPDATE responses SET duration_minutes = CAST (?2 AS INTEGER), "
           SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, "check_sent") == 0)
    return "UPDATE responses SET check_sent = ?2, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, "check_approved") == 0)
    return "UPDATE responses SET check_approved = ?2, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_NAME) == 0)
    return "UPDATE themes SET name = ?2, name_key = ?5, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_KIND) == 0)
    return "UPDATE themes SET kind = ?2, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_DESCRIPTION) == 0)
    return "UPDATE themes SET description = ?2, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_COLOUR) == 0)
    return "UPDATE themes SET colour = ?2, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_PARENT) == 0)
    return "UPDATE themes SET parent_uuid = ?2, " SET_RESPONSE_VERSION;
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_RETIRED) == 0)
    return "UPDATE themes SET retired = (?2 <> '0'), "
           "merged_into = iif (?2 IN ('0', '1'), '', ?2), " SET_RESPONSE_VERSION;
  return NULL;
}

char *
upp_store_dup_field_value (UppStore    *store,
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
    g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                 _("The unit or interview %s no longer exists."), object_uuid);
  else
    upp_store_set_sqlite_error (store, error);
  return NULL;
}

gboolean
upp_store_write_field (UppStore    *store,
                          const char  *object_uuid,
                          const char  *field,
                          const char  *value,
                          const char  *modified,
                          const char  *device,
                          GError     **error)
{
  g_autoptr(UppCachedStatement) update = NULL;
  gboolean of_theme = g_str_has_prefix (field, "theme_");
  g_autofree char *name_key = of_theme ? upp_store_dup_theme_name_key (value)
                                       : g_utf8_casefold (value, -1);
  const char *sql = update_field_sql (field);

  g_return_val_if_fail (sql != NULL, FALSE);

  update = upp_store_statement (store, sql, error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, object_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 4, device, -1, SQLITE_TRANSIENT);
  if (g_strcmp0 (field, UPP_STORE_FIELD_UNIT_NAME) == 0 ||
      g_strcmp0 (field, UPP_STORE_FIELD_THEME_NAME) == 0)
    sqlite3_bind_text (update, 5, name_key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (update) != SQLITE_DONE)
    {
      /* A theme back in use can take a name another theme has now, too. */
      if (sqlite3_extended_errcode (upp_store_get_db (store)) == SQLITE_CONSTRAINT_UNIQUE &&
          of_theme)
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                     _("The codebook already has a theme called “%s”."), value);
      else if (sqlite3_extended_errcode (upp_store_get_db (store)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                     _("There is already a unit called “%s” in the region."), value);
      else
        upp_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return upp_store_stamp_field (store, object_uuid, field, modified, device, error);
}

gboolean
upp_store_record_removal (UppStore  *store,
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
upp_store_forget_removal (UppStore  *store,
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
upp_store_remember_version (UppStore    *store,
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
upp_store_version_id (const char *modified,
                         const char *device)
{
  return g_strconcat (modified ? modified : "", " ", device ? device : "", NULL);
}
