/* upp-enums.h: the coded values of the domain and their labels
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Stored in the database and in exchange files by their key strings, never by number. */

typedef enum
{
  UPP_QUESTION_KIND_TEXT,
  UPP_QUESTION_KIND_SINGLE_CHOICE,
  UPP_QUESTION_KIND_MULTIPLE_CHOICE,
  UPP_QUESTION_KIND_YES_NO,
  UPP_QUESTION_KIND_NUMBER,
  UPP_QUESTION_KIND_TABLE,   /* repeating rows of named columns (template format 2) */
  UPP_N_QUESTION_KINDS
} UppQuestionKind;

typedef enum
{
  UPP_RESPONSE_STATUS_NOT_CONTACTED,
  UPP_RESPONSE_STATUS_INVITED,
  UPP_RESPONSE_STATUS_BOOKED,
  UPP_RESPONSE_STATUS_DONE,
  UPP_RESPONSE_STATUS_APPROVED,
  UPP_RESPONSE_STATUS_NO_ANSWER,
  UPP_N_RESPONSE_STATUSES
} UppResponseStatus;

typedef enum
{
  UPP_INTERVIEW_MODE_NONE,
  UPP_INTERVIEW_MODE_VISIT,
  UPP_INTERVIEW_MODE_PHONE,
  UPP_INTERVIEW_MODE_VIDEO,
  UPP_N_INTERVIEW_MODES
} UppInterviewMode;

typedef enum
{
  UPP_UNIT_KIND_MUNICIPALITY,
  UPP_UNIT_KIND_GROUP,
  UPP_UNIT_KIND_OTHER,
  UPP_N_UNIT_KINDS
} UppUnitKind;

typedef enum
{
  UPP_AGREEMENT_KIND_LOK,
  UPP_AGREEMENT_KIND_ROK,
  UPP_AGREEMENT_KIND_OTHER,
  UPP_N_AGREEMENT_KINDS
} UppAgreementKind;

typedef enum
{
  UPP_AGREEMENT_STATUS_IN_FORCE,
  UPP_AGREEMENT_STATUS_IN_PREPARATION,
  UPP_AGREEMENT_STATUS_UNDER_REVISION,
  UPP_AGREEMENT_STATUS_ENDED,
  UPP_N_AGREEMENT_STATUSES
} UppAgreementStatus;

/* How a version of an answer came to be (upp-answer-version.h). */
typedef enum
{
  UPP_ANSWER_ORIGIN_EDIT,
  UPP_ANSWER_ORIGIN_CLI,
  UPP_ANSWER_ORIGIN_IMPORT,
  UPP_ANSWER_ORIGIN_EXCHANGE,
  UPP_ANSWER_ORIGIN_RESOLUTION,
  UPP_ANSWER_ORIGIN_RESTORE,
  UPP_ANSWER_ORIGIN_UPGRADE,
  UPP_ANSWER_ORIGIN_EARLIER,
  UPP_N_ANSWER_ORIGINS
} UppAnswerOrigin;

const char *upp_question_kind_to_key    (UppQuestionKind    kind);
gboolean    upp_question_kind_from_key  (const char        *key,
                                         UppQuestionKind   *kind);
const char *upp_question_kind_get_label (UppQuestionKind    kind);
gboolean    upp_question_kind_has_choices (UppQuestionKind  kind);

const char *upp_response_status_to_key    (UppResponseStatus  status);
gboolean    upp_response_status_from_key  (const char        *key,
                                           UppResponseStatus *status);
const char *upp_response_status_get_label (UppResponseStatus  status);
/* A status as people write it in a table: its key or its label in the current language,
 * whatever the case and spacing ("Interview done", "intervju  genomförd", "done"). */
gboolean    upp_response_status_from_text (const char        *text,
                                           UppResponseStatus *status);
/* Whether a response in this status counts as answered (done or approved). */
gboolean    upp_response_status_is_answered (UppResponseStatus status);

const char *upp_interview_mode_to_key    (UppInterviewMode   mode);
gboolean    upp_interview_mode_from_key  (const char        *key,
                                          UppInterviewMode  *mode);
const char *upp_interview_mode_get_label (UppInterviewMode   mode);
/* A mode as people write it, as upp_response_status_from_text () reads a status. */
gboolean    upp_interview_mode_from_text (const char        *text,
                                          UppInterviewMode  *mode);

const char *upp_unit_kind_to_key    (UppUnitKind  kind);
gboolean    upp_unit_kind_from_key  (const char  *key,
                                     UppUnitKind *kind);
const char *upp_unit_kind_get_label (UppUnitKind  kind);

const char *upp_agreement_kind_to_key    (UppAgreementKind    kind);
gboolean    upp_agreement_kind_from_key  (const char         *key,
                                          UppAgreementKind   *kind);
const char *upp_agreement_kind_get_label (UppAgreementKind    kind);
/* A kind as people write it ("LÖK", "rok", "Annan"), as upp_response_status_from_text ()
 * reads a status. */
gboolean    upp_agreement_kind_from_text (const char         *text,
                                          UppAgreementKind   *kind);

const char *upp_agreement_status_to_key    (UppAgreementStatus  status);
gboolean    upp_agreement_status_from_key  (const char         *key,
                                            UppAgreementStatus *status);
const char *upp_agreement_status_get_label (UppAgreementStatus  status);
gboolean    upp_agreement_status_from_text (const char         *text,
                                            UppAgreementStatus *status);

const char *upp_answer_origin_to_key    (UppAnswerOrigin    origin);
gboolean    upp_answer_origin_from_key  (const char        *key,
                                         UppAnswerOrigin   *origin);
const char *upp_answer_origin_get_label (UppAnswerOrigin    origin);

G_END_DECLS
