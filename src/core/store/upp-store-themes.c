/* upp-store-themes.c: the codebook in the store: a region's themes and coded passages
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-answer.h"
#include "upp-coding.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-theme.h"
#include "upp-util.h"

#define THEME_COLUMNS \
  "t.id, t.uuid, t.region_code, t.name, t.description, t.kind, t.parent_uuid, t.colour, " \
  "t.retired, t.modified, t.device, " \
  "(SELECT count(*) FROM codings c WHERE c.theme_uuid = t.uuid)"

static UppTheme *
theme_from_row (sqlite3_stmt *statement)
{
  UppThemeKind kind = UPP_THEME_KIND_NEUTRAL;
  UppTheme *theme;

  upp_theme_kind_from_key (upp_store_column_text (statement, 5), &kind);
  theme = upp_theme_new (upp_store_column_text (statement, 2),
                         upp_store_column_text (statement, 3), kind);
  upp_theme_set_id (theme, sqlite3_column_int64 (statement, 0));
  upp_theme_set_uuid (theme, upp_store_column_text (statement, 1));
  upp_theme_set_description (theme, upp_store_column_text (statement, 4));
  upp_theme_set_parent_uuid (theme, upp_store_column_text (statement, 6));
  upp_theme_set_colour (theme, upp_store_column_text (statement, 7));
  upp_theme_set_retired (theme, sqlite3_column_int (statement, 8));
  upp_theme_set_modified (theme, upp_store_column_text (statement, 9));
  upp_theme_set_device (theme, upp_store_column_text (statement, 10));
  upp_theme_set_n_codings (theme, sqlite3_column_int (statement, 11));
  return theme;
}

GPtrArray *
upp_store_list_themes (UppStore    *self,
                       const char  *region_code,
                       gboolean     with_retired,
                       GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT " THEME_COLUMNS " FROM themes t "
                                   "WHERE (?1 IS NULL OR t.region_code = ?1) "
                                   "AND (?2 OR t.retired = 0) "
                                   "ORDER BY t.region_code, t.retired, t.name_key, t.id", error);
  if (statement == NULL)
    return NULL;
  if (region_code != NULL)
    sqlite3_bind_text (statement, 1, region_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 2, with_retired);
  return upp_store_read_rows (self, statement, (UppStoreRowReader) theme_from_row, error);
}

/* Names are compared as people read them: "Samverkan" and " samverkan " are one theme. */
static char *
dup_name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (normalized ? normalized : stripped, -1);
}

char *
upp_store_dup_theme_name_key (const char *name)
{
  return dup_name_key (name);
}

/* The theme in use with this name, other than except_id; NULL without error when none. */
static UppTheme *
lookup_theme (UppStore    *self,
              const char  *region_code,
              const char  *name,
              gint64       except_id,
              GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *key = dup_name_key (name);

  statement = upp_store_statement (self,
                                   "SELECT " THEME_COLUMNS " FROM themes t "
                                   "WHERE t.region_code = ?1 AND t.name_key = ?2 "
                                   "AND t.retired = 0 AND t.id <> ?3", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, region_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 3, except_id);
  found = upp_store_read_rows (self, statement, (UppStoreRowReader) theme_from_row, error);
  if (found == NULL || found->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (found, 0));
}

UppTheme *
upp_store_find_theme (UppStore    *self,
                      const char  *region_code,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UppTheme *theme;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (region_code != NULL, NULL);

  theme = lookup_theme (self, region_code, name ? name : "", 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (theme == NULL)
    g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                 _("The codebook has no theme called “%s”."), name ? name : "");
  return theme;
}

/* A name that can be a theme's: not empty, one line, not used by another theme in use. */
static gboolean
check_theme_name (UppStore    *self,
                  const char  *region_code,
                  const char  *name,
                  gint64       except_id,
                  GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));
  g_autoptr(UppTheme) other = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("A theme’s name must be valid UTF-8 text."));
      return FALSE;
    }
  if (*stripped == '\0' || strpbrk (stripped, "\r\n\t") != NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("A theme needs a name of one line that is not empty."));
      return FALSE;
    }
  other = lookup_theme (self, region_code, stripped, except_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other != NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                   _("The codebook already has a theme called “%s”."),
                   upp_theme_get_name (other));
      return FALSE;
    }
  return TRUE;
}

