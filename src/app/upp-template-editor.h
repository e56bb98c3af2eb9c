/* upp-template-editor.h: a dialog to view, create and edit a survey template
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TEMPLATE_EDITOR_ERROR (upp_template_editor_error_quark ())

typedef enum
{
  UPP_TEMPLATE_EDITOR_ERROR_INVALID,    /* a field the template cannot have */
  UPP_TEMPLATE_EDITOR_ERROR_READ_ONLY,  /* a template that a round uses, or the built-in one */
  UPP_TEMPLATE_EDITOR_ERROR_MAPPING,    /* a new version's new questions: a dialog asks where
                                         * they come from, and saves */
} UppTemplateEditorError;

#define UPP_TYPE_TEMPLATE_EDITOR (upp_template_editor_get_type ())

G_DECLARE_FINAL_TYPE (UppTemplateEditor, upp_template_editor, UPP, TEMPLATE_EDITOR, AdwWindow)

/* Edits a copy of template. is_new: a template not stored yet (a new one, a duplicate or a
 * new version, which keeps the key). A stored template that a round uses, or the built-in
 * one, is shown read-only with the reason. Emits "saved" with the stored template. */
GQuark             upp_template_editor_error_quark  (void);
UppTemplateEditor *upp_template_editor_new          (UppSession        *session,
                                                     UppTemplate       *template,
                                                     gboolean           is_new);
gboolean           upp_template_editor_is_read_only (UppTemplateEditor *self);
/* Whether the fields differ from the template as loaded or last saved; closing then asks. */
gboolean           upp_template_editor_has_changes  (UppTemplateEditor *self);
/* What Save does: checks the fields, explains the first problem inline, and stores the
 * template. */
gboolean           upp_template_editor_save         (UppTemplateEditor *self,
                                                     GError           **error);
/* The template as the fields describe it, checked; NULL with the problem in error. */
UppTemplate       *upp_template_editor_dup_template (UppTemplateEditor *self,
                                                     GError           **error);
/* Appends an empty text question with the next free key and number, expanded. */
void               upp_template_editor_add_question (UppTemplateEditor *self);
/* The message shown above the fields, or NULL. */
const char        *upp_template_editor_get_error    (UppTemplateEditor *self);

G_END_DECLS
