/* bench-make-data.c: the ten-year database the benchmarks measure against
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-make-data OUT.db [SEED]
 *
 * 290 units (as many as Sweden has municipalities) over 10 yearly LÖK rounds (2016–2025), six
 * questions each; every answer is 0, 5, 20, 60, 120 or 250 words of Swedish text drawn with a
 * fixed seed, so every run of every benchmark sees the same database (about 10 MB of text).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-unit.h"

#define N_UNITS    290
#define N_ROUNDS   10
#define FIRST_YEAR 2016

static const guint answer_lengths[] = { 0, 5, 20, 60, 120, 250 };

/* Words of the Dalarna answers, so that search and line breaking meet Swedish text. */
static const char *words[] = {
  "samverkan", "mellan", "kommunen", "och", "regionen", "fungerar", "väl", "på", "strategisk",
  "nivå", "styrgruppen", "träffas", "fyra", "gånger", "per", "år", "följer", "upp",
  "överenskommelsen", "det", "saknas", "resurser", "för", "att", "arbeta", "med", "SIP", "i",
  "den", "omfattning", "som", "behövs", "brukarnas", "delaktighet", "har", "ökat", "sedan",
  "förra", "året", "avvikelser", "rapporteras", "Synergi", "men", "återkopplingen", "dröjer",
  "öppenvårdspsykiatrin", "deltar", "arbetsgruppen", "IBM", "vi", "önskar", "tydligare",
  "rutiner", "utskrivning", "från", "slutenvården", "socialtjänsten", "beroendemottagningen",
  "vårdcentralen", "personal", "bemanning", "väntetider", "lokaler", "utbildning",
  "handledning", "kunskap", "uppföljning", "ledning", "chefer", "verksamheten", "patienter",
  "anhöriga", "insatser", "boende", "missbruk", "psykiatri", "gemensamma", "möten", "ansvar",
};

static char *
make_answer (GRand *rand,
             gsize *n_bytes)
{
  guint n_words = answer_lengths[g_rand_int_range (rand, 0, G_N_ELEMENTS (answer_lengths))];
  GString *text = g_string_new (NULL);
  guint sentence = 0;

  for (guint i = 0; i < n_words; i++)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      if (i > 0)
        g_string_append_c (text, ' ');
      /* Sentences of 6 to 17 words, a paragraph now and then. */
      if (sentence == 0)
        {
          g_autofree char *first = g_utf8_strup (word, 1);

          g_string_append (text, first);
          g_string_append (text, g_utf8_next_char (word));
          sentence = g_rand_int_range (rand, 6, 18);
        }
      else
        g_string_append (text, word);
      if (--sentence == 0 || i + 1 == n_words)
        {
          g_string_append_c (text, '.');
          sentence = 0;
          if (g_rand_int_range (rand, 0, 5) == 0 && i + 1 < n_words)
            g_string_append_c (text, '\n');
        }
    }
  *n_bytes += text->len;
  return g_string_free (text, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(UppRegion) region = NULL;
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GRand) rand = NULL;
  gsize n_bytes = 0;

  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: bench-make-data OUT.db [SEED]\n");
      return 2;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s: already exists\n", argv[1]);
      return 1;
    }
  rand = g_rand_new_with_seed (argc > 2 ? (guint32) g_ascii_strtoull (argv[2], NULL, 10) : 2016);

  store = upp_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  region = upp_store_find_region (store, "20", &error);
  template = region != NULL ? upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_LOK, 0, &error)
                            : NULL;
  if (template == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  for (guint year = FIRST_YEAR; year < FIRST_YEAR + N_ROUNDS; year++)
    {
      g_autoptr(GPtrArray) units = NULL;
      g_autoptr(GPtrArray) responses = NULL;
      g_autoptr(UppRound) round = NULL;
      g_autofree char *title = g_strdup_printf ("Uppföljning LÖK %u", year);

      /* The same units every year, as a region's municipalities are. */
      if (year == FIRST_YEAR)
        {
          units = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint i = 0; i < N_UNITS; i++)
            {
              g_autofree char *name = g_strdup_printf ("Enhet %03u", i + 1);

              g_ptr_array_add (units, upp_unit_new (name, upp_region_get_code (region),
                                                    UPP_UNIT_KIND_OTHER));
            }
        }
      else if ((units = upp_store_list_units (store, upp_region_get_code (region), &error)) == NULL)
        break;
      round = upp_round_new (year, region, title, template);
      if (!upp_store_create_round (store, round, units, &error))
        break;
      responses = upp_store_list_responses (store, round, &error);
      if (responses == NULL || !upp_store_begin (store, &error))
        break;
      for (guint i = 0; i < responses->len && error == NULL; i++)
        {
          UppResponse *response = g_ptr_array_index (responses, i);

          upp_response_set_status (response, UPP_RESPONSE_STATUS_DONE);
          if (!upp_store_save_response_details (store, response, &error))
            break;
          for (guint q = 0; q < upp_template_get_n_questions (template); q++)
            {
              UppQuestion *question = upp_template_get_question (template, q);
              GPtrArray *choices = upp_question_get_choices (question);
              g_autofree char *text = make_answer (rand, &n_bytes);
              const char *codes[] = { NULL, NULL };

              if (choices->len > 0 && upp_question_get_kind (question) != UPP_QUESTION_KIND_TEXT)
                codes[0] = ((UppChoice *) g_ptr_array_index (choices,
                                                             g_rand_int_range (rand, 0,
                                                                               choices->len)))->key;
              if (*text == '\0' && codes[0] == NULL)
                continue;
              if (!upp_store_set_answer (store, round, response, upp_question_get_key (question),
                                         text, codes[0] != NULL ? codes : NULL, &error))
                break;
            }
        }
      if (error != NULL)
        {
          upp_store_rollback (store);
          break;
        }
      if (!upp_store_commit (store, &error))
        break;
    }
  if (error != NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  g_print ("%s: %u units x %u rounds, %.1f MB of answer text\n", argv[1], N_UNITS, N_ROUNDS,
           n_bytes / 1e6);
  return 0;
}
