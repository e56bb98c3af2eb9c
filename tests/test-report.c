/* test-report.c: the written report of the Dalarna example, read back with pdftotext
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "import/import-dalarna.h"
#include "charts/upp-chart.h"
#include "report/upp-report.h"
#include "upp-agreement.h"
#include "upp-answer.h"
#include "upp-interview.h"
#include "upp-coding.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme.h"
#include "upp-util.h"

#include "test-util.h"

#define DALARNA "20"

typedef struct
{
  char      *dir;
  UppStore  *store;
  UppRound  *round;
  char      *pdf;
} Fixture;

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are needed");
      return FALSE;
    }
  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "uppfoljning");
  fixture->round = test_import_dalarna_round (fixture->store, 2026);
  fixture->pdf = g_build_filename (fixture->dir, "rapport.pdf", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->round);
  test_close_store (&fixture->store, &fixture->dir);
  g_free (fixture->pdf);
}

/* Codes the agreement question as an analyst would, and writes the report's own texts, so the
 * report has a chart and every optional section. */
static void
complete_round (Fixture *fixture)
{
  static const char *codes[] = { "in_progress", "in_progress", "planned", NULL, "in_progress",
                                 "in_progress", "ready_unsigned", "ready_unsigned",
                                 "in_progress", "in_progress", "signed" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (fixture->store, fixture->round,
                                                             &error);

  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      UppAnswer *answer = upp_response_get_answer (response, "agreement");
      const char *choice[] = { codes[i % G_N_ELEMENTS (codes)], NULL };

      /* Three interviews with their details, for the method chapter. */
      if (i < 3)
        {
          static const char *dates[] = { "2026-03-10", "2026-03-12", "2026-03-20" };
          static const UppInterviewMode modes[] = { UPP_INTERVIEW_MODE_VISIT,
                                                    UPP_INTERVIEW_MODE_PHONE,
                                                    UPP_INTERVIEW_MODE_VIDEO };

          upp_response_set_status (response, UPP_RESPONSE_STATUS_DONE);
          upp_response_set_interview_date (response, dates[i]);
          upp_response_set_mode (response, modes[i]);
          upp_response_set_participant_count (response, 3 - i);
          upp_response_set_participant_roles (response, i == 0 ? "enhetschef, verksamhetsutvecklare"
                                                                : NULL);
          upp_store_save_response_details (fixture->store, response, &error);
          g_assert_no_error (error);
        }

      if (choice[0] == NULL || answer == NULL || upp_answer_is_empty (answer))
        continue;
      upp_store_set_answer (fixture->store, fixture->round, response, "agreement",
                            upp_answer_get_text (answer), choice, &error);
      g_assert_no_error (error);
    }

  upp_round_set_text (fixture->round, UPP_REPORT_TEXT_SUMMARY,
                      "Uppföljningen visar att arbetet med lokala överenskommelser pågår i "
                      "nästan hela länet.\n\nDe viktigaste frågorna är att:\n"
                      "- resurssätta arbetet med LÖK\n- använda SIP i högre grad");
  upp_round_set_text (fixture->round, UPP_REPORT_TEXT_RECOMMENDATIONS,
                      "Kommunerna och regionen föreslås teckna lokala överenskommelser under "
                      "året.");
  upp_round_set_text (fixture->round, UPP_REPORT_TEXT_AUTHOR, "Anna Andersson");
  upp_round_set_text (fixture->round, UPP_REPORT_TEXT_ORGANISATION, "FoU Dalarna");
  upp_store_update_round (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
}

/* Letters and digits only, lower case: what survives line breaks, hyphenation at line ends,
 * running headers and how pdftotext spaces words. */
static char *
normalise (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Finds each word of text in order in haystack from *cursor, with no more than max_gap
 * characters between one word and the next (room for a running header and a page number,
 * never for a missing sentence). */
static void
assert_words_in_order (const char *haystack,
                       gsize      *cursor,
                       const char *text,
                       gsize       max_gap,
                       const char *what)
{
  g_auto(GStrv) words = g_regex_split_simple ("[\\s\\-–/]+", text, 0, 0);
  gboolean first = TRUE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = normalise (words[i]);
      const char *found;

      if (*word == '\0')
        continue;
      found = strstr (haystack + *cursor, word);
      if (found == NULL || (!first && (gsize) (found - haystack) - *cursor > max_gap))
        g_error ("%s: word %u “%s” missing or out of order after “%.60s”", what, i,
                 words[i],
                 haystack + (*cursor > 60 ? *cursor - 60 : 0));
      *cursor = (found - haystack) + strlen (word);
      first = FALSE;
    }
}

static GStrv
pdf_pages (const char *pdf,
           gboolean    layout)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL, NULL };
  g_autofree char *text = NULL;

  /* Default mode reads the page top to bottom; -layout keeps each contents line whole. */
  if (layout)
    {
      argv[3] = "-layout";
      argv[4] = pdf;
      argv[5] = "-";
    }
  text = test_run (argv, NULL);

  return g_strsplit (text, "\f", -1);
}

