/* upp-store-conflicts.c: the conflicts an exchange import keeps, listed and settled
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-conflict-private.h"
#include "upp-enums.h"
#include "upp-question.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-answer-key.h"
#include "upp-template.h"
#include "upp-util.h"

static char *
dup_question_label (UppStore   *store,
                    gint64      template_id,
                    const char *question_key)
{
  g_autoptr(UppTemplate) template = upp_store_load_template_by_id (store, template_id, NULL);
  char *title = upp_answer_key_dup_title (template, question_key);

  return title != NULL ? title : g_strdup (question_key);
}

/* A detail's value as a user reads it: statuses and modes by their labels. */
static char *
dup_display_value (const char *field,
                   const char *value)
{
  UppResponseStatus status;
  UppInterviewMode mode;

  if (g_strcmp0 (field, "status") == 0 && upp_response_status_from_key (value, &status))
    return g_strdup (upp_response_status_get_label (status));
  if (g_strcmp0 (field, "mode") == 0 && *value != '\0' &&
      upp_interview_mode_from_key (value, &mode))
    return g_strdup (upp_interview_mode_get_label (mode));
  return g_strdup (value);
}

/* Columns: id, object uuid, round uuid, year, title, unit name, question key or field,
 * template id, our text, our choices, our modified, our device, their text, choices,
 * modified, device, UppConflictKind. A unit's name belongs to no round: it is shown with the
 * latest round the unit takes part in (of the wanted round only, when one is wanted). A
 * theme belongs to a region's codebook: it is shown with the region's name as its "round"
 * and its own name as its "unit", with the conflicts of every round of that region. */
#define CONFLICT_QUERY \
  "SELECT c.id, a.uuid, ro.uuid, ro.year, ro.title, u.name, a.question_key, ro.template_id, " \
  "a.text, a.choices, a.modified, a.device, c.theirs_text, c.theirs_choices, " \
  "c.theirs_modified, c.theirs_device, 0 " \
  "FROM conflicts c JOIN answers a ON a.uuid = c.object_uuid " \
  "JOIN responses r ON r.id = a.response_id JOIN rounds ro ON ro.id = r.round_id " \
  "JOIN units u ON u.id = r.unit_id WHERE c.field = '' AND (?1 IS NULL OR ro.uuid = ?1) " \
  "UNION ALL " \
  "SELECT c.id, r.uuid, ro.uuid, ro.year, ro.title, u.name, c.field, ro.template_id, " \
  "CASE c.field WHEN 'status' THEN r.status WHEN 'interview_date' THEN r.interview_date " \
  "WHEN 'mode' THEN r.mode WHEN 'participant_count' THEN CAST (r.participant_count AS TEXT) " \
  "WHEN 'duration_minutes' THEN CAST (r.duration_minutes AS TEXT) " \
  "WHEN 'check_sent' THEN r.check_sent WHEN 'check_approved' THEN r.check_approved " \
  "ELSE r.participant_roles END, '', coalesce (f.modified, r.modified), " \
  "coalesce (f.device, r.device), c.theirs_text, '', c.theirs_modified, c.theirs_device, 1 " \
  "FROM conflicts c JOIN responses r ON r.uuid = c.object_uuid " \
  "JOIN rounds ro ON ro.id = r.round_id JOIN units u ON u.id = r.unit_id " \
  "LEFT JOIN field_versions f ON f.object_uuid = r.uuid AND f.field = c.field " \
  "WHERE c.field <> '' AND (?1 IS NULL OR ro.uuid = ?1) " \
  "UNION ALL " \
  "SELECT c.id, u.uuid, ro.uuid, ro.year, ro.title, u.name, c.field, ro.template_id, " \
  "u.name, '', coalesce (f.modified, u.modified), coalesce (f.device, ''), c.theirs_text, '', " \
  "c.theirs_modified, c.theirs_device, 2 " \
  "FROM conflicts c JOIN units u ON u.uuid = c.object_uuid " \
  "LEFT JOIN rounds ro ON ro.id = (SELECT x.id FROM responses s " \
  "  JOIN rounds x ON x.id = s.round_id WHERE s.unit_id = u.id " \
  "  AND (?1 IS NULL OR x.uuid = ?1) ORDER BY x.year DESC, x.id DESC LIMIT 1) " \
  "LEFT JOIN field_versions f ON f.object_uuid = u.uuid AND f.field = c.field " \
  "WHERE c.field = 'name' AND (?1 IS NULL OR ro.uuid IS NOT NULL) " \
  "UNION ALL " \
  "SELECT c.id, t.uuid, NULL, 0, g.name, t.name, c.field, 0, " \
  "t.name, '', coalesce (f.modified, t.modified), coalesce (f.device, t.device), " \
  "c.theirs_text, '', c.theirs_modified, c.theirs_device, 3 " \
  "FROM conflicts c JOIN themes t ON t.uuid = c.object_uuid " \
  "JOIN regions g ON g.code = t.region_code " \
  "LEFT JOIN field_versions f ON f.object_uuid = t.uuid AND f.field = c.field " \
  "WHERE c.field = 'theme_name' AND (?1 IS NULL OR EXISTS (SELECT 1 FROM rounds x " \
  "  WHERE x.uuid = ?1 AND x.region_code = t.region_code)) " \
  "ORDER BY 1"

