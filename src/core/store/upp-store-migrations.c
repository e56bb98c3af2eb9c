/* upp-store-migrations.c: schema versions 2 and 3: what exchange files need to merge
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include "upp-choice.h"
#include "upp-question.h"
#include "upp-store-private.h"
#include "upp-template.h"

/* sync_versions holds, per answer or response uuid, the versions ("modified device") that are
 * known to be the current value or one of its ancestors: every version that was exported,
 * imported, or settled by resolving a conflict. An incoming version in this set is old news;
 * an incoming version whose history holds our current version is a plain update; anything
 * else changed on both sides since they last shared, and is kept as a conflict.
 *
 * conflicts keeps "their" side of an answer beside ours until the user settles it. */
static const char schema_v2[] =
  "CREATE TABLE sync_versions ("
  "  object_uuid TEXT NOT NULL, version TEXT NOT NULL,"
  "  PRIMARY KEY (object_uuid, version)) WITHOUT ROWID;"
  "CREATE TABLE conflicts ("
  "  id INTEGER PRIMARY KEY,"
  "  answer_uuid TEXT NOT NULL REFERENCES answers (uuid) ON UPDATE CASCADE ON DELETE CASCADE,"
  "  theirs_text TEXT NOT NULL, theirs_choices TEXT NOT NULL DEFAULT '',"
  "  theirs_modified TEXT NOT NULL, theirs_device TEXT NOT NULL,"
  "  theirs_history TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  UNIQUE (answer_uuid, theirs_modified, theirs_device));"
  "CREATE INDEX conflicts_answer ON conflicts (answer_uuid);"
  /* Versions of deleted rounds are of no use to anyone. */
  "CREATE TRIGGER answers_forget_versions AFTER DELETE ON answers BEGIN"
  "  DELETE FROM sync_versions WHERE object_uuid = OLD.uuid; END;"
  "CREATE TRIGGER responses_forget_versions AFTER DELETE ON responses BEGIN"
  "  DELETE FROM sync_versions WHERE object_uuid = OLD.uuid; END;";

gboolean
upp_store_migrate_to_2 (UppStore  *self,
                        GError   **error)
{
  return upp_store_exec (self, schema_v2, error);
}

/* Schema 3: a unit's name and a response's interview details each keep the version of their
 * last change (field_versions; no row means unchanged since the object was made), with their
 * shared versions in sync_versions under "<uuid>/<field>", so a rename travels and two
 * laptops that changed different details both keep their change.
 *
 * removed_units remembers a unit taken out of a round (a tombstone), so that the next import
 * does not bring it back; "known" holds the response's uuid and every version of its answers
 * and details the remover had seen, so that one made since elsewhere (or the unit added
 * again, which makes a new response) brings it back instead of being lost.
 *
 * conflicts now holds other fields too: object_uuid is an answer's uuid (field ''), a
 * response's (field: an interview detail) or a unit's (field 'name'). Triggers take the
 * place of the foreign key to answers. */
