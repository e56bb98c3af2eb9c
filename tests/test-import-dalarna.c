/* test-import-dalarna.c: the Dalarna table imported cell by cell, units matched to the register
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "import/import-dalarna.h"
#include "test-util.h"
#include "upp-answer.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-template.h"
#include "upp-unit.h"

static const char *unit_names[] = {
  "Falun", "Borlänge", "Säter", "Gagnef", "Väster- bergslagen (Ludvika och Smedjebacken",
  "Södra (Avesta och Hedemora", "Malung-Sälen", "Vansbro", "Rättvik", "Leksand",
  "Mora, Orsa och Älvdalen",
};

typedef TestRoundFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(UppImportResult) result = NULL;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "dalarna");
  result = test_import_dalarna (fixture->store, 2023);
  g_assert_cmpuint (result->n_units, ==, 11);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  fixture->round = test_load_round (fixture->store, result->round_uuid);
}

/* Non-blank content lines, without the cell tab and trailing white space. */
static void
add_content_lines (GPtrArray  *lines,
                   const char *text)
{
  g_auto(GStrv) split = g_strsplit (text, "\n", -1);

  for (guint i = 0; split[i] != NULL; i++)
    {
      char *line = split[i][0] == '\t' ? split[i] + 1 : split[i];

      g_strchomp (line);
      if (*line != '\0')
        g_ptr_array_add (lines, g_strdup (line));
    }
}

/* Every line of the source after the header must come back from the database, in order, and
 * nothing else: no text lost, cut, duplicated or moved to another unit. */
static void
test_every_line_in_order (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = test_fixture_path ("dalarna.txt");
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GError) error = NULL;
  UppTemplate *template = upp_round_get_template (fixture->round);
  const char *body;
  guint gagnef;

  g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
  body = strstr (source, "\tFalun\n");
  g_assert_nonnull (body);
  add_content_lines (expected, body);
  /* Gagnef's only cell says it did not answer: that is its status, not an answer. */
  g_assert_true (g_ptr_array_find_with_equal_func (expected, "Har ej fått in svar", g_str_equal,
                                                   &gagnef));
  g_ptr_array_remove_index (expected, gagnef);

  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      add_content_lines (actual, upp_response_get_unit_name (response));
      for (guint q = 0; q < upp_template_get_n_questions (template); q++)
        {
          UppQuestion *question = upp_template_get_question (template, q);
          UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));

          if (answer != NULL)
            add_content_lines (actual, upp_answer_get_text (answer));
        }
    }

  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));
}

static const char *
answer_text (Fixture    *fixture,
             const char *unit,
             const char *question_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) response = upp_store_find_response (fixture->store, fixture->round,
                                                             unit, &error);
  UppAnswer *answer;
  static char *text = NULL;

  g_assert_no_error (error);
  answer = upp_response_get_answer (response, question_key);
  g_free (text);
  text = g_strdup (answer ? upp_answer_get_text (answer) : "");
  return text;
}

