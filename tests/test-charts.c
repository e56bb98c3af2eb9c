/* test-charts.c: the chart kinds drawn from the coded Dalarna example and from empty rounds
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "charts/upp-chart.h"
#include "chart-fixture.h"
#include "import/import-dalarna.h"
#include "upp-answer.h"
#include "upp-coding.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme-matrix.h"
#include "upp-theme.h"

#include "test-util.h"

static char *
normalize_space (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f", -1);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, words[i]);
    }
  return g_string_free (joined, FALSE);
}

static char *
pdf_text (Fixture *fixture,
          GBytes  *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "chart.pdf", NULL);
  g_autofree char *output = NULL;
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);
  output = test_run (argv, NULL);
  return normalize_space (output);
}

static char *
svg_desc (GBytes *svg)
{
  const char *data = g_bytes_get_data (svg, NULL);
  g_autofree char *text = g_strndup (data, g_bytes_get_size (svg));
  const char *start = strstr (text, "<desc>");
  const char *end = start != NULL ? strstr (start, "</desc>") : NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *unescaped = NULL;
  GString *plain;

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  escaped = g_strndup (start + 6, end - start - 6);

  /* g_markup_escape_text() writes only these five. */
  plain = g_string_new (escaped);
  g_string_replace (plain, "&lt;", "<", 0);
  g_string_replace (plain, "&gt;", ">", 0);
  g_string_replace (plain, "&quot;", "\"", 0);
  g_string_replace (plain, "&apos;", "'", 0);
  g_string_replace (plain, "&#39;", "'", 0);
  g_string_replace (plain, "&amp;", "&", 0);
  unescaped = g_string_free (plain, FALSE);
  return normalize_space (unescaped);
}

static void
assert_svg_well_formed (GBytes *svg)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  static const GMarkupParser parser = { NULL };
  const char *data = g_bytes_get_data (svg, NULL);

  g_assert_true (g_str_has_prefix (data, "<?xml"));
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, g_bytes_get_size (svg), &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (reader->bytes, &size);

  if (reader->offset + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, bytes + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Whether some pixel has this colour (within rounding), e.g. a choice's colour. */
static gboolean
png_has_color (cairo_surface_t *image,
               guint32          rgb)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + y * stride);

      for (int x = 0; x < width; x++)
        if ((row[x] & 0xffffff) == rgb)
          return TRUE;
    }
  return FALSE;
}

static guint
png_count_colors (cairo_surface_t *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + y * stride);

      for (int x = 0; x < width; x++)
        g_hash_table_add (colors, GUINT_TO_POINTER (row[x] & 0xffffff));
    }
  return g_hash_table_size (colors);
}

