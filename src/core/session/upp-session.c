/* upp-session.c: the open database as live models
 *
 * The session owns the main thread's connection and the models every view binds to. A model
 * is read again when something says it changed (upp_session_note_changes(), after a job) and
 * when the database says it did: PRAGMA data_version moves with every commit made on another
 * connection (a worker thread, the interview form's save queue, the CLI), and the connection's
 * own change count with ours. Reading again keeps the items that stayed, so lists keep their
 * selection and scroll position.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-session"

#include "config.h"

#include "upp-agreement.h"
#include "upp-backup.h"
#include "upp-conflict.h"
#include "upp-interview.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-session-private.h"
#include "upp-store-exchange.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme.h"
#include "upp-unit.h"

/* Often enough that a change made beside the window shows within a blink; cheap, as
 * PRAGMA data_version reads shared memory only. */
#define POLL_INTERVAL_MS 500

struct _UppSession
{
  GObject       parent_instance;

  char         *path;
  UppStore     *store;
  GMainContext *context;

  GListStore   *rounds;
  GListStore   *templates;
  GListStore   *conflicts;
  GListStore   *backups;
  GListStore   *themes;
  /* round uuid → GListStore of UppResponse, weak: kept only while someone holds it. */
  GHashTable   *responses;
  /* UnitQuery: a unit's agreements and a response's further interviews, weak as well. */
  GPtrArray    *unit_queries;

  /* UppSessionChanges noted from any thread, read again in one idle. */
  int           pending_changes;
  GSource      *reload_source;
  GMutex        reload_mutex;
  guint         poll_source;
  guint64       data_version;
  guint64       own_changes;
};

G_DEFINE_FINAL_TYPE (UppSession, upp_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_STORE,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- keeping a model in step with what the database holds ------------------------------ */

typedef enum
{
  ITEM_SAME,     /* the item stays as it is */
  ITEM_UPDATED,  /* the item stays, updated in place: its row is drawn again */
  ITEM_REPLACED, /* the fresh item takes its place */
} ItemSync;

typedef char     *(*ItemKeyFunc)  (gpointer item);
typedef ItemSync  (*ItemSyncFunc) (gpointer mine,
                                   gpointer fresh);

/* Makes model hold fresh (in its order), keeping the items it has with the same key, and
 * tells views only about the stretch that differs. */
static void
sync_model (GListStore   *model,
            GPtrArray    *fresh,
            ItemKeyFunc   key_func,
            ItemSyncFunc  sync_func)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autoptr(GHashTable) old_by_key = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, g_object_unref);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) changed = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), fresh->len);
  guint prefix = 0, suffix = 0;

  for (guint i = 0; i < n_old; i++)
    {
      gpointer item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_hash_table_insert (old_by_key, key_func (item), item);
    }

  for (guint i = 0; i < fresh->len; i++)
    {
      gpointer item = g_ptr_array_index (fresh, i);
      g_autofree char *key = key_func (item);
      gpointer mine = g_hash_table_lookup (old_by_key, key);
      gboolean is_changed = TRUE;

      if (mine != NULL)
        {
          ItemSync sync = sync_func (mine, item);

          if (sync != ITEM_REPLACED)
            {
              item = mine;
              is_changed = sync == ITEM_UPDATED;
            }
        }
      g_ptr_array_add (items, g_object_ref (item));
      g_array_append_val (changed, is_changed);
    }

  while (prefix < n_old && prefix < items->len && !g_array_index (changed, gboolean, prefix))
    {
      g_autoptr(GObject) old = g_list_model_get_item (G_LIST_MODEL (model), prefix);

      if (old != g_ptr_array_index (items, prefix))
        break;
      prefix++;
    }
  while (suffix < n_old - prefix && suffix < items->len - prefix &&
         !g_array_index (changed, gboolean, items->len - 1 - suffix))
    {
      g_autoptr(GObject) old = g_list_model_get_item (G_LIST_MODEL (model), n_old - 1 - suffix);

      if (old != g_ptr_array_index (items, items->len - 1 - suffix))
        break;
      suffix++;
    }

  if (prefix == n_old && prefix == items->len)
    return;
  g_list_store_splice (model, prefix, n_old - prefix - suffix,
                       items->pdata + prefix, items->len - prefix - suffix);
}

