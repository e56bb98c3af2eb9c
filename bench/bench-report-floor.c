/* bench-report-floor.c: the report's floor, Pango laying out the report's text into its pages
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-report-floor PAGES.txt OUT.pdf
 * PAGES.txt is pdftotext's text of the app's report (pages apart by form feeds), so the floor
 * sets the same text on the same number of A4 pages with nothing else: no database, no
 * headings, tables or charts. Prints
 *   report-floor cpu_s=… rss_kib=… pages=…
 * the processor time of the layout and the writing (reading the text is not counted).
 */

#include <stdio.h>
#include <sys/resource.h>

#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>

#define PAGE_WIDTH  595.28  /* A4 in points */
#define PAGE_HEIGHT 841.89
#define MARGIN      56.7    /* 2 cm */

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  PangoFontDescription *font;
  cairo_surface_t *surface;
  struct rusage usage;
  double start;
  cairo_t *cr;
  guint n = 0;

  if (argc != 3)
    {
      g_printerr ("usage: bench-report-floor PAGES.txt OUT.pdf\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &contents, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  pages = g_strsplit (contents, "\f", -1);

  start = cpu_seconds ();
  surface = cairo_pdf_surface_create (argv[2], PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  font = pango_font_description_from_string ("Sans 10");
  for (guint i = 0; pages[i] != NULL; i++)
    {
      PangoLayout *layout;

      /* pdftotext ends the last page with a form feed too. */
      if (pages[i + 1] == NULL && *g_strstrip (pages[i]) == '\0')
        break;
      layout = pango_cairo_create_layout (cr);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, pages[i], -1);
      cairo_move_to (cr, MARGIN, MARGIN);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
      g_object_unref (layout);
      n++;
    }
  pango_font_description_free (font);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("%s: could not be written\n", argv[2]);
      return 1;
    }
  cairo_surface_destroy (surface);

  getrusage (RUSAGE_SELF, &usage);
  printf ("report-floor cpu_s=%.4f rss_kib=%ld pages=%u\n", cpu_seconds () - start,
          usage.ru_maxrss, n);
  return 0;
}
