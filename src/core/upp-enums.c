/* upp-enums.c: keys and labels of the domain's coded values
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-enums.h"
#include "upp-util.h"

typedef struct
{
  const char *key;
  const char *label;
} KeyLabel;

static const KeyLabel question_kinds[] = {
  { "text",            N_("Free text") },
  { "single_choice",   N_("Single choice with comment") },
  { "multiple_choice", N_("Multiple choice with comment") },
  { "yes_no",          N_("Yes or no") },
  { "number",          N_("Number") },
  { "table",           N_("Table of rows") },
};

static const KeyLabel response_statuses[] = {
  { "not_contacted", N_("Not contacted") },
  { "invited",       N_("Invited") },
  { "booked",        N_("Interview booked") },
  { "done",          N_("Interview done") },
  { "approved",      N_("Approved by respondent") },
  { "no_answer",     N_("No answer received") },
};

static const KeyLabel interview_modes[] = {
  { "",      N_("Not set") },
  { "visit", N_("Visit") },
  { "phone", N_("Phone") },
  { "video", N_("Video") },
};

static const KeyLabel unit_kinds[] = {
  { "municipality", N_("Municipality") },
  { "group",        N_("Group of municipalities") },
  { "other",        N_("Other body") },
};

/* LÖK and RÖK are the Swedish names of the local and the regional agreement; they stay
 * Swedish in every language. */
static const KeyLabel agreement_kinds[] = {
  { "lok",   N_("LÖK") },
  { "rok",   N_("RÖK") },
  { "other", N_("Other agreement") },
};

static const KeyLabel agreement_statuses[] = {
  { "in_force",       N_("In force") },
  { "in_preparation", N_("In preparation") },
  { "under_revision", N_("Under revision") },
  { "ended",          N_("Ended") },
};

/* The labels as po/sv.po has them, by key: a table the app exported in Swedish imports into
 * an app that runs in another language (test-enums checks them against the catalogue). */
static const KeyLabel swedish_labels[] = {
  { "not_contacted",  "Inte kontaktad" },
  { "invited",        "Inbjuden" },
  { "booked",         "Intervju bokad" },
  { "done",           "Intervju genomförd" },
  { "approved",       "Godkänd av respondenten" },
  { "no_answer",      "Inget svar inkommet" },
  { "",               "Inte angivet" },
  { "visit",          "Besök" },
  { "phone",          "Telefon" },
  { "video",          "Video" },
  { "lok",            "LÖK" },
  { "rok",            "RÖK" },
  { "other",          "Annan överenskommelse" },
  { "in_force",       "Gäller" },
  { "in_preparation", "Under framtagande" },
  { "under_revision", "Under revidering" },
  { "ended",          "Upphört" },
};

