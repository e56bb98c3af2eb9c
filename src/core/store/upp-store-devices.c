/* upp-store-devices.c: the names computers go by in exchange files and conflicts
 *
 * A device id says which database changed a value; a person reads "Annas dator" better than
 * "828a65e2". The name of this computer and those of the computers whose files were imported
 * are kept in the meta table: this one's under "device_name", the others' under
 * "device_name:<device id>".
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-store-private.h"

#define OWN_NAME_KEY "device_name"
#define OTHER_NAME_PREFIX "device_name:"

static char *
dup_meta_value (UppStore    *self,
                const char  *key,
                GError     **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  int rc;

  select = upp_store_statement (self, "SELECT value FROM meta WHERE key = ?", error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_text (select, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (select);
  if (rc == SQLITE_ROW)
    return g_strdup (upp_store_column_text (select, 0));
  if (rc != SQLITE_DONE)
    upp_store_set_sqlite_error (self, error);
  return NULL;
}

static gboolean
write_meta_value (UppStore    *self,
                  const char  *key,
                  const char  *value,
                  GError     **error)
{
  g_autoptr(UppCachedStatement) write = NULL;

  write = upp_store_statement (self, "INSERT INTO meta (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 2, value, -1, SQLITE_TRANSIENT);
  return upp_store_step_done (self, write, error);
}

/* One line, without the spaces around it, and not endless: it is shown in a sentence. */
static char *
dup_clean_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  g_autofree char *clean = NULL;

  g_strdelimit (valid, "\n\r\t", ' ');
  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) <= UPP_STORE_DEVICE_NAME_MAX)
    return g_steal_pointer (&valid);
  clean = g_utf8_substring (valid, 0, UPP_STORE_DEVICE_NAME_MAX);
  return g_strstrip (g_steal_pointer (&clean));
}

char *
upp_store_dup_default_device_name (void)
{
  const char *person = g_get_real_name ();

  /* g_get_real_name () says "Unknown" when the account has no full name. */
  if (person == NULL || *person == '\0' || g_str_equal (person, "Unknown"))
    person = g_get_user_name ();
  /* Translators: a computer's name until its user gives another, e.g. "Anna Berg on
   * laptop-3": the user's name and the computer's host name. */
  return g_strdup_printf (_("%s on %s"), person, g_get_host_name ());
}

char *
upp_store_dup_device_name (UppStore    *self,
                           const char  *device_id,
                           GError     **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  if (device_id == NULL || g_strcmp0 (device_id, self->device_id) == 0)
    return dup_meta_value (self, OWN_NAME_KEY, error);
  key = g_strconcat (OTHER_NAME_PREFIX, device_id, NULL);
  return dup_meta_value (self, key, error);
}

gboolean
upp_store_set_device_name (UppStore    *self,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean = dup_clean_name (name);
  if (*clean == '\0')
    {
      g_set_error_literal (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                           _("A computer’s name cannot be empty."));
      return FALSE;
    }
  return write_meta_value (self, OWN_NAME_KEY, clean, error);
}

gboolean
upp_store_remember_device_name (UppStore    *self,
                                const char  *device_id,
                                const char  *name,
                                GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  /* A file of this very database (a backup, say) does not rename it. */
  if (device_id == NULL || *device_id == '\0' || name == NULL ||
      g_strcmp0 (device_id, self->device_id) == 0)
    return TRUE;
  clean = dup_clean_name (name);
  if (*clean == '\0')
    return TRUE;
  key = g_strconcat (OTHER_NAME_PREFIX, device_id, NULL);
  return write_meta_value (self, key, clean, error);
}