static guint
pdf_page_count (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = test_run (argv, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("^Pages: *([0-9]+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *count = NULL;

  g_assert_true (g_regex_match (regex, info, 0, &match));
  count = g_match_info_fetch (match, 1);
  return (guint) g_ascii_strtoull (count, NULL, 10);
}

static void
test_report_answers_in_full (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppReport) report = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;
  g_autofree char *results = NULL;
  UppTemplate *template = upp_round_get_template (fixture->round);
  gsize cursor = 0;
  guint n_checked = 0;

  if (!have_poppler ())
    return;
  complete_round (fixture);

  report = upp_report_new (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_true (upp_report_write_pdf (report, fixture->pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* UPP_TEST_KEEP_REPORT=path keeps a copy to look at (pdftoppm -png -r 60). */
  if (g_getenv ("UPP_TEST_KEEP_REPORT") != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (fixture->pdf, &contents, &length, NULL);
      g_file_set_contents (g_getenv ("UPP_TEST_KEEP_REPORT"), contents, length, NULL);
    }

  pages = pdf_pages (fixture->pdf, FALSE);
  all = g_strjoinv ("\n", pages);
  g_assert_nonnull (strstr (all, "Anna Andersson"));
  g_assert_nonnull (strstr (all, "FoU Dalarna"));
  g_assert_nonnull (strstr (all, "resurssätta arbetet med LÖK"));
  g_assert_nonnull (strstr (all, "(enhetschef, verksamhetsutvecklare)"));

  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (responses->len, ==, 11);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      g_autofree char *name = normalise (upp_response_get_unit_name (response));
      g_autofree char *normal = normalise (all);

      g_assert_nonnull (strstr (normal, name));
    }

  /* The results: from the first question's heading on, each question, then each unit's
   * name and every word of its answer, in order. */
  {
    guint first_results_page = 0;

    for (guint e = 0; e < upp_report_get_n_contents (report); e++)
      if (first_results_page == 0 && e > 0
          && upp_report_get_contents_page (report, e) > upp_report_get_contents_page (report, 0))
        first_results_page = upp_report_get_contents_page (report, e);
    g_assert_cmpuint (first_results_page, >, 2);
    /* Everything after the contents page: the contents also list the questions. */
    {
      g_autofree char *body = g_strjoinv ("\n", pages + 2);

      results = normalise (body);
    }
  }

  for (guint q = 0; q < upp_template_get_n_questions (template); q++)
    {
      UppQuestion *question = upp_template_get_question (template, q);
      g_autofree char *what = g_strdup_printf ("question %u", q + 1);

      assert_words_in_order (results, &cursor, upp_question_get_text (question), G_MAXSIZE,
                             what);
      for (guint i = 0; i < responses->len; i++)
        {
          UppResponse *response = g_ptr_array_index (responses, i);
          UppAnswer *answer = upp_response_get_answer (response,
                                                       upp_question_get_key (question));
          g_autofree char *unit = g_strdup_printf ("%s, %s", what,
                                                   upp_response_get_unit_name (response));

          if (answer == NULL || upp_answer_is_empty (answer))
            continue;
          assert_words_in_order (results, &cursor, upp_response_get_unit_name (response),
                                 2000, unit);
          assert_words_in_order (results, &cursor, upp_answer_get_text (answer), 160, unit);
          n_checked++;
        }
    }
  /* 43 answers in the table (Gagnef's only cell says it did not answer), the longest
   * thousands of characters. */
  g_assert_cmpuint (n_checked, ==, 43);
}

static void
test_report_contents_and_pages (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppReport) report = NULL;
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) layout_pages = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) entry = g_regex_new ("^\\s*(\\S.*\\S)\\s+(\\d+)\\s*$", 0, 0, NULL);
  g_autofree char *fonts = NULL;
  const char *pdffonts[] = { "pdffonts", NULL, NULL };
  guint n_pages, n_entries = 0;

  if (!have_poppler ())
    return;
  complete_round (fixture);

  report = upp_report_new (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_true (upp_report_write_pdf (report, fixture->pdf, NULL, NULL, NULL, &error));

  /* pdfinfo, pdftotext and the report agree on the number of pages. */
  n_pages = pdf_page_count (fixture->pdf);
  g_assert_cmpuint (n_pages, ==, upp_report_get_n_pages (report));
  pages = pdf_pages (fixture->pdf, FALSE);
  layout_pages = pdf_pages (fixture->pdf, TRUE);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages + 1);  /* ends with a form feed */

  /* Every page but the title page has the running header and its number. */
  g_assert_null (strstr (pages[0], "Region Dalarna ·"));
  for (guint p = 1; p < n_pages; p++)
    {
      g_autofree char *number = g_strdup_printf ("%u", p + 1);
      g_auto(GStrv) page_lines = g_strsplit (g_strstrip (pages[p]), "\n", -1);
      guint n = g_strv_length (page_lines);

      g_assert_nonnull (strstr (pages[p], "Region Dalarna · 2026"));
      g_assert_cmpstr (g_strstrip (page_lines[n - 1]), ==, number);
    }

  /* No page ends with a heading: a unit's name or a question stays with its answer. */
  {
    g_autoptr(GPtrArray) responses = upp_store_list_responses (fixture->store, fixture->round,
                                                               &error);
    UppTemplate *template = upp_round_get_template (fixture->round);

    g_assert_no_error (error);
    for (guint p = 2; p < n_pages; p++)
      {
        g_auto(GStrv) page_lines = g_strsplit (g_strstrip (pages[p]), "\n", -1);
        guint n = g_strv_length (page_lines);
        const char *last = NULL;

        /* The last line before the page number. */
        for (guint l = n - 1; l > 0 && last == NULL; l--)
          if (*g_strstrip (page_lines[l - 1]) != '\0')
            last = page_lines[l - 1];
        g_assert_nonnull (last);
        for (guint i = 0; i < responses->len; i++)
          if (g_strcmp0 (last, upp_response_get_unit_name (g_ptr_array_index (responses, i))) == 0)
            g_error ("page %u ends with the heading “%s”", p + 1, last);
        for (guint q = 0; q < upp_template_get_n_questions (template); q++)
          {
            UppQuestion *question_q = upp_template_get_question (template, q);
            g_autofree char *question = normalise (upp_question_get_text (question_q));
            g_autofree char *line = normalise (last);

            if (strlen (line) > 8 && g_str_has_suffix (question, line))
              g_error ("page %u ends with question %u", p + 1, q + 1);
          }
      }
  }

  /* The contents page: each entry's printed number is a page where its heading stands. */
  g_assert_true (strstr (pages[1], "Contents") != NULL || strstr (pages[1], "Innehåll") != NULL);
  lines = g_strsplit (layout_pages[1], "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *title = NULL;
      g_autofree char *number = NULL;
      g_autofree char *heading = NULL;
      g_autofree char *on_page = NULL;
      guint page;

      /* The running header ends in the year. */
      if (strstr (lines[i], "Region Dalarna ·") != NULL
          || !g_regex_match (entry, lines[i], 0, &match))
        continue;
      title = g_match_info_fetch (match, 1);
      number = g_match_info_fetch (match, 2);
      /* The running page number at the bottom is not an entry. */
      if (g_regex_match_simple ("^\\d+$", title, 0, 0))
        continue;
      page = (guint) g_ascii_strtoull (number, NULL, 10);
      g_assert_cmpuint (page, ==, upp_report_get_contents_page (report, n_entries));
      g_assert_cmpuint (page, >=, 2);
      g_assert_cmpuint (page, <=, n_pages);
      heading = normalise (title);
      on_page = normalise (pages[page - 1]);
      if (strstr (on_page, heading) == NULL)
        g_error ("contents entry “%s” says page %u, where it is not", title, page);
      n_entries++;
    }
  /* Summary, recommendations, method, results, six questions, appendix. */
  g_assert_cmpuint (n_entries, ==, upp_report_get_n_contents (report));
  g_assert_cmpuint (n_entries, ==, 11);

  /* Fonts embedded. */
  pdffonts[1] = fixture->pdf;
  fonts = test_run (pdffonts, NULL);
  g_assert_nonnull (strstr (fonts, "DejaVu"));
  g_assert_false (g_regex_match_simple ("\\s(no)\\s+(yes|no)\\s+(yes|no)\\s+\\d+", fonts, 0, 0));
}

/* One answer of several pages: every numbered word in order, none lost at the page breaks. */
static void
test_report_answer_over_pages (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;
  g_autofree char *normal = NULL;
  const char *first, *last;
  gsize cursor = 0;
  guint first_page = 0, last_page = 0;

  if (!have_poppler ())
    return;

  for (guint i = 1; i <= 2400; i++)
    g_string_append_printf (answer, "ord%u%s", i, i % 97 == 0 ? "\n" : " ");
  response = upp_store_find_response (fixture->store, fixture->round, "Rättvik", &error);
  g_assert_no_error (error);
  upp_store_set_answer (fixture->store, fixture->round, response, "other", answer->str, NULL,
                        &error);
  g_assert_no_error (error);
  g_assert_true (upp_report_export_pdf (fixture->store, fixture->round, fixture->pdf, NULL,
                                        NULL, NULL, &error));
  g_assert_no_error (error);

  pages = pdf_pages (fixture->pdf, FALSE);
  for (guint p = 0; pages[p] != NULL; p++)
    {
      if (first_page == 0 && strstr (pages[p], "ord1 ") != NULL)
        first_page = p + 1;
      if (strstr (pages[p], "ord2400") != NULL)
        last_page = p + 1;
    }
  g_assert_cmpuint (first_page, >, 0);
  g_assert_cmpuint (last_page, >=, first_page + 2);

  all = g_strjoinv ("\n", pages);
  normal = normalise (all);
  assert_words_in_order (normal, &cursor, answer->str, 120, "Rättvik, question 6");
  first = strstr (all, "ord1 ");
  last = strstr (all, "ord2400");
  g_assert_true (first < last);
}