static void
test_cell_boundaries (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *text;

  g_assert_cmpstr (answer_text (fixture, "Falun", "agreement"), ==,
                   "Nej Men arbete pågår, är princip snart färdig");
  g_assert_cmpstr (answer_text (fixture, "Falun", "good_examples"), ==, "");
  g_assert_cmpstr (answer_text (fixture, "Falun", "deviations"), ==,
                   "Ja det får vi men då är det av lite allvarligare karaktär, det vardagliga "
                   "försöker vi lösa lokalt.");
  /* A continuation line without a tab belongs to the cell before it. */
  g_assert_cmpstr (answer_text (fixture, "Borlänge", "agreement"), ==,
                   "Nej\nDet arbetas med en gemensam LÖK missbruk riskbruk och beroende, samt "
                   "funktionshinder inom LÖK som planeras att vara  färdigställd mars");
  g_assert_cmpstr (answer_text (fixture, "Gagnef", "agreement"), ==, "");
  g_assert_cmpstr (answer_text (fixture, "Malung-Sälen", "good_examples"), ==, "");
  g_assert_cmpstr (answer_text (fixture, "Väster- bergslagen (Ludvika och Smedjebacken", "other"),
                   ==, "Lika som Södra");

  text = answer_text (fixture, "Södra (Avesta och Hedemora", "other");
  g_assert_true (g_str_has_prefix (text, "Just nu så arbetar vi med två LÖKar"));
  g_assert_true (g_str_has_suffix (text, "Vi får se om det är en bra struktur."));
  g_assert_nonnull (strstr (text, "\nAktivt idag har vi:\nLÖK RMB\nLÖK Barn och Unga\n"));
  g_assert_cmpuint (strlen (text), >, 1500);

  /* The last unit's block ends early: the missing trailing cells are empty. */
  text = answer_text (fixture, "Mora, Orsa och Älvdalen", "good_examples");
  g_assert_true (g_str_has_prefix (text, "Samverkan mellan kommunal missbruksenhet"));
  g_assert_true (g_str_has_suffix (text, "ett riktigt Integrerad Beroende Mottagningen…”"));
  g_assert_cmpstr (answer_text (fixture, "Mora, Orsa och Älvdalen", "challenges"), ==, "");
  g_assert_cmpstr (answer_text (fixture, "Mora, Orsa och Älvdalen", "other"), ==, "");
}

static void
test_units_and_members (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) uncovered = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (upp_round_get_region_name (fixture->round), ==, "Region Dalarna");
  g_assert_cmpint (upp_round_get_year (fixture->round), ==, 2023);
  g_assert_cmpstr (upp_template_get_key (upp_round_get_template (fixture->round)), ==, "lok");
  g_assert_cmpuint (upp_round_get_n_units (fixture->round), ==, 11);
  g_assert_cmpuint (upp_round_get_n_answered (fixture->round), ==, 10);

  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (responses->len, ==, G_N_ELEMENTS (unit_names));
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      UppUnit *unit = upp_response_get_unit (response);
      const char * const *members = upp_unit_get_member_codes (unit);

      g_assert_cmpstr (upp_unit_get_name (unit), ==, unit_names[i]);
      g_assert_nonnull (members[0]);
      if (i == 3)
        g_assert_cmpint (upp_response_get_status (response), ==, UPP_RESPONSE_STATUS_NO_ANSWER);
      else
        g_assert_cmpint (upp_response_get_status (response), ==, UPP_RESPONSE_STATUS_DONE);

      if (i == 4)
        {
          g_assert_cmpstr (members[0], ==, "2061");
          g_assert_cmpstr (members[1], ==, "2085");
          g_assert_null (members[2]);
          g_assert_cmpint (upp_unit_get_kind (unit), ==, UPP_UNIT_KIND_GROUP);
        }
      else if (i == 5)
        {
          g_assert_cmpstr (members[0], ==, "2083");
          g_assert_cmpstr (members[1], ==, "2084");
          g_assert_null (members[2]);
        }
      else if (i == 10)
        {
          g_assert_cmpstr (members[0], ==, "2034");
          g_assert_cmpstr (members[1], ==, "2039");
          g_assert_cmpstr (members[2], ==, "2062");
          g_assert_null (members[3]);
        }
      else
        {
          g_assert_null (members[1]);
          g_assert_cmpint (upp_unit_get_kind (unit), ==, UPP_UNIT_KIND_MUNICIPALITY);
        }
    }

  /* The eleven units cover all fifteen municipalities of Dalarna. */
  uncovered = upp_store_list_uncovered_municipalities (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uncovered->len, ==, 0);
}

static void
test_second_import_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = test_fixture_path ("dalarna.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppImportResult) result = upp_import_dalarna_file (fixture->store, file, 2023, &error);
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GPtrArray) units = NULL;

  g_assert_null (result);
  g_assert_error (error, UPP_IMPORT_DALARNA_ERROR, UPP_IMPORT_DALARNA_ERROR_EXISTS);
  rounds = upp_store_list_rounds (fixture->store, NULL);
  g_assert_cmpuint (rounds->len, ==, 1);

  /* Another year is a new round; the units are the same ones. */
  g_clear_error (&error);
  g_clear_pointer (&result, upp_import_result_free);
  result = upp_import_dalarna_file (fixture->store, file, 2024, &error);
  g_assert_no_error (error);
  g_clear_pointer (&rounds, g_ptr_array_unref);
  rounds = upp_store_list_rounds (fixture->store, NULL);
  g_assert_cmpuint (rounds->len, ==, 2);
  units = upp_store_list_units (fixture->store, "20", NULL);
  g_assert_cmpuint (units->len, ==, 11);
}