static cairo_surface_t *
decode_png (GBytes *png)
{
  PngReader reader = { png, 0 };
  cairo_surface_t *image = cairo_image_surface_create_from_png_stream (read_png, &reader);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

static GPtrArray *
unit_names (Fixture  *fixture,
            UppRound *round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (fixture->store, round, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    g_ptr_array_add (names, normalize_space (upp_response_get_unit_name (g_ptr_array_index (responses, i))));
  return names;
}

static GPtrArray *
choice_labels (UppRound   *round,
               const char *question_key)
{
  UppQuestion *question = upp_template_find_question (upp_round_get_template (round),
                                                      question_key);
  GPtrArray *choices = upp_question_get_choices (question);
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < choices->len; i++)
    g_ptr_array_add (labels, g_strdup (((UppChoice *) g_ptr_array_index (choices, i))->label));
  return labels;
}

static void
assert_contains_all (const char *text,
                     GPtrArray  *needles,
                     const char *what)
{
  for (guint i = 0; i < needles->len; i++)
    {
      const char *needle = g_ptr_array_index (needles, i);

      if (strstr (text, needle) == NULL)
        g_error ("%s lacks “%s”:\n%s", what, needle, text);
    }
}

static GBytes *
render_twice (UppChart       *chart,
              UppChartFormat  format,
              int             width,
              int             height,
              double          scale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = upp_chart_render_bytes (chart, format, width, height, scale, &error);
  g_autoptr(GBytes) second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (first);
  second = upp_chart_render_bytes (chart, format, width, height, scale, &error);
  g_assert_no_error (error);
  /* Deterministic output: the same chart gives the same bytes. */
  g_assert_true (g_bytes_equal (first, second));
  return g_steal_pointer (&first);
}

static void
check_chart (Fixture      *fixture,
             UppRound     *round,
             UppChartKind  kind,
             const char   *question,
             gboolean      expect_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppChart) chart = upp_chart_new_for_round (fixture->store, round, kind, question,
                                                       &error);
  g_autoptr(GPtrArray) units = unit_names (fixture, round);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *desc = NULL;
  cairo_surface_t *image;
  int width = 640;
  int height;

  g_assert_no_error (error);
  g_assert_nonnull (chart);
  g_assert_cmpint (upp_chart_has_data (chart), ==, expect_data);
  g_assert_cmpuint (upp_chart_get_n_units (chart), ==, units->len);
  if (upp_chart_kind_needs_question (kind))
    {
      g_assert_cmpstr (upp_chart_get_question_key (chart), ==,
                       question != NULL ? question : "agreement");
      labels = choice_labels (round, upp_chart_get_question_key (chart));
    }
  else
    {
      g_assert_null (upp_chart_get_question_key (chart));
      labels = g_ptr_array_new ();
    }

  height = (int) upp_chart_get_preferred_height (chart, width);
  g_assert_cmpint (height, >=, UPP_CHART_MIN_SIZE);
  /* Eleven units fit an A4 page in portrait (about 480 × 700 points of text area). */
  g_assert_cmpint ((int) upp_chart_get_preferred_height (chart, 480), <, 700);

  png = render_twice (chart, UPP_CHART_FORMAT_PNG, width, height, 1.5);
  /* UPP_CHART_DUMP_DIR=/tmp/charts keeps the images to look at. */
  if (g_getenv ("UPP_CHART_DUMP_DIR") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s-%d-%s.png", upp_chart_kind_to_key (kind),
                                               upp_round_get_year (round),
                                               question != NULL ? question : "default");
      g_autofree char *dump = g_build_filename (g_getenv ("UPP_CHART_DUMP_DIR"), name, NULL);

      g_file_set_contents (dump, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL);
    }
  image = decode_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) (width * 1.5 + 0.5));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) (height * 1.5 + 0.5));
  /* Not blank: text in several shades, and in a coded chart the choices' own colours. */
  g_assert_cmpuint (png_count_colors (image), >, 20);
  if (expect_data && upp_chart_kind_needs_question (kind))
    g_assert_true (png_has_color (image, 0x009E73) || png_has_color (image, 0xE69F00));
  cairo_surface_destroy (image);

  pdf = render_twice (chart, UPP_CHART_FORMAT_PDF, width, height, 1);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));
  text = pdf_text (fixture, pdf);
  g_assert_nonnull (strstr (text, upp_chart_get_title (chart)));
  g_assert_nonnull (strstr (text, "n = "));
  g_assert_nonnull (strstr (text, "Region Dalarna"));

  svg = render_twice (chart, UPP_CHART_FORMAT_SVG, width, height, 1);
  assert_svg_well_formed (svg);
  desc = svg_desc (svg);
  g_assert_nonnull (strstr (desc, upp_chart_get_title (chart)));

  if (expect_data)
    {
      assert_contains_all (text, units, "PDF text");
      assert_contains_all (desc, units, "SVG description");
      assert_contains_all (text, labels, "PDF text");
      assert_contains_all (desc, labels, "SVG description");
    }
  else
    {
      /* The chart says so inside, in words. */
      g_assert_true (strstr (text, "nothing to draw") != NULL || strstr (text, "yet") != NULL);
      g_assert_true (strstr (desc, "nothing to draw") != NULL || strstr (desc, "yet") != NULL);
    }
}

static void
test_coded_round (Fixture       *fixture,
                  gconstpointer  user_data)
{
  for (guint i = 0; i < UPP_N_CHART_KINDS; i++)
    {
      /* The fixture codes choices, not passages with themes. */
      gboolean coded = i != UPP_CHART_THEMES;

      g_test_message ("chart %s, 2025", upp_chart_kind_to_key (i));
      check_chart (fixture, fixture->round_2025, i, NULL, coded);
      g_test_message ("chart %s, 2026", upp_chart_kind_to_key (i));
      check_chart (fixture, fixture->round_2026, i, NULL, coded);
    }
  check_chart (fixture, fixture->round_2025, UPP_CHART_CODED_BY_UNIT, "structure", TRUE);
  check_chart (fixture, fixture->round_2025, UPP_CHART_DISTRIBUTION, "deviations", TRUE);
  check_chart (fixture, fixture->round_2026, UPP_CHART_CHANGE_OVER_YEARS, "structure", TRUE);
}

