/* test-merge.c: unit renames, removed units and interview details merged between laptops
 * (issue 11, part 4), and the schema 3 migration that keeps their versions; the codebook and
 * coded passages carried by exchange files (issue 13); the agreements register and further
 * interviews (issue 14)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "exchange/exchange-common.h"
#include "exchange/exchange-read.h"
#include "exchange/exchange-write.h"
#include "test-util.h"
#include "upp-agreement.h"
#include "upp-backup.h"
#include "upp-coding.h"
#include "upp-conflict.h"
#include "upp-interview.h"
#include "upp-store-exchange.h"
#include "upp-theme.h"
#include "upp-theme-matrix.h"
#include "upp-unit.h"

/* ---- helpers ------------------------------------------------------------------------------ */

static void
append_rows (sqlite3    *db,
             const char *sql,
             GString    *out)
{
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (statement); i++)
        {
          const char *text = (const char *) sqlite3_column_text (statement, i);
          g_string_append_printf (out, "%s|", text ? text : "<null>");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (sqlite3_finalize (statement), ==, SQLITE_OK);
}

static char *
query (const char *path,
       const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  append_rows (db, sql, out);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* What the users of two laptops must agree on, by uuids: every unit and its name, the units
 * of each round with their interview details, and every answer. */
static char *
shared_state (UppStore *store)
{
  return query (upp_store_get_path (store),
                "SELECT 'unit', uuid, name FROM units "
                "UNION ALL SELECT 'response', ro.uuid || ' ' || u.uuid, r.status || ' ' || "
                "r.interview_date || ' ' || r.mode || ' ' || r.participant_count || ' ' || "
                "r.participant_roles FROM responses r JOIN units u ON u.id = r.unit_id "
                "JOIN rounds ro ON ro.id = r.round_id "
                "UNION ALL SELECT 'answer', u.uuid || ' ' || a.question_key, a.text || ' [' || "
                "a.choices || ']' FROM answers a JOIN responses r ON r.id = a.response_id "
                "JOIN units u ON u.id = r.unit_id ORDER BY 1, 2, 3");
}

/* The laptops' imports need no backups. */
static UppExchangeSummary *
import (UppStore   *store,
        const char *path)
{
  return test_import_exchange (store, path, UPP_EXCHANGE_IMPORT_NO_BACKUP);
}

/* Sends from's round to to; whether it changed anything there. */
static gboolean
send (UppStore   *from,
      UppStore   *to,
      const char *dir,
      const char *round_uuid)
{
  g_autofree char *path = test_export_exchange (from, dir, "sent", round_uuid);
  g_autoptr(UppExchangeSummary) summary = import (to, path);

  return !upp_exchange_summary_is_empty (summary);
}

static UppResponse *
find_response (UppStore   *store,
               const char *round_uuid,
               const char *unit_name)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);

  return test_find_response (store, round, unit_name);
}

/* Renames a unit through the store, as the window and `units rename` do. */
static void
rename_unit (UppStore   *store,
             const char *round_uuid,
             const char *unit_name,
             const char *new_name)
{
  g_autoptr(UppResponse) response = find_response (store, round_uuid, unit_name);
  g_autoptr(GError) error = NULL;
  UppUnit *unit = upp_response_get_unit (response);

  upp_unit_set_name (unit, new_name);
  g_assert_true (upp_store_save_unit (store, unit, &error));
  g_assert_no_error (error);
  g_usleep (2000);
}

/* The round's units, in order, with one left out (or one added). */
static void
change_round_units (UppStore   *store,
                    const char *round_uuid,
                    const char *removed_name,
                    UppUnit    *added)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  responses = upp_store_list_responses (store, round, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    {
      UppUnit *unit = upp_response_get_unit (g_ptr_array_index (responses, i));

      if (g_strcmp0 (upp_unit_get_name (unit), removed_name) != 0)
        g_ptr_array_add (units, g_object_ref (unit));
    }
  if (added != NULL)
    g_ptr_array_add (units, g_object_ref (added));
  g_assert_true (upp_store_set_round_units (store, round, units, &error));
  g_assert_no_error (error);
  g_usleep (2000);
}

static void
remove_unit (UppStore   *store,
             const char *round_uuid,
             const char *unit_name)
{
  change_round_units (store, round_uuid, unit_name, NULL);
}

static void
add_unit (UppStore   *store,
          const char *round_uuid,
          const char *name)
{
  g_autoptr(UppUnit) unit = upp_unit_new (name, "20", UPP_UNIT_KIND_OTHER);

  change_round_units (store, round_uuid, NULL, unit);
}

/* Changes one interview detail through the store, as the response form does. */
static void
set_detail (UppStore   *store,
            const char *round_uuid,
            const char *unit_name,
            const char *field,
            const char *value)
{
  g_autoptr(UppResponse) response = find_response (store, round_uuid, unit_name);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (field, "interview_date"))
    upp_response_set_interview_date (response, value);
  else if (g_str_equal (field, "participant_count"))
    upp_response_set_participant_count (response, atoi (value));
  else if (g_str_equal (field, "participant_roles"))
    upp_response_set_participant_roles (response, value);
  else if (g_str_equal (field, "mode"))
    {
      UppInterviewMode mode;

      g_assert_true (upp_interview_mode_from_key (value, &mode));
      upp_response_set_mode (response, mode);
    }
  else
    g_assert_not_reached ();
  g_assert_true (upp_store_save_response_details (store, response, &error));
  g_assert_no_error (error);
  g_usleep (2000);
}

static gboolean
round_has_unit (UppStore   *store,
                const char *round_uuid,
                const char *unit_name)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) response = upp_store_find_response (store, round, unit_name, NULL);

  return response != NULL;
}

static char *
dup_unit_name (UppStore   *store,
               const char *unit_uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM units WHERE uuid = '%s'",
                                          unit_uuid);
  g_autofree char *row = query (upp_store_get_path (store), sql);

  /* "name|\n" */
  if (*row == '\0')
    return g_strdup ("");
  row[strlen (row) - 2] = '\0';
  return g_steal_pointer (&row);
}

static char *
dup_unit_uuid (UppStore   *store,
               const char *round_uuid,
               const char *unit_name)
{
  g_autoptr(UppResponse) response = find_response (store, round_uuid, unit_name);

  return g_strdup (upp_unit_get_uuid (upp_response_get_unit (response)));
}

/* Conflicts of one field ("name", "interview_date", or a question key). */
static guint
count_conflicts (UppStore   *store,
                 const char *key)
{
  g_autoptr(GPtrArray) conflicts = upp_store_list_conflicts (store, NULL, NULL);
  guint n = 0;

  g_assert_nonnull (conflicts);
  for (guint i = 0; i < conflicts->len; i++)
    {
      if (g_strcmp0 (upp_conflict_get_question_key (g_ptr_array_index (conflicts, i)), key) == 0)
        n++;
    }
  return n;
}

/* A round made by a coordinator and sent to laptops that start from it. */
typedef struct
{
  char     *dir;
  UppStore *laptops[3];
  char     *round_uuid;
  char     *unit_names[11];
} Laptops;

static void
laptops_set_up (Laptops       *fixture,
                gconstpointer  data)
{
  g_autoptr(UppStore) coordinator = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autofree char *start = NULL;

  fixture->dir = test_make_temp_dir ();
  coordinator = test_open_store (fixture->dir, "coordinator");
  fixture->round_uuid = test_import_dalarna_uuid (coordinator);
  start = test_export_exchange (coordinator, fixture->dir, "start", fixture->round_uuid);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("laptop-%c", 'a' + i);
      g_autoptr(UppExchangeSummary) summary = NULL;

      fixture->laptops[i] = test_open_store (fixture->dir, name);
      summary = import (fixture->laptops[i], start);
    }

  round = test_load_round (coordinator, fixture->round_uuid);
  responses = upp_store_list_responses (coordinator, round, NULL);
  g_assert_cmpuint (responses->len, ==, 11);
  for (guint i = 0; i < 11; i++)
    fixture->unit_names[i] = g_strdup (upp_response_get_unit_name (g_ptr_array_index (responses,
                                                                                      i)));
}

