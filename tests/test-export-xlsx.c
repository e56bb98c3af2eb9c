/* test-export-xlsx.c: the workbook, read back with an independent reader (openpyxl)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "export/export-xlsx.h"
#include "import/import-csv.h"
#include "import/import-dalarna.h"
#include "export/export-xlsx-lines.h"
#include "upp-agreement.h"
#include "upp-answer.h"
#include "upp-enums.h"
#include "upp-interview.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-coding.h"
#include "upp-theme.h"

#include "test-util.h"

#define PYTHON "/usr/bin/python3"

typedef struct
{
  char      *dir;
  UppStore  *store;
  UppRound  *round;
  char      *long_text;
} Fixture;

static char *
make_long_text (void)
{
  GString *text = g_string_new (NULL);

  /* Over 32,767 characters, with å ä ö and line breaks, so it must be split. */
  while (g_utf8_strlen (text->str, -1) < 40000)
    g_string_append (text, "Långt svar om samverkan på äldreboendet i Östra delen.\n");
  return g_string_free (text, FALSE);
}

static void
add_further_interview (Fixture     *fixture,
                       UppResponse *response,
                       const char  *date)
{
  g_autoptr(UppInterview) interview = upp_interview_new ();
  g_autoptr(GError) error = NULL;

  upp_interview_set_date (interview, date);
  upp_interview_set_mode (interview, UPP_INTERVIEW_MODE_PHONE);
  upp_interview_set_duration_minutes (interview, 30);
  g_assert_true (upp_store_save_interview (fixture->store, response, interview, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) falun = NULL;
  g_autoptr(UppResponse) borlange = NULL;
  g_autoptr(UppResponse) sater = NULL;
  const char *signed_[] = { "signed", NULL };
  const char *progress[] = { "in_progress", NULL };
  const char *both[] = { "strategic", "operative", NULL };

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "test");
  fixture->round = test_import_dalarna_round (fixture->store, 2025);

  /* Codes, a status, a formula-looking answer and an over-long one on top of the example. */
  falun = test_find_response (fixture->store, fixture->round, "Falun");
  borlange = test_find_response (fixture->store, fixture->round, "Borlänge");
  sater = test_find_response (fixture->store, fixture->round, "Säter");
  upp_store_set_answer (fixture->store, fixture->round, falun, "agreement",
                        upp_answer_get_text (upp_response_get_answer (falun, "agreement")),
                        signed_, &error);
  g_assert_no_error (error);
  upp_store_set_answer (fixture->store, fixture->round, borlange, "agreement", "", progress,
                        &error);
  g_assert_no_error (error);
  upp_store_set_answer (fixture->store, fixture->round, sater, "agreement", "Snart klart",
                        progress, &error);
  g_assert_no_error (error);
  upp_store_set_answer (fixture->store, fixture->round, falun, "structure", "Båda nivåerna",
                        both, &error);
  g_assert_no_error (error);
  upp_store_set_answer (fixture->store, fixture->round, falun, "other", "=SUM(A1)", NULL,
                        &error);
  g_assert_no_error (error);
  fixture->long_text = make_long_text ();
  upp_store_set_answer (fixture->store, fixture->round, sater, "challenges", fixture->long_text,
                        NULL, &error);
  g_assert_no_error (error);
  /* And one without a space or line break to wrap at: rows and cells split inside it. */
  {
    g_autoptr(UppResponse) leksand = test_find_response (fixture->store, fixture->round,
                                                         "Leksand");
    g_autoptr(GString) word = g_string_new (NULL);

    while (word->len < 60000)
      g_string_append (word, "Samverkansöverenskommelsen");
    upp_store_set_answer (fixture->store, fixture->round, leksand, "other", word->str, NULL,
                          &error);
    g_assert_no_error (error);
  }

  upp_response_set_status (falun, UPP_RESPONSE_STATUS_APPROVED);
  upp_response_set_interview_date (falun, "2025-10-14");
  upp_response_set_mode (falun, UPP_INTERVIEW_MODE_VISIT);
  upp_response_set_participant_count (falun, 4);
  upp_response_set_participant_roles (falun, "Socialchef, verksamhetschef vårdcentral");
  upp_response_set_duration_minutes (falun, 95);
  upp_response_set_check_sent (falun, "2025-10-20");
  upp_response_set_check_approved (falun, "2025-10-31");
  upp_store_save_response_details (fixture->store, falun, &error);
  g_assert_no_error (error);
  /* Falun was interviewed twice, Borlänge once but only in a further interview. */
  add_further_interview (fixture, falun, "2025-11-04");
  add_further_interview (fixture, borlange, "");
  upp_response_set_status (borlange, UPP_RESPONSE_STATUS_DONE);
  upp_store_save_response_details (fixture->store, borlange, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->round);
  g_free (fixture->long_text);
  test_close_store (&fixture->store, &fixture->dir);
}

