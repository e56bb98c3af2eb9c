/* upp-backup.h: one backup of the database, as the backups folder holds it
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Reasons, as they appear in the backup file names the store writes
 * ("backups/uppfoljning-<reason>-<time>.db"); migrations use "schema-v<N>". */
#define UPP_BACKUP_DAILY          "daily"
#define UPP_BACKUP_BEFORE_IMPORT  "exchange"
#define UPP_BACKUP_BEFORE_RESTORE "restore"
#define UPP_BACKUP_BEFORE_CODING  "coding"
#define UPP_BACKUP_BEFORE_UPGRADE "template-upgrade"

/* How many backups of each reason are kept. */
#define UPP_BACKUP_KEEP 5

#define UPP_TYPE_BACKUP (upp_backup_get_type ())

G_DECLARE_FINAL_TYPE (UppBackup, upp_backup, UPP, BACKUP, GObject)

/* created is local time, from the file name. */
UppBackup  *upp_backup_new          (const char *path,
                                     const char *reason,
                                     GDateTime  *created);
const char *upp_backup_get_path     (UppBackup  *self);
/* One of the reasons above, "import", "schema-v1", … */
const char *upp_backup_get_reason   (UppBackup  *self);
GDateTime  *upp_backup_get_created  (UppBackup  *self);
/* "Daily backup", "Before an exchange import", …, translated. */
const char *upp_backup_get_label    (UppBackup  *self);

G_END_DECLS