/* A round just created, without units or answers, still gives a whole report. */
static void
test_report_empty_round (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRegion) region = upp_store_find_region (fixture->store, "03", &error);
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(UppReport) report = NULL;

  g_assert_no_error (error);
  template = upp_store_load_template (fixture->store, UPP_TEMPLATE_BUILTIN_LOK, 0, &error);
  g_assert_no_error (error);
  round = upp_round_new (2027, region, "Tom omgång", template);
  g_assert_true (upp_store_create_round (fixture->store, round, units, &error));
  g_assert_no_error (error);

  report = upp_report_new (fixture->store, round, &error);
  g_assert_no_error (error);
  /* Title, contents, method, results, appendix. */
  g_assert_cmpuint (upp_report_get_n_pages (report), >=, 5);
  g_assert_true (upp_report_write_pdf (report, fixture->pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (have_poppler ())
    g_assert_cmpuint (pdf_page_count (fixture->pdf), ==, upp_report_get_n_pages (report));
}

static void
test_report_empty_texts_left_out (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;

  if (!have_poppler ())
    return;
  upp_round_set_text (fixture->round, UPP_REPORT_TEXT_SUMMARY, "  \n ");
  g_assert_true (upp_report_export_pdf (fixture->store, fixture->round, fixture->pdf, NULL,
                                        NULL, NULL, &error));
  g_assert_no_error (error);
  pages = pdf_pages (fixture->pdf, FALSE);
  all = g_strjoinv ("\n", pages);
  g_assert_null (strstr (all, "Summary"));
  g_assert_null (strstr (all, "Sammanfattning"));
  g_assert_null (strstr (all, "Recommendations"));
  g_assert_nonnull (strstr (all, "Gagnef"));
}

static void
count_progress (guint    page,
                guint    n_pages,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (page, ==, *calls + 1);
  (*calls)++;
}

static void
test_report_progress_and_failure (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppReport) report = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "r.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint calls = 0;

  report = upp_report_new (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_true (upp_report_write_pdf (report, fixture->pdf, count_progress, &calls, NULL,
                                       &error));
  g_assert_cmpuint (calls, ==, upp_report_get_n_pages (report));

  g_assert_false (upp_report_write_pdf (report, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, UPP_REPORT_ERROR, UPP_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* Cancelled: the earlier file stays as it was, no temporary file is left. */
  g_cancellable_cancel (cancellable);
  g_assert_false (upp_report_write_pdf (report, fixture->pdf, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (!g_str_has_prefix (name, "uppfoljning.db") && g_strcmp0 (name, "backups") != 0)
        {
          g_assert_cmpstr (name, ==, "rapport.pdf");
          n++;
        }
    g_assert_cmpuint (n, ==, 1);
  }
}

static UppTheme *
add_theme (Fixture      *fixture,
           const char   *name,
           UppThemeKind  kind)
{
  g_autoptr(GError) error = NULL;
  UppTheme *theme = upp_store_add_theme (fixture->store, DALARNA, name, kind, &error);

  g_assert_no_error (error);
  return theme;
}

/* Sets the unit's answer to question and codes the characters that spell passage. */
static UppCoding *
code_passage (Fixture    *fixture,
              const char *unit,
              const char *question,
              const char *text,
              const char *passage,
              UppTheme   *theme)
{
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  const char *at = strstr (text, passage);
  UppCoding *coding;
  glong start;

  test_set_answer (fixture->store, upp_round_get_uuid (fixture->round), unit, question, text);
  response = test_find_response (fixture->store, fixture->round, unit);
  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  coding = upp_store_code_passage (fixture->store, fixture->round, response, question, start,
                                   start + g_utf8_strlen (passage, -1), theme, &error);
  g_assert_no_error (error);
  return coding;
}

/* "2 units" in the report's language, normalised. */
static char *
dup_units (guint n_units)
{
  g_autofree char *units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units",
                                                         n_units), n_units);

  return normalise (units);
}

/* The text of the report from the heading of the factors chapter to the appendix, or NULL
 * when the report has no such chapter. */
static char *
dup_factors_chapter (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;
  g_autofree char *heading = normalise (_("Promoting and hindering factors"));
  g_autofree char *appendix = normalise (_("Appendix: Questionnaire"));
  const char *start, *end;

  g_assert_true (upp_report_export_pdf (fixture->store, fixture->round, fixture->pdf, NULL,
                                        NULL, NULL, &error));
  g_assert_no_error (error);
  pages = pdf_pages (fixture->pdf, FALSE);
  {
    g_autofree char *joined = g_strjoinv ("\n", pages);

    all = normalise (joined);
  }
  /* Past the table of contents, which names the chapter too. */
  start = strstr (all, heading);
  if (start != NULL)
    start = strstr (start + strlen (heading), heading);
  if (start == NULL)
    return NULL;
  end = strstr (start, appendix);
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

/* The factor table of seed 001: promoting beside hindering themes, each with its number of
 * units and a quote; themes no unit has are left out, and so is the chapter without any. */
static void
test_report_factor_table (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *falun = "Samverkan kring SIP fungerar bra. Personalbrist gör att det tar "
                             "tid.";
  static const char *leksand = "Gemensamma utbildningar för personalen. Samverkan på "
                               "ledningsnivå.";
  static const char *borlange = "Svårt att rekrytera sjuksköterskor till IBM.";
  g_autoptr(UppTheme) cooperation = NULL;
  g_autoptr(UppTheme) training = NULL;
  g_autoptr(UppTheme) staff = NULL;
  g_autoptr(UppTheme) unused = NULL;
  g_autoptr(UppCoding) chosen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chapter = NULL;
  g_autofree char *two_units = NULL;
  g_autofree char *one_unit = NULL;
  const char *at_cooperation, *at_training;

  if (!have_poppler ())
    return;

  /* Themes no answer is coded with: no chapter. */
  cooperation = add_theme (fixture, "Samverkan", UPP_THEME_KIND_PROMOTING);
  training = add_theme (fixture, "Utbildning", UPP_THEME_KIND_PROMOTING);
  staff = add_theme (fixture, "Personalbrist", UPP_THEME_KIND_HINDERING);
  unused = add_theme (fixture, "Digitala verktyg", UPP_THEME_KIND_PROMOTING);
  g_assert_null (dup_factors_chapter (fixture));

  g_object_unref (code_passage (fixture, "Falun", "challenges", falun,
                                "Samverkan kring SIP fungerar bra", cooperation));
  chosen = code_passage (fixture, "Falun", "challenges", falun,
                         "Personalbrist gör att det tar tid", staff);
  g_object_unref (code_passage (fixture, "Leksand", "good_examples", leksand,
                                "Samverkan på ledningsnivå", cooperation));
  g_object_unref (code_passage (fixture, "Leksand", "good_examples", leksand,
                                "Gemensamma utbildningar för personalen", training));
  g_object_unref (code_passage (fixture, "Borlänge", "challenges", borlange,
                                "Svårt att rekrytera sjuksköterskor till IBM", staff));
  /* The analyst's quote for the hindering factor. */
  g_assert_true (upp_store_set_coding_quote (fixture->store, chosen, TRUE, &error));
  g_assert_no_error (error);

  chapter = dup_factors_chapter (fixture);
  g_assert_nonnull (chapter);
  two_units = dup_units (2);
  one_unit = dup_units (1);
  {
    g_autofree char *header = normalise (_("Promoting factors"));
    g_autofree char *hindering = normalise (_("Hindering factors"));
    g_autofree char *cooperation_cell = NULL;
    g_autofree char *staff_cell = NULL;
    g_autofree char *training_cell = NULL;

    g_assert_nonnull (strstr (chapter, header));
    g_assert_nonnull (strstr (chapter, hindering));
    /* Each cell whole: the theme, its units and its first quote with the unit. */
    cooperation_cell = g_strconcat ("samverkan", two_units, "samverkankringsipfungerarbrafalun",
                                    NULL);
    staff_cell = g_strconcat ("personalbrist", two_units,
                              "personalbristgörattdettartidfalun", NULL);
    training_cell = g_strconcat ("utbildning", one_unit,
                                 "gemensammautbildningarförpersonalenleksand", NULL);
    if (strstr (chapter, cooperation_cell) == NULL || strstr (chapter, staff_cell) == NULL
        || strstr (chapter, training_cell) == NULL)
      g_error ("factor cells missing from “%s”", chapter);
    /* By number of units: Samverkan (2) above Utbildning (1). */
    at_cooperation = strstr (chapter, cooperation_cell);
    at_training = strstr (chapter, training_cell);
    g_assert_true (at_cooperation < at_training);
  }
  g_assert_null (strstr (chapter, "digitalaverktyg"));
}

/* Sets every unit's LÖK status in round: the one statuses names for it, else "in_progress". */
static void
set_statuses (Fixture    *fixture,
              UppRound   *round,
              const char *statuses[][2])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (fixture->store, round, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    {
      const char *unit = upp_response_get_unit_name (g_ptr_array_index (responses, i));
      const char *choice[] = { "in_progress", NULL };
      g_autofree char *text = test_dup_answer_text (fixture->store, upp_round_get_uuid (round),
                                                    unit, "agreement");

      for (guint s = 0; statuses[s][0] != NULL; s++)
        if (g_str_equal (statuses[s][0], unit))
          choice[0] = statuses[s][1];
      test_set_answer_choices (fixture->store, upp_round_get_uuid (round), unit, "agreement",
                               *text != '\0' ? text : "Se intervjun.", choice);
    }
}

/* Years compared: the status table lists exactly the units whose LÖK status changed since
 * the latest earlier round, with ↑ for better and ↓ for worse, and a sentence counts each
 * change. A later round is no round to compare with. */
static void
test_report_years_compared (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char *earlier_statuses[][2] = {
    { "Borlänge", "signed" }, { "Leksand", "planned" }, { NULL, NULL } };
  static const char *statuses[][2] = {
    { "Falun", "signed" }, { "Rättvik", "signed" }, { "Leksand", "planned" }, { NULL, NULL } };
  static const struct { const char *unit; const char *mark; } changed[] = {
    { "Borlänge", "↓" }, { "Falun", "↑" }, { "Rättvik", "↑" } };
  g_autoptr(UppRound) earlier = test_import_dalarna_round (fixture->store, 2025);
  g_autoptr(UppRound) oldest = test_import_dalarna_round (fixture->store, 2023);
  g_autoptr(UppRound) later = test_import_dalarna_round (fixture->store, 2027);
  g_autoptr(UppRound) found = NULL;
  g_autoptr(UppReport) refused = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *heading = normalise (_("Years compared"));
  g_autofree char *next = normalise (_("Changes per question"));
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  gboolean seen[G_N_ELEMENTS (changed)] = { FALSE, };
  guint n_rows = 0;
  guint n_marked = 0;
  gboolean in_chapter = FALSE;

  if (!have_poppler ())
    return;
  set_statuses (fixture, earlier, earlier_statuses);
  set_statuses (fixture, fixture->round, statuses);

  /* The latest earlier round of the region, not the oldest, nor a later one. */
  found = upp_report_find_earlier_round (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_round_get_uuid (found), ==, upp_round_get_uuid (earlier));
  refused = upp_report_new_compared (fixture->store, fixture->round, later, &error);
  g_assert_error (error, UPP_REPORT_ERROR, UPP_REPORT_ERROR_NOT_EARLIER);
  g_assert_null (refused);
  g_clear_error (&error);

  g_assert_true (upp_report_export_pdf (fixture->store, fixture->round, fixture->pdf, NULL,
                                        NULL, NULL, &error));
  g_assert_no_error (error);
  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_no_error (error);

  /* Each table row is one line of -layout text: the unit, from, to and the mark. */
  pages = pdf_pages (fixture->pdf, TRUE);
  for (guint p = 2; pages[p] != NULL; p++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[p], "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *line = normalise (lines[l]);
          const char *unit = NULL;

          if (g_str_has_suffix (line, heading) && strlen (line) - strlen (heading) <= 2)
            in_chapter = TRUE;
          else if (in_chapter && g_str_equal (line, next))
            in_chapter = FALSE;
          if (!in_chapter)
            continue;
          for (guint i = 0; i < responses->len && unit == NULL; i++)
            {
              const char *name = upp_response_get_unit_name (g_ptr_array_index (responses, i));

              if (g_str_has_prefix (g_strchug (lines[l]), name))
                unit = name;
            }
          if (unit == NULL || (strstr (lines[l], "↑") == NULL && strstr (lines[l], "↓") == NULL))
            continue;
          for (guint c = 0; c < G_N_ELEMENTS (changed); c++)
            if (g_str_equal (unit, changed[c].unit))
              {
                g_assert_nonnull (strstr (lines[l], changed[c].mark));
                g_assert_false (seen[c]);
                seen[c] = TRUE;
                n_rows++;
              }
          if (++n_marked != n_rows)
            g_error ("“%s” is no changed unit", lines[l]);
        }
    }
  g_assert_cmpuint (n_rows, ==, G_N_ELEMENTS (changed));

  /* The sentences, in the report's language. */
  {
    g_autofree char *joined = NULL;
    g_autofree char *all = NULL;
    g_autofree char *two = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u unit has gone from “%s” to “%s” "
                                                         "since %d.",
                                                         "%u units have gone from “%s” to "
                                                         "“%s” since %d.", 2),
                                            2, "Arbete pågår", "Klar och undertecknad", 2025);
    g_autofree char *one = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u unit has gone from “%s” to “%s” "
                                                         "since %d.",
                                                         "%u units have gone from “%s” to "
                                                         "“%s” since %d.", 1),
                                            1, "Klar och undertecknad", "Arbete pågår", 2025);

    g_strfreev (pages);
    pages = pdf_pages (fixture->pdf, FALSE);
    joined = g_strjoinv ("\n", pages);
    all = normalise (joined);
    up = normalise (two);
    down = normalise (one);
    g_assert_nonnull (strstr (all, up));
    g_assert_nonnull (strstr (all, down));
    g_assert_true (strstr (all, up) < strstr (all, down));
  }

  /* Without an earlier round: no chapter. */
  {
    g_autoptr(UppReport) alone = upp_report_new_compared (fixture->store, fixture->round, NULL,
                                                          &error);

    g_assert_no_error (error);
    g_assert_true (upp_report_write_pdf (alone, fixture->pdf, NULL, NULL, NULL, &error));
    g_strfreev (pages);
    pages = pdf_pages (fixture->pdf, FALSE);
    for (guint p = 0; pages[p] != NULL; p++)
      {
        g_autofree char *page = normalise (pages[p]);

        g_assert_null (strstr (page, up));
      }
  }
}

