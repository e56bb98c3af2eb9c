/* upp-store-upgrade.c: a round moved to a newer version of its template, its answers carried
 * over along the question mapping
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store-upgrade"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-backup.h"
#include "upp-question.h"
#include "upp-round.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-util.h"

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *key;
  char   *text;
  char   *choices;
  char   *modified;
  char   *device;
} OldAnswer;

static void
old_answer_free (OldAnswer *self)
{
  g_free (self->uuid);
  g_free (self->key);
  g_free (self->text);
  g_free (self->choices);
  g_free (self->modified);
  g_free (self->device);
  g_free (self);
}

/* Every answer of the round: response id → (question key → OldAnswer). */
static GHashTable *
load_round_answers (UppStore  *self,
                    gint64     round_id,
                    GError   **error)
{
  g_autoptr(GHashTable) responses = NULL;
  g_autoptr(UppCachedStatement) select = NULL;
  int rc;

  select = upp_store_statement (self,
                                "SELECT a.id, a.uuid, a.response_id, a.question_key, a.text, "
                                "a.choices, a.modified, a.device FROM answers a "
                                "JOIN responses r ON r.id = a.response_id WHERE r.round_id = ?",
                                error);
  if (select == NULL)
    return NULL;
  responses = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                     (GDestroyNotify) g_hash_table_unref);
  sqlite3_bind_int64 (select, 1, round_id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 response_id = sqlite3_column_int64 (select, 2);
      OldAnswer *answer = g_new0 (OldAnswer, 1);
      GHashTable *answers = g_hash_table_lookup (responses, &response_id);

      if (answers == NULL)
        {
          answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) old_answer_free);
          g_hash_table_insert (responses, g_memdup2 (&response_id, sizeof response_id),
                               answers);
        }
      answer->id = sqlite3_column_int64 (select, 0);
      answer->uuid = g_strdup (upp_store_column_text (select, 1));
      answer->key = g_strdup (upp_store_column_text (select, 3));
      answer->text = g_strdup (upp_store_column_text (select, 4));
      answer->choices = g_strdup (upp_store_column_text (select, 5));
      answer->modified = g_strdup (upp_store_column_text (select, 6));
      answer->device = g_strdup (upp_store_column_text (select, 7));
      g_hash_table_insert (answers, answer->key, answer);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&responses);
}

/* Two computers that upgrade the same round make the same answer: its uuid comes from what
 * it was made of (SHA-256, shaped as a version 8 uuid). */
static char *
dup_derived_uuid (GPtrArray  *sources,
                  const char *kind,
                  const char *key)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char hex[33];

  g_checksum_update (checksum, (const guchar *) kind, -1);
  for (guint i = 0; i < sources->len; i++)
    {
      g_checksum_update (checksum, (const guchar *) "\n", 1);
      g_checksum_update (checksum, g_ptr_array_index (sources, i), -1);
    }
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  memcpy (hex, g_checksum_get_string (checksum), 32);
  hex[32] = '\0';
  hex[12] = '8';
  hex[16] = "89ab"[g_ascii_xdigit_value (hex[16]) & 3];
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
                          hex + 20);
}