static const KeyLabel answer_origins[] = {
  { "edit",       N_("Edited in the form") },
  { "cli",        N_("Set from the command line") },
  { "import",     N_("Imported from a table") },
  { "exchange",   N_("Came with an exchange file") },
  { "resolution", N_("Conflict resolved") },
  { "restore",    N_("Earlier version restored") },
  { "upgrade",    N_("Template upgraded") },
  { "earlier",    N_("Saved before history was kept") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (question_kinds) == UPP_N_QUESTION_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (response_statuses) == UPP_N_RESPONSE_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (interview_modes) == UPP_N_INTERVIEW_MODES);
G_STATIC_ASSERT (G_N_ELEMENTS (unit_kinds) == UPP_N_UNIT_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (agreement_kinds) == UPP_N_AGREEMENT_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (agreement_statuses) == UPP_N_AGREEMENT_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (answer_origins) == UPP_N_ANSWER_ORIGINS);

static gboolean
lookup (const KeyLabel *table,
        guint           n,
        const char     *key,
        int            *value)
{
  if (key == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (table[i].key, key) == 0)
        {
          *value = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
label_matches (const char *label,
               const char *wanted)
{
  g_autofree char *folded = upp_str_fold_for_matching (label, -1);

  return g_str_equal (wanted, folded);
}

/* By key, or by label in the language the app runs in, in English or in Swedish, folded as
 * upp_str_fold_for_matching () does: what a cell of an exported table holds, whichever
 * language the app that wrote it ran in. */
static gboolean
lookup_text (const KeyLabel *table,
             guint           n,
             const char     *text,
             int            *value)
{
  g_autofree char *wanted = NULL;

  if (text == NULL)
    return FALSE;
  wanted = upp_str_fold_for_matching (text, -1);
  for (guint i = 0; i < n; i++)
    {
      const char *swedish = NULL;

      for (guint s = 0; s < G_N_ELEMENTS (swedish_labels) && swedish == NULL; s++)
        if (g_str_equal (swedish_labels[s].key, table[i].key))
          swedish = swedish_labels[s].label;

      if (g_str_equal (wanted, table[i].key) ||
          label_matches (g_dgettext (GETTEXT_PACKAGE, table[i].label), wanted) ||
          label_matches (table[i].label, wanted) ||
          (swedish != NULL && label_matches (swedish, wanted)))
        {
          *value = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

#define DEFINE_KEYED(prefix, Type, table, N)                                   \
  const char *prefix##_to_key (Type value)                                     \
  {                                                                            \
    g_return_val_if_fail ((guint) value < N, NULL);                            \
    return table[value].key;                                                   \
  }                                                                            \
  gboolean prefix##_from_key (const char *key, Type *value)                    \
  {                                                                            \
    int found;                                                                 \
    if (!lookup (table, N, key, &found))                                       \
      return FALSE;                                                            \
    *value = (Type) found;                                                     \
    return TRUE;                                                               \
  }                                                                            \
  const char *prefix##_get_label (Type value)                                  \
  {                                                                            \
    g_return_val_if_fail ((guint) value < N, NULL);                            \
    return g_dgettext (GETTEXT_PACKAGE, table[value].label);                   \
  }

DEFINE_KEYED (upp_question_kind, UppQuestionKind, question_kinds, UPP_N_QUESTION_KINDS)
DEFINE_KEYED (upp_response_status, UppResponseStatus, response_statuses, UPP_N_RESPONSE_STATUSES)
DEFINE_KEYED (upp_interview_mode, UppInterviewMode, interview_modes, UPP_N_INTERVIEW_MODES)
DEFINE_KEYED (upp_unit_kind, UppUnitKind, unit_kinds, UPP_N_UNIT_KINDS)
DEFINE_KEYED (upp_agreement_kind, UppAgreementKind, agreement_kinds, UPP_N_AGREEMENT_KINDS)
DEFINE_KEYED (upp_agreement_status, UppAgreementStatus, agreement_statuses,
              UPP_N_AGREEMENT_STATUSES)
DEFINE_KEYED (upp_answer_origin, UppAnswerOrigin, answer_origins, UPP_N_ANSWER_ORIGINS)

gboolean
upp_question_kind_has_choices (UppQuestionKind kind)
{
  return kind == UPP_QUESTION_KIND_SINGLE_CHOICE ||
         kind == UPP_QUESTION_KIND_MULTIPLE_CHOICE ||
         kind == UPP_QUESTION_KIND_YES_NO;
}

gboolean
upp_response_status_is_answered (UppResponseStatus status)
{
  return status == UPP_RESPONSE_STATUS_DONE || status == UPP_RESPONSE_STATUS_APPROVED;
}

gboolean
upp_response_status_from_text (const char        *text,
                               UppResponseStatus *status)
{
  int found;

  if (!lookup_text (response_statuses, UPP_N_RESPONSE_STATUSES, text, &found))
    return FALSE;
  *status = (UppResponseStatus) found;
  return TRUE;
}

gboolean
upp_interview_mode_from_text (const char       *text,
                              UppInterviewMode *mode)
{
  int found;

  if (!lookup_text (interview_modes, UPP_N_INTERVIEW_MODES, text, &found))
    return FALSE;
  *mode = (UppInterviewMode) found;
  return TRUE;
}

gboolean
upp_agreement_kind_from_text (const char       *text,
                              UppAgreementKind *kind)
{
  int found;

  if (!lookup_text (agreement_kinds, UPP_N_AGREEMENT_KINDS, text, &found))
    return FALSE;
  *kind = (UppAgreementKind) found;
  return TRUE;
}

gboolean
upp_agreement_status_from_text (const char         *text,
                                UppAgreementStatus *status)
{
  int found;

  if (!lookup_text (agreement_statuses, UPP_N_AGREEMENT_STATUSES, text, &found))
    return FALSE;
  *status = (UppAgreementStatus) found;
  return TRUE;
}
