/* upp-backup.c: one backup of the database, as the backups folder holds it
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-backup"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-backup.h"

struct _UppBackup
{
  GObject    parent_instance;

  char      *path;
  char      *reason;
  GDateTime *created;
};

G_DEFINE_FINAL_TYPE (UppBackup, upp_backup, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_REASON,
  PROP_CREATED,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
upp_backup_finalize (GObject *object)
{
  UppBackup *self = (UppBackup *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (upp_backup_parent_class)->finalize (object);
}

static void
upp_backup_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UppBackup *self = UPP_BACKUP (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_LABEL:
      g_value_set_string (value, upp_backup_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_backup_class_init (UppBackupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_backup_finalize;
  object_class->get_property = upp_backup_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_backup_init (UppBackup *self)
{
}

UppBackup *
upp_backup_new (const char *path,
                const char *reason,
                GDateTime  *created)
{
  UppBackup *self;

  g_return_val_if_fail (path != NULL && reason != NULL && created != NULL, NULL);

  self = g_object_new (UPP_TYPE_BACKUP, NULL);
  self->path = g_strdup (path);
  self->reason = g_strdup (reason);
  self->created = g_date_time_ref (created);
  return self;
}

const char *
upp_backup_get_path (UppBackup *self)
{
  g_return_val_if_fail (UPP_IS_BACKUP (self), NULL);

  return self->path;
}

const char *
upp_backup_get_reason (UppBackup *self)
{
  g_return_val_if_fail (UPP_IS_BACKUP (self), NULL);

  return self->reason;
}

GDateTime *
upp_backup_get_created (UppBackup *self)
{
  g_return_val_if_fail (UPP_IS_BACKUP (self), NULL);

  return self->created;
}

const char *
upp_backup_get_label (UppBackup *self)
{
  g_return_val_if_fail (UPP_IS_BACKUP (self), NULL);

  if (g_strcmp0 (self->reason, UPP_BACKUP_DAILY) == 0)
    return _("Daily backup");
  if (g_strcmp0 (self->reason, UPP_BACKUP_BEFORE_IMPORT) == 0)
    return _("Before an exchange import");
  if (g_strcmp0 (self->reason, "import") == 0)
    return _("Before an import");
  if (g_strcmp0 (self->reason, UPP_BACKUP_BEFORE_RESTORE) == 0)
    return _("Before restoring a backup");
  if (g_strcmp0 (self->reason, UPP_BACKUP_BEFORE_CODING) == 0)
    return _("Before accepting suggested codes");
  if (g_strcmp0 (self->reason, UPP_BACKUP_BEFORE_UPGRADE) == 0)
    return _("Before upgrading a round’s template");
  if (g_str_has_prefix (self->reason, "schema-"))
    return _("Before upgrading the database");
  return self->reason;
}