/* The first interview's length, the interviews held (the first when its date, mode or length
 * is noted, and the further ones) and the respondent check, as the matrix shows them. */
static void
add_interview_cells (Fixture     *fixture,
                     JsonBuilder *builder,
                     UppResponse *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) further = upp_store_list_interviews (fixture->store, fixture->round,
                                                            response, &error);
  gboolean first = *upp_response_get_interview_date (response) != '\0' ||
                   upp_response_get_mode (response) != UPP_INTERVIEW_MODE_NONE ||
                   upp_response_get_duration_minutes (response) > 0;
  g_autofree char *duration = upp_response_get_duration_minutes (response) > 0
                              ? g_strdup_printf ("%d",
                                                 upp_response_get_duration_minutes (response))
                              : g_strdup ("");
  g_autofree char *held = g_strdup_printf ("%u", (first ? 1 : 0) + further->len);

  g_assert_no_error (error);
  json_builder_add_string_value (builder, duration);
  json_builder_add_string_value (builder, held);
  json_builder_add_string_value (builder, upp_response_get_check_sent (response));
  json_builder_add_string_value (builder, upp_response_get_check_approved (response));
}

/* What the database holds, written independently of the exporter's code, for the checker. */
static char *
write_expected (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (fixture->store, fixture->round,
                                                             &error);
  UppTemplate *template = upp_round_get_template (fixture->round);
  guint n = upp_template_get_n_questions (template);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "expected.json", NULL);

  g_assert_no_error (error);
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "header");
  json_builder_begin_array (builder);
  for (guint q = 0; q < n; q++)
    {
      UppQuestion *question = upp_template_get_question (template, q);
      g_autofree char *title = g_strdup_printf ("%s. %s", upp_question_get_number (question),
                                                upp_question_get_short_label (question));

      if (upp_question_is_coded (question))
        {
          g_autofree char *choice = upp_export_dup_choice_header (title);
          json_builder_add_string_value (builder, choice);
        }
      json_builder_add_string_value (builder, title);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "question_texts");
  json_builder_begin_array (builder);
  for (guint q = 0; q < n; q++)
    json_builder_add_string_value (builder,
                                   upp_question_get_text (upp_template_get_question (template, q)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      UppInterviewMode mode = upp_response_get_mode (response);
      g_autofree char *participants = NULL;

      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, upp_response_get_unit_name (response));
      json_builder_add_string_value (
        builder, upp_response_status_get_label (upp_response_get_status (response)));
      json_builder_add_string_value (builder, upp_response_get_interview_date (response));
      json_builder_add_string_value (builder, mode == UPP_INTERVIEW_MODE_NONE
                                              ? "" : upp_interview_mode_get_label (mode));
      participants = upp_response_get_participant_count (response) > 0
                     ? g_strdup_printf ("%d", upp_response_get_participant_count (response))
                     : g_strdup ("");
      json_builder_add_string_value (builder, participants);
      json_builder_add_string_value (builder, upp_response_get_participant_roles (response)
                                              ? upp_response_get_participant_roles (response)
                                              : "");
      add_interview_cells (fixture, builder, response);
      for (guint q = 0; q < n; q++)
        {
          UppQuestion *question = upp_template_get_question (template, q);
          UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));
          const char *text = answer != NULL ? upp_answer_get_text (answer) : "";

          if (upp_question_is_coded (question))
            {
              g_autoptr(GString) labels = g_string_new (NULL);
              const char * const *chosen = answer != NULL ? upp_answer_get_choices (answer) : NULL;

              for (guint k = 0; chosen != NULL && chosen[k] != NULL; k++)
                g_string_append_printf (labels, "%s%s", k > 0 ? "; " : "",
                                        upp_question_find_choice (question, chosen[k])->label);
              json_builder_add_string_value (builder, labels->str);
            }
          json_builder_add_string_value (builder, text);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  /* Units per choice of each coded question, and per status. */
  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  for (guint q = 0; q < n; q++)
    {
      UppQuestion *question = upp_template_get_question (template, q);
      GPtrArray *choices = upp_question_get_choices (question);
      g_autofree char *title = g_strdup_printf ("%s. %s", upp_question_get_number (question),
                                                upp_question_get_short_label (question));

      if (!upp_question_is_coded (question))
        continue;
      json_builder_set_member_name (builder, title);
      json_builder_begin_object (builder);
      for (guint c = 0; c < choices->len; c++)
        {
          UppChoice *choice = g_ptr_array_index (choices, c);
          int count = 0;

          for (guint i = 0; i < responses->len; i++)
            {
              UppAnswer *answer = upp_response_get_answer (g_ptr_array_index (responses, i),
                                                           upp_question_get_key (question));

              if (answer != NULL &&
                  g_strv_contains (upp_answer_get_choices (answer), choice->key))
                count++;
            }
          json_builder_set_member_name (builder, choice->label);
          json_builder_add_int_value (builder, count);
        }
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "status");
  json_builder_begin_object (builder);
  for (guint s = 0; s < UPP_N_RESPONSE_STATUSES; s++)
    {
      int count = 0;

      for (guint i = 0; i < responses->len; i++)
        if (upp_response_get_status (g_ptr_array_index (responses, i)) == s)
          count++;
      json_builder_set_member_name (builder, upp_response_status_get_label (s));
      json_builder_add_int_value (builder, count);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "long_text");
  json_builder_add_string_value (builder, fixture->long_text);
  json_builder_set_member_name (builder, "long_text_unit");
  json_builder_add_string_value (builder, "Säter");
  json_builder_set_member_name (builder, "formula_unit");
  json_builder_add_string_value (builder, "Falun");

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
run_checker (const char *script,
             const char *first,
             const char *second)
{
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, script, NULL);
  const char *argv[] = { PYTHON, checker, first, second, NULL };
  g_autofree char *out = test_run (argv, NULL);

  g_test_message ("%s", out);
}