GPtrArray *
upp_store_list_conflicts (UppStore    *store,
                          const char  *round_uuid,
                          GError     **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);

  statement = upp_store_statement (store, CONFLICT_QUERY, error);
  if (statement == NULL)
    return NULL;
  if (round_uuid != NULL)
    sqlite3_bind_text (statement, 1, round_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      UppConflict *conflict = g_object_new (UPP_TYPE_CONFLICT, NULL);
      const char *key = upp_store_column_text (statement, 6);

      conflict->kind = sqlite3_column_int (statement, 16);
      conflict->id = sqlite3_column_int64 (statement, 0);
      conflict->answer_uuid = g_strdup (upp_store_column_text (statement, 1));
      conflict->round_uuid = g_strdup (upp_store_column_text (statement, 2));
      if (conflict->kind == UPP_CONFLICT_KIND_THEME_NAME)
        conflict->round_title = g_strdup (upp_store_column_text (statement, 4));
      else if (sqlite3_column_type (statement, 2) == SQLITE_NULL)
        conflict->round_title = g_strdup ("");
      else
        {
          g_autofree char *year = g_strdup_printf ("%d", sqlite3_column_int (statement, 3));
          const char *title = upp_store_column_text (statement, 4);

          /* Titles usually name their year already: "Uppföljning LÖK 2025". */
          conflict->round_title = strstr (title, year) != NULL
                                  ? g_strdup (title) : g_strdup_printf ("%s %s", year, title);
        }
      conflict->unit_name = g_strdup (upp_store_column_text (statement, 5));
      conflict->question_key = g_strdup (key);
      conflict->mine_choices = upp_store_split_choices (upp_store_column_text (statement, 9));
      conflict->mine_modified = g_strdup (upp_store_column_text (statement, 10));
      conflict->mine_device = g_strdup (upp_store_column_text (statement, 11));
      conflict->theirs_choices = upp_store_split_choices (upp_store_column_text (statement, 13));
      conflict->theirs_modified = g_strdup (upp_store_column_text (statement, 14));
      conflict->theirs_device = g_strdup (upp_store_column_text (statement, 15));
      g_ptr_array_add (conflicts, conflict);
      if (conflict->kind == UPP_CONFLICT_KIND_ANSWER)
        {
          conflict->question_label = dup_question_label (store,
                                                         sqlite3_column_int64 (statement, 7),
                                                         key);
          conflict->mine_text = g_strdup (upp_store_column_text (statement, 8));
          conflict->theirs_text = g_strdup (upp_store_column_text (statement, 12));
        }
      else
        {
          conflict->question_label = g_strdup (upp_conflict_field_label (key));
          conflict->mine_text = dup_display_value (key, upp_store_column_text (statement, 8));
          conflict->theirs_text = dup_display_value (key,
                                                     upp_store_column_text (statement, 12));
        }
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

guint
upp_store_count_conflicts (UppStore *store)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (store, "SELECT count(*) FROM conflicts", NULL);

  if (statement == NULL || sqlite3_step (statement) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (statement, 0);
}

static gboolean
remember_versions (UppStore    *store,
                   const char  *key,
                   const char  *mine,
                   const char  *theirs,
                   const char  *theirs_history,
                   GError     **error)
{
  g_auto(GStrv) versions = g_strsplit (theirs_history, "\n", -1);

  /* A field never changed since it was made has no version to remember. */
  if (*mine != '\0' && !upp_store_remember_version (store, key, mine, error))
    return FALSE;
  if (!upp_store_remember_version (store, key, theirs, error))
    return FALSE;
  for (guint i = 0; versions[i] != NULL; i++)
    {
      if (*versions[i] != '\0' && !upp_store_remember_version (store, key, versions[i], error))
        return FALSE;
    }
  return TRUE;
}

/* A value the user wrote for a unit's name or an interview detail, checked as the store
 * checks its own; NULL with error set when it cannot be used. */
static char *
dup_written_value (const char  *field,
                   const char  *text,
                   GError     **error)
{
  g_autofree char *value = g_strstrip (g_strdup (text));

  if (g_strcmp0 (field, UPP_STORE_FIELD_UNIT_NAME) == 0 && *value == '\0')
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID, _("A unit needs a name."));
      return NULL;
    }
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_NAME) == 0 &&
      (*value == '\0' || strpbrk (value, "\r\n\t") != NULL))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("A theme needs a name of one line that is not empty."));
      return NULL;
    }
  if (g_strcmp0 (field, "status") == 0 || g_strcmp0 (field, "mode") == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("%s takes one of the two versions; choose mine or theirs."),
                   upp_conflict_field_label (field));
      return NULL;
    }
  if ((g_strcmp0 (field, "interview_date") == 0 || g_strcmp0 (field, "check_sent") == 0 ||
       g_strcmp0 (field, "check_approved") == 0) && *value != '\0')
    {
      if (!upp_is_iso_date (value))
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("The interview date “%s” is not a date; write it as 2026-11-23."),
                       value);
          return NULL;
        }
    }
  if (g_strcmp0 (field, "participant_count") == 0)
    {
      guint64 count = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 0, 100000, &count, NULL))
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("The number of participants must be a whole number, not “%s”."),
                       value);
          return NULL;
        }
    }
  if (g_strcmp0 (field, "duration_minutes") == 0)
    {
      guint64 minutes = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 0, 100000, &minutes, NULL))
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("The interview length must be a whole number of minutes, not “%s”."),
                       value);
          return NULL;
        }
    }
  return g_steal_pointer (&value);
}

