/* upp-store-search.c: full-text search of every round's answers and interview notes
 *
 * The trigram index (schema 7, upp-store-migrations.c) finds the answers that hold every
 * word; the hit places the matches when asked (upp_search_query_find()). Words under three
 * characters are not in the index: they are checked on the answers the other words found,
 * or on every answer the filters let through when there are no other words.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include "upp-search.h"
#include "upp-store-private.h"

/* Answers, then interview notes (kind 1, no question), each with its round and unit;
 * the last four columns only sort. */
#define ANSWER_COLUMNS \
  "SELECT ro.uuid, ro.title, ro.year, ro.region_code, u.uuid, u.name, r.uuid," \
  "  a.question_key, a.uuid, a.text, 0, ro.id, r.position, a.id "
#define NOTE_COLUMNS \
  "SELECT ro.uuid, ro.title, ro.year, ro.region_code, u.uuid, u.name, r.uuid," \
  "  '', i.uuid, i.note, 1, ro.id, r.position, i.id "

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
  "   AND a.text <> ''" \
  "   AND (?5 IS NULL OR a.question_key = ?5)" \
  "   AND (?6 IS NULL OR EXISTS (SELECT 1 FROM codings c" \
  "                               WHERE c.answer_id = a.id AND c.theme_uuid = ?6))"
#define NOTE_FILTERS \
  ROUND_AND_UNIT ("i.response_id") \
  "   AND i.removed = 0 AND i.note <> '' AND ?5 IS NULL AND ?6 IS NULL"

/* Newest round first, then units in the round's order, answers in the order of questions,
 * then notes. */
#define SEARCH_ORDER " ORDER BY 3 DESC, 12, 13, 6, 11, 14"

static const char search_indexed[] =
  ANSWER_COLUMNS
  "FROM answers_search s JOIN answers a ON a.id = s.rowid" ANSWER_FILTERS
  "   AND answers_search MATCH ?1"
  " UNION ALL "
  NOTE_COLUMNS
  "FROM interviews_search s JOIN interviews i ON i.id = s.rowid" NOTE_FILTERS
  "   AND interviews_search MATCH ?1" SEARCH_ORDER;

/* Every answer and note the filters let through: ?1 is NULL, bound all the same so that
 * both statements take the same parameters. */
static const char search_all[] =
  ANSWER_COLUMNS "FROM answers a" ANSWER_FILTERS " AND ?1 IS NULL"
  " UNION ALL "
  NOTE_COLUMNS "FROM interviews i" NOTE_FILTERS " AND ?1 IS NULL" SEARCH_ORDER;

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

GPtrArray *
upp_store_search (UppStore               *self,
                  const char             *text,
                  const UppSearchFilter  *filter,
                  GError                **error)
{
  static const UppSearchFilter no_filter = { 0 };
  g_autoptr(UppSearchQuery) query = NULL;
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = NULL;
  g_autofree char *unit_key = NULL;
  gboolean indexed;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &no_filter;
  query = upp_search_query_new (text);
  if (upp_search_query_is_empty (query))
    return g_steal_pointer (&hits);

  match = upp_search_query_dup_match (query);
  indexed = upp_search_query_is_indexed (query);
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
      const char *answer_text = upp_store_column_text (statement, 9);

      /* The trigram index matches substrings, case folded as upp_search_query_find() does:
       * what it found needs no second look unless a word was too short for it. */
      if (!indexed && !upp_search_query_find (query, answer_text, NULL))
        continue;
      g_ptr_array_add (hits,
                       upp_search_hit_new (upp_store_column_text (statement, 0),
                                           upp_store_column_text (statement, 1),
                                           sqlite3_column_int (statement, 2),
                                           upp_store_column_text (statement, 3),
                                           upp_store_column_text (statement, 4),
                                           upp_store_column_text (statement, 5),
                                           upp_store_column_text (statement, 6),
                                           upp_store_column_text (statement, 7),
                                           upp_store_column_text (statement, 8),
                                           answer_text,
                                           sqlite3_column_int (statement, 10) == 1
                                           ? UPP_SEARCH_HIT_INTERVIEW_NOTE
                                           : UPP_SEARCH_HIT_ANSWER,
                                           query));
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}
