/* test-save-queue.c: the interview form's writer thread: saves land in the order they were
 * queued, each is reported once on the main thread in that order, a failed one changes
 * nothing and does not stop the next, and the form's response learns what was written
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"
#include "upp-interview.h"
#include "upp-municipality.h"
#include "upp-region.h"
#include "upp-save-queue.h"
#include "upp-unit.h"

typedef struct
{
  char        *dir;
  UppStore    *store;
  UppRound    *round;
  GPtrArray   *responses;
  GArray      *reported;   /* int: the job numbers, in the order reported */
  GPtrArray   *errors;     /* char*: "" or the message, by report */
  GThread     *main_thread;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRegion) region = NULL;
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  const char *names[] = { "Falun", "Borlänge" };
  const char *codes[] = { "2080", "2081" };

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "queue");
  region = upp_store_find_region (fixture->store, "20", &error);
  template = upp_store_load_template (fixture->store, "lok", 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      UppUnit *unit = upp_unit_new (names[i], "20", UPP_UNIT_KIND_MUNICIPALITY);

      upp_unit_add_member_code (unit, codes[i]);
      g_ptr_array_add (units, unit);
    }
  fixture->round = upp_round_new (2026, region, "Kö", template);
  g_assert_true (upp_store_create_round (fixture->store, fixture->round, units, &error));
  g_assert_no_error (error);
  fixture->responses = upp_store_list_responses (fixture->store, fixture->round, &error);
  g_assert_no_error (error);
  fixture->reported = g_array_new (FALSE, FALSE, sizeof (int));
  fixture->errors = g_ptr_array_new_with_free_func (g_free);
  fixture->main_thread = g_thread_self ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->reported, g_array_unref);
  g_clear_pointer (&fixture->errors, g_ptr_array_unref);
  g_clear_pointer (&fixture->responses, g_ptr_array_unref);
  g_clear_object (&fixture->round);
  test_close_store (&fixture->store, &fixture->dir);
}

typedef struct
{
  Fixture *fixture;
  int      number;
} Report;

static void
on_done_cb (UppSaveQueueJob *job,
            const GError    *error,
            gpointer         user_data)
{
  Report *report = user_data;

  g_assert_true (g_thread_self () == report->fixture->main_thread);
  g_array_append_val (report->fixture->reported, report->number);
  g_ptr_array_add (report->fixture->errors, g_strdup (error ? error->message : ""));
}

static UppSaveQueueJob *
new_job (Fixture     *fixture,
         UppResponse *response,
         int          number,
         gboolean     details)
{
  Report *report = g_new0 (Report, 1);

  report->fixture = fixture;
  report->number = number;
  return upp_save_queue_job_new (fixture->round, response, details, on_done_cb, report,
                                 g_free);
}

static const char *
stored_text (Fixture    *fixture,
             const char *unit,
             const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) response = upp_store_find_response (fixture->store, fixture->round,
                                                             unit, &error);
  UppAnswer *answer;

  g_assert_no_error (error);
  answer = upp_response_get_answer (response, key);
  /* Interned so the caller can compare it after the response is gone. */
  return g_intern_string (answer != NULL ? upp_answer_get_text (answer) : "");
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(UppSaveQueue) queue = upp_save_queue_new (upp_store_get_path (fixture->store));
  UppResponse *falun = g_ptr_array_index (fixture->responses, 0);
  g_autoptr(GString) typed = g_string_new (NULL);
  const char *choices[] = { "in_progress", NULL };

  /* Typing: the same answer, longer each save; the last one queued must win. */
  for (int i = 0; i < 50; i++)
    {
      UppSaveQueueJob *job = new_job (fixture, falun, i, FALSE);

      g_string_append_c (typed, 'a' + i % 26);
      upp_save_queue_job_add_answer (job, "good_examples", typed->str, NULL, NULL);
      if (i == 10)
        upp_save_queue_job_add_answer (job, "agreement", "Pågår.", choices, NULL);
      upp_save_queue_push (queue, job);
    }
  upp_save_queue_drain (queue);

  g_assert_cmpuint (fixture->reported->len, ==, 50);
  for (int i = 0; i < 50; i++)
    {
      g_assert_cmpint (g_array_index (fixture->reported, int, i), ==, i);
      g_assert_cmpstr (g_ptr_array_index (fixture->errors, i), ==, "");
    }
  g_assert_cmpstr (stored_text (fixture, "Falun", "good_examples"), ==, typed->str);
  g_assert_cmpstr (stored_text (fixture, "Falun", "agreement"), ==, "Pågår.");
  /* The form's response object knows it too, as when the main thread wrote. */
  g_assert_cmpstr (upp_answer_get_text (upp_response_get_answer (falun, "good_examples")), ==,
                   typed->str);
  g_assert_cmpstr (upp_answer_get_choice (upp_response_get_answer (falun, "agreement")), ==,
                   "in_progress");
}

