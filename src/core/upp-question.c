/* upp-question.c: one question of a survey template, with its coded choices
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-question"

#include "config.h"

#include <string.h>

#include "upp-question.h"
#include "upp-util.h"

struct _UppQuestion
{
  GObject          parent_instance;

  char            *key;
  char            *number;
  char            *text;
  char            *short_label;
  UppQuestionKind  kind;
  GPtrArray       *choices;
  char           **from;
  char            *section;
  char            *heading;
  char            *help;
  char            *choice_set;
  GPtrArray       *fields;
  GPtrArray       *columns;
};

G_DEFINE_FINAL_TYPE (UppQuestion, upp_question, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NUMBER,
  PROP_TEXT,
  PROP_SHORT_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
upp_question_finalize (GObject *object)
{
  UppQuestion *self = (UppQuestion *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->short_label, g_free);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->from, g_strfreev);
  g_clear_pointer (&self->section, g_free);
  g_clear_pointer (&self->heading, g_free);
  g_clear_pointer (&self->help, g_free);
  g_clear_pointer (&self->choice_set, g_free);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_question_parent_class)->finalize (object);
}

static void
upp_question_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  UppQuestion *self = UPP_QUESTION (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_SHORT_LABEL:
      g_value_set_string (value, self->short_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_question_class_init (UppQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_question_finalize;
  object_class->get_property = upp_question_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_LABEL] =
    g_param_spec_string ("short-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_question_init (UppQuestion *self)
{
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_choice_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_item_field_free);
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_item_field_free);
  self->section = g_strdup ("");
  self->heading = g_strdup ("");
  self->help = g_strdup ("");
}

UppQuestion *
upp_question_new (const char      *key,
                  const char      *number,
                  const char      *text,
                  const char      *short_label,
                  UppQuestionKind  kind)
{
  UppQuestion *self = g_object_new (UPP_TYPE_QUESTION, NULL);

  self->key = g_strdup (key);
  self->number = g_strdup (number ? number : "");
  self->text = g_strdup (text ? text : "");
  self->short_label = g_strdup (short_label ? short_label : "");
  self->kind = kind;
  return self;
}

const char *
upp_question_get_key (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->key;
}

const char *
upp_question_get_number (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->number;
}

const char *
upp_question_get_text (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->text;
}

const char *
upp_question_get_short_label (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  /* Column headers fall back to the number when a template gives no label. */
  if (self->short_label[0] == '\0')
    return self->number;
  return self->short_label;
}

char *
upp_question_dup_title (UppQuestion *self,
                        gboolean     use_short_label)
{
  const char *label = self->text;

  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);

  if (use_short_label && self->short_label[0] != '\0')
    label = self->short_label;
  if (self->number[0] == '\0')
    return g_strdup (label);
  /* "1.1" reads as a number already; a lone "3" gets its full stop. */
  return g_strdup_printf (strchr (self->number, '.') != NULL ? "%s %s" : "%s. %s",
                          self->number, label);
}

UppQuestionKind
upp_question_get_kind (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), UPP_QUESTION_KIND_TEXT);
  return self->kind;
}

void
upp_question_set_text (UppQuestion *self,
                       const char  *text)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  if (upp_set_str (&self->text, text ? text : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
upp_question_set_short_label (UppQuestion *self,
                              const char  *short_label)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  if (upp_set_str (&self->short_label, short_label ? short_label : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHORT_LABEL]);
}

void
upp_question_set_number (UppQuestion *self,
                         const char  *number)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  g_free (self->number);
  self->number = g_strdup (number ? number : "");
}

void
upp_question_set_kind (UppQuestion     *self,
                       UppQuestionKind  kind)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  self->kind = kind;
}

GPtrArray *
upp_question_get_choices (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->choices;
}

UppChoice *
upp_question_add_choice (UppQuestion *self,
                         const char  *key,
                         const char  *label)
{
  UppChoice *choice;

  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);

  choice = upp_choice_new (key, label);
  g_ptr_array_add (self->choices, choice);
  return choice;
}

void
upp_question_clear_choices (UppQuestion *self)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  g_ptr_array_set_size (self->choices, 0);
}

const UppChoice *
upp_question_find_choice (UppQuestion *self,
                          const char  *key)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  for (guint i = 0; i < self->choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (self->choices, i);
      if (g_strcmp0 (choice->key, key) == 0)
        return choice;
    }
  return NULL;
}

gboolean
upp_question_is_coded (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), FALSE);
  return upp_question_kind_has_choices (self->kind) && self->choices->len > 0;
}

const char * const *
upp_question_get_from (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return (const char * const *) self->from;
}

void
upp_question_set_from (UppQuestion        *self,
                       const char * const *from)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  g_clear_pointer (&self->from, g_strfreev);
  self->from = g_strdupv ((char **) from);
}

const char *
upp_question_get_section (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->section;
}

void
upp_question_set_section (UppQuestion *self,
                          const char  *section)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  upp_set_str (&self->section, section ? section : "");
}

const char *
upp_question_get_heading (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->heading;
}

void
upp_question_set_heading (UppQuestion *self,
                          const char  *heading)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  upp_set_str (&self->heading, heading ? heading : "");
}

const char *
upp_question_get_help (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->help;
}

void
upp_question_set_help (UppQuestion *self,
                       const char  *help)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  upp_set_str (&self->help, help ? help : "");
}

const char *
upp_question_get_choice_set (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->choice_set;
}

void
upp_question_set_choice_set (UppQuestion *self,
                             const char  *choice_set)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  upp_set_str (&self->choice_set, choice_set);
}

GPtrArray *
upp_question_get_fields (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->fields;
}

void
upp_question_add_field (UppQuestion  *self,
                        UppItemField *field)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  g_ptr_array_add (self->fields, field);
}

static const UppItemField *
find_item_field (GPtrArray  *fields,
                 const char *key)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const UppItemField *field = g_ptr_array_index (fields, i);

      if (g_strcmp0 (field->key, key) == 0)
        return field;
    }
  return NULL;
}

const UppItemField *
upp_question_find_field (UppQuestion *self,
                         const char  *key)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return find_item_field (self->fields, key);
}

GPtrArray *
upp_question_get_columns (UppQuestion *self)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return self->columns;
}

void
upp_question_add_column (UppQuestion  *self,
                         UppItemField *column)
{
  g_return_if_fail (UPP_IS_QUESTION (self));
  g_ptr_array_add (self->columns, column);
}

const UppItemField *
upp_question_find_column (UppQuestion *self,
                          const char  *key)
{
  g_return_val_if_fail (UPP_IS_QUESTION (self), NULL);
  return find_item_field (self->columns, key);
}
