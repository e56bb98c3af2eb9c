/* upp-store.h: the SQLite database of regions, templates, rounds, units and answers
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-enums.h"
#include "upp-search.h"
#include "upp-theme.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_STORE_ERROR (upp_store_error_quark ())

typedef enum
{
  UPP_STORE_ERROR_FAILED,        /* SQLite reported an error; the message says which */
  UPP_STORE_ERROR_NEWER_SCHEMA,  /* made by a newer version of the app; left untouched */
  UPP_STORE_ERROR_CORRUPT,       /* not a database or damaged; left untouched */
  UPP_STORE_ERROR_NOT_FOUND,
  UPP_STORE_ERROR_AMBIGUOUS,     /* a name or id prefix that matches more than one */
  UPP_STORE_ERROR_DUPLICATE,
  UPP_STORE_ERROR_INVALID,       /* a value the domain does not allow */
  UPP_STORE_ERROR_IN_USE,        /* a template that a round runs with cannot change */
  UPP_STORE_ERROR_READ_ONLY,     /* the database file may not be written: opened read-only */
  UPP_STORE_ERROR_MISMATCH,      /* merged data contradicts the database: damaged or forged */
} UppStoreError;

/* The schema this build writes; PRAGMA user_version of a current database. */
#define UPP_STORE_SCHEMA_VERSION 10

#define UPP_TYPE_STORE (upp_store_get_type ())

G_DECLARE_FINAL_TYPE (UppStore, upp_store, UPP, STORE, GObject)

GQuark       upp_store_error_quark             (void);

/* ~/.local/share/uppfoljning/uppfoljning.db (XDG data dir); shared by app and CLI. */
char        *upp_store_dup_default_path        (void);
/* Opens or creates the database: refuses newer or corrupt files untouched, backs the file up
 * before migrating an older schema, loads the register and built-in template on creation. */
UppStore    *upp_store_open                    (const char   *path,
                                                GError      **error);
/* As upp_store_open(), but the whole-file check of a database of this version is left for
 * later (the window runs upp_store_check_file() after its first frame): until the check has
 * passed, the first commit waits for it, and a damaged file refuses every change. */
UppStore    *upp_store_open_checking_later     (const char   *path,
                                                GError      **error);
/* Reads every page of the file (PRAGMA quick_check) on a connection of its own, once per
 * process: a check running on another thread is waited for, a passed one not repeated. */
gboolean     upp_store_check_file              (const char   *path,
                                                GError      **error);
/* Keeps SQLite's locks when other code in the process closes a database file (see
 * upp-store-locks.c); upp_store_open() calls it, anything opening SQLite directly too. */
gboolean     upp_store_guard_locks             (void);
const char  *upp_store_get_path                (UppStore     *self);
/* Whether the file was not writable when opened: every change is refused. */
gboolean     upp_store_is_read_only            (UppStore     *self);
/* This database's device id, stamped on every answer it changes. */
const char  *upp_store_get_device_id           (UppStore     *self);
/* Names of computers (upp-store-devices.c): this one's, written in its exchange files, and
 * those read from others' files, shown instead of their device ids. NULL, without an error,
 * for a computer without a name. */
#define UPP_STORE_DEVICE_NAME_MAX 100
char        *upp_store_dup_default_device_name (void);
char        *upp_store_dup_device_name         (UppStore     *self,
                                                const char   *device_id,
                                                GError      **error);
gboolean     upp_store_set_device_name         (UppStore     *self,
                                                const char   *name,
                                                GError      **error);
gboolean     upp_store_remember_device_name    (UppStore     *self,
                                                const char   *device_id,
                                                const char   *name,
                                                GError      **error);
/* Changes when another connection (another thread, or another process such as the CLI)
 * commits: what watchers poll to follow changes made elsewhere (PRAGMA data_version); 0 when
 * it cannot be read just now. */
