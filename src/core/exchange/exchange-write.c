/* exchange-write.c: writing rounds to exchange files for another laptop
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange-write"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "exchange-write.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-files.h"
#include "upp-util.h"

typedef struct
{
  UppStore    *store;
  JsonBuilder *builder;
  GHashTable  *unit_filter;   /* uuid → itself, or NULL for all units */
  GHashTable  *unit_ids;      /* row ids of the units written, as gint64 keys */
  GArray      *template_ids;  /* gint64 */
  GArray      *round_ids;     /* gint64 */
} Writer;

static void
writer_clear (Writer *self)
{
  g_clear_object (&self->builder);
  g_clear_pointer (&self->unit_filter, g_hash_table_unref);
  g_clear_pointer (&self->unit_ids, g_hash_table_unref);
  g_clear_pointer (&self->template_ids, g_array_unref);
  g_clear_pointer (&self->round_ids, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Writer, writer_clear)

static gboolean
step_failed (Writer  *self,
             int      rc,
             GError **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  upp_store_set_sqlite_error (self->store, error);
  return TRUE;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_choices (JsonBuilder *builder,
             const char  *stored)
{
  g_auto(GStrv) choices = upp_store_split_choices (stored);

  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (*choices[i] != '\0')
        json_builder_add_string_value (builder, choices[i]);
    }
  json_builder_end_array (builder);
}

/* Marks the version as shared and writes the object's history: every version it is known to
 * descend from, so the receiver can tell an update from a change on both sides. */
static gboolean
add_history (Writer      *self,
             const char  *uuid,
             const char  *modified,
             const char  *device,
             GError     **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  g_autofree char *version = upp_exchange_version_id (modified, device);
  int rc;

  if (!upp_exchange_remember_version (self->store, uuid, version, error))
    return FALSE;

  select = upp_store_statement (self->store,
                                "SELECT version FROM sync_versions WHERE object_uuid = ? "
                                "ORDER BY version", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_text (select, 1, uuid, -1, SQLITE_TRANSIENT);
  json_builder_set_member_name (self->builder, "history");
  json_builder_begin_array (self->builder);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    json_builder_add_string_value (self->builder, upp_store_column_text (select, 0));
  json_builder_end_array (self->builder);
  return !step_failed (self, rc, error);
}

/* The versions of the object's fields that changed since it was made (a unit's name, a
 * response's interview details), each with its history, so each merges on its own. */
static gboolean
add_field_versions (Writer      *self,
                    const char  *object_uuid,
                    GError     **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int rc;

  select = upp_store_statement (self->store,
                                "SELECT field, modified, device FROM field_versions "
                                "WHERE object_uuid = ? ORDER BY field", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_text (select, 1, object_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 4);

      for (int i = 0; i < 3; i++)
        row[i] = g_strdup (upp_store_column_text (select, i));
      g_ptr_array_add (rows, row);
    }
  if (step_failed (self, rc, error))
    return FALSE;
  g_clear_pointer (&select, upp_cached_statement_release);
  if (rows->len == 0)
    return TRUE;

  json_builder_set_member_name (self->builder, "versions");
  json_builder_begin_array (self->builder);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *key = upp_exchange_field_key (object_uuid, row[0]);

      json_builder_begin_object (self->builder);
      add_string (self->builder, "field", row[0]);
      add_string (self->builder, "modified", row[1]);
      add_string (self->builder, "device", row[2]);
      if (!add_history (self, key, row[1], row[2], error))
        return FALSE;
      json_builder_end_object (self->builder);
    }
  json_builder_end_array (self->builder);
  return TRUE;
}

/* Units taken out of the round, so the receiver takes them out too (or brings them back
 * with what it answered since: see merge_removed_units in exchange-read.c). */
static gboolean
write_removed_units (Writer      *self,
                     const char  *round_uuid,
                     GError     **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  int rc;

  select = upp_store_statement (self->store,
                                "SELECT unit_uuid, modified, device, known FROM removed_units "
                                "WHERE round_uuid = ? ORDER BY unit_uuid", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_text (select, 1, round_uuid, -1, SQLITE_TRANSIENT);
  json_builder_set_member_name (self->builder, "removed_units");
  json_builder_begin_array (self->builder);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_auto(GStrv) known = g_strsplit (upp_store_column_text (select, 3), "\n", -1);

      json_builder_begin_object (self->builder);
      add_string (self->builder, "unit", upp_store_column_text (select, 0));
      add_string (self->builder, "modified", upp_store_column_text (select, 1));
      add_string (self->builder, "device", upp_store_column_text (select, 2));
      json_builder_set_member_name (self->builder, "known");
      json_builder_begin_array (self->builder);
      for (guint i = 0; known[i] != NULL; i++)
        {
          if (*known[i] != '\0')
            json_builder_add_string_value (self->builder, known[i]);
        }
      json_builder_end_array (self->builder);
      json_builder_end_object (self->builder);
    }
  json_builder_end_array (self->builder);
  return !step_failed (self, rc, error);
}

static gboolean
collect (Writer      *self,
         const char  *round_id,
         GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  if (round_id != NULL)
    {
      g_autoptr(UppRound) round = upp_store_load_round (self->store, round_id, error);
      gint64 id;

      if (round == NULL)
        return FALSE;
      id = upp_round_get_id (round);
      g_array_append_val (self->round_ids, id);
      statement = upp_store_statement (self->store,
                                       "SELECT template_id FROM rounds WHERE id = ?", error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, id);
      while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
        {
          gint64 template_id = sqlite3_column_int64 (statement, 0);
          g_array_append_val (self->template_ids, template_id);
        }
      return !step_failed (self, rc, error);
    }

  statement = upp_store_statement (self->store, "SELECT id FROM rounds ORDER BY year, id",
                                   error);
  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (self->round_ids, id);
    }
  if (step_failed (self, rc, error))
    return FALSE;
  g_clear_pointer (&statement, upp_cached_statement_release);

  statement = upp_store_statement (self->store, "SELECT id FROM templates ORDER BY id", error);
  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (self->template_ids, id);
    }
  if (step_failed (self, rc, error))
    return FALSE;
  g_clear_pointer (&statement, upp_cached_statement_release);

  /* The whole database carries units that no round uses yet, too. */
  statement = upp_store_statement (self->store, "SELECT id FROM units", error);
  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      *id = sqlite3_column_int64 (statement, 0);
      g_hash_table_add (self->unit_ids, id);
    }
  return !step_failed (self, rc, error);
}

