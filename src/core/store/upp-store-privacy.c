/* upp-store-privacy.c: the words not to share, and personal data found in a round
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <string.h>

#include "upp-answer.h"
#include "upp-interview.h"
#include "upp-privacy.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"

/* The list is the database's own, so every officer sharing it flags the same names. */
#define WORDS_KEY "privacy_words"

char **
upp_store_dup_privacy_words (UppStore  *self,
                             GError   **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  select = upp_store_statement (self, "SELECT value FROM meta WHERE key = '" WORDS_KEY "'",
                                error);
  if (select == NULL)
    return NULL;
  rc = sqlite3_step (select);
  if (rc == SQLITE_ROW)
    {
      const char *value = upp_store_column_text (select, 0);

      return *value != '\0' ? g_strsplit (value, "\n", -1) : g_new0 (char *, 1);
    }
  if (rc == SQLITE_DONE)
    return g_new0 (char *, 1);
  upp_store_set_sqlite_error (self, error);
  return NULL;
}

gboolean
upp_store_set_privacy_words (UppStore            *self,
                             const char * const  *words,
                             GError             **error)
{
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_autoptr(UppCachedStatement) write = NULL;
  g_auto(GStrv) list = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      g_autofree char *word = g_strstrip (g_strdup (words[i]));

      /* One per line: a line break inside would split it. */
      g_strdelimit (word, "\n\r\t", ' ');
      if (*word != '\0')
        g_strv_builder_add (kept, word);
    }
  list = g_strv_builder_end (kept);
  joined = g_strjoinv ("\n", list);
  write = upp_store_statement (self, "INSERT INTO meta (key, value) VALUES ('" WORDS_KEY "', ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, joined, -1, SQLITE_TRANSIENT);
  return upp_store_step_done (self, write, error);
}

