/* bench-export-data.h: the generated region both export benchmarks write: 290 units, 10 rounds
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#define BENCH_N_UNITS     290
#define BENCH_N_ROUNDS    10
#define BENCH_N_QUESTIONS 6
#define BENCH_FIRST_YEAR  2016

/* The LÖK template's question keys and which are coded (with their first choice keys). */
static const char *bench_question_keys[BENCH_N_QUESTIONS] = {
  "agreement", "structure", "good_examples", "challenges", "deviations", "other",
};
static const char *bench_choice_keys[BENCH_N_QUESTIONS][3] = {
  { "signed", "in_progress", "planned" },
  { "strategic", "operative", "none" },
  { NULL }, { NULL },
  { "regular", "occasional", "not_yet" },
  { NULL },
};

static const char *bench_sentences[] = {
  "Samverkan mellan kommunen och regionen fungerar väl på strategisk nivå.",
  "Styrgruppen träffas fyra gånger per år och följer upp överenskommelsen.",
  "Det saknas resurser för att arbeta med SIP i den omfattning som behövs.",
  "Brukarnas delaktighet har ökat sedan förra året.",
  "Avvikelser rapporteras i Synergi men återkopplingen dröjer.",
  "Öppenvårdspsykiatrin deltar i arbetsgruppen för IBM.",
  "Vi önskar tydligare rutiner för utskrivning från slutenvården.",
};

static inline char *
bench_unit_name (guint unit)
{
  return g_strdup_printf ("Enhet %03u Älvdalens västra del", unit + 1);
}

/* Deterministic answer text of some 150 to 600 characters with line breaks. */
static inline char *
bench_answer_text (guint round,
                   guint unit,
                   guint question)
{
  GString *text = g_string_new (NULL);
  guint seed = round * 7919 + unit * 104729 + question * 1299709;
  guint n = 2 + seed % 7;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, i % 3 == 0 ? "\n" : " ");
      g_string_append (text, bench_sentences[(seed / 7 + i) % G_N_ELEMENTS (bench_sentences)]);
    }
  return g_string_free (text, FALSE);
}

static inline const char *
bench_choice (guint round,
              guint unit,
              guint question)
{
  if (bench_choice_keys[question][0] == NULL)
    return NULL;
  return bench_choice_keys[question][(round + unit) % 3];
}
