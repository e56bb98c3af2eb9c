/* upp-store-rounds.c: rounds (one year's follow-up in a region) in the store
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-municipality.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-unit.h"
#include "upp-util.h"

/* The answered units are counted by upp_response_counts_as_answered ()'s rule: done or
 * approved, or not declined with a non-empty answer to one of the template's questions, one
 * of its item fields or a cell of its table (a table's row itself, "QUESTION:ROW", holds
 * only its position; upp-answer-key.h). */
/* Each template's question keys, read from its JSON once per statement, not once per answer
 * (a correlated json_each made listing ten years of rounds cost 40 ms). */
#define ROUND_KEYS \
  "WITH template_keys (template_id, key, kind) AS MATERIALIZED (SELECT t.id, " \
  "  q.value ->> '$.key', q.value ->> '$.kind' " \
  "  FROM templates t, json_each (t.json, '$.questions') q) "
#define ROUND_COLUMNS \
  "r.id, r.uuid, r.year, r.region_code, r.title, r.template_id, " \
  "(SELECT count(*) FROM responses s WHERE s.round_id = r.id), " \
  "(SELECT count(*) FROM responses s WHERE s.round_id = r.id AND (s.status IN ('done', 'approved') " \
  "   OR (s.status <> 'no_answer' AND EXISTS (SELECT 1 FROM answers a WHERE a.response_id = s.id " \
  "       AND (trim (a.text, ' ' || char (9, 10, 13)) <> '' OR a.choices <> '') " \
  "       AND EXISTS (SELECT 1 FROM template_keys k WHERE k.template_id = r.template_id " \
  "           AND (a.question_key = k.key " \
  "                OR (substr (a.question_key, 1, length (k.key) + 1) = k.key || ':' " \
  "                    AND (k.kind IS NOT 'table' " \
  "                         OR instr (substr (a.question_key, length (k.key) + 2), ':') > 0))))" \
  "       ))))"

/* Reads rounds from a statement selecting ROUND_COLUMNS. */
static GPtrArray *
rounds_from_statement (UppStore      *self,
                       sqlite3_stmt  *statement,
                       GError       **error)
{
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int rc;

  /* Collect first: loading templates and texts uses other statements. */
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 9);  /* NULL-terminated for g_strfreev */

      for (int i = 0; i < 8; i++)
        row[i] = g_strdup (upp_store_column_text (statement, i));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  sqlite3_reset (statement);

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr(UppTemplate) template = NULL;
      UppRegion *region = upp_store_lookup_region (self, row[3]);
      UppRound *round;

      template = upp_store_load_template_by_id (self, g_ascii_strtoll (row[5], NULL, 10), error);
      if (template == NULL)
        return NULL;
      if (region == NULL)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                       _("A round refers to the unknown region code “%s”."), row[3]);
          return NULL;
        }
      round = upp_round_new ((int) g_ascii_strtoll (row[2], NULL, 10), region, row[4], template);
      upp_round_set_id (round, g_ascii_strtoll (row[0], NULL, 10));
      upp_round_set_uuid (round, row[1]);
      upp_round_set_counts (round, (guint) g_ascii_strtoull (row[6], NULL, 10),
                            (guint) g_ascii_strtoull (row[7], NULL, 10));
      g_ptr_array_add (rounds, round);
      if (!upp_store_load_round_texts (self, round, error))
        return NULL;
    }
  return g_steal_pointer (&rounds);
}

GPtrArray *
upp_store_list_rounds (UppStore  *self,
                       GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   ROUND_KEYS "SELECT " ROUND_COLUMNS " FROM rounds r "
                                   "JOIN regions g ON g.code = r.region_code "
                                   "ORDER BY r.year DESC, g.name, r.title, r.id", error);
  if (statement == NULL)
    return NULL;
  return rounds_from_statement (self, statement, error);
}

static UppRound *
single_round (UppStore   *self,
              GPtrArray  *rounds,
              const char *wanted,
              GError    **error)
{
  if (rounds == NULL)
    return NULL;
  if (rounds->len == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("There is no round “%s”; list the rounds to see their ids."), wanted);
      return NULL;
    }
  if (rounds->len > 1)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_AMBIGUOUS,
                   _("“%s” matches %u rounds; give more of the id."), wanted, rounds->len);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (rounds, 0));
}

