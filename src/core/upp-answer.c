/* upp-answer.c: one unit's answer to one question: text, chosen codes, when and where
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-answer"

#include "config.h"

#include "upp-answer.h"
#include "upp-util.h"

struct _UppAnswer
{
  GObject  parent_instance;

  char    *uuid;
  char    *question_key;
  char    *text;
  GStrv    choices;
  char    *modified;
  char    *device;
};

G_DEFINE_FINAL_TYPE (UppAnswer, upp_answer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
upp_answer_finalize (GObject *object)
{
  UppAnswer *self = (UppAnswer *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->question_key, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->choices, g_strfreev);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->device, g_free);

  G_OBJECT_CLASS (upp_answer_parent_class)->finalize (object);
}

static void
upp_answer_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UppAnswer *self = UPP_ANSWER (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_answer_class_init (UppAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_answer_finalize;
  object_class->get_property = upp_answer_get_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_answer_init (UppAnswer *self)
{
  self->text = g_strdup ("");
  self->choices = g_new0 (char *, 1);
  self->modified = g_strdup ("");
  self->device = g_strdup ("");
}

UppAnswer *
upp_answer_new (const char *question_key)
{
  g_autofree char *uuid = upp_new_uuid ();

  return upp_answer_new_with_uuid (question_key, uuid);
}

UppAnswer *
upp_answer_new_with_uuid (const char *question_key,
                          const char *uuid)
{
  UppAnswer *self = g_object_new (UPP_TYPE_ANSWER, NULL);

  self->uuid = g_strdup (uuid);
  self->question_key = g_strdup (question_key);
  return self;
}

const char *
upp_answer_get_uuid (UppAnswer *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER (self), NULL);
  return self->uuid;
}

void
upp_answer_set_uuid (UppAnswer  *self,
                     const char *uuid)
{
  g_return_if_fail (UPP_IS_ANSWER (self));
  upp_set_str (&self->uuid, uuid);
}

const char *
upp_answer_get_question_key (UppAnswer *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER (self), NULL);
  return self->question_key;
}

const char *
upp_answer_get_text (UppAnswer *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER (self), NULL);
  return self->text;
}

void
upp_answer_set_text (UppAnswer  *self,
                     const char *text)
{
  g_return_if_fail (UPP_IS_ANSWER (self));
  if (upp_set_str (&self->text, text ? text : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char * const *
upp_answer_get_choices (UppAnswer *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER (self), NULL);
  return (const char * const *) self->choices;
}

void
upp_answer_set_choices (UppAnswer          *self,
                        const char * const *choices)
{
  g_return_if_fail (UPP_IS_ANSWER (self));
  g_strfreev (self->choices);
  self->choices = choices ? g_strdupv ((char **) choices) : g_new0 (char *, 1);
}

const char *
upp_answer_get_choice (UppAnswer *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER (self), NULL);
  return self->choices[0];
}

const char *
upp_answer_get_modified (UppAnswer *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER (self), NULL);
  return self->modified;
}

void
upp_answer_set_modified (UppAnswer  *self,
                         const char *modified)
{
  g_return_if_fail (UPP_IS_ANSWER (self));
  upp_set_str (&self->modified, modified ? modified : "");
}

const char *
upp_answer_get_device (UppAnswer *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER (self), NULL);
  return self->device;
}

void
upp_answer_set_device (UppAnswer  *self,
                       const char *device)
{
  g_return_if_fail (UPP_IS_ANSWER (self));
  upp_set_str (&self->device, device ? device : "");
}

gboolean
upp_answer_is_empty (UppAnswer *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER (self), TRUE);
  return upp_str_is_blank (self->text) && self->choices[0] == NULL;
}