static const char schema_v3[] =
  "CREATE TABLE field_versions ("
  "  object_uuid TEXT NOT NULL, field TEXT NOT NULL,"
  "  modified TEXT NOT NULL, device TEXT NOT NULL,"
  "  PRIMARY KEY (object_uuid, field)) WITHOUT ROWID;"
  "CREATE TABLE removed_units ("
  "  round_uuid TEXT NOT NULL, unit_uuid TEXT NOT NULL,"
  "  modified TEXT NOT NULL, device TEXT NOT NULL, known TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (round_uuid, unit_uuid)) WITHOUT ROWID;"
  "CREATE TABLE conflicts_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  object_uuid TEXT NOT NULL, field TEXT NOT NULL DEFAULT '',"
  "  theirs_text TEXT NOT NULL, theirs_choices TEXT NOT NULL DEFAULT '',"
  "  theirs_modified TEXT NOT NULL, theirs_device TEXT NOT NULL,"
  "  theirs_history TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  UNIQUE (object_uuid, field, theirs_modified, theirs_device));"
  "INSERT INTO conflicts_v3 (id, object_uuid, field, theirs_text, theirs_choices,"
  "  theirs_modified, theirs_device, theirs_history, created)"
  "  SELECT id, answer_uuid, '', theirs_text, theirs_choices, theirs_modified, theirs_device,"
  "  theirs_history, created FROM conflicts;"
  "DROP TABLE conflicts;"
  "ALTER TABLE conflicts_v3 RENAME TO conflicts;"
  "CREATE INDEX conflicts_object ON conflicts (object_uuid);"
  "CREATE TRIGGER answers_forget_conflicts AFTER DELETE ON answers BEGIN"
  "  DELETE FROM conflicts WHERE object_uuid = OLD.uuid; END;"
  "CREATE TRIGGER answers_move_conflicts AFTER UPDATE OF uuid ON answers BEGIN"
  "  UPDATE conflicts SET object_uuid = NEW.uuid WHERE object_uuid = OLD.uuid; END;"
  /* '0' follows '/': the range holds exactly the keys "<uuid>/<field>". */
  "CREATE TRIGGER responses_forget_fields AFTER DELETE ON responses BEGIN"
  "  DELETE FROM conflicts WHERE object_uuid = OLD.uuid;"
  "  DELETE FROM field_versions WHERE object_uuid = OLD.uuid;"
  "  DELETE FROM sync_versions WHERE object_uuid > OLD.uuid || '/'"
  "    AND object_uuid < OLD.uuid || '0'; END;"
  "CREATE TRIGGER units_forget_fields AFTER DELETE ON units BEGIN"
  "  DELETE FROM conflicts WHERE object_uuid = OLD.uuid;"
  "  DELETE FROM field_versions WHERE object_uuid = OLD.uuid;"
  "  DELETE FROM sync_versions WHERE object_uuid > OLD.uuid || '/'"
  "    AND object_uuid < OLD.uuid || '0'; END;"
  "CREATE TRIGGER rounds_forget_removed AFTER DELETE ON rounds BEGIN"
  "  DELETE FROM removed_units WHERE round_uuid = OLD.uuid; END;"
  /* Details changed together until now: each starts from the response's version and what
   * was shared of it, so laptops that shared a version before agree on it after. */
  "CREATE TEMP TABLE detail_fields (field TEXT);"
  "INSERT INTO detail_fields VALUES ('status'), ('interview_date'), ('mode'),"
  "  ('participant_count'), ('participant_roles');"
  "INSERT INTO field_versions (object_uuid, field, modified, device)"
  "  SELECT r.uuid, f.field, r.modified, r.device FROM responses r, detail_fields f;"
  "INSERT OR IGNORE INTO sync_versions (object_uuid, version)"
  "  SELECT v.object_uuid || '/' || f.field, v.version FROM sync_versions v"
  "  JOIN responses r ON r.uuid = v.object_uuid, detail_fields f;"
  "DROP TABLE detail_fields;"
  /* Names never travelled: each laptop's is its own change, so names that differ between
   * laptops show up as a conflict at the first exchange instead of staying apart. */
  "INSERT INTO field_versions (object_uuid, field, modified, device)"
  "  SELECT u.uuid, 'name', u.modified, (SELECT value FROM meta WHERE key = 'device_id')"
  "  FROM units u;";

gboolean
upp_store_migrate_to_3 (UppStore  *self,
                        GError   **error)
{
  return upp_store_exec (self, schema_v3, error);
}

/* Schema 4: a codebook per region and coded passages of answers.
 *
 * A theme's name is unique among the region's themes in use (name_key is its casefolded
 * form); a retired theme keeps its row so that what was coded with it can still be shown.
 * A coding holds the passage's text beside its place in characters: when the answer's text
 * changes, the coding is moved to where that text now is, or flagged when it is gone. */