static void
test_matrix_matches_database (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autofree char *path = g_build_filename (fixture->dir, "Region Dalarna 2025.xlsx", NULL);
  g_autofree char *expected = NULL;

  g_assert_true (upp_export_xlsx (fixture->store, rounds, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  expected = write_expected (fixture);
  run_checker ("check-xlsx.py", path, expected);
}

static void
test_libreoffice_converts (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autofree char *path = g_build_filename (fixture->dir, "export.xlsx", NULL);
  g_autofree char *keep = g_test_build_filename (G_TEST_BUILT, "export-first-page", NULL);

  if (!g_file_test ("/usr/bin/soffice", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("LibreOffice is not installed");
      return;
    }

  g_assert_true (upp_export_xlsx (fixture->store, rounds, path, &error));
  g_assert_no_error (error);
  /* The checker converts with its own profile and HOME, and keeps a PNG to look at. */
  run_checker ("check-xlsx-libreoffice.py", path, keep);
}

/* The way regions work: the workbook is edited in a spreadsheet, its matrix saved as CSV and
 * imported as a new round. LibreOffice does the saving. */
static void
test_matrix_saved_as_csv_imports (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autofree char *path = g_build_filename (fixture->dir, "matrix.xlsx", NULL);
  g_autofree char *converter = g_test_build_filename (G_TEST_DIST, "libreoffice-convert.py",
                                                      NULL);
  const char *argv[] = { PYTHON, converter, path, fixture->dir,
                         "csv:Text - txt - csv (StarCalc):59,34,76,1", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(UppRound) copy = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(UppResponse) falun = NULL;
  guint n_compared;

  if (!g_file_test ("/usr/bin/soffice", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("LibreOffice is not installed");
      return;
    }

  g_assert_true (upp_export_xlsx (fixture->store, rounds, path, &error));
  g_assert_no_error (error);
  out = test_run (argv, NULL);
  csv = g_file_new_for_path (g_strstrip (out));

  /* Region from the sheet's heading, columns from its header row. */
  result = upp_import_csv_file (fixture->store, csv, "lok", 2026, NULL, &error);
  g_assert_no_error (error);
  copy = upp_store_load_round (fixture->store, result->round_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_round_get_region_name (copy), ==, "Region Dalarna");

  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_units, ==, responses->len);
  /* A matrix cell holds the first part of an over-long answer (and says so). */
  n_compared = test_assert_same_answers (fixture->store, fixture->round, copy,
                                         UPP_EXPORT_XLSX_CELL_MAX);
  g_assert_cmpuint (n_compared, >, 40);

  /* The interview date, a date cell in the matrix, comes back as the same date. */
  falun = test_find_response (fixture->store, copy, "Falun");
  g_assert_cmpstr (upp_response_get_interview_date (falun), ==, "2025-10-14");
  g_assert_cmpint (upp_response_get_mode (falun), ==, UPP_INTERVIEW_MODE_VISIT);
}

static void
test_sheet_names (void)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *a = upp_export_xlsx_make_sheet_name ("4. Utmaningar [a/b]: vad? *", used);
  g_autofree char *b = upp_export_xlsx_make_sheet_name (
    "3. Beskriv några goda exempel på erfarenheter av samverkan", used);
  g_autofree char *c = upp_export_xlsx_make_sheet_name (
    "3. Beskriv några goda exempel på erfarenheter av samverkan", used);
  g_autofree char *d = upp_export_xlsx_make_sheet_name ("'Övrigt'", used);
  g_autofree char *e = upp_export_xlsx_make_sheet_name ("ÖVRIGT", used);

  g_assert_cmpstr (a, ==, "4. Utmaningar -a-b-- vad- -");
  g_assert_cmpint (g_utf8_strlen (b, -1), ==, 31);
  g_assert_cmpint (g_utf8_strlen (c, -1), <=, 31);
  g_assert_true (g_str_has_suffix (c, " (2)"));
  g_assert_cmpstr (d, ==, "Övrigt");
  g_assert_cmpstr (e, ==, "ÖVRIGT (2)");
}

static void
test_split_cell_text (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) pieces = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "å😀");  /* 3 UTF-16 units each: splits must not break the emoji */
  pieces = upp_export_xlsx_split_cell_text (text->str);
  g_assert_cmpuint (g_strv_length (pieces), ==, 2);
  for (guint i = 0; pieces[i] != NULL; i++)
    g_assert_true (g_utf8_validate (pieces[i], -1, NULL));
  joined = g_strjoinv ("", pieces);
  g_assert_cmpstr (joined, ==, text->str);
}

/* The lines a wrapped text takes, counted one character at a time while splitting it. */
static guint
count_lines_by_splitting (const char *text,
                          double      width)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) pieces = upp_export_xlsx_lines_split_text (text, width, G_MAXUINT, lines);
  guint total = 0;

  for (guint i = 0; i < lines->len; i++)
    total += g_array_index (lines, guint, i);
  return total;
}

