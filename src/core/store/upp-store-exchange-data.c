/* upp-store-exchange-data.c: an exchange file's contents in memory: loaded from the database
 * for the writer, and the look-ups the exchange reader checks a file against
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include "upp-answer-version.h"
#include "upp-round.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-template.h"

/* ---- the structs -------------------------------------------------------------------------- */

GHashTable *
upp_exchange_history_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

UppExchangeData *
upp_exchange_data_new (const char *name)
{
  UppExchangeData *self = g_new0 (UppExchangeData, 1);

  self->name = g_strdup (name);
  self->templates = g_ptr_array_new_with_free_func (g_object_unref);
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_unit_free);
  self->units_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_round_free);
  self->themes = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_theme_free);
  self->themes_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->codings = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_coding_free);
  self->removed_codings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_removed_coding_free);
  return self;
}

void
upp_exchange_data_free (UppExchangeData *self)
{
  /* Keyed by the units' own uuids: gone before them. */
  g_clear_pointer (&self->units_by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->themes_by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->codings, g_ptr_array_unref);
  g_clear_pointer (&self->removed_codings, g_ptr_array_unref);
  g_clear_pointer (&self->rounds, g_ptr_array_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_free (self->device);
  g_free (self->device_name);
  g_free (self->name);
  g_free (self);
}

UppExchangeVersion *
upp_exchange_version_new (void)
{
  return g_new0 (UppExchangeVersion, 1);
}

void
upp_exchange_version_free (UppExchangeVersion *self)
{
  g_free (self->field);
  g_free (self->modified);
  g_free (self->device);
  g_clear_pointer (&self->history, g_hash_table_unref);
  g_free (self);
}

UppExchangeRemoval *
upp_exchange_removal_new (void)
{
  return g_new0 (UppExchangeRemoval, 1);
}

void
upp_exchange_removal_free (UppExchangeRemoval *self)
{
  g_free (self->unit);
  g_free (self->modified);
  g_free (self->device);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_free (self);
}

UppExchangeAgreement *
upp_exchange_agreement_new (void)
{
  return g_new0 (UppExchangeAgreement, 1);
}

void
upp_exchange_agreement_free (UppExchangeAgreement *self)
{
  g_free (self->uuid);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->status);
  g_free (self->signed_date);
  g_free (self->valid_from);
  g_free (self->valid_to);
  g_free (self->note);
  g_free (self->modified);
  g_free (self->device);
  g_free (self);
}

UppExchangeInterview *
upp_exchange_interview_new (void)
{
  return g_new0 (UppExchangeInterview, 1);
}

void
upp_exchange_interview_free (UppExchangeInterview *self)
{
  g_free (self->uuid);
  g_free (self->date);
  g_free (self->mode);
  g_free (self->participant_roles);
  g_free (self->note);
  g_free (self->modified);
  g_free (self->device);
  g_free (self);
}

UppExchangeUnit *
upp_exchange_unit_new (void)
{
  UppExchangeUnit *self = g_new0 (UppExchangeUnit, 1);

  self->members = g_ptr_array_new_with_free_func (g_free);
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_version_free);
  self->agreements =
    g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_agreement_free);
  return self;
}

void
upp_exchange_unit_free (UppExchangeUnit *self)
{
  g_free (self->uuid);
  g_free (self->region);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->sub_area);
  g_free (self->modified);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->agreements, g_ptr_array_unref);
  g_free (self);
}

UppExchangeAnswer *
upp_exchange_answer_new (void)
{
  UppExchangeAnswer *self = g_new0 (UppExchangeAnswer, 1);

  self->earlier = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

void
upp_exchange_answer_free (UppExchangeAnswer *self)
{
  g_free (self->uuid);
  g_free (self->question);
  g_free (self->text);
  g_strfreev (self->choices);
  g_free (self->modified);
  g_free (self->device);
  g_clear_pointer (&self->history, g_hash_table_unref);
  g_free (self->author);
  g_clear_pointer (&self->earlier, g_ptr_array_unref);
  g_free (self);
}

UppExchangeResponse *
upp_exchange_response_new (void)
{
  UppExchangeResponse *self = g_new0 (UppExchangeResponse, 1);

  self->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_answer_free);
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_version_free);
  self->interviews =
    g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_interview_free);
  return self;
}

