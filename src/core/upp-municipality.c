/* upp-municipality.c: a Swedish municipality from the register
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-municipality"

#include "config.h"

#include "upp-municipality.h"

struct _UppMunicipality
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  char    *region_code;
};

G_DEFINE_FINAL_TYPE (UppMunicipality, upp_municipality, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_REGION_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
upp_municipality_finalize (GObject *object)
{
  UppMunicipality *self = (UppMunicipality *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->region_code, g_free);

  G_OBJECT_CLASS (upp_municipality_parent_class)->finalize (object);
}

static void
upp_municipality_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UppMunicipality *self = UPP_MUNICIPALITY (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_REGION_CODE:
      g_value_set_string (value, self->region_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_municipality_class_init (UppMunicipalityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_municipality_finalize;
  object_class->get_property = upp_municipality_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION_CODE] =
    g_param_spec_string ("region-code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_municipality_init (UppMunicipality *self)
{
}

UppMunicipality *
upp_municipality_new (const char *code,
                const char *name,
                const char *region_code)
{
  UppMunicipality *self = g_object_new (UPP_TYPE_MUNICIPALITY, NULL);

  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->region_code = g_strdup (region_code);
  return self;
}

const char *
upp_municipality_get_code (UppMunicipality *self)
{
  g_return_val_if_fail (UPP_IS_MUNICIPALITY (self), NULL);
  return self->code;
}

const char *
upp_municipality_get_name (UppMunicipality *self)
{
  g_return_val_if_fail (UPP_IS_MUNICIPALITY (self), NULL);
  return self->name;
}

const char *
upp_municipality_get_region_code (UppMunicipality *self)
{
  g_return_val_if_fail (UPP_IS_MUNICIPALITY (self), NULL);
  return self->region_code;
}