static void
test_empty_round (Fixture       *fixture,
                  gconstpointer  user_data)
{
  for (guint i = 0; i < UPP_N_CHART_KINDS; i++)
    {
      g_test_message ("chart %s, empty round", upp_chart_kind_to_key (i));
      /* Response progress always has the units' statuses to show. */
      check_chart (fixture, fixture->round_empty, i, NULL, i == UPP_CHART_RESPONSE_PROGRESS);
    }
  /* A question nobody answered, in a round that has other answers. */
  check_chart (fixture, fixture->round_2026, UPP_CHART_CODED_BY_UNIT, "deviations", FALSE);
}

static void
test_change_over_years (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppChart) chart = upp_chart_new_for_round (fixture->store, fixture->round_2026,
                                                       UPP_CHART_CHANGE_OVER_YEARS, NULL,
                                                       &error);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean found_moved = FALSE;

  g_assert_no_error (error);
  text = upp_chart_dup_text (chart);
  g_assert_nonnull (strstr (text, "2025"));
  g_assert_nonnull (strstr (text, "2026"));
  /* Sorted by this year's answer: signed units first. */
  g_assert_nonnull (strstr (text, "Falun: Klar och undertecknad"));
  g_assert_true (strstr (text, "Falun") < strstr (text, "Gagnef"));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700, 500);
  cr = cairo_create (surface);
  upp_chart_draw (chart, cr, 700, 500, UPP_CHART_STYLE_DARK);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* Hover: Falun moved from "in progress" to "signed". */
  for (double y = 0; y < 500 && !found_moved; y += 2)
    for (double x = 0; x < 700 && !found_moved; x += 4)
      {
        g_autofree char *unit = NULL;
        g_autofree char *value = NULL;

        if (upp_chart_hit_test (chart, x, y, &unit, &value) &&
            g_strcmp0 (unit, "Falun") == 0 && g_str_has_prefix (value, "2026: ") &&
            strstr (value, "Klar och undertecknad") != NULL && strstr (value, "changed") != NULL)
          found_moved = TRUE;
      }
  g_assert_true (found_moved);
}

static void
test_hit_test (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppChart) chart = upp_chart_new_for_round (fixture->store, fixture->round_2025,
                                                       UPP_CHART_CODED_BY_UNIT, NULL, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) at_origin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  cairo_surface_t *surface;
  cairo_t *cr;
  char *unit = NULL;

  g_assert_no_error (error);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 500);
  cr = cairo_create (surface);
  /* Drawn at an offset, as in the report: hits are in the chart's own coordinates. */
  cairo_translate (cr, 30, 40);
  upp_chart_draw (chart, cr, 540, 420, UPP_CHART_STYLE_LIGHT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_false (upp_chart_hit_test (chart, 2, 2, &unit, NULL));
  g_assert_null (unit);
  for (double y = 0; y < 420; y += 1)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (upp_chart_hit_test (chart, 400, y, &name, &value))
        g_hash_table_replace (seen, g_steal_pointer (&name), g_steal_pointer (&value));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, FIXTURE_N_UNITS);

  /* Drawn at the origin and unscaled, the same points find the same units. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 540, 420);
  cr = cairo_create (surface);
  upp_chart_draw (chart, cr, 540, 420, UPP_CHART_STYLE_PRINT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  for (double y = 0; y < 420; y += 1)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (upp_chart_hit_test (chart, 400, y, &name, &value))
        g_hash_table_replace (at_origin, g_strdup_printf ("%.0f", y), g_steal_pointer (&name));
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 1000);
  cr = cairo_create (surface);
  cairo_translate (cr, 30, 40);
  cairo_scale (cr, 2, 2);
  upp_chart_draw (chart, cr, 540, 420, UPP_CHART_STYLE_PRINT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  for (double y = 0; y < 420; y += 1)
    {
      g_autofree char *name = NULL;
      g_autofree char *key = g_strdup_printf ("%.0f", y);

      upp_chart_hit_test (chart, 400, y, &name, NULL);
      g_assert_cmpstr (name, ==, g_hash_table_lookup (at_origin, key));
    }
  g_assert_cmpstr (g_hash_table_lookup (seen, "Leksand"), ==,
                   "LÖK-status: Klar, inte undertecknad");
  g_assert_cmpstr (g_hash_table_lookup (seen, "Gagnef"), ==, "LÖK-status: No answer");
}

static void
test_questions (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppChart) chart = NULL;

  chart = upp_chart_new_for_round (fixture->store, fixture->round_2025,
                                   UPP_CHART_DISTRIBUTION, "good_examples", &error);
  g_assert_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_WRONG_QUESTION);
  g_assert_null (chart);
  g_clear_error (&error);

  chart = upp_chart_new_for_round (fixture->store, fixture->round_2025,
                                   UPP_CHART_CODED_BY_UNIT, "no_such_question", &error);
  g_assert_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_WRONG_QUESTION);
  g_assert_null (chart);
  g_clear_error (&error);

  /* Kinds without a question ignore one. */
  chart = upp_chart_new_for_round (fixture->store, fixture->round_2025,
                                   UPP_CHART_RESPONSE_PROGRESS, "agreement", &error);
  g_assert_no_error (error);
  g_assert_null (upp_chart_get_question_key (chart));
}

