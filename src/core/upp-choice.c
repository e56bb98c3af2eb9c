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
  return upp_choice_new (choice->key, choice->label);
}

void
upp_choice_free (UppChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->key);
  g_free (choice->label);
  g_free (choice);
}