/* With SOURCE_DATE_EPOCH set, two exports of the same round a second apart are the same
 * bytes, dated from it. */
static void
test_report_source_date_epoch (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *second = g_build_filename (fixture->dir, "rapport-2.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) second_bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  complete_round (fixture);
  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE);  /* 2026-01-01 00:00 UTC */
  g_assert_true (upp_report_export_pdf (fixture->store, fixture->round, fixture->pdf, NULL,
                                        NULL, NULL, &error));
  g_assert_no_error (error);
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (upp_report_export_pdf (fixture->store, fixture->round, second, NULL, NULL,
                                        NULL, &error));
  g_assert_no_error (error);
  g_unsetenv ("SOURCE_DATE_EPOCH");

  g_assert_true (g_file_get_contents (fixture->pdf, &contents, &length, &error));
  g_assert_no_error (error);
  first_bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_assert_true (g_file_get_contents (second, &contents, &length, &error));
  g_assert_no_error (error);
  second_bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_assert_true (g_bytes_equal (first_bytes, second_bytes));
  if (have_poppler ())
    {
      const char *argv[] = { "pdfinfo", "-isodates", fixture->pdf, NULL };
      g_autofree char *info = test_run (argv, NULL);

      g_assert_true (g_regex_match_simple ("CreationDate:\\s+2026-01-01T00:00:00", info, 0, 0));
    }
}

