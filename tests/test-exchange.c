/* test-exchange.c: exchange files between two laptops: merge without loss, conflicts and
 * their resolution, importing twice, and bad files that leave the database as it was
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "exchange/exchange-parse.h"
#include "exchange/exchange-read.h"
#include "exchange/exchange-write.h"
#include "import/import-dalarna.h"
#include "report/upp-report.h"
#include "test-util.h"
#include "upp-agreement.h"
#include "upp-answer.h"
#include "upp-backup.h"
#include "upp-conflict.h"
#include "upp-interview.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-unit.h"

/* ---- helpers ------------------------------------------------------------------------------ */

static void
append_rows (UppStore   *store,
             const char *sql,
             GString    *out)
{
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (upp_store_get_db (store), sql, -1, &statement, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (statement); i++)
        {
          const char *text = (const char *) sqlite3_column_text (statement, i);
          g_string_append_printf (out, "%s\x1f", text ? text : "<null>");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (sqlite3_finalize (statement), ==, SQLITE_OK);
}

/* Every row of every table, to show that a refused import changed nothing at all. The search
 * index's own tables are among them; its virtual table only shows the answers' texts. */
static char *
db_checksum (UppStore *store)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *statement = NULL;

  sqlite3_prepare_v2 (upp_store_get_db (store),
                      "SELECT name FROM sqlite_master WHERE type = 'table'"
                      "  AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name", -1,
                      &statement, NULL);
  while (sqlite3_step (statement) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
  sqlite3_finalize (statement);
  g_assert_cmpuint (tables->len, >=, 10);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2",
                                              (char *) g_ptr_array_index (tables, i));
      g_string_append_printf (all, "## %s\n", (char *) g_ptr_array_index (tables, i));
      append_rows (store, sql, all);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all->str, all->len);
}

/* What a user sees, by uuids (row ids differ between laptops): rounds, units, responses and
 * current answers, and the open conflicts' other sides. */
static char *
visible_state (UppStore *store)
{
  GString *out = g_string_new (NULL);

  append_rows (store, "SELECT uuid, year, title, region_code, modified FROM rounds ORDER BY uuid",
               out);
  append_rows (store, "SELECT u.uuid, u.name, u.kind, group_concat(m.municipality_code) "
               "FROM units u LEFT JOIN unit_members m ON m.unit_id = u.id "
               "GROUP BY u.id ORDER BY u.uuid", out);
  append_rows (store, "SELECT r.uuid, u.uuid, r.status, r.interview_date, r.mode, "
               "r.participant_count, r.participant_roles, r.modified, r.device "
               "FROM responses r JOIN units u ON u.id = r.unit_id ORDER BY r.uuid", out);
  append_rows (store, "SELECT r.uuid, a.uuid, a.question_key, a.text, a.choices, a.modified, "
               "a.device FROM answers a JOIN responses r ON r.id = a.response_id "
               "ORDER BY r.uuid, a.question_key", out);
  append_rows (store, "SELECT object_uuid, theirs_text, theirs_modified FROM conflicts "
               "ORDER BY object_uuid, theirs_modified", out);
  return g_string_free (out, FALSE);
}

/* Every version of every answer a side holds, current or kept in a conflict: while a
 * conflict is open the two laptops show different current texts but hold the same two. */
static char *
all_versions (UppStore *store)
{
  GString *out = g_string_new (NULL);

  append_rows (store,
               "SELECT answer, text, modified FROM ("
               "  SELECT r.uuid || a.question_key AS answer, a.text, a.modified "
               "  FROM answers a JOIN responses r ON r.id = a.response_id "
               "  UNION SELECT r.uuid || a.question_key, c.theirs_text, c.theirs_modified "
               "  FROM conflicts c JOIN answers a ON a.uuid = c.object_uuid "
               "  JOIN responses r ON r.id = a.response_id) ORDER BY 1, 3, 2", out);
  return g_string_free (out, FALSE);
}

static void
set_status (UppStore          *store,
            const char        *round_uuid,
            const char        *unit_name,
            UppResponseStatus  status,
            const char        *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = upp_store_load_round (store, round_uuid, &error);
  g_autoptr(UppResponse) response = upp_store_find_response (store, round, unit_name, &error);

  g_assert_no_error (error);
  upp_response_set_status (response, status);
  upp_response_set_interview_date (response, date);
  g_assert_true (upp_store_save_response_details (store, response, &error));
  g_assert_no_error (error);
  g_usleep (2000);
}

/* Changes the interview date only. */
static void
set_date (UppStore   *store,
          const char *round_uuid,
          const char *unit_name,
          const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = upp_store_load_round (store, round_uuid, &error);
  g_autoptr(UppResponse) response = upp_store_find_response (store, round, unit_name, &error);

  g_assert_no_error (error);
  upp_response_set_interview_date (response, date);
  g_assert_true (upp_store_save_response_details (store, response, &error));
  g_assert_no_error (error);
  g_usleep (2000);
}

/* With the backup, as the app imports. */
static UppExchangeSummary *
import (UppStore   *store,
        const char *path)
{
  return test_import_exchange (store, path, UPP_EXCHANGE_IMPORT_DEFAULT);
}

/* A coordinator's round, exported to a file for a laptop. */
typedef struct
{
  char     *dir;
  UppStore *coordinator;
  UppStore *laptop;
  char     *round_uuid;
  char     *path;
} Exchange;

static void
exchange_set_up (Exchange      *fixture,
                 gconstpointer  data)
{
  fixture->dir = test_make_temp_dir ();
  fixture->coordinator = test_open_store (fixture->dir, "coordinator");
  fixture->laptop = test_open_store (fixture->dir, "laptop");
  fixture->round_uuid = test_import_dalarna_uuid (fixture->coordinator);
  fixture->path = test_export_exchange (fixture->coordinator, fixture->dir, "round",
                                        fixture->round_uuid);
}

