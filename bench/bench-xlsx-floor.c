/* bench-xlsx-floor.c: the workbook export's floor, the app's cells written by libxlsxwriter alone
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-xlsx-floor CELLS.txt OUT.xlsx
 * CELLS.txt is what bench/xlsx-cells.py read from the app's own workbook, so the floor writes
 * exactly its cells (strings wrapped, dates as dates) and grows with it. Prints
 *   xlsx-floor cpu_s=… rss_kib=…
 * the processor time of the whole run but the reading of the cells (its start, as the app's
 * own start, is counted) and the peak memory of the whole run, which holds the cells as the
 * app holds its data.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib.h>
#include <xlsxwriter.h>

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static char *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, *p == 't' ? '\t' : *p == 'n' ? '\n' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Reads every cell of in, and writes it into workbook unless that is NULL. */
static gboolean
copy_cells (FILE         *in,
            lxw_workbook *workbook)
{
  lxw_format *wrap = NULL, *date = NULL;
  lxw_worksheet *sheet = NULL;
  gboolean has_sheet = FALSE;
  char *line = NULL;
  size_t size = 0;
  ssize_t length;

  if (workbook != NULL)
    {
      wrap = workbook_add_format (workbook);
      format_set_text_wrap (wrap);
      date = workbook_add_format (workbook);
      format_set_num_format (date, "yyyy-mm-dd");
    }
  rewind (in);
  while ((length = getline (&line, &size, in)) > 0)
    {
      char *fields[4] = { line, NULL, NULL, NULL };
      g_autofree char *value = NULL;
      guint row, column;

      if (line[length - 1] == '\n')
        line[length - 1] = '\0';
      for (guint f = 1; f < 4; f++)
        {
          char *tab = strchr (fields[f - 1], '\t');

          if (tab == NULL || (f == 2 && line[0] == 'S'))
            break;
          *tab = '\0';
          fields[f] = tab + 1;
        }
      if (line[0] == 'S' && fields[1] != NULL)
        {
          g_autofree char *name = unescape (fields[1]);

          if (workbook != NULL)
            sheet = workbook_add_worksheet (workbook, name);
          has_sheet = TRUE;
          continue;
        }
      if (!has_sheet || fields[3] == NULL)
        continue;
      row = (guint) g_ascii_strtoull (fields[1], NULL, 10);
      column = (guint) g_ascii_strtoull (fields[2], NULL, 10);
      value = unescape (fields[3]);
      if (workbook == NULL)
        continue;
      if (line[0] == 's')
        worksheet_write_string (sheet, row, column, value, wrap);
      else if (line[0] == 'b')
        worksheet_write_boolean (sheet, row, column, atoi (value), NULL);
      else
        worksheet_write_number (sheet, row, column, g_ascii_strtod (value, NULL),
                                line[0] == 'd' ? date : NULL);
    }
  free (line);
  return !ferror (in);
}

int
main (int   argc,
      char *argv[])
{
  lxw_workbook *workbook;
  struct rusage usage;
  double start, reading;
  FILE *in;

  if (argc != 3)
    {
      g_printerr ("usage: bench-xlsx-floor CELLS.txt OUT.xlsx\n");
      return 2;
    }
  if ((in = fopen (argv[1], "r")) == NULL)
    {
      g_printerr ("%s: cannot be read\n", argv[1]);
      return 1;
    }

  /* The cells are read twice: once alone, to take the reading's time off the second run,
   * which writes each cell as it is read, so they are held once, by libxlsxwriter. */
  start = cpu_seconds ();
  if (!copy_cells (in, NULL))
    return 1;
  reading = cpu_seconds () - start;

  workbook = workbook_new (argv[2]);
  if (!copy_cells (in, workbook) || workbook_close (workbook) != LXW_NO_ERROR)
    {
      g_printerr ("%s: could not be written\n", argv[2]);
      return 1;
    }
  fclose (in);

  /* From the process's start, as the app is measured, less both readings of the cells. */
  getrusage (RUSAGE_SELF, &usage);
  printf ("xlsx-floor cpu_s=%.4f rss_kib=%ld\n", MAX (cpu_seconds () - 2 * reading, 0.0),
          usage.ru_maxrss);
  return 0;
}
