/* bench-charts.c: the change-over-years chart for 290 units over 10 rounds, timed
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "charts/upp-chart.h"
#include "upp-enums.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-unit.h"

#include "test-util.h"

#define N_UNITS  290
#define N_ROUNDS 10

static const char *codes[] = { "signed", "ready_unsigned", "in_progress", "planned", "none" };

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "bench");
  g_autoptr(UppRegion) region = NULL;
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppChart) chart = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) svg = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GRand *rand = g_rand_new_with_seed (20);
  gint64 start;
  double height;

  region = upp_store_find_region (store, "20", &error);
  check (region != NULL, error);
  template = upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_LOK, 0, &error);
  check (template != NULL, error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_UNITS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Enhet %03u (kommun %u och grannar)", i + 1, i);

      g_ptr_array_add (units, upp_unit_new (name, "20", UPP_UNIT_KIND_OTHER));
    }

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autofree char *title = g_strdup_printf ("Uppföljning LÖK %d", 2016 + r);
      g_autoptr(GPtrArray) responses = NULL;

      g_clear_object (&round);
      round = upp_round_new (2016 + r, region, title, template);
      check (upp_store_create_round (store, round, units, &error), error);
      responses = upp_store_list_responses (store, round, &error);
      check (responses != NULL, error);

      check (upp_store_begin (store, &error), error);
      for (guint i = 0; i < responses->len; i++)
        {
          /* Units move toward "signed" over the years, some jump back. */
          int level = 4 - (int) (r * 5 / N_ROUNDS) + g_rand_int_range (rand, -1, 2);
          const char *chosen[] = { codes[CLAMP (level, 0, 4)], NULL };

          if (g_rand_int_range (rand, 0, 20) == 0)
            continue;
          check (upp_store_set_answer (store, round, g_ptr_array_index (responses, i),
                                       "agreement", "", chosen, &error), error);
        }
      check (upp_store_commit (store, &error), error);
    }
  printf ("setup: %u units x %u rounds in %.2f s\n", N_UNITS, N_ROUNDS, seconds_since (start));

  start = g_get_monotonic_time ();
  chart = upp_chart_new_for_round (store, round, UPP_CHART_CHANGE_OVER_YEARS, NULL, &error);
  check (chart != NULL, error);
  printf ("gather change-over-years: %.3f s\n", seconds_since (start));

  start = g_get_monotonic_time ();
  height = upp_chart_get_preferred_height (chart, 720);
  printf ("preferred height at 720 wide: %.0f (%.3f s)\n", height, seconds_since (start));

  start = g_get_monotonic_time ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 720, (int) height);
  cr = cairo_create (surface);
  upp_chart_draw (chart, cr, 720, height, UPP_CHART_STYLE_LIGHT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  printf ("draw on screen, 720 x %.0f: %.3f s\n", height, seconds_since (start));

  start = g_get_monotonic_time ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 720, 900);
  cr = cairo_create (surface);
  upp_chart_draw (chart, cr, 720, 900, UPP_CHART_STYLE_DARK);
  cairo_destroy (cr);
  printf ("draw squeezed into 720 x 900: %.3f s\n", seconds_since (start));
  /* bench-charts FULL.png SQUEEZED.png keeps the images to look at. */
  if (argc > 2)
    cairo_surface_write_to_png (surface, argv[2]);
  cairo_surface_destroy (surface);

  start = g_get_monotonic_time ();
  png = upp_chart_render_bytes (chart, UPP_CHART_FORMAT_PNG, 720, 0, 1, &error);
  check (png != NULL, error);
  printf ("PNG: %.3f s, %zu bytes\n", seconds_since (start), g_bytes_get_size (png));

  start = g_get_monotonic_time ();
  pdf = upp_chart_render_bytes (chart, UPP_CHART_FORMAT_PDF, 720, 0, 1, &error);
  check (pdf != NULL, error);
  printf ("PDF: %.3f s, %zu bytes\n", seconds_since (start), g_bytes_get_size (pdf));

  start = g_get_monotonic_time ();
  svg = upp_chart_render_bytes (chart, UPP_CHART_FORMAT_SVG, 720, 0, 1, &error);
  check (svg != NULL, error);
  printf ("SVG: %.3f s, %zu bytes\n", seconds_since (start), g_bytes_get_size (svg));

  if (argc > 1)
    g_file_set_contents (argv[1], g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL);

  g_rand_free (rand);
  test_close_store (&store, &dir);
  return 0;
}
