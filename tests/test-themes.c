/* test-themes.c: the codebook (issue 13): schema 4, themes of a region (add, rename, merge,
 * retire), coded passages, their re-anchoring when an answer's text changes, and the
 * units × themes matrix
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "test-util.h"
#include "upp-backup.h"
#include "upp-coding.h"
#include "upp-theme-matrix.h"
#include "upp-theme.h"
#include "upp-region.h"

#define DALARNA "20"

static char *
query (const char *path,
       const char *sql)
{
  const char *argv[] = { "sqlite3", path, sql, NULL };

  return test_run (argv, NULL);
}

/* ---- schema 4 ------------------------------------------------------------------------ */

static void
test_migrate_v3 (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "v3.db", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "v3");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db = NULL;

  test_import_dalarna (store, 2025);
  g_clear_object (&store);
  /* Schemas 4 to 7 only add tables and columns: without them, the file is as version 3 left
   * it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, TEST_SQL_UNDO_SCHEMA_10
                                     TEST_SQL_UNDO_SCHEMA_9 TEST_SQL_UNDO_SCHEMA_8
                                 TEST_SQL_UNDO_SCHEMA_7 TEST_SQL_UNDO_SCHEMA_6
                                 "DROP TABLE codings; DROP TABLE themes;"
                                 "DROP TABLE removed_codings; PRAGMA user_version = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  text = query (path, "PRAGMA user_version");
  g_assert_cmpstr (text, ==, "10\n");
  backups = upp_store_list_backups (path, &error);
  g_assert_no_error (error);
  /* Newest first: the one before the migration, after the import's own. */
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (upp_backup_get_reason (backups->pdata[0]), ==, "schema-v3");

  theme = upp_store_add_theme (store, DALARNA, "Samverkan", UPP_THEME_KIND_PROMOTING, &error);
  g_assert_no_error (error);
  themes = upp_store_list_themes (store, DALARNA, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (themes->len, ==, 1);
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_newer_refused (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "newer");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          UPP_STORE_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  error = test_assert_open_refused (path, UPP_STORE_ERROR_NEWER_SCHEMA);
  test_remove_tree (dir);
}

/* ---- themes -------------------------------------------------------------------------- */

typedef struct
{
  char      *dir;
  UppStore  *store;
  UppRound  *round;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "themes");
  fixture->round = test_import_dalarna_round (fixture->store, 2025);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->round);
  test_close_store (&fixture->store, &fixture->dir);
}

static UppTheme *
add_theme (UppStore     *store,
           const char   *name,
           UppThemeKind  kind)
{
  g_autoptr(GError) error = NULL;
  UppTheme *theme = upp_store_add_theme (store, DALARNA, name, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (theme);
  return theme;
}

static GPtrArray *
list_themes (UppStore *store,
             gboolean  with_retired)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *themes = upp_store_list_themes (store, DALARNA, with_retired, &error);

  g_assert_no_error (error);
  return themes;
}

