/* upp-export.h: the rounds, questions and responses an export writes, loaded once
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_EXPORT_ERROR (upp_export_error_quark ())

typedef enum
{
  UPP_EXPORT_ERROR_NO_ROUNDS,      /* nothing to export */
  UPP_EXPORT_ERROR_MIXED_REGIONS,  /* several rounds of different regions */
  UPP_EXPORT_ERROR_WRITE,          /* the file could not be written; nothing was left */
} UppExportError;

/* One round with everything an export needs from it. */
typedef struct
{
  UppRound    *round;
  UppTemplate *template;
  GPtrArray   *responses;  /* UppResponse *, by unit name */
} UppExportRound;

typedef struct
{
  GPtrArray *rounds;     /* UppExportRound *, by year (then title), oldest first */
  /* The questions of all rounds matched by key, in the order of the newest round's template
   * followed by questions only older rounds had; borrowed from the templates. */
  GPtrArray *questions;  /* UppQuestion * */
  char      *region_name;
  /* The stored versions of the newest round's template: older rounds' answers line up with
   * its questions through their mapping. */
  GPtrArray *template_versions;  /* UppTemplate * */
} UppExportData;

GQuark         upp_export_error_quark       (void);

/* Loads the responses of rounds (UppRound *) of one region; an error names the problem when
 * the list is empty or mixes regions. */
UppExportData *upp_export_data_load         (UppStore        *store,
                                             GPtrArray       *rounds,
                                             GError         **error);
/* The same with each round's answers left out, for a writer that takes them round by round
 * (upp_export_round_load_answers ()) and lets go of them when written, so that ten years of
 * answers are never held at once. */
UppExportData *upp_export_data_load_without_answers (UppStore   *store,
                                                     GPtrArray  *rounds,
                                                     GError    **error);
void           upp_export_data_free         (UppExportData   *data);

/* The question of that key in round's template, or NULL when the round does not ask it. */
/* Reads round's answers into its responses (of data loaded without them). */
gboolean       upp_export_round_load_answers (UppStore       *store,
                                              UppExportRound *round,
                                              GError        **error);
/* Lets go of the answers of round's responses once a workbook has written them (their status
 * and details stay): nothing may read them afterwards. */
void           upp_export_round_release_answers (UppExportRound *round);
UppQuestion   *upp_export_round_find_question (UppExportRound *round,
                                               const char     *question_key);

/* The question of round's template that question (one of data->questions) corresponds to:
 * the same key, or for a question of the newest round's template the question it came from
 * in the version round asked; NULL when round did not ask it. */
UppQuestion   *upp_export_round_find_mapped_question (UppExportData  *data,
                                                      UppExportRound *round,
                                                      UppQuestion    *question);
/* The answer of response (of round) to question, mapped as above, merged answers joined;
 * a new reference, or NULL. */
UppAnswer     *upp_export_dup_mapped_answer (UppExportData   *data,
                                             UppExportRound  *round,
                                             UppResponse     *response,
                                             UppQuestion     *question);

/* Labels of the chosen codes joined by "; ", or "" without codes; labels of keys that the
 * question no longer has are written as the key. */
char          *upp_export_dup_choice_labels (UppQuestion     *question,
                                             UppAnswer       *answer);
/* Keys of the chosen codes joined by "; ", or "". */
char          *upp_export_dup_choice_keys   (UppAnswer       *answer);
/* "1. LÖK-status", "1.1 Styrgrupp" (a number of a part has no dot after it), or the short
 * label alone when the question has no number. */
char          *upp_export_dup_question_title (UppQuestion    *question);
/* Template format 2: "1.1 Nedtecknad avtal/överenskommelse – Ansvar", the header of one
 * of a question's columns beside its title (a field, the status, a table's rows). */
char          *upp_export_dup_column_header (const char      *title,
                                             const char      *label);
/* How a field's value reads: a choice field's label (its key when the field no longer has
 * it), another field's text; "" for NULL. */
char          *upp_export_dup_field_text    (const UppItemField *field,
                                             const char         *value);
/* What "Status" the column with a checklist item's answer is called beside its fields. */
const char    *upp_export_get_status_label  (void);
/* The header of the column holding a coded question's choices: "LÖK-status (choice)". The
 * CSV import recognises it. */
char          *upp_export_dup_choice_header (const char      *title);
/* Whether header ends like upp_export_dup_choice_header(); then *title_length is set to the
 * length of the title before the suffix. */
gboolean       upp_export_is_choice_header  (const char      *header,
                                             gsize           *title_length);

/* Writes a file through a temporary file in the same folder: write_func gets the temporary
 * path and must create the file there; on success it is renamed to path, otherwise removed.
 * A folder that cannot be written gives UPP_EXPORT_ERROR_WRITE naming path. */
typedef gboolean (*UppExportWriteFunc) (const char  *temp_path,
                                        gpointer     user_data,
                                        GError     **error);
gboolean       upp_export_write_via_temp    (const char          *path,
                                             UppExportWriteFunc   write_func,
                                             gpointer             user_data,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppExportData, upp_export_data_free)

G_END_DECLS