static void
test_report_cli (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *cli = g_getenv ("UPP_CLI");
  g_autofree char *out = NULL;

  if (cli == NULL || !have_poppler ())
    {
      g_test_skip ("UPP_CLI is not set");
      return;
    }
  g_clear_object (&fixture->store);
  {
    g_autofree char *db = g_build_filename (fixture->dir, "uppfoljning.db", NULL);
    const char *argv[] = { cli, "--db", db, "export", "--round",
                           upp_round_get_uuid (fixture->round), "--format", "pdf", "-o",
                           fixture->pdf, NULL };

    out = test_run (argv, NULL);
  }
  g_assert_true (g_file_test (fixture->pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (pdf_page_count (fixture->pdf), >, 5);
}

/* The analyst's text on a question stands in its results, after the chart and count and
 * before the units' answers; a question without one has no analysis heading. */
static void
test_report_analysis_before_answers (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = upp_report_dup_analysis_key ("agreement");
  g_autofree char *analysis_heading = normalise (_("Analysis"));
  g_autofree char *answers_heading = normalise (_("The units’ answers"));
  g_autofree char *falun = test_dup_answer_text (fixture->store,
                                                 upp_round_get_uuid (fixture->round), "Falun",
                                                 "agreement");
  UppTemplate *template = upp_round_get_template (fixture->round);
  const char *second = upp_question_get_text (upp_template_get_question (template, 1));
  gsize cursor = 0;

  if (!have_poppler ())
    return;
  complete_round (fixture);
  upp_round_set_text (fixture->round, key, "Fler kommuner har tecknat en överenskommelse.");
  g_assert_true (upp_store_update_round (fixture->store, fixture->round, &error));
  g_assert_no_error (error);
  g_assert_true (upp_report_export_pdf (fixture->store, fixture->round, fixture->pdf, NULL,
                                        NULL, NULL, &error));
  g_assert_no_error (error);

  pages = pdf_pages (fixture->pdf, FALSE);
  {
    g_autofree char *joined = g_strjoinv ("\n", pages + 2);

    body = normalise (joined);
  }
  assert_words_in_order (body, &cursor,
                         upp_question_get_text (upp_template_get_question (template, 0)),
                         G_MAXSIZE, "question 1");
  assert_words_in_order (body, &cursor, "Klar och undertecknad", G_MAXSIZE, "count");
  assert_words_in_order (body, &cursor, _("Analysis"), G_MAXSIZE, "analysis");
  assert_words_in_order (body, &cursor, "Fler kommuner har tecknat en överenskommelse.", 40,
                         "analysis");
  assert_words_in_order (body, &cursor, _("The units’ answers"), 40, "answers");
  assert_words_in_order (body, &cursor, "Falun", 200, "answers");
  assert_words_in_order (body, &cursor, falun, 200, "Falun's answer");
  /* The next question has no analysis. */
  {
    g_autofree char *second_heading = normalise (second);
    const char *next = strstr (body + cursor, second_heading);

    g_assert_nonnull (next);
    g_assert_null (g_strstr_len (next, 2000, analysis_heading));
    g_assert_null (g_strstr_len (next, 2000, answers_heading));
  }
}

/* The rows of the years-compared table in the report's -layout pages: each changed unit of
 * changed[] once with its mark, and no other unit marked; part_above (NULL: none) is the
 * county part's row above the first. */
typedef struct
{
  const char *unit;
  const char *mark;
} StatusChange;

static void
assert_status_rows (const char         *pdf,
                    GPtrArray          *responses,
                    const StatusChange *changed,
                    guint               n_changed,
                    const char         *part_above)
{
  g_auto(GStrv) pages = pdf_pages (pdf, TRUE);
  g_autofree char *heading = normalise (_("Years compared"));
  g_autofree char *next = normalise (_("Changes per question"));
  g_autofree gboolean *seen = g_new0 (gboolean, n_changed);
  gboolean in_chapter = FALSE;
  g_autofree char *line_before = NULL;
  guint n_rows = 0;

  for (guint p = 2; pages[p] != NULL; p++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[p], "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *line = normalise (lines[l]);
          const char *unit = NULL;
          gboolean found = FALSE;

          if (g_str_has_suffix (line, heading) && strlen (line) - strlen (heading) <= 2)
            in_chapter = TRUE;
          else if (in_chapter && g_str_equal (line, next))
            in_chapter = FALSE;
          if (!in_chapter)
            continue;
          for (guint i = 0; i < responses->len && unit == NULL; i++)
            {
              const char *name = upp_response_get_unit_name (g_ptr_array_index (responses, i));

              if (g_str_has_prefix (g_strchug (lines[l]), name))
                unit = name;
            }
          if (unit == NULL || (strstr (lines[l], "↑") == NULL && strstr (lines[l], "↓") == NULL))
            {
              if (*lines[l] != '\0')
                upp_set_str (&line_before, g_strstrip (lines[l]));
              continue;
            }
          if (n_rows == 0 && part_above != NULL)
            g_assert_cmpstr (line_before, ==, part_above);
          for (guint c = 0; c < n_changed; c++)
            if (g_str_equal (unit, changed[c].unit))
              {
                g_assert_nonnull (strstr (lines[l], changed[c].mark));
                g_assert_false (seen[c]);
                seen[c] = found = TRUE;
                n_rows++;
              }
          if (!found)
            g_error ("“%s” is no changed unit", lines[l]);
        }
    }
  g_assert_cmpuint (n_rows, ==, n_changed);
}

/* Copies every answer of from into to, with the agreement question recoded for the units
 * recoded names: a round duplicated for the next year and partly recoded. */
static void
copy_answers_recoded (Fixture             *fixture,
                      UppRound            *from,
                      UppRound            *to,
                      const StatusChange  *recoded,
                      const char * const  *choices,
                      guint                n_recoded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (fixture->store, from, &error);
  UppTemplate *template = upp_round_get_template (from);

  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      const char *unit = upp_response_get_unit_name (response);
      g_autoptr(UppResponse) copy = upp_store_find_response (fixture->store, to, unit, &error);

      g_assert_no_error (error);
      upp_response_set_status (copy, upp_response_get_status (response));
      upp_response_set_interview_date (copy, upp_response_get_interview_date (response));
      upp_response_set_mode (copy, upp_response_get_mode (response));
      upp_response_set_participant_count (copy, upp_response_get_participant_count (response));
      g_assert_true (upp_store_save_response_details (fixture->store, copy, &error));
      g_assert_no_error (error);
      for (guint q = 0; q < upp_template_get_n_questions (template); q++)
        {
          const char *key = upp_question_get_key (upp_template_get_question (template, q));
          UppAnswer *answer = upp_response_get_answer (response, key);
          const char * const *codes = answer != NULL ? upp_answer_get_choices (answer) : NULL;
          const char *recode[] = { NULL, NULL };

          if (answer == NULL || upp_answer_is_empty (answer))
            continue;
          for (guint r = 0; r < n_recoded && g_str_equal (key, "agreement"); r++)
            if (g_str_equal (recoded[r].unit, unit))
              {
                recode[0] = choices[r];
                codes = recode;
              }
          g_assert_true (upp_store_set_answer (fixture->store, to, copy, key,
                                               upp_answer_get_text (answer), codes, &error));
          g_assert_no_error (error);
        }
    }
}

