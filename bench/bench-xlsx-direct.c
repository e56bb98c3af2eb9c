/* bench-xlsx-direct.c: the cells of bench-export-xlsx's workbook written with libxlsxwriter
 * alone (no database, no layout): the floor the export is measured against.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "bench-export-data.h"

static void
write_workbook (const char *path)
{
  lxw_workbook *workbook = workbook_new (path);
  lxw_format *wrap = workbook_add_format (workbook);

  format_set_text_wrap (wrap);

  /* One matrix per round: unit, status, and per question a choice column if coded and text. */
  for (guint r = 0; r < BENCH_N_ROUNDS; r++)
    {
      char name[32];
      lxw_worksheet *sheet;

      g_snprintf (name, sizeof name, "Matrix %u", BENCH_FIRST_YEAR + r);
      sheet = workbook_add_worksheet (workbook, name);
      for (guint u = 0; u < BENCH_N_UNITS; u++)
        {
          g_autofree char *unit = bench_unit_name (u);
          lxw_col_t col = 4;

          worksheet_write_string (sheet, u + 2, 0, unit, wrap);
          worksheet_write_string (sheet, u + 2, 1, "Interview done", wrap);
          for (guint q = 0; q < BENCH_N_QUESTIONS; q++)
            {
              g_autofree char *text = bench_answer_text (r, u, q);
              const char *choice = bench_choice (r, u, q);

              if (choice != NULL)
                worksheet_write_string (sheet, u + 2, col++, choice, wrap);
              worksheet_write_string (sheet, u + 2, col++, text, wrap);
            }
        }
    }

  /* One long-form sheet per question over all rounds. */
  for (guint q = 0; q < BENCH_N_QUESTIONS; q++)
    {
      lxw_worksheet *sheet = workbook_add_worksheet (workbook, bench_question_keys[q]);
      lxw_row_t row = 2;

      for (guint r = 0; r < BENCH_N_ROUNDS; r++)
        for (guint u = 0; u < BENCH_N_UNITS; u++, row++)
          {
            g_autofree char *unit = bench_unit_name (u);
            g_autofree char *text = bench_answer_text (r, u, q);
            const char *choice = bench_choice (r, u, q);

            worksheet_write_number (sheet, row, 0, BENCH_FIRST_YEAR + r, NULL);
            worksheet_write_string (sheet, row, 2, unit, wrap);
            worksheet_write_string (sheet, row, 3, "Interview done", wrap);
            if (choice != NULL)
              worksheet_write_string (sheet, row, 6, choice, wrap);
            worksheet_write_string (sheet, row, 8, text, wrap);
          }
    }

  if (workbook_close (workbook) != LXW_NO_ERROR)
    g_error ("could not write %s", path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("upp-bench-direct-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "direct.xlsx", NULL);

  for (guint run = 0; run < 3; run++)
    {
      gint64 start = g_get_monotonic_time ();
      GStatBuf st;

      write_workbook (path);
      g_stat (path, &st);
      g_print ("libxlsxwriter directly, same cells of 10 rounds: %.3f s, %.1f MB\n",
               (g_get_monotonic_time () - start) / 1e6, st.st_size / 1e6);
    }

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
