/* upp-store-items.c: item fields and table rows of a response, stored as answers under derived
 * keys
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "upp-answer-key.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-template.h"

/* The table question with that key, or an error naming it. */
static UppQuestion *
find_table (UppRound    *round,
            const char  *question_key,
            GError     **error)
{
  UppQuestion *question = upp_template_find_question (upp_round_get_template (round),
                                                      question_key);

  if (question == NULL || upp_question_get_kind (question) != UPP_QUESTION_KIND_TABLE)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The round’s template has no table question “%s”."), question_key);
      return NULL;
    }
  return question;
}

static gboolean
set_row_position (UppStore         *self,
                  UppRound         *round,
                  UppResponse      *response,
                  const char       *question_key,
                  const char       *row_id,
                  double            position,
                  UppAnswerOrigin   origin,
                  GError          **error)
{
  g_autofree char *key = upp_answer_key_for_row (question_key, row_id);
  g_autofree char *text = upp_answer_key_dup_row_text (position);

  return upp_store_set_answer_from (self, round, response, key, text, NULL, origin, NULL, error);
}

gboolean
upp_store_set_field (UppStore         *self,
                     UppRound         *round,
                     UppResponse      *response,
                     const char       *question_key,
                     const char       *field_key,
                     const char       *value,
                     UppAnswerOrigin   origin,
                     GError          **error)
{
  g_autofree char *key = NULL;
  UppQuestion *question;
  const UppItemField *field;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);

  question = upp_template_find_question (upp_round_get_template (round), question_key);
  field = question != NULL ? upp_question_find_field (question, field_key) : NULL;
  if (field == NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("Question “%s” of the round’s template has no field “%s”."),
                   question_key, field_key);
      return FALSE;
    }
  key = upp_answer_key_for_field (question_key, field_key);
  if (field->kind == UPP_FIELD_KIND_CHOICE)
    {
      const char *choices[] = { value, NULL };

      return upp_store_set_answer_from (self, round, response, key, "",
                                        value != NULL && *value != '\0' ? choices : NULL,
                                        origin, NULL, error);
    }
  return upp_store_set_answer_from (self, round, response, key, value, NULL, origin, NULL,
                                    error);
}

char *
upp_store_add_table_row (UppStore         *self,
                         UppRound         *round,
                         UppResponse      *response,
                         const char       *question_key,
                         UppAnswerOrigin   origin,
                         GError          **error)
{
  g_auto(GStrv) rows = NULL;
  g_autofree char *row_id = NULL;
  double last = 0;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), NULL);

  if (find_table (round, question_key, error) == NULL)
    return NULL;
  rows = upp_response_list_table_rows (response, question_key);
  for (guint i = 0; rows[i] != NULL; i++)
    last = MAX (last, upp_response_get_table_row_position (response, question_key, rows[i]));
  row_id = upp_answer_key_new_row_id ();
  if (!set_row_position (self, round, response, question_key, row_id, floor (last) + 1, origin,
                         error))
    return NULL;
  return g_steal_pointer (&row_id);
}

/* The row must be one the response has and has not removed. */
static gboolean
check_row (UppResponse  *response,
           const char   *question_key,
           const char   *row_id,
           GError      **error)
{
  if (isnan (upp_response_get_table_row_position (response, question_key, row_id)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("Question “%s” has no row “%s”."), question_key, row_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_set_table_cell (UppStore         *self,
                          UppRound         *round,
                          UppResponse      *response,
                          const char       *question_key,
                          const char       *row_id,
                          const char       *column_key,
                          const char       *text,
                          UppAnswerOrigin   origin,
                          GError          **error)
{
  g_autofree char *key = NULL;
  UppQuestion *question;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  question = find_table (round, question_key, error);
  if (question == NULL || !check_row (response, question_key, row_id, error))
    return FALSE;
  if (upp_question_find_column (question, column_key) == NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("Question “%s” has no column “%s”."), question_key, column_key);
      return FALSE;
    }
  key = upp_answer_key_for_cell (question_key, row_id, column_key);
  return upp_store_set_answer_from (self, round, response, key, text, NULL, origin, NULL, error);
}

gboolean
upp_store_remove_table_row (UppStore         *self,
                            UppRound         *round,
                            UppResponse      *response,
                            const char       *question_key,
                            const char       *row_id,
                            UppAnswerOrigin   origin,
                            GError          **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  if (find_table (round, question_key, error) == NULL ||
      !check_row (response, question_key, row_id, error))
    return FALSE;
  key = upp_answer_key_for_row (question_key, row_id);
  return upp_store_set_answer_from (self, round, response, key, UPP_TABLE_ROW_REMOVED, NULL,
                                    origin, NULL, error);
}

gboolean
upp_store_move_table_row (UppStore         *self,
                          UppRound         *round,
                          UppResponse      *response,
                          const char       *question_key,
                          const char       *row_id,
                          guint             index,
                          UppAnswerOrigin   origin,
                          GError          **error)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) rows = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  if (find_table (round, question_key, error) == NULL ||
      !check_row (response, question_key, row_id, error))
    return FALSE;
  rows = upp_response_list_table_rows (response, question_key);
  for (guint i = 0; rows[i] != NULL; i++)
    if (g_strcmp0 (rows[i], row_id) != 0)
      g_ptr_array_add (order, rows[i]);
  g_ptr_array_insert (order, MIN (index, order->len), (gpointer) row_id);

  /* The rows' answers as they are, to put back into the response when the database says no:
   * each saved position replaces its answer in memory at once. */
  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_autofree char *key = upp_answer_key_for_row (question_key, rows[i]);

      g_ptr_array_add (before, g_object_ref (upp_response_get_answer (response, key)));
    }

  /* Positions 1, 2, …: only the rows whose position changes get a new version. */
  if (!upp_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    {
      const char *each = g_ptr_array_index (order, i);

      if (upp_response_get_table_row_position (response, question_key, each) == i + 1)
        continue;
      if (!set_row_position (self, round, response, question_key, each, i + 1, origin, error))
        {
          upp_store_rollback (self);
          failed = TRUE;
          break;
        }
    }
  if (!failed && upp_store_commit (self, error))
    return TRUE;
  for (guint i = 0; i < before->len; i++)
    upp_response_take_answer (response, g_object_ref (g_ptr_array_index (before, i)));
  return FALSE;
}
