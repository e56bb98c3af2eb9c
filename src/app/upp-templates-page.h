/* upp-templates-page.h: the survey templates: list, view, create, edit, import, export
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-session.h"
#include "upp-template-editor.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TEMPLATES_PAGE_ERROR (upp_templates_page_error_quark ())

typedef enum
{
  UPP_TEMPLATES_PAGE_ERROR_EXISTS,   /* the database already has that key and version */
  UPP_TEMPLATES_PAGE_ERROR_UNREADABLE,
} UppTemplatesPageError;

#define UPP_TYPE_TEMPLATES_PAGE (upp_templates_page_get_type ())

G_DECLARE_FINAL_TYPE (UppTemplatesPage, upp_templates_page, UPP, TEMPLATES_PAGE, GtkWidget)

GQuark             upp_templates_page_error_quark        (void);
GtkWidget         *upp_templates_page_new                (void);
UppSession        *upp_templates_page_get_session        (UppTemplatesPage *self);
/* Lists the session's templates, as they change. */
void               upp_templates_page_set_session        (UppTemplatesPage *self,
                                                          UppSession       *session);
/* The listed templates (UppTemplate), as shown: the session's. */
GListModel        *upp_templates_page_get_templates      (UppTemplatesPage *self);
/* How many rounds use template, as shown in its row. */
guint              upp_templates_page_count_rounds       (UppTemplatesPage *self,
                                                          UppTemplate      *template);
/* What Import does once a file is chosen: reads, checks and stores the template. */
UppTemplate       *upp_templates_page_import_file        (UppTemplatesPage *self,
                                                          GFile            *file,
                                                          GError          **error);
/* What Export does once a file is chosen; the file is replaced atomically. */
gboolean           upp_templates_page_export_file        (UppTemplatesPage *self,
                                                          UppTemplate      *template,
                                                          GFile            *file,
                                                          GError          **error);
/* Opens the editor on template (is_new: not stored yet), transient for the page's window. */
UppTemplateEditor *upp_templates_page_open_editor        (UppTemplatesPage *self,
                                                          UppTemplate      *template,
                                                          gboolean          is_new);
/* A copy of template with a free key, not stored; what Duplicate opens. */
UppTemplate       *upp_templates_page_dup_copy           (UppTemplatesPage *self,
                                                          UppTemplate      *template);

G_END_DECLS
