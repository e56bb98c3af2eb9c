/* backup.h: automatic backups of the database, their rotation, and restoring one
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* Reasons, as they appear in the backup file names the store writes
 * ("backups/uppfoljning-<reason>-<time>.db"); migrations use "schema-v<N>". */
#define UPP_BACKUP_DAILY          "daily"
#define UPP_BACKUP_BEFORE_IMPORT  "exchange"
#define UPP_BACKUP_BEFORE_RESTORE "restore"

/* How many backups of each reason are kept (as upp_store_backup_before_change does). */
#define UPP_BACKUP_KEEP 5

typedef struct
{
  char      *path;
  char      *reason;    /* one of the reasons above, "import", "schema-v1", … */
  GDateTime *created;   /* local time, from the file name */
} UppBackupInfo;

void        upp_backup_info_free        (UppBackupInfo    *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppBackupInfo, upp_backup_info_free)

/* "Daily backup", "Before an exchange import", … */
const char *upp_backup_info_get_label   (UppBackupInfo    *info);

/* The folder "backups" beside the database file. */
char       *upp_backup_dup_folder       (const char       *db_path);
/* A consistent copy (SQLite backup API, mode 0600) through the store, which keeps the last
 * few per reason. path_out, when not NULL, gets the new file's path. */
gboolean    upp_backup_make             (UppStore         *store,
                                         const char       *reason,
                                         char            **path_out,
                                         GError          **error);
/* Makes the daily backup unless there already is one from today; call once the store is
 * open in the app and the CLI. */
gboolean    upp_backup_daily            (UppStore         *store,
                                         GError          **error);
/* The backups of the database at db_path, newest first; array of UppBackupInfo. */
GPtrArray  *upp_backup_list             (const char       *db_path,
                                         GError          **error);
/* Replaces the database at db_path by the backup, after backing the current file up. The
 * store must be closed; open it again afterwards (it migrates an older backup). A damaged
 * backup or one from a newer version is refused and nothing changes. */
gboolean    upp_backup_restore          (const char       *backup_path,
                                         const char       *db_path,
                                         GError          **error);

G_END_DECLS