static void
set_part (Fixture    *fixture,
          UppRound   *round,
          const char *unit,
          const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) response = upp_store_find_response (fixture->store, round, unit,
                                                             &error);

  g_assert_no_error (error);
  g_assert_true (upp_store_set_unit_sub_area (fixture->store, upp_response_get_unit (response),
                                              part, &error));
  g_assert_no_error (error);
}

static void
add_agreement (Fixture            *fixture,
               UppRound           *round,
               const char         *unit_name,
               const char         *name,
               UppAgreementStatus  status,
               const char         *from,
               const char         *to)
{
  g_autoptr(UppResponse) response = test_find_response (fixture->store, round, unit_name);
  g_autoptr(UppAgreement) agreement = upp_agreement_new (name, UPP_AGREEMENT_KIND_LOK);
  g_autoptr(GError) error = NULL;

  upp_agreement_set_status (agreement, status);
  upp_agreement_set_valid_from (agreement, from);
  upp_agreement_set_valid_to (agreement, to);
  g_assert_true (upp_store_save_agreement (fixture->store, upp_response_get_unit (response),
                                           agreement, &error));
  g_assert_no_error (error);
}

/* Issue 14's done-when: the Dalarna example, a second round duplicated from it and partly
 * recoded, a few report texts and themes, gives a report with every part of seed 001 (FoU
 * arbetsrapport 26:2016), in its order: title page, contents, summary, recommendations,
 * proposed follow-up areas, commission and purpose, method (plan, delimitation,
 * implementation), results per question with the analysis, years compared, factors,
 * references and appendices. */
