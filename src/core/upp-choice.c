/* upp-choice.c: a coded answer option of a question
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-choice"

#include "config.h"

#include "upp-choice.h"

G_DEFINE_BOXED_TYPE (UppChoice, upp_choice, upp_choice_copy, upp_choice_free)

UppChoice *
upp_choice_new (const char *key,
                const char *label)
{
  UppChoice *choice = g_new0 (UppChoice, 1);

  choice->key = g_strdup (key);
  choice->label = g_strdup (label);
  return choice;
}

UppChoice *
upp_choice_copy (const UppChoice *choice)
{
  UppChoice *copy = upp_choice_new (choice->key, choice->label);

  copy->match = g_strdupv (choice->match);
  return copy;
}

void
upp_choice_free (UppChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->key);
  g_free (choice->label);
  g_strfreev (choice->match);
  g_free (choice);
}

void
upp_choice_set_match (UppChoice          *choice,
                      const char * const *match)
{
  g_return_if_fail (choice != NULL);

  g_strfreev (choice->match);
  choice->match = match != NULL && match[0] != NULL ? g_strdupv ((char **) match) : NULL;
}

GRegex *
upp_choice_compile_phrase (const char  *phrase,
                           GError     **error)
{
  return g_regex_new (phrase, G_REGEX_CASELESS, 0, error);
}