guint64      upp_store_get_data_version        (UppStore     *self);
/* Drops cached objects after another module or connection changed rows behind its back. */
void         upp_store_forget_cache            (UppStore     *self);
/* Rows this connection has changed since it was opened; grows with every own change. */
guint64      upp_store_get_own_changes         (UppStore     *self);
/* A long read (an export) as one snapshot: until the matching upp_store_end_read(), every
 * query sees the database as it was at the first, even while another connection writes, and
 * takes no lock of its own. Calls nest; inside a write's transaction they change nothing. */
gboolean     upp_store_begin_read              (UppStore     *self,
                                                GError      **error);
void         upp_store_end_read                (UppStore     *self);
/* A consistent copy of the database (SQLite backup API), mode 0600. */
gboolean     upp_store_backup_to               (UppStore     *self,
                                                const char   *path,
                                                GError      **error);

/* Copies the database into the backups folder beside it ("backups/uppfoljning-<reason>-
 * <time>.db", mode 0600, reasons in upp-backup.h) before an import or migration, keeping the
 * newest UPP_BACKUP_KEEP per reason. path_out, when not NULL, gets the new file's path. */
gboolean     upp_store_make_backup             (UppStore     *self,
                                                const char   *reason,
                                                char        **path_out,
                                                GError      **error);
/* Makes the daily backup unless there already is one from today; call once the store is
 * open in the app and the CLI. */
gboolean     upp_store_backup_daily            (UppStore     *self,
                                                GError      **error);
/* The backups of the database at db_path, newest first; array of UppBackup. */
GPtrArray   *upp_store_list_backups            (const char   *db_path,
                                                GError      **error);
/* Replaces the database at db_path by the backup, after backing the current file up, under
 * SQLite's locks (a store open on it meanwhile is safe). Open the store again afterwards: it
 * drops what it cached and migrates an older backup. A damaged backup or one from a newer
 * version is refused and nothing changes. */
gboolean     upp_store_restore_backup          (const char   *backup_path,
                                                const char   *db_path,
                                                GError      **error);
/* The folder where upp_store_make_backup() writes. */
char        *upp_store_dup_backup_folder       (UppStore     *self);
/* Makes the backup folder, checks that it can be written to (with advice when it cannot)
 * and removes backups that a killed process left half written. */
gboolean     upp_store_check_backup_folder     (UppStore     *self,
                                                GError      **error);

/* Register */
GPtrArray   *upp_store_list_regions            (UppStore     *self,
                                                GError      **error);
/* By county code ("20"), region name ("Region Dalarna") or county ("Dalarnas län"),
 * case-insensitively. */
UppRegion   *upp_store_find_region             (UppStore     *self,
                                                const char   *code_or_name,
                                                GError      **error);
/* All municipalities, or those of one region when region_code is not NULL, by code. */
GPtrArray   *upp_store_list_municipalities     (UppStore     *self,
                                                const char   *region_code,
                                                GError      **error);

/* Templates */
GPtrArray   *upp_store_list_templates          (UppStore     *self,
                                                GError      **error);
/* Every stored version of the template key, oldest first: what mapping a question across
 * versions (upp_template_map_question_key) walks through. */
GPtrArray   *upp_store_list_template_versions  (UppStore     *self,
                                                const char   *key,
                                                GError      **error);
/* version 0 loads the newest version of the key. */
UppTemplate *upp_store_load_template           (UppStore     *self,
                                                const char   *key,
                                                int           version,
                                                GError      **error);
/* Adds a template read from a file, after a backup, in one transaction. A stored template of
 * the same key and version that asks the same is left as it is (already_stored set); another
 * one is refused (UPP_STORE_ERROR_DUPLICATE): a stored version never changes under a file. */
gboolean     upp_store_import_template         (UppStore     *self,
                                                UppTemplate  *template,
                                                gboolean     *already_stored,
                                                GError      **error);
