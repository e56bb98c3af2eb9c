/* exchange-conflicts.c: answers changed on two laptops, kept side by side until settled
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-conflicts"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "exchange-common.h"
#include "exchange-conflicts.h"
#include "upp-question.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-util.h"

struct _UppConflict
{
  GObject   parent_instance;

  gint64    id;
  char     *answer_uuid;
  char     *round_uuid;
  char     *round_title;
  char     *unit_name;
  char     *question_key;
  char     *question_label;
  char     *mine_text;
  char    **mine_choices;
  char     *mine_modified;
  char     *mine_device;
  char     *theirs_text;
  char    **theirs_choices;
  char     *theirs_modified;
  char     *theirs_device;
};

G_DEFINE_FINAL_TYPE (UppConflict, upp_conflict, G_TYPE_OBJECT)

static void
upp_conflict_finalize (GObject *object)
{
  UppConflict *self = (UppConflict *)object;

  g_free (self->answer_uuid);
  g_free (self->round_uuid);
  g_free (self->round_title);
  g_free (self->unit_name);
  g_free (self->question_key);
  g_free (self->question_label);
  g_free (self->mine_text);
  g_strfreev (self->mine_choices);
  g_free (self->mine_modified);
  g_free (self->mine_device);
  g_free (self->theirs_text);
  g_strfreev (self->theirs_choices);
  g_free (self->theirs_modified);
  g_free (self->theirs_device);

  G_OBJECT_CLASS (upp_conflict_parent_class)->finalize (object);
}

static void
upp_conflict_class_init (UppConflictClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upp_conflict_finalize;
}

static void
upp_conflict_init (UppConflict *self)
{
}

gint64       upp_conflict_get_id              (UppConflict *self) { return self->id; }
const char  *upp_conflict_get_answer_uuid     (UppConflict *self) { return self->answer_uuid; }
const char  *upp_conflict_get_round_uuid      (UppConflict *self) { return self->round_uuid; }
const char  *upp_conflict_get_round_title     (UppConflict *self) { return self->round_title; }
const char  *upp_conflict_get_unit_name       (UppConflict *self) { return self->unit_name; }
const char  *upp_conflict_get_question_key    (UppConflict *self) { return self->question_key; }
const char  *upp_conflict_get_question_label  (UppConflict *self) { return self->question_label; }
const char  *upp_conflict_get_mine_text       (UppConflict *self) { return self->mine_text; }
const char  *upp_conflict_get_mine_modified   (UppConflict *self) { return self->mine_modified; }
const char  *upp_conflict_get_mine_device     (UppConflict *self) { return self->mine_device; }
const char  *upp_conflict_get_theirs_text     (UppConflict *self) { return self->theirs_text; }
const char  *upp_conflict_get_theirs_modified (UppConflict *self) { return self->theirs_modified; }
const char  *upp_conflict_get_theirs_device   (UppConflict *self) { return self->theirs_device; }

const char * const *
upp_conflict_get_mine_choices (UppConflict *self)
{
  return (const char * const *) self->mine_choices;
}

const char * const *
upp_conflict_get_theirs_choices (UppConflict *self)
{
  return (const char * const *) self->theirs_choices;
}

static char *
dup_question_label (UppStore   *store,
                    gint64      template_id,
                    const char *question_key)
{
  g_autoptr(UppTemplate) template = upp_store_load_template_by_id (store, template_id, NULL);
  UppQuestion *question = template ? upp_template_find_question (template, question_key) : NULL;

  if (question == NULL)
    return g_strdup (question_key);
  return g_strdup_printf ("%s %s", upp_question_get_number (question),
                          upp_question_get_short_label (question));
}

GPtrArray *
upp_conflicts_list (UppStore    *store,
                    const char  *round_uuid,
                    GError     **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);

  statement = upp_store_statement (store,
                                   "SELECT c.id, a.uuid, ro.uuid, ro.year, ro.title, u.name, "
                                   "a.question_key, ro.template_id, a.text, a.choices, "
                                   "a.modified, a.device, c.theirs_text, c.theirs_choices, "
                                   "c.theirs_modified, c.theirs_device "
                                   "FROM conflicts c JOIN answers a ON a.uuid = c.answer_uuid "
                                   "JOIN responses r ON r.id = a.response_id "
                                   "JOIN rounds ro ON ro.id = r.round_id "
                                   "JOIN units u ON u.id = r.unit_id "
                                   "WHERE ?1 IS NULL OR ro.uuid = ?1 ORDER BY c.id", error);
  if (statement == NULL)
    return NULL;
  if (round_uuid != NULL)
    sqlite3_bind_text (statement, 1, round_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      UppConflict *conflict = g_object_new (UPP_TYPE_CONFLICT, NULL);

      conflict->id = sqlite3_column_int64 (statement, 0);
      conflict->answer_uuid = g_strdup (upp_store_column_text (statement, 1));
      conflict->round_uuid = g_strdup (upp_store_column_text (statement, 2));
      {
        g_autofree char *year = g_strdup_printf ("%d", sqlite3_column_int (statement, 3));
        const char *title = upp_store_column_text (statement, 4);

        /* Titles usually name their year already: "Uppföljning LÖK 2025". */
        conflict->round_title = strstr (title, year) != NULL
                                ? g_strdup (title) : g_strdup_printf ("%s %s", year, title);
      }
      conflict->unit_name = g_strdup (upp_store_column_text (statement, 5));
      conflict->question_key = g_strdup (upp_store_column_text (statement, 6));
      conflict->question_label = dup_question_label (store, sqlite3_column_int64 (statement, 7),
                                                     conflict->question_key);
      conflict->mine_text = g_strdup (upp_store_column_text (statement, 8));
      conflict->mine_choices = upp_store_split_choices (upp_store_column_text (statement, 9));
      conflict->mine_modified = g_strdup (upp_store_column_text (statement, 10));
      conflict->mine_device = g_strdup (upp_store_column_text (statement, 11));
      conflict->theirs_text = g_strdup (upp_store_column_text (statement, 12));
      conflict->theirs_choices = upp_store_split_choices (upp_store_column_text (statement, 13));
      conflict->theirs_modified = g_strdup (upp_store_column_text (statement, 14));
      conflict->theirs_device = g_strdup (upp_store_column_text (statement, 15));
      g_ptr_array_add (conflicts, conflict);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

