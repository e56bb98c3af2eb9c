/* test-session.c: the session's live models follow every change, from this thread, a worker
 * thread, another connection (as the CLI is) and the session's own jobs
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "upp-agreement.h"
#include "upp-backup.h"
#include "upp-coding.h"
#include "upp-interview.h"
#include "upp-theme.h"
#include "upp-session.h"
#include "upp-suggestion.h"
#include "upp-unit.h"
#include "test-util.h"
#include "upp-store-private.h"

typedef struct
{
  char       *dir;
  char       *path;
  UppSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "session.db", NULL);
  fixture->session = upp_session_new (fixture->path);
  g_assert_true (upp_session_open (fixture->session, &error));
  g_assert_no_error (error);
}

/* A worker thread lets go of its task (and so of the session) just after the callback ran:
 * the session must be gone once those have ended, not leak. */
static void
assert_finalized_soon (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (weak);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_finalized_soon (g_steal_pointer (&fixture->session));
  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the main context until the callback of an async call has run. */
static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Runs the main context until condition holds, at most five seconds (the session polls twice
 * a second). */
#define WAIT_UNTIL(condition) G_STMT_START {                                    \
    gint64 deadline_ = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;            \
    while (!(condition) && g_get_monotonic_time () < deadline_)                 \
      g_main_context_iteration (NULL, FALSE), g_usleep (1000);                  \
    g_assert_true (condition);                                                  \
  } G_STMT_END

static UppRound *
import_example (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(UppImportResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *rounds = upp_session_get_rounds (fixture->session);

  upp_session_import_example_async (fixture->session, NULL, on_result_cb, &result);
  wait_for_result (&result);
  /* The models followed before the callback ran. */
  g_assert_cmpuint (g_list_model_get_n_items (rounds), ==, 1);
  imported = upp_session_import_example_finish (fixture->session, result, &error);
  g_assert_no_error (error);
  return upp_session_find_round (fixture->session, imported->round_uuid);
}

static guint
count_items_changed (GListModel *model)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (model), "n-changes"));
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added)
{
  g_object_set_data (G_OBJECT (model), "n-changes",
                     GUINT_TO_POINTER (count_items_changed (model) + 1));
}

static void
test_session_job_fills_models (Fixture       *fixture,
                               gconstpointer  data)
{
  UppRound *round = import_example (fixture);
  g_autoptr(GListModel) responses = NULL;
  g_autoptr(GListModel) again = NULL;

  g_assert_nonnull (round);
  g_assert_cmpuint (upp_round_get_n_units (round), ==, 11);
  responses = upp_session_dup_responses (fixture->session, round);
  g_assert_cmpuint (g_list_model_get_n_items (responses), ==, 11);
  /* One live model per round. */
  again = upp_session_dup_responses (fixture->session, round);
  g_assert_true (again == responses);
  g_assert_cmpuint (g_list_model_get_n_items (upp_session_get_templates (fixture->session)),
                    >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (upp_session_get_conflicts (fixture->session)),
                    ==, 0);
}

static void
set_first_answer (UppStore   *store,
                  const char *round_uuid,
                  const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = upp_store_load_round (store, round_uuid, &error);
  g_autoptr(GPtrArray) responses = NULL;
  UppResponse *response;
  UppQuestion *question;

  g_assert_no_error (error);
  responses = upp_store_list_responses (store, round, &error);
  g_assert_no_error (error);
  response = g_ptr_array_index (responses, 0);
  question = upp_template_get_question (upp_round_get_template (round), 5);
  g_assert_true (upp_store_set_answer (store, round, response, upp_question_get_key (question),
                                       text, NULL, &error));
  g_assert_no_error (error);
}

static const char *
first_answer_text (GListModel  *responses,
                   UppRound    *round)
{
  g_autoptr(UppResponse) response = g_list_model_get_item (responses, 0);
  UppQuestion *question = upp_template_get_question (upp_round_get_template (round), 5);
  UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));

  return answer != NULL ? upp_answer_get_text (answer) : NULL;
}

