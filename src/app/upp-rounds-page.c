/* upp-rounds-page.c: the list of follow-up rounds, or the offer of the example
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-rounds-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "import/import-dalarna.h"
#include "upp-round-row.h"
#include "upp-round.h"
#include "upp-rounds-page.h"
#include "upp-store.h"
#include "upp-window.h"

#define EXAMPLE_URI "resource:///se/uppfoljning/core/dalarna-example.txt"

struct _UppRoundsPage
{
  GtkWidget           parent_instance;

  UppStore           *store;
  GListStore         *rounds;
  GtkFilterListModel *visible_rounds;
  GHashTable         *hidden;

  /* Template widgets */
  GtkStack           *content_stack;
  GtkButton          *example_button;
  GtkListView        *list_view;
  GtkMenuButton      *menu_button;
};

G_DEFINE_FINAL_TYPE (UppRoundsPage, upp_rounds_page, GTK_TYPE_WIDGET)

static void
update_visible_page (UppRoundsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->visible_rounds));

  gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "list" : "empty");
}

void
upp_rounds_page_load (UppRoundsPage *self,
                      UppStore      *store)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (UPP_IS_ROUNDS_PAGE (self));

  g_set_object (&self->store, store);

  rounds = upp_store_list_rounds (store, &error);
  if (rounds == NULL)
    {
      g_warning ("Could not list the rounds: %s", error->message);
      g_list_store_remove_all (self->rounds);
    }
  else
    {
      g_list_store_splice (self->rounds, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rounds)),
                           rounds->pdata, rounds->len);
    }

  update_visible_page (self);
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
  UppWindow *window = UPP_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  if (round != NULL)
    upp_window_show_round (window, round);
}

static void
on_example_clicked_cb (UppRoundsPage *self)
{
  UppWindow *window = UPP_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr(GFile) file = g_file_new_for_uri (EXAMPLE_URI);
  g_autoptr(UppImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *units = NULL;
  g_autofree char *answers = NULL;

  if (self->store == NULL)
    return;

  result = upp_import_dalarna_file (self->store, file, 0, &error);
  if (result == NULL)
    {
      message = g_strdup_printf (_("Could not open the example: %s"), error->message);
      upp_window_show_toast (window, message);
      return;
    }

  for (guint i = 0; result->warnings != NULL && i < result->warnings->len; i++)
    g_message ("%s", (const char *) g_ptr_array_index (result->warnings, i));

  units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units", result->n_units),
                           result->n_units);
  answers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers",
                                          result->n_answers),
                             result->n_answers);
  /* Translators: e.g. "Example opened: 11 units, 44 answers". */
  message = g_strdup_printf (_("Example opened: %s, %s"), units, answers);
  upp_window_show_toast (window, message);
  upp_window_reload (window, result->round_uuid);
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
  UppRound *round = gtk_list_item_get_item (item);
  UppRoundRow *row = UPP_ROUND_ROW (gtk_list_item_get_child (item));
  g_autofree char *label = NULL;

  upp_round_row_set_round (row, round);

  /* Screen readers and the GUI tests read the row by what it shows. */
  label = g_strdup_printf ("%d %s %s", upp_round_get_year (round),
                           upp_round_get_region_name (round), upp_round_get_title (round));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
upp_rounds_page_dispose (GObject *object)
{
  UppRoundsPage *self = UPP_ROUNDS_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_ROUNDS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->visible_rounds);
  g_clear_object (&self->rounds);
  g_clear_object (&self->store);
  g_clear_pointer (&self->hidden, g_hash_table_unref);

  G_OBJECT_CLASS (upp_rounds_page_parent_class)->dispose (object);
}

static void
upp_rounds_page_class_init (UppRoundsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_rounds_page_dispose;

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

  gtk_menu_button_set_menu_model (self->menu_button, upp_window_get_primary_menu ());

  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rounds = g_list_store_new (UPP_TYPE_ROUND);
  self->visible_rounds =
    gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rounds)),
                               GTK_FILTER (gtk_custom_filter_new (filter_round, self, NULL)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->visible_rounds)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (selection);
}
