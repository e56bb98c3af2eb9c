/* upp-store-search.c: full-text search of every round's answers, interview notes and report
 * texts, and of the regions' themes
 *
 * The trigram indexes (schemas 7 and 9, upp-store-migrations.c) find the rows that hold every
 * word; the hit places the matches when asked (upp_search_query_find()). Words under three
 * characters are not in the index: they are checked on the answers the other words found,
 * or on every answer the filters let through when there are no other words.
 *
 * A search runs in two steps so that its time follows the index rather than the texts: the
 * first orders and counts what matches from the index and a few small columns (no text is
 * read unless a short word needs checking), the second reads round, unit and text of only
 * the hits that are kept (the window keeps 200 of what may be thousands).
 *
 * Without filters the first step needs no join at all: the place of every row of each kind in
 * the order of hits is kept in memory (SearchOrder) until the database changes, so a search
 * walks the index as a bare MATCH does and looks each row up in an array (bench-search:
 * within 2× the bare query; with joins per row it was 3–100×).
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <string.h>

#include "upp-search.h"
#include "upp-store-private.h"

/* The first step's columns: kind (UppSearchHitKind), row id, then what orders them, then the
 * text to check when the query has words too short for the index. A round's report texts
 * come after its units, themes after every round. */
#define ANSWER_KEYS \
  "SELECT 0, a.id, ro.year, ro.id, r.position, u.name, "
#define NOTE_KEYS \
  "SELECT 1, i.id, ro.year, ro.id, r.position, u.name, "
#define THEME_KEYS \
  "SELECT 2, t.id, 0, 0, 0, '', "
#define REPORT_TEXT_KEYS \
  "SELECT 3, s.rowid, ro.year, ro.id, 2147483647, '', "
#define THEME_TEXT \
  "t.name || CASE WHEN t.description <> '' THEN char (10) || t.description ELSE '' END"

/* Parameters: ?1 MATCH expression, ?2 year or 0, ?3 region, ?4 the unit's name key,
 * ?5 question key, ?6 theme uuid; NULL matches all. A note answers no question and has no
 * coded passages: a filter by either leaves notes out. */
#define ROUND_AND_UNIT(response_id) \
  "  JOIN responses r ON r.id = " response_id \
  "  JOIN rounds ro ON ro.id = r.round_id" \
  "  JOIN units u ON u.id = r.unit_id" \
  " WHERE (?2 = 0 OR ro.year = ?2)" \
  "   AND (?3 IS NULL OR ro.region_code = ?3)" \
  "   AND (?4 IS NULL OR u.name_key = ?4)"
#define ANSWER_FILTERS \
  ROUND_AND_UNIT ("a.response_id") \
  "   AND (?5 IS NULL OR a.question_key = ?5)" \
  "   AND (?6 IS NULL OR EXISTS (SELECT 1 FROM codings c" \
  "                               WHERE c.answer_id = a.id AND c.theme_uuid = ?6))"
#define NOTE_FILTERS \
  ROUND_AND_UNIT ("i.response_id") \
  "   AND i.removed = 0 AND ?5 IS NULL AND ?6 IS NULL"
/* A theme is of no year, unit or question; a retired one is not offered. */
#define THEME_FILTERS \
  " WHERE t.retired = 0 AND ?2 = 0 AND (?3 IS NULL OR t.region_code = ?3)" \
  "   AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL"
/* The report's settings (UPP_REPORT_TEXT_ANSWERS_IN_APPENDIX and the like) are no text. */
#define REPORT_TEXT_ROUND \
  "  JOIN rounds ro ON ro.id = s.round_id" \
  " WHERE s.key NOT IN ('answers_in_appendix', 'group_by_part', 'compare_with')"
#define REPORT_TEXT_FILTERS \
  REPORT_TEXT_ROUND \
  "   AND (?2 = 0 OR ro.year = ?2) AND (?3 IS NULL OR ro.region_code = ?3)" \
  "   AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL"

/* Newest round first, then units in the round's order, answers in the order of questions,
 * then notes. */
#define SEARCH_ORDER " ORDER BY 3 DESC, 4, 5, 6, 1, 2"

/* What the index found has text: no need to read it (long answers sit on overflow pages). */
static const char search_indexed[] =
  ANSWER_KEYS "NULL "
  "FROM answers_search s JOIN answers a ON a.id = s.rowid" ANSWER_FILTERS
  "   AND answers_search MATCH ?1"
  " UNION ALL "
  NOTE_KEYS "NULL "
  "FROM interviews_search s JOIN interviews i ON i.id = s.rowid" NOTE_FILTERS
  "   AND interviews_search MATCH ?1"
  " UNION ALL "
  THEME_KEYS "NULL "
  "FROM themes_search s JOIN themes t ON t.id = s.rowid" THEME_FILTERS
  "   AND themes_search MATCH ?1"
  " UNION ALL "
  REPORT_TEXT_KEYS "NULL "
  "FROM round_texts_search s" REPORT_TEXT_FILTERS
  "   AND round_texts_search MATCH ?1" SEARCH_ORDER;