/* The CLI beside the window is another connection: PRAGMA data_version tells the session. */
static void
test_session_follows_other_connection (Fixture       *fixture,
                                       gconstpointer  data)
{
  UppRound *round = import_example (fixture);
  g_autofree char *uuid = g_strdup (upp_round_get_uuid (round));
  g_autoptr(GListModel) responses = upp_session_dup_responses (fixture->session, round);
  g_autoptr(UppResponse) second = g_list_model_get_item (responses, 1);
  g_autoptr(UppStore) other = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (responses, "items-changed", G_CALLBACK (on_items_changed_cb), NULL);
  other = upp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  set_first_answer (other, uuid, "Skrivet i terminalen");

  WAIT_UNTIL (g_strcmp0 (first_answer_text (responses, round), "Skrivet i terminalen") == 0);
  g_assert_cmpuint (count_items_changed (responses), ==, 1);
  /* Only the changed response was replaced; the others stay the same objects. */
  {
    g_autoptr(UppResponse) second_now = g_list_model_get_item (responses, 1);

    g_assert_true (second_now == second);
  }
  /* The round is the same object, updated in place. */
  g_assert_true (upp_session_find_round (fixture->session, uuid) == round);
}

/* A unit's agreements and a response's further interviews, written by another connection (the
 * CLI), changed and removed: the models follow, and a model is dropped with its last
 * reference. */
static void
test_session_agreements_and_interviews (Fixture       *fixture,
                                        gconstpointer  data)
{
  UppRound *round = import_example (fixture);
  g_autoptr(GListModel) responses = upp_session_dup_responses (fixture->session, round);
  g_autoptr(UppResponse) first = g_list_model_get_item (responses, 0);
  g_autoptr(GListModel) agreements = upp_session_dup_agreements (fixture->session,
                                                                 upp_response_get_unit (first));
  g_autoptr(GListModel) interviews = upp_session_dup_interviews (fixture->session, round, first);
  g_autoptr(UppAgreement) agreement = upp_agreement_new ("LÖK 2024–2027",
                                                         UPP_AGREEMENT_KIND_LOK);
  g_autoptr(UppInterview) interview = upp_interview_new ();
  g_autoptr(UppStore) other = NULL;
  g_autoptr(UppResponse) other_first = NULL;
  g_autoptr(GError) error = NULL;
  gpointer weak = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (agreements), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 0);

  other = upp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  other_first = upp_store_find_response (other, round, upp_response_get_unit_name (first),
                                         &error);
  g_assert_no_error (error);
  g_assert_true (upp_store_save_agreement (other, upp_response_get_unit (other_first),
                                           agreement, &error));
  g_assert_no_error (error);
  upp_interview_set_date (interview, "2025-05-06");
  g_assert_true (upp_store_save_interview (other, other_first, interview, &error));
  g_assert_no_error (error);

  WAIT_UNTIL (g_list_model_get_n_items (agreements) == 1 &&
              g_list_model_get_n_items (interviews) == 1);
  {
    g_autoptr(UppAgreement) listed = g_list_model_get_item (agreements, 0);
    g_autoptr(UppInterview) held = g_list_model_get_item (interviews, 0);

    g_assert_cmpstr (upp_agreement_get_name (listed), ==, "LÖK 2024–2027");
    g_assert_cmpstr (upp_interview_get_date (held), ==, "2025-05-06");
  }

  upp_agreement_set_status (agreement, UPP_AGREEMENT_STATUS_ENDED);
  g_assert_true (upp_store_save_agreement (other, upp_response_get_unit (other_first),
                                           agreement, &error));
  g_assert_true (upp_store_remove_interview (other, interview, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (g_list_model_get_n_items (interviews) == 0);
  {
    g_autoptr(UppAgreement) listed = g_list_model_get_item (agreements, 0);

    g_assert_cmpint (upp_agreement_get_status (listed), ==, UPP_AGREEMENT_STATUS_ENDED);
  }

  weak = agreements;
  g_object_add_weak_pointer (G_OBJECT (agreements), &weak);
  g_clear_object (&agreements);
  g_assert_null (weak);
  /* Read again without the dropped one. */
  upp_session_note_changes (fixture->session, UPP_SESSION_CHANGED_ROUNDS);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 0);
}

/* A writer in the middle of a transaction (a long CLI import): the session sees nothing until
 * it commits, and reading meanwhile neither blocks nor warns. */
