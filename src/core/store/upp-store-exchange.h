/* upp-store-exchange.h: what the store keeps for exchange files: the versions of single
 * fields, what has been shared, removed units, conflicts, and an exchange file's contents in
 * memory with their merge into the database
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-conflict.h"
#include "upp-store.h"

G_BEGIN_DECLS

/* ---- versions of single fields ------------------------------------------------------------ */

/* The interview details of a response that merge one by one, NULL-terminated: status, the
 * first interview's date, mode, participants and length, and the respondent check. */
#define UPP_STORE_N_DETAIL_FIELDS 8
extern const char * const upp_store_detail_fields[];
#define UPP_STORE_FIELD_UNIT_NAME "name"
/* The part of the county a unit belongs to; a change there wins by its later stamp. */
#define UPP_STORE_FIELD_UNIT_SUB_AREA "sub_area"
/* A theme's fields, each with its own version; "theme_retired" is "0" for a theme in use,
 * "1" for a retired one, or the uuid of the theme it was merged into. */
#define UPP_STORE_FIELD_THEME_NAME        "theme_name"
#define UPP_STORE_FIELD_THEME_KIND        "theme_kind"
#define UPP_STORE_FIELD_THEME_DESCRIPTION "theme_description"
#define UPP_STORE_FIELD_THEME_COLOUR      "theme_colour"
#define UPP_STORE_FIELD_THEME_PARENT      "theme_parent"
#define UPP_STORE_FIELD_THEME_RETIRED     "theme_retired"
/* The theme fields, NULL-terminated. */
extern const char * const upp_store_theme_fields[];
/* A theme's name as names are compared: "Samverkan" and " samverkan " are one theme. */
char       *upp_store_dup_theme_name_key  (const char  *name);

/* An answer or response version as it travels in exchange files: "modified device". */
char       *upp_store_version_id          (const char  *modified,
                                           const char  *device);
/* The key a field's shared versions are kept under in sync_versions: "<uuid>/<field>". */
char       *upp_store_field_key           (const char  *object_uuid,
                                           const char  *field);
/* The version of a field ("modified device"), or "" when it has not changed since the
 * object was made. */
char       *upp_store_dup_field_version   (UppStore    *self,
                                           const char  *object_uuid,
                                           const char  *field,
                                           GError     **error);
/* Records a change of one field (a rename, a new interview date) by this or another device. */
gboolean    upp_store_stamp_field         (UppStore    *self,
                                           const char  *object_uuid,
                                           const char  *field,
                                           const char  *modified,
                                           const char  *device,
                                           GError     **error);
/* A field's current value as text ("done", "2026-03-01", "3"); NULL with error set when the
 * unit or response is gone. */
char       *upp_store_dup_field_value     (UppStore    *self,
                                           const char  *object_uuid,
                                           const char  *field,
                                           GError     **error);
/* Writes a field's value with its version; a name another unit of the region has fails with
 * UPP_STORE_ERROR_DUPLICATE. */
gboolean    upp_store_write_field         (UppStore    *self,
                                           const char  *object_uuid,
                                           const char  *field,
                                           const char  *value,
                                           const char  *modified,
                                           const char  *device,
                                           GError     **error);
/* Before a unit's response leaves a round: remembers that it left, when and on which device,
 * with every version of its answers and details this database has seen. */
gboolean    upp_store_record_removal      (UppStore    *self,
                                           gint64       response_id,
                                           GError     **error);
/* A unit (re)added to a round is no longer removed from it. */
gboolean    upp_store_forget_removal      (UppStore    *self,
                                           gint64       round_id,
                                           gint64       unit_id,
                                           GError     **error);
/* Records that this database has seen the version of an answer or response (sync_versions). */
gboolean    upp_store_remember_version    (UppStore    *self,
                                           const char  *uuid,
                                           const char  *version,
                                           GError     **error);

/* ---- conflicts ---------------------------------------------------------------------------- */

/* Open conflicts (UppConflict), of one round (uuid) or all when round_uuid is NULL, oldest
 * first. */
GPtrArray  *upp_store_list_conflicts      (UppStore               *self,
                                           const char             *round_uuid,
                                           GError                **error);