/* Every answer and note the filters let through, with its text to check: ?1 is NULL, bound
 * all the same so that both statements take the same parameters. */
static const char search_all[] =
  ANSWER_KEYS "a.text FROM answers a" ANSWER_FILTERS " AND a.text <> '' AND ?1 IS NULL"
  " UNION ALL "
  NOTE_KEYS "i.note FROM interviews i" NOTE_FILTERS " AND i.note <> '' AND ?1 IS NULL"
  " UNION ALL "
  THEME_KEYS THEME_TEXT " FROM themes t" THEME_FILTERS " AND ?1 IS NULL"
  " UNION ALL "
  REPORT_TEXT_KEYS "s.text FROM round_texts_search s" REPORT_TEXT_FILTERS
  " AND s.text <> '' AND ?1 IS NULL" SEARCH_ORDER;

/* The second step, per kind: the kept rows' round, unit, question and text, all at once
 * (?1 a JSON array of row ids; one statement rather than one per hit). */
static const char *const hit_details[] = {
  [UPP_SEARCH_HIT_ANSWER] =
    "SELECT a.id, ro.uuid, ro.title, ro.year, ro.region_code, u.uuid, u.name, r.uuid,"
    "  a.question_key, a.uuid, a.text"
    " FROM answers a JOIN responses r ON r.id = a.response_id"
    "  JOIN rounds ro ON ro.id = r.round_id JOIN units u ON u.id = r.unit_id"
    " WHERE a.id IN (SELECT value FROM json_each (?1))",
  [UPP_SEARCH_HIT_INTERVIEW_NOTE] =
    "SELECT i.id, ro.uuid, ro.title, ro.year, ro.region_code, u.uuid, u.name, r.uuid,"
    "  '', i.uuid, i.note"
    " FROM interviews i JOIN responses r ON r.id = i.response_id"
    "  JOIN rounds ro ON ro.id = r.round_id JOIN units u ON u.id = r.unit_id"
    " WHERE i.id IN (SELECT value FROM json_each (?1))",
  [UPP_SEARCH_HIT_THEME] =
    "SELECT t.id, NULL, NULL, 0, t.region_code, NULL, NULL, NULL, NULL, t.uuid, " THEME_TEXT
    " FROM themes t WHERE t.id IN (SELECT value FROM json_each (?1))",
  [UPP_SEARCH_HIT_REPORT_TEXT] =
    "SELECT s.rowid, ro.uuid, ro.title, ro.year, ro.region_code, NULL, NULL, NULL, s.key,"
    "  NULL, s.text"
    " FROM round_texts_search s JOIN rounds ro ON ro.id = s.round_id"
    " WHERE s.rowid IN (SELECT value FROM json_each (?1))",
};

typedef struct
{
  UppSearchHitKind kind;
  gint64           id;
} HitRow;

#define N_KINDS (UPP_SEARCH_HIT_REPORT_TEXT + 1)

/* Every row's place in the order of hits, as SEARCH_ORDER puts them, for the database as it
 * was at one change count of this connection and one data version of others. */
typedef struct
{
  gint64   changes;
  guint64  data_version;
  GArray  *places[N_KINDS];  /* guint32 by row id: 1 + the row's place, 0 for none */
  GArray  *rows;             /* HitRow by place */
} SearchOrder;

static const char *const kind_index[] = {
  [UPP_SEARCH_HIT_ANSWER] = "SELECT rowid FROM answers_search WHERE answers_search MATCH ?",
  [UPP_SEARCH_HIT_INTERVIEW_NOTE] =
    "SELECT rowid FROM interviews_search WHERE interviews_search MATCH ?",
  [UPP_SEARCH_HIT_THEME] = "SELECT rowid FROM themes_search WHERE themes_search MATCH ?",
  [UPP_SEARCH_HIT_REPORT_TEXT] =
    "SELECT rowid FROM round_texts_search WHERE round_texts_search MATCH ?",
};