static void
laptops_tear_down (Laptops       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    g_clear_object (&fixture->laptops[i]);
  for (guint i = 0; i < 11; i++)
    g_free (fixture->unit_names[i]);
  g_free (fixture->round_uuid);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ---- renames ------------------------------------------------------------------------------ */

static void
test_rename_travels (Laptops       *fixture,
                     gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  UppStore *c = fixture->laptops[2];
  const char *round_uuid = fixture->round_uuid;
  g_autofree char *falun = dup_unit_uuid (a, round_uuid, "Falun");

  rename_unit (a, round_uuid, "Falun", "Falu kommun");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_true (round_has_unit (b, round_uuid, "Falu kommun"));
  g_assert_false (round_has_unit (b, round_uuid, "Falun"));

  /* Sent on by b, and back to a, it stays renamed; nothing is new for a. */
  g_assert_true (send (b, c, fixture->dir, round_uuid));
  g_assert_false (send (b, a, fixture->dir, round_uuid));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = dup_unit_name (fixture->laptops[i], falun);
      g_assert_cmpstr (name, ==, "Falu kommun");
    }

  /* A later rename on c wins everywhere, being made after the first was seen. */
  rename_unit (c, round_uuid, "Falu kommun", "Falun (kommun)");
  g_assert_true (send (c, a, fixture->dir, round_uuid));
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = dup_unit_name (fixture->laptops[i], falun);
      g_assert_cmpstr (name, ==, "Falun (kommun)");
      g_assert_cmpuint (upp_store_count_conflicts (fixture->laptops[i]), ==, 0);
    }
}

static void
test_rename_on_two_is_conflict (Laptops       *fixture,
                                gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autofree char *falun = dup_unit_uuid (a, round_uuid, "Falun");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  UppConflict *conflict;

  rename_unit (a, round_uuid, "Falun", "Falu kommun");
  rename_unit (b, round_uuid, "Falun", "Falun stad");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_true (send (b, a, fixture->dir, round_uuid));

  /* Neither name is lost: each keeps its own, with the other's beside it. */
  for (guint i = 0; i < 2; i++)
    g_assert_cmpuint (count_conflicts (fixture->laptops[i], "name"), ==, 1);
  {
    g_autofree char *a_name = dup_unit_name (a, falun);
    g_autofree char *b_name = dup_unit_name (b, falun);
    g_assert_cmpstr (a_name, ==, "Falu kommun");
    g_assert_cmpstr (b_name, ==, "Falun stad");
  }

  conflicts = upp_store_list_conflicts (a, round_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (upp_conflict_get_kind (conflict), ==, UPP_CONFLICT_KIND_UNIT_NAME);
  g_assert_cmpstr (upp_conflict_get_question_label (conflict), ==, "Unit name");
  g_assert_cmpstr (upp_conflict_get_unit_name (conflict), ==, "Falu kommun");
  g_assert_cmpstr (upp_conflict_get_mine_text (conflict), ==, "Falu kommun");
  g_assert_cmpstr (upp_conflict_get_theirs_text (conflict), ==, "Falun stad");
  g_assert_cmpstr (upp_conflict_get_round_uuid (conflict), ==, round_uuid);
  g_assert_true (upp_conflict_can_use_text (conflict));

  /* An empty name is refused and changes nothing. */
  g_assert_false (upp_store_resolve_conflict (a, upp_conflict_get_id (conflict),
                                              UPP_CONFLICT_USE_TEXT, "  ", &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (upp_store_count_conflicts (a), ==, 1);

  g_assert_true (upp_store_resolve_conflict (a, upp_conflict_get_id (conflict),
                                             UPP_CONFLICT_KEEP_THEIRS, NULL, &error));
  g_assert_no_error (error);
  /* b already has that name: the file only settles its side of the conflict. */
  send (a, b, fixture->dir, round_uuid);
  g_assert_false (send (b, a, fixture->dir, round_uuid));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = dup_unit_name (fixture->laptops[i], falun);
      g_assert_cmpstr (name, ==, "Falun stad");
      g_assert_cmpuint (upp_store_count_conflicts (fixture->laptops[i]), ==, 0);
    }
}

/* ---- county parts ------------------------------------------------------------------------- */

static void
set_sub_area (UppStore   *store,
              const char *round_uuid,
              const char *unit_name,
              const char *sub_area)
{
  g_autoptr(UppResponse) response = find_response (store, round_uuid, unit_name);
  g_autoptr(GError) error = NULL;

  g_assert_true (upp_store_set_unit_sub_area (store, upp_response_get_unit (response), sub_area,
                                              &error));
  g_assert_no_error (error);
  g_usleep (2000);
}

static char *
dup_unit_sub_area (UppStore   *store,
                   const char *round_uuid,
                   const char *unit_name)
{
  g_autoptr(UppResponse) response = find_response (store, round_uuid, unit_name);

  return g_strdup (upp_unit_get_sub_area (upp_response_get_unit (response)));
}

/* A unit's county part set on one laptop reaches the others, like a rename; set on two, the
 * later one wins everywhere without asking anyone. */
static void
test_sub_area_travels (Laptops       *fixture,
                       gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  UppStore *c = fixture->laptops[2];
  const char *round_uuid = fixture->round_uuid;

  set_sub_area (a, round_uuid, "Falun", "Centrala");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_false (send (b, a, fixture->dir, round_uuid));
  g_assert_true (send (b, c, fixture->dir, round_uuid));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *part = dup_unit_sub_area (fixture->laptops[i], round_uuid, "Falun");
      g_assert_cmpstr (part, ==, "Centrala");
    }

  /* Moved on two laptops: the later move wins on both, and nobody is asked. */
  set_sub_area (a, round_uuid, "Falun", "Västra");
  set_sub_area (b, round_uuid, "Falun", "Östra");
  /* b's move is the later one: b keeps it, and a takes it. */
  g_assert_false (send (a, b, fixture->dir, round_uuid));
  g_assert_true (send (b, a, fixture->dir, round_uuid));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *part = dup_unit_sub_area (fixture->laptops[i], round_uuid, "Falun");
      g_assert_cmpstr (part, ==, "Östra");
      g_assert_cmpuint (upp_store_count_conflicts (fixture->laptops[i]), ==, 0);
    }

  /* Cleared there is cleared here too. */
  set_sub_area (c, round_uuid, "Falun", "");
  g_assert_true (send (c, a, fixture->dir, round_uuid));
  {
    g_autofree char *part = dup_unit_sub_area (a, round_uuid, "Falun");
    g_assert_cmpstr (part, ==, "");
  }
}

/* ---- interview details ------------------------------------------------------------------- */

/* The case of the issue: one laptop's date and roles, another's later participant count. */
static void
test_details_merge_by_field (Laptops       *fixture,
                             gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;

  set_detail (a, round_uuid, "Gagnef", "interview_date", "2026-03-02");
  set_detail (a, round_uuid, "Gagnef", "participant_roles", "Rektor, kurator");
  set_detail (b, round_uuid, "Gagnef", "participant_count", "4");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_true (send (b, a, fixture->dir, round_uuid));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(UppResponse) gagnef = find_response (fixture->laptops[i], round_uuid, "Gagnef");

      g_assert_cmpstr (upp_response_get_interview_date (gagnef), ==, "2026-03-02");
      g_assert_cmpstr (upp_response_get_participant_roles (gagnef), ==, "Rektor, kurator");
      g_assert_cmpint (upp_response_get_participant_count (gagnef), ==, 4);
      g_assert_cmpuint (upp_store_count_conflicts (fixture->laptops[i]), ==, 0);
    }
}