static gboolean
same_choice_keys (UppQuestion *a,
                  UppQuestion *b)
{
  GPtrArray *choices_a = upp_question_get_choices (a);
  GPtrArray *choices_b = upp_question_get_choices (b);

  if (choices_a->len != choices_b->len)
    return FALSE;
  for (guint i = 0; i < choices_a->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (choices_a, i);

      if (upp_question_find_choice (b, choice->key) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Copies the coded passages of a renamed or split question to its answer under the new key,
 * whose text is the same; each copy gets a uuid of its own that every computer agrees on. */
static gboolean
copy_codings (UppStore   *self,
              OldAnswer  *old,
              gint64      answer_id,
              const char *key,
              GError    **error)
{
  g_autoptr(GPtrArray) codings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(UppCachedStatement) select = NULL;
  int rc;

  select = upp_store_statement (self, "SELECT uuid FROM codings WHERE answer_id = ?", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, old->id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    g_ptr_array_add (codings, g_strdup (upp_store_column_text (select, 0)));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  g_clear_pointer (&select, upp_cached_statement_release);

  for (guint i = 0; i < codings->len; i++)
    {
      g_autoptr(GPtrArray) source = g_ptr_array_new ();
      g_autoptr(UppCachedStatement) copy = NULL;
      g_autofree char *uuid = NULL;

      g_ptr_array_add (source, g_ptr_array_index (codings, i));
      uuid = dup_derived_uuid (source, "coding", key);
      copy = upp_store_statement (self,
                                  "INSERT OR IGNORE INTO codings (uuid, answer_id, theme_uuid, "
                                  "start_char, end_char, anchor, flagged, quote, modified, "
                                  "device) SELECT ?1, ?2, theme_uuid, start_char, end_char, "
                                  "anchor, flagged, quote, modified, device FROM codings "
                                  "WHERE uuid = ?3", error);
      if (copy == NULL)
        return FALSE;
      sqlite3_bind_text (copy, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (copy, 2, answer_id);
      sqlite3_bind_text (copy, 3, g_ptr_array_index (codings, i), -1, SQLITE_TRANSIENT);
      if (!upp_store_step_done (self, copy, error))
        return FALSE;
    }
  return TRUE;
}

/* The answer to question under its new key, made of the answers to the old questions it
 * comes from (sources, in the old template's order). */
static gboolean
derive_answer (UppStore     *self,
               gint64        response_id,
               UppTemplate  *older,
               UppQuestion  *question,
               GPtrArray    *sources,
               GError      **error)
{
  const char *key = upp_question_get_key (question);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(UppCachedStatement) insert = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *version = NULL;
  const char *choices = "";
  OldAnswer *newest = NULL;
  OldAnswer *with_choices = NULL;
  guint n_with_choices = 0;
  gint64 answer_id;

  for (guint i = 0; i < sources->len; i++)
    {
      OldAnswer *old = g_ptr_array_index (sources, i);

      g_ptr_array_add (uuids, old->uuid);
      if (*old->text != '\0')
        {
          if (text->len > 0)
            g_string_append (text, "\n\n");
          g_string_append (text, old->text);
        }
      if (*old->choices != '\0')
        {
          with_choices = old;
          n_with_choices++;
        }
      if (newest == NULL || strcmp (old->modified, newest->modified) > 0 ||
          (strcmp (old->modified, newest->modified) == 0 &&
           strcmp (old->device, newest->device) > 0))
        newest = old;
    }
  /* Choices mean the same only among the same choice keys. */
  if (n_with_choices == 1 &&
      same_choice_keys (question, upp_template_find_question (older, with_choices->key)))
    choices = with_choices->choices;

  uuid = dup_derived_uuid (uuids, "answer", key);
  insert = upp_store_statement (self,
                                "INSERT INTO answers (uuid, response_id, question_key, text, "
                                "choices, modified, device) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 2, response_id);
  sqlite3_bind_text (insert, 3, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 4, text->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 5, choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 6, newest->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 7, newest->device, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, insert, error))
    return FALSE;
  answer_id = sqlite3_last_insert_rowid (self->db);
  /* Its history begins with what it was made of, alike on every computer. */
  if (!upp_store_add_answer_version (self, uuid, text->str, choices, newest->modified,
                                     newest->device, "", UPP_ANSWER_ORIGIN_UPGRADE, NULL, error))
    return FALSE;

  /* Its first version counts as shared: the other computer makes the same one, so an edit
   * of it here reads there as an update, not as a change on both sides. */
  version = upp_store_version_id (newest->modified, newest->device);
  if (!upp_store_remember_version (self, uuid, version, error))
    return FALSE;
  /* It descends from every shared version of what it is made of: an old answer edited here
   * before the upgrade wins over the answer another computer made of its earlier text. */
  for (guint i = 0; i < sources->len; i++)
    {
      OldAnswer *old = g_ptr_array_index (sources, i);
      g_autoptr(UppCachedStatement) inherit = NULL;

      inherit = upp_store_statement (self,
                                     "INSERT OR IGNORE INTO sync_versions (object_uuid, version) "
                                     "SELECT ?1, version FROM sync_versions "
                                     "WHERE object_uuid = ?2", error);
      if (inherit == NULL)
        return FALSE;
      sqlite3_bind_text (inherit, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (inherit, 2, old->uuid, -1, SQLITE_TRANSIENT);
      if (!upp_store_step_done (self, inherit, error))
        return FALSE;
    }

  if (sources->len == 1)
    return copy_codings (self, g_ptr_array_index (sources, 0), answer_id, key, error);
  return TRUE;
}

gboolean
upp_store_upgrade_round_rows (UppStore     *self,
                              gint64        round_id,
                              UppTemplate  *older,
                              UppTemplate  *newer,
                              const char   *modified,
                              GError      **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GHashTable) responses = NULL;
  g_autoptr(UppCachedStatement) update = NULL;
  GHashTableIter iter;
  gpointer response_id;
  gpointer answers;

  versions = upp_store_list_template_versions (self, upp_template_get_key (newer), error);
  if (versions == NULL)
    return FALSE;
  responses = load_round_answers (self, round_id, error);
  if (responses == NULL)
    return FALSE;

  update = upp_store_statement (self,
                                "UPDATE rounds SET template_id = ?2, "
                                "modified = max(modified, ?3) WHERE id = ?1", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, round_id);
  sqlite3_bind_int64 (update, 2, upp_template_get_id (newer));
  sqlite3_bind_text (update, 3, modified, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, update, error))
    return FALSE;

  for (guint q = 0; q < upp_template_get_n_questions (newer); q++)
    {
      UppQuestion *question = upp_template_get_question (newer, q);
      const char *key = upp_question_get_key (question);
      g_auto(GStrv) from = upp_template_map_question_key (newer, older, versions, key);
      g_autoptr(GPtrArray) from_keys = g_ptr_array_new ();

      /* The same question under the same key keeps its answer as it is. */
      if (g_strv_length (from) == 1 && strcmp (from[0], key) == 0)
        continue;
      for (guint o = 0; o < upp_template_get_n_questions (older); o++)
        {
          const char *old_key = upp_question_get_key (upp_template_get_question (older, o));

          if (g_strv_contains ((const char * const *) from, old_key))
            g_ptr_array_add (from_keys, (gpointer) old_key);
        }
      if (from_keys->len == 0)
        continue;

      g_hash_table_iter_init (&iter, responses);
      while (g_hash_table_iter_next (&iter, &response_id, &answers))
        {
          g_autoptr(GPtrArray) sources = g_ptr_array_new ();

          /* An answer already given under the new key is left alone: upgrading twice
           * changes nothing. */
          if (g_hash_table_contains (answers, key))
            continue;
          for (guint i = 0; i < from_keys->len; i++)
            {
              OldAnswer *old = g_hash_table_lookup (answers, g_ptr_array_index (from_keys, i));

              if (old != NULL)
                g_ptr_array_add (sources, old);
            }
          if (sources->len > 0 &&
              !derive_answer (self, *(gint64 *) response_id, older, question, sources, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
upp_store_upgrade_round_template (UppStore     *self,
                                  UppRound     *round,
                                  UppTemplate  *newer_template,
                                  GError      **error)
{
  g_autoptr(UppRound) stored = NULL;
  g_autoptr(UppTemplate) newer = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  UppTemplate *older;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);
  g_return_val_if_fail (UPP_IS_TEMPLATE (newer_template), FALSE);

  /* As stored now: the round object may be older than another window's upgrade. */
  stored = upp_store_load_round_by_id (self, upp_round_get_id (round), error);
  if (stored == NULL)
    return FALSE;
  older = upp_round_get_template (stored);
  if (g_strcmp0 (upp_template_get_key (older), upp_template_get_key (newer_template)) != 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The template “%s” is not a version of “%s”, the template of the round "
                     "“%s”."), upp_template_get_key (newer_template),
                   upp_template_get_key (older), upp_round_get_title (stored));
      return FALSE;
    }
  if (upp_template_get_version (newer_template) <= upp_template_get_version (older))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The round “%s” already uses version %d of the template “%s”; only a "
                     "newer version can replace it."), upp_round_get_title (stored),
                   upp_template_get_version (older), upp_template_get_key (older));
      return FALSE;
    }
  newer = upp_store_load_template (self, upp_template_get_key (newer_template),
                                   upp_template_get_version (newer_template), error);
  if (newer == NULL)
    return FALSE;

  if (!upp_store_make_backup (self, UPP_BACKUP_BEFORE_UPGRADE, NULL, error))
    return FALSE;
  if (!upp_store_begin (self, error))
    return FALSE;
  if (!upp_store_upgrade_round_rows (self, upp_round_get_id (stored), older, newer, now,
                                     error))
    {
      upp_store_rollback (self);
      return FALSE;
    }
  if (!upp_store_commit (self, error))
    return FALSE;
  upp_store_forget_cache (self);
  return TRUE;
}