UppTheme *
upp_store_add_theme (UppStore      *self,
                     const char    *region_code,
                     const char    *name,
                     UppThemeKind   kind,
                     GError       **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(UppTheme) theme = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *key = NULL;
  g_autofree char *uuid = upp_new_uuid ();
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (region_code != NULL, NULL);

  if (upp_store_lookup_region (self, region_code) == NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("There is no region with the code “%s”."), region_code);
      return NULL;
    }
  if (!check_theme_name (self, region_code, name, 0, error))
    return NULL;
  stripped = g_strstrip (g_strdup (name));
  key = dup_name_key (stripped);

  statement = upp_store_statement (self,
                                   "INSERT INTO themes (uuid, region_code, name, name_key, kind, "
                                   "modified, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, region_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, stripped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 5, upp_theme_kind_to_key (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 7, self->device_id, -1, SQLITE_TRANSIENT);
  if (!upp_store_begin (self, error))
    return NULL;
  if (!upp_store_step_done (self, statement, error))
    {
      upp_store_rollback (self);
      return NULL;
    }
  if (!upp_store_commit (self, error))
    return NULL;

  theme = upp_theme_new (region_code, stripped, kind);
  upp_theme_set_id (theme, sqlite3_last_insert_rowid (self->db));
  upp_theme_set_uuid (theme, uuid);
  upp_theme_set_modified (theme, now);
  upp_theme_set_device (theme, self->device_id);
  return g_steal_pointer (&theme);
}

gboolean
upp_store_rename_theme (UppStore    *self,
                        UppTheme    *theme,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *key = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_THEME (theme), FALSE);

  if (!check_theme_name (self, upp_theme_get_region_code (theme), name,
                         upp_theme_get_id (theme), error))
    return FALSE;
  stripped = g_strstrip (g_strdup (name));
  if (g_strcmp0 (stripped, upp_theme_get_name (theme)) == 0)
    return TRUE;
  key = dup_name_key (stripped);

  statement = upp_store_statement (self,
                                   "UPDATE themes SET name = ?1, name_key = ?2, modified = ?3, "
                                   "device = ?4 WHERE id = ?5", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, stripped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, self->device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 5, upp_theme_get_id (theme));
  if (!upp_store_begin (self, error))
    return FALSE;
  /* The rename's own version, so that it travels in exchange files. */
  if (!upp_store_step_done (self, statement, error) ||
      !upp_store_stamp_field (self, upp_theme_get_uuid (theme), UPP_STORE_FIELD_THEME_NAME,
                              now, self->device_id, error))
    {
      upp_store_rollback (self);
      return FALSE;
    }
  if (!upp_store_commit (self, error))
    return FALSE;
  upp_theme_set_name (theme, stripped);
  upp_theme_set_modified (theme, now);
  upp_theme_set_device (theme, self->device_id);
  return TRUE;
}

/* "#rrggbb", or "" for none. */
static gboolean
is_colour (const char *colour)
{
  if (*colour == '\0')
    return TRUE;
  if (strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (colour[i]))
        return FALSE;
    }
  return TRUE;
}

/* A parent a theme may have: "" or another theme in use of its region that has no parent
 * itself, and only when the theme has no children (one level of grouping). */
static gboolean
check_parent (UppStore    *self,
              UppTheme    *theme,
              const char  *parent_uuid,
              GError     **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) children = NULL;
  int rc;

  if (*parent_uuid == '\0')
    return TRUE;
  if (g_strcmp0 (parent_uuid, upp_theme_get_uuid (theme)) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The theme “%s” cannot be grouped under itself."),
                   upp_theme_get_name (theme));
      return FALSE;
    }
  find = upp_store_statement (self,
                              "SELECT parent_uuid FROM themes WHERE uuid = ? AND "
                              "region_code = ? AND retired = 0", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, parent_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, upp_theme_get_region_code (theme), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The theme to group “%s” under is not in the region’s codebook."),
                   upp_theme_get_name (theme));
      return FALSE;
    }
  if (*upp_store_column_text (find, 0) != '\0')
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("Themes group one level deep: the theme to group “%s” under is grouped "
                     "under another itself."), upp_theme_get_name (theme));
      return FALSE;
    }
  g_clear_pointer (&find, upp_cached_statement_release);

  children = upp_store_statement (self,
                                  "SELECT 1 FROM themes WHERE parent_uuid = ? AND retired = 0",
                                  error);
  if (children == NULL)
    return FALSE;
  sqlite3_bind_text (children, 1, upp_theme_get_uuid (theme), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (children);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("Themes group one level deep: “%s” has themes grouped under it."),
                   upp_theme_get_name (theme));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Each detail that the update changes gets its own version, so that a colour changed on one
 * laptop and a kind on another both travel. */
