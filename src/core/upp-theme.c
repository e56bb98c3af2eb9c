/* upp-theme.c: a theme of a region's codebook
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-theme"

#include "config.h"

#include "upp-theme.h"
#include "upp-util.h"

struct _UppTheme
{
  GObject       parent_instance;

  gint64        id;
  char         *uuid;
  char         *region_code;
  char         *name;
  char         *description;
  UppThemeKind  kind;
  char         *parent_uuid;
  char         *colour;
  gboolean      retired;
  char         *modified;
  char         *device;
  guint         n_codings;
};

G_DEFINE_FINAL_TYPE (UppTheme, upp_theme, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_KIND,
  PROP_N_CODINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_keys[] = { "neutral", "promoting", "hindering" };

const char *
upp_theme_kind_to_key (UppThemeKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_keys), "neutral");
  return kind_keys[kind];
}

gboolean
upp_theme_kind_from_key (const char   *key,
                         UppThemeKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_keys); i++)
    {
      if (g_strcmp0 (key, kind_keys[i]) == 0)
        {
          *kind = (UppThemeKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
upp_theme_finalize (GObject *object)
{
  UppTheme *self = (UppTheme *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->region_code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->parent_uuid, g_free);
  g_clear_pointer (&self->colour, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->device, g_free);

  G_OBJECT_CLASS (upp_theme_parent_class)->finalize (object);
}

static void
upp_theme_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  UppTheme *self = UPP_THEME (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_N_CODINGS:
      g_value_set_uint (value, self->n_codings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_theme_class_init (UppThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_theme_finalize;
  object_class->get_property = upp_theme_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, UPP_THEME_KIND_HINDERING, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CODINGS] =
    g_param_spec_uint ("n-codings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_theme_init (UppTheme *self)
{
  self->uuid = g_strdup ("");
  self->region_code = g_strdup ("");
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->parent_uuid = g_strdup ("");
  self->colour = g_strdup ("");
  self->modified = g_strdup ("");
  self->device = g_strdup ("");
}

UppTheme *
upp_theme_new (const char   *region_code,
               const char   *name,
               UppThemeKind  kind)
{
  UppTheme *self = g_object_new (UPP_TYPE_THEME, NULL);

  upp_set_str (&self->region_code, region_code ? region_code : "");
  upp_set_str (&self->name, name ? name : "");
  self->kind = kind;
  return self;
}

gint64
upp_theme_get_id (UppTheme *self)
{
  g_return_val_if_fail (UPP_IS_THEME (self), 0);
  return self->id;
}

void
upp_theme_set_id (UppTheme *self,
                  gint64    id)
{
  g_return_if_fail (UPP_IS_THEME (self));
  self->id = id;
}

#define STRING_FIELD(field)                                             \
  const char *                                                          \
  upp_theme_get_##field (UppTheme *self)                                \
  {                                                                     \
    g_return_val_if_fail (UPP_IS_THEME (self), NULL);                   \
    return self->field;                                                 \
  }

STRING_FIELD (uuid)
STRING_FIELD (region_code)
STRING_FIELD (name)
STRING_FIELD (description)
STRING_FIELD (parent_uuid)
STRING_FIELD (colour)
STRING_FIELD (modified)
STRING_FIELD (device)

#undef STRING_FIELD

void
upp_theme_set_uuid (UppTheme   *self,
                    const char *uuid)
{
  g_return_if_fail (UPP_IS_THEME (self));
  upp_set_str (&self->uuid, uuid ? uuid : "");
}

void
upp_theme_set_name (UppTheme   *self,
                    const char *name)
{
  g_return_if_fail (UPP_IS_THEME (self));
  if (upp_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
upp_theme_set_description (UppTheme   *self,
                           const char *description)
{
  g_return_if_fail (UPP_IS_THEME (self));
  upp_set_str (&self->description, description ? description : "");
}

UppThemeKind
upp_theme_get_kind (UppTheme *self)
{
  g_return_val_if_fail (UPP_IS_THEME (self), UPP_THEME_KIND_NEUTRAL);
  return self->kind;
}

void
upp_theme_set_kind (UppTheme     *self,
                    UppThemeKind  kind)
{
  g_return_if_fail (UPP_IS_THEME (self));
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
upp_theme_set_parent_uuid (UppTheme   *self,
                           const char *parent_uuid)
{
  g_return_if_fail (UPP_IS_THEME (self));
  upp_set_str (&self->parent_uuid, parent_uuid ? parent_uuid : "");
}

void
upp_theme_set_colour (UppTheme   *self,
                      const char *colour)
{
  g_return_if_fail (UPP_IS_THEME (self));
  upp_set_str (&self->colour, colour ? colour : "");
}

gboolean
upp_theme_get_retired (UppTheme *self)
{
  g_return_val_if_fail (UPP_IS_THEME (self), FALSE);
  return self->retired;
}

void
upp_theme_set_retired (UppTheme *self,
                       gboolean  retired)
{
  g_return_if_fail (UPP_IS_THEME (self));
  self->retired = !!retired;
}

void
upp_theme_set_modified (UppTheme   *self,
                        const char *modified)
{
  g_return_if_fail (UPP_IS_THEME (self));
  upp_set_str (&self->modified, modified ? modified : "");
}

void
upp_theme_set_device (UppTheme   *self,
                      const char *device)
{
  g_return_if_fail (UPP_IS_THEME (self));
  upp_set_str (&self->device, device ? device : "");
}

guint
upp_theme_get_n_codings (UppTheme *self)
{
  g_return_val_if_fail (UPP_IS_THEME (self), 0);
  return self->n_codings;
}

void
upp_theme_set_n_codings (UppTheme *self,
                         guint     n_codings)
{
  g_return_if_fail (UPP_IS_THEME (self));
  if (self->n_codings == n_codings)
    return;
  self->n_codings = n_codings;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS]);
}
