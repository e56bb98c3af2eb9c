/* upp-suggestion.c: a coded choice suggested for an answer text by the choices' match phrases
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-suggestion"

#include "config.h"

#include "store/upp-store.h"
#include "upp-answer.h"
#include "upp-backup.h"
#include "upp-choice.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-suggestion.h"
#include "upp-template.h"
#include "upp-util.h"

struct _UppSuggestion
{
  GObject      parent_instance;

  UppResponse *response;
  UppQuestion *question;
  GStrv        choices;
  GStrv        labels;
  GStrv        matched;
};

G_DEFINE_FINAL_TYPE (UppSuggestion, upp_suggestion, G_TYPE_OBJECT)

static void
upp_suggestion_finalize (GObject *object)
{
  UppSuggestion *self = (UppSuggestion *)object;

  g_clear_object (&self->response);
  g_clear_object (&self->question);
  g_clear_pointer (&self->choices, g_strfreev);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->matched, g_strfreev);

  G_OBJECT_CLASS (upp_suggestion_parent_class)->finalize (object);
}

static void
upp_suggestion_class_init (UppSuggestionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upp_suggestion_finalize;
}

static void
upp_suggestion_init (UppSuggestion *self)
{
}

/* The words that the first matching phrase found, or NULL. Templates are validated when read
 * and saved, so a phrase that does not compile is only skipped. */
static char *
dup_choice_match (const UppChoice *choice,
                  const char      *text)
{
  for (guint i = 0; choice->match != NULL && choice->match[i] != NULL; i++)
    {
      g_autoptr(GRegex) regex = NULL;
      g_autoptr(GMatchInfo) match_info = NULL;
      g_autoptr(GError) error = NULL;

      regex = upp_choice_compile_phrase (choice->match[i], &error);
      if (regex == NULL)
        {
          g_debug ("Skipping the phrase “%s” of “%s”: %s", choice->match[i], choice->key,
                   error->message);
          continue;
        }
      if (g_regex_match (regex, text, 0, &match_info))
        return g_match_info_fetch (match_info, 0);
    }
  return NULL;
}

UppSuggestion *
upp_suggestion_new_for_text (UppQuestion *question,
                             UppResponse *response,
                             const char  *text)
{
  g_autoptr(GStrvBuilder) choices = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) matched = g_strv_builder_new ();
  UppSuggestion *self;
  GPtrArray *question_choices;
  gboolean multiple;
  gboolean found = FALSE;

  g_return_val_if_fail (UPP_IS_QUESTION (question), NULL);
  g_return_val_if_fail (response == NULL || UPP_IS_RESPONSE (response), NULL);

  if (text == NULL || upp_str_is_blank (text) || !upp_question_is_coded (question))
    return NULL;

  multiple = upp_question_get_kind (question) == UPP_QUESTION_KIND_MULTIPLE_CHOICE;
  question_choices = upp_question_get_choices (question);
  for (guint i = 0; i < question_choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (question_choices, i);
      g_autofree char *words = dup_choice_match (choice, text);

      if (words == NULL)
        continue;
      g_strv_builder_add (choices, choice->key);
      g_strv_builder_add (labels, choice->label);
      g_strv_builder_add (matched, words);
      found = TRUE;
      if (!multiple)
        break;
    }
  if (!found)
    return NULL;

  self = g_object_new (UPP_TYPE_SUGGESTION, NULL);
  self->response = response != NULL ? g_object_ref (response) : NULL;
  self->question = g_object_ref (question);
  self->choices = g_strv_builder_end (choices);
  self->labels = g_strv_builder_end (labels);
  self->matched = g_strv_builder_end (matched);
  return self;
}

UppSuggestion *
upp_suggestion_new_changed (UppSuggestion *self,
                            const char    *choice_key)
{
  UppSuggestion *changed;
  const UppChoice *choice;
  const char *key[2] = { NULL, NULL };
  const char *label[2] = { NULL, NULL };

  g_return_val_if_fail (UPP_IS_SUGGESTION (self), NULL);
  g_return_val_if_fail (choice_key != NULL, NULL);

  choice = upp_question_find_choice (self->question, choice_key);
  if (choice == NULL)
    return NULL;

  changed = g_object_new (UPP_TYPE_SUGGESTION, NULL);
  changed->response = self->response != NULL ? g_object_ref (self->response) : NULL;
  changed->question = g_object_ref (self->question);
  key[0] = choice->key;
  label[0] = choice->label;
  changed->choices = g_strdupv ((char **) key);
  changed->labels = g_strdupv ((char **) label);
  changed->matched = g_strdupv (self->matched);
  return changed;
}

GPtrArray *
upp_suggestion_list_for_round (UppStore  *store,
                               UppRound  *round,
                               GError   **error)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  UppTemplate *template;
  guint n_questions;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  responses = upp_store_list_responses (store, round, error);
  if (responses == NULL)
    return NULL;

  template = upp_round_get_template (round);
  n_questions = upp_template_get_n_questions (template);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      /* What a unit that declined wrote is the reason, not an answer to code. */
      if (upp_response_get_status (response) == UPP_RESPONSE_STATUS_NO_ANSWER)
        continue;

      for (guint q = 0; q < n_questions; q++)
        {
          UppQuestion *question = upp_template_get_question (template, q);
          UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));
          UppSuggestion *suggestion;

          if (answer == NULL || upp_answer_get_choice (answer) != NULL)
            continue;
          suggestion = upp_suggestion_new_for_text (question, response,
                                                    upp_answer_get_text (answer));
          if (suggestion != NULL)
            g_ptr_array_add (suggestions, suggestion);
        }
    }
  return g_steal_pointer (&suggestions);
}

gboolean
upp_suggestion_accept_all (UppStore  *store,
                           UppRound  *round,
                           guint     *n_accepted,
                           GError   **error)
{
  g_autoptr(GPtrArray) suggestions = NULL;

  g_return_val_if_fail (UPP_IS_STORE (store), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);

  if (n_accepted != NULL)
    *n_accepted = 0;
  suggestions = upp_suggestion_list_for_round (store, round, error);
  if (suggestions == NULL)
    return FALSE;
  if (suggestions->len == 0)
    return TRUE;
  if (!upp_store_make_backup (store, UPP_BACKUP_BEFORE_CODING, NULL, error))
    return FALSE;
  return upp_store_accept_suggestions (store, round, suggestions, n_accepted, error);
}

UppResponse *
upp_suggestion_get_response (UppSuggestion *self)
{
  g_return_val_if_fail (UPP_IS_SUGGESTION (self), NULL);
  return self->response;
}

UppQuestion *
upp_suggestion_get_question (UppSuggestion *self)
{
  g_return_val_if_fail (UPP_IS_SUGGESTION (self), NULL);
  return self->question;
}

const char *
upp_suggestion_get_question_key (UppSuggestion *self)
{
  g_return_val_if_fail (UPP_IS_SUGGESTION (self), NULL);
  return upp_question_get_key (self->question);
}

const char * const *
upp_suggestion_get_choices (UppSuggestion *self)
{
  g_return_val_if_fail (UPP_IS_SUGGESTION (self), NULL);
  return (const char * const *) self->choices;
}

char *
upp_suggestion_dup_label (UppSuggestion *self)
{
  g_return_val_if_fail (UPP_IS_SUGGESTION (self), NULL);
  return g_strjoinv (", ", self->labels);
}

char *
upp_suggestion_dup_matched (UppSuggestion *self)
{
  g_return_val_if_fail (UPP_IS_SUGGESTION (self), NULL);
  return g_strjoinv ("; ", self->matched);
}