static gboolean
stamp_changed_details (UppStore    *self,
                       UppTheme    *theme,
                       const char  *now,
                       GError     **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  const char *fields[] = {
    UPP_STORE_FIELD_THEME_DESCRIPTION, UPP_STORE_FIELD_THEME_KIND,
    UPP_STORE_FIELD_THEME_PARENT, UPP_STORE_FIELD_THEME_COLOUR,
  };
  const char *values[] = {
    upp_theme_get_description (theme), upp_theme_kind_to_key (upp_theme_get_kind (theme)),
    upp_theme_get_parent_uuid (theme), upp_theme_get_colour (theme),
  };
  gboolean changed[G_N_ELEMENTS (fields)] = { FALSE, };
  int rc;

  find = upp_store_statement (self,
                              "SELECT description, kind, parent_uuid, colour FROM themes "
                              "WHERE id = ?", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, upp_theme_get_id (theme));
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                     _("The theme “%s” is no longer in the codebook."),
                     upp_theme_get_name (theme));
      else
        upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    changed[i] = g_strcmp0 (upp_store_column_text (find, i), values[i]) != 0;
  g_clear_pointer (&find, upp_cached_statement_release);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (changed[i] &&
          !upp_store_stamp_field (self, upp_theme_get_uuid (theme), fields[i], now,
                                  self->device_id, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_update_theme (UppStore  *self,
                        UppTheme  *theme,
                        GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  const char *description;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_THEME (theme), FALSE);

  description = upp_theme_get_description (theme);
  if (!g_utf8_validate (description, -1, NULL))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("A theme’s description must be valid UTF-8 text."));
      return FALSE;
    }
  if (!is_colour (upp_theme_get_colour (theme)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The colour “%s” is not one; write it as #2a7fff."),
                   upp_theme_get_colour (theme));
      return FALSE;
    }
  if (!check_parent (self, theme, upp_theme_get_parent_uuid (theme), error))
    return FALSE;

  statement = upp_store_statement (self,
                                   "UPDATE themes SET description = ?1, kind = ?2, "
                                   "parent_uuid = ?3, colour = ?4, modified = ?5, device = ?6 "
                                   "WHERE id = ?7", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, upp_theme_kind_to_key (upp_theme_get_kind (theme)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, upp_theme_get_parent_uuid (theme), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, upp_theme_get_colour (theme), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 6, self->device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 7, upp_theme_get_id (theme));
  if (!upp_store_begin (self, error))
    return FALSE;
  if (!stamp_changed_details (self, theme, now, error) ||
      !upp_store_step_done (self, statement, error))
    {
      upp_store_rollback (self);
      return FALSE;
    }
  if (!upp_store_commit (self, error))
    return FALSE;
  upp_theme_set_modified (theme, now);
  upp_theme_set_device (theme, self->device_id);
  return TRUE;
}

/* Runs a statement bound to the two themes' uuids (?1 from, ?2 into), the time and device. */
static gboolean
run_merge_step (UppStore    *self,
                const char  *sql,
                UppTheme    *from,
                UppTheme    *into,
                const char  *now,
                GError     **error)
{
  g_autoptr(UppCachedStatement) statement = upp_store_statement (self, sql, error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_theme_get_uuid (from), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, upp_theme_get_uuid (into), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, self->device_id, -1, SQLITE_TRANSIENT);
  return upp_store_step_done (self, statement, error);
}

/* Retires a theme, merged into another (into_uuid) or not (""); the retirement's version
 * travels in exchange files, and with it where the theme's passages went. */
