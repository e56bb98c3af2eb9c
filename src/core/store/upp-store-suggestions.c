/* upp-store-suggestions.c: accepting suggested coded choices as answers' codes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include "upp-answer.h"
#include "upp-response.h"
#include "upp-store-private.h"
#include "upp-suggestion.h"

gboolean
upp_store_accept_suggestions (UppStore   *self,
                              UppRound   *round,
                              GPtrArray  *suggestions,
                              guint      *n_accepted,
                              GError    **error)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  guint accepted = 0;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (suggestions != NULL, FALSE);

  if (!upp_store_begin (self, error))
    return FALSE;

  /* The answers as they are now, not as they were when the suggestions were made. */
  responses = upp_store_list_responses (self, round, error);
  if (responses == NULL)
    goto fail;
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      g_hash_table_insert (by_uuid, (gpointer) upp_response_get_uuid (response), response);
    }

  for (guint i = 0; i < suggestions->len; i++)
    {
      UppSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      const char *key = upp_suggestion_get_question_key (suggestion);
      UppResponse *suggested = upp_suggestion_get_response (suggestion);
      UppResponse *response = g_hash_table_lookup (by_uuid, upp_response_get_uuid (suggested));
      UppAnswer *answer;
      g_autofree char *text = NULL;

      answer = response != NULL ? upp_response_get_answer (response, key) : NULL;
      /* A code chosen since the suggestion was made is the analyst's: it stays. */
      if (answer == NULL || upp_answer_get_choice (answer) != NULL)
        continue;

      /* The text is kept as it is; the suggestion only adds the codes. */
      text = g_strdup (upp_answer_get_text (answer));
      if (!upp_store_set_answer (self, round, response, key, text,
                                 upp_suggestion_get_choices (suggestion), error))
        goto fail;
      accepted++;
    }

  if (!upp_store_commit (self, error))
    return FALSE;
  if (n_accepted != NULL)
    *n_accepted = accepted;
  return TRUE;

fail:
  upp_store_rollback (self);
  return FALSE;
}