UppRound *
upp_store_load_round (UppStore    *self,
                      const char  *uuid,
                      GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  if (uuid == NULL || upp_str_is_blank (uuid))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND, _("No round was given."));
      return NULL;
    }

  statement = upp_store_statement (self,
                                   ROUND_KEYS "SELECT " ROUND_COLUMNS " FROM rounds r "
                                   "WHERE r.uuid = ?1 OR (length (?1) >= 1 AND "
                                   "substr (r.uuid, 1, length (?1)) = ?1 "
                                   "AND NOT EXISTS (SELECT 1 FROM rounds x WHERE x.uuid = ?1))",
                                   error);
  if (statement == NULL)
    return NULL;
  pattern = g_ascii_strdown (uuid, -1);
  g_strstrip (pattern);
  sqlite3_bind_text (statement, 1, pattern, -1, SQLITE_TRANSIENT);
  rounds = rounds_from_statement (self, statement, error);
  return single_round (self, rounds, uuid, error);
}

UppRound *
upp_store_load_round_by_id (UppStore  *self,
                            gint64     round_id,
                            GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autofree char *wanted = g_strdup_printf ("%" G_GINT64_FORMAT, round_id);

  statement = upp_store_statement (self,
                                   ROUND_KEYS "SELECT " ROUND_COLUMNS " FROM rounds r WHERE r.id = ?",
                                   error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, round_id);
  rounds = rounds_from_statement (self, statement, error);
  return single_round (self, rounds, wanted, error);
}