static void
test_session_waits_for_commit (Fixture       *fixture,
                               gconstpointer  data)
{
  UppRound *round = import_example (fixture);
  g_autofree char *uuid = g_strdup (upp_round_get_uuid (round));
  g_autoptr(GListModel) responses = upp_session_dup_responses (fixture->session, round);
  g_autoptr(UppStore) other = NULL;
  g_autoptr(GError) error = NULL;

  other = upp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (upp_store_begin (other, &error));
  set_first_answer (other, uuid, "Halvvägs i en import");
  g_assert_false (upp_session_check_for_changes (fixture->session));
  g_assert_cmpstr (first_answer_text (responses, round), !=, "Halvvägs i en import");

  g_assert_true (upp_store_commit (other, &error));
  g_assert_no_error (error);
  g_assert_true (upp_session_check_for_changes (fixture->session));
  g_assert_cmpstr (first_answer_text (responses, round), ==, "Halvvägs i en import");
}

typedef struct
{
  char *path;
  char *round_uuid;
  UppSession *session;
} WorkerData;

static gpointer
worker_thread (gpointer user_data)
{
  WorkerData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = upp_store_open (data->path, &error);
  g_autoptr(UppRound) round = NULL;
  UppUnit *unit;
  g_autoptr(GPtrArray) responses = NULL;

  g_assert_no_error (error);
  round = upp_store_load_round (store, data->round_uuid, &error);
  g_assert_no_error (error);
  responses = upp_store_list_responses (store, round, &error);
  unit = upp_response_get_unit (g_ptr_array_index (responses, 0));
  upp_unit_set_name (unit, "Borlänge (omdöpt)");
  g_assert_true (upp_store_save_unit (store, unit, &error));
  g_assert_no_error (error);
  upp_session_note_changes (data->session, UPP_SESSION_CHANGED_ROUNDS);
  return NULL;
}

static void
test_session_follows_worker_thread (Fixture       *fixture,
                                    gconstpointer  data)
{
  UppRound *round = import_example (fixture);
  g_autoptr(GListModel) responses = upp_session_dup_responses (fixture->session, round);
  WorkerData worker = { fixture->path, (char *) upp_round_get_uuid (round), fixture->session };
  GThread *thread = g_thread_new ("test-worker", worker_thread, &worker);
  gboolean renamed = FALSE;

  g_thread_join (thread);
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       !renamed && g_get_monotonic_time () < deadline; g_usleep (1000))
    {
      g_main_context_iteration (NULL, FALSE);
      for (guint i = 0; i < g_list_model_get_n_items (responses); i++)
        {
          g_autoptr(UppResponse) response = g_list_model_get_item (responses, i);

          renamed |= g_strcmp0 (upp_response_get_unit_name (response), "Borlänge (omdöpt)") == 0;
        }
    }
  g_assert_true (renamed);
}

/* Our own connection's changes (the window's dialogs write through it) are seen too, and the
 * round is updated in place, notifying its properties. */
