/* upp-search-page.h: the search of every round's answers, opened with Ctrl+F
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"

G_BEGIN_DECLS

#define UPP_TYPE_SEARCH_PAGE (upp_search_page_get_type ())

G_DECLARE_FINAL_TYPE (UppSearchPage, upp_search_page, UPP, SEARCH_PAGE, GtkWidget)

/* Activating a hit runs win.show-answer ((sssii): round uuid, unit uuid, question key, and
 * the match's first and last character). */
UppSession *upp_search_page_get_session (UppSearchPage *self);
void        upp_search_page_set_session (UppSearchPage *self,
                                         UppSession    *session);
/* Focuses the search entry with its text selected, to type a new query. */
void        upp_search_page_focus_entry (UppSearchPage *self);

G_END_DECLS
