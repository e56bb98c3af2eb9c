/* upp-template.h: a versioned survey template, read from and written to JSON
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TEMPLATE_ERROR (upp_template_error_quark ())

typedef enum
{
  UPP_TEMPLATE_ERROR_INVALID_JSON,
  UPP_TEMPLATE_ERROR_WRONG_FORMAT,
  UPP_TEMPLATE_ERROR_MISSING_FIELD,
  UPP_TEMPLATE_ERROR_UNKNOWN_KIND,
  UPP_TEMPLATE_ERROR_DUPLICATE_KEY,
  UPP_TEMPLATE_ERROR_INVALID_KEY,    /* a key with characters other than a–z, 0–9, _ - . */
  UPP_TEMPLATE_ERROR_TOO_LARGE,
  UPP_TEMPLATE_ERROR_INVALID_MATCH,  /* a choice's match phrase that is not a valid pattern */
} UppTemplateError;

/* Larger templates are refused; the built-in one is 5 kB. */
#define UPP_TEMPLATE_MAX_SIZE (1024 * 1024)

/* The key of the six-question LÖK template shipped with the app. */
#define UPP_TEMPLATE_BUILTIN_LOK "lok"
/* The Västra Götaland checklist for organised integrated work (Bilaga 1): six parts, 24 items,
 * each a status with the fields Ansvar and Tid. */
#define UPP_TEMPLATE_BUILTIN_VGR_CHECKLIST "vgr_checklista"
/* Goal, activity and follow-up per development group, after SAMLA's annual report. */
#define UPP_TEMPLATE_BUILTIN_SAMLA "samla_uppfoljning"

/* The highest template file format this version reads and writes. Format 1 is a flat list of
 * questions; format 2 adds sections, shared choice sets, help texts, item fields and the
 * table kind. A template that uses none of them is still written as format 1. */
#define UPP_TEMPLATE_FORMAT_VERSION 2

/* A part of a template (format 2) with a title and an optional introduction; questions name
 * their section by key and are numbered within it (1.1, 1.2, …). */
typedef struct
{
  char *key;
  char *title;
  char *intro;
} UppSection;

#define UPP_TYPE_TEMPLATE (upp_template_get_type ())

G_DECLARE_FINAL_TYPE (UppTemplate, upp_template, UPP, TEMPLATE, GObject)

GQuark       upp_template_error_quark        (void);

UppTemplate *upp_template_new                (const char   *key,
                                              const char   *title);
UppTemplate *upp_template_new_from_json      (const char   *json,
                                              gssize        length,
                                              GError      **error);
UppTemplate *upp_template_new_from_file      (GFile        *file,
                                              GError      **error);
/* The built-in LÖK template, from the core's resources. */
UppTemplate *upp_template_new_builtin_lok    (void);
/* The keys of every built-in template, LÖK first; NULL-terminated, static. */
const char * const *upp_template_get_builtin_keys (void);
/* Whether the template has parts of format 2 (sections, choice sets, help, item fields,
 * tables), so it needs format 2 to be written; one without stays readable by versions that
 * know only format 1. */
gboolean     upp_template_uses_format_2      (UppTemplate  *self);
/* The built-in template with that key, or NULL when there is none. */
UppTemplate *upp_template_new_builtin        (const char   *key);
/* A deep copy with a new uuid, for creating an editable template from another. */
UppTemplate *upp_template_duplicate          (UppTemplate  *self,
                                              const char   *new_key,
                                              const char   *new_title);
char        *upp_template_to_json            (UppTemplate  *self);
/* Whether both ask the same: equal but for the choices' match phrases, which help coding,
 * and the description, which tells about the survey; neither changes what it asks. */
gboolean     upp_template_same_survey        (UppTemplate  *self,
                                              UppTemplate  *other);

const char  *upp_template_get_uuid           (UppTemplate  *self);
void         upp_template_set_uuid           (UppTemplate  *self,
                                              const char   *uuid);
const char  *upp_template_get_key            (UppTemplate  *self);
int          upp_template_get_version        (UppTemplate  *self);
void         upp_template_set_version        (UppTemplate  *self,
                                              int           version);