void
upp_exchange_response_free (UppExchangeResponse *self)
{
  g_free (self->uuid);
  g_free (self->unit);
  g_free (self->status);
  g_free (self->interview_date);
  g_free (self->mode);
  g_free (self->participant_roles);
  g_free (self->check_sent);
  g_free (self->check_approved);
  g_free (self->modified);
  g_free (self->device);
  g_clear_pointer (&self->history, g_hash_table_unref);
  g_clear_pointer (&self->answers, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->interviews, g_ptr_array_unref);
  /* whole only borrows the fields above. */
  g_free (self);
}

UppExchangeText *
upp_exchange_text_new (void)
{
  return g_new0 (UppExchangeText, 1);
}

void
upp_exchange_text_free (UppExchangeText *self)
{
  g_free (self->key);
  g_free (self->text);
  g_free (self->modified);
  g_free (self);
}

UppExchangeRound *
upp_exchange_round_new (void)
{
  UppExchangeRound *self = g_new0 (UppExchangeRound, 1);

  self->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_text_free);
  self->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_response_free);
  self->removed = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_removal_free);
  return self;
}

void
upp_exchange_round_free (UppExchangeRound *self)
{
  g_free (self->uuid);
  g_free (self->region);
  g_free (self->title);
  g_free (self->template);
  g_free (self->created);
  g_free (self->modified);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  g_clear_pointer (&self->responses, g_ptr_array_unref);
  g_clear_pointer (&self->removed, g_ptr_array_unref);
  g_clear_object (&self->resolved_template);
  g_free (self);
}

UppExchangeTheme *
upp_exchange_theme_new (void)
{
  UppExchangeTheme *self = g_new0 (UppExchangeTheme, 1);

  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_exchange_version_free);
  return self;
}

void
upp_exchange_theme_free (UppExchangeTheme *self)
{
  g_free (self->uuid);
  g_free (self->region);
  g_free (self->name);
  g_free (self->description);
  g_free (self->kind);
  g_free (self->parent);
  g_free (self->colour);
  g_free (self->merged_into);
  g_free (self->modified);
  g_free (self->device);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_free (self);
}

UppExchangeCoding *
upp_exchange_coding_new (void)
{
  return g_new0 (UppExchangeCoding, 1);
}

void
upp_exchange_coding_free (UppExchangeCoding *self)
{
  g_free (self->uuid);
  g_free (self->answer);
  g_free (self->theme);
  g_free (self->anchor);
  g_free (self->modified);
  g_free (self->device);
  g_free (self);
}

UppExchangeRemovedCoding *
upp_exchange_removed_coding_new (void)
{
  return g_new0 (UppExchangeRemovedCoding, 1);
}

void
upp_exchange_removed_coding_free (UppExchangeRemovedCoding *self)
{
  g_free (self->uuid);
  g_free (self->modified);
  g_free (self->device);
  g_free (self);
}

/* ---- loading, for the writer -------------------------------------------------------------- */

typedef struct
{
  UppStore        *store;
  UppExchangeData *data;
  GHashTable      *unit_filter;   /* uuid → itself, or NULL for all units */
  GHashTable      *unit_ids;      /* row ids of the units written, as gint64 keys */
  GArray          *template_ids;  /* gint64 */
  GArray          *round_ids;     /* gint64 */
} Loader;

static void
loader_clear (Loader *self)
{
  g_clear_pointer (&self->data, upp_exchange_data_free);
  g_clear_pointer (&self->unit_filter, g_hash_table_unref);
  g_clear_pointer (&self->unit_ids, g_hash_table_unref);
  g_clear_pointer (&self->template_ids, g_array_unref);
  g_clear_pointer (&self->round_ids, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)

static gboolean
step_failed (Loader  *self,
             int      rc,
             GError **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  upp_store_set_sqlite_error (self->store, error);
  return TRUE;
}

static gboolean
read_ids (Loader      *self,
          const char  *sql,
          gint64       parameter,
          GArray      *ids,
          GError     **error)
{
  g_autoptr(UppCachedStatement) statement = upp_store_statement (self->store, sql, error);
  int rc;

  if (statement == NULL)
    return FALSE;
  if (parameter != 0)
    sqlite3_bind_int64 (statement, 1, parameter);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (ids, id);
    }
  return !step_failed (self, rc, error);
}

