/* upp-answer-version.c: one saved value of an answer, as its history keeps it
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-answer-version"

#include "config.h"

#include "upp-answer-version.h"
#include "upp-util.h"

struct _UppAnswerVersion
{
  GObject          parent_instance;

  gint64           id;
  char            *text;
  char           **choices;
  char            *modified;
  char            *device;
  char            *author;
  UppAnswerOrigin  origin;
};

G_DEFINE_FINAL_TYPE (UppAnswerVersion, upp_answer_version, G_TYPE_OBJECT)

static void
upp_answer_version_finalize (GObject *object)
{
  UppAnswerVersion *self = (UppAnswerVersion *) object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->choices, g_strfreev);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->device, g_free);
  g_clear_pointer (&self->author, g_free);

  G_OBJECT_CLASS (upp_answer_version_parent_class)->finalize (object);
}

static void
upp_answer_version_class_init (UppAnswerVersionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upp_answer_version_finalize;
}

static void
upp_answer_version_init (UppAnswerVersion *self)
{
  self->text = g_strdup ("");
  self->choices = g_new0 (char *, 1);
  self->modified = g_strdup ("");
  self->device = g_strdup ("");
  self->author = g_strdup ("");
}

UppAnswerVersion *
upp_answer_version_new (void)
{
  return g_object_new (UPP_TYPE_ANSWER_VERSION, NULL);
}

gint64
upp_answer_version_get_id (UppAnswerVersion *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_VERSION (self), 0);
  return self->id;
}

void
upp_answer_version_set_id (UppAnswerVersion *self,
                           gint64            id)
{
  g_return_if_fail (UPP_IS_ANSWER_VERSION (self));
  self->id = id;
}

const char *
upp_answer_version_get_text (UppAnswerVersion *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_VERSION (self), NULL);
  return self->text;
}

void
upp_answer_version_set_text (UppAnswerVersion *self,
                             const char       *text)
{
  g_return_if_fail (UPP_IS_ANSWER_VERSION (self));
  upp_set_str (&self->text, text ? text : "");
}

const char * const *
upp_answer_version_get_choices (UppAnswerVersion *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_VERSION (self), NULL);
  return (const char * const *) self->choices;
}

void
upp_answer_version_set_choices (UppAnswerVersion   *self,
                                const char * const *choices)
{
  g_return_if_fail (UPP_IS_ANSWER_VERSION (self));
  g_strfreev (self->choices);
  self->choices = choices ? g_strdupv ((char **) choices) : g_new0 (char *, 1);
}

const char *
upp_answer_version_get_modified (UppAnswerVersion *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_VERSION (self), NULL);
  return self->modified;
}

void
upp_answer_version_set_modified (UppAnswerVersion *self,
                                 const char       *modified)
{
  g_return_if_fail (UPP_IS_ANSWER_VERSION (self));
  upp_set_str (&self->modified, modified ? modified : "");
}

const char *
upp_answer_version_get_device (UppAnswerVersion *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_VERSION (self), NULL);
  return self->device;
}

void
upp_answer_version_set_device (UppAnswerVersion *self,
                               const char       *device)
{
  g_return_if_fail (UPP_IS_ANSWER_VERSION (self));
  upp_set_str (&self->device, device ? device : "");
}

const char *
upp_answer_version_get_author (UppAnswerVersion *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_VERSION (self), NULL);
  return self->author;
}

void
upp_answer_version_set_author (UppAnswerVersion *self,
                               const char       *author)
{
  g_return_if_fail (UPP_IS_ANSWER_VERSION (self));
  upp_set_str (&self->author, author ? author : "");
}

UppAnswerOrigin
upp_answer_version_get_origin (UppAnswerVersion *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_VERSION (self), UPP_ANSWER_ORIGIN_EDIT);
  return self->origin;
}

void
upp_answer_version_set_origin (UppAnswerVersion *self,
                               UppAnswerOrigin   origin)
{
  g_return_if_fail (UPP_IS_ANSWER_VERSION (self));
  g_return_if_fail ((guint) origin < UPP_N_ANSWER_ORIGINS);
  self->origin = origin;
}

char *
upp_answer_version_dup_joined_choices (UppAnswerVersion *self)
{
  g_return_val_if_fail (UPP_IS_ANSWER_VERSION (self), NULL);
  return g_strjoinv ("\n", self->choices);
}
