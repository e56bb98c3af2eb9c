/* upp-privacy.h: personal data found in free text: identity numbers, phone numbers, e-mail
 * addresses and words the user listed, and masking them
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  UPP_PRIVACY_PERSONAL_NUMBER,      /* personnummer */
  UPP_PRIVACY_COORDINATION_NUMBER,  /* samordningsnummer: the day + 60 */
  UPP_PRIVACY_PHONE,
  UPP_PRIVACY_EMAIL,
  UPP_PRIVACY_LISTED_WORD,          /* a word on the database's own list, e.g. a client's name */
  UPP_N_PRIVACY_KINDS
} UppPrivacyKind;

typedef struct
{
  UppPrivacyKind kind;
  gsize          start;  /* byte offsets into the text */
  gsize          end;
} UppPrivacyMatch;

/* Personal data found in what a round holds (upp_store_find_personal_data ()). */
typedef struct
{
  char            *unit_name;     /* "" for the round's own report texts */
  char            *unit_uuid;     /* "" for the round's own report texts */
  char            *question_key;  /* the answer's question; "" for other texts */
  char            *place;         /* "answer", "interview_note" or "report_text:KEY" */
  char            *object_uuid;   /* the answer's or interview's uuid, "" for a report text */
  char            *text;          /* the whole text the match is in */
  UppPrivacyMatch  match;
} UppPrivacyFinding;

void        upp_privacy_finding_free     (UppPrivacyFinding   *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppPrivacyFinding, upp_privacy_finding_free)
/* The matched text, and up to context characters either side of it on one line. */
char       *upp_privacy_finding_dup_matched (UppPrivacyFinding *finding);
char       *upp_privacy_finding_dup_context (UppPrivacyFinding *finding,
                                             guint              context);

/* The personal data in text, in order, never overlapping: identity and coordination numbers
 * only with a real date and a right check digit (Luhn), so that other numbers of ten digits
 * are left alone. listed: words or names to flag too (NULL for none), matched whole and
 * ignoring case. An array of UppPrivacyMatch. */
GArray     *upp_privacy_find             (const char          *text,
                                          const char * const  *listed);
/* text with each match replaced by its kind's token ("[personnummer]"), everything else
 * byte for byte as it was. */
char       *upp_privacy_mask             (const char          *text,
                                          GArray              *matches);
/* "Looks like a personal identity number", for a tooltip. */
const char *upp_privacy_kind_describe    (UppPrivacyKind       kind);
/* The neutral token a masked match becomes. */
const char *upp_privacy_kind_get_token   (UppPrivacyKind       kind);
/* A stable key for files and the CLI: "personal_number", "phone", … */
const char *upp_privacy_kind_to_key      (UppPrivacyKind       kind);

G_END_DECLS