static void
exchange_tear_down (Exchange      *fixture,
                    gconstpointer  data)
{
  g_clear_object (&fixture->coordinator);
  g_clear_object (&fixture->laptop);
  g_free (fixture->round_uuid);
  g_free (fixture->path);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* A coordinator's round, sent to two laptops a and b. */
typedef struct
{
  char     *dir;
  UppStore *coordinator;
  UppStore *a;
  UppStore *b;
  char     *round_uuid;
} Laptops;

static void
laptops_set_up (Laptops       *fixture,
                gconstpointer  data)
{
  g_autofree char *start = NULL;
  g_autoptr(UppExchangeSummary) a_start = NULL;
  g_autoptr(UppExchangeSummary) b_start = NULL;

  fixture->dir = test_make_temp_dir ();
  fixture->coordinator = test_open_store (fixture->dir, "coordinator");
  fixture->a = test_open_store (fixture->dir, "a");
  fixture->b = test_open_store (fixture->dir, "b");
  fixture->round_uuid = test_import_dalarna_uuid (fixture->coordinator);
  start = test_export_exchange (fixture->coordinator, fixture->dir, "start", fixture->round_uuid);
  a_start = import (fixture->a, start);
  b_start = import (fixture->b, start);
}

static void
laptops_tear_down (Laptops       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->coordinator);
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
  g_free (fixture->round_uuid);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ---- tests -------------------------------------------------------------------------------- */

static void
test_round_trip (Exchange      *fixture,
                 gconstpointer  data)
{
  g_autoptr(UppExchangeSummary) summary = import (fixture->laptop, fixture->path);
  g_autofree char *text = upp_exchange_summary_to_string (summary);
  g_autofree char *state_coordinator = visible_state (fixture->coordinator);
  g_autofree char *state_laptop = visible_state (fixture->laptop);
  g_autofree char *contents = NULL;
  g_autofree char *falun = NULL;

  g_assert_cmpuint (summary->rounds_added, ==, 1);
  g_assert_cmpuint (summary->units_added, ==, 11);
  g_assert_cmpuint (summary->responses_added, ==, 11);
  /* Gagnef's "Har ej fått in svar" is its status, not an answer. */
  g_assert_cmpuint (summary->answers_added, ==, 43);
  g_assert_cmpuint (summary->conflicts, ==, 0);
  g_assert_cmpstr (text, ==, "1 round added, 11 units added, 11 responses added, "
                             "43 answers added");
  g_assert_cmpstr (state_laptop, ==, state_coordinator);

  /* The file says what it is, and carries member municipality codes (Södra: 2084 Avesta,
   * 2083 Hedemora). */
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"format\" : \"uppfoljning-exchange\""));
  g_assert_nonnull (strstr (contents, "\"format_version\" : 2"));
  g_assert_nonnull (strstr (contents, "\"2084\""));
  falun = test_dup_answer_text (fixture->laptop, fixture->round_uuid, "Falun", "structure");
  g_assert_true (g_str_has_prefix (falun, "Finns en styrgrupp"));
}

static void
test_import_twice (Exchange      *fixture,
                   gconstpointer  data)
{
  g_autoptr(UppExchangeSummary) first = import (fixture->laptop, fixture->path);
  g_autofree char *before = db_checksum (fixture->laptop);
  g_autoptr(UppExchangeSummary) second = import (fixture->laptop, fixture->path);
  g_autofree char *after = db_checksum (fixture->laptop);
  g_autofree char *text = upp_exchange_summary_to_string (second);

  g_assert_false (upp_exchange_summary_is_empty (first));
  g_assert_true (upp_exchange_summary_is_empty (second));
  g_assert_cmpstr (text, ==, "Nothing new");
  g_assert_cmpstr (after, ==, before);

  /* The coordinator's own file changes nothing there either. */
  {
    g_autofree char *own_before = db_checksum (fixture->coordinator);
    g_autoptr(UppExchangeSummary) own = import (fixture->coordinator, fixture->path);
    g_autofree char *own_after = db_checksum (fixture->coordinator);

    g_assert_true (upp_exchange_summary_is_empty (own));
    g_assert_cmpstr (own_after, ==, own_before);
  }
}

static void
test_dry_run (Exchange      *fixture,
              gconstpointer  data)
{
  g_autofree char *before = db_checksum (fixture->laptop);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppExchangeSummary) preview =
    upp_exchange_import_file (fixture->laptop, fixture->path, UPP_EXCHANGE_IMPORT_DRY_RUN, &error);
  g_autofree char *after = db_checksum (fixture->laptop);
  g_autoptr(UppExchangeSummary) real = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (preview->answers_added, ==, 43);
  g_assert_cmpstr (after, ==, before);

  real = import (fixture->laptop, fixture->path);
  g_assert_cmpuint (real->answers_added, ==, preview->answers_added);
  g_assert_cmpuint (real->units_added, ==, preview->units_added);
}