char **
upp_store_dup_privacy_exceptions (UppStore    *self,
                                  const char  *answer_uuid,
                                  GError     **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  select = upp_store_statement (self, "SELECT text FROM privacy_exceptions "
                                "WHERE answer_uuid = ? ORDER BY text", error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_text (select, 1, answer_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    g_strv_builder_add (texts, upp_store_column_text (select, 0));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_strv_builder_end (texts);
}

gboolean
upp_store_add_privacy_exceptions (UppStore            *self,
                                  const char          *answer_uuid,
                                  const char * const  *texts,
                                  GError             **error)
{
  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  if (!upp_store_begin (self, error))
    return FALSE;
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      g_autoptr(UppCachedStatement) insert =
        upp_store_statement (self, "INSERT OR IGNORE INTO privacy_exceptions "
                             "(answer_uuid, text) VALUES (?, ?)", error);

      if (insert == NULL)
        goto failed;
      sqlite3_bind_text (insert, 1, answer_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, texts[i], -1, SQLITE_TRANSIENT);
      if (!upp_store_step_done (self, insert, error))
        goto failed;
    }
  return upp_store_commit (self, error);

failed:
  upp_store_rollback (self);
  return FALSE;
}

static void
add_findings (GPtrArray          *findings,
              const char * const *words,
              GHashTable         *exceptions,   /* "<uuid>\n<text>", or NULL */
              const char         *unit_name,
              const char         *unit_uuid,
              const char         *question_key,
              const char         *place,
              const char         *object_uuid,
              const char         *text)
{
  g_autoptr(GArray) matches = upp_privacy_find (text, words);

  for (guint i = 0; i < matches->len; i++)
    {
      UppPrivacyMatch *match = &g_array_index (matches, UppPrivacyMatch, i);
      g_autofree char *found = g_strndup (text + match->start, match->end - match->start);
      g_autofree char *exception = g_strconcat (object_uuid, "\n", found, NULL);
      UppPrivacyFinding *finding;

      if (exceptions != NULL && g_hash_table_contains (exceptions, exception))
        continue;
      finding = g_new0 (UppPrivacyFinding, 1);
      finding->unit_name = g_strdup (unit_name);
      finding->unit_uuid = g_strdup (unit_uuid);
      finding->question_key = g_strdup (question_key);
      finding->place = g_strdup (place);
      finding->object_uuid = g_strdup (object_uuid);
      finding->text = g_strdup (text);
      finding->match = *match;
      g_ptr_array_add (findings, finding);
    }
}

/* The exceptions of every answer of the round, "<answer uuid>\n<text>" each, read at once. */
static GHashTable *
load_round_exceptions (UppStore  *self,
                       UppRound  *round,
                       GError   **error)
{
  g_autoptr(GHashTable) exceptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autoptr(UppCachedStatement) select = NULL;
  int rc;

  select = upp_store_statement (self,
                                "SELECT e.answer_uuid, e.text FROM privacy_exceptions e "
                                "JOIN answers a ON a.uuid = e.answer_uuid "
                                "JOIN responses r ON r.id = a.response_id "
                                "WHERE r.round_id = ?", error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_int64 (select, 1, upp_round_get_id (round));
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    g_hash_table_add (exceptions, g_strconcat (upp_store_column_text (select, 0), "\n",
                                               upp_store_column_text (select, 1), NULL));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&exceptions);
}

GPtrArray *
upp_store_find_personal_data (UppStore  *self,
                              UppRound  *round,
                              GError   **error)
{
  g_autoptr(GPtrArray) findings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) upp_privacy_finding_free);
  g_auto(GStrv) words = NULL;
  g_autoptr(GHashTable) exceptions = NULL;
  g_autoptr(UppCachedStatement) answers = NULL;
  g_autoptr(UppCachedStatement) notes = NULL;
  g_autoptr(UppCachedStatement) texts = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  words = upp_store_dup_privacy_words (self, error);
  if (words == NULL)
    return NULL;
  exceptions = load_round_exceptions (self, round, error);
  if (exceptions == NULL)
    return NULL;

  /* The answers, unit by unit in the round's order. */
  answers = upp_store_statement (self,
                                 "SELECT u.name, u.uuid, a.question_key, a.uuid, a.text "
                                 "FROM answers a "
                                 "JOIN responses r ON r.id = a.response_id "
                                 "JOIN units u ON u.id = r.unit_id "
                                 "WHERE r.round_id = ? AND a.text <> '' "
                                 "ORDER BY r.position, r.id, a.question_key", error);
  if (answers == NULL)
    return NULL;
  sqlite3_bind_int64 (answers, 1, upp_round_get_id (round));
  while ((rc = sqlite3_step (answers)) == SQLITE_ROW)
    add_findings (findings, (const char * const *) words, exceptions,
                  upp_store_column_text (answers, 0), upp_store_column_text (answers, 1),
                  upp_store_column_text (answers, 2), "answer",
                  upp_store_column_text (answers, 3), upp_store_column_text (answers, 4));
  if (rc != SQLITE_DONE)
    goto failed;

  notes = upp_store_statement (self,
                               "SELECT u.name, u.uuid, i.uuid, i.note FROM interviews i "
                               "JOIN responses r ON r.id = i.response_id "
                               "JOIN units u ON u.id = r.unit_id "
                               "WHERE r.round_id = ? AND i.removed = 0 AND i.note <> '' "
                               "ORDER BY r.position, r.id, i.interview_date", error);
  if (notes == NULL)
    return NULL;
  sqlite3_bind_int64 (notes, 1, upp_round_get_id (round));
  while ((rc = sqlite3_step (notes)) == SQLITE_ROW)
    add_findings (findings, (const char * const *) words, NULL,
                  upp_store_column_text (notes, 0), upp_store_column_text (notes, 1), "",
                  "interview_note", upp_store_column_text (notes, 2),
                  upp_store_column_text (notes, 3));
  if (rc != SQLITE_DONE)
    goto failed;

  texts = upp_store_statement (self, "SELECT key, text FROM round_texts WHERE round_id = ? "
                               "AND text <> '' ORDER BY key", error);
  if (texts == NULL)
    return NULL;
  sqlite3_bind_int64 (texts, 1, upp_round_get_id (round));
  while ((rc = sqlite3_step (texts)) == SQLITE_ROW)
    {
      g_autofree char *place = g_strconcat ("report_text:", upp_store_column_text (texts, 0),
                                            NULL);

      add_findings (findings, (const char * const *) words, NULL, "", "", "", place, "",
                    upp_store_column_text (texts, 1));
    }
  if (rc != SQLITE_DONE)
    goto failed;
  return g_steal_pointer (&findings);

failed:
  upp_store_set_sqlite_error (self, error);
  return NULL;
}

/* The findings of one text: where it is and the matched texts to mask in it. */
typedef struct
{
  UppPrivacyFinding *first;    /* borrowed: names the text */
  GHashTable        *matched;  /* the matched texts */
} MaskedText;

static void
masked_text_free (MaskedText *masked)
{
  g_hash_table_unref (masked->matched);
  g_free (masked);
}

/* text with the matches that findings named replaced by their tokens, or NULL when none is
 * in it (any more). */
static char *
mask_matched (const char         *text,
              const char * const *words,
              GHashTable         *matched)
{
  g_autoptr(GArray) matches = upp_privacy_find (text, words);

  for (guint i = matches->len; i-- > 0;)
    {
      UppPrivacyMatch *match = &g_array_index (matches, UppPrivacyMatch, i);
      g_autofree char *found = g_strndup (text + match->start, match->end - match->start);

      if (!g_hash_table_contains (matched, found))
        g_array_remove_index (matches, i);
    }
  if (matches->len == 0)
    return NULL;
  return upp_privacy_mask (text, matches);
}