/* Settles a unit's name or an interview detail like an answer: the chosen value, stamped
 * now on this device, descends from both sides. */
static gboolean
resolve_field (UppStore              *store,
               gint64                 conflict_id,
               const char            *object_uuid,
               const char            *field,
               const char            *theirs_value,
               const char            *theirs_version,
               const char            *theirs_history,
               UppConflictResolution  resolution,
               const char            *text,
               GError               **error)
{
  g_autoptr(UppCachedStatement) delete = NULL;
  g_autofree char *key = upp_store_field_key (object_uuid, field);
  g_autofree char *mine_value = upp_store_dup_field_value (store, object_uuid, field, error);
  g_autofree char *mine_version = NULL;
  g_autofree char *value = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  if (mine_value == NULL)
    return FALSE;
  mine_version = upp_store_dup_field_version (store, object_uuid, field, error);
  if (mine_version == NULL)
    return FALSE;

  switch (resolution)
    {
    case UPP_CONFLICT_KEEP_THEIRS:
      value = g_strdup (theirs_value);
      break;
    case UPP_CONFLICT_USE_TEXT:
      value = dup_written_value (field, text, error);
      if (value == NULL)
        return FALSE;
      break;
    case UPP_CONFLICT_KEEP_MINE:
    default:
      value = g_strdup (mine_value);
      break;
    }

  if (!remember_versions (store, key, mine_version, theirs_version, theirs_history, error) ||
      !upp_store_write_field (store, object_uuid, field, value, now,
                                 upp_store_get_device_id (store), error))
    return FALSE;

  delete = upp_store_statement (store, "DELETE FROM conflicts WHERE id = ?", error);
  if (delete == NULL)
    return FALSE;
  sqlite3_bind_int64 (delete, 1, conflict_id);
  return upp_store_step_done (store, delete, error);
}