guint       upp_store_count_conflicts     (UppStore               *self);
/* Settles a conflict: the answer gets the chosen text (and codes), stamped now and with
 * this device, as a version that descends from both sides, so that exchanging it again
 * settles the same conflict on the other laptop. text is only used with USE_TEXT. A conflict
 * that is gone fails with UPP_STORE_ERROR_NOT_FOUND. */
gboolean    upp_store_resolve_conflict    (UppStore               *self,
                                           gint64                  conflict_id,
                                           UppConflictResolution   resolution,
                                           const char             *text,
                                           GError                **error);

/* ---- an exchange file in memory ----------------------------------------------------------- */

/* What an import did, or would do in a dry run. */
/* An answer in an exchange file carries at most its 50 newest earlier values ("earlier"): a
 * year of follow-up is a few editings of each answer, and a file stays within a few times its
 * answers' text. The reader refuses a file with more. */
#define UPP_EXCHANGE_MAX_ANSWER_VERSIONS 50

typedef struct
{
  guint templates_added;
  guint rounds_added;
  guint rounds_updated;
  guint units_added;
  guint units_renamed;
  guint units_moved;        /* to another county part */
  guint units_removed;      /* from a round, as another laptop did */
  guint responses_added;
  guint responses_updated;
  guint answers_added;
  guint answers_updated;
  guint conflicts;          /* new conflicts kept by this import */
  guint themes_added;
  guint themes_updated;
  guint codings_added;
  guint codings_updated;    /* a quote mark or theme changed there */
  guint codings_removed;    /* taken off there */
  guint agreements_added;
  guint agreements_updated;
  guint agreements_removed; /* taken out of the register there */
  guint interviews_added;
  guint interviews_updated;
  guint interviews_removed;
} UppExchangeSummary;

/* A history is a set of versions ("modified device"), the object's own included. */

/* The version of one field of a unit or response (its "versions" in the file). */
typedef struct
{
  char       *field;
  char       *modified;
  char       *device;
  GHashTable *history;
} UppExchangeVersion;

/* A unit taken out of a round, with the versions of its answers the remover had seen. */
typedef struct
{
  char       *unit;
  char       *modified;
  char       *device;
  GHashTable *known;        /* the removed response's uuid and versions */
} UppExchangeRemoval;

/* An agreement of a unit's register; a removed one travels too, without its name and note,
 * so that it stays removed everywhere. */
typedef struct
{
  char       *uuid;
  char       *name;
  char       *kind;         /* "lok", "rok" or "other" */
  char       *status;       /* "in_force", … */
  char       *signed_date;
  char       *valid_from;
  char       *valid_to;
  char       *note;
  gboolean    removed;
  char       *modified;
  char       *device;
} UppExchangeAgreement;

typedef struct
{
  char       *uuid;
  char       *region;
  char       *name;
  char       *kind;
  char       *sub_area;
  char       *modified;
  GPtrArray  *members;      /* municipality codes */
  GPtrArray  *versions;     /* UppExchangeVersion */
  GPtrArray  *agreements;   /* UppExchangeAgreement */
  gint64      local_id;     /* set by the merge */
} UppExchangeUnit;

/* A further interview with the unit of a response (the first is the response's details). */
typedef struct
{
  char       *uuid;
  char       *date;
  char       *mode;         /* a UppInterviewMode key, or "" */
  gint64      duration_minutes;
  gint64      participant_count;
  char       *participant_roles;
  char       *note;
  gboolean    removed;
  char       *modified;
  char       *device;
} UppExchangeInterview;

typedef struct
{
  char       *uuid;
  char       *question;
  char       *text;
  char      **choices;      /* the chosen keys, NULL-terminated */
  char       *modified;
  char       *device;
  GHashTable *history;
  char       *author;       /* who saved the value, "" when not known */
  GPtrArray  *earlier;      /* UppAnswerVersion: its earlier values, oldest first */
} UppExchangeAnswer;