static gboolean
validate_round (UppRound  *round,
                GError   **error)
{
  int year = upp_round_get_year (round);

  if (year < 1900 || year > 2200)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The year must be a year such as 2026, not %d."), year);
      return FALSE;
    }
  if (upp_str_is_blank (upp_round_get_title (round)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The round needs a title."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_response (UppStore  *self,
                 UppRound  *round,
                 UppUnit   *unit,
                 int        position,
                 GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *uuid = upp_new_uuid ();
  g_autofree char *now = upp_now_iso8601 ();

  statement = upp_store_statement (self,
                                   "INSERT INTO responses (uuid, round_id, unit_id, position, "
                                   "modified, device) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, upp_round_get_id (round));
  sqlite3_bind_int64 (statement, 3, upp_unit_get_id (unit));
  sqlite3_bind_int (statement, 4, position);
  sqlite3_bind_text (statement, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 6, self->device_id, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, statement, error))
    return FALSE;
  return upp_store_forget_removal (self, upp_round_get_id (round), upp_unit_get_id (unit),
                                   error);
}

static gboolean
save_new_units (UppStore   *self,
                UppRound   *round,
                GPtrArray  *units,
                GError    **error)
{
  const char *region_code = upp_region_get_code (upp_round_get_region (round));

  for (guint i = 0; i < units->len; i++)
    {
      UppUnit *unit = g_ptr_array_index (units, i);

      if (g_strcmp0 (upp_unit_get_region_code (unit), region_code) != 0)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("The unit “%s” belongs to another region than the round."),
                       upp_unit_get_name (unit));
          return FALSE;
        }
      if (upp_unit_get_id (unit) == 0 && !upp_store_save_unit (self, unit, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_create_round (UppStore   *self,
                        UppRound   *round,
                        GPtrArray  *units,
                        GError    **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *now = upp_now_iso8601 ();
  UppTemplate *template;
  int position = 0;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);
  g_return_val_if_fail (upp_round_get_id (round) == 0, FALSE);

  if (!validate_round (round, error))
    return FALSE;
  template = upp_round_get_template (round);
  if (upp_template_get_id (template) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The round’s template “%s” must be saved first."),
                   upp_template_get_title (template));
      return FALSE;
    }

  if (!upp_store_begin (self, error))
    return FALSE;

  if (units != NULL && !save_new_units (self, round, units, error))
    goto failed;

  statement = upp_store_statement (self,
                                   "INSERT INTO rounds (uuid, year, region_code, title, "
                                   "template_id, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   error);
  if (statement == NULL)
    goto failed;
  sqlite3_bind_text (statement, 1, upp_round_get_uuid (round), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 2, upp_round_get_year (round));
  sqlite3_bind_text (statement, 3, upp_region_get_code (upp_round_get_region (round)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, upp_round_get_title (round), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 5, upp_template_get_id (template));
  sqlite3_bind_text (statement, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 7, now, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, statement, error))
    goto failed;
  upp_round_set_id (round, sqlite3_last_insert_rowid (self->db));

  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      UppUnit *unit = g_ptr_array_index (units, i);
      gint64 unit_id = upp_unit_get_id (unit);

      if (!g_hash_table_add (seen, g_memdup2 (&unit_id, sizeof unit_id)))
        continue;
      if (!insert_response (self, round, unit, position++, error))
        goto failed;
    }
  if (!upp_store_save_round_texts (self, round, error))
    goto failed;

  if (!upp_store_commit (self, error))
    {
      upp_round_set_id (round, 0);
      return FALSE;
    }
  upp_round_set_counts (round, position, 0);
  return TRUE;

failed:
  upp_store_rollback (self);
  upp_round_set_id (round, 0);
  return FALSE;
}

gboolean
upp_store_update_round (UppStore  *self,
                        UppRound  *round,
                        GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);

  if (!validate_round (round, error))
    return FALSE;
  if (!upp_store_begin (self, error))
    return FALSE;

  statement = upp_store_statement (self,
                                   "UPDATE rounds SET year = ?, title = ?, modified = ? "
                                   "WHERE id = ?", error);
  if (statement == NULL)
    goto failed;
  sqlite3_bind_int (statement, 1, upp_round_get_year (round));
  sqlite3_bind_text (statement, 2, upp_round_get_title (round), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 4, upp_round_get_id (round));
  if (!upp_store_step_done (self, statement, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The round “%s” no longer exists."), upp_round_get_title (round));
      goto failed;
    }
  if (!upp_store_save_round_texts (self, round, error))
    goto failed;
  return upp_store_commit (self, error);

failed:
  upp_store_rollback (self);
  return FALSE;
}

gboolean
upp_store_set_round_units (UppStore   *self,
                           UppRound   *round,
                           GPtrArray  *units,
                           GError    **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) existing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) existing_responses = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(UppCachedStatement) list = NULL;
  g_autoptr(UppCachedStatement) remove = NULL;
  g_autoptr(UppCachedStatement) place = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);

  if (!upp_store_begin (self, error))
    return FALSE;
  if (!save_new_units (self, round, units, error))
    goto failed;

  list = upp_store_statement (self, "SELECT unit_id, id FROM responses WHERE round_id = ?",
                              error);
  if (list == NULL)
    goto failed;
  sqlite3_bind_int64 (list, 1, upp_round_get_id (round));
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (list, 0);
      gint64 response_id = sqlite3_column_int64 (list, 1);

      g_array_append_val (existing, id);
      g_array_append_val (existing_responses, response_id);
    }
  /* A failed read must not pass for "no units yet": their responses would be lost. */
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      sqlite3_reset (list);
      goto failed;
    }
  sqlite3_reset (list);

  for (guint i = 0; i < units->len; i++)
    {
      gint64 id = upp_unit_get_id (g_ptr_array_index (units, i));
      g_hash_table_insert (wanted, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (i + 1));
    }

  remove = upp_store_statement (self,
                                "DELETE FROM responses WHERE round_id = ? AND unit_id = ?", error);
  if (remove == NULL)
    goto failed;
  for (guint i = 0; i < existing->len; i++)
    {
      gint64 id = g_array_index (existing, gint64, i);

      if (g_hash_table_contains (wanted, &id))
        continue;
      /* Remembered, so that the unit stays out when another laptop's file still has it. */
      if (!upp_store_record_removal (self, g_array_index (existing_responses, gint64, i),
                                     error))
        goto failed;
      sqlite3_reset (remove);
      sqlite3_bind_int64 (remove, 1, upp_round_get_id (round));
      sqlite3_bind_int64 (remove, 2, id);
      if (!upp_store_step_done (self, remove, error))
        goto failed;
    }

  place = upp_store_statement (self,
                               "UPDATE responses SET position = ? WHERE round_id = ? AND unit_id = ?",
                               error);
  if (place == NULL)
    goto failed;
  for (guint i = 0; i < units->len; i++)
    {
      UppUnit *unit = g_ptr_array_index (units, i);

      sqlite3_reset (place);
      sqlite3_bind_int (place, 1, i);
      sqlite3_bind_int64 (place, 2, upp_round_get_id (round));
      sqlite3_bind_int64 (place, 3, upp_unit_get_id (unit));
      if (!upp_store_step_done (self, place, error))
        goto failed;
      if (sqlite3_changes (self->db) == 0 && !insert_response (self, round, unit, i, error))
        goto failed;
    }
  return upp_store_commit (self, error);