static void
test_backup_before_import (Exchange      *fixture,
                           gconstpointer  data)
{
  g_autoptr(UppExchangeSummary) summary = import (fixture->laptop, fixture->path);
  g_autoptr(GPtrArray) backups = upp_store_list_backups (upp_store_get_path (fixture->laptop),
                                                         NULL);
  UppBackup *info;
  GStatBuf st;

  g_assert_nonnull (backups);
  g_assert_cmpuint (backups->len, ==, 1);
  info = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (upp_backup_get_reason (info), ==, UPP_BACKUP_BEFORE_IMPORT);
  g_assert_cmpint (g_stat (upp_backup_get_path (info), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The backup is the database as it was before: no round yet. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(UppStore) old = upp_store_open (upp_backup_get_path (info), &error);
    g_autoptr(GPtrArray) rounds = NULL;

    g_assert_no_error (error);
    rounds = upp_store_list_rounds (old, &error);
    g_assert_cmpuint (rounds->len, ==, 0);
  }
}

typedef struct
{
  const char            *resolver;  /* "a" or "b" */
  UppConflictResolution  resolution;
  const char            *expected;
} ResolveCase;

static const ResolveCase resolve_cases[] = {
  { "a", UPP_CONFLICT_KEEP_MINE, "A: personalbrist" },
  { "a", UPP_CONFLICT_KEEP_THEIRS, "B: långa väntetider" },
  { "b", UPP_CONFLICT_USE_TEXT, "Personalbrist och långa väntetider" },
};

static void
test_two_laptops (Laptops       *fixture,
                  gconstpointer  data)
{
  const ResolveCase *resolve_case = data;
  UppStore *a = fixture->a;
  UppStore *b = fixture->b;
  const char *dir = fixture->dir;
  const char *round_uuid = fixture->round_uuid;
  g_autofree char *a_file = NULL;
  g_autofree char *b_file = NULL;
  g_autoptr(UppExchangeSummary) a_gets = NULL;
  g_autoptr(UppExchangeSummary) b_gets = NULL;
  g_autoptr(GPtrArray) a_conflicts = NULL;
  g_autoptr(GPtrArray) b_conflicts = NULL;
  g_autoptr(GError) error = NULL;
  UppStore *resolver;
  UppConflict *conflict;

  /* Different units edited on each laptop, and the same answer on both. */
  test_set_answer (a, round_uuid, "Borlänge", "good_examples", "A: IBM fungerar bra");
  test_set_answer (a, round_uuid, "Falun", "challenges", "A: personalbrist");
  test_set_answer (b, round_uuid, "Säter", "good_examples", "B: SIP används");
  test_set_answer (b, round_uuid, "Falun", "challenges", "B: långa väntetider");
  test_set_answer (b, round_uuid, "Vansbro", "other", "B: nytt svar");
  /* Different interview details of one unit changed on each: both changes are kept. */
  set_status (a, round_uuid, "Gagnef", UPP_RESPONSE_STATUS_BOOKED, "");
  set_date (b, round_uuid, "Gagnef", "2026-03-04");
  set_status (a, round_uuid, "Leksand", UPP_RESPONSE_STATUS_INVITED, "");

  a_file = test_export_exchange (a, dir, "from-a", round_uuid);
  b_file = test_export_exchange (b, dir, "from-b", round_uuid);
  a_gets = import (a, b_file);
  b_gets = import (b, a_file);

  g_assert_cmpuint (a_gets->conflicts, ==, 1);
  g_assert_cmpuint (b_gets->conflicts, ==, 1);
  g_assert_cmpuint (a_gets->answers_updated + a_gets->answers_added, ==, 2);
  g_assert_cmpuint (b_gets->answers_updated + b_gets->answers_added, ==, 1);

  /* Every edit is present on both sides; the conflicting answer keeps both versions. */
  {
    g_autofree char *a_versions = all_versions (a);
    g_autofree char *b_versions = all_versions (b);
    g_assert_cmpstr (a_versions, ==, b_versions);
  }
  for (guint i = 0; i < 2; i++)
    {
      UppStore *store = i == 0 ? a : b;
      g_autofree char *borlange = test_dup_answer_text (store, round_uuid, "Borlänge",
                                                        "good_examples");
      g_autofree char *sater = test_dup_answer_text (store, round_uuid, "Säter", "good_examples");
      g_autofree char *vansbro = test_dup_answer_text (store, round_uuid, "Vansbro", "other");
      g_assert_cmpstr (borlange, ==, "A: IBM fungerar bra");
      g_assert_cmpstr (sater, ==, "B: SIP används");
      g_assert_cmpstr (vansbro, ==, "B: nytt svar");
    }
  {
    /* Nothing was overwritten: each side still shows its own text beside the other's. */
    g_autofree char *a_falun = test_dup_answer_text (a, round_uuid, "Falun", "challenges");
    g_autofree char *b_falun = test_dup_answer_text (b, round_uuid, "Falun", "challenges");
    g_assert_cmpstr (a_falun, ==, "A: personalbrist");
    g_assert_cmpstr (b_falun, ==, "B: långa väntetider");
  }

  a_conflicts = upp_store_list_conflicts (a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a_conflicts->len, ==, 1);
  conflict = g_ptr_array_index (a_conflicts, 0);
  g_assert_cmpstr (upp_conflict_get_unit_name (conflict), ==, "Falun");
  g_assert_cmpstr (upp_conflict_get_question_key (conflict), ==, "challenges");
  g_assert_cmpstr (upp_conflict_get_mine_text (conflict), ==, "A: personalbrist");
  g_assert_cmpstr (upp_conflict_get_theirs_text (conflict), ==, "B: långa väntetider");
  g_assert_cmpstr (upp_conflict_get_round_uuid (conflict), ==, round_uuid);
  b_conflicts = upp_store_list_conflicts (b, round_uuid, &error);
  g_assert_cmpuint (b_conflicts->len, ==, 1);
  g_assert_cmpstr (upp_conflict_get_mine_text (g_ptr_array_index (b_conflicts, 0)), ==,
                   "B: långa väntetider");

  /* Importing the same files again adds nothing, not even a second conflict. */
  {
    g_autofree char *before = db_checksum (a);
    g_autoptr(UppExchangeSummary) again = import (a, b_file);
    g_autofree char *after = db_checksum (a);
    g_assert_true (upp_exchange_summary_is_empty (again));
    g_assert_cmpstr (after, ==, before);
  }

  /* Settle it on one laptop and exchange both ways again. */
  resolver = g_str_equal (resolve_case->resolver, "a") ? a : b;
  {
    g_autoptr(GPtrArray) open = upp_store_list_conflicts (resolver, NULL, &error);
    conflict = g_ptr_array_index (open, 0);
    g_assert_true (upp_store_resolve_conflict (resolver, upp_conflict_get_id (conflict),
                                               resolve_case->resolution,
                                               resolve_case->expected, &error));
    g_assert_no_error (error);
    g_assert_false (upp_store_resolve_conflict (resolver, upp_conflict_get_id (conflict),
                                                UPP_CONFLICT_KEEP_MINE, NULL, &error));
    g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_cmpuint (upp_store_count_conflicts (resolver), ==, 0);
  {
    UppStore *other = resolver == a ? b : a;
    g_autofree char *settled = test_export_exchange (resolver, dir, "settled", round_uuid);
    g_autoptr(UppExchangeSummary) other_gets = import (other, settled);
    g_autofree char *reply = test_export_exchange (other, dir, "reply", round_uuid);
    g_autoptr(UppExchangeSummary) resolver_gets = import (resolver, reply);
    g_autoptr(UppExchangeSummary) stale = NULL;
    g_autofree char *a_state = visible_state (a);
    g_autofree char *b_state = visible_state (b);
    g_autofree char *a_falun = test_dup_answer_text (a, round_uuid, "Falun", "challenges");
    g_autofree char *b_falun = test_dup_answer_text (b, round_uuid, "Falun", "challenges");

    g_assert_cmpuint (other_gets->answers_updated, ==, 1);
    g_assert_cmpuint (other_gets->conflicts, ==, 0);
    g_assert_true (upp_exchange_summary_is_empty (resolver_gets));
    g_assert_cmpuint (upp_store_count_conflicts (a), ==, 0);
    g_assert_cmpuint (upp_store_count_conflicts (b), ==, 0);
    g_assert_cmpstr (a_falun, ==, resolve_case->expected);
    g_assert_cmpstr (b_falun, ==, resolve_case->expected);
    g_assert_cmpstr (a_state, ==, b_state);
    g_assert_nonnull (strstr (a_state, "booked\x1f" "2026-03-04"));
    g_assert_nonnull (strstr (a_state, "invited\x1f"));

    /* An old file from before the settlement brings the conflict back on neither side. */
    stale = import (resolver, resolver == a ? b_file : a_file);
    g_assert_true (upp_exchange_summary_is_empty (stale));
    g_clear_pointer (&stale, upp_exchange_summary_free);
    stale = import (other, resolver == a ? a_file : b_file);
    g_assert_true (upp_exchange_summary_is_empty (stale));
  }
}

/* The real workflow: officers send their files to the coordinator, who sends everything
 * back; edits travel between officers through the coordinator. */
static void
test_coordinator_gathers (Laptops       *fixture,
                          gconstpointer  data)
{
  UppStore *coordinator = fixture->coordinator;
  UppStore *a = fixture->a;
  UppStore *b = fixture->b;
  const char *dir = fixture->dir;
  const char *round_uuid = fixture->round_uuid;
  g_autofree char *from_a = NULL;
  g_autofree char *from_b = NULL;
  g_autofree char *everything = NULL;
  g_autofree char *from_a_again = NULL;
  g_autoptr(UppExchangeSummary) s1 = NULL;
  g_autoptr(UppExchangeSummary) s2 = NULL;
  g_autoptr(UppExchangeSummary) s3 = NULL;
  g_autoptr(UppExchangeSummary) s4 = NULL;
  g_autoptr(UppExchangeSummary) s5 = NULL;
  g_autoptr(UppExchangeSummary) s6 = NULL;

  test_set_answer (a, round_uuid, "Falun", "other", "A1");
  test_set_answer (b, round_uuid, "Mora, Orsa och Älvdalen", "other", "B1");
  from_a = test_export_exchange (a, dir, "from-a", round_uuid);
  from_b = test_export_exchange (b, dir, "from-b", round_uuid);
  s1 = import (coordinator, from_a);
  s2 = import (coordinator, from_b);
  g_assert_cmpuint (s1->conflicts + s2->conflicts, ==, 0);
  everything = test_export_exchange (coordinator, dir, "everything", round_uuid);
  s3 = import (a, everything);
  s4 = import (b, everything);
  g_assert_cmpuint (s3->answers_updated + s3->answers_added, ==, 1);
  g_assert_cmpuint (s4->answers_updated + s4->answers_added, ==, 1);
  {
    g_autofree char *c_state = visible_state (coordinator);
    g_autofree char *a_state = visible_state (a);
    g_autofree char *b_state = visible_state (b);
    g_assert_cmpstr (a_state, ==, c_state);
    g_assert_cmpstr (b_state, ==, c_state);
  }

  /* A edits again; the coordinator's older copy of A's answer is no conflict. */
  test_set_answer (a, round_uuid, "Falun", "other", "A2");
  from_a_again = test_export_exchange (a, dir, "from-a-again", round_uuid);
  s5 = import (coordinator, from_a_again);
  g_assert_cmpuint (s5->answers_updated, ==, 1);
  g_assert_cmpuint (s5->conflicts, ==, 0);
  s6 = import (a, everything);
  g_assert_true (upp_exchange_summary_is_empty (s6));
  {
    g_autofree char *falun = test_dup_answer_text (coordinator, round_uuid, "Falun", "other");
    g_assert_cmpstr (falun, ==, "A2");
  }
}

/* An answer made on both laptops where none existed: two uuids, one answer. */
static void
test_new_answer_on_both (Laptops       *fixture,
                         gconstpointer  data)
{
  UppStore *a = fixture->a;
  UppStore *b = fixture->b;
  const char *dir = fixture->dir;
  const char *round_uuid = fixture->round_uuid;
  g_autofree char *a_file = NULL;
  g_autofree char *b_file = NULL;
  g_autoptr(UppExchangeSummary) a_gets = NULL;
  g_autoptr(UppExchangeSummary) b_gets = NULL;

  test_set_answer (a, round_uuid, "Vansbro", "other", "Samma ord");
  test_set_answer (b, round_uuid, "Vansbro", "other", "Samma ord");
  test_set_answer (a, round_uuid, "Rättvik", "other", "Rättvik A");
  test_set_answer (b, round_uuid, "Rättvik", "other", "Rättvik B");
  a_file = test_export_exchange (a, dir, "a", round_uuid);
  b_file = test_export_exchange (b, dir, "b", round_uuid);
  a_gets = import (a, b_file);
  b_gets = import (b, a_file);

  /* The same words written on both sides are no conflict; different words are. */
  g_assert_cmpuint (a_gets->conflicts, ==, 1);
  g_assert_cmpuint (b_gets->conflicts, ==, 1);
  {
    g_autofree char *a_versions = all_versions (a);
    g_autofree char *b_versions = all_versions (b);
    g_assert_cmpstr (a_versions, ==, b_versions);
  }
  {
    g_autoptr(GPtrArray) open = upp_store_list_conflicts (a, NULL, NULL);
    g_autofree char *settled = NULL;
    g_autoptr(UppExchangeSummary) b_settles = NULL;
    g_autofree char *a_state = NULL;
    g_autofree char *b_state = NULL;

    g_assert_true (upp_store_resolve_conflict (a, upp_conflict_get_id (g_ptr_array_index (open, 0)),
                                               UPP_CONFLICT_KEEP_THEIRS, NULL, NULL));
    settled = test_export_exchange (a, dir, "settled", round_uuid);
    b_settles = import (b, settled);
    g_assert_cmpuint (upp_store_count_conflicts (b), ==, 0);
    a_state = visible_state (a);
    b_state = visible_state (b);
    g_assert_cmpstr (a_state, ==, b_state);
  }
}

static void
test_export_all (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) coordinator = test_open_store (dir, "coordinator");
  g_autoptr(UppStore) laptop = test_open_store (dir, "laptop");
  g_autofree char *first = test_import_dalarna_uuid (coordinator);
  g_autofree char *second = NULL;
  g_autofree char *path = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(UppRound) round = upp_store_load_round (coordinator, first, &error);
  g_autoptr(UppRound) next = upp_store_duplicate_round (coordinator, round, 2026, &error);

  g_assert_no_error (error);
  second = g_strdup (upp_round_get_uuid (next));
  path = test_export_exchange (coordinator, dir, "all", NULL);
  summary = import (laptop, path);
  g_assert_cmpuint (summary->rounds_added, ==, 2);
  g_assert_cmpuint (summary->units_added, ==, 11);
  rounds = upp_store_list_rounds (laptop, &error);
  g_assert_cmpuint (rounds->len, ==, 2);
  {
    g_autofree char *coordinator_state = visible_state (coordinator);
    g_autofree char *laptop_state = visible_state (laptop);
    g_assert_cmpstr (coordinator_state, ==, laptop_state);
  }
  test_remove_tree (dir);
}

static void
test_chosen_units (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) coordinator = test_open_store (dir, "coordinator");
  g_autoptr(UppStore) laptop = test_open_store (dir, "laptop");
  g_autofree char *round_uuid = test_import_dalarna_uuid (coordinator);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = upp_store_load_round (coordinator, round_uuid, &error);
  g_autoptr(UppResponse) falun = upp_store_find_response (coordinator, round, "Falun", &error);
  g_autoptr(UppResponse) mora = upp_store_find_response (coordinator, round,
                                                        "Mora, Orsa och Älvdalen", &error);
  const char *units[] = { upp_unit_get_uuid (upp_response_get_unit (falun)),
                          upp_unit_get_uuid (upp_response_get_unit (mora)), NULL };
  g_autofree char *path = g_build_filename (dir, "two.json", NULL);
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(UppRound) copy = NULL;

  g_assert_no_error (error);
  g_assert_true (upp_exchange_export_file (coordinator, round_uuid, units, path, &error));
  g_assert_no_error (error);
  summary = import (laptop, path);
  g_assert_cmpuint (summary->rounds_added, ==, 1);
  g_assert_cmpuint (summary->units_added, ==, 2);
  g_assert_cmpuint (summary->responses_added, ==, 2);
  copy = upp_store_load_round (laptop, round_uuid, &error);
  responses = upp_store_list_responses (laptop, copy, &error);
  g_assert_cmpuint (responses->len, ==, 2);
  g_assert_cmpstr (upp_response_get_unit_name (g_ptr_array_index (responses, 0)), ==, "Falun");
  test_remove_tree (dir);
}