static void
test_write_file (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppChart) chart = upp_chart_new_for_round (fixture->store, fixture->round_2025,
                                                       UPP_CHART_CODED_BY_UNIT, NULL, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "chart.svg", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-dir", "chart.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_false (upp_chart_write_file (chart, missing, UPP_CHART_FORMAT_SVG, 600, 400, 1,
                                        &error));
  g_assert_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_WRITE);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (upp_chart_write_file (chart, path, UPP_CHART_FORMAT_PNG, 20, 400, 1, &error));
  g_assert_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_INVALID_SIZE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (upp_chart_write_file (chart, path, UPP_CHART_FORMAT_SVG, 600, 0, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = upp_chart_render_bytes (chart, UPP_CHART_FORMAT_SVG, 600, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_remove (path);
}

static void
test_kinds (void)
{
  UppChartKind kind;
  UppChartFormat format;

  for (guint i = 0; i < UPP_N_CHART_KINDS; i++)
    {
      g_assert_true (upp_chart_kind_from_key (upp_chart_kind_to_key (i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (upp_chart_kind_get_label (i));
      g_assert_nonnull (upp_chart_kind_get_description (i));
    }
  g_assert_cmpstr (upp_chart_kind_to_key (UPP_CHART_CHANGE_OVER_YEARS), ==, "change-over-years");
  g_assert_false (upp_chart_kind_from_key ("pie", &kind));
  g_assert_true (upp_chart_format_from_key ("PDF", &format));
  g_assert_cmpint (format, ==, UPP_CHART_FORMAT_PDF);
  g_assert_false (upp_chart_format_from_key ("gif", &format));
}

/* `uppfoljning-cli chart`: --list, and a chart drawn from the example into a file. */
static void
test_cli (Fixture       *fixture,
          gconstpointer  user_data)
{
  const char *cli = g_getenv ("UPP_CLI");
  g_autofree char *db = g_build_filename (fixture->dir, "test.db", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "cli.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  cairo_surface_t *image;
  int status;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("UPP_CLI is not set");
      return;
    }

  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, db);
  g_ptr_array_add (argv, "chart");
  g_ptr_array_add (argv, "--list");
  g_ptr_array_add (argv, NULL);
  out = test_run ((const char * const *) argv->pdata, NULL);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, UPP_N_CHART_KINDS);
  for (guint i = 0; i < UPP_N_CHART_KINDS; i++)
    g_assert_true (g_str_has_prefix (lines[i], upp_chart_kind_to_key (i)) &&
                   lines[i][strlen (upp_chart_kind_to_key (i))] == '\t');
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_ptr_array_set_size (argv, 4);
  g_ptr_array_add (argv, "--round");
  g_ptr_array_add (argv, (char *) upp_round_get_uuid (fixture->round_2026));
  g_ptr_array_add (argv, "--chart");
  g_ptr_array_add (argv, "change-over-years");
  g_ptr_array_add (argv, "--format");
  g_ptr_array_add (argv, "png");
  g_ptr_array_add (argv, "--width");
  g_ptr_array_add (argv, "500");
  g_ptr_array_add (argv, "--height");
  g_ptr_array_add (argv, "400");
  g_ptr_array_add (argv, "--scale");
  g_ptr_array_add (argv, "2");
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, png);
  g_ptr_array_add (argv, NULL);
  out = test_run ((const char * const *) argv->pdata, NULL);
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  image = decode_png (bytes);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1000);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
  cairo_surface_destroy (image);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A text question cannot be counted: a usage error naming the problem. */
  g_ptr_array_set_size (argv, 4);
  g_ptr_array_add (argv, "--round");
  g_ptr_array_add (argv, (char *) upp_round_get_uuid (fixture->round_2026));
  g_ptr_array_add (argv, "--chart");
  g_ptr_array_add (argv, "distribution");
  g_ptr_array_add (argv, "--question");
  g_ptr_array_add (argv, "challenges");
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, png);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "challenges"));
}