static char *
round_key (gpointer item)
{
  return g_strdup (upp_round_get_uuid (item));
}

static ItemSync
round_sync (gpointer mine,
            gpointer fresh)
{
  /* Pages hold the round they show: it is updated, not replaced. */
  return upp_round_update_from (mine, fresh) ? ITEM_UPDATED : ITEM_SAME;
}

static char *
response_key (gpointer item)
{
  return g_strdup (upp_response_get_uuid (item));
}

static ItemSync
response_sync (gpointer mine,
               gpointer fresh)
{
  return upp_response_same_content (mine, fresh) ? ITEM_SAME : ITEM_REPLACED;
}

static char *
template_key (gpointer item)
{
  return g_strdup_printf ("%s\n%d", upp_template_get_key (item), upp_template_get_version (item));
}

static ItemSync
template_sync (gpointer mine,
               gpointer fresh)
{
  g_autofree char *mine_json = NULL;
  g_autofree char *fresh_json = NULL;

  if (mine == fresh)
    return ITEM_SAME;
  mine_json = upp_template_to_json (mine);
  fresh_json = upp_template_to_json (fresh);
  return g_strcmp0 (mine_json, fresh_json) == 0 ? ITEM_SAME : ITEM_REPLACED;
}

static char *
conflict_key (gpointer item)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, upp_conflict_get_id (item));
}

static ItemSync
conflict_sync (gpointer mine,
               gpointer fresh)
{
  /* A conflict row is never changed, only settled (removed) or replaced by a newer one. */
  return g_strcmp0 (upp_conflict_get_theirs_modified (mine),
                    upp_conflict_get_theirs_modified (fresh)) == 0 &&
         g_strcmp0 (upp_conflict_get_mine_modified (mine),
                    upp_conflict_get_mine_modified (fresh)) == 0 &&
         g_strcmp0 (upp_conflict_get_mine_text (mine), upp_conflict_get_mine_text (fresh)) == 0
         ? ITEM_SAME : ITEM_REPLACED;
}

static char *
interview_key (gpointer item)
{
  return g_strdup (upp_interview_get_uuid (item));
}

static ItemSync
interview_sync (gpointer mine,
                gpointer fresh)
{
  /* Every save stamps the time it was made. */
  return g_strcmp0 (upp_interview_get_modified (mine),
                    upp_interview_get_modified (fresh)) == 0 ? ITEM_SAME : ITEM_REPLACED;
}

static char *
agreement_key (gpointer item)
{
  return g_strdup (upp_agreement_get_uuid (item));
}

static ItemSync
agreement_sync (gpointer mine,
                gpointer fresh)
{
  return g_strcmp0 (upp_agreement_get_modified (mine),
                    upp_agreement_get_modified (fresh)) == 0 ? ITEM_SAME : ITEM_REPLACED;
}

/* What a unit's model holds: its agreements (unit), or the further interviews of one of its
 * responses (round and response). */
typedef struct
{
  GListStore  *model;     /* not owned: the query goes when the last reference to it does */
  UppUnit     *unit;
  UppRound    *round;
  UppResponse *response;
} UnitQuery;

static void
unit_query_free (gpointer data)
{
  UnitQuery *query = data;

  g_clear_object (&query->unit);
  g_clear_object (&query->round);
  g_clear_object (&query->response);
  g_free (query);
}

/* ---- reading the models ------------------------------------------------------------------ */

static void
clear_model (GListStore *model)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    g_list_store_remove_all (model);
}

static void
reload_responses (UppSession *self,
                  const char *round_uuid,
                  GListStore *model)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GError) error = NULL;
  UppRound *round = upp_session_find_round (self, round_uuid);

  if (self->store == NULL || round == NULL)
    {
      clear_model (model);
      return;
    }

  responses = upp_store_list_responses (self->store, round, &error);
  if (responses == NULL)
    {
      g_warning ("Could not list the responses of %s: %s", round_uuid, error->message);
      return;
    }
  sync_model (model, responses, response_key, response_sync);
}