/* ---- bad input ---------------------------------------------------------------------------- */

typedef struct
{
  const char *file;
  int         code;
  const char *words;     /* part of the message that names the problem */
  gboolean    in_merge;  /* found only while merging, after the backup was made */
} BadInput;

static const BadInput bad_inputs[] = {
  { "empty.json", UPP_EXCHANGE_ERROR_UNREADABLE, "empty" },
  { "truncated.json", UPP_EXCHANGE_ERROR_NOT_JSON, "not valid JSON" },
  { "not-json.json", UPP_EXCHANGE_ERROR_NOT_JSON, "does not contain JSON" },
  { "binary.json", UPP_EXCHANGE_ERROR_ENCODING, "not UTF-8" },
  { "invalid-utf8.json", UPP_EXCHANGE_ERROR_ENCODING, "not UTF-8" },
  { "latin1.json", UPP_EXCHANGE_ERROR_ENCODING, "not UTF-8" },
  { "array.json", UPP_EXCHANGE_ERROR_WRONG_FORMAT, "not an Uppföljning exchange file" },
  { "wrong-format.json", UPP_EXCHANGE_ERROR_WRONG_FORMAT, "not an Uppföljning exchange file" },
  { "newer-version.json", UPP_EXCHANGE_ERROR_NEWER_VERSION, "format version 3" },
  { "unknown-template.json", UPP_EXCHANGE_ERROR_UNKNOWN_TEMPLATE, "template" },
  { "wrong-type.json", UPP_EXCHANGE_ERROR_DAMAGED, "“text”" },
  { "missing-field.json", UPP_EXCHANGE_ERROR_DAMAGED, "“modified”" },
  { "unknown-region.json", UPP_EXCHANGE_ERROR_UNKNOWN_REGION, "“99”" },
  { "unknown-municipality.json", UPP_EXCHANGE_ERROR_UNKNOWN_REGION, "“9999”" },
  { "unknown-question.json", UPP_EXCHANGE_ERROR_DAMAGED, "no_such_question" },
  { "bad-uuid.json", UPP_EXCHANGE_ERROR_DAMAGED, "identifier" },
  { "duplicate-answer-uuid.json", UPP_EXCHANGE_ERROR_DAMAGED, "repeats the identifier" },
  { "agreement-bad-date.json", UPP_EXCHANGE_ERROR_DAMAGED,
    "Agreement 1 of the unit “Falun” has “valid_to” that is not a date" },
  { "agreement-unknown-kind.json", UPP_EXCHANGE_ERROR_DAMAGED, "unknown kind “kommunal”" },
  { "interview-unknown-mode.json", UPP_EXCHANGE_ERROR_DAMAGED,
    "Interview 1 of response 1 of round 1 has an unknown interview mode “letter”" },
};