/* In Swedish, as the officers use it: labels from po/sv.po, å, ä and ö in the PDF's text. */
static void
test_cli_swedish (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *cli = g_getenv ("UPP_CLI");
  g_autofree char *db = g_build_filename (fixture->dir, "test.db", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "sv.pdf", NULL);
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "sv", "LC_MESSAGES", "uppfoljning.mo",
                                          NULL);
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  gsize length;
  locale_t swedish;
  const char *list[] = { cli, "--db", db, "chart", "--list", NULL };
  const char *draw[] = { cli, "--db", db, "chart", "--round",
                         upp_round_get_uuid (fixture->round_2025), "--chart", "coded-by-unit",
                         "--format", "pdf", "-o", pdf, NULL };

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("UPP_CLI is not set");
      return;
    }
  swedish = newlocale (LC_ALL_MASK, "sv_SE.UTF-8", (locale_t) 0);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS) || swedish == (locale_t) 0)
    {
      g_test_skip ("no Swedish catalogue or locale");
      return;
    }
  freelocale (swedish);
  env = g_get_environ ();
  env = g_environ_setenv (env, "LC_ALL", "sv_SE.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "sv", TRUE);
  env = g_environ_setenv (env, "UPP_LOCALEDIR", localedir, TRUE);

  out = test_run (list, (const char * const *) env);
  g_assert_nonnull (strstr (out, "coded-by-unit\tVarje enhets kodade svar"));

  g_clear_pointer (&out, g_free);
  out = test_run (draw, (const char * const *) env);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

    text = pdf_text (fixture, bytes);
  }
  g_assert_nonnull (strstr (text, "LÖK-status per enhet"));
  g_assert_nonnull (strstr (text, "Enhet"));
  g_assert_nonnull (strstr (text, "Inget svar"));
  g_assert_nonnull (strstr (text, "Källa: Region Dalarna"));
  g_assert_nonnull (strstr (text, "Mora, Orsa och Älvdalen"));
}

/* ---- themes by number of units ------------------------------------------------------------ */

#define DALARNA "20"

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

/* Codes the first words of the "challenges" answers of the round's first n_units units that
 * wrote one, and returns their names. */
static GPtrArray *
code_units (UppStore *store,
            UppRound *round,
            UppTheme *theme,
            guint     skip,
            guint     n_units)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = upp_store_list_responses (store, round, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint seen = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < responses->len && names->len < n_units; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      UppAnswer *answer = upp_response_get_answer (response, "challenges");
      g_autoptr(UppCoding) coding = NULL;

      if (answer == NULL || g_utf8_strlen (upp_answer_get_text (answer), -1) < 12 ||
          seen++ < skip)
        continue;
      coding = upp_store_code_passage (store, round, response, "challenges", 0, 5, theme,
                                       &error);
      g_assert_no_error (error);
      g_assert_nonnull (coding);
      g_ptr_array_add (names, g_strdup (upp_response_get_unit_name (response)));
    }
  g_assert_cmpuint (names->len, ==, n_units);
  return names;
}