static const char search_order[] =
  ANSWER_KEYS "NULL FROM answers a"
  "  JOIN responses r ON r.id = a.response_id"
  "  JOIN rounds ro ON ro.id = r.round_id JOIN units u ON u.id = r.unit_id"
  " UNION ALL "
  NOTE_KEYS "NULL FROM interviews i"
  "  JOIN responses r ON r.id = i.response_id"
  "  JOIN rounds ro ON ro.id = r.round_id JOIN units u ON u.id = r.unit_id"
  " WHERE i.removed = 0"
  " UNION ALL "
  THEME_KEYS "NULL FROM themes t WHERE t.retired = 0"
  " UNION ALL "
  REPORT_TEXT_KEYS "NULL FROM round_texts_search s" REPORT_TEXT_ROUND
  SEARCH_ORDER;

static void
search_order_free (gpointer data)
{
  SearchOrder *order = data;

  for (guint k = 0; k < N_KINDS; k++)
    g_clear_pointer (&order->places[k], g_array_unref);
  g_clear_pointer (&order->rows, g_array_unref);
  g_free (order);
}

static SearchOrder *
get_search_order (UppStore  *self,
                  GError   **error)
{
  SearchOrder *order = g_object_get_data (G_OBJECT (self), "upp-search-order");
  gint64 changes = sqlite3_total_changes64 (upp_store_get_db (self));
  guint64 data_version = upp_store_get_data_version (self);
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  if (order != NULL && order->changes == changes && order->data_version == data_version)
    return order;

  statement = upp_store_statement (self, search_order, error);
  if (statement == NULL)
    return NULL;
  order = g_new0 (SearchOrder, 1);
  order->changes = changes;
  order->data_version = data_version;
  for (guint k = 0; k < N_KINDS; k++)
    order->places[k] = g_array_new (FALSE, TRUE, sizeof (guint32));
  order->rows = g_array_new (FALSE, FALSE, sizeof (HitRow));
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      HitRow row = { sqlite3_column_int (statement, 0), sqlite3_column_int64 (statement, 1) };
      GArray *places = order->places[row.kind];
      guint32 place = order->rows->len + 1;

      if (row.id >= places->len)
        g_array_set_size (places, row.id + 1);
      g_array_index (places, guint32, row.id) = place;
      g_array_append_val (order->rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      search_order_free (order);
      return NULL;
    }
  /* The store owns it: a second search of an unchanged database reuses it. One made inside
   * a transaction is never reused, as a rollback would not move the count of changes. */
  if (!sqlite3_get_autocommit (upp_store_get_db (self)))
    order->changes = -1;
  g_object_set_data_full (G_OBJECT (self), "upp-search-order", order, search_order_free);
  return order;
}

/* The rows that match, unfiltered, in order, the first max_hits of them (all when 0); n_found
 * gets how many in all. The index's rows are marked in their places, which a walk then reads
 * in order: no sort. */
static GArray *
find_in_order (UppStore    *self,
               const char  *match,
               guint        max_hits,
               guint       *n_found,
               GError     **error)
{
  SearchOrder *order = get_search_order (self, error);
  g_autofree guint8 *found = NULL;
  GArray *rows;
  guint n = 0;

  if (order == NULL)
    return NULL;
  found = g_malloc0 (order->rows->len);
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autoptr(UppCachedStatement) statement = upp_store_statement (self, kind_index[k],
                                                                     error);
      int rc;

      if (statement == NULL)
        return NULL;
      sqlite3_bind_text (statement, 1, match, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (statement, 0);
          guint32 place = id < order->places[k]->len
                          ? g_array_index (order->places[k], guint32, id) : 0;

          /* A removed note, a retired theme and a report setting stay in the index. */
          if (place != 0 && !found[place - 1])
            {
              found[place - 1] = TRUE;
              n++;
            }
        }
      if (rc != SQLITE_DONE)
        {
          upp_store_set_sqlite_error (self, error);
          return NULL;
        }
    }
  if (max_hits == 0)
    max_hits = n;
  rows = g_array_sized_new (FALSE, FALSE, sizeof (HitRow), MIN (n, max_hits));
  for (guint place = 0; place < order->rows->len && rows->len < max_hits; place++)
    if (found[place])
      g_array_append_val (rows, g_array_index (order->rows, HitRow, place));
  *n_found = n;
  return rows;
}