/* Units of the written rounds' responses, limited by the filter. */
static gboolean
collect_round_units (Writer      *self,
                     GError     **error)
{
  for (guint i = 0; i < self->round_ids->len; i++)
    {
      g_autoptr(UppCachedStatement) statement = NULL;
      int rc;

      statement = upp_store_statement (self->store,
                                       "SELECT u.id, u.uuid FROM responses r "
                                       "JOIN units u ON u.id = r.unit_id WHERE r.round_id = ?",
                                       error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, g_array_index (self->round_ids, gint64, i));
      while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
        {
          gint64 *id;

          if (self->unit_filter != NULL &&
              !g_hash_table_contains (self->unit_filter, upp_store_column_text (statement, 1)))
            continue;
          id = g_new (gint64, 1);
          *id = sqlite3_column_int64 (statement, 0);
          g_hash_table_add (self->unit_ids, id);
        }
      if (step_failed (self, rc, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_templates (Writer  *self,
                 GError **error)
{
  json_builder_set_member_name (self->builder, "templates");
  json_builder_begin_array (self->builder);
  for (guint i = 0; i < self->template_ids->len; i++)
    {
      g_autoptr(UppCachedStatement) statement = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) local_error = NULL;

      statement = upp_store_statement (self->store, "SELECT json FROM templates WHERE id = ?",
                                       error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, g_array_index (self->template_ids, gint64, i));
      if (sqlite3_step (statement) != SQLITE_ROW)
        continue;
      node = json_from_string (upp_store_column_text (statement, 0), &local_error);
      if (node == NULL)
        {
          g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
                       _("A template in the database cannot be read: %s"),
                       local_error->message);
          return FALSE;
        }
      json_builder_add_value (self->builder, g_steal_pointer (&node));
    }
  json_builder_end_array (self->builder);
  return TRUE;
}

static gboolean
write_members (Writer  *self,
               gint64   unit_id,
               GError **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT municipality_code FROM unit_members "
                                   "WHERE unit_id = ? ORDER BY municipality_code", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, unit_id);
  json_builder_set_member_name (self->builder, "members");
  json_builder_begin_array (self->builder);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    json_builder_add_string_value (self->builder, upp_store_column_text (statement, 0));
  json_builder_end_array (self->builder);
  return !step_failed (self, rc, error);
}

static gboolean
write_regions (Writer  *self,
               GError **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *open_region = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT id, uuid, region_code, name, kind, sub_area, modified "
                                   "FROM units ORDER BY region_code, name, id", error);
  if (statement == NULL)
    return FALSE;

  json_builder_set_member_name (self->builder, "regions");
  json_builder_begin_array (self->builder);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      const char *region_code = upp_store_column_text (statement, 2);

      if (!g_hash_table_contains (self->unit_ids, &id))
        continue;
      if (g_strcmp0 (open_region, region_code) != 0)
        {
          if (open_region != NULL)
            {
              json_builder_end_array (self->builder);
              json_builder_end_object (self->builder);
            }
          upp_set_str (&open_region, region_code);
          json_builder_begin_object (self->builder);
          add_string (self->builder, "code", region_code);
          json_builder_set_member_name (self->builder, "units");
          json_builder_begin_array (self->builder);
        }
      json_builder_begin_object (self->builder);
      add_string (self->builder, "uuid", upp_store_column_text (statement, 1));
      add_string (self->builder, "name", upp_store_column_text (statement, 3));
      add_string (self->builder, "kind", upp_store_column_text (statement, 4));
      add_string (self->builder, "sub_area", upp_store_column_text (statement, 5));
      add_string (self->builder, "modified", upp_store_column_text (statement, 6));
      if (!write_members (self, id, error) ||
          !add_field_versions (self, upp_store_column_text (statement, 1), error))
        return FALSE;
      json_builder_end_object (self->builder);
    }
  if (open_region != NULL)
    {
      json_builder_end_array (self->builder);
      json_builder_end_object (self->builder);
    }
  json_builder_end_array (self->builder);
  return !step_failed (self, rc, error);
}