static void
test_unmatched_names_reported (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "unmatched");
  g_autofree char *path = g_build_filename (dir, "table.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppImportResult) result = NULL;
  const char *table =
    "\tRegion Dalarna\n\t\n1. Har ni tecknat?\n\t\n2. Struktur?\n\t\n3. Exempel?\n\t\n"
    "4. Utmaningar?\n\t\n5. Avvikelser?\n\t\n6. Övrigt?\n\n"
    "\tFalun\n\tJa\n\t\n\t\n\t\n\t\n\t\n\n"
    "\tNorra (Mora och Atlantis\n\tNej\n\n"
    "\tPsykiatrin Dalarna\n\tPågår\n";

  g_assert_true (g_file_set_contents (path, table, -1, NULL));
  result = upp_import_dalarna_file (store, file, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_units, ==, 3);
  g_assert_cmpuint (result->n_answers, ==, 3);
  {
    g_autoptr(GString) all = g_string_new (NULL);

    for (guint i = 0; i < result->warnings->len; i++)
      g_string_append_printf (all, "%s\n", (char *) g_ptr_array_index (result->warnings, i));
    g_assert_nonnull (strstr (all->str, "“Atlantis”"));
    g_assert_nonnull (strstr (all->str, "“Psykiatrin Dalarna”"));
    g_assert_null (strstr (all->str, "“Falun”"));
  }
  test_remove_tree (dir);
}

static void
test_bad_files_change_nothing (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "bad");
  const char *bad[] = {
    "",
    "just some text\nwithout any table\n",
    "\tRegion Atlantis\n\t\n1. Fråga?\n\n\tFalun\n\tJa\n",
    "\tRegion Dalarna\n\t\n1. Bara en fråga?\n\n\tFalun\n\tJa\n",
    "\tRegion Dalarna\n\xff\xfe\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_build_filename (dir, "bad.txt", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(UppImportResult) result = NULL;
      g_autoptr(GPtrArray) rounds = NULL;
      g_autoptr(GPtrArray) units = NULL;

      g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      result = upp_import_dalarna_file (store, file, 2025, &error);
      g_assert_null (result);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "bad.txt"));
      rounds = upp_store_list_rounds (store, NULL);
      g_assert_cmpuint (rounds->len, ==, 0);
      units = upp_store_list_units (store, NULL, NULL);
      g_assert_cmpuint (units->len, ==, 0);
    }
  test_remove_tree (dir);
}

static void
assert_same_tables (UppImportDalarnaTable *expected,
                    UppImportDalarnaTable *table)
{
  g_assert_cmpstr (table->title, ==, expected->title);
  g_assert_cmpuint (table->questions->len, ==, expected->questions->len);
  for (guint i = 0; i < expected->questions->len; i++)
    g_assert_cmpstr (g_ptr_array_index (table->questions, i), ==,
                     g_ptr_array_index (expected->questions, i));
  g_assert_cmpuint (table->rows->len, ==, expected->rows->len);
  for (guint r = 0; r < expected->rows->len; r++)
    {
      UppImportDalarnaRow *want = g_ptr_array_index (expected->rows, r);
      UppImportDalarnaRow *row = g_ptr_array_index (table->rows, r);

      g_assert_cmpstr (row->name, ==, want->name);
      g_assert_cmpuint (row->cells->len, ==, want->cells->len);
      for (guint c = 0; c < want->cells->len; c++)
        g_assert_cmpstr (g_ptr_array_index (row->cells, c), ==,
                         g_ptr_array_index (want->cells, c));
    }
}

/* The same table as Word saves it in other encodings and line ends reads the same, as a CSV
 * table does (one decoder for both). */
