/* upp-template-changes.c: what became of each question between two versions of a template
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-template-changes"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-question.h"
#include "upp-template.h"
#include "upp-template-changes.h"

void
upp_question_change_free (UppQuestionChange *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self->number);
  g_strfreev (self->from_keys);
  g_strfreev (self->from_numbers);
  g_free (self);
}

static UppQuestionChange *
question_change_new (UppQuestionChangeKind  kind,
                     UppQuestion           *question)
{
  UppQuestionChange *change = g_new0 (UppQuestionChange, 1);

  change->kind = kind;
  change->key = g_strdup (upp_question_get_key (question));
  change->number = g_strdup (upp_question_get_number (question));
  return change;
}

GPtrArray *
upp_template_list_changes (UppTemplate *older,
                           UppTemplate *newer,
                           GPtrArray   *versions)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 upp_question_change_free);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (UPP_IS_TEMPLATE (older), NULL);
  g_return_val_if_fail (UPP_IS_TEMPLATE (newer), NULL);

  for (guint q = 0; q < upp_template_get_n_questions (newer); q++)
    {
      UppQuestion *question = upp_template_get_question (newer, q);
      const char *key = upp_question_get_key (question);
      g_auto(GStrv) from = upp_template_map_question_key (newer, older, versions, key);
      g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) numbers = g_strv_builder_new ();
      UppQuestionChange *change;
      UppQuestionChangeKind kind;
      guint n_from = 0;

      /* In the old template's order. */
      for (guint o = 0; o < upp_template_get_n_questions (older); o++)
        {
          UppQuestion *old = upp_template_get_question (older, o);

          if (!g_strv_contains ((const char * const *) from, upp_question_get_key (old)))
            continue;
          g_strv_builder_add (keys, upp_question_get_key (old));
          g_strv_builder_add (numbers, upp_question_get_number (old));
          g_hash_table_add (used, (gpointer) upp_question_get_key (old));
          n_from++;
        }

      if (n_from == 0)
        kind = UPP_QUESTION_CHANGE_NEW;
      else if (n_from > 1)
        kind = UPP_QUESTION_CHANGE_MERGED;
      else if (strcmp (from[0], key) == 0)
        {
          UppQuestion *old = upp_template_find_question (older, key);

          if (g_strcmp0 (upp_question_get_text (old), upp_question_get_text (question)) == 0)
            continue;
          kind = UPP_QUESTION_CHANGE_REWORDED;
        }
      else
        {
          g_auto(GStrv) became = upp_template_map_question_key (older, newer, versions, from[0]);

          kind = g_strv_length (became) > 1 ? UPP_QUESTION_CHANGE_SPLIT
                                            : UPP_QUESTION_CHANGE_RENAMED;
        }
      change = question_change_new (kind, question);
      change->from_keys = g_strv_builder_end (keys);
      change->from_numbers = g_strv_builder_end (numbers);
      g_ptr_array_add (changes, change);
    }

  for (guint o = 0; o < upp_template_get_n_questions (older); o++)
    {
      UppQuestion *old = upp_template_get_question (older, o);
      UppQuestionChange *change;

      if (g_hash_table_contains (used, upp_question_get_key (old)))
        continue;
      change = question_change_new (UPP_QUESTION_CHANGE_REMOVED, old);
      change->from_keys = g_new0 (char *, 1);
      change->from_numbers = g_new0 (char *, 1);
      g_ptr_array_add (changes, change);
    }
  return g_steal_pointer (&changes);
}

char *
upp_question_change_to_string (UppQuestionChange *self)
{
  g_autofree char *from = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == UPP_QUESTION_CHANGE_NEW)
    return g_strdup_printf (_("%s (new question)"), self->number);
  if (self->kind == UPP_QUESTION_CHANGE_REMOVED)
    return g_strdup_printf (_("%s (removed; its answers are kept)"), self->number);
  from = g_strjoinv (", ", self->from_numbers);
  return g_strdup_printf ("%s ← %s", self->number, from);
}