static gboolean
mask_answer (UppStore           *self,
             UppRound           *round,
             MaskedText         *masked,
             const char * const *words,
             guint              *n_masked,
             GError            **error)
{
  UppPrivacyFinding *finding = masked->first;
  g_autoptr(UppResponse) response = NULL;
  g_autofree char *text = NULL;
  UppAnswer *answer;

  response = upp_store_find_response (self, round, finding->unit_name, error);
  if (response == NULL)
    return FALSE;
  answer = upp_response_get_answer (response, finding->question_key);
  if (answer == NULL || g_strcmp0 (upp_answer_get_uuid (answer), finding->object_uuid) != 0)
    return TRUE;
  text = mask_matched (upp_answer_get_text (answer), words, masked->matched);
  if (text == NULL)
    return TRUE;
  (*n_masked)++;
  return upp_store_set_answer_from (self, round, response, finding->question_key, text,
                                    upp_answer_get_choices (answer), UPP_ANSWER_ORIGIN_EDIT,
                                    NULL, error);
}

static gboolean
mask_interview_note (UppStore           *self,
                     UppRound           *round,
                     MaskedText         *masked,
                     const char * const *words,
                     guint              *n_masked,
                     GError            **error)
{
  UppPrivacyFinding *finding = masked->first;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(GPtrArray) interviews = NULL;

  response = upp_store_find_response (self, round, finding->unit_name, error);
  if (response == NULL)
    return FALSE;
  interviews = upp_store_list_interviews (self, round, response, error);
  if (interviews == NULL)
    return FALSE;
  for (guint i = 0; i < interviews->len; i++)
    {
      UppInterview *interview = g_ptr_array_index (interviews, i);
      g_autofree char *note = NULL;

      if (!g_str_equal (upp_interview_get_uuid (interview), finding->object_uuid))
        continue;
      note = mask_matched (upp_interview_get_note (interview), words, masked->matched);
      if (note == NULL)
        return TRUE;
      (*n_masked)++;
      upp_interview_set_note (interview, note);
      return upp_store_save_interview (self, response, interview, error);
    }
  return TRUE;
}

static gboolean
mask_report_text (UppStore           *self,
                  UppRound           *round,
                  MaskedText         *masked,
                  const char * const *words,
                  guint              *n_masked,
                  GError            **error)
{
  const char *key = masked->first->place + strlen ("report_text:");
  g_autoptr(UppRound) stored = NULL;
  g_autofree char *text = NULL;

  /* The texts as stored now, not as the caller's round last read them: all are saved. */
  stored = upp_store_load_round (self, upp_round_get_uuid (round), error);
  if (stored == NULL)
    return FALSE;
  if (upp_round_get_text (stored, key) == NULL)
    return TRUE;
  text = mask_matched (upp_round_get_text (stored, key), words, masked->matched);
  if (text == NULL)
    return TRUE;
  (*n_masked)++;
  upp_round_set_text (stored, key, text);
  return upp_store_save_round_texts (self, stored, error);
}

gboolean
upp_store_mask_personal_data (UppStore   *self,
                              UppRound   *round,
                              GPtrArray  *findings,
                              guint      *n_masked,
                              GError    **error)
{
  g_autoptr(GHashTable) by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) masked_text_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_auto(GStrv) words = NULL;
  guint n = 0;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);
  g_return_val_if_fail (findings != NULL, FALSE);

  /* One change per text, however many matches it holds. */
  for (guint i = 0; i < findings->len; i++)
    {
      UppPrivacyFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *id = g_strconcat (finding->place, "\n", finding->object_uuid, "\n",
                                         finding->unit_name, "\n", finding->question_key, NULL);
      MaskedText *masked = g_hash_table_lookup (by_text, id);

      if (masked == NULL)
        {
          masked = g_new0 (MaskedText, 1);
          masked->first = finding;
          masked->matched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (by_text, g_steal_pointer (&id), masked);
          g_ptr_array_add (order, masked);
        }
      g_hash_table_add (masked->matched, upp_privacy_finding_dup_matched (finding));
    }

  words = upp_store_dup_privacy_words (self, error);
  if (words == NULL)
    return FALSE;
  if (!upp_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    {
      MaskedText *masked = g_ptr_array_index (order, i);
      const char *place = masked->first->place;
      gboolean ok;

      if (g_str_equal (place, "answer"))
        ok = mask_answer (self, round, masked, (const char * const *) words, &n, error);
      else if (g_str_equal (place, "interview_note"))
        ok = mask_interview_note (self, round, masked, (const char * const *) words, &n, error);
      else if (g_str_has_prefix (place, "report_text:"))
        ok = mask_report_text (self, round, masked, (const char * const *) words, &n, error);
      else
        ok = TRUE;
      if (!ok)
        {
          upp_store_rollback (self);
          return FALSE;
        }
    }
  if (!upp_store_commit (self, error))
    return FALSE;
  if (n_masked != NULL)
    *n_masked = n;
  return TRUE;
}