static void
test_encodings (void)
{
  g_autofree char *path = test_fixture_path ("dalarna.txt");
  g_autofree char *utf8 = NULL;
  g_autoptr(UppImportDalarnaTable) expected = NULL;
  g_autoptr(GError) error = NULL;
  const char *encodings[] = { "UTF-16LE", "UTF-16BE", "WINDOWS-1252" };
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &utf8, &length, NULL));
  expected = upp_import_dalarna_table_parse (utf8, length, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autofree char *converted = NULL;
      g_autoptr(GByteArray) data = g_byte_array_new ();
      g_autoptr(UppImportDalarnaTable) table = NULL;
      gsize converted_length = 0;

      converted = g_convert (utf8, length, encodings[i], "UTF-8", NULL, &converted_length,
                             &error);
      g_assert_no_error (error);
      if (g_str_equal (encodings[i], "UTF-16LE"))
        g_byte_array_append (data, (const guint8 *) "\xff\xfe", 2);
      else if (g_str_equal (encodings[i], "UTF-16BE"))
        g_byte_array_append (data, (const guint8 *) "\xfe\xff", 2);
      g_byte_array_append (data, (const guint8 *) converted, converted_length);

      table = upp_import_dalarna_table_parse ((const char *) data->data, data->len, &error);
      g_assert_no_error (error);
      assert_same_tables (expected, table);
    }

  /* Line ends of CRLF (Windows) and of CR alone (old Mac Word), and a byte order mark. */
  {
    g_autoptr(GString) crlf = g_string_new ("\xef\xbb\xbf");
    g_autoptr(GString) cr = g_string_new (NULL);
    g_autoptr(UppImportDalarnaTable) from_crlf = NULL;
    g_autoptr(UppImportDalarnaTable) from_cr = NULL;

    for (gsize i = 0; i < length; i++)
      {
        g_string_append (crlf, utf8[i] == '\n' ? "\r\n" : (char[]) { utf8[i], 0 });
        g_string_append_c (cr, utf8[i] == '\n' ? '\r' : utf8[i]);
      }
    from_crlf = upp_import_dalarna_table_parse (crlf->str, crlf->len, &error);
    g_assert_no_error (error);
    assert_same_tables (expected, from_crlf);
    from_cr = upp_import_dalarna_table_parse (cr->str, cr->len, &error);
    g_assert_no_error (error);
    assert_same_tables (expected, from_cr);
  }
}

static UppImportResult *
import_dalarna (UppStore  *store,
                GFile     *file,
                GError   **error)
{
  return upp_import_dalarna_file (store, file, 2030, error);
}

/* Imports data saved as dir/name: refused with one line that names the file and holds
 * expected (NULL: imported, or refused for any reason), the database byte-identical. */
static void
check_import (UppStore   *store,
              const char *dir,
              const char *name,
              const char *data,
              gsize       length,
              const char *expected)
{
  test_check_import (import_dalarna, store, dir, name, data, length, expected);
}

#define SIX_QUESTIONS "1. a?\n\t\n2. b?\n\t\n3. c?\n\t\n4. d?\n\t\n5. e?\n\t\n6. f?\n\n"

