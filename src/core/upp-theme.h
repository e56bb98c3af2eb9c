/* upp-theme.h: a theme of a region's codebook: what passages of answers are coded with
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* Whether what a theme names helps the agreement's work along or holds it back. */
typedef enum
{
  UPP_THEME_KIND_NEUTRAL,
  UPP_THEME_KIND_PROMOTING,
  UPP_THEME_KIND_HINDERING,
} UppThemeKind;

/* "neutral", "promoting", "hindering": what the database, exchange files and the CLI use. */
const char   *upp_theme_kind_to_key            (UppThemeKind  kind);
gboolean      upp_theme_kind_from_key          (const char   *key,
                                                UppThemeKind *kind);

#define UPP_TYPE_THEME (upp_theme_get_type ())

G_DECLARE_FINAL_TYPE (UppTheme, upp_theme, UPP, THEME, GObject)

UppTheme     *upp_theme_new                    (const char   *region_code,
                                                const char   *name,
                                                UppThemeKind  kind);
gint64        upp_theme_get_id                 (UppTheme     *self);
void          upp_theme_set_id                 (UppTheme     *self,
                                                gint64        id);
const char   *upp_theme_get_uuid               (UppTheme     *self);
void          upp_theme_set_uuid               (UppTheme     *self,
                                                const char   *uuid);
const char   *upp_theme_get_region_code        (UppTheme     *self);
const char   *upp_theme_get_name               (UppTheme     *self);
void          upp_theme_set_name               (UppTheme     *self,
                                                const char   *name);
const char   *upp_theme_get_description        (UppTheme     *self);
void          upp_theme_set_description        (UppTheme     *self,
                                                const char   *description);
UppThemeKind  upp_theme_get_kind               (UppTheme     *self);
void          upp_theme_set_kind               (UppTheme     *self,
                                                UppThemeKind  kind);
/* The uuid of the theme this one is grouped under, "" for none (one level only). */
const char   *upp_theme_get_parent_uuid        (UppTheme     *self);
void          upp_theme_set_parent_uuid        (UppTheme     *self,
                                                const char   *parent_uuid);
/* "#rrggbb", or "" for the kind's colour. */
const char   *upp_theme_get_colour             (UppTheme     *self);
void          upp_theme_set_colour             (UppTheme     *self,
                                                const char   *colour);
gboolean      upp_theme_get_retired            (UppTheme     *self);
void          upp_theme_set_retired            (UppTheme     *self,
                                                gboolean      retired);
const char   *upp_theme_get_modified           (UppTheme     *self);
void          upp_theme_set_modified           (UppTheme     *self,
                                                const char   *modified);
const char   *upp_theme_get_device             (UppTheme     *self);
void          upp_theme_set_device             (UppTheme     *self,
                                                const char   *device);
/* Coded passages with this theme, in every round, when loaded from the store. */
guint         upp_theme_get_n_codings          (UppTheme     *self);
void          upp_theme_set_n_codings          (UppTheme     *self,
                                                guint         n_codings);

G_END_DECLS
