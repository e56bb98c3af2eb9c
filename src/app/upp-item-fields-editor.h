/* upp-item-fields-editor.h: the item fields beside a question's answer (Ansvar, Tid), edited
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_ITEM_FIELDS_EDITOR (upp_item_fields_editor_get_type ())

G_DECLARE_FINAL_TYPE (UppItemFieldsEditor, upp_item_fields_editor, UPP, ITEM_FIELDS_EDITOR,
                      GtkWidget)

/* Emits "changed" (the field's answer key, upp_answer_key_for_field ()) when a field holds a
 * new value worth saving: a date or a number being typed only once it is one. */
GtkWidget *upp_item_fields_editor_new          (UppTemplate         *template,
                                                UppQuestion         *question);
/* Shows the response's values without emitting "changed"; NULL empties the fields. */
void       upp_item_fields_editor_set_response (UppItemFieldsEditor *self,
                                                UppResponse         *response);
/* The answer to store under answer_key, as the store keeps a field (a choice field's value
 * in choices); FALSE when the key is not one of these fields or its value is not valid. */
gboolean   upp_item_fields_editor_dup_answer   (UppItemFieldsEditor *self,
                                                const char          *answer_key,
                                                char               **text,
                                                char              ***choices);
/* The entry or drop-down of a field, for focus and for tests; NULL when there is none. */
GtkWidget *upp_item_fields_editor_get_widget   (UppItemFieldsEditor *self,
                                                const char          *field_key);
/* The same by the field's answer key; NULL when it is not one of these fields. */
GtkWidget *upp_item_fields_editor_get_widget_for_key (UppItemFieldsEditor *self,
                                                      const char          *answer_key);

G_END_DECLS