static void
check_refused (UppStore   *store,
               const char *path,
               int         code,
               const char *words,
               gboolean    in_merge)
{
  g_autofree char *before = db_checksum (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  summary = upp_exchange_import_file (store, path, UPP_EXCHANGE_IMPORT_DEFAULT, &error);
  g_test_message ("%s: %s", path, error ? error->message : "(no error)");
  g_assert_null (summary);
  g_assert_error (error, UPP_EXCHANGE_ERROR, code);
  /* One message naming the file and the problem. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
  g_assert_null (strchr (error->message, '\n'));
  after = db_checksum (store);
  g_assert_cmpstr (after, ==, before);
  /* Refused before anything was written: not even a backup. */
  backups = upp_store_list_backups (upp_store_get_path (store), NULL);
  for (guint i = 0; !in_merge && i < backups->len; i++)
    g_assert_cmpstr (upp_backup_get_reason (g_ptr_array_index (backups, i)), !=,
                     UPP_BACKUP_BEFORE_IMPORT);
}

static void
test_bad_input (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);

  test_set_answer (store, round_uuid, "Falun", "other", "Något som inte får försvinna");
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *name = g_build_filename ("exchange", bad_inputs[i].file, NULL);
      g_autofree char *path = test_fixture_path (name);

      check_refused (store, path, bad_inputs[i].code, bad_inputs[i].words,
                     bad_inputs[i].in_merge);
    }
  test_remove_tree (dir);
}

/* The valid file with agreements and interviews, with n copies of the first agreement (of
 * the unit Falun) or interview (of the first response), each with its own uuid. */
static char *
write_with_copies (const char *dir,
                   const char *list,
                   guint       n)
{
  g_autofree char *source = test_fixture_path ("exchange-fuzz/valid-agreements-interviews.json");
  g_autofree char *path = g_strdup_printf ("%s/%s-%u.json", dir, list, n);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *owner;
  JsonArray *array;
  g_autoptr(JsonObject) first = NULL;

  g_assert_true (json_parser_load_from_file (parser, source, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_str_equal (list, "agreements"))
    owner = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (
        json_object_get_array_member (root, "regions"), 0), "units"), 1);
  else
    owner = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (
        json_object_get_array_member (root, "rounds"), 0), "responses"), 0);
  array = json_object_get_array_member (owner, list);
  first = json_object_ref (json_array_get_object_element (array, 0));
  while (json_array_get_length (array) > 0)
    json_array_remove_element (array, 0);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (first);
      g_autofree char *uuid = g_strdup_printf ("0b5e7a9c-1111-4000-8000-%012u", i);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                json_node_copy (json_object_get_member (first, l->data)));
      json_object_set_string_member (object, "uuid", uuid);
      json_array_add_object_element (array, object);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* At most UPP_EXCHANGE_MAX_AGREEMENTS per unit and UPP_EXCHANGE_MAX_INTERVIEWS per response:
 * the limits themselves read, one more is refused with the database as it was. */
static void
test_too_many_records (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);
  g_autofree char *agreements = write_with_copies (dir, "agreements",
                                                   UPP_EXCHANGE_MAX_AGREEMENTS + 1);
  g_autofree char *interviews = write_with_copies (dir, "interviews",
                                                   UPP_EXCHANGE_MAX_INTERVIEWS + 1);
  g_autofree char *enough = write_with_copies (dir, "interviews", UPP_EXCHANGE_MAX_INTERVIEWS);
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  check_refused (store, agreements, UPP_EXCHANGE_ERROR_DAMAGED,
                 "The unit “Falun” has more than 1000 agreements", FALSE);
  check_refused (store, interviews, UPP_EXCHANGE_ERROR_DAMAGED,
                 "response 1 of round 1 has more than 100 further interviews", FALSE);
  summary = upp_exchange_import_file (store, enough, UPP_EXCHANGE_IMPORT_DRY_RUN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->interviews_added, ==, UPP_EXCHANGE_MAX_INTERVIEWS);
  g_assert_cmpuint (summary->agreements_added, ==, 1);
  test_remove_tree (dir);
}

static void
test_bad_input_valid_control (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *path = test_fixture_path ("exchange/valid-small.json");
  g_autoptr(UppExchangeSummary) summary = import (store, path);

  /* The file the bad ones were made from imports: each refusal is for its one fault. */
  g_assert_cmpuint (summary->rounds_added, ==, 1);
  g_assert_cmpuint (summary->units_added, ==, 2);
  g_assert_cmpuint (summary->answers_added, ==, 7);
  test_remove_tree (dir);
}

