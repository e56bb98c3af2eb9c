/* test-charts-view.c: the charts view in a real window: pickers, hover, export, dark style
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "chart-fixture.h"
#include "test-gui-util.h"
#include "test-util.h"
#include "upp-charts-view.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-coding.h"
#include "upp-response.h"
#include "upp-theme.h"

static void
wait_for_drawing (UppChartsView *view)
{
  /* Until the drawing area is allocated, has the chart's height and has been drawn once, so
   * that hover works. */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *tip = NULL;
      GtkWidget *area = NULL;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      tip = upp_charts_view_dup_tooltip_at (view, 300, 200);
      area = gtk_widget_get_first_child (GTK_WIDGET (view));
      if (tip != NULL && area != NULL)
        return;
      g_usleep (10000);
    }
}

static GdkTexture *
render_window (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;

  test_gui_iterate (300);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  return gsk_renderer_render_texture (renderer, node, NULL);
}

/* The chart's background, just inside its top-left corner: white, or dark in dark style. */
static guint32
chart_background (GtkWidget     *window,
                  UppChartsView *view)
{
  g_autoptr(GdkTexture) texture = render_window (window);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), window,
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  /* Below the pickers, at the chart's left margin. */
  return pixels[(int) (point.y + 70) * width + (int) point.x + 12] & 0xffffff;
}

/* What hovering over unit's row shows, or NULL. */
static char *
dup_unit_value (UppChartsView *view,
                const char    *unit)
{
  for (double y = 0; y < 2000; y += 2)
    {
      g_autofree char *tip = upp_charts_view_dup_tooltip_at (view, 500, y);
      g_auto(GStrv) lines = NULL;

      if (tip == NULL)
        continue;
      lines = g_strsplit (tip, "\n", 2);
      if (g_str_equal (lines[0], unit))
        return g_strdup (lines[1]);
    }
  return NULL;
}