static UppChart *
themes_chart (UppStore *store,
              UppRound *round)
{
  g_autoptr(GError) error = NULL;
  UppChart *chart = upp_chart_new_for_round (store, round, UPP_CHART_THEMES, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (chart);
  g_assert_null (upp_chart_get_question_key (chart));
  return chart;
}

/* Units of the matrix's rows of this year with a passage coded with the column's theme. */
static guint
matrix_units (UppThemeMatrix *matrix,
              int             year,
              guint           column)
{
  guint n = 0;

  for (guint row = 0; row < upp_theme_matrix_get_n_rows (matrix); row++)
    if (upp_theme_matrix_get_year (matrix, row) == year &&
        upp_theme_matrix_get_count (matrix, row, column) > 0)
      n++;
  return n;
}

/* Two rounds of one region: a theme coded in one unit in 2024 and in three in 2025 (one of
 * them twice) is 1 and 3 in the matrix and in the chart's bars of each year. */
static void
test_themes_per_year (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "themes");
  g_autoptr(UppRound) round_2024 = test_import_dalarna_round (store, 2024);
  g_autoptr(UppRound) round_2025 = test_import_dalarna_round (store, 2025);
  g_autoptr(UppTheme) hindering = add_theme (store, "Brist på personal", UPP_THEME_KIND_HINDERING);
  g_autoptr(UppTheme) neutral = add_theme (store, "Annat", UPP_THEME_KIND_NEUTRAL);
  g_autoptr(UppTheme) promoting = add_theme (store, "Samverkan i styrgrupp",
                                             UPP_THEME_KIND_PROMOTING);
  g_autoptr(GPtrArray) coded_2024 = code_units (store, round_2024, promoting, 0, 1);
  g_autoptr(GPtrArray) coded_2025 = code_units (store, round_2025, promoting, 0, 3);
  g_autoptr(GPtrArray) twice = code_units (store, round_2025, promoting, 1, 1);
  g_autoptr(GPtrArray) hindered = code_units (store, round_2025, hindering, 3, 1);
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppThemeMatrix) matrix = NULL;
  g_autoptr(UppChart) chart = NULL;
  g_autoptr(UppChart) chart_2024 = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  Fixture files = { .dir = dir };
  guint promoting_column = G_MAXUINT;

  /* The matrix: one row per unit and year. */
  g_ptr_array_add (rounds, g_object_ref (round_2024));
  g_ptr_array_add (rounds, g_object_ref (round_2025));
  matrix = upp_theme_matrix_new (store, rounds, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < upp_theme_matrix_get_n_themes (matrix); c++)
    if (upp_theme_matrix_get_theme (matrix, c) != NULL &&
        g_str_equal (upp_theme_get_name (upp_theme_matrix_get_theme (matrix, c)),
                     "Samverkan i styrgrupp"))
      promoting_column = c;
  g_assert_cmpuint (promoting_column, !=, G_MAXUINT);
  g_assert_cmpuint (matrix_units (matrix, 2024, promoting_column), ==, 1);
  g_assert_cmpuint (matrix_units (matrix, 2025, promoting_column), ==, 3);

  /* The chart of 2025: both years, promoting first, then hindering, then neutral. */
  chart = themes_chart (store, round_2025);
  g_assert_true (upp_chart_has_data (chart));
  g_assert_cmpuint (upp_chart_get_n_units (chart), ==, FIXTURE_N_UNITS);
  g_assert_cmpuint (upp_chart_get_n_columns (chart), ==, 2);
  g_assert_cmpstr (upp_chart_get_column_label (chart, 0), ==, "2024");
  g_assert_cmpstr (upp_chart_get_column_label (chart, 1), ==, "2025");
  g_assert_cmpuint (upp_chart_get_n_themes (chart), ==, 3);
  g_assert_cmpstr (upp_chart_get_theme_name (chart, 0), ==, "Samverkan i styrgrupp");
  g_assert_cmpstr (upp_chart_get_theme_name (chart, 1), ==, "Brist på personal");
  g_assert_cmpstr (upp_chart_get_theme_name (chart, 2), ==, "Annat");
  g_assert_cmpuint (upp_chart_get_theme_count (chart, 0, 0), ==, 1);
  g_assert_cmpuint (upp_chart_get_theme_count (chart, 0, 1), ==, 3);
  g_assert_cmpuint (upp_chart_get_theme_count (chart, 1, 0), ==, 0);
  g_assert_cmpuint (upp_chart_get_theme_count (chart, 1, 1), ==, 1);
  g_assert_cmpuint (upp_chart_get_theme_count (chart, 2, 0), ==, 0);
  g_assert_cmpuint (upp_chart_get_theme_count (chart, 2, 1), ==, 0);

  /* In words: the kinds, the counts per year, the units of the chart's own year. */
  text = upp_chart_dup_text (chart);
  g_assert_nonnull (strstr (text, "Promoting\n"));
  g_assert_nonnull (strstr (text, "Hindering\n"));
  line = g_strdup_printf ("Samverkan i styrgrupp: 1 (2024), 3 (2025): %s, %s, %s\n",
                          (char *) coded_2025->pdata[0], (char *) coded_2025->pdata[1],
                          (char *) coded_2025->pdata[2]);
  g_assert_nonnull (strstr (text, line));
  g_assert_nonnull (strstr (text, "n = 11 (2025)"));

  pdf = render_twice (chart, UPP_CHART_FORMAT_PDF, 640, 0, 1);
  g_clear_pointer (&text, g_free);
  text = pdf_text (&files, pdf);
  g_assert_nonnull (strstr (text, "Themes by number of units"));
  g_assert_nonnull (strstr (text, "Samverkan i styrgrupp"));
  g_assert_nonnull (strstr (text, "Brist på personal"));
  g_assert_nonnull (strstr (text, "2024"));
  g_assert_nonnull (strstr (text, "Promoting"));

  /* The chart of 2024 has only that year: later rounds are not its past. */
  chart_2024 = themes_chart (store, round_2024);
  g_assert_cmpuint (upp_chart_get_n_columns (chart_2024), ==, 1);
  g_assert_cmpuint (upp_chart_get_theme_count (chart_2024, 0, 0), ==, 1);
  g_assert_cmpuint (upp_chart_get_theme_count (chart_2024, 1, 0), ==, 0);

  g_clear_object (&store);
  test_remove_tree (dir);
}