static gboolean
retire (UppStore    *self,
        UppTheme    *theme,
        const char  *into_uuid,
        const char  *now,
        GError     **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self,
                         "UPDATE themes SET retired = 1, merged_into = ?4, modified = ?1, "
                         "device = ?2 WHERE uuid = ?3", error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, self->device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, upp_theme_get_uuid (theme), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, into_uuid, -1, SQLITE_TRANSIENT);
  return upp_store_step_done (self, statement, error) &&
         upp_store_stamp_field (self, upp_theme_get_uuid (theme), UPP_STORE_FIELD_THEME_RETIRED,
                                now, self->device_id, error);
}

gboolean
upp_store_merge_themes (UppStore  *self,
                        UppTheme  *from,
                        UppTheme  *into,
                        GError   **error)
{
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_THEME (from), FALSE);
  g_return_val_if_fail (UPP_IS_THEME (into), FALSE);

  if (g_strcmp0 (upp_theme_get_uuid (from), upp_theme_get_uuid (into)) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("A theme cannot be merged into itself (“%s”)."),
                   upp_theme_get_name (from));
      return FALSE;
    }
  if (g_strcmp0 (upp_theme_get_region_code (from), upp_theme_get_region_code (into)) != 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The themes “%s” and “%s” belong to different regions’ codebooks."),
                   upp_theme_get_name (from), upp_theme_get_name (into));
      return FALSE;
    }
  if (upp_theme_get_retired (into))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The theme “%s” is no longer in use; merge into a theme in use."),
                   upp_theme_get_name (into));
      return FALSE;
    }

  if (!upp_store_begin (self, error))
    return FALSE;
  /* A passage coded with both themes is already coded with into: the copy with from goes. */
  if (!run_merge_step (self, "UPDATE OR IGNORE codings SET theme_uuid = ?2, modified = ?3, "
                       "device = ?4 WHERE theme_uuid = ?1", from, into, now, error) ||
      !run_merge_step (self, "DELETE FROM codings WHERE theme_uuid = ?1",
                       from, into, now, error) ||
      !run_merge_step (self, "INSERT OR REPLACE INTO field_versions (object_uuid, field, "
                       "modified, device) SELECT uuid, '" UPP_STORE_FIELD_THEME_PARENT "', ?3, "
                       "?4 FROM themes WHERE parent_uuid = ?1",
                       from, into, now, error) ||
      !run_merge_step (self, "UPDATE themes SET parent_uuid = ?2, modified = ?3, device = ?4 "
                       "WHERE parent_uuid = ?1", from, into, now, error))
    goto failed;
  if (!retire (self, from, upp_theme_get_uuid (into), now, error))
    goto failed;
  if (!upp_store_commit (self, error))
    return FALSE;
  upp_theme_set_retired (from, TRUE);
  upp_theme_set_n_codings (into, upp_theme_get_n_codings (into) + upp_theme_get_n_codings (from));
  upp_theme_set_n_codings (from, 0);
  return TRUE;

failed:
  upp_store_rollback (self);
  return FALSE;
}

gboolean
upp_store_retire_theme (UppStore  *self,
                        UppTheme  *theme,
                        GError   **error)
{
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_THEME (theme), FALSE);

  if (upp_theme_get_retired (theme))
    return TRUE;
  if (!upp_store_begin (self, error))
    return FALSE;
  if (!retire (self, theme, "", now, error))
    {
      upp_store_rollback (self);
      return FALSE;
    }
  if (!upp_store_commit (self, error))
    return FALSE;
  upp_theme_set_retired (theme, TRUE);
  return TRUE;
}

/* ---- coded passages ------------------------------------------------------------------ */

#define CODING_COLUMNS \
  "c.id, c.uuid, a.uuid, c.theme_uuid, t.name, c.start_char, c.end_char, c.anchor, " \
  "c.flagged, r.uuid, r.year, u.name, a.question_key, c.modified, c.device, c.quote"

#define CODING_JOINS \
  "FROM codings c JOIN answers a ON a.id = c.answer_id " \
  "JOIN responses s ON s.id = a.response_id JOIN units u ON u.id = s.unit_id " \
  "JOIN rounds r ON r.id = s.round_id JOIN themes t ON t.uuid = c.theme_uuid "

