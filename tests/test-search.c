/* test-search.c: full-text search of answers and interview notes: Swedish words, phrases,
 * filters, hostile queries, and an index that follows edits, imports, exchange merges and
 * migration
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "uppfoljning.h"
#include "test-util.h"
#include "upp-store-private.h"

typedef struct
{
  char     *dir;
  UppStore *store;
  char     *round_uuid;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "search");
  fixture->round_uuid = test_import_dalarna_uuid (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->round_uuid, g_free);
  test_close_store (&fixture->store, &fixture->dir);
}

static GPtrArray *
search (UppStore              *store,
        const char            *query,
        const UppSearchFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = upp_store_search (store, query, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* The hit of the unit's answer to the question, NULL when it is not among hits. */
static UppSearchHit *
find_hit (GPtrArray  *hits,
          const char *unit_name,
          const char *question_key)
{
  for (guint i = 0; i < hits->len; i++)
    {
      UppSearchHit *hit = hits->pdata[i];

      if (g_strcmp0 (upp_search_hit_get_unit_name (hit), unit_name) == 0 &&
          g_strcmp0 (upp_search_hit_get_question_key (hit), question_key) == 0)
        return hit;
    }
  return NULL;
}

/* The index holds exactly the answers' texts (FTS5 compares it with its content table). */
static void
assert_index_intact (UppStore *store)
{
  g_assert_cmpint (sqlite3_exec (upp_store_get_db (store),
                                 "INSERT INTO answers_search (answers_search, rank) "
                                 "VALUES ('integrity-check', 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* The characters of text from start to end. */
static char *
dup_chars (const char *text,
           glong       start,
           glong       end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

static void
test_compounds (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) upper = NULL;
  UppSearchHit *hit;
  g_autofree char *match = NULL;
  g_autofree char *snippet = NULL;

  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other",
                   "Vi följer samverkansöverenskommelsen sedan 2019.");
  test_set_answer (fixture->store, fixture->round_uuid, "Falun", "other",
                   "Överenskommelserna är nya.");

  hits = search (fixture->store, "överenskommelse", NULL);
  g_assert_nonnull (find_hit (hits, "Vansbro", "other"));
  g_assert_nonnull (find_hit (hits, "Falun", "other"));
  for (guint i = 0; i < hits->len; i++)
    {
      g_autofree char *folded = g_utf8_strdown (upp_search_hit_get_text (hits->pdata[i]), -1);

      g_assert_nonnull (strstr (folded, "överenskommelse"));
    }

  /* Case is ignored, å, ä and ö too. */
  upper = search (fixture->store, "ÖVERENSKOMMELSE", NULL);
  g_assert_cmpuint (upper->len, ==, hits->len);

  /* The match is placed in characters (the text has ö and ä before it), for the form to
   * select, and marked in the snippet. */
  hit = find_hit (hits, "Vansbro", "other");
  g_assert_cmpstr (upp_search_hit_get_round_uuid (hit), ==, fixture->round_uuid);
  g_assert_cmpint (upp_search_hit_get_year (hit), ==, 2025);
  match = dup_chars (upp_search_hit_get_text (hit), upp_search_hit_get_match_start (hit),
                     upp_search_hit_get_match_end (hit));
  g_assert_cmpstr (match, ==, "överenskommelse");
  snippet = upp_search_hit_dup_snippet (hit, "[", "]", FALSE);
  g_assert_cmpstr (snippet, ==, "Vi följer samverkans[överenskommelse]n sedan 2019.");

  /* A snippet that ends by a later match ends after it, never in its middle. */
  {
    g_autofree char *filler = g_strnfill (131, 'x');
    g_autofree char *text = g_strdup_printf ("Överenskommelse %s "
                                             "samverkansöverenskommelsernas text efter den.", filler);
    g_autoptr(GPtrArray) more = NULL;
    g_autofree char *cut = NULL;

    test_set_answer (fixture->store, fixture->round_uuid, "Leksand", "other", text);
    more = search (fixture->store, "överenskommelse", NULL);
    cut = upp_search_hit_dup_snippet (find_hit (more, "Leksand", "other"), "[", "]", FALSE);
    g_assert_true (g_str_has_suffix (cut, "samverkans[överenskommelse]rnas…"));
  }
}

static void
test_letters_of_their_own (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) for_hits = NULL;
  g_autoptr(GPtrArray) for_with_o_hits = NULL;

  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other",
                   "Planen gäller för hela länet.");
  test_set_answer (fixture->store, fixture->round_uuid, "Falun", "other",
                   "A forum of the units.");

  for_with_o_hits = search (fixture->store, "för", NULL);
  g_assert_nonnull (find_hit (for_with_o_hits, "Vansbro", "other"));
  g_assert_null (find_hit (for_with_o_hits, "Falun", "other"));

  for_hits = search (fixture->store, "for", NULL);
  g_assert_nonnull (find_hit (for_hits, "Falun", "other"));
  g_assert_null (find_hit (for_hits, "Vansbro", "other"));
}