static void
test_add_and_rename (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(UppTheme) cooperation = add_theme (fixture->store, "Samverkan",
                                               UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppTheme) staff = add_theme (fixture->store, " Personalbrist ",
                                         UPP_THEME_KIND_HINDERING);
  g_autoptr(UppTheme) duplicate = NULL;
  g_autoptr(UppTheme) found = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  g_assert_cmpstr (upp_theme_get_name (staff), ==, "Personalbrist");
  themes = list_themes (fixture->store, FALSE);
  g_assert_cmpuint (themes->len, ==, 2);
  g_assert_cmpstr (upp_theme_get_name (themes->pdata[0]), ==, "Personalbrist");
  g_assert_cmpint (upp_theme_get_kind (themes->pdata[0]), ==, UPP_THEME_KIND_HINDERING);
  g_assert_cmpstr (upp_theme_get_name (themes->pdata[1]), ==, "Samverkan");
  g_assert_cmpint (upp_theme_get_kind (themes->pdata[1]), ==, UPP_THEME_KIND_PROMOTING);

  /* Names are unique whatever their case; refused changes change nothing. */
  before = test_dup_database_bytes (fixture->store, &before_length);
  duplicate = upp_store_add_theme (fixture->store, DALARNA, "SAMVERKAN",
                                   UPP_THEME_KIND_NEUTRAL, &error);
  g_assert_null (duplicate);
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (upp_store_rename_theme (fixture->store, staff, "samverkan", &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (upp_store_rename_theme (fixture->store, staff, "  ", &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  after = test_dup_database_bytes (fixture->store, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);

  /* A theme may take another case of its own name. */
  g_assert_true (upp_store_rename_theme (fixture->store, cooperation, "samverkan", &error));
  g_assert_no_error (error);
  g_assert_true (upp_store_rename_theme (fixture->store, cooperation, "Samverkan med regionen",
                                         &error));
  g_assert_no_error (error);
  found = upp_store_find_theme (fixture->store, DALARNA, "SAMVERKAN MED REGIONEN", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_theme_get_uuid (found), ==, upp_theme_get_uuid (cooperation));
  g_assert_cmpstr (upp_theme_get_name (found), ==, "Samverkan med regionen");
  g_clear_object (&found);
  found = upp_store_find_theme (fixture->store, DALARNA, "Samverkan", &error);
  g_assert_null (found);
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(UppTheme) group = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppTheme) child = add_theme (fixture->store, "Möten", UPP_THEME_KIND_NEUTRAL);
  g_autoptr(UppTheme) other = add_theme (fixture->store, "Lokaler", UPP_THEME_KIND_NEUTRAL);
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  upp_theme_set_description (child, "Regelbundna möten med regionen");
  upp_theme_set_kind (child, UPP_THEME_KIND_PROMOTING);
  upp_theme_set_parent_uuid (child, upp_theme_get_uuid (group));
  upp_theme_set_colour (child, "#2a7fff");
  g_assert_true (upp_store_update_theme (fixture->store, child, &error));
  g_assert_no_error (error);
  themes = list_themes (fixture->store, FALSE);
  g_assert_cmpstr (upp_theme_get_name (themes->pdata[1]), ==, "Möten");
  g_assert_cmpstr (upp_theme_get_description (themes->pdata[1]), ==,
                   "Regelbundna möten med regionen");
  g_assert_cmpint (upp_theme_get_kind (themes->pdata[1]), ==, UPP_THEME_KIND_PROMOTING);
  g_assert_cmpstr (upp_theme_get_parent_uuid (themes->pdata[1]), ==,
                   upp_theme_get_uuid (group));
  g_assert_cmpstr (upp_theme_get_colour (themes->pdata[1]), ==, "#2a7fff");

  /* One level: not under a grouped theme, not a group under another, not under itself; a
   * colour is #rrggbb. Nothing changes. */
  before = test_dup_database_bytes (fixture->store, &before_length);
  upp_theme_set_parent_uuid (other, upp_theme_get_uuid (child));
  g_assert_false (upp_store_update_theme (fixture->store, other, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  upp_theme_set_parent_uuid (group, upp_theme_get_uuid (other));
  g_assert_false (upp_store_update_theme (fixture->store, group, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  upp_theme_set_parent_uuid (other, upp_theme_get_uuid (other));
  g_assert_false (upp_store_update_theme (fixture->store, other, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  upp_theme_set_parent_uuid (other, "no-such-theme");
  g_assert_false (upp_store_update_theme (fixture->store, other, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  upp_theme_set_parent_uuid (other, "");
  upp_theme_set_colour (other, "blue");
  g_assert_false (upp_store_update_theme (fixture->store, other, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  after = test_dup_database_bytes (fixture->store, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

static UppCoding *
code (Fixture     *fixture,
      const char  *unit,
      const char  *question,
      gint64       start,
      gint64       end,
      UppTheme    *theme)
{
  g_autoptr(UppResponse) response = test_find_response (fixture->store, fixture->round, unit);
  g_autoptr(GError) error = NULL;
  UppCoding *coding = upp_store_code_passage (fixture->store, fixture->round, response,
                                              question, start, end, theme, &error);

  g_assert_no_error (error);
  g_assert_nonnull (coding);
  return coding;
}

static void
set_text (Fixture    *fixture,
          const char *unit,
          const char *question,
          const char *text)
{
  test_set_answer (fixture->store, upp_round_get_uuid (fixture->round), unit, question, text);
}

/* The coded passages of the theme, as "unit:start-end:text" with a "!" for flagged ones. */
static char *
describe_codings (Fixture  *fixture,
                  UppTheme *theme)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = upp_store_list_codings (fixture->store, NULL, NULL, theme,
                                                         &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < codings->len; i++)
    {
      UppCoding *coding = g_ptr_array_index (codings, i);

      g_string_append_printf (out, "%s%s:%u-%u:%s%s", i ? " " : "",
                              upp_coding_get_unit_name (coding), upp_coding_get_start (coding),
                              upp_coding_get_end (coding), upp_coding_get_text (coding),
                              upp_coding_get_flagged (coding) ? "!" : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_code_passage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(UppTheme) theme = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppResponse) falun = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(UppCoding) again = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  /* Offsets are characters: "Å" and "ö" are two bytes each. */
  const struct { gint64 start, end; } bad[] = { { -1, 3 }, { 3, 3 }, { 5, 2 }, { 0, 25 } };

  set_text (fixture, "Falun", "other", "Åtta möten med regionen.");
  coding = code (fixture, "Falun", "other", 5, 10, theme);
  g_assert_cmpstr (upp_coding_get_text (coding), ==, "möten");
  g_assert_cmpstr (upp_coding_get_unit_name (coding), ==, "Falun");
  g_assert_cmpint (upp_coding_get_year (coding), ==, 2025);
  g_assert_cmpstr (upp_coding_get_question_key (coding), ==, "other");
  g_assert_cmpstr (upp_coding_get_theme_name (coding), ==, "Samverkan");
  g_assert_false (upp_coding_get_flagged (coding));
  /* The whole text is a passage too; coding one twice keeps one. */
  g_clear_object (&coding);
  coding = code (fixture, "Falun", "other", 0, 24, theme);
  again = code (fixture, "Falun", "other", 0, 24, theme);
  g_assert_cmpint (upp_coding_get_id (again), ==, upp_coding_get_id (coding));

  before = test_dup_database_bytes (fixture->store, &before_length);
  falun = test_find_response (fixture->store, fixture->round, "Falun");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(UppCoding) refused = upp_store_code_passage (fixture->store, fixture->round,
                                                             falun, "other", bad[i].start,
                                                             bad[i].end, theme, &error);

      g_assert_null (refused);
      g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "24"));
      g_clear_error (&error);
    }
  /* No text to code, and a question the template does not have. */
  g_assert_null (upp_store_code_passage (fixture->store, fixture->round, falun, "challenges",
                                         0, 1, theme, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (upp_store_code_passage (fixture->store, fixture->round, falun, "nothing",
                                         0, 1, theme, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = test_dup_database_bytes (fixture->store, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);

  codings = upp_store_list_codings (fixture->store, fixture->round, falun, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 2);
  themes = list_themes (fixture->store, FALSE);
  g_assert_cmpuint (upp_theme_get_n_codings (themes->pdata[0]), ==, 2);
}

/* Taking a coding off forgets it and remembers its uuid; a quote mark is kept. */
static void
test_remove_and_quote (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(UppTheme) theme = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppCoding) first = NULL;
  g_autoptr(UppCoding) second = NULL;
  g_autoptr(UppCoding) again = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;

  set_text (fixture, "Falun", "other", "Åtta möten med regionen.");
  first = code (fixture, "Falun", "other", 5, 10, theme);
  second = code (fixture, "Falun", "other", 0, 4, theme);
  g_assert_true (upp_store_set_coding_quote (fixture->store, second, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (upp_store_remove_coding (fixture->store, first, &error));
  g_assert_no_error (error);

  codings = upp_store_list_codings (fixture->store, fixture->round, NULL, theme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpstr (upp_coding_get_text (codings->pdata[0]), ==, "Åtta");
  g_assert_true (upp_coding_get_quote (codings->pdata[0]));
  {
    g_autofree char *removed = query (upp_store_get_path (fixture->store),
                                      "SELECT count(*) FROM removed_codings");

    g_assert_cmpstr (removed, ==, "1\n");
  }

  /* A coding no longer there cannot be a quote; coding the passage again makes a new one. */
  g_assert_false (upp_store_set_coding_quote (fixture->store, first, TRUE, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  again = code (fixture, "Falun", "other", 5, 10, theme);
  g_assert_cmpstr (upp_coding_get_uuid (again), !=, upp_coding_get_uuid (first));
  g_assert_false (upp_coding_get_quote (again));
}

static void
test_reanchor (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(UppTheme) theme = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppCoding) coding = NULL;
  g_autofree char *described = NULL;

  set_text (fixture, "Falun", "other", "Vi har möten. Samverkan fungerar. Slut.");
  coding = code (fixture, "Falun", "other", 14, 33, theme);
  g_assert_cmpstr (upp_coding_get_text (coding), ==, "Samverkan fungerar.");

#define EXPECT(text, expected)                                                \
  G_STMT_START {                                                              \
    set_text (fixture, "Falun", "other", text);                               \
    described = describe_codings (fixture, theme);                            \
    g_assert_cmpstr (described, ==, expected);                                \
    g_clear_pointer (&described, g_free);                                     \
  } G_STMT_END

  /* An edit after the passage leaves it where it is; one before moves it along. */
  EXPECT ("Vi har möten. Samverkan fungerar. Slut, och mer.",
          "Falun:14-33:Samverkan fungerar.");
  EXPECT ("Ända sedan i våras har vi möten. Samverkan fungerar. Slut, och mer.",
          "Falun:33-52:Samverkan fungerar.");
  /* Two places hold the passage: the one nearest to where it was. */
  EXPECT ("Samverkan fungerar. Ända sedan i våras har vi möten. Samverkan fungerar. Mer.",
          "Falun:53-72:Samverkan fungerar.");
  EXPECT ("Samverkan fungerar. Mer.", "Falun:0-19:Samverkan fungerar.");
  /* An edit inside the passage: its text is gone, so it is flagged, not dropped. */
  EXPECT ("Samverkan fungerar bra. Mer.", "Falun:0-19:Samverkan fungerar.!");
  EXPECT ("", "Falun:0-19:Samverkan fungerar.!");
  /* The text back (undo): the flag goes. */
  EXPECT ("Nu igen: Samverkan fungerar.", "Falun:9-28:Samverkan fungerar.");
#undef EXPECT
}

/* Two codings of one theme that an edit brings onto the same passage stay as one. */
static void
test_reanchor_onto_each_other (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(UppTheme) theme = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppCoding) first = NULL;
  g_autoptr(UppCoding) second = NULL;
  g_autofree char *described = NULL;

  set_text (fixture, "Falun", "other", "Möten. Möten.");
  first = code (fixture, "Falun", "other", 0, 5, theme);
  second = code (fixture, "Falun", "other", 7, 12, theme);
  set_text (fixture, "Falun", "other", "Möten.");
  described = describe_codings (fixture, theme);
  g_assert_cmpstr (described, ==, "Falun:0-5:Möten");
}

static void
test_merge_and_retire (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(UppTheme) from = add_theme (fixture->store, "Samarbete", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppTheme) into = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppTheme) other = add_theme (fixture->store, "Lokaler", UPP_THEME_KIND_NEUTRAL);
  g_autoptr(UppTheme) renewed = NULL;
  g_autoptr(UppCoding) a = NULL, b = NULL, c = NULL, d = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  set_text (fixture, "Falun", "other", "Möten varje månad.");
  set_text (fixture, "Borlänge", "other", "Gemensam utbildning.");
  a = code (fixture, "Falun", "other", 0, 5, from);
  b = code (fixture, "Falun", "other", 0, 5, into);     /* the same passage with both */
  c = code (fixture, "Borlänge", "other", 0, 8, from);
  d = code (fixture, "Borlänge", "other", 9, 19, other);

  g_assert_false (upp_store_merge_themes (fixture->store, into, into, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (upp_store_merge_themes (fixture->store, from, into, &error));
  g_assert_no_error (error);
  described = describe_codings (fixture, into);
  g_assert_cmpstr (described, ==, "Falun:0-5:Möten Borlänge:0-8:Gemensam");
  g_clear_pointer (&described, g_free);
  described = describe_codings (fixture, from);
  g_assert_cmpstr (described, ==, "");
  g_clear_pointer (&described, g_free);

  themes = list_themes (fixture->store, FALSE);
  g_assert_cmpuint (themes->len, ==, 2);
  g_assert_cmpstr (upp_theme_get_name (themes->pdata[1]), ==, "Samverkan");
  g_assert_cmpuint (upp_theme_get_n_codings (themes->pdata[1]), ==, 2);
  g_clear_pointer (&themes, g_ptr_array_unref);
  themes = list_themes (fixture->store, TRUE);
  g_assert_cmpuint (themes->len, ==, 3);
  g_assert_true (upp_theme_get_retired (themes->pdata[2]));

  /* Merged into a retired theme: refused. A retired theme's name is free again. */
  g_assert_false (upp_store_merge_themes (fixture->store, other, from, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&renewed);
  renewed = add_theme (fixture->store, "Samarbete", UPP_THEME_KIND_NEUTRAL);

  /* Retired, its passages stay coded. */
  g_assert_true (upp_store_retire_theme (fixture->store, other, &error));
  g_assert_no_error (error);
  described = describe_codings (fixture, other);
  g_assert_cmpstr (described, ==, "Borlänge:9-19:utbildning");
}

/* The exchange merge brings another laptop's edit of an answer: the codings follow it. */
static void
test_reanchor_on_exchange (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(UppStore) other = test_open_store (fixture->dir, "other");
  g_autoptr(UppTheme) theme = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(UppExchangeSummary) first = NULL;
  g_autoptr(UppExchangeSummary) back = NULL;
  g_autofree char *path = NULL;
  g_autofree char *returned = NULL;
  g_autofree char *described = NULL;
  const char *uuid = upp_round_get_uuid (fixture->round);

  set_text (fixture, "Falun", "other", "Samverkan fungerar.");
  path = test_export_exchange (fixture->store, fixture->dir, "to-other", uuid);
  first = test_import_exchange (other, path, 0);
  coding = code (fixture, "Falun", "other", 0, 9, theme);

  test_set_answer (other, uuid, "Falun", "other", "Sedan i våras: Samverkan fungerar.");
  returned = test_export_exchange (other, fixture->dir, "from-other", uuid);
  back = test_import_exchange (fixture->store, returned, 0);
  described = describe_codings (fixture, theme);
  g_assert_cmpstr (described, ==, "Falun:15-24:Samverkan");
}

/* A conflict settled with the other laptop's text: the codings follow that text. */
static void
test_reanchor_on_resolve (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(UppStore) other = test_open_store (fixture->dir, "other");
  g_autoptr(UppTheme) theme = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(UppExchangeSummary) first = NULL;
  g_autoptr(UppExchangeSummary) back = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *returned = NULL;
  g_autofree char *described = NULL;
  const char *uuid = upp_round_get_uuid (fixture->round);

  set_text (fixture, "Falun", "other", "Samverkan fungerar.");
  path = test_export_exchange (fixture->store, fixture->dir, "to-other", uuid);
  first = test_import_exchange (other, path, 0);
  coding = code (fixture, "Falun", "other", 0, 9, theme);
  set_text (fixture, "Falun", "other", "Bra: Samverkan fungerar.");
  test_set_answer (other, uuid, "Falun", "other", "Sedan i våras: Samverkan fungerar.");
  returned = test_export_exchange (other, fixture->dir, "from-other", uuid);
  back = test_import_exchange (fixture->store, returned, 0);
  described = describe_codings (fixture, theme);
  g_assert_cmpstr (described, ==, "Falun:5-14:Samverkan");
  g_clear_pointer (&described, g_free);

  conflicts = upp_store_list_conflicts (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_true (upp_store_resolve_conflict (fixture->store,
                                             upp_conflict_get_id (conflicts->pdata[0]),
                                             UPP_CONFLICT_KEEP_THEIRS, NULL, &error));
  g_assert_no_error (error);
  described = describe_codings (fixture, theme);
  g_assert_cmpstr (described, ==, "Falun:15-24:Samverkan");
}

static void
test_matrix (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(UppRound) earlier = test_import_dalarna_round (fixture->store, 2024);
  g_autoptr(UppTheme) cooperation = add_theme (fixture->store, "Samverkan",
                                               UPP_THEME_KIND_PROMOTING);
  g_autoptr(UppTheme) staff = add_theme (fixture->store, "Personalbrist",
                                         UPP_THEME_KIND_HINDERING);
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppThemeMatrix) matrix = NULL;
  g_autoptr(UppCoding) a = NULL, b = NULL, c = NULL, d = NULL;
  g_autoptr(UppResponse) falun_2024 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  guint falun_2025 = G_MAXUINT, falun_2024_row = G_MAXUINT;

  set_text (fixture, "Falun", "other", "Möten. Brist på personal.");
  a = code (fixture, "Falun", "other", 0, 5, cooperation);
  b = code (fixture, "Falun", "other", 7, 25, staff);
  c = code (fixture, "Falun", "other", 0, 6, cooperation);   /* two passages, one theme */
  test_set_answer (fixture->store, upp_round_get_uuid (earlier), "Falun", "other",
                   "Samverkan.");
  falun_2024 = test_find_response (fixture->store, earlier, "Falun");
  d = upp_store_code_passage (fixture->store, earlier, falun_2024, "other", 0, 9, cooperation,
                              &error);
  g_assert_no_error (error);

  g_ptr_array_add (rounds, g_object_ref (fixture->round));
  g_ptr_array_add (rounds, g_object_ref (earlier));
  matrix = upp_theme_matrix_new (fixture->store, rounds, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upp_theme_matrix_get_n_rows (matrix), ==, 22);
  g_assert_cmpuint (upp_theme_matrix_get_n_themes (matrix), ==, 2);
  g_assert_cmpstr (upp_theme_get_name (upp_theme_matrix_get_theme (matrix, 0)), ==,
                   "Personalbrist");
  /* Oldest year first. */
  g_assert_cmpint (upp_theme_matrix_get_year (matrix, 0), ==, 2024);
  g_assert_cmpint (upp_theme_matrix_get_year (matrix, 21), ==, 2025);
  for (guint row = 0; row < 22; row++)
    {
      if (g_strcmp0 (upp_theme_matrix_get_unit_name (matrix, row), "Falun") != 0)
        {
          g_assert_cmpuint (upp_theme_matrix_get_count (matrix, row, 0), ==, 0);
          g_assert_cmpuint (upp_theme_matrix_get_count (matrix, row, 1), ==, 0);
        }
      else if (upp_theme_matrix_get_year (matrix, row) == 2025)
        falun_2025 = row;
      else
        falun_2024_row = row;
    }
  g_assert_cmpuint (upp_theme_matrix_get_count (matrix, falun_2025, 0), ==, 1);
  g_assert_cmpuint (upp_theme_matrix_get_count (matrix, falun_2025, 1), ==, 2);
  g_assert_cmpuint (upp_theme_matrix_get_count (matrix, falun_2024_row, 0), ==, 0);
  g_assert_cmpuint (upp_theme_matrix_get_count (matrix, falun_2024_row, 1), ==, 1);

  csv = upp_theme_matrix_to_csv (matrix, FALSE, ';');
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBFunit;year;Personalbrist;Samverkan\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nFalun;2024;0;1\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nFalun;2025;1;1\r\n"));
  g_clear_pointer (&csv, g_free);
  csv = upp_theme_matrix_to_csv (matrix, TRUE, ';');
  g_assert_nonnull (strstr (csv, "\r\nFalun;2025;1;2\r\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/themes/migrate/v3", test_migrate_v3);
  g_test_add_func ("/themes/migrate/newer-refused", test_newer_refused);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/themes/add-and-rename", test_add_and_rename);
  ADD ("/themes/update", test_update);
  ADD ("/themes/code-passage", test_code_passage);
  ADD ("/themes/remove-and-quote", test_remove_and_quote);
  ADD ("/themes/reanchor", test_reanchor);
  ADD ("/themes/reanchor-onto-each-other", test_reanchor_onto_each_other);
  ADD ("/themes/reanchor-on-exchange", test_reanchor_on_exchange);
  ADD ("/themes/reanchor-on-resolve", test_reanchor_on_resolve);
  ADD ("/themes/merge-and-retire", test_merge_and_retire);
  ADD ("/themes/matrix", test_matrix);
#undef ADD

  return g_test_run ();
}
