/* test-import-answer.c: the text import and the CSV import of the same table give the same
 * units, statuses, answers and counts
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fixtures/csv/dalarna-table.csv is fixtures/dalarna.txt as Excel saves the same Word table
 * pasted into it ("CSV UTF-8", semicolons, CRLF): the title and the question texts as the
 * header, one row per unit, each cell as Word holds it (white space at line ends kept, the
 * cells missing at the end of the last unit empty). It was written with Python's csv module
 * from an independent reading of the text layout (a tab starts a cell, a line without one
 * continues it, a blank line ends a unit).
 */

#include "config.h"

#include <string.h>

#include "export/export-csv.h"
#include "import/import-answer.h"
#include "import/import-csv.h"
#include "import/import-dalarna.h"
#include "upp-answer.h"
#include "upp-enums.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-unit.h"

#include "test-util.h"

/* What two imports of the same content must agree on, one line per unit and per answer:
 * name, kind, member municipalities, status, whether the unit counts as answered (the
 * overview's and the report's rule), each answer's text and codes; then the round's counts
 * as the rounds list and the report's method show them. */
static char *
dup_round_digest (UppStore   *store,
                  const char *round_uuid)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) digest = g_string_new (NULL);
  UppTemplate *template = upp_round_get_template (round);
  guint n_answered = 0, n_no_answer = 0;

  responses = upp_store_list_responses (store, round, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      UppUnit *unit = upp_response_get_unit (response);
      g_autofree char *members = g_strjoinv (",", (char **) upp_unit_get_member_codes (unit));
      gboolean answered = upp_response_counts_as_answered (response, template);

      g_string_append_printf (digest, "%s | %s | %s | %s | %s\n", upp_unit_get_name (unit),
                              upp_unit_kind_to_key (upp_unit_get_kind (unit)), members,
                              upp_response_status_to_key (upp_response_get_status (response)),
                              answered ? "answered" : "not answered");
      n_answered += answered;
      n_no_answer += upp_response_get_status (response) == UPP_RESPONSE_STATUS_NO_ANSWER;

      for (guint q = 0; q < upp_template_get_n_questions (template); q++)
        {
          const char *key = upp_question_get_key (upp_template_get_question (template, q));
          UppAnswer *answer = upp_response_get_answer (response, key);
          g_autofree char *choices = NULL;

          if (answer == NULL || upp_answer_is_empty (answer))
            continue;
          choices = g_strjoinv (",", (char **) upp_answer_get_choices (answer));
          g_string_append_printf (digest, "  %s [%s] «%s»\n", key, choices,
                                  upp_answer_get_text (answer));
        }
    }
  g_string_append_printf (digest, "units %u, answered %u (listed as %u), no answer %u\n",
                          upp_round_get_n_units (round), n_answered,
                          upp_round_get_n_answered (round), n_no_answer);
  return g_string_free (g_steal_pointer (&digest), FALSE);
}