static UppCoding *
coding_from_row (sqlite3_stmt *statement)
{
  UppCoding *coding = upp_coding_new ();

  upp_coding_set_id (coding, sqlite3_column_int64 (statement, 0));
  upp_coding_set_uuid (coding, upp_store_column_text (statement, 1));
  upp_coding_set_answer_uuid (coding, upp_store_column_text (statement, 2));
  upp_coding_set_theme_uuid (coding, upp_store_column_text (statement, 3));
  upp_coding_set_theme_name (coding, upp_store_column_text (statement, 4));
  upp_coding_set_range (coding, sqlite3_column_int (statement, 5),
                        sqlite3_column_int (statement, 6));
  upp_coding_set_text (coding, upp_store_column_text (statement, 7));
  upp_coding_set_flagged (coding, sqlite3_column_int (statement, 8));
  upp_coding_set_round_uuid (coding, upp_store_column_text (statement, 9));
  upp_coding_set_year (coding, sqlite3_column_int (statement, 10));
  upp_coding_set_unit_name (coding, upp_store_column_text (statement, 11));
  upp_coding_set_question_key (coding, upp_store_column_text (statement, 12));
  upp_coding_set_modified (coding, upp_store_column_text (statement, 13));
  upp_coding_set_device (coding, upp_store_column_text (statement, 14));
  upp_coding_set_quote (coding, sqlite3_column_int (statement, 15));
  return coding;
}

GPtrArray *
upp_store_list_codings (UppStore     *self,
                        UppRound     *round,
                        UppResponse  *response,
                        UppTheme     *theme,
                        GError      **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT " CODING_COLUMNS " " CODING_JOINS
                                   "WHERE (?1 = 0 OR r.id = ?1) AND (?2 = 0 OR s.id = ?2) "
                                   "AND (?3 = '' OR c.theme_uuid = ?3) "
                                   "ORDER BY r.year, r.id, s.position, u.name, a.question_key, "
                                   "c.start_char, c.end_char, t.name_key", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, round ? upp_round_get_id (round) : 0);
  sqlite3_bind_int64 (statement, 2, response ? upp_response_get_id (response) : 0);
  sqlite3_bind_text (statement, 3, theme ? upp_theme_get_uuid (theme) : "", -1,
                     SQLITE_TRANSIENT);
  return upp_store_read_rows (self, statement, (UppStoreRowReader) coding_from_row, error);
}