static gboolean
collect (Loader      *self,
         const char  *round_id,
         GError     **error)
{
  g_autoptr(GArray) unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (round_id != NULL)
    {
      g_autoptr(UppRound) round = upp_store_load_round (self->store, round_id, error);
      gint64 id;

      if (round == NULL)
        return FALSE;
      id = upp_round_get_id (round);
      g_array_append_val (self->round_ids, id);
      /* Earlier versions too: an upgraded round keeps its answers to their questions. */
      return read_ids (self, "SELECT t.id FROM rounds r JOIN templates u ON u.id = r.template_id "
                       "JOIN templates t ON t.key = u.key AND t.version <= u.version "
                       "WHERE r.id = ? ORDER BY t.version", id, self->template_ids, error);
    }

  /* The whole database carries units that no round uses yet, too. */
  if (!read_ids (self, "SELECT id FROM rounds ORDER BY year, id", 0, self->round_ids, error) ||
      !read_ids (self, "SELECT id FROM templates ORDER BY id", 0, self->template_ids, error) ||
      !read_ids (self, "SELECT id FROM units", 0, unit_ids, error))
    return FALSE;
  for (guint i = 0; i < unit_ids->len; i++)
    g_hash_table_add (self->unit_ids, g_memdup2 (&g_array_index (unit_ids, gint64, i),
                                                 sizeof (gint64)));
  return TRUE;
}

/* Units of the loaded rounds' responses, limited by the filter. */
static gboolean
collect_round_units (Loader  *self,
                     GError **error)
{
  for (guint i = 0; i < self->round_ids->len; i++)
    {
      g_autoptr(UppCachedStatement) statement = NULL;
      int rc;

      statement = upp_store_statement (self->store,
                                       "SELECT u.id, u.uuid FROM responses r "
                                       "JOIN units u ON u.id = r.unit_id WHERE r.round_id = ?",
                                       error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, g_array_index (self->round_ids, gint64, i));
      while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (statement, 0);

          if (self->unit_filter != NULL &&
              !g_hash_table_contains (self->unit_filter, upp_store_column_text (statement, 1)))
            continue;
          g_hash_table_add (self->unit_ids, g_memdup2 (&id, sizeof id));
        }
      if (step_failed (self, rc, error))
        return FALSE;
    }
  return TRUE;
}

/* Marks the version as shared and gives the object's history: every version it is known to
 * descend from, so the receiver can tell an update from a change on both sides. */
