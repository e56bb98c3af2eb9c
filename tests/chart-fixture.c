/* chart-fixture.c: the Dalarna example imported and coded, with a second year and an empty round
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "chart-fixture.h"
#include "import/import-dalarna.h"
#include "upp-answer.h"
#include "upp-response.h"
#include "upp-round.h"

#include "test-util.h"

/* A sensible coding of the Dalarna table's free text, by unit: LÖK status, structure,
 * deviations (NULL: no code). */
static const struct
{
  const char *unit;
  const char *agreement;
  const char *structure[3];
  const char *deviations;
  const char *agreement_next_year;
} coding[] = {
  { "Falun", "in_progress", { "strategic" }, "occasional", "signed" },
  { "Borlänge", "in_progress", { "strategic" }, "occasional", "ready_unsigned" },
  { "Säter", "planned", { "operative" }, "occasional", "in_progress" },
  { "Gagnef", NULL, { NULL }, NULL, "planned" },
  { "Väster- bergslagen", "planned", { "strategic" }, NULL, "in_progress" },
  { "Södra", "in_progress", { "strategic" }, "unknown", "in_progress" },
  { "Malung-Sälen", "in_progress", { "strategic" }, "occasional", "signed" },
  { "Vansbro", "in_progress", { "strategic", "operative" }, NULL, "in_progress" },
  { "Rättvik", "in_progress", { "strategic", "operative" }, NULL, "ready_unsigned" },
  { "Leksand", "ready_unsigned", { "strategic", "operative" }, NULL, "signed" },
  { "Mora", "signed", { "strategic", "operative" }, NULL, "signed" },
};

static UppResponse *
response_for (GPtrArray  *responses,
              const char *prefix)
{
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      if (g_str_has_prefix (upp_response_get_unit_name (response), prefix))
        return response;
    }
  g_error ("no unit starting with “%s”", prefix);
  return NULL;
}

static void
set_code (Fixture     *fixture,
          UppRound    *round,
          UppResponse *response,
          const char  *question,
          const char  *const *codes)
{
  g_autoptr(GError) error = NULL;
  UppAnswer *answer = upp_response_get_answer (response, question);
  const char *text = answer != NULL ? upp_answer_get_text (answer) : "";

  g_assert_true (upp_store_set_answer (fixture->store, round, response, question, text, codes,
                                       &error));
  g_assert_no_error (error);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) next_responses = NULL;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "test");
  fixture->round_2025 = test_import_dalarna_round (fixture->store, 2025);

  responses = upp_store_list_responses (fixture->store, fixture->round_2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (responses->len, ==, FIXTURE_N_UNITS);
  for (guint i = 0; i < FIXTURE_N_UNITS; i++)
    {
      UppResponse *response = response_for (responses, coding[i].unit);
      const char *agreement[] = { coding[i].agreement, NULL };
      const char *deviations[] = { coding[i].deviations, NULL };

      set_code (fixture, fixture->round_2025, response, "agreement", agreement);
      set_code (fixture, fixture->round_2025, response, "structure", coding[i].structure);
      set_code (fixture, fixture->round_2025, response, "deviations", deviations);
    }

  fixture->round_2026 = upp_store_duplicate_round (fixture->store, fixture->round_2025, 2026,
                                                   &error);
  g_assert_no_error (error);
  next_responses = upp_store_list_responses (fixture->store, fixture->round_2026, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < FIXTURE_N_UNITS; i++)
    {
      UppResponse *response = response_for (next_responses, coding[i].unit);
      const char *agreement[] = { coding[i].agreement_next_year, NULL };

      set_code (fixture, fixture->round_2026, response, "agreement", agreement);
    }

  /* An earlier year than any other, so that no history fills its charts either. */
  fixture->round_empty = upp_store_duplicate_round (fixture->store, fixture->round_2026, 2024,
                                                    &error);
  g_assert_no_error (error);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->round_2025);
  g_clear_object (&fixture->round_2026);
  g_clear_object (&fixture->round_empty);
  test_close_store (&fixture->store, &fixture->dir);
}


G_STATIC_ASSERT (G_N_ELEMENTS (coding) == FIXTURE_N_UNITS);