/* Inserts a new key or version, or updates one that no round uses yet. */
gboolean     upp_store_save_template           (UppStore     *self,
                                                UppTemplate  *template,
                                                GError      **error);
gboolean     upp_store_template_is_used        (UppStore     *self,
                                                UppTemplate  *template);
gboolean     upp_store_delete_template         (UppStore     *self,
                                                UppTemplate  *template,
                                                GError      **error);

/* Units */
GPtrArray   *upp_store_list_units              (UppStore     *self,
                                                const char   *region_code,
                                                GError      **error);
/* Inserts (id 0) or updates a unit with its members; names are unique within a region. */
gboolean     upp_store_save_unit               (UppStore     *self,
                                                UppUnit      *unit,
                                                GError      **error);
/* Sets the part of the county (e.g. "Västra") a stored unit belongs to in every round; ""
 * or NULL clears it. The change travels in exchange files like a rename. */
gboolean     upp_store_set_unit_sub_area       (UppStore     *self,
                                                UppUnit      *unit,
                                                const char   *sub_area,
                                                GError      **error);
/* The county parts the region's units belong to, each once, sorted; for completion. */
GStrv        upp_store_list_sub_areas          (UppStore     *self,
                                                const char   *region_code,
                                                GError      **error);

/* Rounds */
GPtrArray   *upp_store_list_rounds             (UppStore     *self,
                                                GError      **error);
/* By uuid, or by a prefix of it that matches one round. */
UppRound    *upp_store_load_round              (UppStore     *self,
                                                const char   *uuid,
                                                GError      **error);
/* Stores a new round with a response for each unit (saving new units first); one
 * transaction. The round's template must be stored. */
gboolean     upp_store_create_round            (UppStore     *self,
                                                UppRound     *round,
                                                GPtrArray    *units,
                                                GError      **error);
/* The units a new round of the region starts with, as the new-round dialog fills them in:
 * the region's stored units when it has some (from earlier rounds), else one new unit per
 * municipality. */
GPtrArray   *upp_store_list_units_for_new_round (UppStore    *self,
                                                 const char  *region_code,
                                                 GError     **error);
/* Saves year, title and report texts. */
gboolean     upp_store_update_round            (UppStore     *self,
                                                UppRound     *round,
                                                GError      **error);
/* Adds responses for new units and removes those of units no longer taking part. */
gboolean     upp_store_set_round_units         (UppStore     *self,
                                                UppRound     *round,
                                                GPtrArray    *units,
                                                GError      **error);
gboolean     upp_store_delete_round            (UppStore     *self,
                                                UppRound     *round,
                                                GError      **error);
/* A new round for another year with the same units and template, no answers. */
UppRound    *upp_store_duplicate_round         (UppStore     *self,
                                                UppRound     *round,
                                                int           year,
                                                GError      **error);
/* Moves the round to newer_template, a newer stored version of its template, after a
 * backup, in one transaction (upp-store-upgrade.c). Every answer is kept under its old key;
 * each question of the newer version that the mapping ("from") brings from old questions
 * gets an answer made of theirs, unless it has one already, the same on every computer
 * that does the same upgrade. */
gboolean     upp_store_upgrade_round_template  (UppStore     *self,
                                                UppRound     *round,
                                                UppTemplate  *newer_template,
                                                GError      **error);
/* Region municipalities that no unit of the round covers; array of UppMunicipality. */
GPtrArray   *upp_store_list_uncovered_municipalities (UppStore *self,
                                                UppRound     *round,
                                                GError      **error);

/* Responses and answers */
/* The round's responses, by unit name, each with its unit and answers. */
GPtrArray   *upp_store_list_responses          (UppStore     *self,
                                                UppRound     *round,
                                                GError      **error);
/* The same without their answers, for a reader that takes a round's answers when it comes
 * to them (upp_store_load_answers ()), so that a long export does not hold every round's
 * answers at once. */