static UppCoding *
load_coding (UppStore    *self,
             gint64       answer_id,
             const char  *theme_uuid,
             gint64       start,
             gint64       end,
             GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) found = NULL;

  statement = upp_store_statement (self,
                                   "SELECT " CODING_COLUMNS " " CODING_JOINS
                                   "WHERE c.answer_id = ?1 AND c.theme_uuid = ?2 "
                                   "AND c.start_char = ?3 AND c.end_char = ?4", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, answer_id);
  sqlite3_bind_text (statement, 2, theme_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 3, start);
  sqlite3_bind_int64 (statement, 4, end);
  found = upp_store_read_rows (self, statement, (UppStoreRowReader) coding_from_row, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The coded passage was not stored."));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

UppCoding *
upp_store_code_passage (UppStore     *self,
                        UppRound     *round,
                        UppResponse  *response,
                        const char   *question_key,
                        gint64        start,
                        gint64        end,
                        UppTheme     *theme,
                        GError      **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) insert = NULL;
  g_autofree char *text = NULL;
  g_autofree char *passage = NULL;
  g_autofree char *uuid = upp_new_uuid ();
  g_autofree char *now = upp_now_iso8601 ();
  gint64 answer_id;
  glong length;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), NULL);
  g_return_val_if_fail (UPP_IS_THEME (theme), NULL);

  if (upp_template_find_question (upp_round_get_template (round), question_key) == NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The round’s template has no question “%s”."), question_key);
      return NULL;
    }
  if (upp_theme_get_retired (theme))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The theme “%s” is no longer in use."), upp_theme_get_name (theme));
      return NULL;
    }
  if (g_strcmp0 (upp_theme_get_region_code (theme),
                 upp_region_get_code (upp_round_get_region (round))) != 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The theme “%s” belongs to another region’s codebook."),
                   upp_theme_get_name (theme));
      return NULL;
    }

  find = upp_store_statement (self,
                              "SELECT id, text FROM answers "
                              "WHERE response_id = ? AND question_key = ?", error);
  if (find == NULL)
    return NULL;
  sqlite3_bind_int64 (find, 1, upp_response_get_id (response));
  sqlite3_bind_text (find, 2, question_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  if (rc == SQLITE_DONE || *upp_store_column_text (find, 1) == '\0')
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("“%s” has no answer text to question “%s” to code."),
                   upp_response_get_unit_name (response), question_key);
      return NULL;
    }
  answer_id = sqlite3_column_int64 (find, 0);
  text = g_strdup (upp_store_column_text (find, 1));
  g_clear_pointer (&find, upp_cached_statement_release);

  length = g_utf8_strlen (text, -1);
  if (start < 0 || start >= end || end > length)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("A passage goes from a character before its end up to at most the "
                     "answer’s length (%ld characters); %ld to %ld is not one."),
                   length, (long) start, (long) end);
      return NULL;
    }
  {
    const char *from = g_utf8_offset_to_pointer (text, start);
    const char *to = g_utf8_offset_to_pointer (text, end);

    passage = g_strndup (from, to - from);
  }

  insert = upp_store_statement (self,
                                "INSERT INTO codings (uuid, answer_id, theme_uuid, start_char, "
                                "end_char, anchor, modified, device) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                                "ON CONFLICT (answer_id, theme_uuid, start_char, end_char) "
                                "DO NOTHING", error);
  if (insert == NULL)
    return NULL;
  sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 2, answer_id);
  sqlite3_bind_text (insert, 3, upp_theme_get_uuid (theme), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 4, start);
  sqlite3_bind_int64 (insert, 5, end);
  sqlite3_bind_text (insert, 6, passage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 7, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 8, self->device_id, -1, SQLITE_TRANSIENT);
  if (!upp_store_begin (self, error))
    return NULL;
  if (!upp_store_step_done (self, insert, error))
    {
      upp_store_rollback (self);
      return NULL;
    }
  if (!upp_store_commit (self, error))
    return NULL;
  return load_coding (self, answer_id, upp_theme_get_uuid (theme), start, end, error);
}

gboolean
upp_store_remove_coding (UppStore   *self,
                         UppCoding  *coding,
                         GError    **error)
{
  g_autoptr(UppCachedStatement) remove = NULL;
  g_autoptr(UppCachedStatement) remember = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_CODING (coding), FALSE);

  remove = upp_store_statement (self, "DELETE FROM codings WHERE uuid = ?", error);
  if (remove == NULL)
    return FALSE;
  sqlite3_bind_text (remove, 1, upp_coding_get_uuid (coding), -1, SQLITE_TRANSIENT);
  remember = upp_store_statement (self,
                                  "INSERT OR REPLACE INTO removed_codings (uuid, modified, device) "
                                  "VALUES (?, ?, ?)", error);
  if (remember == NULL)
    return FALSE;
  sqlite3_bind_text (remember, 1, upp_coding_get_uuid (coding), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (remember, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (remember, 3, self->device_id, -1, SQLITE_TRANSIENT);

  if (!upp_store_begin (self, error))
    return FALSE;
  if (!upp_store_step_done (self, remove, error) || !upp_store_step_done (self, remember, error))
    {
      upp_store_rollback (self);
      return FALSE;
    }
  return upp_store_commit (self, error);
}

gboolean
upp_store_set_coding_quote (UppStore   *self,
                            UppCoding  *coding,
                            gboolean    quote,
                            GError    **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_CODING (coding), FALSE);

  statement = upp_store_statement (self,
                                   "UPDATE codings SET quote = ?2, modified = ?3, device = ?4 "
                                   "WHERE uuid = ?1", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_coding_get_uuid (coding), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 2, quote ? 1 : 0);
  sqlite3_bind_text (statement, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, self->device_id, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, statement, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The coded passage is no longer there."));
      return FALSE;
    }
  upp_coding_set_quote (coding, quote);
  return TRUE;
}