static void
test_phrases_and_words (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) phrase = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) one_missing = NULL;
  g_autoptr(GPtrArray) short_word = NULL;

  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other",
                   "Kvarnhjulet vid Stenbron snurrar.");
  test_set_answer (fixture->store, fixture->round_uuid, "Falun", "other",
                   "Stenbron ligger vid kvarnhjulet.");

  phrase = search (fixture->store, "\"kvarnhjulet vid stenbron\"", NULL);
  g_assert_cmpuint (phrase->len, ==, 1);
  g_assert_nonnull (find_hit (phrase, "Vansbro", "other"));

  words = search (fixture->store, "stenbron  kvarnhjulet", NULL);
  g_assert_cmpuint (words->len, ==, 2);

  one_missing = search (fixture->store, "kvarnhjulet väderkvarn", NULL);
  g_assert_cmpuint (one_missing->len, ==, 0);

  /* A word too short for the index is still a word that must match. */
  short_word = search (fixture->store, "kvarnhjulet ligger vid", NULL);
  g_assert_cmpuint (short_word->len, ==, 1);
  g_clear_pointer (&short_word, g_ptr_array_unref);
  short_word = search (fixture->store, "vid kvarnhjulet", NULL);
  g_assert_cmpuint (short_word->len, ==, 2);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(UppImportResult) earlier = test_import_dalarna (fixture->store, 2024);
  UppSearchFilter filter = { 0 };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other", "Ett glasberg.");
  test_set_answer (fixture->store, earlier->round_uuid, "Vansbro", "other", "Ett glasberg.");
  test_set_answer (fixture->store, earlier->round_uuid, "Falun", "challenges", "Glasberget.");

  all = search (fixture->store, "glasberg", NULL);
  g_assert_cmpuint (all->len, ==, 3);
  /* Newest round first. */
  g_assert_cmpint (upp_search_hit_get_year (all->pdata[0]), ==, 2025);

  filter.year = 2024;
  hits = search (fixture->store, "glasberg", &filter);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  filter.question_key = "other";
  hits = search (fixture->store, "glasberg", &filter);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (upp_search_hit_get_round_uuid (hits->pdata[0]), ==, earlier->round_uuid);
  g_clear_pointer (&hits, g_ptr_array_unref);

  filter = (UppSearchFilter) { .unit_name = "falun" };
  hits = search (fixture->store, "glasberg", &filter);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (upp_search_hit_get_question_key (hits->pdata[0]), ==, "challenges");
  g_clear_pointer (&hits, g_ptr_array_unref);

  filter = (UppSearchFilter) { .region_code = "20" };
  hits = search (fixture->store, "glasberg", &filter);
  g_assert_cmpuint (hits->len, ==, 3);
  g_clear_pointer (&hits, g_ptr_array_unref);
  filter = (UppSearchFilter) { .region_code = "01" };
  hits = search (fixture->store, "glasberg", &filter);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* By theme: the answers with a passage coded with it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(UppTheme) theme = upp_store_add_theme (fixture->store, "20", "Isberg",
                                                     UPP_THEME_KIND_HINDERING, &error);
    g_autoptr(UppRound) round = test_load_round (fixture->store, earlier->round_uuid);
    g_autoptr(UppResponse) falun = test_find_response (fixture->store, round, "Falun");
    g_autoptr(UppCoding) coding = NULL;

    g_assert_no_error (error);
    coding = upp_store_code_passage (fixture->store, round, falun, "challenges", 0, 10, theme,
                                     &error);
    g_assert_no_error (error);
    filter = (UppSearchFilter) { .theme_uuid = upp_theme_get_uuid (theme) };
    hits = search (fixture->store, "glasberg", &filter);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (upp_search_hit_get_unit_name (hits->pdata[0]), ==, "Falun");
  }
}