static char *
import_text_digest (const char *dir,
                    const char *fixture)
{
  g_autoptr(UppStore) store = test_open_store (dir, "text");
  g_autofree char *path = test_fixture_path (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = upp_import_dalarna_file (store, file, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  return dup_round_digest (store, result->round_uuid);
}

static char *
import_csv_digest (const char *dir,
                   const char *name,
                   const char *path)
{
  g_autoptr(UppStore) store = test_open_store (dir, name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = upp_import_csv_file (store, file, "lok", 2025, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  return dup_round_digest (store, result->round_uuid);
}

/* The Dalarna table as text and as Excel's CSV of the same table: Gagnef, whose only cell
 * says "Har ej fått in svar", did not answer in both, and nothing else differs. */
static void
test_text_and_csv_agree (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *csv = test_fixture_path ("csv/dalarna-table.csv");
  g_autofree char *from_text = import_text_digest (dir, "dalarna.txt");
  g_autofree char *from_csv = import_csv_digest (dir, "csv", csv);

  g_assert_nonnull (strstr (from_text, "Gagnef | municipality | 2026 | no_answer | "
                                       "not answered\nVäster"));
  g_assert_null (strstr (from_text, "fått in svar"));
  g_assert_nonnull (strstr (from_text, "units 11, answered 10 (listed as 10), no answer 1\n"));
  g_assert_cmpstr (from_csv, ==, from_text);

  test_remove_tree (dir);
}

/* The text import's round exported with the app's own CSV export and imported again into
 * another database: the same units, statuses, answers and counts. */
static void
test_exported_csv_agrees (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *csv = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *from_text = import_text_digest (dir, "dalarna.txt");
  g_autofree char *from_csv = NULL;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "text");
    g_autoptr(GPtrArray) rounds = upp_store_list_rounds (store, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (rounds->len, ==, 1);
    g_assert_true (upp_export_csv (store, rounds, ';', csv, &error));
    g_assert_no_error (error);
  }
  from_csv = import_csv_digest (dir, "exported", csv);
  g_assert_cmpstr (from_csv, ==, from_text);

  test_remove_tree (dir);
}

/* The ways a table says that no answer came, and answers that only contain the words. */
static void
test_no_answer_phrases (void)
{
  const char *said[] = {
    "Har ej fått in svar", "har ej fått in svar", "  Har  ej\tfått in svar  ",
    "Har ej fått in svar.",
    "HAR INTE FÅTT IN SVAR", "Ej fått in svar", "Vi har inte fått in något svar",
    "Inget svar", "Inget svar.", "(Inget svar)", "– Inget svar –", "Inget svar inkommit",
    "Inget svar har kommit in", "Inget svar inkommet", "Ej svarat", "Har inte svarat",
    "Svar saknas", "svar saknas!", "Svar har ej inkommit", "Ej svar", "Inget\u00a0svar",
    "Inget\nsvar", "No answer received",
  };
  const char *answers[] = {
    "", "  ", "Nej", "Svar", "Inget", "Vi har inte fått in svar från alla i gruppen ännu",
    "Har ej fått in svar från Gagnef men Leksand svarade", "Inget svar på fråga 3, se övrigt",
    "Svaret saknas i dokumentet men arbete pågår", "Har ej fått in svar\nMen arbetet pågår",
    "Ja, inget svar behövs", "Har svarat", "Inga svar",
  };

  for (guint i = 0; i < G_N_ELEMENTS (said); i++)
    if (!upp_import_answer_is_no_answer (said[i]))
      g_error ("“%s” says that no answer came", said[i]);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (upp_import_answer_is_no_answer (answers[i]))
      g_error ("“%s” is not only a note that no answer came", answers[i]);
  g_assert_false (upp_import_answer_is_no_answer (NULL));
}

static void
test_text_as_stored (void)
{
  const struct { const char *cell; const char *text; } cases[] = {
    { "Nej ", "Nej" },
    { "Nej \nDet arbetas \t\n", "Nej\nDet arbetas" },
    { "\n  \n  Indraget\n\nStycke två  \n\n", "  Indraget\n\nStycke två" },
    { " \t \n ", "" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = upp_import_answer_dup_text (cases[i].cell);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Units of a small table: name, the cells of questions 1 and 2, and what both imports make of
 * the unit. */
typedef struct
{
  const char *unit;
  const char *agreement;
  const char *structure;
  const char *status;
} SmallRow;

static const SmallRow small_rows[] = {
  { "Falun", "Inget svar", "", "no_answer" },
  { "Borlänge", "  EJ SVARAT \n ", "", "no_answer" },
  { "Säter", "", "(Har inte fått in något svar)", "no_answer" },
  { "Leksand", "Vi har inte fått in svar från alla i gruppen ännu", "", "done" },
  { "Rättvik", "Svar saknas.", "Styrgrupp finns  ", "done" },
  { "Vansbro", "Arbete pågår", "", "done" },
  { "Gagnef", "", "", "not_contacted" },
};

static char *
write_small_table (const char *dir,
                   const char *name,
                   gboolean    as_csv)
{
  g_autoptr(GString) table = g_string_new (NULL);
  char *path = g_build_filename (dir, name, NULL);

  if (as_csv)
    g_string_append (table, "Region Dalarna;1;2;3;4;5;6\r\n");
  else
    g_string_append (table, "\tRegion Dalarna\n\t\n1. a?\n2. b?\n3. c?\n4. d?\n5. e?\n6. f?\n");
  for (guint i = 0; i < G_N_ELEMENTS (small_rows); i++)
    {
      const SmallRow *row = &small_rows[i];

      if (as_csv)
        {
          g_string_append_printf (table, "%s;", row->unit);
          upp_export_csv_append_cell (table, row->agreement, ';');
          g_string_append_c (table, ';');
          upp_export_csv_append_cell (table, row->structure, ';');
          g_string_append (table, ";;;;\r\n");
        }
      else
        {
          /* A line break inside a Word cell is a line without a tab. */
          g_string_append_printf (table, "\n\t%s\n\t%s\n\t%s\n", row->unit, row->agreement,
                                  row->structure);
        }
    }
  g_assert_true (g_file_set_contents (path, table->str, table->len, NULL));
  return path;
}

/* Every way of saying "no answer" in the table, and answers that only contain the words, give
 * the same units, statuses and answers through either import. */
static void
test_small_tables_agree (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *text_path = write_small_table (dir, "small.txt", FALSE);
  g_autofree char *csv_path = write_small_table (dir, "small.csv", TRUE);
  g_autofree char *from_csv = import_csv_digest (dir, "csv", csv_path);
  g_autofree char *from_text = NULL;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "text");
    g_autoptr(GFile) file = g_file_new_for_path (text_path);
    g_autoptr(UppImportResult) result = NULL;
    g_autoptr(GError) error = NULL;

    result = upp_import_dalarna_file (store, file, 2025, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->n_units_answered, ==, 3);
    g_assert_cmpuint (result->units_without_answer->len, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (result->units_without_answer, 0), ==, "Falun");
    g_assert_cmpstr (g_ptr_array_index (result->units_without_answer, 2), ==, "Säter");
    from_text = dup_round_digest (store, result->round_uuid);
  }

  for (guint i = 0; i < G_N_ELEMENTS (small_rows); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s | municipality | ", small_rows[i].unit);
      const char *found = strstr (from_text, line);

      g_assert_nonnull (found);
      g_assert_true (g_str_has_prefix (strchr (found + strlen (line), '|') + 2,
                                       small_rows[i].status));
    }
  g_assert_nonnull (strstr (from_text, "Leksand | municipality | 2029 | done | answered\n"
                                       "  agreement [] «Vi har inte fått in svar från alla i "
                                       "gruppen ännu»\n"));
  g_assert_nonnull (strstr (from_text, "Rättvik | municipality | 2031 | done | answered\n"
                                       "  structure [] «Styrgrupp finns»\nVansbro"));
  g_assert_nonnull (strstr (from_text, "Vansbro | municipality | 2021 | done | answered\n"
                                       "  agreement [in_progress] «»\n"));
  g_assert_nonnull (strstr (from_text, "units 7, answered 3 (listed as 3), no answer 3\n"));
  g_assert_cmpstr (from_csv, ==, from_text);

  test_remove_tree (dir);
}

/* A status column says how the interview went, whatever the cells say; "Inget svar" there
 * is no answer received, as in a cell. */
static void
test_status_column_decides (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "status");
  g_autofree char *path = g_build_filename (dir, "status.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) falun = NULL;
  g_autoptr(UppResponse) mora = NULL;
  g_autoptr(UppResponse) gagnef = NULL;
  g_autoptr(GError) error = NULL;
  const char *csv = "Enhet;Status;1;2\r\n"
                    "Falun;done;Inget svar;\r\n"
                    "Mora;;Inget svar;\r\n"
                    "Gagnef;Har ej fått in svar;;\r\n";

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  result = upp_import_csv_file (store, file, "lok", 2025, "20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_answers, ==, 0);
  g_assert_cmpuint (result->n_units_answered, ==, 1);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmpuint (result->units_without_answer->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result->units_without_answer, 0), ==, "Mora");
  g_assert_cmpstr (g_ptr_array_index (result->units_without_answer, 1), ==, "Gagnef");
  round = test_load_round (store, result->round_uuid);
  falun = test_find_response (store, round, "Falun");
  mora = test_find_response (store, round, "Mora");
  g_assert_cmpint (upp_response_get_status (falun), ==, UPP_RESPONSE_STATUS_DONE);
  g_assert_cmpint (upp_response_get_status (mora), ==, UPP_RESPONSE_STATUS_NO_ANSWER);
  gagnef = test_find_response (store, round, "Gagnef");
  g_assert_cmpint (upp_response_get_status (gagnef), ==, UPP_RESPONSE_STATUS_NO_ANSWER);
  g_assert_null (upp_response_get_answer (falun, "agreement"));

  g_clear_object (&store);
  test_remove_tree (dir);
}

static UppImportResult *
import_text (UppStore  *store,
             GFile     *file,
             GError   **error)
{
  return upp_import_dalarna_file (store, file, 2025, error);
}

static UppImportResult *
import_csv (UppStore  *store,
            GFile     *file,
            GError   **error)
{
  return upp_import_csv_file (store, file, "lok", 2025, NULL, error);
}

/* A row without a unit name is left out, with a warning, by both imports. (A CSV table of
 * such rows alone is refused and changes nothing; in the text layout the first unit's name
 * is the first cell with text after the questions.) */
static void
test_nameless_rows (void)
{
  const char *header = "\tRegion Dalarna\n\t\n1. a?\n2. b?\n3. c?\n4. d?\n5. e?\n6. f?\n";
  g_autofree char *text = g_strconcat (header, "\n\tFalun\n\tJa\n\n\t\n\tNej\n", NULL);
  const char *csv = "Region Dalarna;1;2;3;4;5;6\r\nFalun;Ja;;;;;\r\n;Nej;;;;;\r\n";
  const char *csv_nameless = "Region Dalarna;1;2;3;4;5;6\r\n ;Nej;;;;;\r\n";
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *digests[2] = { NULL, NULL };
  TestImportFunc imports[] = { import_text, import_csv };
  const char *tables[] = { text, csv };
  const char *names[] = { "nameless.txt", "nameless.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    {
      g_autofree char *db = g_strdup_printf ("nameless-%u", i);
      g_autoptr(UppStore) store = test_open_store (dir, db);
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(UppImportResult) result = NULL;
      g_autoptr(GError) error = NULL;
      const char *warning;

      if (imports[i] == import_csv)
        test_check_import (import_csv, store, dir, names[i], csv_nameless,
                           strlen (csv_nameless), "no rows with unit names");
      g_assert_true (g_file_set_contents (path, tables[i], -1, NULL));
      result = imports[i] (store, file, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->n_units, ==, 1);
      /* The last warning; the text's made-up questions are warned about before it. */
      warning = g_ptr_array_index (result->warnings, result->warnings->len - 1);
      g_assert_true (g_str_has_suffix (warning, " no unit name; left out.") ||
                     g_str_has_suffix (warning, " no name; left out."));
      digests[i] = dup_round_digest (store, result->round_uuid);
    }
  g_assert_cmpstr (digests[1], ==, digests[0]);

  test_remove_tree (dir);
}

/* A unit name written on two lines is one name on one line in both imports, matched to its
 * municipalities as the name on one line is (a line break in a name broke the lines of
 * `units` and of the warnings). */
static void
test_two_line_unit_name (void)
{
  const char *text = "\tRegion Dalarna\n\t\n1. a?\n2. b?\n3. c?\n4. d?\n5. e?\n6. f?\n"
                     "\n\tSödra \n(Avesta och Hedemora\n\tJa\n";
  const char *csv = "Region Dalarna;1;2;3;4;5;6\r\n\"Södra \n(Avesta och Hedemora\";Ja;;;;;\r\n";
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *digests[2] = { NULL, NULL };
  TestImportFunc imports[] = { import_text, import_csv };
  const char *tables[] = { text, csv };
  const char *names[] = { "two-lines.txt", "two-lines.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    {
      g_autofree char *db = g_strdup_printf ("two-lines-%u", i);
      g_autoptr(UppStore) store = test_open_store (dir, db);
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(UppImportResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, tables[i], -1, NULL));
      result = imports[i] (store, file, &error);
      g_assert_no_error (error);
      digests[i] = dup_round_digest (store, result->round_uuid);
      g_assert_true (g_str_has_prefix (digests[i], "Södra (Avesta och Hedemora | group | "
                                                   "2083,2084 | done | answered\n"));
    }
  g_assert_cmpstr (digests[1], ==, digests[0]);

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-answer/text-and-csv-agree", test_text_and_csv_agree);
  g_test_add_func ("/import-answer/exported-csv-agrees", test_exported_csv_agrees);
  g_test_add_func ("/import-answer/no-answer-phrases", test_no_answer_phrases);
  g_test_add_func ("/import-answer/text-as-stored", test_text_as_stored);
  g_test_add_func ("/import-answer/small-tables-agree", test_small_tables_agree);
  g_test_add_func ("/import-answer/status-column-decides", test_status_column_decides);
  g_test_add_func ("/import-answer/nameless-rows", test_nameless_rows);
  g_test_add_func ("/import-answer/two-line-unit-name", test_two_line_unit_name);

  return g_test_run ();
}
