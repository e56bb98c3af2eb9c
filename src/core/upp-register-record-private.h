/* upp-register-record-private.h: the class code shared by the register's records
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* UppRegion and UppMunicipality are the same kind of object: three read-only strings from
 * the register (a code, a name and one more), set once by _new(). This writes such a class,
 * so the two cannot drift apart; their headers declare the API.
 *
 * UPP_DEFINE_REGISTER_RECORD (UppRegion, upp_region, REGION, county, "county") defines the
 * type with the properties "code", "name" and "county", and upp_region_new (code, name,
 * county), upp_region_get_code(), upp_region_get_name() and upp_region_get_county(). */
#define UPP_DEFINE_REGISTER_RECORD(TypeName, type_name, UPPER, extra, extra_property)        \
                                                                                             \
struct _##TypeName                                                                           \
{                                                                                            \
  GObject  parent_instance;                                                                  \
                                                                                             \
  char    *code;                                                                             \
  char    *name;                                                                             \
  char    *extra;                                                                            \
};                                                                                           \
                                                                                             \
G_DEFINE_FINAL_TYPE (TypeName, type_name, G_TYPE_OBJECT)                                     \
                                                                                             \
enum {                                                                                       \
  PROP_0,                                                                                    \
  PROP_CODE,                                                                                 \
  PROP_NAME,                                                                                 \
  PROP_EXTRA,                                                                                \
  N_PROPS                                                                                    \
};                                                                                           \
                                                                                             \
static GParamSpec *properties[N_PROPS];                                                      \
                                                                                             \
static void                                                                                  \
type_name##_finalize (GObject *object)                                                       \
{                                                                                            \
  TypeName *self = (TypeName *)object;                                                       \
                                                                                             \
  g_clear_pointer (&self->code, g_free);                                                     \
  g_clear_pointer (&self->name, g_free);                                                     \
  g_clear_pointer (&self->extra, g_free);                                                    \
                                                                                             \
  G_OBJECT_CLASS (type_name##_parent_class)->finalize (object);                              \
}                                                                                            \
                                                                                             \
static void                                                                                  \
type_name##_get_property (GObject    *object,                                                \
                          guint       prop_id,                                               \
                          GValue     *value,                                                 \
                          GParamSpec *pspec)                                                 \
{                                                                                            \
  TypeName *self = UPP_##UPPER (object);                                                     \
                                                                                             \
  switch (prop_id)                                                                           \
    {                                                                                        \
    case PROP_CODE:                                                                          \
      g_value_set_string (value, self->code);                                                \
      break;                                                                                 \
    case PROP_NAME:                                                                          \
      g_value_set_string (value, self->name);                                                \
      break;                                                                                 \
    case PROP_EXTRA:                                                                         \
      g_value_set_string (value, self->extra);                                               \
      break;                                                                                 \
    default:                                                                                 \
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);                            \
    }                                                                                        \
}                                                                                            \
                                                                                             \
static void                                                                                  \
type_name##_class_init (TypeName##Class *klass)                                              \
{                                                                                            \
  GObjectClass *object_class = G_OBJECT_CLASS (klass);                                       \
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;                             \
                                                                                             \
  object_class->finalize = type_name##_finalize;                                             \
  object_class->get_property = type_name##_get_property;                                     \
                                                                                             \
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);             \
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);             \
  properties[PROP_EXTRA] = g_param_spec_string (extra_property, NULL, NULL, NULL, flags);    \
                                                                                             \
  g_object_class_install_properties (object_class, N_PROPS, properties);                     \
}                                                                                            \
                                                                                             \
static void                                                                                  \
type_name##_init (TypeName *self)                                                            \
{                                                                                            \
}                                                                                            \
                                                                                             \
TypeName *                                                                                   \
type_name##_new (const char *code,                                                           \
                 const char *name,                                                           \
                 const char *extra)                                                          \
{                                                                                            \
  TypeName *self = g_object_new (UPP_TYPE_##UPPER, NULL);                                    \
                                                                                             \
  self->code = g_strdup (code);                                                              \
  self->name = g_strdup (name);                                                              \
  self->extra = g_strdup (extra);                                                            \
  return self;                                                                               \
}                                                                                            \
                                                                                             \
const char *                                                                                 \
type_name##_get_code (TypeName *self)                                                        \
{                                                                                            \
  g_return_val_if_fail (UPP_IS_##UPPER (self), NULL);                                        \
  return self->code;                                                                         \
}                                                                                            \
                                                                                             \
const char *                                                                                 \
type_name##_get_name (TypeName *self)                                                        \
{                                                                                            \
  g_return_val_if_fail (UPP_IS_##UPPER (self), NULL);                                        \
  return self->name;                                                                         \
}                                                                                            \
                                                                                             \
const char *                                                                                 \
type_name##_get_##extra (TypeName *self)                                                     \
{                                                                                            \
  g_return_val_if_fail (UPP_IS_##UPPER (self), NULL);                                        \
  return self->extra;                                                                        \
}

G_END_DECLS
