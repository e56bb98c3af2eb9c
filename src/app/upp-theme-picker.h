/* upp-theme-picker.h: the popover that codes a selected passage with a theme of the codebook
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_THEME_PICKER (upp_theme_picker_get_type ())

G_DECLARE_FINAL_TYPE (UppThemePicker, upp_theme_picker, UPP, THEME_PICKER, GtkPopover)

/* Emits "coded" (UppCoding) when it has coded the passage. */
GtkWidget *upp_theme_picker_new               (void);
/* Opens the picker at area of its parent to code characters start up to end of the
 * response's answer to question_key, as it is stored, with a theme of the round's region
 * chosen or created by name. */
void       upp_theme_picker_popup_for_passage (UppThemePicker     *self,
                                               UppSession         *session,
                                               UppRound           *round,
                                               UppResponse        *response,
                                               const char         *question_key,
                                               guint               start,
                                               guint               end,
                                               const GdkRectangle *area);
GtkEditable *upp_theme_picker_get_search_entry (UppThemePicker    *self);

G_END_DECLS