static gboolean
load_history (Loader       *self,
              const char   *uuid,
              const char   *modified,
              const char   *device,
              GHashTable  **history,
              GError      **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  g_autofree char *version = upp_store_version_id (modified, device);
  int rc;

  if (!upp_store_remember_version (self->store, uuid, version, error))
    return FALSE;
  select = upp_store_statement (self->store,
                                "SELECT version FROM sync_versions WHERE object_uuid = ?", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_text (select, 1, uuid, -1, SQLITE_TRANSIENT);
  *history = upp_exchange_history_new ();
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    g_hash_table_add (*history, g_strdup (upp_store_column_text (select, 0)));
  return !step_failed (self, rc, error);
}

/* The versions of the object's fields that changed since it was made (a unit's name, a
 * response's interview details), each with its history, so each merges on its own. */
static gboolean
load_field_versions (Loader      *self,
                     const char  *object_uuid,
                     GPtrArray   *versions,
                     GError     **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  int rc;

  select = upp_store_statement (self->store,
                                "SELECT field, modified, device FROM field_versions "
                                "WHERE object_uuid = ? ORDER BY field", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_text (select, 1, object_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      UppExchangeVersion *version = upp_exchange_version_new ();

      version->field = g_strdup (upp_store_column_text (select, 0));
      version->modified = g_strdup (upp_store_column_text (select, 1));
      version->device = g_strdup (upp_store_column_text (select, 2));
      g_ptr_array_add (versions, version);
    }
  if (step_failed (self, rc, error))
    return FALSE;
  g_clear_pointer (&select, upp_cached_statement_release);

  for (guint i = 0; i < versions->len; i++)
    {
      UppExchangeVersion *version = g_ptr_array_index (versions, i);
      g_autofree char *key = upp_store_field_key (object_uuid, version->field);

      if (!load_history (self, key, version->modified, version->device, &version->history,
                         error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_templates (Loader  *self,
                GError **error)
{
  for (guint i = 0; i < self->template_ids->len; i++)
    {
      UppTemplate *template =
        upp_store_load_template_by_id (self->store, g_array_index (self->template_ids, gint64, i),
                                       error);

      if (template == NULL)
        return FALSE;
      g_ptr_array_add (self->data->templates, template);
    }
  return TRUE;
}

static gboolean
load_members (Loader           *self,
              gint64            unit_id,
              UppExchangeUnit  *unit,
              GError          **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT municipality_code FROM unit_members "
                                   "WHERE unit_id = ? ORDER BY municipality_code", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, unit_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (unit->members, g_strdup (upp_store_column_text (statement, 0)));
  return !step_failed (self, rc, error);
}

/* The unit's register, removed agreements too: a removal travels like any other change. */
static gboolean
load_agreements (Loader           *self,
                 UppExchangeUnit  *unit,
                 GError          **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT uuid, name, kind, status, signed, valid_from, "
                                   "valid_to, note, removed, modified, device FROM agreements "
                                   "WHERE unit_id = ? ORDER BY uuid", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, unit->local_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      UppExchangeAgreement *agreement = upp_exchange_agreement_new ();

      agreement->uuid = g_strdup (upp_store_column_text (statement, 0));
      agreement->name = g_strdup (upp_store_column_text (statement, 1));
      agreement->kind = g_strdup (upp_store_column_text (statement, 2));
      agreement->status = g_strdup (upp_store_column_text (statement, 3));
      agreement->signed_date = g_strdup (upp_store_column_text (statement, 4));
      agreement->valid_from = g_strdup (upp_store_column_text (statement, 5));
      agreement->valid_to = g_strdup (upp_store_column_text (statement, 6));
      agreement->note = g_strdup (upp_store_column_text (statement, 7));
      agreement->removed = sqlite3_column_int (statement, 8) != 0;
      agreement->modified = g_strdup (upp_store_column_text (statement, 9));
      agreement->device = g_strdup (upp_store_column_text (statement, 10));
      g_ptr_array_add (unit->agreements, agreement);
    }
  return !step_failed (self, rc, error);
}

static gboolean
load_units (Loader  *self,
            GError **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT id, uuid, region_code, name, kind, sub_area, modified "
                                   "FROM units ORDER BY region_code, name, id", error);
  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      UppExchangeUnit *unit;

      if (!g_hash_table_contains (self->unit_ids, &id))
        continue;
      unit = upp_exchange_unit_new ();
      unit->uuid = g_strdup (upp_store_column_text (statement, 1));
      unit->region = g_strdup (upp_store_column_text (statement, 2));
      unit->name = g_strdup (upp_store_column_text (statement, 3));
      unit->kind = g_strdup (upp_store_column_text (statement, 4));
      unit->sub_area = g_strdup (upp_store_column_text (statement, 5));
      unit->modified = g_strdup (upp_store_column_text (statement, 6));
      unit->local_id = id;
      g_ptr_array_add (self->data->units, unit);
      g_hash_table_insert (self->data->units_by_uuid, unit->uuid, unit);
    }
  if (step_failed (self, rc, error))
    return FALSE;
  g_clear_pointer (&statement, upp_cached_statement_release);

  for (guint i = 0; i < self->data->units->len; i++)
    {
      UppExchangeUnit *unit = g_ptr_array_index (self->data->units, i);

      if (!load_members (self, unit->local_id, unit, error) ||
          !load_agreements (self, unit, error) ||
          !load_field_versions (self, unit->uuid, unit->versions, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_round_texts (Loader            *self,
                  UppExchangeRound  *round,
                  GError           **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT key, text, modified FROM round_texts "
                                   "WHERE round_id = ? ORDER BY key", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, round->local_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      UppExchangeText *text = upp_exchange_text_new ();

      text->key = g_strdup (upp_store_column_text (statement, 0));
      text->text = g_strdup (upp_store_column_text (statement, 1));
      text->modified = g_strdup (upp_store_column_text (statement, 2));
      g_ptr_array_add (round->texts, text);
    }
  return !step_failed (self, rc, error);
}

/* The answer's author, and its newest earlier values up to the bound a file may carry. */
static gboolean
load_earlier_versions (Loader             *self,
                       UppExchangeAnswer  *answer,
                       GError            **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT text, choices, modified, device, author, origin "
                                   "FROM answer_versions WHERE answer_uuid = ? "
                                   "ORDER BY modified DESC, id DESC LIMIT ?", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, answer->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 2, UPP_EXCHANGE_MAX_ANSWER_VERSIONS + 1);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      g_autoptr(UppAnswerVersion) version = NULL;
      g_auto(GStrv) choices = NULL;
      UppAnswerOrigin origin = UPP_ANSWER_ORIGIN_EDIT;

      if (g_strcmp0 (upp_store_column_text (statement, 2), answer->modified) == 0 &&
          g_strcmp0 (upp_store_column_text (statement, 3), answer->device) == 0)
        {
          g_free (answer->author);
          answer->author = g_strdup (upp_store_column_text (statement, 4));
          continue;
        }
      if (answer->earlier->len == UPP_EXCHANGE_MAX_ANSWER_VERSIONS)
        continue;
      version = upp_answer_version_new ();
      choices = upp_store_split_choices (upp_store_column_text (statement, 1));
      upp_answer_version_set_text (version, upp_store_column_text (statement, 0));
      upp_answer_version_set_choices (version, (const char * const *) choices);
      upp_answer_version_set_modified (version, upp_store_column_text (statement, 2));
      upp_answer_version_set_device (version, upp_store_column_text (statement, 3));
      upp_answer_version_set_author (version, upp_store_column_text (statement, 4));
      upp_answer_origin_from_key (upp_store_column_text (statement, 5), &origin);
      upp_answer_version_set_origin (version, origin);
      g_ptr_array_insert (answer->earlier, 0, g_steal_pointer (&version));
    }
  return !step_failed (self, rc, error);
}

static gboolean
load_answers (Loader               *self,
              UppExchangeResponse  *response,
              GError              **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT uuid, question_key, text, choices, modified, device "
                                   "FROM answers WHERE response_id = ? ORDER BY question_key",
                                   error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, response->local_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      UppExchangeAnswer *answer = upp_exchange_answer_new ();

      answer->uuid = g_strdup (upp_store_column_text (statement, 0));
      answer->question = g_strdup (upp_store_column_text (statement, 1));
      answer->text = g_strdup (upp_store_column_text (statement, 2));
      answer->choices = upp_store_split_choices (upp_store_column_text (statement, 3));
      answer->modified = g_strdup (upp_store_column_text (statement, 4));
      answer->device = g_strdup (upp_store_column_text (statement, 5));
      g_ptr_array_add (response->answers, answer);
    }
  if (step_failed (self, rc, error))
    return FALSE;
  g_clear_pointer (&statement, upp_cached_statement_release);

  for (guint i = 0; i < response->answers->len; i++)
    {
      UppExchangeAnswer *answer = g_ptr_array_index (response->answers, i);

      if (!load_history (self, answer->uuid, answer->modified, answer->device,
                         &answer->history, error) ||
          !load_earlier_versions (self, answer, error))
        return FALSE;
    }
  return TRUE;
}

/* Further interviews with the response's unit, removed ones too. */
static gboolean
load_interviews (Loader               *self,
                 UppExchangeResponse  *response,
                 GError              **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT uuid, interview_date, mode, duration_minutes, "
                                   "participant_count, participant_roles, note, removed, "
                                   "modified, device FROM interviews WHERE response_id = ? "
                                   "ORDER BY uuid", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, response->local_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      UppExchangeInterview *interview = upp_exchange_interview_new ();

      interview->uuid = g_strdup (upp_store_column_text (statement, 0));
      interview->date = g_strdup (upp_store_column_text (statement, 1));
      interview->mode = g_strdup (upp_store_column_text (statement, 2));
      interview->duration_minutes = sqlite3_column_int64 (statement, 3);
      interview->participant_count = sqlite3_column_int64 (statement, 4);
      interview->participant_roles = g_strdup (upp_store_column_text (statement, 5));
      interview->note = g_strdup (upp_store_column_text (statement, 6));
      interview->removed = sqlite3_column_int (statement, 7) != 0;
      interview->modified = g_strdup (upp_store_column_text (statement, 8));
      interview->device = g_strdup (upp_store_column_text (statement, 9));
      g_ptr_array_add (response->interviews, interview);
    }
  return !step_failed (self, rc, error);
}

static gboolean
load_responses (Loader            *self,
                UppExchangeRound  *round,
                GError           **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  statement = upp_store_statement (self->store,
                                   "SELECT r.id, r.uuid, u.id, u.uuid, r.position, r.status, "
                                   "r.interview_date, r.mode, r.participant_count, "
                                   "r.participant_roles, r.modified, r.device, "
                                   "r.duration_minutes, r.check_sent, r.check_approved "
                                   "FROM responses r JOIN units u ON u.id = r.unit_id "
                                   "WHERE r.round_id = ? ORDER BY r.position, u.name", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, round->local_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (statement, 2);
      UppExchangeResponse *response;

      if (!g_hash_table_contains (self->unit_ids, &unit_id))
        continue;
      response = upp_exchange_response_new ();
      response->local_id = sqlite3_column_int64 (statement, 0);
      response->uuid = g_strdup (upp_store_column_text (statement, 1));
      response->unit = g_strdup (upp_store_column_text (statement, 3));
      response->position = sqlite3_column_int (statement, 4);
      response->status = g_strdup (upp_store_column_text (statement, 5));
      response->interview_date = g_strdup (upp_store_column_text (statement, 6));
      response->mode = g_strdup (upp_store_column_text (statement, 7));
      response->participant_count = sqlite3_column_int (statement, 8);
      response->participant_roles = g_strdup (upp_store_column_text (statement, 9));
      response->modified = g_strdup (upp_store_column_text (statement, 10));
      response->device = g_strdup (upp_store_column_text (statement, 11));
      response->duration_minutes = sqlite3_column_int (statement, 12);
      response->check_sent = g_strdup (upp_store_column_text (statement, 13));
      response->check_approved = g_strdup (upp_store_column_text (statement, 14));
      g_ptr_array_add (round->responses, response);
    }
  if (step_failed (self, rc, error))
    return FALSE;
  g_clear_pointer (&statement, upp_cached_statement_release);

  for (guint i = 0; i < round->responses->len; i++)
    {
      UppExchangeResponse *response = g_ptr_array_index (round->responses, i);

      if (!load_history (self, response->uuid, response->modified, response->device,
                         &response->history, error) ||
          !load_field_versions (self, response->uuid, response->versions, error) ||
          !load_interviews (self, response, error) ||
          !load_answers (self, response, error))
        return FALSE;
    }
  return TRUE;
}

/* Units taken out of the round, so the receiver takes them out too (or brings them back
 * with what it answered since: see merge_removed_units in upp-store-merge.c). */
static gboolean
load_removed_units (Loader            *self,
                    UppExchangeRound  *round,
                    GError           **error)
{
  g_autoptr(UppCachedStatement) select = NULL;
  int rc;

  select = upp_store_statement (self->store,
                                "SELECT unit_uuid, modified, device, known FROM removed_units "
                                "WHERE round_uuid = ? ORDER BY unit_uuid", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_text (select, 1, round->uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_auto(GStrv) known = g_strsplit (upp_store_column_text (select, 3), "\n", -1);
      UppExchangeRemoval *removal = upp_exchange_removal_new ();

      removal->unit = g_strdup (upp_store_column_text (select, 0));
      removal->modified = g_strdup (upp_store_column_text (select, 1));
      removal->device = g_strdup (upp_store_column_text (select, 2));
      removal->known = upp_exchange_history_new ();
      for (guint i = 0; known[i] != NULL; i++)
        {
          if (*known[i] != '\0')
            g_hash_table_add (removal->known, g_strdup (known[i]));
        }
      g_ptr_array_add (round->removed, removal);
    }
  return !step_failed (self, rc, error);
}

static gboolean
load_rounds (Loader  *self,
             GError **error)
{
  for (guint i = 0; i < self->round_ids->len; i++)
    {
      g_autoptr(UppCachedStatement) statement = NULL;
      gint64 round_id = g_array_index (self->round_ids, gint64, i);
      UppExchangeRound *round;

      statement = upp_store_statement (self->store,
                                       "SELECT r.uuid, r.year, r.region_code, r.title, t.uuid, "
                                       "r.created, r.modified FROM rounds r "
                                       "JOIN templates t ON t.id = r.template_id WHERE r.id = ?",
                                       error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, round_id);
      if (sqlite3_step (statement) != SQLITE_ROW)
        continue;
      round = upp_exchange_round_new ();
      round->local_id = round_id;
      round->uuid = g_strdup (upp_store_column_text (statement, 0));
      round->year = sqlite3_column_int (statement, 1);
      round->region = g_strdup (upp_store_column_text (statement, 2));
      round->title = g_strdup (upp_store_column_text (statement, 3));
      round->template = g_strdup (upp_store_column_text (statement, 4));
      round->created = g_strdup (upp_store_column_text (statement, 5));
      round->modified = g_strdup (upp_store_column_text (statement, 6));
      round->has_versions = TRUE;
      g_ptr_array_add (self->data->rounds, round);
      g_clear_pointer (&statement, upp_cached_statement_release);
      if (!load_round_texts (self, round, error) ||
          !load_responses (self, round, error) ||
          !load_removed_units (self, round, error))
        return FALSE;
    }
  return TRUE;
}

/* The codebooks of the loaded rounds' regions (of every region for the whole database),
 * retired themes too: a merged theme tells where its passages went. */
static gboolean
load_themes (Loader      *self,
             const char  *round_id,
             GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  for (guint i = 0; i < self->data->rounds->len; i++)
    {
      UppExchangeRound *round = g_ptr_array_index (self->data->rounds, i);

      g_hash_table_add (regions, g_strdup (round->region));
    }
  statement = upp_store_statement (self->store,
                                   "SELECT uuid, region_code, name, description, kind, "
                                   "parent_uuid, colour, retired, merged_into, modified, device "
                                   "FROM themes ORDER BY region_code, retired, name_key, uuid",
                                   error);
  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      UppExchangeTheme *theme;

      if (round_id != NULL &&
          !g_hash_table_contains (regions, upp_store_column_text (statement, 1)))
        continue;
      theme = upp_exchange_theme_new ();
      theme->uuid = g_strdup (upp_store_column_text (statement, 0));
      theme->region = g_strdup (upp_store_column_text (statement, 1));
      theme->name = g_strdup (upp_store_column_text (statement, 2));
      theme->description = g_strdup (upp_store_column_text (statement, 3));
      theme->kind = g_strdup (upp_store_column_text (statement, 4));
      theme->parent = g_strdup (upp_store_column_text (statement, 5));
      theme->colour = g_strdup (upp_store_column_text (statement, 6));
      theme->retired = sqlite3_column_int (statement, 7) != 0;
      theme->merged_into = g_strdup (upp_store_column_text (statement, 8));
      theme->modified = g_strdup (upp_store_column_text (statement, 9));
      theme->device = g_strdup (upp_store_column_text (statement, 10));
      g_ptr_array_add (self->data->themes, theme);
      g_hash_table_insert (self->data->themes_by_uuid, theme->uuid, theme);
    }
  if (step_failed (self, rc, error))
    return FALSE;
  g_clear_pointer (&statement, upp_cached_statement_release);

  for (guint i = 0; i < self->data->themes->len; i++)
    {
      UppExchangeTheme *theme = g_ptr_array_index (self->data->themes, i);

      if (!load_field_versions (self, theme->uuid, theme->versions, error))
        return FALSE;
    }
  return TRUE;
}

/* The coded passages of the loaded answers, and every coding taken off. */
static gboolean
load_codings (Loader  *self,
              GError **error)
{
  g_autoptr(UppCachedStatement) removed = NULL;
  int rc;

  for (guint i = 0; i < self->data->rounds->len; i++)
    {
      UppExchangeRound *round = g_ptr_array_index (self->data->rounds, i);

      for (guint j = 0; j < round->responses->len; j++)
        {
          UppExchangeResponse *response = g_ptr_array_index (round->responses, j);
          g_autoptr(UppCachedStatement) statement = NULL;

          statement = upp_store_statement (self->store,
                                           "SELECT c.uuid, a.uuid, c.theme_uuid, c.start_char, "
                                           "c.end_char, c.anchor, c.flagged, c.quote, "
                                           "c.modified, c.device FROM codings c "
                                           "JOIN answers a ON a.id = c.answer_id "
                                           "WHERE a.response_id = ? ORDER BY a.question_key, "
                                           "c.start_char, c.end_char, c.uuid", error);
          if (statement == NULL)
            return FALSE;
          sqlite3_bind_int64 (statement, 1, response->local_id);
          while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
            {
              UppExchangeCoding *coding = upp_exchange_coding_new ();

              coding->uuid = g_strdup (upp_store_column_text (statement, 0));
              coding->answer = g_strdup (upp_store_column_text (statement, 1));
              coding->theme = g_strdup (upp_store_column_text (statement, 2));
              coding->start = sqlite3_column_int64 (statement, 3);
              coding->end = sqlite3_column_int64 (statement, 4);
              coding->anchor = g_strdup (upp_store_column_text (statement, 5));
              coding->flagged = sqlite3_column_int (statement, 6) != 0;
              coding->quote = sqlite3_column_int (statement, 7) != 0;
              coding->modified = g_strdup (upp_store_column_text (statement, 8));
              coding->device = g_strdup (upp_store_column_text (statement, 9));
              g_ptr_array_add (self->data->codings, coding);
            }
          if (step_failed (self, rc, error))
            return FALSE;
        }
    }

  removed = upp_store_statement (self->store,
                                 "SELECT uuid, modified, device FROM removed_codings "
                                 "ORDER BY uuid", error);
  if (removed == NULL)
    return FALSE;
  while ((rc = sqlite3_step (removed)) == SQLITE_ROW)
    {
      UppExchangeRemovedCoding *coding = upp_exchange_removed_coding_new ();

      coding->uuid = g_strdup (upp_store_column_text (removed, 0));
      coding->modified = g_strdup (upp_store_column_text (removed, 1));
      coding->device = g_strdup (upp_store_column_text (removed, 2));
      g_ptr_array_add (self->data->removed_codings, coding);
    }
  return !step_failed (self, rc, error);
}

static gboolean
load (Loader              *self,
      const char          *round_id,
      const char * const  *unit_uuids,
      GError             **error)
{
  if (!collect (self, round_id, error))
    return FALSE;
  if (unit_uuids != NULL)
    {
      self->unit_filter = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; unit_uuids[i] != NULL; i++)
        g_hash_table_add (self->unit_filter, g_strdup (unit_uuids[i]));
    }
  return collect_round_units (self, error) &&
         load_templates (self, error) &&
         load_units (self, error) &&
         load_rounds (self, error) &&
         load_themes (self, round_id, error) &&
         load_codings (self, error);
}

UppExchangeData *
upp_store_load_exchange (UppStore            *self,
                         const char          *round_id,
                         const char * const  *unit_uuids,
                         GError             **error)
{
  g_auto(Loader) loader = { 0 };

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  loader.store = self;
  loader.data = upp_exchange_data_new (NULL);
  loader.unit_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  loader.template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  loader.round_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* One transaction: a consistent snapshot, and the shared versions recorded with it. */
  if (!upp_store_begin (self, error))
    return NULL;
  if (!load (&loader, round_id, unit_uuids, error))
    {
      upp_store_rollback (self);
      return NULL;
    }
  if (!upp_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&loader.data);
}

/* ---- look-ups for the checks of a file ---------------------------------------------------- */

gboolean
upp_store_has_region (UppStore   *self,
                      const char *code)
{
  return upp_store_lookup_region (self, code) != NULL;
}

gboolean
upp_store_has_municipality (UppStore   *self,
                            const char *code,
                            const char *region_code)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self,
                         "SELECT 1 FROM municipalities WHERE code = ? AND region_code = ?", NULL);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, region_code, -1, SQLITE_TRANSIENT);
  return sqlite3_step (statement) == SQLITE_ROW;
}

