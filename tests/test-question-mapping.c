/* test-question-mapping.c: a round asked with a newer template version, whose questions were
 * reworded or split, still lines up with last year's answers (issue 15)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-util.h"
#include "upp-answer.h"
#include "charts/upp-chart.h"
#include "export/export-xlsx.h"
#include "report/upp-report.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-template.h"
#include "upp-unit.h"

typedef struct
{
  char        *dir;
  UppStore    *store;
  UppRound    *earlier;   /* 2025, the built-in template's first version */
  UppRound    *round;     /* 2026, version 2: question 2 reworded, question 6 split */
  UppTemplate *template;  /* version 2 */
  char        *structure;  /* Falun's 2025 answers, as they were before version 2 existed */
  char        *other;
} Fixture;

/* Asks what question old_key asked, reworded, under new_key, at the end of template. */
static void
rename_question (UppTemplate *template,
                 const char  *old_key,
                 const char  *new_key,
                 const char  *text)
{
  UppQuestion *old = upp_template_find_question (template, old_key);
  g_autoptr(UppQuestion) renamed = upp_question_new (new_key, upp_question_get_number (old),
                                                     text, upp_question_get_short_label (old),
                                                     upp_question_get_kind (old));
  GPtrArray *choices = upp_question_get_choices (old);
  const char *from[] = { old_key, NULL };

  for (guint i = 0; i < choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (choices, i);

      upp_question_add_choice (renamed, choice->key, choice->label);
    }
  upp_question_set_from (renamed, from);
  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    if (upp_template_get_question (template, i) == old)
      {
        upp_template_remove_question (template, i);
        break;
      }
  upp_template_add_question (template, renamed);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *strategic[] = { "strategic", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) lok = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(UppQuestion) region_part = NULL;
  g_autoptr(UppQuestion) municipality_part = NULL;
  static const char *regular[] = { "regular", NULL };
  static const char *occasional[] = { "occasional", NULL };
  const char *from_other[] = { "other", NULL };

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "mapping");
  fixture->earlier = test_import_dalarna_round (fixture->store, 2025);
  test_set_answer_choices (fixture->store, upp_round_get_uuid (fixture->earlier), "Falun",
                           "structure", "Styrgrupp varje kvartal", strategic);
  test_set_answer (fixture->store, upp_round_get_uuid (fixture->earlier), "Falun", "other",
                   "Tack för samarbetet");
  test_set_answer_choices (fixture->store, upp_round_get_uuid (fixture->earlier), "Falun",
                           "deviations", "Varje månad", regular);
  fixture->structure = test_dup_answer_text (fixture->store,
                                             upp_round_get_uuid (fixture->earlier), "Falun",
                                             "structure");
  fixture->other = test_dup_answer_text (fixture->store, upp_round_get_uuid (fixture->earlier),
                                         "Falun", "other");

  /* Version 2 as the templates page makes it, then edited: question 2 under a new key and
   * reworded, question 6 in two. */
  lok = upp_store_load_template (fixture->store, UPP_TEMPLATE_BUILTIN_LOK, 0, &error);
  g_assert_no_error (error);
  fixture->template = upp_template_duplicate (lok, NULL, NULL);
  upp_template_set_version (fixture->template, 2);
  rename_question (fixture->template, "structure", "collaboration",
                   "Hur samverkar ni, strategiskt och operativt?");
  rename_question (fixture->template, "deviations", "deviation_reports",
                   "Hur ofta rapporteras avvikelser?");
  /* "other", fourth now that the renamed questions went to the end. */
  g_assert_cmpstr (upp_question_get_key (upp_template_get_question (fixture->template, 3)), ==,
                   "other");
  upp_template_remove_question (fixture->template, 3);
  region_part = upp_question_new ("other_region", "6a", "Övrigt till regionen?", "Övrigt region",
                                  UPP_QUESTION_KIND_TEXT);
  municipality_part = upp_question_new ("other_municipality", "6b", "Övrigt till kommunen?",
                                        "Övrigt kommun", UPP_QUESTION_KIND_TEXT);
  upp_question_set_from (region_part, from_other);
  upp_question_set_from (municipality_part, from_other);
  upp_template_add_question (fixture->template, region_part);
  upp_template_add_question (fixture->template, municipality_part);
  g_assert_true (upp_store_save_template (fixture->store, fixture->template, &error));
  g_assert_no_error (error);

  responses = upp_store_list_responses (fixture->store, fixture->earlier, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    g_ptr_array_add (units, upp_response_get_unit (g_ptr_array_index (responses, i)));
  fixture->round = upp_round_new (2026, upp_round_get_region (fixture->earlier), "LÖK 2026",
                                  fixture->template);
  g_assert_true (upp_store_create_round (fixture->store, fixture->round, units, &error));
  g_assert_no_error (error);
  test_set_answer_choices (fixture->store, upp_round_get_uuid (fixture->round), "Falun",
                           "collaboration", "Styrgrupp och nätverk", strategic);
  test_set_answer_choices (fixture->store, upp_round_get_uuid (fixture->round), "Falun",
                           "deviation_reports", "Ibland", occasional);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->round);
  g_clear_object (&fixture->earlier);
  g_clear_object (&fixture->template);
  g_free (fixture->structure);
  g_free (fixture->other);
  test_close_store (&fixture->store, &fixture->dir);
}

/* What the interview form shows beside each question: last year's answer to the question it
 * came from. */