static void
test_huge_file (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);
  FILE *file = fopen (path, "w");

  /* A sparse file: 201 MB on paper, nothing on disk. It must be refused unread. */
  g_assert_nonnull (file);
  fputs ("{\"format\": \"uppfoljning-exchange\", ", file);
  g_assert_cmpint (ftruncate (fileno (file), (off_t) 201 * 1024 * 1024), ==, 0);
  fclose (file);
  check_refused (store, path, UPP_EXCHANGE_ERROR_UNREADABLE, "too large", FALSE);
  test_remove_tree (dir);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *path = g_build_filename (dir, "no-such.json", NULL);

  check_refused (store, path, UPP_EXCHANGE_ERROR_UNREADABLE, "could not be read", FALSE);
  check_refused (store, dir, UPP_EXCHANGE_ERROR_UNREADABLE, "folder", FALSE);
  test_remove_tree (dir);
}

/* json-glib parses recursively: a file nested 100 000 deep overflowed the stack in the CLI
 * and in the window's preview thread (a dry run of the same reader). */
static void
test_deep_nesting (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *path = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);
  g_autoptr(GString) json =
    g_string_new ("{\"format\": \"uppfoljning-exchange\", \"format_version\": 1, "
                  "\"rounds\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(UppExchangeSummary) preview = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "[{\"a\": ");
  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "1}]");
  g_string_append (json, "}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, &error));
  preview = upp_exchange_import_file (store, path, UPP_EXCHANGE_IMPORT_DRY_RUN, &error);
  g_assert_null (preview);
  g_assert_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_NOT_JSON);
  g_assert_nonnull (strstr (error->message, "nested more than 32"));
  check_refused (store, path, UPP_EXCHANGE_ERROR_NOT_JSON, "nested more than 32", FALSE);
  test_remove_tree (dir);
}

/* A round this database has is answered against its own template: a file that gives the
 * same round another template is refused, or answers to that template's questions would be
 * stored and never shown. */
static void
test_round_with_other_template (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);
  g_autofree char *path = test_export_exchange (store, dir, "round", round_uuid);
  g_autofree char *forged = g_build_filename (dir, "forged.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = NULL;
  g_autofree char *contents = NULL;
  const char *lok_uuid = "6f1c2b7e-4a53-4d2e-9c1a-3b8e5d0f7a21";
  const char *other_uuid = "11111111-2222-4333-8444-555555555555";

  /* The template under another identifier, key and version, with one question more. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  json = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (json, lok_uuid, other_uuid, 0), ==, 2);
  g_assert_cmpuint (g_string_replace (json, "\"key\" : \"lok\"", "\"key\": \"lok-extra\"",
                                      0), ==, 1);
  g_assert_cmpuint (g_string_replace (json, "\"key\" : \"other\",",
                                      "\"key\": \"extra\", \"text\": \"Extra?\"}, "
                                      "{\"key\": \"other\",", 0), ==, 1);
  g_assert_true (g_file_set_contents (forged, json->str, json->len, &error));
  check_refused (store, forged, UPP_EXCHANGE_ERROR_DAMAGED, "another template", FALSE);
  test_remove_tree (dir);
}

/* An answer whose identifier this database gives to another question is refused while
 * merging (the file alone cannot show it), and the transaction and backup leave the
 * database as it was. */
static void
test_answer_uuid_of_other_question (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);
  g_autofree char *path = test_export_exchange (store, dir, "round", round_uuid);
  g_autofree char *forged = g_build_filename (dir, "forged.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *round;
  JsonArray *answers;
  g_autofree char *other_uuid = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  round = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                  "rounds"), 0);
  answers = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (round, "responses"), 0),
    "answers");
  g_assert_cmpuint (json_array_get_length (answers), >=, 2);
  /* The second answer leaves the file and the first takes its identifier. */
  other_uuid = g_strdup (json_object_get_string_member (json_array_get_object_element (answers,
                                                                                      1),
                                                        "uuid"));
  json_array_remove_element (answers, 1);
  json_object_set_string_member (json_array_get_object_element (answers, 0), "uuid",
                                 other_uuid);
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, forged, &error));
  check_refused (store, forged, UPP_EXCHANGE_ERROR_DAMAGED, "another unit or question", TRUE);
  test_remove_tree (dir);
}

/* Inputs that once crashed or misbehaved in the fuzzer (build-aux/fuzz): each must be
 * refused or imported, never crash. */
static void
test_fuzz_regressions (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *folder = test_fixture_path ("exchange-fuzz");
  g_autoptr(GDir) inputs = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (inputs != NULL && (name = g_dir_read_name (inputs)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *before = db_checksum (store);
      g_autoptr(GError) error = NULL;
      g_autoptr(UppExchangeSummary) summary =
        upp_exchange_import_file (store, path, UPP_EXCHANGE_IMPORT_DRY_RUN, &error);
      g_autofree char *after = db_checksum (store);

      g_assert_true ((summary == NULL) != (error == NULL));
      if (error != NULL)
        {
          g_test_message ("%s: %s", name, error->message);
          g_assert_nonnull (strstr (error->message, path));
          g_assert_null (strchr (error->message, '\n'));
        }
      g_assert_cmpstr (after, ==, before);
      n++;
    }
  g_test_message ("%u fuzzer inputs", n);
  test_remove_tree (dir);
}

/* The parser reads a file into memory and writes nothing: the database's bytes stay. */
static void
test_parse_writes_nothing (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *path = test_fixture_path ("exchange/valid-small.json");
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(UppExchangeData) data = NULL;
  g_autoptr(GError) error = NULL;
  gsize before_length = 0, after_length = 0, length = 0;
  UppExchangeRound *round;
  guint answers = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  before = test_dup_database_bytes (store, &before_length);
  data = upp_exchange_parse (store, path, contents, length, &error);
  g_assert_no_error (error);
  after = test_dup_database_bytes (store, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);

  g_assert_cmpuint (data->templates->len, ==, 1);
  g_assert_cmpuint (data->units->len, ==, 2);
  g_assert_cmpuint (data->rounds->len, ==, 1);
  round = g_ptr_array_index (data->rounds, 0);
  g_assert_nonnull (round->resolved_template);
  g_assert_cmpuint (round->responses->len, ==, 2);
  for (guint i = 0; i < round->responses->len; i++)
    answers += ((UppExchangeResponse *) g_ptr_array_index (round->responses, i))->answers->len;
  g_assert_cmpuint (answers, ==, 7);
  test_remove_tree (dir);
}

/* Falun's agreements (one of them removed), its first interview's length and respondent
 * check, and a further interview. */
static void
add_register (UppStore   *store,
              const char *round_uuid)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) falun = test_find_response (store, round, "Falun");
  g_autoptr(UppAgreement) kept = upp_agreement_new ("LÖK psykiatri", UPP_AGREEMENT_KIND_ROK);
  g_autoptr(UppAgreement) removed = upp_agreement_new ("Gammal", UPP_AGREEMENT_KIND_OTHER);
  g_autoptr(UppInterview) interview = upp_interview_new ();
  g_autoptr(GError) error = NULL;
  UppUnit *unit = upp_response_get_unit (falun);

  upp_agreement_set_status (kept, UPP_AGREEMENT_STATUS_UNDER_REVISION);
  upp_agreement_set_signed (kept, "2015-03-01");
  upp_agreement_set_valid_from (kept, "2015-01-01");
  upp_agreement_set_valid_to (kept, "2017-12-31");
  upp_agreement_set_note (kept, "Ska förlängas");
  g_assert_true (upp_store_save_agreement (store, unit, kept, &error));
  g_assert_true (upp_store_save_agreement (store, unit, removed, &error));
  g_assert_true (upp_store_remove_agreement (store, removed, &error));
  upp_response_set_duration_minutes (falun, 80);
  upp_response_set_check_sent (falun, "2025-10-20");
  upp_response_set_check_approved (falun, "2025-10-30");
  g_assert_true (upp_store_save_response_details (store, falun, &error));
  upp_interview_set_date (interview, "2025-11-02");
  upp_interview_set_mode (interview, UPP_INTERVIEW_MODE_VIDEO);
  upp_interview_set_duration_minutes (interview, 40);
  upp_interview_set_participant_count (interview, 2);
  upp_interview_set_participant_roles (interview, "MAS, enhetschef");
  upp_interview_set_note (interview, "Uppföljning av avvikelser");
  g_assert_true (upp_store_save_interview (store, falun, interview, &error));
  g_assert_no_error (error);
}