static const char schema_v4[] =
  "CREATE TABLE themes ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
  "  region_code TEXT NOT NULL REFERENCES regions (code),"
  "  name TEXT NOT NULL, name_key TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'neutral'"
  "    CHECK (kind IN ('neutral', 'promoting', 'hindering')),"
  "  parent_uuid TEXT NOT NULL DEFAULT '', colour TEXT NOT NULL DEFAULT '',"
  "  retired INTEGER NOT NULL DEFAULT 0,"
  "  modified TEXT NOT NULL, device TEXT NOT NULL);"
  "CREATE UNIQUE INDEX themes_name ON themes (region_code, name_key) WHERE retired = 0;"
  "CREATE TABLE codings ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
  "  answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,"
  "  theme_uuid TEXT NOT NULL REFERENCES themes (uuid) ON UPDATE CASCADE,"
  "  start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, anchor TEXT NOT NULL,"
  "  flagged INTEGER NOT NULL DEFAULT 0,"
  "  modified TEXT NOT NULL, device TEXT NOT NULL,"
  "  CHECK (0 <= start_char AND start_char < end_char),"
  "  UNIQUE (answer_id, theme_uuid, start_char, end_char));"
  "CREATE INDEX codings_theme ON codings (theme_uuid);";

gboolean
upp_store_migrate_to_4 (UppStore  *self,
                        GError   **error)
{
  return upp_store_exec (self, schema_v4, error);
}

/* Schema 5: a coding taken off is remembered by its uuid (a tombstone), so that an exchange
 * file from a laptop that still has it does not bring it back; and the analyst can pick a
 * coding as a quote for the factor table.
 *
 * A theme merged into another keeps the uuid of the one it went into (merged_into), so that
 * an exchange file can move the passages another laptop coded with it since. */
static const char schema_v5[] =
  "CREATE TABLE removed_codings ("
  "  uuid TEXT PRIMARY KEY, modified TEXT NOT NULL, device TEXT NOT NULL) WITHOUT ROWID;"
  "ALTER TABLE codings ADD COLUMN quote INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE themes ADD COLUMN merged_into TEXT NOT NULL DEFAULT '';";