/* UPP_CHART_DUMP_DIR=/tmp/x keeps screenshots of the window to look at. */
static void
maybe_screenshot (GtkWidget  *window,
                  const char *name)
{
  const char *dir = g_getenv ("UPP_CHART_DUMP_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  texture = render_window (window);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_view (Fixture       *fixture,
           gconstpointer  user_data)
{
  GtkWidget *window = gtk_window_new ();
  UppChartsView *view = UPP_CHARTS_VIEW (upp_charts_view_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (fixture->dir, "view.png", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "view.pdf", NULL);
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  UppChart *chart;
  cairo_surface_t *image;
  UppSession *session = upp_session_new (upp_store_get_path (fixture->store));
  UppRound *round_2026;
  UppRound *round_empty;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  round_2026 = upp_session_find_round (session, upp_round_get_uuid (fixture->round_2026));
  round_empty = upp_session_find_round (session, upp_round_get_uuid (fixture->round_empty));
  upp_charts_view_set_session (view, session);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));

  /* Before a round: no chart, nothing to export. */
  g_assert_null (upp_charts_view_get_chart (view));

  upp_charts_view_set_round (view, round_2026);
  chart = upp_charts_view_get_chart (view);
  g_assert_nonnull (chart);
  g_assert_cmpint (upp_chart_get_kind (chart), ==, UPP_CHART_CODED_BY_UNIT);
  g_assert_cmpstr (upp_chart_get_question_key (chart), ==, "agreement");
  wait_for_drawing (view);
  maybe_screenshot (window, "view-coded-by-unit.png");

  /* Hover over the rows: every unit, with its answer. */
  for (double y = 0; y < 2000; y += 2)
    {
      g_autofree char *tip = upp_charts_view_dup_tooltip_at (view, 500, y);
      g_auto(GStrv) lines = NULL;

      if (tip == NULL)
        continue;
      lines = g_strsplit (tip, "\n", 2);
      g_assert_nonnull (lines[1]);
      g_hash_table_add (units, g_strdup (lines[0]));
      if (g_str_equal (lines[0], "Leksand"))
        g_assert_cmpstr (lines[1], ==, "LÖK-status: Klar och undertecknad");
    }
  g_assert_cmpuint (g_hash_table_size (units), ==, FIXTURE_N_UNITS);

  /* An answer changed beside the view (another connection, as the CLI's) is drawn by itself. */
  {
    g_autoptr(UppChart) before = g_object_ref (upp_charts_view_get_chart (view));
    const char *planned[] = { "planned", NULL };
    g_autofree char *value = NULL;
    gint64 end;

    test_set_answer_choices (fixture->store, upp_round_get_uuid (fixture->round_2026),
                             "Leksand", "agreement", "", planned);
    end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (upp_charts_view_get_chart (view) == before && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
    g_assert_true (upp_charts_view_get_chart (view) != before);
    g_assert_cmpint (upp_chart_get_kind (upp_charts_view_get_chart (view)), ==,
                     UPP_CHART_CODED_BY_UNIT);
    wait_for_drawing (view);
    value = dup_unit_value (view, "Leksand");
    g_assert_nonnull (value);
    g_assert_true (g_str_has_prefix (value, "LÖK-status: "));
    g_assert_cmpstr (value, !=, "LÖK-status: Klar och undertecknad");
  }

  /* The question picker. */
  g_assert_true (upp_charts_view_set_question (view, "deviations"));
  g_assert_cmpstr (upp_chart_get_question_key (upp_charts_view_get_chart (view)), ==,
                   "deviations");
  g_assert_false (upp_charts_view_set_question (view, "good_examples"));

  /* The chart picker; the question stays. */
  upp_charts_view_set_kind (view, UPP_CHART_CHANGE_OVER_YEARS);
  chart = upp_charts_view_get_chart (view);
  g_assert_cmpint (upp_chart_get_kind (chart), ==, UPP_CHART_CHANGE_OVER_YEARS);
  g_assert_cmpstr (upp_chart_get_question_key (chart), ==, "deviations");
  g_assert_true (upp_charts_view_set_question (view, "agreement"));
  wait_for_drawing (view);
  maybe_screenshot (window, "view-change-over-years.png");

  /* Refreshing with the same round keeps the chosen chart. */
  upp_charts_view_set_round (view, NULL);
  upp_charts_view_set_round (view, round_2026);
  g_assert_cmpint (upp_chart_get_kind (upp_charts_view_get_chart (view)), ==,
                   UPP_CHART_CHANGE_OVER_YEARS);

  /* Export at the on-screen size, PNG at twice the pixels. */
  wait_for_drawing (view);
  g_assert_true (upp_charts_view_export (view, png, UPP_CHART_FORMAT_PNG, 2, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), >=, 2 * 600);
  cairo_surface_destroy (image);
  g_assert_true (upp_charts_view_export (view, pdf, UPP_CHART_FORMAT_PDF, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_remove (png);
  g_remove (pdf);

  /* "Export Chart…": the file dialog (GTK's own without a portal), a name without an
   * extension, the SVG filter chosen: an SVG file gets written under the name plus ".svg". */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */
    g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
    g_autofree char *written = g_build_filename (fixture->dir, "kartan.svg", NULL);
    g_autofree char *contents = NULL;
    GtkWidget *dialog = NULL;
    GListModel *filters;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "charts.export", NULL));
    for (guint tries = 0; tries < 200 && dialog == NULL; tries++)
      {
        test_gui_iterate (300);
        for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
          {
            g_autoptr(GtkWidget) each = g_list_model_get_item (toplevels, i);

            if (GTK_IS_FILE_CHOOSER (each) && gtk_widget_get_visible (each))
              dialog = each;
          }
      }
    g_assert_nonnull (dialog);
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    /* Named as every export is: region, round, and the chart's title in the user's language. */
    {
      g_autofree char *name = g_strdup_printf ("Region Dalarna – Uppföljning LÖK 2026 – %s.png",
                                               upp_chart_kind_get_label (
                                                 UPP_CHART_CHANGE_OVER_YEARS));

      g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog)), ==,
                       name);
    }
    g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "scale"), ==,
                     "screen");
    filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (dialog));
    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 3);
    {
      g_autoptr(GtkFileFilter) svg_filter = g_list_model_get_item (filters, 1);

      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), svg_filter);
    }
    g_object_unref (filters);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder,
                                                        NULL));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "kartan");
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
    G_GNUC_END_IGNORE_DEPRECATIONS
    for (guint tries = 0; tries < 100 && !g_file_test (written, G_FILE_TEST_EXISTS); tries++)
      test_gui_iterate (300);
    g_assert_true (g_file_get_contents (written, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "<?xml"));
    g_assert_nonnull (strstr (contents, "<desc>"));
    g_remove (written);

    /* The next export starts in the folder this one went to. */
    dialog = NULL;
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "charts.export", NULL));
    for (guint tries = 0; tries < 200 && dialog == NULL; tries++)
      {
        test_gui_iterate (300);
        for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
          {
            g_autoptr(GtkWidget) each = g_list_model_get_item (toplevels, i);

            if (GTK_IS_FILE_CHOOSER (each) && gtk_widget_get_visible (each))
              dialog = each;
          }
      }
    g_assert_nonnull (dialog);
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));

      g_assert_nonnull (current);
      g_assert_true (g_file_equal (current, folder));
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
    test_gui_iterate (300);
  }

  /* The dark variant follows the style manager. */
  upp_charts_view_set_kind (view, UPP_CHART_DISTRIBUTION);
  wait_for_drawing (view);
  g_assert_cmphex (chart_background (window, view), ==, 0xffffff);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_drawing (view);
  g_assert_cmphex (chart_background (window, view), ==, 0x1e1e1e);
  maybe_screenshot (window, "view-distribution-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* The themes chart follows passages coded on another connection (as the CLI's). */
  {
    g_autoptr(UppChart) before = NULL;
    g_autoptr(UppTheme) theme = NULL;
    g_autoptr(UppResponse) response = NULL;
    g_autoptr(UppCoding) coding = NULL;
    gint64 end;

    /* The answer first, drawn again as any answer is; the coding alone after. */
    before = g_object_ref (upp_charts_view_get_chart (view));
    test_set_answer (fixture->store, upp_round_get_uuid (fixture->round_2026), "Leksand",
                     "challenges", "Brist på personal i kommunen.");
    end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (upp_charts_view_get_chart (view) == before && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
    g_assert_true (upp_charts_view_get_chart (view) != before);
    g_clear_object (&before);

    upp_charts_view_set_kind (view, UPP_CHART_THEMES);
    chart = upp_charts_view_get_chart (view);
    g_assert_cmpint (upp_chart_get_kind (chart), ==, UPP_CHART_THEMES);
    g_assert_false (upp_chart_has_data (chart));
    before = g_object_ref (chart);
    wait_for_drawing (view);

    theme = upp_store_add_theme (fixture->store, "20", "Brist på personal",
                                 UPP_THEME_KIND_HINDERING, &error);
    g_assert_no_error (error);
    response = test_find_response (fixture->store, fixture->round_2026, "Leksand");
    coding = upp_store_code_passage (fixture->store, fixture->round_2026, response, "challenges",
                                     0, 17, theme, &error);
    g_assert_no_error (error);
    end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while ((upp_charts_view_get_chart (view) == before ||
            !upp_chart_has_data (upp_charts_view_get_chart (view))) &&
           g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
    chart = upp_charts_view_get_chart (view);
    g_assert_true (upp_chart_has_data (chart));
    g_assert_cmpuint (upp_chart_get_n_themes (chart), ==, 1);
    g_assert_cmpstr (upp_chart_get_theme_name (chart, 0), ==, "Brist på personal");
    g_assert_cmpuint (upp_chart_get_theme_count (chart, 0,
                                                 upp_chart_get_n_columns (chart) - 1), ==, 1);
    wait_for_drawing (view);
    maybe_screenshot (window, "view-themes.png");
  }

  /* An empty round says so. */
  upp_charts_view_set_round (view, round_empty);
  g_assert_false (upp_chart_has_data (upp_charts_view_get_chart (view)));
  test_gui_iterate (300);
  maybe_screenshot (window, "view-empty.png");

  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (view);
  g_assert_finalize_object (session);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run under build-aux/test or xvfb-run.\n");
      return 77;
    }

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/charts-view/view", Fixture, NULL, fixture_set_up, test_view,
              fixture_tear_down);

  return g_test_run ();
}