typedef struct
{
  char       *uuid;
  char       *unit;         /* the unit's uuid */
  gint64      position;
  char       *status;
  char       *interview_date;
  char       *mode;
  gint64      participant_count;
  char       *participant_roles;
  gint64      duration_minutes;
  char       *check_sent;
  char       *check_approved;
  char       *modified;
  char       *device;
  GHashTable *history;
  GPtrArray  *answers;      /* UppExchangeAnswer */
  GPtrArray  *versions;     /* UppExchangeVersion */
  GPtrArray  *interviews;   /* UppExchangeInterview */
  /* Set by the merge: */
  UppExchangeVersion whole; /* the response's own version, for files without "versions" */
  gboolean    skipped;      /* its unit was removed here, and it brings nothing new */
  gint64      local_id;
} UppExchangeResponse;

typedef struct
{
  char *key;
  char *text;
  char *modified;
} UppExchangeText;

typedef struct
{
  char        *uuid;
  gint64       year;
  char        *region;
  char        *title;
  char        *template;    /* the template's uuid */
  char        *created;
  char        *modified;
  GPtrArray   *texts;       /* UppExchangeText */
  GPtrArray   *responses;   /* UppExchangeResponse */
  GPtrArray   *removed;     /* UppExchangeRemoval */
  gboolean     has_versions; /* written by an app that keeps versions per field */
  UppTemplate *resolved_template;
  gint64       local_id;    /* set by the merge */
} UppExchangeRound;

/* A theme of a region's codebook. */
typedef struct
{
  char       *uuid;
  char       *region;
  char       *name;
  char       *description;
  char       *kind;
  char       *parent;       /* a theme's uuid, or "" */
  char       *colour;       /* "#rrggbb" or "" */
  gboolean    retired;
  char       *merged_into;  /* the uuid of the theme it was merged into, or "" */
  char       *modified;
  char       *device;
  GPtrArray  *versions;     /* UppExchangeVersion, with UPP_STORE_FIELD_THEME_ fields */
} UppExchangeTheme;

/* A coded passage: characters start up to end of the answer's text, anchor the passage's
 * text there. */
typedef struct
{
  char       *uuid;
  char       *answer;       /* the answer's uuid */
  char       *theme;        /* the theme's uuid */
  gint64      start;
  gint64      end;
  char       *anchor;
  gboolean    flagged;      /* its passage is no longer in the answer's text */
  gboolean    quote;
  char       *modified;
  char       *device;
} UppExchangeCoding;

/* A coding taken off, so that it stays off everywhere. */
typedef struct
{
  char       *uuid;
  char       *modified;
  char       *device;
} UppExchangeRemovedCoding;

/* A whole exchange file: read from one by the exchange parser, or loaded from the database
 * for the writer. */
typedef struct
{
  char       *name;         /* the file's, for messages */
  char       *device;       /* the exporting database's device id, or "" */
  char       *device_name;  /* what its user calls that computer, or "" */
  GPtrArray  *templates;    /* UppTemplate */
  GPtrArray  *units;        /* UppExchangeUnit */
  GHashTable *units_by_uuid;
  GPtrArray  *rounds;       /* UppExchangeRound */
  GPtrArray  *themes;       /* UppExchangeTheme */
  GHashTable *themes_by_uuid;
  GPtrArray  *codings;      /* UppExchangeCoding, of the rounds' answers */
  GPtrArray  *removed_codings; /* UppExchangeRemovedCoding */
} UppExchangeData;

UppExchangeData     *upp_exchange_data_new      (const char          *name);
void                 upp_exchange_data_free     (UppExchangeData     *self);
UppExchangeVersion  *upp_exchange_version_new   (void);
void                 upp_exchange_version_free  (UppExchangeVersion  *self);
UppExchangeRemoval  *upp_exchange_removal_new   (void);
void                 upp_exchange_removal_free  (UppExchangeRemoval  *self);
UppExchangeAgreement *upp_exchange_agreement_new (void);
void                 upp_exchange_agreement_free (UppExchangeAgreement *self);
UppExchangeInterview *upp_exchange_interview_new (void);
void                 upp_exchange_interview_free (UppExchangeInterview *self);
UppExchangeUnit     *upp_exchange_unit_new      (void);
void                 upp_exchange_unit_free     (UppExchangeUnit     *self);
UppExchangeAnswer   *upp_exchange_answer_new    (void);
void                 upp_exchange_answer_free   (UppExchangeAnswer   *self);
UppExchangeResponse *upp_exchange_response_new  (void);
void                 upp_exchange_response_free (UppExchangeResponse *self);
UppExchangeText     *upp_exchange_text_new      (void);
void                 upp_exchange_text_free     (UppExchangeText     *self);
UppExchangeRound    *upp_exchange_round_new     (void);
void                 upp_exchange_round_free    (UppExchangeRound    *self);
UppExchangeTheme    *upp_exchange_theme_new     (void);
void                 upp_exchange_theme_free    (UppExchangeTheme    *self);
UppExchangeCoding   *upp_exchange_coding_new    (void);
void                 upp_exchange_coding_free   (UppExchangeCoding   *self);
UppExchangeRemovedCoding *upp_exchange_removed_coding_new  (void);
void                 upp_exchange_removed_coding_free (UppExchangeRemovedCoding *self);
/* A new, empty history, or a set of known versions. */
GHashTable          *upp_exchange_history_new   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppExchangeData, upp_exchange_data_free)