static void
test_same_detail_on_two_is_conflict (Laptops       *fixture,
                                     gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  UppConflict *conflict;

  set_detail (a, round_uuid, "Gagnef", "interview_date", "2026-03-02");
  set_detail (b, round_uuid, "Gagnef", "interview_date", "2026-03-09");
  set_detail (b, round_uuid, "Gagnef", "mode", "phone");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_true (send (b, a, fixture->dir, round_uuid));

  /* The later date does not silently win; the mode, changed on b only, is taken. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(UppResponse) gagnef = find_response (fixture->laptops[i], round_uuid, "Gagnef");

      g_assert_cmpuint (upp_store_count_conflicts (fixture->laptops[i]), ==, 1);
      g_assert_cmpuint (count_conflicts (fixture->laptops[i], "interview_date"), ==, 1);
      g_assert_cmpint (upp_response_get_mode (gagnef), ==, UPP_INTERVIEW_MODE_PHONE);
    }

  conflicts = upp_store_list_conflicts (a, NULL, &error);
  g_assert_no_error (error);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (upp_conflict_get_kind (conflict), ==, UPP_CONFLICT_KIND_DETAIL);
  g_assert_cmpstr (upp_conflict_get_unit_name (conflict), ==, "Gagnef");
  g_assert_cmpstr (upp_conflict_get_question_label (conflict), ==, "Interview date");
  g_assert_cmpstr (upp_conflict_get_mine_text (conflict), ==, "2026-03-02");
  g_assert_cmpstr (upp_conflict_get_theirs_text (conflict), ==, "2026-03-09");

  /* A written date must be a date. */
  g_assert_false (upp_store_resolve_conflict (a, upp_conflict_get_id (conflict),
                                              UPP_CONFLICT_USE_TEXT, "nästa vecka", &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (upp_store_resolve_conflict (a, upp_conflict_get_id (conflict),
                                             UPP_CONFLICT_USE_TEXT, "2026-03-10", &error));
  g_assert_no_error (error);

  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_false (send (b, a, fixture->dir, round_uuid));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(UppResponse) gagnef = find_response (fixture->laptops[i], round_uuid, "Gagnef");

      g_assert_cmpstr (upp_response_get_interview_date (gagnef), ==, "2026-03-10");
      g_assert_cmpuint (upp_store_count_conflicts (fixture->laptops[i]), ==, 0);
    }
}

/* A status is one of a few: it is settled by choosing a side, not by writing. */
static void
test_status_conflict_takes_a_side (Laptops       *fixture,
                                   gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  UppConflict *conflict;

  {
    g_autoptr(UppResponse) response = find_response (a, round_uuid, "Leksand");
    upp_response_set_status (response, UPP_RESPONSE_STATUS_BOOKED);
    g_assert_true (upp_store_save_response_details (a, response, &error));
    g_clear_object (&response);
    g_usleep (2000);
    response = find_response (b, round_uuid, "Leksand");
    upp_response_set_status (response, UPP_RESPONSE_STATUS_NO_ANSWER);
    g_assert_true (upp_store_save_response_details (b, response, &error));
  }
  g_assert_true (send (b, a, fixture->dir, round_uuid));
  conflicts = upp_store_list_conflicts (a, NULL, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (upp_conflict_get_question_label (conflict), ==, "Status");
  g_assert_false (upp_conflict_can_use_text (conflict));
  g_assert_false (upp_store_resolve_conflict (a, upp_conflict_get_id (conflict),
                                              UPP_CONFLICT_USE_TEXT, "booked", &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (upp_store_resolve_conflict (a, upp_conflict_get_id (conflict),
                                             UPP_CONFLICT_KEEP_THEIRS, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(UppResponse) response = find_response (a, round_uuid, "Leksand");
    g_assert_cmpint (upp_response_get_status (response), ==, UPP_RESPONSE_STATUS_NO_ANSWER);
  }
}

/* ---- removed units ----------------------------------------------------------------------- */

static void
test_removed_unit_stays_removed (Laptops       *fixture,
                                 gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;

  remove_unit (a, round_uuid, "Vansbro");
  g_assert_false (round_has_unit (a, round_uuid, "Vansbro"));

  /* b's file still has Vansbro, with nothing a had not seen: it does not come back. */
  g_assert_false (send (b, a, fixture->dir, round_uuid));
  g_assert_false (round_has_unit (a, round_uuid, "Vansbro"));

  /* a's file takes it out on b too, once; importing it again changes nothing. */
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_false (round_has_unit (b, round_uuid, "Vansbro"));
  {
    g_autofree char *path = test_export_exchange (a, fixture->dir, "again", round_uuid);
    g_autoptr(UppExchangeSummary) summary = import (b, path);

    g_assert_true (upp_exchange_summary_is_empty (summary));
  }
  {
    g_autofree char *a_state = shared_state (a);
    g_autofree char *b_state = shared_state (b);
    g_assert_cmpstr (a_state, ==, b_state);
  }

  /* Added again on b, later: it comes back on a. */
  {
    g_autoptr(GPtrArray) units = upp_store_list_units (b, "20", NULL);

    for (guint i = 0; i < units->len; i++)
      {
        if (g_str_equal (upp_unit_get_name (g_ptr_array_index (units, i)), "Vansbro"))
          change_round_units (b, round_uuid, NULL, g_ptr_array_index (units, i));
      }
    g_assert_true (round_has_unit (b, round_uuid, "Vansbro"));
    g_assert_true (send (b, a, fixture->dir, round_uuid));
    g_assert_true (round_has_unit (a, round_uuid, "Vansbro"));
  }
}

/* Removed on one laptop while the other answered it: the unit comes back with the answer. */
static void
test_removed_unit_answered_elsewhere (Laptops       *fixture,
                                      gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;

  remove_unit (a, round_uuid, "Vansbro");
  test_set_answer (b, round_uuid, "Vansbro", "other", "B: svar efter att a tog bort enheten");

  g_assert_false (send (a, b, fixture->dir, round_uuid));
  g_assert_true (round_has_unit (b, round_uuid, "Vansbro"));
  g_assert_true (send (b, a, fixture->dir, round_uuid));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = test_dup_answer_text (fixture->laptops[i], round_uuid, "Vansbro",
                                                    "other");
      g_assert_cmpstr (text, ==, "B: svar efter att a tog bort enheten");
    }
  /* Quiet from now on, in both directions. */
  g_assert_false (send (a, b, fixture->dir, round_uuid));
  g_assert_false (send (b, a, fixture->dir, round_uuid));
}

/* ---- three laptops ----------------------------------------------------------------------- */

/* Sends every laptop's round to every other, in the order given, until nothing changes. */
static void
exchange_until_quiet (Laptops     *fixture,
                      const guint  order[3])
{
  /* Pairs of the order: 0→1, 1→2, 2→0, 0→2, 2→1, 1→0. */
  static const guint pairs[6][2] = { { 0, 1 }, { 1, 2 }, { 2, 0 }, { 0, 2 }, { 2, 1 }, { 1, 0 } };

  for (guint pass = 0; pass < 8; pass++)
    {
      gboolean changed = FALSE;

      for (guint i = 0; i < 6; i++)
        {
          UppStore *from = fixture->laptops[order[pairs[i][0]]];
          UppStore *to = fixture->laptops[order[pairs[i][1]]];

          if (send (from, to, fixture->dir, fixture->round_uuid))
            changed = TRUE;
        }
      if (!changed)
        return;
    }
  g_assert_not_reached ();
}

static const guint orders[6][3] = {
  { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
};

static void
test_three_laptops (Laptops       *fixture,
                    gconstpointer  data)
{
  const guint *order = data;
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  UppStore *c = fixture->laptops[2];
  const char *round_uuid = fixture->round_uuid;
  char **names = fixture->unit_names;
  g_autofree char *renamed_a = dup_unit_uuid (a, round_uuid, names[0]);
  g_autofree char *renamed_b = dup_unit_uuid (a, round_uuid, names[1]);
  g_autofree char *renamed_twice = dup_unit_uuid (a, round_uuid, names[2]);
  guint conflicts_seen = 0;

  /* Units: each renames one; a and b rename the same one differently; c removes one and b
   * adds one. */
  rename_unit (a, round_uuid, names[0], "Enhet A");
  rename_unit (b, round_uuid, names[1], "Enhet B");
  rename_unit (a, round_uuid, names[2], "Namn från a");
  rename_unit (b, round_uuid, names[2], "Namn från b");
  remove_unit (c, round_uuid, names[3]);
  add_unit (b, round_uuid, "Ny enhet från b");

  /* Interview details: different fields of one unit on each; the same field on a and c. */
  set_detail (a, round_uuid, names[4], "interview_date", "2026-04-01");
  set_detail (b, round_uuid, names[4], "participant_count", "5");
  set_detail (c, round_uuid, names[4], "participant_roles", "Enhetschef, sjuksköterska");
  set_detail (a, round_uuid, names[5], "interview_date", "2026-05-01");
  set_detail (c, round_uuid, names[5], "interview_date", "2026-05-08");

  /* Answers: different units on each, one answer on two. */
  test_set_answer (a, round_uuid, names[6], "good_examples", "A: goda exempel");
  test_set_answer (b, round_uuid, names[7], "challenges", "B: utmaningar");
  test_set_answer (c, round_uuid, names[8], "other", "C: övrigt");
  test_set_answer (b, round_uuid, names[9], "challenges", "B: väntetider");
  test_set_answer (c, round_uuid, names[9], "challenges", "C: personalbrist");

  exchange_until_quiet (fixture, order);

  /* What changed on one side only is everywhere, and the rest are conflicts. */
  for (guint i = 0; i < 3; i++)
    {
      UppStore *laptop = fixture->laptops[i];
      g_autofree char *name_a = dup_unit_name (laptop, renamed_a);
      g_autofree char *name_b = dup_unit_name (laptop, renamed_b);
      g_autoptr(UppResponse) details = find_response (laptop, round_uuid, names[4]);
      g_autofree char *answer = test_dup_answer_text (laptop, round_uuid, names[8], "other");

      g_assert_cmpstr (name_a, ==, "Enhet A");
      g_assert_cmpstr (name_b, ==, "Enhet B");
      g_assert_false (round_has_unit (laptop, round_uuid, names[3]));
      g_assert_true (round_has_unit (laptop, round_uuid, "Ny enhet från b"));
      g_assert_cmpstr (upp_response_get_interview_date (details), ==, "2026-04-01");
      g_assert_cmpint (upp_response_get_participant_count (details), ==, 5);
      g_assert_cmpstr (upp_response_get_participant_roles (details), ==,
                       "Enhetschef, sjuksköterska");
      g_assert_cmpstr (answer, ==, "C: övrigt");
      conflicts_seen += upp_store_count_conflicts (laptop);
    }
  /* a and b hold the name conflict, a and c the date's, b and c the answer's (a laptop that
   * heard of both sides only from others holds it too). */
  g_assert_cmpuint (count_conflicts (a, "name") + count_conflicts (b, "name") +
                    count_conflicts (c, "name"), >=, 2);
  g_assert_cmpuint (count_conflicts (a, "interview_date") + count_conflicts (b, "interview_date")
                    + count_conflicts (c, "interview_date"), >=, 2);
  g_assert_cmpuint (count_conflicts (a, "challenges") + count_conflicts (b, "challenges") +
                    count_conflicts (c, "challenges"), >=, 2);
  g_assert_cmpuint (conflicts_seen, >=, 6);

  /* The conflicts are settled where they show first, and the answers sent round again. */
  for (guint round = 0; round < 6; round++)
    {
      guint open = 0;

      for (guint i = 0; i < 3 && open == 0; i++)
        {
          UppStore *laptop = fixture->laptops[order[i]];
          g_autoptr(GPtrArray) conflicts = upp_store_list_conflicts (laptop, NULL, NULL);

          open = conflicts->len;
          for (guint j = 0; j < conflicts->len; j++)
            {
              g_autoptr(GError) error = NULL;

              g_assert_true (upp_store_resolve_conflict (laptop,
                                                         upp_conflict_get_id (conflicts->pdata[j]),
                                                         j % 2 ? UPP_CONFLICT_KEEP_THEIRS
                                                               : UPP_CONFLICT_KEEP_MINE,
                                                         NULL, &error));
              g_assert_no_error (error);
            }
        }
      if (open == 0)
        break;
      exchange_until_quiet (fixture, order);
    }

  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (upp_store_count_conflicts (fixture->laptops[i]), ==, 0);
  {
    g_autofree char *a_state = shared_state (a);
    g_autofree char *b_state = shared_state (b);
    g_autofree char *c_state = shared_state (c);
    g_autofree char *twice = dup_unit_name (a, renamed_twice);

    g_assert_cmpstr (a_state, ==, b_state);
    g_assert_cmpstr (a_state, ==, c_state);
    g_assert_true (g_str_equal (twice, "Namn från a") || g_str_equal (twice, "Namn från b"));
  }
}

/* ---- migration --------------------------------------------------------------------------- */

static char *
copy_fixture (const char *dir,
              const char *name)
{
  g_autofree char *source = test_fixture_path ("store-v1-dalarna.db");
  g_autofree char *contents = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
test_migrate_v1 (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "v1.db");
  g_autofree char *count = NULL;
  g_autofree char *names = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = upp_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  count = query (path, "PRAGMA user_version");
  g_assert_cmpstr (count, ==, "10|\n");
  g_free (count);
  /* Every interview detail of the 11 responses and every unit's name has a version. */
  count = query (path, "SELECT count(*) FROM field_versions f JOIN responses r "
                 "ON r.uuid = f.object_uuid");
  g_assert_cmpstr (count, ==, "55|\n");
  names = query (path, "SELECT count(*) FROM field_versions WHERE field = 'name' "
                 "AND device = (SELECT value FROM meta WHERE key = 'device_id')");
  g_free (count);
  count = query (path, "SELECT count(*) FROM units");
  g_assert_cmpstr (names, ==, count);
  g_free (count);
  count = query (path, "SELECT count(*) FROM answers");
  g_assert_cmpstr (count, ==, "44|\n");
  test_remove_tree (dir);
}

/* Schema 2 as it was released: conflicts of answers and shared versions. */
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
  "CREATE TRIGGER answers_forget_versions AFTER DELETE ON answers BEGIN"
  "  DELETE FROM sync_versions WHERE object_uuid = OLD.uuid; END;"
  "CREATE TRIGGER responses_forget_versions AFTER DELETE ON responses BEGIN"
  "  DELETE FROM sync_versions WHERE object_uuid = OLD.uuid; END;"
  /* One open conflict and one response version shared with another laptop. */
  "INSERT INTO conflicts (answer_uuid, theirs_text, theirs_modified, theirs_device, created)"
  "  SELECT uuid, 'Deras text', '2026-01-01T00:00:00.000Z', 'other', '2026-01-02T00:00:00Z'"
  "  FROM answers ORDER BY uuid LIMIT 1;"
  "INSERT INTO sync_versions SELECT uuid, modified || ' ' || device FROM responses;"
  "PRAGMA user_version = 2;";

static void
test_migrate_v2 (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = copy_fixture (dir, "v2.db");
  g_autofree char *text = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema_v2, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = upp_store_open (path, &error);
  g_assert_no_error (error);

  /* The open conflict is kept, as an answer's; the backup before is the version 2 file. */
  conflicts = upp_store_list_conflicts (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpint (upp_conflict_get_kind (conflicts->pdata[0]), ==, UPP_CONFLICT_KIND_ANSWER);
  g_assert_cmpstr (upp_conflict_get_theirs_text (conflicts->pdata[0]), ==, "Deras text");
  backups = upp_store_list_backups (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (upp_backup_get_reason (backups->pdata[0]), ==, "schema-v2");

  /* What the response shared before is what each detail shared: 11 responses × 5. */
  text = query (path, "SELECT count(*) FROM sync_versions WHERE object_uuid LIKE '%/%'");
  g_assert_cmpstr (text, ==, "55|\n");
  g_free (text);
  text = query (path, "PRAGMA user_version");
  g_assert_cmpstr (text, ==, "10|\n");
  g_free (text);

  /* Removing an answered unit takes its conflict and versions along. */
  {
    g_autofree char *unit = g_strdup (upp_conflict_get_unit_name (conflicts->pdata[0]));
    g_autofree char *round_uuid = g_strdup (upp_conflict_get_round_uuid (conflicts->pdata[0]));

    remove_unit (store, round_uuid, unit);
    g_assert_cmpuint (upp_store_count_conflicts (store), ==, 0);
    text = query (path, "SELECT count(*) FROM removed_units WHERE known <> ''");
    g_assert_cmpstr (text, ==, "1|\n");
  }
  test_remove_tree (dir);
}

static void
strip_members (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        strip_members (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = NULL;

      json_object_remove_member (object, "versions");
      json_object_remove_member (object, "removed_units");
      members = json_object_get_values (object);
      for (GList *l = members; l != NULL; l = l->next)
        strip_members (l->data);
    }
}

/* A file of an app from before schema 3 (no "versions", no "removed_units") still merges:
 * its interview details count as changed together. */
static void
test_reads_older_files (Laptops       *fixture,
                        gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autofree char *path = NULL;
  g_autofree char *old_path = g_build_filename (fixture->dir, "old.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(UppResponse) gagnef = NULL;

  set_detail (b, round_uuid, "Gagnef", "participant_count", "6");
  path = test_export_exchange (b, fixture->dir, "new", round_uuid);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  strip_members (json_parser_get_root (parser));
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, old_path, &error));

  summary = upp_exchange_import_file (a, old_path, UPP_EXCHANGE_IMPORT_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->responses_updated, ==, 1);
  g_assert_cmpuint (summary->conflicts, ==, 0);
  gagnef = find_response (a, round_uuid, "Gagnef");
  g_assert_cmpint (upp_response_get_participant_count (gagnef), ==, 6);

  /* The fixtures of format 1 still read. */
  g_clear_pointer (&summary, upp_exchange_summary_free);
  g_free (path);
  path = test_fixture_path ("exchange/valid-small.json");
  summary = upp_exchange_import_file (a, path, UPP_EXCHANGE_IMPORT_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
}

/* ---- agreements and further interviews (issue 14) --------------------------------------- */

/* An agreement of a unit of the round, saved as the unit page does. */
static UppAgreement *
add_agreement (UppStore   *store,
               const char *round_uuid,
               const char *unit_name,
               const char *name)
{
  g_autoptr(UppResponse) response = find_response (store, round_uuid, unit_name);
  g_autoptr(UppAgreement) agreement = upp_agreement_new (name, UPP_AGREEMENT_KIND_LOK);
  g_autoptr(GError) error = NULL;

  upp_agreement_set_status (agreement, UPP_AGREEMENT_STATUS_IN_FORCE);
  upp_agreement_set_signed (agreement, "2015-03-01");
  upp_agreement_set_valid_from (agreement, "2015-01-01");
  upp_agreement_set_valid_to (agreement, "2017-12-31");
  upp_agreement_set_note (agreement, "Ska förlängas");
  g_assert_true (upp_store_save_agreement (store, upp_response_get_unit (response), agreement,
                                           &error));
  g_assert_no_error (error);
  g_usleep (2000);
  return g_steal_pointer (&agreement);
}

static void
save_agreement (UppStore     *store,
                const char   *round_uuid,
                const char   *unit_name,
                UppAgreement *agreement)
{
  g_autoptr(UppResponse) response = find_response (store, round_uuid, unit_name);
  g_autoptr(GError) error = NULL;

  g_assert_true (upp_store_save_agreement (store, upp_response_get_unit (response), agreement,
                                           &error));
  g_assert_no_error (error);
  g_usleep (2000);
}

/* Every agreement and interview row, removed ones too, by uuid: what laptops must agree on. */
static char *
register_state (UppStore *store)
{
  return query (upp_store_get_path (store),
                "SELECT 'agreement', a.uuid, u.uuid, a.name, a.kind, a.status, a.signed, "
                "a.valid_from, a.valid_to, a.note, a.removed, a.modified, a.device "
                "FROM agreements a JOIN units u ON u.id = a.unit_id "
                "UNION ALL SELECT 'interview', i.uuid, r.uuid, i.interview_date, i.mode, "
                "i.duration_minutes, i.participant_count, i.participant_roles, i.note, '', "
                "i.removed, i.modified, i.device FROM interviews i "
                "JOIN responses r ON r.id = i.response_id ORDER BY 1, 2");
}

/* The one agreement of the unit in the register, or NULL. */
static UppAgreement *
find_agreement (UppStore   *store,
                const char *round_uuid,
                const char *unit_name)
{
  g_autoptr(UppResponse) response = find_response (store, round_uuid, unit_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agreements =
    upp_store_list_agreements (store, "20", upp_response_get_unit (response), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (agreements->len, <=, 1);
  return agreements->len == 1 ? g_object_ref (g_ptr_array_index (agreements, 0)) : NULL;
}

static void
test_agreements_travel (Laptops       *fixture,
                        gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  UppStore *c = fixture->laptops[2];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppAgreement) agreement = add_agreement (a, round_uuid, "Falun", "LÖK psykiatri");
  g_autoptr(UppAgreement) at_b = NULL;
  g_autoptr(UppAgreement) at_c = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *state_a = NULL;
  g_autofree char *state_b = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  /* It travels whole, with its uuid. */
  path = test_export_exchange (a, fixture->dir, "agreement", round_uuid);
  summary = import (b, path);
  g_assert_cmpuint (summary->agreements_added, ==, 1);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  summary = import (c, path);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  at_b = find_agreement (b, round_uuid, "Falun");
  g_assert_nonnull (at_b);
  g_assert_cmpstr (upp_agreement_get_uuid (at_b), ==, upp_agreement_get_uuid (agreement));
  g_assert_cmpstr (upp_agreement_get_name (at_b), ==, "LÖK psykiatri");
  g_assert_cmpstr (upp_agreement_get_valid_to (at_b), ==, "2017-12-31");
  g_assert_cmpstr (upp_agreement_get_note (at_b), ==, "Ska förlängas");
  state_a = register_state (a);
  state_b = register_state (b);
  g_assert_cmpstr (state_a, ==, state_b);

  /* An edit on b comes back to a; sending it again brings nothing new. */
  upp_agreement_set_status (at_b, UPP_AGREEMENT_STATUS_UNDER_REVISION);
  save_agreement (b, round_uuid, "Falun", at_b);
  g_clear_pointer (&path, g_free);
  path = test_export_exchange (b, fixture->dir, "edited", round_uuid);
  summary = import (a, path);
  g_assert_cmpuint (summary->agreements_updated, ==, 1);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  g_clear_object (&agreement);
  agreement = find_agreement (a, round_uuid, "Falun");
  g_assert_cmpint (upp_agreement_get_status (agreement), ==,
                   UPP_AGREEMENT_STATUS_UNDER_REVISION);
  g_assert_false (send (b, a, fixture->dir, round_uuid));

  /* A removal on a travels to b; c's older file, which still has it, does not bring it
   * back. */
  stale = test_export_exchange (c, fixture->dir, "stale", round_uuid);
  g_assert_true (upp_store_remove_agreement (a, agreement, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_clear_pointer (&path, g_free);
  path = test_export_exchange (a, fixture->dir, "removed", round_uuid);
  summary = import (b, path);
  g_assert_cmpuint (summary->agreements_removed, ==, 1);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  g_assert_null (find_agreement (b, round_uuid, "Falun"));
  summary = import (b, stale);
  g_assert_true (upp_exchange_summary_is_empty (summary));
  g_clear_pointer (&summary, upp_exchange_summary_free);
  g_assert_null (find_agreement (b, round_uuid, "Falun"));
  g_clear_pointer (&state_a, g_free);
  g_clear_pointer (&state_b, g_free);
  state_a = register_state (a);
  state_b = register_state (b);
  g_assert_cmpstr (state_a, ==, state_b);

  /* c, not knowing of the removal, edits it later: the later word wins, on both. */
  at_c = find_agreement (c, round_uuid, "Falun");
  upp_agreement_set_note (at_c, "Förlängd till 2027");
  save_agreement (c, round_uuid, "Falun", at_c);
  g_assert_true (send (c, a, fixture->dir, round_uuid));
  g_clear_object (&agreement);
  agreement = find_agreement (a, round_uuid, "Falun");
  g_assert_nonnull (agreement);
  g_assert_cmpstr (upp_agreement_get_note (agreement), ==, "Förlängd till 2027");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *state = register_state (fixture->laptops[i]);
      g_clear_pointer (&state_a, g_free);
      state_a = register_state (a);
      g_assert_cmpstr (state, ==, state_a);
    }
}

static UppInterview *
add_interview (UppStore   *store,
               const char *round_uuid,
               const char *unit_name,
               const char *date)
{
  g_autoptr(UppResponse) response = find_response (store, round_uuid, unit_name);
  g_autoptr(UppInterview) interview = upp_interview_new ();
  g_autoptr(GError) error = NULL;

  upp_interview_set_date (interview, date);
  upp_interview_set_mode (interview, UPP_INTERVIEW_MODE_VIDEO);
  upp_interview_set_duration_minutes (interview, 50);
  upp_interview_set_participant_count (interview, 3);
  upp_interview_set_participant_roles (interview, "Socialchef, MAS, enhetschef");
  g_assert_true (upp_store_save_interview (store, response, interview, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  return g_steal_pointer (&interview);
}

static guint
count_further_interviews (UppStore   *store,
                          const char *round_uuid,
                          const char *unit_name)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) response = test_find_response (store, round, unit_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) interviews = upp_store_list_interviews (store, round, response, &error);

  g_assert_no_error (error);
  return interviews->len;
}

static void
test_interviews_travel (Laptops       *fixture,
                        gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppInterview) second = add_interview (a, round_uuid, "Gagnef", "2025-11-03");
  g_autoptr(UppInterview) third = add_interview (a, round_uuid, "Gagnef", "2025-11-20");
  g_autoptr(UppResponse) gagnef = find_response (a, round_uuid, "Gagnef");
  g_autoptr(UppResponse) gagnef_b = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *state_a = NULL;
  g_autofree char *state_b = NULL;

  /* The first interview's length and the respondent check travel as details. */
  upp_response_set_duration_minutes (gagnef, 75);
  upp_response_set_check_sent (gagnef, "2025-11-05");
  upp_response_set_check_approved (gagnef, "2025-11-12");
  g_assert_true (upp_store_save_response_details (a, gagnef, &error));
  g_assert_no_error (error);
  g_usleep (2000);

  path = test_export_exchange (a, fixture->dir, "interviews", round_uuid);
  summary = import (b, path);
  g_assert_cmpuint (summary->interviews_added, ==, 2);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  g_assert_cmpuint (count_further_interviews (b, round_uuid, "Gagnef"), ==, 2);
  gagnef_b = find_response (b, round_uuid, "Gagnef");
  g_assert_cmpint (upp_response_get_duration_minutes (gagnef_b), ==, 75);
  g_assert_cmpstr (upp_response_get_check_sent (gagnef_b), ==, "2025-11-05");
  g_assert_cmpstr (upp_response_get_check_approved (gagnef_b), ==, "2025-11-12");
  state_a = register_state (a);
  state_b = register_state (b);
  g_assert_cmpstr (state_a, ==, state_b);

  /* A removal travels, and b's file from before it does not bring the interview back. */
  stale = test_export_exchange (b, fixture->dir, "stale", round_uuid);
  g_assert_true (upp_store_remove_interview (a, second, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  summary = import (a, stale);
  g_assert_cmpuint (summary->interviews_added + summary->interviews_updated, ==, 0);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  g_assert_cmpuint (count_further_interviews (a, round_uuid, "Gagnef"), ==, 1);
  g_clear_pointer (&path, g_free);
  path = test_export_exchange (a, fixture->dir, "removed", round_uuid);
  summary = import (b, path);
  g_assert_cmpuint (summary->interviews_removed, ==, 1);
  g_assert_cmpuint (count_further_interviews (b, round_uuid, "Gagnef"), ==, 1);
  g_clear_pointer (&state_a, g_free);
  g_clear_pointer (&state_b, g_free);
  state_a = register_state (a);
  state_b = register_state (b);
  g_assert_cmpstr (state_a, ==, state_b);
  /* The removed one keeps no text on either side. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *removed = query (upp_store_get_path (fixture->laptops[i]),
                                        "SELECT count(*) FROM interviews WHERE removed = 1 "
                                        "AND participant_roles = ''");
      g_assert_cmpstr (removed, ==, "1|\n");
    }
}

/* ---- the codebook and coded passages (issue 13) ------------------------------------------ */

#define COLLABORATION_TEXT "Samverkan med kommunen fungerar bra. Väntetider är ett problem."

static UppTheme *
add_theme (UppStore   *store,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  UppTheme *theme = upp_store_add_theme (store, "20", name, UPP_THEME_KIND_PROMOTING, &error);

  g_assert_no_error (error);
  g_usleep (2000);
  return theme;
}

static UppTheme *
find_theme (UppStore   *store,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  UppTheme *theme = upp_store_find_theme (store, "20", name, &error);

  g_assert_no_error (error);
  return theme;
}

/* Codes the characters start up to end of a unit's answer with a theme. */
static UppCoding *
code (UppStore   *store,
      const char *round_uuid,
      const char *unit_name,
      const char *question_key,
      guint       start,
      guint       end,
      const char *theme_name)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) response = test_find_response (store, round, unit_name);
  g_autoptr(UppTheme) theme = find_theme (store, theme_name);
  g_autoptr(GError) error = NULL;
  UppCoding *coding;

  coding = upp_store_code_passage (store, round, response, question_key, start, end, theme,
                                   &error);
  g_assert_no_error (error);
  g_usleep (2000);
  return coding;
}

/* The round's units × themes matrix with counts, as CSV. */
static char *
dup_matrix (UppStore   *store,
            const char *round_uuid)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(GPtrArray) rounds = test_rounds_of (round);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppThemeMatrix) matrix = upp_theme_matrix_new (store, rounds, &error);

  g_assert_no_error (error);
  return upp_theme_matrix_to_csv (matrix, TRUE, ',');
}

/* What laptops must agree on about the codebook and the coding, by uuids. */
static char *
coding_state (UppStore *store)
{
  return query (upp_store_get_path (store),
                "SELECT 'theme', uuid, name, kind, retired, merged_into FROM themes "
                "UNION ALL SELECT 'coding', c.uuid, a.uuid || ' ' || c.theme_uuid, "
                "c.start_char || '-' || c.end_char, c.flagged, c.quote FROM codings c "
                "JOIN answers a ON a.id = c.answer_id ORDER BY 1, 2");
}

static char *
dup_coding_text (UppStore   *store,
                 const char *sql)
{
  g_autofree char *row = query (upp_store_get_path (store), sql);

  if (*row == '\0')
    return g_strdup ("");
  row[strlen (row) - 2] = '\0';
  return g_steal_pointer (&row);
}

static void
test_coding_travels (Laptops       *fixture,
                     gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *a_matrix = NULL;
  g_autofree char *b_matrix = NULL;
  g_autofree char *a_state = NULL;
  g_autofree char *b_state = NULL;
  g_autoptr(GError) error = NULL;

  test_set_answer (a, round_uuid, "Falun", "challenges", COLLABORATION_TEXT);
  theme = add_theme (a, "Samverkan");
  coding = code (a, round_uuid, "Falun", "challenges", 0, 9, "Samverkan");
  g_assert_true (upp_store_set_coding_quote (a, coding, TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&coding);
  coding = code (a, round_uuid, "Falun", "challenges", 10, 22, "Samverkan");

  path = test_export_exchange (a, fixture->dir, "coded", round_uuid);
  summary = import (b, path);
  g_assert_cmpuint (summary->themes_added, ==, 1);
  g_assert_cmpuint (summary->codings_added, ==, 2);
  text = upp_exchange_summary_to_string (summary);
  g_assert_nonnull (strstr (text, "1 theme added"));
  g_assert_nonnull (strstr (text, "2 coded passages added"));

  a_matrix = dup_matrix (a, round_uuid);
  b_matrix = dup_matrix (b, round_uuid);
  g_assert_nonnull (strstr (a_matrix, "Samverkan"));
  g_assert_cmpstr (a_matrix, ==, b_matrix);
  a_state = coding_state (a);
  b_state = coding_state (b);
  g_assert_cmpstr (a_state, ==, b_state);
  g_free (text);
  text = dup_coding_text (b, "SELECT anchor FROM codings WHERE quote = 1");
  g_assert_cmpstr (text, ==, "Samverkan");

  /* Nothing is new the second time, either way. */
  g_assert_false (send (a, b, fixture->dir, round_uuid));
  g_assert_false (send (b, a, fixture->dir, round_uuid));

  /* A quote mark changed later travels back: the later change wins. */
  {
    g_autoptr(GPtrArray) codings = upp_store_list_codings (b, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (codings->len, ==, 2);
    for (guint i = 0; i < codings->len; i++)
      {
        UppCoding *on_b = g_ptr_array_index (codings, i);

        g_assert_true (upp_store_set_coding_quote (b, on_b, !upp_coding_get_quote (on_b),
                                                   &error));
        g_assert_no_error (error);
      }
    g_usleep (2000);
  }
  g_clear_pointer (&summary, upp_exchange_summary_free);
  g_free (path);
  path = test_export_exchange (b, fixture->dir, "quotes", round_uuid);
  summary = import (a, path);
  g_assert_cmpuint (summary->codings_updated, ==, 2);
  g_free (text);
  text = dup_coding_text (a, "SELECT anchor FROM codings WHERE quote = 1");
  g_assert_cmpstr (text, ==, "med kommunen");
}

static void
test_theme_rename_travels (Laptops       *fixture,
                           gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  UppStore *c = fixture->laptops[2];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(GError) error = NULL;

  test_set_answer (a, round_uuid, "Falun", "challenges", COLLABORATION_TEXT);
  theme = add_theme (a, "Samverkan");
  coding = code (a, round_uuid, "Falun", "challenges", 0, 9, "Samverkan");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_true (send (a, c, fixture->dir, round_uuid));

  g_assert_true (upp_store_rename_theme (a, theme, "Samverkan med kommunen", &error));
  g_assert_no_error (error);
  upp_theme_set_colour (theme, "#2a7fff");
  g_assert_true (upp_store_update_theme (a, theme, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  /* b changes the kind meanwhile: a different field, so both changes stay. */
  {
    g_autoptr(UppTheme) on_b = find_theme (b, "Samverkan");

    upp_theme_set_kind (on_b, UPP_THEME_KIND_HINDERING);
    g_assert_true (upp_store_update_theme (b, on_b, &error));
    g_assert_no_error (error);
    g_usleep (2000);
  }
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_true (send (b, c, fixture->dir, round_uuid));
  g_assert_true (send (b, a, fixture->dir, round_uuid));
  g_assert_false (send (c, a, fixture->dir, round_uuid));

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(UppTheme) renamed = find_theme (fixture->laptops[i], "Samverkan med kommunen");

      g_assert_cmpstr (upp_theme_get_uuid (renamed), ==, upp_theme_get_uuid (theme));
      g_assert_cmpstr (upp_theme_get_colour (renamed), ==, "#2a7fff");
      g_assert_cmpint (upp_theme_get_kind (renamed), ==, UPP_THEME_KIND_HINDERING);
      g_assert_cmpuint (upp_theme_get_n_codings (renamed), ==, 1);
      g_assert_cmpuint (upp_store_count_conflicts (fixture->laptops[i]), ==, 0);
    }
}

static void
test_theme_rename_on_two_is_conflict (Laptops       *fixture,
                                      gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppTheme) on_b = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a_matrix = NULL;
  g_autofree char *b_matrix = NULL;
  UppConflict *conflict;

  test_set_answer (a, round_uuid, "Falun", "challenges", COLLABORATION_TEXT);
  theme = add_theme (a, "Samverkan");
  coding = code (a, round_uuid, "Falun", "challenges", 0, 9, "Samverkan");
  g_assert_true (send (a, b, fixture->dir, round_uuid));

  on_b = find_theme (b, "Samverkan");
  g_assert_true (upp_store_rename_theme (a, theme, "Samarbete", &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_assert_true (upp_store_rename_theme (b, on_b, "Samverkan över gränser", &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_true (send (b, a, fixture->dir, round_uuid));

  /* Each keeps its own name, with the other's beside it. */
  for (guint i = 0; i < 2; i++)
    g_assert_cmpuint (count_conflicts (fixture->laptops[i], "theme_name"), ==, 1);
  conflicts = upp_store_list_conflicts (a, round_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (upp_conflict_get_kind (conflict), ==, UPP_CONFLICT_KIND_THEME_NAME);
  g_assert_cmpstr (upp_conflict_get_question_label (conflict), ==, "Theme name");
  g_assert_cmpstr (upp_conflict_get_round_title (conflict), ==, "Region Dalarna");
  g_assert_cmpstr (upp_conflict_get_unit_name (conflict), ==, "Samarbete");
  g_assert_cmpstr (upp_conflict_get_mine_text (conflict), ==, "Samarbete");
  g_assert_cmpstr (upp_conflict_get_theirs_text (conflict), ==, "Samverkan över gränser");
  g_assert_true (upp_conflict_can_use_text (conflict));

  /* A name of two lines is refused and changes nothing. */
  g_assert_false (upp_store_resolve_conflict (a, upp_conflict_get_id (conflict),
                                              UPP_CONFLICT_USE_TEXT, "Sam\nverkan", &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (upp_store_resolve_conflict (a, upp_conflict_get_id (conflict),
                                             UPP_CONFLICT_KEEP_THEIRS, NULL, &error));
  g_assert_no_error (error);
  send (a, b, fixture->dir, round_uuid);
  g_assert_false (send (b, a, fixture->dir, round_uuid));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(UppTheme) settled = find_theme (fixture->laptops[i], "Samverkan över gränser");

      g_assert_cmpstr (upp_theme_get_uuid (settled), ==, upp_theme_get_uuid (theme));
      g_assert_cmpuint (upp_store_count_conflicts (fixture->laptops[i]), ==, 0);
    }
  a_matrix = dup_matrix (a, round_uuid);
  b_matrix = dup_matrix (b, round_uuid);
  g_assert_nonnull (strstr (a_matrix, "Samverkan över gränser"));
  g_assert_cmpstr (a_matrix, ==, b_matrix);
}

/* A theme merged into another on one laptop takes along the passages another laptop coded
 * with it. */
static void
test_theme_merge_travels (Laptops       *fixture,
                          gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppTheme) from = NULL;
  g_autoptr(UppTheme) into = NULL;
  g_autoptr(UppCoding) first = NULL;
  g_autoptr(UppCoding) second = NULL;
  g_autoptr(UppTheme) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a_state = NULL;
  g_autofree char *b_state = NULL;
  g_autofree char *count = NULL;

  test_set_answer (a, round_uuid, "Falun", "challenges", COLLABORATION_TEXT);
  from = add_theme (a, "Väntetider");
  into = add_theme (a, "Tillgänglighet");
  child = add_theme (a, "Köer till psykiatrin");
  upp_theme_set_parent_uuid (child, upp_theme_get_uuid (from));
  g_assert_true (upp_store_update_theme (a, child, &error));
  g_assert_no_error (error);
  g_assert_true (send (a, b, fixture->dir, round_uuid));

  /* b codes with the theme a merges away meanwhile. */
  first = code (b, round_uuid, "Falun", "challenges", 37, 47, "Väntetider");
  second = code (b, round_uuid, "Falun", "challenges", 0, 9, "Tillgänglighet");
  g_assert_true (upp_store_merge_themes (a, from, into, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_true (send (b, a, fixture->dir, round_uuid));

  count = query (upp_store_get_path (b),
                 "SELECT count(*) FROM codings c JOIN themes t ON t.uuid = c.theme_uuid "
                 "WHERE t.name = 'Tillgänglighet' AND t.retired = 0");
  g_assert_cmpstr (count, ==, "2|\n");
  /* The theme grouped under the merged one is grouped under the one it went into. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(UppTheme) grouped = find_theme (fixture->laptops[i], "Köer till psykiatrin");

      g_assert_cmpstr (upp_theme_get_parent_uuid (grouped), ==, upp_theme_get_uuid (into));
    }
  a_state = coding_state (a);
  b_state = coding_state (b);
  g_assert_cmpstr (a_state, ==, b_state);
  g_assert_false (send (a, b, fixture->dir, round_uuid));
}

/* Merged twice on one laptop, into themes the other has not seen yet: the passages follow
 * to the last. */
static void
test_theme_merge_chain (Laptops       *fixture,
                        gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppTheme) first = NULL;
  g_autoptr(UppTheme) second = NULL;
  g_autoptr(UppTheme) last = NULL;
  g_autoptr(UppTheme) on_b = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(GError) error = NULL;

  test_set_answer (a, round_uuid, "Falun", "challenges", COLLABORATION_TEXT);
  first = add_theme (a, "Arbetssätt");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  coding = code (b, round_uuid, "Falun", "challenges", 0, 9, "Arbetssätt");
  second = add_theme (a, "Bemötande");
  last = add_theme (a, "Samverkan");
  g_assert_true (upp_store_merge_themes (a, first, second, &error));
  g_assert_true (upp_store_merge_themes (a, second, last, &error));
  g_assert_no_error (error);
  g_usleep (2000);

  g_assert_true (send (a, b, fixture->dir, round_uuid));
  on_b = find_theme (b, "Samverkan");
  g_assert_cmpuint (upp_theme_get_n_codings (on_b), ==, 1);
  g_assert_true (send (b, a, fixture->dir, round_uuid));
  g_clear_object (&last);
  last = find_theme (a, "Samverkan");
  g_assert_cmpuint (upp_theme_get_n_codings (last), ==, 1);
}

static void
test_removed_coding_stays_removed (Laptops       *fixture,
                                   gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  UppStore *c = fixture->laptops[2];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_file = NULL;
  g_autofree char *removed_file = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;

  test_set_answer (a, round_uuid, "Falun", "challenges", COLLABORATION_TEXT);
  theme = add_theme (a, "Samverkan");
  coding = code (a, round_uuid, "Falun", "challenges", 0, 9, "Samverkan");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  g_assert_true (send (a, c, fixture->dir, round_uuid));
  old_file = test_export_exchange (c, fixture->dir, "old", round_uuid);

  codings = upp_store_list_codings (b, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_true (upp_store_remove_coding (b, g_ptr_array_index (codings, 0), &error));
  g_assert_no_error (error);
  g_usleep (2000);

  removed_file = test_export_exchange (b, fixture->dir, "removed", round_uuid);
  summary = import (a, removed_file);
  g_assert_cmpuint (summary->codings_removed, ==, 1);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  /* The older file of c still has it, and does not bring it back. */
  summary = import (a, old_file);
  g_assert_cmpuint (summary->codings_added, ==, 0);
  g_assert_true (send (a, c, fixture->dir, round_uuid));
  g_assert_false (send (c, b, fixture->dir, round_uuid));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *count = query (upp_store_get_path (fixture->laptops[i]),
                                      "SELECT count(*) FROM codings");
      g_assert_cmpstr (count, ==, "0|\n");
    }
}

/* The same passage coded with the same theme on two laptops is one coding everywhere, and
 * a stale file with the other does not bring a second back, nor one that was removed. */
static void
test_coding_twins (Laptops       *fixture,
                   gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppCoding) on_a = NULL;
  g_autoptr(UppCoding) on_b = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *count = NULL;
  UppStore *winner;
  UppStore *loser;
  const char *kept;

  test_set_answer (a, round_uuid, "Falun", "challenges", COLLABORATION_TEXT);
  theme = add_theme (a, "Samverkan");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  on_a = code (a, round_uuid, "Falun", "challenges", 0, 9, "Samverkan");
  on_b = code (b, round_uuid, "Falun", "challenges", 0, 9, "Samverkan");
  /* The smaller uuid stays; the laptop with the other one writes a file before it knows. */
  winner = strcmp (upp_coding_get_uuid (on_a), upp_coding_get_uuid (on_b)) < 0 ? a : b;
  loser = winner == a ? b : a;
  kept = upp_coding_get_uuid (winner == a ? on_a : on_b);
  stale = test_export_exchange (loser, fixture->dir, "stale", round_uuid);

  g_assert_true (send (winner, loser, fixture->dir, round_uuid));
  g_assert_false (send (loser, winner, fixture->dir, round_uuid));
  summary = import (winner, stale);
  g_assert_true (upp_exchange_summary_is_empty (summary));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*), sum(uuid = '%s') FROM codings",
                                              kept);
      g_autofree char *row = query (upp_store_get_path (fixture->laptops[i]), sql);

      g_assert_cmpstr (row, ==, "1|1|\n");
    }

  codings = upp_store_list_codings (winner, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (upp_store_remove_coding (winner, g_ptr_array_index (codings, 0), &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  summary = import (winner, stale);
  g_assert_cmpuint (summary->codings_added, ==, 0);
  count = query (upp_store_get_path (winner), "SELECT count(*) FROM codings");
  g_assert_cmpstr (count, ==, "0|\n");
}

/* The coding arrives at a laptop that edited the answer's text meanwhile: it is placed where
 * its passage is in that text, or flagged when the passage is gone there. */
static void
test_coding_reanchored_on_arrival (Laptops       *fixture,
                                   gconstpointer  data)
{
  UppStore *a = fixture->laptops[0];
  UppStore *b = fixture->laptops[1];
  const char *round_uuid = fixture->round_uuid;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(UppCoding) moved = NULL;
  g_autoptr(UppCoding) gone = NULL;
  g_autofree char *text = NULL;
  g_autofree char *row = NULL;

  test_set_answer (a, round_uuid, "Falun", "challenges", COLLABORATION_TEXT);
  test_set_answer (a, round_uuid, "Gagnef", "challenges", "Lång väntan på plats.");
  g_assert_true (send (a, b, fixture->dir, round_uuid));
  theme = add_theme (a, "Väntetider");
  moved = code (a, round_uuid, "Falun", "challenges", 37, 47, "Väntetider");
  gone = code (a, round_uuid, "Gagnef", "challenges", 0, 11, "Väntetider");
  test_set_answer (b, round_uuid, "Falun", "challenges", "Kort om läget. " COLLABORATION_TEXT);
  test_set_answer (b, round_uuid, "Gagnef", "challenges", "Inga problem längre.");

  g_assert_true (send (a, b, fixture->dir, round_uuid));
  text = test_dup_answer_text (b, round_uuid, "Falun", "challenges");
  g_assert_cmpstr (text, ==, "Kort om läget. " COLLABORATION_TEXT);
  row = query (upp_store_get_path (b),
               "SELECT c.start_char, c.end_char, c.flagged, c.anchor FROM codings c "
               "JOIN answers a ON a.id = c.answer_id ORDER BY c.anchor");
  g_assert_cmpstr (row, ==, "0|11|1|Lång väntan|\n52|62|0|Väntetider|\n");
}

/* Three laptops each make a theme of the same name and code with it: all end with one theme
 * in use, the same one, holding every passage, whatever the order of the files. */
static void
test_same_name_themes_converge (Laptops       *fixture,
                                gconstpointer  data)
{
  const guint *order = data;
  const char *round_uuid = fixture->round_uuid;
  char *states[3] = { NULL, };
  char *matrices[3] = { NULL, };
  const char *smallest = NULL;
  UppTheme *themes[3];

  test_set_answer (fixture->laptops[0], round_uuid, "Falun", "challenges", COLLABORATION_TEXT);
  for (guint i = 1; i < 3; i++)
    g_assert_true (send (fixture->laptops[0], fixture->laptops[i], fixture->dir, round_uuid));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(UppCoding) coding = NULL;

      themes[i] = add_theme (fixture->laptops[i], i == 2 ? "samverkan " : "Samverkan");
      /* a and b code the same passage, c another. */
      coding = code (fixture->laptops[i], round_uuid, "Falun", "challenges", i == 2 ? 10 : 0,
                     i == 2 ? 35 : 9, upp_theme_get_name (themes[i]));
      if (smallest == NULL || strcmp (upp_theme_get_uuid (themes[i]), smallest) < 0)
        smallest = upp_theme_get_uuid (themes[i]);
    }

  exchange_until_quiet (fixture, order);

  for (guint i = 0; i < 3; i++)
    {
      UppStore *laptop = fixture->laptops[i];
      g_autoptr(UppTheme) kept = find_theme (laptop, "Samverkan");
      g_autofree char *count = query (upp_store_get_path (laptop),
                                      "SELECT count(*) FROM themes WHERE retired = 0");

      g_assert_cmpstr (upp_theme_get_uuid (kept), ==, smallest);
      g_assert_cmpstr (count, ==, "1|\n");
      g_assert_cmpuint (upp_theme_get_n_codings (kept), ==, 2);
      g_assert_cmpuint (upp_store_count_conflicts (laptop), ==, 0);
      states[i] = coding_state (laptop);
      matrices[i] = dup_matrix (laptop, round_uuid);
    }
  g_assert_cmpstr (states[0], ==, states[1]);
  g_assert_cmpstr (states[0], ==, states[2]);
  g_assert_cmpstr (matrices[0], ==, matrices[1]);
  g_assert_cmpstr (matrices[0], ==, matrices[2]);
  for (guint i = 0; i < 3; i++)
    {
      g_object_unref (themes[i]);
      g_free (states[i]);
      g_free (matrices[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Laptops, NULL, laptops_set_up, func, laptops_tear_down)

  ADD ("/merge/rename/travels", test_rename_travels);
  ADD ("/merge/rename/on-two-is-conflict", test_rename_on_two_is_conflict);
  ADD ("/merge/sub-area/travels", test_sub_area_travels);
  ADD ("/merge/details/by-field", test_details_merge_by_field);
  ADD ("/merge/details/same-field-is-conflict", test_same_detail_on_two_is_conflict);
  ADD ("/merge/details/status-takes-a-side", test_status_conflict_takes_a_side);
  ADD ("/merge/removed/stays-removed", test_removed_unit_stays_removed);
  ADD ("/merge/removed/answered-elsewhere", test_removed_unit_answered_elsewhere);
  ADD ("/merge/older-files", test_reads_older_files);
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autofree char *path = g_strdup_printf ("/merge/three-laptops/%c%c%c",
                                               'a' + orders[i][0], 'a' + orders[i][1],
                                               'a' + orders[i][2]);
      g_test_add (path, Laptops, orders[i], laptops_set_up, test_three_laptops,
                  laptops_tear_down);
    }
  ADD ("/merge/agreements/travel", test_agreements_travel);
  ADD ("/merge/interviews/travel", test_interviews_travel);
  ADD ("/merge/codings/travel", test_coding_travels);
  ADD ("/merge/codings/theme-rename-travels", test_theme_rename_travels);
  ADD ("/merge/codings/theme-rename-on-two-is-conflict", test_theme_rename_on_two_is_conflict);
  ADD ("/merge/codings/theme-merge-travels", test_theme_merge_travels);
  ADD ("/merge/codings/theme-merge-chain", test_theme_merge_chain);
  ADD ("/merge/codings/removed-stays-removed", test_removed_coding_stays_removed);
  ADD ("/merge/codings/twins", test_coding_twins);
  ADD ("/merge/codings/reanchored-on-arrival", test_coding_reanchored_on_arrival);
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autofree char *path = g_strdup_printf ("/merge/codings/same-name-themes/%c%c%c",
                                               'a' + orders[i][0], 'a' + orders[i][1],
                                               'a' + orders[i][2]);
      g_test_add (path, Laptops, orders[i], laptops_set_up, test_same_name_themes_converge,
                  laptops_tear_down);
    }
  g_test_add_func ("/merge/migrate/v1", test_migrate_v1);
  g_test_add_func ("/merge/migrate/v2", test_migrate_v2);

  return g_test_run ();
}