/* What the store loads for the writer is what the parser reads back from the written file:
 * the writer leaves nothing out. */
static void
test_load_is_what_parse_reads (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "laptop");
  g_autofree char *round_uuid = test_import_dalarna_uuid (store);
  g_autoptr(UppExchangeData) loaded = NULL;
  g_autoptr(UppExchangeData) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  UppExchangeRound *ours;
  UppExchangeRound *theirs;
  gsize length = 0;
  guint n_agreements = 0;
  guint n_interviews = 0;

  add_register (store, round_uuid);
  json = upp_exchange_write_string (store, round_uuid, NULL, &length, &error);
  g_assert_no_error (error);
  loaded = upp_store_load_exchange (store, round_uuid, NULL, &error);
  g_assert_no_error (error);
  parsed = upp_exchange_parse (store, "written.json", json, length, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (parsed->templates->len, ==, loaded->templates->len);
  g_assert_cmpuint (parsed->units->len, ==, loaded->units->len);
  g_assert_cmpuint (loaded->units->len, >, 10);
  for (guint i = 0; i < loaded->units->len; i++)
    {
      UppExchangeUnit *unit = g_ptr_array_index (loaded->units, i);
      UppExchangeUnit *read = g_ptr_array_index (parsed->units, i);

      g_assert_cmpstr (read->uuid, ==, unit->uuid);
      g_assert_cmpstr (read->name, ==, unit->name);
      g_assert_cmpstr (read->region, ==, unit->region);
      g_assert_cmpuint (read->members->len, ==, unit->members->len);
      g_assert_cmpuint (read->agreements->len, ==, unit->agreements->len);
      for (guint j = 0; j < unit->agreements->len; j++)
        {
          UppExchangeAgreement *agreement = g_ptr_array_index (unit->agreements, j);
          UppExchangeAgreement *read_agreement = g_ptr_array_index (read->agreements, j);

          g_assert_cmpstr (read_agreement->uuid, ==, agreement->uuid);
          g_assert_cmpstr (read_agreement->name, ==, agreement->name);
          g_assert_cmpstr (read_agreement->kind, ==, agreement->kind);
          g_assert_cmpstr (read_agreement->status, ==, agreement->status);
          g_assert_cmpstr (read_agreement->signed_date, ==, agreement->signed_date);
          g_assert_cmpstr (read_agreement->valid_from, ==, agreement->valid_from);
          g_assert_cmpstr (read_agreement->valid_to, ==, agreement->valid_to);
          g_assert_cmpstr (read_agreement->note, ==, agreement->note);
          g_assert_cmpint (read_agreement->removed, ==, agreement->removed);
          g_assert_cmpstr (read_agreement->modified, ==, agreement->modified);
          g_assert_cmpstr (read_agreement->device, ==, agreement->device);
          n_agreements++;
        }
    }
  /* Falun's two, the removed one too. */
  g_assert_cmpuint (n_agreements, ==, 2);
  ours = g_ptr_array_index (loaded->rounds, 0);
  theirs = g_ptr_array_index (parsed->rounds, 0);
  g_assert_cmpstr (theirs->uuid, ==, ours->uuid);
  g_assert_cmpstr (theirs->template, ==, ours->template);
  g_assert_cmpuint (theirs->responses->len, ==, ours->responses->len);
  for (guint i = 0; i < ours->responses->len; i++)
    {
      UppExchangeResponse *response = g_ptr_array_index (ours->responses, i);
      UppExchangeResponse *read = g_ptr_array_index (theirs->responses, i);

      g_assert_cmpstr (read->uuid, ==, response->uuid);
      g_assert_cmpstr (read->status, ==, response->status);
      g_assert_cmpuint (g_hash_table_size (read->history), ==,
                        g_hash_table_size (response->history));
      g_assert_cmpint (read->duration_minutes, ==, response->duration_minutes);
      g_assert_cmpstr (read->check_sent, ==, response->check_sent);
      g_assert_cmpstr (read->check_approved, ==, response->check_approved);
      g_assert_cmpuint (read->interviews->len, ==, response->interviews->len);
      for (guint j = 0; j < response->interviews->len; j++)
        {
          UppExchangeInterview *interview = g_ptr_array_index (response->interviews, j);
          UppExchangeInterview *read_interview = g_ptr_array_index (read->interviews, j);

          g_assert_cmpstr (read_interview->uuid, ==, interview->uuid);
          g_assert_cmpstr (read_interview->date, ==, interview->date);
          g_assert_cmpstr (read_interview->mode, ==, interview->mode);
          g_assert_cmpint (read_interview->duration_minutes, ==, interview->duration_minutes);
          g_assert_cmpint (read_interview->participant_count, ==,
                           interview->participant_count);
          g_assert_cmpstr (read_interview->participant_roles, ==,
                           interview->participant_roles);
          g_assert_cmpstr (read_interview->note, ==, interview->note);
          g_assert_cmpint (read_interview->removed, ==, interview->removed);
          g_assert_cmpstr (read_interview->modified, ==, interview->modified);
          g_assert_cmpstr (read_interview->device, ==, interview->device);
          n_interviews++;
        }
      g_assert_cmpuint (read->answers->len, ==, response->answers->len);
      for (guint j = 0; j < response->answers->len; j++)
        {
          UppExchangeAnswer *answer = g_ptr_array_index (response->answers, j);
          UppExchangeAnswer *read_answer = g_ptr_array_index (read->answers, j);

          g_assert_cmpstr (read_answer->text, ==, answer->text);
          g_assert_cmpstrv (read_answer->choices, answer->choices);
          g_assert_cmpstr (read_answer->modified, ==, answer->modified);
        }
    }
  g_assert_cmpuint (n_interviews, ==, 1);
  test_remove_tree (dir);
}