static void
reload_unit_query (UppSession *self,
                   UnitQuery  *query)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      clear_model (query->model);
      return;
    }
  if (query->unit != NULL)
    items = upp_store_list_agreements (self->store, NULL, query->unit, &error);
  else
    items = upp_store_list_interviews (self->store, query->round, query->response, &error);
  if (items == NULL)
    {
      g_warning ("Could not read the agreements or interviews: %s", error->message);
      return;
    }
  if (query->unit != NULL)
    sync_model (query->model, items, agreement_key, agreement_sync);
  else
    sync_model (query->model, items, interview_key, interview_sync);
}

static void
reload_rounds (UppSession *self)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer uuid, model;

  if (self->store == NULL)
    {
      clear_model (self->rounds);
    }
  else if ((rounds = upp_store_list_rounds (self->store, &error)) == NULL)
    {
      g_warning ("Could not list the rounds: %s", error->message);
    }
  else
    {
      /* Another connection may have changed what our store keeps cached (templates). */
      sync_model (self->rounds, rounds, round_key, round_sync);
    }

  g_hash_table_iter_init (&iter, self->responses);
  while (g_hash_table_iter_next (&iter, &uuid, &model))
    reload_responses (self, uuid, model);
  for (guint i = 0; i < self->unit_queries->len; i++)
    reload_unit_query (self, g_ptr_array_index (self->unit_queries, i));
}

static void
reload_templates (UppSession *self)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      clear_model (self->templates);
      return;
    }
  templates = upp_store_list_templates (self->store, &error);
  if (templates == NULL)
    {
      g_warning ("Could not list the templates: %s", error->message);
      return;
    }
  sync_model (self->templates, templates, template_key, template_sync);
}

static void
reload_conflicts (UppSession *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  /* A read-only database cannot have conflicts settled; the list stays empty. */
  if (self->store == NULL || upp_store_is_read_only (self->store))
    {
      clear_model (self->conflicts);
      return;
    }
  conflicts = upp_store_list_conflicts (self->store, NULL, &error);
  if (conflicts == NULL)
    {
      g_warning ("Could not list the conflicts: %s", error->message);
      return;
    }
  sync_model (self->conflicts, conflicts, conflict_key, conflict_sync);
}

static char *
backup_key (gpointer item)
{
  return g_strdup (upp_backup_get_path (item));
}

static ItemSync
backup_sync (gpointer mine,
             gpointer fresh)
{
  /* A backup file is written once, under a name of its own. */
  return ITEM_SAME;
}

static void
reload_backups (UppSession *self)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  backups = upp_store_list_backups (self->path, &error);
  if (backups == NULL)
    {
      g_warning ("Could not list the backups: %s", error->message);
      return;
    }
  sync_model (self->backups, backups, backup_key, backup_sync);
}

static char *
theme_key (gpointer item)
{
  return g_strdup (upp_theme_get_uuid (item));
}

static ItemSync
theme_sync (gpointer mine,
            gpointer fresh)
{
  gboolean same = g_strcmp0 (upp_theme_get_name (mine), upp_theme_get_name (fresh)) == 0 &&
                  upp_theme_get_kind (mine) == upp_theme_get_kind (fresh) &&
                  upp_theme_get_n_codings (mine) == upp_theme_get_n_codings (fresh) &&
                  g_strcmp0 (upp_theme_get_modified (mine),
                             upp_theme_get_modified (fresh)) == 0;

  if (same)
    return ITEM_SAME;
  /* In place, so that a view keeps its row and selection; the setters notify. */
  upp_theme_set_name (mine, upp_theme_get_name (fresh));
  upp_theme_set_kind (mine, upp_theme_get_kind (fresh));
  upp_theme_set_description (mine, upp_theme_get_description (fresh));
  upp_theme_set_parent_uuid (mine, upp_theme_get_parent_uuid (fresh));
  upp_theme_set_colour (mine, upp_theme_get_colour (fresh));
  upp_theme_set_modified (mine, upp_theme_get_modified (fresh));
  upp_theme_set_device (mine, upp_theme_get_device (fresh));
  upp_theme_set_n_codings (mine, upp_theme_get_n_codings (fresh));
  return ITEM_UPDATED;
}