guint
upp_conflicts_count (UppStore *store)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (store, "SELECT count(*) FROM conflicts", NULL);

  if (statement == NULL || sqlite3_step (statement) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (statement, 0);
}

static gboolean
resolve (UppStore              *store,
         gint64                 conflict_id,
         UppConflictResolution  resolution,
         const char            *text,
         GError               **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) update = NULL;
  g_autoptr(UppCachedStatement) delete = NULL;
  g_autofree char *answer_uuid = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *new_choices = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  g_auto(GStrv) versions = NULL;

  find = upp_store_statement (store,
                              "SELECT a.uuid, a.text, a.choices, a.modified, a.device, "
                              "c.theirs_text, c.theirs_choices, c.theirs_modified, "
                              "c.theirs_device, c.theirs_history FROM conflicts c "
                              "JOIN answers a ON a.uuid = c.answer_uuid WHERE c.id = ?", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, conflict_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_NOT_FOUND,
                   _("There is no conflict %lld; it may already be resolved."),
                   (long long) conflict_id);
      return FALSE;
    }

  answer_uuid = g_strdup (upp_store_column_text (find, 0));
  switch (resolution)
    {
    case UPP_CONFLICT_KEEP_THEIRS:
      new_text = g_strdup (upp_store_column_text (find, 5));
      new_choices = g_strdup (upp_store_column_text (find, 6));
      break;
    case UPP_CONFLICT_USE_TEXT:
      new_text = upp_strdup_chomped (text);
      new_choices = g_strdup (upp_store_column_text (find, 2));
      break;
    case UPP_CONFLICT_KEEP_MINE:
    default:
      new_text = g_strdup (upp_store_column_text (find, 1));
      new_choices = g_strdup (upp_store_column_text (find, 2));
      break;
    }

  /* The settled answer descends from both sides. */
  versions = g_strsplit (upp_store_column_text (find, 9), "\n", -1);
  {
    g_autofree char *mine = upp_exchange_version_id (upp_store_column_text (find, 3),
                                                     upp_store_column_text (find, 4));
    g_autofree char *theirs = upp_exchange_version_id (upp_store_column_text (find, 7),
                                                       upp_store_column_text (find, 8));

    g_clear_pointer (&find, upp_cached_statement_release);
    if (!upp_exchange_remember_version (store, answer_uuid, mine, error) ||
        !upp_exchange_remember_version (store, answer_uuid, theirs, error))
      return FALSE;
  }
  for (guint i = 0; versions[i] != NULL; i++)
    {
      if (*versions[i] != '\0' &&
          !upp_exchange_remember_version (store, answer_uuid, versions[i], error))
        return FALSE;
    }

  update = upp_store_statement (store,
                                "UPDATE answers SET text = ?, choices = ?, modified = ?, "
                                "device = ? WHERE uuid = ?", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, new_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 2, new_choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 4, upp_store_get_device_id (store), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 5, answer_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (update) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (store, error);
      return FALSE;
    }

  delete = upp_store_statement (store, "DELETE FROM conflicts WHERE id = ?", error);
  if (delete == NULL)
    return FALSE;
  sqlite3_bind_int64 (delete, 1, conflict_id);
  if (sqlite3_step (delete) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (store, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_conflict_resolve (UppStore              *store,
                      gint64                 conflict_id,
                      UppConflictResolution  resolution,
                      const char            *text,
                      GError               **error)
{
  g_return_val_if_fail (UPP_IS_STORE (store), FALSE);
  g_return_val_if_fail (resolution != UPP_CONFLICT_USE_TEXT || text != NULL, FALSE);

  if (!upp_store_begin (store, error))
    return FALSE;
  if (!resolve (store, conflict_id, resolution, text, error))
    {
      upp_store_rollback (store);
      return FALSE;
    }
  return upp_store_commit (store, error);
}
