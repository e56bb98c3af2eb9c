/* upp-coding.c: a coded passage of an answer
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-coding"

#include "config.h"

#include "upp-coding.h"
#include "upp-util.h"

struct _UppCoding
{
  GObject   parent_instance;

  gint64    id;
  char     *uuid;
  char     *answer_uuid;
  char     *theme_uuid;
  char     *theme_name;
  guint     start;
  guint     end;
  char     *text;
  gboolean  flagged;
  gboolean  quote;
  char     *round_uuid;
  int       year;
  char     *unit_name;
  char     *question_key;
  char     *modified;
  char     *device;
};

G_DEFINE_FINAL_TYPE (UppCoding, upp_coding, G_TYPE_OBJECT)

static void
upp_coding_finalize (GObject *object)
{
  UppCoding *self = (UppCoding *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->answer_uuid, g_free);
  g_clear_pointer (&self->theme_uuid, g_free);
  g_clear_pointer (&self->theme_name, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->round_uuid, g_free);
  g_clear_pointer (&self->unit_name, g_free);
  g_clear_pointer (&self->question_key, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->device, g_free);

  G_OBJECT_CLASS (upp_coding_parent_class)->finalize (object);
}

static void
upp_coding_class_init (UppCodingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upp_coding_finalize;
}

static void
upp_coding_init (UppCoding *self)
{
}

UppCoding *
upp_coding_new (void)
{
  return g_object_new (UPP_TYPE_CODING, NULL);
}

/* Strings are never NULL to callers: "" until set. */
#define STRING_FIELD(field)                                             \
  const char *                                                          \
  upp_coding_get_##field (UppCoding *self)                              \
  {                                                                     \
    g_return_val_if_fail (UPP_IS_CODING (self), NULL);                  \
    return self->field ? self->field : "";                              \
  }                                                                     \
                                                                        \
  void                                                                  \
  upp_coding_set_##field (UppCoding  *self,                             \
                          const char *value)                            \
  {                                                                     \
    g_return_if_fail (UPP_IS_CODING (self));                            \
    upp_set_str (&self->field, value);                                  \
  }

STRING_FIELD (uuid)
STRING_FIELD (answer_uuid)
STRING_FIELD (theme_uuid)
STRING_FIELD (theme_name)
STRING_FIELD (text)
STRING_FIELD (round_uuid)
STRING_FIELD (unit_name)
STRING_FIELD (question_key)
STRING_FIELD (modified)
STRING_FIELD (device)

#undef STRING_FIELD

gint64
upp_coding_get_id (UppCoding *self)
{
  g_return_val_if_fail (UPP_IS_CODING (self), 0);
  return self->id;
}

void
upp_coding_set_id (UppCoding *self,
                   gint64     id)
{
  g_return_if_fail (UPP_IS_CODING (self));
  self->id = id;
}

guint
upp_coding_get_start (UppCoding *self)
{
  g_return_val_if_fail (UPP_IS_CODING (self), 0);
  return self->start;
}

guint
upp_coding_get_end (UppCoding *self)
{
  g_return_val_if_fail (UPP_IS_CODING (self), 0);
  return self->end;
}

void
upp_coding_set_range (UppCoding *self,
                      guint      start,
                      guint      end)
{
  g_return_if_fail (UPP_IS_CODING (self));
  self->start = start;
  self->end = end;
}

gboolean
upp_coding_get_flagged (UppCoding *self)
{
  g_return_val_if_fail (UPP_IS_CODING (self), FALSE);
  return self->flagged;
}

void
upp_coding_set_flagged (UppCoding *self,
                        gboolean   flagged)
{
  g_return_if_fail (UPP_IS_CODING (self));
  self->flagged = !!flagged;
}

gboolean
upp_coding_get_quote (UppCoding *self)
{
  g_return_val_if_fail (UPP_IS_CODING (self), FALSE);
  return self->quote;
}

void
upp_coding_set_quote (UppCoding *self,
                      gboolean   quote)
{
  g_return_if_fail (UPP_IS_CODING (self));
  self->quote = !!quote;
}

int
upp_coding_get_year (UppCoding *self)
{
  g_return_val_if_fail (UPP_IS_CODING (self), 0);
  return self->year;
}

void
upp_coding_set_year (UppCoding *self,
                     int        year)
{
  g_return_if_fail (UPP_IS_CODING (self));
  self->year = year;
}