GPtrArray   *upp_store_list_responses_without_answers (UppStore *self,
                                                UppRound     *round,
                                                GError      **error);
/* Reads the answers of round into its responses (from upp_store_list_responses_without_answers ()). */
gboolean     upp_store_load_answers            (UppStore     *self,
                                                UppRound     *round,
                                                GPtrArray    *responses,
                                                GError      **error);
/* By unit name, case-insensitively. */
UppResponse *upp_store_find_response           (UppStore     *self,
                                                UppRound     *round,
                                                const char   *unit_name,
                                                GError      **error);
/* The same unit's response in the latest earlier round of the same region and template key,
 * or NULL without error when there is none. */
UppResponse *upp_store_find_previous_response  (UppStore     *self,
                                                UppRound     *round,
                                                UppUnit      *unit,
                                                GError      **error);
/* The year of the round a stored response belongs to (the response alone does not carry its
 * round), or 0 without error when the response is no longer stored. */
int          upp_store_find_response_year      (UppStore     *self,
                                                UppResponse  *response,
                                                GError      **error);
/* The template of the round a stored response belongs to, or NULL without error when the
 * response is no longer stored. */
UppTemplate *upp_store_load_response_template  (UppStore     *self,
                                                UppResponse  *response,
                                                GError      **error);
/* Saves status, the first interview's date, mode, participants and length, and the
 * respondent check. */
gboolean     upp_store_save_response_details   (UppStore     *self,
                                                UppResponse  *response,
                                                GError      **error);
/* Sets one answer: text and chosen codes (NULL for none), stamped with the time and this
 * device; updates the UppAnswer in response. Codes are checked against the question's
 * choices. A change is a new version in the answer's history (an edit, its own version). */
gboolean     upp_store_set_answer              (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                const char   *question_key,
                                                const char   *text,
                                                const char * const *choices,
                                                GError      **error);
/* The same, with where the value came from for the history. Saves sharing an editing token
 * (the form's autosaves of one answer until the officer leaves it) update one version until
 * a pause of a minute; NULL makes each save a version of its own. */
gboolean     upp_store_set_answer_from         (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                const char   *question_key,
                                                const char   *text,
                                                const char * const *choices,
                                                UppAnswerOrigin origin,
                                                const char   *editing,
                                                GError      **error);
/* Item fields and table rows (template format 2, upp-store-items.c): each a wrapper over
 * upp_store_set_answer_from () under a derived key (upp-answer-key.h), so history, the
 * exchange's merge and conflicts follow. value of a choice field is its choice's key. */
gboolean     upp_store_set_field               (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                const char   *question_key,
                                                const char   *field_key,
                                                const char   *value,
                                                UppAnswerOrigin origin,
                                                GError      **error);
/* Adds an empty row after the last one; returns its new id. */
char        *upp_store_add_table_row           (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                const char   *question_key,
                                                UppAnswerOrigin origin,
                                                GError      **error);
gboolean     upp_store_set_table_cell          (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                const char   *question_key,
                                                const char   *row_id,
                                                const char   *column_key,
                                                const char   *text,
                                                UppAnswerOrigin origin,
                                                GError      **error);
/* Marks the row removed (its cells stay, for the history); a removed row stays removed after
 * an exchange unless the other side changed it later. */
gboolean     upp_store_remove_table_row        (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                const char   *question_key,
                                                const char   *row_id,
                                                UppAnswerOrigin origin,
                                                GError      **error);
/* Moves the row to index (0-based, among the rows not removed), in one transaction. */
gboolean     upp_store_move_table_row          (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                const char   *question_key,
                                                const char   *row_id,
                                                guint         index,
                                                UppAnswerOrigin origin,
                                                GError      **error);
/* The versions of an answer, oldest first: UppAnswerVersion, the last one its value now
 * (upp-store-history.c). */
GPtrArray   *upp_store_list_answer_versions    (UppStore     *self,
                                                const char   *answer_uuid,
                                                GError      **error);
