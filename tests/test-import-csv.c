/* test-import-csv.c: reading CSV tables as Excel and LibreOffice save them, and importing them
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures csv-table-*.csv hold one table: csv-table-utf8.csv (semicolons, CRLF, quoted
 * cells with line breaks) and csv-table-comma.csv were written with Python's csv module;
 * csv-table-utf8-bom.csv is the first with a byte order mark, csv-table-cp1252.csv the first
 * through `iconv -f UTF-8 -t WINDOWS-1252`, csv-table-lf.csv the first with LF line ends.
 */

#include "config.h"

#include <string.h>

#include "export/export-csv.h"
#include "import/import-csv.h"
#include "import/import-dalarna.h"
#include "upp-answer.h"
#include "upp-enums.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"

#include "test-util.h"

typedef struct
{
  const char *file;
  char        separator;
  const char *encoding;
} TableCase;

static const TableCase table_cases[] = {
  { "csv-table-utf8.csv",     ';', "UTF-8" },
  { "csv-table-utf8-bom.csv", ';', "UTF-8" },
  { "csv-table-cp1252.csv",   ';', "WINDOWS-1252" },
  { "csv-table-comma.csv",    ',', "UTF-8" },
  { "csv-table-lf.csv",       ';', "UTF-8" },
};

static UppImportCsvTable *
read_fixture (const char *name)
{
  g_autofree char *path = test_fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UppImportCsvTable *table = upp_import_csv_table_read (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static void
assert_answer (UppStore   *store,
               UppRound   *round,
               const char *unit,
               const char *key,
               const char *text,
               const char *choice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) response = upp_store_find_response (store, round, unit, &error);
  UppAnswer *answer;

  g_assert_no_error (error);
  g_assert_nonnull (response);
  answer = upp_response_get_answer (response, key);
  if (text == NULL && choice == NULL)
    {
      g_assert_true (answer == NULL || upp_answer_is_empty (answer));
      return;
    }
  g_assert_nonnull (answer);
  g_assert_cmpstr (upp_answer_get_text (answer), ==, text != NULL ? text : "");
  g_assert_cmpstr (upp_answer_get_choice (answer), ==, choice);
}

static void
test_read_and_import (gconstpointer data)
{
  const TableCase *tc = data;
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "import");
  g_autoptr(UppImportCsvTable) table = read_fixture (tc->file);
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(UppImportCsvMapping) mapping = NULL;
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GError) error = NULL;
  const struct { UppImportCsvColumnRole role; const char *key; } expected[] = {
    { UPP_IMPORT_CSV_COLUMN_UNIT, NULL },
    { UPP_IMPORT_CSV_COLUMN_ANSWER, "agreement" },       /* number and question text */
    { UPP_IMPORT_CSV_COLUMN_ANSWER, "structure" },       /* short label */
    { UPP_IMPORT_CSV_COLUMN_ANSWER, "good_examples" },   /* "Fråga 3" */
    { UPP_IMPORT_CSV_COLUMN_ANSWER, "challenges" },      /* "4. Utmaningar" */
    { UPP_IMPORT_CSV_COLUMN_CHOICES, "deviations" },     /* "Avvikelser (val)" */
    { UPP_IMPORT_CSV_COLUMN_ANSWER, "other" },           /* "6" */
  };

  g_assert_cmpint (table->separator, ==, tc->separator);
  g_assert_cmpstr (table->encoding, ==, tc->encoding);
  g_assert_cmpuint (table->header->len, ==, 7);
  g_assert_cmpuint (table->rows->len, ==, 3);
  g_assert_cmpstr (upp_import_csv_table_get (table, 2, 0), ==, "Mora, Orsa och Älvdalen");
  g_assert_cmpstr (upp_import_csv_table_get (table, 1, 3), ==, "Rad ett\nRad två\nRad tre");
  g_assert_cmpstr (upp_import_csv_table_get (table, 0, 4), ==, "Resurser, \"personal\"");

  template = upp_store_load_template (store, "lok", 0, &error);
  g_assert_no_error (error);
  mapping = upp_import_csv_mapping_guess (table, template);
  g_assert_cmpuint (mapping->columns->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      UppImportCsvColumn *column = &g_array_index (mapping->columns, UppImportCsvColumn, i);

      g_assert_cmpint (column->role, ==, expected[i].role);
      g_assert_cmpstr (column->question_key, ==, expected[i].key);
    }

  /* The region comes from the table's top-left cell. */
  result = upp_import_csv (store, table, mapping, template, 2024, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->n_units, ==, 3);
  round = upp_store_load_round (store, result->round_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (upp_round_get_year (round), ==, 2024);
  g_assert_cmpstr (upp_round_get_region_name (round), ==, "Region Dalarna");

  /* A coded answer written as its choice's label becomes the choice. */
  assert_answer (store, round, "Falun", "agreement", NULL, "signed");
  assert_answer (store, round, "Borlänge", "agreement", NULL, "in_progress");
  assert_answer (store, round, "Mora, Orsa och Älvdalen", "agreement", "Nej, inte ännu", NULL);
  assert_answer (store, round, "Falun", "structure",
                 "Styrgrupp för missbruk; riskbruk\noch beroende", NULL);
  assert_answer (store, round, "Borlänge", "structure", NULL, NULL);
  assert_answer (store, round, "Borlänge", "good_examples", "Rad ett\nRad två\nRad tre", NULL);
  assert_answer (store, round, "Falun", "challenges", "Resurser, \"personal\"", NULL);
  assert_answer (store, round, "Falun", "deviations", NULL, "regular");
  assert_answer (store, round, "Borlänge", "deviations", NULL, "occasional");
  assert_answer (store, round, "Mora, Orsa och Älvdalen", "deviations", NULL, "unknown");
  assert_answer (store, round, "Falun", "other", "=inte en formel", NULL);
  assert_answer (store, round, "Mora, Orsa och Älvdalen", "other",
                 "Övrigt: åäö ÅÄÖ é – slut", NULL);

  g_clear_object (&store);
  test_remove_tree (dir);
}

