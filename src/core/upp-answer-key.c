/* upp-answer-key.c: the keys under which item fields and table rows are stored as answers
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-answer-key"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-answer-key.h"
#include "upp-question.h"
#include "upp-template.h"

char *
upp_answer_key_for_field (const char *question_key,
                          const char *field_key)
{
  return g_strconcat (question_key, UPP_ANSWER_KEY_SEPARATOR, field_key, NULL);
}

char *
upp_answer_key_for_row (const char *question_key,
                        const char *row_id)
{
  return g_strconcat (question_key, UPP_ANSWER_KEY_SEPARATOR, row_id, NULL);
}

char *
upp_answer_key_for_cell (const char *question_key,
                         const char *row_id,
                         const char *column_key)
{
  return g_strconcat (question_key, UPP_ANSWER_KEY_SEPARATOR, row_id,
                      UPP_ANSWER_KEY_SEPARATOR, column_key, NULL);
}

char *
upp_answer_key_new_row_id (void)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  char id[9];

  for (guint i = 0; i < 8; i++)
    id[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  id[8] = '\0';
  return g_strdup (id);
}

gboolean
upp_answer_key_is_row_id (const char *row_id)
{
  return upp_template_key_is_valid (row_id);
}

gboolean
upp_answer_key_resolve (UppTemplate         *template,
                        const char          *key,
                        UppAnswerKeyKind    *kind,
                        UppQuestion        **question,
                        const UppItemField **field,
                        char               **row_id)
{
  g_auto(GStrv) parts = NULL;
  UppQuestion *found;
  const UppItemField *found_field = NULL;
  UppAnswerKeyKind found_kind;
  guint n;

  g_return_val_if_fail (UPP_IS_TEMPLATE (template), FALSE);

  if (key == NULL)
    return FALSE;
  parts = g_strsplit (key, UPP_ANSWER_KEY_SEPARATOR, 4);
  n = g_strv_length (parts);
  if (n == 0 || n > 3)
    return FALSE;
  found = upp_template_find_question (template, parts[0]);
  if (found == NULL)
    return FALSE;
  for (guint i = 1; i < n; i++)
    if (!upp_template_key_is_valid (parts[i]))
      return FALSE;

  if (n == 1)
    found_kind = UPP_ANSWER_KEY_QUESTION;
  else if (upp_question_get_kind (found) == UPP_QUESTION_KIND_TABLE)
    {
      found_kind = n == 2 ? UPP_ANSWER_KEY_TABLE_ROW : UPP_ANSWER_KEY_TABLE_CELL;
      if (n == 3 && (found_field = upp_question_find_column (found, parts[2])) == NULL)
        return FALSE;
    }
  else
    {
      found_kind = UPP_ANSWER_KEY_FIELD;
      if (n != 2 || (found_field = upp_question_find_field (found, parts[1])) == NULL)
        return FALSE;
    }

  if (kind != NULL)
    *kind = found_kind;
  if (question != NULL)
    *question = found;
  if (field != NULL)
    *field = found_field;
  if (row_id != NULL)
    *row_id = found_kind == UPP_ANSWER_KEY_TABLE_ROW || found_kind == UPP_ANSWER_KEY_TABLE_CELL
              ? g_strdup (parts[1]) : NULL;
  return TRUE;
}

gboolean
upp_answer_key_is_row_text (const char *text)
{
  char *end = NULL;

  if (g_strcmp0 (text, UPP_TABLE_ROW_REMOVED) == 0)
    return TRUE;
  if (text == NULL || *text == '\0')
    return FALSE;
  g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && strspn (text, "0123456789.-") == strlen (text);
}

char *
upp_answer_key_dup_row_text (double position)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (position))
    return g_strdup (UPP_TABLE_ROW_REMOVED);
  g_ascii_formatd (text, sizeof text, "%.15g", position);
  return g_strdup (text);
}

char *
upp_answer_key_dup_title (UppTemplate *template,
                          const char  *key)
{
  UppAnswerKeyKind kind;
  UppQuestion *question = NULL;
  const UppItemField *field = NULL;
  g_autofree char *title = NULL;

  if (template == NULL || key == NULL
      || !upp_answer_key_resolve (template, key, &kind, &question, &field, NULL))
    return NULL;

  title = upp_question_dup_title (question, TRUE);
  switch (kind)
    {
    case UPP_ANSWER_KEY_FIELD:
    case UPP_ANSWER_KEY_TABLE_CELL:
      /* Translators: a question and one of its item fields or table columns,
       * e.g. "1.1 Avtal/ök – Ansvar". */
      return g_strdup_printf (C_("answer key", "%s – %s"), title, field->label);
    case UPP_ANSWER_KEY_TABLE_ROW:
      /* Translators: a row of a table question (its place in the table or its removal). */
      return g_strdup_printf (C_("answer key", "%s – a row"), title);
    case UPP_ANSWER_KEY_QUESTION:
    default:
      return g_steal_pointer (&title);
    }
}