static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(UppSaveQueue) queue = upp_save_queue_new (upp_store_get_path (fixture->store));
  UppResponse *borlange = g_ptr_array_index (fixture->responses, 1);
  const char *wrong[] = { "no_such_choice", NULL };
  UppSaveQueueJob *job;

  upp_response_set_participant_count (borlange, 4);
  job = new_job (fixture, borlange, 1, TRUE);
  upp_save_queue_job_add_answer (job, "other", "Först.", NULL, NULL);
  upp_save_queue_push (queue, job);

  /* One bad answer: the whole save is undone, the details with it. */
  upp_response_set_participant_count (borlange, 7);
  job = new_job (fixture, borlange, 2, TRUE);
  upp_save_queue_job_add_answer (job, "other", "Andra.", NULL, NULL);
  upp_save_queue_job_add_answer (job, "agreement", "", wrong, NULL);
  upp_save_queue_push (queue, job);

  job = new_job (fixture, borlange, 3, FALSE);
  upp_save_queue_job_add_answer (job, "challenges", "Tredje.", NULL, NULL);
  upp_save_queue_push (queue, job);

  /* Nothing is reported before the main loop runs or the queue is drained. */
  g_assert_cmpuint (fixture->reported->len, ==, 0);
  upp_save_queue_drain (queue);

  g_assert_cmpuint (fixture->reported->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 0), ==, "");
  g_assert_true (strstr (g_ptr_array_index (fixture->errors, 1), "no_such_choice") != NULL);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 2), ==, "");
  g_assert_cmpstr (stored_text (fixture, "Borlänge", "other"), ==, "Först.");
  g_assert_cmpstr (stored_text (fixture, "Borlänge", "challenges"), ==, "Tredje.");
  g_assert_cmpstr (upp_answer_get_text (upp_response_get_answer (borlange, "other")), ==,
                   "Först.");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(UppResponse) stored = upp_store_find_response (fixture->store, fixture->round,
                                                             "Borlänge", &error);

    g_assert_cmpint (upp_response_get_participant_count (stored), ==, 4);
  }
}

static void
test_reported_by_main_loop (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(UppSaveQueue) queue = upp_save_queue_new (upp_store_get_path (fixture->store));
  UppResponse *falun = g_ptr_array_index (fixture->responses, 0);
  UppSaveQueueJob *job = new_job (fixture, falun, 1, FALSE);

  upp_save_queue_job_add_answer (job, "other", "Via huvudloopen.", NULL, NULL);
  upp_save_queue_push (queue, job);
  while (fixture->reported->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 0), ==, "");
  g_assert_cmpstr (stored_text (fixture, "Falun", "other"), ==, "Via huvudloopen.");
}

/* The first interview's length and the respondent check go with the other details, and
 * further interviews with the answers, in the same transaction. */
static void
test_interview_details (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(UppSaveQueue) queue = upp_save_queue_new (upp_store_get_path (fixture->store));
  UppResponse *falun = g_ptr_array_index (fixture->responses, 0);
  g_autoptr(UppInterview) further = upp_interview_new ();
  g_autoptr(UppResponse) stored = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(GError) error = NULL;
  UppSaveQueueJob *job;

  upp_response_set_duration_minutes (falun, 95);
  upp_response_set_check_sent (falun, "2026-03-20");
  upp_response_set_check_approved (falun, "2026-03-27");
  upp_interview_set_date (further, "2026-04-02");
  upp_interview_set_mode (further, UPP_INTERVIEW_MODE_VIDEO);
  upp_interview_set_duration_minutes (further, 40);
  upp_interview_set_participant_count (further, 2);
  upp_interview_set_participant_roles (further, "Socialchef, MAS");
  upp_interview_set_note (further, "Uppföljning av SIP-frågan.");
  job = new_job (fixture, falun, 1, TRUE);
  upp_save_queue_job_add_interview (job, further);
  upp_save_queue_push (queue, job);
  upp_save_queue_drain (queue);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 0), ==, "");

  stored = upp_store_find_response (fixture->store, fixture->round, "Falun", &error);
  g_assert_no_error (error);
  g_assert_cmpint (upp_response_get_duration_minutes (stored), ==, 95);
  g_assert_cmpstr (upp_response_get_check_sent (stored), ==, "2026-03-20");
  g_assert_cmpstr (upp_response_get_check_approved (stored), ==, "2026-03-27");

  interviews = upp_store_list_interviews (fixture->store, fixture->round, stored, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (interviews->len, ==, 1);
  g_assert_cmpstr (upp_interview_get_uuid (interviews->pdata[0]), ==,
                   upp_interview_get_uuid (further));
  g_assert_cmpstr (upp_interview_get_date (interviews->pdata[0]), ==, "2026-04-02");
  g_assert_cmpint (upp_interview_get_mode (interviews->pdata[0]), ==, UPP_INTERVIEW_MODE_VIDEO);
  g_assert_cmpint (upp_interview_get_duration_minutes (interviews->pdata[0]), ==, 40);
  g_assert_cmpstr (upp_interview_get_note (interviews->pdata[0]), ==,
                   "Uppföljning av SIP-frågan.");
  /* The form's object learns its id, so that a later save updates the same row. */
  g_assert_cmpint (upp_interview_get_id (further), ==,
                   upp_interview_get_id (interviews->pdata[0]));

  /* Edited again: the same row, not a second one. */
  upp_interview_set_note (further, "Ändrad.");
  job = new_job (fixture, falun, 2, FALSE);
  upp_save_queue_job_add_interview (job, further);
  upp_save_queue_push (queue, job);
  upp_save_queue_drain (queue);
  g_clear_pointer (&interviews, g_ptr_array_unref);
  interviews = upp_store_list_interviews (fixture->store, fixture->round, stored, &error);
  g_assert_cmpuint (interviews->len, ==, 1);
  g_assert_cmpstr (upp_interview_get_note (interviews->pdata[0]), ==, "Ändrad.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/save-queue/order", Fixture, NULL, fixture_set_up, test_order,
              fixture_tear_down);
  g_test_add ("/save-queue/failure", Fixture, NULL, fixture_set_up, test_failure,
              fixture_tear_down);
  g_test_add ("/save-queue/interview-details", Fixture, NULL, fixture_set_up,
              test_interview_details, fixture_tear_down);
  g_test_add ("/save-queue/main-loop", Fixture, NULL, fixture_set_up,
              test_reported_by_main_loop, fixture_tear_down);

  return g_test_run ();
}