/* The round (uuid or unique prefix), or every round, unit and template when round_id is
 * NULL, as an exchange file carries them; unit_uuids, when not NULL, limits a round to those
 * units. Records the loaded versions as shared (one transaction, a consistent snapshot), so
 * later edits are recognised as changes since. Units come by region, then name. */
UppExchangeData     *upp_store_load_exchange    (UppStore            *self,
                                                 const char          *round_id,
                                                 const char * const  *unit_uuids,
                                                 GError             **error);

/* Merges data, read and checked whole, in one transaction: new objects are added, objects
 * changed on one side only since the two last shared are updated, answers and fields changed
 * on both sides are kept as conflicts; a dry run rolls it back. Counts what it did in
 * summary. Data that contradicts the database fails with UPP_STORE_ERROR_MISMATCH; on any
 * error the database is as before. */
gboolean             upp_store_merge_exchange   (UppStore            *self,
                                                 UppExchangeData     *data,
                                                 gboolean             dry_run,
                                                 UppExchangeSummary  *summary,
                                                 GError             **error);

/* Look-ups for the checks of an exchange file before anything is merged. */
/* Whether choices (NULL-terminated) are an answer the question allows: its own keys, as
 * many as its kind takes, each once; the same rule as for an answer typed in the window. */
gboolean             upp_store_validate_choices (UppQuestion         *question,
                                                 const char * const  *choices,
                                                 GError             **error);
/* Whether text and choices may be the answer under key in template: a question's key or a
 * derived key of an item field, a table row or a cell (upp-answer-key.h), with a value its
 * kind allows (a choice field's choice, a date field's date, a row's position). A key that
 * does not resolve fails with UPP_STORE_ERROR_NOT_FOUND. */
gboolean             upp_store_validate_answer  (UppTemplate         *template,
                                                 const char          *key,
                                                 const char          *text,
                                                 const char * const  *choices,
                                                 GError             **error);
gboolean             upp_store_has_region       (UppStore            *self,
                                                 const char          *code);
gboolean             upp_store_has_municipality (UppStore            *self,
                                                 const char          *code,
                                                 const char          *region_code);
/* The region code and name of the unit with that uuid; FALSE when there is none. */
gboolean             upp_store_describe_unit    (UppStore            *self,
                                                 const char          *uuid,
                                                 char               **region_code,
                                                 char               **name);
/* The text of the answer with that uuid and the region of its round; FALSE when there is
 * none. */
gboolean             upp_store_describe_answer  (UppStore            *self,
                                                 const char          *uuid,
                                                 char               **text,
                                                 char               **region_code);
/* The region code of the theme with that uuid; FALSE when there is none. */
gboolean             upp_store_describe_theme   (UppStore            *self,
                                                 const char          *uuid,
                                                 char               **region_code);
/* NULL without error when there is none. */
UppTemplate         *upp_store_load_template_by_uuid (UppStore       *self,
                                                 const char          *uuid,
                                                 GError             **error);
/* The stored templates with that uuid, or with that key and version; array of UppTemplate. */
GPtrArray           *upp_store_find_templates_like (UppStore         *self,
                                                 const char          *uuid,
                                                 const char          *key,
                                                 int                  version,
                                                 GError             **error);
/* The uuid of the template a stored round runs with, or NULL when there is no such round. */
char                *upp_store_dup_round_template_uuid (UppStore     *self,
                                                 const char          *round_uuid);

G_END_DECLS
