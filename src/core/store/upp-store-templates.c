/* upp-store-templates.c: survey templates in the store
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-backup.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-util.h"

UppTemplate *
upp_store_load_template_by_id (UppStore  *self,
                               gint64     template_id,
                               GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GError) local_error = NULL;
  UppTemplate *template = g_hash_table_lookup (self->templates, &template_id);

  if (template != NULL)
    return g_object_ref (template);

  statement = upp_store_statement (self, "SELECT json FROM templates WHERE id = ?", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, template_id);
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The survey template is missing from the database."));
      return NULL;
    }
  template = upp_template_new_from_json (upp_store_column_text (statement, 0), -1, &local_error);
  if (template == NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                   _("A stored survey template cannot be read: %s"), local_error->message);
      return NULL;
    }
  upp_template_set_id (template, template_id);
  g_hash_table_insert (self->templates, g_memdup2 (&template_id, sizeof template_id),
                       g_object_ref (template));
  return template;
}

/* Every stored template, or every version of one key when key is not NULL, by key and
 * version. */
static GPtrArray *
load_templates (UppStore    *self,
                const char  *key,
                GError     **error)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self,
                                   "SELECT id FROM templates WHERE ?1 IS NULL OR key = ?1 "
                                   "ORDER BY key, version", error);
  if (statement == NULL)
    return NULL;
  if (key != NULL)
    sqlite3_bind_text (statement, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  /* Read after the statement is done with: loading takes statements of its own. */
  g_clear_pointer (&statement, upp_cached_statement_release);
  for (guint i = 0; i < ids->len; i++)
    {
      UppTemplate *template = upp_store_load_template_by_id (self, g_array_index (ids, gint64, i),
                                                             error);
      if (template == NULL)
        return NULL;
      g_ptr_array_add (templates, template);
    }
  return g_steal_pointer (&templates);
}

GPtrArray *
upp_store_list_templates (UppStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  return load_templates (self, NULL, error);
}

GPtrArray *
upp_store_list_template_versions (UppStore    *self,
                                  const char  *key,
                                  GError     **error)
{
  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return load_templates (self, key, error);
}

UppTemplate *
upp_store_load_template (UppStore    *self,
                         const char  *key,
                         int          version,
                         GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  gint64 id;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT id FROM templates WHERE key = ?1 "
                                   "AND (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1",
                                   error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 2, version);
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      if (version > 0)
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                     _("There is no template “%s” version %d."), key, version);
      else
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                     _("There is no template “%s”."), key);
      return NULL;
    }
  id = sqlite3_column_int64 (statement, 0);
  return upp_store_load_template_by_id (self, id, error);
}

static gboolean
template_row_is_used (UppStore *self,
                      gint64    template_id)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT 1 FROM rounds WHERE template_id = ? LIMIT 1", NULL);

  if (statement == NULL)
    return TRUE;
  sqlite3_bind_int64 (statement, 1, template_id);
  return sqlite3_step (statement) == SQLITE_ROW;
}

gboolean
upp_store_template_is_used (UppStore    *self,
                            UppTemplate *template)
{
  g_return_val_if_fail (UPP_IS_STORE (self), TRUE);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), TRUE);

  if (upp_template_get_id (template) == 0)
    return FALSE;
  return template_row_is_used (self, upp_template_get_id (template));
}