/* A new round that comes with report texts is "1 round added", not also "1 round updated". */
static void
test_new_round_added_only (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) office = test_open_store (dir, "office");
  g_autoptr(UppStore) laptop = test_open_store (dir, "laptop");
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = test_import_dalarna_uuid (office);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  round = test_load_round (office, uuid);
  upp_round_set_text (round, UPP_REPORT_TEXT_SUMMARY, "Samverkan fungerar i de flesta kommuner.");
  g_assert_true (upp_store_update_round (office, round, &error));
  g_assert_no_error (error);
  path = test_export_exchange (office, dir, "round", uuid);

  summary = test_import_exchange (laptop, path, UPP_EXCHANGE_IMPORT_NO_BACKUP);
  text = upp_exchange_summary_to_string (summary);
  g_assert_cmpuint (summary->rounds_added, ==, 1);
  g_assert_cmpuint (summary->rounds_updated, ==, 0);
  g_assert_null (strstr (text, "updated"));

  g_clear_object (&office);
  g_clear_object (&laptop);
  test_remove_tree (dir);
}

/* A computer's name goes with its files, so that the other side can say whose a change is;
 * files without one (older ones, unnamed computers) still import. */
static void
test_device_name (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) office = test_open_store (dir, "office");
  g_autoptr(UppStore) laptop = test_open_store (dir, "laptop");
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = test_import_dalarna_uuid (office);
  g_autofree char *unnamed_path = NULL;
  g_autofree char *named_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *own = NULL;
  g_autofree char *default_name = upp_store_dup_default_device_name ();
  const char *office_id = upp_store_get_device_id (office);

  g_assert_nonnull (strstr (default_name, g_get_host_name ()));

  /* Not named yet: the file has no name, and imports as files always did. */
  g_assert_null (upp_store_dup_device_name (office, NULL, &error));
  g_assert_no_error (error);
  unnamed_path = test_export_exchange (office, dir, "unnamed", uuid);
  g_assert_true (g_file_get_contents (unnamed_path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "device_name"));
  upp_exchange_summary_free (test_import_exchange (laptop, unnamed_path,
                                                   UPP_EXCHANGE_IMPORT_NO_BACKUP));
  g_assert_null (upp_store_dup_device_name (laptop, office_id, &error));
  g_assert_no_error (error);

  /* An empty name is refused; a named computer's files carry its name, one line. */
  g_assert_false (upp_store_set_device_name (office, " \n ", &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (upp_store_set_device_name (office, "  Annas dator\n", &error));
  g_assert_no_error (error);
  own = upp_store_dup_device_name (office, NULL, &error);
  g_assert_cmpstr (own, ==, "Annas dator");
  named_path = test_export_exchange (office, dir, "named", uuid);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (named_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"device_name\" : \"Annas dator\""));

  /* The other side knows it by that name from now on; its own stays unset. */
  upp_exchange_summary_free (test_import_exchange (laptop, named_path,
                                                   UPP_EXCHANGE_IMPORT_NO_BACKUP));
  name = upp_store_dup_device_name (laptop, office_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Annas dator");
  g_assert_null (upp_store_dup_device_name (laptop, NULL, &error));
  g_assert_no_error (error);

  /* The office reading its own file back does not take a name for another computer. */
  upp_exchange_summary_free (test_import_exchange (office, named_path,
                                                   UPP_EXCHANGE_IMPORT_NO_BACKUP));
  g_clear_pointer (&own, g_free);
  own = upp_store_dup_device_name (office, NULL, &error);
  g_assert_cmpstr (own, ==, "Annas dator");

  g_clear_object (&office);
  g_clear_object (&laptop);
  test_remove_tree (dir);
}

/* A name that is not text is damage: one line naming the file, and nothing imported. */
static void
test_bad_device_name (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) office = test_open_store (dir, "office");
  g_autoptr(UppStore) laptop = test_open_store (dir, "laptop");
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = test_import_dalarna_uuid (office);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) damaged = NULL;
  gsize before_length, after_length;
  UppExchangeSummary *summary;

  g_assert_true (upp_store_set_device_name (office, "Annas dator", &error));
  path = test_export_exchange (office, dir, "named", uuid);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  damaged = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (damaged, "\"Annas dator\"", "42", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, damaged->str, damaged->len, &error));

  before = test_dup_database_bytes (laptop, &before_length);
  summary = upp_exchange_import_file (laptop, path, UPP_EXCHANGE_IMPORT_NO_BACKUP, &error);
  g_assert_null (summary);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "named.json"));
  g_assert_nonnull (strstr (error->message, "device_name"));
  g_assert_null (strchr (error->message, '\n'));
  after = test_dup_database_bytes (laptop, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);

  g_clear_object (&office);
  g_clear_object (&laptop);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_EXCHANGE(path, func) \
  g_test_add (path, Exchange, NULL, exchange_set_up, func, exchange_tear_down)
#define ADD_LAPTOPS(path, data, func) \
  g_test_add (path, Laptops, data, laptops_set_up, func, laptops_tear_down)

  ADD_EXCHANGE ("/exchange/round-trip", test_round_trip);
  ADD_EXCHANGE ("/exchange/import-twice", test_import_twice);
  ADD_EXCHANGE ("/exchange/dry-run", test_dry_run);
  ADD_EXCHANGE ("/exchange/backup-before-import", test_backup_before_import);
  ADD_LAPTOPS ("/exchange/two-laptops/a-keeps-mine", &resolve_cases[0], test_two_laptops);
  ADD_LAPTOPS ("/exchange/two-laptops/a-keeps-theirs", &resolve_cases[1], test_two_laptops);
  ADD_LAPTOPS ("/exchange/two-laptops/b-combines", &resolve_cases[2], test_two_laptops);
  ADD_LAPTOPS ("/exchange/new-answer-on-both", NULL, test_new_answer_on_both);
  ADD_LAPTOPS ("/exchange/coordinator-gathers", NULL, test_coordinator_gathers);
  g_test_add_func ("/exchange/export-all", test_export_all);
  g_test_add_func ("/exchange/parse-writes-nothing", test_parse_writes_nothing);
  g_test_add_func ("/exchange/load-is-what-parse-reads", test_load_is_what_parse_reads);
  g_test_add_func ("/exchange/chosen-units", test_chosen_units);
  g_test_add_func ("/exchange/bad-input/valid-control", test_bad_input_valid_control);
  g_test_add_func ("/exchange/bad-input/files", test_bad_input);
  g_test_add_func ("/exchange/bad-input/huge", test_huge_file);
  g_test_add_func ("/exchange/bad-input/too-many-records", test_too_many_records);
  g_test_add_func ("/exchange/bad-input/missing", test_missing_file);
  g_test_add_func ("/exchange/bad-input/fuzz-regressions", test_fuzz_regressions);
  g_test_add_func ("/exchange/new-round-added-only", test_new_round_added_only);
  g_test_add_func ("/exchange/device-name", test_device_name);
  g_test_add_func ("/exchange/bad-input/device-name", test_bad_device_name);
  g_test_add_func ("/exchange/bad-input/deep-nesting", test_deep_nesting);
  g_test_add_func ("/exchange/bad-input/answer-uuid-of-other-question",
                   test_answer_uuid_of_other_question);
  g_test_add_func ("/exchange/bad-input/round-with-other-template",
                   test_round_with_other_template);

  return g_test_run ();
}
