/* upp-store-units.c: units (one or more municipalities answering together) in the store
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-region.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-unit.h"
#include "upp-util.h"

gboolean
upp_store_load_unit_members (UppStore  *self,
                             UppUnit   *unit,
                             GError   **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self,
                         "SELECT municipality_code FROM unit_members WHERE unit_id = ? "
                         "ORDER BY municipality_code", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, upp_unit_get_id (unit));
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    upp_unit_add_member_code (unit, upp_store_column_text (statement, 0));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

UppUnit *
upp_store_unit_from_row (sqlite3_stmt *statement,
                         int           first)
{
  UppUnitKind kind = UPP_UNIT_KIND_OTHER;
  UppUnit *unit;

  upp_unit_kind_from_key (upp_store_column_text (statement, first + 4), &kind);
  unit = upp_unit_new (upp_store_column_text (statement, first + 2),
                       upp_store_column_text (statement, first + 3), kind);
  upp_unit_set_id (unit, sqlite3_column_int64 (statement, first));
  upp_unit_set_uuid (unit, upp_store_column_text (statement, first + 1));
  upp_unit_set_sub_area (unit, upp_store_column_text (statement, first + 5));
  return unit;
}

static gpointer
unit_from_columns (sqlite3_stmt *statement)
{
  return upp_store_unit_from_row (statement, 0);
}

GPtrArray *
upp_store_list_units (UppStore    *self,
                      const char  *region_code,
                      GError     **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT id, uuid, name, region_code, kind, sub_area FROM units "
                                   "WHERE ?1 IS NULL OR region_code = ?1 ORDER BY name", error);
  if (statement == NULL)
    return NULL;
  if (region_code != NULL)
    sqlite3_bind_text (statement, 1, region_code, -1, SQLITE_TRANSIENT);
  units = upp_store_read_rows (self, statement, unit_from_columns, error);
  if (units == NULL)
    return NULL;
  /* SQLite orders by bytes (Ä before Å); people read the collated order. */
  g_ptr_array_sort (units, upp_unit_compare_by_name);

  for (guint i = 0; i < units->len; i++)
    {
      if (!upp_store_load_unit_members (self, g_ptr_array_index (units, i), error))
        return NULL;
    }
  return g_steal_pointer (&units);
}

