/* test-enums.c: keys of coded values survive a round trip and unknown keys are refused
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "upp-enums.h"

static void
test_round_trip (void)
{
  for (int i = 0; i < UPP_N_RESPONSE_STATUSES; i++)
    {
      UppResponseStatus status;
      g_assert_true (upp_response_status_from_key (upp_response_status_to_key (i), &status));
      g_assert_cmpint (status, ==, i);
      g_assert_nonnull (upp_response_status_get_label (i));
    }
  for (int i = 0; i < UPP_N_QUESTION_KINDS; i++)
    {
      UppQuestionKind kind;
      g_assert_true (upp_question_kind_from_key (upp_question_kind_to_key (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  for (int i = 0; i < UPP_N_INTERVIEW_MODES; i++)
    {
      UppInterviewMode mode;
      g_assert_true (upp_interview_mode_from_key (upp_interview_mode_to_key (i), &mode));
      g_assert_cmpint (mode, ==, i);
    }
}

static void
test_unknown_keys (void)
{
  UppQuestionKind kind;
  UppResponseStatus status;

  g_assert_false (upp_question_kind_from_key ("essay", &kind));
  g_assert_false (upp_question_kind_from_key (NULL, &kind));
  g_assert_false (upp_response_status_from_key ("DONE", &status));
  g_assert_true (upp_response_status_is_answered (UPP_RESPONSE_STATUS_APPROVED));
  g_assert_false (upp_response_status_is_answered (UPP_RESPONSE_STATUS_NO_ANSWER));
}

/* As a spreadsheet's cells give them: keys or labels, in any case and spacing. */
static void
test_from_text (void)
{
  UppResponseStatus status = UPP_RESPONSE_STATUS_NOT_CONTACTED;
  UppInterviewMode mode = UPP_INTERVIEW_MODE_NONE;

  g_assert_true (upp_response_status_from_text ("  interview\u00a0 DONE ", &status));
  g_assert_cmpint (status, ==, UPP_RESPONSE_STATUS_DONE);
  g_assert_true (upp_response_status_from_text ("no_answer", &status));
  g_assert_cmpint (status, ==, UPP_RESPONSE_STATUS_NO_ANSWER);
  g_assert_true (upp_response_status_from_text ("Approved by respondent.", &status));
  g_assert_cmpint (status, ==, UPP_RESPONSE_STATUS_APPROVED);
  g_assert_false (upp_response_status_from_text ("Klar", &status));
  g_assert_false (upp_response_status_from_text (NULL, &status));
  g_assert_cmpint (status, ==, UPP_RESPONSE_STATUS_APPROVED);

  g_assert_true (upp_interview_mode_from_text ("PHONE", &mode));
  g_assert_cmpint (mode, ==, UPP_INTERVIEW_MODE_PHONE);
  g_assert_true (upp_interview_mode_from_text ("not set", &mode));
  g_assert_cmpint (mode, ==, UPP_INTERVIEW_MODE_NONE);
  g_assert_false (upp_interview_mode_from_text ("Brev", &mode));
}

/* A table the app exported in Swedish imports into an app in English, and the other way
 * round: the status of Gagnef, "Inget svar inkommet", must not be left out as unknown. */
static void
test_from_text_in_either_language (void)
{
  const char *localedir = g_getenv ("UPP_LOCALEDIR");
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) modes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) agreement_statuses = g_ptr_array_new_with_free_func (g_free);
  UppResponseStatus status;
  UppInterviewMode mode;
  UppAgreementKind kind;
  UppAgreementStatus agreement_status;

  g_assert_true (upp_response_status_from_text ("Inget svar inkommet", &status));
  g_assert_cmpint (status, ==, UPP_RESPONSE_STATUS_NO_ANSWER);
  g_assert_true (upp_response_status_from_text ("intervju  genomförd", &status));
  g_assert_cmpint (status, ==, UPP_RESPONSE_STATUS_DONE);
  g_assert_true (upp_interview_mode_from_text ("Besök", &mode));
  g_assert_cmpint (mode, ==, UPP_INTERVIEW_MODE_VISIT);
  g_assert_false (upp_interview_mode_from_text ("Inget svar inkommet", &mode));

  /* The labels as the Swedish app writes them, from its catalogue. */
  if (localedir == NULL || setlocale (LC_ALL, "sv_SE.UTF-8") == NULL)
    {
      g_test_skip ("No Swedish locale or no catalogue (UPP_LOCALEDIR) to compare with");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  for (int i = 0; i < UPP_N_RESPONSE_STATUSES; i++)
    g_ptr_array_add (statuses, g_strdup (upp_response_status_get_label (i)));
  for (int i = 0; i < UPP_N_INTERVIEW_MODES; i++)
    g_ptr_array_add (modes, g_strdup (upp_interview_mode_get_label (i)));
  for (int i = 0; i < UPP_N_AGREEMENT_KINDS; i++)
    g_ptr_array_add (kinds, g_strdup (upp_agreement_kind_get_label (i)));
  for (int i = 0; i < UPP_N_AGREEMENT_STATUSES; i++)
    g_ptr_array_add (agreement_statuses, g_strdup (upp_agreement_status_get_label (i)));
  g_assert_cmpstr (g_ptr_array_index (statuses, UPP_RESPONSE_STATUS_NO_ANSWER), ==,
                   "Inget svar inkommet");

  /* Read back in English, and in Swedish. */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_assert_nonnull (setlocale (LC_ALL, pass == 0 ? "C.UTF-8" : "sv_SE.UTF-8"));
      for (int i = 0; i < UPP_N_RESPONSE_STATUSES; i++)
        {
          g_assert_true (upp_response_status_from_text (g_ptr_array_index (statuses, i),
                                                        &status));
          g_assert_cmpint (status, ==, i);
          g_assert_true (upp_response_status_from_text (upp_response_status_to_key (i),
                                                        &status));
          g_assert_cmpint (status, ==, i);
        }
      for (int i = 0; i < UPP_N_INTERVIEW_MODES; i++)
        {
          g_assert_true (upp_interview_mode_from_text (g_ptr_array_index (modes, i), &mode));
          g_assert_cmpint (mode, ==, i);
        }
      for (int i = 0; i < UPP_N_AGREEMENT_KINDS; i++)
        {
          g_assert_true (upp_agreement_kind_from_text (g_ptr_array_index (kinds, i), &kind));
          g_assert_cmpint (kind, ==, i);
        }
      for (int i = 0; i < UPP_N_AGREEMENT_STATUSES; i++)
        {
          g_assert_true (upp_agreement_status_from_text (g_ptr_array_index (agreement_statuses,
                                                                            i),
                                                         &agreement_status));
          g_assert_cmpint (agreement_status, ==, i);
        }
    }
  g_assert_true (upp_response_status_from_text ("No answer received", &status));
  g_assert_cmpint (status, ==, UPP_RESPONSE_STATUS_NO_ANSWER);
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/enums/round-trip", test_round_trip);
  g_test_add_func ("/enums/unknown-keys", test_unknown_keys);
  g_test_add_func ("/enums/from-text", test_from_text);
  g_test_add_func ("/enums/from-text-in-either-language", test_from_text_in_either_language);
  return g_test_run ();
}
