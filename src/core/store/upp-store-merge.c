/* upp-store-merge.c: an exchange file, read and checked whole, merged into the database
 * without losing an answer
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store-merge"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-answer-version.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-round.h"
#include "upp-template.h"
#include "upp-theme.h"
#include "upp-unit.h"
#include "upp-util.h"

typedef struct
{
  UppStore           *store;
  UppExchangeData    *data;
  UppExchangeSummary *summary;
} Merge;

/* Only a damaged or forged file contradicts the database so. */
static gboolean
mismatch (GError     **error,
          const char  *format,
          ...) G_GNUC_PRINTF (2, 3);

static gboolean
mismatch (GError     **error,
          const char  *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, UPP_STORE_ERROR, UPP_STORE_ERROR_MISMATCH, message);
  return FALSE;
}

static gboolean
done (Merge   *self,
      int      rc,
      GError **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  upp_store_set_sqlite_error (self->store, error);
  return FALSE;
}

static gboolean
merge_templates (Merge   *self,
                 GError **error)
{
  for (guint i = 0; i < self->data->templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (self->data->templates, i);
      g_autoptr(UppCachedStatement) find = NULL;

      find = upp_store_statement (self->store,
                                  "SELECT id FROM templates WHERE uuid = ?1 "
                                  "OR (key = ?2 AND version = ?3)", error);
      if (find == NULL)
        return FALSE;
      sqlite3_bind_text (find, 1, upp_template_get_uuid (template), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (find, 2, upp_template_get_key (template), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (find, 3, upp_template_get_version (template));
      if (sqlite3_step (find) == SQLITE_ROW)
        continue;
      g_clear_pointer (&find, upp_cached_statement_release);
      upp_template_set_id (template, 0);
      if (!upp_store_save_template (self->store, template, error))
        return FALSE;
      self->summary->templates_added++;
    }
  return TRUE;
}

static gint64
find_template_id (Merge       *self,
                  UppTemplate *template)
{
  g_autoptr(UppCachedStatement) find =
    upp_store_statement (self->store,
                         "SELECT id FROM templates WHERE uuid = ?1 "
                         "OR (key = ?2 AND version = ?3) ORDER BY uuid = ?1 DESC", NULL);

  if (find == NULL)
    return 0;
  sqlite3_bind_text (find, 1, upp_template_get_uuid (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, upp_template_get_key (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (find, 3, upp_template_get_version (template));
  if (sqlite3_step (find) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (find, 0);
}

static gboolean
insert_unit (Merge            *self,
             UppExchangeUnit  *unit,
             GError          **error)
{
  g_autoptr(UppUnit) new_unit = NULL;
  UppUnitKind kind = UPP_UNIT_KIND_OTHER;

  upp_unit_kind_from_key (unit->kind, &kind);
  new_unit = upp_unit_new (unit->name, unit->region, kind);
  upp_unit_set_uuid (new_unit, unit->uuid);
  upp_unit_set_sub_area (new_unit, unit->sub_area);
  g_ptr_array_add (unit->members, NULL);
  upp_unit_set_member_codes (new_unit, (const char * const *) unit->members->pdata);
  g_ptr_array_remove_index (unit->members, unit->members->len - 1);
  if (!upp_store_save_unit (self->store, new_unit, error))
    return FALSE;
  unit->local_id = upp_unit_get_id (new_unit);
  self->summary->units_added++;

  /* A renamed unit arrives with its name's version, to merge later renames against. */
  for (guint i = 0; i < unit->versions->len; i++)
    {
      UppExchangeVersion *version = g_ptr_array_index (unit->versions, i);
      g_autofree char *key = upp_store_field_key (unit->uuid, version->field);
      GHashTableIter iter;
      gpointer shared;

      if (!upp_store_stamp_field (self->store, unit->uuid, version->field, version->modified,
                                     version->device, error))
        return FALSE;
      g_hash_table_iter_init (&iter, version->history);
      while (g_hash_table_iter_next (&iter, &shared, NULL))
        {
          if (!upp_store_remember_version (self->store, key, shared, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A unit is the same by uuid, or by name within its region (made on two laptops alike). */
static gboolean
merge_units (Merge   *self,
             GError **error)
{
  for (guint i = 0; i < self->data->units->len; i++)
    {
      UppExchangeUnit *unit = g_ptr_array_index (self->data->units, i);
      g_autoptr(UppCachedStatement) find = NULL;
      g_autofree char *name = g_strstrip (g_strdup (unit->name));
      g_autofree char *name_key = g_utf8_casefold (name, -1);

      find = upp_store_statement (self->store,
                                  "SELECT id FROM units WHERE uuid = ?1 "
                                  "OR (region_code = ?2 AND name_key = ?3) "
                                  "ORDER BY uuid = ?1 DESC", error);
      if (find == NULL)
        return FALSE;
      sqlite3_bind_text (find, 1, unit->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (find, 2, unit->region, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (find, 3, name_key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (find) == SQLITE_ROW)
        {
          unit->local_id = sqlite3_column_int64 (find, 0);
          continue;
        }
      g_clear_pointer (&find, upp_cached_statement_release);
      if (!insert_unit (self, unit, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the agreements register and further interviews --------------------------------------- */

/* Agreements and further interviews merge as wholes: the later change (by its time, then its
 * device, so that both laptops pick the same) wins. A removal is a change like any other: a
 * file that still has a record removed here later does not bring it back, and a record that
 * was edited on another laptop after it was removed here comes back as edited there, since
 * that edit was made without knowing of the removal and is the later word. */
static gboolean
file_is_later (const char *file_modified,
               const char *file_device,
               const char *local_modified,
               const char *local_device)
{
  int order = g_strcmp0 (file_modified, local_modified);

  return order > 0 || (order == 0 && g_strcmp0 (file_device, local_device) > 0);
}

/* Counts a record the file brought: added, updated, or removed as it was there. */
static void
count_record (gboolean  existed,
              gboolean  was_removed,
              gboolean  removed,
              guint    *added,
              guint    *updated,
              guint    *removed_count)
{
  if (removed)
    {
      if (existed && !was_removed)
        (*removed_count)++;
    }
  else if (!existed || was_removed)
    (*added)++;
  else
    (*updated)++;
}

/* Whether the file's version of a record (agreement or interview, by uuid) is to be taken:
 * the record is new here, or the file's change is later. select_sql reads modified, device
 * and removed of the record; existed and was_removed say what there was, for the count. */
static gboolean
find_local_record (Merge       *self,
                   const char  *select_sql,
                   const char  *uuid,
                   const char  *file_modified,
                   const char  *file_device,
                   gboolean    *take,
                   gboolean    *existed,
                   gboolean    *was_removed,
                   GError     **error)
{
  g_autoptr(UppCachedStatement) find = upp_store_statement (self->store, select_sql, error);
  int rc;

  *take = TRUE;
  *existed = FALSE;
  *was_removed = FALSE;
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    return done (self, rc, error);
  *existed = TRUE;
  *was_removed = sqlite3_column_int (find, 2) != 0;
  *take = file_is_later (file_modified, file_device, upp_store_column_text (find, 0),
                         upp_store_column_text (find, 1));
  return TRUE;
}

/* An agreement stays with the unit it has here: the file gives it another one only when a
 * unit made on two laptops alike was renamed before they shared it and arrived as a unit of
 * its own (see merge_units); its fields still merge. Interviews stay with their response
 * alike. */
static gboolean
merge_agreement (Merge                 *self,
                 gint64                 unit_id,
                 UppExchangeAgreement  *agreement,
                 GError               **error)
{
  g_autoptr(UppCachedStatement) write = NULL;
  gboolean take, existed, was_removed;

  if (!find_local_record (self, "SELECT modified, device, removed FROM agreements WHERE uuid = ?",
                          agreement->uuid, agreement->modified, agreement->device, &take, &existed,
                          &was_removed, error))
    return FALSE;
  if (!take)
    return TRUE;

  /* A removed agreement keeps no text, as upp_store_remove_agreement () leaves it. */
  write = upp_store_statement (self->store,
                               "INSERT INTO agreements (uuid, unit_id, name, kind, status, "
                               "signed, valid_from, valid_to, note, removed, modified, device) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                               "ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, "
                               "kind = excluded.kind, status = excluded.status, "
                               "signed = excluded.signed, valid_from = excluded.valid_from, "
                               "valid_to = excluded.valid_to, note = excluded.note, "
                               "removed = excluded.removed, modified = excluded.modified, "
                               "device = excluded.device", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, agreement->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 2, unit_id);
  sqlite3_bind_text (write, 3, agreement->removed ? "" : agreement->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 4, agreement->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 5, agreement->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 6, agreement->signed_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 7, agreement->valid_from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 8, agreement->valid_to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 9, agreement->removed ? "" : agreement->note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (write, 10, agreement->removed);
  sqlite3_bind_text (write, 11, agreement->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 12, agreement->device, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (write), error))
    return FALSE;
  count_record (existed, was_removed, agreement->removed, &self->summary->agreements_added,
                &self->summary->agreements_updated, &self->summary->agreements_removed);
  return TRUE;
}

/* After the units: each unit of the file has its local id. */
static gboolean
merge_agreements (Merge   *self,
                  GError **error)
{
  for (guint i = 0; i < self->data->units->len; i++)
    {
      UppExchangeUnit *unit = g_ptr_array_index (self->data->units, i);

      for (guint j = 0; j < unit->agreements->len; j++)
        {
          if (!merge_agreement (self, unit->local_id, g_ptr_array_index (unit->agreements, j),
                                error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
merge_interview (Merge                 *self,
                 gint64                 response_id,
                 UppExchangeInterview  *interview,
                 GError               **error)
{
  g_autoptr(UppCachedStatement) write = NULL;
  gboolean take, existed, was_removed;

  if (!find_local_record (self, "SELECT modified, device, removed FROM interviews WHERE uuid = ?",
                          interview->uuid, interview->modified, interview->device, &take, &existed,
                          &was_removed, error))
    return FALSE;
  if (!take)
    return TRUE;

  write = upp_store_statement (self->store,
                               "INSERT INTO interviews (uuid, response_id, interview_date, mode, "
                               "duration_minutes, participant_count, participant_roles, note, "
                               "removed, modified, device) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                               "ON CONFLICT (uuid) DO UPDATE SET "
                               "interview_date = excluded.interview_date, mode = excluded.mode, "
                               "duration_minutes = excluded.duration_minutes, "
                               "participant_count = excluded.participant_count, "
                               "participant_roles = excluded.participant_roles, "
                               "note = excluded.note, removed = excluded.removed, "
                               "modified = excluded.modified, device = excluded.device", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, interview->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 2, response_id);
  sqlite3_bind_text (write, 3, interview->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 4, interview->mode, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 5, interview->duration_minutes);
  sqlite3_bind_int64 (write, 6, interview->participant_count);
  sqlite3_bind_text (write, 7, interview->removed ? "" : interview->participant_roles, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 8, interview->removed ? "" : interview->note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (write, 9, interview->removed);
  sqlite3_bind_text (write, 10, interview->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 11, interview->device, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (write), error))
    return FALSE;
  count_record (existed, was_removed, interview->removed, &self->summary->interviews_added,
                &self->summary->interviews_updated, &self->summary->interviews_removed);
  return TRUE;
}

static gint64
local_unit_id (Merge      *self,
               const char *uuid)
{
  UppExchangeUnit *unit = g_hash_table_lookup (self->data->units_by_uuid, uuid);
  g_autoptr(UppCachedStatement) find = NULL;

  if (unit != NULL)
    return unit->local_id;
  find = upp_store_statement (self->store, "SELECT id FROM units WHERE uuid = ?", NULL);
  if (find == NULL)
    return 0;
  sqlite3_bind_text (find, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (find) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (find, 0);
}

static gboolean
merge_round_texts (Merge             *self,
                   UppExchangeRound  *round,
                   gboolean          *changed,
                   GError           **error)
{
  for (guint i = 0; i < round->texts->len; i++)
    {
      UppExchangeText *text = g_ptr_array_index (round->texts, i);
      g_autoptr(UppCachedStatement) write = NULL;

      /* Report texts are written by the coordinator: the later edit wins. */
      write = upp_store_statement (self->store,
                                   "INSERT INTO round_texts (round_id, key, text, modified) "
                                   "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (round_id, key) DO "
                                   "UPDATE SET text = excluded.text, modified = excluded.modified "
                                   "WHERE excluded.modified > modified AND excluded.text != text",
                                   error);
      if (write == NULL)
        return FALSE;
      sqlite3_bind_int64 (write, 1, round->local_id);
      sqlite3_bind_text (write, 2, text->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 3, text->text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 4, text->modified, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (write), error))
        return FALSE;
      if (sqlite3_changes (upp_store_get_db (self->store)) > 0)
        *changed = TRUE;
    }
  return TRUE;
}

/* A round that the file has at a newer version of its template is upgraded here first, so
 * that the answers the upgrade made there meet the same answers made here. */
static gboolean
merge_round_template (Merge             *self,
                      UppExchangeRound  *round,
                      gboolean          *changed,
                      GError           **error)
{
  g_autoptr(UppRound) local = upp_store_load_round_by_id (self->store, round->local_id, error);
  g_autoptr(UppTemplate) newer = NULL;
  UppTemplate *theirs = round->resolved_template;
  UppTemplate *ours;

  if (local == NULL)
    return FALSE;
  ours = upp_round_get_template (local);
  if (g_strcmp0 (upp_template_get_key (ours), upp_template_get_key (theirs)) != 0 ||
      upp_template_get_version (theirs) <= upp_template_get_version (ours))
    return TRUE;
  newer = upp_store_load_template_by_id (self->store, find_template_id (self, theirs), error);
  if (newer == NULL ||
      !upp_store_upgrade_round_rows (self->store, round->local_id, ours, newer, round->modified,
                                     error))
    return FALSE;
  *changed = TRUE;
  return TRUE;
}

static gboolean
merge_round_row (Merge             *self,
                 UppExchangeRound  *round,
                 gboolean          *changed,
                 GError           **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) write = NULL;
  gint64 template_id;

  find = upp_store_statement (self->store, "SELECT id FROM rounds WHERE uuid = ?", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, round->uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      round->local_id = sqlite3_column_int64 (find, 0);
      g_clear_pointer (&find, upp_cached_statement_release);
      if (!merge_round_template (self, round, changed, error))
        return FALSE;
      write = upp_store_statement (self->store,
                                   "UPDATE rounds SET year = ?2, title = ?3, modified = ?4 "
                                   "WHERE id = ?1 AND ?4 > modified "
                                   "AND (year != ?2 OR title != ?3)", error);
      if (write == NULL)
        return FALSE;
      sqlite3_bind_int64 (write, 1, round->local_id);
      sqlite3_bind_int64 (write, 2, round->year);
      sqlite3_bind_text (write, 3, round->title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 4, round->modified, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (write), error))
        return FALSE;
      if (sqlite3_changes (upp_store_get_db (self->store)) > 0)
        *changed = TRUE;
      g_clear_pointer (&write, upp_cached_statement_release);

      /* Every answer edit touches the round; both sides settle on the later time. */
      write = upp_store_statement (self->store,
                                   "UPDATE rounds SET modified = ?2 WHERE id = ?1 "
                                   "AND ?2 > modified", error);
      if (write == NULL)
        return FALSE;
      sqlite3_bind_int64 (write, 1, round->local_id);
      sqlite3_bind_text (write, 2, round->modified, -1, SQLITE_TRANSIENT);
      return done (self, sqlite3_step (write), error);
    }

  template_id = find_template_id (self, round->resolved_template);
  if (template_id == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("“%s” was not imported: the round “%s” uses a template that is neither "
                     "in the file nor in the database."), self->data->name, round->title);
      return FALSE;
    }
  write = upp_store_statement (self->store,
                               "INSERT INTO rounds (uuid, year, region_code, title, template_id, "
                               "created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, round->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 2, round->year);
  sqlite3_bind_text (write, 3, round->region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 4, round->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 5, template_id);
  sqlite3_bind_text (write, 6, round->created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 7, round->modified, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (write), error))
    return FALSE;
  round->local_id = sqlite3_last_insert_rowid (upp_store_get_db (self->store));
  self->summary->rounds_added++;
  return TRUE;
}

/* ---- versions --------------------------------------------------------------------------- */

static gboolean
version_known (Merge      *self,
               const char *uuid,
               const char *version)
{
  g_autoptr(UppCachedStatement) find =
    upp_store_statement (self->store,
                         "SELECT 1 FROM sync_versions WHERE object_uuid = ? AND version = ?",
                         NULL);

  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, version, -1, SQLITE_TRANSIENT);
  return sqlite3_step (find) == SQLITE_ROW;
}

static gboolean
remember_history (Merge       *self,
                  const char  *uuid,
                  GHashTable  *history,
                  GError     **error)
{
  GHashTableIter iter;
  gpointer version;

  g_hash_table_iter_init (&iter, history);
  while (g_hash_table_iter_next (&iter, &version, NULL))
    {
      if (!upp_store_remember_version (self->store, uuid, version, error))
        return FALSE;
    }
  return TRUE;
}

typedef enum
{
  SAME,          /* the same version on both sides */
  OURS_NEWER,    /* theirs is one we already had: nothing to do */
  THEIRS_NEWER,  /* ours is in their history: take theirs */
  BOTH_CHANGED,
} Relation;

static Relation
relate (Merge      *self,
        const char *uuid,
        const char *our_version,
        const char *their_version,
        GHashTable *their_history)
{
  if (g_strcmp0 (our_version, their_version) == 0)
    return SAME;
  if (version_known (self, uuid, their_version))
    return OURS_NEWER;
  if (g_hash_table_contains (their_history, our_version))
    return THEIRS_NEWER;
  return BOTH_CHANGED;
}

/* ---- responses and answers ------------------------------------------------------------- */

static gboolean
write_response_details (Merge                *self,
                        UppExchangeResponse  *response,
                        GError              **error)
{
  g_autoptr(UppCachedStatement) update =
    upp_store_statement (self->store,
                         "UPDATE responses SET status = ?2, interview_date = ?3, mode = ?4, "
                         "participant_count = ?5, participant_roles = ?6, modified = ?7, "
                         "device = ?8, duration_minutes = ?9, check_sent = ?10, "
                         "check_approved = ?11 WHERE id = ?1", error);

  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, response->local_id);
  sqlite3_bind_text (update, 2, response->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, response->interview_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 4, response->mode, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 5, response->participant_count);
  sqlite3_bind_text (update, 6, response->participant_roles, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 7, response->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 8, response->device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 9, response->duration_minutes);
  sqlite3_bind_text (update, 10, response->check_sent, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 11, response->check_approved, -1, SQLITE_TRANSIENT);
  return done (self, sqlite3_step (update), error);
}

/* The version of a detail in the file: its own, or for a file of an app without versions
 * per field, the whole response's (details then count as changed together). NULL when the
 * detail has not changed since the response was made. */
static UppExchangeVersion *
file_detail_version (UppExchangeRound    *round,
                     UppExchangeResponse *response,
                     const char          *field)
{
  if (!round->has_versions)
    return &response->whole;
  for (guint i = 0; i < response->versions->len; i++)
    {
      UppExchangeVersion *version = g_ptr_array_index (response->versions, i);

      if (g_strcmp0 (version->field, field) == 0)
        return version;
    }
  return NULL;
}

static char *
dup_file_detail (UppExchangeResponse *response,
                 guint                index)
{
  switch (index)
    {
    case 0:
      return g_strdup (response->status);
    case 1:
      return g_strdup (response->interview_date);
    case 2:
      return g_strdup (response->mode);
    case 3:
      return g_strdup_printf ("%" G_GINT64_FORMAT, response->participant_count);
    case 4:
      return g_strdup (response->participant_roles);
    case 5:
      return g_strdup_printf ("%" G_GINT64_FORMAT, response->duration_minutes);
    case 6:
      return g_strdup (response->check_sent);
    default:
      return g_strdup (response->check_approved);
    }
}

static gboolean merge_field (Merge               *self,
                             const char          *object_uuid,
                             const char          *field,
                             const char          *their_value,
                             UppExchangeVersion  *theirs,
                             gboolean            *taken,
                             GError             **error);

/* Whether every version the response brings (answers and details) is one the remover of
 * its unit had seen: then it brings nothing new and the unit stays out of the round. */
static gboolean
response_known_to (UppExchangeRound    *round,
                   UppExchangeResponse *response,
                   GHashTable          *known)
{
  /* Another response is the unit added again. */
  if (!g_hash_table_contains (known, response->uuid))
    return FALSE;
  for (guint i = 0; i < response->answers->len; i++)
    {
      UppExchangeAnswer *answer = g_ptr_array_index (response->answers, i);
      g_autofree char *version = upp_store_version_id (answer->modified, answer->device);

      if (!g_hash_table_contains (known, version))
        return FALSE;
    }
  for (guint i = 0; upp_store_detail_fields[i] != NULL; i++)
    {
      UppExchangeVersion *detail = file_detail_version (round, response,
                                                        upp_store_detail_fields[i]);
      g_autofree char *version = NULL;

      if (detail == NULL)
        continue;
      version = upp_store_version_id (detail->modified, detail->device);
      if (!g_hash_table_contains (known, version))
        return FALSE;
    }
  return TRUE;
}

/* A unit removed from the round here stays out unless the response brings an answer or a
 * detail made since: then it comes back, answers and all, rather than losing them. */
static gboolean
check_removed_here (Merge                *self,
                    UppExchangeRound     *round,
                    UppExchangeResponse  *response,
                    GError              **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) forget = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_auto(GStrv) versions = NULL;
  int rc;

  find = upp_store_statement (self->store,
                              "SELECT known FROM removed_units "
                              "WHERE round_uuid = ? AND unit_uuid = ?", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, round->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, response->unit, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    return done (self, rc, error);
  versions = g_strsplit (upp_store_column_text (find, 0), "\n", -1);
  g_clear_pointer (&find, upp_cached_statement_release);

  known = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; versions[i] != NULL; i++)
    g_hash_table_add (known, versions[i]);
  if (response_known_to (round, response, known))
    {
      response->skipped = TRUE;
      return TRUE;
    }

  forget = upp_store_statement (self->store,
                                "DELETE FROM removed_units WHERE round_uuid = ? AND unit_uuid = ?",
                                error);
  if (forget == NULL)
    return FALSE;
  sqlite3_bind_text (forget, 1, round->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (forget, 2, response->unit, -1, SQLITE_TRANSIENT);
  return done (self, sqlite3_step (forget), error);
}

static gboolean
add_response (Merge                *self,
              UppExchangeRound     *round,
              UppExchangeResponse  *response,
              gint64                unit_id,
              GError              **error)
{
  g_autoptr(UppCachedStatement) insert = NULL;

  if (!check_removed_here (self, round, response, error))
    return FALSE;
  if (response->skipped)
    return TRUE;

  insert = upp_store_statement (self->store,
                                "INSERT INTO responses (uuid, round_id, unit_id, position, "
                                "modified, device) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, response->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 2, round->local_id);
  sqlite3_bind_int64 (insert, 3, unit_id);
  sqlite3_bind_int64 (insert, 4, response->position);
  sqlite3_bind_text (insert, 5, response->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 6, response->device, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (insert), error))
    return FALSE;
  response->local_id = sqlite3_last_insert_rowid (upp_store_get_db (self->store));
  self->summary->responses_added++;
  if (!write_response_details (self, response, error) ||
      !remember_history (self, response->uuid, response->history, error))
    return FALSE;

  /* The details arrive with the versions they had there. */
  for (guint i = 0; upp_store_detail_fields[i] != NULL; i++)
    {
      const char *field = upp_store_detail_fields[i];
      UppExchangeVersion *version = file_detail_version (round, response, field);
      g_autofree char *key = upp_store_field_key (response->uuid, field);

      if (version == NULL)
        continue;
      if (!upp_store_stamp_field (self->store, response->uuid, field, version->modified,
                                     version->device, error) ||
          !remember_history (self, key, version->history, error))
        return FALSE;
    }
  return TRUE;
}

/* Interview details merge one by one, like answers: a detail changed on one side only is
 * taken, one changed on both to different values is kept as a conflict. */
static gboolean
merge_response_row (Merge                *self,
                    UppExchangeRound     *round,
                    UppExchangeResponse  *response,
                    GError              **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autofree char *our_uuid = NULL;
  gint64 unit_id = local_unit_id (self, response->unit);
  gboolean updated = FALSE;

  find = upp_store_statement (self->store,
                              "SELECT id, uuid, round_id, unit_id "
                              "FROM responses WHERE uuid = ?1 OR (round_id = ?2 AND unit_id = ?3) "
                              "ORDER BY uuid = ?1 DESC", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, response->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (find, 2, round->local_id);
  sqlite3_bind_int64 (find, 3, unit_id);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      response->local_id = sqlite3_column_int64 (find, 0);
      our_uuid = g_strdup (upp_store_column_text (find, 1));
      if (sqlite3_column_int64 (find, 2) != round->local_id ||
          sqlite3_column_int64 (find, 3) != unit_id)
        return mismatch (error, _("The response %s is given for another round or unit than in "
                                  "this database."), response->uuid);
    }
  g_clear_pointer (&find, upp_cached_statement_release);

  if (response->local_id == 0)
    return add_response (self, round, response, unit_id, error);

  for (guint i = 0; upp_store_detail_fields[i] != NULL; i++)
    {
      const char *field = upp_store_detail_fields[i];
      g_autofree char *value = dup_file_detail (response, i);

      if (!merge_field (self, our_uuid, field, value, file_detail_version (round, response, field),
                        &updated, error))
        return FALSE;
    }
  if (updated)
    self->summary->responses_updated++;
  /* Kept for apps that know only the whole response's version. */
  return remember_history (self, our_uuid, response->history, error);
}

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *text;
  char   *choices;
  char   *version;
} LocalAnswer;

static void
local_answer_clear (LocalAnswer *self)
{
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->choices, g_free);
  g_clear_pointer (&self->version, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LocalAnswer, local_answer_clear)

static gboolean
find_local_answer (Merge                *self,
                   UppExchangeResponse  *response,
                   UppExchangeAnswer    *answer,
                   LocalAnswer          *local,
                   GError              **error)
{
  g_autoptr(UppCachedStatement) find =
    upp_store_statement (self->store,
                         "SELECT id, uuid, text, choices, modified, device, response_id, "
                         "question_key FROM answers "
                         "WHERE uuid = ?1 OR (response_id = ?2 AND question_key = ?3) "
                         "ORDER BY uuid = ?1 DESC", error);
  int rc;

  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, answer->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (find, 2, response->local_id);
  sqlite3_bind_text (find, 3, answer->question, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      local->id = sqlite3_column_int64 (find, 0);
      local->uuid = g_strdup (upp_store_column_text (find, 1));
      local->text = g_strdup (upp_store_column_text (find, 2));
      local->choices = g_strdup (upp_store_column_text (find, 3));
      local->version = upp_store_version_id (upp_store_column_text (find, 4),
                                                upp_store_column_text (find, 5));
      /* Only a damaged or forged file gives one answer's uuid to another question. */
      if (sqlite3_column_int64 (find, 6) != response->local_id ||
          g_strcmp0 (upp_store_column_text (find, 7), answer->question) != 0)
        return mismatch (error, _("The answer %s is given for another unit or question than in "
                                  "this database."), answer->uuid);
    }
  return done (self, rc, error);
}

/* The same answer made on two laptops gets two uuids; both settle on the smaller one. */
static gboolean
adopt_answer_uuid (Merge        *self,
                   LocalAnswer  *local,
                   const char   *uuid,
                   GError      **error)
{
  g_autoptr(UppCachedStatement) rename_answer = NULL;
  g_autoptr(UppCachedStatement) rename_versions = NULL;
  g_autoptr(UppCachedStatement) forget = NULL;

  if (strcmp (uuid, local->uuid) >= 0)
    return TRUE;
  rename_answer = upp_store_statement (self->store, "UPDATE answers SET uuid = ? WHERE id = ?",
                                       error);
  if (rename_answer == NULL)
    return FALSE;
  sqlite3_bind_text (rename_answer, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (rename_answer, 2, local->id);
  if (!done (self, sqlite3_step (rename_answer), error))
    return FALSE;

  rename_versions = upp_store_statement (self->store,
                                         "UPDATE OR IGNORE sync_versions SET object_uuid = ? "
                                         "WHERE object_uuid = ?", error);
  if (rename_versions == NULL)
    return FALSE;
  sqlite3_bind_text (rename_versions, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (rename_versions, 2, local->uuid, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (rename_versions), error))
    return FALSE;
  forget = upp_store_statement (self->store, "DELETE FROM sync_versions WHERE object_uuid = ?",
                                error);
  if (forget == NULL)
    return FALSE;
  sqlite3_bind_text (forget, 1, local->uuid, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (forget), error))
    return FALSE;
  upp_set_str (&local->uuid, uuid);
  return TRUE;
}

static gboolean
write_answer (Merge              *self,
              LocalAnswer        *local,
              UppExchangeAnswer  *answer,
              const char         *choices,
              GError            **error)
{
  g_autoptr(UppCachedStatement) update =
    upp_store_statement (self->store,
                         "UPDATE answers SET text = ?2, choices = ?3, modified = ?4, device = ?5 "
                         "WHERE id = ?1", error);

  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, local->id);
  sqlite3_bind_text (update, 2, answer->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 4, answer->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 5, answer->device, -1, SQLITE_TRANSIENT);
  return done (self, sqlite3_step (update), error) &&
         upp_store_reanchor_codings (self->store, local->uuid, answer->text, error);
}

/* Conflicts whose other side the answer now descends from are settled. */
static gboolean
drop_settled_conflicts (Merge       *self,
                        const char  *object_uuid,
                        const char  *field,
                        GHashTable  *history,
                        GError     **error)
{
  g_autoptr(GArray) settled = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(UppCachedStatement) find = NULL;
  int rc;

  find = upp_store_statement (self->store,
                              "SELECT id, theirs_modified, theirs_device FROM conflicts "
                              "WHERE object_uuid = ? AND field = ?", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, object_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, field, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (find)) == SQLITE_ROW)
    {
      g_autofree char *version = upp_store_version_id (upp_store_column_text (find, 1),
                                                          upp_store_column_text (find, 2));
      if (g_hash_table_contains (history, version))
        {
          gint64 id = sqlite3_column_int64 (find, 0);
          g_array_append_val (settled, id);
        }
    }
  if (!done (self, rc, error))
    return FALSE;
  g_clear_pointer (&find, upp_cached_statement_release);

  for (guint i = 0; i < settled->len; i++)
    {
      g_autoptr(UppCachedStatement) delete =
        upp_store_statement (self->store, "DELETE FROM conflicts WHERE id = ?", error);

      if (delete == NULL)
        return FALSE;
      sqlite3_bind_int64 (delete, 1, g_array_index (settled, gint64, i));
      if (!done (self, sqlite3_step (delete), error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_history (GHashTable *history)
{
  g_autofree const char **versions = (const char **) g_hash_table_get_keys_as_array (history,
                                                                                   NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; versions[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) versions[i]);
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  return g_strjoinv ("\n", (char **) sorted->pdata);
}

/* Keeps their version of an answer or of a field (field "" for an answer) beside ours, for
 * the user to settle; a version already kept is not counted again. */
static gboolean
keep_conflict (Merge       *self,
               const char  *object_uuid,
               const char  *field,
               const char  *their_text,
               const char  *their_choices,
               const char  *their_modified,
               const char  *their_device,
               GHashTable  *their_history,
               GError     **error)
{
  g_autoptr(UppCachedStatement) insert = NULL;
  g_autofree char *history = join_history (their_history);
  g_autofree char *now = upp_now_iso8601 ();

  insert = upp_store_statement (self->store,
                                "INSERT OR IGNORE INTO conflicts (object_uuid, field, theirs_text, "
                                "theirs_choices, theirs_modified, theirs_device, theirs_history, "
                                "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, object_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 3, their_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 4, their_choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 5, their_modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 6, their_device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 7, history, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 8, now, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (insert), error))
    return FALSE;
  if (sqlite3_changes (upp_store_get_db (self->store)) > 0)
    self->summary->conflicts++;
  return TRUE;
}

/* The answer's history gains the values the file knows and this database does not: its
 * earlier versions, and its value when that is adopted here (adopted TRUE). */
static gboolean
remember_answer_versions (Merge              *self,
                          const char         *uuid,
                          UppExchangeAnswer  *answer,
                          const char         *choices,
                          gboolean            adopted,
                          GError            **error)
{
  for (guint i = 0; i < answer->earlier->len; i++)
    {
      UppAnswerVersion *version = g_ptr_array_index (answer->earlier, i);
      g_autofree char *joined = upp_answer_version_dup_joined_choices (version);

      if (!upp_store_add_answer_version (self->store, uuid, upp_answer_version_get_text (version),
                                         joined, upp_answer_version_get_modified (version),
                                         upp_answer_version_get_device (version),
                                         upp_answer_version_get_author (version),
                                         UPP_ANSWER_ORIGIN_EXCHANGE, NULL, error))
        return FALSE;
    }
  if (!adopted)
    return TRUE;
  return upp_store_add_answer_version (self->store, uuid, answer->text, choices,
                                       answer->modified, answer->device,
                                       answer->author, UPP_ANSWER_ORIGIN_EXCHANGE, NULL, error);
}

static gboolean
merge_answer (Merge                *self,
              UppExchangeResponse  *response,
              UppExchangeAnswer    *answer,
              GError              **error)
{
  g_auto(LocalAnswer) local = { 0 };
  g_autoptr(UppCachedStatement) insert = NULL;
  g_autofree char *theirs = upp_store_version_id (answer->modified, answer->device);
  g_autofree char *choices = upp_store_join_choices ((const char * const *) answer->choices);

  if (!find_local_answer (self, response, answer, &local, error))
    return FALSE;

  if (local.id == 0)
    {
      insert = upp_store_statement (self->store,
                                    "INSERT INTO answers (uuid, response_id, question_key, text, "
                                    "choices, modified, device) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_text (insert, 1, answer->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 2, response->local_id);
      sqlite3_bind_text (insert, 3, answer->question, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, answer->text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 5, choices, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 6, answer->modified, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 7, answer->device, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (insert), error))
        return FALSE;
      self->summary->answers_added++;
      return remember_history (self, answer->uuid, answer->history, error) &&
             remember_answer_versions (self, answer->uuid, answer, choices, TRUE, error);
    }

  if (!adopt_answer_uuid (self, &local, answer->uuid, error))
    return FALSE;

  switch (relate (self, local.uuid, local.version, theirs, answer->history))
    {
    case SAME:
      return remember_history (self, local.uuid, answer->history, error) &&
             remember_answer_versions (self, local.uuid, answer, choices, FALSE, error);

    case OURS_NEWER:
      return remember_answer_versions (self, local.uuid, answer, choices, FALSE, error);

    case THEIRS_NEWER:
      self->summary->answers_updated++;
      return write_answer (self, &local, answer, choices, error) &&
             remember_history (self, local.uuid, answer->history, error) &&
             drop_settled_conflicts (self, local.uuid, "", answer->history, error) &&
             remember_answer_versions (self, local.uuid, answer, choices, TRUE, error);

    case BOTH_CHANGED:
    default:
      /* Their earlier values are history here too; their value now waits as a conflict. */
      if (!remember_answer_versions (self, local.uuid, answer, choices, FALSE, error))
        return FALSE;
      /* Both wrote the same words: no conflict; both settle on the later stamp. */
      if (g_strcmp0 (local.text, answer->text) == 0 &&
          g_strcmp0 (local.choices, choices) == 0)
        {
          if (g_strcmp0 (theirs, local.version) > 0 &&
              (!write_answer (self, &local, answer, choices, error) ||
               !remember_answer_versions (self, local.uuid, answer, choices, TRUE, error)))
            return FALSE;
          return upp_store_remember_version (self->store, local.uuid, local.version, error) &&
                 remember_history (self, local.uuid, answer->history, error) &&
                 drop_settled_conflicts (self, local.uuid, "", answer->history, error);
        }
      return keep_conflict (self, local.uuid, "", answer->text, choices,
                            answer->modified, answer->device, answer->history, error);
    }
}

/* A field's conflict: a value, without choices. */
static gboolean
keep_field_conflict (Merge               *self,
                     const char          *object_uuid,
                     const char          *field,
                     const char          *their_value,
                     UppExchangeVersion  *theirs,
                     GError             **error)
{
  return keep_conflict (self, object_uuid, field, their_value, "", theirs->modified,
                        theirs->device, theirs->history, error);
}

/* Takes their value of a field, or keeps both when a unit of the region already has the
 * name: the user settles it like any other conflict. */
static gboolean
take_field (Merge               *self,
            const char          *object_uuid,
            const char          *field,
            const char          *their_value,
            UppExchangeVersion  *theirs,
            gboolean            *taken,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!upp_store_write_field (self->store, object_uuid, field, their_value, theirs->modified,
                                 theirs->device, &local_error))
    {
      if (!g_error_matches (local_error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* A theme back in use there whose name another theme has here stays retired here. */
      if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_RETIRED) == 0)
        return TRUE;
      return keep_field_conflict (self, object_uuid, field, their_value, theirs, error);
    }
  *taken = TRUE;
  return TRUE;
}

/* Whether a field changed to different values on two laptops is a conflict for the user
 * to settle (an answer's, a name), or settles on the later change (a theme's kind, colour,
 * description, group, retirement, a unit's county part: nobody needs to be asked about a
 * colour). */
static gboolean
field_takes_later (const char *field)
{
  if (g_strcmp0 (field, UPP_STORE_FIELD_UNIT_SUB_AREA) == 0)
    return TRUE;
  return g_str_has_prefix (field, "theme_") &&
         g_strcmp0 (field, UPP_STORE_FIELD_THEME_NAME) != 0;
}

/* One field of a unit, response or theme, merged as an answer is. */
static gboolean
merge_field (Merge               *self,
             const char          *object_uuid,
             const char          *field,
             const char          *their_value,
             UppExchangeVersion  *theirs,
             gboolean            *taken,
             GError             **error)
{
  g_autofree char *key = upp_store_field_key (object_uuid, field);
  g_autofree char *our_value = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *their_version = NULL;
  Relation relation;

  /* Unchanged there since it was made: nothing new. */
  if (theirs == NULL)
    return TRUE;
  our_value = upp_store_dup_field_value (self->store, object_uuid, field, error);
  ours = our_value ? upp_store_dup_field_version (self->store, object_uuid, field, error)
                   : NULL;
  if (ours == NULL)
    return FALSE;
  their_version = upp_store_version_id (theirs->modified, theirs->device);

  if (*ours == '\0')
    relation = version_known (self, key, their_version) ? OURS_NEWER : THEIRS_NEWER;
  else
    relation = relate (self, key, ours, their_version, theirs->history);

  switch (relation)
    {
    case SAME:
      return remember_history (self, key, theirs->history, error);

    case OURS_NEWER:
      return TRUE;

    case THEIRS_NEWER:
      if (g_strcmp0 (our_value, their_value) == 0)
        {
          if (!upp_store_stamp_field (self->store, object_uuid, field, theirs->modified,
                                         theirs->device, error))
            return FALSE;
        }
      else if (!take_field (self, object_uuid, field, their_value, theirs, taken, error))
        return FALSE;
      return remember_history (self, key, theirs->history, error) &&
             drop_settled_conflicts (self, object_uuid, field, theirs->history, error);

    case BOTH_CHANGED:
    default:
      if (g_strcmp0 (our_value, their_value) != 0 && field_takes_later (field))
        {
          /* Each side remembers the other's version: the later one then wins on both. */
          if (g_strcmp0 (their_version, ours) > 0 &&
              !take_field (self, object_uuid, field, their_value, theirs, taken, error))
            return FALSE;
          return upp_store_remember_version (self->store, key, ours, error) &&
                 remember_history (self, key, theirs->history, error);
        }
      if (g_strcmp0 (our_value, their_value) != 0)
        return keep_field_conflict (self, object_uuid, field, their_value, theirs, error);
      /* Both made the same change: both settle on the later stamp. */
      if (g_strcmp0 (their_version, ours) > 0 &&
          !upp_store_stamp_field (self->store, object_uuid, field, theirs->modified,
                                     theirs->device, error))
        return FALSE;
      return upp_store_remember_version (self->store, key, ours, error) &&
             remember_history (self, key, theirs->history, error) &&
             drop_settled_conflicts (self, object_uuid, field, theirs->history, error);
    }
}

/* A unit known here by the same uuid takes a rename or a move to another county part made
 * there; a unit new here arrives with its fields' versions. */
static gboolean
merge_unit_names (Merge   *self,
                  GError **error)
{
  for (guint i = 0; i < self->data->units->len; i++)
    {
      UppExchangeUnit *unit = g_ptr_array_index (self->data->units, i);
      g_autoptr(UppCachedStatement) find = NULL;
      UppExchangeVersion *name_version = NULL;
      UppExchangeVersion *sub_area_version = NULL;
      gboolean taken = FALSE;
      gboolean moved = FALSE;

      for (guint j = 0; j < unit->versions->len; j++)
        {
          UppExchangeVersion *version = g_ptr_array_index (unit->versions, j);

          if (g_strcmp0 (version->field, UPP_STORE_FIELD_UNIT_NAME) == 0)
            name_version = version;
          else if (g_strcmp0 (version->field, UPP_STORE_FIELD_UNIT_SUB_AREA) == 0)
            sub_area_version = version;
        }
      if (name_version == NULL && sub_area_version == NULL)
        continue;

      find = upp_store_statement (self->store, "SELECT id FROM units WHERE uuid = ?", error);
      if (find == NULL)
        return FALSE;
      sqlite3_bind_text (find, 1, unit->uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (find) != SQLITE_ROW)
        continue;
      g_clear_pointer (&find, upp_cached_statement_release);

      if (!merge_field (self, unit->uuid, UPP_STORE_FIELD_UNIT_NAME, unit->name, name_version,
                        &taken, error) ||
          !merge_field (self, unit->uuid, UPP_STORE_FIELD_UNIT_SUB_AREA,
                        unit->sub_area != NULL ? unit->sub_area : "", sub_area_version, &moved,
                        error))
        return FALSE;
      if (taken)
        self->summary->units_renamed++;
      if (moved)
        self->summary->units_moved++;
    }
  return TRUE;
}

/* Whether every version this database holds of the response (answers, details and the other
 * sides of open conflicts) is one the remover had seen. */
static gboolean
local_response_known_to (Merge       *self,
                         gint64       response_id,
                         GHashTable  *known,
                         gboolean    *all_known,
                         GError     **error)
{
  g_autoptr(UppCachedStatement) versions =
    upp_store_statement (self->store,
                         "SELECT a.modified || ' ' || a.device FROM answers a "
                         "WHERE a.response_id = ?1 "
                         "UNION ALL SELECT c.theirs_modified || ' ' || c.theirs_device "
                         "FROM conflicts c JOIN answers a ON a.uuid = c.object_uuid "
                         "WHERE a.response_id = ?1 "
                         "UNION ALL SELECT f.modified || ' ' || f.device FROM field_versions f "
                         "JOIN responses r ON r.uuid = f.object_uuid WHERE r.id = ?1 "
                         "UNION ALL SELECT c.theirs_modified || ' ' || c.theirs_device "
                         "FROM conflicts c JOIN responses r ON r.uuid = c.object_uuid "
                         "WHERE r.id = ?1", error);
  int rc;

  if (versions == NULL)
    return FALSE;
  sqlite3_bind_int64 (versions, 1, response_id);
  *all_known = TRUE;
  while ((rc = sqlite3_step (versions)) == SQLITE_ROW)
    {
      if (!g_hash_table_contains (known, upp_store_column_text (versions, 0)))
        *all_known = FALSE;
    }
  return done (self, rc, error);
}

/* A unit removed there leaves the round here too, unless this database holds an answer or
 * detail the remover had not seen: then the unit stays, and goes back to the remover with
 * the next file. Answers are never dropped for a removal made without knowing them. */
static gboolean
merge_removed_units (Merge             *self,
                     UppExchangeRound  *round,
                     GError           **error)
{
  for (guint i = 0; i < round->removed->len; i++)
    {
      UppExchangeRemoval *removal = g_ptr_array_index (round->removed, i);
      g_autoptr(UppCachedStatement) find = NULL;
      g_autoptr(UppCachedStatement) remember = NULL;
      g_autofree char *known = join_history (removal->known);
      gint64 response_id = 0;
      int rc;

      find = upp_store_statement (self->store,
                                  "SELECT r.id FROM responses r JOIN units u ON u.id = r.unit_id "
                                  "WHERE r.round_id = ? AND u.uuid = ?", error);
      if (find == NULL)
        return FALSE;
      sqlite3_bind_int64 (find, 1, round->local_id);
      sqlite3_bind_text (find, 2, removal->unit, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        response_id = sqlite3_column_int64 (find, 0);
      else if (!done (self, rc, error))
        return FALSE;
      g_clear_pointer (&find, upp_cached_statement_release);

      if (response_id != 0)
        {
          g_autoptr(UppCachedStatement) remove = NULL;
          gboolean all_known = FALSE;

          if (!local_response_known_to (self, response_id, removal->known, &all_known, error))
            return FALSE;
          if (!all_known)
            continue;
          remove = upp_store_statement (self->store, "DELETE FROM responses WHERE id = ?",
                                        error);
          if (remove == NULL)
            return FALSE;
          sqlite3_bind_int64 (remove, 1, response_id);
          if (!done (self, sqlite3_step (remove), error))
            return FALSE;
          self->summary->units_removed++;
        }

      remember = upp_store_statement (self->store,
                                      "INSERT OR IGNORE INTO removed_units (round_uuid, "
                                      "unit_uuid, modified, device, known) "
                                      "VALUES (?, ?, ?, ?, ?)", error);
      if (remember == NULL)
        return FALSE;
      sqlite3_bind_text (remember, 1, round->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 2, removal->unit, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 3, removal->modified, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 4, removal->device, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 5, known, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (remember), error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the codebook ------------------------------------------------------------------------ */

/* A theme's field as the file gives it, as the store keeps it ("0", "1" or a uuid for
 * retired). */
static char *
dup_file_theme_value (UppExchangeTheme *theme,
                      const char       *field)
{
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_NAME) == 0)
    return g_strdup (theme->name);
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_KIND) == 0)
    return g_strdup (theme->kind);
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_DESCRIPTION) == 0)
    return g_strdup (theme->description);
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_COLOUR) == 0)
    return g_strdup (theme->colour);
  if (g_strcmp0 (field, UPP_STORE_FIELD_THEME_PARENT) == 0)
    return g_strdup (theme->parent);
  if (!theme->retired)
    return g_strdup ("0");
  return g_strdup (*theme->merged_into != '\0' ? theme->merged_into : "1");
}

/* The theme a passage coded with uuid belongs to now: the theme it was merged into, and so
 * on (a merge chain is short; a forged loop ends where it started). */
static char *
dup_current_theme (Merge       *self,
                   const char  *uuid,
                   GError     **error)
{
  g_autofree char *current = g_strdup (uuid);

  for (guint hops = 0; hops < 32; hops++)
    {
      g_autoptr(UppCachedStatement) find =
        upp_store_statement (self->store,
                             "SELECT merged_into FROM themes WHERE uuid = ? AND retired = 1 "
                             "AND merged_into <> ''", error);
      int rc;

      if (find == NULL)
        return NULL;
      sqlite3_bind_text (find, 1, current, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (find);
      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          upp_store_set_sqlite_error (self->store, error);
          return NULL;
        }
      upp_set_str (&current, upp_store_column_text (find, 0));
      if (g_strcmp0 (current, uuid) == 0)
        break;
    }
  return g_steal_pointer (&current);
}

/* Of two codings of one passage with one theme, made on two laptops, the one with the
 * larger uuid goes, on every laptop, and is remembered as removed: a file that still has it
 * does not bring it back beside the other. */
static gboolean
bury_twin (Merge       *self,
           const char  *uuid,
           GError     **error)
{
  g_autoptr(UppCachedStatement) remove = NULL;
  g_autoptr(UppCachedStatement) remember = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  remove = upp_store_statement (self->store, "DELETE FROM codings WHERE uuid = ?", error);
  if (remove == NULL)
    return FALSE;
  sqlite3_bind_text (remove, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (remove), error))
    return FALSE;
  remember = upp_store_statement (self->store,
                                  "INSERT OR IGNORE INTO removed_codings (uuid, modified, device) "
                                  "VALUES (?, ?, ?)", error);
  if (remember == NULL)
    return FALSE;
  sqlite3_bind_text (remember, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (remember, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (remember, 3, upp_store_get_device_id (self->store), -1, SQLITE_TRANSIENT);
  return done (self, sqlite3_step (remember), error);
}

/* Gives a coded passage another theme. When the answer already has that passage with that
 * theme, the two are one coding: the one with the smaller uuid stays (bury_twin). */
static gboolean
repoint_coding (Merge       *self,
                gint64       id,
                const char  *uuid,
                const char  *theme_uuid,
                GError     **error)
{
  g_autoptr(UppCachedStatement) update = NULL;
  g_autoptr(UppCachedStatement) twin = NULL;
  g_autofree char *twin_uuid = NULL;
  int rc;

  update = upp_store_statement (self->store,
                                "UPDATE OR IGNORE codings SET theme_uuid = ? WHERE id = ?",
                                error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, theme_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 2, id);
  if (!done (self, sqlite3_step (update), error))
    return FALSE;
  if (sqlite3_changes (upp_store_get_db (self->store)) > 0)
    return TRUE;
  g_clear_pointer (&update, upp_cached_statement_release);

  twin = upp_store_statement (self->store,
                              "SELECT t.uuid FROM codings c JOIN codings t "
                              "ON t.answer_id = c.answer_id AND t.start_char = c.start_char "
                              "AND t.end_char = c.end_char AND t.theme_uuid = ?2 "
                              "WHERE c.id = ?1", error);
  if (twin == NULL)
    return FALSE;
  sqlite3_bind_int64 (twin, 1, id);
  sqlite3_bind_text (twin, 2, theme_uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (twin);
  if (rc != SQLITE_ROW)
    return done (self, rc, error);
  twin_uuid = g_strdup (upp_store_column_text (twin, 0));
  g_clear_pointer (&twin, upp_cached_statement_release);

  if (strcmp (uuid, twin_uuid) > 0)
    return bury_twin (self, uuid, error);
  return bury_twin (self, twin_uuid, error) &&
         repoint_coding (self, id, uuid, theme_uuid, error);
}

/* The passages coded with a theme merged into another go to that one (and on). */
static gboolean
move_merged_codings (Merge       *self,
                     const char  *theme_uuid,
                     GError     **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *into = dup_current_theme (self, theme_uuid, error);
  int rc;

  if (into == NULL)
    return FALSE;
  if (g_strcmp0 (into, theme_uuid) == 0)
    return TRUE;
  find = upp_store_statement (self->store,
                              "SELECT id, uuid FROM codings WHERE theme_uuid = ? ORDER BY uuid",
                              error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, theme_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (find)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (find, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (uuids, g_strdup (upp_store_column_text (find, 1)));
    }
  if (!done (self, rc, error))
    return FALSE;
  g_clear_pointer (&find, upp_cached_statement_release);

  for (guint i = 0; i < ids->len; i++)
    {
      if (!repoint_coding (self, g_array_index (ids, gint64, i), g_ptr_array_index (uuids, i),
                           into, error))
        return FALSE;
    }
  return TRUE;
}

/* The uuid of the theme in use of the region with that name, other than uuid; NULL when
 * there is none (or on error, with error set). */
static char *
dup_same_name_theme (Merge             *self,
                     UppExchangeTheme  *theme,
                     GError           **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autofree char *key = upp_store_dup_theme_name_key (theme->name);
  int rc;

  find = upp_store_statement (self->store,
                              "SELECT uuid FROM themes WHERE region_code = ? AND name_key = ? "
                              "AND retired = 0 AND uuid <> ?", error);
  if (find == NULL)
    return NULL;
  sqlite3_bind_text (find, 1, theme->region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 3, theme->uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    return g_strdup (upp_store_column_text (find, 0));
  done (self, rc, error);
  return NULL;
}

/* Retires one of two themes of the same name into the other, as a change of this laptop;
 * its passages follow once the other is in the database. */
static gboolean
retire_into (Merge       *self,
             const char  *theme_uuid,
             const char  *into_uuid,
             GError     **error)
{
  g_autofree char *now = upp_now_iso8601 ();

  return upp_store_write_field (self->store, theme_uuid, UPP_STORE_FIELD_THEME_RETIRED,
                                into_uuid, now, upp_store_get_device_id (self->store), error);
}

static gboolean
insert_theme (Merge             *self,
              UppExchangeTheme  *theme,
              GError           **error)
{
  g_autoptr(UppCachedStatement) insert = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = upp_store_dup_theme_name_key (theme->name);
  g_autofree char *same_name = NULL;
  gboolean keep_ours = FALSE;

  /* Two laptops that each made a theme of one name made one theme: the one with the smaller
   * uuid stays in use and the other is merged into it, its passages with it. Every laptop
   * comes to the same two themes whatever the order the files arrive in. */
  if (!theme->retired)
    {
      same_name = dup_same_name_theme (self, theme, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      keep_ours = same_name != NULL && strcmp (same_name, theme->uuid) < 0;
      if (same_name != NULL && !keep_ours &&
          !retire_into (self, same_name, theme->uuid, error))
        return FALSE;
    }

  insert = upp_store_statement (self->store,
                                "INSERT INTO themes (uuid, region_code, name, name_key, "
                                "description, kind, parent_uuid, colour, retired, merged_into, "
                                "modified, device) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, theme->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, theme->region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 3, theme->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 4, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 5, theme->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 6, theme->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 7, theme->parent, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 8, theme->colour, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 9, theme->retired || keep_ours);
  sqlite3_bind_text (insert, 10, keep_ours ? same_name : theme->merged_into, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 11, theme->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 12, theme->device, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (insert), error))
    return FALSE;
  self->summary->themes_added++;

  /* A renamed or retired theme arrives with its fields' versions, to merge later changes
   * against. */
  for (guint i = 0; i < theme->versions->len; i++)
    {
      UppExchangeVersion *version = g_ptr_array_index (theme->versions, i);
      g_autofree char *field_key = upp_store_field_key (theme->uuid, version->field);

      if (!upp_store_stamp_field (self->store, theme->uuid, version->field, version->modified,
                                  version->device, error) ||
          !remember_history (self, field_key, version->history, error))
        return FALSE;
    }
  if (keep_ours)
    {
      g_autofree char *now = upp_now_iso8601 ();

      return upp_store_stamp_field (self->store, theme->uuid, UPP_STORE_FIELD_THEME_RETIRED,
                                    now, upp_store_get_device_id (self->store), error);
    }
  if (same_name != NULL)
    return move_merged_codings (self, same_name, error);
  return TRUE;
}

/* Each of a known theme's fields merges as a unit's name does; a rename on two laptops is
 * a conflict, the other fields settle on the later change. */
static gboolean
merge_theme_fields (Merge             *self,
                    UppExchangeTheme  *theme,
                    GError           **error)
{
  gboolean updated = FALSE;

  for (guint i = 0; i < theme->versions->len; i++)
    {
      UppExchangeVersion *version = g_ptr_array_index (theme->versions, i);
      g_autofree char *value = dup_file_theme_value (theme, version->field);
      gboolean taken = FALSE;

      if (!merge_field (self, theme->uuid, version->field, value, version, &taken, error))
        return FALSE;
      if (!taken)
        continue;
      updated = TRUE;
      if (g_strcmp0 (version->field, UPP_STORE_FIELD_THEME_RETIRED) == 0 &&
          !move_merged_codings (self, theme->uuid, error))
        return FALSE;
    }
  if (updated)
    self->summary->themes_updated++;
  return TRUE;
}

/* New themes first, so that every theme a merge moves passages to is here. */
static gboolean
merge_codebook (Merge   *self,
                GError **error)
{
  g_autoptr(GPtrArray) known = g_ptr_array_new ();

  for (guint i = 0; i < self->data->themes->len; i++)
    {
      UppExchangeTheme *theme = g_ptr_array_index (self->data->themes, i);
      g_autofree char *region = NULL;

      if (!upp_store_describe_theme (self->store, theme->uuid, &region))
        {
          if (!insert_theme (self, theme, error))
            return FALSE;
          continue;
        }
      if (g_strcmp0 (region, theme->region) != 0)
        return mismatch (error, _("The theme %s is given for another region than in this "
                                  "database."), theme->uuid);
      g_ptr_array_add (known, theme);
    }
  for (guint i = 0; i < known->len; i++)
    {
      if (!merge_theme_fields (self, g_ptr_array_index (known, i), error))
        return FALSE;
    }
  return TRUE;
}

/* ---- coded passages ---------------------------------------------------------------------- */

typedef struct
{
  UppExchangeResponse *response;
  UppExchangeAnswer   *answer;
} FileAnswer;

/* The answer here that the file's answer uuid is: by uuid, or as the same unit's answer to
 * the same question (made on two laptops, it may keep another uuid here). id 0 when the
 * answer is not here (its unit left the round here). */
static gboolean
find_coded_answer (Merge        *self,
                   GHashTable   *file_answers,
                   const char   *uuid,
                   gint64       *id,
                   char        **text,
                   GError      **error)
{
  FileAnswer *file_answer = g_hash_table_lookup (file_answers, uuid);
  g_autoptr(UppCachedStatement) find = NULL;
  int rc;

  *id = 0;
  if (file_answer != NULL && file_answer->response->skipped)
    return TRUE;
  find = upp_store_statement (self->store,
                              "SELECT id, text FROM answers WHERE uuid = ?1 "
                              "OR (response_id = ?2 AND question_key = ?3) "
                              "ORDER BY uuid = ?1 DESC LIMIT 1", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (find, 2, file_answer ? file_answer->response->local_id : 0);
  sqlite3_bind_text (find, 3, file_answer ? file_answer->answer->question : "", -1,
                     SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    return done (self, rc, error);
  *id = sqlite3_column_int64 (find, 0);
  *text = g_strdup (upp_store_column_text (find, 1));
  return TRUE;
}

static gboolean
is_removed_coding (Merge       *self,
                   const char  *uuid,
                   gboolean    *removed,
                   GError     **error)
{
  g_autoptr(UppCachedStatement) find =
    upp_store_statement (self->store, "SELECT 1 FROM removed_codings WHERE uuid = ?", error);
  int rc;

  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  *removed = rc == SQLITE_ROW;
  return done (self, rc, error);
}

/* A coding this database has: the later change of its quote mark or theme wins. */
static gboolean
update_coding (Merge              *self,
               UppExchangeCoding  *coding,
               const char         *theme_uuid,
               GError            **error)
{
  g_autoptr(UppCachedStatement) update =
    upp_store_statement (self->store,
                         "UPDATE OR IGNORE codings SET theme_uuid = ?2, quote = ?3, "
                         "modified = ?4, device = ?5 WHERE uuid = ?1 AND ?4 > modified "
                         "AND (theme_uuid <> ?2 OR quote <> ?3)", error);

  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, coding->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 2, theme_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (update, 3, coding->quote);
  sqlite3_bind_text (update, 4, coding->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 5, coding->device, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (update), error))
    return FALSE;
  if (sqlite3_changes (upp_store_get_db (self->store)) > 0)
    self->summary->codings_updated++;
  return TRUE;
}

/* Whether a coding of this uuid is here; then it is updated. */
static gboolean
merge_known_coding (Merge              *self,
                    UppExchangeCoding  *coding,
                    const char         *theme_uuid,
                    gboolean           *known,
                    GError            **error)
{
  g_autoptr(UppCachedStatement) find =
    upp_store_statement (self->store, "SELECT 1 FROM codings WHERE uuid = ?", error);
  int rc;

  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, coding->uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  *known = rc == SQLITE_ROW;
  if (!done (self, rc, error))
    return FALSE;
  g_clear_pointer (&find, upp_cached_statement_release);
  return !*known || update_coding (self, coding, theme_uuid, error);
}

static gboolean
insert_coding (Merge              *self,
               UppExchangeCoding  *coding,
               const char         *theme_uuid,
               gint64              answer_id,
               glong               start,
               glong               end,
               gboolean            flagged,
               GError            **error)
{
  g_autoptr(UppCachedStatement) twin = NULL;
  g_autoptr(UppCachedStatement) insert = NULL;
  int rc;

  /* The same passage coded with the same theme on two laptops is one coding: the smaller
   * uuid stays. */
  twin = upp_store_statement (self->store,
                              "SELECT uuid FROM codings WHERE answer_id = ? "
                              "AND theme_uuid = ? AND start_char = ? AND end_char = ?", error);
  if (twin == NULL)
    return FALSE;
  sqlite3_bind_int64 (twin, 1, answer_id);
  sqlite3_bind_text (twin, 2, theme_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (twin, 3, start);
  sqlite3_bind_int64 (twin, 4, end);
  rc = sqlite3_step (twin);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *twin_uuid = g_strdup (upp_store_column_text (twin, 0));

      g_clear_pointer (&twin, upp_cached_statement_release);
      if (!bury_twin (self, strcmp (twin_uuid, coding->uuid) < 0 ? coding->uuid : twin_uuid,
                      error))
        return FALSE;
      if (strcmp (twin_uuid, coding->uuid) < 0)
        return TRUE;
    }
  else if (!done (self, rc, error))
    return FALSE;
  g_clear_pointer (&twin, upp_cached_statement_release);

  insert = upp_store_statement (self->store,
                                "INSERT INTO codings (uuid, answer_id, theme_uuid, start_char, "
                                "end_char, anchor, flagged, quote, modified, device) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, coding->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 2, answer_id);
  sqlite3_bind_text (insert, 3, theme_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 4, start);
  sqlite3_bind_int64 (insert, 5, end);
  sqlite3_bind_text (insert, 6, coding->anchor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 7, flagged);
  sqlite3_bind_int (insert, 8, coding->quote);
  sqlite3_bind_text (insert, 9, coding->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 10, coding->device, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (insert), error))
    return FALSE;
  self->summary->codings_added++;
  return TRUE;
}

static gboolean
merge_coding (Merge              *self,
              GHashTable         *file_answers,
              UppExchangeCoding  *coding,
              GError            **error)
{
  FileAnswer *file_answer = g_hash_table_lookup (file_answers, coding->answer);
  g_autofree char *theme_uuid = NULL;
  g_autofree char *text = NULL;
  gint64 answer_id = 0;
  glong start = coding->start;
  glong end = coding->end;
  gboolean flagged = coding->flagged;
  gboolean removed = FALSE;
  gboolean known = FALSE;

  if (!is_removed_coding (self, coding->uuid, &removed, error))
    return FALSE;
  if (removed)
    return TRUE;
  theme_uuid = dup_current_theme (self, coding->theme, error);
  if (theme_uuid == NULL)
    return FALSE;
  if (!merge_known_coding (self, coding, theme_uuid, &known, error))
    return FALSE;
  if (known)
    return TRUE;
  if (!find_coded_answer (self, file_answers, coding->answer, &answer_id, &text, error))
    return FALSE;
  if (answer_id == 0)
    return TRUE;

  /* Places are counted in the text of the file; where this laptop's text differs (edited
   * here), the passage is looked for in ours, and flagged, never dropped, when it is gone. */
  if (file_answer == NULL || g_strcmp0 (file_answer->answer->text, text) != 0)
    flagged = !upp_store_place_anchor (text, coding->anchor, coding->start, &start, &end);
  return insert_coding (self, coding, theme_uuid, answer_id, start, end, flagged, error);
}

static gboolean
merge_removed_codings (Merge   *self,
                       GError **error)
{
  for (guint i = 0; i < self->data->removed_codings->len; i++)
    {
      UppExchangeRemovedCoding *removed = g_ptr_array_index (self->data->removed_codings, i);
      g_autoptr(UppCachedStatement) remember = NULL;
      g_autoptr(UppCachedStatement) remove = NULL;

      remember = upp_store_statement (self->store,
                                      "INSERT OR IGNORE INTO removed_codings (uuid, modified, "
                                      "device) VALUES (?, ?, ?)", error);
      if (remember == NULL)
        return FALSE;
      sqlite3_bind_text (remember, 1, removed->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 2, removed->modified, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 3, removed->device, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (remember), error))
        return FALSE;
      g_clear_pointer (&remember, upp_cached_statement_release);

      remove = upp_store_statement (self->store, "DELETE FROM codings WHERE uuid = ?", error);
      if (remove == NULL)
        return FALSE;
      sqlite3_bind_text (remove, 1, removed->uuid, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (remove), error))
        return FALSE;
      self->summary->codings_removed += sqlite3_changes (upp_store_get_db (self->store));
    }
  return TRUE;
}

/* After the answers: a passage is placed in the answer's text as it is here now. */
static gboolean
merge_codings (Merge   *self,
               GError **error)
{
  g_autoptr(GHashTable) file_answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              g_free);

  for (guint i = 0; i < self->data->rounds->len; i++)
    {
      UppExchangeRound *round = g_ptr_array_index (self->data->rounds, i);

      for (guint j = 0; j < round->responses->len; j++)
        {
          UppExchangeResponse *response = g_ptr_array_index (round->responses, j);

          for (guint k = 0; k < response->answers->len; k++)
            {
              FileAnswer *file_answer = g_new (FileAnswer, 1);

              file_answer->response = response;
              file_answer->answer = g_ptr_array_index (response->answers, k);
              g_hash_table_insert (file_answers, file_answer->answer->uuid, file_answer);
            }
        }
    }

  if (!merge_removed_codings (self, error))
    return FALSE;
  for (guint i = 0; i < self->data->codings->len; i++)
    {
      if (!merge_coding (self, file_answers, g_ptr_array_index (self->data->codings, i), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
merge (Merge   *self,
       GError **error)
{
  if (!merge_templates (self, error) || !merge_units (self, error) ||
      !merge_unit_names (self, error) || !merge_agreements (self, error) ||
      !merge_codebook (self, error))
    return FALSE;

  for (guint i = 0; i < self->data->rounds->len; i++)
    {
      UppExchangeRound *round = g_ptr_array_index (self->data->rounds, i);
      guint added_before = self->summary->rounds_added;
      gboolean changed = FALSE;

      if (!merge_round_row (self, round, &changed, error) ||
          !merge_round_texts (self, round, &changed, error))
        return FALSE;
      /* A round just added, with its texts, is added, not also updated. */
      if (changed && round->local_id != 0 && self->summary->rounds_added == added_before)
        self->summary->rounds_updated++;

      for (guint j = 0; j < round->responses->len; j++)
        {
          UppExchangeResponse *response = g_ptr_array_index (round->responses, j);

          response->whole = (UppExchangeVersion) { NULL, response->modified, response->device,
                                                   response->history };
          if (!merge_response_row (self, round, response, error))
            return FALSE;
          /* A response left out here (its unit removed) takes its interviews with it. */
          for (guint k = 0; !response->skipped && k < response->interviews->len; k++)
            {
              if (!merge_interview (self, response->local_id,
                                    g_ptr_array_index (response->interviews, k), error))
                return FALSE;
            }
          for (guint k = 0; !response->skipped && k < response->answers->len; k++)
            {
              if (!merge_answer (self, response, g_ptr_array_index (response->answers, k),
                                 error))
                return FALSE;
            }
        }
      if (!merge_removed_units (self, round, error))
        return FALSE;
    }
  return merge_codings (self, error);
}

gboolean
upp_store_merge_exchange (UppStore            *self,
                          UppExchangeData     *data,
                          gboolean             dry_run,
                          UppExchangeSummary  *summary,
                          GError             **error)
{
  Merge merge_state = { self, data, summary };

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL && summary != NULL, FALSE);

  if (!upp_store_begin (self, error))
    return FALSE;
  if (!upp_store_remember_device_name (self, data->device, data->device_name, error) ||
      !merge (&merge_state, error))
    {
      upp_store_rollback (self);
      return FALSE;
    }
  if (dry_run)
    upp_store_rollback (self);
  else if (!upp_store_commit (self, error))
    return FALSE;
  upp_store_forget_cache (self);
  return TRUE;
}