static gboolean
resolve (UppStore              *store,
         gint64                 conflict_id,
         UppConflictResolution  resolution,
         const char            *text,
         GError               **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) update = NULL;
  g_autoptr(UppCachedStatement) delete = NULL;
  g_autofree char *answer_uuid = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *new_choices = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  g_auto(GStrv) versions = NULL;

  find = upp_store_statement (store,
                              "SELECT object_uuid, field, theirs_text, theirs_modified, "
                              "theirs_device, theirs_history FROM conflicts "
                              "WHERE id = ? AND field <> ''", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, conflict_id);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      g_autofree char *object_uuid = g_strdup (upp_store_column_text (find, 0));
      g_autofree char *field = g_strdup (upp_store_column_text (find, 1));
      g_autofree char *theirs_value = g_strdup (upp_store_column_text (find, 2));
      g_autofree char *theirs_version = upp_store_version_id (upp_store_column_text (find, 3),
                                                                 upp_store_column_text (find, 4));
      g_autofree char *theirs_history = g_strdup (upp_store_column_text (find, 5));

      g_clear_pointer (&find, upp_cached_statement_release);
      return resolve_field (store, conflict_id, object_uuid, field, theirs_value,
                            theirs_version, theirs_history, resolution, text, error);
    }
  g_clear_pointer (&find, upp_cached_statement_release);

  find = upp_store_statement (store,
                              "SELECT a.uuid, a.text, a.choices, a.modified, a.device, "
                              "c.theirs_text, c.theirs_choices, c.theirs_modified, "
                              "c.theirs_device, c.theirs_history FROM conflicts c "
                              "JOIN answers a ON a.uuid = c.object_uuid "
                              "WHERE c.id = ? AND c.field = ''", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, conflict_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("There is no conflict %lld; it may already be resolved."),
                   (long long) conflict_id);
      return FALSE;
    }

  answer_uuid = g_strdup (upp_store_column_text (find, 0));
  /* Their value was a save too: the history shows both sides before the settled one. */
  if (!upp_store_add_answer_version (store, answer_uuid, upp_store_column_text (find, 5),
                                     upp_store_column_text (find, 6),
                                     upp_store_column_text (find, 7),
                                     upp_store_column_text (find, 8), "",
                                     UPP_ANSWER_ORIGIN_EXCHANGE, NULL, error))
    return FALSE;
  switch (resolution)
    {
    case UPP_CONFLICT_KEEP_THEIRS:
      new_text = g_strdup (upp_store_column_text (find, 5));
      new_choices = g_strdup (upp_store_column_text (find, 6));
      break;
    case UPP_CONFLICT_USE_TEXT:
      new_text = upp_strdup_chomped (text);
      new_choices = g_strdup (upp_store_column_text (find, 2));
      break;
    case UPP_CONFLICT_KEEP_MINE:
    default:
      new_text = g_strdup (upp_store_column_text (find, 1));
      new_choices = g_strdup (upp_store_column_text (find, 2));
      break;
    }

  /* The settled answer descends from both sides. */
  versions = g_strsplit (upp_store_column_text (find, 9), "\n", -1);
  {
    g_autofree char *mine = upp_store_version_id (upp_store_column_text (find, 3),
                                                     upp_store_column_text (find, 4));
    g_autofree char *theirs = upp_store_version_id (upp_store_column_text (find, 7),
                                                       upp_store_column_text (find, 8));

    g_clear_pointer (&find, upp_cached_statement_release);
    if (!upp_store_remember_version (store, answer_uuid, mine, error) ||
        !upp_store_remember_version (store, answer_uuid, theirs, error))
      return FALSE;
  }
  for (guint i = 0; versions[i] != NULL; i++)
    {
      if (*versions[i] != '\0' &&
          !upp_store_remember_version (store, answer_uuid, versions[i], error))
        return FALSE;
    }

  update = upp_store_statement (store,
                                "UPDATE answers SET text = ?, choices = ?, modified = ?, "
                                "device = ? WHERE uuid = ?", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, new_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 2, new_choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 4, upp_store_get_device_id (store), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 5, answer_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (update) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (store, error);
      return FALSE;
    }
  g_clear_pointer (&update, upp_cached_statement_release);
  if (!upp_store_reanchor_codings (store, answer_uuid, new_text, error) ||
      !upp_store_add_answer_version (store, answer_uuid, new_text, new_choices, now,
                                     upp_store_get_device_id (store), upp_store_get_author (),
                                     UPP_ANSWER_ORIGIN_RESOLUTION, NULL, error))
    return FALSE;

  delete = upp_store_statement (store, "DELETE FROM conflicts WHERE id = ?", error);
  if (delete == NULL)
    return FALSE;
  sqlite3_bind_int64 (delete, 1, conflict_id);
  if (sqlite3_step (delete) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_resolve_conflict (UppStore              *store,
                            gint64                 conflict_id,
                            UppConflictResolution  resolution,
                            const char            *text,
                            GError               **error)
{
  g_return_val_if_fail (UPP_IS_STORE (store), FALSE);
  g_return_val_if_fail (resolution != UPP_CONFLICT_USE_TEXT || text != NULL, FALSE);

  if (!upp_store_begin (store, error))
    return FALSE;
  if (!resolve (store, conflict_id, resolution, text, error))
    {
      upp_store_rollback (store);
      return FALSE;
    }
  return upp_store_commit (store, error);
}