static void
test_previous_answer (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) falun = test_find_response (fixture->store, fixture->round, "Falun");
  g_autoptr(UppResponse) previous = NULL;
  g_autoptr(UppTemplate) previous_template = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  const char *keys[] = { "collaboration", "other_region", "other_municipality", "agreement" };
  const char *expected[] = { fixture->structure, fixture->other, fixture->other, NULL };

  previous = upp_store_find_previous_response (fixture->store, fixture->round,
                                               upp_response_get_unit (falun), &error);
  g_assert_no_error (error);
  g_assert_nonnull (previous);
  previous_template = upp_store_load_response_template (fixture->store, previous, &error);
  g_assert_no_error (error);
  g_assert_cmpint (upp_template_get_version (previous_template), ==, 1);
  versions = upp_store_list_template_versions (fixture->store, UPP_TEMPLATE_BUILTIN_LOK, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  /* By key alone last year has no answer to the reworded question. */
  g_assert_null (upp_response_get_answer (previous, "collaboration"));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(UppAnswer) answer =
        upp_response_dup_mapped_answer (previous, previous_template, fixture->template, versions,
                                        keys[i]);
      UppAnswer *same_key = upp_response_get_answer (previous, keys[i]);

      if (expected[i] == NULL)
        {
          /* A question asked under the same key: its own answer. */
          g_assert_true (answer == same_key);
          continue;
        }
      g_assert_nonnull (answer);
      g_assert_cmpstr (upp_answer_get_text (answer), ==, expected[i]);
    }
}

/* The change-over-years chart of the reworded question has both years. */
static void
test_chart_lines_up_years (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppChart) chart = upp_chart_new_for_round (fixture->store, fixture->round,
                                                       UPP_CHART_CHANGE_OVER_YEARS,
                                                       "collaboration", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (upp_chart_get_n_columns (chart), ==, 2);
  g_assert_cmpstr (upp_chart_get_column_label (chart, 0), ==, "2025");
  g_assert_cmpstr (upp_chart_get_column_label (chart, 1), ==, "2026");
}

/* The workbook's sheet of the reworded question and of each half of the split one holds the
 * 2025 answers too; the 2025 answers stay in the database as they were. */
static void
test_workbook_lines_up_years (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = test_rounds_of (fixture->round);
  g_autofree char *path = g_build_filename (fixture->dir, "mapping.xlsx", NULL);
  g_autofree char *structure = NULL;
  g_autofree char *other = NULL;
  g_autofree char *out = NULL;
  const char *script =
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1])\n"
    "def answers(question_text, column):\n"
    "    for sheet in book.worksheets:\n"
    "        if sheet['C1'].value == question_text:\n"
    "            return {(row[0], row[2]): row[column] for row in\n"
    "                    sheet.iter_rows(min_row=3, values_only=True)}\n"
    "    raise AssertionError('no sheet asks ' + question_text)\n"
    "collaboration = answers('Hur samverkar ni, strategiskt och operativt?', 8)\n"
    "assert collaboration[(2025, 'Falun')] == sys.argv[2], collaboration\n"
    "assert collaboration[(2026, 'Falun')] == 'Styrgrupp och nätverk', collaboration\n"
    "for text in ('Övrigt till regionen?', 'Övrigt till kommunen?'):\n"
    "    other = answers(text, 6)\n"
    "    assert other[(2025, 'Falun')] == sys.argv[3], other\n"
    "print('ok')\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, fixture->structure,
                         fixture->other, NULL };

  g_ptr_array_add (rounds, g_object_ref (fixture->earlier));
  g_assert_true (upp_export_xlsx (fixture->store, rounds, path, &error));
  g_assert_no_error (error);
  out = test_run (argv, NULL);
  g_assert_cmpstr (out, ==, "ok\n");

  /* Every old answer is kept under its own key. */
  structure = test_dup_answer_text (fixture->store, upp_round_get_uuid (fixture->earlier),
                                    "Falun", "structure");
  other = test_dup_answer_text (fixture->store, upp_round_get_uuid (fixture->earlier), "Falun",
                                "other");
  g_assert_cmpstr (structure, ==, fixture->structure);
  g_assert_cmpstr (other, ==, fixture->other);
}

/* Letters and digits only, lower case: what survives pdftotext's line breaks. */
static char *
normalise (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The report's years compared reads last year's answer to the reworded question. */
static void
test_report_compares_mapped (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *all = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *expected = NULL;
  UppQuestion *question = upp_template_find_question (fixture->template, "deviation_reports");
  const char *argv[] = { "pdftotext", pdf, "-", NULL };

  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is needed");
      return;
    }
  g_assert_true (upp_report_export_pdf (fixture->store, fixture->round, pdf, NULL, NULL, NULL,
                                        &error));
  g_assert_no_error (error);
  text = test_run (argv, NULL);
  all = normalise (text);
  sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u unit has gone from “%s” to “%s” since %d.",
                                           "%u units have gone from “%s” to “%s” since %d.", 1),
                              1, upp_question_find_choice (question, "regular")->label,
                              upp_question_find_choice (question, "occasional")->label, 2025);
  expected = normalise (sentence);
  g_assert_nonnull (strstr (all, expected));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/question-mapping/previous-answer", Fixture, NULL, fixture_set_up,
              test_previous_answer, fixture_tear_down);
  g_test_add ("/question-mapping/chart", Fixture, NULL, fixture_set_up,
              test_chart_lines_up_years, fixture_tear_down);
  g_test_add ("/question-mapping/workbook", Fixture, NULL, fixture_set_up,
              test_workbook_lines_up_years, fixture_tear_down);
  g_test_add ("/question-mapping/report", Fixture, NULL, fixture_set_up,
              test_report_compares_mapped, fixture_tear_down);
  return g_test_run ();
}
