/* upp-agreement.h: an agreement a unit has with the region (a LÖK, the RÖK, or another)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-enums.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_AGREEMENT (upp_agreement_get_type ())

G_DECLARE_FINAL_TYPE (UppAgreement, upp_agreement, UPP, AGREEMENT, GObject)

/* Agreements belong to a unit, not to a round: the register an officer keeps in one round is
 * there in the next. Dates are "YYYY-MM-DD" or "" when not known; a period without an end
 * runs until further notice ("tills vidare"). */
UppAgreement       *upp_agreement_new              (const char         *name,
                                                    UppAgreementKind    kind);
gint64              upp_agreement_get_id           (UppAgreement       *self);
void                upp_agreement_set_id           (UppAgreement       *self,
                                                    gint64              id);
const char         *upp_agreement_get_uuid         (UppAgreement       *self);
void                upp_agreement_set_uuid         (UppAgreement       *self,
                                                    const char         *uuid);
/* The unit's uuid and name, set when the agreement is read from the store. */
const char         *upp_agreement_get_unit_uuid    (UppAgreement       *self);
const char         *upp_agreement_get_unit_name    (UppAgreement       *self);
void                upp_agreement_set_unit         (UppAgreement       *self,
                                                    const char         *unit_uuid,
                                                    const char         *unit_name);
const char         *upp_agreement_get_name         (UppAgreement       *self);
void                upp_agreement_set_name         (UppAgreement       *self,
                                                    const char         *name);
UppAgreementKind    upp_agreement_get_kind         (UppAgreement       *self);
void                upp_agreement_set_kind         (UppAgreement       *self,
                                                    UppAgreementKind    kind);
UppAgreementStatus  upp_agreement_get_status       (UppAgreement       *self);
void                upp_agreement_set_status       (UppAgreement       *self,
                                                    UppAgreementStatus  status);
const char         *upp_agreement_get_signed       (UppAgreement       *self);
void                upp_agreement_set_signed       (UppAgreement       *self,
                                                    const char         *date);
const char         *upp_agreement_get_valid_from   (UppAgreement       *self);
void                upp_agreement_set_valid_from   (UppAgreement       *self,
                                                    const char         *date);
const char         *upp_agreement_get_valid_to     (UppAgreement       *self);
void                upp_agreement_set_valid_to     (UppAgreement       *self,
                                                    const char         *date);
/* Free text: the parties, what it covers, "ska förlängas". */
const char         *upp_agreement_get_note         (UppAgreement       *self);
void                upp_agreement_set_note         (UppAgreement       *self,
                                                    const char         *note);
const char         *upp_agreement_get_modified     (UppAgreement       *self);
void                upp_agreement_set_modified     (UppAgreement       *self,
                                                    const char         *modified);
/* The period as a reader wants it: "2015-01-01 – 2017-12-31", "until 2017-12-31",
 * "from 2015-01-01, until further notice", or "" when no date is known. */
char               *upp_agreement_dup_period_label (UppAgreement       *self);
/* Whether the agreement is one to report in a round of this year: its period (from its
 * start, or its signing) covers part of the year, unknown dates counting as covering it; one
 * in preparation or under revision always is. */
gboolean            upp_agreement_applies_to_year  (UppAgreement       *self,
                                                    int                 year);

G_END_DECLS