failed:
  upp_store_rollback (self);
  return FALSE;
}

gboolean
upp_store_delete_round (UppStore  *self,
                        UppRound  *round,
                        GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);

  statement = upp_store_statement (self, "DELETE FROM rounds WHERE id = ?", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, upp_round_get_id (round));
  /* Responses, answers and texts go with it (ON DELETE CASCADE), in the same statement. */
  if (!upp_store_step_done (self, statement, error))
    return FALSE;
  return TRUE;
}

UppRound *
upp_store_duplicate_round (UppStore  *self,
                           UppRound  *round,
                           int        year,
                           GError   **error)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppRound) copy = NULL;
  g_autofree char *title = NULL;
  g_autofree char *old_year = g_strdup_printf ("%d", upp_round_get_year (round));
  g_autofree char *new_year = g_strdup_printf ("%d", year);

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  responses = upp_store_list_responses (self, round, error);
  if (responses == NULL)
    return NULL;
  for (guint i = 0; i < responses->len; i++)
    g_ptr_array_add (units, g_object_ref (upp_response_get_unit (g_ptr_array_index (responses, i))));

  /* "Uppföljning LÖK 2025" becomes "Uppföljning LÖK 2026". */
  {
    g_auto(GStrv) parts = g_strsplit (upp_round_get_title (round), old_year, -1);
    title = g_strjoinv (new_year, parts);
  }

  copy = upp_round_new (year, upp_round_get_region (round), title, upp_round_get_template (round));
  if (!upp_store_create_round (self, copy, units, error))
    return NULL;
  return g_steal_pointer (&copy);
}

GPtrArray *
upp_store_list_uncovered_municipalities (UppStore  *self,
                                         UppRound  *round,
                                         GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  statement = upp_store_statement (self,
                                   "SELECT m.code, m.name, m.region_code FROM municipalities m "
                                   "WHERE m.region_code = ?1 AND m.code NOT IN ("
                                   "  SELECT um.municipality_code FROM unit_members um "
                                   "  JOIN responses r ON r.unit_id = um.unit_id "
                                   "  WHERE r.round_id = ?2) ORDER BY m.name", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, upp_region_get_code (upp_round_get_region (round)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, upp_round_get_id (round));
  return upp_store_read_rows (self, statement,
                              (UppStoreRowReader) upp_store_municipality_from_row, error);
}

GPtrArray *
upp_store_list_units_for_new_round (UppStore    *self,
                                    const char  *region_code,
                                    GError     **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) municipalities = NULL;
  GPtrArray *units;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  stored = upp_store_list_units (self, region_code, error);
  if (stored == NULL)
    return NULL;
  if (stored->len > 0)
    return g_steal_pointer (&stored);

  municipalities = upp_store_list_municipalities (self, region_code, error);
  if (municipalities == NULL)
    return NULL;
  units = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < municipalities->len; i++)
    {
      UppMunicipality *municipality = g_ptr_array_index (municipalities, i);
      UppUnit *unit = upp_unit_new (upp_municipality_get_name (municipality), region_code,
                                    UPP_UNIT_KIND_MUNICIPALITY);

      upp_unit_add_member_code (unit, upp_municipality_get_code (municipality));
      g_ptr_array_add (units, unit);
    }
  /* In the order of a region whose units are stored already. */
  g_ptr_array_sort (units, upp_unit_compare_by_name);
  return units;
}