/* Texts' runs, read once into one book, count the same lines at every width as a wrap of
 * each text itself: random texts of words, every kind of space, line breaks, å ä ö, emoji
 * and words longer than a line; the book cleared and filled again, as round after round. */
static void
test_lines_from_runs (void)
{
  static const char * const pieces[] = {
    "och", "samverkan", "LÖK", "överenskommelse", "å", "😀", " ", "  ", "\t", "\u00a0",
    "\u2003", "\n", "\n\n", "\r\n", ",", "-", "Socialtjänstens", "x",
    "Hälso-och-sjukvårdsförvaltningens-samverkansöverenskommelser-om-psykiatrin",
  };
  static const double widths[] = { 1, 5, 16, 24, 28, 45, 50, 80, 90, 148 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autoptr(UppExportXlsxLines) book = upp_export_xlsx_lines_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < 400; t++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 300);
      guint id;
      gsize longest = 0;
      gsize paragraph = 0;
      gsize n_chars = 0;

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      /* Past what a run holds, and past a cell: counted from the text itself. */
      if (t == 0)
        for (guint i = 0; i < 20000; i++)
          g_string_append_c (text, 'x');
      if (t == 1)
        for (guint i = 0; i < 9000; i++)
          g_string_append (text, "ord å\n");
      if (t % 100 == 0)
        {
          upp_export_xlsx_lines_clear (book);
          g_ptr_array_set_size (texts, 0);
        }
      /* Earlier texts of the book are counted too: a new one must not disturb them. */
      g_ptr_array_add (texts, g_strdup (text->str));
      id = upp_export_xlsx_lines_add (book, g_ptr_array_index (texts, texts->len - 1));
      g_assert_cmpuint (id, ==, texts->len - 1);
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          guint expected = count_lines_by_splitting (text->str, widths[w]);
          guint earlier = g_rand_int_range (rand, 0, texts->len);

          g_assert_cmpuint (upp_export_xlsx_lines_count (book, id, widths[w]), ==, expected);
          g_assert_cmpuint (upp_export_xlsx_lines_count (book, earlier, widths[w]), ==,
                            count_lines_by_splitting (g_ptr_array_index (texts, earlier),
                                                      widths[w]));
          g_assert_cmpuint (upp_export_xlsx_lines_count_text (text->str, widths[w]), ==, expected);
        }
      for (const char *p = text->str; *p != '\0'; p = g_utf8_next_char (p))
        {
          paragraph = *p == '\n' ? 0 : paragraph + 1;
          longest = MAX (longest, paragraph);
          n_chars += *p == '\n' ? 0 : 1;
        }
      g_assert_cmpuint (upp_export_xlsx_lines_get_longest_paragraph (book, id), ==, longest);
      g_assert_cmpuint (upp_export_xlsx_lines_get_n_chars (book, id), ==, n_chars);
    }
}