static void
reload_themes (UppSession *self)
{
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      clear_model (self->themes);
      return;
    }
  themes = upp_store_list_themes (self->store, NULL, FALSE, &error);
  if (themes == NULL)
    {
      g_warning ("Could not list the themes: %s", error->message);
      return;
    }
  sync_model (self->themes, themes, theme_key, theme_sync);
}

static void
remember_versions (UppSession *self)
{
  if (self->store == NULL)
    return;
  self->data_version = upp_store_get_data_version (self->store);
  self->own_changes = upp_store_get_own_changes (self->store);
}

void
upp_session_reload_now (UppSession        *self,
                        UppSessionChanges  changes)
{
  g_return_if_fail (UPP_IS_SESSION (self));

  /* What is read now is what the next poll compares with. */
  remember_versions (self);
  if (changes & UPP_SESSION_CHANGED_TEMPLATES)
    reload_templates (self);
  if (changes & UPP_SESSION_CHANGED_ROUNDS)
    reload_rounds (self);
  if (changes & UPP_SESSION_CHANGED_CONFLICTS)
    reload_conflicts (self);
  if (changes & UPP_SESSION_CHANGED_BACKUPS)
    reload_backups (self);
  if (changes & (UPP_SESSION_CHANGED_THEMES | UPP_SESSION_CHANGED_ROUNDS))
    reload_themes (self);
  g_signal_emit (self, signals[CHANGED], 0, changes);
}

static gboolean
reload_pending_cb (gpointer user_data)
{
  UppSession *self = user_data;
  UppSessionChanges changes;

  g_mutex_lock (&self->reload_mutex);
  g_clear_pointer (&self->reload_source, g_source_unref);
  g_mutex_unlock (&self->reload_mutex);

  changes = (UppSessionChanges) g_atomic_int_and (&self->pending_changes, 0);
  if (changes != 0)
    upp_session_reload_now (self, changes);
  return G_SOURCE_REMOVE;
}

void
upp_session_note_changes (UppSession        *self,
                          UppSessionChanges  changes)
{
  g_return_if_fail (UPP_IS_SESSION (self));

  g_atomic_int_or (&self->pending_changes, changes);

  g_mutex_lock (&self->reload_mutex);
  if (self->reload_source == NULL)
    {
      self->reload_source = g_idle_source_new ();
      g_source_set_callback (self->reload_source, reload_pending_cb, g_object_ref (self),
                             g_object_unref);
      g_source_set_static_name (self->reload_source, "[upp] session reload");
      g_source_attach (self->reload_source, self->context);
    }
  g_mutex_unlock (&self->reload_mutex);
}

gboolean
upp_session_check_for_changes (UppSession *self)
{
  guint64 data_version;

  g_return_val_if_fail (UPP_IS_SESSION (self), FALSE);

  if (self->store == NULL)
    return FALSE;
  data_version = upp_store_get_data_version (self->store);
  /* 0: the database could not say (busy for a moment); the next look will tell. */
  if (data_version == 0 ||
      (data_version == self->data_version &&
       upp_store_get_own_changes (self->store) == self->own_changes))
    return FALSE;

  g_debug ("The database changed; reading it again");
  /* Another connection's commit may have changed anything the store caches. */
  upp_store_forget_cache (self->store);
  /* Imports made elsewhere back the database up first: the backups may be new too. */
  upp_session_reload_now (self, UPP_SESSION_CHANGED_ALL);
  return TRUE;
}

static gboolean
poll_cb (gpointer user_data)
{
  upp_session_check_for_changes (user_data);
  return G_SOURCE_CONTINUE;
}

static void
stop_polling (UppSession *self)
{
  GSource *source;

  if (self->poll_source == 0)
    return;
  source = g_main_context_find_source_by_id (self->context, self->poll_source);
  if (source != NULL)
    g_source_destroy (source);
  self->poll_source = 0;
}

/* ---- the models -------------------------------------------------------------------------- */

