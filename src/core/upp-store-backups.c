/* upp-store-backups.c: copies of the database: on request and before changes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "upp-store-private.h"

gboolean
upp_store_backup_to (UppStore    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *temporary = g_strconcat (path, ".partial", NULL);
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  g_unlink (temporary);
  rc = sqlite3_open_v2 (temporary, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (target);
    }
  if (rc == SQLITE_OK)
    {
      /* A backup is one self-contained file, not a WAL database with side files. */
      rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                   _("Could not back up the database to “%s”: %s"), path,
                   target ? sqlite3_errmsg (target) : sqlite3_errstr (rc));
      sqlite3_close (target);
      g_unlink (temporary);
      return FALSE;
    }
  sqlite3_close (target);
  g_chmod (temporary, 0600);
  if (g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not back up the database to “%s”: %s"), path,
                   g_strerror (saved_errno));
      g_unlink (temporary);
      return FALSE;
    }
  return TRUE;
}

/* ---- backups before changes --------------------------------------------------------- */

#define BACKUPS_KEPT_PER_REASON 5

char *
upp_store_dup_backup_folder (UppStore *self)
{
  g_autofree char *folder = g_path_get_dirname (self->path);

  return g_build_filename (folder, "backups", NULL);
}

static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return -g_strcmp0 (*(const char **) a, *(const char **) b);
}

gboolean
upp_store_backup_before_change (UppStore    *self,
                                const char  *reason,
                                GError     **error)
{
  g_autofree char *folder = upp_store_dup_backup_folder (self);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *stem = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S-%f");
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *entry;
  char *dot;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s"), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  stem = g_strdup (base);
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    *dot = '\0';
  prefix = g_strdup_printf ("%s-%s-", stem, reason);
  name = g_strdup_printf ("%s%s.db", prefix, stamp);
  path = g_build_filename (folder, name, NULL);
  if (!upp_store_backup_to (self, path, error))
    return FALSE;

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (entry, prefix) && g_str_has_suffix (entry, ".db"))
        g_ptr_array_add (old, g_strdup (entry));
    }
  g_ptr_array_sort (old, compare_names_descending);
  for (guint i = BACKUPS_KEPT_PER_REASON; i < old->len; i++)
    {
      g_autofree char *old_path = g_build_filename (folder, g_ptr_array_index (old, i), NULL);
      g_unlink (old_path);
    }
  return TRUE;
}