static void
test_hostile_queries (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *queries[] = {
    "\"", "\"\"", "\"\"\"", "*", "**", "AND", "OR", "NOT", "a AND", "NEAR(", "NEAR(a b",
    "-", "-x", "^", "(", ")", "{", "}", ":", "text:", "col : x", "\"öppen fras", "+",
    "NEAR(x) -minus", "'", "\\", "%", "_", "a\"b", "\"a\" \"", "\t\n", "",
  };
  g_autoptr(GPtrArray) hits = NULL;

  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other",
                   "Text med \"citat\", * stjärna, AND och NEAR(x) -minus.");

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) any = search (fixture->store, queries[i], NULL);
    }

  hits = search (fixture->store, "NEAR(x) -minus", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (find_hit (hits, "Vansbro", "other"));
}

static void
test_index_follows_edits (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) old_text = NULL;
  g_autoptr(GPtrArray) new_text = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GError) error = NULL;

  /* The import's own texts are found: Falun's first answer. */
  imported = search (fixture->store, "princip snart färdig", NULL);
  g_assert_nonnull (find_hit (imported, "Falun", upp_search_hit_get_question_key
                                                   (imported->pdata[0])));

  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other", "Ett lodjur.");
  before = search (fixture->store, "lodjur", NULL);
  g_assert_cmpuint (before->len, ==, 1);

  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other", "En järv.");
  old_text = search (fixture->store, "lodjur", NULL);
  g_assert_cmpuint (old_text->len, ==, 0);
  new_text = search (fixture->store, "järv", NULL);
  g_assert_cmpuint (new_text->len, ==, 1);

  round = test_load_round (fixture->store, fixture->round_uuid);
  g_assert_true (upp_store_delete_round (fixture->store, round, &error));
  g_assert_no_error (error);
  deleted = search (fixture->store, "järv", NULL);
  g_assert_cmpuint (deleted->len, ==, 0);
  assert_index_intact (fixture->store);
}