GListModel *
upp_session_get_rounds (UppSession *self)
{
  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->rounds);
}

GListModel *
upp_session_get_templates (UppSession *self)
{
  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->templates);
}

GListModel *
upp_session_get_conflicts (UppSession *self)
{
  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->conflicts);
}

GListModel *
upp_session_get_backups (UppSession *self)
{
  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->backups);
}

GListModel *
upp_session_get_themes (UppSession *self)
{
  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->themes);
}

UppRound *
upp_session_find_round (UppSession *self,
                        const char *uuid)
{
  GListModel *rounds;

  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);

  if (uuid == NULL)
    return NULL;
  rounds = G_LIST_MODEL (self->rounds);
  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(UppRound) round = g_list_model_get_item (rounds, i);

      if (g_strcmp0 (upp_round_get_uuid (round), uuid) == 0)
        return round;  /* the model keeps its reference */
    }
  return NULL;
}

static void
responses_model_gone_cb (gpointer  user_data,
                         GObject  *where_the_object_was)
{
  GWeakRef *session_ref = user_data;
  g_autoptr(UppSession) self = g_weak_ref_get (session_ref);

  if (self != NULL)
    {
      GHashTableIter iter;
      gpointer model;

      g_hash_table_iter_init (&iter, self->responses);
      while (g_hash_table_iter_next (&iter, NULL, &model))
        if (model == (gpointer) where_the_object_was)
          g_hash_table_iter_remove (&iter);
    }
  g_weak_ref_clear (session_ref);
  g_free (session_ref);
}

GListModel *
upp_session_dup_responses (UppSession *self,
                           UppRound   *round)
{
  const char *uuid;
  GListStore *model;
  GWeakRef *session_ref;

  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  uuid = upp_round_get_uuid (round);
  model = g_hash_table_lookup (self->responses, uuid);
  if (model != NULL)
    return g_object_ref (G_LIST_MODEL (model));

  model = g_list_store_new (UPP_TYPE_RESPONSE);
  g_hash_table_insert (self->responses, g_strdup (uuid), model);
  session_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (session_ref, self);
  g_object_weak_ref (G_OBJECT (model), responses_model_gone_cb, session_ref);
  reload_responses (self, uuid, model);
  return G_LIST_MODEL (model);
}

static void
unit_model_gone_cb (gpointer  user_data,
                    GObject  *where_the_object_was)
{
  GWeakRef *session_ref = user_data;
  g_autoptr(UppSession) self = g_weak_ref_get (session_ref);

  if (self != NULL)
    {
      for (guint i = 0; i < self->unit_queries->len; i++)
        {
          UnitQuery *query = g_ptr_array_index (self->unit_queries, i);

          if (query->model == (gpointer) where_the_object_was)
            {
              g_ptr_array_remove_index_fast (self->unit_queries, i);
              break;
            }
        }
    }
  g_weak_ref_clear (session_ref);
  g_free (session_ref);
}

static GListModel *
add_unit_query (UppSession *self,
                UnitQuery  *query,
                GType       item_type)
{
  GWeakRef *session_ref = g_new0 (GWeakRef, 1);

  query->model = g_list_store_new (item_type);
  g_weak_ref_init (session_ref, self);
  g_object_weak_ref (G_OBJECT (query->model), unit_model_gone_cb, session_ref);
  g_ptr_array_add (self->unit_queries, query);
  reload_unit_query (self, query);
  return G_LIST_MODEL (query->model);
}

GListModel *
upp_session_dup_agreements (UppSession *self,
                            UppUnit    *unit)
{
  UnitQuery *query;

  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  g_return_val_if_fail (UPP_IS_UNIT (unit), NULL);

  query = g_new0 (UnitQuery, 1);
  query->unit = g_object_ref (unit);
  return add_unit_query (self, query, UPP_TYPE_AGREEMENT);
}

GListModel *
upp_session_dup_interviews (UppSession  *self,
                            UppRound    *round,
                            UppResponse *response)
{
  UnitQuery *query;

  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), NULL);

  query = g_new0 (UnitQuery, 1);
  query->round = g_object_ref (round);
  query->response = g_object_ref (response);
  return add_unit_query (self, query, UPP_TYPE_INTERVIEW);
}