static void
test_unwritable_destination (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "out.xlsx", NULL);
  g_autofree char *locked_dir = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *locked = g_build_filename (locked_dir, "out.xlsx", NULL);

  g_assert_false (upp_export_xlsx (fixture->store, rounds, missing, &error));
  g_assert_error (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "out.xlsx"));
  g_clear_error (&error);

  /* Root writes into read-only folders, so this part needs an ordinary user. */
  g_assert_cmpint (g_mkdir (locked_dir, 0555), ==, 0);
  if (getuid () != 0)
    {
      g_autoptr(GDir) dir = NULL;

      g_assert_false (upp_export_xlsx (fixture->store, rounds, locked, &error));
      g_assert_error (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE);
      g_clear_error (&error);
      dir = g_dir_open (locked_dir, 0, NULL);
      g_assert_null (g_dir_read_name (dir));
    }
  g_chmod (locked_dir, 0755);
}

static void
test_cancelled_export_keeps_old_file (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "old.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);

  g_assert_false (upp_export_xlsx_full (fixture->store, rounds, path, NULL, NULL, cancellable,
                                        &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old");
  /* No temporary file left beside it: only the database, its journal files and old.xlsx. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".old.xlsx"));
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 2);
}

static void
test_several_rounds (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autoptr(UppRound) next = upp_store_duplicate_round (fixture->store, fixture->round, 2026,
                                                        &error);
  g_autoptr(UppResponse) falun = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "two-years.xlsx", NULL);
  const char *regular[] = { "regular", NULL };
  const char *script =
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1])\n"
    "names = book.sheetnames\n"
    "assert names[0].endswith('2025') and names[1].endswith('2026'), names\n"
    "summary = book.worksheets[2]\n"
    "rows = [[c.value for c in r] for r in summary.iter_rows()]\n"
    "header = next(r for r in rows if r[1] == '2025')\n"
    "assert header[2] == '2026', header\n"
    "deviations = book.worksheets[3 + 4]\n"
    "years = [r[0].value for r in deviations.iter_rows(min_row=3)]\n"
    "assert years.count(2025) == 11 and years.count(2026) == 11, years\n"
    "new = [r for r in deviations.iter_rows(min_row=3)\n"
    "       if r[0].value == 2026 and r[2].value == 'Falun']\n"
    "assert new[0][6].value == 'regular', [c.value for c in new[0]]\n"
    "assert new[0][8].value == 'Varje månad', [c.value for c in new[0]]\n"
    /* Legends in year order: column charts (a bar chart's legend is listed upside down),
     * series in the order of the years' columns. */
    "import re, zipfile\n"
    "archive = zipfile.ZipFile(sys.argv[1])\n"
    "charts = [m for m in archive.namelist() if m.startswith('xl/charts/chart')]\n"
    "for member in charts:\n"
    "    xml = archive.read(member).decode()\n"
    "    assert '<c:barDir val=\"col\"/>' in xml, member\n"
    "    names = [re.search(r'<c:tx><c:strRef><c:f>[^<]*!\\$([A-Z]+)\\$', s).group(1)\n"
    "             for s in re.findall(r'<c:ser>.*?</c:ser>', xml, re.S)]\n"
    "    assert names == ['B', 'C'], (member, names)\n"
    /* No table or chart of the summary is split by a printed page. */
    "breaks = [b.id for b in summary.row_breaks.brk]\n"
    "assert breaks, 'the summary has no page breaks'\n"
    "for b in breaks:\n"
    "    assert all(v is None for v in rows[b - 1]) and rows[b][0], (b, rows[b - 1:b + 1])\n"
    "print('ok', names, breaks)\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  falun = upp_store_find_response (fixture->store, next, "Falun", &error);
  g_assert_no_error (error);
  upp_store_set_answer (fixture->store, next, falun, "deviations", "Varje månad", regular, &error);
  g_assert_no_error (error);

  /* Given newest first; the workbook orders them by year. */
  g_ptr_array_insert (rounds, 0, g_object_ref (next));
  g_assert_true (upp_export_xlsx (fixture->store, rounds, path, &error));
  g_assert_no_error (error);

  out = test_run (argv, NULL);
  g_test_message ("%s", out);
}

/* The "Teman" sheet (issue 13): one row per unit and year, one 0/1 column per theme. */
static void
test_themes_sheet (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autoptr(UppRound) next = upp_store_duplicate_round (fixture->store, fixture->round, 2026,
                                                        &error);
  g_autoptr(UppTheme) cooperation = NULL;
  g_autoptr(UppTheme) staff = NULL;
  g_autoptr(UppResponse) falun = NULL;
  g_autoptr(UppResponse) mora = NULL;
  g_autoptr(UppCoding) a = NULL, b = NULL, c = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "themes.xlsx", NULL);
  const char *script =
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1])\n"
    "sheet = book[sys.argv[2]]\n"
    "assert book.sheetnames.index(sys.argv[2]) == 3, book.sheetnames\n"
    "rows = [[c.value for c in r] for r in sheet.iter_rows()]\n"
    "assert rows[0][2:] == ['Personalbrist', 'Samverkan'], rows[0]\n"
    "assert len(rows) == 1 + 22, len(rows)\n"
    "table = {(r[0], r[1]): r[2:] for r in rows[1:]}\n"
    "assert table[('Falun', 2025)] == [1, 1], table[('Falun', 2025)]\n"
    "assert table[('Falun', 2026)] == [0, 1], table[('Falun', 2026)]\n"
    "assert table[('Borlänge', 2025)] == [0, 0], table[('Borlänge', 2025)]\n"
    "assert sum(sum(v) for v in table.values()) == 3, table\n"
    "print('ok')\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path,
                         g_dgettext (GETTEXT_PACKAGE, "Themes"), NULL };
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  cooperation = upp_store_add_theme (fixture->store, "20", "Samverkan",
                                     UPP_THEME_KIND_PROMOTING, &error);
  g_assert_no_error (error);
  staff = upp_store_add_theme (fixture->store, "20", "Personalbrist", UPP_THEME_KIND_HINDERING,
                               &error);
  g_assert_no_error (error);
  falun = test_find_response (fixture->store, fixture->round, "Falun");
  a = upp_store_code_passage (fixture->store, fixture->round, falun, "agreement", 0, 3,
                              cooperation, &error);
  g_assert_no_error (error);
  b = upp_store_code_passage (fixture->store, fixture->round, falun, "structure", 0, 5, staff,
                              &error);
  g_assert_no_error (error);
  test_set_answer (fixture->store, upp_round_get_uuid (next), "Falun", "other", "Samverkan.");
  g_clear_object (&falun);
  falun = test_find_response (fixture->store, next, "Falun");
  c = upp_store_code_passage (fixture->store, next, falun, "other", 0, 9, cooperation, &error);
  g_assert_no_error (error);

  g_ptr_array_add (rounds, g_object_ref (next));
  g_assert_true (upp_export_xlsx (fixture->store, rounds, path, &error));
  g_assert_no_error (error);
  out = test_run (argv, NULL);
  g_test_message ("%s", out);
}