static gboolean
save_unit_members (UppStore  *self,
                   UppUnit   *unit,
                   GError   **error)
{
  g_autoptr(UppCachedStatement) clear = NULL;
  g_autoptr(UppCachedStatement) insert = NULL;
  const char * const *codes = upp_unit_get_member_codes (unit);

  clear = upp_store_statement (self, "DELETE FROM unit_members WHERE unit_id = ?", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, upp_unit_get_id (unit));
  if (!upp_store_step_done (self, clear, error))
    return FALSE;

  insert = upp_store_statement (self,
                                "INSERT INTO unit_members (unit_id, municipality_code) "
                                "VALUES (?, ?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, upp_unit_get_id (unit));
      sqlite3_bind_text (insert, 2, codes[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
            g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                         _("“%s” is not a municipality code of the register."), codes[i]);
          else
            upp_store_set_sqlite_error (self, error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
save_unit_row (UppStore  *self,
               UppUnit   *unit,
               GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  g_autofree char *name = g_strstrip (g_strdup (upp_unit_get_name (unit)));
  /* SQLite's NOCASE folds only ASCII; "Östra" and "östra" must clash too. */
  g_autofree char *name_key = g_utf8_casefold (name, -1);
  gint64 id = upp_unit_get_id (unit);

  if (name[0] == '\0')
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("A unit needs a name."));
      return FALSE;
    }
  if (upp_store_lookup_region (self, upp_unit_get_region_code (unit)) == NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The unit “%s” belongs to no known region."), name);
      return FALSE;
    }
  upp_unit_set_name (unit, name);

  if (id == 0)
    statement = upp_store_statement (self,
                                     "INSERT INTO units (uuid, name, region_code, kind, sub_area, "
                                     "modified, name_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8)",
                                     error);
  else
    statement = upp_store_statement (self,
                                     "UPDATE units SET uuid = ?1, name = ?2, region_code = ?3, "
                                     "kind = ?4, sub_area = ?5, modified = ?6, name_key = ?8 "
                                     "WHERE id = ?7", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_unit_get_uuid (unit), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, upp_unit_get_region_code (unit), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, upp_unit_kind_to_key (upp_unit_get_kind (unit)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (statement, 5, upp_unit_get_sub_area (unit), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 6, now, -1, SQLITE_TRANSIENT);
  if (id != 0)
    sqlite3_bind_int64 (statement, 7, id);
  sqlite3_bind_text (statement, 8, name_key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db)) == SQLITE_CONSTRAINT_UNIQUE)
        {
          UppRegion *region = upp_store_lookup_region (self, upp_unit_get_region_code (unit));
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                       _("There is already a unit called “%s” in %s."), name,
                       upp_region_get_name (region));
        }
      else
        upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  if (id == 0)
    upp_unit_set_id (unit, sqlite3_last_insert_rowid (self->db));
  return TRUE;
}

/* The stored name and county part, to see what a save changes. */
static gboolean
read_unit_fields (UppStore  *self,
                  gint64     id,
                  char     **name,
                  char     **sub_area,
                  GError   **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT name, sub_area FROM units WHERE id = ?", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, id);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    {
      *name = g_strdup (upp_store_column_text (statement, 0));
      *sub_area = g_strdup (upp_store_column_text (statement, 1));
    }
  else if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_save_unit (UppStore  *self,
                     UppUnit   *unit,
                     GError   **error)
{
  g_autofree char *old_name = NULL;
  g_autofree char *old_sub_area = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  gint64 old_id;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_UNIT (unit), FALSE);

  old_id = upp_unit_get_id (unit);
  if (!upp_store_begin (self, error))
    return FALSE;
  if ((old_id != 0 && !read_unit_fields (self, old_id, &old_name, &old_sub_area, error)) ||
      !save_unit_row (self, unit, error) || !save_unit_members (self, unit, error))
    goto failed;

  /* A rename is a change of its own that travels to the other laptops. */
  if (old_name != NULL && g_strcmp0 (old_name, upp_unit_get_name (unit)) != 0 &&
      !upp_store_stamp_field (self, upp_unit_get_uuid (unit), UPP_STORE_FIELD_UNIT_NAME, now,
                              self->device_id, error))
    goto failed;
  /* So does a move to another part of the county. */
  if (old_sub_area != NULL && g_strcmp0 (old_sub_area, upp_unit_get_sub_area (unit)) != 0 &&
      !upp_store_stamp_field (self, upp_unit_get_uuid (unit), UPP_STORE_FIELD_UNIT_SUB_AREA,
                              now, self->device_id, error))
    goto failed;
  return upp_store_commit (self, error);

failed:
  upp_store_rollback (self);
  upp_unit_set_id (unit, old_id);
  return FALSE;
}

gboolean
upp_store_set_unit_sub_area (UppStore    *self,
                             UppUnit     *unit,
                             const char  *sub_area,
                             GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (sub_area != NULL ? sub_area : ""));
  g_autofree char *old_sub_area = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (upp_unit_get_id (unit) != 0, FALSE);

  if (strpbrk (stripped, "\r\n\t") != NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("A county part is one line of text, e.g. “Västra”."));
      return FALSE;
    }
  if (g_strcmp0 (stripped, upp_unit_get_sub_area (unit)) == 0)
    return TRUE;

  old_sub_area = g_strdup (upp_unit_get_sub_area (unit));
  upp_unit_set_sub_area (unit, stripped);
  if (!upp_store_save_unit (self, unit, error))
    {
      upp_unit_set_sub_area (unit, old_sub_area);
      return FALSE;
    }
  return TRUE;
}

static int
compare_collated (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GStrv
upp_store_list_sub_areas (UppStore    *self,
                          const char  *region_code,
                          GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT DISTINCT sub_area FROM units WHERE sub_area <> '' "
                                   "AND (?1 IS NULL OR region_code = ?1)",
                                   error);
  if (statement == NULL)
    return NULL;
  if (region_code != NULL)
    sqlite3_bind_text (statement, 1, region_code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (parts, g_strdup (upp_store_column_text (statement, 0)));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  /* "Östra" after "Västra", as a Swedish reader expects. */
  g_ptr_array_sort (parts, compare_collated);
  g_ptr_array_add (parts, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&parts), FALSE);
}
