/* upp-settings.c: the app's GSettings, when its schema is installed
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-settings"

#include "config.h"

#include "upp-settings.h"

GSettings *
upp_settings_new_if_installed (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || (key != NULL && !g_settings_schema_has_key (schema, key)))
    {
      g_debug ("GSettings schema %s (key %s) not installed; not remembered", APP_ID,
               key != NULL ? key : "any");
      return NULL;
    }
  return g_settings_new (APP_ID);
}
