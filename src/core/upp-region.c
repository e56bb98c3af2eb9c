/* upp-region.c: a Swedish county and its regional authority, from the register
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-region"

#include "config.h"

#include "upp-region.h"

struct _UppRegion
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  char    *county;
};

G_DEFINE_FINAL_TYPE (UppRegion, upp_region, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_COUNTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
upp_region_finalize (GObject *object)
{
  UppRegion *self = (UppRegion *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->county, g_free);

  G_OBJECT_CLASS (upp_region_parent_class)->finalize (object);
}

static void
upp_region_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UppRegion *self = UPP_REGION (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COUNTY:
      g_value_set_string (value, self->county);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_region_class_init (UppRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_region_finalize;
  object_class->get_property = upp_region_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTY] =
    g_param_spec_string ("county", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_region_init (UppRegion *self)
{
}

UppRegion *
upp_region_new (const char *code,
                const char *name,
                const char *county)
{
  UppRegion *self = g_object_new (UPP_TYPE_REGION, NULL);

  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->county = g_strdup (county);
  return self;
}

const char *
upp_region_get_code (UppRegion *self)
{
  g_return_val_if_fail (UPP_IS_REGION (self), NULL);
  return self->code;
}

const char *
upp_region_get_name (UppRegion *self)
{
  g_return_val_if_fail (UPP_IS_REGION (self), NULL);
  return self->name;
}

const char *
upp_region_get_county (UppRegion *self)
{
  g_return_val_if_fail (UPP_IS_REGION (self), NULL);
  return self->county;
}