static void
test_hostile_texts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
  const char nul[] = "\tRegion Dalarna\n" SIX_QUESTIONS "\tFalun\n\tJa\0\n";
  const struct { const char *name; const char *data; gssize length; const char *expected; }
  cases[] = {
    { "empty.txt", "", 0, "empty" },
    { "png.txt", png, sizeof png - 1, "not a text file" },
    { "nul.txt", nul, sizeof nul - 1, "line 15" },
    { "no-questions.txt", "\tRegion Dalarna\n\t\n\n\tFalun\n\tJa\n", -1, "numbered questions" },
    { "no-units.txt", "\tRegion Dalarna\n" SIX_QUESTIONS, -1, "no units" },
    { "damaged-utf8.txt", "\tRegion Dalarna\n" SIX_QUESTIONS "\tFalun\n\tJa, s\xc3\xa5\n"
      "\tS\xe4ter\n", -1, "line 16" },
    { "not-cp1252.txt", "\tRegion Dalarna\n\x81\n", -1, "Windows-1252" },
    { "utf16-odd.txt", "\xff\xfe\t\0R", 5, "UTF-16" },
    /* A name over two lines with one answer too many: the message quoting it is one line. */
    { "too-many-answers.txt", "\tRegion Dalarna\n" SIX_QUESTIONS "\tFalun\nrad tv\xc3\xa5\n"
      "\t1\n\t2\n\t3\n\t4\n\t5\n\t6\n\t7\n", -1, "7 answers" },
    /* Found by the fuzzer: a unit twice once put answers on a response past the list's end. */
    { "unit-twice.txt", "\tRegion Dalarna\n" SIX_QUESTIONS "\tMora\n\tJa\n\n\tFalun\n\tJa\n\n"
      "\tfalun\n\tNej\n\n\tBorlänge\n\tJa\n", -1, "“falun” appears twice" },
    { "other-region.txt", "\tRegion Atlantis\n" SIX_QUESTIONS "\tFalun\n\tJa\n", -1,
      "Atlantis" },
    { "already-there.txt", "\tRegion Dalarna\n" SIX_QUESTIONS "\tFalun\n\tJa\n", -1, NULL },
  };
  g_autoptr(GString) long_line = g_string_new ("\t");
  g_autoptr(GString) many_lines = g_string_new (NULL);
  guint n_backups = test_count_files (backups);
  g_autoptr(GPtrArray) rounds = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases) - 1; i++)
    check_import (fixture->store, fixture->dir, cases[i].name, cases[i].data,
                  cases[i].length >= 0 ? (gsize) cases[i].length : strlen (cases[i].data),
                  cases[i].expected);

  /* One line of 10 MB, a million empty lines, more cells than any table has. */
  for (guint i = 0; i < 10 * 1024 * 1024 / 16; i++)
    g_string_append (long_line, "abcdefghijklmnop");
  check_import (fixture->store, fixture->dir, "long-line.txt", long_line->str, long_line->len,
                "numbered questions");
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (many_lines, '\n');
  check_import (fixture->store, fixture->dir, "many-lines.txt", many_lines->str,
                many_lines->len, "numbered questions");
  g_string_assign (many_lines, "\tRegion Dalarna\n" SIX_QUESTIONS);
  for (guint i = 0; i < 1100000; i++)
    g_string_append (many_lines, "\tx\n");
  check_import (fixture->store, fixture->dir, "many-cells.txt", many_lines->str,
                many_lines->len, "cells");

  g_assert_cmpuint (test_count_files (backups), ==, n_backups);
  rounds = upp_store_list_rounds (fixture->store, NULL);
  g_assert_cmpuint (rounds->len, ==, 1);
}

/* Files that crashed or hung the fuzzer (tests/fuzz/fuzz-text.c): each is imported or
 * refused with one line, never a crash. */
static void
test_fuzz_findings (void)
{
  test_import_fuzz_findings (import_dalarna, "text-fuzz", ".txt");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/import-dalarna/every-line-in-order", Fixture, NULL, fixture_set_up,
              test_every_line_in_order, test_round_fixture_tear_down);
  g_test_add ("/import-dalarna/cell-boundaries", Fixture, NULL, fixture_set_up,
              test_cell_boundaries, test_round_fixture_tear_down);
  g_test_add ("/import-dalarna/units-and-members", Fixture, NULL, fixture_set_up,
              test_units_and_members, test_round_fixture_tear_down);
  g_test_add ("/import-dalarna/second-import-refused", Fixture, NULL, fixture_set_up,
              test_second_import_refused, test_round_fixture_tear_down);
  g_test_add_func ("/import-dalarna/unmatched-names-reported", test_unmatched_names_reported);
  g_test_add_func ("/import-dalarna/bad-files-change-nothing", test_bad_files_change_nothing);
  g_test_add_func ("/import-dalarna/encodings", test_encodings);
  g_test_add ("/import-dalarna/hostile-texts", Fixture, NULL, fixture_set_up,
              test_hostile_texts, test_round_fixture_tear_down);
  g_test_add_func ("/import-dalarna/fuzz-findings", test_fuzz_findings);
  return g_test_run ();
}
