/* upp-choice-group.h: a question's options in the interview form, wrapped as the line allows:
 * a radio group that is one Tab stop, or check boxes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define UPP_TYPE_CHOICE_GROUP (upp_choice_group_get_type ())

G_DECLARE_FINAL_TYPE (UppChoiceGroup, upp_choice_group, UPP, CHOICE_GROUP, GtkWidget)

/* single: one choice (radio buttons, the group a single Tab stop entered at its chosen
 * option), else check boxes, each a stop. The group is named by label for a screen reader. */
GtkWidget  *upp_choice_group_new          (gboolean        single,
                                           GtkWidget      *label);
/* Adds a widget after the others: an option (a GtkCheckButton) or, not focusable, a button
 * beside them. */
void        upp_choice_group_append       (UppChoiceGroup *self,
                                           GtkWidget      *widget);
GtkFlowBox *upp_choice_group_get_flow_box (UppChoiceGroup *self);

G_END_DECLS