static gboolean
write_round_texts (Writer  *self,
                   gint64   round_id,
                   GError **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT key, text, modified FROM round_texts "
                                   "WHERE round_id = ? ORDER BY key", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, round_id);
  json_builder_set_member_name (self->builder, "texts");
  json_builder_begin_array (self->builder);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      json_builder_begin_object (self->builder);
      add_string (self->builder, "key", upp_store_column_text (statement, 0));
      add_string (self->builder, "text", upp_store_column_text (statement, 1));
      add_string (self->builder, "modified", upp_store_column_text (statement, 2));
      json_builder_end_object (self->builder);
    }
  json_builder_end_array (self->builder);
  return !step_failed (self, rc, error);
}

static gboolean
write_answers (Writer  *self,
               gint64   response_id,
               GError **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT uuid, question_key, text, choices, modified, device "
                                   "FROM answers WHERE response_id = ? ORDER BY question_key",
                                   error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, response_id);
  json_builder_set_member_name (self->builder, "answers");
  json_builder_begin_array (self->builder);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      json_builder_begin_object (self->builder);
      add_string (self->builder, "uuid", upp_store_column_text (statement, 0));
      add_string (self->builder, "question", upp_store_column_text (statement, 1));
      add_string (self->builder, "text", upp_store_column_text (statement, 2));
      add_choices (self->builder, upp_store_column_text (statement, 3));
      add_string (self->builder, "modified", upp_store_column_text (statement, 4));
      add_string (self->builder, "device", upp_store_column_text (statement, 5));
      if (!add_history (self, upp_store_column_text (statement, 0),
                        upp_store_column_text (statement, 4), upp_store_column_text (statement, 5),
                        error))
        return FALSE;
      json_builder_end_object (self->builder);
    }
  json_builder_end_array (self->builder);
  return !step_failed (self, rc, error);
}

static gboolean
write_responses (Writer  *self,
                 gint64   round_id,
                 GError **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT r.id, r.uuid, u.id, u.uuid, r.position, r.status, "
                                   "r.interview_date, r.mode, r.participant_count, "
                                   "r.participant_roles, r.modified, r.device "
                                   "FROM responses r JOIN units u ON u.id = r.unit_id "
                                   "WHERE r.round_id = ? ORDER BY r.position, u.name", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, round_id);
  json_builder_set_member_name (self->builder, "responses");
  json_builder_begin_array (self->builder);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (statement, 2);

      if (!g_hash_table_contains (self->unit_ids, &unit_id))
        continue;
      json_builder_begin_object (self->builder);
      add_string (self->builder, "uuid", upp_store_column_text (statement, 1));
      add_string (self->builder, "unit", upp_store_column_text (statement, 3));
      add_int (self->builder, "position", sqlite3_column_int (statement, 4));
      add_string (self->builder, "status", upp_store_column_text (statement, 5));
      add_string (self->builder, "interview_date", upp_store_column_text (statement, 6));
      add_string (self->builder, "mode", upp_store_column_text (statement, 7));
      add_int (self->builder, "participant_count", sqlite3_column_int (statement, 8));
      add_string (self->builder, "participant_roles", upp_store_column_text (statement, 9));
      add_string (self->builder, "modified", upp_store_column_text (statement, 10));
      add_string (self->builder, "device", upp_store_column_text (statement, 11));
      if (!add_history (self, upp_store_column_text (statement, 1),
                        upp_store_column_text (statement, 10),
                        upp_store_column_text (statement, 11), error) ||
          !add_field_versions (self, upp_store_column_text (statement, 1), error))
        return FALSE;
      if (!write_answers (self, sqlite3_column_int64 (statement, 0), error))
        return FALSE;
      json_builder_end_object (self->builder);
    }
  json_builder_end_array (self->builder);
  return !step_failed (self, rc, error);
}