/* ---- the database ------------------------------------------------------------------------ */

UppSession *
upp_session_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (UPP_TYPE_SESSION, "path", path, NULL);
}

const char *
upp_session_get_path (UppSession *self)
{
  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  return self->path;
}

UppStore *
upp_session_get_store (UppSession *self)
{
  g_return_val_if_fail (UPP_IS_SESSION (self), NULL);
  return self->store;
}

gboolean
upp_session_is_read_only (UppSession *self)
{
  g_return_val_if_fail (UPP_IS_SESSION (self), TRUE);
  return self->store == NULL || upp_store_is_read_only (self->store);
}

void
upp_session_set_store (UppSession *self,
                       UppStore   *store)
{
  if (!g_set_object (&self->store, store))
    return;
  /* Everything read from an earlier store is dropped: the file may be another one now. */
  clear_model (self->rounds);
  clear_model (self->templates);
  clear_model (self->conflicts);
  clear_model (self->themes);
  upp_session_reload_now (self, UPP_SESSION_CHANGED_ALL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

void
upp_session_close_damaged (UppSession *self)
{
  upp_session_set_store (self, NULL);
  stop_polling (self);
  /* A damaged database can still be replaced by one of its backups. */
  upp_session_reload_now (self, UPP_SESSION_CHANGED_BACKUPS);
}

gboolean
upp_session_open (UppSession  *self,
                  GError     **error)
{
  g_autoptr(UppStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (UPP_IS_SESSION (self), FALSE);

  /* Reading the whole file waits for upp_session_check_file_async(): the first frame need
   * not, and nothing is committed before the check has passed. */
  store = upp_store_open_checking_later (self->path, &local_error);
  upp_session_set_store (self, store);

  if (store == NULL)
    {
      upp_session_close_damaged (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->poll_source == 0)
    {
      GSource *source = g_timeout_source_new (POLL_INTERVAL_MS);

      g_source_set_callback (source, poll_cb, self, NULL);
      g_source_set_static_name (source, "[upp] session poll");
      self->poll_source = g_source_attach (source, self->context);
      g_source_unref (source);
    }
  return TRUE;
}

/* ---- the object -------------------------------------------------------------------------- */

static void
upp_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  UppSession *self = UPP_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, upp_session_is_read_only (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  UppSession *self = UPP_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_session_dispose (GObject *object)
{
  UppSession *self = UPP_SESSION (object);

  stop_polling (self);
  g_mutex_lock (&self->reload_mutex);
  if (self->reload_source != NULL)
    {
      g_source_destroy (self->reload_source);
      g_clear_pointer (&self->reload_source, g_source_unref);
    }
  g_mutex_unlock (&self->reload_mutex);

  G_OBJECT_CLASS (upp_session_parent_class)->dispose (object);
}

static void
upp_session_finalize (GObject *object)
{
  UppSession *self = UPP_SESSION (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->rounds);
  g_clear_object (&self->templates);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->backups);
  g_clear_object (&self->themes);
  g_clear_pointer (&self->responses, g_hash_table_unref);
  g_clear_pointer (&self->unit_queries, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->reload_mutex);

  G_OBJECT_CLASS (upp_session_parent_class)->finalize (object);
}

static void
upp_session_class_init (UppSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = upp_session_get_property;
  object_class->set_property = upp_session_set_property;
  object_class->dispose = upp_session_dispose;
  object_class->finalize = upp_session_finalize;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, UPP_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After the models followed a change: what may have changed (UppSessionChanges). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
upp_session_init (UppSession *self)
{
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->reload_mutex);
  self->rounds = g_list_store_new (UPP_TYPE_ROUND);
  self->templates = g_list_store_new (UPP_TYPE_TEMPLATE);
  self->conflicts = g_list_store_new (UPP_TYPE_CONFLICT);
  self->backups = g_list_store_new (UPP_TYPE_BACKUP);
  self->themes = g_list_store_new (UPP_TYPE_THEME);
  self->responses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unit_queries = g_ptr_array_new_with_free_func (unit_query_free);
}