static guint
count_rounds (UppStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = upp_store_list_rounds (store, &error);

  g_assert_no_error (error);
  return rounds->len;
}

static void
test_corrected_mapping (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "mapping");
  g_autoptr(UppImportCsvTable) table = read_fixture ("csv-table-utf8.csv");
  g_autoptr(UppTemplate) template = upp_store_load_template (store, "lok", 0, NULL);
  g_autoptr(UppImportCsvMapping) mapping = upp_import_csv_mapping_guess (table, template);
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GError) error = NULL;

  /* The user leaves out "Fråga 3" and moves "6" to the good examples. */
  upp_import_csv_mapping_set (mapping, 3, UPP_IMPORT_CSV_COLUMN_IGNORE, NULL);
  upp_import_csv_mapping_set (mapping, 6, UPP_IMPORT_CSV_COLUMN_ANSWER, "good_examples");
  result = upp_import_csv (store, table, mapping, template, 2023, "20", &error);
  g_assert_no_error (error);
  round = upp_store_load_round (store, result->round_uuid, &error);
  g_assert_no_error (error);
  assert_answer (store, round, "Borlänge", "good_examples", NULL, NULL);
  assert_answer (store, round, "Falun", "good_examples", "=inte en formel", NULL);
  assert_answer (store, round, "Falun", "other", NULL, NULL);

  /* The same round again is refused and changes nothing. */
  g_clear_pointer (&result, upp_import_result_free);
  result = upp_import_csv (store, table, mapping, template, 2023, "20", &error);
  g_assert_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_EXISTS);
  g_assert_null (result);
  g_assert_cmpuint (count_rounds (store), ==, 1);

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_bad_tables (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "bad");
  g_autoptr(UppTemplate) template = upp_store_load_template (store, "lok", 0, NULL);
  g_autoptr(GError) error = NULL;
  const char *unclosed = "Enhet;Struktur\r\nFalun;\"aldrig stängd\r\nBorlänge;x\r\n";
  const char *no_questions = "Enhet;Färg;Form\r\nFalun;röd;rund\r\n";
  const char *no_region = "Enhet;Struktur\r\nFalun;Styrgrupp\r\n";
  g_autoptr(UppImportCsvTable) table = NULL;
  g_autoptr(UppImportCsvMapping) mapping = NULL;
  g_autoptr(UppImportResult) result = NULL;
  guint before = count_rounds (store);

  table = upp_import_csv_table_parse (unclosed, strlen (unclosed), &error);
  g_assert_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  table = upp_import_csv_table_parse ("", 0, &error);
  g_assert_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_FORMAT);
  g_clear_error (&error);

  table = upp_import_csv_table_parse (no_questions, strlen (no_questions), &error);
  g_assert_no_error (error);
  mapping = upp_import_csv_mapping_guess (table, template);
  result = upp_import_csv (store, table, mapping, template, 2024, "20", &error);
  g_assert_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_NO_QUESTIONS);
  g_assert_null (result);
  g_clear_error (&error);
  g_clear_pointer (&table, upp_import_csv_table_free);
  g_clear_pointer (&mapping, upp_import_csv_mapping_free);

  table = upp_import_csv_table_parse (no_region, strlen (no_region), &error);
  g_assert_no_error (error);
  mapping = upp_import_csv_mapping_guess (table, template);
  result = upp_import_csv (store, table, mapping, template, 2024, NULL, &error);
  g_assert_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_UNKNOWN_REGION);
  g_clear_error (&error);
  result = upp_import_csv (store, table, mapping, template, 2024, "Atlantis", &error);
  g_assert_error (error, UPP_IMPORT_CSV_ERROR, UPP_IMPORT_CSV_ERROR_UNKNOWN_REGION);

  g_assert_cmpuint (count_rounds (store), ==, before);
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_details_and_region_by_part (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "details");
  g_autoptr(UppTemplate) template = upp_store_load_template (store, "lok", 0, NULL);
  const char *text = "Enhet;Status;Intervjudatum;Intervjuform;Övrigt\r\n"
                     "Falun;approved;2025-10-14;phone;Inget\r\n"
                     "Borlänge;;14 oktober;brev;Annat\r\n";
  g_autoptr(UppImportCsvTable) table = upp_import_csv_table_parse (text, strlen (text), NULL);
  g_autoptr(UppImportCsvMapping) mapping = upp_import_csv_mapping_guess (table, template);
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) falun = NULL;
  g_autoptr(UppResponse) borlange = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_array_index (mapping->columns, UppImportCsvColumn, 1).role, ==,
                   UPP_IMPORT_CSV_COLUMN_STATUS);
  g_assert_cmpint (g_array_index (mapping->columns, UppImportCsvColumn, 2).role, ==,
                   UPP_IMPORT_CSV_COLUMN_INTERVIEW_DATE);
  g_assert_cmpint (g_array_index (mapping->columns, UppImportCsvColumn, 3).role, ==,
                   UPP_IMPORT_CSV_COLUMN_MODE);

  /* "Dalarna" alone names Region Dalarna. */
  result = upp_import_csv (store, table, mapping, template, 2025, "Dalarna", &error);
  g_assert_no_error (error);
  round = upp_store_load_round (store, result->round_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_round_get_region_name (round), ==, "Region Dalarna");

  falun = upp_store_find_response (store, round, "Falun", &error);
  g_assert_cmpint (upp_response_get_status (falun), ==, UPP_RESPONSE_STATUS_APPROVED);
  g_assert_cmpstr (upp_response_get_interview_date (falun), ==, "2025-10-14");
  g_assert_cmpint (upp_response_get_mode (falun), ==, UPP_INTERVIEW_MODE_PHONE);

  /* What cannot be read is left out with a warning; the answers still count. */
  borlange = upp_store_find_response (store, round, "Borlänge", &error);
  g_assert_cmpint (upp_response_get_status (borlange), ==, UPP_RESPONSE_STATUS_DONE);
  g_assert_cmpstr (upp_response_get_interview_date (borlange), ==, "");
  g_assert_cmpuint (result->warnings->len, ==, 2);

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_heading_above_header (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "heading");
  const char *text = "Region Dalarna · Uppföljning LÖK 2025;Övrigt ni önskar dela med er av?\r\n"
                     "Enhet;6. Övrigt\r\n"
                     "Falun;Hej\r\n";
  g_autoptr(UppImportCsvTable) table = upp_import_csv_table_parse (text, strlen (text), NULL);
  g_autoptr(UppRegion) region = NULL;

  g_assert_nonnull (table);
  g_assert_cmpstr (g_ptr_array_index (table->header, 0), ==, "Enhet");
  g_assert_cmpuint (table->rows->len, ==, 1);
  g_assert_cmpstr (table->title, ==, "Region Dalarna · Uppföljning LÖK 2025");
  region = upp_import_csv_table_find_region (table, store);
  g_assert_nonnull (region);
  g_assert_cmpstr (upp_region_get_code (region), ==, "20");

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_export_import_round_trip (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "round-trip");
  g_autofree char *dalarna = test_fixture_path ("dalarna.txt");
  g_autoptr(GFile) dalarna_file = g_file_new_for_path (dalarna);
  g_autofree char *csv = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(UppImportResult) first = NULL;
  g_autoptr(UppImportResult) second = NULL;
  g_autoptr(UppRound) original = NULL;
  g_autoptr(UppRound) copy = NULL;
  g_autoptr(GPtrArray) rounds = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *both[] = { "strategic", "operative", NULL };
  guint n_compared;

  first = upp_import_dalarna_file (store, dalarna_file, 2025, &error);
  g_assert_no_error (error);
  original = upp_store_load_round (store, first->round_uuid, &error);
  g_assert_no_error (error);

  /* Codes and text that need guarding survive too. */
  {
    g_autoptr(UppResponse) falun = upp_store_find_response (store, original, "Falun", &error);

    upp_store_set_answer (store, original, falun, "structure", "Båda; \"nivåerna\"", both,
                          &error);
    g_assert_no_error (error);
    upp_store_set_answer (store, original, falun, "other", "=SUM(A1)\n-rad två", NULL, &error);
    g_assert_no_error (error);
    upp_response_set_status (falun, UPP_RESPONSE_STATUS_APPROVED);
    upp_response_set_interview_date (falun, "2025-10-14");
    upp_response_set_mode (falun, UPP_INTERVIEW_MODE_PHONE);
    upp_store_save_response_details (store, falun, &error);
    g_assert_no_error (error);
  }

  g_ptr_array_add (rounds, original);
  g_assert_true (upp_export_csv (store, rounds, ';', csv, &error));
  g_assert_no_error (error);

  second = upp_import_csv_file (store, csv_file, "lok", 2026, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  copy = upp_store_load_round (store, second->round_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (upp_round_get_year (copy), ==, 2026);
  g_assert_cmpuint (second->n_units, ==, first->n_units);

  n_compared = test_assert_same_answers (store, original, copy, 0);
  g_assert_cmpuint (n_compared, >, 30);

  g_clear_object (&store);
  test_remove_tree (dir);
}

/* Hostile input -------------------------------------------------------------------------- */

static UppImportResult *
import_csv (UppStore  *store,
            GFile     *file,
            GError   **error)
{
  return upp_import_csv_file (store, file, "lok", 2030, "20", error);
}

/* Imports data saved as dir/name into store: refused with one line that names the file and
 * holds expected (NULL: imported, or refused for any reason), the database byte-identical. */
static void
check_import (UppStore   *store,
              const char *dir,
              const char *name,
              const char *data,
              gsize       length,
              const char *expected)
{
  test_check_import (import_csv, store, dir, name, data, length, expected);
}

static void
test_hostile_tables (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "hostile");
  g_autoptr(UppImportResult) dalarna = test_import_dalarna (store, 2025);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
  const char utf16_nul[] = "\xff\xfe" "E\0n\0h\0e\0t\0;\0" "1\0\n\0" "F\0a\0\0\0;\0" "J\0a\0";
  const struct { const char *name; const char *data; gssize length; const char *expected; }
  cases[] = {
    { "empty.csv", "", 0, "empty" },
    { "header-only.csv", "Enhet;1;2\r\n", -1, "no rows" },
    { "blank-lines.csv", "\r\n\r\n;;;\r\n", -1, "no table" },
    { "nul.csv", "Enhet;1\nFalun;Ja\nBorl\xc3\xa4nge;\0Nej\nMora;Nej\n", 40, "line 3" },
    { "png.csv", png, sizeof png - 1, "not a text file" },
    { "utf16-nul.csv", utf16_nul, sizeof utf16_nul - 1, "NUL" },
    { "utf16-odd.csv", "\xff\xfe" "E\0n", 5, "UTF-16" },
    { "damaged-utf8.csv", "Enhet;1\nFalun;Ja, s\xc3\xa5\nBorl\xe4nge;Nej\n", -1,
      "line 3 (byte offset 26)" },
    { "damaged-utf8-bom.csv", "\xef\xbb\xbf" "Enhet;1\nFalun;\xe5\n", -1, "line 2" },
    { "not-cp1252.csv", "Enhet;1\nFalun;\x81\n", -1, "Windows-1252" },
    { "unclosed.csv", "Enhet;1\nFalun;\"Ja\nMora;Nej\n", -1, "never closed" },
    { "no-unit-column.csv", "1;2\nJa;Nej\n", -1, "unit names" },
    { "no-questions.csv", "Enhet;Färg\nFalun;röd\n", -1, "No column matches" },
    { "no-unit-heading.csv", "Färg;1\nröd;Ja\n", -1, "No column is headed" },
    { "duplicate-headings.csv", "Enhet;1;Fråga 1\nFalun;Ja;Nej\n", -1,
      "Columns 2 and 3" },
    { "duplicate-units.csv", "Enhet;Kommun;1\nFalun;Mora;Ja\n", -1, "Columns 1 and 2" },
    { "duplicate-status.csv", "Enhet;Status;1;Status\nFalun;Klar;Ja;Ej påbörjad\n", -1,
      "Columns 2 and 4" },
    { "unit-twice.csv", "Enhet;1\nFalun;Ja\nMora;Nej\nfalun;Nej\n", -1,
      "Rows 2 and 4 are both the unit “falun”" },
    { "unknown-unit-twice.csv", "Enhet;1\nAtlantis;Ja\nATLANTIS;Nej\n", -1, "Rows 2 and 3" },
    { "only-separators.csv", ";;;;\n;;;\n", -1, "no table" },
  };
  g_autoptr(GString) wide = g_string_new ("Enhet");
  g_autoptr(GString) long_line = g_string_new (NULL);
  g_autoptr(GString) separators = g_string_new (NULL);
  const char *cr_text = "Enhet;1\rFalun;Ja\rMora;\"Nej\rmen snart\"\r";
  g_autoptr(UppImportCsvTable) cr_only = NULL;
  g_autoptr(GError) error = NULL;
  guint n_backups = test_count_files (backups);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_import (store, dir, cases[i].name, cases[i].data,
                  cases[i].length >= 0 ? (gsize) cases[i].length : strlen (cases[i].data),
                  cases[i].expected);

  /* 100,000 columns, none of them a question. */
  for (guint i = 1; i < 100000; i++)
    g_string_append_printf (wide, ";c%u", i);
  g_string_append (wide, "\nFalun");
  for (guint i = 1; i < 100000; i++)
    g_string_append (wide, ";x");
  check_import (store, dir, "wide.csv", wide->str, wide->len, "No column matches");

  /* One line of 10 MB. */
  for (guint i = 0; i < 10 * 1024 * 1024 / 16; i++)
    g_string_append (long_line, "abcdefghijklmnop");
  check_import (store, dir, "long-line.csv", long_line->str, long_line->len,
                "No column is headed");

  /* More cells than any table has, in 1.2 MB. */
  for (guint i = 0; i < 1200000; i++)
    g_string_append_c (separators, ';');
  g_string_append (separators, "\nFalun\n");
  check_import (store, dir, "separators.csv", separators->str, separators->len, "cells");

  /* A refused import makes no backup either. */
  g_assert_cmpuint (test_count_files (backups), ==, n_backups);
  g_assert_cmpuint (count_rounds (store), ==, 1);

  /* Line ends of CR alone (old Mac Excel) are line ends. */
  cr_only = upp_import_csv_table_parse (cr_text, strlen (cr_text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cr_only->rows->len, ==, 2);
  g_assert_cmpstr (upp_import_csv_table_get (cr_only, 1, 1), ==, "Nej\nmen snart");

  g_clear_object (&store);
  test_remove_tree (dir);
}

/* Windows-1252 is read only when nothing in the file is UTF-8; UTF-16 with either byte order. */
static void
test_encodings (void)
{
  const char utf16be[] = "\xfe\xff\0E\0n\0h\0e\0t\0;\0" "1\0\n\0B\0o\0r\0l\0\xe4\0n\0g\0e\0;\0J\0a";
  g_autoptr(UppImportCsvTable) cp1252 = NULL;
  g_autoptr(UppImportCsvTable) utf16 = NULL;
  g_autoptr(GError) error = NULL;

  cp1252 = upp_import_csv_table_parse ("Enhet;1\nBorl\xe4nge;J\xe5\n", 20, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp1252->encoding, ==, "WINDOWS-1252");
  g_assert_cmpstr (upp_import_csv_table_get (cp1252, 0, 0), ==, "Borlänge");
  g_assert_cmpstr (upp_import_csv_table_get (cp1252, 0, 1), ==, "Jå");

  utf16 = upp_import_csv_table_parse (utf16be, sizeof utf16be - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (utf16->encoding, ==, "UTF-16");
  g_assert_cmpstr (upp_import_csv_table_get (utf16, 0, 0), ==, "Borlänge");
}

/* Files that crashed or hung the fuzzer (tests/fuzz/fuzz-csv.c): each is imported or refused
 * with one line, never a crash. */
static void
test_fuzz_findings (void)
{
  test_import_fuzz_findings (import_csv, "csv-fuzz", ".csv");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (table_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/import-csv/read-and-import/%s",
                                               table_cases[i].file);

      g_test_add_data_func (name, &table_cases[i], test_read_and_import);
    }
  g_test_add_func ("/import-csv/corrected-mapping", test_corrected_mapping);
  g_test_add_func ("/import-csv/bad-tables", test_bad_tables);
  g_test_add_func ("/import-csv/details-and-region-by-part", test_details_and_region_by_part);
  g_test_add_func ("/import-csv/heading-above-header", test_heading_above_header);
  g_test_add_func ("/import-csv/export-import-round-trip", test_export_import_round_trip);
  g_test_add_func ("/import-csv/hostile-tables", test_hostile_tables);
  g_test_add_func ("/import-csv/encodings", test_encodings);
  g_test_add_func ("/import-csv/fuzz-findings", test_fuzz_findings);

  return g_test_run ();
}
