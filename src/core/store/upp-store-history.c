/* upp-store-history.c: the history of every answer: each saved value kept as a version
 *
 * The form saves an answer at least once a second while the officer types; those saves are
 * one editing, kept as one version that each save brings up to date, until the officer
 * leaves the answer or pauses for a minute. Every other write (a CLI `answer`, an import, a
 * value that came with an exchange file, a resolved conflict, a restore) is a version of its
 * own. A version's (modified, device) is the answer's version identity the exchange already
 * uses, so one that travels to another computer and back is never kept twice.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-answer-version.h"
#include "upp-response.h"
#include "upp-answer.h"
#include "upp-store-private.h"

/* Longer than this between two saves of one editing, and the officer paused: a new version. */
#define EDITING_PAUSE_SECONDS 60

const char *
upp_store_get_author (void)
{
  static gsize initialized;
  static char *author;

  if (g_once_init_enter (&initialized))
    {
      const char *real_name = g_get_real_name ();
      const char *name = real_name;

      /* GLib says "Unknown" when the account has no real name. */
      if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
        name = g_get_user_name ();
      author = g_strdup (name ? name : "");
      g_once_init_leave (&initialized, 1);
    }
  return author;
}

static gboolean
within_pause (const char *earlier,
              const char *later)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 (earlier, NULL);
  g_autoptr(GDateTime) to = g_date_time_new_from_iso8601 (later, NULL);

  if (from == NULL || to == NULL)
    return FALSE;
  return g_date_time_difference (to, from) < EDITING_PAUSE_SECONDS * G_TIME_SPAN_SECOND;
}

/* The last version of the answer, when it is the same editing on this computer and the
 * officer has not paused since: its row id, else 0. */
static gboolean
find_editing_version (UppStore    *self,
                      const char  *answer_uuid,
                      const char  *editing,
                      const char  *modified,
                      gint64      *version_id,
                      GError     **error)
{
  g_autoptr(UppCachedStatement) last = NULL;
  int rc;

  *version_id = 0;
  last = upp_store_statement (self,
                              "SELECT id, editing, device, modified FROM answer_versions "
                              "WHERE answer_uuid = ? ORDER BY id DESC LIMIT 1", error);
  if (last == NULL)
    return FALSE;
  sqlite3_bind_text (last, 1, answer_uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (last);
  if (rc == SQLITE_ROW)
    {
      if (g_strcmp0 (upp_store_column_text (last, 1), editing) == 0 &&
          g_strcmp0 (upp_store_column_text (last, 2), self->device_id) == 0 &&
          within_pause (upp_store_column_text (last, 3), modified))
        *version_id = sqlite3_column_int64 (last, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  upp_store_set_sqlite_error (self, error);
  return FALSE;
}

gboolean
upp_store_add_answer_version (UppStore         *self,
                              const char       *answer_uuid,
                              const char       *text,
                              const char       *choices,
                              const char       *modified,
                              const char       *device,
                              const char       *author,
                              UppAnswerOrigin   origin,
                              const char       *editing,
                              GError          **error)
{
  g_autoptr(UppCachedStatement) write = NULL;
  gint64 version_id = 0;

  if (editing != NULL && *editing != '\0' &&
      !find_editing_version (self, answer_uuid, editing, modified, &version_id, error))
    return FALSE;

  if (version_id != 0)
    {
      write = upp_store_statement (self,
                                   "UPDATE answer_versions SET text = ?, choices = ?, "
                                   "modified = ? WHERE id = ?", error);
      if (write == NULL)
        return FALSE;
      sqlite3_bind_text (write, 1, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 2, choices, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 3, modified, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (write, 4, version_id);
      return upp_store_step_done (self, write, error);
    }

  /* A version known already (the same one back from another computer) is kept once. */
  write = upp_store_statement (self,
                               "INSERT OR IGNORE INTO answer_versions (answer_uuid, text, "
                               "choices, modified, device, author, origin, editing) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, answer_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 3, choices ? choices : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 4, modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 5, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 6, author ? author : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 7, upp_answer_origin_to_key (origin), -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 8, editing ? editing : "", -1, SQLITE_TRANSIENT);
  return upp_store_step_done (self, write, error);
}

static gpointer
version_from_row (sqlite3_stmt *statement)
{
  UppAnswerVersion *version = upp_answer_version_new ();
  g_auto(GStrv) choices = upp_store_split_choices (upp_store_column_text (statement, 2));
  UppAnswerOrigin origin = UPP_ANSWER_ORIGIN_EDIT;

  upp_answer_version_set_id (version, sqlite3_column_int64 (statement, 0));
  upp_answer_version_set_text (version, upp_store_column_text (statement, 1));
  upp_answer_version_set_choices (version, (const char * const *) choices);
  upp_answer_version_set_modified (version, upp_store_column_text (statement, 3));
  upp_answer_version_set_device (version, upp_store_column_text (statement, 4));
  upp_answer_version_set_author (version, upp_store_column_text (statement, 5));
  /* A key from a newer version of the app reads as an edit. */
  upp_answer_origin_from_key (upp_store_column_text (statement, 6), &origin);
  upp_answer_version_set_origin (version, origin);
  return version;
}

GPtrArray *
upp_store_list_answer_versions (UppStore    *self,
                                const char  *answer_uuid,
                                GError     **error)
{
  g_autoptr(UppCachedStatement) select = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (answer_uuid != NULL, NULL);

  select = upp_store_statement (self,
                                "SELECT id, text, choices, modified, device, author, origin "
                                "FROM answer_versions WHERE answer_uuid = ? "
                                "ORDER BY modified, id", error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_text (select, 1, answer_uuid, -1, SQLITE_TRANSIENT);
  return upp_store_read_rows (self, select, version_from_row, error);
}

gboolean
upp_store_restore_answer_version (UppStore     *self,
                                  UppRound     *round,
                                  UppResponse  *response,
                                  const char   *question_key,
                                  gint64        version_id,
                                  GError      **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  g_autoptr(UppAnswerVersion) version = NULL;
  UppAnswer *answer;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), FALSE);

  answer = upp_response_get_answer (response, question_key);
  select = upp_store_statement (self,
                                "SELECT id, text, choices, modified, device, author, origin "
                                "FROM answer_versions WHERE id = ? AND answer_uuid = ?", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, version_id);
  sqlite3_bind_text (select, 2, answer ? upp_answer_get_uuid (answer) : "", -1,
                     SQLITE_TRANSIENT);
  rc = sqlite3_step (select);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The answer to question “%s” has no version %lld."),
                   question_key, (long long) version_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  version = version_from_row (select);
  g_clear_pointer (&select, upp_cached_statement_release);

  return upp_store_set_answer_from (self, round, response, question_key,
                                    upp_answer_version_get_text (version),
                                    upp_answer_version_get_choices (version),
                                    UPP_ANSWER_ORIGIN_RESTORE, NULL, error);
}
