/* upp-item-field.c: a typed field beside a question's answer, or a column of a table question
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-item-field"

#include "config.h"

#include "upp-choice.h"
#include "upp-item-field.h"

G_DEFINE_BOXED_TYPE (UppItemField, upp_item_field, upp_item_field_copy, upp_item_field_free)

static const char * const field_kinds[] = { "text", "date", "period", "number", "choice" };

G_STATIC_ASSERT (G_N_ELEMENTS (field_kinds) == UPP_N_FIELD_KINDS);

UppItemField *
upp_item_field_new (const char   *key,
                    const char   *label,
                    UppFieldKind  kind)
{
  UppItemField *field = g_new0 (UppItemField, 1);

  field->key = g_strdup (key);
  field->label = g_strdup (label ? label : "");
  field->kind = kind;
  field->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_choice_free);
  return field;
}

UppItemField *
upp_item_field_copy (const UppItemField *field)
{
  UppItemField *copy = upp_item_field_new (field->key, field->label, field->kind);

  copy->choice_set = g_strdup (field->choice_set);
  for (guint i = 0; i < field->choices->len; i++)
    g_ptr_array_add (copy->choices, upp_choice_copy (g_ptr_array_index (field->choices, i)));
  return copy;
}

void
upp_item_field_free (UppItemField *field)
{
  if (field == NULL)
    return;
  g_free (field->key);
  g_free (field->label);
  g_free (field->choice_set);
  g_ptr_array_unref (field->choices);
  g_free (field);
}

const UppChoice *
upp_item_field_find_choice (const UppItemField *field,
                            const char         *key)
{
  for (guint i = 0; i < field->choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (field->choices, i);

      if (g_strcmp0 (choice->key, key) == 0)
        return choice;
    }
  return NULL;
}

const char *
upp_field_kind_to_key (UppFieldKind kind)
{
  g_return_val_if_fail (kind < UPP_N_FIELD_KINDS, "text");
  return field_kinds[kind];
}

gboolean
upp_field_kind_from_key (const char   *key,
                         UppFieldKind *kind)
{
  for (guint i = 0; i < UPP_N_FIELD_KINDS; i++)
    {
      if (g_strcmp0 (field_kinds[i], key) == 0)
        {
          *kind = (UppFieldKind) i;
          return TRUE;
        }
    }
  return FALSE;
}
