/* upp-factor-table.h: a round's promoting and hindering factors: each theme of that kind
 * with the number of units coded with it and one or two quotes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "upp-theme.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* A factor is quoted with at most this many passages. */
#define UPP_FACTOR_TABLE_MAX_QUOTES 2

#define UPP_TYPE_FACTOR_TABLE (upp_factor_table_get_type ())

G_DECLARE_FINAL_TYPE (UppFactorTable, upp_factor_table, UPP, FACTOR_TABLE, GObject)

/* The table of the round: every promoting and every hindering theme in use of the round's
 * region (retired and neutral ones are no factors), by number of units, then name. A theme
 * no unit of the round is coded with is a factor with 0 units and no quotes. */
UppFactorTable *upp_factor_table_new           (UppStore        *store,
                                                UppRound        *round,
                                                GError         **error);
/* kind is UPP_THEME_KIND_PROMOTING or UPP_THEME_KIND_HINDERING; neutral has none. */
guint           upp_factor_table_get_n_factors (UppFactorTable  *self,
                                                UppThemeKind     kind);
UppTheme       *upp_factor_table_get_theme     (UppFactorTable  *self,
                                                UppThemeKind     kind,
                                                guint            position);
/* Units of the round with at least one passage coded with the factor's theme. */
guint           upp_factor_table_get_n_units   (UppFactorTable  *self,
                                                UppThemeKind     kind,
                                                guint            position);
/* The factor's quotes (UppCoding, in unit order): the passages the analyst chose as quotes,
 * else the first coded passage; empty when no unit has the theme. */
GPtrArray      *upp_factor_table_get_quotes    (UppFactorTable  *self,
                                                UppThemeKind     kind,
                                                guint            position);

G_END_DECLS