/* ---- re-anchoring -------------------------------------------------------------------- */

/* Where anchor is in text, in characters: at old_start when it still is, else the
 * occurrence that starts nearest to it (the earlier one of two as near). */
static gboolean
find_anchor (const char *text,
             const char *anchor,
             glong       old_start,
             glong      *start)
{
  glong length = g_utf8_strlen (text, -1);
  gsize anchor_bytes = strlen (anchor);
  glong best = -1;

  if (anchor_bytes == 0)
    return FALSE;
  if (old_start >= 0 && old_start < length)
    {
      const char *at = g_utf8_offset_to_pointer (text, old_start);

      if (strncmp (at, anchor, anchor_bytes) == 0)
        {
          *start = old_start;
          return TRUE;
        }
    }
  for (const char *found = strstr (text, anchor); found != NULL;
       found = strstr (g_utf8_next_char (found), anchor))
    {
      glong offset = g_utf8_pointer_to_offset (text, found);

      if (best < 0 || ABS (offset - old_start) < ABS (best - old_start))
        best = offset;
      if (offset > old_start)
        break;
    }
  if (best < 0)
    return FALSE;
  *start = best;
  return TRUE;
}

gboolean
upp_store_place_anchor (const char *text,
                        const char *anchor,
                        glong       old_start,
                        glong      *start,
                        glong      *end)
{
  if (!find_anchor (text, anchor, old_start, start))
    return FALSE;
  *end = *start + g_utf8_strlen (anchor, -1);
  return TRUE;
}

typedef struct
{
  gint64    id;
  glong     start;
  glong     end;
  gboolean  flagged;
} Placement;

gboolean
upp_store_reanchor_codings (UppStore    *self,
                            const char  *answer_uuid,
                            const char  *text,
                            GError     **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (Placement));
  int rc;

  find = upp_store_statement (self,
                              "SELECT c.id, c.start_char, c.end_char, c.anchor, c.flagged "
                              "FROM codings c JOIN answers a ON a.id = c.answer_id "
                              "WHERE a.uuid = ?", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, answer_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (find)) == SQLITE_ROW)
    {
      const char *anchor = upp_store_column_text (find, 3);
      Placement old = {
        sqlite3_column_int64 (find, 0), sqlite3_column_int (find, 1),
        sqlite3_column_int (find, 2), sqlite3_column_int (find, 4) != 0,
      };
      Placement now = old;

      if (find_anchor (text, anchor, old.start, &now.start))
        {
          now.end = now.start + g_utf8_strlen (anchor, -1);
          now.flagged = FALSE;
        }
      else
        {
          /* Kept where it was, for the analyst to see and code again. */
          now.flagged = TRUE;
        }
      if (now.start != old.start || now.end != old.end || now.flagged != old.flagged)
        g_array_append_val (moved, now);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  g_clear_pointer (&find, upp_cached_statement_release);

  for (guint i = 0; i < moved->len; i++)
    {
      const Placement *placement = &g_array_index (moved, Placement, i);
      g_autoptr(UppCachedStatement) update = NULL;
      g_autoptr(UppCachedStatement) remove = NULL;

      update = upp_store_statement (self,
                                    "UPDATE OR IGNORE codings SET start_char = ?1, end_char = ?2, "
                                    "flagged = ?3 WHERE id = ?4", error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_int64 (update, 1, placement->start);
      sqlite3_bind_int64 (update, 2, placement->end);
      sqlite3_bind_int (update, 3, placement->flagged);
      sqlite3_bind_int64 (update, 4, placement->id);
      if (!upp_store_step_done (self, update, error))
        return FALSE;
      if (sqlite3_changes (self->db) > 0)
        continue;

      /* Moved onto the place where the same theme already codes the same text: that
       * coding stands for both, so nothing coded is lost. */
      remove = upp_store_statement (self, "DELETE FROM codings WHERE id = ?", error);
      if (remove == NULL)
        return FALSE;
      sqlite3_bind_int64 (remove, 1, placement->id);
      if (!upp_store_step_done (self, remove, error))
        return FALSE;
    }
  return TRUE;
}