static gboolean
write_rounds (Writer  *self,
              GError **error)
{
  json_builder_set_member_name (self->builder, "rounds");
  json_builder_begin_array (self->builder);
  for (guint i = 0; i < self->round_ids->len; i++)
    {
      g_autoptr(UppCachedStatement) statement = NULL;
      g_autofree char *round_uuid = NULL;
      gint64 round_id = g_array_index (self->round_ids, gint64, i);

      statement = upp_store_statement (self->store,
                                       "SELECT r.uuid, r.year, r.region_code, r.title, t.uuid, "
                                       "r.created, r.modified FROM rounds r "
                                       "JOIN templates t ON t.id = r.template_id WHERE r.id = ?",
                                       error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, round_id);
      if (sqlite3_step (statement) != SQLITE_ROW)
        continue;
      json_builder_begin_object (self->builder);
      add_string (self->builder, "uuid", upp_store_column_text (statement, 0));
      add_int (self->builder, "year", sqlite3_column_int (statement, 1));
      add_string (self->builder, "region", upp_store_column_text (statement, 2));
      add_string (self->builder, "title", upp_store_column_text (statement, 3));
      add_string (self->builder, "template", upp_store_column_text (statement, 4));
      add_string (self->builder, "created", upp_store_column_text (statement, 5));
      add_string (self->builder, "modified", upp_store_column_text (statement, 6));
      round_uuid = g_strdup (upp_store_column_text (statement, 0));
      g_clear_pointer (&statement, upp_cached_statement_release);
      if (!write_round_texts (self, round_id, error) ||
          !write_responses (self, round_id, error) ||
          !write_removed_units (self, round_uuid, error))
        return FALSE;
      json_builder_end_object (self->builder);
    }
  json_builder_end_array (self->builder);
  return TRUE;
}

static char *
build (Writer              *self,
       const char          *round_id,
       const char * const  *unit_uuids,
       gsize               *length,
       GError             **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  if (!collect (self, round_id, error))
    return NULL;
  if (unit_uuids != NULL)
    {
      self->unit_filter = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; unit_uuids[i] != NULL; i++)
        g_hash_table_add (self->unit_filter, g_strdup (unit_uuids[i]));
    }
  if (!collect_round_units (self, error))
    return NULL;

  json_builder_begin_object (self->builder);
  add_string (self->builder, "format", UPP_EXCHANGE_FORMAT);
  add_int (self->builder, "format_version", UPP_EXCHANGE_FORMAT_VERSION);
  add_string (self->builder, "device", upp_store_get_device_id (self->store));
  add_string (self->builder, "exported", now);
  if (!write_templates (self, error) ||
      !write_regions (self, error) ||
      !write_rounds (self, error))
    return NULL;
  json_builder_end_object (self->builder);

  root = json_builder_get_root (self->builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

char *
upp_exchange_write_string (UppStore            *store,
                           const char          *round_id,
                           const char * const  *unit_uuids,
                           gsize               *length,
                           GError             **error)
{
  g_auto(Writer) self = { 0 };
  g_autofree char *json = NULL;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);

  self.store = store;
  self.builder = json_builder_new ();
  self.unit_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self.template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self.round_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* One transaction: a consistent snapshot, and the shared versions recorded with it. */
  if (!upp_store_begin (store, error))
    return NULL;
  json = build (&self, round_id, unit_uuids, length, error);
  if (json == NULL)
    {
      upp_store_rollback (store);
      return NULL;
    }
  if (!upp_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&json);
}

gboolean
upp_exchange_export_file (UppStore            *store,
                          const char          *round_id,
                          const char * const  *unit_uuids,
                          const char          *path,
                          GError             **error)
{
  g_autofree char *json = NULL;
  gsize length = 0;

  json = upp_exchange_write_string (store, round_id, unit_uuids, &length, error);
  if (json == NULL)
    return FALSE;
  return upp_files_write_private (path, json, length, error);
}
