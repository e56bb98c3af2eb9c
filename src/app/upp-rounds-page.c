/* upp-rounds-page.c: the list of follow-up rounds, or the offer of the example
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-rounds-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-import-result.h"
#include "upp-primary-menu.h"
#include "upp-round-row.h"
#include "upp-round.h"
#include "upp-rounds-page.h"
#include "upp-toast.h"

struct _UppRoundsPage
{
  GtkWidget           parent_instance;

  UppSession         *session;
  GtkFilterListModel *visible_rounds;
  GHashTable         *hidden;
  GCancellable       *cancellable;

  /* Template widgets */
  GtkStack           *content_stack;
  GtkButton          *example_button;
  GtkListView        *list_view;
  GtkMenuButton      *menu_button;
};

G_DEFINE_FINAL_TYPE (UppRoundsPage, upp_rounds_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_visible_page (UppRoundsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->visible_rounds));

  gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "list" : "empty");
}

UppSession *
upp_rounds_page_get_session (UppRoundsPage *self)
{
  g_return_val_if_fail (UPP_IS_ROUNDS_PAGE (self), NULL);

  return self->session;
}

void
upp_rounds_page_set_session (UppRoundsPage *self,
                             UppSession    *session)
{
  g_return_if_fail (UPP_IS_ROUNDS_PAGE (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  gtk_filter_list_model_set_model (self->visible_rounds,
                                   session != NULL ? upp_session_get_rounds (session) : NULL);
  update_visible_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
upp_rounds_page_set_hidden (UppRoundsPage *self,
                            const char    *uuid,
                            gboolean       hidden)
{
  GtkFilter *filter;

  g_return_if_fail (UPP_IS_ROUNDS_PAGE (self));

  if (hidden)
    g_hash_table_add (self->hidden, g_strdup (uuid));
  else
    g_hash_table_remove (self->hidden, uuid);

  filter = gtk_filter_list_model_get_filter (self->visible_rounds);
  gtk_filter_changed (filter, hidden ? GTK_FILTER_CHANGE_MORE_STRICT
                                     : GTK_FILTER_CHANGE_LESS_STRICT);
  update_visible_page (self);
}

void
upp_rounds_page_focus_list (UppRoundsPage *self)
{
  g_return_if_fail (UPP_IS_ROUNDS_PAGE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "list") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->example_button));
}

GListModel *
upp_rounds_page_get_rounds (UppRoundsPage *self)
{
  g_return_val_if_fail (UPP_IS_ROUNDS_PAGE (self), NULL);

  return G_LIST_MODEL (self->visible_rounds);
}

static gboolean
filter_round (gpointer item,
              gpointer user_data)
{
  UppRoundsPage *self = user_data;

  return !g_hash_table_contains (self->hidden, upp_round_get_uuid (UPP_ROUND (item)));
}

static void
on_list_activate_cb (UppRoundsPage *self,
                     guint          position)
{
  g_autoptr(UppRound) round = g_list_model_get_item (G_LIST_MODEL (self->visible_rounds), position);

  if (round != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-round", "s",
                                upp_round_get_uuid (round));
}

static void
on_example_imported_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(UppRoundsPage) self = user_data;
  g_autoptr(UppImportResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *units = NULL;
  g_autofree char *answers = NULL;

  imported = upp_session_import_example_finish (UPP_SESSION (source), result, &error);
  /* The page went with its window meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->example_button), TRUE);
  if (imported == NULL)
    {
      message = g_strdup_printf (_("Could not open the example: %s"), error->message);
      upp_toast_show (GTK_WIDGET (self), message);
      return;
    }

  for (guint i = 0; imported->warnings != NULL && i < imported->warnings->len; i++)
    g_message ("%s", (const char *) g_ptr_array_index (imported->warnings, i));

  units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units",
                                        imported->n_units),
                           imported->n_units);
  answers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers",
                                          imported->n_answers),
                             imported->n_answers);
  /* Translators: e.g. "Example opened: 11 units, 44 answers". */
  message = g_strdup_printf (_("Example opened: %s, %s"), units, answers);
  upp_toast_show (GTK_WIDGET (self), message);
  /* The rounds model holds the new round by now: the session read it before this callback. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-round", "s", imported->round_uuid);
}

static void
on_example_clicked_cb (UppRoundsPage *self)
{
  if (self->session == NULL || upp_session_get_store (self->session) == NULL)
    return;

  /* Once: a second click while it imports would make a second round. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->example_button), FALSE);
  upp_session_import_example_async (self->session, self->cancellable, on_example_imported_cb,
                                    g_object_ref (self));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, upp_round_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  upp_round_row_set_round (UPP_ROUND_ROW (gtk_list_item_get_child (item)),
                           gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  upp_round_row_set_round (UPP_ROUND_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_rounds_changed_cb (UppRoundsPage *self)
{
  update_visible_page (self);
}

static void
upp_rounds_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UppRoundsPage *self = UPP_ROUNDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_rounds_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UppRoundsPage *self = UPP_ROUNDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_rounds_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_rounds_page_dispose (GObject *object)
{
  UppRoundsPage *self = UPP_ROUNDS_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_ROUNDS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->visible_rounds);
  g_clear_object (&self->session);
  g_clear_pointer (&self->hidden, g_hash_table_unref);

  G_OBJECT_CLASS (upp_rounds_page_parent_class)->dispose (object);
}

static void
upp_rounds_page_class_init (UppRoundsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_rounds_page_dispose;
  object_class->get_property = upp_rounds_page_get_property;
  object_class->set_property = upp_rounds_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-rounds-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UppRoundsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, UppRoundsPage, example_button);
  gtk_widget_class_bind_template_child (widget_class, UppRoundsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, UppRoundsPage, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_example_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
}

static void
upp_rounds_page_init (UppRoundsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_menu_model (self->menu_button, upp_primary_menu_get ());

  self->cancellable = g_cancellable_new ();
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->visible_rounds =
    gtk_filter_list_model_new (NULL, GTK_FILTER (gtk_custom_filter_new (filter_round, self,
                                                                         NULL)));
  g_signal_connect_object (self->visible_rounds, "items-changed",
                           G_CALLBACK (on_rounds_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->visible_rounds)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (selection);
}
