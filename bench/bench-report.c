/* bench-report.c: time to write the report of a generated region of 290 units
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-report [N_UNITS [KEEP.pdf]]   (default 290, as many as Sweden has
 * municipalities; KEEP.pdf keeps a copy of the report to look at)
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "report/upp-report.h"
#include "upp-answer.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-unit.h"

#include "test-util.h"

static const char *sentences[] = {
  "Samverkan mellan kommunens missbruksenhet och vårdcentralen fungerar väl.",
  "Vi träffas regelbundet i styrgruppen där verksamhetschefer från båda huvudmännen deltar.",
  "Utmaningen är att resurssätta arbetet med den lokala överenskommelsen.",
  "SIP används allt oftare men kunskapen om verktyget behöver spridas i verksamheterna.",
  "Avvikelser skrivs i Synergi vid behov, oftast när det gäller utskrivning från slutenvården.",
  "Den integrerade beroendemottagningen har gjort det lättare för patienterna att få hjälp.",
  "Personalomsättningen gör att rutinerna behöver förankras på nytt varje år.",
};

static char *
make_answer (GRand *rand)
{
  /* Most answers are a few sentences; one in ten runs to thousands of characters, like
   * Södra's and Mora's in the Dalarna table. */
  guint n = g_rand_int_range (rand, 0, 10) == 0 ? g_rand_int_range (rand, 25, 45)
                                               : g_rand_int_range (rand, 1, 6);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append (text, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
      g_string_append_c (text, g_rand_int_range (rand, 0, 4) == 0 ? '\n' : ' ');
    }
  return g_string_free (text, FALSE);
}

static void
progress (guint page, guint n_pages, gpointer user_data)
{
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "rapport.pdf", NULL);
  g_autoptr(UppStore) store = test_open_store (dir, "bench");
  g_autoptr(UppRegion) region = NULL;
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(UppReport) report = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (290);
  guint n_units = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 290;
  gint64 start, built, written;
  GStatBuf info;
  gsize n_chars = 0;

  region = upp_store_find_region (store, "20", &error);
  g_assert_no_error (error);
  template = upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_LOK, 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_units; i++)
    {
      g_autofree char *name = g_strdup_printf ("Enhet %03u", i + 1);

      g_ptr_array_add (units, upp_unit_new (name, upp_region_get_code (region),
                                            UPP_UNIT_KIND_OTHER));
    }
  round = upp_round_new (2026, region, "Uppföljning LÖK 2026", template);
  upp_store_create_round (store, round, units, &error);
  g_assert_no_error (error);
  upp_round_set_text (round, UPP_REPORT_TEXT_SUMMARY, "Sammanfattning av uppföljningen.");
  upp_store_update_round (store, round, &error);
  g_assert_no_error (error);

  responses = upp_store_list_responses (store, round, &error);
  g_assert_no_error (error);
  upp_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      for (guint q = 0; q < upp_template_get_n_questions (template); q++)
        {
          UppQuestion *question = upp_template_get_question (template, q);
          GPtrArray *choices = upp_question_get_choices (question);
          g_autofree char *text = make_answer (rand);
          const char *codes[] = { NULL, NULL };

          if (choices->len > 0)
            {
              guint pick = g_rand_int_range (rand, 0, choices->len);

              codes[0] = ((UppChoice *) g_ptr_array_index (choices, pick))->key;
            }
          n_chars += strlen (text);
          upp_store_set_answer (store, round, response, upp_question_get_key (question), text,
                                codes[0] != NULL ? codes : NULL, &error);
          g_assert_no_error (error);
        }
    }
  upp_store_commit (store, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  report = upp_report_new (store, round, &error);
  g_assert_no_error (error);
  built = g_get_monotonic_time ();
  upp_report_write_pdf (report, pdf, progress, NULL, NULL, &error);
  g_assert_no_error (error);
  written = g_get_monotonic_time ();
  g_stat (pdf, &info);

  g_print ("units:            %u\n", n_units);
  g_print ("answers:          %u (%.1f MB of text)\n",
           n_units * upp_template_get_n_questions (template), n_chars / 1e6);
  g_print ("pages:            %u\n", upp_report_get_n_pages (report));
  g_print ("load and layout:  %.2f s\n", (built - start) / 1e6);
  g_print ("write PDF:        %.2f s\n", (written - built) / 1e6);
  g_print ("total:            %.2f s\n", (written - start) / 1e6);
  g_print ("PDF size:         %.1f MB\n", info.st_size / 1e6);

  if (argc > 2)
    g_rename (pdf, argv[2]);
  test_close_store (&store, &dir);
  return 0;
}