static void
test_index_follows_exchange (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(UppStore) other = test_open_store (fixture->dir, "other");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(UppExchangeSummary) received = NULL;
  g_autoptr(UppExchangeSummary) updated = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other", "En bäver.");
  first = test_export_exchange (fixture->store, fixture->dir, "first", fixture->round_uuid);
  received = test_import_exchange (other, first, UPP_EXCHANGE_IMPORT_NO_BACKUP);
  hits = search (other, "bäver", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* An answer the merge updates is found by its new text only. */
  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other", "En utter.");
  second = test_export_exchange (fixture->store, fixture->dir, "second", fixture->round_uuid);
  updated = test_import_exchange (other, second, UPP_EXCHANGE_IMPORT_NO_BACKUP);
  hits = search (other, "bäver", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (other, "utter", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (find_hit (hits, "Vansbro", "other"));
  assert_index_intact (other);
}

static void
test_interview_notes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(UppRound) round = test_load_round (fixture->store, fixture->round_uuid);
  g_autoptr(UppResponse) response = test_find_response (fixture->store, round, "Vansbro");
  g_autoptr(UppInterview) interview = upp_interview_new ();
  g_autoptr(GPtrArray) hits = NULL;
  UppSearchFilter filter = { .question_key = "other" };
  g_autoptr(GError) error = NULL;

  upp_interview_set_note (interview, "Socialchefen nämnde lodjursinventeringen.");
  g_assert_true (upp_store_save_interview (fixture->store, response, interview, &error));
  g_assert_no_error (error);

  hits = search (fixture->store, "lodjur", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (upp_search_hit_get_kind (hits->pdata[0]), ==, UPP_SEARCH_HIT_INTERVIEW_NOTE);
  g_assert_cmpstr (upp_search_hit_get_unit_name (hits->pdata[0]), ==, "Vansbro");
  g_assert_cmpstr (upp_search_hit_get_question_key (hits->pdata[0]), ==, "");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A note answers no question. */
  hits = search (fixture->store, "lodjur", &filter);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A removed interview's note is not found; the index follows. */
  g_assert_true (upp_store_remove_interview (fixture->store, interview, &error));
  g_assert_no_error (error);
  hits = search (fixture->store, "lodjur", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpint (sqlite3_exec (upp_store_get_db (fixture->store),
                                 "INSERT INTO interviews_search (interviews_search, rank) "
                                 "VALUES ('integrity-check', 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

static void
test_migration_fills_index (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "old");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);
  sqlite3 *db = NULL;

  test_set_answer (store, round_uuid, "Vansbro", "other", "Samverkansöverenskommelsen.");
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, TEST_SQL_UNDO_SCHEMA_10
                                     TEST_SQL_UNDO_SCHEMA_9 TEST_SQL_UNDO_SCHEMA_8
                                 TEST_SQL_UNDO_SCHEMA_7
                                 "PRAGMA user_version = 6;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  hits = search (store, "överenskommelse", NULL);
  g_assert_nonnull (find_hit (hits, "Vansbro", "other"));
  assert_index_intact (store);

  /* The file as it was is kept first (the newest backup). */
  backups = upp_store_list_backups (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, >=, 1);
  g_assert_cmpstr (upp_backup_get_reason (backups->pdata[0]), ==, "schema-v6");

  g_clear_object (&store);
  test_remove_tree (dir);
}

/* The hit of kind whose text holds text, NULL when there is none. */
static UppSearchHit *
find_kind (GPtrArray        *hits,
           UppSearchHitKind  kind)
{
  for (guint i = 0; i < hits->len; i++)
    if (upp_search_hit_get_kind (hits->pdata[i]) == kind)
      return hits->pdata[i];
  return NULL;
}

/* Themes (name and description) and report texts are found beside the answers, each hit
 * saying what it is; filters by unit, question or theme keep to answers. */
static void
test_themes_and_report_texts (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(UppRound) round = test_load_round (fixture->store, fixture->round_uuid);
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppTheme) retired = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  UppSearchFilter filter = { 0 };
  UppSearchHit *hit;

  theme = upp_store_add_theme (fixture->store, "20", "Gemensam vårdplanering",
                               UPP_THEME_KIND_PROMOTING, &error);
  g_assert_no_error (error);
  upp_theme_set_description (theme, "Om pingvinkolonins planer för utskrivning.");
  g_assert_true (upp_store_update_theme (fixture->store, theme, &error));
  retired = upp_store_add_theme (fixture->store, "20", "Pingvinfrågor", UPP_THEME_KIND_NEUTRAL,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (upp_store_retire_theme (fixture->store, retired, &error));
  upp_round_set_text (round, "summary", "Sammanfattning: pingvinerna samverkar väl.");
  upp_round_set_text (round, "group_by_part", "1");
  g_assert_true (upp_store_update_round (fixture->store, round, &error));
  g_assert_no_error (error);
  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other", "En pingvin.");

  /* Newest round first: its unit's answer, then its report text; themes last. */
  hits = search (fixture->store, "pingvin", NULL);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpint (upp_search_hit_get_kind (hits->pdata[0]), ==, UPP_SEARCH_HIT_ANSWER);
  hit = hits->pdata[1];
  g_assert_cmpint (upp_search_hit_get_kind (hit), ==, UPP_SEARCH_HIT_REPORT_TEXT);
  g_assert_cmpstr (upp_search_hit_get_round_uuid (hit), ==, fixture->round_uuid);
  g_assert_cmpstr (upp_search_hit_get_question_key (hit), ==, "summary");
  g_assert_cmpstr (upp_search_hit_get_unit_uuid (hit), ==, "");
  g_assert_cmpint (upp_search_hit_get_match_start (hit), ==, 16);
  hit = hits->pdata[2];
  g_assert_cmpint (upp_search_hit_get_kind (hit), ==, UPP_SEARCH_HIT_THEME);
  g_assert_cmpstr (upp_search_hit_get_answer_uuid (hit), ==, upp_theme_get_uuid (theme));
  g_assert_cmpstr (upp_search_hit_get_region_code (hit), ==, "20");
  g_assert_cmpstr (upp_search_hit_get_round_uuid (hit), ==, "");
  g_assert_cmpstr (upp_search_hit_get_text (hit), ==,
                   "Gemensam vårdplanering\nOm pingvinkolonins planer för utskrivning.");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A theme's name; the same with a filter (the database's order, not the one in memory). */
  filter.region_code = "20";
  hits = search (fixture->store, "vårdplanering", &filter);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (upp_search_hit_get_kind (hits->pdata[0]), ==, UPP_SEARCH_HIT_THEME);
  g_clear_pointer (&hits, g_ptr_array_unref);
  filter = (UppSearchFilter) { .year = 2025 };
  hits = search (fixture->store, "pingvin", &filter);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_nonnull (find_kind (hits, UPP_SEARCH_HIT_REPORT_TEXT));
  g_clear_pointer (&hits, g_ptr_array_unref);
  filter = (UppSearchFilter) { .question_key = "other" };
  hits = search (fixture->store, "pingvin", &filter);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (upp_search_hit_get_kind (hits->pdata[0]), ==, UPP_SEARCH_HIT_ANSWER);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A report setting is no text; a short word is checked on every kind's text. */
  hits = search (fixture->store, "1", NULL);
  g_assert_null (find_kind (hits, UPP_SEARCH_HIT_REPORT_TEXT));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (fixture->store, "om", NULL);
  g_assert_nonnull (find_kind (hits, UPP_SEARCH_HIT_THEME));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Edits follow: a renamed theme, a changed report text, a deleted round. */
  g_assert_true (upp_store_rename_theme (fixture->store, theme, "Samordnad planering", &error));
  g_assert_no_error (error);
  hits = search (fixture->store, "vårdplanering", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  upp_round_set_text (round, "summary", "Sammanfattning utan djur.");
  g_assert_true (upp_store_update_round (fixture->store, round, &error));
  hits = search (fixture->store, "pingvin", NULL);
  g_assert_null (find_kind (hits, UPP_SEARCH_HIT_REPORT_TEXT));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (fixture->store, "utan djur", NULL);
  g_assert_nonnull (find_kind (hits, UPP_SEARCH_HIT_REPORT_TEXT));
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_assert_true (upp_store_delete_round (fixture->store, round, &error));
  g_assert_no_error (error);
  hits = search (fixture->store, "utan djur", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpint (sqlite3_exec (upp_store_get_db (fixture->store),
                                 "INSERT INTO themes_search (themes_search, rank) "
                                 "VALUES ('integrity-check', 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* A database of schema 8 gets its themes and report texts indexed when it is opened. */
static void
test_migration_9_fills_indexes (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "old");
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  theme = upp_store_add_theme (store, "20", "Valrossamverkan", UPP_THEME_KIND_NEUTRAL, &error);
  g_assert_no_error (error);
  upp_round_set_text (round, "background", "Bakgrund om valrossar.");
  g_assert_true (upp_store_update_round (store, round, &error));
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, TEST_SQL_UNDO_SCHEMA_10
                                     TEST_SQL_UNDO_SCHEMA_9 "PRAGMA user_version = 8;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  hits = search (store, "valross", NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (upp_search_hit_get_kind (hits->pdata[0]), ==, UPP_SEARCH_HIT_REPORT_TEXT);
  g_assert_cmpint (upp_search_hit_get_kind (hits->pdata[1]), ==, UPP_SEARCH_HIT_THEME);

  g_clear_object (&store);
  test_remove_tree (dir);
}

/* The first hits of a search and the count of all, in the same order as every filtered
 * search, and an order that follows the database through a change and a rollback. */
static void
test_first_hits_in_order (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(UppImportResult) earlier = test_import_dalarna (fixture->store, 2024);
  UppSearchFilter region = { .region_code = "20" };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) filtered = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GError) error = NULL;
  guint n_matches = 0;

  test_set_answer (fixture->store, earlier->round_uuid, "Vansbro", "other", "Ett lodjur.");
  test_set_answer (fixture->store, fixture->round_uuid, "Falun", "other", "Lodjuret.");
  test_set_answer (fixture->store, fixture->round_uuid, "Vansbro", "other", "Lodjur här.");
  test_set_answer (fixture->store, earlier->round_uuid, "Falun", "challenges", "Lodjur.");

  /* Unfiltered, the order is kept in memory; a filter makes the database order. */
  all = search (fixture->store, "lodjur", NULL);
  filtered = search (fixture->store, "lodjur", &region);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpuint (filtered->len, ==, 4);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (upp_search_hit_get_answer_uuid (all->pdata[i]), ==,
                     upp_search_hit_get_answer_uuid (filtered->pdata[i]));
  g_assert_cmpint (upp_search_hit_get_year (all->pdata[0]), ==, 2025);
  g_assert_cmpint (upp_search_hit_get_year (all->pdata[3]), ==, 2024);

  first = upp_store_search_first (fixture->store, "lodjur", NULL, 3, &n_matches, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpuint (n_matches, ==, 4);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (upp_search_hit_get_answer_uuid (first->pdata[i]), ==,
                     upp_search_hit_get_answer_uuid (all->pdata[i]));
  g_clear_pointer (&first, g_ptr_array_unref);
  first = upp_store_search_first (fixture->store, "lodjur", &region, 1, &n_matches, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpuint (n_matches, ==, 4);

  /* A round deleted in a transaction that is rolled back: its answers are found again. */
  round = test_load_round (fixture->store, earlier->round_uuid);
  g_assert_true (upp_store_begin (fixture->store, &error));
  g_assert_true (upp_store_delete_round (fixture->store, round, &error));
  g_assert_no_error (error);
  after = search (fixture->store, "lodjur", NULL);
  g_assert_cmpuint (after->len, ==, 2);
  g_clear_pointer (&after, g_ptr_array_unref);
  upp_store_rollback (fixture->store);
  after = search (fixture->store, "lodjur", NULL);
  g_assert_cmpuint (after->len, ==, 4);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* A new answer after a search is found by the next. */
  test_set_answer (fixture->store, earlier->round_uuid, "Falun", "other", "Lodjur igen.");
  after = search (fixture->store, "lodjur", NULL);
  g_assert_cmpuint (after->len, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/search/compounds", test_compounds);
  ADD ("/search/letters-of-their-own", test_letters_of_their_own);
  ADD ("/search/phrases-and-words", test_phrases_and_words);
  ADD ("/search/filters", test_filters);
  ADD ("/search/hostile-queries", test_hostile_queries);
  ADD ("/search/index-follows-edits", test_index_follows_edits);
  ADD ("/search/index-follows-exchange", test_index_follows_exchange);
  ADD ("/search/interview-notes", test_interview_notes);
  ADD ("/search/first-hits-in-order", test_first_hits_in_order);
  ADD ("/search/themes-and-report-texts", test_themes_and_report_texts);
  g_test_add_func ("/search/migration-fills-index", test_migration_fills_index);
  g_test_add_func ("/search/migration-9-fills-indexes", test_migration_9_fills_indexes);

  return g_test_run ();
}
