/* upp-store-register.c: the Swedish register of regions and municipalities in the store
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-municipality.h"
#include "upp-region.h"
#include "upp-store-private.h"

gboolean
upp_store_load_register (UppStore  *self,
                         GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(UppCachedStatement) insert_region = NULL;
  g_autoptr(UppCachedStatement) insert_municipality = NULL;

  bytes = g_resources_lookup_data ("/se/uppfoljning/core/se-municipalities.csv",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  insert_region = upp_store_statement (self,
                                       "INSERT OR IGNORE INTO regions (code, name, county) "
                                       "VALUES (?, ?, ?)", error);
  if (insert_region == NULL)
    return FALSE;
  insert_municipality = upp_store_statement (self,
                                             "INSERT OR REPLACE INTO municipalities "
                                             "(code, name, region_code) VALUES (?, ?, ?)", error);
  if (insert_municipality == NULL)
    return FALSE;

  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    lines = g_strsplit (text, "\n", -1);
  }

  /* municipality_code,municipality,county_code,county,region; the first line is the header. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], ",", 5);
      if (g_strv_length (fields) != 5)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       "Register line %u is malformed: %s", i + 1, lines[i]);
          return FALSE;
        }

      sqlite3_bind_text (insert_region, 1, fields[2], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert_region, 2, fields[4], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert_region, 3, fields[3], -1, SQLITE_TRANSIENT);
      if (!upp_store_step_done (self, insert_region, error))
        return FALSE;
      sqlite3_reset (insert_region);

      sqlite3_bind_text (insert_municipality, 1, fields[0], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert_municipality, 2, fields[1], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert_municipality, 3, fields[2], -1, SQLITE_TRANSIENT);
      if (!upp_store_step_done (self, insert_municipality, error))
        return FALSE;
      sqlite3_reset (insert_municipality);
    }
  return TRUE;
}

gboolean
upp_store_load_regions (UppStore  *self,
                        GError   **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT code, name, county FROM regions", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *code = upp_store_column_text (statement, 0);

      g_hash_table_replace (self->regions, g_strdup (code),
                            upp_region_new (code, upp_store_column_text (statement, 1),
                                            upp_store_column_text (statement, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static int
compare_regions (gconstpointer a,
                 gconstpointer b)
{
  UppRegion *region_a = *(UppRegion **) a;
  UppRegion *region_b = *(UppRegion **) b;

  return g_utf8_collate (upp_region_get_name (region_a), upp_region_get_name (region_b));
}

GPtrArray *
upp_store_list_regions (UppStore  *self,
                        GError   **error)
{
  GPtrArray *regions = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  g_hash_table_iter_init (&iter, self->regions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (regions, g_object_ref (value));
  g_ptr_array_sort (regions, compare_regions);
  return regions;
}

UppRegion *
upp_store_lookup_region (UppStore   *self,
                         const char *code)
{
  return g_hash_table_lookup (self->regions, code);
}

UppRegion *
upp_store_find_region (UppStore    *self,
                       const char  *code_or_name,
                       GError     **error)
{
  g_autofree char *wanted = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  if (code_or_name != NULL && g_hash_table_lookup (self->regions, code_or_name))
    return g_object_ref (g_hash_table_lookup (self->regions, code_or_name));

  wanted = g_utf8_casefold (code_or_name ? code_or_name : "", -1);
  g_strstrip (wanted);
  g_hash_table_iter_init (&iter, self->regions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autofree char *name = g_utf8_casefold (upp_region_get_name (value), -1);
      g_autofree char *county = g_utf8_casefold (upp_region_get_county (value), -1);

      if (g_strcmp0 (name, wanted) == 0 || g_strcmp0 (county, wanted) == 0)
        return g_object_ref (value);
    }

  g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
               _("There is no region called “%s”; give a region such as “Region Dalarna”, "
                 "a county or a county code."), code_or_name ? code_or_name : "");
  return NULL;
}

UppMunicipality *
upp_store_municipality_from_row (sqlite3_stmt *statement)
{
  return upp_municipality_new (upp_store_column_text (statement, 0),
                               upp_store_column_text (statement, 1),
                               upp_store_column_text (statement, 2));
}

GPtrArray *
upp_store_list_municipalities (UppStore    *self,
                               const char  *region_code,
                               GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT code, name, region_code FROM municipalities "
                                   "WHERE ?1 IS NULL OR region_code = ?1 ORDER BY code", error);
  if (statement == NULL)
    return NULL;
  if (region_code != NULL)
    sqlite3_bind_text (statement, 1, region_code, -1, SQLITE_TRANSIENT);
  return upp_store_read_rows (self, statement,
                              (UppStoreRowReader) upp_store_municipality_from_row, error);
}
