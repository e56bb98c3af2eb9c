/* upp-round.h: a follow-up round: one year's survey of a region's units
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ROUND (upp_round_get_type ())

G_DECLARE_FINAL_TYPE (UppRound, upp_round, UPP, ROUND, GObject)

UppRound    *upp_round_new                 (int          year,
                                            UppRegion   *region,
                                            const char  *title,
                                            UppTemplate *template);
gint64       upp_round_get_id              (UppRound    *self);
void         upp_round_set_id              (UppRound    *self,
                                            gint64       id);
/* The round's identity everywhere outside one database (CLI, exchange files). */
const char  *upp_round_get_uuid            (UppRound    *self);
void         upp_round_set_uuid            (UppRound    *self,
                                            const char  *uuid);
int          upp_round_get_year            (UppRound    *self);
void         upp_round_set_year            (UppRound    *self,
                                            int          year);
UppRegion   *upp_round_get_region          (UppRound    *self);
const char  *upp_round_get_region_name     (UppRound    *self);
const char  *upp_round_get_title           (UppRound    *self);
void         upp_round_set_title           (UppRound    *self,
                                            const char  *title);
/* The template version the round runs with. */
UppTemplate *upp_round_get_template        (UppRound    *self);
/* Counts filled in by the store when it lists rounds. */
guint        upp_round_get_n_units         (UppRound    *self);
guint        upp_round_get_n_answered      (UppRound    *self);
void         upp_round_set_counts          (UppRound    *self,
                                            guint        n_units,
                                            guint        n_answered);
/* Report texts kept with the round (summary, background, recommendations, …) by key;
 * NULL when not written. */
const char  *upp_round_get_text            (UppRound    *self,
                                            const char  *key);
void         upp_round_set_text            (UppRound    *self,
                                            const char  *key,
                                            const char  *text);
/* Keys of the texts that are set, sorted; free with g_strfreev(). */
char       **upp_round_dup_text_keys       (UppRound    *self);

/* Takes year, title, counts, texts and template from other (the same round read again),
 * notifying what changed; TRUE when anything did. */
gboolean     upp_round_update_from         (UppRound    *self,
                                            UppRound    *other);

G_END_DECLS