/* No themes, one, and 25 with long Swedish names: a clear empty message, and every theme's
 * bar and name in the drawing. */
static void
test_themes_sizes (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "themes");
  g_autoptr(UppRound) round_2024 = test_import_dalarna_round (store, 2024);
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2025);
  g_autoptr(UppChart) chart = NULL;
  g_autoptr(UppTheme) first = NULL;
  g_autoptr(GPtrArray) coded = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GHashTable) hovered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  chart = themes_chart (store, round);
  g_assert_false (upp_chart_has_data (chart));
  g_assert_cmpuint (upp_chart_get_n_themes (chart), ==, 0);
  text = upp_chart_dup_text (chart);
  g_assert_nonnull (strstr (text, "The region's codebook has no themes yet"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&png, g_bytes_unref);
  png = render_twice (chart, UPP_CHART_FORMAT_PNG, 480, 0, 1);
  g_clear_object (&chart);

  /* Themes but nothing coded. */
  first = add_theme (store, "Gemensam handlingsplan", UPP_THEME_KIND_PROMOTING);
  chart = themes_chart (store, round);
  g_assert_false (upp_chart_has_data (chart));
  text = upp_chart_dup_text (chart);
  g_assert_nonnull (strstr (text, "No unit has a passage coded with a theme yet."));
  g_clear_pointer (&text, g_free);
  g_clear_object (&chart);

  /* One theme, coded. */
  coded = code_units (store, round, first, 0, 2);
  chart = themes_chart (store, round);
  g_assert_true (upp_chart_has_data (chart));
  g_assert_cmpuint (upp_chart_get_n_columns (chart), ==, 1);
  g_assert_cmpuint (upp_chart_get_theme_count (chart, 0, 0), ==, 2);
  g_clear_pointer (&png, g_bytes_unref);
  png = render_twice (chart, UPP_CHART_FORMAT_PNG, 640, 0, 1);
  g_assert_cmpint ((int) upp_chart_get_preferred_height (chart, 480), <, 400);
  g_clear_object (&chart);

  /* 25 themes of every kind with long names, coded in both years. */
  for (guint i = 1; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("%02u Samverkan mellan socialtjänstens "
                                               "missbruksvård och regionens psykiatri", i);
      g_autoptr(UppTheme) theme = add_theme (store, name, (UppThemeKind) (i % 3));
      g_autoptr(GPtrArray) units = code_units (store, round, theme, i % 4, 1 + i % 3);
      g_autoptr(GPtrArray) units_2024 = code_units (store, round_2024, theme, 0, 1);
    }
  chart = themes_chart (store, round);
  g_assert_cmpuint (upp_chart_get_n_themes (chart), ==, 25);
  g_assert_cmpuint (upp_chart_get_n_columns (chart), ==, 2);
  height = upp_chart_get_preferred_height (chart, 640);
  g_assert_cmpfloat (height, <, UPP_CHART_MAX_SIZE);
  g_clear_pointer (&png, g_bytes_unref);
  png = render_twice (chart, UPP_CHART_FORMAT_PNG, 640, 0, 1);
  if (g_getenv ("UPP_CHART_DUMP_DIR") != NULL)
    {
      g_autofree char *dump = g_build_filename (g_getenv ("UPP_CHART_DUMP_DIR"),
                                                "themes-25.png", NULL);

      g_file_set_contents (dump, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL);
    }

  /* At its preferred height every theme has its own bars to hover over. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, (int) ceil (height));
  cr = cairo_create (surface);
  upp_chart_draw (chart, cr, 640, ceil (height), UPP_CHART_STYLE_LIGHT);
  for (double y = 0; y < height; y += 2)
    {
      g_autofree char *unit = NULL;
      g_autofree char *value = NULL;

      if (upp_chart_hit_test (chart, 320, y, &unit, &value))
        {
          const char *colon = strrchr (value, ':');

          g_hash_table_add (hovered, g_strndup (value, colon - value));
        }
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (g_hash_table_size (hovered), ==, 25);
  for (guint t = 0; t < 25; t++)
    g_assert_true (g_hash_table_contains (hovered, upp_chart_get_theme_name (chart, t)));

  g_clear_object (&store);
  test_remove_tree (dir);
}

/* A chart over the years as a report batch makes it: each round read once, the same chart. */
static GBytes *
draw_to_bytes (UppChart *chart)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cairo_t *cr = cairo_create (surface);
  GBytes *bytes;

  upp_chart_draw (chart, cr, 600, 400, UPP_CHART_STYLE_PRINT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       cairo_image_surface_get_stride (surface) * 400);
  cairo_surface_destroy (surface);
  return bytes;
}