static void
test_session_follows_own_connection (Fixture       *fixture,
                                     gconstpointer  data)
{
  UppRound *round = import_example (fixture);
  UppStore *store = upp_session_get_store (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) copy = upp_store_load_round (store, upp_round_get_uuid (round), &error);
  gboolean notified = FALSE;

  g_signal_connect_swapped (round, "notify::title", G_CALLBACK (g_nullify_pointer), &notified);
  notified = TRUE;
  upp_round_set_title (copy, "Uppföljning av LÖK, omdöpt");
  g_assert_true (upp_store_update_round (store, copy, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (g_strcmp0 (upp_round_get_title (round), "Uppföljning av LÖK, omdöpt") == 0);
  g_assert_false (notified);  /* cleared by the notify handler */
  g_signal_handlers_disconnect_by_data (round, &notified);
}

/* Searches in a worker thread share a connection: what the session's own connection changes
 * between two searches is found by the second (the order kept in memory follows). */
static void
test_session_search (Fixture       *fixture,
                     gconstpointer  data)
{
  UppRound *round = import_example (fixture);
  UppStore *store = upp_session_get_store (fixture->session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint n_matches = 0;

  test_set_answer (store, upp_round_get_uuid (round), "Vansbro", "other", "Ett lodjur.");
  upp_session_search_async (fixture->session, "lodjur", 200, NULL, on_result_cb, &result);
  hits = upp_session_search_finish (fixture->session, wait_for_result (&result), &n_matches,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpuint (n_matches, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_clear_object (&result);

  test_set_answer (store, upp_round_get_uuid (round), "Falun", "other", "Två lodjur.");
  test_set_answer (store, upp_round_get_uuid (round), "Leksand", "other", "Tre lodjur.");
  upp_session_search_async (fixture->session, "lodjur", 1, NULL, on_result_cb, &result);
  hits = upp_session_search_finish (fixture->session, wait_for_result (&result), &n_matches,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpuint (n_matches, ==, 3);
}

/* The codebook (issue 13): themes added beside the window (the CLI) and on the session's own
 * connection show up, a rename updates the theme in place, a coded passage counts. */
static void
test_session_themes (Fixture       *fixture,
                     gconstpointer  data)
{
  UppRound *round = import_example (fixture);
  UppStore *store = upp_session_get_store (fixture->session);
  GListModel *themes = upp_session_get_themes (fixture->session);
  g_autoptr(UppStore) other = NULL;
  g_autoptr(UppTheme) added = NULL;
  g_autoptr(UppTheme) mine = NULL;
  g_autoptr(UppTheme) shown = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(GError) error = NULL;
  UppAnswer *answer;
  gboolean notified = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 0);
  other = upp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  added = upp_store_add_theme (other, "20", "Samverkan", UPP_THEME_KIND_PROMOTING, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (g_list_model_get_n_items (themes) == 1);
  shown = g_list_model_get_item (themes, 0);
  g_assert_cmpstr (upp_theme_get_name (shown), ==, "Samverkan");

  g_signal_connect_swapped (shown, "notify::name", G_CALLBACK (g_nullify_pointer), &notified);
  notified = TRUE;
  g_assert_true (upp_store_rename_theme (other, added, "Samverkan med regionen", &error));
  g_assert_no_error (error);
  WAIT_UNTIL (g_strcmp0 (upp_theme_get_name (shown), "Samverkan med regionen") == 0);
  g_assert_false (notified);
  g_signal_handlers_disconnect_by_data (shown, &notified);
  {
    g_autoptr(UppTheme) still = g_list_model_get_item (themes, 0);

    g_assert_true (still == shown);
  }

  /* Coded on the session's own connection: the theme's count follows. */
  mine = upp_store_find_theme (store, "20", "samverkan med regionen", &error);
  g_assert_no_error (error);
  response = upp_store_find_response (store, round, "Falun", &error);
  g_assert_no_error (error);
  answer = upp_response_get_answer (response, "structure");
  g_assert_nonnull (answer);
  coding = upp_store_code_passage (store, round, response, "structure", 0, 5, mine, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (upp_theme_get_n_codings (shown) == 1);
}

static void
test_session_jobs (Fixture       *fixture,
                   gconstpointer  data)
{
  UppRound *round = import_example (fixture);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "export.xlsx", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *exchange = g_build_filename (fixture->dir, "exchange.json", NULL);
  g_autoptr(UppProgress) progress = upp_progress_new ();
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GAsyncResult) result = NULL;

    upp_session_export_async (fixture->session, round, "xlsx", xlsx, progress, NULL,
                              on_result_cb, &result);
    g_assert_true (upp_session_export_finish (fixture->session, wait_for_result (&result),
                                              &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
    /* The progress object tells on this thread's main context. */
    WAIT_UNTIL (upp_progress_get_fraction (progress) > 0.99);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    upp_session_export_async (fixture->session, round, "csv", csv, NULL, NULL,
                              on_result_cb, &result);
    g_assert_true (upp_session_export_finish (fixture->session, wait_for_result (&result),
                                              &error));
    g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(UppReport) report = NULL;

    upp_session_load_report_async (fixture->session, round, NULL, on_result_cb, &result);
    report = upp_session_load_report_finish (fixture->session, wait_for_result (&result),
                                             &error);
    g_assert_no_error (error);
    g_assert_cmpuint (upp_report_get_n_pages (report), >, 1);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    upp_session_export_report_async (fixture->session, round, pdf, NULL, NULL,
                                     on_result_cb, &result);
    g_assert_true (upp_session_export_report_finish (fixture->session,
                                                     wait_for_result (&result), &error));
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    upp_session_exchange_export_async (fixture->session, upp_round_get_uuid (round), NULL,
                                       exchange, NULL, on_result_cb, &result);
    g_assert_true (upp_session_exchange_export_finish (fixture->session,
                                                       wait_for_result (&result), &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(UppExchangeSummary) summary = NULL;

    upp_session_exchange_import_async (fixture->session, exchange, TRUE, NULL,
                                       on_result_cb, &result);
    summary = upp_session_exchange_import_finish (fixture->session, wait_for_result (&result),
                                                  &error);
    g_assert_no_error (error);
    g_assert_true (upp_exchange_summary_is_empty (summary));
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    /* A cancelled export leaves no file and says so. */
    g_cancellable_cancel (cancellable);
    upp_session_export_async (fixture->session, round, "xlsx", xlsx, NULL, cancellable,
                              on_result_cb, &result);
    g_assert_false (upp_session_export_finish (fixture->session, wait_for_result (&result),
                                               &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* A job that fails says why; the models are as before. */
static void
test_session_job_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.json", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  import_example (fixture);
  upp_session_exchange_import_async (fixture->session, missing, FALSE, NULL,
                                     on_result_cb, &result);
  summary = upp_session_exchange_import_finish (fixture->session, wait_for_result (&result),
                                                &error);
  g_assert_null (summary);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  g_assert_cmpuint (g_list_model_get_n_items (upp_session_get_rounds (fixture->session)), ==, 1);
}

/* A restore replaces the file: the session reads everything from a new connection. */
static void
test_session_restore (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "empty-backup.db", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  GListModel *rounds = upp_session_get_rounds (fixture->session);

  g_assert_true (upp_store_backup_to (upp_session_get_store (fixture->session), backup, &error));
  import_example (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rounds), ==, 1);

  upp_session_restore_async (fixture->session, backup, NULL, on_result_cb, &result);
  g_assert_true (upp_session_restore_finish (fixture->session, wait_for_result (&result),
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rounds), ==, 0);
  g_assert_nonnull (upp_session_get_store (fixture->session));
}

/* The day's backup shows in the backups model, once a day. */
static void
test_session_backups (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *backups = upp_session_get_backups (fixture->session);
  guint n_before = g_list_model_get_n_items (backups);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      upp_session_backup_daily_async (fixture->session, NULL, on_result_cb, &result);
      g_assert_true (upp_session_backup_daily_finish (fixture->session,
                                                      wait_for_result (&result), &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (backups), ==, n_before + 1);
    }
  {
    g_autoptr(UppBackup) backup = g_list_model_get_item (backups, 0);

    g_assert_cmpstr (upp_backup_get_reason (backup), ==, UPP_BACKUP_DAILY);
  }
}

/* The live response of a unit in a round's model. */
static UppResponse *
model_response (GListModel *responses,
                const char *unit_name)
{
  for (guint i = 0; i < g_list_model_get_n_items (responses); i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (responses, i);

      if (g_strcmp0 (upp_response_get_unit_name (response), unit_name) == 0)
        return response;
    }
  return NULL;
}

static gboolean
model_has_code (GListModel    *responses,
                UppSuggestion *suggestion)
{
  UppResponse *response = model_response (responses, upp_response_get_unit_name (
                                            upp_suggestion_get_response (suggestion)));
  UppAnswer *answer = response != NULL
    ? upp_response_get_answer (response, upp_suggestion_get_question_key (suggestion)) : NULL;

  return answer != NULL && upp_answer_get_choice (answer) != NULL;
}

/* Accepting suggested codes on a worker thread: one (no backup, an edit like the form's),
 * then all that are left (a backup first); the round's model has the codes before the
 * callback runs. */
static void
test_session_accept_suggestions (Fixture       *fixture,
                                 gconstpointer  data)
{
  UppStore *store = upp_session_get_store (fixture->session);
  g_autoptr(UppRound) imported = test_import_dalarna_round (store, 2025);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GListModel) responses = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *backups = upp_session_get_backups (fixture->session);
  UppSuggestion *first;
  UppRound *round;
  guint n_backups;
  guint n_accepted = 0;

  upp_session_check_for_changes (fixture->session);
  round = upp_session_find_round (fixture->session, upp_round_get_uuid (imported));
  g_assert_nonnull (round);
  responses = upp_session_dup_responses (fixture->session, round);
  suggestions = upp_suggestion_list_for_round (store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, >, 2);
  first = g_ptr_array_index (suggestions, 0);
  g_assert_false (model_has_code (responses, first));
  n_backups = g_list_model_get_n_items (backups);

  {
    g_autoptr(GAsyncResult) result = NULL;

    g_ptr_array_add (one, g_object_ref (first));
    upp_session_accept_suggestions_async (fixture->session, round, one, NULL, on_result_cb,
                                          &result);
    g_assert_true (upp_session_accept_suggestions_finish (fixture->session,
                                                          wait_for_result (&result),
                                                          &n_accepted, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_accepted, ==, 1);
    g_assert_true (model_has_code (responses, first));
    g_assert_cmpuint (g_list_model_get_n_items (backups), ==, n_backups);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(UppBackup) backup = NULL;

    upp_session_accept_suggestions_async (fixture->session, round, NULL, NULL, on_result_cb,
                                          &result);
    g_assert_true (upp_session_accept_suggestions_finish (fixture->session,
                                                          wait_for_result (&result),
                                                          &n_accepted, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_accepted, ==, suggestions->len - 1);
    for (guint i = 0; i < suggestions->len; i++)
      g_assert_true (model_has_code (responses, g_ptr_array_index (suggestions, i)));
    g_assert_cmpuint (g_list_model_get_n_items (backups), ==, n_backups + 1);
    backup = g_list_model_get_item (backups, 0);
    g_assert_cmpstr (upp_backup_get_reason (backup), ==, UPP_BACKUP_BEFORE_CODING);
  }
  left = upp_suggestion_list_for_round (store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 0);

  /* Nothing left: nothing written, not even a backup. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    upp_session_accept_suggestions_async (fixture->session, round, NULL, NULL, on_result_cb,
                                          &result);
    g_assert_true (upp_session_accept_suggestions_finish (fixture->session,
                                                          wait_for_result (&result),
                                                          &n_accepted, &error));
    g_assert_cmpuint (n_accepted, ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (backups), ==, n_backups + 1);
  }
}

/* A database that cannot be opened: no store, empty models, one message. */
static void
test_session_open_error (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "not-a-database.db", NULL);
  g_autoptr(UppSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "This is not SQLite, just text.\n", -1, NULL));
  session = upp_session_new (path);
  g_assert_false (upp_session_open (session, &error));
  g_assert_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT);
  g_assert_null (upp_session_get_store (session));
  g_assert_true (upp_session_is_read_only (session));
  g_assert_cmpuint (g_list_model_get_n_items (upp_session_get_rounds (session)), ==, 0);
  g_assert_false (upp_session_check_for_changes (session));
  g_assert_finalize_object (g_steal_pointer (&session));
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/session/job-fills-models", test_session_job_fills_models);
  ADD ("/session/follows-other-connection", test_session_follows_other_connection);
  ADD ("/session/follows-worker-thread", test_session_follows_worker_thread);
  ADD ("/session/waits-for-commit", test_session_waits_for_commit);
  ADD ("/session/follows-own-connection", test_session_follows_own_connection);
  ADD ("/session/themes", test_session_themes);
  ADD ("/session/search", test_session_search);
  ADD ("/session/agreements-and-interviews", test_session_agreements_and_interviews);
  ADD ("/session/jobs", test_session_jobs);
  ADD ("/session/job-errors", test_session_job_errors);
  ADD ("/session/restore", test_session_restore);
  ADD ("/session/backups", test_session_backups);
  ADD ("/session/accept-suggestions", test_session_accept_suggestions);
#undef ADD
  g_test_add_func ("/session/open-error", test_session_open_error);

  return g_test_run ();
}
