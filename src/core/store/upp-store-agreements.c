/* upp-store-agreements.c: the agreements register of a region's units
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-agreement.h"
#include "upp-store-private.h"
#include "upp-unit.h"
#include "upp-util.h"

#define AGREEMENT_COLUMNS \
  "a.id, a.uuid, a.name, a.kind, a.status, a.signed, a.valid_from, a.valid_to, a.note, " \
  "a.modified, u.uuid, u.name"

static UppAgreement *
agreement_from_row (sqlite3_stmt *statement)
{
  UppAgreementKind kind = UPP_AGREEMENT_KIND_OTHER;
  UppAgreementStatus status = UPP_AGREEMENT_STATUS_IN_FORCE;
  UppAgreement *agreement;

  upp_agreement_kind_from_key (upp_store_column_text (statement, 3), &kind);
  upp_agreement_status_from_key (upp_store_column_text (statement, 4), &status);
  agreement = upp_agreement_new (upp_store_column_text (statement, 2), kind);
  upp_agreement_set_id (agreement, sqlite3_column_int64 (statement, 0));
  upp_agreement_set_uuid (agreement, upp_store_column_text (statement, 1));
  upp_agreement_set_status (agreement, status);
  upp_agreement_set_signed (agreement, upp_store_column_text (statement, 5));
  upp_agreement_set_valid_from (agreement, upp_store_column_text (statement, 6));
  upp_agreement_set_valid_to (agreement, upp_store_column_text (statement, 7));
  upp_agreement_set_note (agreement, upp_store_column_text (statement, 8));
  upp_agreement_set_modified (agreement, upp_store_column_text (statement, 9));
  upp_agreement_set_unit (agreement, upp_store_column_text (statement, 10),
                          upp_store_column_text (statement, 11));
  return agreement;
}

GPtrArray *
upp_store_list_agreements (UppStore    *self,
                           const char  *region_code,
                           UppUnit     *unit,
                           GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (unit == NULL || UPP_IS_UNIT (unit), NULL);

  statement = upp_store_statement (self,
                                   "SELECT " AGREEMENT_COLUMNS " FROM agreements a "
                                   "JOIN units u ON u.id = a.unit_id "
                                   "WHERE a.removed = 0 AND (?1 IS NULL OR u.region_code = ?1) "
                                   "AND (?2 = 0 OR u.id = ?2) "
                                   "ORDER BY u.name COLLATE NOCASE, "
                                   "COALESCE (NULLIF (a.valid_from, ''), a.signed), a.name, a.id",
                                   error);
  if (statement == NULL)
    return NULL;
  if (region_code != NULL)
    sqlite3_bind_text (statement, 1, region_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, unit != NULL ? upp_unit_get_id (unit) : 0);
  return upp_store_read_rows (self, statement, (UppStoreRowReader) agreement_from_row, error);
}

static gboolean
check_agreement (UppAgreement  *agreement,
                 GError       **error)
{
  const char *dates[] = {
    upp_agreement_get_signed (agreement),
    upp_agreement_get_valid_from (agreement),
    upp_agreement_get_valid_to (agreement),
  };

  if (upp_str_is_blank (upp_agreement_get_name (agreement)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("An agreement needs a name."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      if (dates[i][0] != '\0' && !upp_is_iso_date (dates[i]))
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("“%s” is not a date; write it as 2026-11-23."), dates[i]);
          return FALSE;
        }
    }
  if (upp_agreement_get_valid_from (agreement)[0] != '\0' &&
      upp_agreement_get_valid_to (agreement)[0] != '\0' &&
      g_strcmp0 (upp_agreement_get_valid_from (agreement),
                 upp_agreement_get_valid_to (agreement)) > 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The agreement’s period ends (%s) before it begins (%s)."),
                   upp_agreement_get_valid_to (agreement),
                   upp_agreement_get_valid_from (agreement));
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_save_agreement (UppStore      *self,
                          UppUnit       *unit,
                          UppAgreement  *agreement,
                          GError       **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (UPP_IS_AGREEMENT (agreement), FALSE);

  if (!check_agreement (agreement, error))
    return FALSE;
  if (upp_unit_get_id (unit) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The unit “%s” is not stored yet."), upp_unit_get_name (unit));
      return FALSE;
    }

  /* By uuid, so that an agreement saved again (or sent back by an exchange) stays one row. */
  statement = upp_store_statement (self,
                                   "INSERT INTO agreements (uuid, unit_id, name, kind, status, "
                                   "signed, valid_from, valid_to, note, modified, device) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                                   "ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, "
                                   "kind = excluded.kind, status = excluded.status, "
                                   "signed = excluded.signed, valid_from = excluded.valid_from, "
                                   "valid_to = excluded.valid_to, note = excluded.note, "
                                   "modified = excluded.modified, device = excluded.device "
                                   "WHERE removed = 0 AND unit_id = excluded.unit_id", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_agreement_get_uuid (agreement), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, upp_unit_get_id (unit));
  sqlite3_bind_text (statement, 3, upp_agreement_get_name (agreement), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, upp_agreement_kind_to_key (upp_agreement_get_kind (agreement)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 5,
                     upp_agreement_status_to_key (upp_agreement_get_status (agreement)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 6, upp_agreement_get_signed (agreement), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 7, upp_agreement_get_valid_from (agreement), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 8, upp_agreement_get_valid_to (agreement), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 9, upp_agreement_get_note (agreement), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 10, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 11, self->device_id, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, statement, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The agreement “%s” has been removed or belongs to another unit."),
                   upp_agreement_get_name (agreement));
      return FALSE;
    }
  if (upp_agreement_get_id (agreement) == 0)
    upp_agreement_set_id (agreement, sqlite3_last_insert_rowid (self->db));
  upp_agreement_set_unit (agreement, upp_unit_get_uuid (unit), upp_unit_get_name (unit));
  upp_agreement_set_modified (agreement, now);
  return TRUE;
}

gboolean
upp_store_remove_agreement (UppStore      *self,
                            UppAgreement  *agreement,
                            GError       **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_AGREEMENT (agreement), FALSE);

  /* The row stays, marked, so that an exchange file that still has it does not bring it
   * back; its text goes, as the user asked for it to be gone. */
  statement = upp_store_statement (self,
                                   "UPDATE agreements SET removed = 1, name = '', note = '', "
                                   "modified = ?2, device = ?3 WHERE uuid = ?1 AND removed = 0",
                                   error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_agreement_get_uuid (agreement), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, self->device_id, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, statement, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The agreement “%s” is no longer there."),
                   upp_agreement_get_name (agreement));
      return FALSE;
    }
  return TRUE;
}
