/* bench-window.c: the main thread's work in the window with the ten-year database
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-window DB [RUNS]   (on a display; build-aux/bench runs it under Xvfb)
 *
 * Drives the real window as a user does: opens the newest round (its overview of 290 units),
 * switches to the comparison view, and types "SIP" into its filter one key at a time. For
 * each step it measures the main thread's processor time (CLOCK_THREAD_CPUTIME_ID) from the
 * action until the window has settled (a second with the work done, frames drawn), and the
 * longest single turn of the main loop, which is what a user sees as a stall. Workers' time is
 * not counted: it does not hold the window up. Goal: under 100 ms of main-thread work each.
 */

#include "config.h"

#include <time.h>

#include <adwaita.h>

#include "test-gui-util.h"
#include "upp-comparison-view.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-window.h"

#define SETTLE_MS 1000

static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

typedef struct
{
  double cpu_ms;
  double longest_ms;
} Step;

/* Runs the main loop for SETTLE_MS after an action, timing each turn. */
static Step
settle (double cpu_before)
{
  gint64 end = g_get_monotonic_time () + SETTLE_MS * 1000;
  Step step = { 0, 0 };

  while (g_get_monotonic_time () < end)
    {
      gint64 start = g_get_monotonic_time ();

      if (!g_main_context_iteration (NULL, FALSE))
        {
          g_usleep (1000);
          continue;
        }
      step.longest_ms = MAX (step.longest_ms, (g_get_monotonic_time () - start) / 1000.0);
    }
  step.cpu_ms = thread_cpu_ms () - cpu_before;
  return step;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static gboolean
has_rounds (gpointer session)
{
  return g_list_model_get_n_items (upp_session_get_rounds (session)) > 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *names[] = { "open a round (overview)", "switch to the comparison",
                          "type S in its filter", "type I", "type P" };
  const char *typed[] = { "S", "SI", "SIP" };
  GArray *cpu[G_N_ELEMENTS (names)];
  GArray *longest[G_N_ELEMENTS (names)];
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 5;
  GtkWidget *window;
  UppSession *session;
  g_autoptr(UppRound) round = NULL;

  if (argc < 2)
    {
      g_printerr ("usage: bench-window DB [RUNS]\n");
      return 2;
    }
  adw_init ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      cpu[i] = g_array_new (FALSE, FALSE, sizeof (double));
      longest[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  window = GTK_WIDGET (upp_window_new (NULL, argv[1]));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  session = upp_window_get_session (UPP_WINDOW (window));
  if (!test_gui_wait_until (has_rounds, session, 60000))
    {
      g_printerr ("%s: no rounds\n", argv[1]);
      return 1;
    }
  /* The newest round is listed first. */
  round = g_list_model_get_item (upp_session_get_rounds (session), 0);
  settle (thread_cpu_ms ());

  for (guint run = 0; run < runs; run++)
    {
      GtkWidget *comparison;
      GtkEditable *filter;
      Step step;
      double before;

      before = thread_cpu_ms ();
      gtk_widget_activate_action (window, "win.show-round", "s", upp_round_get_uuid (round));
      step = settle (before);
      g_array_append_val (cpu[0], step.cpu_ms);
      g_array_append_val (longest[0], step.longest_ms);

      before = thread_cpu_ms ();
      gtk_widget_activate_action (window, "win.show-round-view", "(ss)",
                                  upp_round_get_uuid (round), "comparison");
      step = settle (before);
      g_array_append_val (cpu[1], step.cpu_ms);
      g_array_append_val (longest[1], step.longest_ms);

      comparison = test_gui_find_of_type (window, UPP_TYPE_COMPARISON_VIEW);
      filter = GTK_EDITABLE (test_gui_find_of_type (comparison, GTK_TYPE_SEARCH_ENTRY));
      for (guint key = 0; key < G_N_ELEMENTS (typed); key++)
        {
          before = thread_cpu_ms ();
          gtk_editable_set_text (filter, typed[key]);
          step = settle (before);
          g_array_append_val (cpu[2 + key], step.cpu_ms);
          g_array_append_val (longest[2 + key], step.longest_ms);
        }
      gtk_editable_set_text (filter, "");
      settle (thread_cpu_ms ());
      gtk_widget_activate_action (window, "win.show-rounds", NULL);
      settle (thread_cpu_ms ());
    }

  /* The first round opened in a window also makes the round's page, which is not made before
   * the window's first frame: a figure of its own, beside the medians. */
  g_print ("window-step name=\"open the first round (a new window)\" cpu_us=%ld longest_us=%ld\n",
           (long) (g_array_index (cpu[0], double, 0) * 1000),
           (long) (g_array_index (longest[0], double, 0) * 1000));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    /* Whole microseconds: the window's locale may write decimals with a comma. */
    g_print ("window-step name=\"%s\" cpu_us=%ld longest_us=%ld\n", names[i],
             (long) (median (cpu[i]) * 1000), (long) (median (longest[i]) * 1000));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_array_unref (cpu[i]);
      g_array_unref (longest[i]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