static void
add_agreement (Fixture            *fixture,
               const char         *unit_name,
               const char         *name,
               UppAgreementStatus  status,
               const char         *signed_date,
               const char         *from,
               const char         *to,
               const char         *note,
               gboolean            removed)
{
  g_autoptr(UppResponse) response = test_find_response (fixture->store, fixture->round,
                                                        unit_name);
  g_autoptr(UppAgreement) agreement = upp_agreement_new (name, UPP_AGREEMENT_KIND_LOK);
  g_autoptr(GError) error = NULL;

  upp_agreement_set_status (agreement, status);
  upp_agreement_set_signed (agreement, signed_date);
  upp_agreement_set_valid_from (agreement, from);
  upp_agreement_set_valid_to (agreement, to);
  upp_agreement_set_note (agreement, note);
  g_assert_true (upp_store_save_agreement (fixture->store, upp_response_get_unit (response),
                                           agreement, &error));
  g_assert_no_error (error);
  if (removed)
    {
      g_assert_true (upp_store_remove_agreement (fixture->store, agreement, &error));
      g_assert_no_error (error);
    }
}

/* The agreements register (issue 14): of one round, the agreements that apply to its year,
 * with dates as date cells and the unit's county part; of several, all of them. */
static void
test_agreements_sheet (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autoptr(UppResponse) falun = test_find_response (fixture->store, fixture->round, "Falun");
  g_autofree char *path = g_build_filename (fixture->dir, "agreements.xlsx", NULL);
  g_autofree char *two_path = g_build_filename (fixture->dir, "agreements-two.xlsx", NULL);
  g_autoptr(UppRound) next = NULL;
  const char *script =
    "import datetime, sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1])\n"
    "name = sys.argv[2]\n"
    "names = book.sheetnames\n"
    "assert name in names and names.index(name) == names.index(sys.argv[3]) + 1, names\n"
    "sheet = book[name]\n"
    "rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=3)]\n"
    "header = [c.value for c in sheet[2]]\n"
    "assert len(header) == 10 and header[0] in ('Unit', 'Enhet'), header\n"
    "names = [r[2] for r in rows]\n"
    "if sys.argv[4] == 'one':\n"
    "    assert names == ['Samverkan Borlänge', 'LÖK 2024', 'RÖK under arbete'], rows\n"
    "else:\n"
    "    assert names == ['Samverkan Borlänge', 'LÖK 2015', 'LÖK 2024', 'RÖK under arbete'],"
    " rows\n"
    "falun = rows[names.index('LÖK 2024')]\n"
    "assert falun[0] == 'Falun' and falun[1] == 'Västra', falun\n"
    "assert falun[5] == datetime.datetime(2024, 2, 1), falun\n"
    "assert falun[6] == datetime.datetime(2024, 1, 1) and falun[7] is None, falun\n"
    "assert falun[9] == 'Ska förlängas', falun\n"
    "cells = list(sheet.iter_rows(min_row=3))\n"
    "dated = [c for r in cells for c in r[5:8] if c.value is not None]\n"
    "assert dated and all(c.is_date for c in dated), [(c.coordinate, c.value) for c in dated]\n"
    "assert rows[0][5] is None and rows[0][8] is None, rows[0]\n"
    "about = book.worksheets[-1]\n"
    "text = ' '.join(str(c.value) for r in about.iter_rows() for c in r if c.value)\n"
    "assert name in text, text\n"
    "print('ok', len(rows))\n";
  const char *agreements = g_dgettext (GETTEXT_PACKAGE, "Agreements");
  const char *summary = g_dgettext (GETTEXT_PACKAGE, "Summary");
  const char *one_argv[] = { PYTHON, "-c", script, path, agreements, summary, "one", NULL };
  const char *two_argv[] = { PYTHON, "-c", script, two_path, agreements, summary, "two", NULL };
  g_autofree char *out = NULL;

  /* Falun: one that ended in 2017, one in force since 2024, one in preparation; Borlänge: one
   * removed, one without dates; Säter has none. */
  add_agreement (fixture, "Falun", "LÖK 2015", UPP_AGREEMENT_STATUS_ENDED, "2015-03-01",
                 "2015-01-01", "2017-12-31", "", FALSE);
  add_agreement (fixture, "Falun", "LÖK 2024", UPP_AGREEMENT_STATUS_IN_FORCE, "2024-02-01",
                 "2024-01-01", "", "Ska förlängas", FALSE);
  add_agreement (fixture, "Falun", "RÖK under arbete", UPP_AGREEMENT_STATUS_IN_PREPARATION, "",
                 "2026-01-01", "", "", FALSE);
  add_agreement (fixture, "Borlänge", "Borttagen", UPP_AGREEMENT_STATUS_IN_FORCE, "", "", "",
                 "", TRUE);
  add_agreement (fixture, "Borlänge", "Samverkan Borlänge", UPP_AGREEMENT_STATUS_IN_FORCE, "",
                 "", "", "", FALSE);
  g_assert_true (upp_store_set_unit_sub_area (fixture->store, upp_response_get_unit (falun),
                                              "Västra", &error));
  g_assert_no_error (error);

  g_assert_true (upp_export_xlsx (fixture->store, rounds, path, &error));
  g_assert_no_error (error);
  out = test_run (one_argv, NULL);
  g_test_message ("%s", out);

  /* Several years: every agreement of the units. */
  next = upp_store_duplicate_round (fixture->store, fixture->round, 2026, &error);
  g_assert_no_error (error);
  g_ptr_array_add (rounds, g_object_ref (next));
  g_assert_true (upp_export_xlsx (fixture->store, rounds, two_path, &error));
  g_assert_no_error (error);
  g_free (out);
  out = test_run (two_argv, NULL);
  g_test_message ("%s", out);
}