gboolean
upp_store_describe_unit (UppStore    *self,
                         const char  *uuid,
                         char       **region_code,
                         char       **name)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT region_code, name FROM units WHERE uuid = ?", NULL);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_ROW)
    return FALSE;
  *region_code = g_strdup (upp_store_column_text (statement, 0));
  *name = g_strdup (upp_store_column_text (statement, 1));
  return TRUE;
}

gboolean
upp_store_describe_answer (UppStore    *self,
                           const char  *uuid,
                           char       **text,
                           char       **region_code)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self,
                         "SELECT a.text, ro.region_code FROM answers a "
                         "JOIN responses r ON r.id = a.response_id "
                         "JOIN rounds ro ON ro.id = r.round_id WHERE a.uuid = ?", NULL);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_ROW)
    return FALSE;
  *text = g_strdup (upp_store_column_text (statement, 0));
  *region_code = g_strdup (upp_store_column_text (statement, 1));
  return TRUE;
}

gboolean
upp_store_describe_theme (UppStore    *self,
                          const char  *uuid,
                          char       **region_code)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT region_code FROM themes WHERE uuid = ?", NULL);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_ROW)
    return FALSE;
  *region_code = g_strdup (upp_store_column_text (statement, 0));
  return TRUE;
}

UppTemplate *
upp_store_load_template_by_uuid (UppStore    *self,
                                 const char  *uuid,
                                 GError     **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT id FROM templates WHERE uuid = ?", error);
  gint64 id;
  int rc;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (statement);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  id = sqlite3_column_int64 (statement, 0);
  g_clear_pointer (&statement, upp_cached_statement_release);
  return upp_store_load_template_by_id (self, id, error);
}

GPtrArray *
upp_store_find_templates_like (UppStore    *self,
                               const char  *uuid,
                               const char  *key,
                               int          version,
                               GError     **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  find = upp_store_statement (self,
                              "SELECT id FROM templates "
                              "WHERE uuid = ?1 OR (key = ?2 AND version = ?3)", error);
  if (find == NULL)
    return NULL;
  sqlite3_bind_text (find, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (find, 3, version);
  while ((rc = sqlite3_step (find)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (find, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  g_clear_pointer (&find, upp_cached_statement_release);

  for (guint i = 0; i < ids->len; i++)
    {
      UppTemplate *template = upp_store_load_template_by_id (self,
                                                             g_array_index (ids, gint64, i),
                                                             error);
      if (template == NULL)
        return NULL;
      g_ptr_array_add (templates, template);
    }
  return g_steal_pointer (&templates);
}

char *
upp_store_dup_round_template_uuid (UppStore   *self,
                                   const char *round_uuid)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self,
                         "SELECT t.uuid FROM rounds r JOIN templates t ON t.id = r.template_id "
                         "WHERE r.uuid = ?", NULL);

  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, round_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_ROW)
    return NULL;
  return g_strdup (upp_store_column_text (statement, 0));
}
