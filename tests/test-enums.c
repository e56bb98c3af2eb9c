/* test-enums.c: keys of coded values survive a round trip and unknown keys are refused
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/enums/round-trip", test_round_trip);
  g_test_add_func ("/enums/unknown-keys", test_unknown_keys);
  return g_test_run ();
}
