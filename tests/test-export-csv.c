/* test-export-csv.c: the long-form CSV, read back with Python's csv module
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "export/export-csv.h"
#include "import/import-dalarna.h"
#include "upp-answer.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"

#include "test-util.h"

typedef TestRoundFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) falun = NULL;
  g_autoptr(UppResponse) borlange = NULL;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "csv");
  fixture->round = test_import_dalarna_round (fixture->store, 2025);

  falun = test_find_response (fixture->store, fixture->round, "Falun");
  borlange = test_find_response (fixture->store, fixture->round, "Borlänge");
  upp_store_set_answer (fixture->store, fixture->round, falun, "other", "=SUM(A1)", NULL, &error);
  g_assert_no_error (error);
  upp_store_set_answer (fixture->store, fixture->round, falun, "good_examples",
                        "-5 % fler SIP;\n\"Citat\" från mötet", NULL, &error);
  g_assert_no_error (error);
  upp_store_set_answer (fixture->store, fixture->round, borlange, "good_examples", "@kommunen",
                        NULL, &error);
  g_assert_no_error (error);
  upp_response_set_duration_minutes (falun, 75);
  upp_response_set_check_sent (falun, "2025-10-20");
  upp_response_set_check_approved (falun, "2025-10-27");
  upp_store_save_response_details (fixture->store, falun, &error);
  g_assert_no_error (error);
}

/* Reads path with Python's csv module (an independent RFC 4180 reader) and returns its rows. */
static JsonArray *
read_with_python (const char *path,
                  char        separator,
                  JsonParser *parser)
{
  g_autofree char *delimiter = g_strdup_printf ("%c", separator);
  const char *script =
    "import csv, json, sys\n"
    "raw = open(sys.argv[1], 'rb').read()\n"
    "assert raw.startswith(b'\\xef\\xbb\\xbf'), 'no byte order mark'\n"
    "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
    "    rows = list(csv.reader(f, delimiter=sys.argv[2]))\n"
    "print(json.dumps(rows))\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, delimiter, NULL };
  g_autofree char *out = test_run (argv, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

/* The first interview's length and the respondent check come last, on each of the unit's
 * rows; empty where nothing was noted. */
static void
check_interview_columns (Fixture   *fixture,
                         JsonArray *rows)
{
  JsonArray *header = json_array_get_array_element (rows, 0);
  guint n = json_array_get_length (header);
  guint falun_rows = 0;

  g_assert_cmpstr (json_array_get_string_element (header, n - 3), ==, "duration_minutes");
  g_assert_cmpstr (json_array_get_string_element (header, n - 2), ==, "check_sent");
  g_assert_cmpstr (json_array_get_string_element (header, n - 1), ==, "check_approved");
  for (guint r = 1; r < json_array_get_length (rows); r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);
      gboolean falun = g_str_equal (json_array_get_string_element (row, 4), "Falun");

      g_assert_cmpstr (json_array_get_string_element (row, n - 3), ==, falun ? "75" : "");
      g_assert_cmpstr (json_array_get_string_element (row, n - 2), ==,
                       falun ? "2025-10-20" : "");
      g_assert_cmpstr (json_array_get_string_element (row, n - 1), ==,
                       falun ? "2025-10-27" : "");
      falun_rows += falun;
    }
  g_assert_cmpuint (falun_rows, ==, 6);
}

static void
check_export (Fixture *fixture,
              char     separator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autofree char *path = g_build_filename (fixture->dir, "Region Dalarna 2025.csv", NULL);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  UppTemplate *template = upp_round_get_template (fixture->round);
  const char *columns[] = { UPP_EXPORT_CSV_COLUMNS };
  g_autofree char *contents = NULL;
  JsonArray *rows;
  JsonArray *header;
  guint unit_col = 0, key_col = 0, answer_col = 0;
  guint n_compared = 0;

  g_assert_true (upp_export_csv (fixture->store, rounds, separator, path, &error));
  g_assert_no_error (error);

  /* Records end in CRLF; a line break inside an answer stays a bare LF in quotes. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\r\n"));
  g_assert_nonnull (strstr (contents, "SIP;\n\"\"Citat\"\" från"));

  rows = read_with_python (path, separator, parser);
  header = json_array_get_array_element (rows, 0);
  g_assert_cmpuint (json_array_get_length (header), ==, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const char *name = json_array_get_string_element (header, i);

      g_assert_cmpstr (name, ==, columns[i]);
      if (g_str_equal (name, "unit"))
        unit_col = i;
      else if (g_str_equal (name, "question_key"))
        key_col = i;
      else if (g_str_equal (name, "answer"))
        answer_col = i;
    }

  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (rows), ==,
                    1 + responses->len * upp_template_get_n_questions (template));

  /* Every answer as stored, except the guard before formula-like text. */
  for (guint r = 1; r < json_array_get_length (rows); r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);
      const char *unit = json_array_get_string_element (row, unit_col);
      const char *key = json_array_get_string_element (row, key_col);
      const char *cell = json_array_get_string_element (row, answer_col);
      g_autoptr(UppResponse) response = upp_store_find_response (fixture->store, fixture->round,
                                                                 unit, &error);
      UppAnswer *answer;
      const char *stored;

      g_assert_no_error (error);
      answer = upp_response_get_answer (response, key);
      stored = answer != NULL ? upp_answer_get_text (answer) : "";
      if (*stored != '\0' && strchr ("=+-@", stored[0]) != NULL)
        {
          g_autofree char *guarded = g_strconcat ("'", stored, NULL);
          g_assert_cmpstr (cell, ==, guarded);
        }
      else
        g_assert_cmpstr (cell, ==, stored);
      n_compared++;
    }
  g_assert_cmpuint (n_compared, >, 60);
  check_interview_columns (fixture, rows);
}

static void
test_semicolon (Fixture       *fixture,
                gconstpointer  data)
{
  check_export (fixture, ';');
}

static void
test_comma (Fixture       *fixture,
            gconstpointer  data)
{
  check_export (fixture, ',');
}

static void
test_guard_and_quote (void)
{
  struct { const char *cell; const char *written; } cases[] = {
    { "vanlig text", "vanlig text" },
    { "=SUM(A1)", "'=SUM(A1)" },
    { "+46 70", "'+46 70" },
    { "-5", "'-5" },
    { "@user", "'@user" },
    { "'=x", "''=x" },
    { "a;b", "\"a;b\"" },
    { "rad\nrad", "\"rad\nrad\"" },
    { "säger \"ja\"", "\"säger \"\"ja\"\"\"" },
    { "=a;b", "\"'=a;b\"" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      upp_export_csv_append_cell (out, cases[i].cell, ';');
      g_assert_cmpstr (out->str, ==, cases[i].written);
    }
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "out.csv", NULL);

  g_assert_false (upp_export_csv (fixture->store, rounds, ';', path, &error));
  g_assert_error (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-csv/guard-and-quote", test_guard_and_quote);
  g_test_add ("/export-csv/semicolon", Fixture, NULL, fixture_set_up, test_semicolon,
              test_round_fixture_tear_down);
  g_test_add ("/export-csv/comma", Fixture, NULL, fixture_set_up, test_comma,
              test_round_fixture_tear_down);
  g_test_add ("/export-csv/unwritable", Fixture, NULL, fixture_set_up, test_unwritable,
              test_round_fixture_tear_down);

  return g_test_run ();
}
