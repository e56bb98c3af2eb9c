/* upp-store-interviews.c: further interviews with a unit in a round
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-interview.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-util.h"

#define INTERVIEW_COLUMNS \
  "i.id, i.uuid, i.interview_date, i.mode, i.duration_minutes, i.participant_count, " \
  "i.participant_roles, i.note, i.modified, s.uuid"

static UppInterview *
interview_from_row (sqlite3_stmt *statement)
{
  UppInterviewMode mode = UPP_INTERVIEW_MODE_NONE;
  UppInterview *interview = upp_interview_new ();

  upp_interview_mode_from_key (upp_store_column_text (statement, 3), &mode);
  upp_interview_set_id (interview, sqlite3_column_int64 (statement, 0));
  upp_interview_set_uuid (interview, upp_store_column_text (statement, 1));
  upp_interview_set_date (interview, upp_store_column_text (statement, 2));
  upp_interview_set_mode (interview, mode);
  upp_interview_set_duration_minutes (interview, sqlite3_column_int (statement, 4));
  upp_interview_set_participant_count (interview, sqlite3_column_int (statement, 5));
  upp_interview_set_participant_roles (interview, upp_store_column_text (statement, 6));
  upp_interview_set_note (interview, upp_store_column_text (statement, 7));
  upp_interview_set_modified (interview, upp_store_column_text (statement, 8));
  upp_interview_set_response_uuid (interview, upp_store_column_text (statement, 9));
  return interview;
}

GPtrArray *
upp_store_list_interviews (UppStore     *self,
                           UppRound     *round,
                           UppResponse  *response,
                           GError      **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);
  g_return_val_if_fail (response == NULL || UPP_IS_RESPONSE (response), NULL);

  /* Undated ones last, in the order they were added. */
  statement = upp_store_statement (self,
                                   "SELECT " INTERVIEW_COLUMNS " FROM interviews i "
                                   "JOIN responses s ON s.id = i.response_id "
                                   "WHERE i.removed = 0 AND s.round_id = ?1 "
                                   "AND (?2 = 0 OR s.id = ?2) "
                                   "ORDER BY s.id, i.interview_date = '', i.interview_date, i.id",
                                   error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, upp_round_get_id (round));
  sqlite3_bind_int64 (statement, 2, response != NULL ? upp_response_get_id (response) : 0);
  return upp_store_read_rows (self, statement, (UppStoreRowReader) interview_from_row, error);
}

gboolean
upp_store_save_interview (UppStore      *self,
                          UppResponse   *response,
                          UppInterview  *interview,
                          GError       **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  const char *date;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), FALSE);
  g_return_val_if_fail (UPP_IS_INTERVIEW (interview), FALSE);

  date = upp_interview_get_date (interview);
  if (date[0] != '\0' && !upp_is_iso_date (date))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The interview date “%s” is not a date; write it as 2026-11-23."), date);
      return FALSE;
    }

  statement = upp_store_statement (self,
                                   "INSERT INTO interviews (uuid, response_id, interview_date, "
                                   "mode, duration_minutes, participant_count, participant_roles, "
                                   "note, modified, device) "
                                   "SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 "
                                   "FROM responses WHERE id = ?2 "
                                   "ON CONFLICT (uuid) DO UPDATE SET "
                                   "interview_date = excluded.interview_date, "
                                   "mode = excluded.mode, "
                                   "duration_minutes = excluded.duration_minutes, "
                                   "participant_count = excluded.participant_count, "
                                   "participant_roles = excluded.participant_roles, "
                                   "note = excluded.note, modified = excluded.modified, "
                                   "device = excluded.device "
                                   "WHERE removed = 0 AND response_id = excluded.response_id",
                                   error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_interview_get_uuid (interview), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, upp_response_get_id (response));
  sqlite3_bind_text (statement, 3, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, upp_interview_mode_to_key (upp_interview_get_mode (interview)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (statement, 5, upp_interview_get_duration_minutes (interview));
  sqlite3_bind_int (statement, 6, upp_interview_get_participant_count (interview));
  sqlite3_bind_text (statement, 7, upp_interview_get_participant_roles (interview), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 8, upp_interview_get_note (interview), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 9, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 10, self->device_id, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, statement, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The interview is no longer there: it was removed, or its unit left the "
                     "round."));
      return FALSE;
    }
  if (upp_interview_get_id (interview) == 0)
    upp_interview_set_id (interview, sqlite3_last_insert_rowid (self->db));
  upp_interview_set_response_uuid (interview, upp_response_get_uuid (response));
  upp_interview_set_modified (interview, now);
  return TRUE;
}

gboolean
upp_store_remove_interview (UppStore      *self,
                            UppInterview  *interview,
                            GError       **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_INTERVIEW (interview), FALSE);

  /* Kept, marked, as removed agreements are, so that an exchange does not bring it back. */
  statement = upp_store_statement (self,
                                   "UPDATE interviews SET removed = 1, participant_roles = '', "
                                   "note = '', modified = ?2, device = ?3 "
                                   "WHERE uuid = ?1 AND removed = 0", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_interview_get_uuid (interview), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, self->device_id, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, statement, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The interview is no longer there."));
      return FALSE;
    }
  return TRUE;
}

guint
upp_store_count_interviews (UppStore  *self,
                            UppRound  *round,
                            GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), 0);
  g_return_val_if_fail (UPP_IS_ROUND (round), 0);

  /* The same rule as upp_response_has_interview () for the first interviews. */
  statement = upp_store_statement (self,
                                   "SELECT (SELECT count(*) FROM responses WHERE round_id = ?1 "
                                   "AND (interview_date <> '' OR mode <> '' "
                                   "OR duration_minutes > 0)) + "
                                   "(SELECT count(*) FROM interviews i JOIN responses s "
                                   "ON s.id = i.response_id WHERE s.round_id = ?1 "
                                   "AND i.removed = 0)", error);
  if (statement == NULL)
    return 0;
  sqlite3_bind_int64 (statement, 1, upp_round_get_id (round));
  rc = sqlite3_step (statement);
  if (rc != SQLITE_ROW)
    {
      upp_store_set_sqlite_error (self, error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (statement, 0);
}
