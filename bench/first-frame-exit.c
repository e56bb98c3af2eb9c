/* first-frame-exit.c: preloaded into a GTK program, ends it after its first painted frame
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LD_PRELOAD=libfirst-frame-exit.so PROGRAM …: the first window presented gets its frame
 * clock watched; after the first frame it paints, the program prints one line
 *   first-frame cpu_us=… rss_kib=…
 * (its processor time, all threads, and its peak resident memory) to standard error and exits.
 * The start-up benchmark ends the app and its floor, a minimal libadwaita window, by this same
 * means, so neither gets an advantage from how it is stopped.
 */

#define _GNU_SOURCE

#include <dlfcn.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gtk/gtk.h>

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  /* Whole numbers: the program's locale may write decimals with a comma. */
  fprintf (stderr, "first-frame cpu_us=%ld rss_kib=%ld\n",
           (long) ((usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000L
                   + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec),
           usage.ru_maxrss);
  fflush (stderr);
  _exit (0);
}

static void
on_map_cb (GtkWidget *window,
           gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

void
gtk_window_present (GtkWindow *window)
{
  static void (*real_present) (GtkWindow *) = NULL;
  static gboolean watching = FALSE;

  if (real_present == NULL)
    real_present = dlsym (RTLD_NEXT, "gtk_window_present");
  if (!watching)
    {
      watching = TRUE;
      g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
    }
  real_present (window);
}