static gboolean
has_match_phrases (UppTemplate *template)
{
  for (guint q = 0; q < upp_template_get_n_questions (template); q++)
    {
      GPtrArray *choices = upp_question_get_choices (upp_template_get_question (template, q));

      for (guint c = 0; c < choices->len; c++)
        {
          const UppChoice *choice = g_ptr_array_index (choices, c);

          if (choice->match != NULL && choice->match[0] != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

/* Databases made before templates had match phrases hold the built-in LÖK template without
 * them, so their answers got no suggestions. The stored copy (which the rounds that ran with
 * it point to) gets the shipped phrases, only when it has none and is otherwise the shipped
 * template to the letter: one the user edited, or gave phrases of their own, stays as it is. */
static gboolean
add_builtin_match_phrases (UppStore  *self,
                           GError   **error)
{
  g_autoptr(UppTemplate) shipped = upp_template_new_builtin_lok ();
  g_autoptr(UppCachedStatement) select = NULL;
  g_autoptr(GArray) outdated = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *json = upp_template_to_json (shipped);

  select = upp_store_statement (self, "SELECT id, json FROM templates WHERE key = ?", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_text (select, 1, upp_template_get_key (shipped), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      const char *stored_json = (const char *) sqlite3_column_text (select, 1);
      g_autoptr(UppTemplate) stored = NULL;

      /* A template the app cannot read is left for the templates page to report. */
      stored = upp_template_new_from_json (stored_json, -1, NULL);
      if (stored != NULL && !has_match_phrases (stored) &&
          upp_template_same_survey (stored, shipped))
        g_array_append_val (outdated, id);
    }
  g_clear_pointer (&select, upp_cached_statement_release);

  for (guint i = 0; i < outdated->len; i++)
    {
      g_autoptr(UppCachedStatement) update = NULL;
      gint64 id = g_array_index (outdated, gint64, i);

      update = upp_store_statement (self, "UPDATE templates SET json = ? WHERE id = ?", error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_text (update, 1, json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (update, 2, id);
      if (!upp_store_step_done (self, update, error))
        return FALSE;
      g_hash_table_remove (self->templates, &id);
    }
  return TRUE;
}

gboolean
upp_store_migrate_to_5 (UppStore  *self,
                        GError   **error)
{
  return upp_store_exec (self, schema_v5, error) && add_builtin_match_phrases (self, error);
}

/* Schema 6: interviews as they happen and the agreements register.
 *
 * A response keeps its first interview (as every exchange file and older app knows it) and
 * gets its length and the respondent check (summary sent back, approved); further interviews
 * with the unit are rows of their own. Agreements belong to a unit, not a round, so that the
 * register is there in the next round. Both are taken off by marking them removed, so that
 * an exchange file from a laptop that still has them does not bring them back. */
static const char schema_v6[] =
  "ALTER TABLE responses ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE responses ADD COLUMN check_sent TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE responses ADD COLUMN check_approved TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE interviews ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
  "  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,"
  "  interview_date TEXT NOT NULL DEFAULT '', mode TEXT NOT NULL DEFAULT '',"
  "  duration_minutes INTEGER NOT NULL DEFAULT 0,"
  "  participant_count INTEGER NOT NULL DEFAULT 0,"
  "  participant_roles TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',"
  "  removed INTEGER NOT NULL DEFAULT 0,"
  "  modified TEXT NOT NULL, device TEXT NOT NULL);"
  "CREATE INDEX interviews_response ON interviews (response_id);"
  "CREATE TABLE agreements ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL DEFAULT 'lok' CHECK (kind IN ('lok', 'rok', 'other')),"
  "  status TEXT NOT NULL DEFAULT 'in_force'"
  "    CHECK (status IN ('in_force', 'in_preparation', 'under_revision', 'ended')),"
  "  signed TEXT NOT NULL DEFAULT '', valid_from TEXT NOT NULL DEFAULT '',"
  "  valid_to TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',"
  "  removed INTEGER NOT NULL DEFAULT 0,"
  "  modified TEXT NOT NULL, device TEXT NOT NULL);"
  "CREATE INDEX agreements_unit ON agreements (unit_id);";

gboolean
upp_store_migrate_to_6 (UppStore  *self,
                        GError   **error)
{
  return upp_store_exec (self, schema_v6, error);
}

/* Schema 7: full-text search over every answer and interview note (upp-store-search.c).
 *
 * Triggers keep the index in step, so the form, the CLI, imports and the exchange merge need
 * no code of their own (a cascade from a deleted round fires them too). The index only points
 * at answers' rows (external content), so no text is stored twice.
 *
 * The trigram tokenizer rather than unicode61: Swedish compounds put the word a user looks
 * for inside another ("överenskommelse" in "samverkansöverenskommelsen"), which only a
 * substring match finds; unicode61 would need a LIKE scan of every answer for that (on the
 * Dalarna answers ×200, 8,800 rows: trigram 10–28 ms a query, a LIKE fallback 73 ms, growing
 * with the rows, and LIKE folds the case of ASCII letters only). Trigram folds case without
 * removing diacritics (SQLite 3.34 to 3.44 cannot remove them; later versions only when
 * asked), so "för" is not "for". It costs a larger index (8.4 MB against 1.2 MB there). */
static const char schema_v7[] =
  "CREATE VIRTUAL TABLE answers_search USING fts5 ("
  "  text, content = 'answers', content_rowid = 'id', tokenize = 'trigram');"
  "CREATE TRIGGER answers_search_insert AFTER INSERT ON answers BEGIN"
  "  INSERT INTO answers_search (rowid, text) VALUES (NEW.id, NEW.text); END;"
  "CREATE TRIGGER answers_search_delete AFTER DELETE ON answers BEGIN"
  "  INSERT INTO answers_search (answers_search, rowid, text)"
  "    VALUES ('delete', OLD.id, OLD.text); END;"
  "CREATE TRIGGER answers_search_update AFTER UPDATE OF id, text ON answers BEGIN"
  "  INSERT INTO answers_search (answers_search, rowid, text)"
  "    VALUES ('delete', OLD.id, OLD.text);"
  "  INSERT INTO answers_search (rowid, text) VALUES (NEW.id, NEW.text); END;"
  "INSERT INTO answers_search (answers_search) VALUES ('rebuild');"
  "CREATE VIRTUAL TABLE interviews_search USING fts5 ("
  "  note, content = 'interviews', content_rowid = 'id', tokenize = 'trigram');"
  "CREATE TRIGGER interviews_search_insert AFTER INSERT ON interviews BEGIN"
  "  INSERT INTO interviews_search (rowid, note) VALUES (NEW.id, NEW.note); END;"
  "CREATE TRIGGER interviews_search_delete AFTER DELETE ON interviews BEGIN"
  "  INSERT INTO interviews_search (interviews_search, rowid, note)"
  "    VALUES ('delete', OLD.id, OLD.note); END;"
  "CREATE TRIGGER interviews_search_update AFTER UPDATE OF id, note ON interviews BEGIN"
  "  INSERT INTO interviews_search (interviews_search, rowid, note)"
  "    VALUES ('delete', OLD.id, OLD.note);"
  "  INSERT INTO interviews_search (rowid, note) VALUES (NEW.id, NEW.note); END;"
  "INSERT INTO interviews_search (interviews_search) VALUES ('rebuild');";

gboolean
upp_store_migrate_to_7 (UppStore  *self,
                        GError   **error)
{
  return upp_store_exec (self, schema_v7, error);
}

/* Schema 8: the history of every answer (upp-store-history.c).
 *
 * Each row is one version of an answer's value as someone saw it saved: when, on which
 * computer, by whom when known, and how it came ("edit" in the form, "cli", "import",
 * "exchange", "resolution" of a conflict, "restore" of an earlier version, "upgrade" of the
 * round's template, "earlier" for the value an answer had when history began). The form's
 * autosaves of one editing share an "editing" token and update one row, so a minute of
 * typing is one version rather than sixty.
 *
 * The store writes the rows itself rather than by trigger: only the writer knows where a
 * value came from and whether it continues an editing. */
static const char schema_v8[] =
  "CREATE TABLE answer_versions ("
  "  id INTEGER PRIMARY KEY,"
  "  answer_uuid TEXT NOT NULL,"
  "  text TEXT NOT NULL, choices TEXT NOT NULL DEFAULT '',"
  "  modified TEXT NOT NULL, device TEXT NOT NULL,"
  "  author TEXT NOT NULL DEFAULT '',"
  "  origin TEXT NOT NULL DEFAULT 'edit',"
  "  editing TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (answer_uuid, modified, device));"
  "CREATE TRIGGER answers_forget_history AFTER DELETE ON answers BEGIN"
  "  DELETE FROM answer_versions WHERE answer_uuid = OLD.uuid; END;"
  "CREATE TRIGGER answers_rename_history AFTER UPDATE OF uuid ON answers BEGIN"
  "  UPDATE OR IGNORE answer_versions SET answer_uuid = NEW.uuid"
  "    WHERE answer_uuid = OLD.uuid;"
  "  DELETE FROM answer_versions WHERE answer_uuid = OLD.uuid; END;"
  "INSERT INTO answer_versions (answer_uuid, text, choices, modified, device, origin)"
  "  SELECT uuid, text, choices, modified, device, 'earlier' FROM answers"
  "  WHERE text != '' OR choices != '';";

gboolean
upp_store_migrate_to_8 (UppStore  *self,
                        GError   **error)
{
  return upp_store_exec (self, schema_v8, error);
}

/* Schema 9: full-text search of themes (name and description) and of the rounds' report
 * texts too (upp-store-search.c), kept in step by triggers as schema 7's.
 *
 * Themes have an integer key, so their index points at their rows as the answers' does.
 * Report texts are keyed by round and name, with no row id of their own that VACUUM would
 * keep: their index holds its own copy of the few texts there are. */
static const char schema_v9[] =
  "CREATE VIRTUAL TABLE themes_search USING fts5 ("
  "  name, description, content = 'themes', content_rowid = 'id', tokenize = 'trigram');"
  "CREATE TRIGGER themes_search_insert AFTER INSERT ON themes BEGIN"
  "  INSERT INTO themes_search (rowid, name, description)"
  "    VALUES (NEW.id, NEW.name, NEW.description); END;"
  "CREATE TRIGGER themes_search_delete AFTER DELETE ON themes BEGIN"
  "  INSERT INTO themes_search (themes_search, rowid, name, description)"
  "    VALUES ('delete', OLD.id, OLD.name, OLD.description); END;"
  "CREATE TRIGGER themes_search_update AFTER UPDATE OF id, name, description ON themes BEGIN"
  "  INSERT INTO themes_search (themes_search, rowid, name, description)"
  "    VALUES ('delete', OLD.id, OLD.name, OLD.description);"
  "  INSERT INTO themes_search (rowid, name, description)"
  "    VALUES (NEW.id, NEW.name, NEW.description); END;"
  "INSERT INTO themes_search (themes_search) VALUES ('rebuild');"
  "CREATE VIRTUAL TABLE round_texts_search USING fts5 ("
  "  text, round_id UNINDEXED, key UNINDEXED, tokenize = 'trigram');"
  "CREATE TRIGGER round_texts_search_insert AFTER INSERT ON round_texts BEGIN"
  "  INSERT INTO round_texts_search (text, round_id, key)"
  "    VALUES (NEW.text, NEW.round_id, NEW.key); END;"
  "CREATE TRIGGER round_texts_search_delete AFTER DELETE ON round_texts BEGIN"
  "  DELETE FROM round_texts_search WHERE round_id = OLD.round_id AND key = OLD.key; END;"
  "CREATE TRIGGER round_texts_search_update AFTER UPDATE ON round_texts BEGIN"
  "  DELETE FROM round_texts_search WHERE round_id = OLD.round_id AND key = OLD.key;"
  "  INSERT INTO round_texts_search (text, round_id, key)"
  "    VALUES (NEW.text, NEW.round_id, NEW.key); END;"
  "INSERT INTO round_texts_search (text, round_id, key)"
  "  SELECT text, round_id, key FROM round_texts;";

gboolean
upp_store_migrate_to_9 (UppStore  *self,
                        GError   **error)
{
  return upp_store_exec (self, schema_v9, error);
}

/* Schema 10: what the officer said is not personal data in an answer ("Inte personuppgift"),
 * so it is not flagged again there (upp-store-privacy.c). Kept on this computer only: it is a
 * judgement about this database's text, and an exchange file carries no exceptions. */
static const char schema_v10[] =
  "CREATE TABLE privacy_exceptions ("
  "  answer_uuid TEXT NOT NULL, text TEXT NOT NULL,"
  "  PRIMARY KEY (answer_uuid, text)) WITHOUT ROWID;"
  "CREATE TRIGGER answers_forget_privacy_exceptions AFTER DELETE ON answers BEGIN"
  "  DELETE FROM privacy_exceptions WHERE answer_uuid = OLD.uuid; END;";

gboolean
upp_store_migrate_to_10 (UppStore  *self,
                         GError   **error)
{
  return upp_store_exec (self, schema_v10, error);
}