/* Sets the answer to an earlier version of it: a new version, so nothing is lost. */
gboolean     upp_store_restore_answer_version  (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                const char   *question_key,
                                                gint64        version_id,
                                                GError      **error);
/* The words and names not to share (a client's name the officer knows must not appear), as
 * the database keeps them, one string each; empty when there are none (upp-store-privacy.c). */
char       **upp_store_dup_privacy_words       (UppStore     *self,
                                                GError      **error);
gboolean     upp_store_set_privacy_words       (UppStore     *self,
                                                const char * const *words,
                                                GError      **error);
/* The texts of an answer that its officer said are not personal data; they are not
 * flagged in it again. */
char       **upp_store_dup_privacy_exceptions  (UppStore     *self,
                                                const char   *answer_uuid,
                                                GError      **error);
gboolean     upp_store_add_privacy_exceptions  (UppStore     *self,
                                                const char   *answer_uuid,
                                                const char * const *texts,
                                                GError      **error);
/* The personal data in the round's answers, interview notes and report texts
 * (UppPrivacyFinding, upp-privacy.h), unit by unit. */
GPtrArray   *upp_store_find_personal_data      (UppStore     *self,
                                                UppRound     *round,
                                                GError      **error);
/* Replaces the matches of findings (from upp_store_find_personal_data ()) by their neutral
 * tokens, in one transaction: answers as edits (a version in their history), interview notes
 * and report texts in place. A text changed since it was searched is searched again and only
 * the same matched texts are masked. n_masked, when not NULL, gets the number of texts
 * changed. */
gboolean     upp_store_mask_personal_data      (UppStore     *self,
                                                UppRound     *round,
                                                GPtrArray    *findings,
                                                guint        *n_masked,
                                                GError      **error);
/* Who this computer's user is, for the history: the account's real name, else its login. */
const char  *upp_store_get_author              (void);
/* Sets the suggested codes of each UppSuggestion's answer, keeping its text, in one
 * transaction; an answer coded since the suggestion was made is left as it is. n_accepted,
 * when not NULL, gets the number of answers coded. */
gboolean     upp_store_accept_suggestions      (UppStore     *self,
                                                UppRound     *round,
                                                GPtrArray    *suggestions,
                                                guint        *n_accepted,
                                                GError      **error);

/* Further interviews (upp-store-interviews.c); a unit's first interview is its response's
 * details. */
/* The further interviews of one response, or of every response of the round when response
 * is NULL, by response and date. Array of UppInterview. */
GPtrArray   *upp_store_list_interviews         (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                GError      **error);
/* Adds (a new uuid) or updates an interview of the response. */
gboolean     upp_store_save_interview          (UppStore     *self,
                                                UppResponse  *response,
                                                UppInterview *interview,
                                                GError      **error);
/* Takes an interview out; it is remembered as removed so that an exchange does not bring it
 * back. */
gboolean     upp_store_remove_interview        (UppStore     *self,
                                                UppInterview *interview,
                                                GError      **error);
/* The interviews held in the round: first interviews with a date, mode or length, and the
 * further ones. */
guint        upp_store_count_interviews        (UppStore     *self,
                                                UppRound     *round,
                                                GError      **error);

/* Agreements register (upp-store-agreements.c): agreements belong to units, not rounds. */
/* The agreements of the unit, or of every unit of the region when unit is NULL (of every
 * region when region_code is NULL too), by unit name and start. Array of UppAgreement. */
GPtrArray   *upp_store_list_agreements         (UppStore     *self,
                                                const char   *region_code,
                                                UppUnit      *unit,
                                                GError      **error);
/* Adds (a new uuid) or updates an agreement of a stored unit: a name, dates as
 * "YYYY-MM-DD" or "", a period that does not end before it begins. */
gboolean     upp_store_save_agreement          (UppStore     *self,
                                                UppUnit      *unit,
                                                UppAgreement *agreement,
                                                GError      **error);