const char  *upp_template_get_title          (UppTemplate  *self);
void         upp_template_set_title          (UppTemplate  *self,
                                              const char   *title);
const char  *upp_template_get_description    (UppTemplate  *self);
void         upp_template_set_description    (UppTemplate  *self,
                                              const char   *description);
/* Row id in the store, 0 while the template is not stored. */
gint64       upp_template_get_id             (UppTemplate  *self);
void         upp_template_set_id             (UppTemplate  *self,
                                              gint64        id);

guint        upp_template_get_n_questions    (UppTemplate  *self);
UppQuestion *upp_template_get_question       (UppTemplate  *self,
                                              guint         position);
UppQuestion *upp_template_find_question      (UppTemplate  *self,
                                              const char   *key);
void         upp_template_add_question       (UppTemplate  *self,
                                              UppQuestion  *question);
void         upp_template_remove_question    (UppTemplate  *self,
                                              guint         position);
/* Sections, in order (template format 2). Borrowed. */
guint        upp_template_get_n_sections     (UppTemplate  *self);
const UppSection *upp_template_get_section   (UppTemplate  *self,
                                              guint         position);
const UppSection *upp_template_find_section  (UppTemplate  *self,
                                              const char   *key);
/* The part with this key as a heading, its number and title ("1 Avtal/ök"), as the form,
 * the comparison and the preview show it; NULL when there is no such part. */
char        *upp_template_dup_section_heading (UppTemplate *self,
                                              const char   *key);
void         upp_template_add_section        (UppTemplate  *self,
                                              const char   *key,
                                              const char   *title,
                                              const char   *intro);
/* Numbers the questions of each section "S.N" (the section's place, the question's place
 * within it); questions outside sections keep their numbers. */
void         upp_template_number_sections    (UppTemplate  *self);

/* Shared choice sets (template format 2): one list of choices used by many questions and
 * choice fields through their "choice_set". Borrowed arrays of UppChoice. */
guint        upp_template_get_n_choice_sets  (UppTemplate  *self);
const char  *upp_template_get_choice_set_key (UppTemplate  *self,
                                              guint         position);
GPtrArray   *upp_template_find_choice_set    (UppTemplate  *self,
                                              const char   *key);
/* Adds an empty set (or empties the one with this key) and returns its array to fill. */
GPtrArray   *upp_template_add_choice_set     (UppTemplate  *self,
                                              const char   *key);
/* Copies each set's choices into the questions and fields that use it, after a set was
 * changed; the template files keep only the reference. */
void         upp_template_apply_choice_sets  (UppTemplate  *self);

/* Whether key is usable as the key of a template, a question or a choice: ASCII letters,
 * digits, "_", "-" and "." (keys travel in files, choices are stored joined by line
 * breaks, and the template editor allows the same). */
gboolean     upp_template_key_is_valid       (const char   *key);
/* Checks what a stored template must satisfy (keys present and unique, choices where the
 * kind needs them, plain keys); used by the JSON reader and before a template is saved. */
gboolean     upp_template_validate           (UppTemplate  *self,
                                              GError      **error);

/* The keys of the questions of to_template that correspond to question key of from_template,
 * two versions of one template, through the mapping each version in between carries ("from"
 * of its questions); versions holds the stored versions of the template, in any order.
 * Empty when the question is new or was removed; several when it was split or merged. */
char       **upp_template_map_question_key   (UppTemplate  *from_template,
                                              UppTemplate  *to_template,
                                              GPtrArray    *versions,
                                              const char   *key);
/* Proposes where the questions of self came from in previous, the version before it: a
 * question under a key previous does not have, and without a mapping yet, is renamed from
 * the question no longer asked whose text is closest to its own (at least half the words in
 * common), or else new. A question under the same key is the same question, however
 * reworded, and keeps no mapping. Returns how many questions got a proposal. */
guint        upp_template_propose_mapping    (UppTemplate  *self,
                                              UppTemplate  *previous);

G_END_DECLS