static void
test_batch_same_charts (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const UppChartKind kinds[] = { UPP_CHART_CHANGE_OVER_YEARS, UPP_CHART_DISTRIBUTION };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UppChart) alone = upp_chart_new_for_round (fixture->store, fixture->round_2026,
                                                           kinds[i], "agreement", &error);
      g_autoptr(UppChart) first = NULL;
      g_autoptr(UppChart) again = NULL;
      g_autoptr(GBytes) expected = NULL;
      g_autoptr(GBytes) first_bytes = NULL;
      g_autoptr(GBytes) again_bytes = NULL;

      g_assert_no_error (error);
      expected = draw_to_bytes (alone);
      upp_chart_begin_batch (fixture->store);
      first = upp_chart_new_for_round (fixture->store, fixture->round_2026, kinds[i],
                                       "agreement", &error);
      again = upp_chart_new_for_round (fixture->store, fixture->round_2026, kinds[i],
                                       "agreement", &error);
      upp_chart_end_batch (fixture->store);
      g_assert_no_error (error);
      first_bytes = draw_to_bytes (first);
      again_bytes = draw_to_bytes (again);
      g_assert_true (g_bytes_equal (expected, first_bytes));
      g_assert_true (g_bytes_equal (expected, again_bytes));
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/kinds", test_kinds);
  g_test_add ("/charts/coded-round", Fixture, NULL, fixture_set_up, test_coded_round,
              fixture_tear_down);
  g_test_add ("/charts/empty-round", Fixture, NULL, fixture_set_up, test_empty_round,
              fixture_tear_down);
  g_test_add ("/charts/change-over-years", Fixture, NULL, fixture_set_up,
              test_change_over_years, fixture_tear_down);
  g_test_add ("/charts/batch-same-charts", Fixture, NULL, fixture_set_up, test_batch_same_charts,
              fixture_tear_down);
  g_test_add ("/charts/hit-test", Fixture, NULL, fixture_set_up, test_hit_test,
              fixture_tear_down);
  g_test_add ("/charts/questions", Fixture, NULL, fixture_set_up, test_questions,
              fixture_tear_down);
  g_test_add ("/charts/write-file", Fixture, NULL, fixture_set_up, test_write_file,
              fixture_tear_down);
  g_test_add_func ("/charts/themes-per-year", test_themes_per_year);
  g_test_add_func ("/charts/themes-sizes", test_themes_sizes);
  g_test_add ("/charts/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/charts/cli-swedish", Fixture, NULL, fixture_set_up, test_cli_swedish,
              fixture_tear_down);

  return g_test_run ();
}