gboolean
upp_store_save_template (UppStore     *self,
                         UppTemplate  *template,
                         GError      **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) write = NULL;
  g_autofree char *json = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  gint64 id = upp_template_get_id (template);

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), FALSE);

  if (!upp_template_validate (template, error))
    return FALSE;

  find = upp_store_statement (self,
                              "SELECT id FROM templates WHERE (key = ? AND version = ?) OR uuid = ?",
                              error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, upp_template_get_key (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (find, 2, upp_template_get_version (template));
  sqlite3_bind_text (find, 3, upp_template_get_uuid (template), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (find) == SQLITE_ROW)
    {
      gint64 existing = sqlite3_column_int64 (find, 0);

      if (id != 0 && existing != id)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                       _("There is already a template “%s” version %d."),
                       upp_template_get_key (template), upp_template_get_version (template));
          return FALSE;
        }
      id = existing;
    }

  if (id != 0 && template_row_is_used (self, id))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_IN_USE,
                   _("The template “%s” version %d is used by a round and cannot change; "
                     "save the changes as a new version."),
                   upp_template_get_key (template), upp_template_get_version (template));
      return FALSE;
    }

  json = upp_template_to_json (template);
  if (id == 0)
    write = upp_store_statement (self,
                                 "INSERT INTO templates (uuid, key, version, title, json, modified) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  else
    write = upp_store_statement (self,
                                 "UPDATE templates SET uuid = ?1, key = ?2, version = ?3, "
                                 "title = ?4, json = ?5, modified = ?6 WHERE id = ?7", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, upp_template_get_uuid (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 2, upp_template_get_key (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (write, 3, upp_template_get_version (template));
  sqlite3_bind_text (write, 4, upp_template_get_title (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 5, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 6, now, -1, SQLITE_TRANSIENT);
  if (id != 0)
    sqlite3_bind_int64 (write, 7, id);
  if (!upp_store_step_done (self, write, error))
    return FALSE;
  if (id == 0)
    id = sqlite3_last_insert_rowid (self->db);
  upp_template_set_id (template, id);
  g_hash_table_remove (self->templates, &id);
  return TRUE;
}

gboolean
upp_store_delete_template (UppStore     *self,
                           UppTemplate  *template,
                           GError      **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  gint64 id = upp_template_get_id (template);

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  if (upp_store_template_is_used (self, template))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_IN_USE,
                   _("The template “%s” is used by a round and cannot be deleted."),
                   upp_template_get_title (template));
      return FALSE;
    }
  statement = upp_store_statement (self, "DELETE FROM templates WHERE id = ?", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, id);
  if (!upp_store_step_done (self, statement, error))
    return FALSE;
  g_hash_table_remove (self->templates, &id);
  upp_template_set_id (template, 0);
  return TRUE;
}

/* Whether a template of this key, of any version, or with this uuid is stored. */
static gboolean
has_template (UppStore     *self,
              UppTemplate  *template,
              gboolean     *found,
              GError      **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self, "SELECT 1 FROM templates WHERE key = ? OR uuid = ?",
                                   error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_template_get_key (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, upp_template_get_uuid (template), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (statement);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
upp_store_add_builtin_templates (UppStore  *self,
                                 GError   **error)
{
  const char * const *keys = upp_template_get_builtin_keys ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_object_unref);

  /* Nothing is written when all are there: opening a database does not change it. A stored
   * one, even edited or of another version, is never replaced. */
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(UppTemplate) template = upp_template_new_builtin (keys[i]);
      gboolean found = FALSE;

      if (!has_template (self, template, &found, error))
        return FALSE;
      if (!found)
        g_ptr_array_add (missing, g_steal_pointer (&template));
    }
  if (missing->len == 0 || self->read_only)
    return TRUE;

  if (!upp_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < missing->len; i++)
    {
      if (!upp_store_save_template (self, g_ptr_array_index (missing, i), error))
        {
          upp_store_rollback (self);
          return FALSE;
        }
    }
  return upp_store_commit (self, error);
}

gboolean
upp_store_import_template (UppStore     *self,
                           UppTemplate  *template,
                           gboolean     *already_stored,
                           GError      **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(UppTemplate) same_uuid = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), FALSE);

  *already_stored = FALSE;
  if (!upp_template_validate (template, error))
    return FALSE;
  versions = load_templates (self, upp_template_get_key (template), error);
  if (versions == NULL)
    return FALSE;
  for (guint i = 0; i < versions->len; i++)
    {
      UppTemplate *stored = g_ptr_array_index (versions, i);

      if (g_strcmp0 (upp_template_get_uuid (stored), upp_template_get_uuid (template)) != 0 &&
          upp_template_get_version (stored) != upp_template_get_version (template))
        continue;
      if (upp_template_get_version (stored) == upp_template_get_version (template) &&
          upp_template_same_survey (stored, template))
        {
          *already_stored = TRUE;
          return TRUE;
        }
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                   _("The database already has another template “%s” version %d; give the "
                     "file a new version."), upp_template_get_key (stored),
                   upp_template_get_version (stored));
      return FALSE;
    }

  /* The same identifier under another key or version is another template's. */
  same_uuid = upp_store_load_template_by_uuid (self, upp_template_get_uuid (template), NULL);
  if (same_uuid != NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                   _("The database already has another template “%s” version %d; give the "
                     "file a new version."), upp_template_get_key (same_uuid),
                   upp_template_get_version (same_uuid));
      return FALSE;
    }

  if (!upp_store_make_backup (self, UPP_BACKUP_BEFORE_IMPORT, NULL, error) ||
      !upp_store_begin (self, error))
    return FALSE;
  if (!upp_store_save_template (self, template, error))
    {
      upp_store_rollback (self);
      return FALSE;
    }
  return upp_store_commit (self, error);
}