/* Takes an agreement out of the register; remembered as removed for the exchange. */
gboolean     upp_store_remove_agreement        (UppStore     *self,
                                                UppAgreement *agreement,
                                                GError      **error);

/* Codebook: themes of a region and coded passages (upp-store-themes.c) */
/* The region's themes (every region's when region_code is NULL) by name, each with its
 * number of codings; retired ones only when asked for. Array of UppTheme. */
GPtrArray   *upp_store_list_themes             (UppStore     *self,
                                                const char   *region_code,
                                                gboolean      with_retired,
                                                GError      **error);
/* A theme in use by name, case-insensitively. */
UppTheme    *upp_store_find_theme              (UppStore     *self,
                                                const char   *region_code,
                                                const char   *name,
                                                GError      **error);
/* A new theme; its name must not be one of the region's themes in use (in any case). */
UppTheme    *upp_store_add_theme               (UppStore     *self,
                                                const char   *region_code,
                                                const char   *name,
                                                UppThemeKind  kind,
                                                GError      **error);
gboolean     upp_store_rename_theme            (UppStore     *self,
                                                UppTheme     *theme,
                                                const char   *name,
                                                GError      **error);
/* Saves a theme's description, kind, parent and colour as set on it: the parent is "" or a
 * theme in use of the region without a parent of its own (one level of grouping), the
 * colour "" or "#rrggbb". */
gboolean     upp_store_update_theme            (UppStore     *self,
                                                UppTheme     *theme,
                                                GError      **error);
/* Moves every coding of from to into (a passage coded with both stays once) and retires
 * from; one transaction. */
gboolean     upp_store_merge_themes            (UppStore     *self,
                                                UppTheme     *from,
                                                UppTheme     *into,
                                                GError      **error);
/* Takes a theme out of use; its codings are kept. */
gboolean     upp_store_retire_theme            (UppStore     *self,
                                                UppTheme     *theme,
                                                GError      **error);
/* Codes characters start up to end of the answer's text with the theme; 0 <= start < end <=
 * the text's length in characters. Coding the same passage with the same theme again
 * returns the coding there is. */
UppCoding   *upp_store_code_passage            (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                const char   *question_key,
                                                gint64        start,
                                                gint64        end,
                                                UppTheme     *theme,
                                                GError      **error);
/* Codings with their unit, year and question, by year, unit, question and place; of one
 * round, one response and one theme when they are not NULL. Array of UppCoding. */
GPtrArray   *upp_store_list_codings            (UppStore     *self,
                                                UppRound     *round,
                                                UppResponse  *response,
                                                UppTheme     *theme,
                                                GError      **error);
/* Takes a coding off its passage; its uuid is remembered so that an exchange does not bring
 * it back. */
gboolean     upp_store_remove_coding           (UppStore     *self,
                                                UppCoding    *coding,
                                                GError      **error);
/* Marks a coding as one of its theme's quotes for the factor table, or unmarks it. */
gboolean     upp_store_set_coding_quote        (UppStore     *self,
                                                UppCoding    *coding,
                                                gboolean      quote,
                                                GError      **error);

/* The answers and interview notes of every round that match what a user typed (see
 * UppSearchQuery), narrowed by filter when not NULL; newest round first, then units in
 * order, their answers by question, then their notes. An empty query finds nothing. Array of
 * UppSearchHit. */
GPtrArray   *upp_store_search                  (UppStore     *self,
                                                const char   *query,
                                                const UppSearchFilter *filter,
                                                GError      **error);
/* The same, but only the first max_hits hits (all when 0) are made: n_matches, when not
 * NULL, gets how many match in all. */
GPtrArray   *upp_store_search_first            (UppStore     *self,
                                                const char   *query,
                                                const UppSearchFilter *filter,
                                                guint         max_hits,
                                                guint        *n_matches,
                                                GError      **error);

G_END_DECLS
