/* upp-template-preview.h: a template's form as an interviewer will see it, read-only
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* A window over parent showing template's parts, numbered questions, help, answer widgets,
 * item fields and table columns, none of them editable. */
GtkWindow *upp_template_preview_new (GtkWindow   *parent,
                                     UppTemplate *template);

G_END_DECLS
