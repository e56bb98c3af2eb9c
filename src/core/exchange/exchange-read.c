/* exchange-read.c: importing an exchange file: read and check it whole, back the database
 * up, then merge it without losing an answer
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange-read"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "exchange-crypt.h"
#include "exchange-parse.h"
#include "exchange-read.h"
#include "upp-backup.h"

static gboolean
prefix_error (GError     **error,
              const char  *name)
{
  if (error != NULL && *error != NULL && (*error)->domain != UPP_EXCHANGE_ERROR)
    g_prefix_error (error, _("“%s” was not imported: "), name);
  return FALSE;
}

/* Values quoted from the file may hold line breaks or be long: the message stays one line. */
static void
tidy_error (GError **error)
{
  if (error == NULL || *error == NULL)
    return;
  for (char *p = (*error)->message; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20)
        *p = ' ';
    }
  if (g_utf8_strlen ((*error)->message, -1) > 400)
    {
      g_autofree char *start = g_utf8_substring ((*error)->message, 0, 400);
      g_free ((*error)->message);
      (*error)->message = g_strconcat (start, "…", NULL);
    }
}

/* The merge's own words for data that contradicts the database, said as the reader says
 * what is wrong with a file. */
static void
name_merge_error (GError     **error,
                  const char  *name)
{
  GError *merge_error;

  if (error == NULL || *error == NULL || (*error)->domain != UPP_STORE_ERROR)
    return;
  merge_error = *error;
  if (merge_error->code == UPP_STORE_ERROR_MISMATCH)
    {
      *error = g_error_new (UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
                            _("“%s” is damaged and was not imported: %s"), name,
                            merge_error->message);
      g_error_free (merge_error);
    }
  else if (merge_error->code == UPP_STORE_ERROR_NOT_FOUND)
    {
      /* The message names the file and the round's template already. */
      merge_error->domain = UPP_EXCHANGE_ERROR;
      merge_error->code = UPP_EXCHANGE_ERROR_UNKNOWN_TEMPLATE;
    }
}

static UppExchangeSummary *
import_data (UppStore                *store,
             const char              *name,
             const char              *data,
             gsize                    length,
             UppExchangeImportFlags   flags,
             GError                 **error)
{
  g_autoptr(UppExchangeData) contents = NULL;
  g_autoptr(UppExchangeSummary) summary = upp_exchange_summary_new ();

  contents = upp_exchange_parse (store, name, data, length, error);
  if (contents == NULL)
    {
      prefix_error (error, name);
      return NULL;
    }

  if (!(flags & (UPP_EXCHANGE_IMPORT_DRY_RUN | UPP_EXCHANGE_IMPORT_NO_BACKUP)) &&
      !upp_store_make_backup (store, UPP_BACKUP_BEFORE_IMPORT, NULL, error))
    {
      prefix_error (error, name);
      return NULL;
    }

  if (!upp_store_merge_exchange (store, contents, (flags & UPP_EXCHANGE_IMPORT_DRY_RUN) != 0,
                                 summary, error))
    {
      name_merge_error (error, name);
      prefix_error (error, name);
      return NULL;
    }
  return g_steal_pointer (&summary);
}

UppExchangeSummary *
upp_exchange_import_data (UppStore                *store,
                          const char              *name,
                          const char              *data,
                          gsize                    length,
                          UppExchangeImportFlags   flags,
                          GError                 **error)
{
  UppExchangeSummary *summary;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  summary = import_data (store, name, data, length, flags, error);
  tidy_error (error);
  return summary;
}

UppExchangeSummary *
upp_exchange_import_file (UppStore                *store,
                          const char              *path,
                          UppExchangeImportFlags   flags,
                          GError                 **error)
{
  return upp_exchange_import_file_with_passphrase (store, path, NULL, flags, error);
}

UppExchangeSummary *
upp_exchange_import_file_with_passphrase (UppStore                *store,
                                          const char              *path,
                                          const char              *passphrase,
                                          UppExchangeImportFlags   flags,
                                          GError                 **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);

  /* A huge file is refused before it is read into memory. */
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNREADABLE,
                   _("“%s” is a folder, not an exchange file."), path);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > UPP_EXCHANGE_MAX_FILE_SIZE)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNREADABLE,
                   _("“%s” is too large to be an exchange file (more than %d MB); it was not "
                     "imported."), path, UPP_EXCHANGE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (info == NULL || !g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNREADABLE,
                   _("“%s” could not be read: %s"), path, local_error->message);
      return NULL;
    }
  if (upp_exchange_is_encrypted (data, length))
    {
      g_autofree char *plain = NULL;
      gsize plain_length = 0;

      if (passphrase == NULL)
        {
          g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_ENCRYPTED,
                       _("“%s” is encrypted; its passphrase is needed to import it."), path);
          return NULL;
        }
      plain = upp_exchange_decrypt (path, data, length, passphrase, &plain_length, error);
      if (plain == NULL)
        return NULL;
      return upp_exchange_import_data (store, path, plain, plain_length, flags, error);
    }
  return upp_exchange_import_data (store, path, data, length, flags, error);
}