static void
bind_text_or_null (sqlite3_stmt *statement,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (statement, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (statement, index);
}

/* Places not filled yet are NULL. */
static void
hit_unref (gpointer hit)
{
  if (hit != NULL)
    g_object_unref (hit);
}

/* The second step: the first max_hits rows (all when 0) made into hits. */
static GPtrArray *
load_hits (UppStore        *self,
           GArray          *rows,
           guint            max_hits,
           guint           *n_matches,
           UppSearchQuery  *query,
           GError         **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (hit_unref);
  guint n_kept = max_hits > 0 ? MIN (max_hits, rows->len) : rows->len;

  g_ptr_array_set_size (hits, n_kept);
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autoptr(GHashTable) places = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GString) ids = g_string_new ("[");
      g_autoptr(UppCachedStatement) statement = NULL;
      int rc;

      for (guint i = 0; i < n_kept; i++)
        {
          HitRow *row = &g_array_index (rows, HitRow, i);

          if (row->kind != k)
            continue;
          g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "", row->id);
          g_hash_table_insert (places, &row->id, GUINT_TO_POINTER (i));
        }
      if (g_hash_table_size (places) == 0)
        continue;
      g_string_append_c (ids, ']');
      statement = upp_store_statement (self, hit_details[k], error);
      if (statement == NULL)
        return NULL;
      sqlite3_bind_text (statement, 1, ids->str, ids->len, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (statement, 0);
          guint place = GPOINTER_TO_UINT (g_hash_table_lookup (places, &id));

          hits->pdata[place] = upp_search_hit_new (upp_store_column_text (statement, 1),
                                                   upp_store_column_text (statement, 2),
                                                   sqlite3_column_int (statement, 3),
                                                   upp_store_column_text (statement, 4),
                                                   upp_store_column_text (statement, 5),
                                                   upp_store_column_text (statement, 6),
                                                   upp_store_column_text (statement, 7),
                                                   upp_store_column_text (statement, 8),
                                                   upp_store_column_text (statement, 9),
                                                   upp_store_column_text (statement, 10),
                                                   k, query);
        }
      if (rc != SQLITE_DONE)
        {
          upp_store_set_sqlite_error (self, error);
          return NULL;
        }
    }
  /* A row that another connection deleted between the two steps has no hit: it is gone. */
  for (guint i = hits->len; i > 0; i--)
    if (hits->pdata[i - 1] == NULL)
      g_ptr_array_remove_index (hits, i - 1);
  if (n_matches != NULL)
    *n_matches = rows->len;
  return g_steal_pointer (&hits);
}

GPtrArray *
upp_store_search_first (UppStore               *self,
                        const char             *text,
                        const UppSearchFilter  *filter,
                        guint                   max_hits,
                        guint                  *n_matches,
                        GError                **error)
{
  static const UppSearchFilter no_filter = { 0 };
  g_autoptr(UppSearchQuery) query = NULL;
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (HitRow));
  g_autofree char *match = NULL;
  g_autofree char *unit_key = NULL;
  gboolean indexed;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  if (n_matches != NULL)
    *n_matches = 0;
  if (filter == NULL)
    filter = &no_filter;
  query = upp_search_query_new (text);
  if (upp_search_query_is_empty (query))
    return g_ptr_array_new_with_free_func (g_object_unref);

  match = upp_search_query_dup_match (query);
  indexed = upp_search_query_is_indexed (query);
  if (indexed && memcmp (filter, &no_filter, sizeof no_filter) == 0)
    {
      guint n_found = 0;
      g_autoptr(GArray) rows = find_in_order (self, match, max_hits, &n_found, error);
      GPtrArray *hits;

      if (rows == NULL)
        return NULL;
      hits = load_hits (self, rows, 0, NULL, query, error);
      if (hits != NULL && n_matches != NULL)
        *n_matches = n_found;
      return hits;
    }

  statement = upp_store_statement (self, match != NULL ? search_indexed : search_all, error);
  if (statement == NULL)
    return NULL;
  if (filter->unit_name != NULL && *filter->unit_name != '\0')
    unit_key = g_utf8_casefold (filter->unit_name, -1);
  bind_text_or_null (statement, 1, match);
  sqlite3_bind_int (statement, 2, filter->year);
  bind_text_or_null (statement, 3, filter->region_code);
  bind_text_or_null (statement, 4, unit_key);
  bind_text_or_null (statement, 5, filter->question_key);
  bind_text_or_null (statement, 6, filter->theme_uuid);

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      HitRow row = { sqlite3_column_int (statement, 0), sqlite3_column_int64 (statement, 1) };

      /* The trigram index matches substrings, case folded as upp_search_query_find() does:
       * what it found needs no second look unless a word was too short for it. */
      if (!indexed && !upp_search_query_find (query, upp_store_column_text (statement, 6),
                                              NULL))
        continue;
      g_array_append_val (kept, row);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  g_clear_pointer (&statement, upp_cached_statement_release);
  return load_hits (self, kept, max_hits, n_matches, query, error);
}

GPtrArray *
upp_store_search (UppStore               *self,
                  const char             *text,
                  const UppSearchFilter  *filter,
                  GError                **error)
{
  return upp_store_search_first (self, text, filter, 0, NULL, error);
}