static void
test_report_parts_of_model_report (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const StatusChange changed[] = {
    { "Falun", "↑" }, { "Säter", "↑" }, { "Borlänge", "↓" } };
  static const char * const changed_to[] = { "signed", "signed", "planned" };
  static const char *challenges = "Personalbrist gör det svårt att hinna med samverkan. "
                                  "Gemensamma utbildningar har hjälpt.";
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppReport) report = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(UppTheme) training = NULL;
  g_autoptr(UppTheme) staff = NULL;
  g_autoptr(UppTheme) unused = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *title_page = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = upp_report_dup_analysis_key ("agreement");
  UppTemplate *template;
  gsize cursor = 0;

  if (!have_poppler ())
    return;
  complete_round (fixture);

  /* Next year's round: the same units and answers, three of them recoded. */
  round = upp_store_duplicate_round (fixture->store, fixture->round, 2027, &error);
  g_assert_no_error (error);
  copy_answers_recoded (fixture, fixture->round, round, changed, changed_to,
                        G_N_ELEMENTS (changed));
  template = upp_round_get_template (round);

  /* The units in three parts of the county, Gagnef in none. */
  set_part (fixture, round, "Falun", "Centrala");
  set_part (fixture, round, "Borlänge", "Centrala");
  set_part (fixture, round, "Säter", "Centrala");
  set_part (fixture, round, "Malung-Sälen", "Västra");
  set_part (fixture, round, "Vansbro", "Västra");
  set_part (fixture, round, "Mora, Orsa och Älvdalen", "Västra");
  set_part (fixture, round, "Rättvik", "Östra");
  set_part (fixture, round, "Leksand", "Östra");

  /* Themes coded in the new round's answers. */
  training = add_theme (fixture, "Utbildning", UPP_THEME_KIND_PROMOTING);
  staff = add_theme (fixture, "Personalbrist", UPP_THEME_KIND_HINDERING);
  unused = add_theme (fixture, "Digitala verktyg", UPP_THEME_KIND_PROMOTING);
  g_set_object (&fixture->round, round);
  g_object_unref (code_passage (fixture, "Falun", "challenges", challenges,
                                "Personalbrist gör det svårt att hinna med samverkan", staff));
  g_object_unref (code_passage (fixture, "Falun", "challenges", challenges,
                                "Gemensamma utbildningar har hjälpt", training));
  g_object_unref (code_passage (fixture, "Leksand", "challenges",
                                "Svårt att rekrytera personal till mottagningen.",
                                "Svårt att rekrytera personal", staff));

  /* Interviews as they happened: Falun twice (its summary sent back and approved), Borlänge
   * once; the other units answered in writing. */
  {
    g_autoptr(UppResponse) falun = test_find_response (fixture->store, round, "Falun");
    g_autoptr(UppResponse) borlange = test_find_response (fixture->store, round, "Borlänge");
    g_autoptr(UppInterview) again = upp_interview_new ();

    upp_response_set_interview_date (falun, "2027-03-02");
    upp_response_set_mode (falun, UPP_INTERVIEW_MODE_VISIT);
    upp_response_set_duration_minutes (falun, 90);
    upp_response_set_participant_count (falun, 4);
    upp_response_set_check_sent (falun, "2027-03-05");
    upp_response_set_check_approved (falun, "2027-03-12");
    g_assert_true (upp_store_save_response_details (fixture->store, falun, &error));
    upp_interview_set_date (again, "2027-03-09");
    upp_interview_set_mode (again, UPP_INTERVIEW_MODE_PHONE);
    upp_interview_set_participant_count (again, 2);
    g_assert_true (upp_store_save_interview (fixture->store, falun, again, &error));
    upp_response_set_interview_date (borlange, "2027-03-04");
    upp_response_set_mode (borlange, UPP_INTERVIEW_MODE_VISIT);
    upp_response_set_participant_count (borlange, 3);
    g_assert_true (upp_store_save_response_details (fixture->store, borlange, &error));
    g_assert_no_error (error);

    /* The register: two agreements apply to 2027, one ended before it. */
    add_agreement (fixture, round, "Falun", "LÖK Falun 2025–2028", UPP_AGREEMENT_STATUS_IN_FORCE,
                   "2025-01-01", "2028-12-31");
    add_agreement (fixture, round, "Leksand", "LÖK Leksand", UPP_AGREEMENT_STATUS_IN_PREPARATION,
                   "", "");
    add_agreement (fixture, round, "Borlänge", "Gammal LÖK Borlänge", UPP_AGREEMENT_STATUS_ENDED,
                   "2018-01-01", "2020-12-31");
  }

  /* The report's texts and settings, as the Report view or report-text writes them. */
  {
    g_autoptr(UppRound) stored = test_load_round (fixture->store, upp_round_get_uuid (round));
    static const char *texts[][2] = {
      { UPP_REPORT_TEXT_SUMMARY, "Uppföljningen visar att samverkan har utvecklats." },
      { UPP_REPORT_TEXT_RECOMMENDATIONS, "- teckna LÖK i hela länet" },
      { UPP_REPORT_TEXT_FOLLOW_UP_AREAS, "- samsjuklighet och SIP" },
      { UPP_REPORT_TEXT_BACKGROUND, "Ledningsgruppen gav FoU Dalarna i uppdrag att följa upp "
                                    "överenskommelsen." },
      { UPP_REPORT_TEXT_AUTHOR, "Anna Andersson" },
      { UPP_REPORT_TEXT_SERIES, "FoU arbetsrapport 3:2027" },
      { UPP_REPORT_TEXT_ISSN, "1651-0232" },
      { UPP_REPORT_TEXT_METHOD_PLAN, "Alla kommuner intervjuas var för sig." },
      { UPP_REPORT_TEXT_DELIMITATION, "Primärvården intervjuades inte." },
      { UPP_REPORT_TEXT_REFERENCES, "Nationella riktlinjer. Socialstyrelsen 2019.\n"
                                    "Behovsanalys 2026. Region Dalarna." },
      { "analysis:agreement", "Fler kommuner har tecknat en överenskommelse än förra året." },
      { "analysis:challenges", "Bristen på personal är den vanligaste svårigheten." },
      { UPP_REPORT_TEXT_ANSWERS_IN_APPENDIX, UPP_REPORT_SETTING_ON },
      { UPP_REPORT_TEXT_GROUP_BY_PART, UPP_REPORT_SETTING_ON },
    };

    g_assert_cmpstr (key, ==, "analysis:agreement");
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      upp_round_set_text (stored, texts[i][0], texts[i][1]);
    g_assert_true (upp_store_update_round (fixture->store, stored, &error));
    g_assert_no_error (error);
    g_set_object (&fixture->round, stored);
  }

  report = upp_report_new (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  g_assert_true (upp_report_write_pdf (report, fixture->pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (g_getenv ("UPP_TEST_KEEP_REPORT") != NULL)
    {
      g_autofree char *bytes = NULL;
      gsize length;

      g_file_get_contents (fixture->pdf, &bytes, &length, NULL);
      g_file_set_contents (g_getenv ("UPP_TEST_KEEP_REPORT"), bytes, length, NULL);
    }

  pages = pdf_pages (fixture->pdf, FALSE);
  title_page = normalise (pages[0]);
  contents = normalise (pages[1]);
  {
    g_autofree char *joined = g_strjoinv ("\n", pages + 2);

    body = normalise (joined);
  }

  /* The title page: series and number, title, author, ISSN. */
  cursor = 0;
  assert_words_in_order (title_page, &cursor, "FoU arbetsrapport 3:2027", 0, "series");
  assert_words_in_order (title_page, &cursor, upp_round_get_title (fixture->round), G_MAXSIZE,
                         "title");
  assert_words_in_order (title_page, &cursor, "Anna Andersson", G_MAXSIZE, "author");
  assert_words_in_order (title_page, &cursor, "ISSN 1651-0232", G_MAXSIZE, "ISSN");

  /* The contents list every part in the order of seed 001. */
  {
    const char *entries[] = { _("Contents"), _("Summary"), _("Recommendations"),
                              _("Proposed follow-up areas"), _("Background and purpose"),
                              _("Method"), _("Method plan"), _("Delimitation"),
                              _("Implementation"), _("Results"),
                              upp_question_get_text (upp_template_get_question (template, 0)),
                              _("Years compared"), _("Promoting and hindering factors"),
                              _("References"), _("Appendix: Questionnaire"),
                              _("Appendix: Answers in full") };

    cursor = 0;
    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      assert_words_in_order (contents, &cursor, entries[i], G_MAXSIZE, entries[i]);
  }

  /* The body, part by part. */
  cursor = 0;
  assert_words_in_order (body, &cursor, _("Summary"), G_MAXSIZE, "summary");
  assert_words_in_order (body, &cursor, "Uppföljningen visar att samverkan har utvecklats.",
                         40, "summary");
  assert_words_in_order (body, &cursor, _("Recommendations"), G_MAXSIZE, "recommendations");
  assert_words_in_order (body, &cursor, "teckna LÖK i hela länet", 40, "recommendations");
  assert_words_in_order (body, &cursor, _("Proposed follow-up areas"), G_MAXSIZE, "areas");
  assert_words_in_order (body, &cursor, "samsjuklighet och SIP", 40, "areas");
  assert_words_in_order (body, &cursor, _("Background and purpose"), G_MAXSIZE, "background");
  assert_words_in_order (body, &cursor, "Ledningsgruppen gav FoU Dalarna i uppdrag", 40,
                         "background");
  assert_words_in_order (body, &cursor, _("Method"), G_MAXSIZE, "method");
  assert_words_in_order (body, &cursor, _("Method plan"), 40, "plan");
  assert_words_in_order (body, &cursor, "Alla kommuner intervjuas var för sig.", 40, "plan");
  assert_words_in_order (body, &cursor, _("Delimitation"), 40, "delimitation");
  assert_words_in_order (body, &cursor, "Primärvården intervjuades inte.", 40, "delimitation");
  assert_words_in_order (body, &cursor, _("Implementation"), 40, "implementation");
  /* What was held, not what has an answer: four interviews with three units (Säter's came
   * with the copied details). */
  {
    g_autofree char *held = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u interview was held",
                                                          "%u interviews were held", 4), 4);
    g_autofree char *with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "with %u unit.",
                                                          "with %u units.", 3), 3);
    g_autofree char *modes = g_strdup_printf (_("Interviews by mode: %u on a visit, %u by phone "
                                                "and %u by video."), 2, 1, 1);
    g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "In total %d person took part in "
                                                            "the interviews.",
                                                            "In total %d people took part in "
                                                            "the interviews.", 10), 10);

    assert_words_in_order (body, &cursor, held, G_MAXSIZE, "interviews held");
    assert_words_in_order (body, &cursor, with, 10, "interviews held");
    assert_words_in_order (body, &cursor, modes, 10, "interview modes");
    assert_words_in_order (body, &cursor, people, 10, "participants");
    assert_words_in_order (body, &cursor, "2027", G_MAXSIZE, "interview dates");
    assert_words_in_order (body, &cursor, "Leksand", G_MAXSIZE, "answered in writing");
  }
  /* The interviews under their county parts, in the parts' order. */
  assert_words_in_order (body, &cursor, _("Interviews"), G_MAXSIZE, "interviews");
  assert_words_in_order (body, &cursor, "Centrala Falun", 40, "interviews by part");

  /* Results: first the agreements in force or being prepared in 2027, by county part. */
  assert_words_in_order (body, &cursor, _("Results"), G_MAXSIZE, "results");
  assert_words_in_order (body, &cursor, _("Agreements"), 40, "agreements");
  assert_words_in_order (body, &cursor, "Centrala", G_MAXSIZE, "agreements by part");
  assert_words_in_order (body, &cursor, "Falun LÖK Falun 2025–2028", G_MAXSIZE, "agreements");
  assert_words_in_order (body, &cursor, "2025-01-01 – 2028-12-31", 40, "agreement period");
  /* pdftotext reads a part's heading after its table's first row. */
  assert_words_in_order (body, &cursor, "Leksand LÖK Leksand", 100, "agreements");
  assert_words_in_order (body, &cursor, "Östra", 40, "agreements by part");
  g_assert_null (strstr (body, "gammallökborlänge"));

  /* Each question with its analysis; the answers are in the appendix. */
  for (guint q = 0; q < upp_template_get_n_questions (template); q++)
    {
      UppQuestion *question = upp_template_get_question (template, q);
      g_autofree char *analysis_key = upp_report_dup_analysis_key (upp_question_get_key (question));
      const char *analysis = upp_round_get_text (fixture->round, analysis_key);

      /* The words of the heading together (the first may be anywhere ahead). */
      assert_words_in_order (body, &cursor, upp_question_get_text (question), 40,
                             upp_question_get_key (question));
      if (analysis == NULL)
        continue;
      assert_words_in_order (body, &cursor, _("Analysis"), 3000, analysis_key);
      assert_words_in_order (body, &cursor, analysis, 40, analysis_key);
      assert_words_in_order (body, &cursor, _("The units’ answers to this question are in the "
                                              "appendix “Answers in full”."), 40, analysis_key);
    }
  {
    g_autofree char *answer = normalise (challenges);
    g_autofree char *appendix = normalise (_("Appendix: Answers in full"));
    const char *in_appendix = strstr (body, appendix);

    /* The units' words stand in the appendix only. */
    g_assert_nonnull (in_appendix);
    g_assert_true (strstr (body, answer) > in_appendix);
  }

  /* Years compared: exactly the recoded units, with the chart of the years. */
  assert_words_in_order (body, &cursor, _("Years compared"), G_MAXSIZE, "years compared");
  responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  assert_status_rows (fixture->pdf, responses, changed, G_N_ELEMENTS (changed), "Centrala");
  {
    g_autoptr(UppChart) chart = upp_chart_new_for_round (fixture->store, fixture->round,
                                                         UPP_CHART_CHANGE_OVER_YEARS,
                                                         "agreement", &error);
    g_autofree char *chart_title = NULL;

    g_assert_no_error (error);
    chart_title = g_strdup (upp_chart_get_title (chart));
    assert_words_in_order (body, &cursor, chart_title, G_MAXSIZE, "change over years chart");
  }
  assert_words_in_order (body, &cursor, _("Changes per question"), G_MAXSIZE, "changes");

  /* Factors: the themes chart, then the table of the coded themes, each with its units. */
  assert_words_in_order (body, &cursor, _("Promoting and hindering factors"), G_MAXSIZE,
                         "factors");
  assert_words_in_order (body, &cursor, _("Themes by number of units"), G_MAXSIZE,
                         "themes chart");
  {
    g_autofree char *two = dup_units (2);
    g_autofree char *one = dup_units (1);
    g_autofree char *header = normalise (_("Promoting factors"));
    g_autofree char *staff_cell = g_strconcat ("personalbrist", two,
                                               "personalbristgördetsvårtatthinnamedsamverkan"
                                               "falun", NULL);
    g_autofree char *training_cell = g_strconcat ("utbildning", one,
                                                  "gemensammautbildningarharhjälptfalun", NULL);
    const char *table = strstr (body + cursor, header);
    g_autofree char *references = normalise (_("References"));
    const char *end = table != NULL ? strstr (table, references) : NULL;
    g_autofree char *cells = NULL;

    g_assert_nonnull (end);
    cells = g_strndup (table, end - table);
    if (strstr (cells, staff_cell) == NULL || strstr (cells, training_cell) == NULL)
      g_error ("factor cells missing from “%s”", cells);
    g_assert_null (strstr (cells, "digitalaverktyg"));
  }

  /* References, a line each, then the appendices. */
  assert_words_in_order (body, &cursor, _("References"), G_MAXSIZE, "references");
  assert_words_in_order (body, &cursor, "Nationella riktlinjer. Socialstyrelsen 2019.", 40,
                         "references");
  assert_words_in_order (body, &cursor, "Behovsanalys 2026. Region Dalarna.", 40,
                         "references");
  assert_words_in_order (body, &cursor, _("Appendix: Questionnaire"), G_MAXSIZE,
                         "questionnaire");
  for (guint q = 0; q < upp_template_get_n_questions (template); q++)
    assert_words_in_order (body, &cursor,
                           upp_question_get_text (upp_template_get_question (template, q)),
                           G_MAXSIZE, "questionnaire");
  assert_words_in_order (body, &cursor, _("Appendix: Answers in full"), G_MAXSIZE, "answers");
  /* The units under their parts: Centrala, Västra, Östra, then those without one. */
  assert_words_in_order (body, &cursor, upp_question_get_text (upp_template_get_question
                                                                 (template, 0)),
                         G_MAXSIZE, "answers");
  assert_words_in_order (body, &cursor, "Centrala Falun", 40, "answers by part");
  assert_words_in_order (body, &cursor, "Borlänge", 3000, "answers by part");
  assert_words_in_order (body, &cursor, "Västra", 3000, "answers by part");
  assert_words_in_order (body, &cursor, "Östra", 6000, "answers by part");
  assert_words_in_order (body, &cursor, _("Without county part"), 6000, "answers by part");
}

int
main (int   argc,
      char *argv[])
{
  /* In the environment's language when its translations are at hand (UPP_LOCALEDIR). */
  setlocale (LC_ALL, "");
  if (g_getenv ("UPP_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("UPP_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report/answers-in-full", test_report_answers_in_full);
  ADD ("/report/contents-and-pages", test_report_contents_and_pages);
  ADD ("/report/answer-over-pages", test_report_answer_over_pages);
  ADD ("/report/empty-round", test_report_empty_round);
  ADD ("/report/empty-texts-left-out", test_report_empty_texts_left_out);
  ADD ("/report/progress-and-failure", test_report_progress_and_failure);
  ADD ("/report/factor-table", test_report_factor_table);
  ADD ("/report/years-compared", test_report_years_compared);
  ADD ("/report/source-date-epoch", test_report_source_date_epoch);
  ADD ("/report/cli", test_report_cli);
  ADD ("/report/analysis-before-answers", test_report_analysis_before_answers);
  ADD ("/report/parts-of-model-report", test_report_parts_of_model_report);
#undef ADD

  return g_test_run ();
}