static void
test_mixed_regions_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppRegion) other = upp_store_find_region (fixture->store, "01", &error);
  g_autoptr(UppRound) round = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "mixed.xlsx", NULL);

  g_assert_no_error (error);
  round = upp_round_new (2025, other, "Stockholm", upp_round_get_template (fixture->round));
  g_ptr_array_add (rounds, g_object_ref (fixture->round));
  g_ptr_array_add (rounds, g_object_ref (round));

  g_assert_false (upp_export_xlsx (fixture->store, rounds, path, &error));
  g_assert_error (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_MIXED_REGIONS);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* As the app runs for Swedish users: a decimal comma must not reach the workbook's XML. */
  if (setlocale (LC_ALL, "sv_SE.UTF-8") == NULL)
    g_printerr ("# sv_SE.UTF-8 is not installed; the locale case is not covered\n");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-xlsx/sheet-names", test_sheet_names);
  g_test_add_func ("/export-xlsx/split-cell-text", test_split_cell_text);
  g_test_add_func ("/export-xlsx/lines-from-runs", test_lines_from_runs);
  g_test_add ("/export-xlsx/matrix-matches-database", Fixture, NULL,
              fixture_set_up, test_matrix_matches_database, fixture_tear_down);
  g_test_add ("/export-xlsx/libreoffice-converts", Fixture, NULL,
              fixture_set_up, test_libreoffice_converts, fixture_tear_down);
  g_test_add ("/export-xlsx/matrix-saved-as-csv-imports", Fixture, NULL,
              fixture_set_up, test_matrix_saved_as_csv_imports, fixture_tear_down);
  g_test_add ("/export-xlsx/unwritable-destination", Fixture, NULL,
              fixture_set_up, test_unwritable_destination, fixture_tear_down);
  g_test_add ("/export-xlsx/cancelled-keeps-old-file", Fixture, NULL,
              fixture_set_up, test_cancelled_export_keeps_old_file, fixture_tear_down);
  g_test_add ("/export-xlsx/several-rounds", Fixture, NULL,
              fixture_set_up, test_several_rounds, fixture_tear_down);
  g_test_add ("/export-xlsx/themes-sheet", Fixture, NULL,
              fixture_set_up, test_themes_sheet, fixture_tear_down);
  g_test_add ("/export-xlsx/agreements-sheet", Fixture, NULL,
              fixture_set_up, test_agreements_sheet, fixture_tear_down);
  g_test_add ("/export-xlsx/mixed-regions-refused", Fixture, NULL,
              fixture_set_up, test_mixed_regions_refused, fixture_tear_down);

  return g_test_run ();
}
